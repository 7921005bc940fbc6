/* cli.c — helpers the subcommands share. */
#include <stdarg.h>
#include <stdio.h>
#include "cli.h"

int cli_usage_error(const char *cmd, const char *fmt, ...) {
    va_list ap;
    fprintf(stderr, "dyad %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return DY_EXIT_FATAL;
}
