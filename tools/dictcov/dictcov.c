/* dictcov — which phrases and verb lemmas a set of dictionaries recognises,
 * using dyad's own loader, tokeniser and matchers (scripts/dict-coverage.sh).
 *
 *   dictcov [--date YYYY-MM-DD] [--actors F] [--agents F] [--verbs F] ... < QUERIES
 *
 * Each query line is "A<TAB>text" (an actor phrase) or "V<TAB>text" (a verb
 * lemma), optionally followed by more tab-separated fields, which are copied.
 * Each output line is the query line plus one field: the actor code that
 * covers the whole phrase (resolved for --date, default 2020-01-01), or the
 * verb family whose form is the whole lemma; "-" when none does.  A phrase
 * counts only when one dictionary entry spans all of it, as "Russian Foreign
 * Minister" spanning only "Russian" would not tell the coder who acted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dictionaries/dictionaries.h"
#include "text/text.h"
#include "util/diag.h"
#include "util/util.h"

#define MAX_MATCH 64

int main(int argc, char **argv) {
    dy_diag diag;
    dy_diag_init(&diag, stderr);
    dy_dict *d = dy_dict_new();
    int32_t date;
    dy_parse_date("2020-01-01", 10, &date);
    int loaded = 0;
    for (int i = 1; i < argc; i++) {
        static const struct { const char *opt; dy_dict_kind kind; } kinds[] = {
            {"--actors", DY_DICT_ACTORS}, {"--agents", DY_DICT_AGENTS}, {"--verbs", DY_DICT_VERBS},
        };
        if (!strcmp(argv[i], "--date") && i + 1 < argc) {
            if (!dy_parse_date(argv[i + 1], strlen(argv[i + 1]), &date)) {
                fprintf(stderr, "dictcov: bad date %s\n", argv[i + 1]);
                return 2;
            }
            i++;
            continue;
        }
        size_t k = 0;
        while (k < DY_ARRAY_LEN(kinds) && strcmp(argv[i], kinds[k].opt)) k++;
        if (k == DY_ARRAY_LEN(kinds) || i + 1 >= argc) {
            fprintf(stderr, "usage: dictcov [--date YYYY-MM-DD] [--actors|--agents|--verbs FILE]... < QUERIES\n");
            return 2;
        }
        if (dy_dict_load(d, kinds[k].kind, argv[++i], &diag) < 0) return 2;
        loaded++;
    }
    if (!loaded) { fprintf(stderr, "dictcov: no dictionary given\n"); return 2; }
    dy_dict_freeze(d);

    dy_arena a = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, stdin)) > 0) {
        if (line[got - 1] == '\n') line[--got] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab || (line[0] != 'A' && line[0] != 'V')) continue;
        char *text = tab + 1, *rest = strchr(text, '\t');
        size_t tlen = rest ? (size_t)(rest - text) : strlen(text);
        const char *result = "-";
        dy_sentence *s;
        size_t ns = dy_split(&a, text, tlen, &s);
        if (ns == 1 && s[0].ntok > 0 && s[0].ntok <= 64) {
            size_t n = s[0].ntok;
            dy_tokkey *keys = dy_arena_alloc(&a, n * sizeof *keys);
            dy_dict_keys(d, s[0].toks, n, keys);
            if (line[0] == 'A') {
                dy_actor_match m[MAX_MATCH];
                size_t nm = dy_dict_match_actors(d, s[0].toks, keys, n, date, m, MAX_MATCH);
                for (size_t j = 0; j < nm; j++)
                    if (m[j].kind == DY_M_ACTOR && m[j].start == 0 && m[j].end == n) { result = m[j].code; break; }
            } else {
                size_t len = 0;
                const dy_verb *v = dy_dict_verb_at(d, s[0].toks, keys, n, 0, &len);
                if (v && len == n) result = v->family ? v->family : v->lemma;
            }
        }
        printf("%s\t%s\n", line, result);
        dy_arena_reset(&a);
    }
    free(line);
    dy_arena_free(&a);
    dy_dict_free(d);
    dy_diag_destroy(&diag);
    return 0;
}
