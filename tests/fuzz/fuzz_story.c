/* fuzz_story.c — libFuzzer harness: the story reader on arbitrary file
 * contents.  The format is chosen by content, so this covers format
 * detection, the plain story format ("date ..." line, text, truncation,
 * NUL detection) and JSON Lines when the input starts with '{'. */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_read_all(fuzz_file(data, size));
    return 0;
}
