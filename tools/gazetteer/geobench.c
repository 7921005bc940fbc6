/* geobench — what locating costs on a corpus, apart from everything else.
 *
 *   geobench [--gazetteer FILE] [--context-only] STORIES...
 *
 * Reads and splits every story once (not timed), then times the geo work the
 * coder adds per story: the context pass over all sentences and one
 * dy_geo_locate per sentence (an upper bound: the coder calls it per event,
 * and most sentences have no event; --context-only leaves it out; --no-geo
 * does no geo work, for instruction counts: perf stat -e instructions).  Prints stories, sentences, seconds and
 * microseconds per story; `make bench-geo` compares it with dyad code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "geo/geo.h"
#include "text/story.h"
#include "text/text.h"
#include "util/diag.h"
#include "util/util.h"

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    const char *gaz = NULL;
    int first = 1, locate = 1, geo_on = 1;
    for (;;) {
        if (first + 1 < argc && !strcmp(argv[first], "--gazetteer")) { gaz = argv[first + 1]; first += 2; }
        else if (first < argc && !strcmp(argv[first], "--context-only")) { locate = 0; first++; }
        else if (first < argc && !strcmp(argv[first], "--no-geo")) { locate = geo_on = 0; first++; }
        else break;
    }
    if (first >= argc) { fprintf(stderr, "usage: geobench [--gazetteer FILE] [--context-only|--no-geo] STORIES...\n"); return 2; }
    dy_diag diag;
    dy_diag_init(&diag, stderr);
    dy_gazetteer *g = dy_gaz_open(gaz, &diag);
    dy_reader *r = dy_reader_open((const char *const *)argv + first, (size_t)(argc - first), &diag);
    dy_arena a = {0};
    dy_story_rec rec;
    double geo = 0, split = 0;
    size_t stories = 0, sentences = 0, located = 0;
    while (dy_reader_next(r, &rec)) {
        char *text;
        size_t len;
        double t0 = now();
        dy_text_repair(&a, rec.text, rec.text_len, &text, &len);
        dy_dateline dl;
        const char *place = dy_dateline_find(text, len, &dl) && dl.place[0] ? dl.place : NULL;
        dy_sentence *s;
        size_t ns = dy_split(&a, text, len, &s);
        double t1 = now();
        dy_geo_context ctx;
        char dlq[sizeof dl.place + sizeof dl.region + 2];
        if (place) snprintf(dlq, sizeof dlq, "%s%s%s", place, dl.region[0] ? ", " : "", dl.region);
        dy_geo_story_begin(g, &ctx, place ? dlq : NULL);
        for (size_t i = 0; i < ns && geo_on; i++) dy_geo_story_add(g, &ctx, s[i].toks, s[i].ntok);
        for (size_t i = 0; i < ns && locate; i++) {
            dyad_location loc;
            uint32_t half = s[i].ntok / 2;
            located += dy_geo_locate(g, &ctx, s[i].toks, s[i].ntok, half, half + 1, "USA", "", &loc);
        }
        double t2 = now();
        split += t1 - t0;
        geo += t2 - t1;
        stories++;
        sentences += ns;
        dy_arena_reset(&a);
    }
    printf("geobench: %zu stories, %zu sentences (%zu located): repair+dateline+split %.3f s, "
           "geo %.3f s (%.1f us/story)%s\n", stories, sentences, located, split, geo,
           stories ? geo / stories * 1e6 : 0.0, dy_gaz_full(g) ? "" : " [built-in table only]");
    dy_reader_close(r);
    dy_arena_free(&a);
    dy_gaz_close(g);
    dy_diag_destroy(&diag);
    return 0;
}
