/* test_text.c — UTF-8 repair, the tokeniser and the sentence splitter, on
 * news-style sentences written for these tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "text/text.h"
#include "util/util.h"

/* Tokens of one text, space separated (sentence split ignored). */
static char *toks_of(dy_arena *a, const char *text) {
    dy_sentence s = dy_tokenize(a, text, strlen(text));
    dy_buf b = {0};
    for (uint32_t i = 0; i < s.ntok; i++) {
        if (i) dy_buf_addc(&b, ' ');
        dy_buf_adds(&b, s.toks[i].form);
    }
    char *out = dy_arena_strndup(a, b.s ? b.s : "", b.len);
    dy_buf_free(&b);
    return out;
}

/* Sentences of a text as "tok tok | tok tok". */
static char *sents_of(dy_arena *a, const char *text, size_t *ns_out) {
    dy_sentence *s;
    size_t ns = dy_split(a, text, strlen(text), &s);
    dy_buf b = {0};
    for (size_t i = 0; i < ns; i++) {
        if (i) dy_buf_adds(&b, " | ");
        for (uint32_t k = 0; k < s[i].ntok; k++) {
            if (k) dy_buf_addc(&b, ' ');
            dy_buf_adds(&b, s[i].toks[k].form);
        }
    }
    if (ns_out) *ns_out = ns;
    char *out = dy_arena_strndup(a, b.s ? b.s : "", b.len);
    dy_buf_free(&b);
    return out;
}

static const dy_token *find_tok(const dy_sentence *s, const char *form) {
    for (uint32_t i = 0; i < s->ntok; i++)
        if (strcmp(s->toks[i].form, form) == 0) return &s->toks[i];
    return NULL;
}

static void repair_invalid_utf8(void **state) {
    (void)state;
    dy_arena a = {0};
    char *out;
    size_t n;
    /* A stray Latin-1 byte, a truncated sequence, a NUL, a bell and CRLF. */
    const char in[] = "Caf\xe9 talks\r\nin Gen\xc3ve\x07 ended\0 today\r\n";
    size_t r = dy_text_repair(&a, in, sizeof in - 1, &out, &n);
    assert_string_equal(out, "Caf\xEF\xBF\xBD talks\nin Gen\xEF\xBF\xBDve  ended  today\n");
    assert_int_equal(n, strlen(out));
    assert_int_equal(r, 6);
    /* Valid text, including curly quotes and a tab, is untouched. */
    const char ok[] = "\xe2\x80\x9cS\xc3\xa3o Paulo\xe2\x80\x9d\tsaid";
    assert_int_equal(dy_text_repair(&a, ok, sizeof ok - 1, &out, &n), 0);
    assert_string_equal(out, ok);
    /* An overlong encoding and a lone continuation byte are invalid too. */
    const char bad[] = "a\xc0\xaf b\x80";
    r = dy_text_repair(&a, bad, sizeof bad - 1, &out, &n);
    assert_int_equal(r, 3);
    assert_string_equal(out, "a\xEF\xBF\xBD\xEF\xBF\xBD b\xEF\xBF\xBD");
    dy_arena_free(&a);
}

static void clitics_split(void **state) {
    (void)state;
    dy_arena a = {0};
    assert_string_equal(toks_of(&a, "Moscow didn't say whether Japan's envoy won't come."),
                        "Moscow did n't say whether Japan 's envoy wo n't come .");
    assert_string_equal(toks_of(&a, "They're sure we'll see what he'd planned, I'm told."),
                        "They 're sure we 'll see what he 'd planned , I 'm told .");
    /* Curly apostrophe works the same, and its norm is ASCII. */
    dy_sentence s = dy_tokenize(&a, "Russia\xe2\x80\x99s minister can\xe2\x80\x99t attend.",
                                strlen("Russia\xe2\x80\x99s minister can\xe2\x80\x99t attend."));
    assert_int_equal(s.ntok, 7);
    assert_string_equal(s.toks[0].form, "Russia");
    assert_string_equal(s.toks[1].form, "\xe2\x80\x99s");
    assert_string_equal(s.toks[1].norm, "'s");
    assert_string_equal(s.toks[3].form, "ca");
    assert_string_equal(s.toks[4].norm, "n't");
    /* Names with an apostrophe stay whole; a plural possessive splits off. */
    assert_string_equal(toks_of(&a, "O'Brien met the ministers' aides."),
                        "O'Brien met the ministers ' aides .");
    dy_arena_free(&a);
}

static void abbreviations_and_initials(void **state) {
    (void)state;
    dy_arena a = {0};
    dy_sentence s;
    const char *t = "Gen. John F. Kelly met Mr. Abe and Dr. Sato of the U.N. at 9 a.m. on Dec. 3 at Acme Corp. in St. Louis.";
    assert_string_equal(toks_of(&a, t),
                        "Gen. John F. Kelly met Mr. Abe and Dr. Sato of the U.N. at 9 a.m. on Dec. 3 at "
                        "Acme Corp. in St. Louis .");
    s = dy_tokenize(&a, t, strlen(t));
    const dy_token *un = find_tok(&s, "U.N.");
    assert_non_null(un);
    assert_true(un->flags & DY_TF_ABBREV);
    assert_true(un->flags & DY_TF_CAP);
    assert_true(un->flags & DY_TF_ALLCAP);
    assert_string_equal(un->norm, "u.n.");
    assert_true(find_tok(&s, "F.")->flags & DY_TF_ABBREV);
    assert_false(find_tok(&s, "Kelly")->flags & DY_TF_ABBREV);
    /* "No." only before a number; "etc." and "vs." keep their period. */
    assert_string_equal(toks_of(&a, "Resolution No. 2334 passed. He said no. Tanks, jets etc. were listed, Iran vs. Iraq."),
                        "Resolution No. 2334 passed . He said no . Tanks , jets etc. were listed , Iran vs. Iraq .");
    dy_arena_free(&a);
}

static void numbers_hyphens_urls(void **state) {
    (void)state;
    dy_arena a = {0};
    const char *t = "Some 1,400 troops, 3.5 percent and 12% more arrived on 2019-12-19 from al-Qaeda-held "
                    "areas, a long-pending Russian-Japanese deal said; see https://www.example.org/a-b?x=1, "
                    "or write to press.office@un.org.";
    assert_string_equal(toks_of(&a, t),
                        "Some 1,400 troops , 3.5 percent and 12% more arrived on 2019-12-19 from "
                        "al-Qaeda-held areas , a long-pending Russian-Japanese deal said ; see "
                        "https://www.example.org/a-b?x=1 , or write to press.office@un.org .");
    dy_sentence s = dy_tokenize(&a, t, strlen(t));
    assert_true(find_tok(&s, "1,400")->flags & DY_TF_NUMBER);
    assert_true(find_tok(&s, "3.5")->flags & DY_TF_NUMBER);
    assert_true(find_tok(&s, "Russian-Japanese")->flags & DY_TF_HYPHEN);
    assert_true(find_tok(&s, "Russian-Japanese")->flags & DY_TF_CAP);
    assert_string_equal(find_tok(&s, "Russian-Japanese")->norm, "russian-japanese");
    assert_true(find_tok(&s, "long-pending")->flags & DY_TF_HYPHEN);
    assert_false(find_tok(&s, "troops")->flags & (DY_TF_HYPHEN | DY_TF_NUMBER | DY_TF_CAP));
    assert_true(find_tok(&s, ";")->flags & DY_TF_PUNCT);
    s = dy_tokenize(&a, "U.S.-led forces and U.N.-backed talks", strlen("U.S.-led forces and U.N.-backed talks"));
    assert_int_equal(s.ntok, 5);
    assert_string_equal(s.toks[0].form, "U.S.-led");
    assert_true(s.toks[0].flags & DY_TF_HYPHEN);
    assert_false(s.toks[0].flags & DY_TF_ABBREV);
    /* "1,40" is not a thousands group: the comma splits. */
    assert_string_equal(toks_of(&a, "Scores were 1,40 and 7,"), "Scores were 1 , 40 and 7 ,");
    /* Dashes are tokens of their own, the en dash normalised. */
    s = dy_tokenize(&a, "Kabul \xe2\x80\x93 and Herat -- fell", strlen("Kabul \xe2\x80\x93 and Herat -- fell"));
    assert_int_equal(s.ntok, 6);
    assert_string_equal(s.toks[1].norm, "-");
    assert_string_equal(s.toks[4].form, "--");
    /* ALLCAP needs two letters; CAP looks at the first letter. */
    s = dy_tokenize(&a, "NATO and EU said A", strlen("NATO and EU said A"));
    assert_true(s.toks[0].flags & DY_TF_ALLCAP);
    assert_true(s.toks[2].flags & DY_TF_ALLCAP);
    assert_false(s.toks[4].flags & DY_TF_ALLCAP);
    assert_true(s.toks[4].flags & DY_TF_CAP);
    dy_arena_free(&a);
}

static void spans_cover_text(void **state) {
    (void)state;
    dy_arena a = {0};
    const char *t = "  \xe2\x80\x9cWe\xe2\x80\x99re ready,\xe2\x80\x9d the U.S. envoy said\xe2\x80\xa6 Then? Nothing!  ";
    dy_sentence *s;
    size_t ns = dy_split(&a, t, strlen(t), &s);
    assert_true(ns >= 1);
    /* Every non-space byte is in exactly one token, in order. */
    size_t pos = 0, covered = 0;
    for (size_t i = 0; i < ns; i++)
        for (uint32_t k = 0; k < s[i].ntok; k++) {
            assert_true(s[i].toks[k].start >= pos);
            assert_true(s[i].toks[k].end > s[i].toks[k].start);
            assert_memory_equal(t + s[i].toks[k].start, s[i].toks[k].form, s[i].toks[k].end - s[i].toks[k].start);
            covered += s[i].toks[k].end - s[i].toks[k].start;
            pos = s[i].toks[k].end;
        }
    size_t nonspace = 0;
    for (const char *p = t; *p; p++) if (*p != ' ') nonspace++;
    assert_int_equal(covered, nonspace);
    assert_int_equal(s[0].start, 2);
    dy_arena_free(&a);
}

static void sentences_abbreviations(void **state) {
    (void)state;
    dy_arena a = {0};
    size_t ns;
    /* An abbreviation that ends a sentence splits before a clear opener ... */
    assert_string_equal(sents_of(&a, "China imposed sanctions on the U.S. The move angered Washington.", &ns),
                        "China imposed sanctions on the U.S. | The move angered Washington .");
    /* ... but not before a name continuing it. */
    assert_string_equal(sents_of(&a, "The U.S. Navy sent ships to the Gulf.", &ns),
                        "The U.S. Navy sent ships to the Gulf .");
    assert_int_equal(ns, 1);
    /* "p.m." before a bracket or a line break is not a sentence end. */
    sents_of(&a, "The blast came at 8:30 p.m. (0030 GMT) near the U.S.\nEmbassy in Kabul.", &ns);
    assert_int_equal(ns, 1);
    /* Titles and initials never end a sentence. */
    sents_of(&a, "Talks with Mr. Putin and Gen. Gerasimov and George W. Bush ended. Nobody spoke.", &ns);
    assert_int_equal(ns, 2);
    sents_of(&a, "The vote at 10 a.m. Moscow time was delayed until 3 p.m. It then passed.", &ns);
    assert_int_equal(ns, 2);
    /* Decimals and numbers do not split. */
    assert_string_equal(sents_of(&a, "Growth slowed to 3.5 percent. Exports fell 1,400 units.", &ns),
                        "Growth slowed to 3.5 percent . | Exports fell 1,400 units .");
    /* A numbered list item is one sentence. */
    assert_string_equal(sents_of(&a, "Standings:\n1. Manchester United 30 points\n2. Arsenal 28", &ns),
                        "Standings : 1 . Manchester United 30 points | 2 . Arsenal 28");
    /* Lower case after a period: not a new sentence. */
    sents_of(&a, "He said the deal was done. and left.", &ns);
    assert_int_equal(ns, 1);
    dy_arena_free(&a);
}

static void sentences_quotes(void **state) {
    (void)state;
    dy_arena a = {0};
    size_t ns;
    /* The closing quote stays with its sentence. */
    assert_string_equal(sents_of(&a, "\"We will go.\" He left.", &ns), "\" We will go . \" | He left .");
    assert_string_equal(
        sents_of(&a, "\xe2\x80\x9cTies will reach a new level,\xe2\x80\x9d Lavrov said. Motegi agreed.", &ns),
        "\xe2\x80\x9c Ties will reach a new level , \xe2\x80\x9d Lavrov said . | Motegi agreed .");
    /* A free-standing straight quote at the end of a line closes. */
    assert_string_equal(sents_of(&a, "\"It was close,\" Greer said. \"\nThe crowd cheared.", &ns),
                        "\" It was close , \" Greer said . \" | The crowd cheared .");
    /* A question inside a quote followed by lower case continues. */
    sents_of(&a, "\"Why now?\" he asked. Nobody answered!", &ns);
    assert_int_equal(ns, 2);
    /* Ellipses and ?! sequences end sentences before a capital. */
    assert_string_equal(sents_of(&a, "They waited... Then the shelling began?! Nobody knows.", &ns),
                        "They waited ... | Then the shelling began ?! | Nobody knows .");
    /* Closing brackets stay with the sentence. */
    assert_string_equal(sents_of(&a, "Troops withdrew (as agreed.) Fighting stopped.", &ns),
                        "Troops withdrew ( as agreed . ) | Fighting stopped .");
    dy_arena_free(&a);
}

static void inquote_spans_sentences_and_paragraphs(void **state) {
    (void)state;
    dy_arena a = {0};
    const char *t =
        "\xe2\x80\x9cWe are ready to talk. We want peace,\xe2\x80\x9d the minister said. Critics disagreed.\n\n"
        "\xe2\x80\x9cThe sanctions must go. They hurt everyone.\n\n"
        "\xe2\x80\x9c" "And we will respond,\xe2\x80\x9d he added.\n\n"
        "Iran's envoy \"rejected\" the plan.\n\n"
        "An unclosed \"quote ends here\n\n"
        "Protesters marched.";
    dy_sentence *s;
    size_t ns = dy_split(&a, t, strlen(t), &s);
    assert_int_equal(ns, 9);
    /* Sentence 0: "We are ready to talk." is inside the quote. */
    assert_true(s[0].toks[1].flags & DY_TF_INQUOTE);
    assert_false(s[0].toks[0].flags & DY_TF_INQUOTE);   /* the mark itself is not */
    assert_true(s[0].toks[0].flags & DY_TF_QUOTE);
    /* Sentence 1 starts inside the quote and leaves it. */
    assert_string_equal(s[1].toks[0].form, "We");
    assert_true(s[1].toks[0].flags & DY_TF_INQUOTE);
    assert_false(find_tok(&s[1], "minister")->flags & DY_TF_INQUOTE);
    assert_false(s[2].toks[0].flags & DY_TF_INQUOTE);     /* Critics */
    /* The quote re-opened in the next paragraph runs on into the one after. */
    assert_true(find_tok(&s[3], "sanctions")->flags & DY_TF_INQUOTE);
    assert_true(find_tok(&s[4], "hurt")->flags & DY_TF_INQUOTE);
    assert_true(find_tok(&s[5], "respond")->flags & DY_TF_INQUOTE);
    assert_false(find_tok(&s[5], "added")->flags & DY_TF_INQUOTE);
    /* Straight quotes: "rejected" alone. */
    assert_true(find_tok(&s[6], "rejected")->flags & DY_TF_INQUOTE);
    assert_false(find_tok(&s[6], "plan")->flags & DY_TF_INQUOTE);
    /* An unclosed quote ends with its paragraph. */
    assert_true(find_tok(&s[7], "ends")->flags & DY_TF_INQUOTE);
    assert_false(s[8].toks[0].flags & DY_TF_INQUOTE);
    dy_arena_free(&a);
}

static void headlines_and_paragraphs(void **state) {
    (void)state;
    dy_arena a = {0};
    size_t ns;
    /* A headline without a period, then the story. */
    assert_string_equal(sents_of(&a, "Russia, Japan vow closer ties\nMoscow and Tokyo agreed on Friday to meet again.", &ns),
                        "Russia , Japan vow closer ties | Moscow and Tokyo agreed on Friday to meet again .");
    /* Paragraph breaks always split, even without punctuation. */
    sents_of(&a, "Fighting in the north\n\nthe army said it advanced", &ns);
    assert_int_equal(ns, 2);
    /* A hard-wrapped long line is not a headline. */
    sents_of(&a, "The foreign ministers of both countries met in the Japanese city of Nagoya on\n"
                 "Friday to discuss a peace treaty.", &ns);
    assert_int_equal(ns, 1);
    /* A line ending in a comma continues. */
    sents_of(&a, "Officials said,\nTokyo would respond.", &ns);
    assert_int_equal(ns, 1);
    /* Empty and blank texts have no sentences. */
    dy_sentence *s;
    assert_int_equal(dy_split(&a, "", 0, &s), 0);
    assert_int_equal(dy_split(&a, " \n\n\t ", 5, &s), 0);
    dy_arena_free(&a);
}

static void long_sentence_is_capped(void **state) {
    (void)state;
    dy_arena a = {0};
    dy_buf b = {0};
    for (int i = 0; i < 1000; i++) dy_buf_adds(&b, "rebels and ");
    dy_buf_adds(&b, "troops clashed.");
    dy_sentence *s;
    size_t ns = dy_split(&a, b.s, b.len, &s);
    assert_int_equal(ns, 6);   /* 2003 tokens in sentences of at most 400 */
    size_t total = 0;
    for (size_t i = 0; i < ns; i++) {
        assert_true(s[i].ntok <= 400);
        total += s[i].ntok;
    }
    assert_int_equal(total, 2003);
    dy_buf_free(&b);
    dy_arena_free(&a);
}

static void pathological_input_is_safe(void **state) {
    (void)state;
    dy_arena a = {0};
    const char *cases[] = {
        "...", "\"", "'", "U.", "a.b.", "'s", "n't", "--", "\xe2\x80\x9d\xe2\x80\x9c", "((((", "x@", "@y.z",
        "http://", "1,", ",1", "3.", ".5", "Mr.", "-a-", "a--b", "\xef\xbf\xbd\xef\xbf\xbd",
    };
    for (size_t i = 0; i < DY_ARRAY_LEN(cases); i++) {
        dy_sentence *s;
        size_t ns = dy_split(&a, cases[i], strlen(cases[i]), &s);
        size_t covered = 0;
        for (size_t k = 0; k < ns; k++)
            for (uint32_t t = 0; t < s[k].ntok; t++) covered += s[k].toks[t].end - s[k].toks[t].start;
        assert_int_equal(covered, strlen(cases[i]));
    }
    dy_arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(repair_invalid_utf8),
        cmocka_unit_test(clitics_split),
        cmocka_unit_test(abbreviations_and_initials),
        cmocka_unit_test(numbers_hyphens_urls),
        cmocka_unit_test(spans_cover_text),
        cmocka_unit_test(sentences_abbreviations),
        cmocka_unit_test(sentences_quotes),
        cmocka_unit_test(inquote_spans_sentences_and_paragraphs),
        cmocka_unit_test(headlines_and_paragraphs),
        cmocka_unit_test(long_sentence_is_capped),
        cmocka_unit_test(pathological_input_is_safe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
