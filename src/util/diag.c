#include "util/diag.h"
#include "util/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dy_diag_init(dy_diag *d, FILE *out) {
    memset(d, 0, sizeof *d);
    d->out = out;
    d->max_print = 200;
    pthread_mutex_init(&d->lock, NULL);
}

struct dy_diag_rec { const char *category; char *file; long line; char *msg; };

void dy_diag_init_keep(dy_diag *d) {
    dy_diag_init(d, NULL);
    d->keep = 1;
}

void dy_diag_destroy(dy_diag *d) {
    for (size_t i = 0; i < d->nrecs; i++) { free(d->recs[i].file); free(d->recs[i].msg); }
    free(d->recs);
    d->recs = NULL;
    d->nrecs = d->caprecs = 0;
    pthread_mutex_destroy(&d->lock);
}

size_t dy_diag_kept(const dy_diag *d) { return d->nrecs; }

void dy_diag_replay(dy_diag *dst, const dy_diag *src, size_t from, size_t to) {
    for (size_t i = from; i < to && i < src->nrecs; i++) {
        const struct dy_diag_rec *r = &src->recs[i];
        dy_diag_report(dst, r->category, r->file, r->line, "%s", r->msg);
    }
}

static void keep_report(dy_diag *d, const char *category, const char *file, long line, const char *fmt,
                        va_list ap) {
    if (d->nrecs == d->caprecs) {
        d->caprecs = d->caprecs ? 2 * d->caprecs : 16;
        d->recs = xrealloc(d->recs, d->caprecs * sizeof *d->recs);
    }
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    d->recs[d->nrecs++] = (struct dy_diag_rec){category, file ? xstrdup(file) : NULL, line, xstrdup(buf)};
}

static void count(dy_diag *d, const char *category) {
    for (size_t i = 0; i < d->ncats; i++)
        if (strcmp(d->cats[i].name, category) == 0) { d->cats[i].count++; return; }
    if (d->ncats < DY_DIAG_MAX_CATS) {
        d->cats[d->ncats].name = category;
        d->cats[d->ncats].count = 1;
        d->ncats++;
    }
}

void dy_diag_report(dy_diag *d, const char *category, const char *file, long line,
                    const char *fmt, ...) {
    if (!d) return;
    pthread_mutex_lock(&d->lock);
    d->total++;
    count(d, category);
    if (d->keep) {
        va_list ap;
        va_start(ap, fmt);
        keep_report(d, category, file, line, fmt, ap);
        va_end(ap);
        pthread_mutex_unlock(&d->lock);
        return;
    }
    if (d->out && (d->max_print == 0 || d->printed < d->max_print)) {
        d->printed++;
        if (file && line > 0) fprintf(d->out, "dyad: %s:%ld: ", file, line);
        else if (file) fprintf(d->out, "dyad: %s: ", file);
        else fputs("dyad: ", d->out);
        va_list ap;
        va_start(ap, fmt);
        vfprintf(d->out, fmt, ap);
        va_end(ap);
        fputc('\n', d->out);
        if (d->max_print && d->printed == d->max_print)
            fprintf(d->out, "dyad: further warnings are counted but not printed\n");
    }
    pthread_mutex_unlock(&d->lock);
}

size_t dy_diag_count(const dy_diag *d, const char *category) {
    for (size_t i = 0; i < d->ncats; i++)
        if (strcmp(d->cats[i].name, category) == 0) return d->cats[i].count;
    return 0;
}

void dy_diag_summary(const dy_diag *d, char *buf, size_t len) {
    size_t used = 0;
    if (len) buf[0] = '\0';
    for (size_t i = 0; i < d->ncats && used < len; i++) {
        int n = snprintf(buf + used, len - used, "%s%s %zu", i ? ", " : "",
                         d->cats[i].name, d->cats[i].count);
        if (n < 0) break;
        used += (size_t)n;
    }
}
