/* pipeline.c — the ring of stories behind `dyad code -j` and `dyad ingest -j`
 * (see pipeline.h).
 *
 * Stories are numbered in input order: head is the next to emit, claim the
 * next a worker takes, tail the next slot to fill (head <= claim <= tail,
 * tail - head <= CLI_PIPE_STORIES).  One mutex guards the counters and the
 * done flags; a slot's contents belong to the reader while it is being
 * filled (not yet below tail), to one worker between claim and done, and to
 * the calling thread once done.  Workers are started once per run, so there
 * is no per-group start-up cost and no barrier where threads wait for the
 * slowest story of a group. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"

typedef struct {
    const cli_pipe *p;
    cli_job *ring;
    size_t head, claim, tail;
    size_t ndone;               /* stories coded so far (all below head are) */
    size_t held;                /* bytes of results coded and not yet emitted */
    int no_more;                /* the reader is done: no slot will be filled again */
    int abort;                  /* emit stopped the run: workers take nothing more */
    pthread_mutex_t lock;
    pthread_cond_t work;        /* a story was added, or the run ends */
    pthread_cond_t done;        /* stories are ready to emit (see emit_ready) */
} ring;

dyad_story cli_job_story(const cli_job *j) {
    dyad_story st = {.id = j->rec.id, .date = j->rec.date, .text = j->rec.text,
                     .text_len = j->rec.text_len, .title = j->rec.title, .source = j->rec.source,
                     .url = j->rec.url, .file = j->rec.file, .line = j->rec.line};
    return st;
}

static const char *keep(dy_arena *a, const char *s) {
    return s ? dy_arena_strndup(a, s, strlen(s)) : "";
}

void cli_job_keep_event(cli_job *j, const dyad_event *ev) {
    dy_arena *a = &j->arena;
    dyad_event e = *ev;
    e.story_id = keep(a, ev->story_id);
    e.source = keep(a, ev->source);
    e.target = keep(a, ev->target);
    e.event_name = keep(a, ev->event_name);
    e.text = keep(a, ev->text);
    e.source_text = keep(a, ev->source_text);
    e.target_text = keep(a, ev->target_text);
    e.verb_text = keep(a, ev->verb_text);
    e.rule = keep(a, ev->rule);
    e.story_source = keep(a, ev->story_source);
    e.story_url = keep(a, ev->story_url);
    e.story_title = keep(a, ev->story_title);
    e.dateline_place = keep(a, ev->dateline_place);
    size_t ni = 0;
    while (ev->issues && ev->issues[ni]) ni++;
    const char **issues = dy_arena_alloc(a, (ni + 1) * sizeof *issues);
    for (size_t i = 0; i < ni; i++) issues[i] = keep(a, ev->issues[i]);
    issues[ni] = NULL;
    e.issues = issues;
    if (ev->location) {
        dyad_location *loc = dy_arena_alloc(a, sizeof *loc);
        *loc = *ev->location;
        loc->name = keep(a, ev->location->name);
        loc->admin1 = keep(a, ev->location->admin1);
        loc->precision = keep(a, ev->location->precision);
        loc->from = keep(a, ev->location->from);
        e.location = loc;
    }
    dy_vec_push(&j->events, e);
}

static void copy_rec(dy_story_rec *dst, const dy_story_rec *src) {
    dst->id = xstrdup(src->id);
    dst->date = xstrdup(src->date);
    dst->text = xstrndup(src->text, src->text_len);
    dst->text_len = src->text_len;
    dst->title = xstrdup(src->title);
    dst->source = xstrdup(src->source);
    dst->url = xstrdup(src->url);
    dst->file = src->file;      /* the reader keeps paths for its lifetime */
    dst->line = src->line;
}

static void free_rec(dy_story_rec *r) {
    free(r->id); free(r->date); free(r->text); free(r->title); free(r->source); free(r->url);
    memset(r, 0, sizeof *r);
}

static void code_one(const cli_pipe *p, dyad_worker *w, cli_job *j) {
    memset(&j->stats, 0, sizeof j->stats);
    dy_buf_clear(&j->out);
    dy_arena_reset(&j->arena);
    j->events.len = 0;
    p->code(w, j, p->user);
}

/* When the calling thread, waiting for the story at head, should wake: a
 * wake-up per story would cost a context switch per story on cores the
 * workers are using, so it waits for a run of coded stories, unless the
 * workers have nothing left to take (then it must emit and read more).
 * Waking later changes only when, never in which order, it reads and emits. */
#define WAKE_AFTER (CLI_PIPE_STORIES / 4)
#define WAKE_HELD_BYTES (1u << 20)   /* ... or results this big are waiting */

static int emit_ready(const ring *r) {
    return r->head < r->tail && r->ring[r->head % CLI_PIPE_STORIES].done &&
           (r->ndone - r->head >= WAKE_AFTER || r->claim == r->tail || r->held >= WAKE_HELD_BYTES);
}

static size_t result_bytes(const cli_job *j) {
    return j->out.len + dy_arena_capacity(&j->arena) + j->events.len * sizeof *j->events.items;
}

/* After its story is emitted, a slot keeps its buffers for the next story
 * only while they are small: every slot of the ring is used in turn, so one
 * event-dense story each would otherwise leave the ring holding its peak
 * output CLI_PIPE_STORIES times over. */
#define SLOT_KEEP_BYTES (64u << 10)

static void release(cli_job *j) {
    if (j->out.cap > SLOT_KEEP_BYTES) dy_buf_free(&j->out);
    if (dy_arena_capacity(&j->arena) > SLOT_KEEP_BYTES) dy_arena_free(&j->arena);
    if (j->events.cap * sizeof *j->events.items > SLOT_KEEP_BYTES) dy_vec_free(&j->events);
}

static void *worker_main(void *arg) {
    ring *r = arg;
    dyad_worker *w = dyad_worker_new(r->p->d);
    pthread_mutex_lock(&r->lock);
    for (;;) {
        while (r->claim == r->tail && !r->no_more && !r->abort) {
            if (emit_ready(r)) pthread_cond_signal(&r->done);   /* idle: more input is needed */
            pthread_cond_wait(&r->work, &r->lock);
        }
        if (r->abort || r->claim == r->tail) break;
        size_t seq = r->claim++;
        cli_job *j = &r->ring[seq % CLI_PIPE_STORIES];
        pthread_mutex_unlock(&r->lock);
        code_one(r->p, w, j);
        size_t held = result_bytes(j);
        pthread_mutex_lock(&r->lock);
        j->done = 1;
        r->ndone++;
        r->held += held;
        if (emit_ready(r)) pthread_cond_signal(&r->done);
    }
    pthread_mutex_unlock(&r->lock);
    dyad_worker_free(w);
    return NULL;
}

/* Reads stories into free slots until the ring is full (in stories or in
 * bytes of text) or the input ends.  *bytes counts the text held. */
static void fill(ring *r, size_t *bytes) {
    while (!r->no_more && r->tail - r->head < CLI_PIPE_STORIES && *bytes < CLI_PIPE_BYTES) {
        dy_story_rec rec;
        if (!dy_reader_next(r->p->reader, &rec)) {
            pthread_mutex_lock(&r->lock);
            r->no_more = 1;
            pthread_cond_broadcast(&r->work);
            pthread_mutex_unlock(&r->lock);
            return;
        }
        cli_job *j = &r->ring[r->tail % CLI_PIPE_STORIES];
        copy_rec(&j->rec, &rec);
        *bytes += rec.text_len;
        pthread_mutex_lock(&r->lock);
        j->done = 0;            /* under the lock: workers look at done at head, which may be this slot */
        r->tail++;
        pthread_cond_signal(&r->work);
        pthread_mutex_unlock(&r->lock);
    }
}

int cli_pipe_run(const cli_pipe *p) {
    ring *r = xcalloc(1, sizeof *r);
    r->p = p;
    r->ring = xcalloc(CLI_PIPE_STORIES, sizeof *r->ring);
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->work, NULL);
    pthread_cond_init(&r->done, NULL);
    int nthreads = p->nthreads < 1 ? 1 : DY_MIN(p->nthreads, CLI_PIPE_MAX_THREADS);
    pthread_t th[CLI_PIPE_MAX_THREADS];
    dyad_worker *w1 = NULL;     /* one thread: coding happens here */
    if (nthreads == 1) {
        w1 = dyad_worker_new(p->d);
        if (p->explain) dyad_worker_set_explain(w1, p->explain);
    } else {
        for (int t = 0; t < nthreads; t++) pthread_create(&th[t], NULL, worker_main, r);
    }

    size_t bytes = 0;
    int rc = 0;
    for (;;) {
        fill(r, &bytes);
        if (r->head == r->tail) break;          /* only this thread moves tail */
        cli_job *j = &r->ring[r->head % CLI_PIPE_STORIES];
        if (w1) code_one(p, w1, j);
        else {
            pthread_mutex_lock(&r->lock);
            if (!j->done)
                while (!emit_ready(r)) pthread_cond_wait(&r->done, &r->lock);
            pthread_mutex_unlock(&r->lock);
        }
        size_t held = w1 ? 0 : result_bytes(j);
        rc = p->emit(j, p->user);
        bytes -= j->rec.text_len;
        free_rec(&j->rec);
        release(j);
        pthread_mutex_lock(&r->lock);
        r->head++;
        r->held -= held;
        if (rc) {
            r->abort = 1;
            pthread_cond_broadcast(&r->work);
        }
        pthread_mutex_unlock(&r->lock);
        if (rc) break;
    }

    if (w1) dyad_worker_free(w1);
    else {
        pthread_mutex_lock(&r->lock);
        r->no_more = 1;
        pthread_cond_broadcast(&r->work);
        pthread_mutex_unlock(&r->lock);
        for (int t = 0; t < nthreads; t++) pthread_join(th[t], NULL);
    }
    for (size_t s = r->head; s < r->tail; s++) free_rec(&r->ring[s % CLI_PIPE_STORIES].rec);
    for (size_t i = 0; i < CLI_PIPE_STORIES; i++) {
        dy_buf_free(&r->ring[i].out);
        dy_arena_free(&r->ring[i].arena);
        dy_vec_free(&r->ring[i].events);
    }
    pthread_cond_destroy(&r->done);
    pthread_cond_destroy(&r->work);
    pthread_mutex_destroy(&r->lock);
    free(r->ring);
    free(r);
    return rc;
}
