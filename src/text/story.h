/* story.h — reading stories from files, folders and stdin.
 *
 * Two formats, chosen per file by content: JSON Lines ({"id","date","text"},
 * optional "title","source","url"; one story a line) and the plain story
 * format (optional leading blanks, "date YYYY-MM-DD", then the text; the id is
 * the file name without extension).  Folders are read recursively in sorted
 * order; "-" is stdin.
 *
 * Invariants: a bad story (malformed JSON, no text, oversized) is reported on
 * the diag sink as file:line: reason, counted, and skipped: reading goes on.
 * Categories: "unreadable", "empty", "binary", "bad-json", "no-text",
 * "too-long" (skipped); "truncated", "duplicate-id" (warned, story returned).
 * Only one story is held in memory at a time. */
#ifndef DYAD_STORY_H
#define DYAD_STORY_H

#include <stddef.h>
#include "util/diag.h"

/* Stories larger than this are truncated (with a warning): bounds memory per story. */
#define DY_STORY_MAX_BYTES (2u << 20)

typedef struct {
    char *id, *date, *text, *title, *source, *url;  /* owned by the reader; "" when absent */
    size_t text_len;
    const char *file;          /* path ("-" for stdin) */
    long line;                 /* line of the story in its file (1 for plain files) */
} dy_story_rec;

typedef struct dy_reader dy_reader;

/* paths: files, folders or "-".  Unreadable paths are reported and skipped. */
dy_reader *dy_reader_open(const char *const *paths, size_t npaths, dy_diag *diag);
/* 1: *out holds the next story (valid until the next call); 0: no more stories. */
int dy_reader_next(dy_reader *r, dy_story_rec *out);
/* Stories seen, and skipped (reported) by the reader itself. */
size_t dy_reader_skipped(const dy_reader *r);
void dy_reader_close(dy_reader *r);

/* Wire-story datelines: "MOSCOW, December 19. /TASS/.",
 * "NAGOYA (UrduPoint News / Sputnik - 22nd November, 2019)", "WASHINGTON (Reuters) -",
 * "KABUL, Afghanistan (AP) —".  Looks at the start of the first few paragraphs. */
typedef struct {
    size_t start, end;         /* byte span of the dateline in the text; start == end: none */
    char place[64];            /* "Moscow" (title case), "" when none */
    char region[48];           /* what qualifies the place: "Afghanistan", "Mass.", "" when none */
    char agency[64];           /* "TASS", "UrduPoint News / Sputnik", "" when none */
} dy_dateline;

int dy_dateline_find(const char *text, size_t len, dy_dateline *out);

#endif
