/* cmd_train.c — dyad train: train the tagger and parser from CoNLL-U. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "syntax/syntax.h"

static const char help[] =
    "usage: dyad train --train FILE.conllu [--dev FILE.conllu] -o MODEL [options]\n"
    "  --train FILE     training treebank (CoNLL-U)\n"
    "  --train-more FILE more training sentences (e.g. the dev set, for a final model\n"
    "                   trained with the epochs chosen on dev; then give no --dev)\n"
    "  --dev FILE       development treebank: scored after every parser epoch;\n"
    "                   the best epoch's model is kept\n"
    "  -o, --out MODEL  where to write the model\n"
    "  --tag-epochs N   tagger epochs (default 8)\n"
    "  --epochs N       parser epochs (default 10)\n"
    "  --relabel N      1 (default): also train a relabeller, which labels the arcs the\n"
    "                   labeller was unsure of again once the tree is finished; 0: none\n"
    "  --seed N         random seed (default 1): same data and seed, same model\n"
    "  --merge-prob P   chance a proper-noun name span is merged into one token (default 0.1)\n"
    "  --prune W        drop parser weights below W from the model (default 1.0; 0 keeps all)\n"
    "  --prune-tagger W the same for the tagger (default 0.3)\n"
    "The defaults are the recipe of the shipped model (make model).\n";

int cmd_train(int argc, char **argv) {
    dy_train_opts o;
    dy_train_opts_init(&o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) { fputs(help, stdout); return DY_EXIT_OK; }
        if (i + 1 >= argc) return cli_usage_error("train", "%s: unknown option or missing argument\n%s", a, help);
        const char *v = argv[++i];
        if (!strcmp(a, "--train")) o.train = v;
        else if (!strcmp(a, "--train-more")) o.train_more = v;
        else if (!strcmp(a, "--dev")) o.dev = v;
        else if (!strcmp(a, "-o") || !strcmp(a, "--out")) o.out = v;
        else if (!strcmp(a, "--tag-epochs")) o.tag_epochs = atoi(v);
        else if (!strcmp(a, "--epochs")) o.parse_epochs = atoi(v);
        else if (!strcmp(a, "--relabel")) o.relabel = atoi(v) != 0;
        else if (!strcmp(a, "--seed")) o.seed = strtoull(v, NULL, 10);
        else if (!strcmp(a, "--merge-prob")) o.merge_prob = atof(v);
        else if (!strcmp(a, "--prune")) o.prune = atof(v);
        else if (!strcmp(a, "--prune-tagger")) o.prune_tagger = atof(v);
        else return cli_usage_error("train", "unknown option %s\n%s", a, help);
    }
    if (!o.train || !o.out) return cli_usage_error("train", "--train and -o are required\n%s", help);
    if (o.tag_epochs < 1 || o.parse_epochs < 1) return cli_usage_error("train", "epochs must be >= 1");
    char err[512];
    if (dy_syntax_train(&o, err, sizeof err)) {
        fprintf(stderr, "dyad train: %s\n", err);
        return DY_EXIT_FATAL;
    }
    return DY_EXIT_OK;
}
