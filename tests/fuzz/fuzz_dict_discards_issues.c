/* fuzz_dict_discards_issues.c — libFuzzer harness: the discards and the
 * issues loaders (both small, so one harness).  The first byte picks the
 * kind (even: discards, odd: issues); the rest is the file.  The loaded
 * dictionary is then used for matching and coding (fuzz_dict.h). */
#include "fuzz_dict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    fuzz_dict_one(data[0] & 1 ? DY_DICT_ISSUES : DY_DICT_DISCARDS, data + 1, size - 1);
    return 0;
}
