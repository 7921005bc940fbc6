/* cmd_code.c — dyad code: stories in, one event per line out.
 *
 * Reads story files, folders and stdin (src/text/story.h), codes each story
 * with the library, writes JSON Lines (or TSV) and ends with one summary line
 * on stderr counting stories, skips (by reason), sentences and events.
 *
 * Stories are read in batches; -j workers code a batch in parallel, each
 * story into its own buffer, and the buffers are written in input order, so
 * the output is byte-identical for any -j and memory is bounded by the batch. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "output/event_json.h"
#include "text/story.h"
#include "util/diag.h"
#include "util/util.h"

#define BATCH 128
#define BATCH_BYTES (4u << 20)
#define MAX_JOBS 64

static const char usage[] =
    "usage: dyad code [OPTIONS] [FILE|DIR|-]...\n"
    "Codes English news stories into CAMEO events.  With no FILE, reads stdin.\n"
    "Inputs: plain story files ('date YYYY-MM-DD' then text; id = file name) or\n"
    "JSON Lines {\"id\",\"date\",\"text\"[,\"title\",\"source\",\"url\"]}; folders recursively.\n\n"
    "  --format jsonl|tsv  output format (default jsonl)\n"
    "  -o FILE           write events to FILE instead of stdout\n"
    "  -j N              code with N threads (output order does not change)\n"
    "  --explain         trace each sentence on stderr: tokens, actors, verbs, patterns,\n"
    "                    and why each event was or was not coded (implies -j 1)\n"
    "  -q, --quiet       do not print per-story warnings (they are still counted)\n"
    "When stderr is a terminal, a progress line shows stories, sentences/s and the time left.\n";

typedef struct {
    dy_story_rec rec;           /* owned copies of the reader's strings */
    dy_buf out;
    dyad_story_stats stats;
} job;

typedef struct {
    job jobs[BATCH];
    size_t njobs, next;
    pthread_mutex_t lock;
    const dyad *d;
    const char *date;
    int tsv;
    FILE *explain;
} batch;

typedef struct { dy_buf *out; int tsv; } sink;

static int write_event(const dyad_event *ev, void *user) {
    sink *k = user;
    if (k->tsv) dy_event_tsv(ev, k->out);
    else { dy_event_json(ev, k->out); dy_buf_addc(k->out, '\n'); }
    return 0;
}

static void code_job(batch *b, dyad_worker *w, job *j) {
    sink k = {&j->out, b->tsv};
    dyad_story st = {.id = j->rec.id, .date = j->rec.date, .text = j->rec.text,
                     .text_len = j->rec.text_len, .title = j->rec.title, .source = j->rec.source,
                     .url = j->rec.url, .file = j->rec.file, .line = j->rec.line};
    dyad_code_story(w, &st, b->date, write_event, &k, &j->stats);
}

static void *worker_main(void *arg) {
    batch *b = arg;
    dyad_worker *w = dyad_worker_new(b->d);
    for (;;) {
        pthread_mutex_lock(&b->lock);
        size_t i = b->next < b->njobs ? b->next++ : b->njobs;
        pthread_mutex_unlock(&b->lock);
        if (i >= b->njobs) break;
        code_job(b, w, &b->jobs[i]);
    }
    dyad_worker_free(w);
    return NULL;
}

/* Progress on a terminal: stories, sentences/s and, when the inputs are
 * regular files, the share done and the time left. */
typedef struct {
    int on;
    double start, last;
    size_t total_bytes, done_bytes;
} progress;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress_init(progress *p, int quiet, char **inputs, size_t n) {
    memset(p, 0, sizeof *p);
    p->on = !quiet && isatty(STDERR_FILENO);
    if (!p->on) return;
    p->start = p->last = now();
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (strcmp(inputs[i], "-") && stat(inputs[i], &st) == 0 && S_ISREG(st.st_mode))
            p->total_bytes += (size_t)st.st_size;
        else { p->total_bytes = 0; break; }   /* folders and stdin: no ETA */
    }
}

static void progress_show(progress *p, size_t stories, size_t sentences, int final) {
    if (!p->on) return;
    double t = now();
    if (!final && t - p->last < 0.5) return;
    p->last = t;
    double el = t - p->start > 1e-6 ? t - p->start : 1e-6;
    fprintf(stderr, "\r%zu stories, %.0f sentences/s", stories, (double)sentences / el);
    /* Story text is most of an input file, not all of it (JSON, ids): the
     * share is an estimate, and the final line says what was done. */
    if (p->total_bytes && p->done_bytes && !final) {
        double frac = DY_MIN(1.0, (double)p->done_bytes / (double)p->total_bytes);
        fprintf(stderr, ", %.0f%%, ETA %.0f s", frac * 100, el / frac - el);
    }
    fputs(final ? "\n" : "   ", stderr);
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
}

int cmd_code(int argc, char **argv) {
    cli_dict_opts o;
    memset(&o, 0, sizeof o);
    const char *format = "jsonl", *outpath = NULL;
    int explain = 0, quiet = 0, nthreads = 1;
    DY_VEC(const char *) inputs = {0};
    int rc = DY_EXIT_OK;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int err;
        if (cli_dict_option("code", &o, argc, argv, &i, &err)) {
            if (err) { dy_vec_free(&inputs); return err; }
            continue;
        }
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            printf("%s%s", usage, cli_dict_help);
            dy_vec_free(&inputs);
            return DY_EXIT_OK;
        }
        if (!strcmp(a, "--explain")) explain = 1;
        else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) quiet = 1;
        else if (!strcmp(a, "--format") && i + 1 < argc) format = argv[++i];
        else if (!strcmp(a, "-o") && i + 1 < argc) outpath = argv[++i];
        else if (!strcmp(a, "-j") && i + 1 < argc) nthreads = atoi(argv[++i]);
        else if (!strncmp(a, "-j", 2) && a[2]) nthreads = atoi(a + 2);
        else if (a[0] == '-' && a[1]) {
            dy_vec_free(&inputs);
            return cli_usage_error("code", "unknown option %s (see --help)", a);
        } else dy_vec_push(&inputs, a);
    }
    if (strcmp(format, "jsonl") && strcmp(format, "tsv")) {
        dy_vec_free(&inputs);
        return cli_usage_error("code", "--format must be jsonl or tsv");
    }
    if (nthreads < 1 || nthreads > MAX_JOBS) {
        dy_vec_free(&inputs);
        return cli_usage_error("code", "-j takes a number from 1 to %d", MAX_JOBS);
    }
    if (explain) nthreads = 1;
    int32_t days;
    if (o.date && !dy_parse_date(o.date, strlen(o.date), &days)) {
        dy_vec_free(&inputs);
        return cli_usage_error("code", "--date must be YYYY-MM-DD, not '%s'", o.date);
    }
    if (inputs.len == 0) dy_vec_push(&inputs, "-");

    o.quiet = quiet;
    dyad *d = cli_open("code", &o);
    if (!d) { dy_vec_free(&inputs); return DY_EXIT_FATAL; }
    FILE *out = stdout;
    if (outpath && !(out = fopen(outpath, "w"))) {
        fprintf(stderr, "dyad code: cannot write %s: %s\n", outpath, strerror(errno));
        dyad_close(d);
        dy_vec_free(&inputs);
        return DY_EXIT_FATAL;
    }
    int tsv = !strcmp(format, "tsv");
    if (tsv) {
        dy_buf h = {0};
        dy_event_tsv_header(&h);
        fwrite(h.s, 1, h.len, out);
        dy_buf_free(&h);
    }

    dy_diag diag;
    dy_diag_init(&diag, quiet ? NULL : stderr);
    dy_reader *r = dy_reader_open(inputs.items, inputs.len, &diag);
    batch *b = xcalloc(1, sizeof *b);
    pthread_mutex_init(&b->lock, NULL);
    b->d = d;
    b->date = o.date;
    b->tsv = tsv;
    dyad_worker *w1 = dyad_worker_new(d);    /* the -j 1 path codes on this thread */
    if (explain) dyad_worker_set_explain(w1, stderr);

    size_t stories = 0, coded = 0, discarded = 0, sentences = 0, events = 0;
    progress prog;
    progress_init(&prog, explain, (char **)inputs.items, inputs.len);
    int write_error = 0, more = 1;
    while (more && !write_error) {
        b->njobs = b->next = 0;
        dy_story_rec rec;
        size_t bytes = 0;
        /* A batch ends at BATCH stories or BATCH_BYTES of text: the output
         * held until the batch is written grows with the text. */
        while (b->njobs < BATCH && bytes < BATCH_BYTES && (more = dy_reader_next(r, &rec))) {
            job *j = &b->jobs[b->njobs++];
            copy_rec(&j->rec, &rec);
            bytes += rec.text_len;
            dy_buf_clear(&j->out);
        }
        if (nthreads == 1) {
            for (size_t i = 0; i < b->njobs; i++) code_job(b, w1, &b->jobs[i]);
        } else {
            pthread_t th[MAX_JOBS];
            for (int t = 0; t < nthreads; t++) pthread_create(&th[t], NULL, worker_main, b);
            for (int t = 0; t < nthreads; t++) pthread_join(th[t], NULL);
        }
        for (size_t i = 0; i < b->njobs; i++) {
            job *j = &b->jobs[i];
            stories++;
            if (!write_error && j->out.len && fwrite(j->out.s, 1, j->out.len, out) != j->out.len)
                write_error = errno ? errno : EIO;
            const dyad_story_stats *ss = &j->stats;
            if (ss->repairs)
                dy_diag_report(&diag, "repaired", j->rec.file, j->rec.line,
                               "story %s: %zu invalid byte(s) or control character(s) replaced",
                               j->rec.id, ss->repairs);
            if (!ss->skipped) coded++;
            else if (!strcmp(ss->skip_reason, "discarded")) discarded++;  /* by design, not an input error */
            else if (!strcmp(ss->skip_reason, "no-date"))
                dy_diag_report(&diag, "no-date", j->rec.file, j->rec.line,
                               "story %s has no date (give --date): skipped", j->rec.id);
            else
                dy_diag_report(&diag, "bad-date", j->rec.file, j->rec.line,
                               "story %s has an invalid date '%s': skipped", j->rec.id, j->rec.date);
            sentences += ss->sentences;
            events += ss->events;
            prog.done_bytes += j->rec.text_len;
            free_rec(&j->rec);
        }
        progress_show(&prog, stories, sentences, 0);
    }
    if (stories) progress_show(&prog, stories, sentences, 1);
    if (!write_error && (fflush(out) != 0 || ferror(out))) write_error = errno ? errno : EIO;
    if (write_error) {
        fprintf(stderr, "dyad code: writing %s failed: %s\n", outpath ? outpath : "stdout",
                strerror(write_error));
        rc = DY_EXIT_FATAL;
    }
    size_t skipped = dy_reader_skipped(r) + (stories - coded - discarded);
    size_t dict_errors = dyad_dictionary_errors(d);
    char why[512], dicts[96] = "";
    dy_diag_summary(&diag, why, sizeof why);
    if (dict_errors) snprintf(dicts, sizeof dicts, ", %zu malformed dictionary lines skipped", dict_errors);
    fprintf(stderr, "dyad: %zu stories read, %zu coded, %zu discarded, %zu skipped%s%s%s, "
            "%zu sentences, %zu events%s\n",
            stories + dy_reader_skipped(r), coded, discarded, skipped, why[0] ? " (" : "", why,
            why[0] ? ")" : "", sentences, events, dicts);
    /* Exit 1 whenever some input was skipped, dictionary lines included. */
    if (rc == DY_EXIT_OK && (skipped || dict_errors)) rc = DY_EXIT_SKIPPED;

    for (size_t i = 0; i < BATCH; i++) dy_buf_free(&b->jobs[i].out);
    pthread_mutex_destroy(&b->lock);
    free(b);
    dyad_worker_free(w1);
    dy_reader_close(r);
    dy_diag_destroy(&diag);
    if (outpath) fclose(out);
    dyad_close(d);
    dy_vec_free(&inputs);
    return rc;
}
