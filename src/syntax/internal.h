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
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "syntax/syntax.h"

/* Bump whenever a feature template or the key hashing changes: a model only
 * works with the templates it was trained with. */
#define DY_FEATURES_VERSION 7

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
    /* Adds a dense row (ncls int16 weights, padded to a multiple of 8) to
     * scores: chosen at attach time, AVX2 when the CPU has it. */
    void (*add_dense)(int32_t *scores, const int16_t *w, int ncls);
} lm_frozen;

/* Averages m into a frozen model held in a malloc'd blob (*blob, *len, a
 * multiple of 64 bytes); averaged weights below min_w in magnitude are
 * dropped (pruning). */
void lm_freeze(const lm_train *m, double min_w, void **blob, size_t *len);
/* Points f into a blob written by lm_freeze (8-byte aligned); returns bytes
 * consumed or 0 if corrupt. */
size_t lm_attach(lm_frozen *f, const void *blob, size_t len);

/* Tables are probed linearly from the first slot of a 64-byte bucket of 8
 * (a key's home; blobs are laid out so buckets are cache lines), so a
 * bucket's used slots are a prefix of it, and a lookup compares the 8
 * fingerprints of its bucket at once, without branches (whether a feature
 * is known is data: a branch on each probe was mispredicted about a third
 * of the time), going on past the bucket only when it is full without a
 * match. */
#define LM_BUCKET 8
#define LM_HDR_WORDS 16           /* blob header: 64 bytes, so the slots start on a cache line */
/* Home slot of a key in an inline model: any table size (multiply-shift over
 * nslots / 8 buckets), so the table can be sized for a high load instead of
 * the next power of two. */
static inline uint32_t lm_islot(uint64_t key, uint32_t nslots) {
    return (uint32_t)(((uint64_t)(uint32_t)(key | 1) * (nslots / LM_BUCKET)) >> 32) * LM_BUCKET;
}
/* Home slot in a row model (a power-of-two table, training keys have the low bit set). */
static inline uint32_t lm_rslot(uint64_t key, uint32_t mask) {
    return (uint32_t)(key | 1) & mask & ~(uint32_t)(LM_BUCKET - 1);
}
/* Bit 4j set when the 8-byte slot j of a bucket starts with fingerprint fp
 * (its first 16 bits, or 32 with wide = 1). */
static inline uint32_t lm_match8(const void *bucket, uint32_t fp, int wide) {
#if defined(__SSE2__)
    const __m128i *b = (const __m128i *)bucket;
    __m128i x0 = _mm_loadu_si128(b), x1 = _mm_loadu_si128(b + 1);
    __m128i x2 = _mm_loadu_si128(b + 2), x3 = _mm_loadu_si128(b + 3), p01, p23;
    /* Compare, then pack the 0 / -1 lanes to bytes (16-bit) or words (32-bit)
     * so that slot j's fingerprint lane lands on bit 4j of the byte mask. */
    if (wide) {
        __m128i f = _mm_set1_epi32((int)fp);
        p01 = _mm_packs_epi32(_mm_cmpeq_epi32(x0, f), _mm_cmpeq_epi32(x1, f));
        p23 = _mm_packs_epi32(_mm_cmpeq_epi32(x2, f), _mm_cmpeq_epi32(x3, f));
    } else {
        __m128i f = _mm_set1_epi16((short)fp);
        p01 = _mm_packs_epi16(_mm_cmpeq_epi16(x0, f), _mm_cmpeq_epi16(x1, f));
        p23 = _mm_packs_epi16(_mm_cmpeq_epi16(x2, f), _mm_cmpeq_epi16(x3, f));
    }
    uint32_t m = (uint32_t)_mm_movemask_epi8(p01) | (uint32_t)_mm_movemask_epi8(p23) << 16;
    return m & 0x11111111u;
#else
    const uint64_t *q = bucket;
    uint64_t mask = wide ? 0xffffffffu : 0xffffu;
    uint32_t m = 0;
    for (int j = 0; j < LM_BUCKET; j++) m |= (uint32_t)((q[j] & mask) == fp) << (4 * j);
    return m;
#endif
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
        /* v: the first slot of the bucket with the fingerprint, or 0 (which
         * adds nothing).  The table ends with an empty slot, so the rare
         * probes past a full bucket stop inside it. */
        uint64_t fp = lm_ifp(keys[k]);
        const uint64_t *q = sl + idx[k];
        uint32_t mt = lm_match8(q, (uint32_t)fp, 0);
        uint64_t v = q[__builtin_ctz(mt | 1u << 4 * (LM_BUCKET - 1)) >> 2] & -(uint64_t)(mt != 0);
        if (__builtin_expect(!mt && (q[LM_BUCKET - 1] & 0xffff), 0)) {
            for (q += LM_BUCKET;; q++) {
                uint64_t f = *q & 0xffff;
                if (f == fp) { v = *q; break; }
                if (!f) break;
            }
        }
        even += v & lanes;
        odd += (v >> 16) & lanes;
        hits += v != 0;
    }
    int64_t bias = (int64_t)hits * 32768;
    int32_t acc[4] = {0, (int32_t)((int64_t)(odd & 0xffffffffu) - bias), (int32_t)((int64_t)(even >> 32) - bias),
                      (int32_t)((int64_t)(odd >> 32) - bias)};
    for (uint32_t c = 1; c < m->ncls; c++) scores[c] += acc[c];
}

/* Starts loading the slots of keys (both layouts), so that a later
 * lm_score or lm_find_rows on them overlaps its cache misses with other work. */
static inline void lm_prefetch(const lm_frozen *m, const uint64_t *keys, int nk) {
    if (m->ncls <= LM_DENSE) {
        for (int k = 0; k < nk; k++) __builtin_prefetch(&m->islots[lm_islot(keys[k], m->nslots)]);
        return;
    }
    uint32_t mask = m->nslots - 1;
    for (int k = 0; k < nk; k++) __builtin_prefetch(&m->slots[2 * lm_rslot(keys[k], mask)]);
}

/* Row models, first half of scoring: the rows of the keys that have one,
 * stored in rows[] (returns how many) and prefetched.  Split from the adds
 * so callers can find the rows of the next decision before summing this one. */
static inline int lm_find_rows(const lm_frozen *m, const uint64_t *keys, int nk, const uint32_t **rows) {
    uint32_t mask = m->nslots - 1, idx[DY_MAXFEAT];
    int nr = 0;
    for (int k = 0; k < nk; k++) {
        idx[k] = lm_rslot(keys[k], mask);
        __builtin_prefetch(&m->slots[2 * idx[k]]);
    }
    for (int k = 0; k < nk; k++) {
        /* The bucket's slots without branches, as in lm_score_dense; a row
         * pointer is always written and counted only when found. */
        uint32_t fp = (uint32_t)(keys[k] >> 32) | 1u;
        const uint32_t *q = &m->slots[2 * idx[k]];
        uint32_t mt = lm_match8(q, fp, 1);
        uint32_t off = q[2 * (__builtin_ctz(mt | 1u << 4 * (LM_BUCKET - 1)) >> 2) + 1], hit = mt != 0;
        if (__builtin_expect(!hit && q[2 * (LM_BUCKET - 1)], 0)) {
            for (uint32_t i = (idx[k] + LM_BUCKET) & mask;; i = (i + 1) & mask) {
                uint32_t f = m->slots[2 * i];
                if (f == fp) { off = m->slots[2 * i + 1]; hit = 1; break; }
                if (!f) break;
            }
        }
        rows[nr] = m->ent + (hit ? off : 0);
        __builtin_prefetch(rows[nr]);
        nr += (int)hit;
    }
    return nr;
}

/* Second half: adds the rows' weights to scores. */
static inline void lm_add_rows(const lm_frozen *m, const uint32_t *const *rows, int nr, int32_t *scores) {
    int ncls = (int)m->ncls;
    for (int r = 0; r < nr; r++) {
        const uint32_t *e = rows[r];
        uint32_t cnt = e[0];
        if (cnt == LM_ROW_DENSE) {
            m->add_dense(scores, (const int16_t *)(e + 1), ncls);
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

static inline void lm_score(const lm_frozen *m, const uint64_t *keys, int nk, int32_t *scores) {
    if (m->ncls <= LM_DENSE) { lm_score_dense(m, keys, nk, scores); return; }
    const uint32_t *rows[DY_MAXFEAT];
    lm_add_rows(m, rows, lm_find_rows(m, keys, nk, rows), scores);
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
/* Its two parts: templates of the words only, and of the previous tags. */
int tagger_static_features(const ftok *ft, int n, int i, uint64_t *keys);
int tagger_tag_features(const ftok *ft, int n, int i, uint64_t *keys);
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
    int16_t *first, *next;        /* relabelling: children of each word in order (-1 ends) */
    uint8_t *label2;              /* relabelling: the new labels */
    int32_t *margin;              /* the labeller's margin for each word's label (0: none) */
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
/* UPOS ids the relabeller's templates test, looked up once per model. */
typedef struct { int adp, sconj, part, aux, noun, propn, pron, punct, cconj; } relabel_ids;
void relabel_ids_init(relabel_ids *u);
/* The relabeller's features for word d of a finished tree head[1..n] (head[d]
 * >= 1) labelled by the labeller (label[1..n]), with first/next listing each
 * word's children in order. */
int relabel_features(const relabel_ids *u, const ftok *ft, int n, const int16_t *head, const uint8_t *label,
                     const int16_t *first, const int16_t *next, int d, uint64_t *keys);
/* Fills first/next (sized n+2) from head[1..n]. */
void tree_children(const int16_t *head, int n, int16_t *first, int16_t *next);
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
    lm_frozen relabeler;          /* labels the finished tree again; ncls 0 when absent */
    int punct_label, dep_label, root_label;
    relabel_ids rids;
    int32_t relabel_margin;       /* relabel words whose labeller margin is below this */
};

/* Serialises a model: blobs are the tagger, mover, labeller and relabeller
 * (lens[3] 0 when there is none). */
void syn_model_write(FILE *f, int ntag, const tagpair *tags, const vocab_slot *vslots,
                     uint32_t nvslots, void *const blobs[4], const size_t lens[4]);
/* Parses a model held in memory (takes ownership of buf). */
dy_parser *syn_model_from_buffer(void *buf, size_t len, char *err, size_t errlen);

/* Tags and parses with given token ids (shared by dyad parse and training eval). */
void syn_tag(const dy_parser *p, ftok *ft, int n);
void syn_parse(const dy_parser *p, pstate *st, ftok *ft, int n, int32_t *scratch_scores);
void syn_relabel(const dy_parser *p, pstate *st, const ftok *ft, int n, int32_t *scratch_scores);

#endif
