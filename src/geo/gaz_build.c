/* gaz_build.c — assembling a gazetteer index image: places, a string pool
 * with shared strings (admin1 names repeat thousands of times), and an
 * open-addressing table from folded names to candidate lists.
 *
 * Only the converter and the fallback builder run this, once; it favours
 * simplicity over speed but stays O(n log n). */
#include <stdlib.h>
#include <string.h>

#include "geo/gaz_internal.h"
#include "util/util.h"

typedef struct { uint64_t hash; uint32_t place; } name_ref;

struct dy_gaz_builder {
    DY_VEC(dy_gaz_place) places;
    DY_VEC(name_ref) names;
    DY_VEC(uint64_t) common;
    DY_VEC(uint64_t) prefixes;  /* hashes of the first words of longer names */
    dy_buf strings;
    /* Dedup of pool strings: offsets by hash, open addressing. */
    uint32_t *strtab;
    size_t strtab_cap, strtab_used;
};

dy_gaz_builder *dy_gzb_new(void) {
    dy_gaz_builder *b = xcalloc(1, sizeof *b);
    dy_buf_addc(&b->strings, '\0');       /* offset 0 is "" */
    b->strtab_cap = 1 << 12;
    b->strtab = xcalloc(b->strtab_cap, sizeof *b->strtab);
    return b;
}

static void strtab_grow(dy_gaz_builder *b) {
    size_t cap = b->strtab_cap * 2;
    uint32_t *t = xcalloc(cap, sizeof *t);
    for (size_t i = 0; i < b->strtab_cap; i++) {
        uint32_t off = b->strtab[i];
        if (!off) continue;
        const char *s = b->strings.s + off;
        size_t h = (size_t)dy_hash(s, strlen(s)) & (cap - 1);
        while (t[h]) h = (h + 1) & (cap - 1);
        t[h] = off;
    }
    free(b->strtab);
    b->strtab = t;
    b->strtab_cap = cap;
}

static uint32_t intern(dy_gaz_builder *b, const char *s) {
    if (!s || !*s) return 0;
    if (b->strtab_used * 2 >= b->strtab_cap) strtab_grow(b);
    size_t n = strlen(s);
    size_t h = (size_t)dy_hash(s, n) & (b->strtab_cap - 1);
    while (b->strtab[h]) {
        if (!strcmp(b->strings.s + b->strtab[h], s)) return b->strtab[h];
        h = (h + 1) & (b->strtab_cap - 1);
    }
    uint32_t off = (uint32_t)b->strings.len;
    dy_buf_add(&b->strings, s, n);
    dy_buf_addc(&b->strings, '\0');
    b->strtab[h] = off;
    b->strtab_used++;
    return off;
}

uint32_t dy_gzb_place(dy_gaz_builder *b, const dy_gaz_place *p, const char *name, const char *admin1) {
    dy_gaz_place q = *p;
    q.name = intern(b, name);
    q.admin1 = intern(b, admin1);
    dy_vec_push(&b->places, q);
    return (uint32_t)(b->places.len - 1);
}

dy_gaz_place *dy_gzb_get(dy_gaz_builder *b, uint32_t i) { return &b->places.items[i]; }
uint32_t dy_gzb_count(const dy_gaz_builder *b) { return (uint32_t)b->places.len; }

static int key_words(const char *k, size_t n) {
    int w = 1;
    for (size_t i = 0; i < n; i++) w += k[i] == ' ';
    return w;
}

bool dy_gzb_name(dy_gaz_builder *b, uint32_t i, const char *name) {
    char key[256];
    size_t n = dy_geo_fold(name, strlen(name), key, sizeof key);
    if (!n || key_words(key, n) > DY_GAZ_MAXWORDS) return false;
    name_ref r = {dy_hash(key, n), i};
    dy_vec_push(&b->names, r);
    for (size_t k = 0; k < n; k++)
        if (key[k] == ' ') dy_vec_push(&b->prefixes, dy_hash(key, k));
    return true;
}

void dy_gzb_common(dy_gaz_builder *b, const char *word) {
    char key[256];
    size_t n = dy_geo_fold(word, strlen(word), key, sizeof key);
    if (n) dy_vec_push(&b->common, dy_hash(key, n));
}

/* Sort by key, then best prior first; ties by index so output is stable. */
static const dy_gaz_place *sort_places;
static int cmp_ref(const void *a, const void *b) {
    const name_ref *x = a, *y = b;
    if (x->hash != y->hash) return x->hash < y->hash ? -1 : 1;
    double px = dy_geo_prior(&sort_places[x->place]), py = dy_geo_prior(&sort_places[y->place]);
    if (px != py) return px > py ? -1 : 1;
    return x->place < y->place ? -1 : x->place > y->place;
}
static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static size_t align8(size_t n) { return (n + 7) & ~(size_t)7; }

char *dy_gzb_finish(dy_gaz_builder *b, size_t *len) {
    for (size_t i = 0; i < b->places.len; i++)
        b->places.items[i].prior = (int16_t)(dy_geo_prior(&b->places.items[i]) * 100.0);
    sort_places = b->places.items;
    if (b->prefixes.len) qsort(b->prefixes.items, b->prefixes.len, sizeof *b->prefixes.items, cmp_u64);
    if (b->names.len) qsort(b->names.items, b->names.len, sizeof *b->names.items, cmp_ref);
    if (b->common.len) qsort(b->common.items, b->common.len, sizeof *b->common.items, cmp_u64);

    /* Candidate lists: one per distinct key, duplicates of a place dropped. */
    DY_VEC(uint32_t) cands = {0};
    DY_VEC(dy_gaz_slot) keys = {0};
    for (size_t i = 0; i < b->names.len;) {
        size_t j = i;
        dy_gaz_slot s = {b->names.items[i].hash, (uint32_t)cands.len, 0, 0};
        for (; j < b->names.len && b->names.items[j].hash == s.hash; j++) {
            uint32_t p = b->names.items[j].place;
            bool dup = false;
            for (uint32_t k = s.cand; k < cands.len; k++) dup |= cands.items[k] == p;
            if (dup || s.ncand == UINT16_MAX) continue;
            dy_vec_push(&cands, p);
            s.ncand++;
        }
        if (b->common.len && bsearch(&s.hash, b->common.items, b->common.len, sizeof(uint64_t), cmp_u64))
            s.flags |= DY_GS_COMMON;
        dy_vec_push(&keys, s);
        i = j;
    }
    /* Prefix flags on full keys, and prefix-only slots for the rest. */
    size_t nfull = keys.len;
    for (size_t i = 0; i < b->prefixes.len; i++) {
        uint64_t h = b->prefixes.items[i];
        if (i && b->prefixes.items[i - 1] == h) continue;
        size_t lo = 0, hi = nfull;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (keys.items[mid].hash < h) lo = mid + 1; else hi = mid;
        }
        if (lo < nfull && keys.items[lo].hash == h) { keys.items[lo].flags |= DY_GS_PREFIX; continue; }
        dy_gaz_slot ps = {h, 0, 0, DY_GS_PREFIX};
        dy_vec_push(&keys, ps);
    }
    uint32_t nslots = 16;
    while (nslots < keys.len * 2) nslots *= 2;

    dy_gaz_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, DY_GAZ_MAGIC, 8);
    h.nplaces = (uint32_t)b->places.len;
    h.nslots = nslots;
    h.ncands = (uint32_t)cands.len;
    h.strbytes = (uint32_t)b->strings.len;
    h.maxwords = DY_GAZ_MAXWORDS;
    for (size_t i = 0; i < b->places.len; i++) h.ncountries += b->places.items[i].kind == DY_GEO_COUNTRY;
    size_t off = align8(sizeof h);
    h.off_places = (uint32_t)off;  off = align8(off + h.nplaces * sizeof(dy_gaz_place));
    h.off_slots = (uint32_t)off;   off = align8(off + (size_t)nslots * sizeof(dy_gaz_slot));
    h.off_cands = (uint32_t)off;   off = align8(off + h.ncands * sizeof(uint32_t));
    h.off_strings = (uint32_t)off; off = align8(off + h.strbytes);

    char *img = xcalloc(1, off);
    memcpy(img, &h, sizeof h);
    if (h.nplaces) memcpy(img + h.off_places, b->places.items, h.nplaces * sizeof(dy_gaz_place));
    dy_gaz_slot *slots = (dy_gaz_slot *)(void *)(img + h.off_slots);
    for (size_t i = 0; i < keys.len; i++) {
        uint32_t k = (uint32_t)keys.items[i].hash & (nslots - 1);
        while (slots[k].ncand || slots[k].flags) k = (k + 1) & (nslots - 1);
        slots[k] = keys.items[i];
    }
    if (h.ncands) memcpy(img + h.off_cands, cands.items, h.ncands * sizeof(uint32_t));
    memcpy(img + h.off_strings, b->strings.s, b->strings.len);
    *len = off;

    dy_vec_free(&cands);
    dy_vec_free(&keys);
    dy_vec_free(&b->places);
    dy_vec_free(&b->names);
    dy_vec_free(&b->common);
    dy_vec_free(&b->prefixes);
    dy_buf_free(&b->strings);
    free(b->strtab);
    free(b);
    return img;
}
