/* cmd_ingest.c — dyad ingest: code stories and keep them in a store.
 *
 * Reads stories like `dyad code`, codes each one, and stores the story, its
 * event sentences and its events (src/store/store.h), one transaction per
 * batch.  Re-ingesting a story id replaces its rows, so an interrupted run
 * is completed by running it again.
 *
 * With -j N, stories are coded on N threads (cli/pipeline.h) and their events
 * kept whole; this thread alone writes the store (SQLite has one writer), in
 * input order, so the database is the same for any N. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "pipeline.h"
#include "store/store.h"
#include "text/story.h"
#include "util/diag.h"
#include "util/util.h"

static const char usage[] =
    "usage: dyad ingest --db DB [OPTIONS] [FILE|DIR|-]...\n"
    "Codes stories and stores stories, sentences, events and provenance.\n"
    "DB is a SQLite file (created if missing) or a postgresql:// URI.\n"
    "Re-ingesting a story id replaces its rows.\n\n"
    "  --db DB           where to store (required)\n"
    "  --batch N         stories per transaction (default 500)\n"
    "  -j N              code with N threads (the store is written in input order)\n"
    "  -q, --quiet       do not print per-story warnings (they are still counted)\n";

/* The run's state; emit_story uses it on the calling thread only. */
typedef struct {
    dy_store *store;
    dy_diag *diag;
    const char *date;
    long batch;
    size_t stories, stored, skipped, events;
    int fatal;
} run;

static int keep_event(const dyad_event *ev, void *user) {
    cli_job_keep_event(user, ev);
    return 0;
}

static void code_story(dyad_worker *w, cli_job *j, void *user) {
    const run *u = user;
    dyad_story st = cli_job_story(j);
    j->rc = dyad_code_story(w, &st, u->date, keep_event, j, &j->stats);
}

static void not_stored(run *u, const dy_story_rec *rec) {
    dy_diag_report(u->diag, "store", rec->file, rec->line, "story %s not stored: %s", rec->id,
                   dy_store_errmsg(u->store));
    u->skipped++;
}

/* Stores one coded story: its metadata, then its events, in input order. */
static int emit_story(cli_job *j, void *user) {
    run *u = user;
    const dy_story_rec *rec = &j->rec;
    u->stories++;
    dy_dateline dl;
    memset(&dl, 0, sizeof dl);
    dy_dateline_find(rec->text, rec->text_len, &dl);
    const char *date = rec->date && *rec->date ? rec->date : u->date;
    /* a plain story has no source field: its dateline names the agency */
    const char *source = rec->source && *rec->source ? rec->source : dl.agency;
    dy_story_meta m = {rec->id, date, source, dl.place, rec->title, rec->url, rec->file, rec->line};
    if (dy_store_begin_story(u->store, &m) < 0) { not_stored(u, rec); return 0; }
    for (size_t i = 0; i < j->events.len; i++)
        if (dy_store_add_event(u->store, &j->events.items[i]) != 0) { not_stored(u, rec); return 0; }
    const dyad_story_stats *ss = &j->stats;
    if (ss->skipped && strcmp(ss->skip_reason ? ss->skip_reason : "", "discarded")) {
        dy_store_abort_story(u->store);
        if (!strcmp(ss->skip_reason, "no-date"))
            dy_diag_report(u->diag, "no-date", rec->file, rec->line,
                           "story %s has no date (give --date): skipped", rec->id);
        else
            dy_diag_report(u->diag, "bad-date", rec->file, rec->line,
                           "story %s has an invalid date '%s': skipped", rec->id, rec->date);
        u->skipped++;
        return 0;
    }
    /* a discarded story is stored with no events, so re-runs stay idempotent */
    if (dy_store_end_story(u->store, ss->sentences) < 0) { not_stored(u, rec); return 0; }
    u->stored++;
    u->events += ss->events;
    if (dy_store_pending(u->store) >= (size_t)u->batch && dy_store_commit_batch(u->store) < 0) {
        fprintf(stderr, "dyad ingest: commit failed: %s\n", dy_store_errmsg(u->store));
        u->fatal = 1;
        return 1;
    }
    return 0;
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int cmd_ingest(int argc, char **argv) {
    cli_dict_opts o;
    memset(&o, 0, sizeof o);
    const char *db = NULL;
    long batch = DY_STORE_DEFAULT_BATCH;
    int quiet = 0, nthreads = 1;
    DY_VEC(const char *) inputs = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int err;
        if (cli_dict_option("ingest", &o, argc, argv, &i, &err)) {
            if (err) { dy_vec_free(&inputs); return err; }
            continue;
        }
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            printf("%s%s", usage, cli_dict_help);
            dy_vec_free(&inputs);
            return DY_EXIT_OK;
        }
        if (!strcmp(a, "--db") && i + 1 < argc) db = argv[++i];
        else if (!strcmp(a, "--batch") && i + 1 < argc) batch = atol(argv[++i]);
        else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) quiet = 1;
        else if (!strcmp(a, "-j") && i + 1 < argc) nthreads = atoi(argv[++i]);
        else if (!strncmp(a, "-j", 2) && a[2]) nthreads = atoi(a + 2);
        else if (a[0] == '-' && a[1]) {
            dy_vec_free(&inputs);
            return cli_usage_error("ingest", "unknown option %s (see --help)", a);
        } else dy_vec_push(&inputs, a);
    }
    if (!db) { dy_vec_free(&inputs); return cli_usage_error("ingest", "--db DB is required"); }
    if (batch < 1) { dy_vec_free(&inputs); return cli_usage_error("ingest", "--batch must be at least 1"); }
    if (nthreads < 1 || nthreads > CLI_PIPE_MAX_THREADS) {
        dy_vec_free(&inputs);
        return cli_usage_error("ingest", "-j takes a number from 1 to %d", CLI_PIPE_MAX_THREADS);
    }
    int32_t days;
    if (o.date && !dy_parse_date(o.date, strlen(o.date), &days)) {
        dy_vec_free(&inputs);
        return cli_usage_error("ingest", "--date must be YYYY-MM-DD, not '%s'", o.date);
    }
    if (inputs.len == 0) dy_vec_push(&inputs, "-");

    dy_diag diag;
    dy_diag_init(&diag, quiet ? NULL : stderr);
    char err[512];
    dy_store *store = dy_store_open(db, &diag, err, sizeof err);
    if (!store) {
        fprintf(stderr, "dyad ingest: %s\n", err);
        dy_diag_destroy(&diag);
        dy_vec_free(&inputs);
        return DY_EXIT_FATAL;
    }
    dyad *d = cli_open("ingest", &o);
    if (!d) {
        dy_store_close(store);
        dy_diag_destroy(&diag);
        dy_vec_free(&inputs);
        return DY_EXIT_FATAL;
    }
    dy_reader *r = dy_reader_open(inputs.items, inputs.len, &diag);

    double t0 = now_s();
    run u = {.store = store, .diag = &diag, .date = o.date, .batch = batch};
    cli_pipe p = {.d = d, .reader = r, .nthreads = nthreads, .code = code_story,
                  .emit = emit_story, .user = &u};
    cli_pipe_run(&p);
    int rc = u.fatal ? DY_EXIT_FATAL : DY_EXIT_OK;
    if (rc == DY_EXIT_OK && dy_store_commit_batch(store) < 0) {
        fprintf(stderr, "dyad ingest: commit failed: %s\n", dy_store_errmsg(store));
        rc = DY_EXIT_FATAL;
    }
    size_t stories = u.stories, stored = u.stored, skipped = u.skipped, events = u.events;
    double secs = now_s() - t0;
    skipped += dy_reader_skipped(r);
    char why[512];
    dy_diag_summary(&diag, why, sizeof why);
    fprintf(stderr, "dyad ingest: %zu stories read, %zu stored, %zu skipped%s%s%s, %zu events "
            "in %.2fs (%.0f events/s) into %s\n",
            stories + dy_reader_skipped(r), stored, skipped, why[0] ? " (" : "", why,
            why[0] ? ")" : "", events, secs, secs > 0 ? events / secs : 0.0,
            dy_store_backend(store));
    if (rc == DY_EXIT_OK && skipped) rc = DY_EXIT_SKIPPED;
    dy_reader_close(r);
    dyad_close(d);
    dy_store_close(store);
    dy_diag_destroy(&diag);
    dy_vec_free(&inputs);
    return rc;
}
