/* diag.h — how dyad reports bad input without stopping.
 *
 * Every problem with input (a malformed dictionary line, a story without a
 * date, invalid UTF-8) is reported once as "file:line: reason" on the sink's
 * stream and counted under a short category name, so a run can end with a
 * summary of everything that was skipped or repaired.  Nothing is dropped
 * silently.  A sink may be shared by threads (it locks). */
#ifndef DYAD_DIAG_H
#define DYAD_DIAG_H

#include <stdio.h>
#include <stddef.h>
#include <pthread.h>

#define DY_DIAG_MAX_CATS 32

typedef struct dy_diag {
    FILE *out;              /* NULL: count only, print nothing */
    size_t max_print;       /* stop printing (keep counting) after this many; 0 = no limit */
    size_t printed, total;
    struct { const char *name; size_t count; } cats[DY_DIAG_MAX_CATS];
    size_t ncats;
    pthread_mutex_t lock;
    /* A keeping sink (dy_diag_init_keep) stores its reports instead, to be
     * replayed into another in an order of the caller's choosing. */
    int keep;
    struct dy_diag_rec *recs;
    size_t nrecs, caprecs;
} dy_diag;

void dy_diag_init(dy_diag *d, FILE *out);
void dy_diag_destroy(dy_diag *d);
/* category must be a string literal (it is stored, not copied). line 0 = no line. */
void dy_diag_report(dy_diag *d, const char *category, const char *file, long line,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
size_t dy_diag_count(const dy_diag *d, const char *category);
/* A sink that prints nothing and keeps every report: work done on another
 * thread (loading some of the dictionaries) reports into one, and its
 * reports are replayed where a one-thread run would have made them. */
void dy_diag_init_keep(dy_diag *d);
size_t dy_diag_kept(const dy_diag *d);
/* Reports src's kept reports [from, to) into dst, in order. */
void dy_diag_replay(dy_diag *dst, const dy_diag *src, size_t from, size_t to);
/* "name N, name N" into buf, for summary lines. */
void dy_diag_summary(const dy_diag *d, char *buf, size_t len);

#endif
