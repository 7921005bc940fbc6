/* cli.h — what the subcommands of the dyad front end share: their entry
 * points (from commands.def) and small option helpers.
 *
 * Exit codes, for every subcommand: 0 ok, 1 some input was skipped,
 * 2 usage or fatal error. */
#ifndef DYAD_CLI_H
#define DYAD_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include "dyad.h"

enum { DY_EXIT_OK = 0, DY_EXIT_SKIPPED = 1, DY_EXIT_FATAL = 2 };

#define DYAD_CMD(name, fn, help) int fn(int argc, char **argv);
#include "commands.def"
#undef DYAD_CMD

/* Prints "dyad NAME: message" to stderr; returns DY_EXIT_FATAL. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The options every coding subcommand takes (--actors FILE ... --no-default-dictionaries,
 * --model, --no-parser, --date).  cli_dict_option consumes argv[*i] (and its argument)
 * when it is one of them and returns true. */
typedef struct {
    dyad_dict_file files[256];
    size_t nfiles;
    int no_defaults;
    const char *model;
    int no_parser;
    const char *date;
    const char *datadir;
    int quiet;                  /* set by the subcommand's -q */
    int whole_words;            /* --whole-words: applies to the dictionaries after it */
    int allow_monadic;
    int no_geo;                 /* --no-geo: no event locations */
} cli_dict_opts;

bool cli_dict_option(const char *cmd, cli_dict_opts *o, int argc, char **argv, int *i, int *err);
/* Opens the library with those options; prints the reason and returns NULL on failure. */
dyad *cli_open(const char *cmd, const cli_dict_opts *o);
extern const char cli_dict_help[];

#endif
