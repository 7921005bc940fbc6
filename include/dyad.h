/* dyad.h — the public interface of libdyad: English news text in, CAMEO
 * political events out.
 *
 * Usage:
 *     dyad_config cfg; dyad_config_init(&cfg);
 *     dyad *d = dyad_open(&cfg, err, sizeof err);     // dictionaries, model
 *     dyad_worker *w = dyad_worker_new(d);            // one per thread
 *     dyad_code_story(w, &story, on_event, user);     // any number of times
 *     dyad_worker_free(w); dyad_close(d);
 *
 * Invariants: a dyad handle is immutable after dyad_open and may be shared by
 * any number of threads, each with its own worker.  Every pointer inside a
 * dyad_event is valid only during the callback that receives it.  Memory used
 * while coding one story is bounded and reused for the next. */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_VERSION "0.1.0"

typedef struct dyad dyad;
typedef struct dyad_worker dyad_worker;

/* Dictionary kinds, for dyad_config.dicts. */
typedef enum {
    DYAD_DICT_ACTORS, DYAD_DICT_AGENTS, DYAD_DICT_VERBS, DYAD_DICT_DISCARDS, DYAD_DICT_ISSUES
} dyad_dict_kind;

typedef struct {
    dyad_dict_kind kind;
    const char *path;
    int whole_words;                /* PETRARCH reading: unmarked words are whole words, not stems */
    int gapped;                     /* TABARI reading: a blank in an actor phrase allows words between */
} dyad_dict_file;

typedef struct {
    int use_default_dictionaries;   /* 1 (default): load the bundled dictionaries first */
    const dyad_dict_file *dicts;    /* extra dictionaries, loaded in order */
    size_t ndicts;
    const char *datadir;            /* NULL: $DYAD_DATADIR, the source tree, then the install prefix */
    const char *model;              /* parser model path; NULL: the bundled one if present */
    int use_parser;                 /* 1 (default) when a model is available */
    FILE *warnings;                 /* where "file:line: reason" goes; NULL = stderr */
    int quiet;                      /* 1: count malformed dictionary lines, print none */
    int allow_monadic;              /* 1: also emit events with one known actor (default: dyads only) */
    const char *gazetteer;          /* gazetteer index; NULL: $DYAD_GAZETTEER, the build's, the installed one,
                                       else built-in countries and capitals (with a notice) */
    int no_locate;                  /* 1: events get no location (for measuring what locating costs) */
} dyad_config;

/* Where an event happened; filled by the geolocation stage when present. */
typedef struct {
    const char *name;
    char country[4];                /* ISO 3166-1 alpha-3 */
    const char *admin1;
    double lat, lon;
    long geonames_id;               /* 0 when not a GeoNames place */
    const char *precision;          /* "city", "admin1" or "country" */
    const char *from;               /* "sentence", "dateline" or "actor" */
} dyad_location;

/* One coded event.  Strings are never NULL ("" when absent). */
typedef struct {
    const char *story_id;
    int sentence;                   /* 0-based sentence index within the story */
    char date[11];                  /* YYYY-MM-DD */
    const char *source, *target;    /* full actor codes, e.g. "RUSGOV" */
    char source_country[4], target_country[4];
    char code[5], root_code[3];     /* "040" / "04", "0311" / "03" */
    const char *event_name;
    int quad_class;                 /* 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict */
    double goldstein;
    const dyad_location *location;  /* NULL when not located */
    const char *text;               /* the sentence */
    const char *source_text, *target_text, *verb_text;
    const char *rule;               /* dictionary file:line of the pattern that fired */
    const char *const *issues;      /* NULL-terminated list of issue labels */
    /* Story metadata, for stores and exports. */
    const char *story_source, *story_url, *story_title, *dateline_place;
} dyad_event;

/* A story as the library takes it.  text is UTF-8 (repaired if invalid). */
typedef struct {
    const char *id;
    const char *date;               /* YYYY-MM-DD, or NULL/"" to use default_date */
    const char *text;
    size_t text_len;
    const char *title, *source, *url;
    const char *file;               /* where it came from, for messages (may be NULL) */
    long line;
} dyad_story;

typedef int (*dyad_event_fn)(const dyad_event *ev, void *user);

/* Per-story result counters.  The library prints nothing per story: the
 * caller reports skips and repairs (the CLI does, with file and line). */
typedef struct {
    size_t sentences, events;
    size_t repairs;                 /* invalid bytes / control characters replaced */
    int skipped;                    /* 1 when the story was not coded */
    const char *skip_reason;        /* when skipped: "no-date", "bad-date" or "discarded" */
} dyad_story_stats;

void dyad_config_init(dyad_config *cfg);
dyad *dyad_open(const dyad_config *cfg, char *err, size_t errlen);
void dyad_close(dyad *d);

dyad_worker *dyad_worker_new(const dyad *d);
void dyad_worker_free(dyad_worker *w);

/* Tracing for --explain: a human-readable account of each sentence. NULL stops it. */
void dyad_worker_set_explain(dyad_worker *w, FILE *out);

/* Per-worker coding options that may change between stories (validation
 * suites switch them record by record): "require_dyad", "convert_agents",
 * "code_by_sentence", "place_targets", "forward" = "true"/"false"; "min_words" = a count (0
 * off); "forward_reset" (any value) forgets the forwarded actor;
 * "default_source", "default_target" = an actor code or "";
 * "tabari_clauses" = "true"/"false" codes by TABARI's clause model instead
 * of the parse (TABARI's suite only; with it "code_all", "default_prior",
 * "default_after" = "true"/"false", "comma" = "off" or "MIN,MAX,EMIN,EMAX,
 * BMIN,BMAX", "complex" = "VERBS,CONJ,NOACTPRIOR"); "time_shift" =
 * "true"/"false" moves an event's date by the first of TABARI's <TIME>
 * phrases in its sentence ("yesterday" [-1]); PETRARCH's readings
 * "agent_dyads", "passive_needs_agent", "petrarch_phrases",
 * "petrarch_commas" = "true"/"false", "comma_min" ... "comma_emax",
 * "new_actor_length" = a count (docs/validation.md, "Suite options").
 * Returns 0, or -1 for an unknown option or value. */
int dyad_worker_set_option(dyad_worker *w, const char *name, const char *value);

/* Codes one story; calls fn for each event in order.  Returns 0, or the first
 * non-zero value fn returned (which stops coding that story). */
int dyad_code_story(dyad_worker *w, const dyad_story *story, const char *default_date,
                    dyad_event_fn fn, void *user, dyad_story_stats *stats);

/* Number of dictionary entries loaded, and of malformed lines skipped. */
size_t dyad_dictionary_entries(const dyad *d);
size_t dyad_dictionary_errors(const dyad *d);

#ifdef __cplusplus
}
#endif
#endif
