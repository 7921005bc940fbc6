/* story.c — the story reader: files, folders and stdin, JSON Lines or plain.
 *
 * Streams: a file is read a line at a time with a bounded line buffer, so a
 * huge or endless line costs at most DY_LINE_MAX bytes and one story is held
 * at a time.  Folders are expanded when the reader is opened (names only).
 * Duplicate ids are detected with a set of 64-bit hashes, 8 bytes a story. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cJSON.h>

#include "text/story.h"
#include "util/util.h"

/* A JSON line may be longer than the story it carries (escapes, other
 * fields); beyond this it is reported and skipped rather than parsed. */
#define DY_LINE_MAX (4u * DY_STORY_MAX_BYTES)
#define DY_MAX_DIR_DEPTH 32

enum { FMT_UNKNOWN, FMT_JSONL, FMT_PLAIN };

struct dy_reader {
    dy_diag *diag;
    DY_VEC(char *) files;
    size_t next_file;
    FILE *f;                  /* current file, NULL between files */
    const char *path;         /* its name (owned by files) */
    long lineno;
    int fmt;
    /* current line */
    char *line;
    size_t line_len, line_cap;
    bool line_truncated;
    /* current story: every field owned here, freed on the next call */
    dy_story_rec rec;
    char *fields[6];
    /* ids seen this run */
    uint64_t *ids;
    size_t nids, ids_cap;
    size_t skipped;
};

/* ------------------------------------------------------------ file list */

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_path(dy_reader *r, const char *path, int depth);

static void add_dir(dy_reader *r, const char *path, int depth) {
    DIR *d = opendir(path);
    if (!d) {
        dy_diag_report(r->diag, "unreadable", path, 0, "cannot open folder: %s", strerror(errno));
        r->skipped++;
        return;
    }
    DY_VEC(char *) names = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;   /* hidden files, . and .. */
        dy_buf b = {0};
        dy_buf_printf(&b, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", e->d_name);
        dy_vec_push(&names, b.s);
    }
    closedir(d);
    if (names.len) qsort(names.items, names.len, sizeof *names.items, cmp_str);
    for (size_t i = 0; i < names.len; i++) {
        add_path(r, names.items[i], depth + 1);
        free(names.items[i]);
    }
    dy_vec_free(&names);
}

static void add_path(dy_reader *r, const char *path, int depth) {
    if (strcmp(path, "-") == 0) { dy_vec_push(&r->files, xstrdup(path)); return; }
    struct stat st;
    if (stat(path, &st) != 0) {
        dy_diag_report(r->diag, "unreadable", path, 0, "%s", strerror(errno));
        r->skipped++;
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        if (depth >= DY_MAX_DIR_DEPTH) {
            dy_diag_report(r->diag, "unreadable", path, 0, "folders nested too deep (link loop?)");
            r->skipped++;
            return;
        }
        add_dir(r, path, depth);
    } else if (S_ISREG(st.st_mode) || depth == 0) {
        dy_vec_push(&r->files, xstrdup(path));   /* named explicitly: a pipe or fifo is fine */
    }
}

dy_reader *dy_reader_open(const char *const *paths, size_t npaths, dy_diag *diag) {
    dy_reader *r = xcalloc(1, sizeof *r);
    r->diag = diag;
    for (size_t i = 0; i < npaths; i++) add_path(r, paths[i], 0);
    return r;
}

size_t dy_reader_skipped(const dy_reader *r) { return r ? r->skipped : 0; }

/* ---------------------------------------------------------------- lines */

/* Reads one line (without its newline) into r->line; lines longer than
 * 'limit' keep their first 'limit' bytes and set line_truncated.  Returns
 * false at end of file.  NUL bytes are kept (the caller detects binaries). */
static bool read_line(dy_reader *r, size_t limit) {
    FILE *f = r->f;
    r->line_len = 0;
    r->line_truncated = false;
    int c = EOF;
    bool any = false;
    while ((c = getc_unlocked(f)) != EOF) {
        any = true;
        if (c == '\n') break;
        if (r->line_len >= limit) { r->line_truncated = true; continue; }
        if (r->line_len + 1 >= r->line_cap) {
            r->line_cap = r->line_cap ? r->line_cap * 2 : 4096;
            r->line = xrealloc(r->line, r->line_cap);
        }
        r->line[r->line_len++] = (char)c;
    }
    if (!r->line) { r->line_cap = 4096; r->line = xmalloc(r->line_cap); }
    r->line[r->line_len] = '\0';
    if (any) r->lineno++;
    return any;
}

static bool blank(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i])) return false;
    return true;
}

/* Cuts n bytes of UTF-8 back to a character boundary. */
static size_t utf8_cut(const char *s, size_t n) {
    size_t j = n;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80 && n - j < 4) j--;
    return ((unsigned char)s[n] & 0xC0) == 0x80 ? j : n;
}

/* ------------------------------------------------------------- stories */

static void clear_rec(dy_reader *r) {
    for (size_t i = 0; i < DY_ARRAY_LEN(r->fields); i++) { free(r->fields[i]); r->fields[i] = NULL; }
    memset(&r->rec, 0, sizeof r->rec);
}

static char *own(dy_reader *r, int slot, char *s) {
    r->fields[slot] = s;
    return s;
}

enum { F_ID, F_DATE, F_TEXT, F_TITLE, F_SOURCE, F_URL };

static void close_file(dy_reader *r) {
    if (r->f && r->f != stdin) fclose(r->f);
    r->f = NULL;
}

/* The id set: open addressing over 64-bit hashes (0 marks an empty slot). */
static bool id_seen(dy_reader *r, const char *id) {
    uint64_t h = dy_hash(id, strlen(id));
    if (h == 0) h = 1;
    if ((r->nids + 1) * 2 > r->ids_cap) {
        size_t cap = r->ids_cap ? r->ids_cap * 2 : 1024;
        uint64_t *t = xcalloc(cap, sizeof *t);
        for (size_t i = 0; i < r->ids_cap; i++) {
            uint64_t v = r->ids[i];
            if (!v) continue;
            size_t j = v & (cap - 1);
            while (t[j]) j = (j + 1) & (cap - 1);
            t[j] = v;
        }
        free(r->ids);
        r->ids = t;
        r->ids_cap = cap;
    }
    size_t j = h & (r->ids_cap - 1);
    while (r->ids[j]) {
        if (r->ids[j] == h) return true;
        j = (j + 1) & (r->ids_cap - 1);
    }
    r->ids[j] = h;
    r->nids++;
    return false;
}

static void finish(dy_reader *r, dy_story_rec *out) {
    static char empty[] = "";
    dy_story_rec *s = &r->rec;
    if (!s->date) s->date = empty;
    if (!s->title) s->title = empty;
    if (!s->source) s->source = empty;
    if (!s->url) s->url = empty;
    s->file = r->path;
    if (id_seen(r, s->id))
        dy_diag_report(r->diag, "duplicate-id", r->path, s->line, "story id \"%s\" seen before", s->id);
    *out = *s;
}

static char *json_str(const cJSON *o, const char *key) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsString(v) && v->valuestring) return xstrdup(v->valuestring);
    return NULL;
}

/* One JSON line -> r->rec; false (reported) when it is not a story. */
static bool parse_json_line(dy_reader *r) {
    if (r->line_truncated) {
        dy_diag_report(r->diag, "too-long", r->path, r->lineno,
                       "JSON line longer than %u bytes skipped", (unsigned)DY_LINE_MAX);
        return false;
    }
    const char *end = NULL;
    cJSON *o = cJSON_ParseWithLengthOpts(r->line, r->line_len, &end, 0);
    if (!o) {
        dy_diag_report(r->diag, "bad-json", r->path, r->lineno, "malformed JSON");
        return false;
    }
    /* cJSON stops after the first value: anything but blanks after it means
     * the line is not one JSON object. */
    while (end && end < r->line + r->line_len && (*end == ' ' || *end == '\t' || *end == '\r')) end++;
    if (end && end < r->line + r->line_len) {
        dy_diag_report(r->diag, "bad-json", r->path, r->lineno, "text after the JSON object");
        cJSON_Delete(o);
        return false;
    }
    if (!cJSON_IsObject(o)) {
        dy_diag_report(r->diag, "bad-json", r->path, r->lineno, "not a JSON object");
        cJSON_Delete(o);
        return false;
    }
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "text");
    if (!cJSON_IsString(t) || !t->valuestring || blank(t->valuestring, strlen(t->valuestring))) {
        dy_diag_report(r->diag, "no-text", r->path, r->lineno,
                       t ? "\"text\" is empty or not a string" : "no \"text\" field");
        cJSON_Delete(o);
        return false;
    }
    clear_rec(r);
    size_t tl = strlen(t->valuestring);
    if (tl > DY_STORY_MAX_BYTES) {
        tl = utf8_cut(t->valuestring, DY_STORY_MAX_BYTES);
        dy_diag_report(r->diag, "truncated", r->path, r->lineno, "story text cut to %zu bytes", tl);
    }
    r->rec.text = own(r, F_TEXT, xstrndup(t->valuestring, tl));
    r->rec.text_len = tl;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
    char *ids = NULL;
    if (cJSON_IsString(id) && id->valuestring && id->valuestring[0]) ids = xstrdup(id->valuestring);
    else if (cJSON_IsNumber(id)) {
        dy_buf b = {0};
        double d = id->valuedouble;
        if (d > -9e18 && d < 9e18 && d == (double)(long long)d) dy_buf_printf(&b, "%lld", (long long)d);
        else dy_buf_printf(&b, "%.17g", d);
        ids = b.s;
    } else {
        dy_buf b = {0};
        dy_buf_printf(&b, "%s:%ld", r->path, r->lineno);
        ids = b.s;
    }
    r->rec.id = own(r, F_ID, ids);
    r->rec.date = own(r, F_DATE, json_str(o, "date"));
    r->rec.title = own(r, F_TITLE, json_str(o, "title"));
    r->rec.source = own(r, F_SOURCE, json_str(o, "source"));
    r->rec.url = own(r, F_URL, json_str(o, "url"));
    r->rec.line = r->lineno;
    cJSON_Delete(o);
    return true;
}

/* The id of a plain story: the file name without folders and extension. */
static char *plain_id(const char *path) {
    if (strcmp(path, "-") == 0) return xstrdup("stdin");
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    const char *dot = strrchr(b, '.');
    size_t n = dot && dot != b ? (size_t)(dot - b) : strlen(b);
    return xstrndup(b, n);
}

/* The rest of a plain file, starting with r->line (the first non-blank
 * line), becomes one story; reads at most DY_STORY_MAX_BYTES of text. */
static bool read_plain(dy_reader *r) {
    clear_rec(r);
    dy_buf text = {0};
    char *date = NULL;
    long first_line = r->lineno;
    const char *p = r->line;
    size_t n = r->line_len;
    while (n && isspace((unsigned char)*p)) { p++; n--; }
    if (n >= 4 && strncmp(p, "date", 4) == 0 && (n == 4 || isspace((unsigned char)p[4]))) {
        p += 4; n -= 4;
        while (n && isspace((unsigned char)*p)) { p++; n--; }
        size_t dl = 0;
        while (dl < n && !isspace((unsigned char)p[dl])) dl++;
        date = xstrndup(p, dl < 32 ? dl : 32);
        p += dl; n -= dl;
        while (n && isspace((unsigned char)*p)) { p++; n--; }
    }
    bool truncated = r->line_truncated, binary = false;
    dy_buf_add(&text, p, n);
    if (text.len > DY_STORY_MAX_BYTES) truncated = true;
    while (!truncated && read_line(r, DY_STORY_MAX_BYTES)) {
        if (memchr(r->line, '\0', r->line_len)) { binary = true; break; }
        if (text.len + 1 + r->line_len > DY_STORY_MAX_BYTES) {
            size_t room = DY_STORY_MAX_BYTES - DY_MIN(text.len + 1, DY_STORY_MAX_BYTES);
            dy_buf_addc(&text, '\n');
            dy_buf_add(&text, r->line, utf8_cut(r->line, DY_MIN(room, r->line_len)));
            truncated = true;
            break;
        }
        dy_buf_addc(&text, '\n');
        dy_buf_add(&text, r->line, r->line_len);
        if (r->line_truncated) truncated = true;
    }
    if (!text.s) dy_buf_add(&text, "", 0);
    if (binary) {
        dy_diag_report(r->diag, "binary", r->path, r->lineno, "NUL byte: not a text file, skipped");
        dy_buf_free(&text);
        free(date);
        return false;
    }
    if (truncated) {
        if (text.len > DY_STORY_MAX_BYTES) text.len = utf8_cut(text.s, DY_STORY_MAX_BYTES);
        text.s[text.len] = '\0';
        dy_diag_report(r->diag, "truncated", r->path, first_line,
                       "story longer than %u bytes, cut", (unsigned)DY_STORY_MAX_BYTES);
    }
    while (text.len && isspace((unsigned char)text.s[text.len - 1])) text.s[--text.len] = '\0';
    if (text.len == 0) {
        dy_diag_report(r->diag, "no-text", r->path, first_line, "story has a date line but no text");
        dy_buf_free(&text);
        free(date);
        return false;
    }
    r->rec.text = own(r, F_TEXT, text.s);
    r->rec.text_len = text.len;
    r->rec.date = own(r, F_DATE, date);
    r->rec.id = own(r, F_ID, plain_id(r->path));
    r->rec.line = first_line;
    return true;
}

/* Opens the next file; false when there are none left. */
static bool open_next(dy_reader *r) {
    while (r->next_file < r->files.len) {
        r->path = r->files.items[r->next_file++];
        r->lineno = 0;
        r->fmt = FMT_UNKNOWN;
        if (strcmp(r->path, "-") == 0) r->f = stdin;
        else r->f = fopen(r->path, "rb");
        if (!r->f) {
            dy_diag_report(r->diag, "unreadable", r->path, 0, "%s", strerror(errno));
            r->skipped++;
            continue;
        }
        return true;
    }
    return false;
}

int dy_reader_next(dy_reader *r, dy_story_rec *out) {
    if (!r) return 0;
    for (;;) {
        if (!r->f && !open_next(r)) { clear_rec(r); return 0; }
        if (r->fmt == FMT_PLAIN) { close_file(r); continue; }   /* one story a plain file */
        if (!read_line(r, DY_LINE_MAX)) {
            if (ferror(r->f)) {
                dy_diag_report(r->diag, "unreadable", r->path, r->lineno, "read error");
                r->skipped++;
            } else if (r->fmt == FMT_UNKNOWN) {
                dy_diag_report(r->diag, "empty", r->path, 0, "empty file, no story");
                r->skipped++;
            }
            close_file(r);
            continue;
        }
        if (memchr(r->line, '\0', r->line_len)) {
            dy_diag_report(r->diag, "binary", r->path, r->lineno, "NUL byte: not a text file, skipped");
            r->skipped++;
            close_file(r);
            continue;
        }
        if (blank(r->line, r->line_len)) continue;
        if (r->fmt == FMT_UNKNOWN) {
            const char *p = r->line;
            while (isspace((unsigned char)*p)) p++;
            r->fmt = *p == '{' ? FMT_JSONL : FMT_PLAIN;
            if (r->fmt == FMT_PLAIN) {
                bool ok = read_plain(r);
                close_file(r);
                if (!ok) { r->skipped++; continue; }
                finish(r, out);
                return 1;
            }
        }
        if (parse_json_line(r)) { finish(r, out); return 1; }
        r->skipped++;
    }
}

void dy_reader_close(dy_reader *r) {
    if (!r) return;
    close_file(r);
    clear_rec(r);
    for (size_t i = 0; i < r->files.len; i++) free(r->files.items[i]);
    dy_vec_free(&r->files);
    free(r->line);
    free(r->ids);
    free(r);
}
