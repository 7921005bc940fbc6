/* test_golden.c — end-to-end golden tests: text in, events out, through the
 * public API only.
 *
 * tests/golden/coder_rules.tsv: every coding rule, with the small fixed
 * dictionaries in tests/golden/dict/; the produced events must be exactly the
 * expected ones.  tests/golden/cameo_*.tsv: sentences for every CAMEO code,
 * coded with the default dictionaries; the expected event must be among
 * those produced.  tests/golden/news_rules.tsv: news behaviour of the
 * default dictionaries with the coder (reported speech, participles,
 * passive lists), exactly.  Each line is its own cmocka test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <glob.h>

#include "dyad.h"
#include "util/util.h"

typedef struct {
    char name[96];
    char date[16];
    char *text;
    char *expected;      /* space-separated SRC>TGT:CODE, or "-" */
    int exact;
    dyad *d;
} golden_case;

typedef struct {
    char *items[64];
    size_t n;
} evset;

static int collect(const dyad_event *ev, void *user) {
    evset *s = user;
    char buf[128];
    snprintf(buf, sizeof buf, "%s>%s:%s", ev->source, ev->target, ev->code);
    if (s->n < 64) s->items[s->n++] = xstrdup(buf);
    return 0;
}

static bool has(const evset *s, const char *e) {
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->items[i], e)) return true;
    return false;
}

static void run_case(void **state) {
    golden_case *c = *state;
    dyad_worker *w = dyad_worker_new(c->d);
    dyad_story st = {.id = c->name, .date = c->date, .text = c->text, .text_len = strlen(c->text)};
    evset got = {0};
    dyad_code_story(w, &st, NULL, collect, &got, NULL);

    evset want = {0};
    char *exp = xstrdup(c->expected), *save = NULL;
    if (strcmp(exp, "-") != 0)
        for (char *t = strtok_r(exp, " ", &save); t; t = strtok_r(NULL, " ", &save)) want.items[want.n++] = t;

    bool ok = true;
    for (size_t i = 0; i < want.n; i++) if (!has(&got, want.items[i])) ok = false;
    if (c->exact) {
        if (want.n == 0 && got.n) ok = false;
        for (size_t i = 0; i < got.n; i++) if (!has(&want, got.items[i])) ok = false;
    }
    if (!ok) {
        print_error("%s: %s\n  expected%s: %s\n  produced:", c->name, c->text,
                    c->exact ? " exactly" : " (among)", c->expected);
        for (size_t i = 0; i < got.n; i++) print_error(" %s", got.items[i]);
        print_error("%s\n  trace:\n", got.n ? "" : " nothing");
        dyad_worker_set_explain(w, stderr);
        dyad_code_story(w, &st, NULL, NULL, NULL, NULL);
    }
    for (size_t i = 0; i < got.n; i++) free(got.items[i]);
    free(exp);
    dyad_worker_free(w);
    assert_true(ok);
}

static char *path_in_tree(const char *rel) {
    char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", DYAD_SRCDIR, rel);
    return xstrdup(buf);
}

/* Reads a golden file: rules format (id, date, text, expected) or the CAMEO
 * coverage format (date, text, source, target, code). */
static size_t read_cases(const char *path, int rules, golden_case **out) {
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    DY_VEC(golden_case) v = {0};
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#') continue;
        char *f5[5] = {0};
        size_t nf = 0;
        for (char *p = line; nf < 5; ) {
            f5[nf++] = p;
            char *tab = strchr(p, '\t');
            if (!tab) break;
            *tab = '\0';
            p = tab + 1;
        }
        golden_case c;
        memset(&c, 0, sizeof c);
        if (rules && nf == 4) {
            snprintf(c.name, sizeof c.name, "%s", f5[0]);
            snprintf(c.date, sizeof c.date, "%s", f5[1]);
            c.text = xstrdup(f5[2]);
            c.expected = xstrdup(f5[3]);
            c.exact = 1;
        } else if (!rules && nf == 5) {
            snprintf(c.name, sizeof c.name, "cameo-%s-line%ld", f5[4], lineno);
            snprintf(c.date, sizeof c.date, "%s", f5[0]);
            c.text = xstrdup(f5[1]);
            char buf[256];
            snprintf(buf, sizeof buf, "%s>%s:%s", f5[2], f5[3], f5[4]);
            c.expected = xstrdup(buf);
        } else {
            fprintf(stderr, "%s:%ld: malformed golden line (%zu fields)\n", path, lineno, nf);
            fail();
        }
        dy_vec_push(&v, c);
    }
    free(line);
    fclose(f);
    *out = v.items;
    return v.len;
}

static int run_file(const char *group, const char *file, int rules, const dyad_dict_file *dicts,
                    size_t ndicts, int defaults, int monadic) {
    char *path = path_in_tree(file);
    golden_case *cases = NULL;
    size_t n = read_cases(path, rules, &cases);
    free(path);
    if (n == 0) {
        printf("note: %s not present: skipped\n", file);
        return 0;
    }
    dyad_config cfg;
    dyad_config_init(&cfg);
    cfg.use_default_dictionaries = defaults;
    cfg.dicts = dicts;
    cfg.ndicts = ndicts;
    cfg.datadir = DYAD_SRCDIR "/data";
    cfg.allow_monadic = monadic;
    char err[256];
    dyad *d = dyad_open(&cfg, err, sizeof err);
    if (!d) { fprintf(stderr, "dyad_open: %s\n", err); return 1; }
    struct CMUnitTest *tests = xcalloc(n, sizeof *tests);
    for (size_t i = 0; i < n; i++) {
        cases[i].d = d;
        tests[i].name = cases[i].name;
        tests[i].test_func = run_case;
        tests[i].initial_state = &cases[i];
    }
    int failed = _cmocka_run_group_tests(group, tests, n, NULL, NULL);
    for (size_t i = 0; i < n; i++) { free(cases[i].text); free(cases[i].expected); }
    free(cases);
    free(tests);
    dyad_close(d);
    return failed;
}

int main(void) {
    static char a[4096], g[4096], v[4096], di[4096];
    snprintf(a, sizeof a, "%s/tests/golden/dict/golden.actors", DYAD_SRCDIR);
    snprintf(g, sizeof g, "%s/tests/golden/dict/golden.agents", DYAD_SRCDIR);
    snprintf(v, sizeof v, "%s/tests/golden/dict/golden.verbs", DYAD_SRCDIR);
    snprintf(di, sizeof di, "%s/tests/golden/dict/golden.discards", DYAD_SRCDIR);
    const dyad_dict_file golden[] = {
        {DYAD_DICT_ACTORS, a, 0, 0}, {DYAD_DICT_AGENTS, g, 0, 0}, {DYAD_DICT_VERBS, v, 0, 0}, {DYAD_DICT_DISCARDS, di, 0, 0}};
    /* The rules are shown with single-actor events too; coder_dyadic.tsv
     * checks the default, which keeps dyads only. */
    int failed = run_file("coder rules (golden dictionaries)", "tests/golden/coder_rules.tsv", 1,
                          golden, 4, 0, 1);
    failed += run_file("dyads only (golden dictionaries)", "tests/golden/coder_dyadic.tsv", 1,
                       golden, 4, 0, 0);
    /* News behaviour of the default dictionaries with the coder, exactly. */
    failed += run_file("news rules (default dictionaries)", "tests/golden/news_rules.tsv", 1, NULL, 0, 1, 0);
    glob_t gl;
    if (glob(DYAD_SRCDIR "/tests/golden/cameo_*.tsv", 0, NULL, &gl) == 0) {
        for (size_t i = 0; i < gl.gl_pathc; i++) {
            const char *rel = gl.gl_pathv[i] + strlen(DYAD_SRCDIR) + 1;
            failed += run_file(rel, rel, 0, NULL, 0, 1, 0);
        }
        globfree(&gl);
    } else {
        printf("note: no tests/golden/cameo_*.tsv files\n");
    }
    return failed;
}
