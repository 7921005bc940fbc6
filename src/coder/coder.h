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
    char country[4];
    uint32_t entry;             /* actor entry of the named actor (coreference) */
    uint16_t group;             /* compound group: mentions joined by "and" / "," */
    uint8_t person;             /* a named individual (dated or personal entry) */
    uint8_t agent_only;         /* no country or named actor, just an agent ("police") */
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
    char src_code[24], tgt_code[24];   /* final codes (after coreference) */
} dy_coded;

typedef struct {
    /* story memory for coreference */
    char last_person[24];
    char last_actor[24];
    char speaker[24];
    struct { char agent[8]; char code[24]; } roles[16];
    size_t nroles;
    FILE *explain;
    int require_dyad;                 /* drop events without two known actors */
    struct dy_parse_scratch *ps;      /* the worker's parser scratch (with env->parser) */
    char namebuf[8192];               /* merged mention tokens for the parser */
} dy_coder_state;

void dy_coder_begin_story(dy_coder_state *st);

/* Codes one sentence.  keys: dy_dict_keys of toks.  Fills mentions and
 * events (returns the number of events).  All arrays are caller-provided. */
size_t dy_code_sentence(const dy_coder_env *env, dy_coder_state *st,
                        const dy_sentence *s, const char *text, const dy_tokkey *keys,
                        int32_t date, dy_mention *mentions, size_t *nmentions,
                        dy_coded *events, size_t max_events);

#endif
