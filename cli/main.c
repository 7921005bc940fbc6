/* main.c — the dyad command: dispatches to one file per subcommand. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct { const char *name; int (*fn)(int, char **); const char *help; } cmds[] = {
#define DYAD_CMD(name, fn, help) {name, fn, help},
#include "commands.def"
#undef DYAD_CMD
};

static void usage(FILE *f) {
    fprintf(f, "usage: dyad COMMAND [OPTIONS] [ARGS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        fprintf(f, "  %-12s %s\n", cmds[i].name, cmds[i].help);
    fprintf(f, "\n'dyad COMMAND --help' describes a command's options.\n");
}

int main(int argc, char **argv) {
    if (argc < 2) { usage(stderr); return DY_EXIT_FATAL; }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return DY_EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) return cmd_version(argc - 1, argv + 1);
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (!strcmp(argv[1], cmds[i].name)) return cmds[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "dyad: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return DY_EXIT_FATAL;
}
