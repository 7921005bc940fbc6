/* cli.c — helpers the subcommands share: usage errors and the dictionary /
 * model options every coding subcommand accepts. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

const char cli_dict_help[] =
    "  --actors FILE     add an actors dictionary (repeatable)\n"
    "  --agents FILE     add an agents dictionary (repeatable)\n"
    "  --verbs FILE      add a verbs dictionary, TABARI or PETRARCH-2 format (repeatable)\n"
    "  --discards FILE   add a discards dictionary (repeatable)\n"
    "  --issues FILE     add an issues dictionary (repeatable)\n"
    "  --whole-words     dictionaries given after this read unmarked words as whole words\n"
    "                    (PETRARCH's reading) rather than TABARI prefix stems\n"
    "  --no-default-dictionaries   use only the dictionaries given\n"
    "  --allow-monadic   also write events with only one known actor (default: dyads only)\n"
    "  --model FILE      parser model (default: the bundled one); --no-parser: surface rules only\n"
    "  --no-geo          do not locate events (location null; measures what locating costs)\n"
    "  --datadir DIR     where dyad's data (CAMEO table, default dictionaries) lives\n"
    "  --date YYYY-MM-DD date for stories that have none\n";

bool cli_dict_option(const char *cmd, cli_dict_opts *o, int argc, char **argv, int *i, int *err) {
    static const struct { const char *flag; dyad_dict_kind kind; } kinds[] = {
        {"--actors", DYAD_DICT_ACTORS}, {"--agents", DYAD_DICT_AGENTS}, {"--verbs", DYAD_DICT_VERBS},
        {"--discards", DYAD_DICT_DISCARDS}, {"--issues", DYAD_DICT_ISSUES}};
    const char *a = argv[*i];
    *err = 0;
    if (!strcmp(a, "--no-default-dictionaries")) { o->no_defaults = 1; return true; }
    if (!strcmp(a, "--no-parser")) { o->no_parser = 1; return true; }
    if (!strcmp(a, "--whole-words")) { o->whole_words = 1; return true; }
    if (!strcmp(a, "--allow-monadic")) { o->allow_monadic = 1; return true; }
    if (!strcmp(a, "--no-geo")) { o->no_geo = 1; return true; }
    const char **slot = NULL;
    dyad_dict_kind kind = DYAD_DICT_ACTORS;
    bool is_dict = false;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (!strcmp(a, kinds[k].flag)) { is_dict = true; kind = kinds[k].kind; }
    if (!is_dict) {
        if (!strcmp(a, "--model")) slot = &o->model;
        else if (!strcmp(a, "--date")) slot = &o->date;
        else if (!strcmp(a, "--datadir")) slot = &o->datadir;
        else return false;
    }
    if (*i + 1 >= argc) { *err = cli_usage_error(cmd, "%s needs an argument", a); return true; }
    const char *val = argv[++*i];
    if (slot) { *slot = val; return true; }
    if (o->nfiles == sizeof o->files / sizeof o->files[0]) {
        *err = cli_usage_error(cmd, "too many dictionaries");
        return true;
    }
    o->files[o->nfiles].kind = kind;
    o->files[o->nfiles].path = val;
    o->files[o->nfiles].whole_words = o->whole_words;
    o->nfiles++;
    return true;
}

dyad *cli_open(const char *cmd, const cli_dict_opts *o) {
    dyad_config cfg;
    dyad_config_init(&cfg);
    cfg.use_default_dictionaries = !o->no_defaults;
    cfg.dicts = o->files;
    cfg.ndicts = o->nfiles;
    cfg.model = o->model;
    cfg.use_parser = !o->no_parser;
    cfg.datadir = o->datadir;
    cfg.quiet = o->quiet;
    cfg.allow_monadic = o->allow_monadic;
    cfg.no_locate = o->no_geo;
    char err[512];
    dyad *d = dyad_open(&cfg, err, sizeof err);
    if (!d) fprintf(stderr, "dyad %s: %s\n", cmd, err);
    else if (o->quiet && dyad_dictionary_errors(d))
        fprintf(stderr, "dyad: %zu malformed dictionary line(s) skipped (run without -q to see them)\n",
                dyad_dictionary_errors(d));
    return d;
}
