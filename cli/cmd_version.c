/* cmd_version.c — dyad version */
#include <stdio.h>
#include "cli.h"

int cmd_version(int argc, char **argv) {
    (void)argc; (void)argv;
    printf("dyad %s\n", DYAD_VERSION);
    return DY_EXIT_OK;
}
