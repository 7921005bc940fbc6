/* query.c — what users ask of a store: events rebuilt as records (for
 * listings and exports, optionally deduplicated), time series of a dyad, and
 * top-N tables.  All SQL here is the common subset of SQLite and PostgreSQL
 * ('?' parameters, substr, CASE, GROUP BY 1), so both backends run it as is.
 *
 * Deduplication is the Phoenix one-a-day rule: same date, source, target and
 * code is one event.  Listings group consecutive rows of a scan ordered by
 * that key (memory: one group); aggregates group in SQL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

/* ---- shared filters ------------------------------------------------- */

typedef struct {
    dy_buf where;
    char *params[16];
    int n;
} cond;

static void add_param(cond *c, const char *v) { c->params[c->n++] = xstrdup(v); }

static void cond_and(cond *c, const char *sql) {
    dy_buf_adds(&c->where, c->where.len ? " AND " : " WHERE ");
    dy_buf_adds(&c->where, sql);
}

/* "RUS" -> [RUS, RUT): a range the (source, target, day) index can use. */
static void prefix_range(const char *prefix, char lo[64], char hi[64]) {
    snprintf(lo, 64, "%s", prefix);
    for (char *p = lo; *p; p++) if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 32);
    snprintf(hi, 64, "%s", lo);
    size_t n = strlen(hi);
    if (n) hi[n - 1] = (char)(hi[n - 1] + 1);
}

static int any_actor(const char *a) { return !a || !*a || !strcmp(a, "*"); }

/* source/target conditions on columns named source and target. */
static void actor_pair(cond *c, const char *src, const char *tgt, int both) {
    char slo[64], shi[64], tlo[64], thi[64];
    dy_buf part = {0};
    for (int dir = 0; dir < (both ? 2 : 1); dir++) {
        const char *a = dir ? tgt : src, *b = dir ? src : tgt;
        dy_buf_adds(&part, dir ? " OR (1=1" : "((1=1");
        if (!any_actor(a)) {
            prefix_range(a, slo, shi);
            dy_buf_adds(&part, " AND source >= ? AND source < ?");
            add_param(c, slo); add_param(c, shi);
        }
        if (!any_actor(b)) {
            prefix_range(b, tlo, thi);
            dy_buf_adds(&part, " AND target >= ? AND target < ?");
            add_param(c, tlo); add_param(c, thi);
        }
        dy_buf_adds(&part, ")");
    }
    dy_buf_adds(&part, ")");
    cond_and(c, part.s);
    dy_buf_free(&part);
}

/* Dates are compared as YYYY-MM-DD text, which sorts like the dates and is
 * the leading column of the indexes; the bounds are validated and
 * normalised first (20200115 -> 2020-01-15). */
static int date_bounds(dy_store *s, cond *c, const char *col, const char *from, const char *to) {
    const char *v[2] = {from, to};
    for (int i = 0; i < 2; i++) {
        if (!v[i] || !*v[i]) continue;
        int32_t d;
        if (!dy_parse_date(v[i], strlen(v[i]), &d)) {
            dy_store_seterr(s, "not a date: '%s' (use YYYY-MM-DD)", v[i]);
            return -1;
        }
        char date[11], sql[64];
        dy_format_date(d, date);
        snprintf(sql, sizeof sql, "%s %s ?", col, i ? "<=" : ">=");
        cond_and(c, sql);
        add_param(c, date);
    }
    return 0;
}

static void cond_free(cond *c) {
    for (int i = 0; i < c->n; i++) free(c->params[i]);
    dy_buf_free(&c->where);
}

/* The event rows a query aggregates: raw, or one row per one-a-day group. */
static void event_source(dy_buf *sql, const cond *c, int dedup) {
    if (!dedup) {
        dy_buf_printf(sql, " FROM events%s", c->where.s ? c->where.s : "");
        return;
    }
    dy_buf_printf(sql, " FROM (SELECT date, MIN(day) AS day, source, target, code, "
                       "MIN(root_code) AS root_code, MIN(event_name) AS event_name, "
                       "MIN(quad_class) AS quad_class, MIN(goldstein) AS goldstein, "
                       "COUNT(*) AS mentions FROM events%s "
                       "GROUP BY date, source, target, code) d",
                  c->where.s ? c->where.s : "");
}

static int run_cond(dy_store *s, const char *sql, cond *c, dy_row_fn fn, void *user) {
    int rc = dy_store_query(s, sql, (const char *const *)c->params, c->n, fn, user);
    return rc;
}

/* ---- events as records ---------------------------------------------- */

typedef struct {
    dy_store *s;
    const dy_event_filter *f;
    dy_group_fn fn;
    void *user;
    dy_arena arena;
    int open;                       /* a group is being accumulated */
    dy_event_group g;
    dyad_location loc;
    DY_VEC(dy_provenance) prov;
    DY_VEC(const char *) pubs;      /* distinct publishers in the group */
    const char *last_story;
    long emitted;
    int stopped;
} scan;

enum { C_ID, C_STORY, C_SENT, C_DATE, C_SRC, C_TGT, C_SRCC, C_TGTC, C_CODE, C_ROOT, C_NAME,
       C_QUAD, C_GOLD, C_HASLOC, C_LNAME, C_LCTRY, C_LADM1, C_LAT, C_LON, C_GNID, C_LPREC,
       C_LFROM, C_ISSUES, C_STXT, C_TTXT, C_VTXT, C_RULE, C_TEXT, C_PUB, C_URL, C_TITLE,
       C_DATELINE, C_INGESTED, C_NCOLS };

static const char scan_select[] =
    "SELECT e.id, e.story_id, e.sentence, e.date, e.source, e.target, e.source_country, "
    "e.target_country, e.code, e.root_code, e.event_name, e.quad_class, e.goldstein, e.has_loc, "
    "e.loc_name, e.loc_country, e.loc_admin1, e.lat, e.lon, e.geonames_id, e.loc_precision, "
    "e.loc_from, e.issues, e.source_text, e.target_text, e.verb_text, e.rule, t.text, "
    "s.source, s.url, s.title, s.dateline_place, s.ingested_at "
    "FROM events e JOIN stories s ON s.id = e.story_id "
    "LEFT JOIN sentences t ON t.story_id = e.story_id AND t.idx = e.sentence";

static const char *keep(scan *k, const char *v) { return dy_arena_strndup(&k->arena, v, strlen(v)); }

static void copy_code(char *dst, size_t n, const char *v) { snprintf(dst, n, "%s", v); }

static int emit(scan *k) {
    if (!k->open) return 0;
    k->open = 0;
    k->g.prov = k->prov.items;
    k->g.nprov = k->prov.len;
    k->g.sources = k->pubs.len;
    int rc = k->fn(&k->g, k->user);
    k->emitted++;
    dy_arena_reset(&k->arena);
    k->prov.len = 0;
    k->pubs.len = 0;
    k->last_story = NULL;
    if (rc) { k->stopped = 1; return rc; }
    if (k->f->limit > 0 && k->emitted >= k->f->limit) { k->stopped = 1; return 1; }
    return 0;
}

static void start_group(scan *k, const char *const *v) {
    dyad_event *ev = &k->g.ev;
    memset(&k->g, 0, sizeof k->g);
    k->g.id = atoll(v[C_ID]);
    ev->story_id = keep(k, v[C_STORY]);
    ev->sentence = atoi(v[C_SENT]);
    copy_code(ev->date, sizeof ev->date, v[C_DATE]);
    ev->source = keep(k, v[C_SRC]);
    ev->target = keep(k, v[C_TGT]);
    copy_code(ev->source_country, sizeof ev->source_country, v[C_SRCC]);
    copy_code(ev->target_country, sizeof ev->target_country, v[C_TGTC]);
    copy_code(ev->code, sizeof ev->code, v[C_CODE]);
    copy_code(ev->root_code, sizeof ev->root_code, v[C_ROOT]);
    ev->event_name = keep(k, v[C_NAME]);
    ev->quad_class = atoi(v[C_QUAD]);
    ev->goldstein = strtod(v[C_GOLD], NULL);
    if (atoi(v[C_HASLOC])) {
        memset(&k->loc, 0, sizeof k->loc);
        k->loc.name = keep(k, v[C_LNAME]);
        copy_code(k->loc.country, sizeof k->loc.country, v[C_LCTRY]);
        k->loc.admin1 = keep(k, v[C_LADM1]);
        k->loc.lat = strtod(v[C_LAT], NULL);
        k->loc.lon = strtod(v[C_LON], NULL);
        k->loc.geonames_id = atol(v[C_GNID]);
        k->loc.precision = keep(k, v[C_LPREC]);
        k->loc.from = keep(k, v[C_LFROM]);
        ev->location = &k->loc;
    }
    /* issues: "a;b" -> {"a", "b", NULL} */
    const char *is = v[C_ISSUES];
    size_t n = *is ? 1 : 0;
    for (const char *p = is; *p; p++) n += *p == ';';
    const char **list = dy_arena_alloc(&k->arena, (n + 1) * sizeof *list);
    size_t i = 0;
    for (const char *p = is; *is && i < n; i++) {
        const char *e = strchr(p, ';');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        list[i] = dy_arena_strndup(&k->arena, p, len);
        p += len + (e ? 1 : 0);
    }
    list[i] = NULL;
    ev->issues = list;
    ev->source_text = keep(k, v[C_STXT]);
    ev->target_text = keep(k, v[C_TTXT]);
    ev->verb_text = keep(k, v[C_VTXT]);
    ev->rule = keep(k, v[C_RULE]);
    ev->text = keep(k, v[C_TEXT]);
    ev->story_source = keep(k, v[C_PUB]);
    ev->story_url = keep(k, v[C_URL]);
    ev->story_title = keep(k, v[C_TITLE]);
    ev->dateline_place = keep(k, v[C_DATELINE]);
    k->g.ingested_at = keep(k, v[C_INGESTED]);
    k->open = 1;
}

static int same_key(const scan *k, const char *const *v) {
    const dyad_event *ev = &k->g.ev;
    return !strcmp(ev->date, v[C_DATE]) && !strcmp(ev->source, v[C_SRC]) &&
           !strcmp(ev->target, v[C_TGT]) && !strcmp(ev->code, v[C_CODE]);
}

static void add_mention(scan *k, const char *const *v) {
    dy_provenance p = {keep(k, v[C_STORY]), atoi(v[C_SENT]), NULL, NULL};
    p.publisher = keep(k, v[C_PUB]);
    p.url = keep(k, v[C_URL]);
    dy_vec_push(&k->prov, p);
    k->g.mentions++;
    /* rows of a group come ordered by story id: a new story is a change */
    if (!k->last_story || strcmp(k->last_story, p.story_id)) k->g.stories++;
    k->last_story = p.story_id;
    for (size_t i = 0; i < k->pubs.len; i++)
        if (!strcmp(k->pubs.items[i], p.publisher)) return;
    dy_vec_push(&k->pubs, p.publisher);
}

static int scan_row(void *user, int ncol, const char *const *names, const char *const *v) {
    scan *k = user;
    if (ncol < C_NCOLS) return -1;
    if (k->open && (!k->f->dedup || !same_key(k, v))) {
        int rc = emit(k);
        if (rc) return rc;
    }
    if (!k->open) start_group(k, v);
    add_mention(k, v);
    return 0;
}

int dy_store_scan_events(dy_store *s, const dy_event_filter *f, dy_group_fn fn, void *user) {
    cond c = {0};
    if (!any_actor(f->actor)) {
        char lo[64], hi[64];
        prefix_range(f->actor, lo, hi);
        cond_and(&c, "((e.source >= ? AND e.source < ?) OR (e.target >= ? AND e.target < ?))");
        add_param(&c, lo); add_param(&c, hi); add_param(&c, lo); add_param(&c, hi);
    }
    if (date_bounds(s, &c, "e.date", f->from, f->to) < 0) { cond_free(&c); return -1; }
    dy_buf sql = {0};
    dy_buf_printf(&sql, "%s%s ORDER BY %s", scan_select, c.where.s ? c.where.s : "",
                  f->dedup ? "e.date, e.source, e.target, e.code, e.story_id, e.sentence, e.id"
                           : "e.id");
    scan k = {.s = s, .f = f, .fn = fn, .user = user};
    int rc = run_cond(s, sql.s, &c, scan_row, &k);
    if (rc == 0 && !k.stopped) rc = emit(&k);
    if (k.stopped && rc == 1 && f->limit > 0 && k.emitted >= f->limit) rc = 0;
    dy_arena_free(&k.arena);
    dy_vec_free(&k.prov);
    dy_vec_free(&k.pubs);
    dy_buf_free(&sql);
    cond_free(&c);
    return rc;
}

/* ---- series ----------------------------------------------------------- */

int dy_period_parse(const char *s, dy_period *out) {
    static const char *const names[] = {"day", "week", "month", "year"};
    for (int i = 0; i < 4; i++)
        if (!strcmp(s, names[i])) { *out = (dy_period)i; return 0; }
    return -1;
}

int dy_measure_parse(const char *s, dy_measure *out) {
    static const char *const names[] = {"count", "goldstein", "quad"};
    for (int i = 0; i < 3; i++)
        if (!strcmp(s, names[i])) { *out = (dy_measure)i; return 0; }
    return -1;
}

typedef struct {
    char key[16];
    double v[4];
} series_row;

typedef struct { DY_VEC(series_row) rows; int nv; } series_acc;

static int series_collect(void *user, int ncol, const char *const *names, const char *const *v) {
    series_acc *a = user;
    series_row r = {{0}, {0}};
    snprintf(r.key, sizeof r.key, "%s", v[0]);
    for (int i = 1; i < ncol && i <= 4; i++) r.v[i - 1] = strtod(v[i], NULL);
    a->nv = ncol - 1;
    dy_vec_push(&a->rows, r);
    return 0;
}

/* A period key as a day number (its first day), and the next period's. */
static int32_t key_day(dy_period by, const char *key) {
    int32_t d = 0;
    char buf[16];
    if (by == DY_BY_WEEK) return (int32_t)atol(key);
    if (by == DY_BY_MONTH) snprintf(buf, sizeof buf, "%.7s-01", key);
    else if (by == DY_BY_YEAR) snprintf(buf, sizeof buf, "%.4s-01-01", key);
    else snprintf(buf, sizeof buf, "%.10s", key);
    dy_parse_date(buf, strlen(buf), &d);
    return d;
}

static int32_t next_period(dy_period by, int32_t d) {
    int y, m, dd;
    switch (by) {
    case DY_BY_DAY: return d + 1;
    case DY_BY_WEEK: return d + 7;
    case DY_BY_MONTH:
        dy_civil_from_days(d, &y, &m, &dd);
        return m == 12 ? dy_days_from_civil(y + 1, 1, 1) : dy_days_from_civil(y, m + 1, 1);
    default:
        dy_civil_from_days(d, &y, &m, &dd);
        return dy_days_from_civil(y + 1, 1, 1);
    }
}

static void period_label(dy_period by, int32_t d, char out[16]) {
    char date[11];
    dy_format_date(d, date);
    if (by == DY_BY_MONTH) snprintf(out, 16, "%.7s", date);
    else if (by == DY_BY_YEAR) snprintf(out, 16, "%.4s", date);
    else snprintf(out, 16, "%s", date);
}

int dy_query_series(dy_store *s, const dy_series_req *r, dy_row_fn fn, void *user) {
    static const char *const bucket[] = {
        "date", "(day - (((day + 3) % 7) + 7) % 7)", "substr(date, 1, 7)", "substr(date, 1, 4)"};
    static const char *const measure[] = {
        "COUNT(*)",
        "COUNT(*), SUM(goldstein), AVG(goldstein)",
        "SUM(CASE WHEN quad_class = 1 THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN quad_class = 2 THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN quad_class = 3 THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN quad_class = 4 THEN 1 ELSE 0 END)"};
    cond c = {0};
    actor_pair(&c, r->source, r->target, r->both_directions);
    if (date_bounds(s, &c, "date", r->from, r->to) < 0) { cond_free(&c); return -1; }
    cond_and(&c, "day IS NOT NULL");
    dy_buf sql = {0};
    dy_buf_printf(&sql, "SELECT %s AS period, %s", bucket[r->by], measure[r->measure]);
    event_source(&sql, &c, r->dedup);
    dy_buf_adds(&sql, " GROUP BY 1 ORDER BY 1");
    series_acc a = {0};
    int rc = run_cond(s, sql.s, &c, series_collect, &a);
    dy_buf_free(&sql);
    cond_free(&c);
    if (rc) { dy_vec_free(&a.rows); return rc; }

    static const char *const cols[3][5] = {
        {"period", "events"},
        {"period", "events", "goldstein_total", "goldstein_mean"},
        {"period", "q1_verbal_coop", "q2_material_coop", "q3_verbal_conflict", "q4_material_conflict"}};
    int ncol = r->measure == DY_MEASURE_COUNT ? 2 : r->measure == DY_MEASURE_GOLDSTEIN ? 4 : 5;
    size_t i = 0;
    if (a.rows.len) {
        int32_t d = key_day(r->by, a.rows.items[0].key);
        int32_t last = key_day(r->by, a.rows.items[a.rows.len - 1].key);
        for (; d <= last && rc == 0; d = next_period(r->by, d)) {
            char label[16], num[4][32];
            const char *vals[5];
            period_label(r->by, d, label);
            double v[4] = {0, 0, 0, 0};
            if (i < a.rows.len && key_day(r->by, a.rows.items[i].key) == d)
                memcpy(v, a.rows.items[i++].v, sizeof v);
            vals[0] = label;
            for (int k = 1; k < ncol; k++) {
                if (r->measure == DY_MEASURE_GOLDSTEIN && k == 2) snprintf(num[k - 1], 32, "%.1f", v[1]);
                else if (r->measure == DY_MEASURE_GOLDSTEIN && k == 3) {
                    if (v[0] > 0) snprintf(num[k - 1], 32, "%.2f", v[2]);
                    else num[k - 1][0] = 0;     /* no events: no mean */
                } else snprintf(num[k - 1], 32, "%.0f", v[k - 1]);
                vals[k] = num[k - 1];
            }
            rc = fn(user, ncol, cols[r->measure], vals);
        }
    }
    dy_vec_free(&a.rows);
    return rc;
}

/* ---- top ---------------------------------------------------------------- */

int dy_query_top(dy_store *s, const dy_top_req *r, dy_row_fn fn, void *user) {
    cond c = {0};
    if (date_bounds(s, &c, "date", r->from, r->to) < 0) { cond_free(&c); return -1; }
    if (r->root && *r->root) {
        char root[8];
        snprintf(root, sizeof root, "%s%s", strlen(r->root) == 1 ? "0" : "", r->root);
        cond_and(&c, "root_code = ?");
        add_param(&c, root);
    }
    long limit = r->limit > 0 ? r->limit : 20;
    dy_buf from = {0}, sql = {0};
    event_source(&from, &c, r->dedup);
    switch (r->kind) {
    case DY_TOP_DYADS:
        /* counts only: the (source, target, day) index covers it, no table reads */
        dy_buf_printf(&sql, "SELECT source, target, COUNT(*) AS events%s "
                            "GROUP BY source, target ORDER BY 3 DESC, 1, 2 LIMIT %ld",
                      from.s, limit);
        break;
    case DY_TOP_ACTORS: {
        /* the same filter text twice: parameters are duplicated to match */
        int n = c.n;
        for (int i = 0; i < n; i++) add_param(&c, c.params[i]);
        dy_buf_printf(&sql, "SELECT actor, SUM(n) AS events, SUM(ns) AS as_source, "
                            "SUM(nt) AS as_target FROM ("
                            "SELECT source AS actor, COUNT(*) AS n, COUNT(*) AS ns, 0 AS nt%s "
                            "GROUP BY source UNION ALL "
                            "SELECT target AS actor, COUNT(*) AS n, 0 AS ns, COUNT(*) AS nt%s "
                            "GROUP BY target) a WHERE actor <> '' "
                            "GROUP BY actor ORDER BY 2 DESC, 1 LIMIT %ld",
                      from.s, from.s, limit);
        break;
    }
    case DY_TOP_CODES:
        /* grouped in (root_code, code) index order; names looked up for the top rows only */
        dy_buf_printf(&sql, "SELECT t.code AS code, (SELECT n.event_name FROM events n "
                            "WHERE n.root_code = t.root_code AND n.code = t.code LIMIT 1) AS name, "
                            "t.events AS events FROM (SELECT root_code, code, COUNT(*) AS events%s "
                            "GROUP BY root_code, code ORDER BY 3 DESC, 2 LIMIT %ld) t ORDER BY 3 DESC, 1",
                      from.s, limit);
        break;
    }
    int rc = run_cond(s, sql.s, &c, fn, user);
    dy_buf_free(&from);
    dy_buf_free(&sql);
    cond_free(&c);
    return rc;
}
