/* cmd_validate.c — dyad validate: run TABARI's or PETRARCH's validation suite.
 *
 * Reads the suite (src/validate/), opens the library with the dictionaries
 * the suite names (only those: the bundled ones would change the answers),
 * codes each record's text and prints the failures, a table per category and
 * the totals.  Exit status: 0, or 1 when fewer records pass than --min-pass,
 * 2 on usage or fatal errors. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util/diag.h"
#include "util/util.h"
#include "validate/validate.h"

static const char usage[] =
    "usage: dyad validate [OPTIONS] SUITE\n"
    "Runs a validation suite: TABARI's Validate.text or PETRARCH's PETR.UnitTest.records.xml.\n"
    "Each record passes, fails or is skipped (category not included, nothing to check, or\n"
    "after the record where the suite's run stops); totals per category and overall.\n\n"
    "  --junit FILE      also write a JUnit XML report\n"
    "  --min-pass N      exit 1 when fewer than N records pass\n"
    "  --explain         trace each failing record on stderr (tokens, actors, verbs, patterns)\n"
    "  --only ID         run only the record ID\n"
    "  -v, --verbose     list passing and skipped records too\n"
    "  -q, --quiet       do not print malformed dictionary or suite lines (still counted)\n"
    "Dictionaries: those the suite names (PETRARCH's <Environment>, TABARI's .project or\n"
    "the files TABARI's Validate.project names), unless given with the options below.\n";

static const char *status_name(dy_vstatus s) {
    return s == DY_VR_PASS ? "PASS" : s == DY_VR_FAIL ? "FAIL" : "SKIP";
}

/* Each option the suite sets, and whether the coder applies it (tried on a
 * scratch worker; the run applies them record by record). */
static void print_options(const dyad *d, const dy_vsuite *s) {
    size_t n = s->file_options.len;
    for (size_t i = 0; i < s->records.len; i++) n += s->records.items[i].options.len;
    if (!n) return;
    dyad_worker *w = dyad_worker_new(d);
    printf("suite options (\"applied\": the coder follows it from then on; TABARI's SET: YYYY is\n"
           "the reader's, TIME SHIFT both the reader's and the coder's; the rest are recorded only):\n");
    for (size_t i = 0; i < s->file_options.len; i++)
        printf("  (file)         %-8s %s\n", dy_vapply_option(w, s->file_options.items[i]) == 0 ? "applied" : "-",
               s->file_options.items[i]);
    for (size_t i = 0; i < s->records.len; i++) {
        const dy_vrecord *r = &s->records.items[i];
        for (size_t k = 0; k < r->options.len; k++)
            printf("  %-14s %-8s %s\n", r->id, dy_vapply_option(w, r->options.items[k]) == 0 ? "applied" : "-",
                   r->options.items[k]);
    }
    dyad_worker_free(w);
}

int cmd_validate(int argc, char **argv) {
    cli_dict_opts o;
    memset(&o, 0, sizeof o);
    const char *junit = NULL, *path = NULL, *only = NULL;
    long min_pass = 0;
    int explain = 0, verbose = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int err;
        if (cli_dict_option("validate", &o, argc, argv, &i, &err)) {
            if (err) return err;
            continue;
        }
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            printf("%s%s", usage, cli_dict_help);
            return DY_EXIT_OK;
        }
        if (!strcmp(a, "--explain")) explain = 1;
        else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) verbose = 1;
        else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) o.quiet = 1;
        else if (!strcmp(a, "--junit") && i + 1 < argc) junit = argv[++i];
        else if (!strcmp(a, "--only") && i + 1 < argc) only = argv[++i];
        else if (!strcmp(a, "--min-pass") && i + 1 < argc) {
            char *end;
            min_pass = strtol(argv[++i], &end, 10);
            if (*end || min_pass < 0) return cli_usage_error("validate", "--min-pass takes a count, not '%s'", argv[i]);
        } else if (a[0] == '-' && a[1]) return cli_usage_error("validate", "unknown option %s (see --help)", a);
        else if (path) return cli_usage_error("validate", "one suite at a time (%s and %s)", path, a);
        else path = a;
    }
    if (!path) return cli_usage_error("validate", "which suite? (see --help)");

    dy_diag diag;
    dy_diag_init(&diag, o.quiet ? NULL : stderr);
    char err[1024];
    dy_vsuite *s = dy_vsuite_read(path, &diag, err, sizeof err);
    if (!s) {
        fprintf(stderr, "dyad validate: %s\n", err);
        dy_diag_destroy(&diag);
        return DY_EXIT_FATAL;
    }
    if (o.nfiles == 0) {
        if (s->missing_dicts[0]) {
            fprintf(stderr, "dyad validate: %s names dictionaries that were not found beside it: %s "
                    "(give them with --actors/--agents/--verbs/--discards)\n", path, s->missing_dicts);
            dy_vsuite_free(s);
            dy_diag_destroy(&diag);
            return DY_EXIT_FATAL;
        }
        for (size_t i = 0; i < s->ndicts; i++) o.files[o.nfiles++] = s->dicts[i];
    }
    o.no_defaults = 1;
    dyad *d = cli_open("validate", &o);
    if (!d) { dy_vsuite_free(s); dy_diag_destroy(&diag); return DY_EXIT_FATAL; }
    fprintf(stderr, "dyad validate: %s suite %s, %zu records; dictionaries:", dy_vs_format_name(s->format),
            path, s->records.len);
    for (size_t i = 0; i < o.nfiles; i++) fprintf(stderr, " %s", o.files[i].path);
    fprintf(stderr, "\n");

    dy_vresult *res = xcalloc(s->records.len ? s->records.len : 1, sizeof *res);
    dy_vrun_opts ro = {.explain = explain ? stderr : NULL, .only_id = only};
    dy_validate_run(d, s, &ro, res);

    for (size_t i = 0; i < s->records.len; i++) {
        const dy_vrecord *r = &s->records.items[i];
        const dy_vresult *x = &res[i];
        if (x->status != DY_VR_FAIL && !verbose) continue;
        if (only && strcmp(only, r->id)) continue;
        printf("%s %s [%s] %s:%ld%s%s\n", status_name(x->status), r->id, r->category, path, r->line,
               x->why ? ": " : "", x->why ? x->why : "");
        if (x->status != DY_VR_FAIL) continue;
        dy_buf b = {0};
        dy_buf_printf(&b, "     expected (%s%s): ", dy_vexpect_name(r->expect), r->subset ? ", at least" : "");
        if (r->expect == DY_VX_EVENTS) dy_vtriples_format(r->events.items, r->events.len, &b);
        dy_buf_adds(&b, "\n     produced: ");
        dy_vtriples_format(x->produced.items, x->produced.len, &b);
        if (x->discarded) dy_buf_adds(&b, " (story discarded)");
        if (r->check_date && r->events.len)
            dy_buf_printf(&b, "\n     date: the first expected event should be dated %s (time shifting)",
                          r->events.items[0].date[0] ? r->events.items[0].date : "(none given)");
        printf("%s\n     text: %s\n", b.s, r->text);
        dy_buf_free(&b);
    }
    print_options(d, s);

    dy_vtallies cats = {0};
    dy_vtally total;
    dy_vtally_build(s, res, &cats, &total);
    printf("%-14s %6s %6s %6s\n", "category", "pass", "fail", "skip");
    for (size_t i = 0; i < cats.len; i++)
        printf("%-14s %6zu %6zu %6zu\n", cats.items[i].category, cats.items[i].pass, cats.items[i].fail,
               cats.items[i].skip);
    size_t checked = total.pass + total.fail;
    printf("%-14s %6zu %6zu %6zu\n", "total", total.pass, total.fail, total.skip);
    printf("%s: %zu passed of %zu checked (%.1f%%), %zu failed, %zu skipped%s%s\n",
           dy_vs_format_name(s->format), total.pass, checked, checked ? 100.0 * (double)total.pass / (double)checked : 0.0,
           total.fail, total.skip, s->stop_id ? "; run stops at " : "", s->stop_id ? s->stop_id : "");

    int rc = DY_EXIT_OK;
    if (junit) {
        FILE *f = fopen(junit, "w");
        if (!f || dy_vjunit_write(f, s, res) != 0 || fclose(f) != 0) {
            fprintf(stderr, "dyad validate: cannot write %s: %s\n", junit, strerror(errno ? errno : EIO));
            rc = DY_EXIT_FATAL;
        }
    }
    if (rc == DY_EXIT_OK && (long)total.pass < min_pass) {
        fprintf(stderr, "dyad validate: %zu records passed, fewer than --min-pass %ld\n", total.pass, min_pass);
        rc = 1;
    }
    char why[512];
    dy_diag_summary(&diag, why, sizeof why);
    if (why[0]) fprintf(stderr, "dyad validate: suite problems: %s\n", why);

    dy_vtallies_free(&cats);
    for (size_t i = 0; i < s->records.len; i++) dy_vresult_free(&res[i]);
    free(res);
    dyad_close(d);
    dy_vsuite_free(s);
    dy_diag_destroy(&diag);
    return rc;
}
