/* fuzz_dict_agents.c — libFuzzer harness: the agents dictionary loader on arbitrary
 * file contents, then the loaded dictionary used for matching and coding
 * (fuzz_dict.h). */
#include "fuzz_dict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_dict_one(DY_DICT_AGENTS, data, size);
    return 0;
}
