/* export_formats.c — one event (or one-a-day group) as a row of GDELT 2.0,
 * Phoenix, ICEWS, PLOVER or dyad JSON Lines, and the export loop.
 * docs/formats.md is the column-by-column reference for what is written. */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output/event_json.h"
#include "output/export.h"

static const char *const format_names[] = {"jsonl", "gdelt", "phoenix", "icews", "plover"};

int dy_export_format_parse(const char *name, dy_export_format *out) {
    for (size_t i = 0; i < DY_ARRAY_LEN(format_names); i++)
        if (!strcmp(name, format_names[i])) { *out = (dy_export_format)i; return 0; }
    return -1;
}

int dy_export_ncolumns(dy_export_format f) {
    switch (f) {
    case DY_EXPORT_GDELT: return 61;
    case DY_EXPORT_PHOENIX: return 26;
    case DY_EXPORT_ICEWS: return 20;
    default: return 0;
    }
}

/* CAMEO actor type (role/sector) codes and their codebook names: GDELT's
 * ActorNType columns take the codes, ICEWS's sector columns the names. */
static const struct { const char *code, *name; } actor_types[] = {
    {"AGR", "Agriculture"}, {"BUS", "Business"}, {"COP", "Police"}, {"CRM", "Criminal"},
    {"CVL", "Civilian"}, {"DEV", "Development"}, {"EDU", "Education"}, {"ELI", "Elites"},
    {"ENV", "Environment"}, {"GOV", "Government"}, {"HLH", "Health"}, {"HRI", "Human Rights"},
    {"IGO", "International Governmental Organization"},
    {"IMG", "International Militarized Group"}, {"INS", "Insurgents"}, {"JUD", "Judiciary"},
    {"LAB", "Labor"}, {"LEG", "Legislature"}, {"MED", "Media"}, {"MIL", "Military"},
    {"MNC", "Multinational Corporation"}, {"MOD", "Moderate"}, {"NGM", "Non-Governmental Movement"},
    {"NGO", "Non-Governmental Organization"}, {"OPP", "Opposition"}, {"PTY", "Political Party"},
    {"RAD", "Radical"}, {"REB", "Rebels"}, {"REF", "Refugees"}, {"SEP", "Separatists"},
    {"SET", "Settlers"}, {"SPY", "Intelligence"}, {"UAF", "Unidentified Armed Forces"},
};

static const char *type_name(const char *code3) {
    for (size_t i = 0; i < DY_ARRAY_LEN(actor_types); i++)
        if (!strncmp(actor_types[i].code, code3, 3)) return actor_types[i].name;
    return NULL;
}

/* The type codes of an actor code, in order: "RUSGOVMIL" -> GOV, MIL. */
static size_t actor_type_codes(const char *actor, char out[][4], size_t max) {
    size_t n = 0, len = strlen(actor);
    for (size_t i = 0; i + 3 <= len && n < max; i += 3) {
        char c[4] = {actor[i], actor[i + 1], actor[i + 2], 0};
        if (type_name(c)) memcpy(out[n++], c, 4);
    }
    return n;
}

/* A TSV field: tabs and line breaks would break the row. */
static void field(dy_buf *b, const char *v, int first) {
    if (!first) dy_buf_addc(b, '\t');
    for (; v && *v; v++) dy_buf_addc(b, (*v == '\t' || *v == '\n' || *v == '\r') ? ' ' : *v);
}

static void fieldf(dy_buf *b, const char *fmt, double v) {
    char num[64];
    snprintf(num, sizeof num, fmt, v);
    field(b, num, 0);
}

static void fieldl(dy_buf *b, long long v) {
    char num[32];
    snprintf(num, sizeof num, "%lld", v);
    field(b, num, 0);
}

static void first_id(dy_buf *b, long long id) {
    char num[32];
    snprintf(num, sizeof num, "%lld", id);
    field(b, num, 1);
}

/* Distinct non-empty values of one provenance field, ';'-joined. */
enum { P_STORY, P_URL, P_PUB };
static void prov_list(dy_buf *b, const dy_event_group *g, int which) {
    dy_buf_addc(b, '\t');
    size_t start = b->len;
    for (size_t i = 0; i < g->nprov; i++) {
        const dy_provenance *p = &g->prov[i];
        const char *v = which == P_STORY ? p->story_id : which == P_URL ? p->url : p->publisher;
        if (!v || !*v) continue;
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++) {
            const dy_provenance *q = &g->prov[j];
            const char *w = which == P_STORY ? q->story_id : which == P_URL ? q->url : q->publisher;
            seen = w && !strcmp(v, w);
        }
        if (seen) continue;
        if (b->len > start) dy_buf_addc(b, ';');
        field(b, v, 1);
    }
}

static void compact_date(const char *date, char out[9]) {
    snprintf(out, 9, "%.4s%.2s%.2s", date, date + 5, date + 8);
}

/* ---- GDELT 2.0 ------------------------------------------------------- */

static const char gdelt_header[] =
    "GLOBALEVENTID\tSQLDATE\tMonthYear\tYear\tFractionDate\tActor1Code\tActor1Name\t"
    "Actor1CountryCode\tActor1KnownGroupCode\tActor1EthnicCode\tActor1Religion1Code\t"
    "Actor1Religion2Code\tActor1Type1Code\tActor1Type2Code\tActor1Type3Code\tActor2Code\t"
    "Actor2Name\tActor2CountryCode\tActor2KnownGroupCode\tActor2EthnicCode\t"
    "Actor2Religion1Code\tActor2Religion2Code\tActor2Type1Code\tActor2Type2Code\t"
    "Actor2Type3Code\tIsRootEvent\tEventCode\tEventBaseCode\tEventRootCode\tQuadClass\t"
    "GoldsteinScale\tNumMentions\tNumSources\tNumArticles\tAvgTone\tActor1Geo_Type\t"
    "Actor1Geo_FullName\tActor1Geo_CountryCode\tActor1Geo_ADM1Code\tActor1Geo_ADM2Code\t"
    "Actor1Geo_Lat\tActor1Geo_Long\tActor1Geo_FeatureID\tActor2Geo_Type\tActor2Geo_FullName\t"
    "Actor2Geo_CountryCode\tActor2Geo_ADM1Code\tActor2Geo_ADM2Code\tActor2Geo_Lat\t"
    "Actor2Geo_Long\tActor2Geo_FeatureID\tActionGeo_Type\tActionGeo_FullName\t"
    "ActionGeo_CountryCode\tActionGeo_ADM1Code\tActionGeo_ADM2Code\tActionGeo_Lat\t"
    "ActionGeo_Long\tActionGeo_FeatureID\tDATEADDED\tSOURCEURL\n";

static void gdelt_actor(dy_buf *b, const char *code, const char *name, const char *country) {
    char types[3][4];
    size_t nt = actor_type_codes(code, types, 3);
    field(b, code, 0);
    field(b, name, 0);
    field(b, country, 0);
    for (int i = 0; i < 4; i++) field(b, "", 0);   /* known group, ethnic, religion 1, 2 */
    for (size_t i = 0; i < 3; i++) field(b, i < nt ? types[i] : "", 0);
}

/* GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state. */
static int gdelt_geo_type(const dyad_location *l) {
    int us = !strcmp(l->country, "USA");
    if (!strcmp(l->precision, "country")) return 1;
    if (!strcmp(l->precision, "admin1")) return us ? 2 : 5;
    if (!strcmp(l->precision, "city")) return us ? 3 : 4;
    return 0;
}

static void gdelt_row(const dy_export_tables *t, const dy_event_group *g, dy_buf *b) {
    const dyad_event *e = &g->ev;
    int y = 0, m = 0, d = 0;
    int32_t days = 0;
    dy_parse_date(e->date, strlen(e->date), &days);
    dy_civil_from_days(days, &y, &m, &d);
    char ymd[9], num[32];
    compact_date(e->date, ymd);
    first_id(b, g->id);
    field(b, ymd, 0);
    snprintf(num, sizeof num, "%04d%02d", y, m); field(b, num, 0);
    snprintf(num, sizeof num, "%04d", y); field(b, num, 0);
    int doy = (int)(days - dy_days_from_civil(y, 1, 1));
    fieldf(b, "%.4f", y + doy / 365.0);
    gdelt_actor(b, e->source, e->source_text, e->source_country);
    gdelt_actor(b, e->target, e->target_text, e->target_country);
    field(b, e->sentence == 0 ? "1" : "0", 0);
    field(b, e->code, 0);
    snprintf(num, sizeof num, "%.3s", e->code); field(b, num, 0);
    field(b, e->root_code, 0);
    fieldl(b, e->quad_class);
    fieldf(b, "%.1f", e->goldstein);
    fieldl(b, (long long)g->mentions);
    fieldl(b, (long long)g->sources);
    fieldl(b, (long long)g->stories);
    field(b, "", 0);                                /* AvgTone: dyad does not score tone */
    for (int i = 0; i < 16; i++) field(b, "", 0);   /* Actor1Geo_*, Actor2Geo_* */
    const dyad_location *l = e->location;
    int gt = l ? gdelt_geo_type(l) : 0;
    if (l && gt) {
        dy_buf full = {0};
        const char *parts[3] = {l->name, l->admin1, dy_country_name(t, l->country)};
        for (int i = 0; i < 3; i++) {
            if (!parts[i] || !*parts[i]) continue;
            if (full.len && strstr(full.s, parts[i])) continue;   /* "Russia, Russia" */
            if (full.len) dy_buf_adds(&full, ", ");
            dy_buf_adds(&full, parts[i]);
        }
        const char *fips = dy_country_fips(t, l->country);
        fieldl(b, gt);
        field(b, full.s ? full.s : "", 0);
        field(b, fips, 0);
        field(b, gt == 1 ? fips : "", 0);           /* ADM1: GDELT repeats the country code */
        field(b, "", 0);                            /* ADM2 */
        fieldf(b, "%.4f", l->lat);
        fieldf(b, "%.4f", l->lon);
        field(b, "", 0);                            /* FeatureID: GNS ids, not GeoNames */
        dy_buf_free(&full);
    } else {
        for (int i = 0; i < 8; i++) field(b, "", 0);
    }
    char added[15] = "";
    const char *ia = g->ingested_at ? g->ingested_at : "";
    if (strlen(ia) >= 19)
        snprintf(added, sizeof added, "%.4s%.2s%.2s%.2s%.2s%.2s", ia, ia + 5, ia + 8, ia + 11,
                 ia + 14, ia + 17);
    field(b, added, 0);
    field(b, e->story_url, 0);
    dy_buf_addc(b, '\n');
}

/* ---- Phoenix ----------------------------------------------------------- */

static const char phoenix_header[] =
    "id\tdate\tyear\tmonth\tday\tsource\tsrc_root\tsrc_agent\tsrc_other\ttarget\ttgt_root\t"
    "tgt_agent\ttgt_other\tcode\troot_code\tquad_class\tgoldstein\tissues\tlat\tlon\tplace\t"
    "state\tcountry\tids\turls\tsources\n";

/* "RUSGOVMILELI" -> root RUS, agent GOV, others MIL;ELI (Phoenix splits codes by position). */
static void phoenix_actor(dy_buf *b, const char *code) {
    size_t n = strlen(code);
    char part[4];
    field(b, code, 0);
    snprintf(part, sizeof part, "%.3s", code);
    field(b, part, 0);
    snprintf(part, sizeof part, "%.3s", n > 3 ? code + 3 : "");
    field(b, part, 0);
    dy_buf_addc(b, '\t');
    for (size_t i = 6; i < n; i += 3) {
        if (i > 6) dy_buf_addc(b, ';');
        dy_buf_add(b, code + i, DY_MIN((size_t)3, n - i));
    }
}

static void phoenix_row(const dy_event_group *g, dy_buf *b) {
    const dyad_event *e = &g->ev;
    char ymd[9], part[8];
    compact_date(e->date, ymd);
    first_id(b, g->id);
    field(b, ymd, 0);
    snprintf(part, sizeof part, "%.4s", e->date); field(b, part, 0);
    snprintf(part, sizeof part, "%.2s", e->date + 5); field(b, part, 0);
    snprintf(part, sizeof part, "%.2s", e->date + 8); field(b, part, 0);
    phoenix_actor(b, e->source);
    phoenix_actor(b, e->target);
    field(b, e->code, 0);
    field(b, e->root_code, 0);
    fieldl(b, e->quad_class);
    fieldf(b, "%.1f", e->goldstein);
    dy_buf_addc(b, '\t');
    for (size_t i = 0; e->issues && e->issues[i]; i++) {
        if (i) dy_buf_addc(b, ';');
        field(b, e->issues[i], 1);
    }
    const dyad_location *l = e->location;
    if (l) {
        fieldf(b, "%.4f", l->lat);
        fieldf(b, "%.4f", l->lon);
        field(b, l->name, 0);
        field(b, l->admin1, 0);
        field(b, l->country, 0);
    } else {
        for (int i = 0; i < 5; i++) field(b, "", 0);
    }
    prov_list(b, g, P_STORY);
    prov_list(b, g, P_URL);
    prov_list(b, g, P_PUB);
    dy_buf_addc(b, '\n');
}

/* ---- ICEWS ------------------------------------------------------------- */

static const char icews_header[] =
    "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\t"
    "CAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\t"
    "Sentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude\n";

static void icews_sectors(dy_buf *b, const char *code) {
    char types[8][4];
    size_t n = actor_type_codes(code, types, 8);
    dy_buf_addc(b, '\t');
    for (size_t i = 0; i < n; i++) {
        if (i) dy_buf_addc(b, ',');
        dy_buf_adds(b, type_name(types[i]));
    }
}

static void icews_row(const dy_export_tables *t, const dy_event_group *g, dy_buf *b) {
    const dyad_event *e = &g->ev;
    first_id(b, g->id);
    field(b, e->date, 0);
    field(b, e->source_text, 0);
    icews_sectors(b, e->source);
    field(b, dy_country_name(t, e->source_country), 0);
    field(b, e->event_name, 0);
    field(b, e->code, 0);
    fieldf(b, "%.1f", e->goldstein);
    field(b, e->target_text, 0);
    icews_sectors(b, e->target);
    field(b, dy_country_name(t, e->target_country), 0);
    field(b, e->story_id, 0);
    fieldl(b, e->sentence + 1);                     /* ICEWS counts sentences from 1 */
    field(b, e->story_source, 0);
    const dyad_location *l = e->location;
    if (l) {
        field(b, !strcmp(l->precision, "city") ? l->name : "", 0);
        field(b, "", 0);                            /* District: not resolved by dyad */
        field(b, l->admin1, 0);
        field(b, dy_country_name(t, l->country), 0);
        fieldf(b, "%.4f", l->lat);
        fieldf(b, "%.4f", l->lon);
    } else {
        for (int i = 0; i < 6; i++) field(b, "", 0);
    }
    dy_buf_addc(b, '\n');
}

/* ---- PLOVER and dyad JSON ------------------------------------------------ */

static void add_counts(cJSON *o, const dy_event_group *g) {
    cJSON_AddNumberToObject(o, "mentions", (double)g->mentions);
    cJSON_AddNumberToObject(o, "stories", (double)g->stories);
    cJSON_AddNumberToObject(o, "sources", (double)g->sources);
    cJSON *p = cJSON_AddArrayToObject(o, "provenance");
    for (size_t i = 0; i < g->nprov; i++) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "story_id", g->prov[i].story_id);
        cJSON_AddNumberToObject(x, "sentence", g->prov[i].sentence);
        cJSON_AddStringToObject(x, "publisher", g->prov[i].publisher);
        cJSON_AddStringToObject(x, "url", g->prov[i].url);
        cJSON_AddItemToArray(p, x);
    }
}

static void plover_row(const dy_export_tables *t, const dy_event_group *g, int dedup, dy_buf *b) {
    const dyad_event *e = &g->ev;
    const char *mode = "", *context = "";
    const char *event = dy_plover_event(t, e->code, &mode, &context);
    char id[32];
    snprintf(id, sizeof id, "%lld", g->id);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", id);
    cJSON_AddStringToObject(o, "date", e->date);
    cJSON_AddStringToObject(o, "actor", e->source);
    cJSON_AddStringToObject(o, "actor_country", e->source_country);
    cJSON_AddStringToObject(o, "actor_text", e->source_text);
    cJSON_AddStringToObject(o, "recipient", e->target);
    cJSON_AddStringToObject(o, "recipient_country", e->target_country);
    cJSON_AddStringToObject(o, "recipient_text", e->target_text);
    cJSON_AddStringToObject(o, "event", event ? event : "");
    cJSON_AddStringToObject(o, "mode", mode);
    cJSON *ctx = cJSON_AddArrayToObject(o, "context");
    for (const char *p = context; *p;) {
        const char *semi = strchr(p, ';');
        size_t n = semi ? (size_t)(semi - p) : strlen(p);
        char *one = xstrndup(p, n);
        cJSON_AddItemToArray(ctx, cJSON_CreateString(one));
        free(one);
        p += n + (semi ? 1 : 0);
    }
    const dyad_location *l = e->location;
    if (l) {
        cJSON *loc = cJSON_AddObjectToObject(o, "event_loc");
        cJSON_AddStringToObject(loc, "name", l->name);
        cJSON_AddStringToObject(loc, "admin1", l->admin1);
        cJSON_AddStringToObject(loc, "country", l->country);
        cJSON_AddNumberToObject(loc, "lat", l->lat);
        cJSON_AddNumberToObject(loc, "lon", l->lon);
        if (l->geonames_id) cJSON_AddNumberToObject(loc, "geonames_id", (double)l->geonames_id);
        else cJSON_AddNullToObject(loc, "geonames_id");
    } else {
        cJSON_AddNullToObject(o, "event_loc");
    }
    cJSON_AddStringToObject(o, "text", e->text);
    cJSON_AddStringToObject(o, "cameo_code", e->code);
    cJSON_AddStringToObject(o, "story_id", e->story_id);
    cJSON_AddNumberToObject(o, "sentence", e->sentence);
    cJSON_AddStringToObject(o, "publisher", e->story_source);
    cJSON_AddStringToObject(o, "url", e->story_url);
    if (dedup) add_counts(o, g);
    char *js = cJSON_PrintUnformatted(o);
    dy_buf_adds(b, js);
    dy_buf_addc(b, '\n');
    cJSON_free(js);
    cJSON_Delete(o);
}

/* dyad's own record (dy_event_json); deduplicated groups add their counts
 * and provenance after the record's fields. */
static void jsonl_row(const dy_event_group *g, int dedup, dy_buf *b) {
    size_t start = b->len;
    dy_event_json(&g->ev, b);
    if (dedup && b->len > start && b->s[b->len - 1] == '}') {
        cJSON *o = cJSON_CreateObject();
        add_counts(o, g);
        char *js = cJSON_PrintUnformatted(o);      /* {"mentions":...} */
        b->len--;
        dy_buf_addc(b, ',');
        dy_buf_adds(b, js + 1);
        cJSON_free(js);
        cJSON_Delete(o);
    }
    dy_buf_addc(b, '\n');
}

void dy_export_header(dy_export_format f, dy_buf *out) {
    switch (f) {
    case DY_EXPORT_GDELT: dy_buf_adds(out, gdelt_header); break;
    case DY_EXPORT_PHOENIX: dy_buf_adds(out, phoenix_header); break;
    case DY_EXPORT_ICEWS: dy_buf_adds(out, icews_header); break;
    default: break;
    }
}

void dy_export_group(dy_export_format f, const dy_export_tables *t, const dy_event_group *g,
                     int dedup, dy_buf *out) {
    switch (f) {
    case DY_EXPORT_GDELT: gdelt_row(t, g, out); break;
    case DY_EXPORT_PHOENIX: phoenix_row(g, out); break;
    case DY_EXPORT_ICEWS: icews_row(t, g, out); break;
    case DY_EXPORT_PLOVER: plover_row(t, g, dedup, out); break;
    case DY_EXPORT_JSONL: jsonl_row(g, dedup, out); break;
    }
}

typedef struct {
    dy_export_format fmt;
    const dy_export_tables *t;
    int dedup;
    FILE *out;
    dy_buf buf;
    size_t count;
} export_ctx;

static int export_one(const dy_event_group *g, void *user) {
    export_ctx *x = user;
    dy_buf_clear(&x->buf);
    dy_export_group(x->fmt, x->t, g, x->dedup, &x->buf);
    x->count++;
    return fwrite(x->buf.s, 1, x->buf.len, x->out) == x->buf.len ? 0 : -1;
}

int dy_store_export(dy_store *s, dy_export_format fmt, const dy_event_filter *f, int header,
                    const dy_export_tables *t, FILE *out, size_t *count) {
    export_ctx x = {fmt, t, f->dedup, out, {0}, 0};
    if (header || fmt == DY_EXPORT_ICEWS) {
        dy_export_header(fmt, &x.buf);
        fwrite(x.buf.s ? x.buf.s : "", 1, x.buf.len, out);
    }
    int rc = dy_store_scan_events(s, f, export_one, &x);
    dy_buf_free(&x.buf);
    if (count) *count = x.count;
    return rc;
}
