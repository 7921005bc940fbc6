/* cmd_code.c — dyad code: stories in, events out (work in progress). */
#include <stdio.h>
#include "cli.h"

int cmd_code(int argc, char **argv) {
    (void)argc; (void)argv;
    fprintf(stderr, "dyad code: not built yet\n");
    return DY_EXIT_FATAL;
}
