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

/* Words a row of k entries takes: sparse (class, weight) pairs, or all
 * ncls weights when that is no bigger (long rows also add faster dense). */
static size_t row_words(size_t k, int ncls) {
    size_t dense = ((size_t)ncls + 1) / 2;
    return k >= dense ? dense : k;
}

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Blob layout (uint32 words): nslots, nent, ncls, scale bits, then slots
 * (fingerprint, offset) and ent[nent]; or, for dense models, slots
 * (fingerprint, 4 x int16 weights) and no entries. */
void lm_freeze(const lm_train *m, double min_w, void **blob, size_t *len) {
    double maxabs = 1e-9;
    for (size_t i = 0; i < m->cap; i++)
        for (uint32_t j = 0; j < m->rows[i].n; j++) {
            double a = fabs(m->rows[i].e[j].w - m->rows[i].e[j].u / m->c);
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
            double q = (m->rows[i].e[j].w - m->rows[i].e[j].u / m->c) / scale;
            if (fabs(q) >= min_q) k++;
        }
        if (k) { nrows++; nent += 1 + row_words(k, m->ncls); }
    }
    uint32_t nslots = 1024;
    while (nslots < nrows + nrows / 2) nslots *= 2;      /* load <= 2/3 */
    /* Models of at most LM_DENSE classes keep their weights in the slot itself
     * (one cache miss per feature instead of two). */
    int dense = m->ncls <= LM_DENSE;
    size_t stride = dense ? 3 : 2;
    if (dense) nent = 0;
    size_t words = 4 + stride * (size_t)nslots + nent;
    uint32_t *b = xcalloc(words, sizeof *b);
    b[0] = nslots;
    b[1] = (uint32_t)nent;
    b[2] = (uint32_t)m->ncls;
    float fs = (float)scale;
    memcpy(&b[3], &fs, 4);
    uint32_t *slots = b + 4, *ent = slots + stride * (size_t)nslots;
    size_t off = 0;
    for (size_t i = 0; i < m->cap; i++) {
        const lm_trow *r = &m->rows[i];
        size_t k = 0;
        int16_t dw[LM_DENSE] = {0};
        for (uint32_t j = 0; j < r->n; j++) {
            double q = (r->e[j].w - r->e[j].u / m->c) / scale;
            if (fabs(q) < min_q) continue;
            long qi = lround(q);
            if (qi > 32767) qi = 32767;
            if (qi < -32767) qi = -32767;
            if (dense) dw[r->e[j].cls] = (int16_t)qi;
            tmp[k++] = r->e[j].cls << 16 | ((uint32_t)(int16_t)qi & 0xffff);
        }
        if (!k) continue;
        uint32_t fp = (uint32_t)(r->key >> 32) | 1u;
        uint32_t s = (uint32_t)r->key & (nslots - 1);
        while (slots[stride * s]) s = (s + 1) & (nslots - 1);
        slots[stride * s] = fp;
        if (dense) {
            slots[stride * s + 1] = (uint32_t)(uint16_t)dw[0] | (uint32_t)(uint16_t)dw[1] << 16;
            slots[stride * s + 2] = (uint32_t)(uint16_t)dw[2] | (uint32_t)(uint16_t)dw[3] << 16;
            continue;
        }
        qsort(tmp, k, sizeof *tmp, cmp_u32);
        slots[stride * s + 1] = (uint32_t)off;
        size_t w = row_words(k, m->ncls);
        if (w == k) {
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

size_t lm_attach(lm_frozen *f, const void *blob, size_t len) {
    const uint32_t *b = blob;
    if (len < 16) return 0;
    uint32_t nslots = b[0], nent = b[1], ncls = b[2];
    if (!nslots || (nslots & (nslots - 1)) || ncls == 0 || ncls > DY_MAXCLS) return 0;
    size_t stride = ncls <= LM_DENSE ? 3 : 2;
    if (stride == 3 && nent) return 0;
    size_t words = 4 + stride * (size_t)nslots + nent;
    if (words * 4 > len) return 0;
    f->nslots = nslots;
    f->nent = nent;
    f->ncls = ncls;
    memcpy(&f->scale, &b[3], 4);
    f->slots = b + 4;
    f->ent = f->slots + stride * (size_t)nslots;
    if (stride == 3) return words * 4;
    /* Validate offsets and classes once, so scoring needs no checks. */
    for (uint32_t i = 0; i < nslots; i++) {
        if (!f->slots[2 * i]) continue;
        uint32_t off = f->slots[2 * i + 1];
        if (off >= nent) return 0;
        if (f->ent[off] == LM_ROW_DENSE) {
            if ((ncls + 1) / 2 > nent - off - 1) return 0;
            continue;
        }
        if (f->ent[off] > nent - off - 1) return 0;
        for (uint32_t j = 1; j <= f->ent[off]; j++)
            if ((f->ent[off + j] >> 16) >= ncls) return 0;
    }
    return words * 4;
}
