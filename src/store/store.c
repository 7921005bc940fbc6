/* store.c — the backend-independent half of the store: opening by URI,
 * schema migrations, and the per-story bookkeeping every backend relies on
 * (owned metadata, which sentences are already stored, event counts). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/internal.h"

/* Version 1: the tables.  Version 2: the indexes the queries need and the
 * deduplicated view.  Five indexes, each serving several queries: date
 * ranges and one-a-day grouping use (date, source, target, code), which
 * also covers top-N over a period without reading the table.  Statements are separated by ";\n" (one per call, as
 * SQLite's prepare takes one). */
const char *const dy_store_migrations[DY_STORE_SCHEMA_VERSION] = {
    "CREATE TABLE stories (id TEXT PRIMARY KEY, date TEXT NOT NULL, source TEXT NOT NULL, "
    "dateline_place TEXT NOT NULL, title TEXT NOT NULL, url TEXT NOT NULL, file TEXT NOT NULL, "
    "line BIGINT NOT NULL, n_sentences INTEGER NOT NULL, n_events INTEGER NOT NULL, "
    "ingested_at TEXT NOT NULL);\n"
    "CREATE TABLE sentences (story_id TEXT NOT NULL, idx INTEGER NOT NULL, text TEXT NOT NULL, "
    "PRIMARY KEY (story_id, idx));\n"
    "CREATE TABLE events (id %s, story_id TEXT NOT NULL, sentence INTEGER NOT NULL, "
    "date TEXT NOT NULL, day INTEGER, source TEXT NOT NULL, target TEXT NOT NULL, "
    "source_country TEXT NOT NULL, target_country TEXT NOT NULL, code TEXT NOT NULL, "
    "root_code TEXT NOT NULL, event_name TEXT NOT NULL, quad_class INTEGER NOT NULL, "
    "goldstein DOUBLE PRECISION NOT NULL, has_loc INTEGER NOT NULL, loc_name TEXT NOT NULL, "
    "loc_country TEXT NOT NULL, loc_admin1 TEXT NOT NULL, lat DOUBLE PRECISION, "
    "lon DOUBLE PRECISION, geonames_id BIGINT, loc_precision TEXT NOT NULL, "
    "loc_from TEXT NOT NULL, issues TEXT NOT NULL, source_text TEXT NOT NULL, "
    "target_text TEXT NOT NULL, verb_text TEXT NOT NULL, rule TEXT NOT NULL)",

    "CREATE INDEX events_story ON events (story_id, sentence);\n"
    "CREATE INDEX events_dyad ON events (source, target, date);\n"
    "CREATE INDEX events_target ON events (target, source, date);\n"
    "CREATE INDEX events_root ON events (root_code, code, date);\n"
    "CREATE INDEX events_onea ON events (date, source, target, code);\n"
    "CREATE VIEW events_dedup AS SELECT e.date AS date, MIN(e.day) AS day, e.source AS source, "
    "e.target AS target, e.code AS code, MIN(e.root_code) AS root_code, "
    "MIN(e.quad_class) AS quad_class, MIN(e.goldstein) AS goldstein, COUNT(*) AS mentions, "
    "COUNT(DISTINCT e.story_id) AS stories, COUNT(DISTINCT s.source) AS sources "
    "FROM events e JOIN stories s ON s.id = e.story_id "
    "GROUP BY e.date, e.source, e.target, e.code",
};

void dy_store_seterr(dy_store *s, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->err, sizeof s->err, fmt, ap);
    va_end(ap);
}

static int exec(dy_store *s, const char *sql) {
    return s->ops->query(s, sql, NULL, 0, NULL, NULL, 0) < 0 ? -1 : 0;
}

static int version_row(void *user, int ncol, const char *const *names, const char *const *vals) {
    if (ncol > 0 && vals[0][0]) *(int *)user = atoi(vals[0]);
    return 0;
}

int dy_store_schema_version(dy_store *s) {
    int v = 0;
    if (dy_store_query(s, "SELECT MAX(version) FROM schema_version", NULL, 0, version_row, &v) < 0)
        return -1;
    return v;
}

/* Runs one migration's statements and records the new version, atomically. */
static int migrate_one(dy_store *s, int to, const char *idtype) {
    const char *m = dy_store_migrations[to - 1];
    if (exec(s, "BEGIN") < 0) return -1;
    while (*m) {
        const char *end = strstr(m, ";\n");
        size_t n = end ? (size_t)(end - m) : strlen(m);
        char *stmt = xstrndup(m, n);
        dy_buf sql = {0};
        if (strstr(stmt, "%s")) dy_buf_printf(&sql, stmt, idtype);   /* only the events table */
        else dy_buf_adds(&sql, stmt);
        int rc = exec(s, sql.s);
        dy_buf_free(&sql);
        free(stmt);
        if (rc < 0) { exec(s, "ROLLBACK"); return -1; }
        m += n + (end ? 2 : 0);
    }
    char sql[128];
    snprintf(sql, sizeof sql, "INSERT INTO schema_version (version) VALUES (%d)", to);
    if (exec(s, "DELETE FROM schema_version") < 0 || exec(s, sql) < 0) {
        exec(s, "ROLLBACK");
        return -1;
    }
    return exec(s, "COMMIT");
}

static int migrate(dy_store *s) {
    if (exec(s, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)") < 0)
        return -1;
    int v = dy_store_schema_version(s);
    if (v < 0) return -1;
    if (v > DY_STORE_SCHEMA_VERSION) {
        dy_store_seterr(s, "database schema version %d is newer than this dyad's (%d): upgrade dyad",
                        v, DY_STORE_SCHEMA_VERSION);
        return -1;
    }
    const char *idtype = strcmp(s->ops->name, "sqlite") ? "BIGSERIAL PRIMARY KEY"
                                                         : "INTEGER PRIMARY KEY";
    for (int to = v + 1; to <= DY_STORE_SCHEMA_VERSION; to++) {
        if (migrate_one(s, to, idtype) < 0) {
            char why[sizeof s->err];
            memcpy(why, s->err, sizeof why);
            dy_store_seterr(s, "migrating the schema to version %d: %s", to, why);
            return -1;
        }
    }
    return 0;
}

dy_store *dy_store_open(const char *uri, dy_diag *diag, char *err, size_t errlen) {
    dy_store *s;
    if (!uri || !*uri) {
        snprintf(err, errlen, "no database given");
        return NULL;
    }
    if (!strncmp(uri, "postgresql://", 13) || !strncmp(uri, "postgres://", 11))
        s = dy_store_pg_open(uri, err, errlen);
    else
        s = dy_store_sqlite_open(!strncmp(uri, "sqlite:", 7) ? uri + 7 : uri, err, errlen);
    if (!s) return NULL;
    s->diag = diag;
    if (migrate(s) < 0) {
        snprintf(err, errlen, "%s", s->err);
        s->ops->close(s);
        free(s);
        return NULL;
    }
    return s;
}

static void free_meta(dy_store *s) {
    free((char *)s->meta.id); free((char *)s->meta.date); free((char *)s->meta.source);
    free((char *)s->meta.dateline_place); free((char *)s->meta.title); free((char *)s->meta.url);
    free((char *)s->meta.file);
    memset(&s->meta, 0, sizeof s->meta);
}

void dy_store_close(dy_store *s) {
    if (!s) return;
    if (s->in_story) { s->ops->abort_story(s); s->in_story = 0; }
    if (s->pending && dy_store_commit_batch(s) < 0 && s->diag)
        dy_diag_report(s->diag, "store", NULL, 0, "final commit failed: %s", s->err);
    s->ops->close(s);
    free_meta(s);
    dy_vec_free(&s->sents);
    free(s);
}

const char *dy_store_backend(const dy_store *s) { return s->ops->name; }
const char *dy_store_errmsg(const dy_store *s) { return s->err; }
size_t dy_store_pending(const dy_store *s) { return s->pending; }

static char *dup0(const char *p) { return xstrdup(p ? p : ""); }

int dy_store_begin_story(dy_store *s, const dy_story_meta *m) {
    if (s->in_story) { s->ops->abort_story(s); s->in_story = 0; }
    if (!m->id || !*m->id) { dy_store_seterr(s, "story without an id"); return -1; }
    free_meta(s);
    s->meta.id = dup0(m->id); s->meta.date = dup0(m->date); s->meta.source = dup0(m->source);
    s->meta.dateline_place = dup0(m->dateline_place); s->meta.title = dup0(m->title);
    s->meta.url = dup0(m->url); s->meta.file = dup0(m->file); s->meta.line = m->line;
    s->story_events = 0;
    s->sents.len = 0;
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(s->now, sizeof s->now, "%Y-%m-%d %H:%M:%S", &tm);
    if (s->ops->begin_story(s, s->meta.id) < 0) return -1;
    s->in_story = 1;
    return 0;
}

static int have_sentence(const dy_store *s, int idx) {
    for (size_t i = 0; i < s->sents.len; i++)
        if (s->sents.items[i] == idx) return 1;
    return 0;
}

int dy_store_add_sentence(dy_store *s, int idx, const char *text) {
    if (!s->in_story) { dy_store_seterr(s, "add_sentence outside a story"); return -1; }
    if (have_sentence(s, idx)) return 0;
    if (s->ops->add_sentence(s, s->meta.id, idx, text ? text : "") < 0) {
        s->ops->abort_story(s);
        s->in_story = 0;
        return -1;
    }
    dy_vec_push(&s->sents, idx);
    return 0;
}

int dy_store_add_event(dy_store *s, const dyad_event *ev) {
    if (!s->in_story) { dy_store_seterr(s, "add_event outside a story"); return -1; }
    if (ev->text && dy_store_add_sentence(s, ev->sentence, ev->text) < 0) return -1;
    int32_t day = 0;
    int has_day = dy_parse_date(ev->date, strlen(ev->date), &day);
    if (s->ops->add_event(s, s->meta.id, ev, day, has_day) < 0) {
        s->ops->abort_story(s);
        s->in_story = 0;
        return -1;
    }
    s->story_events++;
    return 0;
}

int dy_store_end_story(dy_store *s, size_t nsentences) {
    if (!s->in_story) { dy_store_seterr(s, "end_story outside a story"); return -1; }
    s->in_story = 0;
    if (nsentences < s->sents.len) nsentences = s->sents.len;
    if (s->ops->end_story(s, &s->meta, nsentences, s->story_events, s->now) < 0) {
        s->ops->abort_story(s);
        return -1;
    }
    s->pending++;
    return 0;
}

void dy_store_abort_story(dy_store *s) {
    if (s->in_story) s->ops->abort_story(s);
    s->in_story = 0;
}

int dy_store_commit_batch(dy_store *s) {
    if (s->in_story) { s->ops->abort_story(s); s->in_story = 0; }
    int rc = s->ops->commit(s);
    s->pending = 0;
    return rc;
}

int dy_store_query(dy_store *s, const char *sql, const char *const *params, int nparams,
                   dy_row_fn fn, void *user) {
    return s->ops->query(s, sql, params, nparams, fn, user, 0);
}

int dy_store_query_readonly(dy_store *s, const char *sql, dy_row_fn fn, void *user) {
    return s->ops->query(s, sql, NULL, 0, fn, user, 1);
}
