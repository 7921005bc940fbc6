/* sqlite.c — the SQLite backend: WAL journal, one transaction per batch,
 * a savepoint per story (so a failed story leaves the batch intact), and
 * prepared statements reused for every row.
 *
 * Why WAL with synchronous=NORMAL: a killed process loses at most the batch
 * in flight and never corrupts the file; only a power cut can lose the last
 * committed batches, which a re-run restores. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

enum { DEL_EVENTS, DEL_SENTENCES, DEL_STORY, INS_SENTENCE, INS_EVENT, INS_STORY, NSTMT };

static const char *const stmt_sql[NSTMT] = {
    "DELETE FROM events WHERE story_id = ?1",
    "DELETE FROM sentences WHERE story_id = ?1",
    "DELETE FROM stories WHERE id = ?1",
    "INSERT OR REPLACE INTO sentences (story_id, idx, text) VALUES (?1, ?2, ?3)",
    "INSERT INTO events (" DY_EVENT_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
    "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
    "INSERT INTO stories (" DY_STORY_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
};

typedef struct {
    sqlite3 *db;
    sqlite3_stmt *st[NSTMT];
    int in_txn;
    dy_buf issues;
} sq;

static sq *impl(dy_store *s) { return s->impl; }

static int fail(dy_store *s, const char *what) {
    dy_store_seterr(s, "%s: %s", what, sqlite3_errmsg(impl(s)->db));
    return -1;
}

static int run(dy_store *s, const char *sql) {
    char *msg = NULL;
    if (sqlite3_exec(impl(s)->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        dy_store_seterr(s, "%s: %s", sql, msg ? msg : "error");
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static sqlite3_stmt *prep(dy_store *s, int which) {
    sq *q = impl(s);
    if (!q->st[which] &&
        sqlite3_prepare_v3(q->db, stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT, &q->st[which], NULL)
            != SQLITE_OK) {
        fail(s, "prepare");
        return NULL;
    }
    sqlite3_reset(q->st[which]);
    sqlite3_clear_bindings(q->st[which]);
    return q->st[which];
}

static int step_done(dy_store *s, sqlite3_stmt *st, const char *what) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : fail(s, what);
}

static void bind_text(sqlite3_stmt *st, int i, const char *v) {
    sqlite3_bind_text(st, i, v ? v : "", -1, SQLITE_STATIC);
}

static void sq_close(dy_store *s) {
    sq *q = impl(s);
    if (q->in_txn) run(s, "ROLLBACK");
    for (int i = 0; i < NSTMT; i++) sqlite3_finalize(q->st[i]);
    sqlite3_close(q->db);
    dy_buf_free(&q->issues);
    free(q);
}

static int sq_begin_story(dy_store *s, const char *id) {
    sq *q = impl(s);
    if (!q->in_txn) {
        if (run(s, "BEGIN IMMEDIATE") < 0) return -1;
        q->in_txn = 1;
    }
    if (run(s, "SAVEPOINT story") < 0) return -1;
    for (int k = DEL_EVENTS; k <= DEL_STORY; k++) {
        sqlite3_stmt *st = prep(s, k);
        if (!st) return -1;
        bind_text(st, 1, id);
        if (step_done(s, st, "deleting the old rows") < 0) return -1;
    }
    return 0;
}

static int sq_add_sentence(dy_store *s, const char *story_id, int idx, const char *text) {
    sqlite3_stmt *st = prep(s, INS_SENTENCE);
    if (!st) return -1;
    bind_text(st, 1, story_id);
    sqlite3_bind_int(st, 2, idx);
    bind_text(st, 3, text);
    return step_done(s, st, "storing a sentence");
}

static int sq_add_event(dy_store *s, const char *story_id, const dyad_event *ev, int32_t day,
                        int has_day) {
    sq *q = impl(s);
    sqlite3_stmt *st = prep(s, INS_EVENT);
    if (!st) return -1;
    const dyad_location *l = ev->location;
    dy_buf_clear(&q->issues);
    for (size_t i = 0; ev->issues && ev->issues[i]; i++) {
        if (i) dy_buf_addc(&q->issues, ';');
        dy_buf_adds(&q->issues, ev->issues[i]);
    }
    int c = 1;
    bind_text(st, c++, story_id);
    sqlite3_bind_int(st, c++, ev->sentence);
    bind_text(st, c++, ev->date);
    if (has_day) sqlite3_bind_int(st, c++, day); else sqlite3_bind_null(st, c++);
    bind_text(st, c++, ev->source);
    bind_text(st, c++, ev->target);
    bind_text(st, c++, ev->source_country);
    bind_text(st, c++, ev->target_country);
    bind_text(st, c++, ev->code);
    bind_text(st, c++, ev->root_code);
    bind_text(st, c++, ev->event_name);
    sqlite3_bind_int(st, c++, ev->quad_class);
    sqlite3_bind_double(st, c++, ev->goldstein);
    sqlite3_bind_int(st, c++, l != NULL);
    bind_text(st, c++, l ? l->name : "");
    bind_text(st, c++, l ? l->country : "");
    bind_text(st, c++, l ? l->admin1 : "");
    if (l) { sqlite3_bind_double(st, c++, l->lat); sqlite3_bind_double(st, c++, l->lon); }
    else { sqlite3_bind_null(st, c++); sqlite3_bind_null(st, c++); }
    if (l && l->geonames_id) sqlite3_bind_int64(st, c++, l->geonames_id);
    else sqlite3_bind_null(st, c++);
    bind_text(st, c++, l ? l->precision : "");
    bind_text(st, c++, l ? l->from : "");
    bind_text(st, c++, q->issues.s ? q->issues.s : "");
    bind_text(st, c++, ev->source_text);
    bind_text(st, c++, ev->target_text);
    bind_text(st, c++, ev->verb_text);
    bind_text(st, c++, ev->rule);
    return step_done(s, st, "storing an event");
}

static int sq_end_story(dy_store *s, const dy_story_meta *m, size_t nsent, size_t nevents,
                        const char *now) {
    sqlite3_stmt *st = prep(s, INS_STORY);
    if (!st) return -1;
    bind_text(st, 1, m->id);
    bind_text(st, 2, m->date);
    bind_text(st, 3, m->source);
    bind_text(st, 4, m->dateline_place);
    bind_text(st, 5, m->title);
    bind_text(st, 6, m->url);
    bind_text(st, 7, m->file);
    sqlite3_bind_int64(st, 8, m->line);
    sqlite3_bind_int64(st, 9, (sqlite3_int64)nsent);
    sqlite3_bind_int64(st, 10, (sqlite3_int64)nevents);
    bind_text(st, 11, now);
    if (step_done(s, st, "storing a story") < 0) return -1;
    return run(s, "RELEASE story");
}

static void sq_abort_story(dy_store *s) {
    sq *q = impl(s);
    if (!q->in_txn) return;
    /* Keep the message of the failure that caused the abort. */
    char keep[sizeof s->err];
    memcpy(keep, s->err, sizeof keep);
    if (sqlite3_get_autocommit(q->db)) q->in_txn = 0;      /* SQLite already rolled back */
    else if (run(s, "ROLLBACK TO story") == 0) run(s, "RELEASE story");
    memcpy(s->err, keep, sizeof keep);
}

static int sq_commit(dy_store *s) {
    sq *q = impl(s);
    if (!q->in_txn) return 0;
    q->in_txn = 0;
    if (run(s, "COMMIT") < 0) {
        char keep[sizeof s->err];
        memcpy(keep, s->err, sizeof keep);
        if (!sqlite3_get_autocommit(q->db)) run(s, "ROLLBACK");
        memcpy(s->err, keep, sizeof keep);
        return -1;
    }
    return 0;
}

static int sq_query(dy_store *s, const char *sql, const char *const *params, int nparams,
                    dy_row_fn fn, void *user, int readonly) {
    sq *q = impl(s);
    sqlite3_stmt *st = NULL;
    const char *tail = NULL;
    if (sqlite3_prepare_v2(q->db, sql, -1, &st, &tail) != SQLITE_OK) return fail(s, "query");
    if (!st) { dy_store_seterr(s, "empty query"); return -1; }
    if (readonly) {
        while (tail && (*tail == ' ' || *tail == '\n' || *tail == '\t' || *tail == ';' || *tail == '\r'))
            tail++;
        if (tail && *tail) {
            sqlite3_finalize(st);
            dy_store_seterr(s, "only one statement is allowed");
            return -1;
        }
        if (!sqlite3_stmt_readonly(st)) {
            sqlite3_finalize(st);
            dy_store_seterr(s, "refused: the statement would modify the database (queries are read-only)");
            return -1;
        }
    }
    for (int i = 0; i < nparams; i++) bind_text(st, i + 1, params[i]);
    int ncol = sqlite3_column_count(st);
    const char **names = xcalloc((size_t)ncol + 1, sizeof *names);
    const char **vals = xcalloc((size_t)ncol + 1, sizeof *vals);
    for (int i = 0; i < ncol; i++) names[i] = sqlite3_column_name(st, i);
    int rc, ret = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < ncol; i++) {
            const unsigned char *v = sqlite3_column_text(st, i);
            vals[i] = v ? (const char *)v : "";
        }
        if (fn && (ret = fn(user, ncol, names, vals)) != 0) break;
    }
    if (ret == 0 && rc != SQLITE_DONE) ret = fail(s, "query");
    free(names);
    free(vals);
    sqlite3_finalize(st);
    return ret;
}

static const dy_store_ops sqlite_ops = {
    "sqlite", sq_close, sq_begin_story, sq_add_sentence, sq_add_event, sq_end_story,
    sq_abort_story, sq_commit, sq_query,
};

dy_store *dy_store_sqlite_open(const char *path, char *err, size_t errlen) {
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot open %s: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 10000);
    dy_store *s = xcalloc(1, sizeof *s);
    sq *q = xcalloc(1, sizeof *q);
    q->db = db;
    s->impl = q;
    s->ops = &sqlite_ops;
    /* A file that is not a database fails here, on the first read. */
    if (run(s, "PRAGMA journal_mode=WAL") < 0 || run(s, "PRAGMA synchronous=NORMAL") < 0 ||
        run(s, "PRAGMA foreign_keys=OFF") < 0 ||
        /* index pages of a million-event store stay in memory while ingesting */
        run(s, "PRAGMA cache_size=-65536") < 0 || run(s, "PRAGMA temp_store=MEMORY") < 0) {
        snprintf(err, errlen, "cannot use %s: %s", path, s->err);
        sq_close(s);
        free(s);
        return NULL;
    }
    return s;
}
