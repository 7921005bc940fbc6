/* fuzz_jsonl.c — libFuzzer harness: the JSON Lines reader.  A valid first
 * line pins the file's format to JSONL, so every fuzzed line after it goes
 * through the JSON path (malformed JSON, missing or non-string fields,
 * numeric ids, duplicate ids, blank text) rather than the plain format. */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char head[] = "{\"id\":\"pin\",\"date\":\"2021-03-04\",\"text\":\"Pinned.\"}\n";
    uint8_t *buf = malloc(sizeof head - 1 + size);
    if (!buf) return 0;
    memcpy(buf, head, sizeof head - 1);
    if (size) memcpy(buf + sizeof head - 1, data, size);
    fuzz_read_all(fuzz_file(buf, sizeof head - 1 + size));
    free(buf);
    return 0;
}
