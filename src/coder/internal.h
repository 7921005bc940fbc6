/* internal.h — what the coder's files share; not part of any interface. */
#ifndef DYAD_CODER_INTERNAL_H
#define DYAD_CODER_INTERNAL_H

#include <stdbool.h>
#include "coder/coder.h"
#include "syntax/syntax.h"

size_t dy_build_mentions(const dy_coder_env *env, const dy_sentence *s, const dy_tokkey *keys,
                         int32_t date, dy_mention *out, size_t max);

#define DY_VIEW_MAX_TOKENS 512

/* The parse of the sentence with each mention merged into one token. */
typedef struct {
    bool on;                    /* a parse is available */
    uint16_t n;                 /* reduced tokens */
    int16_t red_of[DY_VIEW_MAX_TOKENS];      /* token -> reduced token */
    int16_t mention_of[DY_VIEW_MAX_TOKENS];  /* reduced token -> mention, -1 */
    uint32_t start_of[DY_VIEW_MAX_TOKENS];   /* reduced token -> first token */
    dy_token toks[DY_VIEW_MAX_TOKENS];
    dy_parsed p[DY_VIEW_MAX_TOKENS];
} dy_synview;

/* Sentence view the rule code works on. */
typedef struct {
    const dy_coder_env *env;
    const dy_sentence *s;
    const dy_tokkey *keys;
    const dy_mention *mn;
    size_t nmn;
    int16_t mention_at[512];    /* token -> mention index, -1 */
    uint8_t paren[512];         /* token inside a relative clause, apposition or brackets */
    uint8_t consumed[512];      /* token used by a matched pattern */
    dy_synview syn;
} dy_view;

/* Result of matching one verb pattern. */
typedef struct {
    int score;                  /* literal elements matched: more is more specific */
    int src, tgt;               /* mention from $ / + (or -1) */
    bool tgt_root;              /* + landed on the named actor inside "agent of actor" (PETRARCH
                                   after a ^): the target is that actor, without the agent */
    uint32_t used[16];          /* tokens matched by literal elements */
    int nused;
} dy_pmatch;

bool dy_pattern_match(const dy_view *v, const dy_pattern *p, uint32_t vstart, uint32_t vend,
                      dy_pmatch *out);

bool dy_is_break(const dy_token *t);

/* syntax_roles.c: answers from the parse; -1 / false when it cannot say. */
bool dy_syn_build(dy_view *v, dy_coder_state *st, const char *text);
int dy_syn_is_verb(const dy_view *v, uint32_t tok);          /* 1 verb, 0 not, -1 unknown */
/* The subject's mention; DY_SYN_NOT_ACTOR when the parse names a subject
 * that is no actor ("the clashes", "Mr Clarke"): no other mention may
 * stand in for it. */
#define DY_SYN_NOT_ACTOR (-2)
int dy_syn_subject(const dy_view *v, uint32_t tok, int *pron_tok);
bool dy_syn_passive(const dy_view *v, uint32_t tok, int *agent);
/* The mention of the verb's own passive subject (nsubj:pass), not one
 * shared with a conjoined verb, or of the noun a past participle modifies;
 * -1 none. */
int dy_syn_passive_subject(const dy_view *v, uint32_t tok);
/* The tokens [*from, *to) of the verb's subject phrase (subject) or of its
 * object, else its first oblique without the preposition; false: none. */
bool dy_syn_phrase(const dy_view *v, uint32_t tok, bool subject, uint32_t *from, uint32_t *to);
/* The tokens of the first conjunct joined to the verb's subject ("death and
 * injury toll": "injury toll"), without its conjunction; false: none. */
bool dy_syn_subject_conjunct(const dy_view *v, uint32_t tok, uint32_t *from, uint32_t *to);
/* "Ithilen's sheep and goats of Gondor warned": the mention a common-noun
 * conjunct of the verb's subject stands for (Gondor), when the subject
 * stands for one too; -1 none. */
int dy_syn_subject_conjunct_mention(const dy_view *v, uint32_t tok);
/* places: a mention after "in", "at" ... may be the object (visits, force,
 * violence); otherwise such an oblique is where it happened, not whom. */
int dy_syn_object(const dy_view *v, uint32_t tok, bool places, bool first_obl);
/* The parse puts mention m deeper than the verb's object or in another
 * verb's clause (syntax_roles.c); false when it cannot say. */
bool dy_syn_buried_target(const dy_view *v, uint32_t tok, uint32_t end, int m);
/* Is mention m introduced by a preposition of place or time ("in Brussels",
 * "at the White House", "during"...)? */
bool dy_locative_mention(const dy_view *v, int m);

/* coder.c's rules that clauses.c (TABARI's clause model) shares. */
const dy_pattern *dy_coder_best_pattern(const dy_view *v, const dy_verb *verb, uint32_t vs, uint32_t ve,
                                        dy_wordset sbits, dy_pmatch *bm);
/* The verb at [vs, ve)'s best pattern, and whether it spells out the word
 * right before the form ("raised its *", "has not *"): that says how the
 * dictionary reads this use, and the noun and negation tests give way. */
const dy_pattern *dy_coder_verb_reading(const dy_view *v, const dy_verb *verb, uint32_t vs, uint32_t ve,
                                        dy_wordset sbits, dy_pmatch *bm, bool *spelled);
void dy_coder_resolve(dy_coder_state *st, const dy_mention *m, char *out, size_t n);
size_t dy_coder_emit_each(dy_coded *ev, size_t nev, size_t max, int src, int tgt, const char *code,
                          uint32_t vs, uint32_t ve, const char *file, uint32_t line,
                          const char *src_code, const char *tgt_code);

#endif
