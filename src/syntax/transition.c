/* transition.c — the arc-eager transition system and its dynamic oracle
 * (Goldberg & Nivre 2012).
 *
 * Words are 1..n; 0 is the root, which is not on the stack: the root word is
 * chosen after the last move, among the words left headless on the stack
 * (Ballesteros & Nivre 2013, "Going to the roots of dependency parsing"), so
 * no early move commits to it.  A gold root arc counts as kept while its word
 * stays headless.  The oracle's cost of a
 * move is the number of gold arcs that become unreachable by making it; only
 * arcs still reachable are counted, so a zero-cost move always exists and
 * training can follow the model's own (wrong) moves. */
#include <stdlib.h>
#include <string.h>

#include "syntax/internal.h"

void ps_alloc(pstate_mem *pm, pstate *s, int cap) {
    if (pm->cap < cap) {
        free(pm->mem);
        size_t m = (size_t)cap + 2;
        pm->mem = xmalloc(m * (2 * sizeof(int) + 7 * sizeof(int16_t) + 4 + 2 * sizeof(uint64_t)) + 64);
        pm->cap = cap;
    }
    size_t m = (size_t)pm->cap + 2;
    char *p = pm->mem;
    s->lset = (uint64_t *)p; p += m * sizeof(uint64_t);
    s->rset = (uint64_t *)p; p += m * sizeof(uint64_t);
    s->stack = (int *)p; p += m * sizeof(int);
    s->margin = (int32_t *)p; p += m * sizeof(int32_t);
    s->head = (int16_t *)p; p += m * sizeof(int16_t);
    s->lc1 = (int16_t *)p; p += m * sizeof(int16_t);
    s->lc2 = (int16_t *)p; p += m * sizeof(int16_t);
    s->rc1 = (int16_t *)p; p += m * sizeof(int16_t);
    s->rc2 = (int16_t *)p; p += m * sizeof(int16_t);
    s->first = (int16_t *)p; p += m * sizeof(int16_t);
    s->next = (int16_t *)p; p += m * sizeof(int16_t);
    s->label = (uint8_t *)p; p += m;
    s->nl = (uint8_t *)p; p += m;
    s->nr = (uint8_t *)p; p += m;
    s->label2 = (uint8_t *)p;
}

void ps_init(pstate *s, int n) {
    size_t m = (size_t)n + 2;
    s->n = n;
    s->sp = 0;
    s->b = 1;
    s->root_child = -1;
    memset(s->head, 0xff, m * sizeof *s->head);
    memset(s->lc1, 0xff, m * sizeof *s->lc1);
    memset(s->lc2, 0xff, m * sizeof *s->lc2);
    memset(s->rc1, 0xff, m * sizeof *s->rc1);
    memset(s->rc2, 0xff, m * sizeof *s->rc2);
    memset(s->label, 0, m);
    memset(s->nl, 0, m);
    memset(s->nr, 0, m);
    memset(s->lset, 0, m * sizeof *s->lset);
    memset(s->rset, 0, m * sizeof *s->rset);
    memset(s->margin, 0, m * sizeof *s->margin);
}

int ps_valid(const pstate *s, int mv) {
    int s0 = s->sp ? s->stack[s->sp - 1] : -1;
    int buf = s->b <= s->n;
    switch (mv) {
    case MV_SHIFT: return buf;
    case MV_REDUCE: return s0 > 0 && s->head[s0] >= 0;
    case MV_LEFT: return buf && s0 > 0 && s->head[s0] < 0;
    case MV_RIGHT: return buf && s0 > 0;
    }
    return 0;
}

static void add_arc(pstate *s, int h, int d, int label) {
    s->head[d] = (int16_t)h;
    s->label[d] = (uint8_t)label;
    if (h == 0) s->root_child = d;
    if (d < h) {
        if (s->lc1[h] < 0 || d < s->lc1[h]) { s->lc2[h] = s->lc1[h]; s->lc1[h] = (int16_t)d; }
        else if (s->lc2[h] < 0 || d < s->lc2[h]) s->lc2[h] = (int16_t)d;
        if (s->nl[h] < 7) s->nl[h]++;
        s->lset[h] |= 1ULL << (label & 63);
    } else {
        if (s->rc1[h] < 0 || d > s->rc1[h]) { s->rc2[h] = s->rc1[h]; s->rc1[h] = (int16_t)d; }
        else if (s->rc2[h] < 0 || d > s->rc2[h]) s->rc2[h] = (int16_t)d;
        if (s->nr[h] < 7) s->nr[h]++;
        s->rset[h] |= 1ULL << (label & 63);
    }
}

void ps_apply(pstate *s, int mv, int label) {
    int s0 = s->sp ? s->stack[s->sp - 1] : -1;
    switch (mv) {
    case MV_SHIFT: s->stack[s->sp++] = s->b++; break;
    case MV_REDUCE: s->sp--; break;
    case MV_LEFT: add_arc(s, s->b, s0, label); s->sp--; break;
    case MV_RIGHT: add_arc(s, s0, s->b, label); s->stack[s->sp++] = s->b++; break;
    }
}

void ps_finish(pstate *s, int punct_label, int dep_label, const ftok *ft, int punct_upos) {
    int n = s->n;
    if (s->root_child < 0) {
        /* No word reached the root: promote the first headless non-punctuation word. */
        int pick = -1;
        for (int i = 1; i <= n && pick < 0; i++)
            if (s->head[i] < 0 && ft[i].upos != punct_upos) pick = i;
        for (int i = 1; i <= n && pick < 0; i++)
            if (s->head[i] < 0) pick = i;
        if (pick < 0) pick = 1;   /* cannot happen: a headless word always exists then */
        s->head[pick] = 0;
        s->root_child = pick;
    }
    for (int i = 1; i <= n; i++)
        if (s->head[i] < 0) {
            s->head[i] = (int16_t)s->root_child;
            s->label[i] = (uint8_t)(ft[i].upos == punct_upos ? punct_label : dep_label);
        }
}

int ps_cost(const pstate *s, int mv, const int16_t *gh) {
    int n = s->n, s0 = s->sp ? s->stack[s->sp - 1] : -1, b = s->b, c = 0;
    switch (mv) {
    case MV_SHIFT:
        /* b loses its head in the stack and its headless dependents there. */
        for (int i = 0; i < s->sp; i++) {
            int k = s->stack[i];
            if (gh[b] == k) c++;
            if (gh[k] == b && s->head[k] < 0) c++;
        }
        return c;
    case MV_REDUCE:
        for (int k = b; k <= n; k++) if (gh[k] == s0) c++;
        return c;
    case MV_LEFT:
        /* s0 takes b as head: it loses a head in the buffer or the root
         * (which it could only get by staying headless), and its dependents
         * in the buffer. */
        if (gh[s0] == 0) c++;
        for (int k = b + 1; k <= n; k++) if (gh[s0] == k) c++;
        for (int k = b; k <= n; k++) if (gh[k] == s0) c++;
        return c;
    case MV_RIGHT:
        if (gh[b] != s0) {
            if (gh[b] == 0) c++;
            for (int i = 0; i < s->sp; i++) if (gh[b] == s->stack[i]) c++;
            for (int k = b + 1; k <= n; k++) if (gh[b] == k) c++;
        }
        for (int i = 0; i < s->sp; i++) {
            int k = s->stack[i];
            if (gh[k] == b && s->head[k] < 0) c++;
        }
        return c;
    }
    return 1 << 20;
}
