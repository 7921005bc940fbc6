/* util.h — small helpers every module uses: checked allocation, growable
 * buffers and arrays, an arena for per-story scratch memory.
 *
 * Invariants: the x* allocators never return NULL (they abort with a message
 * on exhaustion, since no caller can do better); a dy_arena hands out memory
 * that lives until dy_arena_reset/free, so per-story data costs no frees. */
#ifndef DYAD_UTIL_H
#define DYAD_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdarg.h>
#include <string.h>

#define DY_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define DY_MIN(a, b) ((a) < (b) ? (a) : (b))
#define DY_MAX(a, b) ((a) > (b) ? (a) : (b))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Growable array: DY_VEC(int) v = {0}; dy_vec_push(&v, 3); free(v.items); */
#define DY_VEC(T) struct { T *items; size_t len, cap; }
#define dy_vec_push(v, x) do {                                              \
        if ((v)->len == (v)->cap) {                                         \
            (v)->cap = (v)->cap ? (v)->cap * 2 : 8;                         \
            (v)->items = xrealloc((v)->items, (v)->cap * sizeof *(v)->items); \
        }                                                                   \
        (v)->items[(v)->len++] = (x);                                       \
    } while (0)
#define dy_vec_free(v) do { free((v)->items); (v)->items = NULL; (v)->len = (v)->cap = 0; } while (0)

/* Growable NUL-terminated string. */
typedef struct { char *s; size_t len, cap; } dy_buf;
void dy_buf_add(dy_buf *b, const char *s, size_t n);
void dy_buf_adds(dy_buf *b, const char *s);
void dy_buf_addc(dy_buf *b, char c);
void dy_buf_printf(dy_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dy_buf_clear(dy_buf *b);
void dy_buf_free(dy_buf *b);

/* Bump allocator; blocks are kept across resets so steady state allocates nothing. */
typedef struct dy_arena_block dy_arena_block;
/* Requests over half a block get a block of their own on the big list, so
 * a large request never makes the standard chain skip (and strand) blocks. */
typedef struct { dy_arena_block *head, *cur, *big; size_t used_total; } dy_arena;
void *dy_arena_alloc(dy_arena *a, size_t n);
char *dy_arena_strndup(dy_arena *a, const char *s, size_t n);
void dy_arena_reset(dy_arena *a);
/* Moves src's blocks into dst, where what was allocated from src stays
 * valid until dst is reset, freed or rewound to an earlier mark (they join dst's own-block list, so
 * dst never allocates into them); src is left empty. */
void dy_arena_adopt(dy_arena *dst, dy_arena *src);
/* A point to come back to: everything allocated after the mark is released
 * by dy_arena_rewind (its blocks stay for reuse). */
typedef struct { dy_arena_block *cur, *big; size_t used, used_total; } dy_arena_mark;
dy_arena_mark dy_arena_get_mark(const dy_arena *a);
void dy_arena_rewind(dy_arena *a, dy_arena_mark m);
void dy_arena_free(dy_arena *a);
/* Bytes the arena holds from malloc (blocks, used or not): for tests and diagnostics. */
size_t dy_arena_capacity(const dy_arena *a);

/* Reads a whole (small) file, e.g. a dictionary; NULL with errno set on failure. */
char *dy_read_file(const char *path, size_t *len_out);

/* FNV-1a, the hash used by every table in the project. */
static inline uint64_t dy_hash(const void *p, size_t n) {
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) { h ^= s[i]; h *= 1099511628211ULL; }
    return h;
}

/* Parses YYYY-MM-DD (also YYYYMMDD) into days since 1970-01-01; false if invalid. */
bool dy_parse_date(const char *s, size_t n, int32_t *days_out);
/* Formats days since epoch as YYYY-MM-DD into out[11]. */
void dy_format_date(int32_t days, char out[11]);
int32_t dy_days_from_civil(int y, int m, int d);
void dy_civil_from_days(int32_t z, int *y, int *m, int *d);

/* Is w one of the strings of a NULL-terminated list?  Word lists are asked
 * for most tokens of a story, so the first letter is compared before the
 * call. */
static inline bool dy_in_list(const char *w, const char *const *list) {
    for (; *list; list++)
        if ((*list)[0] == w[0] && strcmp(w, *list) == 0) return true;
    return false;
}

#endif
