/* fuzz_common.h — what the libFuzzer harnesses share.
 *
 * dyad's readers and dictionary loaders take paths, not buffers, so each
 * input is written to one memory file (memfd) created once per process and
 * opened by its /proc/self/fd path: no disk traffic, nothing left behind.
 * Diagnostics go to a counting-only sink (out = NULL), so a fuzz run is quiet
 * and the reporting code is still exercised. */
#ifndef DYAD_FUZZ_COMMON_H
#define DYAD_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/* Rewrites the memory file with data; returns its path (static storage). */
static const char *fuzz_file(const uint8_t *data, size_t size) {
    static int fd = -1;
    static char path[64];
    if (fd < 0) {
        fd = memfd_create("dyad-fuzz", 0);
        if (fd < 0) { perror("memfd_create"); abort(); }
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) != 0) { perror("ftruncate"); abort(); }
    size_t done = 0;
    while (done < size) {
        ssize_t w = pwrite(fd, data + done, size - done, (off_t)done);
        if (w <= 0) { perror("pwrite"); abort(); }
        done += (size_t)w;
    }
    return path;
}

#endif
