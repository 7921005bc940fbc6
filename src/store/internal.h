/* internal.h — the backend interface behind store.h.  store.c keeps the
 * story bookkeeping (which sentences are stored, event counts, ownership of
 * the metadata) so that a backend only moves rows: sqlite.c with prepared
 * statements inside one transaction per batch (a savepoint per story),
 * postgres.c by buffering a batch as COPY text and loading it at commit. */
#ifndef DYAD_STORE_INTERNAL_H
#define DYAD_STORE_INTERNAL_H

#include <stdint.h>
#include "store/store.h"
#include "util/util.h"

typedef struct {
    const char *name;
    void (*close)(dy_store *s);
    /* Starts a story: old rows of this id are to be replaced. */
    int (*begin_story)(dy_store *s, const char *id);
    int (*add_sentence)(dy_store *s, const char *story_id, int idx, const char *text);
    /* has_day 0: the event's date is not a valid date (day stored as NULL). */
    int (*add_event)(dy_store *s, const char *story_id, const dyad_event *ev, int32_t day, int has_day);
    int (*end_story)(dy_store *s, const dy_story_meta *m, size_t nsent, size_t nevents,
                     const char *ingested_at);
    void (*abort_story)(dy_store *s);
    int (*commit)(dy_store *s);
    int (*query)(dy_store *s, const char *sql, const char *const *params, int nparams,
                 dy_row_fn fn, void *user, int readonly);
} dy_store_ops;

struct dy_store {
    const dy_store_ops *ops;
    void *impl;
    dy_diag *diag;
    char err[512];
    int in_story;
    dy_story_meta meta;             /* owned copies while in_story */
    size_t story_events;
    DY_VEC(int) sents;              /* sentence indices stored for this story */
    size_t pending;
    char now[20];
};

void dy_store_seterr(dy_store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

dy_store *dy_store_sqlite_open(const char *path, char *err, size_t errlen);
dy_store *dy_store_pg_open(const char *uri, char *err, size_t errlen);

/* Schema, shared by both backends: %s in the events table is the id
 * column's type ("INTEGER PRIMARY KEY" / "BIGSERIAL PRIMARY KEY").  Entry
 * i takes the schema from version i to i+1. */
extern const char *const dy_store_migrations[DY_STORE_SCHEMA_VERSION];

/* Column list of events in insertion order (without id). */
#define DY_EVENT_COLUMNS \
    "story_id, sentence, date, day, source, target, source_country, target_country, code, " \
    "root_code, event_name, quad_class, goldstein, has_loc, loc_name, loc_country, loc_admin1, " \
    "lat, lon, geonames_id, loc_precision, loc_from, issues, source_text, target_text, " \
    "verb_text, rule"
#define DY_EVENT_NCOLS 27
#define DY_STORY_COLUMNS \
    "id, date, source, dateline_place, title, url, file, line, n_sentences, n_events, ingested_at"
#define DY_STORY_NCOLS 11

#endif
