/* pipeline.h — coding stories on N threads, with results in input order, for
 * the subcommands that code a stream of stories (code, ingest).
 *
 * The calling thread reads stories into a ring of at most CLI_PIPE_STORIES
 * stories and about CLI_PIPE_BYTES of text; N worker threads take them in
 * order and code them (code_fn), each with its own dyad_worker; the calling
 * thread hands each coded story, in input order, to emit_fn.  No barrier
 * between groups of stories: a free slot is refilled as soon as its story is
 * emitted.  With one thread, stories are coded on the calling thread.
 *
 * Invariants: reads and emits happen on the calling thread in an order that
 * depends only on the input (read ahead until the ring is full, emit the
 * oldest, read again), so everything the caller prints, warnings of the
 * reader included, is byte-identical for any number of threads.  Memory is
 * bounded by the ring, whatever the length of the input. */
#ifndef DYAD_CLI_PIPELINE_H
#define DYAD_CLI_PIPELINE_H

#include <stdio.h>
#include "dyad.h"
#include "text/story.h"
#include "util/util.h"

#define CLI_PIPE_STORIES 128
#define CLI_PIPE_BYTES (4u << 20)
#define CLI_PIPE_MAX_THREADS 64

typedef struct {
    dy_story_rec rec;           /* owned copies of the reader's strings */
    dyad_story_stats stats;
    int rc;                     /* what dyad_code_story returned */
    dy_buf out;                 /* code_fn's output (cleared before each story) */
    dy_arena arena;             /* code_fn's scratch, e.g. captured events (reset before each story) */
    DY_VEC(dyad_event) events;  /* events kept by cli_job_keep_event */
    int done;                   /* set under the ring's lock */
} cli_job;

/* Runs on a worker thread: code j->rec with w, fill j->stats (and j->out or j->events). */
typedef void (*cli_code_fn)(dyad_worker *w, cli_job *j, void *user);
/* Runs on the calling thread, in input order.  Non-zero stops the run: no
 * more stories are read, and stories already read are dropped unemitted. */
typedef int (*cli_emit_fn)(cli_job *j, void *user);

typedef struct {
    const dyad *d;
    dy_reader *reader;
    int nthreads;               /* 1..CLI_PIPE_MAX_THREADS */
    FILE *explain;              /* --explain trace (one thread only), or NULL */
    cli_code_fn code;
    cli_emit_fn emit;
    void *user;
} cli_pipe;

/* Reads every story, codes and emits each.  Returns the first non-zero
 * emit_fn value, else 0. */
int cli_pipe_run(const cli_pipe *p);

/* A dyad_story view of a job's record. */
dyad_story cli_job_story(const cli_job *j);

/* Deep-copies ev into j (its strings into j->arena), for an emit_fn that
 * needs whole events on the calling thread (the store is single-writer). */
void cli_job_keep_event(cli_job *j, const dyad_event *ev);

#endif
