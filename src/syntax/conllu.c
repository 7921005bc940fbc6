/* conllu.c — reading and writing CoNLL-U for training, evaluation and
 * dyad parse --conllu.
 *
 * Only syntactic words are kept: multiword-token range lines ("3-4") and
 * empty nodes ("5.1") are skipped, which is what "gold tokenisation" means
 * for UD evaluation.  A malformed sentence is reported as file:line: reason
 * and skipped as a whole, so heads always index inside their sentence. */
#include <stdlib.h>
#include <string.h>

#include "syntax/syntax.h"

void dy_conllu_sent_free(dy_conllu_sent *s) {
    for (int i = 0; i < s->n; i++) free(s->form[i]);
    free(s->form);
    free(s->upos);
    free(s->xpos);
    free(s->deprel);
    free(s->head);
    free(s->text);
    memset(s, 0, sizeof *s);
}

void dy_treebank_free(dy_treebank *tb) {
    for (size_t i = 0; i < tb->n; i++) dy_conllu_sent_free(&tb->s[i]);
    free(tb->s);
    tb->s = NULL;
    tb->n = 0;
}

/* Splits a line into at most 10 tab-separated fields in place. */
static int split_tabs(char *line, char **f) {
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < 10; p++)
        if (*p == '\t') { *p = '\0'; f[n++] = p + 1; }
    return n;
}

typedef struct {
    DY_VEC(char *) form;
    DY_VEC(uint8_t) upos, xpos, deprel;
    DY_VEC(int) head;
    char *text;
    long line;
    const char *bad;            /* first problem found, or NULL */
    long bad_line;
} sent_acc;

static void acc_reset(sent_acc *a) {
    for (size_t i = 0; i < a->form.len; i++) free(a->form.items[i]);
    a->form.len = a->upos.len = a->xpos.len = a->deprel.len = a->head.len = 0;
    free(a->text);
    a->text = NULL;
    a->bad = NULL;
    a->line = 0;
}

static void acc_free(sent_acc *a) {
    acc_reset(a);
    dy_vec_free(&a->form);
    dy_vec_free(&a->upos);
    dy_vec_free(&a->xpos);
    dy_vec_free(&a->deprel);
    dy_vec_free(&a->head);
}

static void acc_line(sent_acc *a, char *line, long lineno) {
    if (a->bad) return;
    if (line[0] == '#') {
        if (!strncmp(line, "# text = ", 9) && !a->text) a->text = xstrdup(line + 9);
        return;
    }
    char *f[10];
    int nf = split_tabs(line, f);
    if (nf != 10) { a->bad = "expected 10 tab-separated fields"; a->bad_line = lineno; return; }
    if (strchr(f[0], '-') || strchr(f[0], '.')) return;   /* multiword range or empty node */
    char *end;
    long id = strtol(f[0], &end, 10);
    if (*end || id != (long)a->form.len + 1) {
        a->bad = "token ids must count 1, 2, 3 ...";
        a->bad_line = lineno;
        return;
    }
    if (!a->line) a->line = lineno;
    long h = 0;
    if (strcmp(f[6], "_")) {
        h = strtol(f[6], &end, 10);
        if (*end || h < 0 || h > DY_PARSE_MAX_TOKENS) { a->bad = "bad HEAD"; a->bad_line = lineno; return; }
    }
    int u = dy_upos_id(f[3]), x = dy_xpos_id(f[4]), d = dy_deprel_id(f[7]);
    dy_vec_push(&a->form, xstrdup(f[1]));
    dy_vec_push(&a->upos, (uint8_t)(u < 0 ? dy_upos_id("X") : u));
    dy_vec_push(&a->xpos, (uint8_t)(x < 0 ? dy_xpos_id("XX") : x));
    dy_vec_push(&a->deprel, (uint8_t)(d < 0 ? 0 : d));
    dy_vec_push(&a->head, (int)h - 1);
}

/* Moves a finished sentence out of the accumulator; 0 when it is unusable. */
static int acc_finish(sent_acc *a, const char *name, FILE *err, size_t *skipped, dy_conllu_sent *out) {
    int n = (int)a->form.len;
    if (!a->bad && n > DY_PARSE_MAX_TOKENS) { a->bad = "sentence too long"; a->bad_line = a->line; }
    for (int i = 0; !a->bad && i < n; i++)
        if (a->head.items[i] >= n) { a->bad = "HEAD beyond the sentence"; a->bad_line = a->line + i; }
    if (a->bad) {
        if (err) fprintf(err, "%s:%ld: %s; sentence skipped\n", name, a->bad_line, a->bad);
        if (skipped) (*skipped)++;
        acc_reset(a);
        return 0;
    }
    if (n == 0) { acc_reset(a); return 0; }
    memset(out, 0, sizeof *out);
    out->n = n;
    out->form = a->form.items;
    out->upos = a->upos.items;
    out->xpos = a->xpos.items;
    out->deprel = a->deprel.items;
    out->head = xmalloc((size_t)n * sizeof *out->head);
    for (int i = 0; i < n; i++) out->head[i] = (int16_t)a->head.items[i];
    out->text = a->text;
    out->line = a->line;
    a->text = NULL;
    a->form.items = NULL; a->form.len = a->form.cap = 0;
    a->upos.items = NULL; a->upos.len = a->upos.cap = 0;
    a->xpos.items = NULL; a->xpos.len = a->xpos.cap = 0;
    a->deprel.items = NULL; a->deprel.len = a->deprel.cap = 0;
    acc_reset(a);
    return 1;
}

static int read_line(FILE *f, char **buf, size_t *cap) {
    ssize_t k = getline(buf, cap, f);
    if (k < 0) return 0;
    while (k > 0 && ((*buf)[k - 1] == '\n' || (*buf)[k - 1] == '\r')) (*buf)[--k] = '\0';
    return 1;
}

int dy_conllu_next(FILE *f, const char *name, long *lineno, dy_conllu_sent *out, FILE *err,
                   size_t *skipped) {
    sent_acc a = {0};
    char *buf = NULL;
    size_t cap = 0;
    int got = 0;
    while (!got) {
        int more = read_line(f, &buf, &cap);
        if (more) ++*lineno;
        if (!more || buf[0] == '\0') {
            if (a.form.len || a.bad) got = acc_finish(&a, name, err, skipped, out);
            else acc_reset(&a);
            if (!more) break;
            continue;
        }
        acc_line(&a, buf, *lineno);
    }
    free(buf);
    acc_free(&a);
    return got;
}

int dy_treebank_read(const char *path, dy_treebank *tb, FILE *err, size_t *skipped) {
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    DY_VEC(dy_conllu_sent) v = {0};
    long lineno = 0;
    dy_conllu_sent s;
    while (dy_conllu_next(f, path, &lineno, &s, err, skipped)) dy_vec_push(&v, s);
    fclose(f);
    tb->s = v.items;
    tb->n = v.len;
    return 0;
}

static uint16_t word_flags(const char *w) {
    uint16_t fl = 0;
    int letters = 0, upper = 0, digits = 0, punct = 0, other = 0;
    for (const unsigned char *p = (const unsigned char *)w; *p; p++) {
        if (*p >= 'A' && *p <= 'Z') { letters++; upper++; }
        else if (*p >= 'a' && *p <= 'z') letters++;
        else if (*p >= '0' && *p <= '9') digits++;
        else if (*p >= 0x80) other++;
        else if (*p != ',' && *p != '.') punct++;
    }
    if (w[0] >= 'A' && w[0] <= 'Z') fl |= DY_TF_CAP;
    if (letters >= 2 && upper == letters) fl |= DY_TF_ALLCAP;
    if (!letters && !digits && !other && w[0]) fl |= DY_TF_PUNCT;
    if (digits && !letters && !punct && !other) fl |= DY_TF_NUMBER;
    if (!strcmp(w, "\"") || !strcmp(w, "``") || !strcmp(w, "''") || !strcmp(w, "'")) fl |= DY_TF_QUOTE;
    return fl;
}

void dy_tokens_from_words(dy_arena *a, char *const *words, int n, dy_token *out) {
    for (int i = 0; i < n; i++) {
        size_t len = strlen(words[i]);
        out[i].start = out[i].end = 0;
        out[i].form = words[i];
        out[i].norm = dy_text_norm(a, words[i], len);
        out[i].flags = word_flags(words[i]);
    }
}

void dy_conllu_write(FILE *f, const dy_token *toks, size_t n, const dy_parsed *p,
                     const char *sent_id, const char *text) {
    if (sent_id) fprintf(f, "# sent_id = %s\n", sent_id);
    if (text) fprintf(f, "# text = %s\n", text);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%zu\t%s\t_\t%s\t%s\t_\t%d\t%s\t_\t_\n", i + 1, toks[i].form,
                dy_upos_name(p[i].upos), dy_xpos_name(p[i].xpos), p[i].head + 1,
                dy_deprel_name(p[i].deprel));
    fputc('\n', f);
}
