/* export_tables.c — the lookup tables exports need, loaded once: CAMEO ->
 * PLOVER (data/cameo/plover.tsv) and ISO3 -> FIPS / name
 * (data/geo/iso3_fips.tsv).  Both files are sorted by key, so lookups are
 * binary searches over lines split in place. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output/export.h"

typedef struct { const char *f[4]; } row4;

typedef struct {
    char *text;
    row4 *rows;
    size_t n;
} table;

struct dy_export_tables {
    table plover, geo;
};

static int load(table *t, const char *path, char *err, size_t errlen) {
    size_t len;
    t->text = dy_read_file(path, &len);
    if (!t->text) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    size_t cap = 1;
    for (size_t i = 0; i < len; i++) cap += t->text[i] == '\n';
    t->rows = xcalloc(cap, sizeof *t->rows);
    char *line = t->text;
    while (line && *line) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = 0;
        if (*line && *line != '#') {
            row4 r = {{"", "", "", ""}};
            char *p = line;
            for (int k = 0; k < 4 && p; k++) {
                char *tab = strchr(p, '\t');
                if (tab) *tab = 0;
                r.f[k] = p;
                p = tab ? tab + 1 : NULL;
            }
            t->rows[t->n++] = r;
        }
        line = nl ? nl + 1 : NULL;
    }
    return 0;
}

static int rowcmp(const void *a, const void *b) {
    return strcmp(((const row4 *)a)->f[0], ((const row4 *)b)->f[0]);
}

static const row4 *find(const table *t, const char *key) {
    row4 k = {{key, "", "", ""}};
    return t->n ? bsearch(&k, t->rows, t->n, sizeof *t->rows, rowcmp) : NULL;
}

static const char *datadir_guess(void) {
    const char *cands[] = {getenv("DYAD_DATADIR"), DYAD_SRCDIR "/data", DYAD_DATADIR};
    for (size_t i = 0; i < sizeof cands / sizeof cands[0]; i++) {
        if (!cands[i] || !*cands[i]) continue;
        char p[4096];
        snprintf(p, sizeof p, "%s/cameo/plover.tsv", cands[i]);
        FILE *f = fopen(p, "r");
        if (f) { fclose(f); return cands[i]; }
    }
    return NULL;
}

dy_export_tables *dy_export_tables_load(const char *datadir, char *err, size_t errlen) {
    if (!datadir && !(datadir = datadir_guess())) {
        snprintf(err, errlen, "cannot find dyad's data folder (set DYAD_DATADIR or --datadir)");
        return NULL;
    }
    dy_export_tables *t = xcalloc(1, sizeof *t);
    char path[4096];
    snprintf(path, sizeof path, "%s/cameo/plover.tsv", datadir);
    if (load(&t->plover, path, err, errlen) == 0) {
        snprintf(path, sizeof path, "%s/geo/iso3_fips.tsv", datadir);
        if (load(&t->geo, path, err, errlen) == 0) {
            /* sorted by the generators, but never trust a hand edit */
            qsort(t->plover.rows, t->plover.n, sizeof *t->plover.rows, rowcmp);
            qsort(t->geo.rows, t->geo.n, sizeof *t->geo.rows, rowcmp);
            return t;
        }
    }
    dy_export_tables_free(t);
    return NULL;
}

void dy_export_tables_free(dy_export_tables *t) {
    if (!t) return;
    free(t->plover.text); free(t->plover.rows);
    free(t->geo.text); free(t->geo.rows);
    free(t);
}

const char *dy_plover_event(const dy_export_tables *t, const char *code, const char **mode,
                            const char **context) {
    const row4 *r = find(&t->plover, code);
    if (!r && strlen(code) == 4) {
        char parent[4] = {code[0], code[1], code[2], 0};
        r = find(&t->plover, parent);
    }
    if (mode) *mode = r ? r->f[2] : "";
    if (context) *context = r ? r->f[3] : "";
    return r ? r->f[1] : NULL;
}

const char *dy_country_fips(const dy_export_tables *t, const char *iso3) {
    const row4 *r = *iso3 ? find(&t->geo, iso3) : NULL;
    return r ? r->f[2] : "";
}

const char *dy_country_name(const dy_export_tables *t, const char *iso3) {
    const row4 *r = *iso3 ? find(&t->geo, iso3) : NULL;
    return r ? r->f[3] : "";
}
