/* suite.c — suite files: format detection, dictionary lookup, freeing. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "validate/internal.h"

const char *dy_vs_format_name(dy_vs_format f) {
    return f == DY_VS_TABARI ? "tabari" : "petrarch";
}

const char *dy_vexpect_name(dy_vexpect x) {
    switch (x) {
    case DY_VX_EVENTS: return "events";
    case DY_VX_NONE: return "no events";
    case DY_VX_COMPLEX: return "complex (not coded)";
    case DY_VX_DISCARD: return "discarded sentence";
    case DY_VX_STORYDISCARD: return "discarded story";
    case DY_VX_REJECT: return "rejected input";
    case DY_VX_UNCHECKED: return "unchecked";
    }
    return "?";
}

char *vs_clean_dup(const char *s, size_t n) {
    while (n && isspace((unsigned char)*s)) { s++; n--; }
    while (n && isspace((unsigned char)s[n - 1])) n--;
    char *out = xmalloc(n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (isspace((unsigned char)s[i])) {
            if (o && out[o - 1] != ' ') out[o++] = ' ';
        } else out[o++] = s[i];
    }
    out[o] = 0;
    return out;
}

char *vs_dirname(const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash) return xstrdup(".");
    if (slash == path) return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

char *vs_category_of(const char *id) {
    const char *dash = strchr(id, '-');
    return dash && dash > id ? xstrndup(id, (size_t)(dash - id)) : xstrdup(id);
}

static bool is_file(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

void vs_add_dict(dy_vsuite *s, dyad_dict_kind kind, const char *name, const char *const *dirs) {
    char *found = NULL;
    if (name[0] == '/') {
        if (is_file(name)) found = xstrdup(name);
    } else {
        for (size_t i = 0; dirs[i] && !found; i++) {
            dy_buf b = {0};
            dy_buf_printf(&b, "%s/%s", dirs[i], name);
            if (is_file(b.s)) found = b.s;
            else dy_buf_free(&b);
        }
    }
    if (!found || s->ndicts == DY_ARRAY_LEN(s->dicts)) {
        const char *why = found ? " (more dictionaries than dyad validate takes)" : "";
        free(found);
        size_t old = strlen(s->missing_dicts);
        s->missing_dicts = xrealloc(s->missing_dicts, old + strlen(name) + strlen(why) + 3);
        sprintf(s->missing_dicts + old, "%s%s%s", old ? ", " : "", name, why);
        return;
    }
    s->dicts[s->ndicts].kind = kind;
    s->dicts[s->ndicts].path = found;
    /* PETRARCH reads an unmarked dictionary word as a whole word; TABARI
     * as a prefix stem ("DIPLOMAT" would take "diplomatic"). */
    s->dicts[s->ndicts].whole_words = s->format == DY_VS_PETRARCH;
    /* TABARI reads "PRINCE DOL_AMROTH" as PRINCE, maybe other words, then
     * DOL AMROTH ("the Prince of Dol Amroth"); news dictionaries mean
     * adjacent words. */
    s->dicts[s->ndicts].gapped = s->format == DY_VS_TABARI;
    s->ndicts++;
}

dy_vrecord *vs_new_record(dy_vsuite *s) {
    dy_vrecord r;
    memset(&r, 0, sizeof r);
    r.included = 1;
    dy_vec_push(&s->records, r);
    return &s->records.items[s->records.len - 1];
}

/* PETRARCH files are XML with a <Validation> root; TABARI files are plain
 * text whose records start with a line beginning with a digit. */
static int detect(const char *t, size_t n) {
    size_t i = 0;
    if (n >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3)) i = 3;
    while (i < n && isspace((unsigned char)t[i])) i++;
    if (i < n && t[i] == '<') {
        size_t lim = n < 65536 ? n : 65536;
        for (size_t j = i; j + 11 <= lim; j++)
            if (!memcmp(t + j, "<Validation", 11) || !memcmp(t + j, "<Sentences", 10)) return 1;
        return -1;
    }
    for (size_t j = 0; j < n; j++) {
        if ((j == 0 || t[j - 1] == '\n') && isdigit((unsigned char)t[j])) {
            size_t k = j;
            while (k < n && isdigit((unsigned char)t[k])) k++;
            if (k - j >= 6 && k < n && (t[k] == ' ' || t[k] == '\t' || t[k] == '*')) return 0;
        }
    }
    return -1;
}

dy_vsuite *dy_vsuite_parse(const char *text, size_t len, const char *path, dy_diag *diag,
                           char *err, size_t errlen) {
    int f = detect(text, len);
    if (f < 0) {
        snprintf(err, errlen, "%s: neither a TABARI validation file (records 'YYMMDD ID') "
                 "nor a PETRARCH validation XML file (<Validation>)", path);
        return NULL;
    }
    dy_vsuite *s = xcalloc(1, sizeof *s);
    s->format = f ? DY_VS_PETRARCH : DY_VS_TABARI;
    s->path = xstrdup(path);
    s->missing_dicts = xstrdup("");
    bool ok = f ? vs_parse_petrarch(s, text, len, diag) : vs_parse_tabari(s, text, len, diag);
    if (!ok || s->records.len == 0) {
        snprintf(err, errlen, "%s: no validation records found", path);
        dy_vsuite_free(s);
        return NULL;
    }
    return s;
}

dy_vsuite *dy_vsuite_read(const char *path, dy_diag *diag, char *err, size_t errlen) {
    size_t len;
    char *text = dy_read_file(path, &len);
    if (!text) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    dy_vsuite *s = dy_vsuite_parse(text, len, path, diag, err, errlen);
    free(text);
    return s;
}

static void free_strings(dy_vstrings *v) {
    for (size_t i = 0; i < v->len; i++) free(v->items[i]);
    dy_vec_free(v);
}

void dy_vsuite_free(dy_vsuite *s) {
    if (!s) return;
    for (size_t i = 0; i < s->records.len; i++) {
        dy_vrecord *r = &s->records.items[i];
        free(r->id); free(r->category); free(r->text);
        for (size_t j = 0; j < r->events.len; j++) {
            free(r->events.items[j].source);
            free(r->events.items[j].target);
            free(r->events.items[j].code);
        }
        dy_vec_free(&r->events);
        free_strings(&r->options);
    }
    dy_vec_free(&s->records);
    for (size_t i = 0; i < s->ndicts; i++) free((char *)s->dicts[i].path);
    free_strings(&s->include);
    free_strings(&s->file_options);
    free(s->missing_dicts);
    free(s->stop_id);
    free(s->path);
    free(s);
}
