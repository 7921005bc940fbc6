/* test_cameo_output.c — the CAMEO table and the JSON / TSV event records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <cJSON.h>

#include "coder/cameo.h"
#include "output/event_json.h"

static void cameo_table(void **state) {
    (void)state;
    dy_cameo t;
    dy_diag d;
    dy_diag_init(&d, NULL);
    assert_int_equal(dy_cameo_load(&t, DYAD_SRCDIR "/data/cameo/cameo.tsv", &d), 0);
    assert_true(t.n > 300);
    const dy_cameo_code *c = dy_cameo_lookup(&t, "046");
    assert_non_null(c);
    assert_string_equal(c->name, "Engage in negotiation");
    assert_int_equal(c->quad, 1);
    c = dy_cameo_lookup(&t, "1823");
    assert_non_null(c);
    assert_true(c->goldstein < -9.0);
    assert_int_equal(c->quad, 4);
    /* unknown 4-digit code falls back to its 3-digit parent */
    c = dy_cameo_lookup(&t, "0469");
    assert_non_null(c);
    assert_string_equal(c->code, "046");
    assert_null(dy_cameo_lookup(&t, "999"));
    dy_cameo_free(&t);
    assert_int_equal(dy_cameo_load(&t, "/nonexistent/cameo.tsv", &d), -1);
    assert_int_equal(dy_diag_count(&d, "unreadable"), 1);
    dy_diag_destroy(&d);
}

static void actor_codes(void **state) {
    (void)state;
    char c[4];
    dy_cameo_actor_country("RUSGOV", c);
    assert_string_equal(c, "RUS");
    dy_cameo_actor_country("IGOUNO", c);
    assert_string_equal(c, "");
    dy_cameo_actor_country("---GOV", c);
    assert_string_equal(c, "");
    dy_cameo_actor_country("KSV", c);
    assert_string_equal(c, "KSV");
    assert_true(dy_cameo_is_event_code("040"));
    assert_true(dy_cameo_is_event_code("0311"));
    assert_true(dy_cameo_is_event_code("075A"));
    assert_false(dy_cameo_is_event_code("---"));
    assert_false(dy_cameo_is_event_code("4"));
    assert_false(dy_cameo_is_event_code("12345"));
}

static dyad_event sample_event(void) {
    static const char *issues[] = {"PEACE_TREATY", NULL};
    dyad_event ev;
    memset(&ev, 0, sizeof ev);
    ev.story_id = "tass-1219";
    ev.sentence = 2;
    strcpy(ev.date, "2019-12-19");
    ev.source = "RUSGOV";
    ev.target = "JPNGOV";
    strcpy(ev.source_country, "RUS");
    strcpy(ev.target_country, "JPN");
    strcpy(ev.code, "046");
    strcpy(ev.root_code, "04");
    ev.event_name = "Engage in negotiation";
    ev.quad_class = 1;
    ev.goldstein = 7.0;
    ev.text = "Lavrov said \"talks\"\twent\nwell \\ \x01.";
    ev.source_text = "Russian Foreign Minister Sergey Lavrov";
    ev.target_text = "his Japanese counterpart";
    ev.verb_text = "held";
    ev.rule = "data/dictionaries/cameo.verbs:120";
    ev.issues = issues;
    return ev;
}

static void json_record(void **state) {
    (void)state;
    dyad_event ev = sample_event();
    dy_buf b = {0};
    dy_event_json(&ev, &b);
    cJSON *j = cJSON_Parse(b.s);
    assert_non_null(j);
    assert_string_equal(cJSON_GetObjectItem(j, "source")->valuestring, "RUSGOV");
    assert_string_equal(cJSON_GetObjectItem(j, "code")->valuestring, "046");
    assert_int_equal(cJSON_GetObjectItem(j, "sentence")->valueint, 2);
    assert_true(cJSON_GetObjectItem(j, "goldstein")->valuedouble == 7.0);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(j, "location")));
    assert_string_equal(cJSON_GetObjectItem(j, "text")->valuestring, ev.text);   /* escapes round-trip */
    assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "issues"), 0)->valuestring, "PEACE_TREATY");
    /* field order is part of the interface */
    const char *order[] = {"story_id", "sentence", "date", "source", "target", "source_country",
                           "target_country", "code", "root_code", "event_name", "quad_class",
                           "goldstein", "location", "issues", "text", "source_text", "target_text",
                           "verb_text", "rule"};
    cJSON *it = j->child;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++, it = it->next) {
        assert_non_null(it);
        assert_string_equal(it->string, order[i]);
    }
    assert_null(it);
    cJSON_Delete(j);

    dyad_location loc = {.name = "Moscow", .country = "RUS", .admin1 = "48", .lat = 55.75222,
                         .lon = 37.61556, .geonames_id = 524901, .precision = "city", .from = "dateline"};
    ev.location = &loc;
    dy_buf_clear(&b);
    dy_event_json(&ev, &b);
    j = cJSON_Parse(b.s);
    cJSON *l = cJSON_GetObjectItem(j, "location");
    assert_string_equal(cJSON_GetObjectItem(l, "name")->valuestring, "Moscow");
    assert_int_equal((long)cJSON_GetObjectItem(l, "geonames_id")->valuedouble, 524901);
    cJSON_Delete(j);
    dy_buf_free(&b);
}

static void tsv_record(void **state) {
    (void)state;
    dyad_event ev = sample_event();
    dy_buf h = {0}, b = {0};
    dy_event_tsv_header(&h);
    dy_event_tsv(&ev, &b);
    size_t hcols = 1, cols = 1;
    for (char *p = h.s; *p; p++) hcols += *p == '\t';
    for (char *p = b.s; *p; p++) cols += *p == '\t';
    assert_int_equal(hcols, cols);                 /* tabs inside text do not add columns */
    assert_int_equal(b.s[b.len - 1], '\n');
    assert_ptr_equal(strchr(b.s, '\n'), b.s + b.len - 1);   /* newlines in text are flattened */
    assert_non_null(strstr(b.s, "\tRUSGOV\tJPNGOV\tRUS\tJPN\t046\t04\t"));
    dy_buf_free(&h);
    dy_buf_free(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cameo_table),
        cmocka_unit_test(actor_codes),
        cmocka_unit_test(json_record),
        cmocka_unit_test(tsv_record),
    };
    return cmocka_run_group_tests_name("cameo and output", tests, NULL, NULL);
}
