/* crash.c — crash-consistency check for the store (run by
 * tests/e2e/store_crash.sh).
 *
 *   store-crash DB [STORIES] [ROUNDS]
 *
 * Each round forks a child that stores STORIES synthetic stories in batches
 * of 50 (replacing what earlier rounds stored), SIGKILLs it at a random
 * moment, and checks the database: SQLite's integrity_check, no event
 * without its story, every story's recorded event count equal to its rows
 * and to what the generator made (no partial story).  A last run is left to
 * finish and must leave every story exactly once.  Exit 0 when all checks
 * pass. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"
#include "synth.h"

#define SEED 20240611u
#define BATCH 50

static int write_all(const char *uri, long n) {
    char err[512];
    dy_store *s = dy_store_open(uri, NULL, err, sizeof err);
    if (!s) { fprintf(stderr, "child: %s\n", err); return 1; }
    synth_story st;
    for (long i = 0; i < n; i++) {
        synth_make(SEED, i, &st);
        dy_story_meta m = {st.id, st.date, st.publisher, st.dateline, st.title, st.url, "synthetic", i + 1};
        if (dy_store_begin_story(s, &m) < 0) { fprintf(stderr, "child: %s\n", dy_store_errmsg(s)); return 1; }
        for (size_t e = 0; e < st.nevents; e++)
            if (dy_store_add_event(s, &st.ev[e]) < 0) { fprintf(stderr, "child: %s\n", dy_store_errmsg(s)); return 1; }
        if (dy_store_end_story(s, st.nevents) < 0) { fprintf(stderr, "child: %s\n", dy_store_errmsg(s)); return 1; }
        if (dy_store_pending(s) >= BATCH && dy_store_commit_batch(s) < 0) {
            fprintf(stderr, "child: %s\n", dy_store_errmsg(s));
            return 1;
        }
    }
    dy_store_close(s);
    return 0;
}

typedef struct { long stories, bad, events; } check_acc;

static int check_story(void *user, int ncol, const char *const *names, const char *const *v) {
    check_acc *a = user;
    const char *dash = strrchr(v[0], '-');
    long i = dash ? atol(dash + 1) : -1;
    synth_story st;
    synth_make(SEED, i, &st);
    if (strcmp(st.id, v[0]) || (long)st.nevents != atol(v[1]) || atol(v[1]) != atol(v[2])) {
        if (a->bad++ < 5)
            fprintf(stderr, "story %s: recorded %s events, %s rows, generator made %zu\n", v[0], v[1],
                    v[2], st.nevents);
    }
    a->stories++;
    a->events += atol(v[2]);
    return 0;
}

static int first_value(void *user, int ncol, const char *const *names, const char *const *v) {
    snprintf(user, 256, "%s", v[0]);
    return 0;
}

/* 0 when consistent; complete: every story must be there. */
static int check(const char *uri, long n, int complete, long *stories_out) {
    char err[512], val[256] = "";
    dy_store *s = dy_store_open(uri, NULL, err, sizeof err);
    if (!s) { fprintf(stderr, "check: cannot open: %s\n", err); return 1; }
    int bad = 0;
    if (!strcmp(dy_store_backend(s), "sqlite")) {
        if (dy_store_query(s, "PRAGMA integrity_check", NULL, 0, first_value, val) < 0 || strcmp(val, "ok")) {
            fprintf(stderr, "check: integrity_check: %s %s\n", val, dy_store_errmsg(s));
            bad = 1;
        }
    }
    dy_store_query(s, "SELECT COUNT(*) FROM events e WHERE NOT EXISTS "
                      "(SELECT 1 FROM stories s WHERE s.id = e.story_id)", NULL, 0, first_value, val);
    if (strcmp(val, "0")) { fprintf(stderr, "check: %s events without their story\n", val); bad = 1; }
    check_acc a = {0, 0, 0};
    if (dy_store_query(s, "SELECT s.id, s.n_events, (SELECT COUNT(*) FROM events e WHERE e.story_id = s.id) "
                          "FROM stories s", NULL, 0, check_story, &a) < 0) {
        fprintf(stderr, "check: %s\n", dy_store_errmsg(s));
        bad = 1;
    }
    if (a.bad) { fprintf(stderr, "check: %ld inconsistent stories\n", a.bad); bad = 1; }
    dy_store_query(s, "SELECT COUNT(*) FROM events", NULL, 0, first_value, val);
    if (atol(val) != a.events) { fprintf(stderr, "check: %s events, stories account for %ld\n", val, a.events); bad = 1; }
    if (a.stories > n) { fprintf(stderr, "check: %ld stories, only %ld written\n", a.stories, n); bad = 1; }
    if (complete) {
        long want = 0;
        synth_story st;
        for (long i = 0; i < n; i++) { synth_make(SEED, i, &st); want += (long)st.nevents; }
        if (a.stories != n || a.events != want) {
            fprintf(stderr, "check: incomplete: %ld/%ld stories, %ld/%ld events\n", a.stories, n, a.events, want);
            bad = 1;
        }
    }
    *stories_out = a.stories;
    dy_store_close(s);
    return bad;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: store-crash DB [STORIES] [ROUNDS]\n"); return 2; }
    const char *uri = argv[1];
    long n = argc > 2 ? atol(argv[2]) : 20000;
    int rounds = argc > 3 ? atoi(argv[3]) : 8;
    srand((unsigned)time(NULL) ^ (unsigned)getpid());
    int failures = 0;
    for (int r = 1; r <= rounds + 1; r++) {
        int last = r > rounds;
        fflush(stdout);
        pid_t pid = fork();
        if (pid < 0) { perror("fork"); return 2; }
        if (pid == 0) _exit(write_all(uri, n));
        int ms = 0, status = 0;
        if (!last) {
            ms = 5 + rand() % 600;
            struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
            nanosleep(&ts, NULL);
            kill(pid, SIGKILL);
        }
        waitpid(pid, &status, 0);
        int killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
        if (!killed && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
            fprintf(stderr, "round %d: writer failed (status %d)\n", r, status);
            failures++;
        }
        long stories = 0;
        int bad = check(uri, n, last, &stories);
        failures += bad;
        if (last) printf("final run: %ld stories, %s\n", stories, bad ? "INCONSISTENT" : "complete and consistent");
        else printf("round %d: %s after %d ms, %ld stories committed, %s\n", r,
                    killed ? "killed" : "finished", ms, stories, bad ? "INCONSISTENT" : "consistent");
    }
    return failures ? 1 : 0;
}
