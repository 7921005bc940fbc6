/* fuzz_code.c — libFuzzer harness: dyad_code_story on arbitrary bytes with
 * the default dictionaries (DYAD_SRCDIR/data), every event written as JSON
 * and TSV.  The whole pipeline per story: repair, dateline, splitting,
 * discards, actors, verbs, coder, geolocation, output.
 *
 * Input: when byte 10 is a newline the first ten bytes are the story's date
 * (so bad dates are fuzzed too), else the date is fixed.  The text is passed
 * in an unterminated buffer of exactly text_len bytes, so any read past
 * text_len is an ASan error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dyad.h"
#include "output/event_json.h"
#include "util/util.h"

static dyad *fuzz_dyad;
static dyad_worker *fuzz_worker;

static int on_event(const dyad_event *ev, void *user) {
    dy_buf *b = user;
    if (!ev->story_id || !ev->source || !ev->target || !ev->event_name || !ev->text ||
        !ev->source_text || !ev->target_text || !ev->verb_text || !ev->rule || !ev->issues)
        abort();
    if (strlen(ev->code) < 2 || ev->quad_class < 1 || ev->quad_class > 4) abort();
    dy_buf_clear(b);
    dy_event_json(ev, b);
    dy_event_tsv(ev, b);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!fuzz_dyad) {
        dyad_config cfg;
        dyad_config_init(&cfg);
        cfg.quiet = 1;
        cfg.use_parser = 0;
        cfg.datadir = DYAD_SRCDIR "/data";
        char err[256];
        fuzz_dyad = dyad_open(&cfg, err, sizeof err);
        if (!fuzz_dyad) { fprintf(stderr, "fuzz_code: %s\n", err); abort(); }
        fuzz_worker = dyad_worker_new(fuzz_dyad);
    }
    char date[11] = "2019-11-22";
    if (size >= 11 && data[10] == '\n') {
        memcpy(date, data, 10);
        date[10] = '\0';
        data += 11;
        size -= 11;
    }
    char *text = malloc(size ? size : 1);
    if (!text) return 0;
    if (size) memcpy(text, data, size);
    dyad_story st = {.id = "fuzz", .date = date, .text = text, .text_len = size,
                     .title = "", .source = "", .url = "", .file = "fuzz", .line = 1};
    dy_buf out = {0};
    dyad_story_stats stats;
    dyad_code_story(fuzz_worker, &st, NULL, on_event, &out, &stats);
    if (stats.skipped && !stats.skip_reason) abort();
    dy_buf_free(&out);
    free(text);
    return 0;
}
