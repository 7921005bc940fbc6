/* syntax.h — dyad's tagger and dependency parser.
 *
 * A greedy averaged-perceptron tagger (joint UPOS + Penn XPOS) followed by a
 * greedy arc-eager transition parser (trained with a dynamic oracle) with a
 * separate arc labeller, producing Universal Dependencies trees.  Features
 * are hashed integers computed from per-token ids that are derived once per
 * sentence, so parsing allocates nothing and hashes no strings per feature.
 *
 * Invariants: a dy_parser is immutable once loaded and may be shared by any
 * number of threads, each with its own dy_parse_scratch.  dy_parse_sentence
 * always returns a single-rooted tree (exactly one token has head -1) for
 * n >= 1.  A token whose form contains a space (a multiword name the caller
 * merged) and starts upper case is tagged PROPN/NNP. */
#ifndef DYAD_SYNTAX_H
#define DYAD_SYNTAX_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "text/text.h"

typedef struct dy_parser dy_parser;                 /* a loaded model: read-only, shareable by threads */
typedef struct dy_parse_scratch dy_parse_scratch;   /* per-thread working memory, reused */

dy_parser *dy_parser_load(const char *path, char *err, size_t errlen);
void dy_parser_free(dy_parser *p);
/* The bundled model: $DYAD_PARSER_MODEL, else models/en_ewt.dyp in the source
 * tree, else in the installed data folder; NULL when none exists. */
const char *dy_parser_default_path(void);
dy_parse_scratch *dy_parse_scratch_new(const dy_parser *p);
void dy_parse_scratch_free(dy_parse_scratch *s);

typedef struct {
    uint8_t upos, xpos, deprel;
    int16_t head;               /* index of head token, -1 for root */
} dy_parsed;

/* Tags and parses toks[0..n) (form/norm/flags are used).  Returns 0 on
 * success, -1 when n is 0 or above DY_PARSE_MAX_TOKENS. */
#define DY_PARSE_MAX_TOKENS 1000
int dy_parse_sentence(const dy_parser *p, dy_parse_scratch *s, const dy_token *toks, size_t n,
                      dy_parsed *out);

/* Tag set names.  Ids are stable across models (fixed tables). */
const char *dy_upos_name(int upos);
const char *dy_xpos_name(int xpos);
const char *dy_deprel_name(int deprel);
int dy_upos_id(const char *name);       /* -1 when unknown */
int dy_xpos_id(const char *name);
int dy_deprel_id(const char *name);
int dy_upos_count(void);
int dy_xpos_count(void);
int dy_deprel_count(void);

/* ---- Training and evaluation (dyad train / eval-parse) ---- */

/* One sentence of a CoNLL-U file: syntactic words only (multiword-token
 * ranges and empty nodes are skipped).  head is 0-based, -1 for the root. */
typedef struct {
    int n;
    char **form;
    uint8_t *upos, *xpos, *deprel;
    int16_t *head;
    char *text;                 /* "# text =" comment, or NULL */
    long line;                  /* line of the first token */
} dy_conllu_sent;

typedef struct {
    dy_conllu_sent *s;
    size_t n;
} dy_treebank;

/* Reads a whole CoNLL-U file.  Malformed lines are reported as file:line:
 * reason on err (when not NULL) and the sentence is skipped.  Returns 0, or
 * -1 when the file cannot be opened. */
int dy_treebank_read(const char *path, dy_treebank *tb, FILE *err, size_t *skipped);
/* Reads the next sentence from an open stream (for dyad parse --conllu,
 * which must not hold a corpus in memory): 1 read, 0 end of input. */
int dy_conllu_next(FILE *f, const char *name, long *lineno, dy_conllu_sent *out, FILE *err,
                   size_t *skipped);
void dy_conllu_sent_free(dy_conllu_sent *s);
void dy_treebank_free(dy_treebank *tb);

/* Builds dy_tokens (form, norm, flags) for pre-tokenised words, in the arena. */
void dy_tokens_from_words(dy_arena *a, char *const *words, int n, dy_token *out);

typedef struct {
    const char *train, *dev, *out;
    const char *train_more;     /* more training sentences, appended to train (NULL: none); e.g.
                                   the dev set for a final model whose epochs were chosen on dev */
    int tag_epochs, parse_epochs;
    int relabel;                /* also train a relabeller (labels finished trees again) */
    uint64_t seed;
    double merge_prob;          /* chance a PROPN name span is merged into one token */
    double prune;               /* parser weights below this are dropped from the model */
    double prune_tagger;        /* the same for the tagger */
    FILE *log;
} dy_train_opts;

void dy_train_opts_init(dy_train_opts *o);
/* Trains tagger and parser, writes the model.  Returns 0 or -1 (message in err). */
int dy_syntax_train(const dy_train_opts *o, char *err, size_t errlen);

typedef struct {
    size_t words, sents;
    size_t upos_ok, xpos_ok, uas_ok, las_ok, las_univ_ok;
} dy_parse_eval;

/* Parses tb with gold tokenisation and accumulates scores into ev. */
void dy_parse_eval_treebank(const dy_parser *p, const dy_treebank *tb, dy_parse_eval *ev);

/* Writes one parsed sentence as CoNLL-U (id, form, _, upos, xpos, _, head, deprel). */
void dy_conllu_write(FILE *f, const dy_token *toks, size_t n, const dy_parsed *p,
                     const char *sent_id, const char *text);

#endif
