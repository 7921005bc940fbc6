/* fuzz_dict_actors.c — libFuzzer harness: the actors dictionary loader on arbitrary
 * file contents, then the loaded dictionary used for matching and coding
 * (fuzz_dict.h). */
#include "fuzz_dict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_dict_one(DY_DICT_ACTORS, data, size);
    return 0;
}
