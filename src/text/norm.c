/* norm.c — the matching form of a word (dy_token.norm and dictionary words).
 *
 * Both sides of every dictionary match go through dy_text_norm, so the
 * dictionaries and the tokeniser can never disagree about case, curly quotes
 * or dash variants.  ASCII, the common case, never touches utf8proc. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text/text.h"

/* Characters news text writes in several ways, mapped to the ASCII form the
 * dictionaries use. */
static int ascii_equiv(utf8proc_int32_t c) {
    switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x00B4: case 0x0060:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
        return '-';
    case 0x00A0: case 0x2009: case 0x202F:
        return ' ';
    default:
        return 0;
    }
}

bool dy_text_norm_ascii(char *out, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if ((unsigned char)c >= 0x80) return false;
        out[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : (c == '`' ? '\'' : c);
    }
    return true;
}

char *dy_text_norm(dy_arena *a, const char *s, size_t n) {
    char *tmp = dy_arena_alloc(a, n + 1);
    if (dy_text_norm_ascii(tmp, s, n)) {
        tmp[n] = '\0';
        return tmp;
    }
    /* Map the look-alikes first (never longer), then NFKC + case fold. */
    size_t m = 0;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0) { tmp[m++] = s[i++]; continue; }
        int eq = ascii_equiv(c);
        if (eq) tmp[m++] = (char)eq;
        else { memcpy(tmp + m, s + i, (size_t)k); m += (size_t)k; }
        i += (size_t)k;
    }
    tmp[m] = '\0';
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)tmp, (utf8proc_ssize_t)m, &folded,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                      UTF8PROC_CASEFOLD);
    if (r < 0) return tmp;   /* invalid input: keep the mapped bytes */
    char *out = dy_arena_strndup(a, (const char *)folded, (size_t)r);
    free(folded);
    return out;
}
