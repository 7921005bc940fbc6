/* clauses.h — TABARI's clause model: a second coding path, in dictionary
 * pattern order and without the parse's subjects and objects, that only
 * TABARI's validation suite turns on (worker option "tabari_clauses").
 *
 * TABARI (manual 5.8, 7.6, 7.8, 8.5, 8.6) codes a sentence by clauses: it
 * first drops comma-delimited phrases of a given length ("COMMA:"), splits
 * what is left at conjunctions, and codes the first verb of each clause
 * that yields an event (CODE BY CLAUSE, its default; CODE ALL codes every
 * verb).  The source is the first actor before the verb, counted from the
 * start of the sentence and carried into later clauses unless an actor
 * opens the clause; the target the first actor after the verb with another
 * code, else the first one before it.  Right for the suite, wrong for news
 * (where "A said B attacked C" is B's attack), so never the default. */
#ifndef DYAD_CODER_CLAUSES_H
#define DYAD_CODER_CLAUSES_H

#include "coder/internal.h"

/* Codes the sentence of v (mentions built, parse optional) by TABARI's
 * clauses into ev; returns the number of events. */
size_t dy_code_clauses(dy_view *v, dy_coder_state *st, const char *text, dy_wordset sbits,
                       dy_coded *ev, size_t max);

/* Parses a "comma" option value, "off" or six numbers "MIN,MAX,EMIN,EMAX,
 * BMIN,BMAX" (TABARI's COMMA: limits), into st.  -1 for a bad value. */
int dy_clauses_set_comma(dy_coder_state *st, const char *value);

/* Parses a "complex" option value, "VERBS,CONJ,NOACTPRIOR" (TABARI's
 * COMPLEX: VERBS[n] CONJ[n] NOACTPRIOR; 0 turns a condition off). */
int dy_clauses_set_complex(dy_coder_state *st, const char *value);

/* TABARI's default COMMA: limits (MIN 2 MAX 10 EMIN 2 EMAX 10 BMIN 128
 * BMAX 0: the opening phrase is never dropped). */
void dy_clauses_reset(dy_coder_state *st);

#endif
