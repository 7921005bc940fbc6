/* fuzz_reader.h — the body shared by the story-reader harnesses: read every
 * story in one input file and check the reader's contract on each record
 * (fields never NULL, text_len matches the text, the per-story byte cap). */
#ifndef DYAD_FUZZ_READER_H
#define DYAD_FUZZ_READER_H

#include <string.h>
#include "fuzz_common.h"
#include "text/story.h"
#include "util/diag.h"

static void fuzz_read_all(const char *path) {
    dy_diag diag;
    dy_diag_init(&diag, NULL);
    dy_reader *r = dy_reader_open(&path, 1, &diag);
    dy_story_rec rec;
    size_t n = 0;
    while (dy_reader_next(r, &rec)) {
        if (!rec.id || !rec.date || !rec.text || !rec.title || !rec.source || !rec.url || !rec.file)
            abort();
        if (rec.text_len > DY_STORY_MAX_BYTES || strlen(rec.text) > rec.text_len) abort();
        /* touch every byte, so ASan sees a short or unterminated buffer */
        volatile size_t sum = strlen(rec.id) + strlen(rec.date) + strlen(rec.title) +
                              strlen(rec.source) + strlen(rec.url);
        (void)sum;
        if (rec.line < 1) abort();
        n++;
    }
    (void)dy_reader_skipped(r);
    dy_reader_close(r);
    char buf[512];
    dy_diag_summary(&diag, buf, sizeof buf);
    dy_diag_destroy(&diag);
    (void)n;
}

#endif
