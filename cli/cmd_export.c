/* cmd_export.c — dyad export: a store's events in another tool's format
 * (src/output/export.h; columns in docs/formats.md). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output/export.h"
#include "store/store.h"

static const char usage[] =
    "usage: dyad export --db DB --format gdelt|phoenix|icews|plover|jsonl [OPTIONS]\n"
    "Writes the stored events in the exact columns of the format.\n\n"
    "  --dedup           one-a-day rule: one row per date, source, target and code, with\n"
    "                    counts of mentions, stories and sources and every story behind it\n"
    "  --actor CODE      only events whose source or target starts with CODE\n"
    "  --from DATE, --to DATE   only events in that date range (inclusive)\n"
    "  --header          write a header line (GDELT and Phoenix files have none; ICEWS always has)\n"
    "  -o FILE           write to FILE instead of stdout\n"
    "  --datadir DIR     where dyad's data (PLOVER and country tables) lives\n";

int cmd_export(int argc, char **argv) {
    const char *db = NULL, *format = NULL, *outpath = NULL, *datadir = NULL;
    dy_event_filter f = {0};
    int header = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) { fputs(usage, stdout); return 0; }
        if (!strcmp(a, "--dedup")) { f.dedup = 1; continue; }
        if (!strcmp(a, "--header")) { header = 1; continue; }
        if (!strcmp(a, "--db")) slot = &db;
        else if (!strcmp(a, "--format")) slot = &format;
        else if (!strcmp(a, "-o")) slot = &outpath;
        else if (!strcmp(a, "--datadir")) slot = &datadir;
        else if (!strcmp(a, "--actor")) slot = &f.actor;
        else if (!strcmp(a, "--from")) slot = &f.from;
        else if (!strcmp(a, "--to")) slot = &f.to;
        else return cli_usage_error("export", "unexpected argument %s (see --help)", a);
        if (i + 1 >= argc) return cli_usage_error("export", "%s needs an argument", a);
        *slot = argv[++i];
    }
    dy_export_format fmt;
    if (!db) return cli_usage_error("export", "--db DB is required");
    if (!format || dy_export_format_parse(format, &fmt) < 0)
        return cli_usage_error("export", "--format must be gdelt, phoenix, icews, plover or jsonl");
    char err[512];
    dy_export_tables *t = dy_export_tables_load(datadir, err, sizeof err);
    if (!t) { fprintf(stderr, "dyad export: %s\n", err); return DY_EXIT_FATAL; }
    dy_store *s = dy_store_open(db, NULL, err, sizeof err);
    if (!s) {
        fprintf(stderr, "dyad export: %s\n", err);
        dy_export_tables_free(t);
        return DY_EXIT_FATAL;
    }
    FILE *out = stdout;
    if (outpath && !(out = fopen(outpath, "w"))) {
        fprintf(stderr, "dyad export: cannot write %s: %s\n", outpath, strerror(errno));
        dy_store_close(s);
        dy_export_tables_free(t);
        return DY_EXIT_FATAL;
    }
    size_t n = 0;
    int rc = DY_EXIT_OK;
    if (dy_store_export(s, fmt, &f, header, t, out, &n) < 0) {
        fprintf(stderr, "dyad export: %s\n", dy_store_errmsg(s)[0] ? dy_store_errmsg(s) : "write failed");
        rc = DY_EXIT_FATAL;
    }
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(stderr, "dyad export: writing %s failed: %s\n", outpath ? outpath : "stdout", strerror(errno));
        rc = DY_EXIT_FATAL;
    }
    if (outpath) fclose(out);
    fprintf(stderr, "dyad export: %zu %s rows (%s)\n", n, format, f.dedup ? "deduplicated" : "raw events");
    dy_store_close(s);
    dy_export_tables_free(t);
    return rc;
}
