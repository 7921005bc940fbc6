/* geo.c — place names in sentences, their resolution, and the location of
 * an event.
 *
 * Finding names: a name starts at a capitalised token; the longest run of up
 * to maxwords tokens whose folded norms, joined by spaces, hash to a key in
 * the index wins.  Names that are also common English words ("Split",
 * "Police") count only after a locative ("in Split"); a name inside a longer
 * proper name ("George Washington", "Moscow Times") is not a place.
 *
 * Resolving: every candidate reading gets a score: its prior (population,
 * capital or seat, country over city), plus the story's context (countries
 * other sentences name, the dateline's country), plus a qualifier that
 * follows it ("Nagoya, Japan", "Jalalabad (Nangarhar Province)", "Geelong,
 * in Victoria", shared by names listed before it: "Portland or Geelong, in
 * Victoria").  Scores are log-population units, so "context" is worth about
 * a factor of 100; but not against a national capital or a city of a million
 * some sixty times larger ("Paris" in a story naming Texas).  Context
 * counts, besides the places named, subdivisions that open longer names
 * ("Virginia Tech") and words only American politics uses ("Gov. Perdue",
 * "Democrats").  A list shares its locative ("in Paris and Lyon"); a
 * dateline's region qualifies its place ("SPRINGFIELD, Mass.").
 *
 * In titles set in title case and after an all-capitals opener ("BAGHDAD
 * Iraq promised"), capitals do not delimit names, so countries and
 * subdivisions stand there whatever follows them.
 *
 * The words after a name can say what it is ("the Tbilisi city court" the
 * city, "Huehuetenango, a department" the subdivision, "Westchester County,
 * New York" the state), and the story keeps that reading for the name's other
 * mentions; a town first met as a surname ("Peter Jackson") is the man when
 * it comes back bare.
 *
 * Names the gazetteer lacks (villages, districts: "Lankachen village", "the
 * town of Guenica", "in Hunza on June 13") become country-level places when
 * the words around them say they are places; their country is that of the
 * place named right after them, else the one an adjective gives ("the Greek
 * island of"), else for an island the one country its sentence names, else
 * the one the story names most.  They are
 * never evidence for the context, and an event in the dateline's country
 * keeps the dateline's city rather than such a country.  Buildings named on
 * their own ("the Beaconsfield Hotel in St Kilda") and villages tied to the
 * place named next ("at Ghalla Dher on the outskirts of Mardan") take that
 * place's country. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "geo/gaz_internal.h"
#include "geo/geo.h"
#include "util/util.h"

struct dy_gazetteer {
    char *img;
    size_t len;
    bool mapped, owned, full;
    const dy_gaz_header *h;
    const dy_gaz_place *places;
    const dy_gaz_slot *slots;
    const uint32_t *cands;
    const char *strings;
    /* A Bloom filter of every key, built on open: 256 KB that stay in cache,
     * where the 4 MB slot table does not, so most capitalised words that
     * name nothing ("Lavrov", "Ministry") are rejected without a miss. */
    uint64_t *bloom;
};

#define DY_BLOOM_BITS (1u << 21)
static inline bool bloom_maybe(const dy_gazetteer *g, uint64_t h) {
    uint32_t a = (uint32_t)h & (DY_BLOOM_BITS - 1), b = (uint32_t)(h >> 40) & (DY_BLOOM_BITS - 1);
    return (g->bloom[a >> 6] >> (a & 63) & 1) && (g->bloom[b >> 6] >> (b & 63) & 1);
}

/* ---- folding ---- */

/* Letters that Unicode does not decompose to a base letter, as a reader of
 * English news spells them ("Lodz", "Sanliurfa", "Orebro"); and apostrophes,
 * which transliterations use and news text drops ("Ts'khinvali" is
 * "Tskhinvali", "Xi'an" "Xian").  Returns bytes consumed at u (0: none), the
 * replacement in *rep. */
static size_t fold_special(const char *u, size_t left, const char **rep) {
    static const struct { const char *from, *to; } MAP[] = {
        {"\xc4\xb1", "i"}, {"\xc5\x82", "l"}, {"\xc3\xb8", "o"}, {"\xc4\x91", "d"},
        {"\xc3\xa6", "ae"}, {"\xc5\x93", "oe"}, {"\xc3\xb0", "d"}, {"\xc3\xbe", "th"},
        {"\xe2\x80\x99", ""}, {"\xe2\x80\x98", ""}, {"\xca\xbc", ""}, {"\xca\xbb", ""},
        {"\xca\xbf", ""}, {"\xca\xbe", ""}};
    for (size_t k = 0; k < DY_ARRAY_LEN(MAP); k++) {
        size_t l = strlen(MAP[k].from);
        if (l <= left && !memcmp(u, MAP[k].from, l)) { *rep = MAP[k].to; return l; }
    }
    return 0;
}

size_t dy_geo_fold(const char *s, size_t n, char *out, size_t cap) {
    size_t o = 0;
    bool ascii = true;
    for (size_t i = 0; i < n; i++) ascii &= (unsigned char)s[i] < 0x80;
    bool space = true;   /* drop leading spaces */
    if (ascii) {
        for (size_t i = 0; i < n; i++) {
            char c = s[i];
            if (c == '\'' || c == '`') continue;
            if (c == ' ' || c == '\t' || c == '\n') { space = true; continue; }
            if (space && o) { if (o + 1 >= cap) return 0; out[o++] = ' '; }
            space = false;
            if (o + 1 >= cap) return 0;
            out[o++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        out[o] = '\0';
        return o;
    }
    utf8proc_int32_t cps[256];
    utf8proc_ssize_t nc = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, cps,
                                             (utf8proc_ssize_t)DY_ARRAY_LEN(cps),
                                             UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                             UTF8PROC_STRIPMARK | UTF8PROC_LUMP);
    if (nc < 0 || nc > (utf8proc_ssize_t)DY_ARRAY_LEN(cps)) return 0;
    nc = utf8proc_reencode(cps, nc, UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK);
    if (nc < 0) return 0;
    const char *u = (const char *)cps;   /* reencoded in place as UTF-8 */
    for (utf8proc_ssize_t i = 0; i < nc; i++) {
        char c = u[i];
        if (c == '\'' || c == '`') continue;
        if (c == ' ' || c == '\t' || c == '\n') { space = true; continue; }
        const char *rep = NULL;
        size_t used = (unsigned char)c >= 0x80 ? fold_special(u + i, (size_t)(nc - i), &rep) : 0;
        if (used && !*rep) { i += (utf8proc_ssize_t)used - 1; continue; }
        if (space && o) { if (o + 1 >= cap) return 0; out[o++] = ' '; }
        space = false;
        if (used) {
            size_t rl = strlen(rep);
            if (o + rl >= cap) return 0;
            memcpy(out + o, rep, rl);
            o += rl;
            i += (utf8proc_ssize_t)used - 1;
            continue;
        }
        if (o + 1 >= cap) return 0;
        out[o++] = c;
    }
    out[o] = '\0';
    return o;
}

/* ---- the index ---- */

double dy_geo_prior(const dy_gaz_place *p) {
    double s = log10((double)p->pop + 10.0);
    if (p->kind == DY_GEO_COUNTRY) s += 2.0;
    else if (p->feat & DY_GF_NATION) s += 2.0;   /* "England", "Scotland": as a country */
    else if (p->kind == DY_GEO_ADMIN1) s = log10(DY_MIN((double)p->pop, 1e6) + 10.0);   /* a summed population: "Osaka", "New York" are the cities */
    if (p->feat & DY_GF_PPLC) s += 1.0;
    else if (p->feat & DY_GF_PPLA) s += 0.5;
    else if (p->feat & DY_GF_PPLA2) s += 0.2;
    if (p->feat & DY_GF_SECTION) s -= 1.0;
    return s;
}

dy_gazetteer *dy_gaz_from_image(char *buf, size_t len, bool owned, bool full, char *err, size_t errlen) {
    const dy_gaz_header *h = (const dy_gaz_header *)(void *)buf;
#define BAD(msg) do { snprintf(err, errlen, "%s", msg); return NULL; } while (0)
    if (len < sizeof *h || memcmp(h->magic, DY_GAZ_MAGIC, 8) != 0) BAD("not a dyad gazetteer (or an older format): rebuild it with make gazetteer");
    if ((uint64_t)h->off_places + (uint64_t)h->nplaces * sizeof(dy_gaz_place) > len ||
        (uint64_t)h->off_slots + (uint64_t)h->nslots * sizeof(dy_gaz_slot) > len ||
        (uint64_t)h->off_cands + (uint64_t)h->ncands * sizeof(uint32_t) > len ||
        (uint64_t)h->off_strings + h->strbytes > len || h->strbytes == 0 ||
        h->nslots == 0 || (h->nslots & (h->nslots - 1)) != 0 ||
        (h->off_places | h->off_slots | h->off_cands) % 8 != 0)
        BAD("gazetteer is truncated or corrupt: rebuild it with make gazetteer");
    const dy_gaz_slot *slots = (const dy_gaz_slot *)(const void *)(buf + h->off_slots);
    const uint32_t *cands = (const uint32_t *)(const void *)(buf + h->off_cands);
    const dy_gaz_place *pl = (const dy_gaz_place *)(const void *)(buf + h->off_places);
    /* Validate every reference once, so lookups need no checks. */
    for (uint32_t i = 0; i < h->nslots; i++)
        if (slots[i].ncand && (uint64_t)slots[i].cand + slots[i].ncand > h->ncands) BAD("gazetteer: bad slot");
    for (uint32_t i = 0; i < h->ncands; i++)
        if (cands[i] >= h->nplaces) BAD("gazetteer: bad candidate");
    for (uint32_t i = 0; i < h->nplaces; i++)
        if (pl[i].name >= h->strbytes || pl[i].admin1 >= h->strbytes || pl[i].kind > DY_GEO_COUNTRY)
            BAD("gazetteer: bad place");
    if (buf[h->off_strings + h->strbytes - 1] != '\0') BAD("gazetteer: bad strings");
#undef BAD
    dy_gazetteer *g = xcalloc(1, sizeof *g);
    g->img = buf;
    g->len = len;
    g->owned = owned;
    g->full = full;
    g->h = h;
    g->places = pl;
    g->slots = slots;
    g->cands = cands;
    g->strings = buf + h->off_strings;
    g->bloom = xcalloc(DY_BLOOM_BITS / 64, sizeof(uint64_t));
    for (uint32_t i = 0; i < h->nslots; i++) {
        if (!slots[i].ncand && !slots[i].flags) continue;
        uint64_t k = slots[i].hash;
        uint32_t a = (uint32_t)k & (DY_BLOOM_BITS - 1), b = (uint32_t)(k >> 40) & (DY_BLOOM_BITS - 1);
        g->bloom[a >> 6] |= 1ULL << (a & 63);
        g->bloom[b >> 6] |= 1ULL << (b & 63);
    }
    return g;
}

static dy_gazetteer *map_file(const char *path, char *err, size_t errlen) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) { snprintf(err, errlen, "%s: %s", path, strerror(errno)); return NULL; }
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < (off_t)sizeof(dy_gaz_header)) {
        snprintf(err, errlen, "%s: too small to be a gazetteer", path);
        close(fd);
        return NULL;
    }
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED) { snprintf(err, errlen, "%s: %s", path, strerror(errno)); return NULL; }
    char why[200];
    dy_gazetteer *g = dy_gaz_from_image(p, (size_t)st.st_size, false, true, why, sizeof why);
    if (!g) {
        snprintf(err, errlen, "%s: %s", path, why);
        munmap(p, (size_t)st.st_size);
        return NULL;
    }
    g->mapped = true;
    return g;
}

static bool file_exists(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

dy_gazetteer *dy_gaz_open(const char *path, dy_diag *diag) {
    char err[600];
    dy_gazetteer *g = dy_gaz_open_index(path, err, sizeof err);
    if (g) return g;
    if (diag)
        dy_diag_report(diag, "no-gazetteer", NULL, 0,
                       "%s; locating with the built-in countries and capitals only", err);
    return dy_gaz_builtin();
}

dy_gazetteer *dy_gaz_open_index(const char *path, char *err, size_t errlen) {
    const char *env = getenv("DYAD_GAZETTEER");
    if (!(path && *path) && env && *env) path = env;   /* chosen explicitly: no search */
    if (path && *path) return map_file(path, err, errlen);
    char cands[3][4096];
    size_t nc = 0;
    snprintf(cands[nc++], sizeof cands[0], "%s/gazetteer/gazetteer.bin", DYAD_SRCDIR);
    const char *dd = getenv("DYAD_DATADIR");
    if (dd && *dd) snprintf(cands[nc++], sizeof cands[0], "%s/gazetteer.bin", dd);
    snprintf(cands[nc++], sizeof cands[0], "%s/gazetteer.bin", DYAD_DATADIR);
    for (size_t i = 0; i < nc; i++)   /* a broken index is reported, not skipped */
        if (file_exists(cands[i])) return map_file(cands[i], err, errlen);
    snprintf(err, errlen, "no gazetteer found (run make gazetteer)");
    return NULL;
}

void dy_gaz_close(dy_gazetteer *g) {
    if (!g) return;
    if (g->mapped) munmap(g->img, g->len);
    else if (g->owned) free(g->img);
    free(g->bloom);
    free(g);
}

bool dy_gaz_full(const dy_gazetteer *g) { return g && g->full; }
size_t dy_gaz_size(const dy_gazetteer *g) { return g ? g->h->nplaces : 0; }

void dy_gaz_get(const dy_gazetteer *g, uint32_t i, dy_place *out) {
    const dy_gaz_place *p = &g->places[i];
    out->name = g->strings + p->name;
    out->admin1 = g->strings + p->admin1;
    memcpy(out->country, p->iso3, 4);
    out->country[3] = '\0';
    out->lat = p->lat_e5 / 1e5;
    out->lon = p->lon_e5 / 1e5;
    out->geonames_id = (long)p->gid;
    out->population = p->pop;
    out->kind = p->kind;
}

static const dy_gaz_slot *find_slot(const dy_gazetteer *g, uint64_t hash) {
    if (!bloom_maybe(g, hash)) return NULL;
    uint32_t mask = g->h->nslots - 1;
    for (uint32_t k = (uint32_t)hash & mask, probes = 0; probes <= mask; k = (k + 1) & mask, probes++) {
        const dy_gaz_slot *s = &g->slots[k];
        if (!s->ncand && !s->flags) return NULL;
        if (s->hash == hash) return s;
    }
    return NULL;
}

uint32_t dy_gaz_country(const dy_gazetteer *g, const char *iso3) {
    if (!iso3 || strlen(iso3) != 3) return UINT32_MAX;
    /* Country records are indexed under their code with a prefix no name has. */
    char key[8] = "#";
    for (int i = 0; i < 3; i++) key[1 + i] = (char)((iso3[i] >= 'A' && iso3[i] <= 'Z') ? iso3[i] + 32 : iso3[i]);
    key[4] = '\0';
    const dy_gaz_slot *s = find_slot(g, dy_hash(key, 4));
    if (!s || !s->ncand) return UINT32_MAX;
    for (uint32_t i = 0; i < s->ncand; i++) {
        uint32_t p = g->cands[s->cand + i];
        if (g->places[p].kind == DY_GEO_COUNTRY) return p;
    }
    return UINT32_MAX;
}

/* ---- scoring ---- */

static int ctx_count(const dy_geo_context *ctx, const char *iso3) {
    if (!ctx) return 0;
    for (uint16_t i = 0; i < ctx->ncountries; i++)
        if (!memcmp(ctx->countries[i].iso3, iso3, 3)) return ctx->countries[i].count;
    return 0;
}

/* strength: 2 a name that stands alone, 1 a small town, 0 a hint (a
 * people's adjective, a country inside an institution's name). */
static void ctx_add_as(dy_geo_context *ctx, const char *iso3, int strength) {
    for (uint16_t i = 0; i < ctx->ncountries; i++)
        if (!memcmp(ctx->countries[i].iso3, iso3, 3)) {
            uint16_t *c = strength == 2 ? &ctx->countries[i].count
                        : strength == 1 ? &ctx->countries[i].weak : &ctx->countries[i].hint;
            if (*c < UINT16_MAX) (*c)++;
            return;
        }
    uint16_t k = ctx->ncountries;
    if (k == DY_GEO_CTX_MAX) {
        /* The story's first countries matter most; but a strong name
         * displaces a country only small towns or hints point to. */
        if (strength < 2) return;
        for (k = 0; k < DY_GEO_CTX_MAX && ctx->countries[k].count; k++) {}
        if (k == DY_GEO_CTX_MAX) return;
    } else {
        ctx->ncountries++;
    }
    memcpy(ctx->countries[k].iso3, iso3, 3);
    ctx->countries[k].iso3[3] = '\0';
    ctx->countries[k].count = strength == 2;
    ctx->countries[k].weak = strength == 1;
    ctx->countries[k].hint = strength == 0;
}

static void ctx_add(dy_geo_context *ctx, const char *iso3, bool strong) { ctx_add_as(ctx, iso3, strong ? 2 : 1); }

typedef struct {
    const char *iso3;           /* qualifier country, or NULL */
    const char *admin1;         /* qualifier subdivision name, or NULL */
    const char *self;           /* the country this mention itself added to ctx (not evidence) */
    uint8_t qkind;              /* the qualifier's kind: only smaller places are qualified */
    uint8_t want;               /* 1 + DY_GEO_* the words before ask for ("the state of"), 0 none */
} resolve_hints;

/* How much more likely (in prior units, log10 population, with a capital's
 * bonus) a major city must be than a town of the same name before the
 * countries a story names stop counting for the town: a factor of about 60.
 * "Paris" in a story that also names Texas (a gap of 2.7), "Madrid" in one
 * about Colombia's team (2.6), "Wellington" in one about Hollywood (1.8)
 * are the capitals; towns of comparable size still follow the story
 * ("Athens", Georgia: 1.55; "Birmingham", Alabama), and a qualifier
 * ("Paris, Texas") or the dateline still says otherwise. */
#define DY_GEO_MAJOR_GAP 175

/* count_ctx: false when the countries the story names may not lift this
 * reading (see DY_GEO_MAJOR_GAP). */
static double score(const dy_gazetteer *g, const dy_geo_context *ctx, uint32_t i, const resolve_hints *hi,
                    bool count_ctx) {
    const dy_gaz_place *p = &g->places[i];
    double s = p->prior / 100.0;
    if (ctx) {
        int c = count_ctx ? ctx_count(ctx, p->iso3) : 0;
        if (hi && hi->self && !memcmp(hi->self, p->iso3, 3)) c--;
        if (c > 0) s += 2.5 + 0.25 * DY_MIN(c, 4);
        if (ctx->dateline == i) s += 3.0;   /* the dateline says which "New York" the story means */
        else if (ctx->dateline != UINT32_MAX && !memcmp(g->places[ctx->dateline].iso3, p->iso3, 3)) s += 1.5;
    }
    if (hi && hi->want && hi->want == p->kind + 1) s += 3.0;
    if (hi && hi->iso3 && !memcmp(hi->iso3, p->iso3, 3) && p->kind < hi->qkind) {
        s += 6.0;
        if (hi->admin1 && *hi->admin1 && !strcmp(hi->admin1, g->strings + p->admin1)) s += 2.0;
    }
    return s;
}

static uint32_t best_of(const dy_gazetteer *g, const dy_geo_context *ctx, const dy_gaz_slot *s,
                        const resolve_hints *hi, float *score_out) {
    uint32_t best = UINT32_MAX;
    double bs = -1e9;
    /* Candidates are sorted by prior; beyond 64 only the tail of tiny places remains. */
    uint32_t n = DY_MIN(s->ncand, 64u);
    /* The first candidate has the highest prior: a national capital or a
     * city of a million keeps its name against much smaller towns. */
    const dy_gaz_place *top = &g->places[g->cands[s->cand]];
    bool major = top->kind == DY_GEO_CITY && (top->pop >= 1000000 || ((top->feat & DY_GF_PPLC) && top->pop >= 100000));
    for (uint32_t k = 0; k < n; k++) {
        uint32_t p = g->cands[s->cand + k];
        double v = score(g, ctx, p, hi, !major || top->prior - g->places[p].prior < DY_GEO_MAJOR_GAP);
        if (v > bs) { bs = v; best = p; }
    }
    if (score_out) *score_out = (float)bs;
    return best;
}

uint32_t dy_gaz_lookup(const dy_gazetteer *g, const dy_geo_context *ctx, const char *name) {
    char key[256];
    size_t n = name ? dy_geo_fold(name, strlen(name), key, sizeof key) : 0;
    if (!n) return UINT32_MAX;
    const dy_gaz_slot *s = find_slot(g, dy_hash(key, n));
    return s && s->ncand ? best_of(g, ctx, s, NULL, NULL) : UINT32_MAX;
}

/* ---- finding names in tokens ---- */


static const char *const CUES[] = {
    "in", "at", "near", "outside", "inside", "around", "across", "throughout", "within",
    "visit", "visits", "visited", "visiting", "nearby", "towards", "toward", NULL};
/* Words that may stand between a locative and the name: "in the southern
 * Afghan city of", "near the capital", "at the port of". */
static const char *const BETWEEN[] = {
    "the", "a", "of", "city", "town", "village", "capital", "province", "region", "state",
    "district", "port", "outskirts", "suburbs", "suburb", "area", "county", "prefecture",
    "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
    "northeastern", "northwestern", "southeastern", "southwestern", "neighbouring",
    "neighboring", "nearby", "downtown", "coastal", "border", "restive", "troubled",
    "provincial", "regional", "island", "islands", "its", "their", "his", "her", "department",
    "departments", "governorate", "oblast", "provinces", "states",
    "far", "north-eastern", "north-western", "south-eastern", "south-western", "war-torn", NULL};
/* Capitalised words that may follow a place without making it part of a
 * longer proper name ("Moscow Region", "Kabul on Sunday" is lower case). */
static const char *const HEADS[] = {
    "province", "region", "oblast", "city", "state", "prefecture", "district", "county",
    "governorate", "airport", "krai", "territory", "area", "cbd", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", NULL};

/* Capitalised words after a name that make a building of the place, not
 * a longer name ("Chicago Jail", "Khalabat Township Police Station"): the
 * place is where the building is. */
static const char *const FACILITY_AFTER[] = {"township", "jail", "prison", NULL};

/* Capitalised only because they open a sentence or a title: never a place. */
static const char *const FUNCTION_WORDS[] = {
    "i", "we", "he", "she", "it", "they", "you", "my", "our", "his", "her", "their", "its", "your",
    "how", "what", "who", "why", "when", "where", "which", "this", "that", "these", "those",
    "there", "here", "was", "is", "are", "be", "been", "do", "did", "does", "has", "had", "have",
    "not", "no", "yes", "all", "any", "some", "so", "if", "or", "and", "but", "as", "by", "on",
    "for", "to", "with", "from", "into", "over", "after", "before", "then", "than", "also",
    "the", "a", "an", "of", "in", "at", "will", "would", "can", "could", "may", "might", NULL};

static bool is_word(const dy_token *t) {
    return !(t->flags & (DY_TF_PUNCT | DY_TF_NUMBER | DY_TF_QUOTE));
}

static const char *const COMPASS[] = {
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "north-east", "north-west", "south-east", "south-west", NULL};
static const char *const CITY_WORDS[] = {"city", "town", "village", "capital", "port", NULL};
static const char *const ADMIN_WORDS[] = {
    "state", "province", "department", "departments", "region", "governorate", "prefecture",
    "oblast", "provinces", "states", NULL};

/* What the words right after a name say it is, as 1 + DY_GEO_* (0:
 * nothing): "the Tbilisi city court" is the city, not the region of the same
 * name; "Huehuetenango, a western department in Guatemala" the department,
 * not its capital; "Lerdo, a town in" a city. */
static uint8_t kind_after(const dy_token *toks, size_t n, size_t a, size_t b) {
    /* "Westchester County, New York": after a county, the state. */
    if (a >= 2 && !strcmp(toks[a - 1].norm, ",") && (toks[a - 2].flags & DY_TF_CAP) &&
        (!strcmp(toks[a - 2].norm, "county") || !strcmp(toks[a - 2].norm, "parish")))
        return 1 + DY_GEO_ADMIN1;
    if (b >= n) return 0;
    if (!strcmp(toks[b].norm, "city") && !(toks[b].flags & DY_TF_CAP)) return 1 + DY_GEO_CITY;
    if (strcmp(toks[b].norm, ",") != 0 || b + 2 >= n || (strcmp(toks[b + 1].norm, "a") != 0 && strcmp(toks[b + 1].norm, "an") != 0))
        return 0;
    /* ", a (small|western|...) department": a noun within three words. */
    for (size_t k = b + 2; k < n && k < b + 5; k++) {
        const dy_token *t = &toks[k];
        if (!is_word(t) || (t->flags & DY_TF_CAP)) return 0;
        if (dy_in_list(t->norm, ADMIN_WORDS)) return 1 + DY_GEO_ADMIN1;
        if (dy_in_list(t->norm, CITY_WORDS)) return 1 + DY_GEO_CITY;
    }
    return 0;
}

/* Verbs of going, before "to": "go to Twickenham" is a place, "talk to
 * Obama" is not. */
static const char *const MOTION[] = {
    "go", "goes", "went", "going", "gone", "travel", "travels", "travelled", "traveled", "travelling",
    "traveling", "fly", "flies", "flew", "flown", "flying", "return", "returns", "returned", "returning",
    "move", "moves", "moved", "moving", "head", "heads", "headed", "heading", "come", "comes", "came",
    "coming", "drive", "drove", "driven", "sail", "sailed", "fled", "flee", "flees", "fleeing",
    "deported", "extradited", "transferred", "taken", "trip", "journey", "relocated", NULL};

/* The last word of a street's name. */
static const char *const STREETS[] = {"street", "lane", "road", "avenue", "boulevard", "drive", NULL};

/* Locative before token i: walk back over BETWEEN words and at most one
 * capitalised adjective ("the Afghan city of").  *want is set to 1 + the
 * kind of place the words ask for: "the city of" a city, "the state of" a
 * subdivision. */
static bool has_cue(const dy_token *toks, size_t i, uint8_t *want) {
    int caps = 0;
    *want = 0;
    if (i >= 2 && !strcmp(toks[i - 1].norm, "of")) {
        if (dy_in_list(toks[i - 2].norm, CITY_WORDS)) *want = 1 + DY_GEO_CITY;
        else if (dy_in_list(toks[i - 2].norm, ADMIN_WORDS)) *want = 1 + DY_GEO_ADMIN1;
    }
    /* "on Wellhouse Lane, Winchester": after an address, the town. */
    if (i >= 3 && !strcmp(toks[i - 1].norm, ",") && (toks[i - 2].flags & DY_TF_CAP) &&
        dy_in_list(toks[i - 2].norm, STREETS))
        return true;
    for (size_t k = i, steps = 0; k > 0 && steps < 8; k--, steps++) {
        const dy_token *t = &toks[k - 1];
        if (dy_in_list(t->norm, CUES)) return true;
        /* "will go to Twickenham", "flew to Osaka". */
        if (!strcmp(t->norm, "to") && k >= 2 && dy_in_list(toks[k - 2].norm, MOTION)) return true;
        /* "20 km south of Baghdad", "West of Susanville". */
        if (!strcmp(t->norm, "of") && k >= 2 && dy_in_list(toks[k - 2].norm, COMPASS)) return true;
        if (dy_in_list(t->norm, BETWEEN)) continue;
        if ((t->flags & DY_TF_CAP) && is_word(t) && caps++ == 0 && k < i) continue;
        return false;
    }
    return false;
}

typedef struct {
    uint32_t start, end;
    const dy_gaz_slot *slot;
} raw_mention;

/* Bytes of a hyphenated ending that says a place is where something is
 * based, bound or headquartered ("the Khartoum-based government", "an
 * Amman-bound plane", "U.K.-headquartered Sophos"), or 0.  The place is the
 * word before it; it says nothing of where the story happens. */
static size_t place_suffix(const char *norm, size_t len) {
    static const char *const endings[] = {"-based", "-bound", "-headquartered", NULL};
    for (const char *const *e = endings; *e; e++) {
        size_t el = strlen(*e);
        if (len > el && !strcmp(norm + len - el, *e)) return el;
    }
    return 0;
}

/* Longest name starting at token i; 0 when none.  The key's hash is
 * extended word by word (FNV-1a is incremental) and the run stops as soon as
 * no indexed name starts with it, so most capitalised words cost one probe. */
static size_t match_at(const dy_gazetteer *g, const dy_token *toks, size_t n, size_t i,
                       const dy_gaz_slot **slot_out) {
    char word[128];
    uint64_t h = 1469598103934665603ULL;
    size_t best = 0, k = i;   /* k: the next token (a word may take two) */
    size_t maxw = DY_MIN((size_t)g->h->maxwords, (size_t)DY_GAZ_MAXWORDS);
    for (size_t w = 0; w < maxw && k < n; w++) {
        const dy_token *t = &toks[k];
        if (!is_word(t) && !(w > 0 && t->norm[0] == '-' && !t->norm[1])) break;
        /* "the Tbilisi city court": the city, not the subdivision of type
         * City whose name "Tbilisi City" is indexed (see kind_after). */
        if (w > 0 && !(t->flags & DY_TF_CAP) && !strcmp(t->norm, "city")) break;
        const char *tn = t->norm;
        size_t tl = strlen(tn);
        /* "the Khartoum-based government": the place before "-based". */
        size_t suffix = (t->flags & DY_TF_HYPHEN) ? place_suffix(tn, tl) : 0;
        bool based = suffix > 0;
        tl -= suffix;
        /* "Ft Meade", "Ft. Bragg": the wire's abbreviation of Fort. */
        if (w == 0 && (!strcmp(tn, "ft") || !strcmp(tn, "ft."))) { tn = "fort"; tl = 4; }
        size_t add = dy_geo_fold(tn, tl, word, sizeof word);
        if (!add) break;
        if (w) { h ^= (unsigned char)' '; h *= 1099511628211ULL; }
        for (size_t j = 0; j < add; j++) { h ^= (unsigned char)word[j]; h *= 1099511628211ULL; }
        k++;
        /* "Hawke's Bay", "Martha's Vineyard": the tokenizer splits off a
         * possessive that is part of the name (folded without apostrophe);
         * taken only when the name goes on ("Moscow's mayor" stays Moscow). */
        const dy_gaz_slot *s = NULL;
        if (k + 1 < n && !strcmp(toks[k].norm, "'s") && (toks[k + 1].flags & DY_TF_CAP) && is_word(&toks[k + 1])) {
            uint64_t hs = (h ^ (unsigned char)'s') * 1099511628211ULL, hn = hs;
            char next[128];
            size_t nl = dy_geo_fold(toks[k + 1].norm, strlen(toks[k + 1].norm), next, sizeof next);
            hn ^= (unsigned char)' ';
            hn *= 1099511628211ULL;
            for (size_t j = 0; j < nl; j++) { hn ^= (unsigned char)next[j]; hn *= 1099511628211ULL; }
            /* only when the name goes on with the next word ("Canada's Nortel" is Canada) */
            if (nl && find_slot(g, hn) && (s = find_slot(g, hs)) != NULL) { h = hs; k++; }
            else s = NULL;
        }
        if (!s) s = find_slot(g, h);
        if (!s) break;
        if (s->ncand) { best = k - i; *slot_out = s; }
        if (!(s->flags & DY_GS_PREFIX) || based) break;
    }
    return best;
}

/* "Mexicos Peace Movement", "Indonesias second largest city": a country's
 * possessive written without its apostrophe.  The slot of the country the
 * word names without its final "s", NULL when none ("Americas" are
 * continents, "Frances" a woman). */
static const dy_gaz_slot *country_possessive(const dy_gazetteer *g, const dy_token *t) {
    size_t l = strlen(t->norm);
    if (l < 5 || l > 40 || t->norm[l - 1] != 's' || (t->flags & DY_TF_HYPHEN) || !strcmp(t->norm, "americas") ||
        !strcmp(t->norm, "frances"))
        return NULL;
    char key[128];
    size_t k = dy_geo_fold(t->norm, l - 1, key, sizeof key);
    const dy_gaz_slot *s = k ? find_slot(g, dy_hash(key, k)) : NULL;
    return s && s->ncand && !(s->flags & DY_GS_COMMON) && g->places[g->cands[s->cand]].kind == DY_GEO_COUNTRY ? s
                                                                                                            : NULL;
}

static size_t find_raw(const dy_gazetteer *g, const dy_token *toks, size_t n, raw_mention *out, size_t max) {
    size_t m = 0;
    for (size_t i = 0; i < n && m < max;) {
        const dy_token *t = &toks[i];
        if (!(t->flags & DY_TF_CAP) || !is_word(t)) { i++; continue; }
        const dy_gaz_slot *s = NULL;
        size_t len = match_at(g, toks, n, i, &s), skip = 0;
        /* "Ciudad Juarez": GeoNames often keeps only "Juárez". */
        if (!len && !strcmp(t->norm, "ciudad") && i + 1 < n && (toks[i + 1].flags & DY_TF_CAP) &&
            (len = match_at(g, toks, n, i + 1, &s)) != 0)
            skip = 1;
        if (!len && (s = country_possessive(g, t)) != NULL) len = 1;
        if (!len) { i++; continue; }
        len += skip;
        out[m].start = (uint32_t)i;
        out[m].end = (uint32_t)(i + len);
        out[m].slot = s;
        m++;
        i += len;
    }
    return m;
}

/* Alone they name no place ("Northern District"); before a name they are
 * part of it ("West Midnapore"). */
static const char *const DIRECTIONS[] = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "upper",
    "lower", "greater", "central", NULL};

static bool demonym(const char *w);
static const char *demonym_country(const dy_gazetteer *g, const dy_token *t);

/* Words that follow a country's name in a title without making a longer
 * proper name of it: "Georgia Georgian President", "Venezuela Interior
 * Minister". */
static const char *const ROLE_WORDS[] = {
    "president", "prime", "minister", "ministers", "foreign", "interior", "defence", "defense",
    "premier", "leader", "leaders", "opposition", "rebels", "troops", "forces", NULL};
/* Titles a state's or province's name qualifies ("Florida Governor Ron
 * DeSantis", "Ohio Sen. Brown"): the subdivision is named, no longer name. */
static const char *const STATE_TITLES[] = {
    "governor", "gov.", "gov", "lt.", "lieutenant", "senator", "sen.", "senators", "congressman",
    "congresswoman", "rep.", "attorney", "premier", NULL};

/* A headline or a title in title case ("Gap Left by Fallen Guatemala Drug
 * Lords Filled by ..."): every longer word around [a, b) is capitalised, so
 * capitals say nothing of where a proper name ends. */
static bool title_case(const dy_token *toks, size_t n, size_t a, size_t b) {
    int caps = 0;
    size_t lo = a > 6 ? a - 6 : 0, hi = DY_MIN(n, b + 6);
    for (size_t k = lo; k < hi; k++) {
        if (k >= a && k < b) continue;
        const dy_token *t = &toks[k];
        if (!is_word(t) || strlen(t->norm) < 4) continue;
        if (!(t->flags & DY_TF_CAP)) return false;
        caps += !(t->flags & DY_TF_ALLCAP);
    }
    /* A headline is often its own sentence: "Bolivia Weighs Up Coca Tax." */
    return caps >= 3 || (a == 0 && caps >= 2);
}

/* Capitalised words after a locative that are no place of their own: "in
 * President Georgia ..." is not "Georgia" qualifying a place. */
static const char *const NOT_PLACE_BEFORE[] = {
    "president", "prime", "minister", "mr", "mrs", "ms", "dr", "gen", "gen.", "general", "king", "queen",
    "the", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "new", "upper", "lower", NULL};

/* The tokens around a raw match decide whether it names a place at all. */
/* chained: the name is qualified by the next one with nothing between
 * ("at Ft Meade Maryland"): capitals after it do not extend it. */
static bool plausible(const dy_gazetteer *g, const dy_token *toks, size_t n, const raw_mention *r, bool cue,
                      bool chained) {
    uint32_t first = g->cands[r->slot->cand];
    bool country = g->places[first].kind == DY_GEO_COUNTRY;
    /* Countries and subdivisions in a title stand whatever the capitals. */
    bool title = g->places[first].kind != DY_GEO_CITY && !(r->slot->flags & DY_GS_COMMON) &&
                 title_case(toks, n, r->start, r->end);
    /* "BAGHDAD Iraq promised ...": a dateline without its comma. */
    bool opener = r->start == 0 && (toks[0].flags & DY_TF_ALLCAP) && r->end < n &&
                  !(toks[r->end].flags & DY_TF_ALLCAP);
    /* "[Vladimir] Putin": editorial brackets do not separate names. */
    size_t before = r->start, after = r->end;
    if (before > 1 && !strcmp(toks[before - 1].norm, "[")) before--;
    if (after + 1 < n && !strcmp(toks[after].norm, "]")) after++;
    /* "US-based Alistair Cragg": the place ends at "-based". */
    const char *last = toks[r->end - 1].norm;
    size_t ll = strlen(last);
    bool based = place_suffix(last, ll) > 0;
    /* "at Quantico Virginia": a subdivision or country right after a name
     * the locative introduces qualifies it. */
    bool qualifies = before >= 2 && g->places[first].kind != DY_GEO_CITY && !(r->slot->flags & DY_GS_COMMON) &&
                     dy_in_list(toks[before - 2].norm, CUES) && (toks[before - 1].flags & DY_TF_CAP) &&
                     is_word(&toks[before - 1]) && !(toks[before - 1].flags & DY_TF_ALLCAP) &&
                     !dy_in_list(toks[before - 1].norm, NOT_PLACE_BEFORE);
    if (before > 0 && !title && !qualifies) {
        const dy_token *p = &toks[before - 1];
        /* "George Washington", "President Obama": a capitalised word before a
         * name, other than a locative, a weekday or month ("said Sunday
         * Israel ...", "On Monday Kabul ...") or the sentence's first word. */
        if ((p->flags & DY_TF_CAP) && is_word(p) && before > 1 && !dy_in_list(p->norm, CUES) &&
            !dy_in_list(p->norm, BETWEEN) && !dy_in_list(p->norm, HEADS + 14) &&
            !(p->flags & DY_TF_ALLCAP && toks[r->start].flags & DY_TF_ALLCAP))
            return false;
    }
    if (after < n && !title && !opener && !chained && !based) {
        const dy_token *q = &toks[after];
        /* "San Francisco International Airport": the airport's place. */
        bool facility = dy_in_list(q->norm, FACILITY_AFTER) ||
                        (!strcmp(q->norm, "international") && after + 1 < n && !strcmp(toks[after + 1].norm, "airport"));
        if ((q->flags & DY_TF_CAP) && is_word(q) && !dy_in_list(q->norm, HEADS) && !facility &&
            !(q->flags & DY_TF_ALLCAP && toks[r->start].flags & DY_TF_ALLCAP) &&
            !(country && (demonym(q->norm) || dy_in_list(q->norm, ROLE_WORDS) || demonym_country(g, q))) &&
            !(g->places[first].kind == DY_GEO_ADMIN1 && dy_in_list(q->norm, STATE_TITLES))) {
            /* "Washington Post"; but "Japan Russia talks" lists two places. */
            const dy_gaz_slot *s2 = NULL;
            if (!match_at(g, toks, n, after, &s2) || !country) return false;
        }
    }
    /* "We have sent", "How": words capitalised to open a sentence or a quotation. */
    if (r->end == r->start + 1 && !(toks[r->start].flags & DY_TF_ALLCAP) && dy_in_list(toks[r->start].norm, FUNCTION_WORDS))
        return false;
    /* "in March", "on Sunday": dates, never the town of March. */
    if (r->end == r->start + 1 && dy_in_list(toks[r->start].norm, HEADS + 14)) return false;
    if (r->slot->flags & DY_GS_COMMON) {
        /* "us" is a pronoun unless written US. */
        if (!cue && !(toks[r->start].flags & DY_TF_ALLCAP && country)) return false;
        if (r->start == 0 && !(toks[r->start].flags & DY_TF_ALLCAP) && !based) return false;
    }
    /* A bare small town is more often a surname ("Obama said"). */
    if (!cue && !country && g->places[first].kind == DY_GEO_CITY && g->places[first].pop < 50000 &&
        !(g->places[first].feat & (DY_GF_PPLC | DY_GF_PPLA)))
        return false;
    return true;
}

#define DY_GEO_MAX_RAW 64

/* ---- state abbreviations ---- */

/* "Springfield, Mass.", "Jackson, Mich.", "Langley, B.C.": the wire
 * services' abbreviations of US states and Canadian provinces, which only
 * ever qualify a place (keys folded, without the final period). */
static const struct { const char *abbr, *iso3, *name; } STATE_ABBR[] = {
    {"ala", "USA", "Alabama"}, {"ariz", "USA", "Arizona"}, {"ark", "USA", "Arkansas"},
    {"calif", "USA", "California"}, {"colo", "USA", "Colorado"}, {"conn", "USA", "Connecticut"},
    {"del", "USA", "Delaware"}, {"fla", "USA", "Florida"}, {"ga", "USA", "Georgia"},
    {"ill", "USA", "Illinois"}, {"ind", "USA", "Indiana"}, {"kan", "USA", "Kansas"},
    {"kans", "USA", "Kansas"}, {"ky", "USA", "Kentucky"}, {"la", "USA", "Louisiana"},
    {"md", "USA", "Maryland"}, {"mass", "USA", "Massachusetts"}, {"mich", "USA", "Michigan"},
    {"minn", "USA", "Minnesota"}, {"miss", "USA", "Mississippi"}, {"mo", "USA", "Missouri"},
    {"mont", "USA", "Montana"}, {"neb", "USA", "Nebraska"}, {"nebr", "USA", "Nebraska"},
    {"nev", "USA", "Nevada"}, {"n.h", "USA", "New Hampshire"}, {"n.j", "USA", "New Jersey"},
    {"n.m", "USA", "New Mexico"}, {"n.y", "USA", "New York"}, {"n.c", "USA", "North Carolina"},
    {"n.d", "USA", "North Dakota"}, {"okla", "USA", "Oklahoma"}, {"ore", "USA", "Oregon"},
    {"pa", "USA", "Pennsylvania"}, {"r.i", "USA", "Rhode Island"}, {"s.c", "USA", "South Carolina"},
    {"s.d", "USA", "South Dakota"}, {"tenn", "USA", "Tennessee"}, {"tex", "USA", "Texas"},
    {"vt", "USA", "Vermont"}, {"va", "USA", "Virginia"}, {"wash", "USA", "Washington"},
    {"w.va", "USA", "West Virginia"}, {"wis", "USA", "Wisconsin"}, {"wyo", "USA", "Wyoming"},
    {"d.c", "USA", "District of Columbia"}, {"alta", "CAN", "Alberta"},
    {"b.c", "CAN", "British Columbia"}, {"man", "CAN", "Manitoba"}, {"n.b", "CAN", "New Brunswick"},
    {"nfld", "CAN", "Newfoundland and Labrador"}, {"n.s", "CAN", "Nova Scotia"},
    {"ont", "CAN", "Ontario"}, {"p.e.i", "CAN", "Prince Edward Island"}, {"que", "CAN", "Quebec"},
    {"sask", "CAN", "Saskatchewan"},
};

/* The US Postal Service's codes, which datelines, addresses and listings
 * use without a period ("Gladstone, NJ"). */
static const struct { const char code[3]; const char *name; } US_POSTAL[] = {
    {"AL", "Alabama"}, {"AK", "Alaska"}, {"AZ", "Arizona"}, {"AR", "Arkansas"}, {"CA", "California"},
    {"CO", "Colorado"}, {"CT", "Connecticut"}, {"DE", "Delaware"}, {"FL", "Florida"}, {"GA", "Georgia"},
    {"HI", "Hawaii"}, {"ID", "Idaho"}, {"IL", "Illinois"}, {"IN", "Indiana"}, {"IA", "Iowa"},
    {"KS", "Kansas"}, {"KY", "Kentucky"}, {"LA", "Louisiana"}, {"ME", "Maine"}, {"MD", "Maryland"},
    {"MA", "Massachusetts"}, {"MI", "Michigan"}, {"MN", "Minnesota"}, {"MS", "Mississippi"},
    {"MO", "Missouri"}, {"MT", "Montana"}, {"NE", "Nebraska"}, {"NV", "Nevada"}, {"NH", "New Hampshire"},
    {"NJ", "New Jersey"}, {"NM", "New Mexico"}, {"NY", "New York"}, {"NC", "North Carolina"},
    {"ND", "North Dakota"}, {"OH", "Ohio"}, {"OK", "Oklahoma"}, {"OR", "Oregon"}, {"PA", "Pennsylvania"},
    {"RI", "Rhode Island"}, {"SC", "South Carolina"}, {"SD", "South Dakota"}, {"TN", "Tennessee"},
    {"TX", "Texas"}, {"UT", "Utah"}, {"VT", "Vermont"}, {"VA", "Virginia"}, {"WA", "Washington"},
    {"WV", "West Virginia"}, {"WI", "Wisconsin"}, {"WY", "Wyoming"}, {"DC", "District of Columbia"},
};

/* Wire abbreviations that are also capitalised English words ("Man",
 * "Miss", "Mass", "Wash"): never without their period. */
static const char *const ABBR_WORDS[] = {"man", "miss", "mass", "wash", "ore", "del", "ind", "la", "pa", "mo", NULL};

/* The subdivision of iso3 named name, or UINT32_MAX. */
static uint32_t admin1_named(const dy_gazetteer *g, const char *iso3, const char *name) {
    char f[64];
    size_t fl = dy_geo_fold(name, strlen(name), f, sizeof f);
    const dy_gaz_slot *s = fl ? find_slot(g, dy_hash(f, fl)) : NULL;
    for (uint32_t c = 0; s && c < s->ncand; c++) {
        uint32_t p = g->cands[s->cand + c];
        if (g->places[p].kind == DY_GEO_ADMIN1 && !memcmp(g->places[p].iso3, iso3, 3)) return p;
    }
    return UINT32_MAX;
}

/* The subdivision an abbreviation at token k names ("Mass." or "Mich" "."),
 * its length in tokens in *len; UINT32_MAX when none.  The period is
 * required ("Ind" or "Miss" alone are words), except right after a comma
 * and before no capitalised word, where a capital is no sentence's first
 * letter: "Fairbury, Ill was elected", "Gladstone, NJ;". */
static uint32_t state_abbr_at(const dy_gazetteer *g, const dy_token *toks, size_t n, size_t k, size_t *len) {
    if (k >= n || !(toks[k].flags & DY_TF_CAP) || !is_word(&toks[k])) return UINT32_MAX;
    char key[16];
    size_t l = strlen(toks[k].norm);
    if (l == 0 || l >= sizeof key) return UINT32_MAX;
    memcpy(key, toks[k].norm, l + 1);
    bool dot = key[l - 1] == '.';
    if (dot) key[--l] = '\0';
    *len = 1;
    if (!dot && k + 1 < n && !strcmp(toks[k + 1].norm, ".")) { dot = true; *len = 2; }
    bool bare = !dot && k > 0 && !strcmp(toks[k - 1].norm, ",") &&
                (k + 1 >= n || !(toks[k + 1].flags & DY_TF_CAP) || (toks[k + 1].flags & DY_TF_PUNCT));
    if (!dot && !bare) return UINT32_MAX;
    if (bare && l == 2 && (toks[k].flags & DY_TF_ALLCAP)) {
        for (size_t i = 0; i < DY_ARRAY_LEN(US_POSTAL); i++)
            if (!strcmp(toks[k].form, US_POSTAL[i].code)) return admin1_named(g, "USA", US_POSTAL[i].name);
        return UINT32_MAX;
    }
    if (bare && dy_in_list(key, ABBR_WORDS)) return UINT32_MAX;
    for (size_t i = 0; i < DY_ARRAY_LEN(STATE_ABBR); i++)
        if (!strcmp(key, STATE_ABBR[i].abbr)) return admin1_named(g, STATE_ABBR[i].iso3, STATE_ABBR[i].name);
    return UINT32_MAX;
}

/* ---- places the gazetteer lacks ---- */

/* Words that say the capitalised words before them name a place: "Lankachen
 * village", "Zheri District", "Kistaram area".  Those of LOWER_HEADS count
 * only in lower case ("Falcon state", not "Islamic State"). */
static const char *const PLACE_HEADS[] = {
    "village", "villages", "district", "districts", "tehsil", "area", "province", "region",
    "county", "governorate", "municipality", "valley", "taluka", "mandal", "upazila",
    "oblast", "prefecture", "town", "sector", "township", "neighbourhood", "neighborhood", "island",
    "islands", "subdivision", "sub-division", "tehsils", "peninsula", "parish", "commune", "canton",
    "borough", "kibbutz", "settlement", NULL};
static const char *const LOWER_HEADS[] = {"block", "department", "state", "city", "areas", NULL};
/* Place words that also follow people and groups ("the Biden camp", "Taliban
 * prison"): they make a place only right after a locative, with no article:
 * "at Jallozai camp", "in Taito ward". */
static const char *const CUED_HEADS[] = {"camp", "prison", "jail", "ward", "colony", NULL};
/* Capitalised words that are not (part of) the name of a place the
 * gazetteer lacks: institutions, directions, languages. */
static const char *const NOT_PLACE[] = {
    "police", "army", "military", "congress", "congressional", "parliament", "party", "court",
    "ministry", "government", "university", "school", "college", "hospital", "station", "company",
    "bank", "council", "committee", "security", "force", "forces", "operation", "assembly",
    "senate", "house", "church", "cabinet", "office", "commission", "group", "union", "league",
    "club", "national", "international", "federal", "state", "city", "new", "old",
    "autonomous", "special", "capital", "olympic", "private", "public",
    "english", "arabic", "french", "spanish", "urdu", "hindi", "russian", "chinese", "latin",
    "islam", "god", "allah", "mr", "mrs", "ms", "dr", "president", "minister", "prime", "general",
    "king", "queen", "health", "justice", "defence", "defense", "education", "finance",
    "environment", "war", "project", "team", "people", "objective", "nature", "science",
    "physics", "chemistry", "medicine", "economics", "literature", "peace", "islamic", "hebrew",
    "persian", "farsi", "pashto", "dari", "benelux", "corps", "headquarters", "works", "most",
    /* continents and seas: no one country */
    "africa", "europe", "asia", "oceania", "antarctica", "arctic", "atlantic", "pacific",
    "mediterranean", "caribbean", "balkans", "middle", "far", "sahel", "scandinavia",
    /* streets: an address, or a government ("Downing Street"), not a place */
    "street", "avenue", "road", "boulevard", NULL};
/* What may follow a bare name after "in" for it to be a place ("in Hunza on
 * June 13"): not a noun it modifies ("in Afghan custody"). */
static const char *const AFTER_NAME[] = {
    "on", "in", "at", "and", "to", "for", "with", "since", "after", "before", "during", "near",
    "from", "where", "which", "who", "that", "last", "this", "yesterday", "today", "when",
    "while", "as", "by", "over", "under", "is", "was", "were", "has", "have", "had", "earlier",
    "late", "early", "despite", "but", NULL};

/* "published in Nature", "the Nobel Prize in Physics", "a degree in
 * Economics": "in" before a journal or a field, not a place. */
static const char *const NOT_AFTER[] = {
    "published", "publish", "publishes", "appeared", "appears", "prize", "degree", "degrees",
    "olympiad", "interested", "interest", "research", "researcher", "expert", "experts",
    "specialist", "professor", "lecturer", "journal", "writing", "wrote", "written", "article",
    "study", "paper", "papers", "report", "reported", "believe", "believes", "believed", "faith",
    "trust", "shares", "stake", "stakes", "investment", "invested", "invest", NULL};

static bool month_or_day(const char *norm) { return dy_in_list(norm, HEADS + 14); }



/* "an Australian state", "the Hawaiian islands", "Welsh-speaking areas":
 * a people's adjective, not a name. */
static bool demonym(const char *w) {
    static const char *const SUFFIX[] = {"ian", "ean", "ese", "ish", "ani", "aqi", "eli", "can", "-speaking", NULL};
    static const char *const WORDS[] = {"afghan", "thai", "arab", "welsh", "scots", "dutch", "greek", "swiss", "kurd", NULL};
    size_t n = strlen(w);
    for (const char *const *s = SUFFIX; *s; s++) {
        size_t k = strlen(*s);
        if (n > k + 1 && !strcmp(w + n - k, *s)) return true;
    }
    return dy_in_list(w, WORDS);
}

/* Capitalised run [a, b) that could name a place: words, no institution. */
static bool name_run_ok(const dy_token *toks, size_t a, size_t b) {
    /* "the coastal town of Staoueli": after "town of" a name, whatever its
     * ending; elsewhere "-eli", "-ian" make a people's adjective. */
    bool named = a >= 2 && !strcmp(toks[a - 1].norm, "of") &&
                 (dy_in_list(toks[a - 2].norm, CITY_WORDS) || dy_in_list(toks[a - 2].norm, PLACE_HEADS));
    if (dy_in_list(toks[b - 1].norm, DIRECTIONS) || (!named && demonym(toks[b - 1].norm))) return false;
    for (size_t k = a; k < b; k++) {
        const dy_token *t = &toks[k];
        if (!(t->flags & DY_TF_CAP) || !is_word(t) || dy_in_list(t->norm, NOT_PLACE) || month_or_day(t->norm) ||
            dy_in_list(t->norm, FUNCTION_WORDS) || dy_in_list(t->norm, CUES))
            return false;
    }
    return b > a;
}

static bool is_head(const dy_token *t) {
    return dy_in_list(t->norm, PLACE_HEADS) || (!(t->flags & DY_TF_CAP) && dy_in_list(t->norm, LOWER_HEADS));
}

/* Words that may tie a name the gazetteer lacks to the place named after
 * it: "Kodakhori village in Rajnandgaon", "Jallozai camp near Peshawar",
 * "Dahshour, a village 40 km (25 miles) south of Cairo". */
static const char *const CHAIN_WORDS[] = {
    ",", "in", "of", "the", "a", "an", "near", "outside", "off", "under", "small", "remote", "tiny",
    "km", "kms", "kilometres", "kilometers", "miles", "mile", NULL};

/* ", a village 40 km south of", ", a small town in" from token k: an
 * apposition that says the name before it is a place; not ", a town
 * councillor". */
static bool apposition(const dy_token *toks, size_t n, size_t k) {
    if (strcmp(toks[k].norm, "a") != 0 && strcmp(toks[k].norm, "an") != 0) return false;
    for (size_t j = k + 1; j < n && j < k + 4; j++) {
        const dy_token *t = &toks[j];
        if (!is_word(t) || (t->flags & DY_TF_CAP)) return false;
        if (!dy_in_list(t->norm, PLACE_HEADS) && !dy_in_list(t->norm, CITY_WORDS) && !dy_in_list(t->norm, CUED_HEADS)) continue;
        if (j + 1 >= n) return true;
        const dy_token *u = &toks[j + 1];
        return !is_word(u) || (u->flags & DY_TF_NUMBER) || dy_in_list(u->norm, CHAIN_WORDS) ||
               dy_in_list(u->norm, COMPASS) || !strcmp(u->norm, "where") || !strcmp(u->norm, "that");
    }
    return false;
}

/* "Jallozai camp", "Taito ward", "Bajaur Agency" right after a locative
 * ([i, b) the name, b its place word): places only there. */
static bool cued_head(const dy_token *toks, size_t n, size_t i, size_t b) {
    if (b >= n || i == 0 || !dy_in_list(toks[i - 1].norm, CUES)) return false;
    if (dy_in_list(toks[b].norm, CUED_HEADS)) return true;
    /* "Bajaur Agency", "Khyber Agency": one name, not "Space Agency". */
    return !strcmp(toks[b].norm, "agency") && b == i + 1 && !demonym(toks[i].norm);
}


/* Buildings and grounds named on their own ("the Beaconsfield Hotel", "the
 * Cereso II prison", "Mahala View Lion Lodge"): places when the place they
 * are in is named right after them (see facility_end). */
static const char *const FACILITIES[] = {
    "hotel", "stadium", "arena", "prison", "jail", "lodge", "circuit", "airport", "dome", "resort", NULL};

/* The end of a building's name that the run [a, b) opens ("Beaconsfield
 * Hotel", "Cereso II prison"), 0 when it names none. */
static size_t facility_end(const dy_token *toks, size_t n, size_t a, size_t b) {
    if (b > a + 1 && dy_in_list(toks[b - 1].norm, FACILITIES)) return b;
    if (b < n && !(toks[b].flags & DY_TF_CAP) && dy_in_list(toks[b].norm, FACILITIES)) return b + 1;
    return 0;
}

/* Do the words from b tie a name to the place named right after them ("at
 * Jallozai near Peshawar", "at Ghalla Dher on the outskirts of Mardan"), or
 * to one a place word shows ("at Lakkavarapupet in the GK Veedhi mandal")?
 * next: the first known mention at or after b.  2 when tied to that
 * mention, 1 to a name a place word shows, 0 when not tied. */
static int tied_to_next(const dy_token *toks, size_t n, size_t b, const dy_place_mention *out, size_t next,
                         size_t known) {
    size_t k = b;
    if (k + 4 < n && !strcmp(toks[k].norm, "on") && !strcmp(toks[k + 1].norm, "the") &&
        !strcmp(toks[k + 2].norm, "outskirts") && !strcmp(toks[k + 3].norm, "of"))
        k += 4;
    else if (k + 1 < n && (!strcmp(toks[k].norm, "near") || !strcmp(toks[k].norm, "outside") || !strcmp(toks[k].norm, "in")))
        k++;
    else
        return 0;
    if (k + 1 < n && !strcmp(toks[k].norm, "the")) k++;
    if (next < known && out[next].start == k) return 2;
    size_t j = k;
    while (j < n && j < k + 3 && (toks[j].flags & DY_TF_CAP) && is_word(&toks[j]) && !is_head(&toks[j]) &&
           !dy_in_list(toks[j].norm, NOT_PLACE))
        j++;
    return j > k && j < n && is_head(&toks[j]) && !(toks[j].flags & DY_TF_CAP) && !(next < known && out[next].start < j);
}

/* The country a name the gazetteer lacks is in: that of a place named just
 * after it ("Lankachen village in Gadchiroli District", "Cotton Tree,
 * Australia"), else the country the story names most (the dateline's on a
 * tie).  NULL when nothing says. */
static const char *infer_country(const dy_gazetteer *g, const dy_geo_context *ctx, const dy_token *toks,
                                 size_t end, const dy_place_mention *m, size_t nm, const char *local,
                                 bool *near) {
    *near = true;
    for (size_t i = 0; i < nm; i++) {
        if (m[i].inferred || m[i].start < end) continue;
        if (m[i].start - end > 14) break;
        /* Only words that tie the two names: "in", "of", a comma, a place
         * word, a parenthesis ("Bara tehsil (revenue unit) of Khyber"); not
         * "Fallujah, killing seven United States Marines". */
        bool clear = true;
        int paren = 0;
        for (size_t k = end; k < m[i].start && clear; k++) {
            const char *w = toks[k].norm;
            if (!strcmp(w, "(")) paren++;
            else if (!strcmp(w, ")")) paren--;
            else clear = paren > 0 ? !(toks[k].flags & DY_TF_CAP) || is_head(&toks[k])
                                   : dy_in_list(w, CHAIN_WORDS) || dy_in_list(w, COMPASS) || is_head(&toks[k]) ||
                                         dy_in_list(w, CUED_HEADS) || !strcmp(w, "agency") ||
                                         dy_in_list(w, CITY_WORDS) || (toks[k].flags & DY_TF_NUMBER);
        }
        if (clear) return g->places[m[i].place].iso3;
        break;
    }
    if (local) return local;
    *near = false;
    if (!ctx) return NULL;
    const char *best = NULL;
    int bc = 0, second = 0;
    const char *dl = ctx->dateline != UINT32_MAX ? g->places[ctx->dateline].iso3 : NULL;
    for (uint16_t i = 0; i < ctx->ncountries; i++) {
        int c = ctx->countries[i].count * 4096 + DY_MIN(ctx->countries[i].weak, 100) * 32 +
                DY_MIN(ctx->countries[i].hint, 15) * 2 + (dl && !memcmp(dl, ctx->countries[i].iso3, 3));
        if (c > bc) { second = bc; bc = c; best = ctx->countries[i].iso3; }
        else if (c > second) second = c;
    }
    /* A story that names Russia and Germany as often says nothing of where
     * a village is. */
    if (best && bc == second) return NULL;
    return best ? best : dl;
}

/* The country a people's adjective names ("Greek"), NULL when none. */
static const char *demonym_country(const dy_gazetteer *g, const dy_token *t) {
    char key[64];
    key[0] = '@';
    size_t l = dy_geo_fold(t->norm, strlen(t->norm), key + 1, sizeof key - 1);
    const dy_gaz_slot *s = l ? find_slot(g, dy_hash(key, l + 1)) : NULL;
    return s && s->ncand ? g->places[g->cands[s->cand]].iso3 : NULL;
}

static const char *const ISLAND_WORDS[] = {"island", "islands", "isle", "cay", "atoll", "archipelago", NULL};

/* What the sentence itself says of the country of a name [a, b) the
 * gazetteer lacks, before the story's main country: "the Greek island of
 * Samos", "the Afghan village of Zheri"; and for an island, the one country
 * its sentence names ("the northwestern Bahamas ... Andros Island"), since
 * islands so often lie off the country a story is about. */
static const char *local_country(const dy_gazetteer *g, const dy_token *toks, size_t n, size_t a, size_t b,
                                 const dy_place_mention *m, size_t nm) {
    if (a >= 3 && !strcmp(toks[a - 1].norm, "of") && (toks[a - 3].flags & DY_TF_CAP) &&
        (dy_in_list(toks[a - 2].norm, PLACE_HEADS) || dy_in_list(toks[a - 2].norm, CITY_WORDS))) {
        const char *iso = demonym_country(g, &toks[a - 3]);
        if (iso) return iso;
    }
    bool island = dy_in_list(toks[b - 1].norm, ISLAND_WORDS) || (b < n && dy_in_list(toks[b].norm, ISLAND_WORDS)) ||
                  (a >= 2 && !strcmp(toks[a - 1].norm, "of") && dy_in_list(toks[a - 2].norm, ISLAND_WORDS));
    if (!island) return NULL;
    const char *one = NULL;
    for (size_t i = 0; i < nm; i++) {
        const dy_gaz_place *p = &g->places[m[i].place];
        if (m[i].inferred || p->kind != DY_GEO_COUNTRY) continue;
        if (one && memcmp(one, p->iso3, 3)) return NULL;
        one = p->iso3;
    }
    return one;
}

/* The key of the words [a, b), as the gazetteer hashes names. */
static uint64_t run_key(const dy_token *toks, size_t a, size_t b) {
    char word[128];
    uint64_t h = 1469598103934665603ULL;
    for (size_t k = a; k < b; k++) {
        size_t add = dy_geo_fold(toks[k].norm, strlen(toks[k].norm), word, sizeof word);
        if (k > a) { h ^= (unsigned char)' '; h *= 1099511628211ULL; }
        for (size_t j = 0; j < add; j++) { h ^= (unsigned char)word[j]; h *= 1099511628211ULL; }
    }
    return h;
}

static const char *named_country(const dy_geo_context *ctx, uint64_t key) {
    for (uint16_t k = 0; ctx && k < ctx->nnamed; k++)
        if (ctx->named[k].key == key) return ctx->named[k].iso3;
    return NULL;
}

/* The city GeoNames names "Ciudad " + the words [a, b), UINT32_MAX when
 * none. */
static uint32_t ciudad_place(const dy_gazetteer *g, const dy_geo_context *ctx, const dy_token *toks, size_t a,
                             size_t b) {
    uint64_t h = 1469598103934665603ULL;
    for (const char *c = "ciudad "; *c; c++) { h ^= (unsigned char)*c; h *= 1099511628211ULL; }
    char word[128];
    for (size_t k = a; k < b; k++) {
        size_t add = dy_geo_fold(toks[k].norm, strlen(toks[k].norm), word, sizeof word);
        if (!add) return UINT32_MAX;
        if (k > a) { h ^= (unsigned char)' '; h *= 1099511628211ULL; }
        for (size_t j = 0; j < add; j++) { h ^= (unsigned char)word[j]; h *= 1099511628211ULL; }
    }
    const dy_gaz_slot *s = find_slot(g, h);
    return s && s->ncand ? best_of(g, ctx, s, NULL, NULL) : UINT32_MAX;
}

static int cmp_mention(const void *a, const void *b) {
    const dy_place_mention *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

/* Adds the names the gazetteer lacks but the words around show to be
 * places, at country precision (or the subdivision of "Fountain, Colo."),
 * and overrides a small foreign town that a place word shows to be a local
 * place ("the Bara tehsil" in a story about Pakistan is not Bara, Nigeria). */
static size_t add_inferred(const dy_gazetteer *g, const dy_geo_context *ctx, const dy_token *toks, size_t n,
                           dy_place_mention *out, size_t m, size_t max) {
    size_t known = m;
    size_t next = 0;   /* the first known mention at or after the scan position */
    for (size_t i = 0; i < n && m < max; i++) {
        while (next < known && out[next].end <= i) next++;
        if (next < known && out[next].start <= i) {
            /* A known small town followed by a place word, in a story that
             * points elsewhere. */
            dy_place_mention *k = &out[next];
            const dy_gaz_place *p = &g->places[k->place];
            if (k->start == i && !k->qualifier && p->kind == DY_GEO_CITY && p->pop < 100000 &&
                !(p->feat & (DY_GF_PPLC | DY_GF_PPLA)) && k->end < n && is_head(&toks[k->end]) &&
                !(toks[k->end].flags & DY_TF_CAP) &&
                ctx_count(ctx, p->iso3) == 0) {
                bool near;
                const char *iso = infer_country(g, ctx, toks, k->end + 1, out, known, NULL, &near);
                uint32_t c = iso && memcmp(iso, p->iso3, 3) ? dy_gaz_country(g, iso) : UINT32_MAX;
                if (c != UINT32_MAX) { k->place = c; k->inferred = 1; }
            }
            i = k->end - 1;
            continue;
        }
        if (!(toks[i].flags & DY_TF_CAP) || !is_word(&toks[i]) ||
            (i > 0 && toks[i - 1].flags & DY_TF_CAP && is_word(&toks[i - 1])))
            continue;
        /* The capitalised run starting here, up to the next known name. */
        size_t limit = next < known ? out[next].start : n, b = i;
        while (b < limit && b < i + 4 && (toks[b].flags & DY_TF_CAP) && is_word(&toks[b]) && !is_head(&toks[b]) &&
               !cued_head(toks, n, i, b))
            b++;
        if (b == i || (b < n && (toks[b].flags & DY_TF_CAP) && is_word(&toks[b]) && !is_head(&toks[b]) &&
                       !cued_head(toks, n, i, b) && !(next < known && out[next].start == b)))
            continue;
        if (!name_run_ok(toks, i, b)) continue;
        const char *prev = i > 0 ? toks[i - 1].norm : "";
        const char *named = ctx && ctx->nnamed ? named_country(ctx, run_key(toks, i, b)) : NULL;
        uint32_t place = UINT32_MAX;
        bool cue = false;
        uint8_t want;
        size_t alen = 0, fac;
        int tie;
        uint32_t st;
        if (i == 0) {
            /* A sentence's first word is capitalised whatever it is:
             * only a name the story showed to be a place, or one its
             * place word shows ("Palm Beach County in Florida issued"; not
             * "Sukma District Police"). */
            bool headed = b + 1 < n && (toks[b].flags & DY_TF_CAP) && dy_in_list(toks[b].norm, PLACE_HEADS) &&
                          !((toks[b + 1].flags & DY_TF_CAP) && is_word(&toks[b + 1]));
            if (!named && !headed) continue;
            if (named) place = dy_gaz_country(g, named);
            cue = false;
        } else if (b < n && is_head(&toks[b])) {
            /* "Zheri District", "at Bamahni village"; not "an Afghan village"
             * nor "the Afghan province of". */
            if (!strcmp(prev, "a") || !strcmp(prev, "an")) continue;
            /* "the BJP District unit": an acronym is a party or a force. */
            if (b == i + 1 && (toks[i].flags & DY_TF_ALLCAP)) continue;
            if (!strcmp(prev, "the") && b + 1 < n && !strcmp(toks[b + 1].norm, "of")) continue;
            cue = has_cue(toks, i, &want);
        } else if (cued_head(toks, n, i, b)) {
            cue = true;   /* "at Jallozai camp", "in Taito ward" */
        } else if (b + 3 < n && !strcmp(toks[b].norm, ",") && apposition(toks, n, b + 1)) {
            cue = has_cue(toks, i, &want);   /* "Dahshour, a village 40 km south of Cairo" */
        } else if (dy_in_list(prev, CUES) && next < known && out[next].start == b && !out[next].inferred &&
                   g->places[out[next].place].kind != DY_GEO_CITY) {
            place = dy_gaz_country(g, g->places[out[next].place].iso3);   /* "at Quantico Virginia" */
            cue = true;
        } else if (dy_in_list(prev, CUES) && (tie = tied_to_next(toks, n, b, out, next, known)) != 0) {
            /* "at Jallozai near Peshawar": in the country of the place named next */
            if (tie == 2) place = dy_gaz_country(g, g->places[out[next].place].iso3);
            cue = true;
        } else if ((fac = facility_end(toks, n, i, b)) != 0 && fac + 1 < n && next < known &&
                   (!strcmp(toks[fac].norm, "in") || !strcmp(toks[fac].norm, "near") || !strcmp(toks[fac].norm, ",")) &&
                   (out[next].start == fac + 1 ||
                    (out[next].start == fac + 2 && !strcmp(toks[fac + 1].norm, "the")))) {
            /* "the Beaconsfield Hotel in St Kilda": in that place's country;
             * not an event's place (the town named after it is). */
            place = dy_gaz_country(g, g->places[out[next].place].iso3);
            cue = false;
            b = fac;
        } else if (i >= 2 && !strcmp(prev, "of") && !(toks[i - 2].flags & DY_TF_CAP) &&
                   toks[i - 2].norm[strlen(toks[i - 2].norm) - 1] != 's' &&
                   (dy_in_list(toks[i - 2].norm, CITY_WORDS) || dy_in_list(toks[i - 2].norm, ADMIN_WORDS) ||
                    dy_in_list(toks[i - 2].norm, PLACE_HEADS))) {
            cue = has_cue(toks, i, &want);   /* "the town of Guenica" */
        } else if (dy_in_list(prev, CUES) && b + 1 < n && !strcmp(toks[b].norm, ",") &&
                   (st = state_abbr_at(g, toks, n, b + 1, &alen)) != UINT32_MAX) {
            place = st;   /* "in Fountain, Colo." */
            cue = true;
        } else if (dy_in_list(prev, CUES) && b + 1 < n && !strcmp(toks[b].norm, ",") && next < known &&
                   out[next].start == b + 1 && g->places[out[next].place].kind != DY_GEO_CITY) {
            place = dy_gaz_country(g, g->places[out[next].place].iso3);   /* "at Cotton Tree, Australia" */
            cue = true;
        } else if (named) {
            /* "near Miran Wala Bangla Bypass," after "near Miran Wala Bangla
             * Bypass in Faisalabad District": before the story's country. */
            place = dy_gaz_country(g, named);
            cue = has_cue(toks, i, &want);
        } else if ((!strcmp(prev, "in") || !strcmp(prev, "near") || !strcmp(prev, "outside")) &&
                   !(toks[i].flags & DY_TF_ALLCAP) && ctx && ctx->ncountries &&
                   !(i >= 2 && dy_in_list(toks[i - 2].norm, NOT_AFTER)) &&
                   (b == n || (toks[b].flags & DY_TF_PUNCT && strcmp(toks[b].norm, "'s") != 0 &&
                               strcmp(toks[b].norm, "'") != 0) ||
                    dy_in_list(toks[b].norm, AFTER_NAME))) {
            cue = true;   /* "in Hunza on June 13": the story's country */
        } else {
            continue;
        }
        bool near = true;
        if (place == UINT32_MAX) {
            const char *iso = infer_country(g, ctx, toks, b, out, known, local_country(g, toks, n, i, b, out, known), &near);
            /* "the city of Lerdo", "in Obregon": GeoNames keeps "Ciudad
             * Lerdo", "Ciudad Obregón"; the city when its country is the one
             * the words or the story give. */
            uint32_t cz = ciudad_place(g, ctx, toks, i, b);
            if (cz != UINT32_MAX && iso && !memcmp(g->places[cz].iso3, iso, 3)) {
                out[m++] = (dy_place_mention){(uint32_t)i, (uint32_t)b, cz, 0.0f, cue, 0, 0};
                i = b;
                continue;
            }
            place = iso ? dy_gaz_country(g, iso) : UINT32_MAX;
        }
        if (place == UINT32_MAX) continue;
        /* inferred 2: the words around say the country, 1: the story does. */
        out[m] = (dy_place_mention){(uint32_t)i, (uint32_t)b, place, 0.0f, cue, 0, (uint8_t)(near && !named ? 2 : 1)};
        m++;
        i = b;
    }
    if (m > known) qsort(out, m, sizeof *out, cmp_mention);
    return m;
}

/* The best reading of slot q that is a country or subdivision containing a
 * reading of slot s ("Portland" has one in Victoria, Australia; "Paris" has
 * none in Berlin); UINT32_MAX when there is none. */
static uint32_t area_reading(const dy_gazetteer *g, const dy_gaz_slot *q, const dy_gaz_slot *s) {
    uint32_t nq = DY_MIN(q->ncand, 64u), ns = DY_MIN(s->ncand, 64u);
    for (uint32_t k = 0; k < nq; k++) {
        const dy_gaz_place *a = &g->places[g->cands[q->cand + k]];
        if (a->kind == DY_GEO_CITY) continue;
        for (uint32_t j = 0; j < ns; j++) {
            const dy_gaz_place *p = &g->places[g->cands[s->cand + j]];
            if (p->kind < a->kind && !memcmp(p->iso3, a->iso3, 3) &&
                (a->kind == DY_GEO_COUNTRY || !g->strings[p->admin1] ||
                 !strcmp(g->strings + p->admin1, g->strings + a->name)))
                return g->cands[q->cand + k];
        }
    }
    return UINT32_MAX;
}

/* Do the tokens [a, b) join a place to the name that qualifies it?  ","
 * or "(" right before ("Nagoya, Japan", "Jalalabad (Nangarhar Province)"),
 * or "in" ("Zhuhai in China's Guangdong Province", "Geelong, in Victoria"). */
static bool qualifier_gap(const dy_token *toks, size_t a, size_t b) {
    if (a == b) return true;   /* "Ft Meade Maryland": only after a locative (see find_places) */
    if (b == a + 1) return !strcmp(toks[a].norm, ",") || !strcmp(toks[a].norm, "(") || !strcmp(toks[a].norm, "in");
    size_t k = a;
    if (k < b && !strcmp(toks[k].norm, ",")) k++;
    if (k >= b || strcmp(toks[k].norm, "in") != 0) return false;
    k++;
    if (k < b && !strcmp(toks[k].norm, "the")) k++;
    return k == b;
}

/* Names listed together share their qualifier: "Portland or Geelong, in
 * Victoria". */
static bool coordination_gap(const dy_token *toks, size_t a, size_t b) {
    if (b == a + 1) return !strcmp(toks[a].norm, ",") || !strcmp(toks[a].norm, "or") || !strcmp(toks[a].norm, "and");
    return b == a + 2 && !strcmp(toks[a].norm, ",") && (!strcmp(toks[a + 1].norm, "or") || !strcmp(toks[a + 1].norm, "and"));
}

/* A town's one-word name right after a first name ("Peter Jackson",
 * "director Peter Jackson"): a surname.  prev: the raw match before it. */
static bool surname_at(const dy_gazetteer *g, const dy_token *toks, const raw_mention *r, const raw_mention *prev) {
    if (r->end != r->start + 1 || r->start == 0 || (prev && prev->end == r->start)) return false;
    const dy_gaz_place *p = &g->places[g->cands[r->slot->cand]];
    /* A city of millions ("Benito Juarez" and Ciudad Juarez) stays the city. */
    if (p->kind != DY_GEO_CITY || (p->feat & DY_GF_PPLC) || p->pop >= 300000 || (r->slot->flags & DY_GS_COMMON))
        return false;
    const dy_token *t = &toks[r->start - 1];
    return (t->flags & DY_TF_CAP) && is_word(t) && !(t->flags & (DY_TF_ALLCAP | DY_TF_HYPHEN)) &&
           strlen(t->norm) > 2 && !dy_in_list(t->norm, CUES) && !dy_in_list(t->norm, BETWEEN) &&
           !dy_in_list(t->norm, HEADS) && !dy_in_list(t->norm, DIRECTIONS) && !dy_in_list(t->norm, NOT_PLACE) &&
           !dy_in_list(t->norm, FUNCTION_WORDS) && !dy_in_list(t->norm, NOT_PLACE_BEFORE) && !demonym(t->norm);
}

static bool is_person(const dy_gazetteer *g, const dy_geo_context *c, const dy_gaz_slot *s) {
    uint32_t k = (uint32_t)(s - g->slots);
    for (uint16_t i = 0; c && i < c->npersons; i++)
        if (c->persons[i] == k) return true;
    return false;
}

/* Was a reading of this name located earlier in the story?  Then a bare
 * repeat is that place too ("the village of Mahala ... approaching Mahala
 * ... Mahala is a Moslem village"): one sense per story.  Keys as
 * ctx_once's for located places. */
static bool located_before(const dy_gazetteer *g, const dy_geo_context *story, const dy_gaz_slot *slot) {
    if (!story || !slot) return false;
    for (uint32_t c = 0; c < slot->ncand; c++) {
        /* towns only: a country or a state turned down here is an adjective
         * or part of a longer name ("U.S. Congressman", "Taiwan Strait") */
        if (g->places[g->cands[slot->cand + c]].kind != DY_GEO_CITY) continue;
        uint64_t key = ((uint64_t)g->cands[slot->cand + c] << 1) ^ 0x9e3779b97f4a7c15ULL;
        for (uint16_t k = 0; k < story->nseen; k++)
            if (story->seen[k] == key) return true;
    }
    return false;
}

/* infer: also the places the gazetteer lacks (not for the story's context,
 * which they cannot inform: they are drawn from it).  story: the context
 * being built, where surnames are recorded (NULL when locating). */
static size_t find_places(const dy_gazetteer *g, const dy_geo_context *ctx, const dy_token *toks, size_t n,
                          dy_place_mention *out, size_t max, bool infer, uint32_t *opens, size_t *nopens,
                          uint32_t *hints, size_t *nhints, dy_geo_context *story) {
    const dy_geo_context *people = ctx ? ctx : story;
    raw_mention raw[DY_GEO_MAX_RAW];
    uint8_t cue[DY_GEO_MAX_RAW], want[DY_GEO_MAX_RAW];
    /* qual[i]: 1 + the raw mention that qualifies mention i, 0 none;
     * qread[j]: the country or subdivision reading of qualifier j. */
    uint8_t qual[DY_GEO_MAX_RAW], is_qual[DY_GEO_MAX_RAW];
    uint32_t qread[DY_GEO_MAX_RAW];
    size_t nr = find_raw(g, toks, n, raw, DY_GEO_MAX_RAW), m = 0;
    for (size_t i = 0; i < nr; i++) {
        cue[i] = has_cue(toks, raw[i].start, &want[i]);
        /* "in Paris and Lyon", "in Madrid, Lievin or Rome": a list shares its locative. */
        if (!cue[i] && i > 0 && raw[i - 1].slot && cue[i - 1] &&
            coordination_gap(toks, raw[i - 1].end, raw[i].start) &&
            (raw[i].start != raw[i - 1].end + 1 || strcmp(toks[raw[i - 1].end].norm, ",") != 0 ||
             (g->places[g->cands[raw[i].slot->cand]].kind == DY_GEO_CITY &&
              g->places[g->cands[raw[i - 1].slot->cand]].kind == DY_GEO_CITY)))
            cue[i] = 1;   /* a bare comma only between cities: not "in Washington, Russia said" */
        /* "Ft Meade Maryland": a place and its subdivision, no comma. */
        bool chained = i + 1 < nr && raw[i + 1].start == raw[i].end && cue[i] &&
                       area_reading(g, raw[i + 1].slot, raw[i].slot) != UINT32_MAX;
        /* "a Kolkata based company", "the Khartoum-based government". */
        const char *last = toks[raw[i].end - 1].norm;
        size_t ll = strlen(last);
        bool based = (raw[i].end < n && !strcmp(toks[raw[i].end].norm, "based")) || place_suffix(last, ll) > 0;
        /* "AUGUSTA, Ga. --", "Kodiak, Alaska, said": a qualified name is a
         * place however small (a bare small town is more often a surname). */
        size_t alen0;
        bool qualified = raw[i].end + 1 < n && !strcmp(toks[raw[i].end].norm, ",") &&
                         ((i + 1 < nr && raw[i + 1].start == raw[i].end + 1 &&
                           area_reading(g, raw[i + 1].slot, raw[i].slot) != UINT32_MAX) ||
                          state_abbr_at(g, toks, n, raw[i].end + 1, &alen0) != UINT32_MAX);
        /* "Peter Jackson ... Jackson said": the man; "in Jackson" the town. */
        if (story && story->npersons < DY_ARRAY_LEN(story->persons) && surname_at(g, toks, &raw[i], i ? &raw[i - 1] : NULL) &&
            !is_person(g, story, raw[i].slot))
            story->persons[story->npersons++] = (uint32_t)(raw[i].slot - g->slots);
        bool person = people && people->npersons && !cue[i] && !want[i] && raw[i].end == raw[i].start + 1 &&
                      is_person(g, people, raw[i].slot);
        if (person) {
            raw[i].slot = NULL;
        /* "governor of the state of Falcon": the words before introduce a place. */
        } else if (!plausible(g, toks, n, &raw[i], cue[i] || want[i] || based || qualified, chained) &&
            !located_before(g, story ? story : ctx, raw[i].slot) && !(i > 0 && raw[i - 1].slot && raw[i - 1].end == raw[i].start && cue[i - 1] &&
              area_reading(g, raw[i].slot, raw[i - 1].slot) != UINT32_MAX)) {
            /* "Virginia Tech", "Maryland Terrapins": a subdivision that opens
             * a longer name is no place of the sentence, but says which
             * country the story is about. */
            uint32_t f = g->cands[raw[i].slot->cand];
            if (opens && *nopens < DY_GEO_MAX_RAW && g->places[f].kind == DY_GEO_ADMIN1 && raw[i].end < n &&
                !(raw[i].slot->flags & DY_GS_COMMON) && !(toks[raw[i].start].flags & DY_TF_ALLCAP) &&
                !dy_in_list(toks[raw[i].start].norm, DIRECTIONS) && !dy_in_list(toks[raw[i].start].norm, FUNCTION_WORDS) &&
                (toks[raw[i].end].flags & DY_TF_CAP) && is_word(&toks[raw[i].end]) &&
                !(raw[i].start > 0 && (toks[raw[i].start - 1].flags & DY_TF_CAP) && is_word(&toks[raw[i].start - 1])))
                opens[(*nopens)++] = f;
            /* "Communist Party of India", "Sri Lanka captain": a country
             * inside a longer name hints at where the story is. */
            else if (hints && *nhints < DY_GEO_MAX_RAW && g->places[f].kind == DY_GEO_COUNTRY &&
                     !(raw[i].slot->flags & DY_GS_COMMON) && !dy_in_list(toks[raw[i].start].norm, FUNCTION_WORDS))
                hints[(*nhints)++] = f;
            raw[i].slot = NULL;
        }
        qual[i] = is_qual[i] = 0;
        qread[i] = UINT32_MAX;
    }
    for (size_t i = nr; i-- > 0;) {
        if (!raw[i].slot || i + 1 >= nr || !raw[i + 1].slot) continue;
        if (qualifier_gap(toks, raw[i].end, raw[i + 1].start)) {
            uint32_t q = area_reading(g, raw[i + 1].slot, raw[i].slot);
            /* Only a smaller place is qualified: not "Japan, China". */
            uint32_t self = g->cands[raw[i].slot->cand];
            if (q != UINT32_MAX && !(g->places[self].kind == DY_GEO_COUNTRY) &&
                (strcmp(toks[raw[i].end].norm, "in") != 0 || raw[i + 1].start == raw[i].end + 1)) {
                qual[i] = (uint8_t)(i + 2);
                qread[i + 1] = q;
            }
        } else if (qual[i + 1] && coordination_gap(toks, raw[i].end, raw[i + 1].start) &&
                   g->places[g->cands[raw[i].slot->cand]].kind != DY_GEO_COUNTRY) {
            qual[i] = qual[i + 1];
        }
    }
    for (size_t i = 0; i < nr; i++)
        if (qual[i]) is_qual[qual[i] - 1] = 1;
    for (size_t i = 0; i < nr && m < max; i++) {
        if (!raw[i].slot) continue;
        resolve_hints hi = {0};
        hi.want = want[i] ? want[i] : kind_after(toks, n, raw[i].start, raw[i].end);
        uint32_t sk = (uint32_t)(raw[i].slot - g->slots);
        if (hi.want && story && story->nkinds < DY_ARRAY_LEN(story->kinds)) {
            story->kinds[story->nkinds].slot = sk;
            story->kinds[story->nkinds++].want = hi.want;
        }
        for (uint16_t k = 0; !hi.want && ctx && k < ctx->nkinds; k++)
            if (ctx->kinds[k].slot == sk) hi.want = ctx->kinds[k].want;
        uint32_t abbr = UINT32_MAX;
        size_t alen = 0;
        if (qual[i]) {
            /* "Nagoya, Japan", "Springfield, Mass.", "Geelong, in Victoria". */
            const dy_gaz_place *qp = &g->places[qread[qual[i] - 1]];
            hi.iso3 = qp->iso3;
            hi.admin1 = qp->kind == DY_GEO_ADMIN1 ? g->strings + qp->name : NULL;
            hi.qkind = qp->kind;
        } else if (raw[i].end + 1 < n && !strcmp(toks[raw[i].end].norm, ",") &&
                   (abbr = state_abbr_at(g, toks, n, raw[i].end + 1, &alen)) != UINT32_MAX) {
            hi.iso3 = g->places[abbr].iso3;
            hi.admin1 = g->strings + g->places[abbr].name;
            hi.qkind = DY_GEO_ADMIN1;
        }
        uint32_t self = best_of(g, NULL, raw[i].slot, NULL, NULL);
        hi.self = g->places[self].iso3;
        if (is_qual[i]) {
            /* A qualifier is the country or subdivision it reads as, within
             * the qualified place's country ("New York, New York" is the
             * state). */
            const dy_gaz_place *qp = &g->places[qread[i]];
            resolve_hints qh = {qp->iso3, NULL, NULL, DY_GEO_COUNTRY + 1, (uint8_t)(1 + qp->kind)};
            for (size_t k = 0; k < i; k++)
                if (qual[k] == i + 1 && m > 0) {
                    /* the country the qualified place resolved to */
                    for (size_t j = m; j-- > 0;)
                        if (out[j].start == raw[k].start) { qh.iso3 = g->places[out[j].place].iso3; break; }
                    break;
                }
            out[m] = (dy_place_mention){raw[i].start, raw[i].end, 0, 0.0f, cue[i], 1, 0};
            out[m].place = best_of(g, ctx, raw[i].slot, &qh, &out[m].score);
            m++;
            continue;
        }
        out[m] = (dy_place_mention){raw[i].start, raw[i].end, 0, 0.0f, cue[i], 0, 0};
        out[m].place = best_of(g, ctx, raw[i].slot, &hi, &out[m].score);
        /* "Southern California", "Southern Russia": a part of the region,
         * named from the direction word on (the region stands for it). */
        size_t d = raw[i].start;
        if (d > 0 && g->places[out[m].place].kind != DY_GEO_CITY && (toks[d - 1].flags & DY_TF_CAP) &&
            dy_in_list(toks[d - 1].norm, DIRECTIONS) && !(toks[d - 1].flags & DY_TF_ALLCAP) &&
            (d == 1 || !((toks[d - 2].flags & DY_TF_CAP) && is_word(&toks[d - 2]))))
            out[m].start = (uint32_t)(d - 1);
        m++;
        if (abbr != UINT32_MAX && m < max) {
            uint32_t a = raw[i].end + 1;
            out[m++] = (dy_place_mention){a, (uint32_t)(a + alen), abbr, 0.0f, 0, 1, 0};
            while (i + 1 < nr && raw[i + 1].start < a + alen) i++;   /* "Ind." is not India */
        }
    }
    return infer ? add_inferred(g, ctx, toks, n, out, m, max) : m;
}

size_t dy_geo_places(const dy_gazetteer *g, const dy_geo_context *ctx,
                     const dy_token *toks, size_t n, dy_place_mention *out, size_t max) {
    return find_places(g, ctx, toks, n, out, max, true, NULL, NULL, NULL, NULL, NULL);
}

/* ---- story context ---- */

/* The country or subdivision a dateline's region names ("Mass.",
 * "Afghanistan", "N.M."); UINT32_MAX when none. */
static uint32_t region_place(const dy_gazetteer *g, const char *region) {
    char key[64];
    size_t n = strlen(region);
    while (n && region[n - 1] == '.') n--;
    size_t l = n < sizeof key ? dy_geo_fold(region, n, key, sizeof key) : 0;
    if (!l) return UINT32_MAX;
    const char *name = NULL, *iso = NULL;
    for (size_t i = 0; i < DY_ARRAY_LEN(STATE_ABBR) && !name; i++)
        if (!strcmp(key, STATE_ABBR[i].abbr)) { name = STATE_ABBR[i].name; iso = STATE_ABBR[i].iso3; }
    if (name) l = dy_geo_fold(name, strlen(name), key, sizeof key);
    const dy_gaz_slot *s = l ? find_slot(g, dy_hash(key, l)) : NULL;
    for (uint32_t c = 0; s && c < DY_MIN(s->ncand, 64u); c++) {
        uint32_t p = g->cands[s->cand + c];
        if (g->places[p].kind != DY_GEO_CITY && (!iso || !memcmp(g->places[p].iso3, iso, 3))) return p;
    }
    return UINT32_MAX;
}

void dy_geo_story_begin(const dy_gazetteer *g, dy_geo_context *ctx, const char *dateline_place) {
    memset(ctx, 0, sizeof *ctx);
    ctx->dateline = UINT32_MAX;
    if (!dateline_place) return;
    /* "Springfield, Mass.": the place, and the region that qualifies it. */
    const char *comma = strchr(dateline_place, ',');
    size_t pn = comma ? (size_t)(comma - dateline_place) : strlen(dateline_place);
    char key[256];
    size_t n = dy_geo_fold(dateline_place, pn, key, sizeof key);
    const dy_gaz_slot *s = n ? find_slot(g, dy_hash(key, n)) : NULL;
    /* Datelines name cities: "SINGAPORE" is the city, "NEW YORK" too. */
    resolve_hints hi = {0};
    hi.want = 1 + DY_GEO_CITY;
    uint32_t r = comma ? region_place(g, comma + 1 + strspn(comma + 1, " ")) : UINT32_MAX;
    if (r != UINT32_MAX) {
        hi.iso3 = g->places[r].iso3;
        hi.admin1 = g->places[r].kind == DY_GEO_ADMIN1 ? g->strings + g->places[r].name : NULL;
        hi.qkind = g->places[r].kind;
    }
    if (s && s->ncand) ctx->dateline = best_of(g, NULL, s, &hi, NULL);
}

/* Counts one piece of evidence per key (a place index, or a cue word). */
static void ctx_once(dy_geo_context *ctx, uint64_t key, const char *iso3, bool strong) {
    key ^= 0x9e3779b97f4a7c15ULL;
    for (uint16_t k = 0; k < ctx->nseen; k++)
        if (ctx->seen[k] == key) return;
    if (ctx->nseen < DY_ARRAY_LEN(ctx->seen)) ctx->seen[ctx->nseen++] = key;
    ctx_add(ctx, iso3, strong);
}

/* "border", "frontier" at token k, after at most one more capitalised
 * word ("the Indian border", "Pak Afghan border", "the Afghan-Pakistani
 * frontier"). */
static bool border_after(const dy_token *toks, size_t n, size_t k) {
    static const char *const BORDER[] = {"border", "borders", "frontier", "frontiers", "boundary", "border-crossing", NULL};
    if (k < n && (toks[k].flags & DY_TF_CAP) && is_word(&toks[k]) && k + 1 < n && dy_in_list(toks[k + 1].norm, BORDER)) return true;
    if (k + 1 < n && !strcmp(toks[k].norm, "-")) k += 2;   /* "Afghan - Pakistan border" */
    return k < n && dy_in_list(toks[k].norm, BORDER);
}

/* Words only American politics uses: "Gov. Sonny Perdue", "Democrats",
 * "the GOP" place a story in the United States (where "Georgia" is the
 * state). */
static bool us_cue(const dy_token *toks, size_t n, size_t i) {
    const char *w = toks[i].norm;
    if (w[0] != 'd' && w[0] != 'r' && w[0] != 'g' && w[0] != 's') return false;
    if (!strcmp(w, "democrats") || !strcmp(w, "republicans") || !strcmp(w, "gop")) return true;
    return (!strcmp(w, "gov.") || !strcmp(w, "sen.") || !strcmp(w, "rep.")) && i + 1 < n &&
           (toks[i + 1].flags & DY_TF_CAP) && is_word(&toks[i + 1]);
}

void dy_geo_story_add(const dy_gazetteer *g, dy_geo_context *ctx, const dy_token *toks, size_t n) {
    dy_place_mention m[DY_GEO_MAX_RAW];
    uint32_t opens[DY_GEO_MAX_RAW], hints[DY_GEO_MAX_RAW];
    size_t nopens = 0, nhints = 0;
    size_t nm = find_places(g, NULL, toks, n, m, DY_GEO_MAX_RAW, false, opens, &nopens, hints, &nhints, ctx);
    for (size_t i = 0; i < nm; i++) {
        const dy_gaz_place *p = &g->places[m[i].place];
        /* Only readings that stand without context are evidence for others;
         * and not where someone is based ("US-based Alistair Cragg" in a
         * story about Irish athletes), which says nothing of the story. */
        const char *last = toks[m[i].end - 1].norm;
        size_t ll = strlen(last);
        bool based = place_suffix(last, ll) > 0 || (m[i].end < n && !strcmp(toks[m[i].end].norm, "based"));
        ctx_once(ctx, (uint64_t)m[i].place << 1, p->iso3,
                 !based && (p->kind != DY_GEO_CITY || p->pop >= 100000 || (p->feat & (DY_GF_PPLC | DY_GF_PPLA)) ||
                            m[i].qualifier || (i + 1 < nm && m[i + 1].qualifier)));
    }
    for (size_t i = 0; i < nopens; i++) ctx_once(ctx, (uint64_t)opens[i] << 1, g->places[opens[i]].iso3, true);
    for (size_t i = 0; i < nhints; i++) ctx_add_as(ctx, g->places[hints[i]].iso3, 0);
    /* Names the words around show to be places, for their other mentions. */
    size_t all = add_inferred(g, ctx, toks, n, m, nm, DY_GEO_MAX_RAW);
    for (size_t i = 0; i < all && ctx->nnamed < DY_ARRAY_LEN(ctx->named); i++) {
        /* Only names the words around placed: the story's context is
         * still partial here. */
        if (m[i].inferred != 2 || g->places[m[i].place].kind != DY_GEO_COUNTRY) continue;
        uint64_t key = run_key(toks, m[i].start, m[i].end);
        if (named_country(ctx, key)) continue;
        ctx->named[ctx->nnamed].key = key;
        memcpy(ctx->named[ctx->nnamed].iso3, g->places[m[i].place].iso3, 4);
        ctx->nnamed++;
    }
    /* "Indian soldiers", "Pakistani police": a people's adjective; but not
     * before a border ("smuggled from the Indian border", "along Pak Afghan
     * border"), which is where the story's country ends. */
    /* Every adjective the gazetteer knows, not only those demonym() can
     * tell by their ending: "Kenyan", "Nepali", "Icelandic". */
    for (size_t i = 0; i < n; i++)
        if ((toks[i].flags & DY_TF_CAP) && is_word(&toks[i]) && !(toks[i].flags & DY_TF_ALLCAP) &&
            !border_after(toks, n, i + 1)) {
            const char *iso = demonym_country(g, &toks[i]);
            if (iso) ctx_add_as(ctx, iso, 0);
        }
    for (size_t i = 0; i < n; i++)
        if ((toks[i].flags & DY_TF_CAP) && us_cue(toks, n, i)) { ctx_once(ctx, 1, "USA", true); break; }
}

/* ---- locating an event ---- */

static const char *precision_of(uint8_t kind) {
    return kind == DY_GEO_COUNTRY ? "country" : kind == DY_GEO_ADMIN1 ? "admin1" : "city";
}

void dy_geo_fill(const dy_gazetteer *g, uint32_t i, const char *from, dyad_location *out) {
    dy_place p;
    dy_gaz_get(g, i, &p);
    out->name = p.name;
    memcpy(out->country, p.country, 4);
    out->admin1 = p.admin1;
    out->lat = p.lat;
    out->lon = p.lon;
    out->geonames_id = p.geonames_id;
    out->precision = precision_of(p.kind);
    out->from = from;
}

bool dy_geo_locate_in(const dy_gazetteer *g, const dy_geo_context *ctx,
                      const dy_place_mention *m, size_t nm, uint32_t ev_start, uint32_t ev_end,
                      const char *src_country, const char *tgt_country, dyad_location *out) {
    size_t best = SIZE_MAX;
    uint32_t bestd = UINT32_MAX;
    for (size_t i = 0; i < nm; i++) {
        if (!m[i].cue || m[i].qualifier) continue;
        /* A place the gazetteer lacks, in the dateline's country: the
         * dateline's city says more than the country would. */
        if (m[i].inferred && ctx && ctx->dateline != UINT32_MAX &&
            !memcmp(g->places[m[i].place].iso3, g->places[ctx->dateline].iso3, 3))
            continue;
        /* Nearest to the event; a place after it ("met ... in Osaka") before
         * one ahead of it, and a more specific place on a tie. */
        uint32_t d = m[i].start >= ev_end ? 2 * (m[i].start - ev_end)
                   : m[i].start >= ev_start ? 0 : 2 * (ev_start - m[i].start) + 1;
        if (d < bestd || (d == bestd && g->places[m[i].place].kind < g->places[m[best].place].kind)) {
            bestd = d;
            best = i;
        }
    }
    if (best != SIZE_MAX) { dy_geo_fill(g, m[best].place, "sentence", out); return true; }
    if (ctx && ctx->dateline != UINT32_MAX) { dy_geo_fill(g, ctx->dateline, "dateline", out); return true; }
    const char *cs[2] = {tgt_country, src_country};
    for (int k = 0; k < 2; k++) {
        uint32_t c = dy_gaz_country(g, cs[k]);
        if (c != UINT32_MAX) { dy_geo_fill(g, c, "actor", out); return true; }
    }
    return false;
}

bool dy_geo_locate(const dy_gazetteer *g, const dy_geo_context *ctx,
                   const dy_token *toks, size_t n, uint32_t ev_start, uint32_t ev_end,
                   const char *src_country, const char *tgt_country, dyad_location *out) {
    dy_place_mention m[32];
    size_t nm = dy_geo_places(g, ctx, toks, n, m, DY_ARRAY_LEN(m));
    return dy_geo_locate_in(g, ctx, m, nm, ev_start, ev_end, src_country, tgt_country, out);
}
