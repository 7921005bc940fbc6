/* cmd_eval_parse.c — dyad eval-parse: tagging and parsing scores against a
 * gold treebank, with gold tokenisation and (--raw) from the sentence text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "syntax/syntax.h"

static const char help[] =
    "usage: dyad eval-parse [--model MODEL] [--raw] GOLD.conllu\n"
    "  prints UPOS, XPOS, UAS and LAS (LAS with full relation subtypes; LAS-univ\n"
    "  compares universal relations only), with gold tokenisation.\n"
    "  --raw   also parse each sentence's '# text' with dyad's tokeniser and score\n"
    "          words aligned by character offsets (F1 over words, CoNLL 2018 style)\n";

static double pct(size_t a, size_t b) { return b ? 100.0 * (double)a / (double)b : 0; }

/* Raw-text evaluation: tokenise "# text", align system and gold words by their
 * character spans (gold spans come from matching forms against the text). */
static void eval_raw(const dy_parser *p, const dy_treebank *tb) {
    dy_parse_scratch *s = dy_parse_scratch_new(p);
    dy_arena a = {0};
    size_t gw = 0, sw = 0, match = 0, upos = 0, uas = 0, las = 0, nsent = 0;
    DY_VEC(dy_parsed) out = {0};
    DY_VEC(long) gs = {0}, ge = {0};
    for (size_t k = 0; k < tb->n; k++) {
        const dy_conllu_sent *g = &tb->s[k];
        if (!g->text) continue;
        dy_arena_reset(&a);
        const char *text = g->text;
        size_t len = strlen(text);
        /* Gold spans: forms appear in order in the text (syntactic words of a
         * multiword token may not; those get no span and count as misses). */
        gs.len = ge.len = 0;
        size_t pos = 0;
        for (int i = 0; i < g->n; i++) {
            const char *hit = strstr(text + pos, g->form[i]);
            if (hit && (size_t)(hit - text) - pos < 40) {
                dy_vec_push(&gs, (long)(hit - text));
                pos = (size_t)(hit - text) + strlen(g->form[i]);
                dy_vec_push(&ge, (long)pos);
            } else {
                dy_vec_push(&gs, -1);
                dy_vec_push(&ge, -1);
            }
        }
        dy_sentence *ss;
        size_t nss = dy_split(&a, text, len, &ss);
        gw += (size_t)g->n;
        nsent++;
        for (size_t j = 0; j < nss; j++) {
            size_t n = ss[j].ntok;
            if (!n) continue;
            sw += n;
            out.len = 0;
            for (size_t i = 0; i < n; i++) dy_vec_push(&out, (dy_parsed){0});
            if (dy_parse_sentence(p, s, ss[j].toks, n, out.items)) continue;
            for (size_t i = 0; i < n; i++) {
                int gi = -1;
                for (int t = 0; t < g->n; t++)
                    if (gs.items[t] == (long)ss[j].toks[i].start && ge.items[t] == (long)ss[j].toks[i].end) gi = t;
                if (gi < 0) continue;
                match++;
                upos += out.items[i].upos == g->upos[gi];
                int h = out.items[i].head;
                long hs = h >= 0 ? (long)ss[j].toks[h].start : -2, he = h >= 0 ? (long)ss[j].toks[h].end : -2;
                int gh = g->head[gi];
                int ok = gh < 0 ? h < 0 : (gs.items[gh] == hs && ge.items[gh] == he);
                if (ok) { uas++; las += out.items[i].deprel == g->deprel[gi]; }
            }
        }
    }
    double P = sw ? (double)match / (double)sw : 0, R = gw ? (double)match / (double)gw : 0;
    double F = P + R > 0 ? 2 * P * R / (P + R) : 0;
    printf("raw text (%zu sentences): Words F1 %.2f  UPOS %.2f  UAS %.2f  LAS %.2f  (F1, aligned words)\n",
           nsent, 100 * F, 2 * pct(upos, sw) * pct(upos, gw) / (pct(upos, sw) + pct(upos, gw) + 1e-9),
           2 * pct(uas, sw) * pct(uas, gw) / (pct(uas, sw) + pct(uas, gw) + 1e-9),
           2 * pct(las, sw) * pct(las, gw) / (pct(las, sw) + pct(las, gw) + 1e-9));
    dy_vec_free(&out);
    dy_vec_free(&gs);
    dy_vec_free(&ge);
    dy_arena_free(&a);
    dy_parse_scratch_free(s);
}

int cmd_eval_parse(int argc, char **argv) {
    const char *model = NULL, *gold = NULL;
    int raw = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { fputs(help, stdout); return DY_EXIT_OK; }
        else if (!strcmp(argv[i], "--model") && i + 1 < argc) model = argv[++i];
        else if (!strcmp(argv[i], "--raw")) raw = 1;
        else if (argv[i][0] == '-') return cli_usage_error("eval-parse", "unknown option %s\n%s", argv[i], help);
        else gold = argv[i];
    }
    if (!gold) return cli_usage_error("eval-parse", "no gold file\n%s", help);
    if (!model) model = dy_parser_default_path();
    if (!model) return cli_usage_error("eval-parse", "no model found; give --model");
    char err[512];
    dy_parser *p = dy_parser_load(model, err, sizeof err);
    if (!p) { fprintf(stderr, "dyad eval-parse: %s\n", err); return DY_EXIT_FATAL; }
    dy_treebank tb = {0};
    size_t skipped = 0;
    if (dy_treebank_read(gold, &tb, stderr, &skipped)) {
        dy_parser_free(p);
        return cli_usage_error("eval-parse", "%s: cannot read", gold);
    }
    dy_parse_eval ev = {0};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    dy_parse_eval_treebank(p, &tb, &ev);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double sec = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("gold tokenisation (%zu sentences, %zu words): UPOS %.2f  XPOS %.2f  UAS %.2f  LAS %.2f  LAS-univ %.2f\n",
           ev.sents, ev.words, pct(ev.upos_ok, ev.words), pct(ev.xpos_ok, ev.words), pct(ev.uas_ok, ev.words),
           pct(ev.las_ok, ev.words), pct(ev.las_univ_ok, ev.words));
    fprintf(stderr, "parsed in %.2fs (%.0f sentences/s)\n", sec, sec > 0 ? (double)ev.sents / sec : 0);
    if (raw) eval_raw(p, &tb);
    dy_treebank_free(&tb);
    dy_parser_free(p);
    return skipped ? DY_EXIT_SKIPPED : DY_EXIT_OK;
}
