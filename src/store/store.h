/* store.h — where coded events are kept: SQLite files and PostgreSQL
 * databases behind one API, the queries users run on them, and the scan that
 * exports and event listings are built on.
 *
 * Writing:   dy_store_begin_story / add_sentence / add_event / end_story, any
 *            number of stories, then dy_store_commit_batch.  A batch is one
 *            transaction; a story's rows (story, sentences, events) are
 *            written whole or not at all, and re-storing a story id replaces
 *            its rows.  A process killed at any moment leaves the last
 *            committed batch; re-running the same input completes the work.
 * Reading:   dy_store_query (text rows, '?' parameters on every backend),
 *            dy_store_scan_events (events rebuilt as dyad_event, optionally
 *            deduplicated by the one-a-day rule), dy_query_series / top.
 *
 * Queries see committed batches (PostgreSQL buffers a batch until commit),
 * so commit before querying.
 *
 * Invariants: stories.n_events always equals the number of events rows of
 * that story (the crash test checks it); the raw events are never modified
 * by deduplication, which is computed when reading.  Memory per story and
 * per batch is bounded: nothing holds the whole store. */
#ifndef DYAD_STORE_H
#define DYAD_STORE_H

#include <stddef.h>
#include "dyad.h"
#include "util/diag.h"

#define DY_STORE_SCHEMA_VERSION 2
#define DY_STORE_DEFAULT_BATCH 500      /* stories per transaction */

typedef struct dy_store dy_store;

/* Story metadata; strings may be NULL (stored as ""). */
typedef struct {
    const char *id, *date, *source, *dateline_place, *title, *url;
    const char *file;   /* where it was read from, for provenance */
    long line;
} dy_story_meta;

/* uri: a file path or "sqlite:PATH" (SQLite), or "postgresql://..." /
 * "postgres://..." (libpq).  Creates the schema or migrates it forward. */
dy_store *dy_store_open(const char *uri, dy_diag *diag, char *err, size_t errlen);
/* Commits a pending batch, then closes. */
void dy_store_close(dy_store *s);
const char *dy_store_backend(const dy_store *s);   /* "sqlite" or "postgresql" */
const char *dy_store_errmsg(const dy_store *s);    /* the last failure */
int dy_store_schema_version(dy_store *s);

/* Every writing call returns 0, or -1 with dy_store_errmsg set.  A failed
 * story is dropped from the batch; a failed commit drops the batch. */
int dy_store_begin_story(dy_store *s, const dy_story_meta *meta);
int dy_store_add_sentence(dy_store *s, int idx, const char *text);
/* Also stores the event's sentence (ev->text) if not stored yet. */
int dy_store_add_event(dy_store *s, const dyad_event *ev);
/* nsentences: how many sentences the story had (0: as many as were added). */
int dy_store_end_story(dy_store *s, size_t nsentences);
/* Drops the current story's rows (e.g. the coder skipped it). */
void dy_store_abort_story(dy_store *s);
int dy_store_commit_batch(dy_store *s);
/* Stories ended since the last commit. */
size_t dy_store_pending(const dy_store *s);

/* One result row: column names and values, all text ("" for NULL). */
typedef int (*dy_row_fn)(void *user, int ncol, const char *const *names, const char *const *vals);
/* Runs sql with '?' placeholders bound to params (text).  fn returning
 * non-zero stops the query (that value is returned).  -1 on error. */
int dy_store_query(dy_store *s, const char *sql, const char *const *params, int nparams,
                   dy_row_fn fn, void *user);
/* User SQL: one statement, refused unless it only reads. */
int dy_store_query_readonly(dy_store *s, const char *sql, dy_row_fn fn, void *user);

/* ---- events as records ---------------------------------------------- */

typedef struct {
    const char *story_id;
    int sentence;
    const char *publisher, *url;    /* the story's source and url */
} dy_provenance;

/* One event, or (deduplicated) every raw event with the same date, source,
 * target and code: ev is the first of them by story id, prov lists all of
 * them.  Everything it points to is valid during the callback only. */
typedef struct {
    dyad_event ev;
    long long id;                   /* events.id of ev */
    const char *ingested_at;        /* "YYYY-MM-DD HH:MM:SS" UTC, of ev's story */
    size_t mentions, stories, sources;
    const dy_provenance *prov;
    size_t nprov;
} dy_event_group;

typedef int (*dy_group_fn)(const dy_event_group *g, void *user);

typedef struct {
    const char *actor;              /* source or target starts with it ("" / NULL: any) */
    const char *from, *to;          /* inclusive YYYY-MM-DD bounds, or NULL */
    int dedup;
    long limit;                     /* 0: no limit (counts groups) */
} dy_event_filter;

int dy_store_scan_events(dy_store *s, const dy_event_filter *f, dy_group_fn fn, void *user);

/* ---- aggregate queries ------------------------------------------------ */

typedef enum { DY_BY_DAY, DY_BY_WEEK, DY_BY_MONTH, DY_BY_YEAR } dy_period;
typedef enum { DY_MEASURE_COUNT, DY_MEASURE_GOLDSTEIN, DY_MEASURE_QUAD } dy_measure;

typedef struct {
    const char *source, *target;    /* actor codes or prefixes ("RUS" matches "RUSGOV") */
    dy_period by;
    dy_measure measure;
    int both_directions;            /* also count target -> source */
    int dedup;
    const char *from, *to;
} dy_series_req;

/* Rows: period (YYYY-MM-DD, week's Monday, YYYY-MM or YYYY) then, by measure,
 * events | events, goldstein_total, goldstein_mean | q1..q4.  Periods with no
 * events between the first and last are returned as zeros. */
int dy_query_series(dy_store *s, const dy_series_req *r, dy_row_fn fn, void *user);

typedef enum { DY_TOP_DYADS, DY_TOP_ACTORS, DY_TOP_CODES } dy_top_kind;
typedef struct {
    dy_top_kind kind;
    const char *from, *to;
    const char *root;               /* "14": only events with that root code */
    int dedup;
    long limit;                     /* default 20 */
} dy_top_req;

int dy_query_top(dy_store *s, const dy_top_req *r, dy_row_fn fn, void *user);

int dy_period_parse(const char *s, dy_period *out);
int dy_measure_parse(const char *s, dy_measure *out);

#endif
