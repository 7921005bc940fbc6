/* train.c — training the tagger and parser from CoNLL-U (dyad train).
 *
 * Steps: tag classes and a vocabulary from the training set; 4-fold
 * jackknifed tagging of the training set (so the parser learns from tags as
 * noisy as it will see); the final tagger on all of it; then the parser with
 * a dynamic oracle, exploring its own mistakes after the first epoch, and
 * the relabeller on the trees it builds.  Each parser epoch is scored on the
 * dev set and the best one is written.
 *
 * Deterministic: one thread, one seeded generator, tables iterated in slot
 * order, so the same data and seed give a byte-identical model.
 *
 * News adaptation: with probability merge_prob a capitalised proper-noun
 * span that forms one subtree ("Foreign Minister Sergey Lavrov") is merged
 * into a single token, as the coder does with actor phrases. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "syntax/internal.h"

void dy_train_opts_init(dy_train_opts *o) {
    memset(o, 0, sizeof *o);
    o->tag_epochs = 8;
    o->parse_epochs = 10;
    o->relabel = 1;
    o->seed = 1;
    o->merge_prob = 0.1;
    o->prune = 1.0;
    o->prune_tagger = 0.3;
    o->log = stderr;
}

static uint64_t rng_next(uint64_t *s) {      /* splitmix64 */
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static double rng_unit(uint64_t *s) { return (double)(rng_next(s) >> 11) / 9007199254740992.0; }

static void shuffle(size_t *v, size_t n, uint64_t *rng) {
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(rng_next(rng) % i);
        size_t t = v[i - 1]; v[i - 1] = v[j]; v[j] = t;
    }
}

/* One training sentence with everything precomputed. */
typedef struct {
    int n;
    ftok *ft;                    /* [0..n+1], ids only; tags filled per use */
    uint8_t *gcls;               /* gold tag class per word (index 1..n) */
    uint8_t *pcls;               /* jackknifed predicted class */
    int16_t *gh;                 /* projectivised gold heads, 1..n, 0 = root */
    uint8_t *glab;
    char **form, **norm;
} tsent;

typedef struct {
    int ntag;
    tagpair tags[DY_MAXCLS];
    int cls_of[32][64];          /* [upos][xpos] -> class, -1 */
    int propn;
} tagset_t;

/* ---- vocabulary ---- */
typedef struct { uint32_t w; uint32_t count; uint32_t cnt[DY_MAXCLS]; } wstat;

static void build_vocab(const tsent *ts, const size_t *idx, size_t nidx, int ntag,
                        vocab_slot **out, uint32_t *nout) {
    uint32_t cap = 1 << 16;
    wstat *t = NULL;
    size_t used = 0;
    for (;;) {
        t = xcalloc(cap, sizeof *t);
        used = 0;
        int overflow = 0;
        for (size_t k = 0; k < nidx && !overflow; k++) {
            const tsent *s = &ts[idx[k]];
            for (int i = 1; i <= s->n; i++) {
                uint32_t w = s->ft[i].w, j = w & (cap - 1);
                while (t[j].w && t[j].w != w) j = (j + 1) & (cap - 1);
                if (!t[j].w) {
                    if (2 * ++used > cap) { overflow = 1; break; }
                    t[j].w = w;
                }
                t[j].count++;
                t[j].cnt[s->gcls[i]]++;
            }
        }
        if (!overflow) break;
        free(t);
        cap *= 2;
    }
    /* Words seen at least 3 times get an ambiguity class (the set of classes
     * seen at least twice or for 5% of the occurrences); frequent words that
     * are practically unambiguous get their tag fixed. */
    size_t nkeep = 0;
    for (uint32_t j = 0; j < cap; j++) if (t[j].w && t[j].count >= 3) nkeep++;
    uint32_t ns = 1024;
    while (ns < 2 * nkeep) ns *= 2;
    vocab_slot *vs = xcalloc(ns, sizeof *vs);
    for (uint32_t j = 0; j < cap; j++) {
        if (!t[j].w || t[j].count < 3) continue;
        uint64_t amb = 1469598103934665603ULL;
        uint32_t best = 0;
        for (int c = 0; c < ntag; c++) {
            if (t[j].cnt[c] > t[j].cnt[best]) best = (uint32_t)c;
            if (t[j].cnt[c] >= 2 && t[j].cnt[c] * 20 >= t[j].count) amb = dy_mix(amb ^ (uint64_t)(c + 1));
        }
        uint32_t tag = 0xff;
        if (t[j].count >= 20 && t[j].cnt[best] * 1000 >= t[j].count * 997) tag = best;
        uint32_t s = t[j].w & (ns - 1);
        while (vs[s].w) s = (s + 1) & (ns - 1);
        vs[s] = (vocab_slot){t[j].w, (uint32_t)(amb | 1), tag};
    }
    free(t);
    *out = vs;
    *nout = ns;
}

/* ---- tagger ---- */
static void tag_train_epoch(lm_train *m, tsent *ts, const size_t *idx, size_t nidx, const vocab *v,
                            const tagset_t *tg) {
    uint64_t keys[DY_MAXFEAT];
    float sc[DY_MAXCLS];
    for (size_t k = 0; k < nidx; k++) {
        tsent *s = &ts[idx[k]];
        syn_apply_vocab(v, tg->propn, s->ft, (size_t)s->n);
        for (int i = 1; i <= s->n; i++) {
            int c = s->ft[i].forced;
            if (c < 0) {
                int nk = tagger_features(s->ft, s->n, i, keys);
                memset(sc, 0, sizeof sc);
                lm_train_score(m, keys, nk, sc);
                c = 0;
                for (int j = 1; j < tg->ntag; j++) if (sc[j] > sc[c]) c = j;
                lm_train_update(m, keys, nk, s->gcls[i], c);
                lm_train_tick(m);
            }
            s->ft[i].cls = (uint8_t)c;
        }
    }
}

/* Builds a parser struct over freshly frozen parts (for evaluation inside training). */
static dy_parser *assemble(const tagset_t *tg, const vocab_slot *vs, uint32_t nvs, void *const blobs[4],
                           const size_t lens[4], void **buf_out, size_t *len_out) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    syn_model_write(f, tg->ntag, tg->tags, vs, nvs, blobs, lens);
    fclose(f);
    void *copy = xmalloc(len);
    memcpy(copy, buf, len);
    free(buf);
    if (buf_out) { *buf_out = xmalloc(len); memcpy(*buf_out, copy, len); *len_out = len; }
    char err[200];
    dy_parser *p = syn_model_from_buffer(copy, len, err, sizeof err);
    if (!p) { fprintf(stderr, "internal error: %s\n", err); abort(); }
    return p;
}

static void tag_with(const dy_parser *p, tsent *ts, const size_t *idx, size_t nidx) {
    for (size_t k = 0; k < nidx; k++) {
        tsent *s = &ts[idx[k]];
        syn_apply_vocab(&p->voc, -1, s->ft, (size_t)s->n);
        syn_tag(p, s->ft, s->n);
        for (int i = 1; i <= s->n; i++) s->pcls[i] = s->ft[i].cls;
    }
}

/* ---- gold trees ---- */
static int dominates(const int16_t *h, int a, int d) {
    while (d > 0) { if (d == a) return 1; d = h[d]; }
    return a == 0;
}

/* Lifts non-projective arcs (to the head's head) until the tree is projective:
 * arc-eager can only build projective trees. */
static void projectivise(int16_t *h, int n) {
    for (int guard = 0; guard < 4 * n; guard++) {
        int worst = -1, wlen = 0;
        for (int d = 1; d <= n; d++) {
            int a = h[d], lo = DY_MIN(a, d), hi = DY_MAX(a, d);
            for (int k = lo + 1; k < hi; k++)
                if (!dominates(h, a, k)) {
                    if (worst < 0 || hi - lo < wlen) { worst = d; wlen = hi - lo; }
                    break;
                }
        }
        if (worst < 0) return;
        h[worst] = h[h[worst]];
    }
}

/* ---- parser training ---- */
typedef struct {
    lm_train mover, labeler, relabeler;
    int relabel;                 /* train the relabeller too */
    relabel_ids rids;
    uint8_t *plab;               /* the labeller's own predictions (training forces gold ones) */
    pstate_mem pm;
    pstate st;
    int nlab, root_label, punct_label, punct_upos;
    uint64_t rng;
    size_t moves, errors;
} ptrainer;

/* The relabeller learns from the trees the parser builds in training (with
 * its mistakes, as it will see them) and the labeller's own predictions:
 * every arc whose head is right, but punctuation. */
static void relabel_train_sent(ptrainer *T, const ftok *ft, int n, const int16_t *gh, const uint8_t *glab) {
    pstate *st = &T->st;
    uint64_t keys[DY_MAXFEAT];
    float sc[DY_MAXCLS];
    tree_children(st->head, n, st->first, st->next);
    for (int d = 1; d <= n; d++) {
        if (st->head[d] <= 0 || st->head[d] != gh[d] || ft[d].upos == T->punct_upos) continue;
        int nk = relabel_features(&T->rids, ft, n, st->head, T->plab, st->first, st->next, d, keys);
        memset(sc, 0, sizeof sc);
        lm_train_score(&T->relabeler, keys, nk, sc);
        sc[T->root_label] = -1e30f;
        int lp = 0;
        for (int c = 1; c < T->nlab; c++) if (sc[c] > sc[lp]) lp = c;
        lm_train_update(&T->relabeler, keys, nk, glab[d], lp);
        lm_train_tick(&T->relabeler);
    }
}

/* One sentence: ft has tags set; gh/glab gold (projective). */
static void parse_train_sent(ptrainer *T, ftok *ft, int n, const int16_t *gh, const uint8_t *glab,
                             int explore) {
    uint64_t keys[DY_MAXFEAT], lkeys[DY_MAXFEAT];
    float sc[DY_MAXCLS];
    pstate *st = &T->st;
    ps_alloc(&T->pm, st, n);
    syn_sentence_context(ft, n);
    ps_init(st, n);
    while (!ps_done(st)) {
        int nk = parser_buffer_features(st, ft, keys);
        nk += parser_features(st, ft, keys + nk);
        float ms[MV_COUNT] = {0};
        lm_train_score(&T->mover, keys, nk, ms);
        int pred = -1, gold = -1, cost[MV_COUNT];
        for (int m = 0; m < MV_COUNT; m++) {
            if (!ps_valid(st, m)) { cost[m] = -1; continue; }
            cost[m] = ps_cost(st, m, gh);
            if (pred < 0 || ms[m] > ms[pred]) pred = m;
        }
        int mincost = 1 << 30;
        for (int m = 0; m < MV_COUNT; m++) if (cost[m] >= 0 && cost[m] < mincost) mincost = cost[m];
        for (int m = 0; m < MV_COUNT; m++)
            if (cost[m] == mincost && (gold < 0 || ms[m] > ms[gold])) gold = m;
        T->moves++;
        if (cost[pred] > mincost) {
            lm_train_update(&T->mover, keys, nk, gold, pred);
            T->errors++;
        }
        lm_train_tick(&T->mover);
        int follow = gold;
        if (explore && cost[pred] > mincost && rng_unit(&T->rng) < 0.9) follow = pred;
        int label = 0;
        if (follow == MV_LEFT || follow == MV_RIGHT) {
            int s0 = st->stack[st->sp - 1], b0 = st->b;
            int h = follow == MV_LEFT ? b0 : s0, d = follow == MV_LEFT ? s0 : b0;
            if (ft[d].upos == T->punct_upos) label = T->plab[d] = (uint8_t)T->punct_label;   /* as at parse time */
            else {
                int nl = label_features(st, ft, h, d, follow, lkeys);
                memset(sc, 0, sizeof sc);
                lm_train_score(&T->labeler, lkeys, nl, sc);
                sc[T->root_label] = -1e30f;
                int lp = 0;
                for (int c = 1; c < T->nlab; c++) if (sc[c] > sc[lp]) lp = c;
                label = lp;
                T->plab[d] = (uint8_t)lp;
                if (gh[d] == h) {
                    lm_train_update(&T->labeler, lkeys, nl, glab[d], lp);
                    lm_train_tick(&T->labeler);
                    label = glab[d];
                }
            }
        }
        ps_apply(st, follow, label);
    }
    if (T->relabel) relabel_train_sent(T, ft, n, gh, glab);
}

/* Merges capitalised proper-noun spans that form one subtree into single
 * tokens.  Writes the merged sentence into the out arrays (sized n+2);
 * returns its length, or 0 when nothing was merged. */
static int merge_names(const tsent *s, const tagset_t *tg, uint64_t *rng, double prob, dy_arena *a,
                       dy_token *otok, uint8_t *ocls, int16_t *ogh, uint8_t *olab) {
    int n = s->n, propn_u = dy_upos_id("PROPN"), noun_u = dy_upos_id("NOUN"), adj_u = dy_upos_id("ADJ");
    int *newidx = xmalloc((size_t)(n + 2) * sizeof *newidx);
    int *spanend = xmalloc((size_t)(n + 2) * sizeof *spanend);
    int merged = 0;
    for (int i = 1; i <= n; i++) spanend[i] = i;
    for (int i = 1; i <= n;) {
        int j = i, has_propn = 0;
        while (j <= n && (s->ft[j].shape & 1) && !(s->ft[j].shape & 32)) {
            int u = tg->tags[s->gcls[j]].upos;
            if (u != propn_u && u != noun_u && u != adj_u) break;
            has_propn |= u == propn_u;
            j++;
        }
        int len = j - i;
        if (len >= 2 && has_propn) {
            int outside = 0;
            for (int k = i; k < j; k++) if (s->gh[k] < i || s->gh[k] >= j) outside++;
            if (outside == 1 && rng_unit(rng) < prob) { spanend[i] = j - 1; merged = 1; }
        }
        i = len ? j : i + 1;
    }
    if (!merged) { free(newidx); free(spanend); return 0; }
    int m = 0;
    for (int i = 1; i <= n;) {
        int e = spanend[i];
        m++;
        for (int k = i; k <= e; k++) newidx[k] = m;
        i = e + 1;
    }
    newidx[0] = 0;
    m = 0;
    for (int i = 1; i <= n;) {
        int e = spanend[i], hd = i;
        if (e > i) {
            dy_buf f = {0}, no = {0};
            for (int k = i; k <= e; k++) {
                if (k > i) { dy_buf_addc(&f, ' '); dy_buf_addc(&no, ' '); }
                dy_buf_adds(&f, s->form[k]);
                dy_buf_adds(&no, s->norm[k]);
                if (s->gh[k] < i || s->gh[k] > e) hd = k;
            }
            otok[m].form = dy_arena_strndup(a, f.s, f.len);
            otok[m].norm = dy_arena_strndup(a, no.s, no.len);
            otok[m].flags = DY_TF_CAP;
            dy_buf_free(&f);
            dy_buf_free(&no);
            ocls[m + 1] = (uint8_t)tg->propn;
        } else {
            otok[m].form = s->form[i];
            otok[m].norm = s->norm[i];
            otok[m].flags = 0;
            ocls[m + 1] = s->pcls[i];
        }
        ogh[m + 1] = (int16_t)newidx[s->gh[hd]];
        olab[m + 1] = s->glab[hd];
        m++;
        i = e + 1;
    }
    free(newidx);
    free(spanend);
    return m;
}

static void load_tsents(const dy_treebank *tb, const tagset_t *tg, tsent **out, dy_arena *a) {
    tsent *ts = xcalloc(tb->n ? tb->n : 1, sizeof *ts);
    vocab empty = {0, NULL};
    DY_VEC(dy_token) toks = {0};
    for (size_t k = 0; k < tb->n; k++) {
        const dy_conllu_sent *g = &tb->s[k];
        tsent *s = &ts[k];
        int n = g->n;
        s->n = n;
        toks.len = 0;
        for (int i = 0; i < n; i++) dy_vec_push(&toks, (dy_token){0});
        dy_tokens_from_words(a, g->form, n, toks.items);
        s->ft = xmalloc((size_t)(n + 2) * sizeof *s->ft);
        syn_token_ids(&empty, -1, toks.items, (size_t)n, s->ft);
        s->gcls = xcalloc((size_t)n + 2, 1);
        s->pcls = xcalloc((size_t)n + 2, 1);
        s->gh = xmalloc((size_t)(n + 2) * sizeof *s->gh);
        s->glab = xcalloc((size_t)n + 2, 1);
        s->form = xmalloc((size_t)(n + 2) * sizeof *s->form);
        s->norm = xmalloc((size_t)(n + 2) * sizeof *s->norm);
        for (int i = 1; i <= n; i++) {
            int c = tg->cls_of[g->upos[i - 1]][g->xpos[i - 1]];
            s->gcls[i] = (uint8_t)(c < 0 ? 0 : c);
            s->gh[i] = (int16_t)(g->head[i - 1] + 1);
            s->glab[i] = g->deprel[i - 1];
            s->form[i] = g->form[i - 1];
            s->norm[i] = (char *)toks.items[i - 1].norm;
        }
        s->gh[0] = -1;
        projectivise(s->gh, n);
    }
    dy_vec_free(&toks);
    *out = ts;
}

static void free_tsents(tsent *ts, size_t n) {
    for (size_t k = 0; k < n; k++) {
        free(ts[k].ft); free(ts[k].gcls); free(ts[k].pcls); free(ts[k].gh); free(ts[k].glab);
        free(ts[k].form); free(ts[k].norm);
    }
    free(ts);
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static void report(FILE *log, const char *what, const dy_parse_eval *e) {
    double w = e->words ? (double)e->words : 1;
    fprintf(log, "%s UPOS %.2f XPOS %.2f UAS %.2f LAS %.2f\n", what, 100 * e->upos_ok / w,
            100 * e->xpos_ok / w, 100 * e->uas_ok / w, 100 * e->las_ok / w);
}

int dy_syntax_train(const dy_train_opts *o, char *err, size_t errlen) {
    FILE *log = o->log ? o->log : stderr;
    dy_treebank train = {0}, dev = {0};
    size_t skipped = 0;
    if (dy_treebank_read(o->train, &train, stderr, &skipped)) {
        snprintf(err, errlen, "%s: cannot read", o->train);
        return -1;
    }
    if (o->train_more) {
        dy_treebank more = {0};
        if (dy_treebank_read(o->train_more, &more, stderr, &skipped)) {
            snprintf(err, errlen, "%s: cannot read", o->train_more);
            dy_treebank_free(&train);
            return -1;
        }
        train.s = xrealloc(train.s, (train.n + more.n + 1) * sizeof *train.s);
        memcpy(train.s + train.n, more.s, more.n * sizeof *more.s);
        train.n += more.n;
        free(more.s);              /* the sentences now belong to train */
    }
    if (o->dev && dy_treebank_read(o->dev, &dev, stderr, &skipped)) {
        snprintf(err, errlen, "%s: cannot read", o->dev);
        dy_treebank_free(&train);
        return -1;
    }
    if (!train.n) { snprintf(err, errlen, "%s: no sentences", o->train); dy_treebank_free(&train); return -1; }
    double t0 = now();
    /* Tag classes, in (upos, xpos) order so their numbering depends only on the data's tag set. */
    tagset_t tg;
    memset(&tg, 0, sizeof tg);
    memset(tg.cls_of, 0xff, sizeof tg.cls_of);
    static uint8_t seen[32][64];
    memset(seen, 0, sizeof seen);
    for (size_t k = 0; k < train.n; k++)
        for (int i = 0; i < train.s[k].n; i++) seen[train.s[k].upos[i]][train.s[k].xpos[i]] = 1;
    seen[dy_upos_id("PROPN")][dy_xpos_id("NNP")] = 1;
    for (int u = 0; u < 32; u++)
        for (int x = 0; x < 64; x++)
            if (seen[u][x] && tg.ntag < DY_MAXCLS) {
                tg.cls_of[u][x] = tg.ntag;
                tg.tags[tg.ntag++] = (tagpair){(uint8_t)u, (uint8_t)x};
            }
    tg.propn = tg.cls_of[dy_upos_id("PROPN")][dy_xpos_id("NNP")];
    /* Dev words outside the training tag set are scored as errors; map them to class 0. */
    dy_arena arena = {0};
    tsent *ts;
    load_tsents(&train, &tg, &ts, &arena);
    size_t N = train.n;
    size_t *all = xmalloc(N * sizeof *all);
    for (size_t i = 0; i < N; i++) all[i] = i;
    uint64_t rng = o->seed * 0x9E3779B97F4A7C15ULL + 12345;
    fprintf(log, "train: %zu sentences, %d tag classes; dev: %zu sentences\n", N, tg.ntag, dev.n);

    /* Jackknifed tags for the parser's training data. */
    const int K = 4;
    size_t *in = xmalloc(N * sizeof *in), *outi = xmalloc(N * sizeof *outi);
    for (int f = 0; f < K; f++) {
        size_t nin = 0, nout = 0;
        for (size_t i = 0; i < N; i++) {
            if ((int)(i % (size_t)K) == f) outi[nout++] = i;
            else in[nin++] = i;
        }
        vocab_slot *vs; uint32_t nvs;
        build_vocab(ts, in, nin, tg.ntag, &vs, &nvs);
        vocab v = {nvs, vs};
        lm_train m;
        lm_train_init(&m, tg.ntag);
        for (int e = 0; e < o->tag_epochs; e++) {
            shuffle(in, nin, &rng);
            tag_train_epoch(&m, ts, in, nin, &v, &tg);
        }
        void *blobs[4] = {NULL, NULL, NULL, NULL}; size_t lens[4] = {0, 0, 0, 0};
        lm_freeze(&m, o->prune_tagger, &blobs[0], &lens[0]);
        lm_train_free(&m);
        lm_train dummy;
        lm_train_init(&dummy, MV_COUNT);
        lm_freeze(&dummy, 0, &blobs[1], &lens[1]);
        lm_train_free(&dummy);
        lm_train_init(&dummy, dy_deprel_count());
        lm_freeze(&dummy, 0, &blobs[2], &lens[2]);
        lm_train_free(&dummy);
        dy_parser *p = assemble(&tg, vs, nvs, blobs, lens, NULL, NULL);
        tag_with(p, ts, outi, nout);
        size_t ok = 0, tot = 0;
        for (size_t k = 0; k < nout; k++)
            for (int i = 1; i <= ts[outi[k]].n; i++, tot++) ok += ts[outi[k]].pcls[i] == ts[outi[k]].gcls[i];
        fprintf(log, "jackknife fold %d: tag accuracy %.2f (%.0fs)\n", f + 1, 100.0 * ok / tot, now() - t0);
        dy_parser_free(p);
        for (int i = 0; i < 3; i++) free(blobs[i]);
        free(vs);
    }
    free(in);
    free(outi);

    /* Final tagger. */
    vocab_slot *vs; uint32_t nvs;
    build_vocab(ts, all, N, tg.ntag, &vs, &nvs);
    vocab v = {nvs, vs};
    void *tblob; size_t tlen;
    {
        lm_train m;
        lm_train_init(&m, tg.ntag);
        for (int e = 0; e < o->tag_epochs; e++) {
            shuffle(all, N, &rng);
            tag_train_epoch(&m, ts, all, N, &v, &tg);
        }
        lm_freeze(&m, o->prune_tagger, &tblob, &tlen);
        lm_train_free(&m);
    }
    fprintf(log, "tagger trained (%.0fs)\n", now() - t0);


    ptrainer T;
    memset(&T, 0, sizeof T);
    lm_train_init(&T.mover, MV_COUNT);
    lm_train_init(&T.labeler, dy_deprel_count());
    lm_train_init(&T.relabeler, dy_deprel_count());
    T.relabel = o->relabel;
    relabel_ids_init(&T.rids);
    T.nlab = dy_deprel_count();
    T.root_label = dy_deprel_id("root");
    T.punct_label = dy_deprel_id("punct");
    T.punct_upos = dy_upos_id("PUNCT");
    T.rng = rng_next(&rng);
    int maxn = 0;
    for (size_t k = 0; k < N; k++) maxn = DY_MAX(maxn, ts[k].n);
    dy_token *mtok = xmalloc((size_t)(maxn + 2) * sizeof *mtok);
    T.plab = xcalloc((size_t)maxn + 2, 1);
    ftok *mft = xmalloc((size_t)(maxn + 2) * sizeof *mft);
    uint8_t *mcls = xmalloc((size_t)maxn + 2), *mlab = xmalloc((size_t)maxn + 2);
    int16_t *mgh = xmalloc((size_t)(maxn + 2) * sizeof *mgh);
    dy_arena marena = {0};
    double best_las = -1;
    int best_epoch = 0, rc = 0;
    for (int e = 0; e < o->parse_epochs; e++) {
        shuffle(all, N, &rng);
        T.moves = T.errors = 0;
        for (size_t k = 0; k < N; k++) {
            tsent *s = &ts[all[k]];
            dy_arena_reset(&marena);
            int m = o->merge_prob > 0 ? merge_names(s, &tg, &rng, o->merge_prob, &marena, mtok, mcls, mgh, mlab) : 0;
            if (m) {
                syn_token_ids(&v, tg.propn, mtok, (size_t)m, mft);
                for (int i = 1; i <= m; i++) {
                    mft[i].cls = mcls[i];
                    mft[i].upos = tg.tags[mcls[i]].upos;
                    mft[i].xpos = tg.tags[mcls[i]].xpos;
                }
                mgh[0] = -1;
                parse_train_sent(&T, mft, m, mgh, mlab, e > 0);
            } else {
                for (int i = 1; i <= s->n; i++) {
                    s->ft[i].cls = s->pcls[i];
                    s->ft[i].upos = tg.tags[s->pcls[i]].upos;
                    s->ft[i].xpos = tg.tags[s->pcls[i]].xpos;
                }
                parse_train_sent(&T, s->ft, s->n, s->gh, s->glab, e > 0);
            }
        }
        void *blobs[4] = {tblob, NULL, NULL, NULL};
        size_t lens[4] = {tlen, 0, 0, 0};
        lm_freeze(&T.mover, o->prune, &blobs[1], &lens[1]);
        lm_freeze(&T.labeler, o->prune, &blobs[2], &lens[2]);
        if (T.relabel) lm_freeze(&T.relabeler, o->prune, &blobs[3], &lens[3]);
        void *buf; size_t blen;
        dy_parser *p = assemble(&tg, vs, nvs, blobs, lens, &buf, &blen);
        char what[160];
        snprintf(what, sizeof what, "epoch %2d: move errors %.2f%%, model %.1f MB, %.0fs;", e + 1,
                 100.0 * T.errors / (T.moves ? T.moves : 1), blen / 1e6, now() - t0);
        dy_parse_eval ev = {0};
        if (dev.n) {
            dy_parse_eval_treebank(p, &dev, &ev);
            char w2[200];
            snprintf(w2, sizeof w2, "%s dev", what);
            report(log, w2, &ev);
        } else {
            fprintf(log, "%s\n", what);
        }
        double las = dev.n ? (double)ev.las_ok / (double)ev.words : e;
        if (las > best_las) {
            best_las = las;
            best_epoch = e + 1;
            char tmp[4096];
            snprintf(tmp, sizeof tmp, "%s.tmp", o->out);
            FILE *f = fopen(tmp, "wb");
            if (!f || fwrite(buf, 1, blen, f) != blen || fclose(f) || rename(tmp, o->out)) {
                snprintf(err, errlen, "%s: cannot write", o->out);
                rc = -1;
            }
        }
        fflush(log);
        free(buf);
        dy_parser_free(p);
        free(blobs[1]);
        free(blobs[2]);
        free(blobs[3]);
        if (rc) break;
    }
    if (!rc) fprintf(log, "wrote %s (epoch %d, %.0fs)\n", o->out, best_epoch, now() - t0);
    free(mtok); free(mft); free(mcls); free(mlab); free(mgh);
    dy_arena_free(&marena);
    lm_train_free(&T.mover);
    lm_train_free(&T.labeler);
    lm_train_free(&T.relabeler);
    free(T.plab);
    free(T.pm.mem);
    free(tblob);
    free(vs);
    free(all);
    free_tsents(ts, N);
    dy_arena_free(&arena);
    dy_treebank_free(&train);
    dy_treebank_free(&dev);
    return rc;
}
