/* features.c — per-token ids and the feature templates of the tagger and the
 * parser.
 *
 * Every string a feature needs (word, exact form, suffixes) is hashed once per
 * token here; templates then only mix small integers.  Templates are numbered
 * and the numbers are part of the model: renumbering one invalidates models. */
#include <string.h>

#include "syntax/internal.h"

enum { ROOT_TAG = 254, NONE_TAG = 255 };

const vocab_slot *vocab_find(const vocab *v, uint32_t w) {
    if (!v->nslots) return NULL;
    uint32_t mask = v->nslots - 1;
    for (uint32_t i = w & mask;; i = (i + 1) & mask) {
        if (v->slots[i].w == w) return &v->slots[i];
        if (!v->slots[i].w) return NULL;
    }
}

static uint32_t h32(const char *s, size_t n, uint64_t salt) {
    uint32_t h = (uint32_t)dy_mix(dy_hash(s, n) ^ salt);
    return h ? h : 1;
}

static uint8_t shape_of(const char *f) {
    uint8_t sh = 0;
    int letters = 0, upper = 0, lower = 0, digits = 0, other = 0;
    for (const unsigned char *p = (const unsigned char *)f; *p; p++) {
        if (*p >= 'A' && *p <= 'Z') { letters++; upper++; }
        else if (*p >= 'a' && *p <= 'z') { letters++; lower++; }
        else if (*p >= '0' && *p <= '9') digits++;
        else if (*p == '-') sh |= 8;
        else if (*p == ' ') sh |= 16;
        else if (*p >= 0x80) { letters++; other++; }
    }
    if (f[0] >= 'A' && f[0] <= 'Z') sh |= 1;
    if (letters >= 2 && upper == letters) sh |= 2;
    if (digits) sh |= 4;
    if (!letters && !digits) sh |= 32;
    if (strchr(f, '.') && letters) sh |= 64;
    (void)lower; (void)other;
    return sh;
}

void syn_token_ids(const vocab *v, int propn_class, const dy_token *toks, size_t n, ftok *ft) {
    memset(&ft[0], 0, sizeof ft[0]);
    ft[0].w = ft[0].form = ft[0].s1 = ft[0].s2 = ft[0].s3 = ft[0].s4 = ft[0].p1 = ft[0].amb = 0x726f6f74u;
    ft[0].cls = ft[0].xpos = ft[0].upos = ROOT_TAG;
    ft[0].shape = 128;
    ft[0].forced = -1;
    ft[n + 1] = ft[0];
    ft[n + 1].w = ft[n + 1].form = ft[n + 1].s1 = ft[n + 1].s2 = ft[n + 1].s3 = ft[n + 1].s4 =
        ft[n + 1].p1 = ft[n + 1].amb = 0x6e6f6e65u;
    ft[n + 1].cls = ft[n + 1].xpos = ft[n + 1].upos = NONE_TAG;
    ft[n + 1].shape = 129;
    for (size_t i = 0; i < n; i++) {
        ftok *t = &ft[i + 1];
        const char *norm = toks[i].norm ? toks[i].norm : toks[i].form, *form = toks[i].form;
        /* A merged multiword name ("Foreign Minister Sergey Lavrov") is seen
         * as its last word plus the multiword bit in its shape, so its
         * neighbours are tagged and parsed as next to a plain name. */
        const char *sp = strrchr(norm, ' '), *fsp = strrchr(form, ' ');
        if (sp && sp[1]) norm = sp + 1;
        if (fsp && fsp[1]) form = fsp + 1;
        size_t len = strlen(norm);
        t->w = h32(norm, len, 0);
        t->form = h32(form, strlen(form), 1);
        uint32_t *sf[4] = {&t->s1, &t->s2, &t->s3, &t->s4};
        for (size_t k = 1; k <= 4; k++) {
            size_t m = DY_MIN(k, len);
            *sf[k - 1] = h32(norm + len - m, m, 10 + k);
        }
        t->p1 = h32(norm, DY_MIN((size_t)1, len), 20);
        t->shape = shape_of(toks[i].form);
        t->forced = -1;
        t->amb = 0;
        t->cls = t->xpos = t->upos = 0;
    }
    syn_apply_vocab(v, propn_class, ft, n);
}

void syn_apply_vocab(const vocab *v, int propn_class, ftok *ft, size_t n) {
    for (size_t i = 1; i <= n; i++) {
        ftok *t = &ft[i];
        t->amb = 0;
        t->forced = -1;
        const vocab_slot *vs = vocab_find(v, t->w);
        if (vs) {
            t->amb = vs->amb;
            if (vs->tag != 0xff) t->forced = (int16_t)vs->tag;
        }
        /* A merged multiword name the caller built: always a proper noun. */
        if ((t->shape & 16) && (t->shape & 1) && propn_class >= 0) t->forced = (int16_t)propn_class;
    }
}

/* The tagger's templates that do not look at earlier tags: known for every
 * word before tagging starts, so syn_tag looks them up a word ahead. */
int tagger_static_features(const ftok *ft, int n, int i, uint64_t *k) {
    const ftok *t = &ft[i], *p1 = &ft[i - 1], *p2 = i >= 2 ? &ft[i - 2] : &ft[n + 1];
    const ftok *n1 = &ft[i + 1 <= n ? i + 1 : n + 1], *n2 = &ft[i + 2 <= n ? i + 2 : n + 1];
    int m = 0;
    k[m++] = fk1(0, 0);
    k[m++] = fk1(1, t->w);
    k[m++] = fk1(2, t->s1);
    k[m++] = fk1(3, t->s2);
    k[m++] = fk1(4, t->s3);
    k[m++] = fk1(5, t->s4);
    k[m++] = fk1(6, t->p1);
    k[m++] = fk1(7, t->shape);
    k[m++] = fk1(8, p1->w);
    k[m++] = fk1(9, n1->w);
    k[m++] = fk1(10, p2->w);
    k[m++] = fk1(11, n2->w);
    k[m++] = fk1(15, p1->s3);
    k[m++] = fk1(16, n1->s3);
    k[m++] = fk1(17, t->amb);
    k[m++] = fk1(18, n1->amb);
    k[m++] = fk1(19, n2->amb);
    k[m++] = fk2(21, t->w, n1->w);
    k[m++] = fk2(22, p1->w, t->w);
    k[m++] = fk1(23, n1->shape);
    k[m++] = fk1(24, p1->shape);
    k[m++] = fk2(25, t->amb, n1->amb);
    k[m++] = fk1(27, t->form);
    k[m++] = fk2(28, t->shape, i == 1);
    k[m++] = fk2(29, t->s3, n1->amb);
    return m;
}

/* The templates with the previous words' tags. */
int tagger_tag_features(const ftok *ft, int n, int i, uint64_t *k) {
    const ftok *t = &ft[i], *p1 = &ft[i - 1], *p2 = i >= 2 ? &ft[i - 2] : &ft[n + 1];
    const ftok *n1 = &ft[i + 1 <= n ? i + 1 : n + 1];
    int m = 0;
    k[m++] = fk1(12, p1->cls);
    k[m++] = fk2(13, p2->cls, p1->cls);
    k[m++] = fk2(14, p1->cls, t->w);
    k[m++] = fk2(20, p1->cls, n1->amb);
    k[m++] = fk2(26, p1->cls, t->amb);
    k[m++] = fk2(30, p1->cls, t->s3);
    k[m++] = fk3(31, p1->cls, t->amb, n1->amb);
    return m;
}

int tagger_features(const ftok *ft, int n, int i, uint64_t *k) {
    int m = tagger_static_features(ft, n, i, k);
    return m + tagger_tag_features(ft, n, i, k + m);
}

void syn_sentence_context(ftok *ft, int n) {
    int punct = dy_upos_id("PUNCT"), verb = dy_upos_id("VERB"), aux = dy_upos_id("AUX");
    uint8_t next = NONE_TAG, np = NONE_TAG, nverbs = 0;
    int npos = n + 1;
    ft[n + 1].nvx = ft[n + 1].npx = NONE_TAG;
    ft[n + 1].npd = ft[n + 1].nverbs = 0;
    for (int i = n; i >= 0; i--) {
        ft[i].nvx = next;
        ft[i].npx = np;
        int d = npos - i;
        ft[i].npd = (uint8_t)(np == NONE_TAG ? 7 : d <= 3 ? d : d <= 6 ? 4 : d <= 10 ? 5 : 6);
        ft[i].nverbs = nverbs;
        if (i && (ft[i].upos == verb || ft[i].upos == aux)) { next = ft[i].xpos; if (nverbs < 2) nverbs++; }
        if (i && ft[i].upos == punct) { np = ft[i].xpos; npos = i; }
    }
    uint16_t c = 0;
    ft[0].npunct = 0;
    uint8_t prev = NONE_TAG;
    int depth = 0, lrb = dy_xpos_id("-LRB-"), rrb = dy_xpos_id("-RRB-");
    ft[0].pvx = NONE_TAG;
    ft[0].depth = 0;
    for (int i = 1; i <= n; i++) {
        c += ft[i].upos == punct;
        ft[i].npunct = c;
        ft[i].pvx = prev;
        if (ft[i].upos == verb || ft[i].upos == aux) prev = ft[i].xpos;
        if (ft[i].xpos == rrb && depth > 0) depth--;
        ft[i].depth = (uint8_t)DY_MIN(depth, 2);
        if (ft[i].xpos == lrb) depth++;
    }
    ft[n + 1].npunct = c;
    ft[n + 1].pvx = prev;
    ft[n + 1].depth = 0;
}

/* Distance between s0 and b0, bucketed. */
static int dist_bucket(int s0, int b0) {
    if (s0 == 0) return 15;
    int d = b0 - s0;
    return d <= 4 ? d : d <= 6 ? 5 : d <= 9 ? 6 : d <= 14 ? 7 : 8;
}

static inline uint32_t lsh(uint64_t x) { return (uint32_t)(x ^ (x >> 32)); }

/* Templates that see only the buffer's first four words (not b0's
 * children): they change only when the buffer moves (SHIFT, RIGHT), so the
 * parser scores them once per buffer position. */
int parser_buffer_features(const pstate *s, const ftok *ft, uint64_t *k) {
    int n = s->n, none = n + 1;
    int b0 = s->b <= n ? s->b : none;
    int b1 = s->b + 1 <= n ? s->b + 1 : none;
    int b2 = s->b + 2 <= n ? s->b + 2 : none;
    int b3 = s->b + 3 <= n ? s->b + 3 : none;
    uint32_t B0w = ft[b0].w, B0p = ft[b0].xpos, B1w = ft[b1].w, B1p = ft[b1].xpos;
    uint32_t B2w = ft[b2].w, B2p = ft[b2].xpos;
    int m = 0;
    k[m++] = fk1(103, B0w);
    k[m++] = fk1(104, B0p);
    k[m++] = fk2(105, B0w, B0p);
    k[m++] = fk1(106, B1w);
    k[m++] = fk1(107, B1p);
    k[m++] = fk2(108, B1w, B1p);
    k[m++] = fk1(109, B2w);
    k[m++] = fk1(110, B2p);
    k[m++] = fk2(111, B2w, B2p);
    k[m++] = fk2(119, B0p, B1p);
    k[m++] = fk3(120, B0p, B1p, B2p);
    k[m++] = fk2(176, ft[b0].s3, B0p);
    k[m++] = fk3(181, B1p, B2p, ft[b3].xpos);
    k[m++] = fk2(182, B0w, B1w);
    k[m++] = fk3(188, B0p, ft[b0].npx, ft[b0].npd);
    k[m++] = fk2(192, B0w, ft[b0].nvx);
    return m;
}

int parser_features(const pstate *s, const ftok *ft, uint64_t *k) {
    int n = s->n, none = n + 1;
    int s0 = s->sp > 0 ? s->stack[s->sp - 1] : none;
    int s1 = s->sp > 1 ? s->stack[s->sp - 2] : none;
    int b0 = s->b <= n ? s->b : none;
    int b1 = s->b + 1 <= n ? s->b + 1 : none;
#define IDX(x) ((x) >= 0 ? (x) : none)
    int s0h = s0 <= n && s0 > 0 && s->head[s0] >= 0 ? s->head[s0] : none;
    int s0h2 = s0h != none && s0h > 0 && s->head[s0h] >= 0 ? s->head[s0h] : none;
    int s0l = s0 <= n ? IDX(s->lc1[s0]) : none, s0l2 = s0 <= n ? IDX(s->lc2[s0]) : none;
    int s0r = s0 <= n ? IDX(s->rc1[s0]) : none, s0r2 = s0 <= n ? IDX(s->rc2[s0]) : none;
    int b0l = b0 <= n ? IDX(s->lc1[b0]) : none, b0l2 = b0 <= n ? IDX(s->lc2[b0]) : none;
#undef IDX
    const uint8_t NL = 0xff;
#define LAB(x) ((x) <= n && (x) > 0 && s->head[x] >= 0 ? s->label[x] : NL)
    uint32_t S0w = ft[s0].w, S0p = ft[s0].xpos, B0w = ft[b0].w, B0p = ft[b0].xpos;
    uint32_t B1p = ft[b1].xpos;
    uint32_t d = (uint32_t)dist_bucket(s0 <= n ? s0 : 0, b0);
    uint32_t s0vl = s0 <= n ? s->nl[s0] : 0, s0vr = s0 <= n ? s->nr[s0] : 0;
    uint32_t b0vl = b0 <= n ? s->nl[b0] : 0;
    uint32_t s0sl = s0 <= n ? lsh(s->lset[s0]) : 0, s0sr = s0 <= n ? lsh(s->rset[s0]) : 0;
    uint32_t b0sl = b0 <= n ? lsh(s->lset[b0]) : 0;
    int m = 0;
    k[m++] = fk1(100, S0w);
    k[m++] = fk1(101, S0p);
    k[m++] = fk2(102, S0w, S0p);
    k[m++] = fk3(112, fk2(0, S0w, S0p), B0w, B0p);
    k[m++] = fk3(113, S0w, S0p, B0w);
    k[m++] = fk3(114, S0w, B0w, B0p);
    k[m++] = fk3(115, S0w, S0p, B0p);
    k[m++] = fk3(116, S0p, B0w, B0p);
    k[m++] = fk2(117, S0w, B0w);
    k[m++] = fk2(118, S0p, B0p);
    k[m++] = fk3(121, S0p, B0p, B1p);
    k[m++] = fk3(122, ft[s0h].xpos, S0p, B0p);
    k[m++] = fk3(123, S0p, ft[s0l].xpos, B0p);
    k[m++] = fk3(124, S0p, ft[s0r].xpos, B0p);
    k[m++] = fk3(125, S0p, B0p, ft[b0l].xpos);
    k[m++] = fk2(127, S0p, d);
    k[m++] = fk2(129, B0p, d);
    k[m++] = fk3(130, S0w, B0w, d);
    k[m++] = fk3(131, S0p, B0p, d);
    k[m++] = fk2(133, S0p, s0vr);
    k[m++] = fk2(135, S0p, s0vl);
    k[m++] = fk2(137, B0p, b0vl);
    k[m++] = fk1(138, ft[s0h].w);
    k[m++] = fk1(139, ft[s0h].xpos);
    k[m++] = fk1(140, LAB(s0));
    k[m++] = fk1(141, ft[s0l].w);
    k[m++] = fk1(142, ft[s0l].xpos);
    k[m++] = fk1(143, LAB(s0l));
    k[m++] = fk1(144, ft[s0r].w);
    k[m++] = fk1(145, ft[s0r].xpos);
    k[m++] = fk1(146, LAB(s0r));
    k[m++] = fk1(147, ft[b0l].w);
    k[m++] = fk1(148, ft[b0l].xpos);
    k[m++] = fk1(149, LAB(b0l));
    k[m++] = fk1(151, ft[s0h2].xpos);
    k[m++] = fk1(152, LAB(s0h));
    k[m++] = fk1(154, ft[s0l2].xpos);
    k[m++] = fk1(155, LAB(s0l2));
    k[m++] = fk1(157, ft[s0r2].xpos);
    k[m++] = fk1(158, LAB(s0r2));
    k[m++] = fk1(160, ft[b0l2].xpos);
    k[m++] = fk1(161, LAB(b0l2));
    k[m++] = fk3(162, S0p, ft[s0l].xpos, ft[s0l2].xpos);
    k[m++] = fk3(163, S0p, ft[s0r].xpos, ft[s0r2].xpos);
    k[m++] = fk3(164, S0p, ft[s0h].xpos, ft[s0h2].xpos);
    k[m++] = fk3(165, B0p, ft[b0l].xpos, ft[b0l2].xpos);
    k[m++] = fk2(167, S0p, s0sr);
    k[m++] = fk2(169, S0p, s0sl);
    k[m++] = fk2(171, B0p, b0sl);
    k[m++] = fk1(172, ft[s1].xpos);
    k[m++] = fk3(174, ft[s1].xpos, S0p, B0p);
    k[m++] = fk2(175, ft[s0].shape, ft[b0].shape);
    k[m++] = fk2(177, ft[s0].s3, S0p);
    k[m++] = fk2(178, ft[s0].upos, ft[b0].upos);
    /* Words next to s0 and b0 (between them everything is already attached). */
    int s0n = s0 >= 1 && s0 < n ? s0 + 1 : none, b0p = b0 <= n && b0 > 1 ? b0 - 1 : none;
    k[m++] = fk3(179, S0p, ft[s0n].xpos, B0p);
    k[m++] = fk3(180, S0p, ft[b0p].xpos, B0p);
    k[m++] = fk3(184, ft[s1].xpos, S0p, LAB(s0));
    /* Sentence-level context (a greedy parser otherwise sees only a few
     * words of the buffer): whether and which verb is still to come,
     * punctuation between s0 and b0 and after each, the verb before s0,
     * bracket depth.  +0.6 UAS on dev. */
    uint32_t pb = s0 <= n && b0 <= n ? (uint32_t)DY_MIN(ft[b0 - 1].npunct - ft[s0].npunct, 2) : 3;
    k[m++] = fk3(185, S0p, B0p, ft[b0].nvx);
    k[m++] = fk3(186, S0p, B0p, pb);
    k[m++] = fk3(187, ft[s0].nvx, B0p, pb);
    k[m++] = fk3(189, S0p, B0p, ft[b0].nverbs);
    k[m++] = fk3(190, S0p, B0p, ft[s0].pvx);
    k[m++] = fk3(191, S0p, ft[s0].npx, ft[s0].npd);
    k[m++] = fk3(193, S0p, B0p, (uint32_t)ft[s0].depth << 2 | ft[b0].depth);
#undef LAB
    return m;
}

/* The labeller's features: the arc being made (head h, dependent d, move mv)
 * and what is already attached to both.  Far fewer than the mover's, because
 * label rows are long (one weight per relation) and scoring them dominates. */
int label_features(const pstate *s, const ftok *ft, int h, int d, int mv, uint64_t *k) {
    int n = s->n, none = n + 1;
    const ftok *H = &ft[h], *D = &ft[d];
    int dn = d + 1 <= n ? d + 1 : none, dp = d - 1 >= 1 ? d - 1 : 0;
    int dl = s->lc1[d] >= 0 ? s->lc1[d] : none;
    int hh = h > 0 && s->head[h] >= 0 ? h : -1;
    uint32_t hl = hh >= 0 ? s->label[h] : 0xff;
    int dist = d > h ? d - h : h - d;
    dist = dist <= 3 ? dist : dist <= 6 ? 4 : 5;
    uint64_t m = (uint64_t)mv << 8;
    int c = 0;
    k[c++] = fk1(200 + m, D->w);
    k[c++] = fk1(201 + m, D->xpos);
    k[c++] = fk1(202 + m, H->w);
    k[c++] = fk1(203 + m, H->xpos);
    k[c++] = fk2(204 + m, D->xpos, H->xpos);
    k[c++] = fk2(205 + m, D->w, H->xpos);
    k[c++] = fk2(206 + m, D->xpos, H->w);
    k[c++] = fk2(207 + m, D->w, H->w);
    k[c++] = fk3(208 + m, dist, D->xpos, H->xpos);
    k[c++] = fk2(209 + m, lsh(s->lset[d]), D->xpos);
    k[c++] = fk2(210 + m, lsh(s->rset[d]), D->xpos);
    k[c++] = fk2(211 + m, lsh(s->lset[h]), H->xpos);
    k[c++] = fk2(212 + m, lsh(s->rset[h]), H->xpos);
    k[c++] = fk3(213 + m, D->xpos, ft[dn].xpos, H->xpos);
    k[c++] = fk3(214 + m, D->xpos, ft[dp].xpos, H->xpos);
    k[c++] = fk2(215 + m, D->upos, H->upos);
    k[c++] = fk2(216 + m, D->s3, H->xpos);
    k[c++] = fk3(217 + m, hl, H->xpos, D->xpos);
    k[c++] = fk3(218 + m, ft[dl].xpos, D->xpos, H->xpos);
    k[c++] = fk2(219 + m, D->shape, H->xpos);
    k[c++] = fk3(220 + m, ft[dl].w, D->xpos, H->xpos);
    k[c++] = fk2(221 + m, s->nl[d], D->xpos);
    /* d's rightmost child, h's head, punctuation between them, d's next verb. */
    int dr = s->rc1[d] >= 0 ? s->rc1[d] : none;
    int hh2 = h > 0 && s->head[h] >= 0 ? s->head[h] : none;
    int lo = d < h ? d : h, hi = d < h ? h : d;
    uint32_t pb = (uint32_t)DY_MIN(ft[hi - 1].npunct - ft[lo].npunct, 2);
    k[c++] = fk3(222 + m, ft[dr].xpos, D->xpos, H->xpos);
    k[c++] = fk3(223 + m, ft[hh2].xpos, H->xpos, D->xpos);
    k[c++] = fk3(224 + m, pb, H->xpos, D->xpos);
    k[c++] = fk3(225 + m, D->nvx, H->xpos, D->xpos);
    return c;
}

void tree_children(const int16_t *head, int n, int16_t *first, int16_t *next) {
    for (int i = 0; i <= n + 1; i++) first[i] = next[i] = -1;
    for (int d = n; d >= 1; d--) {
        int h = head[d];
        if (h < 0 || h > n) continue;
        next[d] = first[h];
        first[h] = (int16_t)d;
    }
}

/* The relabeller sees the finished tree, so unlike the labeller it knows
 * every child of both words: the dependent's case marker or subordinator
 * ("to the store", "because ..."), the head's auxiliaries ("was killed":
 * passive), the nominals between them (subject, object, indirect object),
 * the head's own head.  Templates are conjoined with the arc's direction. */
void relabel_ids_init(relabel_ids *u) {
    u->adp = dy_upos_id("ADP"); u->sconj = dy_upos_id("SCONJ"); u->part = dy_upos_id("PART");
    u->aux = dy_upos_id("AUX"); u->noun = dy_upos_id("NOUN"); u->propn = dy_upos_id("PROPN");
    u->pron = dy_upos_id("PRON"); u->punct = dy_upos_id("PUNCT"); u->cconj = dy_upos_id("CCONJ");
}

int relabel_features(const relabel_ids *u, const ftok *ft, int n, const int16_t *head, const uint8_t *label,
                     const int16_t *first, const int16_t *next, int d, uint64_t *k) {
    int none = n + 1, h = head[d];
    const ftok *H = &ft[h], *D = &ft[d];
    int adp = u->adp, sconj = u->sconj, part = u->part, aux = u->aux, noun = u->noun, propn = u->propn;
    int pron = u->pron, punct = u->punct;
    int left = d < h;
    /* d's children: count, leftmost, rightmost, first marker. */
    int nd = 0, dlc = none, drc = none, dmark = none;
    uint32_t dcc = 0;                   /* d has a coordinator, punctuation child */
    for (int c = first[d]; c >= 0; c = next[c]) {
        if (ft[c].upos == u->cconj) dcc |= 1;
        if (ft[c].upos == punct) { dcc |= 2; continue; }
        nd++;
        if (dlc == none) dlc = c;
        drc = c;
        if (dmark == none && (ft[c].upos == adp || ft[c].upos == sconj || ft[c].upos == part)) dmark = c;
    }
    /* h's children: all of them, its auxiliary nearest before it, the
     * sibling next to d on h's side, nominals and children between d and h. */
    int nh = 0, haux = none, sib = none, nomb = 0, between = 0, nomfar = 0;
    uint64_t hset = 0;                  /* labels of h's other children */
    for (int c = first[h]; c >= 0; c = next[c]) {
        if (ft[c].upos == punct) continue;
        nh++;
        if (c != d) hset |= 1ULL << (label[c] & 63);
        if (c < h && ft[c].upos == aux) haux = c;
        if (c == d) continue;
        int isnom = ft[c].upos == noun || ft[c].upos == propn || ft[c].upos == pron;
        if (left ? c < d : c > d) nomfar += isnom;   /* beyond d: "gave [him] a book" */
        int inside = left ? (c > d && c < h) : (c < d && c > h);
        if (inside) {
            between++;
            nomb += ft[c].upos == noun || ft[c].upos == propn || ft[c].upos == pron;
            sib = left ? (sib == none ? c : sib) : c;
        }
    }
    int gp = h > 0 && head[h] >= 0 ? head[h] : none;
    uint32_t gdir = gp == none ? 3 : gp == 0 ? 2 : gp < h ? 1 : 0;
    int dist = left ? h - d : d - h;
    dist = dist <= 3 ? dist : dist <= 6 ? 4 : 5;
    int lo = left ? d : h, hi = left ? h : d;
    uint32_t pb = (uint32_t)DY_MIN(ft[hi - 1].npunct - ft[lo].npunct, 2);
    int dn = d + 1 <= n ? d + 1 : none, dp = d - 1 >= 1 ? d - 1 : 0;
    uint32_t cnt = (uint32_t)DY_MIN(nd, 3) << 4 | (uint32_t)DY_MIN(between, 2) << 2 | (uint32_t)DY_MIN(nomb, 2);
    uint64_t m = (uint64_t)left << 8;
    uint32_t Dp = D->xpos, Hp = H->xpos;
    int c = 0;
    k[c++] = fk1(300 + m, D->w);
    k[c++] = fk1(301 + m, Dp);
    k[c++] = fk1(302 + m, H->w);
    k[c++] = fk1(303 + m, Hp);
    k[c++] = fk2(304 + m, Dp, Hp);
    k[c++] = fk2(305 + m, D->w, Hp);
    k[c++] = fk2(306 + m, Dp, H->w);
    k[c++] = fk2(307 + m, D->w, H->w);
    k[c++] = fk3(308 + m, dist, Dp, Hp);
    k[c++] = fk2(309 + m, D->upos, H->upos);
    k[c++] = fk2(310 + m, D->s3, Hp);
    k[c++] = fk2(311 + m, D->shape, Hp);
    k[c++] = fk3(312 + m, ft[dmark].w, Dp, Hp);
    k[c++] = fk3(313 + m, ft[dmark].w, D->upos, H->upos);
    k[c++] = fk3(314 + m, ft[haux].w, Hp, Dp);
    k[c++] = fk2(315 + m, cnt, Dp);
    k[c++] = fk3(316 + m, ft[dlc].xpos, Dp, Hp);
    k[c++] = fk3(317 + m, ft[drc].xpos, Dp, Hp);
    k[c++] = fk3(318 + m, cnt & 15, Dp, Hp);
    k[c++] = fk3(319 + m, ft[sib].xpos, Dp, Hp);
    k[c++] = fk3(320 + m, ft[gp].xpos, Hp, Dp);
    k[c++] = fk3(321 + m, gdir, Hp, Dp);
    k[c++] = fk3(322 + m, pb, Hp, Dp);
    k[c++] = fk3(323 + m, ft[dn].xpos, Dp, Hp);
    k[c++] = fk3(324 + m, ft[dp].xpos, Dp, Hp);
    k[c++] = fk2(325 + m, ft[dmark].w, D->w);
    k[c++] = fk2(326 + m, D->w, H->upos);
    k[c++] = fk2(327 + m, ft[dlc].w, Dp);
    k[c++] = fk2(328 + m, ft[drc].w, Dp);
    k[c++] = fk3(329 + m, (uint32_t)DY_MIN(nh, 4), Hp, Dp);
    k[c++] = fk3(330 + m, ft[haux].w, H->w, Dp);
    k[c++] = fk2(331 + m, ft[gp].w, Dp);
    /* The labeller's labels: d's, h's, h's other children's, the sibling's. */
    uint32_t L = label[d], LH = h > 0 && head[h] > 0 ? label[h] : 0xff, LS = sib != none ? label[sib] : 0xff;
    k[c++] = fk1(332 + m, L);
    k[c++] = fk3(333 + m, L, Dp, Hp);
    k[c++] = fk2(334 + m, L, LH);
    k[c++] = fk3(335 + m, L, (uint32_t)(hset ^ hset >> 32), Hp);
    k[c++] = fk3(336 + m, L, LS, Dp);
    k[c++] = fk2(337 + m, L, D->w);
    k[c++] = fk3(338 + m, (uint32_t)DY_MIN(nomfar, 2), Dp, Hp);
    k[c++] = fk3(339 + m, dcc, L, Dp);
    k[c++] = fk3(340 + m, dcc, pb, Hp);
    k[c++] = fk2(341 + m, ft[dmark].w, H->w);
    k[c++] = fk2(342 + m, D->s3, L);
    k[c++] = fk2(343 + m, dist, L);
    k[c++] = fk2(344 + m, ft[haux].w, L);
    k[c++] = fk3(345 + m, H->w, L, Dp);
    return c;
}
