/* suite_petrarch.c — PETRARCH's validation records (PETR.UnitTest.records.xml).
 *
 * The file is regular XML with a fixed vocabulary (validation.rng), so a
 * small reader does: tags with attributes (quoted either way, blanks around
 * '='), comments, character entities, and the text of a few elements.  The
 * <Parse> trees are skipped unread.  Dictionaries named in <Environment> are
 * looked up beside the suite, then in its dictionaries/ folder (PETRARCH's
 * own layout). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "validate/internal.h"

#define MAX_ATTRS 8

typedef struct {
    const char *name; size_t nlen;
    struct { const char *k; size_t kn; const char *v; size_t vn; } a[MAX_ATTRS];
    int na;
    int closing, empty;     /* </x>, <x/> */
    size_t end;             /* offset after '>' */
} xtag;

typedef struct {
    dy_vsuite *s;
    dy_diag *diag;
    const char *t;
    size_t n;
    size_t line_off;        /* lines counted up to here */
    long line;
    int in_env, stopped;
    dy_vstrings pending;    /* <Config> seen since the last record */
    dy_vrecord *rec;        /* the open <Sentence> */
    const char *dirs[3];
} pstate;

static long line_at(pstate *p, size_t off) {
    for (; p->line_off < off && p->line_off < p->n; p->line_off++)
        if (p->t[p->line_off] == '\n') p->line++;
    return p->line;
}

static bool name_is(const xtag *x, const char *s) {
    return strlen(s) == x->nlen && !strncmp(x->name, s, x->nlen);
}

/* Parses the tag at t[i] == '<' (not a comment); false when malformed. */
static bool parse_tag(const char *t, size_t n, size_t i, xtag *x) {
    memset(x, 0, sizeof *x);
    size_t j = i + 1;
    if (j < n && t[j] == '/') { x->closing = 1; j++; }
    x->name = t + j;
    while (j < n && (isalnum((unsigned char)t[j]) || t[j] == '_' || t[j] == '-' || t[j] == ':')) j++;
    x->nlen = (size_t)(t + j - x->name);
    if (!x->nlen) return false;
    for (;;) {
        while (j < n && isspace((unsigned char)t[j])) j++;
        if (j >= n) return false;
        if (t[j] == '>') { x->end = j + 1; return true; }
        if (t[j] == '/' && j + 1 < n && t[j + 1] == '>') { x->empty = 1; x->end = j + 2; return true; }
        size_t k0 = j;
        while (j < n && !isspace((unsigned char)t[j]) && t[j] != '=' && t[j] != '>' && t[j] != '/') j++;
        if (j == k0) return false;
        size_t kn = j - k0;
        while (j < n && isspace((unsigned char)t[j])) j++;
        const char *v = t + j;
        size_t vn = 0;
        if (j < n && t[j] == '=') {
            j++;
            while (j < n && isspace((unsigned char)t[j])) j++;
            if (j < n && (t[j] == '"' || t[j] == '\'')) {
                char q = t[j++];
                v = t + j;
                while (j < n && t[j] != q) j++;
                if (j >= n) return false;
                vn = (size_t)(t + j - v);
                j++;
            } else {
                v = t + j;
                while (j < n && !isspace((unsigned char)t[j]) && t[j] != '>') j++;
                vn = (size_t)(t + j - v);
            }
        }
        if (x->na < MAX_ATTRS) {
            x->a[x->na].k = t + k0; x->a[x->na].kn = kn;
            x->a[x->na].v = v; x->a[x->na].vn = vn;
            x->na++;
        }
    }
}

static void put_utf8(dy_buf *b, unsigned long c) {
    char u[4];
    if (c < 0x80) { dy_buf_addc(b, (char)c); return; }
    if (c < 0x800) { u[0] = (char)(0xC0 | (c >> 6)); u[1] = (char)(0x80 | (c & 0x3F)); dy_buf_add(b, u, 2); return; }
    if (c < 0x10000) {
        u[0] = (char)(0xE0 | (c >> 12)); u[1] = (char)(0x80 | ((c >> 6) & 0x3F)); u[2] = (char)(0x80 | (c & 0x3F));
        dy_buf_add(b, u, 3); return;
    }
    if (c > 0x10FFFF) c = 0xFFFD;
    u[0] = (char)(0xF0 | (c >> 18)); u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    u[2] = (char)(0x80 | ((c >> 6) & 0x3F)); u[3] = (char)(0x80 | (c & 0x3F));
    dy_buf_add(b, u, 4);
}

/* XML character data with entities replaced, blank-trimmed and collapsed. */
static char *xml_text(const char *s, size_t n) {
    dy_buf b = {0};
    dy_buf_adds(&b, "");
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '&') { dy_buf_addc(&b, s[i]); continue; }
        size_t semi = i + 1;
        while (semi < n && semi < i + 12 && s[semi] != ';') semi++;
        if (semi >= n || s[semi] != ';') { dy_buf_addc(&b, '&'); continue; }
        const char *e = s + i + 1;
        size_t en = semi - i - 1;
        if (en == 3 && !memcmp(e, "amp", 3)) dy_buf_addc(&b, '&');
        else if (en == 2 && !memcmp(e, "lt", 2)) dy_buf_addc(&b, '<');
        else if (en == 2 && !memcmp(e, "gt", 2)) dy_buf_addc(&b, '>');
        else if (en == 4 && !memcmp(e, "quot", 4)) dy_buf_addc(&b, '"');
        else if (en == 4 && !memcmp(e, "apos", 4)) dy_buf_addc(&b, '\'');
        else if (en >= 2 && e[0] == '#') {
            char num[12];
            memcpy(num, e + 1, en - 1);
            num[en - 1] = 0;
            char *endp;
            unsigned long c = num[0] == 'x' || num[0] == 'X' ? strtoul(num + 1, &endp, 16) : strtoul(num, &endp, 10);
            if (*endp || c == 0) { dy_buf_add(&b, s + i, semi - i + 1); }
            else put_utf8(&b, c);
        } else dy_buf_add(&b, s + i, semi - i + 1);    /* unknown entity: kept as written */
        i = semi;
    }
    char *out = vs_clean_dup(b.s, b.len);
    dy_buf_free(&b);
    return out;
}

static char *attr(const xtag *x, const char *k) {
    for (int i = 0; i < x->na; i++)
        if (strlen(k) == x->a[i].kn && !strncasecmp(x->a[i].k, k, x->a[i].kn))
            return xml_text(x->a[i].v, x->a[i].vn);
    return NULL;
}

/* Offset of "</name" at or after i, or n. */
static size_t find_close(const char *t, size_t n, size_t i, const char *name) {
    size_t nl = strlen(name);
    for (; i + 2 + nl <= n; i++)
        if (t[i] == '<' && t[i + 1] == '/' && !memcmp(t + i + 2, name, nl)) return i;
    return n;
}

static void on_event_coding(pstate *p, const xtag *x) {
    dy_vrecord *r = p->rec;
    char *src = attr(x, "sourcecode"), *tgt = attr(x, "targetcode"), *code = attr(x, "eventcode");
    char *none = attr(x, "noevents"), *error = attr(x, "error");
    if (error) {
        if (!strcasecmp(error, "storydiscard")) r->expect = DY_VX_STORYDISCARD;
        else if (!strcasecmp(error, "sentencediscard")) r->expect = DY_VX_DISCARD;
        else if (!strcasecmp(error, "dateline")) r->expect = DY_VX_REJECT;
        else if (!strcasecmp(error, "bad_input_parse")) {
            r->expect = DY_VX_UNCHECKED;
            r->why_unchecked = "it tests a malformed <Parse> tree, which dyad does not read";
        } else {
            r->expect = DY_VX_UNCHECKED;
            r->why_unchecked = "unknown error kind";
            dy_diag_report(p->diag, "suite-field", p->s->path, r->line,
                           "record %s: unknown EventCoding error '%s': not checked", r->id, error);
        }
    } else if (none && !strcasecmp(none, "true")) {
        if (r->expect == DY_VX_EVENTS) r->expect = DY_VX_NONE;
    } else if (src && tgt && code) {
        dy_vtriple tr = {src, tgt, code, ""};
        dy_vec_push(&r->events, tr);
        src = tgt = code = NULL;
    } else {
        dy_diag_report(p->diag, "suite-field", p->s->path, line_at(p, (size_t)(x->name - p->t)),
                       "record %s: EventCoding without sourcecode, targetcode and eventcode: ignored", r->id);
    }
    free(src); free(tgt); free(code); free(none); free(error);
}

static void on_sentence(pstate *p, const xtag *x, size_t off) {
    dy_vrecord *r = vs_new_record(p->s);
    p->rec = r;
    r->line = line_at(p, off);
    r->id = attr(x, "id");
    if (!r->id || !r->id[0]) {
        free(r->id);
        dy_buf b = {0};
        dy_buf_printf(&b, "line-%ld", r->line);
        r->id = b.s;
        dy_diag_report(p->diag, "suite-record", p->s->path, r->line, "Sentence has no id: named %s", r->id);
    }
    r->category = attr(x, "category");
    if (!r->category) r->category = vs_category_of(r->id);
    char *date = attr(x, "date");
    int32_t days;
    if (date && dy_parse_date(date, strlen(date), &days)) dy_format_date(days, r->date);
    else dy_diag_report(p->diag, "bad-date", p->s->path, r->line, "record %s: date '%s' is not YYYYMMDD",
                        r->id, date ? date : "");
    free(date);
    r->expect = DY_VX_EVENTS;
    r->options = p->pending;
    memset(&p->pending, 0, sizeof p->pending);
    if (p->s->include.len) {
        r->included = 0;
        for (size_t i = 0; i < p->s->include.len; i++)
            if (!strcmp(p->s->include.items[i], r->category)) r->included = 1;
    }
    r->after_stop = p->stopped;
}

static void on_environment_file(pstate *p, const xtag *x, const char *content) {
    static const struct { const char *tag; dyad_dict_kind kind; } files[] = {
        {"Verbfile", DYAD_DICT_VERBS}, {"Actorfile", DYAD_DICT_ACTORS},
        {"Agentfile", DYAD_DICT_AGENTS}, {"Discardfile", DYAD_DICT_DISCARDS}};
    for (size_t i = 0; i < DY_ARRAY_LEN(files); i++)
        if (name_is(x, files[i].tag) && content[0]) vs_add_dict(p->s, files[i].kind, content, p->dirs);
    if (name_is(x, "Include")) {
        char *save = NULL, *copy = xstrdup(content);
        for (char *w = strtok_r(copy, " \t\r\n", &save); w; w = strtok_r(NULL, " \t\r\n", &save))
            dy_vec_push(&p->s->include, xstrdup(w));
        free(copy);
    }
}

bool vs_parse_petrarch(dy_vsuite *s, const char *t, size_t n, dy_diag *diag) {
    pstate p = {.s = s, .diag = diag, .t = t, .n = n, .line = 1};
    char *dir = vs_dirname(s->path);
    dy_buf dictdir = {0};
    dy_buf_printf(&dictdir, "%s/dictionaries", dir);
    p.dirs[0] = dir; p.dirs[1] = dictdir.s; p.dirs[2] = NULL;
    size_t i = 0;
    while (i < n) {
        if (t[i] != '<') { i++; continue; }
        if (i + 4 <= n && !memcmp(t + i, "<!--", 4)) {
            const char *e = NULL;
            for (size_t j = i + 4; j + 3 <= n; j++)
                if (!memcmp(t + j, "-->", 3)) { e = t + j; break; }
            i = e ? (size_t)(e - t) + 3 : n;
            continue;
        }
        if (i + 1 < n && (t[i + 1] == '?' || t[i + 1] == '!')) {
            while (i < n && t[i] != '>') i++;
            continue;
        }
        xtag x;
        if (!parse_tag(t, n, i, &x)) {
            dy_diag_report(diag, "suite-xml", s->path, line_at(&p, i), "malformed tag: skipped");
            i++;
            continue;
        }
        size_t at = i;
        i = x.end;
        if (x.closing) {
            if (name_is(&x, "Environment")) p.in_env = 0;
            else if (name_is(&x, "Sentence")) p.rec = NULL;
            continue;
        }
        if (name_is(&x, "Environment")) p.in_env = 1;
        else if (name_is(&x, "Config")) {
            char *o = attr(&x, "option"), *v = attr(&x, "value");
            if (o && v) {
                dy_buf b = {0};
                dy_buf_printf(&b, "%s=%s", o, v);
                if (p.in_env || s->records.len == 0) dy_vec_push(&s->file_options, b.s);
                else dy_vec_push(&p.pending, b.s);
            } else {
                dy_diag_report(diag, "suite-field", s->path, line_at(&p, at), "Config without option and value: ignored");
            }
            free(o); free(v);
        } else if (name_is(&x, "Sentence")) {
            on_sentence(&p, &x, at);
        } else if (name_is(&x, "EventCoding")) {
            if (p.rec) on_event_coding(&p, &x);
        } else if (name_is(&x, "Parse") && !x.empty) {
            i = find_close(t, n, i, "Parse");
        } else if (name_is(&x, "Text") && !x.empty) {
            size_t e = find_close(t, n, i, "Text");
            if (p.rec) { free(p.rec->text); p.rec->text = xml_text(t + i, e - i); }
            i = e;
        } else if (name_is(&x, "Stop") && !p.in_env) {
            if (!p.stopped) s->stop_id = xstrdup("<Stop>");
            p.stopped = 1;
        } else if (p.in_env && !x.empty) {
            size_t e = find_close(t, n, i, "");
            char *content = xml_text(t + i, e - i);
            on_environment_file(&p, &x, content);
            free(content);
            i = e;
        }
    }
    for (size_t k = 0; k < s->records.len; k++) {
        dy_vrecord *r = &s->records.items[k];
        if (!r->text) {
            r->text = xstrdup("");
            dy_diag_report(diag, "suite-record", s->path, r->line, "record %s has no <Text>", r->id);
        }
    }
    for (size_t k = 0; k < p.pending.len; k++) free(p.pending.items[k]);
    dy_vec_free(&p.pending);
    dy_buf_free(&dictdir);
    free(dir);
    return true;
}
