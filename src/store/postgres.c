/* postgres.c — the PostgreSQL backend (libpq).
 *
 * A batch is buffered as COPY text (stories, sentences, events) and loaded
 * at commit in one transaction: delete the batch's story ids, then three
 * COPY FROM STDIN.  Loading by COPY is what makes bulk ingest fast; the
 * buffer holds one batch only, so memory stays bounded.  A story id seen
 * twice in one batch flushes the batch first, so the later copy wins as it
 * does on SQLite. */
#include <dlfcn.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

/* libpq is opened at the first PostgreSQL store instead of being linked:
 * with the TLS, Kerberos and LDAP libraries it needs it is two dozen shared
 * objects, and mapping and relocating them cost every dyad run, PostgreSQL
 * or not, about 20 ms of start-up on the benchmark machine.  The header
 * gives the types; the calls below go through this table (the macros after
 * it keep libpq's names). */
#define PQ_FUNCS(X) X(PQclear) X(PQresultStatus) X(PQexec) X(PQexecParams) X(PQgetResult) \
    X(PQfinish) X(PQerrorMessage) X(PQstatus) X(PQsetSingleRowMode) X(PQsendQueryParams) \
    X(PQputCopyEnd) X(PQputCopyData) X(PQnfields) X(PQgetvalue) X(PQgetisnull) X(PQfname) \
    X(PQconnectdb)

static struct {
#define PQ_FIELD(f) __typeof__(f) *f;
    PQ_FUNCS(PQ_FIELD)
#undef PQ_FIELD
} pq;
static char pq_error[300];
static pthread_once_t pq_once = PTHREAD_ONCE_INIT;

static void pq_open(void) {
    void *h = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(pq_error, sizeof pq_error, "PostgreSQL needs libpq (Debian: apt-get install libpq5): %s",
                 dlerror());
        return;
    }
    /* POSIX's way to store dlsym's object pointer in a function pointer. */
#define PQ_SYM(f)                                                                   \
    if (!(*(void **)&pq.f = dlsym(h, #f))) {                                         \
        snprintf(pq_error, sizeof pq_error, "libpq.so.5 lacks %s: too old?", #f);    \
        return;                                                                     \
    }
    PQ_FUNCS(PQ_SYM)
#undef PQ_SYM
}

#define PQclear (pq.PQclear)
#define PQresultStatus (pq.PQresultStatus)
#define PQexec (pq.PQexec)
#define PQexecParams (pq.PQexecParams)
#define PQgetResult (pq.PQgetResult)
#define PQfinish (pq.PQfinish)
#define PQerrorMessage (pq.PQerrorMessage)
#define PQstatus (pq.PQstatus)
#define PQsetSingleRowMode (pq.PQsetSingleRowMode)
#define PQsendQueryParams (pq.PQsendQueryParams)
#define PQputCopyEnd (pq.PQputCopyEnd)
#define PQputCopyData (pq.PQputCopyData)
#define PQnfields (pq.PQnfields)
#define PQgetvalue (pq.PQgetvalue)
#define PQgetisnull (pq.PQgetisnull)
#define PQfname (pq.PQfname)
#define PQconnectdb (pq.PQconnectdb)

typedef struct {
    PGconn *conn;
    dy_buf stories, sentences, events;
    DY_VEC(char *) ids;             /* story ids in the batch */
    size_t mark_sent, mark_ev;      /* buffer lengths when the current story began */
    dy_buf sql;
} pg;

static pg *impl(dy_store *s) { return s->impl; }

static void copy_field(dy_buf *b, const char *v, int first) {
    if (!first) dy_buf_addc(b, '\t');
    const char *run = v;
    for (; *v; v++) {
        const char *esc = NULL;
        switch (*v) {
        case '\\': esc = "\\\\"; break;
        case '\t': esc = "\\t"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        default: continue;
        }
        dy_buf_add(b, run, (size_t)(v - run));
        dy_buf_adds(b, esc);
        run = v + 1;
    }
    dy_buf_add(b, run, (size_t)(v - run));
}

static void copy_str(dy_buf *b, const char *v) { copy_field(b, v ? v : "", 0); }
static void copy_null(dy_buf *b) { dy_buf_adds(b, "\t\\N"); }

static int pgfail(dy_store *s, const char *what) {
    const char *m = PQerrorMessage(impl(s)->conn);
    size_t n = strlen(m);
    while (n && (m[n - 1] == '\n' || m[n - 1] == ' ')) n--;
    dy_store_seterr(s, "%s: %.*s", what, (int)n, m);
    return -1;
}

static int run(dy_store *s, const char *sql) {
    PGresult *r = PQexec(impl(s)->conn, sql);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    PQclear(r);
    return ok ? 0 : pgfail(s, sql);
}

static void reset_batch(pg *p) {
    dy_buf_clear(&p->stories);
    dy_buf_clear(&p->sentences);
    dy_buf_clear(&p->events);
    for (size_t i = 0; i < p->ids.len; i++) free(p->ids.items[i]);
    p->ids.len = 0;
}

static void pg_close(dy_store *s) {
    pg *p = impl(s);
    reset_batch(p);
    dy_vec_free(&p->ids);
    dy_buf_free(&p->stories);
    dy_buf_free(&p->sentences);
    dy_buf_free(&p->events);
    dy_buf_free(&p->sql);
    PQfinish(p->conn);
    free(p);
}

static int copy_in(dy_store *s, const char *sql, const dy_buf *data) {
    pg *p = impl(s);
    if (!data->len) return 0;
    PGresult *r = PQexec(p->conn, sql);
    if (PQresultStatus(r) != PGRES_COPY_IN) { PQclear(r); return pgfail(s, sql); }
    PQclear(r);
    if (PQputCopyData(p->conn, data->s, (int)data->len) != 1 || PQputCopyEnd(p->conn, NULL) != 1)
        return pgfail(s, "COPY");
    int ok = 1;
    while ((r = PQgetResult(p->conn))) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK) ok = 0;
        if (!ok) pgfail(s, "COPY");
        PQclear(r);
    }
    return ok ? 0 : -1;
}

/* {"id1","id2"}: a text[] literal for DELETE ... = ANY($1). */
static void id_array(const pg *p, dy_buf *b) {
    dy_buf_clear(b);
    dy_buf_addc(b, '{');
    for (size_t i = 0; i < p->ids.len; i++) {
        if (i) dy_buf_addc(b, ',');
        dy_buf_addc(b, '"');
        for (const char *c = p->ids.items[i]; *c; c++) {
            if (*c == '"' || *c == '\\') dy_buf_addc(b, '\\');
            dy_buf_addc(b, *c);
        }
        dy_buf_addc(b, '"');
    }
    dy_buf_addc(b, '}');
}

static int pg_commit(dy_store *s) {
    pg *p = impl(s);
    if (!p->ids.len) return 0;
    static const char *const del[] = {
        "DELETE FROM events WHERE story_id = ANY($1::text[])",
        "DELETE FROM sentences WHERE story_id = ANY($1::text[])",
        "DELETE FROM stories WHERE id = ANY($1::text[])",
    };
    int rc = run(s, "BEGIN");
    id_array(p, &p->sql);
    for (size_t i = 0; rc == 0 && i < 3; i++) {
        const char *param = p->sql.s;
        PGresult *r = PQexecParams(p->conn, del[i], 1, NULL, &param, NULL, NULL, 0);
        if (PQresultStatus(r) != PGRES_COMMAND_OK) rc = pgfail(s, del[i]);
        PQclear(r);
    }
    if (rc == 0) rc = copy_in(s, "COPY stories (" DY_STORY_COLUMNS ") FROM STDIN", &p->stories);
    if (rc == 0) rc = copy_in(s, "COPY sentences (story_id, idx, text) FROM STDIN", &p->sentences);
    if (rc == 0) rc = copy_in(s, "COPY events (" DY_EVENT_COLUMNS ") FROM STDIN", &p->events);
    if (rc == 0) rc = run(s, "COMMIT");
    if (rc < 0) {
        char keep[sizeof s->err];
        memcpy(keep, s->err, sizeof keep);
        PGresult *r = PQexec(p->conn, "ROLLBACK");
        PQclear(r);
        memcpy(s->err, keep, sizeof keep);
    }
    reset_batch(p);
    return rc;
}

static int pg_begin_story(dy_store *s, const char *id) {
    pg *p = impl(s);
    for (size_t i = 0; i < p->ids.len; i++)
        if (!strcmp(p->ids.items[i], id)) {
            if (pg_commit(s) < 0) return -1;
            break;
        }
    p->mark_sent = p->sentences.len;
    p->mark_ev = p->events.len;
    return 0;
}

static int pg_add_sentence(dy_store *s, const char *story_id, int idx, const char *text) {
    pg *p = impl(s);
    copy_field(&p->sentences, story_id, 1);
    dy_buf_printf(&p->sentences, "\t%d", idx);
    copy_str(&p->sentences, text);
    dy_buf_addc(&p->sentences, '\n');
    return 0;
}

static int pg_add_event(dy_store *s, const char *story_id, const dyad_event *ev, int32_t day,
                        int has_day) {
    dy_buf *b = &impl(s)->events;
    const dyad_location *l = ev->location;
    copy_field(b, story_id, 1);
    dy_buf_printf(b, "\t%d", ev->sentence);
    copy_str(b, ev->date);
    if (has_day) dy_buf_printf(b, "\t%ld", (long)day); else copy_null(b);
    copy_str(b, ev->source);
    copy_str(b, ev->target);
    copy_str(b, ev->source_country);
    copy_str(b, ev->target_country);
    copy_str(b, ev->code);
    copy_str(b, ev->root_code);
    copy_str(b, ev->event_name);
    dy_buf_printf(b, "\t%d\t%.17g\t%d", ev->quad_class, ev->goldstein, l != NULL);
    copy_str(b, l ? l->name : "");
    copy_str(b, l ? l->country : "");
    copy_str(b, l ? l->admin1 : "");
    if (l) dy_buf_printf(b, "\t%.17g\t%.17g", l->lat, l->lon);
    else { copy_null(b); copy_null(b); }
    if (l && l->geonames_id) dy_buf_printf(b, "\t%ld", l->geonames_id); else copy_null(b);
    copy_str(b, l ? l->precision : "");
    copy_str(b, l ? l->from : "");
    dy_buf_addc(b, '\t');
    for (size_t i = 0; ev->issues && ev->issues[i]; i++) {
        if (i) dy_buf_addc(b, ';');
        copy_field(b, ev->issues[i], 1);
    }
    copy_str(b, ev->source_text);
    copy_str(b, ev->target_text);
    copy_str(b, ev->verb_text);
    copy_str(b, ev->rule);
    dy_buf_addc(b, '\n');
    return 0;
}

static int pg_end_story(dy_store *s, const dy_story_meta *m, size_t nsent, size_t nevents,
                        const char *now) {
    pg *p = impl(s);
    dy_buf *b = &p->stories;
    copy_field(b, m->id, 1);
    copy_str(b, m->date);
    copy_str(b, m->source);
    copy_str(b, m->dateline_place);
    copy_str(b, m->title);
    copy_str(b, m->url);
    copy_str(b, m->file);
    dy_buf_printf(b, "\t%ld\t%zu\t%zu", m->line, nsent, nevents);
    copy_str(b, now);
    dy_buf_addc(b, '\n');
    dy_vec_push(&p->ids, xstrdup(m->id));
    return 0;
}

static void pg_abort_story(dy_store *s) {
    pg *p = impl(s);
    p->sentences.len = p->mark_sent;
    p->events.len = p->mark_ev;
    if (p->sentences.s) p->sentences.s[p->sentences.len] = 0;
    if (p->events.s) p->events.s[p->events.len] = 0;
}

/* '?' placeholders become $1, $2 ... (outside quoted strings). */
static void number_params(const char *sql, dy_buf *out) {
    int n = 0;
    char quote = 0;
    dy_buf_clear(out);
    for (const char *c = sql; *c; c++) {
        if (quote) { if (*c == quote) quote = 0; }
        else if (*c == '\'' || *c == '"') quote = *c;
        else if (*c == '?') { dy_buf_printf(out, "$%d", ++n); continue; }
        dy_buf_addc(out, *c);
    }
}

static int pg_query(dy_store *s, const char *sql, const char *const *params, int nparams,
                    dy_row_fn fn, void *user, int readonly) {
    pg *p = impl(s);
    if (readonly && run(s, "BEGIN READ ONLY") < 0) return -1;
    number_params(sql, &p->sql);
    int ret = 0;
    /* Extended protocol: one statement only, which readonly also needs. */
    if (!PQsendQueryParams(p->conn, p->sql.s, nparams, NULL, params, NULL, NULL, 0)) {
        ret = pgfail(s, "query");
        goto out;
    }
    PQsetSingleRowMode(p->conn);
    const char **names = NULL, **vals = NULL;
    int ncol = 0, stop = 0;
    PGresult *r;
    while ((r = PQgetResult(p->conn))) {
        ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_SINGLE_TUPLE && !stop) {
            if (!names) {
                ncol = PQnfields(r);
                names = xcalloc((size_t)ncol + 1, sizeof *names);
                vals = xcalloc((size_t)ncol + 1, sizeof *vals);
            }
            for (int i = 0; i < ncol; i++) {
                names[i] = PQfname(r, i);
                vals[i] = PQgetisnull(r, 0, i) ? "" : PQgetvalue(r, 0, i);
            }
            if (fn && (ret = fn(user, ncol, names, vals)) != 0) stop = 1;
        } else if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK && st != PGRES_SINGLE_TUPLE) {
            if (!stop) ret = pgfail(s, "query");
            stop = 1;
        }
        PQclear(r);
    }
    free(names);
    free(vals);
out:
    if (readonly) {
        PGresult *r2 = PQexec(p->conn, "ROLLBACK");
        PQclear(r2);
    }
    return ret;
}

static const dy_store_ops pg_ops = {
    "postgresql", pg_close, pg_begin_story, pg_add_sentence, pg_add_event, pg_end_story,
    pg_abort_story, pg_commit, pg_query,
};

dy_store *dy_store_pg_open(const char *uri, char *err, size_t errlen) {
    pthread_once(&pq_once, pq_open);
    if (pq_error[0]) {
        snprintf(err, errlen, "%s", pq_error);
        return NULL;
    }
    PGconn *c = PQconnectdb(uri);
    if (PQstatus(c) != CONNECTION_OK) {
        const char *m = PQerrorMessage(c);
        size_t n = strlen(m);
        while (n && m[n - 1] == '\n') n--;
        snprintf(err, errlen, "cannot connect to PostgreSQL: %.*s", (int)n, m);
        PQfinish(c);
        return NULL;
    }
    PGresult *r = PQexec(c, "SET client_min_messages = warning");
    PQclear(r);
    dy_store *s = xcalloc(1, sizeof *s);
    pg *p = xcalloc(1, sizeof *p);
    p->conn = c;
    s->impl = p;
    s->ops = &pg_ops;
    return s;
}
