/* validate.h — the field's validation suites, read and run against dyad.
 *
 * Two formats are recognised (dy_vsuite_parse tells them apart):
 *   - TABARI's Validate.text: records "YYMMDD ID" + text, ended by a blank
 *     line; expectations in "{ SRC / TGT / CODE }" fields inside the record's
 *     comment block (slash-star ... star-slash), special fields {---} {###} {+++}, "-{" (stop
 *     checking), "{OPTION: ...}" (change options from here on).  The run stops
 *     at the first record without any field (FINAL-01), as TABARI's does.
 *   - PETRARCH's PETR.UnitTest.records.xml: <Sentence date id category> with
 *     <EventCoding sourcecode targetcode eventcode | noevents | error> and
 *     <Text>; <Environment> names the dictionaries and the <Include>d
 *     categories; <Config option value> changes options.  <Parse> is skipped:
 *     dyad codes the text.  Read by a small purpose-built reader, not libxml2.
 *
 * Comparison rules (the suites' own): the set of (source, target, code)
 * triples dyad produces for a record must equal the expected set, or contain
 * it when a "-{" follows checked fields; {---}, noevents, {+++}, {###},
 * sentencediscard and dateline records pass when dyad codes nothing;
 * storydiscard when dyad discards the story.  While TABARI's time shifting
 * is on, the date after the first field must be the first event's date.
 *
 * Invariants: a suite is small (hundreds of records) and is held in memory
 * whole; malformed fields and dates are reported as file:line: reason through
 * the dy_diag sink and never stop the reader.  Every string in a suite is
 * owned by it and freed by dy_vsuite_free. */
#ifndef DYAD_VALIDATE_H
#define DYAD_VALIDATE_H

#include <stddef.h>
#include <stdio.h>
#include "dyad.h"
#include "util/diag.h"
#include "util/util.h"

typedef enum { DY_VS_TABARI, DY_VS_PETRARCH } dy_vs_format;

typedef struct {
    char *source, *target, *code;
    char date[11];              /* the event's date; for an expected event, "" unless checked */
} dy_vtriple;

typedef enum {
    DY_VX_EVENTS,       /* exactly the listed events (an empty list: none) */
    DY_VX_NONE,         /* {---}, noevents="True": nothing coded */
    DY_VX_COMPLEX,      /* {+++}: TABARI declines to code (complexity): nothing coded */
    DY_VX_DISCARD,      /* {###}, error="sentencediscard": nothing coded */
    DY_VX_STORYDISCARD, /* error="storydiscard": the story is discarded */
    DY_VX_REJECT,       /* error="dateline": the text must not be coded */
    DY_VX_UNCHECKED,    /* nothing the suite checks (why_unchecked says why) */
} dy_vexpect;

typedef DY_VEC(dy_vtriple) dy_vtriples;
typedef DY_VEC(char *) dy_vstrings;

typedef struct {
    char *id, *category;
    char date[11];              /* YYYY-MM-DD; "" when the record's date is invalid */
    char *text;
    long line;                  /* line of the record's header in the suite file */
    dy_vexpect expect;
    int subset;                 /* "-{" after checked fields: extra events are allowed */
    int check_date;             /* TABARI with SET: TIME SHIFT on: the first expected event
                                   must be coded with events.items[0].date ("" = none given) */
    dy_vtriples events;         /* for DY_VX_EVENTS */
    const char *why_unchecked;  /* for DY_VX_UNCHECKED (a literal) */
    dy_vstrings options;        /* option changes this record makes ("SET: YYYY = TRUE",
                                   "require_dyad=false"), in force from the next record */
    int included;               /* 0: its category is not in the suite's <Include> */
    int after_stop;             /* 1: after the record where the suite's run stops */
} dy_vrecord;

typedef struct {
    dy_vs_format format;
    char *path;
    DY_VEC(dy_vrecord) records;
    dyad_dict_file dicts[16];   /* the dictionaries the suite names, resolved to paths */
    size_t ndicts;
    char *missing_dicts;        /* names that could not be found ("" when none) */
    dy_vstrings include;        /* PETRARCH <Include> categories (empty: all) */
    dy_vstrings file_options;   /* options set before the first record */
    char *stop_id;              /* the record where the run stops, or NULL */
} dy_vsuite;

/* Parses a suite held in memory.  path is used for messages and to resolve the
 * dictionaries the suite names (relative to its folder).  Returns NULL, with a
 * reason in err, when text is neither format. */
dy_vsuite *dy_vsuite_parse(const char *text, size_t len, const char *path, dy_diag *diag,
                           char *err, size_t errlen);
/* Reads and parses a suite file. */
dy_vsuite *dy_vsuite_read(const char *path, dy_diag *diag, char *err, size_t errlen);
void dy_vsuite_free(dy_vsuite *s);
const char *dy_vs_format_name(dy_vs_format f);     /* "tabari" / "petrarch" */
const char *dy_vexpect_name(dy_vexpect x);

/* ---- running ---- */
typedef enum { DY_VR_PASS, DY_VR_FAIL, DY_VR_SKIP } dy_vstatus;

typedef struct {
    dy_vstatus status;
    const char *why;            /* skip or failure reason (a literal) */
    dy_vtriples produced;       /* what dyad coded (owned) */
    int discarded;              /* dyad discarded the story */
} dy_vresult;

/* Compares what was produced with what r expects.  *why gets a short reason
 * on failure.  Triples are compared blank-trimmed and case-sensitively. */
dy_vstatus dy_vcompare(const dy_vrecord *r, const dy_vtriple *produced, size_t n,
                       int story_discarded, const char **why);

typedef struct {
    FILE *explain;              /* non-NULL: trace each failing record here */
    const char *only_id;        /* run just this record (others are skipped) */
} dy_vrun_opts;

/* Codes every record that is run and compares it; results[i] is for
 * s->records.items[i] (the array must hold s->records.len entries). */
void dy_validate_run(const dyad *d, const dy_vsuite *s, const dy_vrun_opts *o,
                     dy_vresult *results);
void dy_vresult_free(dy_vresult *r);
/* Applies one recorded suite option ("require_dyad=false") to the worker
 * through dyad_worker_set_option.  Returns 0, or -1 when the library has no
 * such option (it is then only reported). */
int dy_vapply_option(dyad_worker *w, const char *opt);

/* Pass / fail / skip counts per category, in first-seen order. */
typedef struct { char *category; size_t pass, fail, skip; } dy_vtally;
typedef DY_VEC(dy_vtally) dy_vtallies;
void dy_vtally_build(const dy_vsuite *s, const dy_vresult *res, dy_vtallies *out, dy_vtally *total);
void dy_vtallies_free(dy_vtallies *t);

/* JUnit XML: one <testsuite> per category, one <testcase> per record. */
int dy_vjunit_write(FILE *out, const dy_vsuite *s, const dy_vresult *res);

/* "ARN/GON/064" lists for reports. */
void dy_vtriples_format(const dy_vtriple *t, size_t n, dy_buf *b);

#endif
