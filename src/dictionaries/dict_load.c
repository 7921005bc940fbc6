/* dict_load.c — reading TABARI, PETRARCH-1 and PETRARCH-2 dictionary files.
 *
 * One reader per kind, all line based: a line is cut at its comment ("#" or
 * ";" outside [...], XML comments may span lines), classified by its first
 * character, and either contributes to the entry being assembled or is
 * reported as file:line: reason and skipped.  Dictionary words are split the
 * way the tokeniser splits text ("CHILDREN'S" -> "children" "'s", "DIDN'T" ->
 * "did" "n't", "(IAA)" -> "(" "iaa" ")"; "U.N." and "AL-QAEDA" stay whole)
 * and normalised with dy_text_norm, so both sides of a match agree.
 *
 * Word semantics follow TABARI: a word followed by "_" matches exactly, one
 * without it is a stem (prefix) unless shorter than DY_MIN_STEM; PETRARCH-2
 * verb files and issue files have no stems.  The last word of an actor, agent
 * or discard phrase also matches its regular endings unless it ends in "=". */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dictionaries/dict_internal.h"

#define MAX_WORDS 64
#define MAX_EXPAND 64

typedef struct {
    dy_dict *d;
    dy_diag *diag;
    const char *file;        /* interned path */
    uint32_t line;
    dy_arena scratch;        /* reset per line */
    long entries;
    dy_dict_kind kind;
    bool p2;                 /* PETRARCH-2 verbs: family headers, no stems */
} loader;

static void bad(loader *L, uint32_t line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void bad(loader *L, uint32_t line, const char *fmt, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    L->d->nerrors++;
    dy_diag_report(L->diag, "dictionary", L->file, (long)line, "%s", buf);
}

/* ---- small text helpers ---- */

static bool is_sp(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

static void trim(const char **s, size_t *n) {
    while (*n && is_sp(**s)) { (*s)++; (*n)--; }
    while (*n && is_sp((*s)[*n - 1])) (*n)--;
}

/* Cuts a "#" or ";" comment that is not inside [...].  Every dictionary
 * line passes here, so the four bytes that matter are found by table. */
static uint64_t has_byte(uint64_t x, unsigned char c) {
    uint64_t v = x ^ (0x0101010101010101ULL * c);
    return (v - 0x0101010101010101ULL) & ~v & 0x8080808080808080ULL;
}

static size_t cut_comment(const char *s, size_t n) {
    static const unsigned char special[256] = {['['] = 1, [']'] = 2, ['#'] = 3, [';'] = 3};
    int depth = 0;
    size_t i = 0;
    /* Eight bytes at a time up to the first that matters. */
    for (uint64_t x; i + 8 <= n; i += 8) {
        memcpy(&x, s + i, 8);
        if (has_byte(x, '[') | has_byte(x, ']') | has_byte(x, '#') | has_byte(x, ';')) break;
    }
    for (; i < n; i++) {
        unsigned char k = special[(unsigned char)s[i]];
        if (!k) continue;
        if (k == 1) depth++;
        else if (k == 2) { if (depth) depth--; }
        else if (!depth) return i;
    }
    return n;
}

static const char *memfind(const char *s, size_t n, const char *pat) {
    size_t m = strlen(pat);
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(s + i, pat, m) == 0) return s + i;
    return NULL;
}

static bool starts_ci(const char *s, size_t n, const char *pre) {
    size_t m = strlen(pre);
    if (n < m) return false;
    for (size_t i = 0; i < m; i++)
        if (toupper((unsigned char)s[i]) != toupper((unsigned char)pre[i])) return false;
    return true;
}

/* TABARI's end-of-file mark "~FINISH" (saved files write "~~FINISH date"). */
static bool is_finish(const char *s, size_t n) {
    if (!n || s[0] != '~') return false;
    return starts_ci(s, n, "~FINISH") || starts_ci(s, n, "~~FINISH");
}

/* Iterates the file's lines with XML comments removed (they may span lines).
 * Returns false at the end; the line is left in a scratch buffer. */
typedef struct {
    const char *text;
    size_t len, pos;
    bool in_xml;
    dy_buf cur;
} line_iter;

static bool next_line(line_iter *it, uint32_t *lineno, const char **s, size_t *n) {
    if (it->pos >= it->len) return false;
    const char *start = it->text + it->pos;
    const char *nl = memchr(start, '\n', it->len - it->pos);
    size_t ln = nl ? (size_t)(nl - start) : it->len - it->pos;
    it->pos += ln + (nl ? 1 : 0);
    (*lineno)++;
    /* Most lines hold no XML comment: they are used where they lie. */
    if (!it->in_xml && !memchr(start, '<', ln)) {
        *s = start;
        *n = ln;
        goto bom;
    }
    dy_buf_clear(&it->cur);
    dy_buf_add(&it->cur, "", 0);
    size_t i = 0;
    while (i < ln) {
        if (it->in_xml) {
            const char *e = memfind(start + i, ln - i, "-->");
            if (!e) { i = ln; break; }
            i = (size_t)(e - start) + 3;
            it->in_xml = false;
            continue;
        }
        const char *b = memfind(start + i, ln - i, "<!--");
        if (!b) { dy_buf_add(&it->cur, start + i, ln - i); break; }
        dy_buf_add(&it->cur, start + i, (size_t)(b - start) - i);
        i = (size_t)(b - start) + 4;
        it->in_xml = true;
    }
    *s = it->cur.s;
    *n = it->cur.len;
bom:
    if (*lineno == 1 && *n >= 3 && memcmp(*s, "\xEF\xBB\xBF", 3) == 0) { *s += 3; *n -= 3; }
    return true;
}

/* ---- dictionary words ---- */

enum { M_STEMS = 1, M_ISSUE = 2, M_NOEND = 4, M_GAP = 8 };

static void mark_stem(dy_dict *d, uint32_t id) {
    d->lexflags.items[id] |= LX_STEM;
    size_t len = d->lexlen.items[id];
    if (len < 64) d->stem_len_mask |= (uint64_t)1 << len;
}

static uint32_t intern_norm(loader *L, const char *s, size_t n) {
    char buf[128];
    if (n <= sizeof buf && dy_text_norm_ascii(buf, s, n)) return dy_lex_intern(L->d, buf, n);
    char *norm = dy_text_norm(&L->scratch, s, n);
    return dy_lex_intern(L->d, norm, strlen(norm));
}

static bool is_lead(char c) { return c == '(' || c == '"' || c == '[' || c == '{'; }
static bool is_trail(char c) {
    switch (c) {
    case ')': case '"': case ',': case ';': case ':': case '!': case '?': case ']': case '}': return true;
    default: return false;
    }
}

/* Splits one raw dictionary word the way the tokeniser splits text and
 * appends the pieces.  *main_at gets the index of the word's main piece,
 * a stem when stem is set and it has min_stem letters or more. */
static int split_word(loader *L, const char *w, size_t n, bool stem, size_t min_stem, dy_dword *out, int nout,
                      int max, int *main_at) {
    size_t a = 0, b = n;
    while (a < b && is_lead(w[a])) a++;
    size_t t = b;
    while (t > a && is_trail(w[t - 1])) t--;
    size_t core_end = t, suf = t;
    /* Contractions and possessives are tokens of their own. */
    if (core_end - a > 3 && (memcmp(w + core_end - 3, "n't", 3) == 0 || memcmp(w + core_end - 3, "N'T", 3) == 0))
        suf = core_end - 3;
    else if (core_end - a > 2 && w[core_end - 2] == '\'' && (w[core_end - 1] == 's' || w[core_end - 1] == 'S'))
        suf = core_end - 2;
    else if (core_end - a > 2 && w[core_end - 1] == '\'' && (w[core_end - 2] == 's' || w[core_end - 2] == 'S'))
        suf = core_end - 1;
    *main_at = -1;
    for (size_t i = 0; i < a && nout < max; i++) out[nout++] = (dy_dword){intern_norm(L, w + i, 1), 0};
    if (suf > a && nout < max) {
        bool st = stem && suf == core_end && suf - a >= min_stem;
        uint32_t id = intern_norm(L, w + a, suf - a);
        if (st) mark_stem(L->d, id);
        *main_at = nout;
        out[nout++] = (dy_dword){id, (uint8_t)(st ? DW_STEM : 0)};
    }
    if (core_end > suf && nout < max) out[nout++] = (dy_dword){intern_norm(L, w + suf, core_end - suf), 0};
    for (size_t i = core_end; i < b && nout < max; i++) out[nout++] = (dy_dword){intern_norm(L, w + i, 1), 0};
    return nout;
}

/* A phrase ("SERGEY_V._LAVROV_", "AL GORE", "n:bachelor n:degree") into
 * words; returns the count (0: no words). */

/* The next word of a dictionary phrase at s[*i]: words are separated by
 * blanks or "_"; *underscore tells whether "_" ends it (exact match, or
 * joined to the next word). */
static bool next_word(const char *s, size_t n, size_t *i, const char **w, size_t *wn, bool *underscore) {
    while (*i < n && (is_sp(s[*i]) || s[*i] == '_')) (*i)++;
    if (*i >= n) return false;
    size_t st = *i;
    while (*i < n && !is_sp(s[*i]) && s[*i] != '_') (*i)++;
    *w = s + st;
    *wn = *i - st;
    *underscore = *i < n && s[*i] == '_';
    return true;
}

static int phrase_words(loader *L, const char *s, size_t n, int mode, dy_dword *out, int max) {
    int nout = 0;
    size_t i = 0;
    int last_main = -1;
    bool last_noend = false;
    const char *w;
    size_t wn;
    bool underscore, joined = true;
    while (nout < max && next_word(s, n, &i, &w, &wn, &underscore)) {
        /* TABARI reads a blank between words as "anything may come between". */
        bool gap = (mode & M_GAP) && !joined;
        joined = underscore;
        int first = nout;
        bool noend = false, noun = false;
        if (wn > 1 && w[wn - 1] == '=') { wn--; noend = true; }
        char tmp[256];
        if ((mode & M_ISSUE) && wn < sizeof tmp) {
            size_t m = 0;
            for (size_t k = 0; k < wn; k++) {
                if (k + 1 < wn && w[k] == 'n' && w[k + 1] == ':' && (k == 0 || w[k - 1] == '-')) {
                    noun = true; k++; continue;
                }
                tmp[m++] = w[k];
            }
            w = tmp;
            wn = m;
            if (!wn) continue;
        }
        bool stem = (mode & M_STEMS) && !underscore && !noend && !L->d->whole_words;
        int main_at;
        nout = split_word(L, w, wn, stem, DY_MIN_STEM, out, nout, max, &main_at);
        if (gap && nout > first) { out[first].flags |= DW_GAP; L->d->has_gaps = true; }
        if (main_at >= 0 && noun) out[main_at].flags |= DW_END;
        if (main_at >= 0) { last_main = main_at; last_noend = noend; }
    }
    /* "{}" on an agent: neither plural nor any other ending. */
    if ((mode & M_NOEND) && last_main >= 0) out[last_main].flags &= (uint8_t)~DW_STEM;
    /* Regular endings on the phrase's last word (TABARI 5.2.3). */
    if (!(mode & (M_ISSUE | M_NOEND)) && last_main == nout - 1 && last_main >= 0 && !last_noend &&
        !(out[last_main].flags & DW_STEM))
        out[last_main].flags |= DW_END;
    return nout;
}

static uint32_t add_entry(loader *L, uint8_t kind, const char *display, size_t dn, uint32_t line) {
    dy_entry e = {0};
    /* Display form: underscores as spaces, no trailing underscores. */
    char *p = dy_arena_alloc(&L->d->strs, dn + 1);
    size_t m = 0;
    for (size_t i = 0; i < dn; i++) p[m++] = display[i] == '_' ? ' ' : display[i];
    while (m && p[m - 1] == ' ') m--;
    p[m] = '\0';
    e.phrase = p;
    e.file = L->file;
    e.line = line;
    e.kind = kind;
    e.codes = (uint32_t)L->d->codes.len;
    dy_vec_push(&L->d->entries, e);
    return (uint32_t)L->d->entries.len - 1;
}

static void add_phrase(loader *L, uint32_t entry, uint8_t kind, const dy_dword *w, int n) {
    if (n <= 0) return;
    dy_phrase p = {(uint32_t)L->d->words.len, (uint16_t)n, kind, entry};
    for (int i = 0; i < n; i++) dy_vec_push(&L->d->words, w[i]);
    dy_vec_push(&L->d->phrases, p);
    L->entries++;
    L->d->count[L->kind]++;
}

/* ---- codes and dates ---- */

/* YYMMDD (00-30 = 2000s) or YYYYMMDD. */
static bool tabari_date(const char *s, size_t n, int32_t *out) {
    char buf[9];
    for (size_t i = 0; i < n; i++) if (!isdigit((unsigned char)s[i])) return false;
    if (n == 6) {
        int yy = (s[0] - '0') * 10 + (s[1] - '0');
        memcpy(buf, yy <= 30 ? "20" : "19", 2);
        memcpy(buf + 2, s, 6);
    } else if (n == 8) {
        memcpy(buf, s, 8);
    } else {
        return false;
    }
    return dy_parse_date(buf, 8, out);
}

static bool actor_code_ok(const char *c, bool agent) {
    if (!strcmp(c, "---") || !strcmp(c, "###") || !strcmp(c, "+++")) return true;
    if (!c[0]) return false;   /* a NUL byte inside [...] */
    bool alpha = false;
    for (const char *p = c; *p; p++) {
        if (isalpha((unsigned char)*p)) alpha = true;
        else if (!isdigit((unsigned char)*p) && *p != '/' && *p != '~') return false;
    }
    if (agent && c[0] != '~' && c[strlen(c) - 1] != '~') return false;
    return alpha;
}

/* "[RUSGOV >20040309]" contents: code and optional date restriction. */
static bool parse_code(loader *L, const char *s, size_t n, bool agent, dy_dcode *out) {
    trim(&s, &n);
    size_t c = 0;
    while (c < n && !is_sp(s[c]) && s[c] != '<' && s[c] != '>') c++;
    if (!c) { bad(L, L->line, "no code in [...]"); return false; }
    char code[64];
    if (c >= sizeof code) { bad(L, L->line, "code too long"); return false; }
    for (size_t i = 0; i < c; i++) code[i] = (char)toupper((unsigned char)s[i]);
    code[c] = '\0';
    if (!actor_code_ok(code, agent)) {
        bad(L, L->line, agent && isalpha((unsigned char)code[0]) && !strchr(code, '~')
                            ? "agent code \"%s\" without ~" : "bad code \"%s\"", code);
        return false;
    }
    char r[64];
    size_t rn = 0;
    for (size_t i = c; i < n; i++)
        if (!is_sp(s[i])) { if (rn + 1 >= sizeof r) break; r[rn++] = s[i]; }
    r[rn] = '\0';
    out->code = dy_dict_strdup(L->d, code, c);
    out->from = 1; out->to = 0;               /* undated */
    if (!rn) return true;
    int32_t a, b;
    const char *dash = strchr(r, '-');
    if (r[0] == '<' && tabari_date(r + 1, rn - 1, &b)) { out->from = INT32_MIN; out->to = b; }
    else if (r[0] == '>' && tabari_date(r + 1, rn - 1, &a)) { out->from = a; out->to = INT32_MAX; }
    else if (dash && tabari_date(r, (size_t)(dash - r), &a) &&
             tabari_date(dash + 1, rn - (size_t)(dash - r) - 1, &b) && a <= b) { out->from = a; out->to = b; }
    else { bad(L, L->line, "bad date restriction \"%s\" for %s", r, code); return false; }
    return true;
}

typedef DY_VEC(dy_dcode) dcode_vec;

/* Every [...] block in s; returns how many were valid, *nbad the others. */
static int parse_codes(loader *L, const char *s, size_t n, bool agent, dcode_vec *out, int *nbad) {
    int ok = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '[') continue;
        const char *e = memchr(s + i, ']', n - i);
        if (!e) { bad(L, L->line, "missing ]"); (*nbad)++; break; }
        dy_dcode dc;
        if (parse_code(L, s + i + 1, (size_t)(e - s) - i - 1, agent, &dc)) { dy_vec_push(out, dc); ok++; }
        else (*nbad)++;
        i = (size_t)(e - s);
    }
    return ok;
}

/* ---- actors and agents ---- */

typedef struct { char *text; uint32_t line; } pending_phrase;
typedef struct { char *name; char **alts; size_t nalts; } subst;
typedef DY_VEC(subst) subst_vec;

typedef struct {
    bool open;
    uint32_t line;
    DY_VEC(pending_phrase) phrases;
    dcode_vec codes;
    int nbad;
} block;

/* "CATTLE!PERSON!" with !PERSON! = MAN, MEN -> CATTLEMAN, CATTLEMEN. */
static void expand_subst(loader *L, const char *text, const subst_vec *subs, uint32_t line,
                         char **out, size_t *nout, int depth) {
    const char *a = strchr(text, '!');
    const char *b = a ? strchr(a + 1, '!') : NULL;
    if (!a || !b || depth > 4) {
        if (*nout < MAX_EXPAND) out[(*nout)++] = xstrdup(text);
        return;
    }
    size_t nn = (size_t)(b - a + 1);
    for (size_t i = 0; i < subs->len; i++) {
        subst *s = &subs->items[i];
        if (strlen(s->name) != nn || memcmp(s->name, a, nn) != 0) continue;
        for (size_t k = 0; k < s->nalts; k++) {
            dy_buf t = {0};
            dy_buf_add(&t, text, (size_t)(a - text));
            dy_buf_adds(&t, s->alts[k]);
            dy_buf_adds(&t, b + 1);
            expand_subst(L, t.s, subs, line, out, nout, depth + 1);
            dy_buf_free(&t);
        }
        return;
    }
    bad(L, line, "undefined substitution %.*s", (int)nn, a);
}

static void add_actor_phrase(loader *L, uint32_t entry, uint8_t kind, const char *text, size_t n, int mode) {
    dy_dword w[MAX_WORDS];
    /* PETRARCH reads a blank between two words of an actor phrase as TABARI
     * does: "words can occur between" them ("ITHILEN TELEVISION" is
     * "Ithilen state-run television"), "_" joins. */
    int nw = phrase_words(L, text, n, mode | (L->d->gapped || L->d->whole_words ? M_GAP : 0), w, MAX_WORDS);
    if (!nw) { bad(L, L->line, "empty phrase"); return; }
    add_phrase(L, entry, kind, w, nw);
}

/* One agent or actor phrase with its {plurals}; substitutions expanded. */
static void add_phrase_text(loader *L, uint32_t entry, uint8_t kind, const char *text,
                            const subst_vec *subs, uint32_t line) {
    char *exp[MAX_EXPAND];
    size_t nexp = 0;
    expand_subst(L, text, subs, line, exp, &nexp, 0);
    for (size_t x = 0; x < nexp; x++) {
        char *t = exp[x];
        char *br = strchr(t, '{');
        L->line = line;
        if (!br) {
            size_t tn = strlen(t);
            add_actor_phrase(L, entry, kind, t, tn, M_STEMS);
            /* Agents: the irregular plural every dictionary needs (-man/-men). */
            if (kind == PK_AGENT && tn > 3) {
                const char *e = t + tn;
                while (e > t && (e[-1] == '_' || is_sp(e[-1]))) e--;
                if (e - t > 3 && starts_ci(e - 3, 3, "man")) {
                    char *pl = xstrndup(t, (size_t)(e - t));
                    pl[e - t - 2] = (char)(pl[e - t - 2] == 'A' ? 'E' : 'e');
                    add_actor_phrase(L, entry, kind, pl, strlen(pl), M_STEMS);
                    free(pl);
                }
            }
        } else {
            char *close = strchr(br, '}');
            if (!close) { bad(L, line, "missing }"); free(t); continue; }
            const char *inner = br + 1;
            size_t in = (size_t)(close - inner);
            trim(&inner, &in);
            /* "{}": no plural at all, so no regular endings either. */
            add_actor_phrase(L, entry, kind, t, (size_t)(br - t), in ? M_STEMS : M_STEMS | M_NOEND);
            size_t i = 0;
            while (i < in) {
                while (i < in && is_sp(inner[i])) i++;
                size_t st = i;
                while (i < in && !is_sp(inner[i])) i++;
                if (i > st) add_actor_phrase(L, entry, kind, inner + st, i - st, M_STEMS);
            }
        }
        free(t);
    }
}

static void finish_block(loader *L, block *b, const subst_vec *subs) {
    if (!b->open) return;
    uint32_t saved_line = L->line;   /* phrases report their own lines */
    uint8_t kind = L->kind == DY_DICT_AGENTS ? PK_AGENT : PK_ACTOR;
    if (!b->codes.len) {
        if (!b->nbad)
            bad(L, b->line, "no code for \"%s\"", b->phrases.len ? b->phrases.items[0].text : "");
    } else {
        const char *first = b->phrases.items[0].text;
        const char *br = strchr(first, '{');
        uint32_t e = add_entry(L, kind, first, br ? (size_t)(br - first) : strlen(first), b->line);
        for (size_t i = 0; i < b->codes.len; i++) dy_vec_push(&L->d->codes, b->codes.items[i]);
        L->d->entries.items[e].ncodes = (uint32_t)b->codes.len;
        for (size_t i = 0; i < b->phrases.len; i++)
            add_phrase_text(L, e, kind, b->phrases.items[i].text, subs, b->phrases.items[i].line);
    }
    for (size_t i = 0; i < b->phrases.len; i++) free(b->phrases.items[i].text);
    b->phrases.len = 0;
    b->codes.len = 0;
    b->nbad = 0;
    b->open = false;
    L->line = saved_line;
}

static void block_add_phrase(block *b, const char *s, size_t n, uint32_t line) {
    trim(&s, &n);
    if (!n) return;
    pending_phrase p = {xstrndup(s, n), line};
    dy_vec_push(&b->phrases, p);
}

static void load_actors(loader *L, line_iter *it) {
    bool agent = L->kind == DY_DICT_AGENTS;
    block b = {0};
    subst_vec subs = {0};
    bool skip_section = false;
    uint8_t word_section = 0;       /* LX_NOUN or LX_ADJ inside those blocks */
    const char *s;
    size_t n;
    while (next_line(it, &L->line, &s, &n)) {
        dy_arena_reset(&L->scratch);
        n = cut_comment(s, n);
        bool indented = n && is_sp(s[0]);
        trim(&s, &n);
        if (!n) continue;
        if (is_finish(s, n)) break;
        if (s[0] == '<') {
            if (starts_ci(s, n, "<NOUN") || starts_ci(s, n, "<ADJ")) {
                finish_block(L, &b, &subs);
                skip_section = false;
                word_section = starts_ci(s, n, "<NOUN") ? LX_NOUN : LX_ADJ;
            } else if (starts_ci(s, n, "<ATTRIB") || starts_ci(s, n, "<TIME")) {
                finish_block(L, &b, &subs);
                skip_section = true;
            } else if (s[1] == '/') {
                skip_section = false;
                word_section = 0;
            }
            continue;   /* PETRARCH: other '<' lines are comments */
        }
        if (skip_section) { L->d->nignored++; continue; }
        if (word_section) {
            /* TABARI's nouns and adjectives: words that are never verbs
             * ("LEADER", "FORCES_"), so they cannot start an event. */
            const char *w;
            size_t wn, i = 0;
            bool us;
            while (next_word(s, n, &i, &w, &wn, &us)) {
                char *norm = dy_text_norm(&L->scratch, w, wn);
                uint32_t id = dy_lex_intern(L->d, norm, strlen(norm));
                L->d->lexflags.items[id] |= (uint8_t)(LX_NOTVERB | word_section);
            }
            L->d->count[L->kind]++;
            continue;
        }
        if (s[0] == '!' && memchr(s, '=', n)) {          /* !SUBST! = A, B */
            finish_block(L, &b, &subs);
            const char *eq = memchr(s, '=', n);
            const char *nm = s;
            size_t nn = (size_t)(eq - s);
            trim(&nm, &nn);
            if (nn < 3 || nm[nn - 1] != '!') { bad(L, L->line, "bad substitution name"); continue; }
            subst sb = {xstrndup(nm, nn), NULL, 0};
            const char *p = eq + 1, *end = s + n;
            while (p < end) {
                const char *c = memchr(p, ',', (size_t)(end - p));
                if (!c) c = end;
                const char *a = p;
                size_t an = (size_t)(c - p);
                trim(&a, &an);
                if (an) {
                    sb.alts = xrealloc(sb.alts, (sb.nalts + 1) * sizeof *sb.alts);
                    sb.alts[sb.nalts++] = xstrndup(a, an);
                }
                p = c + 1;
            }
            if (!sb.nalts) { bad(L, L->line, "substitution without values"); free(sb.name); free(sb.alts); continue; }
            dy_vec_push(&subs, sb);
            continue;
        }
        const char *br = memchr(s, '[', n);
        if (s[0] == '[' || (indented && br == s)) {     /* date-restriction line of the open entry */
            if (!b.open) { bad(L, L->line, "code line without an entry"); continue; }
            parse_codes(L, s, n, agent, &b.codes, &b.nbad);
            continue;
        }
        if (s[0] == '+') {                                /* synonym */
            if (!b.open) { bad(L, L->line, "synonym without an entry"); continue; }
            size_t pn = br ? (size_t)(br - s) : n;
            block_add_phrase(&b, s + 1, pn - 1, L->line);
            if (br) parse_codes(L, br, n - (size_t)(br - s), agent, &b.codes, &b.nbad);
            continue;
        }
        finish_block(L, &b, &subs);
        b.open = true;
        b.line = L->line;
        size_t pn = br ? (size_t)(br - s) : n;
        const char *ph = s;
        trim(&ph, &pn);
        if (!pn) { bad(L, L->line, "phrase missing"); b.open = false; continue; }
        block_add_phrase(&b, ph, pn, L->line);
        if (br) parse_codes(L, br, n - (size_t)(br - s), agent, &b.codes, &b.nbad);
    }
    finish_block(L, &b, &subs);
    dy_vec_free(&b.phrases);
    dy_vec_free(&b.codes);
    for (size_t i = 0; i < subs.len; i++) {
        for (size_t k = 0; k < subs.items[i].nalts; k++) free(subs.items[i].alts[k]);
        free(subs.items[i].alts);
        free(subs.items[i].name);
    }
    dy_vec_free(&subs);
}

/* ---- discards ---- */

static void load_discards(loader *L, line_iter *it) {
    const char *s;
    size_t n;
    while (next_line(it, &L->line, &s, &n)) {
        dy_arena_reset(&L->scratch);
        n = cut_comment(s, n);
        trim(&s, &n);
        if (!n || s[0] == '<') continue;
        if (is_finish(s, n)) break;
        bool story = s[0] == '+';
        if (story) { s++; n--; trim(&s, &n); }
        const char *br = memchr(s, '[', n);
        if (br) { n = (size_t)(br - s); trim(&s, &n); }
        if (!n) { bad(L, L->line, "empty discard phrase"); continue; }
        dy_dword w[MAX_WORDS];
        int nw = phrase_words(L, s, n, M_STEMS, w, MAX_WORDS);
        if (!nw) { bad(L, L->line, "empty discard phrase"); continue; }
        uint32_t e = add_entry(L, PK_DISCARD, s, n, L->line);
        L->d->entries.items[e].label = L->d->entries.items[e].phrase;
        L->d->entries.items[e].story = story;
        add_phrase(L, e, PK_DISCARD, w, nw);
    }
}

/* ---- issues ---- */

static void load_issues(loader *L, line_iter *it) {
    const char *s;
    size_t n;
    char category[128] = "";
    while (next_line(it, &L->line, &s, &n)) {
        dy_arena_reset(&L->scratch);
        n = cut_comment(s, n);
        trim(&s, &n);
        if (!n) continue;
        if (starts_ci(s, n, "<ISSUE")) {
            const char *c = memfind(s, n, "CATEGORY=\"");
            category[0] = '\0';
            if (c) {
                c += 10;
                const char *q = memchr(c, '"', (size_t)(s + n - c));
                size_t cn = q ? (size_t)(q - c) : 0;
                if (cn >= sizeof category) cn = sizeof category - 1;
                memcpy(category, c, cn);
                category[cn] = '\0';
            }
            if (!category[0]) bad(L, L->line, "issue block without CATEGORY");
            continue;
        }
        if (starts_ci(s, n, "</ISSUE")) { category[0] = '\0'; continue; }
        if (s[0] == '<') continue;
        bool exclude = s[0] == '~';
        if (exclude) { s++; n--; trim(&s, &n); }
        const char *label = NULL;
        const char *br = memchr(s, '[', n);
        size_t pn = br ? (size_t)(br - s) : n;
        if (br) {
            const char *e = memchr(br, ']', n - (size_t)(br - s));
            const char *c = br + 1;
            size_t cn = e ? (size_t)(e - c) : 0;
            trim(&c, &cn);
            if (!e || !cn) { bad(L, L->line, "bad issue code"); continue; }
            label = dy_dict_strdup(L->d, c, cn);
        } else if (!exclude) {
            if (!category[0]) { bad(L, L->line, "issue phrase without code or category"); continue; }
            label = dy_dict_strdup(L->d, category, strlen(category));
        }
        const char *ph = s;
        trim(&ph, &pn);
        if (!pn) { bad(L, L->line, "empty issue phrase"); continue; }
        uint32_t e = add_entry(L, PK_ISSUE, ph, pn, L->line);
        L->d->entries.items[e].label = exclude ? NULL : label;
        /* "post+secondary": written hyphenated or as two words. */
        char *v = xstrndup(ph, pn);
        bool plus = memchr(v, '+', pn) != NULL;
        for (int variant = 0; variant < (plus ? 2 : 1); variant++) {
            if (plus) for (size_t i = 0; i < pn; i++) if (ph[i] == '+') v[i] = variant ? ' ' : '-';
            dy_dword w[MAX_WORDS];
            int nw = phrase_words(L, v, pn, M_ISSUE, w, MAX_WORDS);
            if (nw) add_phrase(L, e, PK_ISSUE, w, nw);
            else bad(L, L->line, "empty issue phrase");
        }
        free(v);
    }
}

/* ---- verbs ---- */

typedef struct {
    char code[8], alt[8];
    char prio;
} vcode;

static bool vcode_side(const char *s, size_t n, char *out, char *prio) {
    if (n && (s[n - 1] == '!' || s[n - 1] == '?')) { *prio = s[n - 1]; n--; }
    if (n >= 8) return false;
    if (n == 3 && (!memcmp(s, "---", 3) || !memcmp(s, "###", 3) || !memcmp(s, "+++", 3))) {
        memcpy(out, s, 3); out[3] = '\0'; return true;
    }
    for (size_t i = 0; i < n; i++) if (!isalnum((unsigned char)s[i])) return false;
    memcpy(out, s, n);
    out[n] = '\0';
    return true;
}

/* "[036]", "[042:043]", "[:020]", "[100!]", "[- - -]". */
static bool parse_vcode(loader *L, const char *s, size_t n, vcode *vc) {
    memset(vc, 0, sizeof *vc);
    char buf[32];
    size_t m = 0;
    for (size_t i = 0; i < n; i++) if (!is_sp(s[i])) { if (m + 1 >= sizeof buf) goto fail; buf[m++] = s[i]; }
    buf[m] = '\0';
    if (!m) { bad(L, L->line, "no code in [...]"); return false; }
    char *colon = strchr(buf, ':');
    if (colon) {
        if (!vcode_side(buf, (size_t)(colon - buf), vc->code, &vc->prio) ||
            !vcode_side(colon + 1, strlen(colon + 1), vc->alt, &vc->prio) || (!vc->code[0] && !vc->alt[0]))
            goto fail;
    } else if (!vcode_side(buf, m, vc->code, &vc->prio) || !vc->code[0]) {
        goto fail;
    }
    for (char *p = vc->code; *p; p++) *p = (char)toupper((unsigned char)*p);
    for (char *p = vc->alt; *p; p++) *p = (char)toupper((unsigned char)*p);
    return true;
fail:
    bad(L, L->line, "bad verb code [%.*s]", (int)n, s);
    return false;
}

typedef struct {
    int cur_syn;              /* synset receiving "+" members, -1 none */
    int64_t group;            /* current verb group, -1 none */
    vcode gcode;
    const char *family;
    bool group_has_pats;
    int64_t last_verb;        /* for TABARI "{forms}" lines */
    bool last_stem_mode;
} vstate;

/* Regular forms of a verb word (lower case). */
static int inflect(const char *w, size_t n, char out[][72]) {
    int k = 0;
    if (n < 2 || n > 64) return 0;
    char last = w[n - 1], prev = w[n - 2];
    bool vowel_prev = strchr("aeiou", prev) != NULL;
    if (last == 'e') {
        snprintf(out[k++], 72, "%.*ss", (int)n, w);
        snprintf(out[k++], 72, "%.*sd", (int)n, w);
        snprintf(out[k++], 72, "%.*sing", (int)n - 1, w);
    } else if (last == 'y' && !vowel_prev) {
        snprintf(out[k++], 72, "%.*sies", (int)n - 1, w);
        snprintf(out[k++], 72, "%.*sied", (int)n - 1, w);
        snprintf(out[k++], 72, "%.*sing", (int)n, w);
    } else if (last == 's' || last == 'x' || last == 'z' || (last == 'h' && (prev == 'c' || prev == 's'))) {
        snprintf(out[k++], 72, "%.*ses", (int)n, w);
        snprintf(out[k++], 72, "%.*sed", (int)n, w);
        snprintf(out[k++], 72, "%.*sing", (int)n, w);
    } else {
        snprintf(out[k++], 72, "%.*ss", (int)n, w);
        snprintf(out[k++], 72, "%.*sed", (int)n, w);
        snprintf(out[k++], 72, "%.*sing", (int)n, w);
        /* stop -> stopped, ban -> banned: consonant-vowel-consonant endings. */
        if (n >= 3 && isalpha((unsigned char)last) && !strchr("aeiouwxy", last) && strchr("aeiou", prev) &&
            !strchr("aeiou", w[n - 3])) {
            snprintf(out[k++], 72, "%.*s%ced", (int)n, w, last);
            snprintf(out[k++], 72, "%.*s%cing", (int)n, w, last);
        }
    }
    return k;
}

/* A verb phrase "+MEET_WITH", "KLM_NOP_+RST", "BREAK_" into words; *vi gets
 * the verb word ("+" marks it, else the first). */
typedef struct { char text[72]; uint8_t flags; bool noend; } vword;

static int verb_words(const char *s, size_t n, bool stems, bool gapped, vword *out, int max, int *vi) {
    int k = 0;
    *vi = 0;
    size_t i = 0;
    const char *w;
    size_t wn;
    bool underscore, joined = true;   /* joined: the word before ended in "_" */
    while (k < max && next_word(s, n, &i, &w, &wn, &underscore)) {
        if (wn && w[0] == '+') { *vi = k; w++; wn--; }
        vword *v = &out[k];
        v->noend = wn > 1 && w[wn - 1] == '=';
        if (v->noend) wn--;
        if (!wn || wn >= sizeof v->text) continue;
        memcpy(v->text, w, wn);
        v->text[wn] = '\0';
        v->flags = (stems && !underscore && !v->noend && wn >= DY_MIN_STEM) ? DW_STEM : 0;
        /* TABARI: a blank inside a verb phrase lets words stand between
         * ("DEATH TOLL RISEN": "death toll has risen"), as in an actor's. */
        if (gapped && k > 0 && !joined) v->flags |= DW_GAP;
        joined = underscore;
        k++;
    }
    return k;
}

static void add_vform(loader *L, uint32_t verb, const vword *w, int n) {
    dy_vform f = {(uint32_t)L->d->words.len, (uint16_t)n, verb};
    for (int i = 0; i < n; i++) {
        uint32_t id = intern_norm(L, w[i].text, strlen(w[i].text));
        if (w[i].flags & DW_STEM) mark_stem(L->d, id);
        dy_dword dw = {id, (uint8_t)(w[i].flags & (DW_STEM | DW_GAP))};
        if (w[i].flags & DW_GAP) L->d->has_gaps = true;
        dy_vec_push(&L->d->words, dw);
    }
    dy_vec_push(&L->d->vforms, f);
}

/* The forms of one verb: itself, listed forms, and generated regular forms. */
static void add_verb_forms(loader *L, uint32_t verb, const vword *w, int n, int vi, bool generate) {
    add_vform(L, verb, w, n);
    if (!generate || w[vi].noend) return;
    char low[72];
    size_t ln = strlen(w[vi].text);
    for (size_t i = 0; i <= ln; i++) low[i] = (char)tolower((unsigned char)w[vi].text[i]);
    char forms[8][72];
    int nf = inflect(low, ln, forms);
    /* TABARI adds its endings literally too (manual 5.2.3: -s -ed -es -en
     * -ing on the root, so "departes", "departen"): only when reading the
     * TABARI way, since for English they mostly make nouns ("planes"). */
    if (L->d->gapped && ln + 3 <= sizeof forms[0]) {
        for (const char *const *e = (const char *const[]){"es", "en", NULL}; *e; e++) {
            char lit[72];
            memcpy(lit, low, ln);
            memcpy(lit + ln, *e, 3);
            bool have = false;
            for (int f = 0; f < nf; f++) have |= strcmp(forms[f], lit) == 0;
            if (!have && nf < 8) memcpy(forms[nf++], lit, sizeof lit);
        }
    }
    for (int f = 0; f < nf; f++) {
        /* A stem already matches the forms it is a prefix of. */
        if ((w[vi].flags & DW_STEM) && strncmp(forms[f], low, ln) == 0) continue;
        vword tmp[MAX_WORDS];
        memcpy(tmp, w, (size_t)n * sizeof *w);
        size_t fl = strnlen(forms[f], sizeof tmp[vi].text - 1);
        memcpy(tmp[vi].text, forms[f], fl);
        tmp[vi].text[fl] = '\0';
        tmp[vi].flags = 0;
        add_vform(L, verb, tmp, n);
    }
}

static void forms_list(loader *L, uint32_t verb, const char *s, size_t n, bool stems) {
    size_t i = 0;
    while (i < n) {
        /* Some files separate forms with commas: "{+WAS_DETERMINED , +BE_DETERMINED}". */
        while (i < n && (is_sp(s[i]) || s[i] == ',')) i++;
        size_t st = i;
        while (i < n && !is_sp(s[i]) && s[i] != ',') i++;
        if (i == st) break;
        vword w[MAX_WORDS];
        int vi;
        int nw = verb_words(s + st, i - st, stems, L->d->gapped, w, MAX_WORDS, &vi);
        if (nw) add_vform(L, verb, w, nw);
    }
}

/* Verb line: "MEET {MEETS MET MEETING}", "+ASK_FOR {+ASKED_FOR} [020]", "ABANDON [---]". */
static void verb_line(loader *L, vstate *st, const char *s, size_t n) {
    const char *lb = memchr(s, '{', n), *sb = memchr(s, '[', n);
    size_t pn = n;
    if (lb) pn = (size_t)(lb - s);
    if (sb && (size_t)(sb - s) < pn) pn = (size_t)(sb - s);
    vcode vc;
    bool own = false;
    if (sb) {
        const char *e = memchr(sb, ']', n - (size_t)(sb - s));
        if (!e) { bad(L, L->line, "missing ]"); return; }
        if (!parse_vcode(L, sb + 1, (size_t)(e - sb) - 1, &vc)) return;
        own = true;
    }
    const char *ph = s;
    trim(&ph, &pn);
    bool stems = !L->p2 && !L->d->whole_words;
    vword w[MAX_WORDS];
    int vi;
    int nw = verb_words(ph, pn, stems, L->d->gapped, w, MAX_WORDS, &vi);
    if (!nw) { bad(L, L->line, "verb missing"); return; }
    bool synonym = ph[0] == '+';
    /* TABARI: every root opens a group; PETRARCH-2: members share the family's
     * group until patterns have been seen. */
    bool new_group = st->group < 0 || (L->p2 ? st->group_has_pats : !synonym);
    if (new_group) {
        /* A root of its own: its code is the group's default. */
        st->group = L->d->ngroups++;
        st->group_has_pats = false;
        memset(&st->gcode, 0, sizeof st->gcode);
        strcpy(st->gcode.code, "---");
        if (own) st->gcode = vc;
        st->family = dy_dict_strdup(L->d, ph, pn);
    }
    dy_verb v = {0};
    dy_buf lemma = {0};
    for (int i = 0; i < nw; i++) {
        char *norm = dy_text_norm(&L->scratch, w[i].text, strlen(w[i].text));
        if (i) dy_buf_addc(&lemma, ' ');
        dy_buf_adds(&lemma, norm);
    }
    v.lemma = dy_dict_strdup(L->d, lemma.s, lemma.len);
    dy_buf_free(&lemma);
    const vcode *c = own ? &vc : &st->gcode;
    memcpy(v.code, c->code, sizeof v.code);
    memcpy(v.alt_code, c->alt, sizeof v.alt_code);
    v.prio = c->prio;
    v.file = L->file;
    v.line = L->line;
    v.family = st->family;
    dy_vec_push(&L->d->verbs, v);
    dy_vec_push(&L->d->verb_group, (uint32_t)st->group);
    uint32_t vidx = (uint32_t)L->d->verbs.len - 1;
    st->last_verb = vidx;
    st->last_stem_mode = stems;
    L->entries++;
    L->d->count[DY_DICT_VERBS]++;
    bool generate = true;
    if (lb) {
        const char *rb = memchr(lb, '}', n - (size_t)(lb - s));
        if (!rb) { bad(L, L->line, "missing }"); rb = s + n; }
        const char *in = lb + 1;
        size_t inn = (size_t)(rb - in);
        trim(&in, &inn);
        if (!inn) generate = false;               /* "{}": no other forms */
        forms_list(L, vidx, in, inn, stems);
    }
    add_verb_forms(L, vidx, w, nw, vi, generate);
}

/* Alternatives "{ A | B }" and "BY/WITH" expanded into separate texts in
 * out[], allocated in ar (t itself when it has none: t must outlive out). */
static void expand_alts(dy_arena *ar, const char *t, char **out, size_t *nout, int depth) {
    if (*nout >= MAX_EXPAND || depth > 8) return;
    if (!strpbrk(t, "{/")) {     /* most patterns */
        out[(*nout)++] = depth ? dy_arena_strndup(ar, t, strlen(t)) : (char *)t;
        return;
    }
    const char *lb = NULL, *rb = NULL;
    for (const char *p = t; *p; p++) {
        if (*p == '{') lb = p;
        else if (*p == '}' && lb) {
            if (memchr(lb, '|', (size_t)(p - lb))) { rb = p; break; }
            lb = NULL;
        }
    }
    if (rb) {
        const char *a = lb + 1;
        while (a <= rb) {
            const char *bar = a;
            while (bar < rb && *bar != '|') bar++;
            const char *x = a;
            size_t xn = (size_t)(bar - a);
            trim(&x, &xn);
            dy_buf b = {0};
            dy_buf_add(&b, t, (size_t)(lb - t));
            dy_buf_add(&b, x, xn);
            dy_buf_adds(&b, rb + 1);
            expand_alts(ar, b.s, out, nout, depth + 1);
            dy_buf_free(&b);
            a = bar + 1;
        }
        return;
    }
    /* A word with "/" between letters. */
    for (const char *p = t; *p; p++) {
        if (*p != '/' || p == t || !isalpha((unsigned char)p[-1]) || !isalpha((unsigned char)p[1])) continue;
        const char *ws = p;
        while (ws > t && !is_sp(ws[-1]) && ws[-1] != '_' && ws[-1] != '(' && ws[-1] != '{') ws--;
        const char *we = p;
        while (*we && !is_sp(*we) && *we != '_' && *we != ')' && *we != '}') we++;
        const char *a = ws;
        while (a < we) {
            const char *sl = memchr(a, '/', (size_t)(we - a));
            if (!sl) sl = we;
            dy_buf b = {0};
            dy_buf_add(&b, t, (size_t)(ws - t));
            dy_buf_add(&b, a, (size_t)(sl - a));
            dy_buf_adds(&b, we);
            expand_alts(ar, b.s, out, nout, depth + 1);
            dy_buf_free(&b);
            a = sl + 1;
        }
        return;
    }
    out[(*nout)++] = dy_arena_strndup(ar, t, strlen(t));
}

static void note_synset_ref(loader *L, uint32_t id) {
    dy_synset *s = &L->d->synsets.items[id];
    if (!s->ref_file) { s->ref_file = L->file; s->ref_line = L->line; }
}

/* Pattern or synset-member text into elements appended to d->elems.  member:
 * only words and synsets ($ and friends are literal words there). */
static int pattern_elems(loader *L, const char *t, bool member, uint32_t *weight) {
    int ne = 0;
    bool stems = !L->p2 && !L->d->whole_words;
    size_t i = 0, n = strlen(t);
    bool adj_next = false;          /* next element joined by "_" or "~" */
    *weight = 0;
    while (i < n) {
        if (is_sp(t[i])) { adj_next = false; i++; continue; }
        if (t[i] == '_') { adj_next = ne > 0; i++; continue; }
        /* One piece: up to a space or "_". */
        size_t st = i;
        while (i < n && !is_sp(t[i]) && t[i] != '_') i++;
        const char *p = t + st;
        size_t pn = i - st;
        bool underscore = i < n && t[i] == '_';
        /* Grouping characters peeled off both ends (PETRARCH-2). */
        size_t a = 0, b = pn;
        while (a < b && (p[a] == '(' || p[a] == '{')) {
            dy_pelem e = {(uint8_t)(p[a] == '(' ? DY_PE_LPAREN : DY_PE_LBRACE), 0, 0, 0, 0};
            if (!member) { dy_vec_push(&L->d->elems, e); ne++; }
            a++;
        }
        size_t closers = b;
        while (closers > a && (p[closers - 1] == ')' || p[closers - 1] == '}')) closers--;
        const char *w = p + a;
        size_t wn = closers - a;
        if (wn) {
            dy_pelem e = {0};
            e.adjacent = adj_next;
            char c = w[0];
            if (wn == 1 && !member && (c == '*' || c == '$' || c == '+' || c == '%' || c == '^')) {
                e.kind = c == '*' ? DY_PE_VERB : c == '$' ? DY_PE_SOURCE : c == '+' ? DY_PE_TARGET
                       : c == '%' ? DY_PE_COMPOUND : DY_PE_SKIP;
                dy_vec_push(&L->d->elems, e);
                ne++;
            } else if (c == '&' && wn > 1) {
                size_t k = 1;
                while (k < wn && isalnum((unsigned char)w[k])) k++;
                char name[64];
                size_t nn = DY_MIN(k - 1, sizeof name - 1);
                for (size_t q = 0; q < nn; q++) name[q] = (char)toupper((unsigned char)w[1 + q]);
                e.kind = DY_PE_SYNSET;
                e.id = dy_synset_id(L->d, name, nn);
                note_synset_ref(L, e.id);
                dy_vec_push(&L->d->elems, e);
                ne++;
                *weight += 3;
                if (k < wn) bad(L, L->line, "junk after synset name &%.*s", (int)nn, name);
            } else {
                bool tilde = wn > 1 && w[wn - 1] == '~';
                if (tilde) wn--;
                bool noend = wn > 1 && w[wn - 1] == '=';
                if (noend) wn--;
                bool stem = tilde || (stems && !underscore && !noend);
                dy_dword parts[8];
                int main_at;
                /* TABARI matches every pattern word without "_" as a
                 * prefix, however short: "- IN *" codes "into accord" and
                 * "inching ... to accord" (the suite's CONNECT-29, SYNSET-24d). */
                size_t min_stem = L->d->gapped ? 1 : DY_MIN_STEM;
                int np = split_word(L, w, wn, stem, min_stem, parts, 0, 8, &main_at);
                for (int q = 0; q < np; q++) {
                    /* TABARI: a word that is no prefix ("RESOLUTION_",
                     * "KRONER_") is the word itself, without endings (the
                     * suite's SYNSET-19b, -21b: "kroneren", "resolutions"). */
                    bool tabari_exact = L->d->gapped && !(parts[q].flags & DW_STEM);
                    dy_pelem pe = {DY_PE_WORD, (uint8_t)(q ? 1 : adj_next), (uint8_t)((parts[q].flags & DW_STEM) != 0),
                                   parts[q].id, (uint8_t)((L->d->whole_words && !member) || tabari_exact)};
                    dy_vec_push(&L->d->elems, pe);
                    ne++;
                    *weight += L->d->lexlen.items[parts[q].id];
                }
                if (tilde) { adj_next = true; goto closers_done; }
            }
        }
    closers_done:
        for (size_t q = closers; q < b; q++) {
            dy_pelem e = {(uint8_t)(p[q] == ')' ? DY_PE_RPAREN : DY_PE_RBRACE), 0, 0, 0, 0};
            if (!member) { dy_vec_push(&L->d->elems, e); ne++; }
        }
        if (!(wn && w[wn] == '~')) adj_next = false;
        if (underscore) { adj_next = true; i++; }
        if (ne > 255) break;
    }
    return ne;
}

static void pattern_line(loader *L, vstate *st, const char *s, size_t n) {
    if (st->group < 0) { bad(L, L->line, "pattern before any verb"); return; }
    const char *sb = NULL;
    /* The code is the last [...] on the line. */
    for (size_t i = n; i-- > 0;) if (s[i] == '[') { sb = s + i; break; }
    if (!sb) { bad(L, L->line, "pattern without [code]"); return; }
    const char *e = memchr(sb, ']', n - (size_t)(sb - s));
    if (!e) { bad(L, L->line, "missing ]"); return; }
    vcode vc;
    if (!parse_vcode(L, sb + 1, (size_t)(e - sb) - 1, &vc)) return;
    /* PETRARCH has no "too complex" verdict: its files' [+++] patterns
     * (kept from TABARI's) never match, so the verb's other patterns apply
     * ("- * FXLL DIPLOMATIC [+++]" leaves "- * DIPLOMATIC [064]"). */
    if (L->p2 && !strcmp(vc.code, "+++")) { L->d->nignored++; return; }
    /* Per-line copies live in the scratch arena, reset at every line. */
    char *text = dy_arena_strndup(&L->scratch, s + 1, (size_t)(sb - s) - 1);
    char *alts[MAX_EXPAND];
    size_t nalts = 0;
    expand_alts(&L->scratch, text, alts, &nalts, 0);
    for (size_t a = 0; a < nalts; a++) {
        uint32_t eoff = (uint32_t)L->d->elems.len, weight;
        int ne = pattern_elems(L, alts[a], false, &weight);
        int nverb = 0, vi = 0;
        for (int k = 0; k < ne; k++)
            if (L->d->elems.items[eoff + k].kind == DY_PE_VERB) { nverb++; vi = k; }
        if (nverb != 1 || ne > 255) {
            bad(L, L->line, nverb ? (ne > 255 ? "pattern too long" : "pattern with more than one *")
                                  : "pattern without the verb marker *");
            L->d->elems.len = eoff;
            continue;
        }
        dy_lpat lp = {0};
        lp.p.nelem = (uint16_t)ne;
        lp.p.verb_index = (uint16_t)vi;
        memcpy(lp.p.code, vc.code, sizeof lp.p.code);
        memcpy(lp.p.alt_code, vc.alt, sizeof lp.p.alt_code);
        lp.p.prio = vc.prio;
        lp.p.file = L->file;
        lp.p.line = L->line;
        lp.eoff = eoff;
        lp.group = (uint32_t)st->group;
        lp.weight = weight;
        dy_vec_push(&L->d->lpats, lp);
        L->entries++;
        L->d->count[DY_DICT_VERBS]++;
    }
    st->group_has_pats = true;
}

static void member_line(loader *L, vstate *st, const char *s, size_t n) {
    char *text = dy_arena_strndup(&L->scratch, s, n);
    uint32_t eoff = (uint32_t)L->d->elems.len, weight;
    int ne = pattern_elems(L, text, true, &weight);
    if (ne <= 0) { bad(L, L->line, "empty synset member"); L->d->elems.len = eoff; return; }
    for (int k = 0; k < ne; k++) {
        const dy_pelem *e = &L->d->elems.items[eoff + k];
        if (e->kind == DY_PE_SYNSET && e->id == (uint32_t)st->cur_syn) {
            bad(L, L->line, "synset refers to itself");
            L->d->elems.len = eoff;
            return;
        }
    }
    dy_member m = {eoff, (uint16_t)ne, (uint32_t)st->cur_syn};
    dy_vec_push(&L->d->members, m);
    L->d->synsets.items[st->cur_syn].nmembers++;
}

/* A time-shift line of a <TIME> block (TABARI manual 10.5): "YESTERDAY
 * [-1]", or a pattern under the last root, "- * AND A WEEK [+8]" (the
 * phrase "TOMORROW AND A WEEK").  Each phrase becomes a member of the
 * synset DY_TIME_SYNSET followed by its signed shift in days ("<TIME>+8"),
 * which no dictionary "&NAME" can name; dy_dict_time_shift finds them.  A
 * null code ("[- - -]") shifts nothing and is left out.  root holds the
 * last root's phrase for the patterns after it. */
static void time_line(loader *L, const char *s, size_t n, char *root, size_t rootcap) {
    const char *lb = memchr(s, '[', n), *rb = lb ? memchr(lb, ']', n - (size_t)(lb - s)) : NULL;
    if (!rb) { bad(L, L->line, "time phrase without [days]"); return; }
    const char *ph = s;
    size_t pn = (size_t)(lb - s);
    bool pattern = ph[0] == '-';
    if (pattern) { ph++; pn--; }
    trim(&ph, &pn);
    char code[32];
    size_t m = 0;
    for (const char *c = lb + 1; c < rb && m + 1 < sizeof code; c++) if (!is_sp(*c)) code[m++] = *c;
    code[m] = '\0';
    char text[256];
    if (pattern) {
        const char *star = memchr(ph, '*', pn);
        if (!root[0] || !star) { bad(L, L->line, "time pattern without a root or \"*\""); return; }
        snprintf(text, sizeof text, "%.*s%s%.*s", (int)(star - ph), ph, root, (int)(pn - (size_t)(star - ph) - 1),
                 star + 1);
    } else {
        snprintf(root, rootcap, "%.*s", (int)pn, ph);
        snprintf(text, sizeof text, "%s", root);
    }
    if (!strcmp(code, "---")) return;
    char *end;
    long days = strtol(code, &end, 10);
    if ((code[0] != '+' && code[0] != '-') || end == code + 1 || *end || days < -8192 || days > 8192) {
        bad(L, L->line, "bad time shift [%s]: [+n] or [-n] days, at most 8192", code);
        return;
    }
    char name[32];
    int nn = snprintf(name, sizeof name, "%s%+ld", DY_TIME_SYNSET, days);
    uint32_t syn = dy_synset_id(L->d, name, (size_t)nn);
    uint32_t eoff = (uint32_t)L->d->elems.len, weight;
    int ne = pattern_elems(L, dy_arena_strndup(&L->scratch, text, strlen(text)), true, &weight);
    if (ne <= 0) { L->d->elems.len = eoff; bad(L, L->line, "empty time phrase"); return; }
    dy_member mb = {eoff, (uint16_t)ne, syn};
    dy_vec_push(&L->d->members, mb);
    L->d->synsets.items[syn].nmembers++;
}

static bool family_header(const char *s, size_t n) {
    if (n < 7 || memcmp(s, "---", 3) != 0 || s[3] == '-') return false;
    const char *t = s + n;
    while (t > s && is_sp(t[-1])) t--;
    return t - s >= 7 && memcmp(t - 3, "---", 3) == 0 && memchr(s + 3, '[', n - 3);
}

static void load_verbs(loader *L, line_iter *it) {
    /* PETRARCH-2 files group verbs under "---  NAME  [code]  ---" headers. */
    for (size_t i = 0; i < it->len;) {
        const char *nl = memchr(it->text + i, '\n', it->len - i);
        size_t ln = nl ? (size_t)(nl - it->text) - i : it->len - i;
        if (family_header(it->text + i, ln)) { L->p2 = true; break; }
        i += ln + 1;
    }
    vstate st = {.cur_syn = -1, .group = -1, .last_verb = -1};
    int section = 0;        /* 0 normal, 1 <SYNSETS>, 2 a skipped section, 3 <TIME> */
    char time_root[128] = "";
    size_t nsyn_before = L->d->synsets.len;
    (void)nsyn_before;
    const char *s;
    size_t n;
    while (next_line(it, &L->line, &s, &n)) {
        dy_arena_reset(&L->scratch);
        /* "--- TROUBLED [---] # NOUN ---": a header may hold a comment. */
        size_t raw_n = n;
        const char *raw = s;
        trim(&raw, &raw_n);
        bool header = family_header(raw, raw_n);
        n = cut_comment(s, n);
        trim(&s, &n);
        if (!n) continue;
        if (is_finish(s, n)) break;
        if (s[0] == '<') {
            if (starts_ci(s, n, "<SYNSET")) section = 1;
            else if (starts_ci(s, n, "</SYNSET")) { section = 0; st.cur_syn = -1; }
            else if (s[1] == '/') section = 0;
            else if (starts_ci(s, n, "<TIME")) section = 3;
            else if (n > 1 && isalpha((unsigned char)s[1])) section = 2;   /* <NOUN>... */
            continue;
        }
        if (section == 2) { L->d->nignored++; continue; }
        /* TABARI's time-shift phrases (time_line), except those that
         * discard the sentence or mark it too complex ("KAN_WA_MA_KAN
         * [###]"): as null-coded verbs they still code nothing. */
        if (section == 3 && (s[0] == '-' || !(memfind(s, n, "[###]") || memfind(s, n, "[+++]")))) {
            time_line(L, s, n, time_root, sizeof time_root);
            continue;
        }
        if (s[0] == '~') { L->d->nignored++; continue; }    /* PETRARCH-2 transformations */
        if (s[0] == '&') {
            size_t k = 1;
            while (k < n && isalnum((unsigned char)s[k])) k++;
            if (k == 1) { bad(L, L->line, "synset without a name"); continue; }
            char name[64];
            size_t nn = DY_MIN(k - 1, sizeof name - 1);
            for (size_t q = 0; q < nn; q++) name[q] = (char)toupper((unsigned char)s[1 + q]);
            st.cur_syn = (int)dy_synset_id(L->d, name, nn);
            continue;
        }
        if (s[0] == '+' && st.cur_syn >= 0) { member_line(L, &st, s + 1, n - 1); continue; }
        if (section == 1) { bad(L, L->line, "line in <SYNSETS> that is neither &NAME nor +member"); continue; }
        st.cur_syn = -1;
        if (header) {
            const char *sb = memchr(s + 3, '[', n - 3);
            if (!sb) { bad(L, L->line, "family header without [code] before its comment"); continue; }
            const char *e = memchr(sb, ']', n - (size_t)(sb - s));
            if (!e) { bad(L, L->line, "missing ]"); continue; }
            vcode vc;
            if (!parse_vcode(L, sb + 1, (size_t)(e - sb) - 1, &vc)) { st.group = -1; continue; }
            const char *nm = s + 3;
            size_t nn = (size_t)(sb - nm);
            trim(&nm, &nn);
            st.group = L->d->ngroups++;
            st.group_has_pats = false;
            st.gcode = vc;
            st.family = dy_dict_strdup(L->d, nm, nn);
            continue;
        }
        if (s[0] == '-') { pattern_line(L, &st, s, n); continue; }
        if (s[0] == '{') {
            if (st.last_verb < 0) { bad(L, L->line, "verb forms before any verb"); continue; }
            const char *rb = memchr(s, '}', n);
            if (!rb) { bad(L, L->line, "missing }"); continue; }
            forms_list(L, (uint32_t)st.last_verb, s + 1, (size_t)(rb - s) - 1, st.last_stem_mode);
            continue;
        }
        if (!isalnum((unsigned char)s[0]) && s[0] != '+' && (unsigned char)s[0] < 0x80) {
            bad(L, L->line, "unrecognised line");
            continue;
        }
        verb_line(L, &st, s, n);
    }
    for (size_t i = 0; i < L->d->synsets.len; i++) {
        dy_synset *sy = &L->d->synsets.items[i];
        if (!sy->nmembers && sy->ref_file == L->file) {
            bad(L, sy->ref_line, "undefined synset &%s", sy->name);
            sy->ref_file = NULL;
        }
    }
}

long dy_dict_load(dy_dict *d, dy_dict_kind kind, const char *path, dy_diag *diag) {
    size_t len = 0;
    char *text = dy_read_file(path, &len);
    if (!text) {
        int err = errno;
        dy_diag_report(diag, "unreadable", path, 0, "cannot read dictionary: %s", strerror(err));
        errno = err;
        return -1;
    }
    if (d->frozen) {
        /* Loading after a freeze: the index is rebuilt by the next freeze. */
        d->frozen = false;
    }
    /* TABARI reads a hyphen inside a word as a blank, in its text (the
     * validation harness splits "Al-Gore") and so in its dictionaries:
     * "BARAD-DUR" is the two adjacent words "Barad dur".  A hyphen that
     * ends a word ("- ANTI- + *") is the same replacement (manual 5.2):
     * "ANTI_", the word "anti" alone, which is what is left of "anti-
     * Gondor" once the text's hyphens are blanks. */
    if (d->gapped)
        for (size_t i = 1; i + 1 < len; i++)
            if (text[i] == '-' && isalpha((unsigned char)text[i - 1]) &&
                (isalpha((unsigned char)text[i + 1]) || text[i + 1] == ' ' || text[i + 1] == '\t'))
                text[i] = '_';
    loader L = {0};
    L.d = d;
    L.diag = diag;
    L.file = dy_dict_strdup(d, path, strlen(path));
    L.kind = kind;
    line_iter it = {text, len, 0, false, {0}};
    switch (kind) {
    case DY_DICT_ACTORS: case DY_DICT_AGENTS: load_actors(&L, &it); break;
    case DY_DICT_VERBS: load_verbs(&L, &it); break;
    case DY_DICT_DISCARDS: load_discards(&L, &it); break;
    case DY_DICT_ISSUES: load_issues(&L, &it); break;
    default:
        dy_diag_report(diag, "dictionary", path, 0, "unknown dictionary kind %d", (int)kind);
        break;
    }
    if (it.in_xml) bad(&L, L.line, "unterminated <!-- comment");
    dy_buf_free(&it.cur);
    dy_arena_free(&L.scratch);
    free(text);
    return L.entries;
}
