/* bench.c — the store benchmark (make bench-store): stores N synthetic
 * events (synth.h: ~4.5 events a story, batches of 500 stories), then times
 * the queries users run and a full export.
 *
 *   store-bench DB [EVENTS]
 *
 * DB is a SQLite path (deleted first) or a postgresql:// URI (dyad's tables
 * dropped first).  Query times are the best of three runs after one warm-up
 * run, in milliseconds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "output/export.h"
#include "store/store.h"
#include "synth.h"

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long rows;
static int count_row(void *u, int n, const char *const *names, const char *const *v) { rows++; return 0; }
static int count_group(const dy_event_group *g, void *u) { rows++; return 0; }

typedef struct { const char *label; int kind; dy_series_req series; dy_top_req top; dy_event_filter ev; const char *sql; } bench_q;

static int run_q(dy_store *s, const bench_q *q) {
    rows = 0;
    switch (q->kind) {
    case 0: return dy_query_series(s, &q->series, count_row, NULL);
    case 1: return dy_query_top(s, &q->top, count_row, NULL);
    case 2: return dy_store_scan_events(s, &q->ev, count_group, NULL);
    default: return dy_store_query_readonly(s, q->sql, count_row, NULL);
    }
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: store-bench DB [EVENTS]\n"); return 2; }
    const char *uri = argv[1];
    long want = argc > 2 ? atol(argv[2]) : 1000000;
    int pg = !strncmp(uri, "postgres", 8);
    char err[512];
    if (!pg) {
        char p[4200];
        unlink(uri);
        snprintf(p, sizeof p, "%s-wal", uri); unlink(p);
        snprintf(p, sizeof p, "%s-shm", uri); unlink(p);
    }
    dy_store *s = dy_store_open(uri, NULL, err, sizeof err);
    if (!s) { fprintf(stderr, "store-bench: %s\n", err); return 1; }
    if (pg) {
        dy_store_query(s, "DROP VIEW IF EXISTS events_dedup", NULL, 0, NULL, NULL);
        dy_store_query(s, "DROP TABLE IF EXISTS events, sentences, stories, schema_version", NULL, 0, NULL, NULL);
        dy_store_close(s);
        if (!(s = dy_store_open(uri, NULL, err, sizeof err))) { fprintf(stderr, "store-bench: %s\n", err); return 1; }
    }
    printf("store-bench: %s (%s), %ld synthetic events\n", dy_store_backend(s), uri, want);
    synth_story st;
    long events = 0, stories = 0;
    double t0 = now_s();
    for (long i = 0; events < want; i++) {
        synth_make(7, i, &st);
        dy_story_meta m = {st.id, st.date, st.publisher, st.dateline, st.title, st.url, "synthetic", i + 1};
        if (dy_store_begin_story(s, &m) < 0) goto fail;
        for (size_t e = 0; e < st.nevents && events < want; e++, events++)
            if (dy_store_add_event(s, &st.ev[e]) < 0) goto fail;
        if (dy_store_end_story(s, st.nevents) < 0) goto fail;
        stories++;
        if (dy_store_pending(s) >= DY_STORE_DEFAULT_BATCH && dy_store_commit_batch(s) < 0) goto fail;
    }
    if (dy_store_commit_batch(s) < 0) goto fail;
    double secs = now_s() - t0;
    printf("ingest: %ld events, %ld stories in %.1f s: %.0f events/s\n", events, stories, secs, events / secs);
    if (!pg) {
        /* let the next queries see settled statistics, as a user's ANALYZE would */
        dy_store_query(s, "ANALYZE", NULL, 0, NULL, NULL);
    } else {
        dy_store_query(s, "ANALYZE", NULL, 0, NULL, NULL);
    }

    const bench_q qs[] = {
        {"series RUS USA --by month", 0, .series = {"RUS", "USA", DY_BY_MONTH, DY_MEASURE_COUNT, 0, 0, NULL, NULL}},
        {"series RUS UKR --by week --both-directions --measure goldstein", 0,
         .series = {"RUS", "UKR", DY_BY_WEEK, DY_MEASURE_GOLDSTEIN, 1, 0, NULL, NULL}},
        {"series CHNGOV USAGOV --by day --measure quad --dedup", 0,
         .series = {"CHNGOV", "USAGOV", DY_BY_DAY, DY_MEASURE_QUAD, 0, 1, NULL, NULL}},
        {"series '*' SYR --by year", 0, .series = {"*", "SYR", DY_BY_YEAR, DY_MEASURE_COUNT, 0, 0, NULL, NULL}},
        {"top dyads --from 2020-01-01 --to 2020-12-31", 1, .top = {DY_TOP_DYADS, "2020-01-01", "2020-12-31", NULL, 0, 20}},
        {"top actors --from 2022-06-01 --to 2022-06-30", 1, .top = {DY_TOP_ACTORS, "2022-06-01", "2022-06-30", NULL, 0, 20}},
        {"top codes --root 14", 1, .top = {DY_TOP_CODES, NULL, NULL, "14", 0, 20}},
        {"top dyads --dedup --from 2019-01-01 --to 2019-03-31", 1, .top = {DY_TOP_DYADS, "2019-01-01", "2019-03-31", NULL, 1, 20}},
        {"top dyads (whole store)", 1, .top = {DY_TOP_DYADS, NULL, NULL, NULL, 0, 20}},
        {"top codes (whole store)", 1, .top = {DY_TOP_CODES, NULL, NULL, NULL, 0, 20}},
        {"events --actor SYR --from 2021-06-01 --to 2021-06-30", 2, .ev = {"SYR", "2021-06-01", "2021-06-30", 0, 0}},
        {"events --actor PRK --dedup --from 2018-01-01 --to 2018-12-31", 2, .ev = {"PRK", "2018-01-01", "2018-12-31", 1, 0}},
        {"sql SELECT COUNT(*) FROM events", 3, .sql = "SELECT COUNT(*) FROM events"},
    };
    printf("%-66s %8s %10s %10s\n", "query", "rows", "first ms", "best ms");
    for (size_t i = 0; i < DY_ARRAY_LEN(qs); i++) {
        double best = 1e9, first = 0;
        for (int k = 0; k < 4; k++) {
            double a = now_s();
            if (run_q(s, &qs[i]) < 0) goto fail;
            double ms = (now_s() - a) * 1000;
            if (k == 0) first = ms;
            else if (ms < best) best = ms;
        }
        printf("%-66s %8ld %10.1f %10.1f\n", qs[i].label, rows, first, best);
    }
    char e2[512];
    dy_export_tables *t = dy_export_tables_load(NULL, e2, sizeof e2);
    if (t) {
        const dy_export_format fmts[] = {DY_EXPORT_JSONL, DY_EXPORT_GDELT, DY_EXPORT_PHOENIX};
        const char *names[] = {"jsonl", "gdelt", "phoenix --dedup"};
        FILE *null = fopen("/dev/null", "w");
        for (int k = 0; k < 3; k++) {
            dy_event_filter f = {NULL, NULL, NULL, k == 2, 0};
            size_t n = 0;
            double a = now_s();
            if (dy_store_export(s, fmts[k], &f, 0, t, null, &n) < 0) goto fail;
            double es = now_s() - a;
            printf("export %-16s %zu rows in %.1f s: %.0f rows/s\n", names[k], n, es, n / es);
        }
        fclose(null);
        dy_export_tables_free(t);
    }
    dy_store_close(s);
    return 0;
fail:
    fprintf(stderr, "store-bench: %s\n", dy_store_errmsg(s));
    dy_store_close(s);
    return 1;
}
