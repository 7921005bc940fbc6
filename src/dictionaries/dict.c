/* dict.c — the dictionary's lexicon, index and matchers.
 *
 * Loading lives in dict_load.c; this file owns what runs on every sentence:
 * dy_dict_keys (one lexicon probe per token, plus one per candidate prefix
 * length for stems and a few for regular endings) and the matchers, which
 * only read frozen arrays and the caller's stack, so they never allocate and
 * can run in many threads at once. */
#include <stdlib.h>
#include <string.h>

#include "dictionaries/dict_internal.h"

/* ---- lexicon ---- */

static uint32_t hash32(const char *s, size_t n) {
    uint64_t h = dy_hash(s, n);
    return (uint32_t)(h ^ (h >> 32));
}

static void lex_grow(dy_dict *d) {
    size_t cap = d->tabcap ? d->tabcap * 2 : 4096;
    uint64_t *tab = xcalloc(cap, sizeof *tab);
    for (size_t i = 0; i < d->tabcap; i++) {
        uint64_t e = d->tab[i];
        if (!e) continue;
        size_t j = (uint32_t)(e >> 32) & (cap - 1);
        while (tab[j]) j = (j + 1) & (cap - 1);
        tab[j] = e;
    }
    free(d->tab);
    d->tab = tab;
    d->tabcap = cap;
}

static uint32_t lex_probe(const dy_dict *d, const char *s, size_t n, uint32_t h) {
    if (!d->tabcap) return 0;
    size_t j = h & (d->tabcap - 1);
    for (;;) {
        /* the hash beside the id: a miss (most probes of word prefixes)
         * reads no other array */
        uint64_t e = d->tab[j];
        if (!e) return 0;
        uint32_t id = (uint32_t)e;
        if ((uint32_t)(e >> 32) == h && d->lexlen.items[id] == n && memcmp(d->lex.items[id], s, n) == 0)
            return id;
        j = (j + 1) & (d->tabcap - 1);
    }
}

uint32_t dy_lex_find(const dy_dict *d, const char *s, size_t n) {
    return lex_probe(d, s, n, hash32(s, n));
}

const char *dy_dict_strdup(dy_dict *d, const char *s, size_t n) {
    return dy_arena_strndup(&d->strs, s, n);
}

uint32_t dy_lex_intern(dy_dict *d, const char *s, size_t n) {
    uint32_t h = hash32(s, n);
    uint32_t id = lex_probe(d, s, n, h);
    if (id) return id;
    if ((d->lex.len + 1) * 2 > d->tabcap) lex_grow(d);
    id = (uint32_t)d->lex.len;
    dy_vec_push(&d->lex, dy_dict_strdup(d, s, n));
    dy_vec_push(&d->lexlen, (uint32_t)n);
    dy_vec_push(&d->lexflags, (uint8_t)0);
    size_t j = h & (d->tabcap - 1);
    while (d->tab[j]) j = (j + 1) & (d->tabcap - 1);
    d->tab[j] = (uint64_t)h << 32 | id;
    return id;
}

uint32_t dy_synset_id(dy_dict *d, const char *name, size_t n) {
    for (size_t i = 0; i < d->synsets.len; i++)
        if (strlen(d->synsets.items[i].name) == n && memcmp(d->synsets.items[i].name, name, n) == 0)
            return (uint32_t)i;
    dy_synset s = {0};
    s.name = dy_dict_strdup(d, name, n);
    dy_vec_push(&d->synsets, s);
    return (uint32_t)d->synsets.len - 1;
}

dy_dict *dy_dict_new(void) {
    dy_dict *d = xcalloc(1, sizeof *d);
    dy_vec_push(&d->lex, "");          /* id 0: no word */
    dy_vec_push(&d->lexlen, 0u);
    dy_vec_push(&d->lexflags, (uint8_t)0);
    lex_grow(d);
    return d;
}

static void unfreeze(dy_dict *d) {
    for (int k = 0; k < PK_COUNT; k++) {
        free(d->pstart[k]); free(d->pidx[k]);
        d->pstart[k] = d->pidx[k] = NULL;
    }
    free(d->vstart); free(d->vidx); free(d->pats); free(d->gfirst); free(d->gcount);
    free(d->memidx);
    d->vstart = d->vidx = d->gfirst = d->gcount = d->memidx = NULL;
    d->pats = NULL;
    d->frozen = false;
}

void dy_dict_free(dy_dict *d) {
    if (!d) return;
    unfreeze(d);
    dy_vec_free(&d->lex); dy_vec_free(&d->lexlen);
    dy_vec_free(&d->lexflags); free(d->tab);
    dy_vec_free(&d->words); dy_vec_free(&d->phrases); dy_vec_free(&d->entries);
    dy_vec_free(&d->codes); dy_vec_free(&d->verbs); dy_vec_free(&d->verb_group);
    dy_vec_free(&d->vforms); dy_vec_free(&d->lpats); dy_vec_free(&d->elems);
    dy_vec_free(&d->synsets); dy_vec_free(&d->members);
    dy_arena_free(&d->strs);
    free(d);
}

bool dy_dict_merge(dy_dict *dst, dy_dict *src) {
    if (dst->frozen || src->frozen || src->verbs.len || src->vforms.len || src->lpats.len || src->elems.len ||
        src->synsets.len || src->members.len)
        return false;
    /* src's words get dst's ids, in src's order: when dst's files came
     * first, every id is the one a one-dictionary load would have given. */
    uint32_t *map = xmalloc((src->lex.len ? src->lex.len : 1) * sizeof *map);
    map[0] = 0;
    for (size_t i = 1; i < src->lex.len; i++) {
        map[i] = dy_lex_intern(dst, src->lex.items[i], src->lexlen.items[i]);
        dst->lexflags.items[map[i]] |= src->lexflags.items[i];
    }
    dst->stem_len_mask |= src->stem_len_mask;
    uint32_t woff = (uint32_t)dst->words.len, eoff = (uint32_t)dst->entries.len;
    uint32_t coff = (uint32_t)dst->codes.len;
    for (size_t i = 0; i < src->words.len; i++) {
        dy_dword w = src->words.items[i];
        w.id = map[w.id];
        dy_vec_push(&dst->words, w);
    }
    for (size_t i = 0; i < src->phrases.len; i++) {
        dy_phrase p = src->phrases.items[i];
        p.words += woff;
        p.entry += eoff;
        dy_vec_push(&dst->phrases, p);
    }
    for (size_t i = 0; i < src->entries.len; i++) {
        dy_entry e = src->entries.items[i];
        e.codes += coff;
        dy_vec_push(&dst->entries, e);
    }
    for (size_t i = 0; i < src->codes.len; i++) dy_vec_push(&dst->codes, src->codes.items[i]);
    dy_arena_adopt(&dst->strs, &src->strs);     /* display forms, codes, file names */
    dst->tabari |= src->tabari;
    dst->has_gaps |= src->has_gaps;
    dst->nerrors += src->nerrors;
    dst->nignored += src->nignored;
    for (size_t k = 0; k < DY_ARRAY_LEN(dst->count); k++) dst->count[k] += src->count[k];
    free(map);
    dy_dict_free(src);
    return true;
}

/* ---- freeze: indexes and pointer fix-ups ---- */

/* Freezing sorts every phrase, verb form, synset member and pattern into
 * buckets (first word, synset, verb group) and, within a bucket, by a key.
 * Items are made in load order, so a counting sort by bucket keeps that
 * order, and buckets are small: sorting each by its key alone costs a
 * fraction of one qsort of everything, the larger part of freezing a big
 * verb dictionary otherwise.  Ties keep load order. */
typedef struct { uint32_t bucket, idx; uint64_t key; } bkey;

/* Stable sort of x[0..m) by key (ties keep their order), tmp as large. */
static void key_sort(bkey *x, size_t m, bkey *tmp) {
    if (m <= 32) {
        for (size_t i = 1; i < m; i++) {
            bkey v = x[i];
            size_t j = i;
            while (j > 0 && x[j - 1].key > v.key) { x[j] = x[j - 1]; j--; }
            x[j] = v;
        }
        return;
    }
    size_t h = m / 2;
    key_sort(x, h, tmp);
    key_sort(x + h, m - h, tmp);
    if (x[h - 1].key <= x[h].key) return;
    memcpy(tmp, x, h * sizeof *x);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < m) x[k++] = x[j].key < tmp[i].key ? x[j++] : tmp[i++];
    while (i < h) x[k++] = tmp[i++];
}

/* Sorts it[0..n) (made in ascending idx) by bucket, key, idx; *start_out,
 * when not NULL, gets the nbuckets + 1 offsets of the buckets. */
static void bucket_sort(bkey *it, size_t n, size_t nbuckets, uint32_t **start_out) {
    uint32_t *start = xcalloc(nbuckets + 1, sizeof *start);
    for (size_t i = 0; i < n; i++) start[it[i].bucket + 1]++;
    for (size_t b = 0; b < nbuckets; b++) start[b + 1] += start[b];
    bkey *tmp = xmalloc((n ? n : 1) * sizeof *tmp);
    uint32_t *fill = xmalloc((nbuckets ? nbuckets : 1) * sizeof *fill);
    memcpy(fill, start, nbuckets * sizeof *fill);
    for (size_t i = 0; i < n; i++) tmp[fill[it[i].bucket]++] = it[i];
    free(fill);
    /* Buckets sorted in place in tmp, it[] serving as the merge buffer. */
    for (size_t b = 0; b < nbuckets; b++) key_sort(tmp + start[b], start[b + 1] - start[b], it);
    memcpy(it, tmp, n * sizeof *it);
    free(tmp);
    if (start_out) *start_out = start;
    else free(start);
}

/* CSR index of items by first word id; within a bucket longer items first. */
static bkey csr_item(uint32_t first, uint32_t n, size_t idx) {
    return (bkey){first, (uint32_t)idx, UINT32_MAX - n};
}

static void build_csr(size_t nlex, bkey *it, size_t n, uint32_t **start_out, uint32_t **idx_out) {
    bucket_sort(it, n, nlex, start_out);
    uint32_t *idx = xmalloc((n ? n : 1) * sizeof *idx);
    for (size_t i = 0; i < n; i++) idx[i] = it[i].idx;
    *idx_out = idx;
}

/* Patterns by verb group; within a group the most specific first (score,
 * then characters of literal words, then elements), then the order
 * written. */
static void sort_lpats(dy_dict *d) {
    size_t n = d->lpats.len;
    if (n < 2) return;
    bkey *k = xmalloc(n * sizeof *k);
    for (size_t i = 0; i < n; i++) {
        const dy_lpat *lp = &d->lpats.items[i];
        uint64_t w = DY_MIN(lp->weight, 0xFFFFFFu);
        k[i] = (bkey){lp->group, (uint32_t)i,
                      (uint64_t)(0xFFFFu - lp->p.score) << 40 | (0xFFFFFFu - w) << 16 | (0xFFFFu - lp->p.nelem)};
    }
    bucket_sort(k, n, d->ngroups, NULL);
    dy_lpat *sorted = xmalloc(n * sizeof *sorted);
    for (size_t i = 0; i < n; i++) sorted[i] = d->lpats.items[k[i].idx];
    memcpy(d->lpats.items, sorted, n * sizeof *sorted);
    free(sorted);
    free(k);
}

void dy_dict_freeze(dy_dict *d) {
    unfreeze(d);
    size_t nlex = d->lex.len;
    size_t nmax = DY_MAX(d->phrases.len, DY_MAX(d->vforms.len, d->members.len));
    bkey *it = xmalloc((nmax ? nmax : 1) * sizeof *it);
    for (int k = 0; k < PK_COUNT; k++) {
        size_t n = 0;
        for (size_t i = 0; i < d->phrases.len; i++) {
            const dy_phrase *p = &d->phrases.items[i];
            if (p->kind != k) continue;
            it[n++] = csr_item(d->words.items[p->words].id, p->n, i);
        }
        build_csr(nlex, it, n, &d->pstart[k], &d->pidx[k]);
    }
    for (size_t i = 0; i < d->vforms.len; i++) {
        const dy_vform *f = &d->vforms.items[i];
        it[i] = csr_item(d->words.items[f->words].id, f->n, i);
    }
    build_csr(nlex, it, d->vforms.len, &d->vstart, &d->vidx);

    /* Synset members grouped by synset, longest first. */
    size_t nsyn = d->synsets.len;
    for (size_t i = 0; i < d->members.len; i++)
        it[i] = csr_item(d->members.items[i].syn, d->members.items[i].n, i);
    bucket_sort(it, d->members.len, nsyn, NULL);
    d->memidx = xmalloc((d->members.len ? d->members.len : 1) * sizeof *d->memidx);
    for (size_t s = 0; s < nsyn; s++) d->synsets.items[s].first = d->synsets.items[s].count = 0;
    for (size_t i = 0; i < d->members.len; i++) {
        d->memidx[i] = it[i].idx;
        dy_synset *s = &d->synsets.items[it[i].bucket];
        if (!s->count) s->first = (uint32_t)i;
        s->count++;
    }
    free(it);

    /* Patterns: sorted by group then specificity; pointers resolved.  The
     * score is what dy_pattern_match counts; ties keep the order of literal
     * characters, then length, then the order written. */
    for (size_t i = 0; i < d->lpats.len; i++) {
        dy_lpat *lp = &d->lpats.items[i];
        const dy_pelem *el = d->elems.items + lp->eoff;
        uint16_t sc = 0;
        for (uint16_t e = 0; e < lp->p.nelem; e++) {
            if (e == lp->p.verb_index || el[e].kind == DY_PE_SKIP || el[e].kind >= DY_PE_LPAREN) continue;
            sc += (el[e].kind == DY_PE_SOURCE || el[e].kind == DY_PE_TARGET || el[e].kind == DY_PE_COMPOUND) ? 1 : 2;
        }
        lp->p.score = sc;
    }
    sort_lpats(d);
    d->pats = xmalloc((d->lpats.len ? d->lpats.len : 1) * sizeof *d->pats);
    d->gfirst = xcalloc(d->ngroups + 1, sizeof *d->gfirst);
    d->gcount = xcalloc(d->ngroups + 1, sizeof *d->gcount);
    for (size_t i = 0; i < d->lpats.len; i++) {
        dy_lpat *lp = &d->lpats.items[i];
        d->pats[i] = lp->p;
        d->pats[i].elems = d->elems.items + lp->eoff;
        memset(&d->pats[i].need, 0, sizeof d->pats[i].need);
        for (uint16_t e = 0; e < d->pats[i].nelem; e++)
            if (d->pats[i].elems[e].kind == DY_PE_WORD && d->pats[i].elems[e].id)
                dy_wordset_add(&d->pats[i].need, d->pats[i].elems[e].id);
        if (!d->gcount[lp->group]) d->gfirst[lp->group] = (uint32_t)i;
        d->gcount[lp->group]++;
    }
    for (size_t v = 0; v < d->verbs.len; v++) {
        uint32_t g = d->verb_group.items[v];
        d->verbs.items[v].pats = d->gcount[g] ? d->pats + d->gfirst[g] : NULL;
        d->verbs.items[v].npats = d->gcount[g];
    }
    d->frozen = true;
}

size_t dy_dict_entries(const dy_dict *d) {
    size_t n = 0;
    for (int k = 0; k < 5; k++) n += d->count[k];
    return n;
}
size_t dy_dict_errors(const dy_dict *d) { return d->nerrors; }
size_t dy_dict_count(const dy_dict *d, dy_dict_kind kind) {
    return (unsigned)kind < 5 ? d->count[kind] : 0;
}
size_t dy_dict_patterns(const dy_dict *d) { return d->lpats.len; }
size_t dy_dict_synsets(const dy_dict *d) { return d->synsets.len; }
size_t dy_dict_lexicon_size(const dy_dict *d) { return d->lex.len - 1; }
size_t dy_dict_ignored(const dy_dict *d) { return d->nignored; }

/* ---- per-token keys ---- */

uint32_t dy_dict_word_id(const dy_dict *d, const char *norm) {
    return dy_lex_find(d, norm, strlen(norm));
}

const char *dy_dict_word_text(const dy_dict *d, uint32_t id) {
    return id < d->lex.len ? d->lex.items[id] : "";
}

static void add_base(const dy_dict *d, dy_tokkey *k, const char *s, size_t n) {
    if (n < 2 || k->nbases >= DY_TOKKEY_BASES) return;
    uint32_t id = dy_lex_find(d, s, n);
    if (!id || id == k->word) return;
    for (int i = 0; i < k->nbases; i++) if (k->bases[i] == id) return;
    k->bases[k->nbases++] = id;
}

static bool ends(const char *s, size_t n, const char *suf) {
    size_t m = strlen(suf);
    return n > m && memcmp(s + n - m, suf, m) == 0;
}

/* The regular endings TABARI strips (-s -es -ed -en -ing), plus the spelling
 * changes English makes on the way (-ies/-ied from -y, -ed/-ing after a
 * silent e, doubled consonants), so "policies" finds POLICY. */
static void endings(const dy_dict *d, const char *s, size_t n, dy_tokkey *k) {
    char buf[64];
    if (n >= sizeof buf - 2) return;
    if (ends(s, n, "ies") || ends(s, n, "ied")) {
        memcpy(buf, s, n - 3);
        buf[n - 3] = 'y';
        add_base(d, k, buf, n - 2);
    }
    if (ends(s, n, "ing")) {
        add_base(d, k, s, n - 3);
        memcpy(buf, s, n - 3);
        buf[n - 3] = 'e';
        add_base(d, k, buf, n - 2);
        if (n >= 5 && s[n - 4] == s[n - 5]) add_base(d, k, s, n - 4);
    }
    if (ends(s, n, "ed")) {
        add_base(d, k, s, n - 1);            /* "used" -> "use" */
        add_base(d, k, s, n - 2);
        if (n >= 4 && s[n - 3] == s[n - 4]) add_base(d, k, s, n - 3);
    }
    if (ends(s, n, "en")) add_base(d, k, s, n - 2);
    if (ends(s, n, "es")) add_base(d, k, s, n - 2);
    if (ends(s, n, "s") && !ends(s, n, "ss")) add_base(d, k, s, n - 1);
    if (ends(s, n, "'s")) add_base(d, k, s, n - 2);
}

/* "US" in capitals is the country ("the US and Britain", "US troops"), the
 * way "U.S." is; the pronoun only when the words around it are in capitals
 * too ("TELL US").  Only for dictionaries that do not list the word "us"
 * themselves (Phoenix has "US_CONGRESS_") and are read neither the TABARI
 * way nor with whole words, as the two suites' are: TABARI and PETRARCH
 * code "U.S." only, and their suites expect that. */
static bool us_country(const dy_dict *d, const dy_token *toks, size_t n, size_t i) {
    if (d->tabari || d->whole_words || !(toks[i].flags & DY_TF_ALLCAP) || strcmp(toks[i].norm, "us") != 0)
        return false;
    if (lex_probe(d, "us", 2, hash32("us", 2)) != 0) return false;
    bool caps_before = i > 0 && (toks[i - 1].flags & DY_TF_ALLCAP);
    bool caps_after = i + 1 < n && (toks[i + 1].flags & DY_TF_ALLCAP);
    return !caps_before && !caps_after;
}

void dy_dict_keys(const dy_dict *d, const dy_token *toks, size_t n, dy_tokkey *out) {
    for (size_t i = 0; i < n; i++) {
        dy_tokkey *k = &out[i];
        memset(k, 0, sizeof *k);
        const char *s = us_country(d, toks, n, i) ? "u.s." : toks[i].norm;
        size_t len = strlen(s);
        uint32_t full = 0;
        /* One pass of FNV-1a gives every prefix's hash; probe only prefix
         * lengths some stem has. */
        uint64_t h = 1469598103934665603ULL;
        for (size_t j = 0; j < len; j++) {
            h ^= (unsigned char)s[j];
            h *= 1099511628211ULL;
            size_t L = j + 1;
            if (L < len && L < 64 && (d->stem_len_mask >> L & 1)) {
                uint32_t id = lex_probe(d, s, L, (uint32_t)(h ^ (h >> 32)));
                if (id && (d->lexflags.items[id] & LX_STEM)) {
                    /* longest first: shift the shorter ones down */
                    if (k->nstems < DY_TOKKEY_STEMS) k->nstems++;
                    for (int m = k->nstems - 1; m > 0; m--) k->stems[m] = k->stems[m - 1];
                    k->stems[0] = id;
                }
            }
        }
        full = lex_probe(d, s, len, (uint32_t)(h ^ (h >> 32)));
        k->word = full;
        endings(d, s, len, k);
        k->base = k->nbases ? k->bases[0] : 0;
    }
}

/* ---- matching ---- */

static bool has_id(const uint32_t *a, int n, uint32_t id) {
    for (int i = 0; i < n; i++) if (a[i] == id) return true;
    return false;
}

static bool dword_match(const dy_dword *w, const dy_tokkey *k) {
    if (k->word == w->id) return true;
    if ((w->flags & DW_STEM) && has_id(k->stems, k->nstems, w->id)) return true;
    if ((w->flags & DW_END) && has_id(k->bases, k->nbases, w->id)) return true;
    return false;
}

/* The distinct ids a phrase starting at this token may be indexed under. */
static int candidates(const dy_tokkey *k, uint32_t *c) {
    int n = 0;
    if (k->word) c[n++] = k->word;
    for (int i = 0; i < k->nstems; i++) if (!has_id(c, n, k->stems[i])) c[n++] = k->stems[i];
    for (int i = 0; i < k->nbases; i++) if (!has_id(c, n, k->bases[i])) c[n++] = k->bases[i];
    return n;
}

/* Tokens the phrase spans from token i (0: no match).  A DW_GAP word may
 * come after up to DY_DICT_MAX_GAP words that are not punctuation (the
 * nearest is taken): "Prince of Dol Amroth", "Ithilen state-run television". */
static size_t phrase_len(const dy_dict *d, const dy_phrase *p, const dy_token *toks, const dy_tokkey *keys,
                         size_t n, size_t i) {
    if (i + p->n > n) return 0;
    const dy_dword *w = d->words.items + p->words;
    size_t at = i;
    for (size_t k = 0; k < p->n; k++, at++) {
        if (at >= n) return 0;
        if (dword_match(&w[k], &keys[at])) continue;
        if (!(w[k].flags & DW_GAP) || !toks) return 0;
        /* Quotation marks in the gap are not words: Al "The Weasel" Gore
         * is AL GORE (TABARI reads them as blanks). */
        size_t g = 0;
        while (at < n && ((toks[at].flags & DY_TF_QUOTE) ||
                          (g < DY_DICT_MAX_GAP && !(toks[at].flags & DY_TF_PUNCT) && !dword_match(&w[k], &keys[at]))))
            g += !(toks[at++].flags & DY_TF_QUOTE);
        if (at >= n || !dword_match(&w[k], &keys[at])) return 0;
    }
    return at - i;
}

static const char *code_for(const dy_dict *d, const dy_entry *e, int32_t date) {
    const char *dflt = NULL;
    for (uint32_t c = 0; c < e->ncodes; c++) {
        const dy_dcode *dc = &d->codes.items[e->codes + c];
        if (dc->from > dc->to) { if (!dflt) dflt = dc->code; continue; }
        if (date >= dc->from && date <= dc->to) return dc->code;
    }
    return dflt;
}

/* Longest phrase of kind k at token i whose entry applies on date; returns
 * its length (0: none) and the phrase and code through the out parameters. */
static size_t longest_at(const dy_dict *d, int k, const dy_token *toks, const dy_tokkey *keys, size_t n,
                         size_t i, int32_t date, uint32_t *phrase, const char **code) {
    uint32_t c[1 + DY_TOKKEY_STEMS + DY_TOKKEY_BASES];
    int nc = candidates(&keys[i], c);
    size_t best = 0;
    for (int ci = 0; ci < nc; ci++) {
        if (c[ci] >= d->lex.len) continue;
        for (uint32_t j = d->pstart[k][c[ci]]; j < d->pstart[k][c[ci] + 1]; j++) {
            const dy_phrase *p = &d->phrases.items[d->pidx[k][j]];
            /* bucket is sorted longest first (a gap can only lengthen a match) */
            if (p->n <= best && !d->has_gaps) break;
            size_t len = phrase_len(d, p, toks, keys, n, i);
            if (len <= best) continue;
            const dy_entry *e = &d->entries.items[p->entry];
            const char *cd = NULL;
            if (k == PK_ACTOR || k == PK_AGENT) {
                cd = code_for(d, e, date);
                if (!cd) continue;              /* no code on this date: entry does not apply */
            }
            best = len;
            *phrase = d->pidx[k][j];
            if (code) *code = cd;
            if (!d->has_gaps) break;
        }
    }
    return best;
}

typedef struct { uint32_t start, len, phrase; const char *code; } cand;

static int cmp_cand_len(const void *a, const void *b) {
    const cand *x = a, *y = b;
    if (x->len != y->len) return x->len > y->len ? -1 : 1;
    return x->start < y->start ? -1 : x->start > y->start;
}
static int cmp_match_start(const void *a, const void *b) {
    const dy_actor_match *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return x->kind < y->kind ? -1 : x->kind > y->kind;
}

size_t dy_dict_match_actors(const dy_dict *d, const dy_token *toks, const dy_tokkey *keys,
                            size_t n, int32_t date, dy_actor_match *out, size_t max) {
    if (!d->frozen || !max) return 0;
    if (n > DY_DICT_MAX_TOKENS) n = DY_DICT_MAX_TOKENS;
    cand cs[DY_DICT_MAX_TOKENS];
    uint8_t used[DY_DICT_MAX_TOKENS];
    size_t nout = 0;
    for (int k = PK_ACTOR; k <= PK_AGENT; k++) {
        size_t nc = 0;
        for (size_t i = 0; i < n; i++) {
            uint32_t ph = 0;
            const char *code = NULL;
            size_t len = longest_at(d, k, toks, keys, n, i, date, &ph, &code);
            if (len) cs[nc++] = (cand){(uint32_t)i, (uint32_t)len, ph, code};
        }
        /* Longest first, then leftmost; a match may not overlap a chosen one. */
        if (nc > 1) qsort(cs, nc, sizeof *cs, cmp_cand_len);
        memset(used, 0, n);
        for (size_t c = 0; c < nc && nout < max; c++) {
            bool free_span = true;
            for (uint32_t t = cs[c].start; t < cs[c].start + cs[c].len; t++)
                if (used[t]) { free_span = false; break; }
            if (!free_span) continue;
            for (uint32_t t = cs[c].start; t < cs[c].start + cs[c].len; t++) used[t] = 1;
            const dy_phrase *p = &d->phrases.items[cs[c].phrase];
            const dy_entry *e = &d->entries.items[p->entry];
            dy_actor_match *m = &out[nout++];
            m->start = cs[c].start;
            m->end = cs[c].start + cs[c].len;
            m->kind = k == PK_ACTOR ? DY_M_ACTOR : DY_M_AGENT;
            m->code = cs[c].code;
            m->phrase = e->phrase;
            m->entry = p->entry;
            m->file = e->file;
            m->line = e->line;
        }
    }
    if (nout > 1) qsort(out, nout, sizeof *out, cmp_match_start);
    return nout;
}

const char *dy_dict_match_discard(const dy_dict *d, const dy_token *toks, const dy_tokkey *keys,
                                  size_t n, int *story_level) {
    (void)toks;
    if (story_level) *story_level = 0;
    if (!d->frozen) return NULL;
    const char *hit = NULL;
    for (size_t i = 0; i < n; i++) {
        uint32_t ph = 0;
        if (!longest_at(d, PK_DISCARD, NULL, keys, n, i, 0, &ph, NULL)) continue;
        const dy_entry *e = &d->entries.items[d->phrases.items[ph].entry];
        if (e->story) {                       /* the strongest verdict: stop here */
            if (story_level) *story_level = 1;
            return e->label;
        }
        if (!hit) hit = e->label;
    }
    return hit;
}

size_t dy_dict_match_issues(const dy_dict *d, const dy_token *toks, const dy_tokkey *keys,
                            size_t n, const char **out, size_t max) {
    (void)toks;
    if (!d->frozen) return 0;
    size_t nout = 0;
    for (size_t i = 0; i < n;) {
        uint32_t ph = 0;
        size_t len = longest_at(d, PK_ISSUE, NULL, keys, n, i, 0, &ph, NULL);
        if (!len) { i++; continue; }
        const char *label = d->entries.items[d->phrases.items[ph].entry].label;
        /* An exclusion ("~a head start") consumes its words and labels nothing. */
        if (label) {
            bool seen = false;
            for (size_t j = 0; j < nout; j++) if (out[j] == label || strcmp(out[j], label) == 0) seen = true;
            if (!seen && nout < max) out[nout++] = label;
        }
        i += len;
    }
    return nout;
}

/* ---- verbs ---- */

/* Tokens verb form f spans from token i (0: no match).  A DW_GAP word (a
 * blank in a TABARI-read phrase) may come after up to DY_DICT_MAX_GAP
 * plain words. */
static size_t vform_span(const dy_vform *f, const dy_dword *w, const dy_token *toks, const dy_tokkey *keys,
                         size_t n, size_t i) {
    size_t at = i;
    for (size_t m = 0; m < f->n; m++, at++) {
        if (at >= n) return 0;
        if (dword_match(&w[m], &keys[at])) continue;
        if (!(w[m].flags & DW_GAP) || !toks) return 0;
        size_t g = 0;
        while (g < DY_DICT_MAX_GAP && at < n && !(toks[at].flags & (DY_TF_PUNCT | DY_TF_QUOTE)) &&
               !dword_match(&w[m], &keys[at]))
            at++, g++;
        if (at >= n || !dword_match(&w[m], &keys[at])) return 0;
    }
    return at - i;
}

const dy_verb *dy_dict_verb_at(const dy_dict *d, const dy_token *toks, const dy_tokkey *keys,
                               size_t n, size_t i, size_t *len) {
    if (!d->frozen || i >= n) return NULL;
    const dy_tokkey *k = &keys[i];
    uint32_t c[1 + DY_TOKKEY_STEMS];
    int nc = 0;
    if (k->word) c[nc++] = k->word;
    for (int s = 0; s < k->nstems; s++) c[nc++] = k->stems[s];
    const dy_vform *best = NULL;
    size_t best_span = 0;
    for (int ci = 0; ci < nc; ci++) {
        for (uint32_t j = d->vstart[c[ci]]; j < d->vstart[c[ci] + 1]; j++) {
            const dy_vform *f = &d->vforms.items[d->vidx[j]];
            if (best && (f->n < best->n || (f->n == best->n && !d->whole_words))) break;
            if (i + f->n > n) continue;
            const dy_dword *w = d->words.items + f->words;
            size_t span = vform_span(f, w, toks, keys, n, i);
            if (!span) continue;
            /* A verb listed twice in a PETRARCH (whole-words) file, once per
             * family ("--- SHOT [---] ---" and later "--- SHOT [223] ---"):
             * the later entry is the one PETRARCH keeps. */
            if (d->whole_words && best && f->n == best->n && f->verb < best->verb) continue;
            best = f;
            best_span = span;
            if (!d->whole_words) break;
        }
    }
    if (!best) return NULL;
    if (len) *len = best_span;
    return &d->verbs.items[best->verb];
}

bool dy_dict_word_matches(const dy_dict *d, const dy_pelem *e, const dy_token *t,
                          const dy_tokkey *k) {
    (void)d; (void)t;
    if (e->kind != DY_PE_WORD || !e->id) return false;
    if (k->word == e->id) return true;
    if (e->exact) return false;
    if (e->stem && has_id(k->stems, k->nstems, e->id)) return true;
    return has_id(k->bases, k->nbases, e->id);
}

static size_t synset_match_depth(const dy_dict *d, uint32_t s, const dy_token *toks,
                                 const dy_tokkey *keys, size_t n, size_t i, int depth);

/* Words a blank between two elements of a synset member lets stand between
 * them in a TABARI-read dictionary ("+AUSTRIAN FLORIN" matches "austrian
 * gold florin", "+&TIETYPES ASSURANCES" "cultural internal assurances");
 * "_" still joins.  Elsewhere a member's words are adjacent. */
#define DY_SYNSET_GAP 3

/* Elements e[j..ne) of a member matched from toks[pos]: the end of the
 * match, or 0 when they do not match. */
static size_t member_match(const dy_dict *d, const dy_pelem *e, uint16_t ne, uint16_t j, const dy_token *toks,
                           const dy_tokkey *keys, size_t n, size_t pos, int depth) {
    if (j == ne) return pos;
    int gap = (j > 0 && d->gapped && !e[j].adjacent) ? DY_SYNSET_GAP : 0;
    for (int g = 0; g <= gap; g++) {
        size_t p = pos + (size_t)g;
        if (p >= n || (g > 0 && (toks[p - 1].flags & (DY_TF_PUNCT | DY_TF_QUOTE)))) break;
        size_t l = 0;
        if (e[j].kind == DY_PE_SYNSET) l = synset_match_depth(d, e[j].id, toks, keys, n, p, depth + 1);
        else if (dy_dict_word_matches(d, &e[j], &toks[p], &keys[p])) l = 1;
        if (!l) continue;
        size_t end = member_match(d, e, ne, (uint16_t)(j + 1), toks, keys, n, p + l, depth);
        if (end) return end;
    }
    return 0;
}

static size_t synset_match_depth(const dy_dict *d, uint32_t s, const dy_token *toks,
                                 const dy_tokkey *keys, size_t n, size_t i, int depth) {
    if (!d->frozen || s >= d->synsets.len || depth > 4 || i >= n) return 0;
    const dy_synset *sy = &d->synsets.items[s];
    size_t best = 0;
    for (uint32_t m = sy->first; m < sy->first + sy->count; m++) {
        const dy_member *mb = &d->members.items[d->memidx[m]];
        const dy_pelem *e = d->elems.items + mb->eoff;
        size_t end = mb->n ? member_match(d, e, mb->n, 0, toks, keys, n, i, depth) : 0;
        if (end && end - i > best) best = end - i;
    }
    return best;
}

size_t dy_dict_synset_match(const dy_dict *d, uint32_t s, const dy_token *toks,
                            const dy_tokkey *keys, size_t n, size_t i) {
    return synset_match_depth(d, s, toks, keys, n, i, 0);
}

bool dy_dict_time_shift(const dy_dict *d, const dy_token *toks, const dy_tokkey *keys, size_t n, int *days) {
    const size_t pl = strlen(DY_TIME_SYNSET);
    if (!d->frozen) return false;
    for (size_t i = 0; i < n; i++) {
        size_t best = 0;
        for (size_t s = 0; s < d->synsets.len; s++) {
            const char *name = d->synsets.items[s].name;
            if (strncmp(name, DY_TIME_SYNSET, pl)) continue;
            size_t l = synset_match_depth(d, (uint32_t)s, toks, keys, n, i, 0);
            if (l > best) { best = l; *days = atoi(name + pl); }
        }
        if (best) return true;
    }
    return false;
}

const char *dy_dict_synset_name(const dy_dict *d, uint32_t s) {
    return s < d->synsets.len ? d->synsets.items[s].name : "";
}

void dy_dict_set_whole_words(dy_dict *d, bool on) { d->whole_words = on; }
void dy_dict_set_gapped(dy_dict *d, bool on) {
    d->gapped = on;
    d->tabari |= on;
}
bool dy_dict_tabari_reading(const dy_dict *d) { return d->tabari; }
bool dy_dict_whole_words(const dy_dict *d) { return d->whole_words; }

dy_wordset dy_dict_sentence_bits(const dy_tokkey *keys, size_t n) {
    dy_wordset b = {{0, 0, 0, 0}};
    for (size_t i = 0; i < n; i++) {
        const dy_tokkey *k = &keys[i];
        if (k->word) dy_wordset_add(&b, k->word);
        for (uint8_t j = 0; j < k->nbases; j++) dy_wordset_add(&b, k->bases[j]);
        for (uint8_t j = 0; j < k->nstems; j++) dy_wordset_add(&b, k->stems[j]);
    }
    return b;
}

int dy_dict_word_class(const dy_dict *d, const dy_tokkey *k) {
    uint8_t f = 0;
    if (k->word && k->word < d->lexflags.len) f |= d->lexflags.items[k->word];
    for (uint8_t j = 0; j < k->nbases; j++)
        if (k->bases[j] < d->lexflags.len) f |= d->lexflags.items[k->bases[j]];
    return ((f & LX_NOUN) ? DY_WC_NOUN : 0) | ((f & LX_ADJ) ? DY_WC_ADJ : 0);
}

bool dy_dict_not_verb(const dy_dict *d, const dy_tokkey *k) {
    if (k->word && k->word < d->lexflags.len && (d->lexflags.items[k->word] & LX_NOTVERB)) return true;
    for (uint8_t j = 0; j < k->nbases; j++)
        if (k->bases[j] < d->lexflags.len && (d->lexflags.items[k->bases[j]] & LX_NOTVERB)) return true;
    return false;
}
