/* text.h — tokens and sentences: dyad's tokeniser and sentence splitter.
 *
 * The tokeniser follows Penn Treebank / UD English conventions where they help
 * matching and parsing ("didn't" -> "did" "n't", "Japan's" -> "Japan" "'s",
 * punctuation split off), but keeps together what news needs whole:
 * abbreviations and initials ("U.S.", "Gen.", "J."), decimals and numbers
 * ("3.5", "1,400"), hyphenated names ("al-Qaeda", "Russian-Japanese").
 *
 * Invariants: token spans are byte offsets into the text given to dy_split and
 * never overlap; every non-space byte of the text belongs to exactly one token;
 * sentences cover tokens in order; all memory comes from the caller's arena. */
#ifndef DYAD_TEXT_H
#define DYAD_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include "util/util.h"

enum {
    DY_TF_CAP      = 1 << 0,  /* first letter upper case ("Moscow", "U.S.") */
    DY_TF_ALLCAP   = 1 << 1,  /* every letter upper case, at least 2 letters ("NATO") */
    DY_TF_PUNCT    = 1 << 2,  /* punctuation only */
    DY_TF_NUMBER   = 1 << 3,  /* digits, with optional , . separators */
    DY_TF_QUOTE    = 1 << 4,  /* a quotation mark (straight or curly, single or double) */
    DY_TF_ABBREV   = 1 << 5,  /* ends in a period that belongs to the token ("Gen.") */
    DY_TF_HYPHEN   = 1 << 6,  /* contains an inner hyphen */
    DY_TF_INQUOTE  = 1 << 7,  /* inside a quotation (which may span sentences and
                                 paragraphs); the quotation marks themselves are not */
};

typedef struct {
    uint32_t start, end;      /* byte span in the text given to dy_split */
    const char *form;         /* surface form, NUL-terminated */
    const char *norm;         /* matching form: lower case, curly quotes and apostrophes
                                 to ASCII, dashes to "-", NFKC */
    uint16_t flags;
} dy_token;

typedef struct {
    uint32_t start, end;      /* byte span of the sentence */
    dy_token *toks;
    uint32_t ntok;
} dy_sentence;

/* Splits text (UTF-8, already valid) into sentences of tokens.  Returns the
 * number of sentences; *out points into the arena. */
size_t dy_split(dy_arena *a, const char *text, size_t len, dy_sentence **out);

/* Tokenises one piece of text as a single sentence (no splitting). */
dy_sentence dy_tokenize(dy_arena *a, const char *text, size_t len);

/* Repairs text for processing: invalid UTF-8 bytes become U+FFFD, control
 * characters other than \n and \t become spaces, CR LF becomes LF.  Returns
 * the number of repairs made; *out is NUL-terminated, in the arena. */
size_t dy_text_repair(dy_arena *a, const char *text, size_t len, char **out, size_t *out_len);

/* Lower-cases and normalises one word as dy_token.norm is (for dictionaries). */
char *dy_text_norm(dy_arena *a, const char *s, size_t n);
/* The same for ASCII text, into out (n bytes, not terminated); false, with
 * out undefined, when s holds a non-ASCII byte (then use dy_text_norm). */
bool dy_text_norm_ascii(char *out, const char *s, size_t n);

#endif
