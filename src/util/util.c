#include "util/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t n) {
    fprintf(stderr, "dyad: out of memory (%zu bytes)\n", n);
    abort();
}

void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) oom(n);
    return p;
}

void *xcalloc(size_t n, size_t size) {
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) oom(n * size);
    return p;
}

void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) oom(n);
    return q;
}

char *xstrndup(const char *s, size_t n) {
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

void dy_buf_add(dy_buf *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1) cap *= 2;
        b->s = xrealloc(b->s, cap);
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void dy_buf_adds(dy_buf *b, const char *s) { dy_buf_add(b, s, strlen(s)); }
void dy_buf_addc(dy_buf *b, char c) { dy_buf_add(b, &c, 1); }

void dy_buf_printf(dy_buf *b, const char *fmt, ...) {
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof tmp) { dy_buf_add(b, tmp, (size_t)n); return; }
    char *big = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    dy_buf_add(b, big, (size_t)n);
    free(big);
}

void dy_buf_clear(dy_buf *b) { b->len = 0; if (b->s) b->s[0] = '\0'; }
void dy_buf_free(dy_buf *b) { free(b->s); b->s = NULL; b->len = b->cap = 0; }

#define DY_ARENA_BLOCK 65536

struct dy_arena_block {
    dy_arena_block *next;
    size_t size, used;
    max_align_t data[];
};

void *dy_arena_alloc(dy_arena *a, size_t n) {
    n = (n + 15) & ~(size_t)15;
    if (n > DY_ARENA_BLOCK / 2) {
        dy_arena_block *bb = xmalloc(sizeof *bb + n);
        bb->next = a->big;
        bb->size = bb->used = n;
        a->big = bb;
        a->used_total += n;
        return bb->data;
    }
    for (;;) {
        dy_arena_block *b = a->cur;
        if (b && b->size - b->used >= n) {
            void *p = (char *)b->data + b->used;
            b->used += n;
            a->used_total += n;
            return p;
        }
        if (b && b->next) { a->cur = b->next; a->cur->used = 0; continue; }
        size_t size = DY_ARENA_BLOCK;
        dy_arena_block *nb = xmalloc(sizeof *nb + size);
        nb->next = NULL; nb->size = size; nb->used = 0;
        if (b) b->next = nb; else a->head = nb;
        a->cur = nb;
    }
}

char *dy_arena_strndup(dy_arena *a, const char *s, size_t n) {
    char *p = dy_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static void free_big(dy_arena *a, dy_arena_block *until) {
    while (a->big && a->big != until) {
        dy_arena_block *n = a->big->next;
        free(a->big);
        a->big = n;
    }
}

void dy_arena_reset(dy_arena *a) {
    free_big(a, NULL);
    a->cur = a->head;
    if (a->cur) a->cur->used = 0;
    a->used_total = 0;
}

dy_arena_mark dy_arena_get_mark(const dy_arena *a) {
    dy_arena_mark m = {a->cur, a->big, a->cur ? a->cur->used : 0, a->used_total};
    return m;
}

void dy_arena_rewind(dy_arena *a, dy_arena_mark m) {
    free_big(a, m.big);
    if (!m.cur) { a->cur = a->head; if (a->cur) a->cur->used = 0; a->used_total = 0; return; }
    a->cur = m.cur;
    a->cur->used = m.used;
    a->used_total = m.used_total;
}

void dy_arena_adopt(dy_arena *dst, dy_arena *src) {
    dy_arena_block *lists[2] = {src->head, src->big};
    for (int k = 0; k < 2; k++)
        for (dy_arena_block *b = lists[k], *n; b; b = n) {
            n = b->next;
            b->next = dst->big;
            dst->big = b;
        }
    dst->used_total += src->used_total;
    src->head = src->cur = src->big = NULL;
    src->used_total = 0;
}

size_t dy_arena_capacity(const dy_arena *a) {
    size_t t = 0;
    for (const dy_arena_block *b = a->head; b; b = b->next) t += b->size;
    for (const dy_arena_block *b = a->big; b; b = b->next) t += b->size;
    return t;
}

void dy_arena_free(dy_arena *a) {
    free_big(a, NULL);
    dy_arena_block *b = a->head;
    while (b) { dy_arena_block *n = b->next; free(b); b = n; }
    a->head = a->cur = a->big = NULL;
    a->used_total = 0;
}

char *dy_read_file(const char *path, size_t *len_out) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    dy_buf b = {0};
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) dy_buf_add(&b, tmp, n);
    int err = ferror(f);
    fclose(f);
    if (err) { dy_buf_free(&b); errno = EIO; return NULL; }
    if (!b.s) dy_buf_add(&b, "", 0);
    if (len_out) *len_out = b.len;
    return b.s;
}

/* Howard Hinnant's civil-calendar algorithms: exact for the proleptic
 * Gregorian calendar, no time-zone or locale involvement. */
int32_t dy_days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int32_t)doe - 719468;
}

void dy_civil_from_days(int32_t z, int *y, int *m, int *d) {
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int yy = (int)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yy + (*m <= 2);
}

static int days_in_month(int y, int m) {
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dm[m - 1];
}

static bool digits(const char *s, size_t n, int *out) {
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool dy_parse_date(const char *s, size_t n, int32_t *days_out) {
    int y, m, d;
    if (n == 10 && s[4] == '-' && s[7] == '-') {
        if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d)) return false;
    } else if (n == 8) {
        if (!digits(s, 4, &y) || !digits(s + 4, 2, &m) || !digits(s + 6, 2, &d)) return false;
    } else {
        return false;
    }
    if (y < 1000 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return false;
    *days_out = dy_days_from_civil(y, m, d);
    return true;
}

void dy_format_date(int32_t days, char out[11]) {
    int y, m, d;
    dy_civil_from_days(days, &y, &m, &d);
    unsigned yy = (unsigned)y % 10000u, mm = (unsigned)m % 13u, dd = (unsigned)d % 32u;
    snprintf(out, 11, "%04u-%02u-%02u", yy, mm, dd);
}
