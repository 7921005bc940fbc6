/* test_util.c — dates, buffers, arenas and the diagnostics sink. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/diag.h"
#include "util/util.h"

static void dates_round_trip(void **state) {
    (void)state;
    int32_t d;
    char out[11];
    assert_true(dy_parse_date("2019-12-19", 10, &d));
    dy_format_date(d, out);
    assert_string_equal(out, "2019-12-19");
    assert_true(dy_parse_date("20040309", 8, &d));
    dy_format_date(d, out);
    assert_string_equal(out, "2004-03-09");
    assert_true(dy_parse_date("1970-01-01", 10, &d));
    assert_int_equal(d, 0);
    assert_true(dy_parse_date("2020-02-29", 10, &d));   /* leap day */
    int32_t next;
    assert_true(dy_parse_date("2020-03-01", 10, &next));
    assert_int_equal(next - d, 1);
}

static void dates_rejected(void **state) {
    (void)state;
    int32_t d;
    assert_false(dy_parse_date("2019-02-29", 10, &d));  /* not a leap year */
    assert_false(dy_parse_date("2019-13-01", 10, &d));
    assert_false(dy_parse_date("2019-12-32", 10, &d));
    assert_false(dy_parse_date("19-12-2019", 10, &d));
    assert_false(dy_parse_date("2019/12/19", 10, &d));
    assert_false(dy_parse_date("", 0, &d));
    assert_false(dy_parse_date("December 19", 11, &d));
}

static void buffer_grows_and_formats(void **state) {
    (void)state;
    dy_buf b = {0};
    for (int i = 0; i < 1000; i++) dy_buf_printf(&b, "%d,", i);
    assert_int_equal(b.len, strlen(b.s));
    assert_true(strncmp(b.s, "0,1,2,", 6) == 0);
    assert_non_null(strstr(b.s, ",999,"));
    char big[1000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    dy_buf_clear(&b);
    dy_buf_printf(&b, "[%s]", big);          /* longer than the formatter's stack buffer */
    assert_int_equal(b.len, 1001);
    assert_int_equal(b.s[1000], ']');
    dy_buf_free(&b);
}

static void arena_reuses_memory(void **state) {
    (void)state;
    dy_arena a = {0};
    char *p = dy_arena_strndup(&a, "Lavrov", 6);
    assert_string_equal(p, "Lavrov");
    void *big = dy_arena_alloc(&a, 200000);        /* larger than a block */
    memset(big, 1, 200000);
    dy_arena_reset(&a);
    assert_int_equal(a.used_total, 0);
    char *q = dy_arena_strndup(&a, "Motegi", 6);
    assert_ptr_equal(p, q);                        /* the same block, reused */
    dy_arena_free(&a);
}

/* A story's pattern: a big copy of the text, then segments each with a big
 * token array and many small strings, rewound after each.  Memory must stay
 * the same from story to story (it once grew by five blocks a story). */
static void arena_does_not_grow_across_stories(void **state) {
    (void)state;
    dy_arena a = {0};
    size_t after_first = 0;
    for (int story = 0; story < 50; story++) {
        dy_arena_reset(&a);
        dy_arena_alloc(&a, 300000);
        for (int seg = 0; seg < 4; seg++) {
            dy_arena_mark m = dy_arena_get_mark(&a);
            dy_arena_alloc(&a, 400000);
            for (int k = 0; k < 20000; k++) dy_arena_alloc(&a, 16);
            dy_arena_rewind(&a, m);
        }
        if (story == 0) after_first = dy_arena_capacity(&a);
    }
    assert_true(after_first > 0);
    assert_int_equal(dy_arena_capacity(&a), after_first);
    dy_arena_reset(&a);
    assert_true(dy_arena_capacity(&a) < 400000);   /* big blocks released */
    dy_arena_free(&a);
}

static void diag_counts_and_limits(void **state) {
    (void)state;
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    dy_diag d;
    dy_diag_init(&d, mem);
    d.max_print = 2;
    dy_diag_report(&d, "bad-json", "news.jsonl", 7, "expected an object");
    dy_diag_report(&d, "bad-json", "news.jsonl", 9, "unterminated string");
    dy_diag_report(&d, "no-date", "a.txt", 0, "no date");
    fflush(mem);
    assert_non_null(strstr(text, "dyad: news.jsonl:7: expected an object\n"));
    assert_non_null(strstr(text, "news.jsonl:9: unterminated string"));
    assert_null(strstr(text, "a.txt"));                   /* past max_print: counted only */
    assert_int_equal(dy_diag_count(&d, "bad-json"), 2);
    assert_int_equal(dy_diag_count(&d, "no-date"), 1);
    char sum[128];
    dy_diag_summary(&d, sum, sizeof sum);
    assert_string_equal(sum, "bad-json 2, no-date 1");
    dy_diag_destroy(&d);
    fclose(mem);
    free(text);
}

/* Two loader threads keep their reports; replayed file by file they come out
 * as one thread would have printed them, and are counted where replayed. */
static void diag_keep_and_replay(void **state) {
    (void)state;
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    dy_diag out, verbs, rest;
    dy_diag_init(&out, mem);
    dy_diag_init_keep(&verbs);
    dy_diag_init_keep(&rest);
    dy_diag_report(&rest, "dictionary", "a.actors", 3, "missing ]");
    dy_diag_report(&verbs, "dictionary", "b.verbs", 12, "pattern without [code]");
    dy_diag_report(&rest, "unreadable", "c.agents", 0, "cannot read dictionary: %s", "No such file");
    assert_int_equal(dy_diag_kept(&rest), 2);
    assert_int_equal(dy_diag_kept(&verbs), 1);
    fflush(mem);
    assert_true(len == 0);                                /* a keeping sink prints nothing */
    dy_diag_replay(&out, &rest, 0, 1);
    dy_diag_replay(&out, &verbs, 0, 1);
    dy_diag_replay(&out, &rest, 1, 2);
    fflush(mem);
    assert_string_equal(text, "dyad: a.actors:3: missing ]\n"
                              "dyad: b.verbs:12: pattern without [code]\n"
                              "dyad: c.agents: cannot read dictionary: No such file\n");
    assert_int_equal(dy_diag_count(&out, "dictionary"), 2);
    assert_int_equal(dy_diag_count(&out, "unreadable"), 1);
    dy_diag_destroy(&verbs);
    dy_diag_destroy(&rest);
    dy_diag_destroy(&out);
    fclose(mem);
    free(text);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dates_round_trip),
        cmocka_unit_test(dates_rejected),
        cmocka_unit_test(buffer_grows_and_formats),
        cmocka_unit_test(arena_reuses_memory),
        cmocka_unit_test(arena_does_not_grow_across_stories),
        cmocka_unit_test(diag_counts_and_limits),
        cmocka_unit_test(diag_keep_and_replay),
    };
    return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
