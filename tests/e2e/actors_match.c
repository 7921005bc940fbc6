/* actors_match.c — helper for tests/e2e/actors_default.sh.
 *
 * Loads actor dictionaries (argv) with dy_dict_load and reads cases from
 * stdin, one a line: "YYYY-MM-DD|sentence|phrase=CODE;phrase=CODE...".  For
 * each case it tokenises the sentence, matches actors for the date and checks
 * that every phrase (its tokens joined by single spaces) is matched exactly,
 * with that code.  Prints each failure; exit 1 when a dictionary line was
 * rejected or any case failed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dictionaries/dictionaries.h"
#include "text/text.h"

static int32_t days_since_epoch(int y, int m, int d) {
    int a = (14 - m) / 12, yy = y + 4800 - a, mm = m + 12 * a - 3;
    long jdn = d + (153 * mm + 2) / 5 + 365L * yy + yy / 4 - yy / 100 + yy / 400 - 32045;
    return (int32_t)(jdn - 2440588);
}

int main(int argc, char **argv) {
    dy_diag diag;
    dy_diag_init(&diag, stderr);
    dy_dict *d = dy_dict_new();
    for (int i = 1; i < argc; i++)
        if (dy_dict_load(d, DY_DICT_ACTORS, argv[i], &diag) < 0) return 1;
    dy_dict_freeze(d);
    int fail = dy_dict_errors(d) > 0 || diag.total > 0;
    if (fail) fprintf(stderr, "%zu dictionary lines rejected\n", dy_dict_errors(d));

    char line[4096];
    int ncases = 0, nchecks = 0;
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        char *text = strchr(line, '|'), *want = text ? strchr(text + 1, '|') : NULL;
        int y, m, dd;
        if (!want || sscanf(line, "%d-%d-%d", &y, &m, &dd) != 3) continue;
        *text++ = '\0';
        *want++ = '\0';
        ncases++;
        dy_arena a = {0};
        dy_sentence s = dy_tokenize(&a, text, strlen(text));
        dy_tokkey *keys = calloc(s.ntok ? s.ntok : 1, sizeof *keys);
        dy_actor_match ms[64];
        dy_dict_keys(d, s.toks, s.ntok, keys);
        size_t n = dy_dict_match_actors(d, s.toks, keys, s.ntok, days_since_epoch(y, m, dd), ms, 64);
        char spans[64][256];
        for (size_t k = 0; k < n; k++) {
            spans[k][0] = '\0';
            for (uint32_t t = ms[k].start; t < ms[k].end; t++) {
                if (t > ms[k].start) strncat(spans[k], " ", sizeof spans[k] - strlen(spans[k]) - 1);
                strncat(spans[k], s.toks[t].form, sizeof spans[k] - strlen(spans[k]) - 1);
            }
        }
        for (char *p = strtok(want, ";"); p; p = strtok(NULL, ";")) {
            char *eq = strrchr(p, '=');
            if (!eq) continue;
            *eq = '\0';
            nchecks++;
            int ok = 0;
            for (size_t k = 0; k < n; k++)
                if (!strcmp(spans[k], p) && ms[k].kind == DY_M_ACTOR && !strcmp(ms[k].code, eq + 1)) ok = 1;
            if (!ok) {
                printf("FAIL %s \"%s\": \"%s\" not coded %s; matched:", line, text, p, eq + 1);
                for (size_t k = 0; k < n; k++) printf(" [%s]=%s", spans[k], ms[k].code);
                printf("\n");
                fail = 1;
            }
        }
        free(keys);
        dy_arena_free(&a);
    }
    printf("actors_match: %d cases, %d checks, %s\n", ncases, nchecks, fail ? "FAILED" : "all passed");
    dy_dict_free(d);
    dy_diag_destroy(&diag);
    return fail;
}
