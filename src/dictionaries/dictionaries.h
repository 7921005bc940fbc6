/* dictionaries.h — the field's dictionaries, loaded and matched.
 *
 * Reads the standard formats: TABARI / PETRARCH-1 actors (synonym lines with
 * "+", "[CODE date-restriction]" lines, <NOUN>/<ADJECTIVE> blocks), agents
 * ("[~GOV]", "[IGO~]", "{plural}" forms, !SUBST! substitutions), verbs (TABARI
 * roots, "{forms}", patterns with * $ + % ^, "&SYNSET"s, PETRARCH-2's
 * CAMEO.2.0 format with (PP) and {NP} groups), discards (sentence and "+"
 * story level) and Phoenix issue files.  Dictionary words are case-insensitive
 * and stored in their dy_text_norm form; a word ending in "_" matches exactly,
 * one without it is a TABARI stem (prefix match), and the last word of an
 * actor, agent or noun phrase also matches its regular endings (-s, -'s, -es,
 * -ed, -en, -ing).
 *
 * Invariants: a malformed line is reported as file:line: reason and skipped,
 * never fatal.  After dy_dict_freeze the dictionary is read-only and may be
 * used by many threads at once.  Matching never allocates. */
#ifndef DYAD_DICTIONARIES_H
#define DYAD_DICTIONARIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "text/text.h"
#include "util/diag.h"

typedef struct dy_dict dy_dict;

typedef enum {
    DY_DICT_ACTORS, DY_DICT_AGENTS, DY_DICT_VERBS, DY_DICT_DISCARDS, DY_DICT_ISSUES
} dy_dict_kind;   /* same values as dyad_dict_kind */

dy_dict *dy_dict_new(void);
void dy_dict_free(dy_dict *d);
/* Loads one file.  Returns the number of entries read, or -1 (reported) when
 * the file cannot be read.  Verbs files in either format are detected. */
long dy_dict_load(dy_dict *d, dy_dict_kind kind, const char *path, dy_diag *diag);
void dy_dict_freeze(dy_dict *d);
/* Appends everything src holds to dst and frees src, as if src's files had
 * been loaded into dst after its own: one thread may load the actors,
 * agents, discards and issues while another loads the verbs.  src must hold
 * no verbs (a verbs file may use the synsets of an earlier one); false, with
 * nothing changed, when it does or either is frozen. */
bool dy_dict_merge(dy_dict *dst, dy_dict *src);
/* For the files loaded from now on: words without "_" match whole words only
 * (PETRARCH's reading) instead of being TABARI prefix stems. */
void dy_dict_set_whole_words(dy_dict *d, bool on);
/* For the actors and agents files loaded from now on: a blank between two
 * words of a phrase ("PRINCE DOL_AMROTH") lets up to DY_DICT_MAX_GAP plain
 * words stand between them ("the Prince of Dol Amroth"), as TABARI reads a
 * blank; "_" still joins words.  Off by default: news dictionaries mean
 * adjacent words either way. */
void dy_dict_set_gapped(dy_dict *d, bool on);
#define DY_DICT_MAX_GAP 2
/* Whether some file was loaded with the TABARI (gapped) reading: the coder
 * then follows TABARI's agent conventions too, e.g. an agent before a list
 * ("the ambassadors of A, B and C") belongs to the first actor only. */
bool dy_dict_tabari_reading(const dy_dict *d);
/* Were the files read as PETRARCH's whole words (dy_dict_set_whole_words)? */
bool dy_dict_whole_words(const dy_dict *d);
size_t dy_dict_entries(const dy_dict *d);       /* all kinds */
size_t dy_dict_errors(const dy_dict *d);        /* malformed lines skipped */

/* Per-token lookup keys, computed once per sentence by dy_dict_keys. */
#define DY_TOKKEY_BASES 3
#define DY_TOKKEY_STEMS 6
typedef struct {
    uint32_t word;      /* lexicon id of the token's norm; 0 when no dictionary uses it */
    uint32_t base;      /* id after removing one regular ending; 0 when none */
    /* Additions: every base found ("uses" -> "use" and "us"), base == bases[0];
     * and the dictionary stems that are proper prefixes of the token, longest
     * first ("russians" -> "russian", "russ").  Both only hold lexicon ids. */
    uint32_t bases[DY_TOKKEY_BASES];
    uint32_t stems[DY_TOKKEY_STEMS];
    uint8_t nbases, nstems;
} dy_tokkey;

void dy_dict_keys(const dy_dict *d, const dy_token *toks, size_t n, dy_tokkey *out);
uint32_t dy_dict_word_id(const dy_dict *d, const char *norm);   /* 0 when unknown */

/* ---- actors and agents ---- */
enum { DY_M_ACTOR = 1, DY_M_AGENT = 2 };

typedef struct {
    uint32_t start, end;        /* token span [start, end) */
    uint8_t kind;               /* DY_M_ACTOR or DY_M_AGENT */
    const char *code;           /* for the story date: "RUSGOV", "~GOV", "IGO~"; "---" null code */
    const char *phrase;         /* the entry's first phrase, for explanations */
    uint32_t entry;             /* entry number: synonyms share it (used for coreference) */
    const char *file;
    uint32_t line;
} dy_actor_match;

/* Actors and agents in toks: within each kind longest match first and
 * non-overlapping; the two kinds may overlap each other.  Sorted by start.
 * date is days since 1970-01-01 (date restrictions are applied to it).
 * Returns the number of matches written (at most max). */
size_t dy_dict_match_actors(const dy_dict *d, const dy_token *toks, const dy_tokkey *keys,
                            size_t n, int32_t date, dy_actor_match *out, size_t max);

/* ---- discards and issues ---- */
/* A discard phrase in toks, or NULL.  *story_level is set when the entry
 * discards the whole story ("+" entries). */
const char *dy_dict_match_discard(const dy_dict *d, const dy_token *toks, const dy_tokkey *keys,
                                  size_t n, int *story_level);
/* Issue labels in toks (deduplicated); returns count written. */
size_t dy_dict_match_issues(const dy_dict *d, const dy_token *toks, const dy_tokkey *keys,
                            size_t n, const char **out, size_t max);

/* ---- verbs ---- */
typedef enum {
    DY_PE_WORD,        /* a literal word (id = lexicon id) */
    DY_PE_SYNSET,      /* &NAME (id = synset number) */
    DY_PE_VERB,        /* *  the verb itself */
    DY_PE_SOURCE,      /* $  the source actor */
    DY_PE_TARGET,      /* +  the target actor */
    DY_PE_COMPOUND,    /* %  compound: source and target in one actor list */
    DY_PE_SKIP,        /* ^  skip one noun phrase */
    DY_PE_LPAREN, DY_PE_RPAREN,   /* ( ) a prepositional phrase (PETRARCH-2) */
    DY_PE_LBRACE, DY_PE_RBRACE,   /* { } a noun phrase (PETRARCH-2) */
} dy_pelem_kind;

typedef struct {
    uint8_t kind;           /* dy_pelem_kind */
    uint8_t adjacent;       /* joined to the previous element with "_": no words between */
    uint8_t stem;           /* DY_PE_WORD without a trailing "_": prefix match */
    uint32_t id;
    uint8_t exact;          /* DY_PE_WORD of a whole-words (PETRARCH) pattern: the text's
                               own form only, no regular ending stripped ("EFFORT" is
                               not "efforts") */
} dy_pelem;

/* A 256-bit summary of a set of lexicon ids, for quick "can this pattern
 * match here" tests: one bit per id.  dy_dict_sentence_bits sets those of
 * every id a sentence's tokens can match (words, bases, stems); a pattern
 * whose literal words' bits are not all set cannot match.  (With 64 bits a
 * news sentence set most of them: 700,000 patterns of bench_world_news were
 * tried for 3,000 matches.) */
typedef struct { uint64_t w[4]; } dy_wordset;
static inline void dy_wordset_add(dy_wordset *s, uint32_t id) {
    uint32_t b = (uint32_t)(id * 2654435761u) >> 24;
    s->w[b >> 6] |= 1ull << (b & 63);
}
/* Does have lack a bit of need? */
static inline bool dy_wordset_lacks(dy_wordset have, dy_wordset need) {
    return ((need.w[0] & ~have.w[0]) | (need.w[1] & ~have.w[1]) | (need.w[2] & ~have.w[2]) |
            (need.w[3] & ~have.w[3])) != 0;
}

typedef struct {
    const dy_pelem *elems;
    uint16_t nelem;
    uint16_t verb_index;    /* index of the DY_PE_VERB element */
    char code[8];           /* "036", "1041"; "---" means the pattern blocks coding */
    char alt_code[8];       /* second code of PETRARCH-2 "[042:043]"; "" when none */
    dy_wordset need;        /* every literal word: a sentence lacking one of these bits
                               cannot match (checked before matching) */
    const char *file;
    uint32_t line;
    char prio;              /* TABARI '!' dominant, '?' subordinate, 0 normal (stripped from code) */
    uint16_t score;         /* specificity of a match: 2 per word or synset, 1 per actor; a
                               verb's patterns are in descending score order, so the first
                               that matches is the most specific */
} dy_pattern;

typedef struct {
    const char *lemma;      /* the root's norm, e.g. "meet" */
    char code[8];
    char alt_code[8];       /* second code of "[032:033]" (the target's reply); "" when none */
          /* code of the bare verb; "---" when it codes nothing by itself */
    const dy_pattern *pats; /* longest (most specific) first */
    uint32_t npats;
    const char *file;
    uint32_t line;
    const char *family;     /* PETRARCH-2 family ("MEET_PEOPLE"), else the TABARI root as written */
    char prio;              /* '!' / '?' of the bare verb's code, else 0 */
} dy_verb;

/* The verb whose form (one or more tokens: "shot down") starts at toks[i],
 * longest form first; *len gets the number of tokens.  NULL when none. */
const dy_verb *dy_dict_verb_at(const dy_dict *d, const dy_token *toks, const dy_tokkey *keys,
                               size_t n, size_t i, size_t *len);

dy_wordset dy_dict_sentence_bits(const dy_tokkey *keys, size_t n);

/* Is the token listed (or its regular base) in an actors file's <NOUN> or
 * <ADJECTIVE> block, so that it is never a verb? */
bool dy_dict_not_verb(const dy_dict *d, const dy_tokkey *k);
/* Which of those blocks lists the token (or its regular base): DY_WC_NOUN,
 * DY_WC_ADJ, both or 0.  TABARI uses them to tell "sheep and goats", "awful
 * and evil" from conjunctions that open a clause (manual 7.5.1). */
enum { DY_WC_NOUN = 1, DY_WC_ADJ = 2 };
int dy_dict_word_class(const dy_dict *d, const dy_tokkey *k);

/* TABARI's time-shift phrases (a verbs file's <TIME> block, manual 10.5):
 * the shift in days of the first phrase in toks (the longest where two
 * start together) into *days; false when none.  They are kept as synsets
 * named DY_TIME_SYNSET and the shift ("<TIME>-1"). */
#define DY_TIME_SYNSET "<TIME>"
bool dy_dict_time_shift(const dy_dict *d, const dy_token *toks, const dy_tokkey *keys, size_t n, int *days);

/* Does toks[i] match the word element e (exact, stem or regular ending)? */
bool dy_dict_word_matches(const dy_dict *d, const dy_pelem *e, const dy_token *t,
                          const dy_tokkey *k);
/* Tokens matched by a member of synset s at toks[i], longest first; 0 = none. */
size_t dy_dict_synset_match(const dy_dict *d, uint32_t s, const dy_token *toks,
                            const dy_tokkey *keys, size_t n, size_t i);
const char *dy_dict_synset_name(const dy_dict *d, uint32_t s);
const char *dy_dict_word_text(const dy_dict *d, uint32_t id);   /* for explanations */

/* ---- additions: statistics ---- */
size_t dy_dict_count(const dy_dict *d, dy_dict_kind kind);  /* entries of one kind */
size_t dy_dict_patterns(const dy_dict *d);                  /* verb patterns */
size_t dy_dict_synsets(const dy_dict *d);
size_t dy_dict_lexicon_size(const dy_dict *d);
/* Lines of recognised sections dyad does not use (TABARI <NOUN>, <ADJECTIVE>,
 * <TIME>, PETRARCH-2 "~" transformations): skipped, counted here. */
size_t dy_dict_ignored(const dy_dict *d);

#endif
