/* cmd_code.c — dyad code: stories in, one event per line out.
 *
 * Reads story files, folders and stdin (src/text/story.h), codes each story
 * with the library, writes JSON Lines (or TSV) and ends with one summary line
 * on stderr counting stories, skips (by reason), sentences and events.
 *
 * Stories go through the pipeline of cli/pipeline.h: -j workers code them,
 * each story into its own buffer, and this thread writes the buffers in input
 * order, so the output (and everything on stderr) is byte-identical for any
 * -j and memory is bounded by the pipeline's ring. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "pipeline.h"
#include "output/event_json.h"
#include "text/story.h"
#include "util/diag.h"
#include "util/util.h"

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

typedef struct { dy_buf *out; int tsv; } sink;

static int write_event(const dyad_event *ev, void *user) {
    sink *k = user;
    if (k->tsv) dy_event_tsv(ev, k->out);
    else { dy_event_json(ev, k->out); dy_buf_addc(k->out, '\n'); }
    return 0;
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

/* What the run counts and where it writes; used by emit_story on the
 * calling thread only. */
typedef struct {
    const char *date;
    int tsv;
    FILE *out;
    dy_diag *diag;
    progress prog;
    size_t stories, coded, discarded, sentences, events;
    int write_error;
} run;

static void code_story(dyad_worker *w, cli_job *j, void *user) {
    const run *u = user;
    sink k = {&j->out, u->tsv};
    dyad_story st = cli_job_story(j);
    j->rc = dyad_code_story(w, &st, u->date, write_event, &k, &j->stats);
}

static int emit_story(cli_job *j, void *user) {
    run *u = user;
    u->stories++;
    const dyad_story_stats *ss = &j->stats;
    if (ss->repairs)
        dy_diag_report(u->diag, "repaired", j->rec.file, j->rec.line,
                       "story %s: %zu invalid byte(s) or control character(s) replaced",
                       j->rec.id, ss->repairs);
    if (!ss->skipped) u->coded++;
    else if (!strcmp(ss->skip_reason, "discarded")) u->discarded++;  /* by design, not an input error */
    else if (!strcmp(ss->skip_reason, "no-date"))
        dy_diag_report(u->diag, "no-date", j->rec.file, j->rec.line,
                       "story %s has no date (give --date): skipped", j->rec.id);
    else
        dy_diag_report(u->diag, "bad-date", j->rec.file, j->rec.line,
                       "story %s has an invalid date '%s': skipped", j->rec.id, j->rec.date);
    u->sentences += ss->sentences;
    u->events += ss->events;
    u->prog.done_bytes += j->rec.text_len;
    progress_show(&u->prog, u->stories, u->sentences, 0);
    /* a failed write (a full disk) ends the run: nothing more is read */
    if (j->out.len && fwrite(j->out.s, 1, j->out.len, u->out) != j->out.len) {
        u->write_error = errno ? errno : EIO;
        return 1;
    }
    return 0;
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
    if (nthreads < 1 || nthreads > CLI_PIPE_MAX_THREADS) {
        dy_vec_free(&inputs);
        return cli_usage_error("code", "-j takes a number from 1 to %d", CLI_PIPE_MAX_THREADS);
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
    run u = {.date = o.date, .tsv = tsv, .out = out, .diag = &diag};
    progress_init(&u.prog, explain, (char **)inputs.items, inputs.len);
    cli_pipe p = {.d = d, .reader = r, .nthreads = nthreads, .explain = explain ? stderr : NULL,
                  .code = code_story, .emit = emit_story, .user = &u};
    cli_pipe_run(&p);
    size_t stories = u.stories, coded = u.coded, discarded = u.discarded;
    size_t sentences = u.sentences, events = u.events;
    int write_error = u.write_error;
    if (stories) progress_show(&u.prog, stories, sentences, 1);
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

    dy_reader_close(r);
    dy_diag_destroy(&diag);
    if (outpath) fclose(out);
    dyad_close(d);
    dy_vec_free(&inputs);
    return rc;
}
