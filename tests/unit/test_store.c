/* test_store.c — the event store on real SQLite and real PostgreSQL (no
 * mocks): ingest, re-ingest, aborts, migrations, one-a-day deduplication,
 * every query, and read-only SQL.  The PostgreSQL variants run when
 * $DYAD_TEST_PG names a reachable server (scripts/ci-postgres.sh) and skip
 * with a note otherwise. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "store/internal.h"
#include "test_store_fixture.h"

/* state: the URI of a fresh database, NULL when the backend is unavailable. */
static int setup_sqlite(void **state) { *state = (void *)fx_sqlite_uri(); return 0; }
static int setup_pg(void **state) { *state = (void *)fx_pg_uri(); return 0; }
static int teardown_sqlite(void **state) { (void)state; fx_sqlite_cleanup(); return 0; }
static int teardown_none(void **state) { (void)state; return 0; }

static dy_store *open_or_skip(void **state) {
    const char *uri = *state;
    if (!uri) return NULL;
    char err[512] = "";
    dy_store *s = dy_store_open(uri, NULL, err, sizeof err);
    if (!s) fail_msg("cannot open %s: %s", uri, err);
    return s;
}

#define OPEN(s) dy_store *s = open_or_skip(state); if (!s) { skip(); return; }

static void ingest_counts(void **state) {
    OPEN(s);
    assert_int_equal(fx_store_all(s), 0);
    assert_int_equal(dy_store_schema_version(s), DY_STORE_SCHEMA_VERSION);
    assert_int_equal(fx_scalar(s, "SELECT COUNT(*) FROM events"), 7);
    assert_int_equal(fx_scalar(s, "SELECT COUNT(*) FROM stories"), FX_NSTORIES);
    assert_int_equal(fx_scalar(s, "SELECT COUNT(*) FROM sentences"), 7);
    /* every story's recorded count matches its rows */
    assert_int_equal(fx_scalar(s, "SELECT COUNT(*) FROM stories s WHERE n_events <> "
                                  "(SELECT COUNT(*) FROM events e WHERE e.story_id = s.id)"), 0);
    assert_int_equal(fx_scalar(s, "SELECT n_events FROM stories WHERE id = 'reuters-20200115-7'"), 2);
    assert_int_equal(fx_scalar(s, "SELECT n_events FROM stories WHERE id = 'afp-20200101-0'"), 0);
    /* provenance and metadata survive */
    fx_rows r;
    memset(&r, 0, sizeof r);
    assert_int_equal(dy_store_query(s, "SELECT source, dateline_place, url, file, line, n_sentences "
                                       "FROM stories WHERE id = ?",
                                    (const char *const[]){"tass-20200115-1"}, 1, fx_collect, &r), 0);
    assert_int_equal(r.rows, 1);
    assert_string_equal(r.last[0], "TASS");
    assert_string_equal(r.last[1], "Moscow");
    assert_string_equal(r.last[2], "https://tass.com/politics/1");
    assert_string_equal(r.last[3], "fixture.jsonl");
    assert_string_equal(r.last[4], "1");
    assert_string_equal(r.last[5], "5");
    memset(&r, 0, sizeof r);
    assert_int_equal(dy_store_query(s, "SELECT rule, issues, loc_name, geonames_id, verb_text "
                                       "FROM events WHERE code = ? AND story_id = ?",
                                    (const char *const[]){"195", "ap-20200203-2"}, 2, fx_collect, &r), 0);
    assert_int_equal(r.rows, 1);
    assert_string_equal(r.last[0], "data/dictionaries/verbs.txt:120");
    assert_string_equal(r.last[1], "ARMED_CONFLICT");
    assert_string_equal(r.last[2], "Donetsk Oblast");
    assert_string_equal(r.last[3], "709716");
    assert_string_equal(r.last[4], "shelled");
    dy_store_close(s);
}

static void reingest_replaces(void **state) {
    OPEN(s);
    assert_int_equal(fx_store_all(s), 0);
    assert_int_equal(fx_store_all(s), 0);          /* same ids again: no duplicates */
    assert_int_equal(fx_scalar(s, "SELECT COUNT(*) FROM events"), 7);
    assert_int_equal(fx_scalar(s, "SELECT COUNT(*) FROM stories"), FX_NSTORIES);
    assert_int_equal(fx_scalar(s, "SELECT COUNT(*) FROM sentences"), 7);
    /* a corrected TASS story with one event replaces the two-event one */
    const char *issues[2];
    dyad_event e = fx_to_event(&fx_events[0], issues);
    dy_story_meta m = {"tass-20200115-1", "2020-01-15", "TASS", "Moscow", "Lavrov, Pompeo meet (corrected)",
                       "https://tass.com/politics/1", "fix2.jsonl", 1};
    assert_int_equal(dy_store_begin_story(s, &m), 0);
    assert_int_equal(dy_store_add_event(s, &e), 0);
    assert_int_equal(dy_store_end_story(s, 0), 0);
    /* the same id twice in one batch: the later one wins */
    assert_int_equal(dy_store_begin_story(s, &m), 0);
    assert_int_equal(dy_store_add_event(s, &e), 0);
    assert_int_equal(dy_store_end_story(s, 0), 0);
    assert_int_equal(dy_store_commit_batch(s), 0);
    assert_int_equal(fx_scalar(s, "SELECT COUNT(*) FROM events"), 6);
    assert_int_equal(fx_scalar(s, "SELECT COUNT(*) FROM events WHERE story_id = 'tass-20200115-1'"), 1);
    assert_int_equal(fx_scalar(s, "SELECT COUNT(*) FROM sentences WHERE story_id = 'tass-20200115-1'"), 1);
    assert_int_equal(fx_scalar(s, "SELECT n_events FROM stories WHERE id = 'tass-20200115-1'"), 1);
    assert_int_equal(fx_scalar(s, "SELECT COUNT(*) FROM stories"), FX_NSTORIES);
    dy_store_close(s);
}

static void abort_and_errors(void **state) {
    OPEN(s);
    assert_int_equal(fx_store_all(s), 0);
    /* an aborted story leaves nothing, not even the deletion of its old rows */
    const char *issues[2];
    dyad_event e = fx_to_event(&fx_events[4], issues);
    dy_story_meta m = {"ap-20200203-2", "2020-02-03", "AP", "", "", "", "x", 1};
    assert_int_equal(dy_store_begin_story(s, &m), 0);
    assert_int_equal(dy_store_add_event(s, &e), 0);
    dy_store_abort_story(s);
    dy_story_meta new_story = {"ap-20200204-5", "2020-02-04", "AP", "", "", "", "x", 2};
    assert_int_equal(dy_store_begin_story(s, &new_story), 0);
    assert_int_equal(dy_store_add_event(s, &e), 0);
    dy_store_abort_story(s);
    assert_int_equal(dy_store_commit_batch(s), 0);
    assert_int_equal(fx_scalar(s, "SELECT COUNT(*) FROM events"), 7);
    assert_int_equal(fx_scalar(s, "SELECT COUNT(*) FROM stories WHERE id = 'ap-20200204-5'"), 0);
    assert_int_equal(fx_scalar(s, "SELECT COUNT(*) FROM events WHERE story_id = 'ap-20200203-2'"), 1);
    /* misuse is an error with a message, not a crash */
    dy_story_meta noid = {"", "2020-01-01", "", "", "", "", "", 0};
    assert_int_equal(dy_store_begin_story(s, &noid), -1);
    assert_non_null(strstr(dy_store_errmsg(s), "id"));
    assert_int_equal(dy_store_add_event(s, &e), -1);
    assert_int_equal(dy_store_end_story(s, 0), -1);
    assert_int_equal(dy_store_query(s, "SELECT nonsense FROM nowhere", NULL, 0, NULL, NULL), -1);
    assert_true(strlen(dy_store_errmsg(s)) > 0);
    dy_store_close(s);
}

/* ---- deduplication ---- */

typedef struct { int groups; size_t mentions[16], stories[16], sources[16]; char key[16][64]; char prov[512]; } groups_seen;

static int collect_group(const dy_event_group *g, void *user) {
    groups_seen *x = user;
    if (x->groups < 16) {
        x->mentions[x->groups] = g->mentions;
        x->stories[x->groups] = g->stories;
        x->sources[x->groups] = g->sources;
        snprintf(x->key[x->groups], sizeof x->key[0], "%s %s %s %s", g->ev.date, g->ev.source,
                 g->ev.target, g->ev.code);
        if (g->mentions == 3) {
            for (size_t i = 0; i < g->nprov; i++) {
                size_t n = strlen(x->prov);
                snprintf(x->prov + n, sizeof x->prov - n, "%s%s:%d", i ? " " : "",
                         g->prov[i].story_id, g->prov[i].sentence);
            }
        }
    }
    x->groups++;
    return 0;
}

static void dedup_counts(void **state) {
    OPEN(s);
    assert_int_equal(fx_store_all(s), 0);
    dy_event_filter f = {NULL, NULL, NULL, 1, 0};
    groups_seen g;
    memset(&g, 0, sizeof g);
    assert_int_equal(dy_store_scan_events(s, &f, collect_group, &g), 0);
    assert_int_equal(g.groups, 5);
    /* ordered by date: the 15 January meeting comes first */
    assert_string_equal(g.key[0], "2020-01-15 RUSGOV USAGOV 040");
    assert_int_equal(g.mentions[0], 3);
    assert_int_equal(g.stories[0], 2);
    assert_int_equal(g.sources[0], 2);
    assert_string_equal(g.prov, "reuters-20200115-7:0 reuters-20200115-7:3 tass-20200115-1:0");
    assert_string_equal(g.key[1], "2020-01-15 RUSGOV USAGOV 112");
    assert_int_equal(g.mentions[1], 1);
    /* raw events are untouched */
    memset(&g, 0, sizeof g);
    f.dedup = 0;
    assert_int_equal(dy_store_scan_events(s, &f, collect_group, &g), 0);
    assert_int_equal(g.groups, 7);
    assert_int_equal(g.mentions[0], 1);
    /* the SQL view agrees */
    assert_int_equal(fx_scalar(s, "SELECT COUNT(*) FROM events_dedup"), 5);
    assert_int_equal(fx_scalar(s, "SELECT mentions * 100 + stories * 10 + sources FROM events_dedup "
                                  "WHERE code = '040'"), 322);
    /* filter + limit */
    f.dedup = 1; f.actor = "rus"; f.limit = 1;
    memset(&g, 0, sizeof g);
    assert_int_equal(dy_store_scan_events(s, &f, collect_group, &g), 0);
    assert_int_equal(g.groups, 1);
    dy_store_close(s);
}

/* ---- queries ---- */

typedef struct { int rows; char line[32][160]; } lines;

static int collect_lines(void *user, int ncol, const char *const *names, const char *const *vals) {
    lines *l = user;
    if (l->rows < 32) {
        size_t n = 0;
        for (int i = 0; i < ncol; i++)
            n += (size_t)snprintf(l->line[l->rows] + n, sizeof l->line[0] - n, "%s%s", i ? "|" : "", vals[i]);
    }
    l->rows++;
    return 0;
}

static void series_queries(void **state) {
    OPEN(s);
    assert_int_equal(fx_store_all(s), 0);
    lines l;
    dy_series_req r = {"RUS", "USA", DY_BY_MONTH, DY_MEASURE_COUNT, 0, 0, NULL, NULL};
    memset(&l, 0, sizeof l);
    assert_int_equal(dy_query_series(s, &r, collect_lines, &l), 0);
    assert_int_equal(l.rows, 1);
    assert_string_equal(l.line[0], "2020-01|4");
    /* both directions adds the March sanctions; February is filled with zero */
    r.both_directions = 1;
    memset(&l, 0, sizeof l);
    assert_int_equal(dy_query_series(s, &r, collect_lines, &l), 0);
    assert_int_equal(l.rows, 3);
    assert_string_equal(l.line[0], "2020-01|4");
    assert_string_equal(l.line[1], "2020-02|0");
    assert_string_equal(l.line[2], "2020-03|1");
    /* one-a-day: the three reports of the meeting count once */
    r.both_directions = 0; r.dedup = 1;
    memset(&l, 0, sizeof l);
    assert_int_equal(dy_query_series(s, &r, collect_lines, &l), 0);
    assert_string_equal(l.line[0], "2020-01|2");
    /* goldstein: total and mean; quad classes */
    r.dedup = 0; r.measure = DY_MEASURE_GOLDSTEIN;
    memset(&l, 0, sizeof l);
    assert_int_equal(dy_query_series(s, &r, collect_lines, &l), 0);
    assert_string_equal(l.line[0], "2020-01|4|1.0|0.25");
    r.measure = DY_MEASURE_QUAD;
    memset(&l, 0, sizeof l);
    assert_int_equal(dy_query_series(s, &r, collect_lines, &l), 0);
    assert_string_equal(l.line[0], "2020-01|3|0|1|0");
    /* weeks start on Monday: Wednesday 15 January is in the week of the 13th */
    r.measure = DY_MEASURE_COUNT; r.by = DY_BY_WEEK;
    memset(&l, 0, sizeof l);
    assert_int_equal(dy_query_series(s, &r, collect_lines, &l), 0);
    assert_string_equal(l.line[0], "2020-01-13|4");
    /* any source, Ukrainian targets, by day, with a date window */
    dy_series_req u = {"*", "UKR", DY_BY_DAY, DY_MEASURE_COUNT, 0, 0, "2020-02-01", "2020-02-28"};
    memset(&l, 0, sizeof l);
    assert_int_equal(dy_query_series(s, &u, collect_lines, &l), 0);
    assert_int_equal(l.rows, 1);
    assert_string_equal(l.line[0], "2020-02-03|1");
    /* years, whole store */
    dy_series_req y = {"*", "*", DY_BY_YEAR, DY_MEASURE_COUNT, 0, 0, NULL, NULL};
    memset(&l, 0, sizeof l);
    assert_int_equal(dy_query_series(s, &y, collect_lines, &l), 0);
    assert_string_equal(l.line[0], "2020|7");
    /* a bad date is an error with a message */
    u.from = "2020-13-01";
    assert_int_equal(dy_query_series(s, &u, collect_lines, &l), -1);
    assert_non_null(strstr(dy_store_errmsg(s), "2020-13-01"));
    dy_store_close(s);
}

static void top_queries(void **state) {
    OPEN(s);
    assert_int_equal(fx_store_all(s), 0);
    lines l;
    dy_top_req r = {DY_TOP_DYADS, NULL, NULL, NULL, 0, 0};
    memset(&l, 0, sizeof l);
    assert_int_equal(dy_query_top(s, &r, collect_lines, &l), 0);
    assert_int_equal(l.rows, 4);
    assert_string_equal(l.line[0], "RUSGOV|USAGOV|4");
    assert_string_equal(l.line[1], "BLROPP|BLRGOV|1");
    r.kind = DY_TOP_ACTORS;
    memset(&l, 0, sizeof l);
    assert_int_equal(dy_query_top(s, &r, collect_lines, &l), 0);
    assert_string_equal(l.line[0], "USAGOV|5|1|4");
    assert_string_equal(l.line[1], "RUSGOV|4|4|0");
    r.kind = DY_TOP_CODES;
    memset(&l, 0, sizeof l);
    assert_int_equal(dy_query_top(s, &r, collect_lines, &l), 0);
    assert_int_equal(l.rows, 5);
    assert_string_equal(l.line[0], "040|Consult, not specified below|3");
    r.dedup = 1;
    memset(&l, 0, sizeof l);
    assert_int_equal(dy_query_top(s, &r, collect_lines, &l), 0);
    assert_string_equal(l.line[0], "040|Consult, not specified below|1");
    /* --root 14 and a date window */
    r.dedup = 0; r.kind = DY_TOP_DYADS; r.root = "14";
    memset(&l, 0, sizeof l);
    assert_int_equal(dy_query_top(s, &r, collect_lines, &l), 0);
    assert_int_equal(l.rows, 1);
    assert_string_equal(l.line[0], "BLROPP|BLRGOV|1");
    r.root = "4"; r.kind = DY_TOP_CODES; r.from = "2020-01-01"; r.to = "2020-01-31"; r.limit = 1;
    memset(&l, 0, sizeof l);
    assert_int_equal(dy_query_top(s, &r, collect_lines, &l), 0);
    assert_int_equal(l.rows, 1);
    assert_string_equal(l.line[0], "040|Consult, not specified below|3");
    r.root = NULL; r.from = "2020-03-11"; r.to = NULL; r.limit = 0; r.kind = DY_TOP_ACTORS;
    memset(&l, 0, sizeof l);
    assert_int_equal(dy_query_top(s, &r, collect_lines, &l), 0);
    assert_int_equal(l.rows, 2);
    assert_string_equal(l.line[0], "BLRGOV|1|0|1");
    dy_store_close(s);
}

typedef struct { int n; char text[4][200]; int sentence[4]; char date[4][11]; } ev_seen;
static int collect_events(const dy_event_group *g, void *user) {
    ev_seen *x = user;
    if (x->n < 4) {
        snprintf(x->text[x->n], sizeof x->text[0], "%s", g->ev.text);
        x->sentence[x->n] = g->ev.sentence;
        snprintf(x->date[x->n], sizeof x->date[0], "%s", g->ev.date);
    }
    x->n++;
    return 0;
}

static void events_query(void **state) {
    OPEN(s);
    assert_int_equal(fx_store_all(s), 0);
    ev_seen x;
    memset(&x, 0, sizeof x);
    dy_event_filter f = {"UKR", NULL, NULL, 0, 0};
    assert_int_equal(dy_store_scan_events(s, &f, collect_events, &x), 0);
    assert_int_equal(x.n, 1);
    assert_string_equal(x.text[0], fx_events[4].text);     /* the sentence comes back */
    assert_int_equal(x.sentence[0], 1);
    /* RUS as source or target, March only */
    dy_event_filter g = {"RUS", "2020-03-01", "2020-03-31", 0, 0};
    memset(&x, 0, sizeof x);
    assert_int_equal(dy_store_scan_events(s, &g, collect_events, &x), 0);
    assert_int_equal(x.n, 1);
    assert_string_equal(x.date[0], "2020-03-10");
    dy_event_filter h = {NULL, "2020-03-01", NULL, 0, 0};
    memset(&x, 0, sizeof x);
    assert_int_equal(dy_store_scan_events(s, &h, collect_events, &x), 0);
    assert_int_equal(x.n, 2);
    dy_store_close(s);
}

static void readonly_sql(void **state) {
    OPEN(s);
    assert_int_equal(fx_store_all(s), 0);
    lines l;
    memset(&l, 0, sizeof l);
    assert_int_equal(dy_store_query_readonly(s, "SELECT code, COUNT(*) FROM events GROUP BY code "
                                                "ORDER BY 2 DESC, 1", collect_lines, &l), 0);
    assert_string_equal(l.line[0], "040|3");
    assert_int_equal(dy_store_query_readonly(s, "DELETE FROM events", collect_lines, &l), -1);
    assert_int_equal(dy_store_query_readonly(s, "SELECT 1; DROP TABLE events", collect_lines, &l), -1);
    assert_int_equal(dy_store_query_readonly(s, "UPDATE events SET code = '999'", collect_lines, &l), -1);
    assert_int_equal(fx_scalar(s, "SELECT COUNT(*) FROM events WHERE code <> '999'"), 7);
    dy_store_close(s);
}

/* A version-1 database (tables, no indexes) is migrated forward; a newer one is refused. */
static void migrations(void **state) {
    const char *uri = *state;
    if (!uri) { skip(); return; }
    sqlite3 *db;
    assert_int_equal(sqlite3_open(uri, &db), SQLITE_OK);
    dy_buf sql = {0};
    dy_buf_adds(&sql, "CREATE TABLE schema_version (version INTEGER NOT NULL); "
                      "INSERT INTO schema_version VALUES (1);");
    char *m1 = xstrdup(dy_store_migrations[0]);
    dy_buf_printf(&sql, m1, "INTEGER PRIMARY KEY");
    free(m1);
    assert_int_equal(sqlite3_exec(db, sql.s, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO events (story_id, sentence, date, day, source, target, "
                                      "source_country, target_country, code, root_code, event_name, "
                                      "quad_class, goldstein, has_loc, loc_name, loc_country, loc_admin1, "
                                      "loc_precision, loc_from, issues, source_text, target_text, "
                                      "verb_text, rule) VALUES ('old-1', 0, '2019-05-01', 18017, 'FRAGOV', "
                                      "'DEUGOV', 'FRA', 'DEU', '040', '04', 'Consult', 1, 1.0, 0, '', '', "
                                      "'', '', '', '', '', '', '', '')", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO stories VALUES ('old-1', '2019-05-01', 'AFP', '', '', "
                                      "'', 'old.jsonl', 1, 1, 1, '2019-05-02 10:00:00')", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    dy_buf_free(&sql);
    char err[512];
    dy_store *s = dy_store_open(uri, NULL, err, sizeof err);
    assert_non_null(s);
    assert_int_equal(dy_store_schema_version(s), 2);
    assert_int_equal(fx_scalar(s, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' "
                                  "AND name = 'events_dyad'"), 1);
    assert_int_equal(fx_scalar(s, "SELECT COUNT(*) FROM events_dedup"), 1);   /* old data kept */
    assert_int_equal(dy_store_query(s, "UPDATE schema_version SET version = 99", NULL, 0, NULL, NULL), 0);
    dy_store_close(s);
    assert_null(dy_store_open(uri, NULL, err, sizeof err));
    assert_non_null(strstr(err, "newer"));
}

static void bad_databases(void **state) {
    (void)state;
    char err[512];
    /* a text file is not a database */
    char path[] = "/tmp/dyad-test-notdb-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char junk[] = "date 2020-01-01\nThis is a story, not a database, and it is long enough to fill a header.\n";
    assert_int_equal(write(fd, junk, sizeof junk - 1), (ssize_t)(sizeof junk - 1));
    close(fd);
    assert_null(dy_store_open(path, NULL, err, sizeof err));
    assert_true(strlen(err) > 0);
    unlink(path);
    assert_null(dy_store_open("/nonexistent-dir/x/events.db", NULL, err, sizeof err));
    assert_non_null(strstr(err, "cannot open"));
    assert_null(dy_store_open("postgresql://nobody@127.0.0.1:1/nothing?connect_timeout=2", NULL, err, sizeof err));
    assert_non_null(strstr(err, "PostgreSQL"));
    assert_null(dy_store_open("", NULL, err, sizeof err));
}

/* Each backend-independent test runs as sqlite_NAME and pg_NAME. */
#define VARIANTS(fn) \
    static void sqlite_##fn(void **state) { fn(state); } \
    static void pg_##fn(void **state) { fn(state); }
VARIANTS(ingest_counts)
VARIANTS(reingest_replaces)
VARIANTS(abort_and_errors)
VARIANTS(dedup_counts)
VARIANTS(series_queries)
VARIANTS(top_queries)
VARIANTS(events_query)
VARIANTS(readonly_sql)

#define BOTH(fn) \
    cmocka_unit_test_setup_teardown(sqlite_##fn, setup_sqlite, teardown_sqlite), \
    cmocka_unit_test_setup_teardown(pg_##fn, setup_pg, teardown_none)

int main(void) {
    const struct CMUnitTest tests[] = {
        BOTH(ingest_counts),
        BOTH(reingest_replaces),
        BOTH(abort_and_errors),
        BOTH(dedup_counts),
        BOTH(series_queries),
        BOTH(top_queries),
        BOTH(events_query),
        BOTH(readonly_sql),
        cmocka_unit_test_setup_teardown(migrations, setup_sqlite, teardown_sqlite),
        cmocka_unit_test(bad_databases),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
