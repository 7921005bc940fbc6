/* dict_internal.h — the dictionary's in-memory layout, shared by the loader
 * (dict_load.c) and the matcher (dict.c).
 *
 * Every dictionary word is interned once in the lexicon (norm string -> id,
 * ids dense from 1).  Phrases (actors, agents, discards, issues) and verb
 * forms are arrays of dy_dword in one pool, and after dy_dict_freeze each
 * kind is indexed by the id of its first word (CSR arrays), so matching a
 * token costs a few array reads per candidate id.  Loading appends to vectors
 * and keeps offsets, never pointers: dy_dict_freeze resolves pointers once the
 * vectors stop moving.
 *
 * Invariants: lexicon id 0 means "no word"; an id's LX_STEM flag is set iff
 * some element uses the word as a TABARI stem (prefix match), and then the
 * word's length bit is set in stem_len_mask, so dy_dict_keys probes only the
 * prefix lengths that can hit. */
#ifndef DYAD_DICT_INTERNAL_H
#define DYAD_DICT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include "dictionaries/dictionaries.h"
#include "util/util.h"

#define DY_MIN_STEM 3          /* shorter words are never stems ("AL GORE", "UN") */
#define DY_DICT_MAX_TOKENS 1024 /* tokens of one sentence the matchers look at */

/* LX_NOTVERB: listed in a <NOUN> or <ADJECTIVE> block; LX_NOUN, LX_ADJ:
 * which of the two (TABARI's compound noun and adjective phrases). */
enum { LX_STEM = 1, LX_NOTVERB = 2, LX_NOUN = 4, LX_ADJ = 8 };

/* A word of a phrase or verb form. */
enum { DW_STEM = 1, DW_END = 2, DW_GAP = 4 };   /* prefix match; regular endings allowed;
                                                   other words may come before it (TABARI gap) */
typedef struct { uint32_t id; uint8_t flags; } dy_dword;

/* Phrase kinds, also the index of the per-kind CSR. */
enum { PK_ACTOR, PK_AGENT, PK_DISCARD, PK_ISSUE, PK_COUNT };

typedef struct {
    uint32_t words;            /* offset in d->words */
    uint16_t n;
    uint8_t kind;
    uint32_t entry;            /* index in d->entries */
} dy_phrase;

typedef struct { const char *code; int32_t from, to; } dy_dcode;   /* undated: from > to */

typedef struct {
    const char *phrase;        /* first phrase, display form */
    const char *file;
    uint32_t line;
    uint32_t codes, ncodes;    /* actors and agents: range in d->codes */
    const char *label;         /* discards: phrase; issues: label (NULL: exclusion "~") */
    uint8_t kind, story;       /* story: discard applies to the whole story */
} dy_entry;

typedef struct {               /* a verb form: one or more words */
    uint32_t words;            /* offset in d->words */
    uint16_t n;
    uint32_t verb;             /* index in d->verbs */
} dy_vform;

typedef struct {               /* a pattern while loading: elems is an offset */
    dy_pattern p;
    uint32_t eoff;
    uint32_t group;
    uint32_t weight;           /* specificity: characters of literal words */
} dy_lpat;

typedef struct { uint32_t eoff; uint16_t n; uint32_t syn; } dy_member;

typedef struct {
    const char *name;
    uint32_t nmembers;
    const char *ref_file;      /* first reference, for "undefined synset" */
    uint32_t ref_line;
    uint32_t first, count;     /* after freeze: range in d->memidx */
} dy_synset;

struct dy_dict {
    dy_arena strs;             /* every string the dictionary keeps */
    /* lexicon */
    DY_VEC(const char *) lex;  /* id -> norm (index 0 unused) */
    DY_VEC(uint32_t) lexlen;
    DY_VEC(uint8_t) lexflags;
    uint64_t *tab;             /* open addressing: hash << 32 | id, 0 empty (ids start at 1) */
    size_t tabcap;
    uint64_t stem_len_mask;    /* bit L: some stem has length L (L < 64) */
    /* phrases */
    DY_VEC(dy_dword) words;
    DY_VEC(dy_phrase) phrases;
    DY_VEC(dy_entry) entries;
    DY_VEC(dy_dcode) codes;
    /* verbs */
    DY_VEC(dy_verb) verbs;
    DY_VEC(uint32_t) verb_group;
    DY_VEC(dy_vform) vforms;
    DY_VEC(dy_lpat) lpats;
    DY_VEC(dy_pelem) elems;
    uint32_t ngroups;
    DY_VEC(dy_synset) synsets;
    DY_VEC(dy_member) members;
    bool whole_words;          /* files loaded now: no TABARI prefix stems */
    bool gapped;               /* files loaded now: a blank in an actor phrase allows a gap */
    bool tabari;               /* some file was read the TABARI way (gapped): its agent conventions */
    bool has_gaps;             /* some phrase has a DW_GAP word */
    /* statistics */
    size_t nerrors, nignored;
    size_t count[5];
    /* built by dy_dict_freeze */
    bool frozen;
    uint32_t *pstart[PK_COUNT], *pidx[PK_COUNT];
    uint32_t *vstart, *vidx;
    dy_pattern *pats;
    uint32_t *gfirst, *gcount;
    uint32_t *memidx;
};

uint32_t dy_lex_intern(dy_dict *d, const char *s, size_t n);
uint32_t dy_lex_find(const dy_dict *d, const char *s, size_t n);
const char *dy_dict_strdup(dy_dict *d, const char *s, size_t n);
uint32_t dy_synset_id(dy_dict *d, const char *name, size_t n);

#endif
