/* tagset.c — the fixed tag sets: UD UPOS, Penn Treebank XPOS (as in UD
 * English), and UD relations with the subtypes English treebanks use.  Ids
 * are indexes into these tables and are what models store, so entries are
 * only ever appended. */
#include <string.h>

#include "syntax/syntax.h"

static const char *const upos_names[] = {
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART",
    "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
};

static const char *const xpos_names[] = {
    "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNS",
    "NNP", "NNPS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO",
    "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB",
    ",", ".", ":", "``", "''", "-LRB-", "-RRB-", "$", "#", "HYPH", "NFP", "ADD", "AFX",
    "GW", "XX", "_",
};

static const char *const deprel_names[] = {
    "dep", "root", "nsubj", "nsubj:pass", "nsubj:outer", "obj", "iobj", "csubj",
    "csubj:pass", "csubj:outer", "ccomp", "xcomp", "obl", "obl:tmod", "obl:npmod",
    "obl:agent", "obl:unmarked", "vocative", "expl", "dislocated", "advcl",
    "advcl:relcl", "advmod", "discourse", "aux", "aux:pass", "cop", "mark", "nmod",
    "nmod:poss", "nmod:tmod", "nmod:npmod", "nmod:unmarked", "nmod:desc", "appos",
    "nummod", "acl", "acl:relcl", "amod", "det", "det:predet", "clf", "case", "conj",
    "cc", "cc:preconj", "fixed", "flat", "flat:foreign", "compound", "compound:prt",
    "list", "parataxis", "orphan", "goeswith", "reparandum", "punct", "expl:pv",
};

int dy_upos_count(void) { return (int)DY_ARRAY_LEN(upos_names); }
int dy_xpos_count(void) { return (int)DY_ARRAY_LEN(xpos_names); }
int dy_deprel_count(void) { return (int)DY_ARRAY_LEN(deprel_names); }

static const char *name_of(const char *const *t, int n, int id) {
    return id >= 0 && id < n ? t[id] : "_";
}

static int id_of(const char *const *t, int n, const char *name) {
    for (int i = 0; i < n; i++)
        if (!strcmp(t[i], name)) return i;
    return -1;
}

const char *dy_upos_name(int id) { return name_of(upos_names, dy_upos_count(), id); }
const char *dy_xpos_name(int id) { return name_of(xpos_names, dy_xpos_count(), id); }
const char *dy_deprel_name(int id) { return name_of(deprel_names, dy_deprel_count(), id); }
int dy_upos_id(const char *name) { return id_of(upos_names, dy_upos_count(), name); }
int dy_xpos_id(const char *name) { return id_of(xpos_names, dy_xpos_count(), name); }

int dy_deprel_id(const char *name) {
    int id = id_of(deprel_names, dy_deprel_count(), name);
    if (id >= 0 || !strchr(name, ':')) return id;
    /* An unknown subtype still carries its universal relation. */
    char base[32];
    size_t k = (size_t)(strchr(name, ':') - name);
    if (k >= sizeof base) return -1;
    memcpy(base, name, k);
    base[k] = '\0';
    return id_of(deprel_names, dy_deprel_count(), base);
}
