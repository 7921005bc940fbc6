/* lm.c — averaged-perceptron linear models over hashed features.
 *
 * Training keeps sparse rows (a feature's weights exist only for classes an
 * update touched), averaging by the "w - u/c" trick so an update costs O(1)
 * per entry.  Freezing averages, quantises to int16 with one scale per model
 * and drops entries that round to near zero: that is what keeps the shipped
 * model small and its rows short, so scoring touches few cache lines. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "syntax/internal.h"

void lm_train_init(lm_train *m, int ncls) {
    memset(m, 0, sizeof *m);
    m->ncls = ncls;
    m->cap = 1 << 16;
    m->rows = xcalloc(m->cap, sizeof *m->rows);
    m->c = 1;
}

void lm_train_free(lm_train *m) {
    for (size_t i = 0; i < m->cap; i++) free(m->rows[i].e);
    free(m->rows);
    memset(m, 0, sizeof *m);
}

static lm_trow *find_row(const lm_train *m, uint64_t key) {
    size_t mask = m->cap - 1;
    key |= 1;                                 /* 0 marks an empty row */
    for (size_t i = (size_t)key & mask;; i = (i + 1) & mask) {
        if (m->rows[i].key == key) return &m->rows[i];
        if (!m->rows[i].key) return NULL;
    }
}

static lm_trow *add_row(lm_train *m, uint64_t key) {
    if (2 * (m->used + 1) > m->cap) {
        lm_trow *old = m->rows;
        size_t oldcap = m->cap;
        m->cap *= 2;
        m->rows = xcalloc(m->cap, sizeof *m->rows);
        for (size_t i = 0; i < oldcap; i++) {
            if (!old[i].key) continue;
            size_t j = (size_t)old[i].key & (m->cap - 1);
            while (m->rows[j].key) j = (j + 1) & (m->cap - 1);
            m->rows[j] = old[i];
        }
        free(old);
    }
    key |= 1;
    size_t mask = m->cap - 1, i = (size_t)key & mask;
    while (m->rows[i].key && m->rows[i].key != key) i = (i + 1) & mask;
    if (!m->rows[i].key) { m->rows[i].key = key; m->used++; }
    return &m->rows[i];
}

void lm_train_score(const lm_train *m, const uint64_t *keys, int nk, float *scores) {
    for (int k = 0; k < nk; k++) {
        const lm_trow *r = find_row(m, keys[k]);
        if (!r) continue;
        for (uint32_t j = 0; j < r->n; j++) scores[r->e[j].cls] += r->e[j].w;
    }
}

static void bump(lm_train *m, lm_trow *r, int cls, float d) {
    for (uint32_t j = 0; j < r->n; j++)
        if (r->e[j].cls == (uint32_t)cls) {
            r->e[j].w += d;
            r->e[j].u += m->c * d;
            return;
        }
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 2;
        r->e = xrealloc(r->e, r->cap * sizeof *r->e);
    }
    r->e[r->n++] = (lm_tent){(uint32_t)cls, d, m->c * d};
}

void lm_train_update(lm_train *m, const uint64_t *keys, int nk, int gold, int pred) {
    if (gold == pred) return;
    for (int k = 0; k < nk; k++) {
        lm_trow *r = add_row(m, keys[k]);
        bump(m, r, gold, 1.0f);
        bump(m, r, pred, -1.0f);
    }
}

/* Words a dense row takes: ncls int16 weights padded to a multiple of 8. */
static size_t dense_words(int ncls) { return ((size_t)ncls + 7) / 8 * 4; }
/* A row of k entries is stored dense when that takes at most twice the
 * memory of its (class, weight) pairs: dense rows add 8 classes an
 * instruction and without a branch per entry, and the rows this makes dense
 * (26+ of the tagger's 102 classes, 16+ of the labeller's 58) are the
 * frequent features, mostly in cache.  (At k >= ncls / 8: 2% fewer
 * instructions but 6-7% more cache misses; callgrind on 3,260 news sentences.) */
static int row_dense(size_t k, int ncls) { return 2 * k >= dense_words(ncls); }
static size_t row_words(size_t k, int ncls) { return row_dense(k, ncls) ? dense_words(ncls) : k; }

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Averaged weight of entry e. */
static double avg_w(const lm_train *m, const lm_tent *e) { return e->w - e->u / m->c; }

/* Inline models: weights below min_w dropped, then each row's weights taken
 * relative to class 0 and quantised with one scale; rows that quantise to
 * all zeros are dropped.  Blob: nslots, ntail, ncls, scale bits, padding to
 * 64 bytes, then nslots + ntail uint64 slots (lm_score_dense), padded to 64 bytes. */
static void freeze_inline(const lm_train *m, double min_w, void **blob, size_t *len) {
    double maxd = 1e-9;
    for (size_t i = 0; i < m->cap; i++) {
        double w[LM_DENSE] = {0};
        for (uint32_t j = 0; j < m->rows[i].n; j++) {
            double a = avg_w(m, &m->rows[i].e[j]);
            if (fabs(a) >= min_w) w[m->rows[i].e[j].cls] = a;
        }
        for (int c = 1; c < m->ncls; c++) maxd = DY_MAX(maxd, fabs(w[c] - w[0]));
    }
    double scale = maxd / 32000.0;
    size_t nrows = 0;
    int16_t (*q)[LM_DENSE] = xcalloc(m->cap, sizeof *q);
    for (size_t i = 0; i < m->cap; i++) {
        double w[LM_DENSE] = {0};
        for (uint32_t j = 0; j < m->rows[i].n; j++) {
            double a = avg_w(m, &m->rows[i].e[j]);
            if (fabs(a) >= min_w) w[m->rows[i].e[j].cls] = a;
        }
        int any = 0;
        for (int c = 1; c < m->ncls; c++) {
            long v = lround((w[c] - w[0]) / scale);
            q[i][c] = (int16_t)(v > 32767 ? 32767 : v < -32767 ? -32767 : v);
            any |= q[i][c] != 0;
        }
        q[i][0] = (int16_t)any;
        nrows += (size_t)any;
    }
    /* Load 0.5; probing runs on past the end instead of wrapping (one test
     * fewer per probe), into a tail that grows until no run reaches its end. */
    uint32_t nslots = (uint32_t)DY_MAX((size_t)16, (nrows * 2 + LM_BUCKET - 1) / LM_BUCKET * LM_BUCKET), ntail = 64;
    uint32_t *b;
    size_t bytes;
    for (;;) {
        bytes = (4 * LM_HDR_WORDS + 8 * ((size_t)nslots + ntail) + 63) / 64 * 64;
        b = xcalloc(bytes / 4, sizeof *b);
        b[0] = nslots;
        b[1] = ntail;
        b[2] = (uint32_t)m->ncls;
        float fs = (float)scale;
        memcpy(&b[3], &fs, 4);
        uint64_t *slots = (uint64_t *)(void *)(b + LM_HDR_WORDS);
        int full = 0;
        for (size_t i = 0; i < m->cap && !full; i++) {
            if (!q[i][0]) continue;
            uint64_t key = m->rows[i].key, v = lm_ifp(key);
            for (int c = 1; c < LM_DENSE; c++) v |= (uint64_t)(uint16_t)(q[i][c] + 32768) << (16 * c);
            uint32_t s = lm_islot(key, nslots);
            while (slots[s]) s++;
            slots[s] = v;
            full = s + 1 >= nslots + ntail;
        }
        if (!full) break;
        free(b);
        ntail *= 2;
    }
    free(q);
    *blob = b;
    *len = bytes;
}

/* Blob layout (uint32 words): nslots, nent, ncls, scale bits, padding to 64
 * bytes, then slots (fingerprint, offset) and ent[nent], padded to 64 bytes. */
void lm_freeze(const lm_train *m, double min_w, void **blob, size_t *len) {
    if (m->ncls <= LM_DENSE) { freeze_inline(m, min_w, blob, len); return; }
    double maxabs = 1e-9;
    for (size_t i = 0; i < m->cap; i++)
        for (uint32_t j = 0; j < m->rows[i].n; j++) {
            double a = fabs(avg_w(m, &m->rows[i].e[j]));
            if (a > maxabs) maxabs = a;
        }
    double scale = maxabs / 32000.0;
    double min_q = DY_MAX(min_w / scale, 0.5);
    /* First pass: count surviving rows and entries. */
    size_t nrows = 0, nent = 0;
    uint32_t *tmp = xmalloc((size_t)(m->ncls + 1) * sizeof *tmp);
    for (size_t i = 0; i < m->cap; i++) {
        size_t k = 0;
        for (uint32_t j = 0; j < m->rows[i].n; j++) {
            double q = avg_w(m, &m->rows[i].e[j]) / scale;
            if (fabs(q) >= min_q) k++;
        }
        if (k) { nrows++; nent += 1 + row_words(k, m->ncls); }
    }
    uint32_t nslots = 1024;
    while (nslots < nrows + nrows / 2) nslots *= 2;      /* load <= 2/3 */
    size_t words = (LM_HDR_WORDS + 2 * (size_t)nslots + nent + 15) / 16 * 16;
    uint32_t *b = xcalloc(words, sizeof *b);
    b[0] = nslots;
    b[1] = (uint32_t)nent;
    b[2] = (uint32_t)m->ncls;
    float fs = (float)scale;
    memcpy(&b[3], &fs, 4);
    uint32_t *slots = b + LM_HDR_WORDS, *ent = slots + 2 * (size_t)nslots;
    size_t off = 0;
    for (size_t i = 0; i < m->cap; i++) {
        const lm_trow *r = &m->rows[i];
        size_t k = 0;
        for (uint32_t j = 0; j < r->n; j++) {
            double q = avg_w(m, &r->e[j]) / scale;
            if (fabs(q) < min_q) continue;
            long qi = lround(q);
            if (qi > 32767) qi = 32767;
            if (qi < -32767) qi = -32767;
            tmp[k++] = r->e[j].cls << 16 | ((uint32_t)(int16_t)qi & 0xffff);
        }
        if (!k) continue;
        uint32_t fp = (uint32_t)(r->key >> 32) | 1u;
        uint32_t s = lm_rslot(r->key, nslots - 1);
        while (slots[2 * s]) s = (s + 1) & (nslots - 1);
        slots[2 * s] = fp;
        qsort(tmp, k, sizeof *tmp, cmp_u32);
        slots[2 * s + 1] = (uint32_t)off;
        size_t w = row_words(k, m->ncls);
        if (!row_dense(k, m->ncls)) {
            ent[off] = (uint32_t)k;
            memcpy(&ent[off + 1], tmp, k * sizeof *tmp);
        } else {
            /* Long row: every class's weight in order, two int16 per word. */
            ent[off] = LM_ROW_DENSE;
            int16_t *d = (int16_t *)&ent[off + 1];
            for (size_t j = 0; j < k; j++) d[tmp[j] >> 16] = (int16_t)(tmp[j] & 0xffff);
        }
        off += w + 1;
    }
    free(tmp);
    *blob = b;
    *len = words * sizeof *b;
}

/* Dense rows: blocks of 8 (rows are padded), which the compiler vectorises
 * with SSE2 by default; the AVX2 version widens and adds 8 weights a step
 * (half the instructions: the tagger's frequent features have dense rows). */
static void add_dense_sse2(int32_t *scores, const int16_t *w, int ncls) {
    for (int b = 0; b < ncls; b += 8)
        for (int j = 0; j < 8; j++) scores[b + j] += w[b + j];
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
__attribute__((target("avx2"))) static void add_dense_avx2(int32_t *scores, const int16_t *w, int ncls) {
    for (int b = 0; b < ncls; b += 8) {
        __m256i v = _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *)(const void *)(w + b)));
        __m256i s = _mm256_loadu_si256((const __m256i *)(void *)(scores + b));
        _mm256_storeu_si256((__m256i *)(void *)(scores + b), _mm256_add_epi32(s, v));
    }
}
static void (*pick_add_dense(void))(int32_t *, const int16_t *, int) {
    return __builtin_cpu_supports("avx2") ? add_dense_avx2 : add_dense_sse2;
}
#else
static void (*pick_add_dense(void))(int32_t *, const int16_t *, int) { return add_dense_sse2; }
#endif

size_t lm_attach(lm_frozen *f, const void *blob, size_t len) {
    const uint32_t *b = blob;
    if (len < 16 || ((uintptr_t)blob & 7)) return 0;
    uint32_t nslots = b[0], nent = b[1], ncls = b[2];
    if (!nslots || ncls == 0 || ncls > DY_MAXCLS) return 0;
    memset(f, 0, sizeof *f);
    f->nslots = nslots;
    f->nent = nent;
    f->ncls = ncls;
    memcpy(&f->scale, &b[3], 4);
    f->add_dense = pick_add_dense();
    if (ncls <= LM_DENSE) {
        uint32_t ntail = nent;
        size_t bytes = (4 * LM_HDR_WORDS + 8 * ((size_t)nslots + ntail) + 63) / 64 * 64;
        if (ntail < LM_BUCKET || bytes > len || nslots % LM_BUCKET) return 0;
        f->nent = 0;
        f->ntail = ntail;
        f->islots = (const uint64_t *)(const void *)(b + LM_HDR_WORDS);
        /* Lookups stop at an empty slot, so the last one must be empty. */
        return f->islots[nslots + ntail - 1] & 0xffff ? 0 : bytes;
    }
    if ((nslots & (nslots - 1)) || nslots < LM_BUCKET) return 0;
    size_t words = (LM_HDR_WORDS + 2 * (size_t)nslots + nent + 15) / 16 * 16;
    if (words * 4 > len) return 0;
    f->slots = b + LM_HDR_WORDS;
    f->ent = f->slots + 2 * (size_t)nslots;
    /* Validate offsets and classes once, so scoring needs no checks. */
    for (uint32_t i = 0; i < nslots; i++) {
        if (!f->slots[2 * i]) continue;
        uint32_t off = f->slots[2 * i + 1];
        if (off >= nent) return 0;
        if (f->ent[off] == LM_ROW_DENSE) {
            if (dense_words((int)ncls) > nent - off - 1) return 0;
            continue;
        }
        if (f->ent[off] > nent - off - 1) return 0;
        for (uint32_t j = 1; j <= f->ent[off]; j++)
            if ((f->ent[off + j] >> 16) >= ncls) return 0;
    }
    return words * 4;
}
