/* test_validate.c — the validation-suite readers, the comparison rules and a
 * small suite run end to end with dictionaries written by the test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "dyad.h"
#include "util/diag.h"
#include "util/util.h"
#include "validate/validate.h"

static dy_vsuite *parse(const char *text, const char *path, dy_diag *diag) {
    char err[256];
    dy_vsuite *s = dy_vsuite_parse(text, strlen(text), path, diag, err, sizeof err);
    if (!s) fprintf(stderr, "parse failed: %s\n", err);
    return s;
}

static const char tabari_snippet[] =
    "#####################\n"
    "# header comment block\n"
    "\n"
    "950103  DEMO-01\n"
    "Freedonia's foreign minister condemned Sylvania on Monday after border\n"
    "guards fired across the river, officials said.\n"
    "/*\\n---------------\n"
    "\\n[Simple coding]\n"
    "\\n{ FRE / SYL / 122 } 950103\n"
    "\\n{ FREGOV/SYL/ 111 } */\n"
    "\n"
    "950104  COMPOUND-07\n"
    "Freedonia and Sylvania welcomed the accord./*\n"
    "\\n{ FRE / ACC / 041 }\n"
    "\\n-{ --- / --- / 000 } */\n"
    "\n"
    "950105  DEMO-05\n"
    "Text whose validation is commented out.\n"
    "/* \\n-{FRE / SYL / 064 } */\n"
    "\n"
    "950106  NONE-01\n"
    "Nothing happened here at all today in the capital.\n"
    "/* \\n{---} \\n{ FRE / SYL / 010 } */\n"
    "\n"
    "950101  YYYY-Initiate\n"
    "Switching to four-digit years.\n"
    "/* \\n{ OPTION: SET: YYYY = TRUE } \\n{ OPTION:  DEFAULT: SOURCE [DEFSRC]  } */\n"
    "\n"
    "20150607 YYYY-01\n"
    "Freedonia condemned Sylvania again.\n"
    "/* \\n{ FRE / SYL / 122 } \\n{ not a field } */\n"
    "\n"
    "19950101 YYYY-Cancel\n"
    "Back to two digits.\n"
    "/* \\n{ OPTION: SET: YYYY = FALSE } */\n"
    "\n"
    "290101  950101  AGENTS-11\n"
    "Freedonia condemned Sylvania and Gondor.\n"
    "/* \\n{ FRE / SYL / 122 } */\n"
    "\\n{ FRE / GON / 122 } */\n"
    "\n"
    "9901011 UNCLOSED-01\n"
    "Freedonia condemned Sylvania.\n"
    "/* \\n{ OPTION: SET: MINIMUM WORDS = 4  \n"
    "\n"
    "990101  FINAL-01\n"
    "The end of the standard records: no fields here.\n"
    "\n"
    "990102  AFTER-01\n"
    "Freedonia condemned Sylvania.\n"
    "/* \\n{ FRE / SYL / 122 } */\n";

static const dy_vrecord *find(const dy_vsuite *s, const char *id) {
    for (size_t i = 0; i < s->records.len; i++)
        if (!strcmp(s->records.items[i].id, id)) return &s->records.items[i];
    fail_msg("record %s not found", id);
    return NULL;
}

static void tabari_reader(void **state) {
    (void)state;
    dy_diag diag;
    dy_diag_init(&diag, NULL);
    dy_vsuite *s = parse(tabari_snippet, "/nonexistent/Validate.text", &diag);
    assert_non_null(s);
    assert_int_equal(s->format, DY_VS_TABARI);
    assert_int_equal(s->records.len, 11);

    const dy_vrecord *r = find(s, "DEMO-01");
    assert_string_equal(r->category, "DEMO");
    assert_string_equal(r->date, "1995-01-03");
    assert_int_equal(r->line, 4);
    assert_string_equal(r->text, "Freedonia's foreign minister condemned Sylvania on Monday after border "
                                 "guards fired across the river, officials said.");
    assert_int_equal(r->expect, DY_VX_EVENTS);
    assert_int_equal(r->subset, 0);
    assert_int_equal(r->events.len, 2);
    assert_string_equal(r->events.items[1].source, "FREGOV");
    assert_string_equal(r->events.items[1].target, "SYL");
    assert_string_equal(r->events.items[1].code, "111");

    r = find(s, "COMPOUND-07");      /* "-{" after a checked field: at least these */
    assert_int_equal(r->expect, DY_VX_EVENTS);
    assert_int_equal(r->subset, 1);
    assert_int_equal(r->events.len, 1);
    assert_string_equal(r->text, "Freedonia and Sylvania welcomed the accord.");

    r = find(s, "DEMO-05");
    assert_int_equal(r->expect, DY_VX_UNCHECKED);

    r = find(s, "NONE-01");          /* special codes win over events */
    assert_int_equal(r->expect, DY_VX_NONE);

    r = find(s, "YYYY-Initiate");
    assert_int_equal(r->expect, DY_VX_EVENTS);
    assert_int_equal(r->events.len, 0);
    assert_int_equal(r->options.len, 2);
    assert_string_equal(r->options.items[1], "DEFAULT: SOURCE [DEFSRC]");
    assert_string_equal(find(s, "YYYY-01")->date, "2015-06-07");
    assert_string_equal(find(s, "YYYY-Cancel")->date, "1995-01-01");
    assert_int_equal(dy_diag_count(&diag, "suite-field"), 1);   /* "{ not a field }" */

    r = find(s, "950101 AGENTS-11");   /* id line with extra words; comment closed twice */
    assert_string_equal(r->category, "AGENTS");
    assert_string_equal(r->date, "2029-01-01");   /* two-digit years pivot at 2030 */
    assert_int_equal(r->events.len, 2);
    assert_string_equal(r->text, "Freedonia condemned Sylvania and Gondor.");

    r = find(s, "UNCLOSED-01");      /* 7 digits: TABARI reads the first six */
    assert_string_equal(r->date, "1999-01-01");
    assert_int_equal(r->options.len, 1);
    assert_string_equal(r->options.items[0], "SET: MINIMUM WORDS = 4");
    assert_int_equal(r->after_stop, 0);

    r = find(s, "FINAL-01");
    assert_int_equal(r->expect, DY_VX_UNCHECKED);
    assert_int_equal(r->after_stop, 1);
    assert_string_equal(s->stop_id, "FINAL-01");
    assert_int_equal(find(s, "AFTER-01")->after_stop, 1);
    dy_vsuite_free(s);
    dy_diag_destroy(&diag);
}

static void tabari_bad_dates(void **state) {
    (void)state;
    dy_diag diag;
    dy_diag_init(&diag, NULL);
    dy_vsuite *s = parse("951332  BAD-01\nFreedonia condemned Sylvania.\n/* {---} */\n\n"
                         "95  SHORT-01\nToo few digits.\n/* {---} */\n", "x.text", &diag);
    assert_non_null(s);
    assert_int_equal(s->records.len, 2);
    assert_string_equal(s->records.items[0].date, "");
    assert_string_equal(s->records.items[1].date, "");
    assert_int_equal(dy_diag_count(&diag, "bad-date"), 2);
    dy_vsuite_free(s);
    dy_diag_destroy(&diag);
}


/* While TABARI's time shifting is on, the date after the first field is the
 * date the first event must be coded with. */
static void tabari_time_shift(void **state) {
    (void)state;
    dy_diag diag;
    dy_diag_init(&diag, NULL);
    dy_vsuite *s = parse("950101  TIME-Modify\nSwitch on time shifting.\n"
                         "/* \\n{ OPTION: SET: TIME SHIFT = TRUE } */\n\n"
                         "950104  TIME-01\nYesterday, Freedonia condemned Sylvania.\n"
                         "/* \\n{ FRE / SYL / 122 } 950103 */\n\n"
                         "950104  TIME-02\nFreedonia condemned Sylvania.\n"
                         "/* \\n{ FRE / SYL / 122 } */\n\n"
                         "950101  TIME-Cancel\nSwitch it off.\n"
                         "/* \\n{ OPTION: SET: TIME SHIFT = FALSE } */\n\n"
                         "950104  DEMO-04\nFreedonia condemned Sylvania.\n"
                         "/* \\n{ FRE / SYL / 122 } 950101 */\n", "t.text", &diag);
    assert_non_null(s);
    assert_int_equal(s->records.len, 5);
    const dy_vrecord *t1 = find(s, "TIME-01"), *t2 = find(s, "TIME-02"), *d4 = find(s, "DEMO-04");
    assert_int_equal(t1->check_date, 1);
    assert_string_equal(t1->events.items[0].date, "1995-01-03");
    assert_int_equal(t2->check_date, 1);
    assert_string_equal(t2->events.items[0].date, "");
    assert_int_equal(d4->check_date, 0);

    const char *why;
    dy_vtriple shifted = {"FRE", "SYL", "122", "1995-01-03"}, unshifted = {"FRE", "SYL", "122", "1995-01-04"};
    assert_int_equal(dy_vcompare(t1, &shifted, 1, 0, &why), DY_VR_PASS);
    assert_int_equal(dy_vcompare(t1, &unshifted, 1, 0, &why), DY_VR_FAIL);
    assert_int_equal(dy_vcompare(t2, &unshifted, 1, 0, &why), DY_VR_FAIL);   /* no date given */
    assert_int_equal(dy_vcompare(d4, &unshifted, 1, 0, &why), DY_VR_PASS);   /* not checked when off */
    dy_vsuite_free(s);
    dy_diag_destroy(&diag);
}

static const char petrarch_snippet[] =
    "<Validation>\n"
    "<!-- a comment with <Sentence id=\"FAKE\"> inside -->\n"
    "<Environment>\n"
    "    <Verbfile>Test.verbs.txt</Verbfile>\n"
    "    <Include>valid DEMO ERROR</Include>\n"
    "    <Config option=\"stop_on_error\" value=\"True\"></Config>\n"
    "</Environment>\n"
    "<Sentences>\n"
    "<Sentence date = \"19950101\" id =\"DEMO-01\" category=\"DEMO\" sentence=\"true\">\n"
    "<EventCoding sourcecode=\"FRE\" targetcode=\"SYL\" eventcode=\"122\"></EventCoding>\n"
    "<EventCoding sourcecode='SYL' targetcode='FRE' eventcode='111'/>\n"
    "<Text>\n"
    "Freedonia &amp; its allies condemned Sylvania&#39;s  \n raid.\n"
    "</Text>\n"
    "<Parse>(ROOT (S (NP (NNP Freedonia)) (VP (VBD condemned))))</Parse>\n"
    "</Sentence>\n"
    "<Config option=\"require_dyad\" value=\"false\"></Config>\n"
    "<Sentence date=\"20080801\" id=\"ERROR-01\" category=\"ERROR\">\n"
    "<EventCoding error=\"dateline\"></EventCoding>\n"
    "<Text>CEBU CITY: -- The mayor filed a suit.</Text>\n"
    "</Sentence>\n"
    "<Sentence date=\"19950101\" id=\"DISCARD-01\" category=\"ERROR\">\n"
    "<EventCoding error=\"storydiscard\"></EventCoding><Text>A typhoon hit.</Text></Sentence>\n"
    "<Sentence date=\"19950101\" id=\"PARSE-01\" category=\"ERROR\">\n"
    "<EventCoding error=\"bad_input_parse\"></EventCoding><Text>Some text.</Text></Sentence>\n"
    "<Sentence date=\"19950101\" id=\"AGENTS-18\" category=\"AGENTS\">\n"
    "<EventCoding noevents = \"True\"></EventCoding><Text>Excluded.</Text></Sentence>\n"
    "<Sentence date=\"1995-13-01\" id=\"NONE-01\" category=\"DEMO\">\n"
    "<EventCoding noevents = \"True\"> </EventCoding><Text>Nothing.</Text></Sentence>\n"
    "</Sentences>\n"
    "</Validation>\n";

static void petrarch_reader(void **state) {
    (void)state;
    dy_diag diag;
    dy_diag_init(&diag, NULL);
    dy_vsuite *s = parse(petrarch_snippet, "/nonexistent/records.xml", &diag);
    assert_non_null(s);
    assert_int_equal(s->format, DY_VS_PETRARCH);
    assert_int_equal(s->records.len, 6);
    assert_string_equal(s->missing_dicts, "Test.verbs.txt");
    assert_int_equal(s->include.len, 3);
    assert_int_equal(s->file_options.len, 1);
    assert_string_equal(s->file_options.items[0], "stop_on_error=True");

    const dy_vrecord *r = find(s, "DEMO-01");
    assert_string_equal(r->date, "1995-01-01");
    assert_int_equal(r->line, 9);
    assert_string_equal(r->text, "Freedonia & its allies condemned Sylvania's raid.");
    assert_int_equal(r->expect, DY_VX_EVENTS);
    assert_int_equal(r->events.len, 2);
    assert_string_equal(r->events.items[1].source, "SYL");
    assert_string_equal(r->events.items[1].code, "111");
    assert_true(r->included);

    r = find(s, "ERROR-01");
    assert_int_equal(r->expect, DY_VX_REJECT);
    assert_int_equal(r->options.len, 1);
    assert_string_equal(r->options.items[0], "require_dyad=false");
    assert_int_equal(find(s, "DISCARD-01")->expect, DY_VX_STORYDISCARD);
    assert_int_equal(find(s, "PARSE-01")->expect, DY_VX_UNCHECKED);
    assert_false(find(s, "AGENTS-18")->included);
    r = find(s, "NONE-01");
    assert_int_equal(r->expect, DY_VX_NONE);
    assert_string_equal(r->date, "");
    assert_int_equal(dy_diag_count(&diag, "bad-date"), 1);
    dy_vsuite_free(s);
    dy_diag_destroy(&diag);
}

static void rejects_other_files(void **state) {
    (void)state;
    dy_diag diag;
    dy_diag_init(&diag, NULL);
    char err[256];
    const char *txt = "date 2019-01-01\nJust a story, not a suite.\n";
    assert_null(dy_vsuite_parse(txt, strlen(txt), "story.txt", &diag, err, sizeof err));
    assert_non_null(strstr(err, "story.txt"));
    const char *xml = "<html><body>hello</body></html>";
    assert_null(dy_vsuite_parse(xml, strlen(xml), "page.html", &diag, err, sizeof err));
    dy_diag_destroy(&diag);
}

static dy_vtriple tr(const char *s, const char *t, const char *c) {
    dy_vtriple x = {(char *)s, (char *)t, (char *)c, ""};
    return x;
}

static void comparison_rules(void **state) {
    (void)state;
    dy_vtriple expected[2] = {tr("FRE", "SYL", "122"), tr("SYL", "FRE", "111")};
    dy_vrecord r;
    memset(&r, 0, sizeof r);
    r.expect = DY_VX_EVENTS;
    r.events.items = expected;
    r.events.len = 2;
    const char *why;
    /* Order and repeats do not matter. */
    dy_vtriple p1[3] = {tr("SYL", "FRE", "111"), tr("FRE", "SYL", "122"), tr("FRE", "SYL", "122")};
    assert_int_equal(dy_vcompare(&r, p1, 3, 0, &why), DY_VR_PASS);
    assert_int_equal(dy_vcompare(&r, p1, 1, 0, &why), DY_VR_FAIL);
    assert_string_equal(why, "an expected event was not coded");
    dy_vtriple p2[3] = {tr("SYL", "FRE", "111"), tr("FRE", "SYL", "122"), tr("FRE", "", "023")};
    assert_int_equal(dy_vcompare(&r, p2, 3, 0, &why), DY_VR_FAIL);
    assert_string_equal(why, "an event the suite does not expect was coded");
    r.subset = 1;                    /* "-{": extras allowed */
    assert_int_equal(dy_vcompare(&r, p2, 3, 0, &why), DY_VR_PASS);
    r.subset = 0;
    r.events.len = 0;                /* an option record: nothing may be coded */
    assert_int_equal(dy_vcompare(&r, NULL, 0, 0, &why), DY_VR_PASS);
    assert_int_equal(dy_vcompare(&r, p2, 1, 0, &why), DY_VR_FAIL);
    r.expect = DY_VX_NONE;
    assert_int_equal(dy_vcompare(&r, p2, 1, 0, &why), DY_VR_FAIL);
    assert_int_equal(dy_vcompare(&r, NULL, 0, 0, &why), DY_VR_PASS);
    r.expect = DY_VX_STORYDISCARD;
    assert_int_equal(dy_vcompare(&r, NULL, 0, 0, &why), DY_VR_FAIL);
    assert_int_equal(dy_vcompare(&r, NULL, 0, 1, &why), DY_VR_PASS);
    r.expect = DY_VX_UNCHECKED;
    r.why_unchecked = "because";
    assert_int_equal(dy_vcompare(&r, NULL, 0, 0, &why), DY_VR_SKIP);
    assert_string_equal(why, "because");
}

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A whole run: a suite and its dictionaries in a temporary folder, found
 * through a .project file the way TABARI finds them. */
/* A dyad with the suite's own dictionaries only (and the parser model when
 * one is given), warnings to w. */
static dyad *open_for_suite(const dy_vsuite *s, const char *model, FILE *w) {
    dyad_config cfg;
    dyad_config_init(&cfg);
    cfg.use_default_dictionaries = 0;
    cfg.use_parser = model != NULL;
    cfg.model = model;
    cfg.dicts = s->dicts;
    cfg.ndicts = s->ndicts;
    cfg.datadir = DYAD_SRCDIR "/data";
    cfg.warnings = w;
    char err[512];
    dyad *d = dyad_open(&cfg, err, sizeof err);
    if (!d) fail_msg("dyad_open: %s", err);
    return d;
}

/* Runs every record of s (at most 32), failing the test at the first record
 * that fails with what it produced; returns how many passed. */
static int run_all_must_pass(dyad *d, const dy_vsuite *s) {
    dy_vresult res[32];
    assert_true(s->records.len <= 32);
    dy_validate_run(d, s, NULL, res);
    int passed = 0;
    for (size_t i = 0; i < s->records.len; i++) {
        const dy_vrecord *r = &s->records.items[i];
        if (res[i].status == DY_VR_FAIL) {
            dy_buf b = {0};
            dy_vtriples_format(res[i].produced.items, res[i].produced.len, &b);
            fail_msg("%s failed (%s): produced %s", r->id, res[i].why, b.s);
        }
        passed += res[i].status == DY_VR_PASS;
        dy_vresult_free(&res[i]);
    }
    return passed;
}

static void run_small_suite(void **state) {
    (void)state;
    char dir[] = "/tmp/dyad-validate-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char p_actors[128], p_verbs[128], p_project[128], p_suite[128], p_junit[128];
    snprintf(p_actors, sizeof p_actors, "%s/Small.actors", dir);
    snprintf(p_verbs, sizeof p_verbs, "%s/Small.verbs", dir);
    snprintf(p_project, sizeof p_project, "%s/Small.project", dir);
    snprintf(p_suite, sizeof p_suite, "%s/Small.text", dir);
    snprintf(p_junit, sizeof p_junit, "%s/junit.xml", dir);
    write_file(p_actors, "FREEDONIA [FRE]\nSYLVANIA [SYL]\n");
    write_file(p_verbs, "CONDEMN [122]\nPRAISE [051]\n");
    write_file(p_project, "# test project\n<actorfile> Small.actors\n<verbfile> Small.verbs\n");
    write_file(p_suite,
               "190105  GOOD-01\nFreedonia condemned Sylvania on Monday after the border clash.\n"
               "/* \\n{ FRE / SYL / 122 } */\n\n"
               "190105  WRONG-01\nFreedonia praised Sylvania on Monday after the border talks.\n"
               "/* \\n{ FRE / SYL / 122 } */\n\n"
               "190105  NONE-01\nThe weather in the capital was mild on Monday and Tuesday.\n"
               "/* \\n{---} */\n\n"
               "190106  END-01\nNo fields: the run stops here.\n");
    dy_diag diag;
    dy_diag_init(&diag, NULL);
    char err[512];
    dy_vsuite *s = dy_vsuite_read(p_suite, &diag, err, sizeof err);
    assert_non_null(s);
    assert_string_equal(s->missing_dicts, "");
    assert_int_equal(s->ndicts, 2);

    dyad_config cfg;
    dyad_config_init(&cfg);
    cfg.use_default_dictionaries = 0;
    cfg.use_parser = 0;
    cfg.dicts = s->dicts;
    cfg.ndicts = s->ndicts;
    cfg.datadir = DYAD_SRCDIR "/data";
    FILE *devnull = fopen("/dev/null", "w");
    cfg.warnings = devnull;
    dyad *d = dyad_open(&cfg, err, sizeof err);
    if (!d) fail_msg("dyad_open: %s", err);
    dy_vresult res[4];
    FILE *trace = tmpfile();
    dy_vrun_opts o = {.explain = trace};
    dy_validate_run(d, s, &o, res);
    assert_int_equal(res[0].status, DY_VR_PASS);
    assert_int_equal(res[1].status, DY_VR_FAIL);
    assert_int_equal(res[1].produced.len, 1);
    assert_string_equal(res[1].produced.items[0].code, "051");
    assert_int_equal(res[2].status, DY_VR_PASS);
    assert_int_equal(res[3].status, DY_VR_SKIP);
    assert_true(ftell(trace) > 0);       /* the failing record was traced */
    fclose(trace);

    dy_vtallies cats = {0};
    dy_vtally total;
    dy_vtally_build(s, res, &cats, &total);
    assert_int_equal(total.pass, 2);
    assert_int_equal(total.fail, 1);
    assert_int_equal(total.skip, 1);
    assert_int_equal(cats.len, 4);
    assert_string_equal(cats.items[1].category, "WRONG");
    dy_vtallies_free(&cats);

    FILE *j = fopen(p_junit, "w+");
    assert_non_null(j);
    assert_int_equal(dy_vjunit_write(j, s, res), 0);
    rewind(j);
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, j);
    buf[n] = 0;
    fclose(j);
    assert_non_null(strstr(buf, "<testsuites "));
    assert_non_null(strstr(buf, "tests=\"4\" failures=\"1\" skipped=\"1\""));
    assert_non_null(strstr(buf, "name=\"WRONG-01\""));
    assert_non_null(strstr(buf, "<failure message=\"an expected event was not coded\">"));
    assert_non_null(strstr(buf, "produced: FRE/SYL/051"));
    assert_non_null(strstr(buf, "<skipped message="));

    for (size_t i = 0; i < 4; i++) dy_vresult_free(&res[i]);
    dyad_close(d);
    fclose(devnull);
    dy_vsuite_free(s);
    dy_diag_destroy(&diag);
    unlink(p_actors); unlink(p_verbs); unlink(p_project); unlink(p_suite); unlink(p_junit);
    rmdir(dir);
}

/* Options a suite's file sets reach the coder record by record: TABARI's
 * CONVERT AGENTS, DEFAULT, MINIMUM WORDS, CODE BY and FORWARD records,
 * PETRARCH's require_dyad <Config>, and a bare "SAID [023]" framing a later
 * event. */
static void suite_options_applied(void **state) {
    (void)state;
    char dir[] = "/tmp/dyad-validate-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char p_actors[128], p_verbs[128], p_agents[128], p_project[128], p_suite[128], p_xml[128];
    snprintf(p_actors, sizeof p_actors, "%s/Opt.actors", dir);
    snprintf(p_verbs, sizeof p_verbs, "%s/Opt.verbs", dir);
    snprintf(p_agents, sizeof p_agents, "%s/Opt.agents", dir);
    snprintf(p_project, sizeof p_project, "%s/Opt.project", dir);
    snprintf(p_suite, sizeof p_suite, "%s/Opt.text", dir);
    snprintf(p_xml, sizeof p_xml, "%s/records.xml", dir);
    /* TABARI reads the blank in "PRINCE RUFUS" as a gap: "Prince Regent Rufus". */
    write_file(p_actors, "FREEDONIA [FRE]\nSYLVANIA [SYL]\nMARXONIA [MAR]\nPRINCE RUFUS [RUF]\nAL_GORE [AGR]\n"
                         "BARAD-DUR [BAR]\n");
    write_file(p_verbs, "CONDEMN [122]\nPRAISE [051]\nSAID [023]\nWARN [160]\n- * AT_ ^ + [162]\n");
    write_file(p_agents, "REBELS [~REB]\nAMBASSADORS [~GOV]\n");
    write_file(p_project, "<actorfile> Opt.actors\n<verbfile> Opt.verbs\n<agentfile> Opt.agents\n");
    write_file(p_suite,
               "190105  CONV-00\nFreedonia condemned the rebels on Monday after the border clash.\n"
               "/* \\n{---} */\n\n"
               "190105  CONV-Modify\nOption record: nothing to code here.\n"
               "/* \\n{ OPTION: SET: CONVERT AGENTS = TRUE } */\n\n"
               "190105  CONV-01\nFreedonia condemned the rebels on Monday after the border clash.\n"
               "/* \\n{ FRE / ~REB / 122 } */\n\n"
               "190105  DEFAULT-CMD\nOption record: nothing to code here.\n"
               "/* \\n{ OPTION: SET: CONVERT AGENTS = FALSE }\n"
               "\\n{ OPTION: DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER } */\n\n"
               "190105  DEFAULT-01\nFreedonia praised the harvest of the northern valley on Monday.\n"
               "/* \\n{ FRE / DEFTAR / 051 } */\n\n"
               "190105  DEFAULT-02\nThe crowd condemned Sylvania at the border on Monday.\n"
               "/* \\n{ DEFSRC / SYL / 122 } */\n\n"
               "190105  DEFAULT-OFF\nOption record: nothing to code here.\n"
               "/* \\n{ OPTION: DEFAULT: OFF } */\n\n"
               "190105  DEFAULT-03\nFreedonia praised the harvest of the northern valley on Monday.\n"
               "/* \\n{---} */\n\n"
               "190105  SAID-01\nFreedonia said it would condemn Sylvania on Monday.\n"
               "/* \\n{ FRE / SYL / 122 } */\n\n"
               /* "^" skips one actor, "+" takes the next ... */
               "190105  SKIP-01\nFreedonia warned at the Sylvania summit the Marxonia delegation on Monday.\n"
               "/* \\n{ FRE / MAR / 162 } */\n\n"
               /* ... a gapped actor phrase, across an underscore-joined name. */
               "190105  GAP-01\nSylvania condemned Prince Regent_Rufus on Monday after the border clash.\n"
               "/* \\n{ SYL / RUF / 122 } */\n\n"
               /* TABARI codes no sentence under 8 words (a comma is one) ... */
               "190105  MINWRD-01\nFreedonia condemned Sylvania on Monday.\n"
               "/* \\n{---} */\n\n"
               "190105  MINWRD-SET\nOption record: nothing to code here.\n"
               "/* \\n{ OPTION: SET: MINIMUM WORDS = 4 } */\n\n"
               "190105  MINWRD-02\nFreedonia condemned Sylvania on Monday.\n"
               "/* \\n{ FRE / SYL / 122 } */\n\n"
               /* ... BY SENTENCE codes the first verb only ... */
               "190105  CODEBY-SET\nOption record: nothing to code here.\n"
               "/* \\n{ OPTION: SET: CODE BY SENTENCE } */\n\n"
               "190105  CODEBY-01\nFreedonia condemned Sylvania on Monday and Sylvania praised Freedonia.\n"
               "/* \\n{ FRE / SYL / 122 } */\n\n"
               "190105  CODEBY-CLAUSE\nOption record: nothing to code here.\n"
               "/* \\n{ OPTION: SET: CODE BY CLAUSE } */\n\n"
               "190105  CODEBY-02\nFreedonia condemned Sylvania on Monday and Sylvania praised Freedonia.\n"
               "/* \\n{ FRE / SYL / 122 }\n\\n{ SYL / FRE / 051 } */\n\n"
               /* ... and FORWARD carries the first actor into the story's next
                * sentence, only the next one. */
               "190105  FRWD-SET\nOption record: nothing to code here.\n"
               "/* \\n{ OPTION: FORWARD: ^^*****NNN*SSS } */\n\n"
               "190105  FRWD-001-001\nFreedonia condemned Sylvania on Monday after the border clash.\n"
               "/* \\n{ FRE / SYL / 122 } */\n\n"
               "190105  FRWD-001-002\nOn Tuesday it praised Sylvania for the return of the prisoners.\n"
               "/* \\n{ FRE / SYL / 051 } */\n\n"
               "190105  FRWD-002-002\nOn Tuesday it praised Sylvania for the return of the prisoners.\n"
               "/* \\n{---} */\n\n"
               "190105  FRWD-OFF\nOption record: nothing to code here.\n"
               "/* \\n{ OPTION: FORWARD: ^^*****NNN*SSS OFF } */\n\n"
               "190105  FRWD-003-001\nFreedonia condemned Sylvania on Monday after the border clash.\n"
               "/* \\n{ FRE / SYL / 122 } */\n\n"
               "190105  FRWD-003-002\nOn Tuesday it praised Sylvania for the return of the prisoners.\n"
               "/* \\n{---} */\n\n"
               /* An agent before a list is the first actor's only with TABARI
                * dictionaries (PETRARCH, below, gives it to each). */
               "190105  AGENTLIST-01\nThe ambassadors of Freedonia and Sylvania condemned Marxonia on Monday.\n"
               "/* \\n{ FREGOV / MAR / 122 }\n\\n{ SYL / MAR / 122 } */\n\n"
               /* TABARI reads an inner hyphen as a blank, in the text and in
                * its dictionaries. */
               "190105  HYPHEN-01\nSylvania condemned Al-Gore on Monday after the border clash.\n"
               "/* \\n{ SYL / AGR / 122 } */\n\n"
               "190105  HYPHEN-02\nBarad-dur condemned Sylvania on Monday after the border clash.\n"
               "/* \\n{ BAR / SYL / 122 } */\n\n"
               "190106  END-01\nNo fields: the run stops here.\n");
    write_file(p_xml,
               "<Validation><Environment><Verbfile>Opt.verbs</Verbfile><Actorfile>Opt.actors</Actorfile>"
               "<Agentfile>Opt.agents</Agentfile></Environment><Sentences>\n"
               "<Sentence date=\"20190105\" id=\"AGENTLIST-01\" category=\"AGENTLIST\">"
               "<EventCoding sourcecode=\"FREGOV\" targetcode=\"MAR\" eventcode=\"122\"/>"
               "<EventCoding sourcecode=\"SYLGOV\" targetcode=\"MAR\" eventcode=\"122\"/>"
               "<Text>The ambassadors of Freedonia and Sylvania condemned Marxonia on Monday.</Text></Sentence>\n"
               "<Sentence date=\"20190105\" id=\"DYAD-01\" category=\"DYAD\"><EventCoding noevents=\"True\"/>"
               "<Text>Freedonia praised the harvest on Monday.</Text></Sentence>\n"
               "<Config option=\"require_dyad\" value=\"False\"></Config>\n"
               "<Sentence date=\"20190105\" id=\"DYAD-02\" category=\"DYAD\">"
               "<EventCoding sourcecode=\"FRE\" targetcode=\"---\" eventcode=\"051\"/>"
               "<Text>Freedonia praised the harvest on Monday.</Text></Sentence>\n"
               "</Sentences></Validation>\n");

    dy_diag diag;
    dy_diag_init(&diag, NULL);
    char err[512];
    FILE *devnull = fopen("/dev/null", "w");
    const char *paths[2] = {p_suite, p_xml};
    for (int k = 0; k < 2; k++) {
        dy_vsuite *s = dy_vsuite_read(paths[k], &diag, err, sizeof err);
        assert_non_null(s);
        assert_string_equal(s->missing_dicts, "");
        dyad *d = open_for_suite(s, NULL, devnull);
        run_all_must_pass(d, s);
        /* Names the library does not know are refused, not ignored. */
        dyad_worker *w = dyad_worker_new(d);
        assert_int_equal(dy_vapply_option(w, "require_dyad=TRUE"), 0);
        assert_int_equal(dy_vapply_option(w, "DEFAULT: SOURCE [DEFSRC] TARGET [DEFTAR]"), 0);
        assert_int_equal(dy_vapply_option(w, "new_actor_length=4"), 0);
        assert_int_equal(dy_vapply_option(w, "new_actor_length=many"), -1);
        assert_int_equal(dy_vapply_option(w, "comma_emax=6"), 0);
        assert_int_equal(dy_vapply_option(w, "comma_middle=6"), -1);
        assert_int_equal(dy_vapply_option(w, "stop_on_error=True"), -1);
        assert_int_equal(dy_vapply_option(w, "SET: CODE BY SENTENCE"), 0);
        assert_int_equal(dy_vapply_option(w, "SET: CODE NONRESTRICTIVE = TRUE"), -1);
        assert_int_equal(dyad_worker_set_option(w, "default_source", "not a code"), -1);
        dyad_worker_free(w);
        dyad_close(d);
        dy_vsuite_free(s);
    }
    fclose(devnull);
    dy_diag_destroy(&diag);
    unlink(p_actors); unlink(p_verbs); unlink(p_agents); unlink(p_project); unlink(p_suite); unlink(p_xml);
    rmdir(dir);
}

/* TABARI's clause model (src/coder/clauses.c), which the runner turns on for
 * TABARI suites only: each record below fails without the mechanism its
 * comment names. */
static void tabari_clause_model(void **state) {
    (void)state;
    char dir[] = "/tmp/dyad-clauses-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char p_actors[128], p_verbs[128], p_project[128], p_suite[128];
    snprintf(p_actors, sizeof p_actors, "%s/Cl.actors", dir);
    snprintf(p_verbs, sizeof p_verbs, "%s/Cl.verbs", dir);
    snprintf(p_project, sizeof p_project, "%s/Cl.project", dir);
    snprintf(p_suite, sizeof p_suite, "%s/Cl.text", dir);
    write_file(p_actors, "FREEDONIA [FRE]\nSYLVANIA [SYL]\nMARXONIA [MAR]\nOSTERLICH [OST]\n");
    write_file(p_verbs, "CONDEMN [122]\nPRAISE [051]\nSAID [023?]\nRESTOR [064]\nBLAST [+++]\n"
                        "URGE [102]\nASSIST [092]\nOPPOSE [112]\n");
    write_file(p_project, "<actorfile> Cl.actors\n<verbfile> Cl.verbs\n");
    write_file(p_suite,
               /* the source is the first actor before the verb, the target the
                * first after it, across a subordinate clause */
               "190105  CLAUSE-01\nFreedonia suggested the envoy should condemn the treaty terms in its talks "
               "with Sylvania on Monday.\n/* \\n{ FRE / SYL / 122 } */\n\n"
               /* an actor opening a later clause is its source */
               "190105  CLAUSE-02\nFreedonia condemned Sylvania on Monday but Marxonia praised Osterlich for "
               "the agreement.\n/* \\n{ FRE / SYL / 122 }\n\\n{ MAR / OST / 051 } */\n\n"
               /* a subordinate code (SAID [023?]) only when nothing else is coded */
               "190105  SUBORD-01\nFreedonia said on Monday that it would condemn Sylvania at the summit.\n"
               "/* \\n{ FRE / SYL / 122 } */\n\n"
               /* TABARI's passive: WAS before the verb, BY after it */
               "190105  PASV-01\nFreedonia was opposed by Sylvania in the vote on the border treaty.\n"
               "/* \\n{ SYL / FRE / 112 } */\n\n"
               /* a [+++] verb anywhere: nothing coded */
               "190105  COMPLEX-01\nFreedonia condemned Sylvania on Monday and blasted the envoys of Marxonia.\n"
               "/* \\n{+++} */\n\n"
               /* the end phrase (5 words and the full stop) is dropped, with
                * the actor it holds ... */
               "190105  COMMA-01\nFreedonia praised the harvest festival on Monday, a leading Sylvania "
               "newspaper said.\n/* \\n{---} */\n\n"
               "190105  COMMA-OFF\nOption record: nothing to code here.\n"
               "/* \\n{ OPTION: COMMA: OFF } */\n\n"
               /* ... unless COMMA: OFF; the target search crosses the comma */
               "190105  COMMA-02\nFreedonia praised the harvest festival on Monday, a leading Sylvania "
               "newspaper said.\n/* \\n{ FRE / SYL / 051 } */\n\n"
               /* CODE BY CLAUSE: the first verb of the clause that codes ... */
               "190105  CODEBY-01\nFreedonia urged Sylvania on Monday to assist it in the border talks.\n"
               "/* \\n{ FRE / SYL / 102 } */\n\n"
               "190105  CODEBY-ALL\nOption record: nothing to code here.\n"
               "/* \\n{ OPTION: SET: CODE ALL } */\n\n"
               /* ... CODE ALL: every verb; "it" is the source, so the target is
                * the nearest other actor before the verb */
               "190105  CODEBY-02\nFreedonia urged Sylvania on Monday to assist it in the border talks.\n"
               "/* \\n{ FRE / SYL / 102 }\n\\n{ FRE / SYL / 092 } */\n\n"
               /* DEFAULT without PRIOR: a missing source is looked for after the
                * verb; with AFTER a missing target is the default (NOACTPRIOR
                * off, as the suite does with defaults) */
               "190105  DEFAULT-CMD\nOption record: nothing to code here.\n"
               "/* \\n{ OPTION: SET: CODE BY CLAUSE }\n\\n{ OPTION: COMPLEX: VERBS[5] CONJ[4] }\n"
               "\\n{ OPTION: DEFAULT: SOURCE [DEFSRC] TARGET [DEFTAR] AFTER } */\n\n"
               "190105  DEFAULT-01\nSome villagers are about to restore full diplomatic ties with Sylvania "
               "after the long dispute.\n/* \\n{ SYL / DEFTAR / 064 } */\n\n"
               "190105  DEFAULT-PRIOR\nOption record: nothing to code here.\n"
               "/* \\n{ OPTION: DEFAULT: OFF }\n\\n{ OPTION: DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] } */\n\n"
               "190105  DEFAULT-02\nSome villagers are about to restore full diplomatic ties with Sylvania "
               "after the long dispute.\n/* \\n{ DEFSRC / SYL / 064 } */\n\n"
               "190106  END-01\nNo fields: the run stops here.\n");
    dy_diag diag;
    dy_diag_init(&diag, NULL);
    char err[512];
    FILE *devnull = fopen("/dev/null", "w");
    dy_vsuite *s = dy_vsuite_read(p_suite, &diag, err, sizeof err);
    assert_non_null(s);
    dyad *d = open_for_suite(s, NULL, devnull);
    int passed = run_all_must_pass(d, s);
    assert_int_equal(passed, 15);
    /* The options' spellings: bad values are refused. */
    dyad_worker *w = dyad_worker_new(d);
    assert_int_equal(dy_vapply_option(w, "COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8"), 0);
    assert_int_equal(dy_vapply_option(w, "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN"), 0);
    assert_int_equal(dy_vapply_option(w, "SET: CODE ALL"), 0);
    assert_int_equal(dyad_worker_set_option(w, "comma", "1,2,3"), -1);
    assert_int_equal(dyad_worker_set_option(w, "complex", "5,x,1"), -1);
    assert_int_equal(dyad_worker_set_option(w, "tabari_clauses", "maybe"), -1);
    dyad_worker_free(w);
    dyad_close(d);
    dy_vsuite_free(s);
    fclose(devnull);
    dy_diag_destroy(&diag);
    unlink(p_actors); unlink(p_verbs); unlink(p_project); unlink(p_suite);
    rmdir(dir);
}

/* TABARI's reading of its dictionaries and text beyond the clause model
 * (phase 6): each record fails without the mechanism its comment names. */
static void tabari_reading_rules(void **state) {
    (void)state;
    char dir[] = "/tmp/dyad-tabread-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char p_actors[128], p_verbs[128], p_agents[128], p_project[128], p_suite[128];
    snprintf(p_actors, sizeof p_actors, "%s/Rd.actors", dir);
    snprintf(p_verbs, sizeof p_verbs, "%s/Rd.verbs", dir);
    snprintf(p_agents, sizeof p_agents, "%s/Rd.agents", dir);
    snprintf(p_project, sizeof p_project, "%s/Rd.project", dir);
    snprintf(p_suite, sizeof p_suite, "%s/Rd.text", dir);
    write_file(p_actors, "<NOUN>\nSHEEP\nGOATS\n</NOUN>\n<ADJECTIVE>\nAWFUL\nEVIL\n</ADJECTIVE>\n"
                         "FREEDONIA [FRE]\nSYLVANIA [SYL]\nMARXONIA [MAR]\nOSTERLICH [OST]\n"
                         "RED_CRESCENT [NGO]\nRUFUS GORE [RGR]\nWHITE_PALACE [SYLGOV]\n");
    write_file(p_verbs, "<SYNSETS>\n&CURRENCY\n+AUSTRIAN FLORIN\n+KRONER_\n</SYNSETS>\n"
                        "<TIME>\nFOREVER_AND_A_DAY [- - -]\nTOMORROW [+1]\n- * AND A WEEK [+8]\nYESTERDAY [-1]\n"
                        "</TIME>\n"
                        "ACCORD [---]\n- IN * [072]\nADOPT [081]\n- * RESOLUTION_ [102]\nATTEND [031!]\n"
                        "CELEBRATE [181]\n- * IFTAR AT ^ ^ + [044]\nCONDEMN [122]\nDEATH TOLL RISEN [223]\nCONTRIBUT [070]\n"
                        "- * &CURRENCY [903]\nDONATE_ [073]\nPARADE [017]\n- ANTI- + * [111]\nPRAISE [051]\n");
    write_file(p_agents, "AID_WORKERS [NGO~]\nSECURITY_OFFICIALS_ [~GOV]\nOFFICIALS_ [~GOV]\n");
    write_file(p_project, "<actorfile> Rd.actors\n<verbfile> Rd.verbs\n<agentfile> Rd.agents\n");
    write_file(p_suite,
               /* a hyphen in the text is a blank, one ending a dictionary word
                * an underscore: "- ANTI- + *" is "anti", an actor, the verb */
               "190105  HYPHEN-01\nFreedonia marched in an anti- Sylvania parade on Monday in the capital.\n"
               "/* \\n{ FRE / SYL / 111 } */\n\n"
               /* <NOUN> and <ADJECTIVE> lists: "sheep and goats" joins two
                * nouns, so the first actor is the source; "sheep and pigs"
                * leaves a first clause without a verb, not coded ... */
               "190105  NOUN-01\nFreedonia's sheep and goats of Marxonia condemned Sylvania on Monday.\n"
               "/* \\n{ FRE / SYL / 122 } */\n\n"
               "190105  NOUN-02\nFreedonia's sheep and pigs of Marxonia condemned Sylvania on Monday.\n"
               "/* \\n{ MAR / SYL / 122 } */\n\n"
               /* ... and a compound noun phrase does not split the clause */
               "190105  NOUN-03\nFreedonia condemned the attack by sheep and evil awful goats from Sylvania "
               "on Monday.\n/* \\n{ FRE / SYL / 122 } */\n\n"
               /* actors apart by listed adjectives after "and" are one list */
               "190105  NOUN-04\nFreedonia and the evil Marxonia awful Sylvania condemned Osterlich on Monday.\n"
               "/* \\n{ FRE / OST / 122 }\n\\n{ MAR / OST / 122 }\n\\n{ SYL / OST / 122 } */\n\n"
               /* a pattern word without "_" is a prefix however short ("IN":
                * "into"); with "_" it is the word itself ("resolutions") */
               "190105  STEM-01\nFreedonia was into accord with Sylvania on Monday in the capital.\n"
               "/* \\n{ FRE / SYL / 072 } */\n\n"
               "190105  STEM-02\nFreedonia will adopt a set of resolutions with Sylvania on Monday.\n"
               "/* \\n{ FRE / SYL / 081 } */\n\n"
               "190105  STEM-03\nFreedonia will adopt a resolution with Sylvania on Monday.\n"
               "/* \\n{ FRE / SYL / 102 } */\n\n"
               /* a synset member's blank lets words between; "_" does not
                * take endings */
               "190105  SYNSET-01\nFreedonia will contribute a million austrian gold florin to Sylvania.\n"
               "/* \\n{ FRE / SYL / 903 } */\n\n"
               "190105  SYNSET-02\nFreedonia will contribute a million kroneren to Sylvania on Monday.\n"
               "/* \\n{ FRE / SYL / 070 } */\n\n"
               /* a blank in a verb phrase lets words between */
               "190105  VERB-01\nFreedonia's death toll has risen in the dispute with Sylvania on Monday.\n"
               "/* \\n{ FRE / SYL / 223 } */\n\n"
               /* "^" skips a noun phrase of a few words */
               "190105  SKIP-01\nFreedonia celebrated Iftar at Sylvania with the leaders of Marxonia in "
               "Osterlich.\n/* \\n{ FRE / OST / 044 } */\n\n"
               /* a verb with a possessive ending is a noun */
               "190105  NOUNEND-01\nFreedonia donate's cash to Sylvania on Monday in the capital.\n"
               "/* \\n{---} */\n\n"
               /* an agent code the actor already has is not added again */
               "190105  AGENTS-01\nAid workers Red Crescent condemned Sylvania on Monday in the capital.\n"
               "/* \\n{ NGO / SYL / 122 } */\n\n"
               /* "former" before the actor or the agent of a pair makes the
                * agent ELI, and does not part them; an agent joins any actor */
               "190105  AGENTS-02\nFreedonia former security officials condemned Sylvania on Monday.\n"
               "/* \\n{ FREELI / SYL / 122 } */\n\n"
               "190105  AGENTS-03\nFormer officials in White Palace condemned Freedonia on Monday.\n"
               "/* \\n{ SYLGOVELI / FRE / 122 } */\n\n"
               /* two actors are never one mention; "'s" joins them into a list */
               "190105  ACTORS-01\nSylvania condemned Freedonia and Marxonia's Osterlich on Monday.\n"
               "/* \\n{ SYL / FRE / 122 }\n\\n{ SYL / MAR / 122 }\n\\n{ SYL / OST / 122 } */\n\n"
               /* quotation marks in a gapped actor phrase are not words */
               "190105  QUOTE-01\nSylvania condemned Rufus \"The Hammer\" Gore on Monday in the capital.\n"
               "/* \\n{ SYL / RGR / 122 } */\n\n"
               /* a dominant code: under CODE ALL only its events are kept */
               "190105  CODEBY-ALL\nOption record: nothing to code here.\n"
               "/* \\n{ OPTION: SET: CODE ALL } */\n\n"
               "190105  DOMINANT-01\nFreedonia praised Sylvania on Monday and will attend the talks with "
               "Marxonia.\n/* \\n{ FRE / MAR / 031 } */\n\n"
               "190105  CODEBY-CLAUSE\nOption record: nothing to code here.\n"
               "/* \\n{ OPTION: SET: CODE BY CLAUSE } */\n\n"
               /* time shifting by the <TIME> phrases: the first one (the
                * longest where two start together); a null one shifts nothing */
               "190101  TIME-Modify\nOption record: nothing to code here.\n"
               "/* \\n{ OPTION: SET: TIME SHIFT = TRUE } */\n\n"
               "190105  TIME-01\nYesterday, Freedonia condemned Sylvania in the capital after the border clash.\n"
               "/* \\n{ FRE / SYL / 122 } 190104 */\n\n"
               "190105  TIME-02\nFreedonia will condemn Sylvania tomorrow and a week from now in the capital.\n"
               "/* \\n{ FRE / SYL / 122 } 190113 */\n\n"
               "190105  TIME-03\nFreedonia will condemn Sylvania forever and a day in the capital.\n"
               "/* \\n{ FRE / SYL / 122 } 190105 */\n\n"
               "190101  TIME-Cancel\nOption record: nothing to code here.\n"
               "/* \\n{ OPTION: SET: TIME SHIFT = FALSE } */\n\n"
               "190106  END-01\nNo fields: the run stops here.\n");
    dy_diag diag;
    dy_diag_init(&diag, NULL);
    char err[512];
    FILE *devnull = fopen("/dev/null", "w");
    dy_vsuite *s = dy_vsuite_read(p_suite, &diag, err, sizeof err);
    assert_non_null(s);
    assert_string_equal(s->missing_dicts, "");
    dyad *d = open_for_suite(s, NULL, devnull);
    int passed = run_all_must_pass(d, s);
    assert_int_equal(passed, 26);
    /* The worker's time_shift option: a boolean, off unless set. */
    dyad_worker *w = dyad_worker_new(d);
    assert_int_equal(dyad_worker_set_option(w, "time_shift", "maybe"), -1);
    assert_int_equal(dy_vapply_option(w, "SET: TIME SHIFT = TRUE"), 0);
    assert_int_equal(dyad_worker_set_option(w, "time_shift", "false"), 0);
    dyad_worker_free(w);
    dyad_close(d);
    dy_vsuite_free(s);
    fclose(devnull);
    dy_diag_destroy(&diag);
    unlink(p_actors); unlink(p_verbs); unlink(p_agents); unlink(p_project); unlink(p_suite);
    rmdir(dir);
}

/* PETRARCH suites' readings (worker options the runner turns on for
 * PETRARCH files, and PETRARCH-format dictionary rules), on a made-up
 * suite with its own dictionaries and the bundled parser model: each record
 * fails without the mechanism its comment names. */
static void petrarch_mechanisms(void **state) {
    (void)state;
    const char *model = DYAD_SRCDIR "/models/en_ewt.dyp";
    if (access(model, R_OK) != 0) { skip(); return; }
    char dir[] = "/tmp/dyad-petr-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char p_actors[128], p_verbs[128], p_agents[128], p_xml[128];
    snprintf(p_actors, sizeof p_actors, "%s/P.actors.txt", dir);
    snprintf(p_verbs, sizeof p_verbs, "%s/P.verbs.txt", dir);
    snprintf(p_agents, sizeof p_agents, "%s/P.agents.txt", dir);
    snprintf(p_xml, sizeof p_xml, "%s/records.xml", dir);
    write_file(p_actors, "FREEDONIA [FRE]\n+FREEDONIAN\nSYLVANIA [SYL]\n+SYLVANIAN\nMARXONIA [MAR]\n");
    write_file(p_agents, "POLICE {} [~COP]\nSTUDENT [~EDU]\nLAWMAKER [~LEG]\nOFFICIAL [~GOV]\nPARLIAMENT [~LEG]\n");
    write_file(p_verbs,
               "&NEGAUX\n+WO N'T\n+DID NOT\n\n"
               "--- ABANDON [345] ---\nABANDON\n- * EFFORT [987]\n\n"
               "--- ACCORD [---] ---\nACCORD\n- MOVING CLOSER * [083]\n\n"
               "--- ACT [100] ---\nACT\n- INDICATED SHOULD * [1011]\n\n"
               "--- AGREE [081] ---\nAGREE\n- * WITH % [031]\n\n"
               "--- ARREST [212] ---\nARREST\n\n"
               "--- BURN [222] ---\nBURN {BURNS BURNED BURNING}\n\n"
               "--- CELEBRATE [---] ---\nCELEBRATE\n- * FEAST AT ^ ^ + [044]\n\n"
               "--- CLASH [223] ---\nCLASH\n- MOST_CERTAINLY_&NEGAUX_EVER * OVER EFFORTS [907]\n"
               "- &NEGAUX EVER * OVER EFFORTS [905]\n\n"
               "--- CRITICIZE [121] ---\nCRITICIZE\n\n"
               "--- LEAVE [032:033] ---\nLEAVE {LEAVES LEFT LEAVING}\n\n"
               "--- PRAISE [051] ---\nPRAISE\n\n"
               "--- RESTORE [064] ---\nRESTORE\n- * FXLL DIPLOMATIC [+++]\n- * DIPLOMATIC [064]\n\n"
               "--- SAY [023] ---\nSAY {SAYS SAID SAYING}\n\n"
               "--- SHOT [---] ---\nSHOT\n- *_AND_WOUND [223]\n\n"
               "--- SHOULD [101] ---\nSHOULD\n\n"
               "--- SHOT [223] ---\nSHOT\n- + WAS * DEAD IN $ [224]\n\n"
               "--- WELCOME [041] ---\nWELCOME\n");
    /* R(id, events, text) */
#define R(id, ev, text)                                                                            \
    "<Sentence date=\"20190105\" id=\"" id "\" category=\"" id "\">" ev "<Text>" text "</Text></Sentence>\n"
#define E(s, t, c) "<EventCoding sourcecode='" s "' targetcode='" t "' eventcode='" c "'/>"
#define NONE "<EventCoding noevents=\"True\"/>"
    write_file(p_xml,
               "<Validation><Environment><Verbfile>P.verbs.txt</Verbfile><Actorfile>P.actors.txt</Actorfile>"
               "<Agentfile>P.agents.txt</Agentfile></Environment><Sentences>\n"
               /* require_dyad asks for a source and a target, not their countries */
               R("AGENTDYAD", E("FRECOP", "---EDU", "212"),
                 "Freedonian police arrested students in the capital today.")
               /* a passive verb without "by" keeps its subject as the source */
               R("PASSIVE", E("FRE", "SYL", "121"),
                 "Freedonia was criticized over its border dispute with Sylvania.")
               /* a synset member of two words joined by "_" before the verb */
               R("SYNSETBACK", E("FRE", "SYL", "907"),
                 "Freedonia most certainly won't ever clash over the efforts of Sylvania to end the dispute.")
               /* PETRARCH pattern words are the text's own forms: EFFORT is not "efforts" */
               R("EXACT", E("FRE", "SYL", "345"), "Freedonia abandoned efforts to stop a Sylvania parade.")
               /* two pattern words before the form make it a verb, whatever the tagger says */
               R("SPELLED", E("FRE", "SYL", "083"), "Freedonia is moving closer to accord with Sylvania.")
               /* a modal before another verb is no verb of its own (SHOULD [101]) */
               R("MODAL", E("FRE", "SYL", "1011"), "Freedonia indicated it should have acted against Sylvania.")
               /* "* WITH %": the compound after the verb is the target of its subject */
               R("COMPOUNDAFTER", E("FRE", "SYL", "031") E("FRE", "MAR", "031"),
                 "Freedonia agrees with Sylvania and Marxonia that the border should be reopened.")
               /* a verb listed in two families: the later one's patterns */
               R("TWICE", E("FRE", "SYL", "224"), "A Sylvanian was shot dead in Freedonia on Monday.")
               /* a [+++] pattern of a PETRARCH file never matches */
               R("COMPLEXPAT", E("FRE", "SYL", "064"),
                 "Freedonia is about to restore fxll diplomatic ties with Sylvania.")
               /* a bare agent before a plural agent of a list of countries */
               R("CROSS", E("FRELEG", "MAR", "041") E("SYLLEG", "MAR", "041") E("FREGOV", "MAR", "041")
                              E("SYLGOV", "MAR", "041"),
                 "Lawmakers and officials in Freedonia and Sylvania welcomed the talks with Marxonia.")
               /* "^" skips the agent's noun phrase of "the parliament of Sylvania"; "+" is Sylvania */
               R("SKIPAGENT", E("FRE", "SYL", "044"),
                 "Freedonia celebrated the feast at Marxonia with the parliament of Sylvania in the capital.")
               /* new_actor_length: an unknown subject of up to n words is an actor */
               "<Config option=\"new_actor_length\" value=\"4\"></Config>\n"
               R("NEWACTOR", E("\"THE COUNCIL OF ELDERS\"", "SYL", "032") E("SYL", "\"THE COUNCIL OF ELDERS\"", "033"),
                 "The Council of Elders left for Sylvania on Wednesday.")
               "<Config option=\"new_actor_length\" value=\"3\"></Config>\n"
               R("NEWACTOR3", NONE, "The Council of Elders left for Sylvania on Wednesday.")
               /* comma_*: a closing clause of 3 to 6 words is dropped ... */
               "<Config option=\"new_actor_length\" value=\"0\"></Config>\n"
               "<Config option=\"require_dyad\" value=\"false\"></Config>\n"
               "<Config option=\"comma_emin\" value=\"2\"></Config>\n"
               "<Config option=\"comma_emax\" value=\"6\"></Config>\n"
               R("COMMA-E", E("FRE", "SYL", "051"), "Freedonia praised Sylvania on Monday, a senior official said on Saturday.")
               /* ... not with comma_emax 0; a verb with no target needs a phrase after it */
               "<Config option=\"comma_emax\" value=\"0\"></Config>\n"
               R("COMMA-OFF", E("FRE", "SYL", "051") E("---GOV", "---", "023"),
                 "Freedonia praised Sylvania on Monday, a senior official said on Saturday.")
               R("NOPHRASE", E("FRE", "SYL", "051"), "Freedonia praised Sylvania on Monday, a senior official said today.")
               /* a clause after "after" belongs to the event coded before it */
               R("SUBORD", E("FRE", "SYL", "064"),
                 "Freedonia is about to restore diplomatic ties with Sylvania years after Marxonia crowds burned its embassy.")
               "</Sentences></Validation>\n");
#undef R
#undef E
#undef NONE
    dy_diag diag;
    dy_diag_init(&diag, NULL);
    char err[512];
    FILE *devnull = fopen("/dev/null", "w");
    dy_vsuite *s = dy_vsuite_read(p_xml, &diag, err, sizeof err);
    assert_non_null(s);
    assert_string_equal(s->missing_dicts, "");
    dyad *d = open_for_suite(s, model, devnull);
    int passed = run_all_must_pass(d, s);
    assert_int_equal(passed, 17);
    dyad_close(d);
    dy_vsuite_free(s);
    fclose(devnull);
    dy_diag_destroy(&diag);
    unlink(p_actors); unlink(p_verbs); unlink(p_agents); unlink(p_xml);
    rmdir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tabari_reader),
        cmocka_unit_test(tabari_bad_dates),
        cmocka_unit_test(tabari_time_shift),
        cmocka_unit_test(petrarch_reader),
        cmocka_unit_test(rejects_other_files),
        cmocka_unit_test(comparison_rules),
        cmocka_unit_test(run_small_suite),
        cmocka_unit_test(suite_options_applied),
        cmocka_unit_test(tabari_clause_model),
        cmocka_unit_test(tabari_reading_rules),
        cmocka_unit_test(petrarch_mechanisms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
