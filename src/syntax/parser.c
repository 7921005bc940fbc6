/* parser.c — loading a model and parsing with it.
 *
 * Model file (little-endian, version 4: hash tables probed from buckets of 8):
 *     "DYADSYN\0" u32 version, u32 0x01020304 (byte order), u32 ntag,
 *     u32 nvocab-slots, u32 len[3] (tagger, mover, labeller blobs), u32 feature-set
 *     version (DY_FEATURES_VERSION), u32 relabeller blob length (0: none), u32 0,
 *     ntag x (u8 upos, u8 xpos) padded so the header and tags take a multiple
 *     of 64 bytes, nvocab x vocab_slot (a power of two >= 16 of 12 bytes:
 *     a multiple of 64 bytes), then the lm_freeze blobs of the tagger, mover,
 *     labeller and relabeller (if any), each a multiple of 64 bytes, so every
 *     table starts on a cache line in the 2 MB-aligned buffer.
 * It is read with one fread into one buffer that every table points into;
 * everything is validated at load so parsing needs no bounds checks. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "syntax/internal.h"

#define MODEL_MAGIC "DYADSYN"
#define MODEL_VERSION 4u
#define HEADER_WORDS 12
#define RELABEL_MARGIN 8.0

struct dy_parse_scratch {
    pstate_mem pm;
    pstate st;
    ftok *ft, *mft;              /* token ids; of the sentence with its opening name merged */
    dy_token *mt;
    dy_buf form, norm;           /* the merged name's strings */
    int cap;
};

static void set_err(char *err, size_t errlen, const char *fmt, ...) {
    if (!err || !errlen) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* Padding after tb bytes of tags. */
static size_t tags_pad(size_t tb) { return (64 - (HEADER_WORDS * 4 + tb) % 64) % 64; }

void syn_model_write(FILE *f, int ntag, const tagpair *tags, const vocab_slot *vslots,
                     uint32_t nvslots, void *const blobs[4], const size_t lens[4]) {
    uint32_t h[HEADER_WORDS] = {0};
    memcpy(h, MODEL_MAGIC, 8);
    h[2] = MODEL_VERSION;
    h[3] = 0x01020304u;
    h[4] = (uint32_t)ntag;
    h[5] = nvslots;
    for (int i = 0; i < 3; i++) h[6 + i] = (uint32_t)lens[i];
    h[9] = DY_FEATURES_VERSION;
    h[10] = (uint32_t)lens[3];
    fwrite(h, sizeof h, 1, f);
    uint8_t pad[64] = {0};
    fwrite(tags, sizeof *tags, (size_t)ntag, f);
    size_t tb = (size_t)ntag * sizeof *tags;
    fwrite(pad, 1, tags_pad(tb), f);
    fwrite(vslots, sizeof *vslots, nvslots, f);
    for (int i = 0; i < 4; i++) if (lens[i]) fwrite(blobs[i], 1, lens[i], f);
}

dy_parser *syn_model_from_buffer(void *buf, size_t len, char *err, size_t errlen) {
    uint32_t h[HEADER_WORDS];
    if (len < sizeof h) { set_err(err, errlen, "model too short"); free(buf); return NULL; }
    memcpy(h, buf, sizeof h);
    if (memcmp(h, MODEL_MAGIC, 8)) { set_err(err, errlen, "not a dyad parser model"); free(buf); return NULL; }
    if (h[3] != 0x01020304u) { set_err(err, errlen, "model byte order does not match this machine"); free(buf); return NULL; }
    if (h[2] != MODEL_VERSION) {
        set_err(err, errlen, "model version %u, this dyad reads version %u", h[2], MODEL_VERSION);
        free(buf);
        return NULL;
    }
    if (h[9] != DY_FEATURES_VERSION) {
        set_err(err, errlen, "model uses feature set %u, this dyad feature set %u: retrain it (make model)",
                h[9], DY_FEATURES_VERSION);
        free(buf);
        return NULL;
    }
    uint32_t ntag = h[4], nv = h[5];
    size_t tb = ntag * sizeof(tagpair);
    tb += tags_pad(tb);
    size_t need = sizeof h + tb + (size_t)nv * sizeof(vocab_slot) + (size_t)h[6] + h[7] + h[8] + h[10];
    if (ntag == 0 || ntag > DY_MAXCLS || need != len || (nv & (nv - 1))) {
        set_err(err, errlen, "model is truncated or corrupt");
        free(buf);
        return NULL;
    }
    dy_parser *p = xcalloc(1, sizeof *p);
    p->blob = buf;
    p->len = len;
    char *c = (char *)buf + sizeof h;
    p->ntag = (int)ntag;
    p->tags = (const tagpair *)c;
    c += tb;
    p->voc.nslots = nv;
    p->voc.slots = (const vocab_slot *)c;
    c += (size_t)nv * sizeof(vocab_slot);
    lm_frozen *ms[3] = {&p->tagger, &p->mover, &p->labeler};
    int ok = 1;
    for (int i = 0; i < 3 && ok; i++) {
        if (lm_attach(ms[i], c, h[6 + i]) != h[6 + i]) ok = 0;
        c += h[6 + i];
    }
    if (ok && h[10] && (lm_attach(&p->relabeler, c, h[10]) != h[10] ||
                        (int)p->relabeler.ncls != dy_deprel_count()))
        ok = 0;
    for (uint32_t i = 0; ok && i < ntag; i++)
        if (p->tags[i].upos >= dy_upos_count() || p->tags[i].xpos >= dy_xpos_count()) ok = 0;
    for (uint32_t i = 0; ok && i < nv; i++)
        if (p->voc.slots[i].w && p->voc.slots[i].tag != 0xff && p->voc.slots[i].tag >= ntag) ok = 0;
    if (ok && ((int)p->tagger.ncls != p->ntag || p->mover.ncls != MV_COUNT ||
               (int)p->labeler.ncls != dy_deprel_count()))
        ok = 0;
    if (!ok) {
        set_err(err, errlen, "model is corrupt");
        dy_parser_free(p);
        return NULL;
    }
    p->punct_label = dy_deprel_id("punct");
    p->dep_label = dy_deprel_id("dep");
    p->root_label = dy_deprel_id("root");
    relabel_ids_init(&p->rids);
    /* Only labels the labeller was unsure of are reconsidered (its margin in
     * weight units below RELABEL_MARGIN): on dev, relabelling every word gave
     * LAS 81.13, below a margin of 16 81.15, of 8 81.12, of 4 81.02, none
     * 80.90; at 8 it costs 2% of parsing instead of 23%. */
    double q = p->labeler.scale > 0 ? RELABEL_MARGIN / p->labeler.scale : 0;
    p->relabel_margin = q > 2e9 ? INT32_MAX : (int32_t)q;
    return p;
}

dy_parser *dy_parser_load(const char *path, char *err, size_t errlen) {
    FILE *f = fopen(path, "rb");
    if (!f) { set_err(err, errlen, "%s: %s", path, strerror(errno)); return NULL; }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (len <= 0) { fclose(f); set_err(err, errlen, "%s: empty model", path); return NULL; }
    /* Parsing reads the tables at random: on 2 MB pages the TLB stops missing
     * on nearly every feature lookup (worth ~20% of parsing time). */
    void *buf = NULL;
    size_t huge = 2u << 20;
    if (posix_memalign(&buf, huge, ((size_t)len + huge - 1) / huge * huge)) buf = xmalloc((size_t)len);
#ifdef MADV_HUGEPAGE
    else madvise(buf, ((size_t)len + huge - 1) / huge * huge, MADV_HUGEPAGE);
#endif
    size_t got = fread(buf, 1, (size_t)len, f);
    fclose(f);
    if (got != (size_t)len) { free(buf); set_err(err, errlen, "%s: short read", path); return NULL; }
    char e2[200];
    dy_parser *p = syn_model_from_buffer(buf, (size_t)len, e2, sizeof e2);
    if (!p) set_err(err, errlen, "%s: %s", path, e2);
    return p;
}

const char *dy_parser_default_path(void) {
    static const char *const cands[] = {
        DYAD_SRCDIR "/models/en_ewt.dyp",
        DYAD_DATADIR "/models/en_ewt.dyp",
    };
    const char *env = getenv("DYAD_PARSER_MODEL");
    if (env && *env) return env;
    for (size_t i = 0; i < DY_ARRAY_LEN(cands); i++) {
        FILE *f = fopen(cands[i], "rb");
        if (f) { fclose(f); return cands[i]; }
    }
    return NULL;
}

void dy_parser_free(dy_parser *p) {
    if (!p) return;
    free(p->blob);
    free(p);
}

dy_parse_scratch *dy_parse_scratch_new(const dy_parser *p) {
    (void)p;
    dy_parse_scratch *s = xcalloc(1, sizeof *s);
    s->cap = 128;
    s->ft = xmalloc((size_t)(s->cap + 2) * sizeof *s->ft);
    s->mft = xmalloc((size_t)(s->cap + 2) * sizeof *s->mft);
    s->mt = xmalloc((size_t)s->cap * sizeof *s->mt);
    ps_alloc(&s->pm, &s->st, s->cap);
    return s;
}

void dy_parse_scratch_free(dy_parse_scratch *s) {
    if (!s) return;
    free(s->ft);
    free(s->mft);
    free(s->mt);
    dy_buf_free(&s->form);
    dy_buf_free(&s->norm);
    free(s->pm.mem);
    free(s);
}

/* The highest score, in 8 lanes (a fixed-width inner loop, which the
 * compiler vectorises).  ncls >= 1. */
static int32_t max_of(const int32_t *sc, int ncls) {
    int32_t best = sc[0];
    int c = 0;
    if (ncls >= 8) {
        int32_t lane[8];
        memcpy(lane, sc, sizeof lane);
        for (c = 8; c + 8 <= ncls; c += 8)
            for (int j = 0; j < 8; j++) lane[j] = sc[c + j] > lane[j] ? sc[c + j] : lane[j];
        for (int j = 0; j < 8; j++) best = lane[j] > best ? lane[j] : best;
    }
    for (; c < ncls; c++) best = sc[c] > best ? sc[c] : best;
    return best;
}

/* First index of the highest score. */
static int argmax(const int32_t *sc, int ncls) {
    int32_t best = max_of(sc, ncls);
    int c = 0;
    while (sc[c] != best) c++;
    return c;
}

/* How far the best score is ahead of the next one (best is argmax's
 * answer); scores below INT32_MIN / 2 (the excluded root) do not count. */
static int32_t margin_of(int32_t *sc, int ncls, int best) {
    int32_t b = sc[best];
    sc[best] = INT32_MIN;
    int32_t second = max_of(sc, ncls);
    sc[best] = b;
    return second < INT32_MIN / 2 ? INT32_MAX : b - second;
}

static int next_untagged(const ftok *ft, int n, int i) {
    while (i <= n && ft[i].forced >= 0) i++;
    return i;
}

/* A greedy left-to-right tagger whose lookups would each wait for two cache
 * misses in a row (the slot, then its row).  Most templates do not look at
 * earlier tags, so they are pipelined over the words that need scoring: while
 * word a is scored, the rows of word b (the next one) are found and
 * prefetched, and the slots of word c (the one after) are prefetched.  Only
 * the 7 templates with the previous tags are looked up when the word is
 * scored.  The sums, and so the tags, are the same as without pipelining. */
void syn_tag(const dy_parser *p, ftok *ft, int n) {
    const lm_frozen *m = &p->tagger;
    uint64_t keys[3][DY_MAXFEAT];       /* word-only keys, a ring indexed by word order */
    const uint32_t *rows[2][DY_MAXFEAT], *trows[DY_MAXFEAT];
    int nk[3] = {0, 0, 0}, nr[2] = {0, 0};
    int32_t sc[DY_MAXCLS];
    int ncls = p->ntag, nsc = (ncls + 7) & ~7;
    int a = next_untagged(ft, n, 1), b = a <= n ? next_untagged(ft, n, a + 1) : n + 1;
    unsigned r = 0;                     /* pipeline step: a's keys are keys[r % 3], rows rows[r % 2] */
    if (a <= n) {
        nk[0] = tagger_static_features(ft, n, a, keys[0]);
        nr[0] = lm_find_rows(m, keys[0], nk[0], rows[0]);
    }
    if (b <= n) {
        nk[1] = tagger_static_features(ft, n, b, keys[1]);
        lm_prefetch(m, keys[1], nk[1]);
    }
    for (int i = 1; i <= n; i++) {
        int c = ft[i].forced;
        if (c < 0) {
            int cw = b <= n ? next_untagged(ft, n, b + 1) : n + 1;
            if (cw <= n) {
                nk[(r + 2) % 3] = tagger_static_features(ft, n, cw, keys[(r + 2) % 3]);
                lm_prefetch(m, keys[(r + 2) % 3], nk[(r + 2) % 3]);
            }
            if (b <= n) nr[(r + 1) % 2] = lm_find_rows(m, keys[(r + 1) % 3], nk[(r + 1) % 3], rows[(r + 1) % 2]);
            uint64_t tk[DY_MAXFEAT];
            int ntk = tagger_tag_features(ft, n, i, tk);
            int ntr = lm_find_rows(m, tk, ntk, trows);
            memset(sc, 0, (size_t)nsc * sizeof *sc);
            lm_add_rows(m, rows[r % 2], nr[r % 2], sc);
            lm_add_rows(m, trows, ntr, sc);
            c = argmax(sc, ncls);
            b = cw;
            r++;
        }
        ft[i].cls = (uint8_t)c;
        ft[i].upos = p->tags[c].upos;
        ft[i].xpos = p->tags[c].xpos;
    }
}

/* Labels again the arcs of the finished tree that the labeller was unsure
 * of, seeing all children of both words (the labeller, during parsing, sees
 * only what is attached so far; its labels remain features of the parser's
 * later moves, and of the relabeller). */
void syn_relabel(const dy_parser *p, pstate *st, const ftok *ft, int n, int32_t *sc) {
    uint64_t keys[DY_MAXFEAT];
    int nlab = (int)p->relabeler.ncls;
    tree_children(st->head, n, st->first, st->next);
    for (int d = 1; d <= n; d++) {
        st->label2[d] = st->label[d];
        if (st->head[d] <= 0 || ft[d].upos == p->rids.punct || st->margin[d] >= p->relabel_margin) continue;
        int nk = relabel_features(&p->rids, ft, n, st->head, st->label, st->first, st->next, d, keys);
        memset(sc, 0, (size_t)((nlab + 7) & ~7) * sizeof *sc);
        lm_score(&p->relabeler, keys, nk, sc);
        sc[p->root_label] = INT32_MIN;
        st->label2[d] = (uint8_t)argmax(sc, nlab);
    }
    /* Features read the labeller's labels, as in training: replaced only now. */
    for (int d = 1; d <= n; d++) st->label[d] = st->label2[d];
}

void syn_parse(const dy_parser *p, pstate *st, ftok *ft, int n, int32_t *sc) {
    uint64_t keys[DY_MAXFEAT];
    int nlab = dy_deprel_count(), punct = dy_upos_id("PUNCT");
    syn_sentence_context(ft, n);
    ps_init(st, n);
    int32_t bsc[MV_COUNT] = {0};
    int scored_b = -1;
    uint64_t bkeys[DY_MAXFEAT];
    while (!ps_done(st)) {
        /* The buffer templates' slots load while the other keys are computed. */
        int nb = 0;
        if (st->b != scored_b) {
            nb = parser_buffer_features(st, ft, bkeys);
            lm_prefetch(&p->mover, bkeys, nb);
        }
        int nk = parser_features(st, ft, keys);
        if (nb) {
            memset(bsc, 0, sizeof bsc);
            lm_score(&p->mover, bkeys, nb, bsc);
            scored_b = st->b;
        }
        int32_t ms[MV_COUNT];
        memcpy(ms, bsc, sizeof ms);
        lm_score(&p->mover, keys, nk, ms);
        int best = -1;
        for (int m = 0; m < MV_COUNT; m++)
            if (ps_valid(st, m) && (best < 0 || ms[m] > ms[best])) best = m;
        int label = 0;
        int s0 = st->sp ? st->stack[st->sp - 1] : 0, b0 = st->b;
        if ((best == MV_LEFT && ft[s0].upos == punct) || (best == MV_RIGHT && ft[b0].upos == punct))
            label = p->punct_label;   /* punctuation is always "punct": no need to ask */
        else if (best == MV_LEFT || best == MV_RIGHT) {
            nk = best == MV_LEFT ? label_features(st, ft, b0, s0, best, keys)
                                 : label_features(st, ft, s0, b0, best, keys);
            memset(sc, 0, (size_t)((nlab + 7) & ~7) * sizeof *sc);
            lm_score(&p->labeler, keys, nk, sc);
            sc[p->root_label] = INT32_MIN;
            label = argmax(sc, nlab);
            if (p->relabeler.ncls) st->margin[best == MV_LEFT ? s0 : b0] = margin_of(sc, nlab, label);
        }
        ps_apply(st, best, label);
    }
    /* Words left on the stack without a head: the lowest is the root, each
     * other attaches to the word below it (a right arc, which keeps the tree
     * projective), labelled by the labeller. */
    int below = -1;
    for (int i = 0; i < st->sp; i++) {
        int d = st->stack[i];
        if (st->head[d] >= 0) { below = d; continue; }
        if (st->root_child < 0) {
            st->head[d] = 0;
            st->label[d] = (uint8_t)p->root_label;
            st->root_child = d;
        } else {
            int h = below >= 0 ? below : st->root_child;
            int label = p->punct_label;
            if (ft[d].upos != punct) {
                int nk = label_features(st, ft, h, d, MV_RIGHT, keys);
                memset(sc, 0, (size_t)((nlab + 7) & ~7) * sizeof *sc);
                lm_score(&p->labeler, keys, nk, sc);
                sc[p->root_label] = INT32_MIN;
                label = argmax(sc, nlab);
                if (p->relabeler.ncls) st->margin[d] = margin_of(sc, nlab, label);
            }
            st->head[d] = (int16_t)h;
            st->label[d] = (uint8_t)label;
        }
        below = d;
    }
    ps_finish(st, p->punct_label, p->dep_label, ft, dy_upos_id("PUNCT"));
    if (p->relabeler.ncls) syn_relabel(p, st, ft, n, sc);
}

static int propn_class(const dy_parser *p) {
    int u = dy_upos_id("PROPN"), x = dy_xpos_id("NNP");
    for (int i = 0; i < p->ntag; i++)
        if (p->tags[i].upos == u && p->tags[i].xpos == x) return i;
    return -1;
}

/* Wire sentences open with long titled names ("Russian Foreign Minister
 * Sergey Lavrov said ...") that the treebank rarely shows.  When a sentence
 * starts with two or more capitalised nominal words (inner "of" and runs of
 * name particles such as "bin" or "von der" allowed), ending in a proper
 * noun and followed by a verb, the name is parsed as one proper-noun token,
 * as the coder's merged actor phrases are, and its words are then attached
 * inside it (see spread_name).  Returns the number of words in the name, 0 when none. */
static const char *const particles[] = {"of", "bin", "ibn", "al", "el", "de", "del", "da", "di", "van",
                                        "von", "der", "la", "le", "du", "dos", "bint", "abu"};
static const char *const titles[] = {
    "president", "minister", "secretary", "chancellor", "leader", "premier", "spokesman",
    "spokeswoman", "spokesperson", "ambassador", "envoy", "general", "gen.", "king", "queen",
    "prince", "princess", "emir", "sheikh", "senator", "sen.", "governor", "gov.", "mayor", "chief",
    "commander", "director", "chairman", "chairwoman", "head", "speaker", "pope", "judge", "justice",
    "attorney", "rep.", "representative", "colonel", "col.", "lieutenant", "lt.", "major", "captain",
    "capt.", "admiral", "adm.", "sergeant", "sgt.", "dr.", "mr.", "mrs.", "ms.", "prof.", "professor",
    "crown", "vice", "deputy", "foreign", "interior", "defense", "defence", "finance", "prime",
    "state", "emperor", "ayatollah", "cleric", "rebel", "opposition", "former", "acting", "coach",
    "minister-president", "secretary-general", "president-elect", "spokesperson", "ceo"};

static const char *norm_of(const dy_token *t) { return t->norm ? t->norm : t->form; }

static int in_list(const char *w, const char *const *list, size_t n) {
    for (size_t i = 0; i < n; i++) if (!strcmp(w, list[i])) return 1;
    return 0;
}

static int is_particle(const dy_token *t) { return in_list(norm_of(t), particles, DY_ARRAY_LEN(particles)); }

static int opening_name(const ftok *ft, const dy_token *toks, int n) {
    int propn = dy_upos_id("PROPN"), noun = dy_upos_id("NOUN"), adj = dy_upos_id("ADJ");
    int verb = dy_upos_id("VERB"), aux = dy_upos_id("AUX");
    int j = 1, has_propn = 0;
    while (j <= n) {
        const ftok *t = &ft[j];
        const char *w = norm_of(&toks[j - 1]);
        int cap = (t->shape & 1) || !strncmp(w, "al-", 3) || !strncmp(w, "el-", 3);
        if (cap && !(t->shape & 32) && (t->upos == propn || t->upos == noun || t->upos == adj)) {
            has_propn |= t->upos == propn;
            j++;
        } else if (j > 1 && j < n && is_particle(&toks[j - 1])) {
            /* "bin", "von der", "de la": particles, then a capitalised word */
            int k = j;
            while (k <= n && is_particle(&toks[k - 1])) k++;
            if (k > n || !(ft[k].shape & 1)) break;
            j = k;
        } else {
            break;
        }
    }
    int len = j - 1;
    if (len < 2 || !has_propn || j > n || ft[len].upos != propn) return 0;
    if (ft[j].upos != verb && ft[j].upos != aux) return 0;
    return len;
}

/* Attaches the words of an opening name (1-based words 1..L) inside it, UD
 * style: the personal name's first word H heads the phrase (later words are
 * flat, "of X" is nmod of the word before "of", particles are flat too); the
 * title before it is a compound chain on its last word ("Foreign" ->
 * "Minister" -> "Sergey"), adjectives amod.  Returns H. */
static int spread_name(const ftok *ft, const dy_token *toks, int L, dy_parsed *out) {
    int H = 0;
    for (int i = 1; i <= L; i++)            /* after the last title word */
        if (in_list(norm_of(&toks[i - 1]), titles, DY_ARRAY_LEN(titles))) H = i;
    H++;
    if (H > L || is_particle(&toks[H - 1])) {
        /* No title, or it ends the phrase: the last run of proper nouns. */
        int propn = dy_upos_id("PROPN");
        H = L;
        while (H > 1 && ft[H - 1].upos == propn && !is_particle(&toks[H - 2])) H--;
    }
    int adj = dy_upos_id("ADJ");
    for (int i = 1; i <= L; i++) {
        if (i == H) continue;
        dy_parsed *o = &out[i - 1];
        if (!strcmp(norm_of(&toks[i - 1]), "of")) {
            o->head = (int16_t)i;
            o->deprel = (uint8_t)dy_deprel_id("case");
        } else if (i > 2 && !strcmp(norm_of(&toks[i - 2]), "of")) {
            o->head = (int16_t)(i - 3);
            o->deprel = (uint8_t)dy_deprel_id("nmod");
        } else if (i > H) {
            o->head = (int16_t)(H - 1);
            o->deprel = (uint8_t)dy_deprel_id("flat");
        } else {
            /* The title's last word (before any "of") heads the title. */
            int t = H - 1;
            for (int k = 1; k < H; k++) if (!strcmp(norm_of(&toks[k - 1]), "of")) { t = k - 1; break; }
            if (i < t) o->head = (int16_t)(t - 1);
            else o->head = (int16_t)(H - 1);
            o->deprel = (uint8_t)dy_deprel_id(ft[i].upos == adj ? "amod" : "compound");
        }
    }
    return H;
}

static void grow(dy_parse_scratch *s, size_t n) {
    while (s->cap < (int)n) s->cap *= 2;
    s->ft = xrealloc(s->ft, (size_t)(s->cap + 2) * sizeof *s->ft);
    s->mft = xrealloc(s->mft, (size_t)(s->cap + 2) * sizeof *s->mft);
    s->mt = xrealloc(s->mt, (size_t)s->cap * sizeof *s->mt);
    ps_alloc(&s->pm, &s->st, s->cap);
}

int dy_parse_sentence(const dy_parser *p, dy_parse_scratch *s, const dy_token *toks, size_t n,
                      dy_parsed *out) {
    if (n == 0 || n > DY_PARSE_MAX_TOKENS) return -1;
    if ((int)n > s->cap) grow(s, n);
    int pc = propn_class(p);
    syn_token_ids(&p->voc, pc, toks, n, s->ft);
    syn_tag(p, s->ft, (int)n);
    int32_t sc[DY_MAXCLS];
    int L = pc >= 0 ? opening_name(s->ft, toks, (int)n) : 0;
    if (!L) {
        syn_parse(p, &s->st, s->ft, (int)n, sc);
        for (size_t i = 0; i < n; i++) {
            out[i].upos = s->ft[i + 1].upos;
            out[i].xpos = s->ft[i + 1].xpos;
            out[i].head = (int16_t)(s->st.head[i + 1] - 1);
            out[i].deprel = s->st.label[i + 1];
        }
        return 0;
    }
    /* Parse with the name as one token ... */
    int m = (int)n - L + 1;
    dy_buf_clear(&s->form);
    dy_buf_clear(&s->norm);
    for (int i = 0; i < L; i++) {
        if (i) { dy_buf_addc(&s->form, ' '); dy_buf_addc(&s->norm, ' '); }
        dy_buf_adds(&s->form, toks[i].form);
        dy_buf_adds(&s->norm, toks[i].norm ? toks[i].norm : toks[i].form);
    }
    s->mt[0] = toks[0];
    s->mt[0].form = s->form.s;
    s->mt[0].norm = s->norm.s;
    s->mt[0].flags |= DY_TF_CAP;
    memcpy(s->mt + 1, toks + L, (size_t)(m - 1) * sizeof *toks);
    syn_token_ids(&p->voc, pc, s->mt, (size_t)m, s->mft);
    s->mft[1].cls = (uint8_t)pc;
    s->mft[1].upos = p->tags[pc].upos;
    s->mft[1].xpos = p->tags[pc].xpos;
    for (int k = 2; k <= m; k++) {
        s->mft[k].cls = s->ft[k + L - 1].cls;
        s->mft[k].upos = s->ft[k + L - 1].upos;
        s->mft[k].xpos = s->ft[k + L - 1].xpos;
    }
    syn_parse(p, &s->st, s->mft, m, sc);
    /* ... then spread the result back over its words. */
    for (int i = 1; i <= (int)n; i++) {
        out[i - 1].upos = s->ft[i].upos;
        out[i - 1].xpos = s->ft[i].xpos;
    }
    int H = spread_name(s->ft, toks, L, out);
    for (int i = 1; i <= (int)n; i++) {
        if (i <= L && i != H) continue;
        int k = i > L ? i - L + 1 : 1;                /* index in the merged sentence */
        int h = s->st.head[k];
        out[i - 1].head = (int16_t)(h == 0 ? -1 : h == 1 ? H - 1 : h + L - 2);
        out[i - 1].deprel = s->st.label[k];
    }
    return 0;
}

static int same_universal(int a, int b) {
    const char *x = dy_deprel_name(a), *y = dy_deprel_name(b);
    size_t lx = strcspn(x, ":"), ly = strcspn(y, ":");
    return lx == ly && !strncmp(x, y, lx);
}

void dy_parse_eval_treebank(const dy_parser *p, const dy_treebank *tb, dy_parse_eval *ev) {
    dy_parse_scratch *s = dy_parse_scratch_new(p);
    dy_arena a = {0};
    DY_VEC(dy_parsed) out = {0};
    DY_VEC(dy_token) toks = {0};
    for (size_t k = 0; k < tb->n; k++) {
        const dy_conllu_sent *g = &tb->s[k];
        dy_arena_reset(&a);
        toks.len = out.len = 0;
        for (int i = 0; i < g->n; i++) {
            dy_vec_push(&toks, (dy_token){0});
            dy_vec_push(&out, (dy_parsed){0});
        }
        dy_tokens_from_words(&a, g->form, g->n, toks.items);
        if (dy_parse_sentence(p, s, toks.items, (size_t)g->n, out.items)) continue;
        ev->sents++;
        for (int i = 0; i < g->n; i++) {
            const dy_parsed *o = &out.items[i];
            ev->words++;
            ev->upos_ok += o->upos == g->upos[i];
            ev->xpos_ok += o->xpos == g->xpos[i];
            if (o->head == g->head[i]) {
                ev->uas_ok++;
                ev->las_ok += o->deprel == g->deprel[i];
                ev->las_univ_ok += same_universal(o->deprel, g->deprel[i]);
            }
        }
    }
    dy_vec_free(&out);
    dy_vec_free(&toks);
    dy_arena_free(&a);
    dy_parse_scratch_free(s);
}
