/* cmd_parse.c — dyad parse: text or JSONL stories (or CoNLL-U with --conllu)
 * in, CoNLL-U out.  Raw text is read one blank-line-separated paragraph at
 * a time and JSONL one story at a time, so memory stays bounded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "syntax/syntax.h"
#include "text/story.h"
#include "text/text.h"
#include "util/diag.h"

static const char help[] =
    "usage: dyad parse [--model MODEL] [--conllu] [FILE...]\n"
    "  Reads plain text (paragraphs separated by blank lines) or JSON Lines\n"
    "  stories ({\"id\",\"text\",...}), splits sentences and tokenises with dyad's\n"
    "  tokeniser, and writes CoNLL-U.  With no FILE, reads stdin.\n"
    "  --conllu   input is pre-tokenised CoNLL-U: its words are re-tagged and re-parsed\n"
    "  --bench    write nothing: collect up to 20000 sentences of 5..60 tokens, then\n"
    "             time tagging+parsing them on one thread (make bench-parse)\n";

typedef struct {
    const dy_parser *p;
    dy_parse_scratch *s;
    dy_arena a;
    DY_VEC(dy_parsed) out;
    size_t nsent, failed;
    int bench;
    dy_arena keep;                 /* --bench: the collected sentences */
    DY_VEC(dy_sentence) sents;
} pctx;

#define BENCH_MAX 20000

static void bench_keep(pctx *c, const dy_sentence *s) {
    if (c->sents.len >= BENCH_MAX || s->ntok < 5 || s->ntok > 60) return;
    dy_sentence k = *s;
    k.toks = dy_arena_alloc(&c->keep, s->ntok * sizeof *k.toks);
    for (size_t i = 0; i < s->ntok; i++) {
        k.toks[i] = s->toks[i];
        k.toks[i].form = dy_arena_strndup(&c->keep, s->toks[i].form, strlen(s->toks[i].form));
        k.toks[i].norm = dy_arena_strndup(&c->keep, s->toks[i].norm, strlen(s->toks[i].norm));
    }
    dy_vec_push(&c->sents, k);
}

static void bench_run(pctx *c) {
    size_t ntok = 0;
    for (size_t i = 0; i < c->sents.len; i++) ntok += c->sents.items[i].ntok;
    if (!c->sents.len) { fprintf(stderr, "dyad parse --bench: no sentences\n"); return; }
    struct timespec t0, t1;
    double sec = 0;
    size_t done = 0;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
    while (sec < 3.0) {
        for (size_t i = 0; i < c->sents.len; i++) {
            const dy_sentence *s = &c->sents.items[i];
            c->out.len = 0;
            for (size_t k = 0; k < s->ntok; k++) dy_vec_push(&c->out, (dy_parsed){0});
            dy_parse_sentence(c->p, c->s, s->toks, s->ntok, c->out.items);
        }
        done++;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
        sec = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    }
    double ns = (double)(done * c->sents.len);
    printf("bench-parse: %zu sentences, %.1f tokens/sentence, %zu rounds in %.2fs: "
           "%.0f sentences/s, %.0f tokens/s (one thread, tagging + parsing, CPU time)\n",
           c->sents.len, (double)ntok / (double)c->sents.len, done, sec, ns / sec,
           (double)(done * ntok) / sec);
}

static void parse_text(pctx *c, const char *text, size_t len, const char *id) {
    dy_arena_reset(&c->a);
    char *fixed;
    size_t flen;
    dy_text_repair(&c->a, text, len, &fixed, &flen);
    dy_sentence *ss;
    size_t n = dy_split(&c->a, fixed, flen, &ss);
    for (size_t j = 0; j < n; j++) {
        if (!ss[j].ntok) continue;
        if (c->bench) { bench_keep(c, &ss[j]); continue; }
        c->out.len = 0;
        for (size_t i = 0; i < ss[j].ntok; i++) dy_vec_push(&c->out, (dy_parsed){0});
        if (dy_parse_sentence(c->p, c->s, ss[j].toks, ss[j].ntok, c->out.items)) { c->failed++; continue; }
        char sid[256], *stext = dy_arena_strndup(&c->a, fixed + ss[j].start, ss[j].end - ss[j].start);
        for (char *q = stext; *q; q++) if (*q == '\n' || *q == '\t') *q = ' ';
        snprintf(sid, sizeof sid, "%s-%zu", id, j + 1);
        dy_conllu_write(stdout, ss[j].toks, ss[j].ntok, c->out.items, sid, stext);
        c->nsent++;
    }
}

static int is_jsonl(FILE *f) {
    int ch;
    while ((ch = getc(f)) != EOF && (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r')) {}
    if (ch != EOF) ungetc(ch, f);
    return ch == '{';
}

static void parse_plain(pctx *c, FILE *f, const char *name) {
    dy_buf para = {0};
    char *line = NULL;
    size_t cap = 0, npara = 0;
    ssize_t k;
    char id[256];
    for (;;) {
        k = getline(&line, &cap, f);
        int blank = k < 0 || strspn(line, " \t\r\n") == (size_t)k;
        if (!blank) {
            if (para.len < DY_STORY_MAX_BYTES) dy_buf_add(&para, line, (size_t)k);
            continue;
        }
        if (para.len) {
            snprintf(id, sizeof id, "%s-p%zu", name, ++npara);
            parse_text(c, para.s, para.len, id);
            dy_buf_clear(&para);
        }
        if (k < 0) break;
    }
    free(line);
    dy_buf_free(&para);
}

static int parse_conllu(pctx *c, FILE *f, const char *name, size_t *skipped) {
    long lineno = 0;
    dy_conllu_sent g;
    DY_VEC(dy_token) toks = {0};
    while (dy_conllu_next(f, name, &lineno, &g, stderr, skipped)) {
        dy_arena_reset(&c->a);
        toks.len = c->out.len = 0;
        for (int i = 0; i < g.n; i++) {
            dy_vec_push(&toks, (dy_token){0});
            dy_vec_push(&c->out, (dy_parsed){0});
        }
        dy_tokens_from_words(&c->a, g.form, g.n, toks.items);
        if (dy_parse_sentence(c->p, c->s, toks.items, (size_t)g.n, c->out.items) == 0) {
            dy_conllu_write(stdout, toks.items, (size_t)g.n, c->out.items, NULL, g.text);
            c->nsent++;
        } else {
            c->failed++;
        }
        dy_conllu_sent_free(&g);
    }
    dy_vec_free(&toks);
    return 0;
}

int cmd_parse(int argc, char **argv) {
    const char *model = NULL;
    int conllu = 0, bench = 0;
    DY_VEC(const char *) files = {0};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { fputs(help, stdout); dy_vec_free(&files); return DY_EXIT_OK; }
        else if (!strcmp(argv[i], "--model") && i + 1 < argc) model = argv[++i];
        else if (!strcmp(argv[i], "--conllu")) conllu = 1;
        else if (!strcmp(argv[i], "--bench")) bench = 1;
        else if (argv[i][0] == '-' && argv[i][1]) { dy_vec_free(&files); return cli_usage_error("parse", "unknown option %s\n%s", argv[i], help); }
        else dy_vec_push(&files, argv[i]);
    }
    if (!files.len) dy_vec_push(&files, "-");
    if (!model) model = dy_parser_default_path();
    if (!model) { dy_vec_free(&files); return cli_usage_error("parse", "no model found; give --model"); }
    char err[512];
    dy_parser *p = dy_parser_load(model, err, sizeof err);
    if (!p) { fprintf(stderr, "dyad parse: %s\n", err); dy_vec_free(&files); return DY_EXIT_FATAL; }
    pctx c = {.p = p, .s = dy_parse_scratch_new(p), .bench = bench};
    size_t skipped = 0;
    for (size_t i = 0; i < files.len; i++) {
        const char *name = files.items[i];
        FILE *f = strcmp(name, "-") ? fopen(name, "r") : stdin;
        if (!f) { fprintf(stderr, "dyad parse: %s: cannot open\n", name); skipped++; continue; }
        if (conllu) parse_conllu(&c, f, name, &skipped);
        else if (is_jsonl(f)) {
            /* Stories: the text stage's reader validates and bounds each one. */
            dy_diag diag;
            dy_diag_init(&diag, stderr);
            if (f != stdin) fclose(f);
            f = NULL;
            const char *paths[1] = {name};
            dy_reader *r = dy_reader_open(paths, 1, &diag);
            dy_story_rec st;
            while (r && (!bench || c.sents.len < BENCH_MAX) && dy_reader_next(r, &st))
                parse_text(&c, st.text, st.text_len, st.id);
            if (r) { skipped += dy_reader_skipped(r); dy_reader_close(r); }
            skipped += diag.total;
            dy_diag_destroy(&diag);
        } else parse_plain(&c, f, strcmp(name, "-") ? name : "stdin");
        if (f && f != stdin) fclose(f);
    }
    if (bench) bench_run(&c);
    else fprintf(stderr, "dyad parse: %zu sentences\n", c.nsent);
    dy_vec_free(&c.sents);
    dy_arena_free(&c.keep);
    dy_vec_free(&c.out);
    dy_arena_free(&c.a);
    dy_parse_scratch_free(c.s);
    dy_parser_free(p);
    dy_vec_free(&files);
    return skipped || c.failed ? DY_EXIT_SKIPPED : DY_EXIT_OK;
}
