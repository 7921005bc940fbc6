/* suite_tabari.c — TABARI's validation file (Validate.text).
 *
 * A record is a line starting with a digit ("950103  DEMO-04": date, then
 * the id) and the lines after it up to a blank line (TABARI manual, 4.3).
 * Text inside slash-star ... star-slash is commentary, and holds the
 * validation fields; the rest is the story.  The dictionaries are those of
 * the suite's .project file when it is present beside it, else the ones
 * TABARI's Validate.project names (TABARI.Demo.actors, TABARI.Demo.verbs,
 * Validate.agents), looked up in the suite's folder. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "validate/internal.h"

typedef struct {
    dy_vsuite *s;
    dy_diag *diag;
    int yyyy;               /* SET: YYYY = TRUE in force: 8-digit dates */
    int time_shift;         /* SET: TIME SHIFT = TRUE in force: the first field's date is checked */
    int stopped;
} tabari_state;

/* The .project file: "<actorfile> NAME" lines; TABARI looks only at the
 * first two letters of the tag. */
static bool read_project(dy_vsuite *s, const char *project, const char *const *dirs) {
    size_t len;
    char *t = dy_read_file(project, &len);
    if (!t) return false;
    char *save = NULL;
    for (char *line = strtok_r(t, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] != '<') continue;
        char *close = strchr(line, '>');
        if (!close) continue;
        char *name = close + 1;
        while (*name == ' ' || *name == '\t') name++;
        size_t n = strcspn(name, " \t\r");
        name[n] = 0;
        if (!*name) continue;
        if (!strncasecmp(line + 1, "ac", 2)) vs_add_dict(s, DYAD_DICT_ACTORS, name, dirs);
        else if (!strncasecmp(line + 1, "ve", 2)) vs_add_dict(s, DYAD_DICT_VERBS, name, dirs);
        else if (!strncasecmp(line + 1, "ag", 2)) vs_add_dict(s, DYAD_DICT_AGENTS, name, dirs);
        else if (!strncasecmp(line + 1, "is", 2)) vs_add_dict(s, DYAD_DICT_ISSUES, name, dirs);
    }
    free(t);
    return true;
}

static void find_dictionaries(dy_vsuite *s) {
    char *dir = vs_dirname(s->path);
    const char *dirs[] = {dir, NULL};
    const char *base = strrchr(s->path, '/');
    base = base ? base + 1 : s->path;
    const char *dot = strrchr(base, '.');
    dy_buf project = {0};
    dy_buf_printf(&project, "%s/%.*s.project", dir, (int)(dot ? (size_t)(dot - base) : strlen(base)), base);
    if (!read_project(s, project.s, dirs)) {
        vs_add_dict(s, DYAD_DICT_ACTORS, "TABARI.Demo.actors", dirs);
        vs_add_dict(s, DYAD_DICT_VERBS, "TABARI.Demo.verbs", dirs);
        vs_add_dict(s, DYAD_DICT_AGENTS, "Validate.agents", dirs);
    }
    dy_buf_free(&project);
    free(dir);
}

/* "950103" (or with YYYY, "19950103") -> "1995-01-03"; TABARI pivots
 * two-digit years at 2030 and reads only the leading digits it needs. */
static bool tabari_date(const char *digits, size_t n, int yyyy, char out[11]) {
    size_t need = yyyy ? 8 : 6;
    if (n < need) return false;
    int v[8];
    for (size_t i = 0; i < need; i++) v[i] = digits[i] - '0';
    int y, m, d;
    if (yyyy) {
        y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
        m = v[4] * 10 + v[5];
        d = v[6] * 10 + v[7];
    } else {
        y = v[0] * 10 + v[1];
        y += y < 30 ? 2000 : 1900;
        m = v[2] * 10 + v[3];
        d = v[4] * 10 + v[5];
    }
    if (m < 1 || m > 12 || d < 1 || d > 31) return false;
    int y2, m2, d2;
    dy_civil_from_days(dy_days_from_civil(y, m, d), &y2, &m2, &d2);
    if (y2 != y || m2 != m || d2 != d) return false;
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    return true;
}

/* The id line may hold more than the id ("950101  AGENTS-11",
 * "FBIS-001-001  CEP20020711000011"): the category comes from the first word
 * with a letter in it. */
static char *tabari_category(const char *id) {
    for (const char *p = id; *p;) {
        size_t len = strcspn(p, " ");
        for (size_t i = 0; i < len; i++)
            if (isalpha((unsigned char)p[i])) {
                char *word = xstrndup(p, len);
                char *c = vs_category_of(word);
                free(word);
                return c;
            }
        p += len;
        while (*p == ' ') p++;
    }
    return vs_category_of(id);
}

static bool squeezed_is(const char *s, const char *want) {
    for (; *s; s++) {
        if (isspace((unsigned char)*s)) continue;
        if (*s != *want) return false;
        want++;
    }
    return *want == 0;
}

typedef struct {
    int special;            /* first special field seen: DY_VX_NONE/COMPLEX/DISCARD, else -1 */
    int checked, commented, options;
    int stop_checking;      /* a "-{" was seen: later fields are not checked */
} fields_seen;

static void apply_option(tabari_state *st, dy_vrecord *r, const char *opt) {
    dy_vec_push(&r->options, xstrdup(opt));
    char sq[64];
    size_t o = 0;
    for (const char *p = opt; *p && o + 1 < sizeof sq; p++)
        if (!isspace((unsigned char)*p)) sq[o++] = (char)toupper((unsigned char)*p);
    sq[o] = 0;
    /* Dates are the reader's business, so this one option is applied here. */
    if (!strcmp(sq, "SET:YYYY=TRUE")) st->yyyy = 1;
    else if (!strcmp(sq, "SET:YYYY=FALSE")) st->yyyy = 0;
    else if (!strcmp(sq, "SET:TIMESHIFT=TRUE")) st->time_shift = 1;
    else if (!strcmp(sq, "SET:TIMESHIFT=FALSE")) st->time_shift = 0;
}

static void field(tabari_state *st, dy_vrecord *r, fields_seen *f, const char *s, size_t n,
                  int dash) {
    char *c = vs_clean_dup(s, n);
    if (!strncasecmp(c, "OPTION:", 7)) {
        char *opt = vs_clean_dup(c + 7, strlen(c + 7));
        apply_option(st, r, opt);
        free(opt);
        f->options++;
    } else if (dash || f->stop_checking) {
        /* "-{": this field and any after it are not checked. */
        f->commented++;
        f->stop_checking = 1;
    } else if (!c[0]) {
        /* "{}" appears only in commentary that names the notation. */
    } else if (squeezed_is(c, "---")) {
        if (f->special < 0) f->special = DY_VX_NONE;
    } else if (squeezed_is(c, "###")) {
        if (f->special < 0) f->special = DY_VX_DISCARD;
    } else if (squeezed_is(c, "+++")) {
        if (f->special < 0) f->special = DY_VX_COMPLEX;
    } else {
        char *a = strchr(c, '/'), *b = a ? strchr(a + 1, '/') : NULL;
        if (!a || !b || strchr(b + 1, '/')) {
            dy_diag_report(st->diag, "suite-field", st->s->path, r->line,
                           "record %s: field '{%s}' is not SOURCE / TARGET / CODE: ignored", r->id, c);
        } else {
            dy_vtriple t = {vs_clean_dup(c, (size_t)(a - c)), vs_clean_dup(a + 1, (size_t)(b - a - 1)),
                            vs_clean_dup(b + 1, strlen(b + 1)), ""};
            dy_vec_push(&r->events, t);
            f->checked++;
        }
    }
    free(c);
}

/* Fields in one comment segment: "{...}", a '-' just before '{' marks "-{". */
static void comment_fields(tabari_state *st, dy_vrecord *r, fields_seen *f, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '{') continue;
        int dash = i > 0 && s[i - 1] == '-';
        size_t j = i + 1;
        while (j < n && s[j] != '}') j++;
        size_t before = r->events.len;
        field(st, r, f, s + i + 1, j - i - 1, dash);
        if (st->time_shift && before == 0 && r->events.len == 1) {
            /* "{ ARN / GON / 064 } 950103": the date the event should get. */
            size_t k = j + 1, d0;
            while (k < n && (s[k] == ' ' || s[k] == '\t')) k++;
            for (d0 = k; k < n && isdigit((unsigned char)s[k]); k++) {}
            r->check_date = 1;
            if (!tabari_date(s + d0, k - d0, st->yyyy, r->events.items[0].date))
                r->events.items[0].date[0] = 0;
        }
        i = j;
    }
}

static void finish_record(tabari_state *st, dy_vrecord *r, const char *body, size_t n) {
    dy_buf text = {0};
    fields_seen f = {.special = -1};
    /* One comment block per record, from the first slash-star to the last
     * star-slash: a stray early star-slash (a record that closes its comment
     * twice) must not turn the fields after it into story text. */
    size_t open = n, close = n;
    for (size_t j = 0; j + 1 < n; j++)
        if (body[j] == '/' && body[j + 1] == '*') { open = j; break; }
    if (open < n)
        for (size_t j = n - 1; j > open + 2; j--)
            if (body[j - 1] == '*' && body[j] == '/') { close = j - 1; break; }
    dy_buf_add(&text, body, open);
    if (open < n) {
        comment_fields(st, r, &f, body + open + 2, close - open - 2);
        if (close < n) { dy_buf_addc(&text, ' '); dy_buf_add(&text, body + close + 2, n - close - 2); }
    }
    r->text = vs_clean_dup(text.s ? text.s : "", text.len);
    dy_buf_free(&text);

    if (f.special >= 0) r->expect = (dy_vexpect)f.special;
    else if (f.checked) { r->expect = DY_VX_EVENTS; r->subset = f.commented > 0; }
    else if (f.options) r->expect = DY_VX_EVENTS;     /* an option record: codes nothing */
    else if (f.commented) {
        r->expect = DY_VX_UNCHECKED;
        r->why_unchecked = "its only fields are commented out with -{";
    } else {
        /* TABARI's run ends at the first record without any field. */
        r->expect = DY_VX_UNCHECKED;
        r->why_unchecked = "the suite's run stops at this record (no validation fields)";
        if (!st->stopped) { st->stopped = 1; st->s->stop_id = xstrdup(r->id); }
    }
    r->after_stop = st->stopped;
}

bool vs_parse_tabari(dy_vsuite *s, const char *t, size_t n, dy_diag *diag) {
    tabari_state st = {.s = s, .diag = diag};
    find_dictionaries(s);
    dy_buf body = {0};
    size_t rec = (size_t)-1;       /* index of the open record */
    long lineno = 0;
    size_t i = 0;
    while (i <= n) {
        size_t e = i;
        while (e < n && t[e] != '\n') e++;
        lineno++;
        size_t le = e;
        if (le > i && t[le - 1] == '\r') le--;
        bool blank = true;
        for (size_t k = i; k < le; k++)
            if (!isspace((unsigned char)t[k])) { blank = false; break; }
        if (rec != (size_t)-1 && (blank || e >= n)) {
            if (!blank) { dy_buf_add(&body, t + i, le - i); dy_buf_addc(&body, ' '); }
            finish_record(&st, &s->records.items[rec], body.s ? body.s : "", body.len);
            dy_buf_clear(&body);
            rec = (size_t)-1;
        } else if (rec != (size_t)-1) {
            dy_buf_add(&body, t + i, le - i);
            dy_buf_addc(&body, ' ');
        } else if (i < le && isdigit((unsigned char)t[i])) {
            dy_vrecord *r = vs_new_record(s);
            rec = s->records.len - 1;
            r->line = lineno;
            size_t k = i;
            while (k < le && isdigit((unsigned char)t[k])) k++;
            if (!tabari_date(t + i, k - i, st.yyyy, r->date)) {
                r->date[0] = 0;
                dy_diag_report(diag, "bad-date", s->path, lineno, "record date '%.*s' is not a valid %s date",
                               (int)(k - i), t + i, st.yyyy ? "YYYYMMDD" : "YYMMDD");
            }
            while (k < le && (t[k] == ' ' || t[k] == '\t' || t[k] == '*')) k++;
            if (k < le) r->id = vs_clean_dup(t + k, le - k);
            else {
                dy_buf b = {0};
                dy_buf_printf(&b, "line-%ld", lineno);
                r->id = b.s;
                dy_diag_report(diag, "suite-record", s->path, lineno, "record has no id: named %s", r->id);
            }
            r->category = tabari_category(r->id);
            dy_buf_clear(&body);
            if (e >= n) finish_record(&st, r, "", 0), rec = (size_t)-1;
        }
        i = e + 1;
    }
    dy_buf_free(&body);
    return true;
}
