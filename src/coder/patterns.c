/* patterns.c — matching one TABARI/PETRARCH verb pattern around a verb.
 *
 * Elements after "*" are looked for left to right after the verb, elements
 * before it right to left before the verb.  An element joined to its
 * neighbour with "_" must be adjacent; otherwise up to DY_GAP other tokens
 * may come between, but never a clause break.  "+" and "$" must land on an
 * actor mention (a few determiners or adjectives may precede it); "^"
 * skips one. */
#include <string.h>

#include "coder/internal.h"

#define DY_GAP 6          /* words that may separate two pattern elements */
#define DY_ACTOR_GAP 3    /* words that may precede the actor of a + or $ */
#define DY_ELEM_MAX 8     /* words one synset member may span */

bool dy_is_break(const dy_token *t) {
    if (t->flags & DY_TF_QUOTE) return true;
    if (!(t->flags & DY_TF_PUNCT)) return false;
    const char *w = t->norm;
    return (w[0] == ';' || w[0] == ':' || w[0] == '.' || w[0] == '!' || w[0] == '?') && !w[1];
}

/* Tokens the element matches at position i (0: none). */
static size_t elem_len(const dy_view *v, const dy_pelem *e, size_t i) {
    const dy_sentence *s = v->s;
    if (i >= s->ntok) return 0;
    if (e->kind == DY_PE_WORD)
        return dy_dict_word_matches(v->env->dict, e, &s->toks[i], &v->keys[i]) ? 1 : 0;
    if (e->kind == DY_PE_SYNSET)
        return dy_dict_synset_match(v->env->dict, e->id, s->toks, v->keys, s->ntok, i);
    return 0;
}

static bool actor_elem(const dy_pelem *e) {
    return e->kind == DY_PE_SOURCE || e->kind == DY_PE_TARGET || e->kind == DY_PE_COMPOUND;
}
static bool grouping(const dy_pelem *e) { return e->kind >= DY_PE_LPAREN; }

/* Forward search for element e from token p; returns the start found or -1;
 * *len gets the tokens covered. */
static long find_fwd(const dy_view *v, const dy_pelem *e, size_t p, int gap, size_t *len,
                     uint32_t vstart, uint32_t vend, bool root_ok, bool *inner) {
    const dy_sentence *s = v->s;
    for (size_t i = p; i < s->ntok && (int)(i - p) <= gap; i++) {
        if (i >= vstart && i < vend) return -1;
        if (actor_elem(e)) {
            int m = v->mention_at[i];
            if (m >= 0 && v->mn[m].start == i) {
                if (e->kind == DY_PE_COMPOUND) {
                    size_t last = (size_t)m;
                    while (last + 1 < v->nmn && v->mn[last + 1].group == v->mn[m].group) last++;
                    if (last == (size_t)m) return -1;
                    *len = v->mn[last].end - i;
                } else {
                    size_t last = (size_t)m;
                    while (last + 1 < v->nmn && v->mn[last + 1].group == v->mn[m].group) last++;
                    *len = v->mn[last].end - i;
                }
                return (long)i;
            }
            /* PETRARCH, after a "^" that skipped the agent of "the
             * parliament of Gondor": the actor is Gondor alone */
            if (m >= 0 && root_ok && e->kind == DY_PE_TARGET && v->mn[m].root_at == i && i > v->mn[m].start) {
                *len = v->mn[m].end - i;
                *inner = true;
                return (long)i;
            }
            if (m >= 0 || dy_is_break(&s->toks[i])) return -1;
            continue;
        }
        size_t l = elem_len(v, e, i);
        if (l) { *len = l; return (long)i; }
        if (dy_is_break(&s->toks[i])) return -1;
    }
    return -1;
}

/* An actor element found backward at token i, inside mention m: it covers
 * the mention's whole compound group, and "%" needs more than one member. */
static long bwd_actor(const dy_view *v, const dy_pelem *e, long i, int m, size_t *len) {
    size_t first = (size_t)m;
    while (first > 0 && v->mn[first - 1].group == v->mn[m].group) first--;
    if (e->kind == DY_PE_COMPOUND && first == (size_t)m) return -1;
    *len = (size_t)i + 1 - v->mn[first].start;
    return (long)v->mn[first].start;
}

/* Backward search: the element must end at or before token p (exclusive end). */
static long find_bwd(const dy_view *v, const dy_pelem *e, size_t p, int gap, size_t *len) {
    const dy_sentence *s = v->s;
    for (long i = (long)p - 1; i >= 0 && (long)p - 1 - i <= gap; i--) {
        if (actor_elem(e)) {
            int m = v->mention_at[i];
            if (m >= 0) return bwd_actor(v, e, i, m, len);
            if (dy_is_break(&s->toks[i])) return -1;
            continue;
        }
        size_t l = elem_len(v, e, (size_t)i);
        if (l && (size_t)i + l <= p) { *len = l; return i; }
        if (dy_is_break(&s->toks[i])) return -1;
    }
    /* PETRARCH (its dictionaries): "+" or "$" before the verb is the actor
     * of the verb's subject phrase, however many of its own words stand
     * between ("Ithilen's palace guard militia was freed from": "+ * FROM
     * $" puts Ithilen on the +). */
    if (actor_elem(e) && dy_dict_whole_words(v->env->dict)) {
        static const char *const stop[] = {"that", "which", "who", "and", "or", "but", "after", "before",
                                           "when", "to", "of", "in", "on", "with", "by", "for", "from", "at",
                                           "as", "while", "if", NULL};
        for (long i = (long)p - 2 - gap; i >= 0 && (long)p - 1 - i <= gap + 4; i--) {
            const dy_token *t = &s->toks[i];
            int m = v->mention_at[i];
            if (m >= 0) return bwd_actor(v, e, i, m, len);
            if (t->flags & (DY_TF_CAP | DY_TF_NUMBER | DY_TF_QUOTE)) return -1;
            if ((t->flags & DY_TF_PUNCT) && strcmp(t->norm, "'s") != 0) return -1;
            for (const char *const *q = stop; *q; q++)
                if (!strcmp(t->norm, *q)) return -1;
        }
    }
    /* An element of several words ("&NEGATVAUXVRB": "wo n't") that must end
     * within gap of p starts further back than the loop above looks: with
     * "_" (gap 0) "most certainly wo n't ever clash" needs it to start two
     * words before "ever". */
    for (long i = (long)p - 2 - gap; i >= 0 && (long)p - 1 - i <= gap + DY_ELEM_MAX; i--) {
        if (dy_is_break(&s->toks[i + 1])) return -1;
        size_t l = elem_len(v, e, (size_t)i);
        if (l > 1 && (size_t)i + l <= p && (long)p - (i + (long)l) <= gap) { *len = l; return i; }
    }
    return -1;
}

/* "^" skips one actor (a compound as a whole, TABARI manual 5.7) found
 * within DY_ACTOR_GAP words of p: after it going forward, before it going
 * backward.  Returns the position past the skipped actor, or -1. */
static long skip_actor(const dy_view *v, size_t p, bool forward) {
    const dy_sentence *s = v->s;
    /* TABARI's "^" skips a noun phrase, which may hold a few more words
     * before its actor ("IFTAR AT ^ ^ +": "at Osgiliath with the leaders
     * of Gondor in Eriador"). */
    int most = dy_dict_tabari_reading(v->env->dict) ? DY_GAP : DY_ACTOR_GAP;
    for (int g = 0; g <= most; g++) {
        long i = forward ? (long)p + g : (long)p - 1 - g;
        if (i < 0 || i >= (long)s->ntok || dy_is_break(&s->toks[i])) return -1;
        int m = v->mention_at[i];
        if (m < 0) continue;
        size_t a = (size_t)m, b = (size_t)m;
        while (a > 0 && v->mn[a - 1].group == v->mn[m].group) a--;
        while (b + 1 < v->nmn && v->mn[b + 1].group == v->mn[m].group) b++;
        return forward ? (long)v->mn[b].end : (long)v->mn[a].start;
    }
    return -1;
}

/* PETRARCH's "^" (its dictionaries, dy_dict_whole_words) skips a noun
 * phrase of its parse rather than an actor: going forward from p, an
 * optional preposition, then either an actor (a compound as a whole) with
 * the words before it, or plain words up to the next function word ("warned
 * their populations about": "populations").  Returns the position after
 * it, or -1. */
static long skip_phrase(const dy_view *v, size_t p) {
    static const char *const preps[] = {"with", "in", "at", "of", "for", "to", "from", "on", "about", "by",
                                        "against", "into", "over", NULL};
    static const char *const dets[] = {"the", "a", "an", "its", "their", "his", "her", NULL};
    const dy_sentence *s = v->s;
    size_t i = p;
    bool prep = false;
    for (const char *const *q = preps; i < s->ntok && *q; q++)
        if (!strcmp(s->toks[i].norm, *q)) { prep = true; break; }
    if (prep) i++;
    size_t start = i;
    for (; i < s->ntok; i++) {
        const dy_token *t = &s->toks[i];
        int m = v->mention_at[i];
        if (m >= 0) {
            /* "with the parliament of Gondor": the agent's noun phrase
             * alone, the actor's is the next one */
            if (v->mn[m].root_at > i) return (long)v->mn[m].root_at;
            size_t b = (size_t)m;
            while (b + 1 < v->nmn && v->mn[b + 1].group == v->mn[m].group) b++;
            return (long)v->mn[b].end;
        }
        if (dy_is_break(t) || (t->flags & (DY_TF_PUNCT | DY_TF_QUOTE))) break;
        bool det = false;
        for (const char *const *q = dets; *q; q++) if (!strcmp(t->norm, *q)) det = true;
        if (det && i == start) continue;
        bool fw = false;
        for (const char *const *q = preps; *q; q++) if (!strcmp(t->norm, *q)) fw = true;
        if (fw || !strcmp(t->norm, "and") || !strcmp(t->norm, "that")) break;
    }
    return i > start ? (long)i : -1;
}

static void note_actor(dy_pmatch *out, const dy_pelem *e, int m) {
    if (e->kind == DY_PE_SOURCE) out->src = m;
    else if (e->kind == DY_PE_TARGET) out->tgt = m;
    else { out->src = m; out->tgt = m; }   /* %: both sides in one compound */
}

static void use(dy_pmatch *out, long at, size_t len) {
    for (size_t k = 0; k < len && out->nused < (int)DY_ARRAY_LEN(out->used); k++)
        out->used[out->nused++] = (uint32_t)at + (uint32_t)k;
}

bool dy_pattern_match(const dy_view *v, const dy_pattern *p, uint32_t vstart, uint32_t vend,
                      dy_pmatch *out) {
    memset(out, 0, sizeof *out);
    out->src = out->tgt = -1;
    /* After the verb. */
    size_t pos = vend;
    int gap = DY_GAP;
    bool adjacent_next = false, after_skip = false;
    bool petrarch = dy_dict_whole_words(v->env->dict);
    for (size_t k = (size_t)p->verb_index + 1; k < p->nelem; k++) {
        const dy_pelem *e = &p->elems[k];
        if (grouping(e)) continue;
        if (e->kind == DY_PE_SKIP) {
            long past = petrarch ? skip_phrase(v, pos) : skip_actor(v, pos, true);
            if (past < 0) return false;
            pos = (size_t)past;
            after_skip = true;
            continue;
        }
        /* PETRARCH: the actor after a skipped phrase is the next noun
         * phrase's, which may start with a preposition and a head noun
         * ("IN ^ +": "in Osgiliath with the leaders of Gondor"). */
        int actor_gap = petrarch && after_skip ? DY_ACTOR_GAP + 2 : DY_ACTOR_GAP;
        bool root_ok = petrarch && after_skip, inner = false;
        after_skip = false;
        int g = (e->adjacent || adjacent_next) ? 0 : (actor_elem(e) ? actor_gap : gap);
        size_t len = 0;
        long at = find_fwd(v, e, pos, g, &len, vstart, vend, root_ok, &inner);
        if (at < 0) return false;
        if (inner) out->tgt_root = true;
        if (actor_elem(e)) { note_actor(out, e, v->mention_at[at]); out->score++; }
        else { use(out, at, len); out->score += 2; }
        pos = (size_t)at + len;
        gap = DY_GAP;
        adjacent_next = false;
    }
    /* Before the verb, right to left. */
    pos = vstart;
    gap = DY_GAP;
    for (long k = (long)p->verb_index - 1; k >= 0; k--) {
        const dy_pelem *e = &p->elems[k];
        if (grouping(e)) continue;
        if (e->kind == DY_PE_SKIP) {
            long past = skip_actor(v, pos, false);
            if (past < 0) return false;
            pos = (size_t)past;
            continue;
        }
        /* Adjacency is written on the later element of a pair. */
        const dy_pelem *later = &p->elems[k + 1];
        bool adj = later->adjacent;
        int g = adj ? 0 : (actor_elem(e) ? DY_ACTOR_GAP : gap);
        size_t len = 0;
        long at = find_bwd(v, e, pos, g, &len);
        if (at < 0) return false;
        if (actor_elem(e)) { note_actor(out, e, v->mention_at[at]); out->score++; }
        else { use(out, at, len); out->score += 2; }
        pos = (size_t)at;
        gap = DY_GAP;
    }
    return true;
}
