/* tokenize.c — UTF-8 repair, the tokeniser and the sentence splitter.
 *
 * One hand-written left-to-right scanner (no regex, no allocation per token
 * beyond the arena): it produces all tokens of a text with, per token, what
 * the whitespace before it held (a newline, a paragraph break) and what kind
 * of boundary evidence the token is (sentence-final punctuation, an
 * abbreviation that may end a sentence, a closing quote or bracket).  The
 * splitter then walks that array once.  Quotation state (DY_TF_INQUOTE) is
 * tracked across the whole text, so a quote running over several sentences
 * or paragraphs marks all of them. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text/text.h"

/* Sentences longer than this are cut: later stages are superlinear in length. */
#define DY_MAX_SENT_TOKENS 400
/* A line shorter than this ending without punctuation before a capitalised
 * line is a headline or a list item, not a hard-wrapped sentence. */
#define DY_HEADLINE_MAX 60

/* ---------------------------------------------------------------- repair */

size_t dy_text_repair(dy_arena *a, const char *text, size_t len, char **out, size_t *out_len) {
    /* Worst case: every byte invalid, each becomes 3 bytes of U+FFFD. */
    char *o = dy_arena_alloc(a, len * 3 + 1);
    size_t m = 0, repairs = 0;
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c == '\r') {
                /* CR LF -> LF; a lone CR (old Mac files) is a line end too. */
                o[m++] = '\n';
                i += (i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
                repairs++;
            } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
                o[m++] = ' ';
                i++;
                repairs++;
            } else {
                o[m++] = (char)c;
                i++;
            }
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) {
            memcpy(o + m, "\xEF\xBF\xBD", 3);
            m += 3;
            i++;
            repairs++;
        } else if (cp >= 0x80 && cp <= 0x9f) {   /* C1 controls */
            o[m++] = ' ';
            i += (size_t)k;
            repairs++;
        } else {
            memcpy(o + m, s + i, (size_t)k);
            m += (size_t)k;
            i += (size_t)k;
        }
    }
    o[m] = '\0';
    *out = o;
    if (out_len) *out_len = m;
    return repairs;
}

/* ------------------------------------------------------ character classes */

/* Decodes the code point at s[i]; text is valid UTF-8 but be defensive. */
static inline utf8proc_int32_t cp_at(const char *s, size_t len, size_t i, size_t *k) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) { *k = 1; return c; }
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
    if (n <= 0) { *k = 1; return 0xFFFD; }
    *k = (size_t)n;
    return cp;
}

/* The code point ending just before s[i] (i > 0). */
static utf8proc_int32_t cp_before(const char *s, size_t len, size_t i) {
    size_t j = i - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80 && i - j < 4) j--;
    size_t k;
    return cp_at(s, len, j, &k);
}

static inline bool is_space_cp(utf8proc_int32_t c) {
    if (c < 0x80) return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    return c == 0xA0 || (c >= 0x2000 && c <= 0x200D) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x2060 || c == 0x3000 || c == 0xFEFF;
}

static inline bool is_letter_cp(utf8proc_int32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    utf8proc_category_t cat = utf8proc_category(c);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME;
}

static inline bool is_digit_cp(utf8proc_int32_t c) {
    if (c < 0x80) return c >= '0' && c <= '9';
    return utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
}

static inline bool is_alnum_cp(utf8proc_int32_t c) { return is_letter_cp(c) || is_digit_cp(c); }

static inline bool is_upper_cp(utf8proc_int32_t c) {
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    return utf8proc_isupper(c);
}

static inline bool is_lower_cp(utf8proc_int32_t c) {
    if (c < 0x80) return c >= 'a' && c <= 'z';
    return utf8proc_islower(c);
}

static inline bool is_apos(utf8proc_int32_t c) { return c == '\'' || c == 0x2019; }
static inline bool is_inner_hyphen(utf8proc_int32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }
static inline bool is_dash(utf8proc_int32_t c) {
    return (c >= 0x2012 && c <= 0x2015) || c == 0x2212;
}
static inline bool is_dquote(utf8proc_int32_t c) {
    return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F ||
           c == 0x00AB || c == 0x00BB;
}
static inline bool is_squote(utf8proc_int32_t c) {
    return c == '\'' || c == '`' || c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x201B ||
           c == 0x2039 || c == 0x203A;
}
static inline bool is_open_bracket(utf8proc_int32_t c) { return c == '(' || c == '[' || c == '{'; }
static inline bool is_close_bracket(utf8proc_int32_t c) { return c == ')' || c == ']' || c == '}'; }

/* --------------------------------------------------------- abbreviations */

/* Abbreviations whose period belongs to the token.  NOSPLIT ones (titles,
 * months) are always followed by more of the same sentence; CANEND ones
 * (U.S., Inc.) often end one. */
enum { AB_NONE = 0, AB_NOSPLIT = 1, AB_CANEND = 2, AB_BEFORE_DIGIT = 3 };

static const struct { const char *w; unsigned char kind; } ABBREVS[] = {
    /* Titles and ranks: a name always follows. */
    {"Mr", AB_NOSPLIT}, {"Mrs", AB_NOSPLIT}, {"Ms", AB_NOSPLIT}, {"Messrs", AB_NOSPLIT},
    {"Dr", AB_NOSPLIT}, {"Prof", AB_NOSPLIT}, {"Gen", AB_NOSPLIT}, {"Gens", AB_NOSPLIT},
    {"Lt", AB_NOSPLIT}, {"Col", AB_NOSPLIT}, {"Maj", AB_NOSPLIT}, {"Capt", AB_NOSPLIT},
    {"Cmdr", AB_NOSPLIT}, {"Adm", AB_NOSPLIT}, {"Brig", AB_NOSPLIT}, {"Sgt", AB_NOSPLIT},
    {"Cpl", AB_NOSPLIT}, {"Pvt", AB_NOSPLIT}, {"Gov", AB_NOSPLIT}, {"Sen", AB_NOSPLIT},
    {"Sens", AB_NOSPLIT}, {"Rep", AB_NOSPLIT}, {"Reps", AB_NOSPLIT}, {"Rev", AB_NOSPLIT},
    {"Hon", AB_NOSPLIT}, {"Amb", AB_NOSPLIT}, {"Pres", AB_NOSPLIT}, {"Supt", AB_NOSPLIT},
    {"Insp", AB_NOSPLIT}, {"Fr", AB_NOSPLIT}, {"Sr", AB_CANEND}, {"Jr", AB_CANEND},
    {"St", AB_NOSPLIT}, {"Mt", AB_NOSPLIT}, {"Ft", AB_NOSPLIT},
    /* Months: a day number follows. */
    {"Jan", AB_NOSPLIT}, {"Feb", AB_NOSPLIT}, {"Mar", AB_NOSPLIT}, {"Apr", AB_NOSPLIT},
    {"Jun", AB_NOSPLIT}, {"Jul", AB_NOSPLIT}, {"Aug", AB_NOSPLIT}, {"Sep", AB_NOSPLIT},
    {"Sept", AB_NOSPLIT}, {"Oct", AB_NOSPLIT}, {"Nov", AB_NOSPLIT}, {"Dec", AB_NOSPLIT},
    /* "No. 2", "Nos. 3 and 4"; "said no." is an ordinary word. */
    {"No", AB_BEFORE_DIGIT}, {"no", AB_BEFORE_DIGIT}, {"Nos", AB_BEFORE_DIGIT},
    {"Art", AB_BEFORE_DIGIT}, {"Vol", AB_BEFORE_DIGIT}, {"Fig", AB_BEFORE_DIGIT},
    {"vs", AB_NOSPLIT}, {"v", AB_NOSPLIT}, {"cf", AB_NOSPLIT}, {"approx", AB_NOSPLIT},
    {"Ave", AB_CANEND}, {"Blvd", AB_CANEND}, {"Rd", AB_CANEND}, {"Dept", AB_NOSPLIT},
    {"Univ", AB_NOSPLIT},
    /* Company and list endings: often the last word of a sentence. */
    {"Corp", AB_CANEND}, {"Inc", AB_CANEND}, {"Ltd", AB_CANEND}, {"Co", AB_CANEND},
    {"Cos", AB_CANEND}, {"Bros", AB_CANEND}, {"Plc", AB_CANEND}, {"etc", AB_CANEND},
    {"al", AB_CANEND}, {"Calif", AB_CANEND}, {"Mass", AB_CANEND}, {"Fla", AB_CANEND},
    {"Ariz", AB_CANEND}, {"Penn", AB_CANEND}, {"Conn", AB_CANEND}, {"Wash", AB_CANEND},
};

/* Called for every word before a period: compares the first letter before
 * anything else, and never measures the table's strings. */
static int abbrev_kind(const char *w, size_t n) {
    if (n == 0 || n > 6) return AB_NONE;   /* "approx", "Messrs" are the longest */
    for (size_t i = 0; i < DY_ARRAY_LEN(ABBREVS); i++)
        if (ABBREVS[i].w[0] == w[0] && strncmp(ABBREVS[i].w, w, n) == 0 && ABBREVS[i].w[n] == '\0')
            return ABBREVS[i].kind;
    return AB_NONE;
}

/* Words that start sentences but rarely continue a name: after "U.S." they
 * mean the abbreviation ended the sentence ("... on the U.S. The move ..."). */
static const char *const STARTERS[] = {
    "the", "a", "an", "it", "its", "he", "she", "they", "we", "i", "you", "this", "that",
    "these", "those", "there", "his", "her", "their", "our", "in", "on", "at", "but", "and",
    "or", "however", "meanwhile", "after", "before", "as", "if", "while", "when", "last",
    "earlier", "later", "some", "many", "most", "no", "not", "yet", "so", "also",
    "according", "both", "since", "during", "under", "for", "with", "what", "why", "how",
    "who", "where", "officials", "such", "other", "another", "then", "now", "still",
    "despite", "although", "though", "even", "each", "all", "only", "by", "from", "among",
    "asked", "speaking", "following", "until", "instead", "today", "yesterday", "separately",
    "further", "moreover", "nevertheless", "thus", "indeed", "here", "one", "two", "three",
};

static bool is_starter(const char *norm) {
    for (size_t i = 0; i < DY_ARRAY_LEN(STARTERS); i++)
        if (strcmp(STARTERS[i], norm) == 0) return true;
    return false;
}

/* ------------------------------------------------------------- scanning */

/* Per-token facts the splitter needs, kept beside the token array. */
enum {
    AX_NL       = 1 << 0,   /* a newline precedes the token */
    AX_PARA     = 1 << 1,   /* a paragraph break precedes it (blank line or indented line) */
    AX_FINAL    = 1 << 2,   /* . ? ! ... : ends a sentence */
    AX_ABB_END  = 1 << 3,   /* abbreviation that may end a sentence */
    AX_CLOSER   = 1 << 4,   /* closing quote or bracket: stays with the sentence before */
    AX_OPENER   = 1 << 5,   /* opening quote or bracket */
    AX_NOSPLIT  = 1 << 6,   /* abbreviation never ending a sentence */
};

typedef struct {
    DY_VEC(dy_token) toks;
    DY_VEC(uint8_t) aux;
} scan_out;

/* Length of a URL or e-mail address starting at s[i], or 0.  Looks at most
 * 512 bytes ahead so a long run without spaces stays linear. */
static size_t url_len(const char *s, size_t len, size_t i) {
    size_t lim = len - i < 512 ? len - i : 512;
    const char *p = s + i;
    size_t e = 0;
    bool at_sign = false;
    /* 0x21..0x7f excludes blanks and multibyte characters */
    while (e < lim && (unsigned char)p[e] >= 0x21 && (unsigned char)p[e] < 0x80 && p[e] != '"' &&
           p[e] != '<' && p[e] != '>')
        at_sign |= p[e++] == '@';
    /* Only h, f and w start the schemes looked for (scan calls this at every
     * word, so most words leave here). */
    char c0 = (char)(p[0] | 0x20);
    if (!at_sign && c0 != 'h' && c0 != 'f' && c0 != 'w') return 0;
    bool url = (c0 == 'h' || c0 == 'f' || c0 == 'w') &&
               ((e > 7 && strncasecmp(p, "http://", 7) == 0) ||
                (e > 8 && strncasecmp(p, "https://", 8) == 0) ||
                (e > 6 && strncasecmp(p, "ftp://", 6) == 0) ||
                (e > 4 && strncasecmp(p, "www.", 4) == 0 && memchr(p + 4, '.', e - 4)));
    if (!url) {
        if (!at_sign) return 0;
        const char *at = memchr(p, '@', e);
        if (!at || at == p) return 0;
        size_t ai = (size_t)(at - p);
        const char *dot = memchr(at, '.', e - ai);
        if (!dot || (size_t)(dot - p) + 1 >= e || ai + 1 >= e) return 0;
        for (size_t j = 0; j < ai; j++) {
            char c = p[j];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == '%' || c == '+' || c == '-'))
                return 0;
        }
    }
    /* Sentence punctuation after the address is not part of it. */
    while (e > 0 && strchr(".,;:!?)]}'", p[e - 1])) e--;
    return e;
}

static inline bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* A clitic (s, re, ve, ll, d, m) starting at s[i] after an apostrophe; returns
 * its length in bytes or 0. */
static size_t clitic_suffix(const char *s, size_t len, size_t i) {
    size_t n = 0;
    while (i + n < len && n < 3 && ascii_alpha(s[i + n])) n++;
    if (n == 0 || n == 3) return 0;
    if (i + n < len) {
        size_t k;
        if (is_letter_cp(cp_at(s, len, i + n, &k))) return 0;
    }
    char w[3] = {0};
    for (size_t j = 0; j < n; j++) w[j] = (char)(s[i + j] | 0x20);
    if (n == 1 && (w[0] == 's' || w[0] == 'd' || w[0] == 'm')) return 1;
    if (n == 2 && ((w[0] == 'r' && w[1] == 'e') || (w[0] == 'v' && w[1] == 'e') ||
                   (w[0] == 'l' && w[1] == 'l')))
        return 2;
    return 0;
}

/* "n't" at s[i] (n, apostrophe, t, then no letter); returns its byte length or 0. */
static size_t nt_len(const char *s, size_t len, size_t i) {
    if (i >= len || (s[i] != 'n' && s[i] != 'N')) return 0;
    size_t k;
    if (i + 1 >= len || !is_apos(cp_at(s, len, i + 1, &k))) return 0;
    size_t t = i + 1 + k;
    if (t >= len || (s[t] != 't' && s[t] != 'T')) return 0;
    if (t + 1 < len) {
        size_t k2;
        if (is_letter_cp(cp_at(s, len, t + 1, &k2))) return 0;
    }
    return t + 1 - i;
}

/* End of a word starting at s[i] (an alphanumeric); sets *hyphen. */
static size_t scan_word(const char *s, size_t len, size_t i, bool *hyphen) {
    size_t j = i, k;
    size_t word_start = i;
    bool all_digits = true;
    utf8proc_int32_t prev = 0;
    /* Initialisms: "U.S.", "U.N.", "a.m.", "e.g." — letter-period pairs. */
    if (i + 3 < len && ascii_alpha(s[i]) && s[i + 1] == '.' && ascii_alpha(s[i + 2]) && s[i + 3] == '.') {
        j = i;
        while (j + 1 < len && ascii_alpha(s[j]) && s[j + 1] == '.') j += 2;
        /* "U.S.-led" is one hyphenated word; otherwise the initialism ends here. */
        if (!(j + 1 < len && s[j] == '-' && is_alnum_cp(cp_at(s, len, j + 1, &k)))) return j;
        all_digits = false;
        prev = '.';
    }
    while (j < len) {
        utf8proc_int32_t c = cp_at(s, len, j, &k);
        if (is_alnum_cp(c)) {
            if (!is_digit_cp(c)) all_digits = false;
            prev = c;
            j += k;
            continue;
        }
        size_t k2 = 0;
        utf8proc_int32_t next = j + k < len ? cp_at(s, len, j + k, &k2) : 0;
        if (is_inner_hyphen(c) && prev && is_alnum_cp(next)) {
            *hyphen = true;
            prev = c;
            j += k;
            continue;
        }
        if (c == '.' && all_digits && is_digit_cp(prev) && is_digit_cp(next)) { j += k; prev = c; continue; }
        if (c == ',' && all_digits && is_digit_cp(prev)) {
            /* Thousands separator: exactly three digits follow. */
            size_t d = 0;
            while (j + 1 + d < len && s[j + 1 + d] >= '0' && s[j + 1 + d] <= '9') d++;
            if (d == 3) { j += 1; prev = ','; continue; }
            break;
        }
        if (c == '%' && all_digits && j > word_start) { j += k; break; }
        if (is_apos(c) && is_letter_cp(prev) && is_letter_cp(next)) {
            size_t after = j + k;
            if (clitic_suffix(s, len, after)) break;                 /* Japan|'s, they|'re */
            if ((s[after] == 't' || s[after] == 'T') && (prev == 'n' || prev == 'N') &&
                nt_len(s, len, j - 1) && j - 1 > word_start)
                return j - 1;                                        /* did|n't */
            prev = c;                                                /* O'Brien */
            j += k;
            continue;
        }
        break;
    }
    return j;
}

static void push(scan_out *o, size_t start, size_t end, uint16_t flags, uint8_t aux) {
    dy_token t;
    t.start = (uint32_t)start;
    t.end = (uint32_t)end;
    t.form = NULL;   /* filled in once the array is final (forms live in the arena) */
    t.norm = NULL;
    t.flags = flags;
    dy_vec_push(&o->toks, t);
    dy_vec_push(&o->aux, aux);
}

/* Case flags from the letters of text[start,end). */
static uint16_t case_flags(const char *s, size_t start, size_t end) {
    size_t nlet = 0, nup = 0, k;
    bool first_up = false, seen = false;
    for (size_t j = start; j < end; j += k) {
        utf8proc_int32_t c = cp_at(s, end, j, &k);
        if (!is_letter_cp(c)) continue;
        bool up = is_upper_cp(c);
        if (!seen) { first_up = up; seen = true; }
        nlet++;
        if (up) nup++;
        else if (is_lower_cp(c)) { /* lower */ }
        else nup++;   /* caseless letters do not break ALLCAP */
    }
    uint16_t f = 0;
    if (first_up) f |= DY_TF_CAP;
    if (nlet >= 2 && nup == nlet && first_up) f |= DY_TF_ALLCAP;
    return f;
}

/* Case flags and DY_TF_NUMBER (digits and no letter) of the word
 * text[start,end); words of ASCII only, most of them, in one plain pass. */
static uint16_t word_flags(const char *s, size_t start, size_t end) {
    size_t nd = 0, nl = 0, nup = 0, j = start;
    for (; j < end && (unsigned char)s[j] < 0x80; j++) {
        char c = s[j];
        if (c >= '0' && c <= '9') nd++;
        else if (c >= 'A' && c <= 'Z') { nl++; nup++; }
        else if (c >= 'a' && c <= 'z') nl++;
    }
    if (j < end) {   /* a multibyte character: Unicode classes throughout */
        uint16_t f = case_flags(s, start, end);
        size_t k;
        nd = nl = 0;
        for (j = start; j < end; j += k) {
            utf8proc_int32_t cc = cp_at(s, end, j, &k);
            if (is_digit_cp(cc)) nd++;
            else if (is_letter_cp(cc)) nl++;
        }
        return (uint16_t)(f | (nd && !nl ? DY_TF_NUMBER : 0));
    }
    uint16_t f = 0;
    size_t first = start;
    while (first < end && !ascii_alpha(s[first])) first++;
    bool first_up = first < end && s[first] >= 'A' && s[first] <= 'Z';
    if (first_up) f |= DY_TF_CAP;
    if (nl >= 2 && nup == nl && first_up) f |= DY_TF_ALLCAP;
    if (nd && !nl) f |= DY_TF_NUMBER;
    return f;
}

static void scan(const char *s, size_t len, scan_out *o) {
    size_t i = 0, k;
    int newlines = 0;
    size_t line_start = 0;
    bool at_text_start = true;
    bool in_quote = false;
    size_t prev_end = 0, u_k;
    bool have_prev = false;

    while (i < len) {
        utf8proc_int32_t c = cp_at(s, len, i, &k);
        if (is_space_cp(c)) {
            if (c == '\n') { newlines++; line_start = i + 1; }
            i += k;
            continue;
        }
        /* "Dol_Amroth": an underscore between letters or digits (TABARI-style
         * text, identifiers) separates the words like a blank. */
        if (c == '_' && i > 0 && i + 1 < len && is_alnum_cp(cp_before(s, len, i)) &&
            is_alnum_cp(cp_at(s, len, i + 1, &u_k))) {
            i += 1;
            continue;
        }
        uint8_t aux = 0;
        if (newlines >= 2 || (newlines == 1 && i > line_start)) aux |= AX_PARA | AX_NL;
        else if (newlines == 1) aux |= AX_NL;
        bool para_start = at_text_start || (aux & AX_PARA);
        /* News style: a quotation running on into the next paragraph repeats
         * its opening mark there; a paragraph without one means it ended. */
        if (para_start && in_quote && !(is_dquote(c) && c != 0x201D && c != 0x00BB))
            in_quote = false;
        at_text_start = false;
        newlines = 0;
        bool attached = have_prev && prev_end == i;   /* no space since the last token */

        size_t start = i, end;
        uint16_t flags = 0;
        size_t u;

        if (is_dquote(c)) {
            bool open;
            if (c == 0x201C || c == 0x201E || c == 0x00AB) open = true;
            else if (c == 0x201D || c == 0x00BB || c == 0x201F) open = false;
            else {
                /* Straight quote: opening when it leans on the following word. */
                size_t k2;
                bool space_after = i + k >= len || is_space_cp(cp_at(s, len, i + k, &k2));
                bool space_before = !attached;
                if (i > 0 && !space_before) {
                    utf8proc_int32_t pc = cp_before(s, len, i);
                    if (is_open_bracket(pc) || is_dash(pc) || pc == '-') space_before = true;
                }
                if (space_before && !space_after) open = true;
                else if (!space_before && space_after) open = false;
                else if (!space_before) open = false;
                else {
                    /* Free-standing: a quote ending its line closes; otherwise alternate. */
                    size_t j = i + k;
                    while (j < len && (s[j] == ' ' || s[j] == '\t')) j++;
                    open = (j >= len || s[j] == '\n') ? false : !in_quote;
                }
            }
            end = i + k;
            flags = DY_TF_QUOTE | DY_TF_PUNCT;
            aux |= open ? AX_OPENER : AX_CLOSER;
            in_quote = open;
            push(o, start, end, flags, aux);
            i = end; prev_end = end; have_prev = true;
            continue;
        }

        if (is_alnum_cp(c) && (u = url_len(s, len, i)) > 0) {
            end = i + u;
        } else if (is_alnum_cp(c) && attached && (u = nt_len(s, len, i)) > 0) {
            end = i + u;   /* the n't of "didn't" */
        } else if (is_apos(c) && attached && i > 0 && is_letter_cp(cp_before(s, len, i)) &&
                   (u = clitic_suffix(s, len, i + k)) > 0) {
            end = i + k + u;   /* 's 're 've 'll 'd 'm */
        } else if (is_apos(c) && attached && i > 0 && (cp_before(s, len, i) == 's' || cp_before(s, len, i) == 'S') &&
                   (i + k >= len || !is_letter_cp(cp_at(s, len, i + k, &u)))) {
            end = i + k;       /* plural possessive: the leaders' */
            flags = DY_TF_PUNCT;
        } else if (is_alnum_cp(c)) {
            bool hyphen = false;
            end = scan_word(s, len, i, &hyphen);
            if (hyphen) flags |= DY_TF_HYPHEN;
            if (end < len && s[end] == '.' && s[end - 1] != '.') {
                /* Is the period part of an abbreviation? */
                int kind = abbrev_kind(s + i, end - i);
                size_t nextc = end + 1;
                while (nextc < len && (s[nextc] == ' ' || s[nextc] == '\t')) nextc++;
                bool digit_next = nextc < len && s[nextc] >= '0' && s[nextc] <= '9';
                if (kind == AB_BEFORE_DIGIT) kind = digit_next ? AB_NOSPLIT : AB_NONE;
                if (kind == AB_NONE && end - i == 1 && s[i] >= 'A' && s[i] <= 'Z')
                    kind = AB_NOSPLIT;   /* an initial: "John F. Kennedy" */
                if (kind != AB_NONE) {
                    end++;
                    flags |= DY_TF_ABBREV;
                    aux |= kind == AB_CANEND ? AX_ABB_END : AX_NOSPLIT;
                }
            } else if (end - i >= 4 && s[end - 1] == '.') {
                flags |= DY_TF_ABBREV;   /* initialism "U.S.": may end a sentence */
                aux |= AX_ABB_END;
            }
            flags |= word_flags(s, start, end);
        } else if (c == '.' || c == 0x2026) {
            end = i;
            while (end < len && (s[end] == '.' || (end + 2 < len && (unsigned char)s[end] == 0xE2 &&
                                                   (unsigned char)s[end + 1] == 0x80 &&
                                                   (unsigned char)s[end + 2] == 0xA6)))
                end += s[end] == '.' ? 1 : 3;
            flags = DY_TF_PUNCT;
            aux |= AX_FINAL;
        } else if (c == '?' || c == '!') {
            end = i;
            while (end < len && (s[end] == '?' || s[end] == '!')) end++;
            flags = DY_TF_PUNCT;
            aux |= AX_FINAL;
        } else if (c == '-') {
            end = i;
            while (end < len && s[end] == '-') end++;
            flags = DY_TF_PUNCT;
        } else if (is_dash(c)) {
            end = i + k;
            flags = DY_TF_PUNCT;
        } else if (is_squote(c)) {
            end = i + k;
            flags = DY_TF_QUOTE | DY_TF_PUNCT;
            /* Single quotes nest inside double ones or mark headline quotes;
             * apostrophes make their state unreliable, so only the side they
             * lean on is recorded. */
            if (attached) aux |= AX_CLOSER;
            else aux |= AX_OPENER;
        } else {
            end = i + k;
            flags = is_letter_cp(c) || is_digit_cp(c) ? 0 : DY_TF_PUNCT;
            if (is_close_bracket(c)) aux |= AX_CLOSER;
            else if (is_open_bracket(c)) aux |= AX_OPENER;
        }
        if (in_quote) flags |= DY_TF_INQUOTE;
        push(o, start, end, flags, aux);
        i = end;
        prev_end = end;
        have_prev = true;
    }
}

/* Runs the scanner and moves its result into the arena with forms and norms. */
static size_t scan_all(dy_arena *a, const char *text, size_t len, dy_token **toks_out,
                       uint8_t **aux_out) {
    scan_out o = {0};
    scan(text, len, &o);
    size_t n = o.toks.len;
    dy_token *toks = dy_arena_alloc(a, (n ? n : 1) * sizeof *toks);
    uint8_t *aux = dy_arena_alloc(a, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        dy_token t = o.toks.items[i];
        t.form = dy_arena_strndup(a, text + t.start, t.end - t.start);
        t.norm = dy_text_norm(a, t.form, t.end - t.start);
        toks[i] = t;
        aux[i] = o.aux.items[i];
    }
    dy_vec_free(&o.toks);
    dy_vec_free(&o.aux);
    *toks_out = toks;
    if (aux_out) *aux_out = aux;
    return n;
}

dy_sentence dy_tokenize(dy_arena *a, const char *text, size_t len) {
    dy_sentence s;
    memset(&s, 0, sizeof s);
    size_t n = scan_all(a, text, len, &s.toks, NULL);
    s.ntok = (uint32_t)n;
    if (n) { s.start = s.toks[0].start; s.end = s.toks[n - 1].end; }
    return s;
}

/* ------------------------------------------------------------ splitting */

/* Could this token open a sentence? Upper-case word, number, opening quote or bracket. */
static bool starts_sentence(const char *text, size_t len, const dy_token *t, uint8_t aux) {
    if (aux & AX_OPENER) return true;
    size_t k;
    utf8proc_int32_t c = cp_at(text, len, t->start, &k);
    return is_upper_cp(c) || is_digit_cp(c) || (t->flags & DY_TF_CAP) || is_dash(c) || c == '-';
}

/* Length of the line that ends at byte 'end' (up to the previous newline). */
static size_t line_len_before(const char *text, size_t end) {
    size_t j = end;
    while (j > 0 && text[j - 1] != '\n' && end - j <= DY_HEADLINE_MAX) j--;
    return end - j;
}

size_t dy_split(dy_arena *a, const char *text, size_t len, dy_sentence **out) {
    dy_token *toks;
    uint8_t *aux;
    size_t n = scan_all(a, text, len, &toks, &aux);
    /* Upper bound on sentences: every token alone, or one per cap. */
    dy_sentence *sents = dy_arena_alloc(a, (n ? n : 1) * sizeof *sents);
    size_t ns = 0, first = 0;

    for (size_t i = 0; i < n; i++) {
        size_t last = i;          /* last token of the sentence if it ends here */
        bool cut = false;
        if (i + 1 >= n) {
            cut = true;
        } else if (aux[i] & (AX_FINAL | AX_ABB_END)) {
            /* Closing quotes and brackets stay with the sentence they close. */
            size_t k = i + 1;
            while (k < n && (aux[k] & AX_CLOSER) && !(aux[k] & AX_NL)) k++;
            if (k >= n) {
                last = n - 1;
                cut = true;
            } else if (aux[k] & AX_PARA) {
                last = k - 1;
                cut = true;
            } else if (aux[i] & AX_FINAL) {
                /* "3. Manchester United": a list number is not a sentence. */
                bool list_item = i > first && (toks[i - 1].flags & DY_TF_NUMBER) &&
                                 (i - 1 == first || (aux[i - 1] & AX_NL)) &&
                                 toks[i].end - toks[i].start == 1 && text[toks[i].start] == '.';
                if (!list_item && starts_sentence(text, len, &toks[k], aux[k])) { last = k - 1; cut = true; }
            } else {
                /* "... sanctions on the U.S. The move ...": only a clear sentence opener splits. */
                bool open_quote = (aux[k] & AX_OPENER) && (toks[k].flags & DY_TF_QUOTE);
                if (open_quote || ((toks[k].flags & DY_TF_CAP) && is_starter(toks[k].norm))) {
                    last = k - 1;
                    cut = true;
                }
            }
        }
        if (!cut && (aux[i + 1] & AX_PARA)) cut = true;
        if (!cut && (aux[i + 1] & AX_NL) && !(aux[i] & (AX_NOSPLIT | AX_ABB_END | AX_FINAL)) &&
            starts_sentence(text, len, &toks[i + 1], aux[i + 1]) &&
            line_len_before(text, toks[i].end) < DY_HEADLINE_MAX) {
            /* A short line with no final punctuation before a capitalised
             * line: a headline, unless it plainly continues. */
            const char *f = toks[i].form;
            if (strcmp(f, ",") && strcmp(f, ";") && strcmp(f, ":") && strcmp(f, "-") &&
                !(aux[i] & AX_OPENER))
                cut = true;
        }
        if (!cut && last + 1 - first >= DY_MAX_SENT_TOKENS) cut = true;
        if (!cut) continue;
        dy_sentence *s = &sents[ns++];
        s->toks = toks + first;
        s->ntok = (uint32_t)(last + 1 - first);
        s->start = toks[first].start;
        s->end = toks[last].end;
        first = last + 1;
        i = last;
    }
    *out = sents;
    return ns;
}
