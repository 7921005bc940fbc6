/* cmd_query.c — dyad query: the questions users ask of a store.
 *
 *   series SOURCE TARGET --by day|week|month|year [--measure count|goldstein|quad]
 *   top dyads|actors|codes [--from D --to D] [--root 14] [--limit N]
 *   events [--actor RUS] [--from D --to D] [--limit N]
 *   sql "SELECT ..."         (read-only)
 *
 * Output: an aligned table (default), CSV (RFC 4180) or JSON (an array of
 * objects; events are dyad's event records).  Tables are buffered to align
 * their columns; CSV and JSON stream. */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output/export.h"
#include "store/store.h"
#include "util/util.h"

static const char usage[] =
    "usage: dyad query --db DB [--format table|csv|json] [--dedup] QUERY ...\n"
    "Queries:\n"
    "  series SOURCE TARGET [--by day|week|month|year] [--measure count|goldstein|quad]\n"
    "         [--both-directions] [--from DATE] [--to DATE]\n"
    "         SOURCE/TARGET: actor codes or prefixes (RUS matches RUSGOV); '*' for any\n"
    "  top dyads|actors|codes [--from DATE] [--to DATE] [--root 14] [--limit N]\n"
    "  events [--actor CODE] [--from DATE] [--to DATE] [--limit N]   (with sentences)\n"
    "  sql \"SELECT ...\"          any read-only SQL (tables: stories, sentences, events,\n"
    "                            view events_dedup; see docs/formats.md)\n\n"
    "  --dedup   one-a-day rule: same date, source, target and code count as one event\n";

typedef enum { OUT_TABLE, OUT_CSV, OUT_JSON } out_kind;

typedef struct {
    out_kind kind;
    FILE *f;
    size_t rows;
    /* table: everything kept until the end to align columns */
    DY_VEC(char *) cells;
    DY_VEC(char *) names;
    int ncol;
} out_ctx;

/* Display width: code points, not bytes. */
static size_t width(const char *s) {
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void csv_cell(FILE *f, const char *v) {
    if (!strpbrk(v, ",\"\n\r")) { fputs(v, f); return; }
    fputc('"', f);
    for (; *v; v++) {
        if (*v == '"') fputc('"', f);
        fputc(*v, f);
    }
    fputc('"', f);
}

/* JSON numbers for values that are plainly numbers; codes like "040" stay strings. */
static int is_number(const char *v) {
    const char *p = v;
    if (*p == '-') p++;
    if (!*p || (*p == '0' && p[1] && p[1] != '.')) return 0;
    int digits = 0, dot = 0;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9') digits++;
        else if (*p == '.' && !dot) dot = 1;
        else return 0;
    }
    return digits > 0;
}

static int out_row(void *user, int ncol, const char *const *names, const char *const *vals) {
    out_ctx *o = user;
    if (o->rows == 0) {
        o->ncol = ncol;
        if (o->kind == OUT_CSV) {
            for (int i = 0; i < ncol; i++) { if (i) fputc(',', o->f); csv_cell(o->f, names[i]); }
            fputc('\n', o->f);
        } else if (o->kind == OUT_TABLE) {
            for (int i = 0; i < ncol; i++) dy_vec_push(&o->names, xstrdup(names[i]));
        } else {
            fputs("[\n", o->f);
        }
    }
    if (o->kind == OUT_CSV) {
        for (int i = 0; i < ncol; i++) { if (i) fputc(',', o->f); csv_cell(o->f, vals[i]); }
        fputc('\n', o->f);
    } else if (o->kind == OUT_TABLE) {
        for (int i = 0; i < ncol; i++) {
            /* one line per row: long text is cut in the table (CSV/JSON keep it) */
            char *c = xstrdup(vals[i]);
            for (char *p = c; *p; p++) if (*p == '\n' || *p == '\t' || *p == '\r') *p = ' ';
            if (width(c) > 100) {
                size_t cut = 0, w = 0;
                while (c[cut] && w < 97) { cut++; while (((unsigned char)c[cut] & 0xC0) == 0x80) cut++; w++; }
                c[cut] = 0;
                char *t = xmalloc(cut + 4);
                snprintf(t, cut + 4, "%s...", c);
                free(c);
                c = t;
            }
            dy_vec_push(&o->cells, c);
        }
    } else {
        cJSON *obj = cJSON_CreateObject();
        for (int i = 0; i < ncol; i++) {
            if (strcmp(names[i], "period") && is_number(vals[i]))
                cJSON_AddNumberToObject(obj, names[i], strtod(vals[i], NULL));
            else
                cJSON_AddStringToObject(obj, names[i], vals[i]);
        }
        char *js = cJSON_PrintUnformatted(obj);
        fprintf(o->f, "%s%s", o->rows ? ",\n" : "", js);
        cJSON_free(js);
        cJSON_Delete(obj);
    }
    o->rows++;
    return 0;
}

static void out_finish(out_ctx *o) {
    if (o->kind == OUT_JSON) fputs(o->rows ? "\n]\n" : "[]\n", o->f);
    if (o->kind == OUT_TABLE && o->ncol) {
        size_t *w = xcalloc((size_t)o->ncol, sizeof *w);
        for (int i = 0; i < o->ncol; i++) w[i] = width(o->names.items[i]);
        for (size_t k = 0; k < o->cells.len; k++) {
            size_t cw = width(o->cells.items[k]);
            if (cw > w[k % (size_t)o->ncol]) w[k % (size_t)o->ncol] = cw;
        }
        for (int i = 0; i < o->ncol; i++)
            fprintf(o->f, "%s%s%*s", i ? "  " : "", o->names.items[i],
                    i + 1 < o->ncol ? (int)(w[i] - width(o->names.items[i])) : 0, "");
        fputc('\n', o->f);
        for (int i = 0; i < o->ncol; i++) {
            if (i) fputs("  ", o->f);
            for (size_t j = 0; j < w[i]; j++) fputc('-', o->f);
        }
        fputc('\n', o->f);
        for (size_t k = 0; k < o->cells.len; k++) {
            int i = (int)(k % (size_t)o->ncol);
            const char *c = o->cells.items[k];
            int numeric = is_number(c) && strcmp(o->names.items[i], "period");
            size_t pad = w[i] - width(c);
            if (i) fputs("  ", o->f);
            if (numeric) fprintf(o->f, "%*s%s", (int)pad, "", c);
            else fprintf(o->f, "%s%*s", c, i + 1 < o->ncol ? (int)pad : 0, "");
            if (i + 1 == o->ncol) fputc('\n', o->f);
        }
        free(w);
    }
    for (size_t k = 0; k < o->cells.len; k++) free(o->cells.items[k]);
    for (size_t k = 0; k < o->names.len; k++) free(o->names.items[k]);
    dy_vec_free(&o->cells);
    dy_vec_free(&o->names);
}

/* events: a table/CSV row per event (or group); JSON uses dyad's event record. */
typedef struct { out_ctx *o; int dedup; dy_buf buf; } events_ctx;

static int event_row(const dy_event_group *g, void *user) {
    events_ctx *x = user;
    const dyad_event *e = &g->ev;
    if (x->o->kind == OUT_JSON) {
        dy_buf_clear(&x->buf);
        dy_export_group(DY_EXPORT_JSONL, NULL, g, x->dedup, &x->buf);
        if (x->buf.len) x->buf.s[--x->buf.len] = 0;     /* the newline */
        fprintf(x->o->f, "%s%s", x->o->rows ? ",\n" : "[\n", x->buf.s);
        x->o->rows++;
        return 0;
    }
    char id[32], sent[16], gold[16], q[8], m[32], st[32], so[32];
    snprintf(id, sizeof id, "%lld", g->id);
    snprintf(sent, sizeof sent, "%d", e->sentence);
    snprintf(gold, sizeof gold, "%.1f", e->goldstein);
    snprintf(q, sizeof q, "%d", e->quad_class);
    snprintf(m, sizeof m, "%zu", g->mentions);
    snprintf(st, sizeof st, "%zu", g->stories);
    snprintf(so, sizeof so, "%zu", g->sources);
    const char *names[] = {"id", "date", "source", "target", "code", "event", "quad", "goldstein",
                           "story_id", "sentence", "mentions", "stories", "sources", "text"};
    const char *vals[] = {id, e->date, e->source, e->target, e->code, e->event_name, q, gold,
                          e->story_id, sent, m, st, so, e->text};
    if (!x->dedup) {
        const char *n2[] = {names[0], names[1], names[2], names[3], names[4], names[5], names[6],
                            names[7], names[8], names[9], names[13]};
        const char *v2[] = {vals[0], vals[1], vals[2], vals[3], vals[4], vals[5], vals[6],
                            vals[7], vals[8], vals[9], vals[13]};
        return out_row(x->o, 11, n2, v2);
    }
    return out_row(x->o, 14, names, vals);
}

static int opt_value(int argc, char **argv, int *i, const char **out) {
    if (*i + 1 >= argc) return cli_usage_error("query", "%s needs an argument", argv[*i]);
    *out = argv[++*i];
    return 0;
}

int cmd_query(int argc, char **argv) {
    const char *db = NULL, *format = "table", *by = "month", *measure = "count";
    const char *from = NULL, *to = NULL, *root = NULL, *actor = NULL, *limit_s = NULL;
    int dedup = 0, both = 0;
    DY_VEC(const char *) args = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) { fputs(usage, stdout); dy_vec_free(&args); return 0; }
        if (!strcmp(a, "--dedup")) { dedup = 1; continue; }
        if (!strcmp(a, "--both-directions")) { both = 1; continue; }
        if (!strcmp(a, "--db")) slot = &db;
        else if (!strcmp(a, "--format")) slot = &format;
        else if (!strcmp(a, "--by")) slot = &by;
        else if (!strcmp(a, "--measure")) slot = &measure;
        else if (!strcmp(a, "--from")) slot = &from;
        else if (!strcmp(a, "--to")) slot = &to;
        else if (!strcmp(a, "--root")) slot = &root;
        else if (!strcmp(a, "--actor")) slot = &actor;
        else if (!strcmp(a, "--limit")) slot = &limit_s;
        else if (a[0] == '-' && a[1] && !(args.len && !strcmp(args.items[0], "sql"))) {
            dy_vec_free(&args);
            return cli_usage_error("query", "unknown option %s (see --help)", a);
        }
        if (slot) {
            int e = opt_value(argc, argv, &i, slot);
            if (e) { dy_vec_free(&args); return e; }
        } else dy_vec_push(&args, a);
    }
    int rc = DY_EXIT_OK;
    out_ctx o = {0};
    o.f = stdout;
    dy_period period;
    dy_measure meas;
    if (!db) rc = cli_usage_error("query", "--db DB is required");
    else if (!args.len) rc = cli_usage_error("query", "which query? series, top, events or sql (see --help)");
    else if (!strcmp(format, "table")) o.kind = OUT_TABLE;
    else if (!strcmp(format, "csv")) o.kind = OUT_CSV;
    else if (!strcmp(format, "json")) o.kind = OUT_JSON;
    else rc = cli_usage_error("query", "--format must be table, csv or json");
    if (!rc && dy_period_parse(by, &period) < 0)
        rc = cli_usage_error("query", "--by must be day, week, month or year");
    if (!rc && dy_measure_parse(measure, &meas) < 0)
        rc = cli_usage_error("query", "--measure must be count, goldstein or quad");
    long limit = limit_s ? atol(limit_s) : 0;
    if (!rc && limit_s && limit <= 0) rc = cli_usage_error("query", "--limit must be a positive number");
    if (rc) { dy_vec_free(&args); return rc; }

    char err[512];
    dy_store *s = dy_store_open(db, NULL, err, sizeof err);
    if (!s) {
        fprintf(stderr, "dyad query: %s\n", err);
        dy_vec_free(&args);
        return DY_EXIT_FATAL;
    }
    const char *q = args.items[0];
    int qrc = 0;
    if (!strcmp(q, "series")) {
        if (args.len != 3) rc = cli_usage_error("query", "series takes SOURCE TARGET (use '*' for any)");
        else {
            dy_series_req r = {args.items[1], args.items[2], period, meas, both, dedup, from, to};
            qrc = dy_query_series(s, &r, out_row, &o);
        }
    } else if (!strcmp(q, "top")) {
        dy_top_req r = {DY_TOP_DYADS, from, to, root, dedup, limit};
        const char *what = args.len > 1 ? args.items[1] : "";
        if (!strcmp(what, "dyads")) r.kind = DY_TOP_DYADS;
        else if (!strcmp(what, "actors")) r.kind = DY_TOP_ACTORS;
        else if (!strcmp(what, "codes")) r.kind = DY_TOP_CODES;
        else rc = cli_usage_error("query", "top takes dyads, actors or codes");
        if (!rc && root && (strlen(root) > 2 || strspn(root, "0123456789") != strlen(root)))
            rc = cli_usage_error("query", "--root takes a CAMEO root code such as 14");
        if (!rc) qrc = dy_query_top(s, &r, out_row, &o);
    } else if (!strcmp(q, "events")) {
        dy_event_filter f = {actor, from, to, dedup, limit ? limit : 0};
        events_ctx x = {&o, dedup, {0}};
        qrc = dy_store_scan_events(s, &f, event_row, &x);
        dy_buf_free(&x.buf);
    } else if (!strcmp(q, "sql")) {
        if (args.len != 2) rc = cli_usage_error("query", "sql takes one quoted statement");
        else qrc = dy_store_query_readonly(s, args.items[1], out_row, &o);
    } else {
        rc = cli_usage_error("query", "unknown query '%s': series, top, events or sql", q);
    }
    if (qrc < 0) {
        fprintf(stderr, "dyad query: %s\n", dy_store_errmsg(s));
        rc = DY_EXIT_FATAL;
    }
    if (!rc) out_finish(&o);
    else { o.kind = OUT_CSV; out_finish(&o); }
    dy_store_close(s);
    dy_vec_free(&args);
    return rc;
}
