/* test_dict.c — the dictionaries stage: every format parsed from small
 * dictionaries written here (fictional actors, real-looking structure),
 * date restrictions, stems and regular endings, longest match, malformed
 * lines reported with their line numbers, and the reference dictionaries in
 * $DYAD_SHARED/ref loaded whole (skipped with a note when absent). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "dictionaries/dictionaries.h"
#include "text/text.h"
#include "util/util.h"

/* ---- helpers ---- */

static char *write_temp(const char *text) {
    char tmpl[] = "/tmp/dyad-dict-XXXXXX";
    int fd = mkstemp(tmpl);
    assert_true(fd >= 0);
    size_t n = strlen(text);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
    close(fd);
    return xstrdup(tmpl);
}

typedef struct {
    dy_dict *d;
    dy_diag diag;
    char *out;              /* what the diag sink printed */
    size_t outlen;
    FILE *mem;
    char *paths[8];
    int npaths;
} fixture;

static void fx_init(fixture *f) {
    memset(f, 0, sizeof *f);
    f->mem = open_memstream(&f->out, &f->outlen);
    dy_diag_init(&f->diag, f->mem);
    f->diag.max_print = 0;
    f->d = dy_dict_new();
}

static long fx_load(fixture *f, dy_dict_kind kind, const char *text) {
    char *p = write_temp(text);
    f->paths[f->npaths++] = p;
    return dy_dict_load(f->d, kind, p, &f->diag);
}

static const char *fx_output(fixture *f) {
    fflush(f->mem);
    return f->out ? f->out : "";
}

static void fx_free(fixture *f) {
    dy_dict_free(f->d);
    fclose(f->mem);
    free(f->out);
    dy_diag_destroy(&f->diag);
    for (int i = 0; i < f->npaths; i++) { unlink(f->paths[i]); free(f->paths[i]); }
}

/* Tokens from a sentence already split on spaces ("Japan 's"). */
typedef struct {
    dy_arena arena;
    dy_token toks[128];
    dy_tokkey keys[128];
    size_t n;
} sent;

/* s must start zeroed ({0}); it may be reused, its arena is kept. */
static void mk(sent *s, const dy_dict *d, const char *text) {
    dy_arena_reset(&s->arena);
    s->n = 0;
    const char *p = text;
    while (*p && s->n < 128) {
        while (*p == ' ') p++;
        if (!*p) break;
        const char *e = p;
        while (*e && *e != ' ') e++;
        dy_token *t = &s->toks[s->n++];
        t->start = (uint32_t)(p - text);
        t->end = (uint32_t)(e - text);
        t->form = dy_arena_strndup(&s->arena, p, (size_t)(e - p));
        t->norm = dy_text_norm(&s->arena, p, (size_t)(e - p));
        t->flags = (*p >= 'A' && *p <= 'Z') ? DY_TF_CAP : 0;
        size_t up = 0, let = 0;
        for (const char *c = p; c < e; c++) {
            if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z')) let++;
            if (*c >= 'A' && *c <= 'Z') up++;
        }
        if (let >= 2 && up == let) t->flags |= DY_TF_ALLCAP;
        p = e;
    }
    dy_dict_keys(d, s->toks, s->n, s->keys);
}

static void sent_free(sent *s) { dy_arena_free(&s->arena); }

static int32_t day(const char *iso) {
    int32_t d;
    assert_true(dy_parse_date(iso, strlen(iso), &d));
    return d;
}

/* The code of the first actor (kind) match covering exactly [start, end). */
static const char *code_at(const dy_dict *d, const char *text, const char *date, uint8_t kind,
                           uint32_t start, uint32_t end) {
    static char buf[64];
    sent s = {0};
    mk(&s, d, text);
    dy_actor_match m[32];
    size_t n = dy_dict_match_actors(d, s.toks, s.keys, s.n, day(date), m, 32);
    const char *r = NULL;
    for (size_t i = 0; i < n; i++)
        if (m[i].kind == kind && m[i].start == start && m[i].end == end) {
            snprintf(buf, sizeof buf, "%s", m[i].code);
            r = buf;
            break;
        }
    sent_free(&s);
    return r;
}

/* ---- actors ---- */

static const char *ACTORS =
    "# Nordland: a fictional country for the tests\n"
    "<!-- multi-line XML comment\n"
    "     LIKE_THIS [XXX] is not an entry -->\n"
    "NORDLAND_ [NDL]\n"
    "+NORDLANDIC_\n"
    "+NORTH_HARBOUR_  ; the capital\n"
    "\n"
    "ARVID_KOLSTAD_  # foreign minister, later opposition leader\n"
    "+FOREIGN_MINISTER_KOLSTAD\n"
    "+KOLSTAD_\n"
    "\t[NDLGOV 20150301-20190930]\n"
    "\t[NDLOPP >20191001]  # went into opposition\n"
    "\t[NDLELI]\n"
    "JAPAN [jpn]\n"
    "OLD_HARBOUR_COMMISSION_ [NDL < 991231] [HBC]\n"
    "GHOST_TOWN_COUNCIL_ [XYZ 20100101-20101231]\n"
    "KING_OLAF_ [NDLGOV 950101 - 081231] [---]\n";

static void actors_dates(void **state) {
    (void)state;
    fixture f;
    fx_init(&f);
    long n = fx_load(&f, DY_DICT_ACTORS, ACTORS);
    assert_int_equal(n, 10);     /* phrases, synonyms included */
    assert_int_equal(dy_dict_errors(f.d), 0);
    dy_dict_freeze(f.d);
    const dy_dict *d = f.d;
    /* Dated offices: the restriction containing the date, else the default. */
    assert_string_equal(code_at(d, "Arvid Kolstad arrived", "2016-05-02", DY_M_ACTOR, 0, 2), "NDLGOV");
    assert_string_equal(code_at(d, "Arvid Kolstad arrived", "2020-01-15", DY_M_ACTOR, 0, 2), "NDLOPP");
    assert_string_equal(code_at(d, "Arvid Kolstad arrived", "2010-01-15", DY_M_ACTOR, 0, 2), "NDLELI");
    assert_string_equal(code_at(d, "Arvid Kolstad arrived", "2019-09-30", DY_M_ACTOR, 0, 2), "NDLGOV");
    assert_string_equal(code_at(d, "Arvid Kolstad arrived", "2019-10-01", DY_M_ACTOR, 0, 2), "NDLOPP");
    /* YYMMDD dates: 99 is 1999, "<" is up to and including. */
    assert_string_equal(code_at(d, "the Old Harbour Commission said", "1999-12-31", DY_M_ACTOR, 1, 4), "NDL");
    assert_string_equal(code_at(d, "the Old Harbour Commission said", "2000-01-01", DY_M_ACTOR, 1, 4), "HBC");
    /* Only a dated code: outside it the entry does not apply at all. */
    assert_string_equal(code_at(d, "Ghost Town Council met", "2010-06-01", DY_M_ACTOR, 0, 3), "XYZ");
    assert_null(code_at(d, "Ghost Town Council met", "2012-06-01", DY_M_ACTOR, 0, 3));
    /* Spaces inside a range, and the explicit null code after it. */
    assert_string_equal(code_at(d, "King Olaf spoke", "2001-01-01", DY_M_ACTOR, 0, 2), "NDLGOV");
    assert_string_equal(code_at(d, "King Olaf spoke", "2012-01-01", DY_M_ACTOR, 0, 2), "---");
    /* Lower-case codes are normalised; the XML comment hid its entry. */
    assert_string_equal(code_at(d, "Japan protested", "2019-12-19", DY_M_ACTOR, 0, 1), "JPN");
    assert_null(code_at(d, "like this", "2019-12-19", DY_M_ACTOR, 0, 2));
    fx_free(&f);
}

static void actors_stems_endings_longest(void **state) {
    (void)state;
    fixture f;
    fx_init(&f);
    fx_load(&f, DY_DICT_ACTORS, ACTORS);
    dy_dict_freeze(f.d);
    const dy_dict *d = f.d;
    /* JAPAN has no "_": a TABARI stem, so it matches JAPANESE. */
    assert_string_equal(code_at(d, "Japanese officials", "2019-12-19", DY_M_ACTOR, 0, 1), "JPN");
    /* NORDLAND_ is exact but takes regular endings; not other suffixes. */
    assert_string_equal(code_at(d, "the Nordlands", "2019-12-19", DY_M_ACTOR, 1, 2), "NDL");
    assert_null(code_at(d, "a Nordlander", "2019-12-19", DY_M_ACTOR, 1, 2));
    assert_string_equal(code_at(d, "Nordlandic troops", "2019-12-19", DY_M_ACTOR, 0, 1), "NDL");
    /* Possessive 's is its own token: the phrase before it matches. */
    assert_string_equal(code_at(d, "Japan 's navy", "2019-12-19", DY_M_ACTOR, 0, 1), "JPN");
    assert_string_equal(code_at(d, "North Harbour 's port", "2019-12-19", DY_M_ACTOR, 0, 2), "NDL");

    /* Longest match wins and matches do not overlap within a kind. */
    sent s = {0};
    mk(&s, d, "Foreign Minister Kolstad met Japanese envoys in North Harbour");
    dy_actor_match m[16];
    size_t n = dy_dict_match_actors(d, s.toks, s.keys, s.n, day("2017-03-01"), m, 16);
    assert_int_equal(n, 3);
    assert_int_equal(m[0].start, 0);
    assert_int_equal(m[0].end, 3);
    assert_string_equal(m[0].code, "NDLGOV");
    assert_string_equal(m[0].phrase, "ARVID KOLSTAD");
    assert_int_equal(m[1].start, 4);
    assert_string_equal(m[1].code, "JPN");
    assert_int_equal(m[2].start, 7);
    assert_int_equal(m[2].end, 9);
    /* Synonyms share the entry number (coreference). */
    sent s2 = {0};
    mk(&s2, d, "Kolstad");
    dy_actor_match m2[4];
    assert_int_equal(dy_dict_match_actors(d, s2.toks, s2.keys, s2.n, day("2017-03-01"), m2, 4), 1);
    assert_int_equal(m2[0].entry, m[0].entry);
    assert_int_not_equal(m[1].entry, m[0].entry);
    assert_true(m[0].line == 8 && strstr(m[0].file, "dyad-dict-") != NULL);
    sent_free(&s);
    sent_free(&s2);
    fx_free(&f);
}

/* "US" in capitals is the country where the dictionary does not list the
 * word "us" itself; a dictionary that does ("US_CONGRESS_") keeps it. */
static void actors_us_in_capitals(void **state) {
    (void)state;
    fixture f;
    fx_init(&f);
    fx_load(&f, DY_DICT_ACTORS, "UNITED_STATES_ [USA]\n+U.S._\nJAPAN_ [JPN]\n");
    dy_dict_freeze(f.d);
    assert_string_equal(code_at(f.d, "the US and Japan", "2019-12-19", DY_M_ACTOR, 1, 2), "USA");
    assert_string_equal(code_at(f.d, "US troops", "2019-12-19", DY_M_ACTOR, 0, 1), "USA");
    assert_null(code_at(f.d, "Japan told us", "2019-12-19", DY_M_ACTOR, 2, 3));
    assert_null(code_at(f.d, "JAPAN TELLS US NOW", "2019-12-19", DY_M_ACTOR, 2, 3));
    fx_free(&f);

    fx_init(&f);
    fx_load(&f, DY_DICT_ACTORS, "UNITED_STATES_ [USA]\n+U.S._\nUS_CONGRESS_ [USALEG]\n");
    dy_dict_freeze(f.d);
    assert_string_equal(code_at(f.d, "the US Congress voted", "2019-12-19", DY_M_ACTOR, 1, 3), "USALEG");
    assert_null(code_at(f.d, "the US and Japan", "2019-12-19", DY_M_ACTOR, 1, 2));
    fx_free(&f);
}

/* ---- agents ---- */

static void agents_plurals_substitutions(void **state) {
    (void)state;
    fixture f;
    fx_init(&f);
    long n = fx_load(&f, DY_DICT_AGENTS,
                     "!PERSON! = MAN, MEN, WOMAN, WOMEN\n"
                     "FOREIGN_MINISTER [~GOVFRM]\n"
                     "SPOKES!PERSON! [~GOV]\n"
                     "RIOT_POLICE {} [~COP]\n"
                     "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]\n"
                     "HUMAN_RIGHTS_ACTIVIST [NGM~]\n"
                     "FIREMAN [ ~CVL]\n"
                     "PORT_AUTHORITY [BUS]\n"
                     "BORDER_GUARD [~MIL\n");
    assert_true(n >= 9);
    assert_int_equal(dy_dict_errors(f.d), 2);
    const char *out = fx_output(&f);
    assert_non_null(strstr(out, ":8: agent code \"BUS\" without ~"));
    assert_non_null(strstr(out, ":9: missing ]"));
    dy_dict_freeze(f.d);
    const dy_dict *d = f.d;
    const char *date = "2019-12-19";
    assert_string_equal(code_at(d, "the foreign ministers met", date, DY_M_AGENT, 1, 3), "~GOVFRM");
    assert_string_equal(code_at(d, "a spokeswoman said", date, DY_M_AGENT, 1, 2), "~GOV");
    assert_string_equal(code_at(d, "two spokesmen said", date, DY_M_AGENT, 1, 2), "~GOV");
    assert_string_equal(code_at(d, "the attorneys general sued", date, DY_M_AGENT, 1, 3), "~JUD");
    assert_string_equal(code_at(d, "human rights activists marched", date, DY_M_AGENT, 0, 3), "NGM~");
    assert_string_equal(code_at(d, "firemen arrived", date, DY_M_AGENT, 0, 1), "~CVL");
    assert_string_equal(code_at(d, "riot police fired", date, DY_M_AGENT, 0, 2), "~COP");
    /* "{}": no plural, so no regular endings either. */
    assert_null(code_at(d, "riot polices fired", date, DY_M_AGENT, 0, 2));
    assert_null(code_at(d, "the port authority", date, DY_M_AGENT, 1, 3));
    fx_free(&f);
}

/* ---- verbs: TABARI format ---- */

static const dy_verb *verb_at(const dy_dict *d, const char *text, size_t i, size_t *len) {
    sent s = {0};
    mk(&s, d, text);
    const dy_verb *v = dy_dict_verb_at(d, s.toks, s.keys, s.n, i, len);
    sent_free(&s);
    return v;
}

/* ---- merging (dyad_open loads the verbs and the rest on two threads) ---- */

static void merge_equals_one_load(void **state) {
    (void)state;
    static const char *VERBS =
        "PLEDGE_ [---]\n- * SUPPORT [051]\n"
        "BREAK_ [1717]\n{ BROKE_ BROKEN_ }\n- * TREATY [161]\n";
    static const char *AGENTS = "FOREIGN_MINISTER [~GOVFRM]\nRIOT_POLICE {} [~COP]\nBORDER_GUARD [~MIL\n";
    fixture one, verbs, rest;
    fx_init(&one);
    fx_init(&verbs);
    fx_init(&rest);
    fx_load(&one, DY_DICT_VERBS, VERBS);
    fx_load(&one, DY_DICT_ACTORS, ACTORS);
    fx_load(&one, DY_DICT_AGENTS, AGENTS);
    fx_load(&verbs, DY_DICT_VERBS, VERBS);
    fx_load(&rest, DY_DICT_ACTORS, ACTORS);
    fx_load(&rest, DY_DICT_AGENTS, AGENTS);
    /* Verbs may use an earlier file's synsets: only the rest can be merged in. */
    assert_false(dy_dict_merge(rest.d, verbs.d));
    assert_true(dy_dict_merge(verbs.d, rest.d));
    rest.d = NULL;
    dy_dict_freeze(one.d);
    dy_dict_freeze(verbs.d);
    const dy_dict *a = one.d, *b = verbs.d;
    assert_int_equal(dy_dict_lexicon_size(a), dy_dict_lexicon_size(b));
    assert_int_equal(dy_dict_entries(a), dy_dict_entries(b));
    assert_int_equal(dy_dict_patterns(a), dy_dict_patterns(b));
    assert_int_equal(dy_dict_errors(b), 1);      /* the agents' missing "]" is counted once */
    for (int k = DY_DICT_ACTORS; k <= DY_DICT_ISSUES; k++)
        assert_int_equal(dy_dict_count(a, (dy_dict_kind)k), dy_dict_count(b, (dy_dict_kind)k));
    static const struct { const char *text, *date; uint8_t kind; uint32_t s, e; const char *code; } cases[] = {
        {"Arvid Kolstad arrived", "2016-05-02", DY_M_ACTOR, 0, 2, "NDLGOV"},
        {"Arvid Kolstad arrived", "2020-01-15", DY_M_ACTOR, 0, 2, "NDLOPP"},
        {"Japanese officials", "2019-12-19", DY_M_ACTOR, 0, 1, "JPN"},      /* a stem: its flag merged */
        {"the Nordlands", "2019-12-19", DY_M_ACTOR, 1, 2, "NDL"},
        {"the foreign ministers met", "2019-12-19", DY_M_AGENT, 1, 3, "~GOVFRM"},
        {"riot police fired", "2019-12-19", DY_M_AGENT, 0, 2, "~COP"},
    };
    for (size_t i = 0; i < DY_ARRAY_LEN(cases); i++) {
        const char *ca = code_at(a, cases[i].text, cases[i].date, cases[i].kind, cases[i].s, cases[i].e);
        assert_non_null(ca);
        assert_string_equal(ca, cases[i].code);
        const char *cb = code_at(b, cases[i].text, cases[i].date, cases[i].kind, cases[i].s, cases[i].e);
        assert_non_null(cb);
        assert_string_equal(cb, cases[i].code);
    }
    size_t la = 0, lb = 0;
    assert_non_null(verb_at(a, "Nordland broke the treaty", 1, &la));
    assert_non_null(verb_at(b, "Nordland broke the treaty", 1, &lb));
    assert_int_equal(la, lb);
    fx_free(&one);
    fx_free(&verbs);
    fx_free(&rest);
}

static void verbs_tabari(void **state) {
    (void)state;
    fixture f;
    fx_init(&f);
    long n = fx_load(&f, DY_DICT_VERBS,
                     "<SYNSETS>\n"
                     "&CURRENCY\n"
                     "+DOLLAR\n"
                     "+SWISS_FRANC\n"
                     "</SYNSETS>\n"
                     "<TIME>\n"
                     "NEXT_WEEK [+7]\n"
                     "</TIME>\n"
                     "PLEDGE_  [---] ;pas 01 Jan 2020\n"
                     "- * &CURRENCY [071]\n"
                     "- $ * AID_TO_ + [070]\n"
                     "- * SUPPORT [051]\n"
                     "- ATTACK * DEFENSE [100!]\n"
                     "BREAK_ [1717]\n"
                     "{ BROKE_ BROKEN_ }\n"
                     "- * TREATY [161]\n"
                     "- { HAS | HAVE } * CEASEFIRE [196]\n"
                     "BURN DOWN [180]\n"
                     "STUDY_ [---]\n"
                     "ACCUS [112]\n");
    assert_int_equal(dy_dict_errors(f.d), 0);
    assert_int_equal(dy_dict_patterns(f.d), 7);
    assert_int_equal(dy_dict_ignored(f.d), 0);      /* NEXT_WEEK is a time-shift phrase */
    assert_true(n >= 11);
    dy_dict_freeze(f.d);
    const dy_dict *d = f.d;
    size_t len = 0;
    {
        sent s = {0};
        mk(&s, d, "Nordland leaves next week");
        int days = 0;
        assert_true(dy_dict_time_shift(d, s.toks, s.keys, s.n, &days));
        assert_int_equal(days, 7);
        sent_free(&s);
    }
    const dy_verb *v = verb_at(d, "Nordland pledged aid", 1, &len);
    assert_non_null(v);
    assert_int_equal(len, 1);
    assert_string_equal(v->lemma, "pledge");
    assert_string_equal(v->code, "---");
    assert_int_equal(v->npats, 4);
    /* In descending match score (2 a word or synset, 1 an actor), so the
     * first that matches is the most specific: AID TO with two actors (6),
     * ATTACK DEFENSE (4), then SUPPORT before &CURRENCY (2 each; more
     * literal letters first). */
    assert_string_equal(v->pats[0].code, "070");
    assert_int_equal(v->pats[0].score, 6);
    assert_string_equal(v->pats[1].code, "100");
    assert_int_equal(v->pats[1].prio, '!');
    assert_int_equal(v->pats[1].score, 4);
    assert_string_equal(v->pats[2].code, "051");
    assert_int_equal(v->pats[2].score, 2);
    assert_string_equal(v->pats[3].code, "071");
    assert_int_equal(v->pats[3].score, 2);
    /* "$ * AID_TO_ +": elements and their joins. */
    const dy_pattern *p = &v->pats[0];
    assert_int_equal(p->nelem, 5);
    assert_int_equal(p->verb_index, 1);
    assert_int_equal(p->elems[0].kind, DY_PE_SOURCE);
    assert_int_equal(p->elems[1].kind, DY_PE_VERB);
    assert_int_equal(p->elems[2].kind, DY_PE_WORD);
    assert_string_equal(dy_dict_word_text(d, p->elems[2].id), "aid");
    assert_int_equal(p->elems[2].adjacent, 0);
    assert_int_equal(p->elems[2].stem, 0);
    assert_string_equal(dy_dict_word_text(d, p->elems[3].id), "to");
    assert_int_equal(p->elems[3].adjacent, 1);
    assert_int_equal(p->elems[4].kind, DY_PE_TARGET);
    assert_int_equal(p->elems[4].adjacent, 0);
    assert_true(strstr(p->file, "dyad-dict-") != NULL);
    assert_int_equal(p->line, 11);
    /* A synset in a pattern, and matching it. */
    const dy_pattern *pc = &v->pats[3];
    assert_int_equal(pc->elems[1].kind, DY_PE_SYNSET);
    assert_string_equal(dy_dict_synset_name(d, pc->elems[1].id), "CURRENCY");
    sent s = {0};
    mk(&s, d, "two million Swiss francs and dollars");
    assert_int_equal(dy_dict_synset_match(d, pc->elems[1].id, s.toks, s.keys, s.n, 2), 2);
    assert_int_equal(dy_dict_synset_match(d, pc->elems[1].id, s.toks, s.keys, s.n, 5), 1);
    assert_int_equal(dy_dict_synset_match(d, pc->elems[1].id, s.toks, s.keys, s.n, 0), 0);
    /* Word elements: stems, exact words and regular endings. */
    dy_pelem support = v->pats[2].elems[1];
    assert_int_equal(support.stem, 1);
    mk(&s, d, "supporters supported support");
    assert_true(dy_dict_word_matches(d, &support, &s.toks[0], &s.keys[0]));
    assert_true(dy_dict_word_matches(d, &support, &s.toks[2], &s.keys[2]));
    dy_pelem aid = p->elems[2];
    mk(&s, d, "aids aide aid");
    assert_true(dy_dict_word_matches(d, &aid, &s.toks[0], &s.keys[0]));
    assert_false(dy_dict_word_matches(d, &aid, &s.toks[1], &s.keys[1]));
    assert_true(dy_dict_word_matches(d, &aid, &s.toks[2], &s.keys[2]));
    sent_free(&s);
    /* Irregular and generated forms; alternatives expanded into patterns. */
    const char *forms[] = {"break", "breaks", "breaking", "broke", "broken"};
    for (size_t i = 0; i < 5; i++) {
        char buf[64];
        snprintf(buf, sizeof buf, "they %s it", forms[i]);
        v = verb_at(d, buf, 1, &len);
        assert_non_null(v);
        assert_string_equal(v->lemma, "break");
    }
    assert_string_equal(v->code, "1717");
    assert_int_equal(v->npats, 3);
    assert_null(verb_at(d, "a breakthrough", 1, &len));      /* BREAK_ is exact */
    /* "-y" verbs: studies, studied. */
    assert_string_equal(verb_at(d, "he studied it", 1, &len)->lemma, "study");
    assert_string_equal(verb_at(d, "she studies it", 1, &len)->lemma, "study");
    /* A TABARI stem: ACCUS matches accused, accusing, accusation. */
    assert_string_equal(verb_at(d, "they accused him", 1, &len)->code, "112");
    assert_non_null(verb_at(d, "the accusation", 1, &len));
    /* A multi-word root; the longest form wins. */
    v = verb_at(d, "rebels burned down the depot", 1, &len);
    assert_non_null(v);
    assert_int_equal(len, 2);
    assert_string_equal(v->lemma, "burn down");
    assert_null(verb_at(d, "rebels burned the depot", 1, &len));
    fx_free(&f);
}

/* ---- verbs: PETRARCH-2 (CAMEO.2.0) format ---- */

/* TABARI's literal endings: with the TABARI reading DEPART_ also matches
 * "departes" and "departen" (its suite's VERBEND records), not "departx";
 * read the news way those are no forms of it ("planes" is no PLAN). */
static void verbs_tabari_literal_endings(void **state) {
    (void)state;
    for (int gapped = 0; gapped <= 1; gapped++) {
        fixture f;
        fx_init(&f);
        dy_dict_set_gapped(f.d, gapped);
        fx_load(&f, DY_DICT_VERBS, "DEPART_ [032]\nPLAN_ [---]\n");
        dy_dict_set_gapped(f.d, false);
        assert_int_equal(dy_dict_tabari_reading(f.d), gapped);
        dy_dict_freeze(f.d);
        size_t len = 0;
        assert_non_null(verb_at(f.d, "Nordland departed today", 1, &len));
        assert_non_null(verb_at(f.d, "Nordland departing today", 1, &len));
        assert_true((verb_at(f.d, "Nordland departes today", 1, &len) != NULL) == gapped);
        assert_true((verb_at(f.d, "Nordland departen today", 1, &len) != NULL) == gapped);
        assert_true((verb_at(f.d, "Nordland planes today", 1, &len) != NULL) == gapped);
        assert_null(verb_at(f.d, "Nordland departx today", 1, &len));
        fx_free(&f);
    }
}

/* TABARI's <TIME> block: roots and "- *" patterns with a shift in days;
 * the first phrase of the sentence counts, the longest where two start
 * together; a null code shifts nothing. */
static void verbs_tabari_time_phrases(void **state) {
    (void)state;
    fixture f;
    fx_init(&f);
    dy_dict_set_gapped(f.d, true);
    fx_load(&f, DY_DICT_VERBS,
            "<TIME>\nFOREVER_AND_A_DAY [- - -]\nLAST_WEEK [-7]\nTOMORROW [+1]\n- * AND A WEEK [+8]\n"
            "NEVER_EVER [###]\nSOMEDAY [+x]\n</TIME>\nLEAVE [032]\n");
    dy_dict_freeze(f.d);
    assert_int_equal(dy_dict_errors(f.d), 1);                    /* [+x] */
    assert_non_null(strstr(fx_output(&f), "bad time shift"));
    static const struct { const char *text; bool found; int days; } cases[] = {
        {"Nordland will leave tomorrow", true, 1},
        {"Nordland will leave tomorrow and a week from now", true, 8},
        {"Nordland left last week and will leave tomorrow", true, -7},
        {"Nordland left lastweek", false, 0},
        {"Nordland will leave forever and a day", false, 0},
        {"Nordland will leave", false, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sent s = {0};
        mk(&s, f.d, cases[i].text);
        int days = 0;
        assert_int_equal(dy_dict_time_shift(f.d, s.toks, s.keys, s.n, &days), cases[i].found);
        assert_int_equal(days, cases[i].days);
        sent_free(&s);
    }
    /* a null-coded phrase is still read as a verb that codes nothing */
    size_t len = 0;
    assert_non_null(verb_at(f.d, "Nordland never ever left", 1, &len));
    fx_free(&f);
}

static void verbs_petrarch2(void **state) {
    (void)state;
    fixture f;
    fx_init(&f);
    fx_load(&f, DY_DICT_VERBS,
            "####### VERB PATTERNS #######\n"
            "&FOOD\n"
            "+FOOD\n"
            "+RICE\n"
            "\n"
            "---  MEET_PEOPLE   [040]  ---\n"
            "+MEET_WITH {+MET_WITH +MEETS_WITH +MEETING_WITH }\n"
            "MEET {MEETS MET MEETING}\n"
            "CONFER [031]\n"
            "- * (WITH LEADERS)                 [036:036]     # MEET\n"
            "- * {EMERGENCY &FOOD}              [:073]\n"
            "- * (BY/WITH PROTESTS)             [141]\n"
            "\n"
            "---  SEND   [---]  ---\n"
            "SEND {SENT}\n"
            "HURRY {HURRIES HURRYING HURRIED }\n"
            "- * AID (TO +) [070]\n"
            "- * ENVOY [042:043]\n"
            "\n"
            "~ a (a b ATTACK) SAY = a b 015\n");
    assert_int_equal(dy_dict_errors(f.d), 0);
    assert_int_equal(dy_dict_ignored(f.d), 1);
    assert_int_equal(dy_dict_patterns(f.d), 6);
    dy_dict_freeze(f.d);
    const dy_dict *d = f.d;
    size_t len;
    const dy_verb *v = verb_at(d, "Kolstad met with Olaf", 1, &len);
    assert_non_null(v);
    assert_int_equal(len, 2);
    assert_string_equal(v->lemma, "meet with");
    assert_string_equal(v->family, "MEET_PEOPLE");
    assert_string_equal(v->code, "040");
    v = verb_at(d, "Kolstad met Olaf", 1, &len);
    assert_int_equal(len, 1);
    assert_string_equal(v->lemma, "meet");
    assert_string_equal(v->family, "MEET_PEOPLE");
    assert_int_equal(v->npats, 4);          /* (BY/WITH ...) is two patterns */
    assert_string_equal(verb_at(d, "they conferred", 1, &len)->code, "031");
    /* No stems in PETRARCH-2: MEET does not match "meetings". */
    assert_null(verb_at(d, "the meetings", 1, &len));
    /* Groups become elements; "[036:036]" and "[:073]" split. */
    const dy_pattern *with = NULL, *food = NULL;
    for (uint32_t i = 0; i < v->npats; i++) {
        if (!strcmp(v->pats[i].code, "036")) with = &v->pats[i];
        if (!strcmp(v->pats[i].alt_code, "073")) food = &v->pats[i];
    }
    assert_non_null(with);
    assert_string_equal(with->alt_code, "036");
    assert_int_equal(with->nelem, 5);
    assert_int_equal(with->elems[1].kind, DY_PE_LPAREN);
    assert_string_equal(dy_dict_word_text(d, with->elems[2].id), "with");
    assert_int_equal(with->elems[2].stem, 0);
    assert_int_equal(with->elems[4].kind, DY_PE_RPAREN);
    assert_non_null(food);
    assert_string_equal(food->code, "");
    assert_int_equal(food->elems[1].kind, DY_PE_LBRACE);
    assert_int_equal(food->elems[3].kind, DY_PE_SYNSET);
    assert_int_equal(food->elems[4].kind, DY_PE_RBRACE);
    v = verb_at(d, "Nordland hurried aid", 1, &len);
    assert_string_equal(v->lemma, "hurry");
    assert_string_equal(v->family, "SEND");
    assert_int_equal(v->npats, 2);
    assert_string_equal(verb_at(d, "Nordland sent aid", 1, &len)->lemma, "send");
    fx_free(&f);
}

/* ---- discards and issues ---- */

static void discards_and_issues(void **state) {
    (void)state;
    fixture f;
    fx_init(&f);
    fx_load(&f, DY_DICT_DISCARDS,
            "# sport is not politics\n"
            "WORLD_CUP_\n"
            "+FOOTBALL_MATCH   # the whole story goes\n");
    fx_load(&f, DY_DICT_ISSUES,
            "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\n"
            "n:teacher [TEACHERS]\n"
            "post+secondary education [HIGHER_EDUCATION]\n"
            "~a head start\n"
            "head start [EARLY_EDUCATION]\n"
            "school meals\n"
            "</ISSUE>\n");
    assert_int_equal(dy_dict_errors(f.d), 0);
    assert_int_equal(dy_dict_count(f.d, DY_DICT_DISCARDS), 2);
    dy_dict_freeze(f.d);
    const dy_dict *d = f.d;
    sent s = {0};
    int story = -1;
    mk(&s, d, "Nordland won the World Cup final");
    const char *hit = dy_dict_match_discard(d, s.toks, s.keys, s.n, &story);
    assert_non_null(hit);
    assert_string_equal(hit, "WORLD CUP");
    assert_int_equal(story, 0);
    mk(&s, d, "after the football match , fans rioted");
    hit = dy_dict_match_discard(d, s.toks, s.keys, s.n, &story);
    assert_string_equal(hit, "FOOTBALL MATCH");
    assert_int_equal(story, 1);
    mk(&s, d, "Nordland and Japan signed a treaty");
    assert_null(dy_dict_match_discard(d, s.toks, s.keys, s.n, &story));

    const char *is[8];
    mk(&s, d, "teachers and other teachers demanded post-secondary education funds");
    size_t n = dy_dict_match_issues(d, s.toks, s.keys, s.n, is, 8);
    assert_int_equal(n, 2);
    assert_string_equal(is[0], "TEACHERS");
    assert_string_equal(is[1], "HIGHER_EDUCATION");
    mk(&s, d, "post secondary education");
    n = dy_dict_match_issues(d, s.toks, s.keys, s.n, is, 8);
    assert_int_equal(n, 1);
    /* The exclusion "~a head start" hides "head start" inside it. */
    mk(&s, d, "Nordland got a head start");
    assert_int_equal(dy_dict_match_issues(d, s.toks, s.keys, s.n, is, 8), 0);
    mk(&s, d, "the head start programme and school meals");
    n = dy_dict_match_issues(d, s.toks, s.keys, s.n, is, 8);
    assert_int_equal(n, 2);
    assert_string_equal(is[0], "EARLY_EDUCATION");
    assert_string_equal(is[1], "EDUCATION");      /* no code: the category */
    sent_free(&s);
    fx_free(&f);
}

/* ---- malformed input ---- */

/* TABARI's <NOUN> and <ADJECTIVE> blocks in an actors file: their words
 * (and regular forms) are never verbs; the entries around them still load. */
static void noun_adjective_blocks(void **state) {
    (void)state;
    fixture f;
    fx_init(&f);
    assert_true(fx_load(&f, DY_DICT_ACTORS,
                        "<NOUN>\nLEADER_ ; the leader of ...\nSTRIKE_\n</NOUN>\n"
                        "<ADJECTIVE>\nHOSTILE_\n</ADJECTIVE>\n"
                        "NORDLAND_ [NRD]\n") > 0);
    assert_true(fx_load(&f, DY_DICT_VERBS, "--- STRIKE [190] ---\nSTRIKE_ [190]\nMEET_ [040]\n") > 0);
    dy_dict_freeze(f.d);
    sent s = {0};
    mk(&s, f.d, "Nordland leaders met strikes hostile");
    assert_true(dy_dict_not_verb(f.d, &s.keys[1]));    /* "leaders": a listed noun, plural */
    assert_false(dy_dict_not_verb(f.d, &s.keys[2]));   /* "met" */
    assert_true(dy_dict_not_verb(f.d, &s.keys[3]));    /* "strikes" */
    assert_true(dy_dict_not_verb(f.d, &s.keys[4]));    /* "hostile" */
    /* which list: TABARI's compound noun and adjective phrases */
    assert_int_equal(dy_dict_word_class(f.d, &s.keys[1]), DY_WC_NOUN);
    assert_int_equal(dy_dict_word_class(f.d, &s.keys[2]), 0);
    assert_int_equal(dy_dict_word_class(f.d, &s.keys[4]), DY_WC_ADJ);
    assert_string_equal(code_at(f.d, "Nordland leaders met", "2019-01-01", DY_M_ACTOR, 0, 1), "NRD");
    assert_int_equal(dy_dict_errors(f.d), 0);
    sent_free(&s);
    fx_free(&f);
}

static void malformed_lines_reported(void **state) {
    (void)state;
    fixture f;
    fx_init(&f);
    long n = fx_load(&f, DY_DICT_ACTORS,
                     "NORDLAND_ [NDL]\n"                      /* 1 fine */
                     "BROKEN_ENTRY\n"                         /* 2 no code */
                     "VALID_CITY_ [NDL]\n"                    /* 3 fine */
                     "BAD_DATE_ [NDLGOV 20191345-20200101]\n" /* 4 bad date */
                     "  [NDL]\n"                              /* 5 code line, still fine (for 4) */
                     "[ 991201-010114]\n"                     /* 6 code line without code */
                     "UNCLOSED_ [NDL\n"                       /* 7 missing ] */
                     "+ORPHAN\n"                              /* 8 synonym of a failed entry: skipped with it */
                     "LAST_CITY_ [NDL]\n");                   /* 9 fine */
    const char *out = fx_output(&f);
    assert_non_null(strstr(out, ":2: no code for \"BROKEN_ENTRY\""));
    assert_non_null(strstr(out, ":4: bad date restriction"));
    assert_non_null(strstr(out, ":6: bad code"));
    assert_non_null(strstr(out, ":7: missing ]"));
    assert_int_equal(dy_dict_errors(f.d), 4);
    assert_int_equal(dy_diag_count(&f.diag, "dictionary"), 4);
    assert_int_equal(n, 4);    /* NORDLAND, VALID_CITY, BAD_DATE (via line 5), LAST_CITY */
    long v = fx_load(&f, DY_DICT_VERBS,
                     "PROTEST_ [141]\n"
                     "- * AGAINST + [141\n"                  /* 2 missing ] */
                     "- *AGAINST + [141]\n"                  /* 3 no separate * */
                     "- * OVER [04.1]\n"                     /* 4 bad code */
                     "- * OUTSIDE &EMBASSY [1411]\n");       /* 5 undefined synset */
    out = fx_output(&f);
    assert_non_null(strstr(out, ":2: missing ]"));
    assert_non_null(strstr(out, ":3: pattern without the verb marker *"));
    assert_non_null(strstr(out, ":4: bad verb code"));
    assert_non_null(strstr(out, ":5: undefined synset &EMBASSY"));
    assert_int_equal(v, 2);    /* the verb and its one good pattern */
    /* An unreadable file is -1 and reported, not fatal. */
    assert_int_equal(dy_dict_load(f.d, DY_DICT_ACTORS, "/nonexistent/dyad.actors", &f.diag), -1);
    assert_int_equal(dy_diag_count(&f.diag, "unreadable"), 1);
    dy_dict_freeze(f.d);
    assert_string_equal(code_at(f.d, "Last City", "2019-01-01", DY_M_ACTOR, 0, 2), "NDL");
    assert_string_equal(code_at(f.d, "Bad Date", "2019-01-01", DY_M_ACTOR, 0, 2), "NDL");
    assert_null(code_at(f.d, "Broken Entry", "2019-01-01", DY_M_ACTOR, 0, 2));
    fx_free(&f);
}

/* ---- the reference dictionaries ---- */

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *shared_dir(void) {
    const char *s = getenv("DYAD_SHARED");
    return s && *s ? s : "../shared";
}

static bool shared_has(const char *rel, char *path, size_t n) {
    snprintf(path, n, "%s/%s", shared_dir(), rel);
    struct stat st;
    return stat(path, &st) == 0;
}

static void reference_dictionaries(void **state) {
    (void)state;
    char probe[4096];
    if (!shared_has("ref/petrarch2/dictionaries/CAMEO.2.0.txt", probe, sizeof probe)) {
        printf("note: %s/ref not found (set DYAD_SHARED): reference dictionary test skipped\n", shared_dir());
        skip();
    }
    static const struct { const char *rel; dy_dict_kind kind; long min; } files[] = {
        {"ref/tabari/CAMEO.091003.master.verbs", DY_DICT_VERBS, 15000},
        {"ref/tabari/TABARI.Demo.actors", DY_DICT_ACTORS, 100},
        {"ref/tabari/TABARI.Demo.verbs", DY_DICT_VERBS, 500},
        {"ref/tabari/Validate.agents", DY_DICT_AGENTS, 80},
        {"ref/petrarch2/dictionaries/PETR.Validate.actors.txt", DY_DICT_ACTORS, 140},
        {"ref/petrarch2/dictionaries/PETR.Validate.agents.txt", DY_DICT_AGENTS, 80},
        {"ref/petrarch2/dictionaries/PETR.Validate.discards.txt", DY_DICT_DISCARDS, 5},
        {"ref/petrarch2/dictionaries/PETR.Validate.verbs.txt", DY_DICT_VERBS, 500},
    };
    /* Each small set separately, so one file's entries cannot mask another's. */
    for (size_t i = 0; i < DY_ARRAY_LEN(files); i++) {
        char path[4096];
        assert_true(shared_has(files[i].rel, path, sizeof path));
        dy_diag dg;
        dy_diag_init(&dg, NULL);
        dy_dict *d = dy_dict_new();
        long n = dy_dict_load(d, files[i].kind, path, &dg);
        dy_dict_freeze(d);
        printf("  %-55s %6ld entries, %3zu malformed lines\n", files[i].rel, n, dy_dict_errors(d));
        assert_true(n >= files[i].min);
        assert_true(dy_dict_errors(d) * 50 < (size_t)n);     /* errors are rare lines */
        dy_dict_free(d);
        dy_diag_destroy(&dg);
    }
    /* Phoenix.prepositions.txt is a word list for PETRARCH's parser, not a
     * dictionary of any dyad kind, so it is not loaded. */
    printf("  note: Phoenix.prepositions.txt is not a dictionary kind; not loaded\n");

    /* The full Phoenix set, timed. */
    static const struct { const char *name; dy_dict_kind kind; long min; } phx[] = {
        {"Phoenix.Countries.actors.txt", DY_DICT_ACTORS, 20000},
        {"Phoenix.International.actors.txt", DY_DICT_ACTORS, 5000},
        {"Phoenix.MilNonState.actors.txt", DY_DICT_ACTORS, 1000},
        {"Phoenix.agents.txt", DY_DICT_AGENTS, 2000},
        {"CAMEO.2.0.txt", DY_DICT_VERBS, 5000},
        {"Phoenix.discards.txt", DY_DICT_DISCARDS, 400},
        {"Phoenix.IssueCoding.txt", DY_DICT_ISSUES, 2500},
    };
    dy_diag dg;
    dy_diag_init(&dg, NULL);
    dy_dict *d = dy_dict_new();
    double t0 = now();
    for (size_t i = 0; i < DY_ARRAY_LEN(phx); i++) {
        char rel[256], path[4096];
        snprintf(rel, sizeof rel, "ref/petrarch2/dictionaries/%s", phx[i].name);
        assert_true(shared_has(rel, path, sizeof path));
        long n = dy_dict_load(d, phx[i].kind, path, &dg);
        printf("  %-55s %6ld entries\n", rel, n);
        assert_true(n >= phx[i].min);
    }
    dy_dict_freeze(d);
    double t1 = now();
    printf("  Phoenix set: %zu entries (%zu actor, %zu agent, %zu verb+pattern, %zu discard, %zu issue), "
           "%zu patterns, %zu synsets, %zu words, %zu malformed lines, %zu ignored; load+freeze %.3f s\n",
           dy_dict_entries(d), dy_dict_count(d, DY_DICT_ACTORS), dy_dict_count(d, DY_DICT_AGENTS),
           dy_dict_count(d, DY_DICT_VERBS), dy_dict_count(d, DY_DICT_DISCARDS),
           dy_dict_count(d, DY_DICT_ISSUES), dy_dict_patterns(d), dy_dict_synsets(d),
           dy_dict_lexicon_size(d), dy_dict_errors(d), dy_dict_ignored(d), t1 - t0);
    assert_true(dy_dict_errors(d) < 200);
    assert_true(dy_dict_patterns(d) > 4000);

    /* Known entries. */
    assert_string_equal(code_at(d, "Sergey Lavrov said", "2019-12-19", DY_M_ACTOR, 0, 2), "RUSGOV");
    assert_string_equal(code_at(d, "Russian troops", "2019-12-19", DY_M_ACTOR, 0, 1), "RUS");
    const char *fm = code_at(d, "the foreign minister said", "2019-12-19", DY_M_AGENT, 1, 3);
    assert_non_null(fm);
    assert_true(strncmp(fm, "~GOV", 4) == 0);
    size_t len;
    const dy_verb *v = verb_at(d, "Lavrov met Motegi", 1, &len);
    assert_non_null(v);
    assert_string_equal(v->lemma, "meet");
    assert_string_equal(v->family, "MEET_PEOPLE");
    assert_true(v->npats > 10);
    dy_dict_free(d);
    dy_diag_destroy(&dg);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(actors_dates),
        cmocka_unit_test(actors_stems_endings_longest),
        cmocka_unit_test(actors_us_in_capitals),
        cmocka_unit_test(agents_plurals_substitutions),
        cmocka_unit_test(verbs_tabari),
        cmocka_unit_test(merge_equals_one_load),
        cmocka_unit_test(verbs_tabari_literal_endings),
        cmocka_unit_test(verbs_tabari_time_phrases),
        cmocka_unit_test(verbs_petrarch2),
        cmocka_unit_test(discards_and_issues),
        cmocka_unit_test(noun_adjective_blocks),
        cmocka_unit_test(malformed_lines_reported),
        cmocka_unit_test(reference_dictionaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
