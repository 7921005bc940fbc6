/* test_store_fixture.h — a small, realistic news store shared by
 * test_store.c and test_export.c: six stories from four publishers, seven
 * coded events (two publishers reporting the same Lavrov-Pompeo meeting, so
 * the one-a-day rule has something to merge), and fresh databases on SQLite
 * (a temp file) or PostgreSQL ($DYAD_TEST_PG, emptied first).
 *
 * Header-only (static functions) so the Makefile does not link it into
 * every other test program. */
#ifndef TEST_STORE_FIXTURE_H
#define TEST_STORE_FIXTURE_H

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

typedef struct {
    const char *story, *date, *publisher, *url, *title, *dateline;
    int sentence;
    const char *text, *source, *target, *scountry, *tcountry, *code, *root, *name;
    int quad;
    double goldstein;
    const char *stext, *vtext, *ttext;
    int loc;                        /* index into fx_locs, -1 none */
    const char *issue;
} fx_event;

static const dyad_location fx_locs[] = {
    {"Moscow", "RUS", "Moscow", 55.75222, 37.61556, 524901, "city", "sentence"},
    {"Donetsk Oblast", "UKR", "Donetsk", 48.0, 37.8, 709716, "admin1", "sentence"},
    {"Belarus", "BLR", "", 53.0, 28.0, 630336, "country", "dateline"},
};

/* Stories in ingest order; a story's events are consecutive. */
static const fx_event fx_events[] = {
    {"tass-20200115-1", "2020-01-15", "TASS", "https://tass.com/politics/1", "Lavrov, Pompeo meet",
     "Moscow", 0,
     "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Mike Pompeo in Moscow on Wednesday.",
     "RUSGOV", "USAGOV", "RUS", "USA", "040", "04", "Consult, not specified below", 1, 1.0,
     "Russian Foreign Minister Sergei Lavrov", "met", "U.S. Secretary of State Mike Pompeo", 0, NULL},
    {"tass-20200115-1", "2020-01-15", "TASS", "https://tass.com/politics/1", "Lavrov, Pompeo meet",
     "Moscow", 2,
     "Lavrov accused Washington of meddling in the affairs of Venezuela.",
     "RUSGOV", "USAGOV", "RUS", "USA", "112", "11", "Accuse, not specified below", 3, -2.0,
     "Lavrov", "accused", "Washington", -1, "FOREIGN_INTERVENTION"},
    {"reuters-20200115-7", "2020-01-15", "Reuters", "https://reuters.com/a/7", "Russia, U.S. hold talks",
     "", 0,
     "Russia's top diplomat held talks with the U.S. secretary of state in Moscow, officials said.",
     "RUSGOV", "USAGOV", "RUS", "USA", "040", "04", "Consult, not specified below", 1, 1.0,
     "Russia's top diplomat", "held talks", "the U.S. secretary of state", 0, NULL},
    {"reuters-20200115-7", "2020-01-15", "Reuters", "https://reuters.com/a/7", "Russia, U.S. hold talks",
     "", 3,
     "The two ministers met again over dinner, a spokeswoman said.",
     "RUSGOV", "USAGOV", "RUS", "USA", "040", "04", "Consult, not specified below", 1, 1.0,
     "The two ministers", "met", "", -1, NULL},
    {"ap-20200203-2", "2020-02-03", "AP", "https://apnews.com/2", "Shelling near Donetsk",
     "KIEV", 1,
     "Ukrainian troops shelled separatist positions near Donetsk overnight, the army said.",
     "UKRMIL", "UKRREB", "UKR", "UKR", "195", "19", "Employ aerial weapons", 4, -10.0,
     "Ukrainian troops", "shelled", "separatist positions", 1, "ARMED_CONFLICT"},
    {"tass-20200310-4", "2020-03-10", "TASS", "https://tass.com/economy/4", "New U.S. sanctions",
     "WASHINGTON", 0,
     "The United States imposed new sanctions on Russian energy companies on Tuesday.",
     "USAGOV", "RUSBUS", "USA", "RUS", "163", "16", "Impose embargo, boycott, or sanctions", 4, -8.0,
     "The United States", "imposed new sanctions on", "Russian energy companies", -1, NULL},
    {"bbc-20200312-9", "2020-03-12", "BBC", "https://bbc.co.uk/news/9", "Protest in Minsk",
     "MINSK", 0,
     "Opposition supporters demonstrated against the government in Minsk.",
     "BLROPP", "BLRGOV", "BLR", "BLR", "141", "14", "Demonstrate or rally", 3, -6.5,
     "Opposition supporters", "demonstrated against", "the government", 2, NULL},
};
#define FX_NEVENTS (sizeof fx_events / sizeof fx_events[0])
#define FX_NSTORIES 6   /* five with events, plus one without */

static inline dyad_event fx_to_event(const fx_event *f, const char **issues) {
    dyad_event e;
    memset(&e, 0, sizeof e);
    e.story_id = f->story;
    e.sentence = f->sentence;
    snprintf(e.date, sizeof e.date, "%s", f->date);
    e.source = f->source; e.target = f->target;
    snprintf(e.source_country, sizeof e.source_country, "%s", f->scountry);
    snprintf(e.target_country, sizeof e.target_country, "%s", f->tcountry);
    snprintf(e.code, sizeof e.code, "%s", f->code);
    snprintf(e.root_code, sizeof e.root_code, "%s", f->root);
    e.event_name = f->name;
    e.quad_class = f->quad;
    e.goldstein = f->goldstein;
    e.location = f->loc >= 0 ? &fx_locs[f->loc] : NULL;
    e.text = f->text;
    e.source_text = f->stext; e.target_text = f->ttext; e.verb_text = f->vtext;
    e.rule = "data/dictionaries/verbs.txt:120";
    issues[0] = f->issue; issues[1] = NULL;
    e.issues = issues;
    e.story_source = f->publisher; e.story_url = f->url; e.story_title = f->title;
    e.dateline_place = f->dateline;
    return e;
}

/* Stores every fixture story (and one with no events) in one batch. */
static inline int fx_store_all(dy_store *s) {
    size_t i = 0;
    while (i < FX_NEVENTS) {
        const fx_event *f = &fx_events[i];
        dy_story_meta m = {f->story, f->date, f->publisher, f->dateline, f->title, f->url,
                           "fixture.jsonl", (long)i + 1};
        if (dy_store_begin_story(s, &m) < 0) return -1;
        for (; i < FX_NEVENTS && !strcmp(fx_events[i].story, f->story); i++) {
            const char *issues[2];
            dyad_event e = fx_to_event(&fx_events[i], issues);
            if (dy_store_add_event(s, &e) < 0) return -1;
        }
        if (dy_store_end_story(s, 5) < 0) return -1;
    }
    dy_story_meta quiet = {"afp-20200101-0", "2020-01-01", "AFP", "", "Weather", "", "fixture.jsonl", 99};
    if (dy_store_begin_story(s, &quiet) < 0 || dy_store_end_story(s, 3) < 0) return -1;
    return dy_store_commit_batch(s);
}

/* ---- databases ---- */

static char fx_path[64];

/* A new empty SQLite file. */
static inline const char *fx_sqlite_uri(void) {
    snprintf(fx_path, sizeof fx_path, "/tmp/dyad-test-store-XXXXXX");
    int fd = mkstemp(fx_path);
    if (fd >= 0) close(fd);
    unlink(fx_path);
    return fx_path;
}

static inline void fx_sqlite_cleanup(void) {
    char p[80];
    unlink(fx_path);
    snprintf(p, sizeof p, "%s-wal", fx_path); unlink(p);
    snprintf(p, sizeof p, "%s-shm", fx_path); unlink(p);
}

/* $DYAD_TEST_PG emptied of dyad's tables, or NULL (after a note) when no
 * server is reachable. */
static inline const char *fx_pg_uri(void) {
    const char *uri = getenv("DYAD_TEST_PG");
    if (!uri || !*uri) {
        printf("note: DYAD_TEST_PG is not set (eval \"$(bash scripts/ci-postgres.sh)\"): PostgreSQL test skipped\n");
        return NULL;
    }
    PGconn *c = PQconnectdb(uri);
    if (PQstatus(c) != CONNECTION_OK) {
        printf("note: PostgreSQL at %s unreachable: %s", uri, PQerrorMessage(c));
        PQfinish(c);
        return NULL;
    }
    PGresult *r = PQexec(c, "SET client_min_messages = warning; "
                            "DROP VIEW IF EXISTS events_dedup; "
                            "DROP TABLE IF EXISTS events, sentences, stories, schema_version");
    PQclear(r);
    PQfinish(c);
    return uri;
}

/* Row callback collecting the first column of every row (and the last row's values). */
typedef struct {
    int rows;
    char first[32][128];
    char last[16][256];
    int ncol;
} fx_rows;

static inline int fx_collect(void *user, int ncol, const char *const *names, const char *const *vals) {
    fx_rows *r = user;
    if (r->rows < 32) snprintf(r->first[r->rows], sizeof r->first[0], "%s", vals[0]);
    r->ncol = ncol;
    for (int i = 0; i < ncol && i < 16; i++) snprintf(r->last[i], sizeof r->last[i], "%s", vals[i]);
    r->rows++;
    return 0;
}

/* The single value of a one-row, one-column query. */
static inline long fx_scalar(dy_store *s, const char *sql) {
    fx_rows r;
    memset(&r, 0, sizeof r);
    if (dy_store_query(s, sql, NULL, 0, fx_collect, &r) < 0 || r.rows != 1) return -999;
    return atol(r.first[0]);
}

#endif
