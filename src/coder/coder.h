/* coder.h — finds who did what to whom in one tokenised sentence.
 *
 * The coder is a sparse pattern coder in the TABARI tradition: actors come
 * from dictionary matches (combined into mentions such as "Russian Foreign
 * Minister Sergey Lavrov" -> RUSGOV and grouped into compounds such as
 * "Saudi Arabia, Egypt and Bahrain"), events from verb patterns; source and
 * target are chosen by clause-aware rules (passive voice, relative clauses and
 * appositions skipped, reported speech, negation, pronouns and roles resolved
 * against earlier sentences of the story).
 *
 * Invariants: dy_coder_env is read-only and shared by threads; dy_coder_state
 * is one per worker and carries story memory (reset by dy_coder_begin_story);
 * coding a sentence allocates only from the caller's arena. */
#ifndef DYAD_CODER_H
#define DYAD_CODER_H

#include <stdint.h>
#include <stdio.h>

#include "coder/cameo.h"
#include "dictionaries/dictionaries.h"
#include "text/text.h"

#define DY_MAX_MENTIONS 128
#define DY_MAX_EVENTS 64

struct dy_parser;
struct dy_parse_scratch;

typedef struct {
    const dy_dict *dict;
    const dy_cameo *cameo;
    const struct dy_parser *parser;   /* NULL: surface rules only */
} dy_coder_env;

/* An actor mention: one or more adjacent dictionary matches taken together. */
typedef struct {
    uint32_t start, end;        /* token span */
    char code[24];
    char root[24];              /* the actor without its agents (FOR of FORGOVPRS); "" agent only */
    char country[4];
    uint32_t entry;             /* actor entry of the named actor (coreference) */
    uint16_t group;             /* compound group: mentions joined by "and" / "," */
    uint8_t person;             /* a named individual (dated or personal entry) */
    uint8_t agent_only;         /* no country or named actor, just an agent ("police") */
    uint32_t root_at;           /* "parliament of Gondor": where the named actor's words start
                                   after the agent's and a preposition; else start */
    const char *file;           /* dictionary entry of the main match */
    uint32_t line;
} dy_mention;

/* One event before it is turned into a dyad_event. */
typedef struct {
    int src, tgt;               /* mention indexes; tgt -1 when no target */
    char code[8];
    uint32_t vstart, vend;      /* verb tokens */
    const char *file;           /* rule */
    uint32_t line;
    int from_pronoun;           /* source resolved from story memory */
    int statement;              /* 1: a plain statement (010); 2: a bare speech verb coded
                                   otherwise ("SAID [023]"), a statement only as the frame
                                   of a later event ("said it would act") */
    char src_code[48], tgt_code[48];   /* final codes (after coreference; a new actor's
                                          quoted words, new_actor_length) */
} dy_coded;

typedef struct {
    /* story memory for coreference */
    char last_person[24];
    char last_actor[24];
    /* Sentences coded in the story, and the one that set each memory: a
     * pronoun reaches back one sentence at most (see dy_code_sentence). */
    uint32_t sent_no, person_sent, actor_sent;
    char speaker[24];
    /* Actors with a country seen in the story, newest last: a bare role
     * takes the country of the last one whose words hold its title
     * ("Chancellor Gordon Brown" ... "the chancellor"), else of the last
     * one with its agent code.  words: " chancellor gordon brown ". */
    struct { char agent[8]; char code[24]; char words[48]; } roles[16];
    size_t nroles;
    const dy_token *cur_toks;         /* the sentence being coded (for role titles) */
    FILE *explain;
    int require_dyad;                 /* drop events without two known actors */
    /* Settings a validation suite switches (dy_coder_set_option); all off
     * for news. */
    char default_source[16];          /* TABARI DEFAULT: code for a missing source ("" off) */
    char default_target[16];          /* ... and for a missing target */
    int convert_agents;               /* TABARI SET: CONVERT AGENTS: a bare agent is "~REB", an actor */
    int place_targets;                /* both suites: "in Gondor" may be any verb's target */
    int agent_dyads;                  /* PETRARCH: with require_dyad, a bare agent ("---EDU",
                                         "students") is an actor of the dyad */
    int new_actor_length;             /* PETRARCH new_actor_length: a subject or object phrase of
                                         up to this many words and no actor is an actor named
                                         by its words (0 off) */
    int petrarch_phrases;             /* PETRARCH's tree reading: with require_dyad off, an event
                                         without a target actor needs a noun phrase after its verb
                                         (the target "---"); a verb in an "after"/"when"... clause
                                         of a verb already coded is part of that event */
    int pcomma_on;                    /* PETRARCH's comma_* options in force (petrarch_commas) */
    int pcomma[6];                    /* comma_min, _max, _bmin, _bmax, _emin, _emax: verbs in a
                                         comma-delimited clause of that many words are not coded */
    int passive_needs_agent;          /* PETRARCH: a passive verb without a "by" agent is read
                                         as active ("X was criticized over Y": X the source) */
    int min_words;                    /* TABARI SET: MINIMUM WORDS: shorter sentences code nothing (0 off) */
    int code_by_sentence;             /* TABARI SET: CODE BY SENTENCE: only the first verb's events */
    int forward;                      /* TABARI FORWARD: a pronoun opening a sentence, before any
                                         actor, is the previous sentence's first actor */
    char forward_actor[24];           /* that actor's root code ("" none); kept across stories
                                         while forward is on, the caller decides when to clear */
    int tabari_clauses;               /* TABARI's clause model (clauses.c) instead of the parse */
    int code_all;                     /* ... SET: CODE ALL: every verb of a clause, not the first */
    int default_prior, default_after; /* DEFAULT: ... PRIOR / AFTER: the default replaces an actor
                                         that would be looked for across the verb */
    int comma_off;                    /* COMMA: OFF */
    int comma[6];                     /* COMMA: MIN MAX EMIN EMAX BMIN BMAX (clauses.c) */
    int complex[3];                   /* COMPLEX: VERBS[n] CONJ[n] NOACTPRIOR (0 off; clauses.c) */
    struct dy_parse_scratch *ps;      /* the worker's parser scratch (with env->parser) */
    char namebuf[8192];               /* merged mention tokens for the parser */
} dy_coder_state;

void dy_coder_begin_story(dy_coder_state *st);

/* Sets one coding option by name: "require_dyad", "convert_agents",
 * "code_by_sentence", "place_targets", "forward" ("true"/"false"/"1"/"0"), "min_words" (a
 * count, 0 off), "forward_reset" (any value: forget the forwarded actor),
 * "default_source", "default_target" (an actor code, "" for none);
 * "tabari_clauses", "code_all", "default_prior", "default_after" (booleans),
 * "comma", "complex" (clauses.h); PETRARCH's "agent_dyads",
 * "passive_needs_agent", "petrarch_phrases", "petrarch_commas" (booleans),
 * "comma_min" ... "comma_emax" and "new_actor_length" (counts).  Returns 0,
 * or -1 for an unknown name or bad value. */
int dy_coder_set_option(dy_coder_state *st, const char *name, const char *value);

/* Codes one sentence.  keys: dy_dict_keys of toks.  Fills mentions and
 * events (returns the number of events).  All arrays are caller-provided. */
size_t dy_code_sentence(const dy_coder_env *env, dy_coder_state *st,
                        const dy_sentence *s, const char *text, const dy_tokkey *keys,
                        int32_t date, dy_mention *mentions, size_t *nmentions,
                        dy_coded *events, size_t max_events);

#endif
