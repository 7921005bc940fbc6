/* test_syntax.c — the syntax stage: tag sets, the arc-eager transition system
 * and its dynamic oracle on hand-written trees, training determinism and the
 * model file (round trip, corrupt files), the parse API's edge cases, and
 * news sentences with long titled names parsed by the shipped model. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "syntax/internal.h"
#include "syntax/syntax.h"

/* ---------------------------------------------------------------- tag sets */

static void tagsets_round_trip(void **state) {
    (void)state;
    for (int i = 0; i < dy_upos_count(); i++) assert_int_equal(dy_upos_id(dy_upos_name(i)), i);
    for (int i = 0; i < dy_xpos_count(); i++) assert_int_equal(dy_xpos_id(dy_xpos_name(i)), i);
    for (int i = 0; i < dy_deprel_count(); i++) assert_int_equal(dy_deprel_id(dy_deprel_name(i)), i);
    assert_int_equal(dy_upos_count(), 17);
    assert_string_equal(dy_upos_name(dy_upos_id("PROPN")), "PROPN");
    assert_int_equal(dy_deprel_id("obl:foo"), dy_deprel_id("obl"));   /* unknown subtype */
    assert_int_equal(dy_deprel_id("nsubj:pass") == dy_deprel_id("nsubj"), 0);
    assert_int_equal(dy_deprel_id("nonsense"), -1);
    assert_int_equal(dy_upos_id("NNP"), -1);
    assert_string_equal(dy_deprel_name(999), "_");
}

/* ------------------------------------------------------ transition system */

/* Gold trees as heads of words 1..n (0 = root); index 0 unused. */
typedef struct { const char *what; int n; int16_t gh[16]; } tree;

static const tree trees[] = {
    /* Lavrov said Moscow would respond . */
    {"complement clause", 6, {-1, 2, 0, 5, 5, 2, 2}},
    /* The talks in Geneva ended without a deal . */
    {"pp attachments", 8, {-1, 2, 5, 4, 2, 0, 8, 8, 5}},
    /* Talks ended . (root in the middle) */
    {"short", 3, {-1, 2, 0, 2}},
    /* Protesters , police said , were arrested : root at the end of a chain */
    {"root late", 5, {-1, 5, 5, 5, 5, 0}},
    /* Root first, long right spine */
    {"right spine", 7, {-1, 0, 1, 2, 3, 4, 5, 6}},
    /* Left-branching: every word headed by the next one */
    {"left spine", 6, {-1, 2, 3, 4, 5, 6, 0}},
    /* Nested: 1<-3, 2<-3, 3 root, 4<-6, 5<-6, 6<-3, 7<-3 */
    {"nested", 7, {-1, 3, 3, 0, 6, 6, 3, 3}},
    {"one word", 1, {-1, 0}},
};

static int ntrees(void) { return (int)(sizeof trees / sizeof trees[0]); }

static void static_oracle_rebuilds_gold(void **state) {
    (void)state;
    pstate_mem pm = {0};
    pstate st;
    for (int t = 0; t < ntrees(); t++) {
        const tree *tr = &trees[t];
        ps_alloc(&pm, &st, tr->n);
        ps_init(&st, tr->n);
        int steps = 0;
        while (!ps_done(&st)) {
            int mv = -1;
            for (int m = 0; m < MV_COUNT && mv < 0; m++)
                if (ps_valid(&st, m) && ps_cost(&st, m, tr->gh) == 0) mv = m;
            assert_true(mv >= 0);                  /* a zero-cost move always exists */
            ps_apply(&st, mv, 7);
            assert_true(++steps <= 2 * tr->n);      /* arc-eager takes at most 2n moves */
        }
        /* Every arc is built; the root word is the one left headless. */
        for (int d = 1; d <= tr->n; d++) {
            int want = tr->gh[d] == 0 ? -1 : tr->gh[d];
            if (st.head[d] != want) fail_msg("%s: word %d head %d, gold %d", tr->what, d, st.head[d], tr->gh[d]);
        }
    }
    free(pm.mem);
}

static void wrong_moves_have_positive_cost(void **state) {
    (void)state;
    pstate_mem pm = {0};
    pstate st;
    const tree *tr = &trees[0];     /* Lavrov said Moscow would respond . */
    ps_alloc(&pm, &st, tr->n);
    ps_init(&st, tr->n);
    /* Empty stack: only a shift is possible. */
    assert_true(ps_valid(&st, MV_SHIFT));
    assert_false(ps_valid(&st, MV_LEFT));
    assert_false(ps_valid(&st, MV_RIGHT));
    assert_false(ps_valid(&st, MV_REDUCE));
    assert_int_equal(ps_cost(&st, MV_SHIFT, tr->gh), 0);
    ps_apply(&st, MV_SHIFT, 0);
    /* Stack [Lavrov], buffer [said ...]: Lavrov -> said loses said's root arc
     * and Lavrov's own head; shifting "said" loses Lavrov <- said. */
    assert_int_equal(ps_cost(&st, MV_RIGHT, tr->gh), 2);
    assert_int_equal(ps_cost(&st, MV_SHIFT, tr->gh), 1);
    assert_int_equal(ps_cost(&st, MV_LEFT, tr->gh), 0);
    assert_false(ps_valid(&st, MV_REDUCE));      /* Lavrov has no head yet */
    ps_apply(&st, MV_LEFT, 3);
    assert_int_equal(st.head[1], 2);
    assert_int_equal(st.label[1], 3);
    assert_int_equal(st.lc1[2], 1);
    assert_int_equal(st.nl[2], 1);
    ps_apply(&st, MV_SHIFT, 0);
    /* Stack [said], buffer [Moscow ...]: said <- Moscow loses the root arc and
     * said's two dependents still in the buffer. */
    assert_int_equal(ps_cost(&st, MV_LEFT, tr->gh), 3);
    assert_int_equal(ps_cost(&st, MV_RIGHT, tr->gh), 1);
    assert_int_equal(ps_cost(&st, MV_SHIFT, tr->gh), 0);
    free(pm.mem);
}

/* The dynamic oracle's costs are exact: following arbitrary moves, the gold
 * arcs missing from the final tree number exactly the costs paid. */
static void dynamic_oracle_costs_add_up(void **state) {
    (void)state;
    pstate_mem pm = {0};
    pstate st;
    uint64_t rng = 42;
    for (int round = 0; round < 300; round++) {
        const tree *tr = &trees[round % ntrees()];
        ps_alloc(&pm, &st, tr->n);
        ps_init(&st, tr->n);
        int paid = 0;
        while (!ps_done(&st)) {
            int valid[MV_COUNT], nv = 0, zero = -1;
            for (int m = 0; m < MV_COUNT; m++)
                if (ps_valid(&st, m)) {
                    valid[nv++] = m;
                    if (zero < 0 && ps_cost(&st, m, tr->gh) == 0) zero = m;
                }
            assert_true(nv > 0);
            assert_true(zero >= 0);
            rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
            int mv = (rng >> 33) % 2 ? valid[(rng >> 40) % (uint64_t)nv] : zero;
            paid += ps_cost(&st, mv, tr->gh);
            ps_apply(&st, mv, 0);
        }
        int lost = 0;
        for (int d = 1; d <= tr->n; d++) lost += st.head[d] != (tr->gh[d] == 0 ? -1 : tr->gh[d]);
        if (lost != paid) fail_msg("%s (round %d): %d arcs lost, costs paid %d", tr->what, round, lost, paid);
    }
    free(pm.mem);
}

/* ------------------------------------------------------- linear models */

/* A frozen model scores like the trained one it came from, up to rounding:
 * the inline 4-class layout (weights relative to class 0, stored biased) and
 * the row layouts (sparse pairs and padded dense rows) alike. */
static void frozen_models_score_like_trained_ones(void **state) {
    (void)state;
    const int ncls_cases[] = {4, 3, 58, 102};
    uint64_t rng = 7;
    for (size_t c = 0; c < sizeof ncls_cases / sizeof ncls_cases[0]; c++) {
        int ncls = ncls_cases[c];
        lm_train m;
        lm_train_init(&m, ncls);
        uint64_t keys[40];
        for (int step = 0; step < 3000; step++) {
            int nk = 0;
            for (int k = 0; k < 40; k++) {
                rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
                /* a few frequent features (long rows) and many rare ones */
                keys[nk++] = fk1(k < 4 ? 1 : 2, k < 4 ? (uint64_t)k : (rng >> 40) % 5000);
            }
            int gold = (int)((rng >> 20) % (uint64_t)ncls), pred = (int)((rng >> 30) % (uint64_t)ncls);
            lm_train_update(&m, keys, nk, gold, pred);
            lm_train_tick(&m);
        }
        void *blob;
        size_t len;
        lm_freeze(&m, 0, &blob, &len);
        assert_int_equal(len % 8, 0);
        lm_frozen f;
        assert_int_equal(lm_attach(&f, blob, len), len);
        for (int trial = 0; trial < 200; trial++) {
            int nk = 0;
            for (int k = 0; k < 30; k++) {
                rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
                keys[nk++] = fk1(k < 4 ? 1 : 2, k < 4 ? (uint64_t)k : (rng >> 40) % 6000);  /* some unseen */
            }
            int32_t got[DY_MAXCLS] = {0};
            lm_score(&f, keys, nk, got);
            /* Score differences to class 0 against the averaged weights. */
            double avg[DY_MAXCLS] = {0};
            for (int k = 0; k < nk; k++) {
                uint64_t key = keys[k] | 1;
                for (size_t i = 0; i < m.cap; i++) {
                    if (m.rows[i].key != key) continue;
                    for (uint32_t j = 0; j < m.rows[i].n; j++)
                        avg[m.rows[i].e[j].cls] += m.rows[i].e[j].w - m.rows[i].e[j].u / m.c;
                }
            }
            for (int cl = 1; cl < ncls; cl++) {
                double d = (avg[cl] - avg[0]) / f.scale, g = (double)got[cl] - got[0];
                if (fabs(d - g) > nk + 1)
                    fail_msg("%d classes, class %d: frozen %g, trained %g", ncls, cl, g, d);
            }
        }
        free(blob);
        lm_train_free(&m);
    }
}

/* Lookups compare a whole bucket of slots at once and go on past it only
 * when it is full: keys crowded into one home bucket (same low 32 bits,
 * different fingerprints) overflow into the next buckets and must still all
 * be found with their own weights, and absent keys with that home must
 * score nothing.  Both layouts: the inline 4-class one and row tables. */
static void crowded_buckets_are_probed_past(void **state) {
    (void)state;
    const int ncls_cases[] = {4, 58};
    for (size_t c = 0; c < sizeof ncls_cases / sizeof ncls_cases[0]; c++) {
        int ncls = ncls_cases[c];
        enum { CROWD = 3 * LM_BUCKET + 3, OTHER = 300 };
        lm_train m;
        lm_train_init(&m, ncls);
        uint64_t keys[CROWD + OTHER];
        /* Fingerprints are the top bits with the lowest of them set: odd. */
        for (int i = 0; i < CROWD; i++) keys[i] = (uint64_t)(2 * i + 3) << 48 | 0x5a5a5a5au;
        for (int i = 0; i < OTHER; i++) keys[CROWD + i] = fk1(3, (uint64_t)i);
        /* Key i: +(i % 7 + 1) for class 1 + i % (ncls - 1), the same taken from class 0. */
        for (int i = 0; i < CROWD + OTHER; i++)
            for (int r = 0; r < i % 7 + 1; r++) {
                lm_train_update(&m, &keys[i], 1, 1 + i % (ncls - 1), 0);
                lm_train_tick(&m);
            }
        void *blob;
        size_t len;
        lm_freeze(&m, 0, &blob, &len);
        lm_frozen f;
        assert_int_equal(lm_attach(&f, blob, len), len);
        for (int i = 0; i < CROWD + OTHER; i++) {
            int32_t got[DY_MAXCLS] = {0};
            lm_score(&f, &keys[i], 1, got);
            /* Relative to class 0, the key's class scores 2w and every other class w > 0. */
            int want = 1 + i % (ncls - 1);
            int32_t dw = got[want] - got[0];
            if (dw <= 0) fail_msg("%d classes, key %d: its class %d scores %d", ncls, i, want, dw);
            for (int cl = 1; cl < ncls; cl++) {
                int32_t d = got[cl] - got[0];
                if (cl != want && abs(2 * d - dw) > 2)
                    fail_msg("%d classes, key %d: class %d scores %d, its class %d %d", ncls, i, cl, d, want, dw);
            }
        }
        for (int i = 0; i < 50; i++) {
            uint64_t absent = (uint64_t)(2 * (CROWD + i) + 3) << 48 | 0x5a5a5a5au;
            int32_t got[DY_MAXCLS] = {0};
            lm_score(&f, &absent, 1, got);
            for (int cl = 0; cl < ncls; cl++) assert_int_equal(got[cl], 0);
        }
        free(blob);
        lm_train_free(&m);
    }
}

/* The relabeller sees the finished tree: children listed in order, and a
 * head's auxiliary attached anywhere (here "was", attached to "killed")
 * changes the subject's features, as does a sibling's first-pass label. */
static void relabel_features_see_the_whole_tree(void **state) {
    (void)state;
    /* The minister was killed */
    static const char *const xp[] = {"DT", "NN", "VBD", "VBN"}, *const up[] = {"DET", "NOUN", "AUX", "VERB"};
    enum { N = 4 };
    ftok ft[N + 2];
    memset(ft, 0, sizeof ft);
    for (int i = 1; i <= N; i++) {
        ft[i].xpos = (uint8_t)dy_xpos_id(xp[i - 1]);
        ft[i].upos = (uint8_t)dy_upos_id(up[i - 1]);
        ft[i].w = 1000u + (uint32_t)i;
    }
    ft[N + 1].xpos = ft[N + 1].upos = 255;
    syn_sentence_context(ft, N);
    int16_t head[N + 2] = {-1, 2, 4, 4, 0, -1}, first[N + 2], next[N + 2];
    uint8_t label[N + 2] = {0};
    label[1] = (uint8_t)dy_deprel_id("det");
    label[2] = (uint8_t)dy_deprel_id("nsubj");
    label[3] = (uint8_t)dy_deprel_id("aux");
    label[4] = (uint8_t)dy_deprel_id("root");
    tree_children(head, N, first, next);
    assert_int_equal(first[4], 2);
    assert_int_equal(next[2], 3);
    assert_int_equal(next[3], -1);
    assert_int_equal(first[2], 1);
    assert_int_equal(first[3], -1);
    relabel_ids u;
    relabel_ids_init(&u);
    uint64_t with_aux[DY_MAXFEAT], k[DY_MAXFEAT];
    int nk = relabel_features(&u, ft, N, head, label, first, next, 2, with_aux);
    assert_true(nk > 0 && nk <= DY_MAXFEAT);
    /* The same keys again: features depend only on the tree. */
    assert_int_equal(relabel_features(&u, ft, N, head, label, first, next, 2, k), nk);
    assert_memory_equal(k, with_aux, (size_t)nk * sizeof *k);
    /* "was" a child of "minister" instead: some of the subject's keys change. */
    head[3] = 2;
    tree_children(head, N, first, next);
    assert_int_equal(relabel_features(&u, ft, N, head, label, first, next, 2, k), nk);
    int differ = 0;
    for (int i = 0; i < nk; i++) differ += k[i] != with_aux[i];
    assert_true(differ > 0);
    /* Back, with "was" labelled aux:pass by the labeller. */
    head[3] = 4;
    tree_children(head, N, first, next);
    label[3] = (uint8_t)dy_deprel_id("aux:pass");
    assert_int_equal(relabel_features(&u, ft, N, head, label, first, next, 2, k), nk);
    differ = 0;
    for (int i = 0; i < nk; i++) differ += k[i] != with_aux[i];
    assert_true(differ > 0);
}

/* ------------------------------------------------------ sentence context */

static void sentence_context_from_tags(void **state) {
    (void)state;
    /* Police ( in Kabul ) said they arrested him , officials said . */
    static const char *const xp[] = {"NNS", "-LRB-", "IN", "NNP", "-RRB-", "VBD", "PRP", "VBD", "PRP", ",", "NNS", "VBD", "."};
    static const char *const up[] = {"NOUN", "PUNCT", "ADP", "PROPN", "PUNCT", "VERB", "PRON", "VERB", "PRON", "PUNCT", "NOUN", "VERB", "PUNCT"};
    enum { N = 13 };
    ftok ft[N + 2];
    memset(ft, 0, sizeof ft);
    for (int i = 1; i <= N; i++) {
        ft[i].xpos = (uint8_t)dy_xpos_id(xp[i - 1]);
        ft[i].upos = (uint8_t)dy_upos_id(up[i - 1]);
    }
    syn_sentence_context(ft, N);
    int vbd = dy_xpos_id("VBD"), comma = dy_xpos_id(",");
    assert_int_equal(ft[1].nvx, vbd);             /* "said" is still to come */
    assert_int_equal(ft[12].nvx, 255);            /* no verb after the last one */
    assert_int_equal(ft[1].nverbs, 2);            /* three verbs after "Police": 2+ */
    assert_int_equal(ft[9].nverbs, 1);
    assert_int_equal(ft[1].pvx, 255);
    assert_int_equal(ft[7].pvx, vbd);
    assert_int_equal(ft[3].depth, 1);             /* inside the brackets */
    assert_int_equal(ft[5].depth, 0);             /* the closing bracket is outside */
    assert_int_equal(ft[6].depth, 0);
    assert_int_equal(ft[8].npx, comma);           /* next punctuation after "arrested" */
    assert_int_equal(ft[8].npd, 2);
    assert_int_equal(ft[13].npx, 255);
    assert_int_equal(ft[4].npunct, 1);
    assert_int_equal(ft[13].npunct, 4);
    assert_int_equal(ft[9].npunct - ft[1].npunct, 2);   /* punctuation between words 1 and 9 */
}

/* ------------------------------------------------- training and the model */

/* Hand-written news-like training data: enough for a tiny model to memorise. */
static const char tiny_conllu[] =
    "# text = Russia warned Ukraine on Monday .\n"
    "1\tRussia\t_\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
    "2\twarned\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tUkraine\t_\tPROPN\tNNP\t_\t2\tobj\t_\t_\n"
    "4\ton\t_\tADP\tIN\t_\t5\tcase\t_\t_\n"
    "5\tMonday\t_\tPROPN\tNNP\t_\t2\tobl\t_\t_\n"
    "6\t.\t_\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "# text = The minister met the envoy in Cairo .\n"
    "1\tThe\t_\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\tminister\t_\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
    "3\tmet\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "4\tthe\t_\tDET\tDT\t_\t5\tdet\t_\t_\n"
    "5\tenvoy\t_\tNOUN\tNN\t_\t3\tobj\t_\t_\n"
    "6\tin\t_\tADP\tIN\t_\t7\tcase\t_\t_\n"
    "7\tCairo\t_\tPROPN\tNNP\t_\t3\tobl\t_\t_\n"
    "8\t.\t_\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
    "\n"
    "# text = Police arrested two protesters .\n"
    "1\tPolice\t_\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tarrested\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\ttwo\t_\tNUM\tCD\t_\t4\tnummod\t_\t_\n"
    "4\tprotesters\t_\tNOUN\tNNS\t_\t2\tobj\t_\t_\n"
    "5\t.\t_\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "# text = Foreign Minister Sergey Lavrov said talks would resume .\n"
    "1\tForeign\t_\tPROPN\tNNP\t_\t2\tcompound\t_\t_\n"
    "2\tMinister\t_\tPROPN\tNNP\t_\t3\tcompound\t_\t_\n"
    "3\tSergey\t_\tPROPN\tNNP\t_\t5\tnsubj\t_\t_\n"
    "4\tLavrov\t_\tPROPN\tNNP\t_\t3\tflat\t_\t_\n"
    "5\tsaid\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "6\ttalks\t_\tNOUN\tNNS\t_\t8\tnsubj\t_\t_\n"
    "7\twould\t_\tAUX\tMD\t_\t8\taux\t_\t_\n"
    "8\tresume\t_\tVERB\tVB\t_\t5\tccomp\t_\t_\n"
    "9\t.\t_\tPUNCT\t.\t_\t5\tpunct\t_\t_\n"
    "\n"
    "# text = The talks were postponed by the United Nations .\n"
    "1\tThe\t_\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\ttalks\t_\tNOUN\tNNS\t_\t4\tnsubj:pass\t_\t_\n"
    "3\twere\t_\tAUX\tVBD\t_\t4\taux:pass\t_\t_\n"
    "4\tpostponed\t_\tVERB\tVBN\t_\t0\troot\t_\t_\n"
    "5\tby\t_\tADP\tIN\t_\t8\tcase\t_\t_\n"
    "6\tthe\t_\tDET\tDT\t_\t8\tdet\t_\t_\n"
    "7\tUnited\t_\tPROPN\tNNP\t_\t8\tcompound\t_\t_\n"
    "8\tNations\t_\tPROPN\tNNPS\t_\t4\tobl:agent\t_\t_\n"
    "9\t.\t_\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n";

typedef struct { char dir[64], train[96], model[96], model2[96]; } tmpfiles;

static int tmp_setup(void **state) {
    tmpfiles *t = calloc(1, sizeof *t);
    strcpy(t->dir, "/tmp/dyad-syntax-XXXXXX");
    if (!mkdtemp(t->dir)) return -1;
    snprintf(t->train, sizeof t->train, "%s/train.conllu", t->dir);
    snprintf(t->model, sizeof t->model, "%s/a.dyp", t->dir);
    snprintf(t->model2, sizeof t->model2, "%s/b.dyp", t->dir);
    FILE *f = fopen(t->train, "w");
    if (!f) return -1;
    for (int i = 0; i < 6; i++) fputs(tiny_conllu, f);   /* repeated: a few "frequent" words */
    fclose(f);
    *state = t;
    return 0;
}

static int tmp_teardown(void **state) {
    tmpfiles *t = *state;
    unlink(t->train);
    unlink(t->model);
    unlink(t->model2);
    rmdir(t->dir);
    free(t);
    return 0;
}

static char *slurp(const char *path, size_t *len) {
    char *s = dy_read_file(path, len);
    assert_non_null(s);
    return s;
}

static int train_tiny_more(const char *train, const char *more, const char *out) {
    dy_train_opts o;
    dy_train_opts_init(&o);
    o.train = train;
    o.train_more = more;
    o.out = out;
    o.tag_epochs = 3;
    o.parse_epochs = 10;
    o.seed = 7;
    o.prune = o.prune_tagger = 0;       /* tiny data: weights are all small */
    FILE *devnull = fopen("/dev/null", "w");
    o.log = devnull;
    char err[256];
    int rc = dy_syntax_train(&o, err, sizeof err);
    fclose(devnull);
    return rc;
}

static int train_tiny(const char *train, const char *out) { return train_tiny_more(train, NULL, out); }

static void training_is_deterministic_and_model_round_trips(void **state) {
    tmpfiles *t = *state;
    assert_int_equal(train_tiny(t->train, t->model), 0);
    assert_int_equal(train_tiny(t->train, t->model2), 0);
    size_t la, lb;
    char *a = slurp(t->model, &la), *b = slurp(t->model2, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);               /* same data and seed: same bytes */
    free(a);
    free(b);

    char err[256];
    dy_parser *p = dy_parser_load(t->model, err, sizeof err);
    assert_non_null(p);
    dy_treebank tb = {0};
    assert_int_equal(dy_treebank_read(t->train, &tb, stderr, NULL), 0);
    assert_int_equal(tb.n, 30);
    dy_parse_eval ev = {0};
    dy_parse_eval_treebank(p, &tb, &ev);
    assert_int_equal(ev.words, 6 * 37);
    /* The training set is memorised. */
    printf("note: tiny model on its training data: UPOS %zu UAS %zu LAS %zu of %zu\n", ev.upos_ok, ev.uas_ok, ev.las_ok, ev.words);
    assert_true(ev.upos_ok * 100 >= ev.words * 95);
    assert_true(ev.uas_ok * 100 >= ev.words * 90);
    assert_true(ev.las_ok * 100 >= ev.words * 85);
    dy_treebank_free(&tb);
    dy_parser_free(p);
}

/* --train-more (the final model's train+dev) appends its sentences to the
 * training set: the model is the one trained on both files joined. */
static void more_training_data_is_appended(void **state) {
    tmpfiles *t = *state;
    char half[128];
    snprintf(half, sizeof half, "%s/half.conllu", t->dir);
    FILE *f = fopen(half, "w");
    assert_non_null(f);
    for (int i = 0; i < 3; i++) fputs(tiny_conllu, f);
    fclose(f);
    assert_int_equal(train_tiny(t->train, t->model), 0);            /* 6 copies */
    assert_int_equal(train_tiny_more(half, half, t->model2), 0);    /* 3 + 3 */
    size_t la, lb;
    char *a = slurp(t->model, &la), *b = slurp(t->model2, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    free(a);
    free(b);
    assert_int_equal(train_tiny(half, t->model2), 0);               /* 3 copies only: not the same */
    b = slurp(t->model2, &lb);
    a = slurp(t->model, &la);
    assert_true(la != lb || memcmp(a, b, la) != 0);
    free(a);
    free(b);
    assert_int_not_equal(train_tiny_more(half, "/nonexistent/more.conllu", t->model2), 0);
    unlink(half);
}

static void corrupt_models_are_rejected(void **state) {
    tmpfiles *t = *state;
    if (access(t->model, R_OK)) assert_int_equal(train_tiny(t->train, t->model), 0);
    size_t len;
    char *m = slurp(t->model, &len);
    char err[256];
    struct { const char *what; size_t len; size_t flip; const char *msg; } cases[] = {
        {"truncated", len - 100, (size_t)-1, "truncated"},
        {"header only", 20, (size_t)-1, "short"},
        {"bad magic", len, 0, "not a dyad parser model"},
        {"byte order", len, 12, "byte order"},
        {"version", len, 8, "version"},
        {"feature set", len, 36, "feature set"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *c = malloc(len);
        memcpy(c, m, len);
        if (cases[i].flip != (size_t)-1) c[cases[i].flip] ^= 0x5a;
        FILE *f = fopen(t->model2, "wb");
        fwrite(c, 1, cases[i].len, f);
        fclose(f);
        free(c);
        err[0] = '\0';
        dy_parser *p = dy_parser_load(t->model2, err, sizeof err);
        if (p) fail_msg("%s: corrupt model loaded", cases[i].what);
        if (!strstr(err, cases[i].msg)) fail_msg("%s: message '%s'", cases[i].what, err);
    }
    assert_null(dy_parser_load("/nonexistent/model.dyp", err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/model.dyp"));
    free(m);
}

static void parse_edge_cases(void **state) {
    tmpfiles *t = *state;
    if (access(t->model, R_OK)) assert_int_equal(train_tiny(t->train, t->model), 0);
    char err[256];
    dy_parser *p = dy_parser_load(t->model, err, sizeof err);
    assert_non_null(p);
    dy_parse_scratch *s = dy_parse_scratch_new(p);
    dy_arena a = {0};
    dy_parsed out[DY_PARSE_MAX_TOKENS + 1];
    dy_token toks[DY_PARSE_MAX_TOKENS + 1];
    assert_int_equal(dy_parse_sentence(p, s, toks, 0, out), -1);
    char *one[] = {"Talks"};
    dy_tokens_from_words(&a, one, 1, toks);
    assert_int_equal(dy_parse_sentence(p, s, toks, 1, out), 0);
    assert_int_equal(out[0].head, -1);
    assert_int_equal(out[0].deprel, dy_deprel_id("root"));
    /* A merged name is a proper noun whatever the model thinks. */
    char *merged[] = {"Foreign Minister Sergey Lavrov", "warned", "Ukraine", "."};
    dy_tokens_from_words(&a, merged, 4, toks);
    assert_int_equal(dy_parse_sentence(p, s, toks, 4, out), 0);
    assert_int_equal(out[0].upos, dy_upos_id("PROPN"));
    assert_int_equal(out[0].xpos, dy_xpos_id("NNP"));
    /* Long and odd input: always a single-rooted tree with heads in range,
     * and sentences beyond the limit are refused. */
    static char *junk[] = {"!!", "12,000", "\xe2\x80\x9c", "the", "of", "AND", "x-y", "Gen.", "\xc3\xa9t\xc3\xa9"};
    char *words[DY_PARSE_MAX_TOKENS + 1];
    for (int i = 0; i <= DY_PARSE_MAX_TOKENS; i++) words[i] = junk[i % 9];
    dy_tokens_from_words(&a, words, DY_PARSE_MAX_TOKENS + 1, toks);
    assert_int_equal(dy_parse_sentence(p, s, toks, DY_PARSE_MAX_TOKENS + 1, out), -1);
    for (size_t n = 2; n <= DY_PARSE_MAX_TOKENS; n = n * 3 + 1) {
        assert_int_equal(dy_parse_sentence(p, s, toks, n, out), 0);
        int roots = 0;
        for (size_t i = 0; i < n; i++) {
            roots += out[i].head == -1;
            assert_true(out[i].head >= -1 && out[i].head < (int)n && out[i].head != (int)i);
        }
        assert_int_equal(roots, 1);
    }
    dy_arena_free(&a);
    dy_parse_scratch_free(s);
    dy_parser_free(p);
}

/* ------------------------------------------- news sentences, shipped model */

typedef struct {
    char *words[80];
    int n, name_start, name_end, root;   /* name span [start, end), 0-based */
} news_sent;

/* Parses a line of tests/unit/data/syntax_news.txt; 0 when it is a comment. */
static int news_line(char *line, news_sent *ns) {
    if (line[0] == '#' || line[0] == '\n' || !line[0]) return 0;
    memset(ns, 0, sizeof *ns);
    ns->name_start = ns->name_end = ns->root = -1;
    for (char *w = strtok(line, " \n"); w && ns->n < 80; w = strtok(NULL, " \n")) {
        size_t len = strlen(w);
        if (w[0] == '[') { ns->name_start = ns->n; w++; len--; }
        if (len && w[len - 1] == ']') { w[--len] = '\0'; ns->name_end = ns->n + 1; }
        if (len > 2 && w[0] == '*' && w[len - 1] == '*') { w[len - 1] = '\0'; w++; ns->root = ns->n; }
        ns->words[ns->n++] = w;
    }
    return ns->name_start >= 0 && ns->name_end > ns->name_start && ns->root >= 0 ? 1 : -1;
}

static int is_subject(int deprel) {
    return deprel == dy_deprel_id("nsubj") || deprel == dy_deprel_id("nsubj:pass");
}

/* 1 when the parse has the expected root and the span [a, b) is exactly one
 * subject subtree of it (one word of the span heads it, the rest depend
 * inside the span). */
static int check_news(const dy_parsed *out, int n, int root, int a, int b, char *why, size_t wl) {
    if (out[root].head != -1) { snprintf(why, wl, "root is not the verb"); return 0; }
    int heads = 0;
    for (int i = a; i < b; i++) {
        if (out[i].head >= a && out[i].head < b) continue;
        heads++;
        if (out[i].head != root || !is_subject(out[i].deprel)) {
            snprintf(why, wl, "word %d of the name attaches to %d as %s", i + 1, out[i].head + 1,
                     dy_deprel_name(out[i].deprel));
            return 0;
        }
    }
    (void)n;
    if (heads != 1) { snprintf(why, wl, "name is not one subtree"); return 0; }
    return 1;
}

static void news_titled_names(void **state) {
    (void)state;
    const char *model = dy_parser_default_path();
    if (!model) {
        printf("note: no parser model (models/en_ewt.dyp): run 'make model'; news sentences not checked\n");
        skip();
    }
    char err[512];
    dy_parser *p = dy_parser_load(model, err, sizeof err);
    if (!p) fail_msg("%s", err);
    FILE *f = fopen(DYAD_SRCDIR "/tests/unit/data/syntax_news.txt", "r");
    assert_non_null(f);
    dy_parse_scratch *s = dy_parse_scratch_new(p);
    dy_arena a = {0};
    char line[2048];
    int total = 0, ok_split = 0, ok_merged = 0;
    while (fgets(line, sizeof line, f)) {
        news_sent ns;
        int r = news_line(line, &ns);
        if (r == 0) continue;
        assert_int_equal(r, 1);
        total++;
        dy_token toks[80];
        dy_parsed out[80];
        char why[200];
        /* 1: the words as they are. */
        dy_arena_reset(&a);
        dy_tokens_from_words(&a, ns.words, ns.n, toks);
        assert_int_equal(dy_parse_sentence(p, s, toks, (size_t)ns.n, out), 0);
        if (check_news(out, ns.n, ns.root, ns.name_start, ns.name_end, why, sizeof why)) ok_split++;
        else printf("note: split: %s: %s ... %s\n", why, ns.words[ns.name_start], ns.words[ns.root]);
        /* 2: the name merged into one token, as the coder passes actors. */
        dy_buf name = {0};
        for (int i = ns.name_start; i < ns.name_end; i++) {
            if (i > ns.name_start) dy_buf_addc(&name, ' ');
            dy_buf_adds(&name, ns.words[i]);
        }
        char *mw[80];
        int m = 0;
        for (int i = 0; i < ns.name_start; i++) mw[m++] = ns.words[i];
        mw[m++] = name.s;
        for (int i = ns.name_end; i < ns.n; i++) mw[m++] = ns.words[i];
        int mroot = ns.root - (ns.name_end - ns.name_start - 1);
        dy_tokens_from_words(&a, mw, m, toks);
        assert_int_equal(dy_parse_sentence(p, s, toks, (size_t)m, out), 0);
        if (check_news(out, m, mroot, ns.name_start, ns.name_start + 1, why, sizeof why)) ok_merged++;
        else printf("note: merged: %s: %s ... %s\n", why, name.s, mw[mroot]);
        dy_buf_free(&name);
    }
    fclose(f);
    printf("note: news sentences: %d/%d right with names as words, %d/%d with names merged\n",
           ok_split, total, ok_merged, total);
    assert_true(total >= 40);
    /* Merged names are what the coder passes; the words as they are go
     * through dy_parse_sentence's own merging of an opening name.  The shipped
     * model gets every sentence right in both modes (models/README.md): a
     * miss is a regression. */
    assert_int_equal(ok_merged, total);
    assert_int_equal(ok_split, total);
    dy_arena_free(&a);
    dy_parse_scratch_free(s);
    dy_parser_free(p);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tagsets_round_trip),
        cmocka_unit_test(static_oracle_rebuilds_gold),
        cmocka_unit_test(wrong_moves_have_positive_cost),
        cmocka_unit_test(dynamic_oracle_costs_add_up),
        cmocka_unit_test(frozen_models_score_like_trained_ones),
        cmocka_unit_test(crowded_buckets_are_probed_past),
        cmocka_unit_test(relabel_features_see_the_whole_tree),
        cmocka_unit_test(sentence_context_from_tags),
        cmocka_unit_test(training_is_deterministic_and_model_round_trips),
        cmocka_unit_test(more_training_data_is_appended),
        cmocka_unit_test(corrupt_models_are_rejected),
        cmocka_unit_test(parse_edge_cases),
        cmocka_unit_test(news_titled_names),
    };
    return cmocka_run_group_tests(tests, tmp_setup, tmp_teardown);
}
