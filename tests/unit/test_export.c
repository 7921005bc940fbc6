/* test_export.c — every export format checked column by column on the
 * fixture store (SQLite; the PostgreSQL variant runs the same checks when
 * $DYAD_TEST_PG is set), the lookup tables, and GDELT's column names against
 * GDELT's own header file when ../shared is present. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <cJSON.h>

#include "output/event_json.h"
#include "output/export.h"
#include "test_store_fixture.h"

static dy_export_tables *tables;

static int setup_sqlite(void **state) { *state = (void *)fx_sqlite_uri(); return 0; }
static int setup_pg(void **state) { *state = (void *)fx_pg_uri(); return 0; }
static int teardown_sqlite(void **state) { (void)state; fx_sqlite_cleanup(); return 0; }
static int teardown_none(void **state) { (void)state; return 0; }

/* Exports the fixture store; returns the text (caller frees). */
static char *export_text(void **state, dy_export_format fmt, int dedup, int header, const char *actor) {
    const char *uri = *state;
    char err[512];
    dy_store *s = dy_store_open(uri, NULL, err, sizeof err);
    if (!s) fail_msg("open: %s", err);
    if (fx_store_all(s) < 0) fail_msg("store: %s", dy_store_errmsg(s));
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    dy_event_filter flt = {actor, NULL, NULL, dedup, 0};
    size_t n = 0;
    if (dy_store_export(s, fmt, &flt, header, tables, f, &n) < 0) fail_msg("export: %s", dy_store_errmsg(s));
    fclose(f);
    dy_store_close(s);
    return buf;
}

/* Splits text into lines, and one line into tab-separated fields (in place). */
static int split(char *s, char sep, char **out, int max) {
    int n = 0;
    for (;;) {
        char *e = strchr(s, sep);
        if (n < max) out[n] = s;
        n++;
        if (!e) break;
        *e = 0;
        s = e + 1;
    }
    return n;
}

static int nlines(char *text, char **lines, int max) {
    size_t len = strlen(text);
    if (len && text[len - 1] == '\n') text[len - 1] = 0;
    return split(text, '\n', lines, max);
}

#define SKIP_IF_NO_DB() do { if (!*state) { skip(); return; } } while (0)

static void gdelt(void **state) {
    SKIP_IF_NO_DB();
    char *text = export_text(state, DY_EXPORT_GDELT, 0, 0, NULL);
    char *lines[16], *c[80];
    assert_int_equal(nlines(text, lines, 16), 7);
    for (int i = 0; i < 7; i++) {
        char copy[2048];
        snprintf(copy, sizeof copy, "%s", lines[i]);
        assert_int_equal(split(copy, '\t', c, 80), 61);
    }
    /* first event: Lavrov met Pompeo in Moscow (1-based column numbers below) */
    assert_int_equal(split(lines[0], '\t', c, 80), 61);
    assert_string_equal(c[1], "20200115");          /* 2 SQLDATE */
    assert_string_equal(c[2], "202001");            /* 3 MonthYear */
    assert_string_equal(c[3], "2020");
    assert_string_equal(c[4], "2020.0384");         /* 14/365 of the year gone */
    assert_string_equal(c[5], "RUSGOV");
    assert_string_equal(c[6], "Russian Foreign Minister Sergei Lavrov");
    assert_string_equal(c[7], "RUS");
    for (int i = 8; i <= 11; i++) assert_string_equal(c[i], "");   /* group, ethnic, religions: unknown */
    assert_string_equal(c[12], "GOV");
    assert_string_equal(c[13], "");
    assert_string_equal(c[15], "USAGOV");
    assert_string_equal(c[17], "USA");
    assert_string_equal(c[22], "GOV");
    assert_string_equal(c[25], "1");                /* IsRootEvent: first sentence */
    assert_string_equal(c[26], "040");
    assert_string_equal(c[27], "040");
    assert_string_equal(c[28], "04");
    assert_string_equal(c[29], "1");
    assert_string_equal(c[30], "1.0");
    assert_string_equal(c[31], "1");                /* mentions, sources, articles */
    assert_string_equal(c[32], "1");
    assert_string_equal(c[33], "1");
    assert_string_equal(c[34], "");                 /* AvgTone: not computed */
    for (int i = 35; i <= 50; i++) assert_string_equal(c[i], "");
    assert_string_equal(c[51], "4");                /* world city */
    assert_string_equal(c[52], "Moscow, Russia");
    assert_string_equal(c[53], "RS");               /* FIPS, not ISO */
    assert_string_equal(c[54], "");
    assert_string_equal(c[56], "55.7522");
    assert_string_equal(c[57], "37.6156");
    assert_string_equal(c[58], "");
    assert_int_equal(strlen(c[59]), 14);            /* DATEADDED YYYYMMDDHHMMSS */
    assert_string_equal(c[60], "https://tass.com/politics/1");
    /* second: no location, not the first sentence */
    assert_int_equal(split(lines[1], '\t', c, 80), 61);
    assert_string_equal(c[25], "0");
    assert_string_equal(c[26], "112");
    assert_string_equal(c[27], "112");
    assert_string_equal(c[28], "11");
    assert_string_equal(c[51], "");
    /* Belarus: a country-level place repeats the FIPS code as ADM1 */
    assert_int_equal(split(lines[6], '\t', c, 80), 61);
    assert_string_equal(c[51], "1");
    assert_string_equal(c[52], "Belarus");
    assert_string_equal(c[53], "BO");
    assert_string_equal(c[54], "BO");
    free(text);
    /* deduplicated: one row for the meeting, with its counts */
    text = export_text(state, DY_EXPORT_GDELT, 1, 1, NULL);
    assert_int_equal(nlines(text, lines, 16), 6);  /* header + 5 */
    assert_int_equal(split(lines[1], '\t', c, 80), 61);
    assert_string_equal(c[26], "040");
    assert_string_equal(c[31], "3");
    assert_string_equal(c[32], "2");
    assert_string_equal(c[33], "2");
    free(text);
}

/* Our header against GDELT's published column list. */
static void gdelt_header_matches_reference(void **state) {
    (void)state;
    const char *shared = getenv("DYAD_SHARED");
    char path[1024];
    snprintf(path, sizeof path, "%s/ref/formats/GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv",
             shared && *shared ? shared : "../shared");
    FILE *f = fopen(path, "r");
    if (!f) { printf("note: %s not found: GDELT header check skipped\n", path); skip(); return; }
    dy_buf h = {0};
    dy_export_header(DY_EXPORT_GDELT, &h);
    h.s[h.len - 1] = 0;
    char *cols[80];
    assert_int_equal(split(h.s, '\t', cols, 80), 61);
    char line[8192];
    int n = 0;
    assert_non_null(fgets(line, sizeof line, f));   /* tableId,dataType,... */
    while (fgets(line, sizeof line, f) && n < 61) {
        char *comma = strchr(line, ',');
        if (!comma) continue;
        *comma = 0;
        assert_string_equal(cols[n], line);
        n++;
    }
    assert_int_equal(n, 61);
    fclose(f);
    dy_buf_free(&h);
}

static void phoenix(void **state) {
    SKIP_IF_NO_DB();
    char *text = export_text(state, DY_EXPORT_PHOENIX, 1, 0, NULL);
    char *lines[16], *c[40];
    assert_int_equal(nlines(text, lines, 16), 5);
    char row0[2048];
    snprintf(row0, sizeof row0, "%s", lines[0]);
    assert_int_equal(split(row0, '\t', c, 40), 26);
    assert_string_equal(c[1], "20200115");
    assert_string_equal(c[2], "2020");
    assert_string_equal(c[3], "01");
    assert_string_equal(c[4], "15");
    assert_string_equal(c[5], "RUSGOV");
    assert_string_equal(c[6], "RUS");
    assert_string_equal(c[7], "GOV");
    assert_string_equal(c[8], "");
    assert_string_equal(c[9], "USAGOV");
    assert_string_equal(c[10], "USA");
    assert_string_equal(c[11], "GOV");
    assert_string_equal(c[13], "040");
    assert_string_equal(c[14], "04");
    assert_string_equal(c[15], "1");
    assert_string_equal(c[16], "1.0");
    assert_string_equal(c[17], "");
    /* the group's representative is the Reuters report (ordered by story id) */
    assert_string_equal(c[18], "55.7522");
    assert_string_equal(c[19], "37.6156");
    assert_string_equal(c[20], "Moscow");
    assert_string_equal(c[21], "Moscow");
    assert_string_equal(c[22], "RUS");
    assert_string_equal(c[23], "reuters-20200115-7;tass-20200115-1");
    assert_string_equal(c[24], "https://reuters.com/a/7;https://tass.com/politics/1");
    assert_string_equal(c[25], "Reuters;TASS");
    /* the shelling: issues, admin1 place */
    char *r = NULL;
    for (int i = 0; i < 5; i++) if (strstr(lines[i], "\t195\t")) r = lines[i];
    assert_non_null(r);
    assert_int_equal(split(r, '\t', c, 40), 26);
    assert_string_equal(c[5], "UKRMIL");
    assert_string_equal(c[12], "");
    assert_string_equal(c[16], "-10.0");
    assert_string_equal(c[17], "ARMED_CONFLICT");
    assert_string_equal(c[20], "Donetsk Oblast");
    assert_string_equal(c[21], "Donetsk");
    assert_string_equal(c[23], "ap-20200203-2");
    free(text);
}

static void icews(void **state) {
    SKIP_IF_NO_DB();
    char *text = export_text(state, DY_EXPORT_ICEWS, 0, 0, "UKR");
    char *lines[8], *c[30];
    assert_int_equal(nlines(text, lines, 8), 2);    /* the header is always there */
    char hdr[1024];
    snprintf(hdr, sizeof hdr, "%s", lines[0]);
    assert_int_equal(split(hdr, '\t', c, 30), 20);
    assert_string_equal(c[0], "Event ID");
    assert_string_equal(c[7], "Intensity");
    assert_string_equal(c[19], "Longitude");
    assert_int_equal(split(lines[1], '\t', c, 30), 20);
    assert_string_equal(c[1], "2020-02-03");
    assert_string_equal(c[2], "Ukrainian troops");
    assert_string_equal(c[3], "Military");
    assert_string_equal(c[4], "Ukraine");
    assert_string_equal(c[5], "Employ aerial weapons");
    assert_string_equal(c[6], "195");
    assert_string_equal(c[7], "-10.0");
    assert_string_equal(c[8], "separatist positions");
    assert_string_equal(c[9], "Rebels");
    assert_string_equal(c[10], "Ukraine");
    assert_string_equal(c[11], "ap-20200203-2");
    assert_string_equal(c[12], "2");                /* ICEWS numbers sentences from 1 */
    assert_string_equal(c[13], "AP");
    assert_string_equal(c[14], "");                 /* an admin1 place is not a city */
    assert_string_equal(c[15], "");
    assert_string_equal(c[16], "Donetsk");
    assert_string_equal(c[17], "Ukraine");
    assert_string_equal(c[18], "48.0000");
    assert_string_equal(c[19], "37.8000");
    free(text);
}

static const char *jstr(const cJSON *o, const char *k) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void plover(void **state) {
    SKIP_IF_NO_DB();
    char *text = export_text(state, DY_EXPORT_PLOVER, 0, 0, NULL);
    char *lines[16];
    assert_int_equal(nlines(text, lines, 16), 7);
    cJSON *o = cJSON_Parse(lines[1]);                /* Lavrov accused Washington */
    assert_non_null(o);
    assert_string_equal(jstr(o, "date"), "2020-01-15");
    assert_string_equal(jstr(o, "actor"), "RUSGOV");
    assert_string_equal(jstr(o, "recipient"), "USAGOV");
    assert_string_equal(jstr(o, "event"), "ACCUSE");
    assert_string_equal(jstr(o, "mode"), "disapprove");
    assert_string_equal(jstr(o, "cameo_code"), "112");
    assert_string_equal(jstr(o, "text"), fx_events[1].text);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(o, "event_loc")));
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(o, "context")), 0);
    cJSON_Delete(o);
    o = cJSON_Parse(lines[0]);
    assert_string_equal(jstr(o, "event"), "CONSULT");
    cJSON *loc = cJSON_GetObjectItem(o, "event_loc");
    assert_string_equal(jstr(loc, "name"), "Moscow");
    assert_int_equal((long)cJSON_GetObjectItem(loc, "geonames_id")->valuedouble, 524901);
    cJSON_Delete(o);
    o = cJSON_Parse(lines[5]);                       /* sanctions: 163 is COERCE, restrict, diplomatic */
    assert_string_equal(jstr(o, "event"), "COERCE");
    assert_string_equal(jstr(o, "mode"), "restrict");
    assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(o, "context"), 0)->valuestring, "diplomatic");
    cJSON_Delete(o);
    free(text);
}

static void jsonl(void **state) {
    SKIP_IF_NO_DB();
    /* raw: exactly dy_event_json's record */
    char *text = export_text(state, DY_EXPORT_JSONL, 0, 0, "BLR");
    char *lines[8];
    assert_int_equal(nlines(text, lines, 8), 1);
    const char *issues[2];
    dyad_event e = fx_to_event(&fx_events[6], issues);
    dy_buf want = {0};
    dy_event_json(&e, &want);
    assert_string_equal(lines[0], want.s);
    dy_buf_free(&want);
    free(text);
    /* deduplicated: the record plus counts and provenance */
    text = export_text(state, DY_EXPORT_JSONL, 1, 0, "RUSGOV");
    assert_int_equal(nlines(text, lines, 8), 2);     /* the meeting, the accusation */
    cJSON *o = cJSON_Parse(lines[0]);
    assert_non_null(o);
    assert_string_equal(jstr(o, "code"), "040");
    assert_int_equal(cJSON_GetObjectItem(o, "mentions")->valueint, 3);
    assert_int_equal(cJSON_GetObjectItem(o, "stories")->valueint, 2);
    assert_int_equal(cJSON_GetObjectItem(o, "sources")->valueint, 2);
    cJSON *p = cJSON_GetObjectItem(o, "provenance");
    assert_int_equal(cJSON_GetArraySize(p), 3);
    assert_string_equal(jstr(cJSON_GetArrayItem(p, 2), "story_id"), "tass-20200115-1");
    assert_string_equal(jstr(cJSON_GetArrayItem(p, 2), "publisher"), "TASS");
    cJSON_Delete(o);
    free(text);
}

static void lookup_tables(void **state) {
    (void)state;
    const char *mode, *ctx;
    assert_string_equal(dy_plover_event(tables, "041", &mode, &ctx), "CONSULT");
    assert_string_equal(mode, "phone");
    assert_string_equal(dy_plover_event(tables, "1121", &mode, &ctx), "ACCUSE");
    assert_string_equal(ctx, "crime;corruption");
    /* a 4-digit code absent from the table falls back to its parent */
    assert_string_equal(dy_plover_event(tables, "0429", &mode, &ctx), "CONSULT");
    assert_string_equal(mode, "visit");
    /* CAMEO 01 and 02 have no PLOVER equivalent: empty, not invented */
    assert_null(dy_plover_event(tables, "010", &mode, &ctx));
    assert_string_equal(mode, "");
    assert_string_equal(dy_country_fips(tables, "DEU"), "GM");
    assert_string_equal(dy_country_fips(tables, "GBR"), "UK");
    assert_string_equal(dy_country_name(tables, "UKR"), "Ukraine");
    assert_string_equal(dy_country_fips(tables, "XYZ"), "");
    assert_string_equal(dy_country_fips(tables, ""), "");
    dy_export_format f;
    assert_int_equal(dy_export_format_parse("phoenix", &f), 0);
    assert_int_equal(f, DY_EXPORT_PHOENIX);
    assert_int_equal(dy_export_format_parse("csv", &f), -1);
    assert_int_equal(dy_export_ncolumns(DY_EXPORT_GDELT), 61);
    char err[256];
    assert_null(dy_export_tables_load("/nonexistent", err, sizeof err));
    assert_non_null(strstr(err, "plover.tsv"));
}

static int group_setup(void **state) {
    (void)state;
    char err[512];
    tables = dy_export_tables_load(NULL, err, sizeof err);
    if (!tables) { fprintf(stderr, "%s\n", err); return -1; }
    return 0;
}

static int group_teardown(void **state) { (void)state; dy_export_tables_free(tables); return 0; }

#define VARIANTS(fn) \
    static void sqlite_##fn(void **state) { fn(state); } \
    static void pg_##fn(void **state) { fn(state); }
VARIANTS(gdelt)
VARIANTS(phoenix)
VARIANTS(icews)
VARIANTS(plover)
VARIANTS(jsonl)
#define BOTH(fn) \
    cmocka_unit_test_setup_teardown(sqlite_##fn, setup_sqlite, teardown_sqlite), \
    cmocka_unit_test_setup_teardown(pg_##fn, setup_pg, teardown_none)

int main(void) {
    const struct CMUnitTest tests[] = {
        BOTH(gdelt), BOTH(phoenix), BOTH(icews), BOTH(plover), BOTH(jsonl),
        cmocka_unit_test(gdelt_header_matches_reference),
        cmocka_unit_test(lookup_tables),
    };
    return cmocka_run_group_tests_name("export", tests, group_setup, group_teardown);
}
