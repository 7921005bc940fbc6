/* dateline.c — wire-story datelines ("MOSCOW, December 19. /TASS/.").
 *
 * A dateline is an ALL-CAPS place at the start of one of the first three
 * non-blank lines, followed by at least one of: a comma and a date, a
 * bracketed or slashed agency, a dash.  Requiring that evidence keeps
 * ordinary capitalised openings ("NATO said ...", "U.S. officials ...") out.
 * An agency credit with no place ("Reuters - ", "(Reuters) - ", "SPACE.com
 * - "), as aggregated wire texts begin, counts as a dateline too.
 * The span returned covers the trailing punctuation and dash so a caller can
 * blank it out before coding. */
#include <ctype.h>
#include <string.h>
#include <utf8proc.h>

#include "text/story.h"

#define DY_DATELINE_LINES 3
#define DY_PLACE_WORDS 5
#define DY_AGENCY_MAX 100

static bool hspace(char c) { return c == ' ' || c == '\t'; }

static size_t skip_hspace(const char *s, size_t len, size_t i) {
    while (i < len && hspace(s[i])) i++;
    /* no-break space */
    while (i + 1 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0) {
        i += 2;
        while (i < len && hspace(s[i])) i++;
    }
    return i;
}

/* A dash separating the dateline from the story: "-", "--", en or em dash.
 * Returns the index after it (and after following blanks), or 0. */
static size_t dash_at(const char *s, size_t len, size_t i) {
    i = skip_hspace(s, len, i);
    if (i < len && s[i] == '-') {
        while (i < len && s[i] == '-') i++;
    } else if (i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
               ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94)) {
        i += 3;
    } else {
        return 0;
    }
    if (i < len && !hspace(s[i]) && s[i] != '\n' && (unsigned char)s[i] != 0xC2) return 0;
    return skip_hspace(s, len, i);
}

/* An upper-case letter (ASCII or not) at s[i]; *k its length. */
static bool upper_at(const char *s, size_t len, size_t i, size_t *k) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) { *k = 1; return c >= 'A' && c <= 'Z'; }
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
    if (n <= 0) return false;
    *k = (size_t)n;
    return utf8proc_isupper(cp);
}

static const char *const MONTHS[] = {
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr",
    "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
};

static size_t month_at(const char *s, size_t len, size_t i) {
    size_t best = 0;
    for (size_t m = 0; m < sizeof MONTHS / sizeof *MONTHS; m++) {
        size_t n = strlen(MONTHS[m]);
        if (i + n <= len && strncasecmp(s + i, MONTHS[m], n) == 0 &&
            (i + n == len || !isalpha((unsigned char)s[i + n])) && n > best)
            best = n;
    }
    if (best && i + best < len && s[i + best] == '.') best++;
    return best;
}

static size_t day_at(const char *s, size_t len, size_t i) {
    size_t j = i;
    while (j < len && j - i < 2 && isdigit((unsigned char)s[j])) j++;
    if (j == i || (j < len && isdigit((unsigned char)s[j]))) return 0;
    if (j + 1 < len && (strncmp(s + j, "st", 2) == 0 || strncmp(s + j, "nd", 2) == 0 ||
                        strncmp(s + j, "rd", 2) == 0 || strncmp(s + j, "th", 2) == 0))
        j += 2;
    return j - i;
}

/* "December 19", "Dec. 3, 2019", "22nd November, 2019", "Dec 3", "3 JAN 90"; returns the end or 0. */
static size_t date_at(const char *s, size_t len, size_t i) {
    size_t j = i, n;
    if ((n = month_at(s, len, j)) > 0) {
        j = skip_hspace(s, len, j + n);
        if (!(n = day_at(s, len, j))) return 0;
        j += n;
    } else if ((n = day_at(s, len, j)) > 0) {
        j = skip_hspace(s, len, j + n);
        if (!(n = month_at(s, len, j))) return 0;
        j += n;
    } else {
        return 0;
    }
    /* optional ", 2019" */
    size_t y = j;
    if (y < len && s[y] == ',') y++;
    y = skip_hspace(s, len, y);
    if (y + 4 <= len && isdigit((unsigned char)s[y]) && isdigit((unsigned char)s[y + 1]) &&
        isdigit((unsigned char)s[y + 2]) && isdigit((unsigned char)s[y + 3]) &&
        (y + 4 == len || !isdigit((unsigned char)s[y + 4])))
        j = y + 4;
    else if (y + 2 <= len && isdigit((unsigned char)s[y]) && isdigit((unsigned char)s[y + 1]) &&
             (y + 2 == len || !isalnum((unsigned char)s[y + 2])))
        j = y + 2;   /* "3 JAN 90" */
    return j;
}

static const char *const AGENCIES[] = {
    "Reuters", "AP", "AFP", "Xinhua", "TASS", "Sputnik", "UPI", "Bloomberg", "IANS", "PTI",
    "ANI", "dpa", "EFE", "ANSA", "Kyodo", "Yonhap", "IRNA", "APP", "UNI", "UrduPoint",
    "Anadolu", "BERNAMA", "WAM", "SPA", "KUNA", "MENA", "RIA", "Interfax", "AA", "CNN",
    "BBC", "Itar-Tass", "ITAR-TASS", "Tasnim", "Fars", "IRIB", "SANA", "Petra", "QNA",
};

static bool looks_like_agency(const char *s, size_t n) {
    if (n == 0 || !isupper((unsigned char)s[0])) return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '/' || isdigit((unsigned char)s[i])) return true;
    for (size_t a = 0; a < sizeof AGENCIES / sizeof *AGENCIES; a++) {
        size_t m = strlen(AGENCIES[a]);
        for (size_t i = 0; i + m <= n; i++)
            if (memcmp(s + i, AGENCIES[a], m) == 0 && (i == 0 || !isalpha((unsigned char)s[i - 1])) &&
                (i + m == n || !isalpha((unsigned char)s[i + m])))
                return true;
    }
    return false;
}

/* Copies the agency name of a bracket's content: up to a date part. */
static void set_agency(dy_dateline *out, const char *s, size_t n) {
    size_t e = n;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ',' || (i > 0 && s[i - 1] == ' ' && (s[i] == '-' || (unsigned char)s[i] == 0xE2))) {
            e = i;
            break;
        }
    }
    size_t b = 0;
    while (b < e && (s[b] == ' ' || s[b] == '/')) b++;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '/' || s[e - 1] == '-')) e--;
    size_t m = e - b < sizeof out->agency - 1 ? e - b : sizeof out->agency - 1;
    memcpy(out->agency, s + b, m);
    out->agency[m] = '\0';
}

/* "(Reuters)" or "/TASS/" at s[i] (after blanks): the index after it, or 0.
 * *dash_follows says whether a dash comes next (that alone makes any bracket an agency). */
static size_t agency_at(const char *s, size_t len, size_t i, dy_dateline *out, bool need_evidence) {
    i = skip_hspace(s, len, i);
    if (i >= len || (s[i] != '(' && s[i] != '/')) return 0;
    char close = s[i] == '(' ? ')' : '/';
    size_t j = i + 1;
    while (j < len && j - i <= DY_AGENCY_MAX && s[j] != close && s[j] != '\n') j++;
    if (j >= len || s[j] != close || j == i + 1) return 0;
    const char *content = s + i + 1;
    size_t n = j - i - 1;
    size_t after = j + 1;
    if (after < len && s[after] == '.' && close == '/') after++;
    if (need_evidence && close == ')' && !looks_like_agency(content, n) && !dash_at(s, len, after))
        return 0;
    set_agency(out, content, n);
    return after;
}

/* The place: up to five ALL-CAPS words; at least one with two letters in a
 * row, so "U.S." alone is not a place.  Returns the end or 0. */
static size_t place_at(const char *s, size_t len, size_t i) {
    size_t j = i, end = 0, k;
    bool two_letters = false;
    for (int w = 0; w < DY_PLACE_WORDS; w++) {
        if (j >= len || !upper_at(s, len, j, &k)) break;
        size_t ws = j;
        bool prev_letter = false;
        while (j < len) {
            if (upper_at(s, len, j, &k)) {
                if (prev_letter) two_letters = true;
                prev_letter = true;
                j += k;
            } else if (s[j] == '.' || s[j] == '\'' || s[j] == '-') {
                prev_letter = false;
                j++;
            } else {
                break;
            }
        }
        /* A word must end at a blank, comma, bracket or line end. */
        if (j < len && !hspace(s[j]) && s[j] != ',' && s[j] != '(' && s[j] != '\n') {
            j = ws;
            break;
        }
        end = j;
        if (j < len && s[j] == ' ' && j + 1 < len && upper_at(s, len, j + 1, &k)) j++;
        else break;
    }
    return two_letters ? end : 0;
}

static void title_case(char *dst, size_t cap, const char *s, size_t n) {
    size_t m = 0;
    bool word_start = true;
    for (size_t i = 0; i < n && m + 5 < cap;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) { cp = (unsigned char)s[i]; k = 1; }
        utf8proc_int32_t o = word_start ? cp : utf8proc_tolower(cp);
        m += (size_t)utf8proc_encode_char(o, (utf8proc_uint8_t *)dst + m);
        word_start = cp == ' ' || cp == '-';
        i += (size_t)k;
    }
    dst[m] = '\0';
}

static int place_words(const char *s, size_t i, size_t end) {
    int n = 1;
    for (size_t j = i; j < end; j++) n += s[j] == ' ';
    return n;
}

/* Is there a lower-case letter in the rest of the line (first 40 bytes)? */
static bool lower_follows(const char *s, size_t len, size_t i) {
    for (size_t j = i; j < len && j < i + 40 && s[j] != '\n'; j++)
        if (islower((unsigned char)s[j])) return true;
    return false;
}

/* All-caps openers that are not places ("TODAY, 14 SEPTEMBER, ..."). */
static const char *const NOT_PLACES[] = {
    "TODAY", "YESTERDAY", "TONIGHT", "MEANWHILE", "FURTHERMORE", "HOWEVER", "BREAKING",
    "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS", "COMMENT", "EDITORIAL", "NOTE", "WARNING",
    "URGENT", "FLASH", "CORRECTED", "REFILE", "CORRECTION", "OPINION", "PHOTOS", "VIDEO",
};

static bool is_agency_word(const char *s, size_t n) {
    for (size_t a = 0; a < sizeof AGENCIES / sizeof *AGENCIES; a++)
        if (strlen(AGENCIES[a]) == n && memcmp(AGENCIES[a], s, n) == 0) return true;
    return false;
}

static bool try_at(const char *s, size_t len, size_t i, dy_dateline *out) {
    dy_dateline d;
    memset(&d, 0, sizeof d);
    size_t pe = place_at(s, len, i);
    if (!pe) return false;
    size_t w1 = i;
    while (w1 < pe && s[w1] != ' ' && s[w1] != ',') w1++;
    for (size_t k = 0; k < sizeof NOT_PLACES / sizeof *NOT_PLACES; k++)
        if (strlen(NOT_PLACES[k]) == w1 - i && memcmp(NOT_PLACES[k], s + i, w1 - i) == 0) return false;
    size_t j = pe, n;
    bool ok = false;
    if (j < len && s[j] == ',') {
        j = skip_hspace(s, len, j + 1);
        size_t de = date_at(s, len, j);
        if (de) {
            ok = true;
            j = de;
            if (j < len && s[j] == '.') j++;
        } else {
            /* Region: "KABUL, Afghanistan (AP) —": capitalised words, then agency or dash. */
            size_t r = j, words = 0;
            while (r < len && words < 3 && isupper((unsigned char)s[r])) {
                size_t ws = r;
                bool mixed = false;
                while (r < len && (isalpha((unsigned char)s[r]) || s[r] == '.')) {
                    if (islower((unsigned char)s[r]) || s[r] == '.') mixed = true;
                    r++;
                }
                /* "Afghanistan", "N.Y.": an all-caps word is more headline than region. */
                if (!mixed) { r = ws; break; }
                words++;
                if (r + 1 < len && s[r] == ' ' && isupper((unsigned char)s[r + 1])) r++;
                else break;
            }
            if (!words) return false;
            /* Kept: "SPRINGFIELD, Mass." says which Springfield. */
            size_t re = r;
            while (re > j && hspace(s[re - 1])) re--;
            size_t rl = re - j < sizeof d.region ? re - j : sizeof d.region - 1;
            memcpy(d.region, s + j, rl);
            d.region[rl] = '\0';
            j = r;
            if (j < len && s[j] == ',') {
                size_t de2 = date_at(s, len, skip_hspace(s, len, j + 1));
                if (de2) j = de2;
            }
        }
    }
    if ((n = agency_at(s, len, j, &d, !ok)) > 0) { ok = true; j = n; }
    if ((n = dash_at(s, len, j)) > 0) {
        /* A dash alone is weak evidence: all-caps headlines ("FEDERAL RESERVE
         * REPORT - FEB 26") and all-caps texts have them too.  Require a short
         * place and ordinary text after the dash. */
        if (ok || (place_words(s, i, pe) <= 3 && lower_follows(s, len, n))) { ok = true; j = n; }
    }
    if (!ok) return false;
    /* "/TASS/." and "(AP):" leave punctuation behind. */
    while (j < len && (s[j] == '.' || s[j] == ':' || s[j] == ',')) j++;
    j = skip_hspace(s, len, j);
    d.start = i;
    d.end = j;
    if (!d.agency[0] && is_agency_word(s + i, pe - i)) {
        /* "AFP - France said ...": an agency with no place. */
        memcpy(d.agency, s + i, pe - i);
        d.agency[pe - i] = '\0';
    } else {
        title_case(d.place, sizeof d.place, s + i, pe - i);
    }
    *out = d;
    return true;
}

/* A web outlet named as a source: "SPACE.com", "USATODAY.com", "FT.com". */
static bool is_domain(const char *s, size_t n) {
    static const char *const TLDS[] = {".com", ".net", ".org", ".co.uk"};
    for (size_t t = 0; t < sizeof TLDS / sizeof *TLDS; t++) {
        size_t m = strlen(TLDS[t]);
        if (n > m && strncasecmp(s + n - m, TLDS[t], m) == 0) return true;
    }
    return false;
}

/* An agency credit with no place, as aggregated wire texts start: "Reuters -
 * ", "(Reuters) - ", "(AFP) -- ", "SPACE.com - ".  Without this the agency
 * reads as the subject of the first sentence (a media actor).  Mixed-case
 * names must be a known agency or a web domain so that "Iran - Iraq talks"
 * stays text; all-caps ones ("AFP - ") are handled by try_at as places.
 * Returns the index after the dash, or 0. */
static size_t agency_prefix_at(const char *s, size_t len, size_t i, dy_dateline *out) {
    dy_dateline d;
    memset(&d, 0, sizeof d);
    size_t j, n;
    if (s[i] == '(') {
        if (!(j = agency_at(s, len, i, &d, true)) || !(n = dash_at(s, len, j))) return 0;
    } else {
        j = i;
        while (j < len && (isalnum((unsigned char)s[j]) || s[j] == '.' || s[j] == '-') &&
               !(s[j] == '-' && (j + 1 >= len || !isalpha((unsigned char)s[j + 1]))))
            j++;
        if (j == i || j - i >= sizeof d.agency) return 0;
        if (!is_agency_word(s + i, j - i) && !is_domain(s + i, j - i)) return 0;
        if (!(n = dash_at(s, len, j))) return 0;
        memcpy(d.agency, s + i, j - i);
        d.agency[j - i] = '\0';
    }
    *out = d;
    return n;
}

int dy_dateline_find(const char *text, size_t len, dy_dateline *out) {
    memset(out, 0, sizeof *out);
    size_t i = 0;
    for (int line = 0; line < DY_DATELINE_LINES && i < len; line++) {
        while (i < len && (isspace((unsigned char)text[i]))) i++;
        if (i >= len) break;
        dy_dateline pre;
        size_t after = agency_prefix_at(text, len, i, &pre);
        if (after) {
            /* "SPACE.com - TORONTO, Canada -- A second team": a dateline may follow. */
            dy_dateline dl;
            if (after < len && try_at(text, len, after, &dl)) {
                if (!dl.agency[0]) memcpy(dl.agency, pre.agency, sizeof dl.agency);
                *out = dl;
            } else {
                *out = pre;
                out->end = after;
            }
            out->start = i;
            return 1;
        }
        if (try_at(text, len, i, out)) return 1;
        const char *nl = memchr(text + i, '\n', len - i);
        if (!nl) break;
        i = (size_t)(nl - text) + 1;
    }
    memset(out, 0, sizeof *out);
    return 0;
}
