/* test_story.c — the story reader (JSON Lines, plain files, folders, bad
 * input) and wire datelines.  Files are written to a fresh folder under /tmp. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "text/story.h"
#include "text/text.h"
#include "util/diag.h"
#include "util/util.h"

static char tmpdir[64];

static int make_tmp(void **state) {
    (void)state;
    strcpy(tmpdir, "/tmp/dyad-test-story-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmp(void **state) {
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Writes n bytes to tmpdir/name (folders created); returns the path. */
static char *write_file(const char *name, const char *data, size_t n) {
    static char paths[16][256];
    static int next;
    char *p = paths[next++ % 16];
    snprintf(p, 256, "%s/%s", tmpdir, name);
    for (char *s = p + strlen(tmpdir) + 1; *s; s++)
        if (*s == '/') { *s = '\0'; mkdir(p, 0700); *s = '/'; }
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
    return p;
}

static char *write_str(const char *name, const char *data) { return write_file(name, data, strlen(data)); }

static void jsonl_good_and_bad_lines(void **state) {
    (void)state;
    const char *p = write_str("wire.jsonl",
        "{\"id\":\"tass-1\",\"date\":\"2019-12-19\",\"title\":\"Talks\",\"source\":\"TASS\",\"url\":\"http://x.test/1\","
        "\"text\":\"Russia and Japan held talks in Moscow.\"}\n"
        "\n"
        "{\"id\": 42, \"date\": \"\", \"text\": \"Iran accused Israel of an attack.\"}\n"
        "{\"id\": \"broken\", \"text\": \"unterminated}\n"
        "[\"not\", \"an\", \"object\"]\n"
        "{\"id\": \"notext\", \"date\": \"2020-01-02\"}\n"
        "{\"text\": \"Pakistan and India exchanged fire.\"}\n"
        "{\"id\": \"blank\", \"text\": \"   \"}\n");
    char *msgs = NULL;
    size_t msglen = 0;
    FILE *mem = open_memstream(&msgs, &msglen);
    dy_diag d;
    dy_diag_init(&d, mem);
    const char *paths[] = {p};
    dy_reader *r = dy_reader_open(paths, 1, &d);
    dy_story_rec s;
    assert_int_equal(dy_reader_next(r, &s), 1);
    assert_string_equal(s.id, "tass-1");
    assert_string_equal(s.date, "2019-12-19");
    assert_string_equal(s.title, "Talks");
    assert_string_equal(s.source, "TASS");
    assert_string_equal(s.url, "http://x.test/1");
    assert_string_equal(s.text, "Russia and Japan held talks in Moscow.");
    assert_int_equal(s.text_len, strlen(s.text));
    assert_int_equal(s.line, 1);
    assert_string_equal(s.file, p);
    assert_int_equal(dy_reader_next(r, &s), 1);
    assert_string_equal(s.id, "42");            /* numeric id as a string */
    assert_string_equal(s.date, "");
    assert_string_equal(s.title, "");
    assert_int_equal(s.line, 3);
    assert_int_equal(dy_reader_next(r, &s), 1);
    char want[300];
    snprintf(want, sizeof want, "%s:7", p);      /* missing id: file:line */
    assert_string_equal(s.id, want);
    assert_string_equal(s.date, "");
    assert_int_equal(dy_reader_next(r, &s), 0);
    assert_int_equal(dy_reader_next(r, &s), 0);  /* stays at the end */
    assert_int_equal(dy_reader_skipped(r), 4);
    dy_reader_close(r);
    assert_int_equal(dy_diag_count(&d, "bad-json"), 2);
    assert_int_equal(dy_diag_count(&d, "no-text"), 2);
    fclose(mem);
    snprintf(want, sizeof want, "%s:4: malformed JSON", p);
    assert_non_null(strstr(msgs, want));
    snprintf(want, sizeof want, "%s:5: not a JSON object", p);
    assert_non_null(strstr(msgs, want));
    snprintf(want, sizeof want, "%s:6: no \"text\" field", p);
    assert_non_null(strstr(msgs, want));
    free(msgs);
    dy_diag_destroy(&d);
}

static void plain_format(void **state) {
    (void)state;
    const char *p1 = write_str("plain/000_tass.txt",
        "\n  \n date 2019-12-19 MOSCOW, December 19. /TASS/. Moscow expects progress with Tokyo.\n\n"
        "\xe2\x80\x9cWe are ready,\xe2\x80\x9d Lavrov said.\n\n\n");
    const char *p2 = write_str("plain/nodate.story", "Kabul police arrested two men.\nThey were charged.\n");
    const char *p3 = write_str("plain/onlydate.txt", "date 2020-03-04   \n\n");
    dy_diag d;
    dy_diag_init(&d, NULL);
    const char *paths[] = {p1, p2, p3};
    dy_reader *r = dy_reader_open(paths, 3, &d);
    dy_story_rec s;
    assert_int_equal(dy_reader_next(r, &s), 1);
    assert_string_equal(s.id, "000_tass");
    assert_string_equal(s.date, "2019-12-19");
    assert_string_equal(s.text, "MOSCOW, December 19. /TASS/. Moscow expects progress with Tokyo.\n\n"
                                "\xe2\x80\x9cWe are ready,\xe2\x80\x9d Lavrov said.");
    assert_int_equal(s.text_len, strlen(s.text));
    assert_int_equal(s.line, 3);
    assert_string_equal(s.title, "");
    assert_int_equal(dy_reader_next(r, &s), 1);
    assert_string_equal(s.id, "nodate");
    assert_string_equal(s.date, "");
    assert_string_equal(s.text, "Kabul police arrested two men.\nThey were charged.");
    assert_int_equal(dy_reader_next(r, &s), 0);   /* a date and nothing else: reported */
    assert_int_equal(dy_diag_count(&d, "no-text"), 1);
    assert_int_equal(dy_reader_skipped(r), 1);
    dy_reader_close(r);
    dy_diag_destroy(&d);
}

static void folders_sorted_recursive_hidden_skipped(void **state) {
    (void)state;
    write_str("tree/b.txt", "date 2019-01-02 Second story text.\n");
    write_str("tree/a/z.jsonl", "{\"id\":\"a1\",\"text\":\"First.\"}\n{\"id\":\"a2\",\"text\":\"Also first.\"}\n");
    write_str("tree/a/.hidden.txt", "date 2019-01-01 Hidden story.\n");
    write_str("tree/.git/x.txt", "date 2019-01-01 Hidden folder.\n");
    write_str("tree/c/d/deep.txt", "Deep story.\n");
    char dir[128];
    snprintf(dir, sizeof dir, "%s/tree", tmpdir);
    char missing[160];
    snprintf(missing, sizeof missing, "%s/no-such-file.txt", tmpdir);
    dy_diag d;
    dy_diag_init(&d, NULL);
    const char *paths[] = {dir, missing};
    dy_reader *r = dy_reader_open(paths, 2, &d);
    dy_story_rec s;
    const char *want[] = {"a1", "a2", "b", "deep"};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(dy_reader_next(r, &s), 1);
        assert_string_equal(s.id, want[i]);
    }
    assert_int_equal(dy_reader_next(r, &s), 0);
    assert_int_equal(dy_diag_count(&d, "unreadable"), 1);
    assert_int_equal(dy_reader_skipped(r), 1);
    dy_reader_close(r);
    dy_diag_destroy(&d);
}

static void bad_files_and_duplicates(void **state) {
    (void)state;
    const char bin[] = "date 2019-01-01 \x7f" "ELF\0\0\0\1binary junk\n";
    const char *pb = write_file("bad/prog.bin", bin, sizeof bin - 1);
    const char *pe = write_str("bad/empty.txt", "");
    const char *pw = write_str("bad/blank.txt", "\n   \n\t\n");
    const char *pj = write_str("bad/dups.jsonl",
                               "{\"id\":\"x\",\"text\":\"Troops crossed the border.\"}\n"
                               "{\"id\":\"x\",\"text\":\"Troops crossed again.\"}\n");
    const char *pbj = write_file("bad/binline.jsonl", "{\"id\":\"y\",\"text\":\"ok\"}\n\0\0\n", 26);
    dy_diag d;
    dy_diag_init(&d, NULL);
    const char *paths[] = {pb, pe, pw, pj, pbj};
    dy_reader *r = dy_reader_open(paths, 5, &d);
    dy_story_rec s;
    assert_int_equal(dy_reader_next(r, &s), 1);
    assert_string_equal(s.text, "Troops crossed the border.");
    assert_int_equal(dy_reader_next(r, &s), 1);   /* a duplicate is warned about, still returned */
    assert_string_equal(s.text, "Troops crossed again.");
    assert_int_equal(dy_diag_count(&d, "duplicate-id"), 1);
    assert_int_equal(dy_reader_next(r, &s), 1);
    assert_string_equal(s.id, "y");
    assert_int_equal(dy_reader_next(r, &s), 0);
    assert_int_equal(dy_diag_count(&d, "binary"), 2);
    assert_int_equal(dy_diag_count(&d, "empty"), 2);
    assert_int_equal(dy_reader_skipped(r), 4);
    dy_reader_close(r);
    dy_diag_destroy(&d);
}

static void huge_stories_truncated(void **state) {
    (void)state;
    /* A plain story of one 3 MB line, and a JSON story of 3 MB text. */
    size_t big = 3u << 20;
    char *buf = xmalloc(big + 64);
    memcpy(buf, "date 2019-05-05 ", 16);
    for (size_t i = 16; i < big; i++) buf[i] = "Talks continue. "[i % 16];
    buf[big] = '\n';
    const char *pp = write_file("huge/plain.txt", buf, big + 1);
    memcpy(buf, "{\"id\":\"big\",\"text\":\"", 20);
    for (size_t i = 20; i < big; i++) buf[i] = 'a' + (char)(i % 26);
    memcpy(buf + big, "\"}\n{\"id\":\"after\",\"text\":\"small\"}\n", 33);
    const char *pj = write_file("huge/big.jsonl", buf, big + 33);
    free(buf);
    dy_diag d;
    dy_diag_init(&d, NULL);
    const char *paths[] = {pp, pj};
    dy_reader *r = dy_reader_open(paths, 2, &d);
    dy_story_rec s;
    assert_int_equal(dy_reader_next(r, &s), 1);
    assert_string_equal(s.id, "plain");
    assert_true(s.text_len <= DY_STORY_MAX_BYTES);
    assert_true(s.text_len > DY_STORY_MAX_BYTES - 16);
    assert_int_equal(strlen(s.text), s.text_len);
    assert_int_equal(dy_reader_next(r, &s), 1);
    assert_string_equal(s.id, "big");
    assert_int_equal(s.text_len, DY_STORY_MAX_BYTES);
    assert_int_equal(dy_reader_next(r, &s), 1);
    assert_string_equal(s.id, "after");
    assert_int_equal(dy_reader_next(r, &s), 0);
    assert_int_equal(dy_diag_count(&d, "truncated"), 2);
    dy_reader_close(r);
    dy_diag_destroy(&d);
}

static void datelines_found(void **state) {
    (void)state;
    static const struct { const char *text, *place, *agency, *after; } cases[] = {
        {"MOSCOW, December 19. /TASS/. Moscow expects", "Moscow", "TASS", "Moscow expects"},
        {"NAGOYA (UrduPoint News / Sputnik - 22nd November, 2019) Russia wants", "Nagoya",
         "UrduPoint News / Sputnik", "Russia wants"},
        {"WASHINGTON (Reuters) - The United States said", "Washington", "Reuters", "The United States"},
        {"KABUL, Afghanistan (AP) \xe2\x80\x94 A suicide bomber", "Kabul", "AP", "A suicide bomber"},
        {"UNITED NATIONS, Dec 3 (Reuters) - The Security Council", "United Nations", "Reuters", "The Security"},
        {"BEIJING, Nov. 22 (Xinhua) -- China urged", "Beijing", "Xinhua", "China urged"},
        {"LONDON \xe2\x80\x94 Britain expelled", "London", "", "Britain expelled"},
        {"Tehran moves to talks\n\nST. PETERSBURG, March 3, 2020 - Putin met", "St. Petersburg", "", "Putin met"},
        {"  WINSTON-SALEM (AP) - Police said", "Winston-Salem", "AP", "Police said"},
        {"AFP - France recalled its ambassador", "", "AFP", "France recalled"},
        {"BUFFALO, N.Y. \xe2\x80\x94 Hours before the game", "Buffalo", "", "Hours before"},
        {"SAN SALVADOR, 3 JAN 90 (RADIO VENCEREMOS) -- THE FMLN SAID", "San Salvador", "RADIO VENCEREMOS",
         "THE FMLN"},
        /* Agency credits with no place, as aggregated wire texts begin. */
        {"Reuters - President Bush urged Russia", "", "Reuters", "President Bush"},
        {"Reuters -\nThe Security Council voted", "", "Reuters", "\nThe Security"},
        {"(Reuters) - Israel arrested a Hamas leader", "", "Reuters", "Israel arrested"},
        {"(AFP) -- Iraq said", "", "AFP", "Iraq said"},
        {"SPACE.com - TORONTO, Canada -- A second team", "Toronto", "SPACE.com", "A second team"},
        {"Xinhua - China urged Japan", "", "Xinhua", "China urged"},
    };
    for (size_t i = 0; i < DY_ARRAY_LEN(cases); i++) {
        dy_dateline dl;
        const char *t = cases[i].text;
        assert_int_equal(dy_dateline_find(t, strlen(t), &dl), 1);
        assert_string_equal(dl.place, cases[i].place);
        assert_string_equal(dl.agency, cases[i].agency);
        assert_true(dl.end > dl.start);
        assert_true(strncmp(t + dl.end, cases[i].after, strlen(cases[i].after)) == 0);
    }
}

static void datelines_not_found(void **state) {
    (void)state;
    static const char *const cases[] = {
        "NATO said on Monday it would send more troops.",
        "The U.S. and Japan signed a trade deal.",
        "U.S. - Japan talks ended without a deal.",
        "IRAN, IRAQ SIGN BORDER DEAL\nThe two countries agreed.",
        "EU (European Union) leaders met in Brussels.",
        "Russia sincerely wants peace.\n\nLavrov said so.\n\nMotegi agreed.\n\nMOSCOW (TASS) - Too late.",
        "",
        "LONDON",
        /* All-caps headlines and all-caps wire texts have dashes and commas too. */
        "FEDERAL RESERVE MONEY SUPPLY REPORT - FEB 26\n\nOne week ended Feb 16.",
        "TODAY, 14 SEPTEMBER, THE ARMY REPORTED AN ATTACK.",
        "TODAY -- THE ARMY REPORTED THAT REBELS ATTACKED A POST.",
        "FURTHERMORE, THE ELN -- A REBEL GROUP -- CLAIMED THE ATTACK.",
        /* An agency in the text, or a mixed-case word before a dash, is text. */
        "Reuters reported that Iran - Iraq talks had ended.",
        "Iran - Iraq talks ended without a deal.",
        "Reuters-Ipsos polls show Biden ahead.",
    };
    for (size_t i = 0; i < DY_ARRAY_LEN(cases); i++) {
        dy_dateline dl;
        if (dy_dateline_find(cases[i], strlen(cases[i]), &dl)) fail_msg("dateline in case %zu: %s", i, cases[i]);
        assert_int_equal(dl.start, dl.end);
        assert_string_equal(dl.place, "");
    }
}

/* Counts the sentences of a story the way the pipeline sees it: repaired,
 * dateline blanked out. */
static size_t story_sentences(const dy_story_rec *s, dy_dateline *dl) {
    dy_arena a = {0};
    char *text;
    size_t len;
    dy_text_repair(&a, s->text, s->text_len, &text, &len);
    if (dy_dateline_find(text, len, dl)) memset(text + dl->start, ' ', dl->end - dl->start);
    dy_sentence *sents;
    size_t n = dy_split(&a, text, len, &sents);
    dy_arena_free(&a);
    return n;
}

static void seed_stories(void **state) {
    (void)state;
    const char *shared = getenv("DYAD_SHARED");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/samples/seeds", shared && shared[0] ? shared : "../shared");
    struct stat st;
    if (stat(dir, &st) != 0) {
        printf("note: %s not found (set DYAD_SHARED): seed story test skipped\n", dir);
        skip();
    }
    dy_diag d;
    dy_diag_init(&d, stderr);
    const char *paths[] = {dir};
    dy_reader *r = dy_reader_open(paths, 1, &d);
    dy_story_rec s;
    dy_dateline dl;
    assert_int_equal(dy_reader_next(r, &s), 1);
    assert_string_equal(s.id, "000_e79b36e8ba8fd64c");
    assert_string_equal(s.date, "2019-12-19");
    assert_int_equal(story_sentences(&s, &dl), 13);
    assert_string_equal(dl.place, "Moscow");
    assert_string_equal(dl.agency, "TASS");
    assert_int_equal(dl.start, 0);
    assert_true(strncmp(s.text + dl.end, "Moscow expects", 14) == 0);
    assert_int_equal(dy_reader_next(r, &s), 1);
    assert_string_equal(s.id, "002_a3b6b4438b1cc6e2");
    assert_string_equal(s.date, "2019-11-22");
    assert_int_equal(story_sentences(&s, &dl), 12);   /* headline + 11 */
    assert_string_equal(dl.place, "Nagoya");
    assert_string_equal(dl.agency, "UrduPoint News / Sputnik");
    assert_int_equal(dy_reader_next(r, &s), 0);
    assert_int_equal(dy_reader_skipped(r), 0);
    assert_int_equal(d.total, 0);
    dy_reader_close(r);
    dy_diag_destroy(&d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jsonl_good_and_bad_lines),
        cmocka_unit_test(plain_format),
        cmocka_unit_test(folders_sorted_recursive_hidden_skipped),
        cmocka_unit_test(bad_files_and_duplicates),
        cmocka_unit_test(huge_stories_truncated),
        cmocka_unit_test(datelines_found),
        cmocka_unit_test(datelines_not_found),
        cmocka_unit_test(seed_stories),
    };
    return cmocka_run_group_tests(tests, make_tmp, remove_tmp);
}
