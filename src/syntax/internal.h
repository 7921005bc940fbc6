/* internal.h — what the syntax stage's files share: hashed linear models
 * (a growable one for training, a frozen quantised one for parsing), per-token
 * feature ids, the tagger and the arc-eager transition system.
 *
 * Invariants: feature keys are 64-bit mixes of a template number and small
 * integer ids, never strings; a frozen model's rows are sorted runs of packed
 * (class, int16 weight) entries found by open addressing on the key. */
#ifndef DYAD_SYNTAX_INTERNAL_H
#define DYAD_SYNTAX_INTERNAL_H

#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include "syntax/syntax.h"

/* Bump whenever a feature template or the key hashing changes: a model only
 * works with the templates it was trained with. */
#define DY_FEATURES_VERSION 6

#define DY_MAXCLS 128             /* classes per linear model (tag pairs, labels, moves); a
                                     multiple of 8, so score arrays hold padded dense rows */
#define DY_MAXFEAT 96             /* features per decision */

static inline uint64_t dy_mix(uint64_t h) {
    h ^= h >> 33; h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33; h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}
/* Feature keys: one multiply and one xor-shift per component (keys are
 * computed ~100 times per parser move, so the full mixer is too slow here);
 * the shift folds the product's well-mixed high bits into the low bits that
 * index the tables. */
static inline uint64_t fk_step(uint64_t h, uint64_t x) {
    h = (h ^ x) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
}
static inline uint64_t fk1(uint64_t t, uint64_t a) { return fk_step(t * 0xD6E8FEB86659FD93ULL, a); }
static inline uint64_t fk2(uint64_t t, uint64_t a, uint64_t b) { return fk_step(fk1(t, a), b); }
static inline uint64_t fk3(uint64_t t, uint64_t a, uint64_t b, uint64_t c) { return fk_step(fk2(t, a, b), c); }

/* ---- training-time model: sparse rows of (class, weight, running sum) ---- */
typedef struct { uint32_t cls; float w; double u; } lm_tent;
typedef struct { uint64_t key; lm_tent *e; uint32_t n, cap; } lm_trow;
typedef struct {
    lm_trow *rows;
    size_t cap, used;
    int ncls;
    double c;                    /* update clock for averaging */
} lm_train;

void lm_train_init(lm_train *m, int ncls);
void lm_train_free(lm_train *m);
void lm_train_score(const lm_train *m, const uint64_t *keys, int nk, float *scores);
void lm_train_update(lm_train *m, const uint64_t *keys, int nk, int gold, int pred);
static inline void lm_train_tick(lm_train *m) { m->c += 1; }

/* ---- frozen model: what ships ---- */
#define LM_DENSE 4                /* models with this many classes or fewer store rows inline */
#define LM_ROW_DENSE 0xffffffffu  /* row header: all ncls weights follow as int16 pairs,
                                     zero-padded to a multiple of 8 classes */
typedef struct {
    uint32_t nslots, nent, ncls;
    float scale;
    const uint32_t *slots;       /* pairs (fingerprint, offset); fingerprint 0 = empty */
    const uint32_t *ent;         /* at offset: count, then count x (class << 16 | uint16 weight);
                                    or LM_ROW_DENSE, then ncls int16 weights */
    const uint64_t *islots;      /* inline models: 16-bit fingerprint | 3 x weights + 32768 of
                                    classes 1..3 relative to class 0 (0 = empty slot); keys
                                    hash to [0, nslots), probes run on into a tail of ntail
                                    slots whose last one is always empty */
    uint32_t ntail;
} lm_frozen;

/* Averages m into a frozen model held in a malloc'd blob (*blob, *len, a
 * multiple of 8 bytes); averaged weights below min_w in magnitude are
 * dropped (pruning). */
void lm_freeze(const lm_train *m, double min_w, void **blob, size_t *len);
/* Points f into a blob written by lm_freeze (8-byte aligned); returns bytes
 * consumed or 0 if corrupt. */
size_t lm_attach(lm_frozen *f, const void *blob, size_t len);

/* Slot of a key in an inline model: any table size (multiply-shift), so the
 * table can be sized for a high load instead of the next power of two. */
static inline uint32_t lm_islot(uint64_t key, uint32_t nslots) {
    return (uint32_t)(((uint64_t)(uint32_t)(key | 1) * nslots) >> 32);
}
static inline uint64_t lm_ifp(uint64_t key) { return (key >> 48) | 1u; }

/* Inline models (the 4-move mover): one 8-byte slot per feature holds its
 * fingerprint and weights, so a feature costs one cache line at most.  Only
 * score differences matter to an argmax, so class 0's weight is folded into
 * the others and scores[0] is left as it is.  Two passes so the cache
 * misses of all features overlap: prefetch every slot, then add. */
static inline void lm_score_dense(const lm_frozen *m, const uint64_t *keys, int nk, int32_t *scores) {
    uint32_t ns = m->nslots, idx[DY_MAXFEAT];
    const uint64_t *sl = m->islots;
    for (int k = 0; k < nk; k++) {
        idx[k] = lm_islot(keys[k], ns);
        __builtin_prefetch(&sl[idx[k]]);
    }
    /* Weights are stored biased (+32768, so unsigned): lanes 0 and 2, and
     * lanes 1 and 3, are summed in two 64-bit words with 32 bits a lane
     * (no carries: at most DY_MAXFEAT x 65535), and the bias is taken off
     * at the end.  Lane 0, the fingerprint, is summed too and ignored. */
    const uint64_t lanes = 0x0000ffff0000ffffULL;
    uint64_t even = 0, odd = 0;
    uint32_t hits = 0;
    for (int k = 0; k < nk; k++) {
        uint64_t fp = lm_ifp(keys[k]);
        for (uint32_t i = idx[k];;) {
            uint64_t v = sl[i];
            if ((v & 0xffff) == fp) {
                even += v & lanes;
                odd += (v >> 16) & lanes;
                hits++;
                break;
            }
            if (!(v & 0xffff)) break;
            i++;                 /* the table ends with an empty slot: no wrap-around */
        }
    }
    int64_t bias = (int64_t)hits * 32768;
    int32_t acc[4] = {0, (int32_t)((int64_t)(odd & 0xffffffffu) - bias), (int32_t)((int64_t)(even >> 32) - bias),
                      (int32_t)((int64_t)(odd >> 32) - bias)};
    for (uint32_t c = 1; c < m->ncls; c++) scores[c] += acc[c];
}

static inline void lm_score(const lm_frozen *m, const uint64_t *keys, int nk, int32_t *scores) {
    if (m->ncls <= LM_DENSE) { lm_score_dense(m, keys, nk, scores); return; }
    uint32_t mask = m->nslots - 1, idx[DY_MAXFEAT];
    const uint32_t *rows[DY_MAXFEAT];
    int nr = 0;
    for (int k = 0; k < nk; k++) {
        idx[k] = (uint32_t)(keys[k] | 1) & mask;   /* training keys are stored with the low bit set */
        __builtin_prefetch(&m->slots[2 * idx[k]]);
    }
    for (int k = 0; k < nk; k++) {
        uint32_t fp = (uint32_t)(keys[k] >> 32) | 1u;
        for (uint32_t i = idx[k];; i = (i + 1) & mask) {
            uint32_t f = m->slots[2 * i];
            if (f == fp) {
                rows[nr] = m->ent + m->slots[2 * i + 1];
                __builtin_prefetch(rows[nr]);
                nr++;
                break;
            }
            if (!f) break;
        }
    }
    int ncls = (int)m->ncls;
    for (int r = 0; r < nr; r++) {
        const uint32_t *e = rows[r];
        uint32_t cnt = e[0];
        if (cnt == LM_ROW_DENSE) {
            /* Blocks of 8 (rows are padded): the compiler vectorises this. */
            const int16_t *w = (const int16_t *)(e + 1);
            for (int b = 0; b < ncls; b += 8)
                for (int j = 0; j < 8; j++) scores[b + j] += w[b + j];
            continue;
        }
        /* Two entries a step: a row's classes are distinct, so the adds are independent. */
        uint32_t j = 1;
        for (; j < cnt; j += 2) {
            uint32_t a = e[j], b = e[j + 1];
            scores[a >> 16] += (int16_t)(a & 0xffff);
            scores[b >> 16] += (int16_t)(b & 0xffff);
        }
        if (j == cnt) scores[e[j] >> 16] += (int16_t)(e[j] & 0xffff);
    }
}

/* ---- per-token ids ---- */
typedef struct {
    uint32_t w, form, s1, s2, s3, s4, p1, amb;
    uint8_t shape, cls, xpos, upos;     /* cls: tag class (index of a tagpair) */
    int16_t forced;                     /* tag class fixed before classification, or -1 */
    uint8_t nvx;                        /* XPOS of the next verb or auxiliary after the word */
    uint8_t npx, npd, nverbs;           /* XPOS of the next punctuation, its distance (bucketed),
                                           verbs after the word (0, 1, 2+) */
    uint8_t pvx, depth;                 /* XPOS of the last verb before; open brackets (0-2) */
    uint16_t npunct;                    /* punctuation marks among words 1..i */
} ftok;

/* Vocabulary entry from training: ambiguity class and an unambiguous tag. */
typedef struct { uint32_t w, amb, tag; } vocab_slot;   /* tag 0xff: none */

typedef struct {
    uint32_t nslots;
    const vocab_slot *slots;
} vocab;

/* Fills ids (everything but tags) for toks into ft[1..n]; ft[0] is the root,
 * ft[n+1] the "none" sentinel. */
void syn_token_ids(const vocab *v, int propn_class, const dy_token *toks, size_t n, ftok *ft);
const vocab_slot *vocab_find(const vocab *v, uint32_t w);
/* Sets amb and forced of ft[1..n] from the vocabulary (ids already filled). */
void syn_apply_vocab(const vocab *v, int propn_class, ftok *ft, size_t n);

/* Tag classes: a class is a (UPOS, XPOS) pair seen in training. */
typedef struct { uint8_t upos, xpos; } tagpair;

int tagger_features(const ftok *ft, int n, int i, uint64_t *keys);  /* i in 1..n */
/* Fills the sentence-level context of ft[0..n+1] (nvx, npx, npd, nverbs,
 * pvx, depth, npunct) from the tags: done once per sentence before parsing. */
void syn_sentence_context(ftok *ft, int n);

/* ---- arc-eager transition system ---- */
enum { MV_SHIFT, MV_REDUCE, MV_LEFT, MV_RIGHT, MV_COUNT };

typedef struct {
    int n;                        /* words 1..n, 0 is the root, n+1 none */
    int *stack, sp;
    int b;                        /* first buffer word; buffer empty when b > n */
    int16_t *head;                /* -1 unassigned */
    uint8_t *label;
    int16_t *lc1, *lc2, *rc1, *rc2;   /* leftmost/2nd, rightmost/2nd children, -1 none */
    uint8_t *nl, *nr;
    uint64_t *lset, *rset;
    int root_child;
} pstate;

void ps_init(pstate *s, int n);
int ps_valid(const pstate *s, int mv);
void ps_apply(pstate *s, int mv, int label);
static inline int ps_done(const pstate *s) { return s->b > s->n; }
/* Attaches what the transitions left headless, so the tree is single-rooted. */
void ps_finish(pstate *s, int punct_label, int dep_label, const ftok *ft, int punct_upos);
/* The mover's features: those that depend on the first buffer words only
 * (recomputed when the buffer moves), and the rest (every move). */
int parser_buffer_features(const pstate *s, const ftok *ft, uint64_t *keys);
int parser_features(const pstate *s, const ftok *ft, uint64_t *keys);
int label_features(const pstate *s, const ftok *ft, int h, int d, int mv, uint64_t *keys);
/* Dynamic-oracle cost of mv given gold heads gh[1..n] (0 = root). */
int ps_cost(const pstate *s, int mv, const int16_t *gh);

/* Memory for one pstate of up to cap words, carved from one block. */
typedef struct { void *mem; int cap; } pstate_mem;
void ps_alloc(pstate_mem *pm, pstate *s, int cap);

/* ---- the loaded model ---- */
struct dy_parser {
    void *blob;
    size_t len;
    int ntag;
    const tagpair *tags;
    vocab voc;
    lm_frozen tagger, mover, labeler;
    int punct_label, dep_label, root_label;
};

/* Serialises a model into a malloc'd buffer. */
void syn_model_write(FILE *f, int ntag, const tagpair *tags, const vocab_slot *vslots,
                     uint32_t nvslots, void *const blobs[3], const size_t lens[3]);
/* Parses a model held in memory (takes ownership of buf). */
dy_parser *syn_model_from_buffer(void *buf, size_t len, char *err, size_t errlen);

/* Tags and parses with given token ids (shared by dyad parse and training eval). */
void syn_tag(const dy_parser *p, ftok *ft, int n);
void syn_parse(const dy_parser *p, pstate *st, ftok *ft, int n, int32_t *scratch_scores);

#endif
