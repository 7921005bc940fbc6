/* coder.c — source, event and target for each verb of a sentence.
 *
 * Rules, in the order a sentence meets them:
 *  - a verb form preceded by a determiner is a noun ("the attack"), skipped;
 *  - the most specific matching pattern of the verb gives the code (and may
 *    place the target with "+" or the source with "$"); a "---" pattern
 *    blocks; with no pattern the bare verb's code applies;
 *  - negation ("have not signed", "refused to attack", "without signing")
 *    suppresses the event, unless the pattern itself names the negator
 *    ("- HAS NOT * [121]"); a pattern naming the word before the verb
 *    ("- RAISED ITS * FOR +") also overrides the noun test;
 *  - so does a supposed action: under "could/might/may/should", in a
 *    relative "that/which would" clause, in an "if/unless/until" clause, or
 *    an infinitive in the clause of a verb already coded ("agreed to sign"
 *    codes the agreement, "called on X to hold talks" the appeal);
 *  - passive voice ("X was attacked by Y") swaps the roles;
 *  - the source is the parse's subject; where the parse cannot say, the
 *    nearest mention before the verb in its clause, skipping relative
 *    clauses and appositions; a speech verb after a quote takes its source
 *    from after it ("..., said Lavrov"); but when the parse names a subject
 *    that is no actor ("Mr Clarke said ...", "the clashes ... threatened")
 *    no other mention stands in for it;
 *  - a participle modifying a noun has that noun as its subject ("Russian
 *    troops shelling ...") or, past, as its patient ("a truce negotiated
 *    by Russia": Russia is the source, the truce no target);
 *  - with no target in the verb's clause, the subject of a that-clause right
 *    after it is the target ("warned that Japan would ...");
 *  - pronouns resolve to an actor earlier in the sentence ("Russia said it
 *    would"), else, like bare roles, to actors met earlier in the story;
 *  - a multi-code entry ("[FRO/BIL/SAM]") gives one event per code;
 *  - compound groups give one event per (source, target) pair;
 *  - a plain statement (010) is kept only when nothing more specific is; a
 *    bare speech verb coded otherwise only when it frames no later event;
 *  - the actor a pattern's "+" places before the verb is not its source
 *    ("- DEMANDED THAT + *"): the source is looked for before it;
 *  - suite options (dy_coder_set_option) add default actors, TABARI's
 *    converted agents, minimum sentence length, one event per sentence and
 *    forwarding of a story's first actor to the next sentence's pronoun,
 *    and PETRARCH's readings (bare agents in dyads, passives without an
 *    agent read as active, targets from the verb's own phrases, comma
 *    clauses, new actors named by their words); all are off for news. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coder/clauses.h"
#include "coder/internal.h"

static bool tok_is(const dy_token *t, const char *w) { return strcmp(t->norm, w) == 0; }


static const char *const determiners[] = {
    "the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "this", "these",
    "those", "'s", "every", "each", "no", "any", "another", NULL};
static const char *const be_forms[] = {
    "is", "are", "was", "were", "be", "been", "being", "'s", "'re", "got", "get", "gets", NULL};
static const char *const negators[] = {"not", "n't", "never", "without", "neither", "nor", "no", NULL};
static const char *const negating_verbs[] = {
    "deny", "denies", "denied", "denying", "refuse", "refuses", "refused", "refusing",
    "fail", "fails", "failed", "failing", "declined", "declines", "rejected", NULL};
static const char *const clause_openers[] = {
    "who", "which", "that", "because", "while", "whereas", "although", "though", "but",
    "after", "before", "when", "if", "unless", "since", "until", NULL};
/* Verbs that only report speech: without a pattern they state, whatever
 * code a dictionary gives them. */
static const char *const plain_speech[] = {
    "said", "says", "say", "told", "tells", "added", "adds", "stated", "noted", NULL};
static const char *const speech[] = {
    "said", "says", "say", "told", "tells", "added", "adds", "stated", "noted", "stressed",
    "emphasized", "emphasised", "declared", "announced", "asked", "explained", "insisted",
    "according", NULL};

static void explainf(dy_coder_state *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void explainf(dy_coder_state *st, const char *fmt, ...) {
    if (!st->explain) return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(st->explain, fmt, ap);
    va_end(ap);
}

static void span_text(const dy_view *v, const char *text, uint32_t a, uint32_t b, char *out, size_t n) {
    if (a >= b) { out[0] = '\0'; return; }
    uint32_t from = v->s->toks[a].start, to = v->s->toks[b - 1].end;
    snprintf(out, n, "%.*s", (int)(to - from), text + from);
}

void dy_coder_begin_story(dy_coder_state *st) {
    st->last_person[0] = st->last_actor[0] = st->speaker[0] = '\0';
    st->sent_no = st->person_sent = st->actor_sent = 0;
    st->nroles = 0;
}

int dy_coder_set_option(dy_coder_state *st, const char *name, const char *value) {
    if (!strcmp(name, "default_source") || !strcmp(name, "default_target")) {
        char *dst = name[8] == 's' ? st->default_source : st->default_target;
        size_t n = strlen(value);
        if (n >= sizeof st->default_source) return -1;
        for (size_t i = 0; i < n; i++)
            if (!((value[i] >= 'A' && value[i] <= 'Z') || (value[i] >= '0' && value[i] <= '9'))) return -1;
        memcpy(dst, value, n + 1);
        return 0;
    }
    if (!strcmp(name, "min_words")) {
        char *end;
        long n = strtol(value, &end, 10);
        if (end == value || *end || n < 0 || n > 1000) return -1;
        st->min_words = (int)n;
        return 0;
    }
    if (!strcmp(name, "new_actor_length")) {
        char *end;
        long n = strtol(value, &end, 10);
        if (end == value || *end || n < 0 || n > 8) return -1;
        st->new_actor_length = (int)n;
        return 0;
    }
    if (!strncmp(name, "comma_", 6)) {
        /* PETRARCH's <Config option="comma_min" value="4">... */
        static const char *const names[] = {"comma_min", "comma_max", "comma_bmin", "comma_bmax",
                                            "comma_emin", "comma_emax"};
        char *end;
        long n = strtol(value, &end, 10);
        if (end == value || *end || n < 0 || n > 1000) return -1;
        for (int k = 0; k < 6; k++)
            if (!strcmp(name, names[k])) { st->pcomma[k] = (int)n; return 0; }
        return -1;
    }
    if (!strcmp(name, "petrarch_commas")) {
        /* PETRARCH's defaults (PETRglobals): internal 2-8, initial off, terminal 2-8 */
        static const int defaults[6] = {2, 8, 0, 0, 2, 8};
        st->pcomma_on = !strcmp(value, "true") || !strcmp(value, "1");
        memcpy(st->pcomma, defaults, sizeof defaults);
        return 0;
    }
    if (!strcmp(name, "comma")) return dy_clauses_set_comma(st, value);
    if (!strcmp(name, "complex")) return dy_clauses_set_complex(st, value);
    if (!strcmp(name, "forward_reset")) {
        st->forward_actor[0] = '\0';
        return 0;
    }
    int on;
    if (!strcmp(value, "true") || !strcmp(value, "1")) on = 1;
    else if (!strcmp(value, "false") || !strcmp(value, "0")) on = 0;
    else return -1;
    if (!strcmp(name, "require_dyad")) st->require_dyad = on;
    else if (!strcmp(name, "convert_agents")) st->convert_agents = on;
    else if (!strcmp(name, "place_targets")) st->place_targets = on;
    else if (!strcmp(name, "agent_dyads")) st->agent_dyads = on;
    else if (!strcmp(name, "passive_needs_agent")) st->passive_needs_agent = on;
    else if (!strcmp(name, "petrarch_phrases")) st->petrarch_phrases = on;
    else if (!strcmp(name, "code_by_sentence")) st->code_by_sentence = on;
    else if (!strcmp(name, "code_all")) st->code_all = on;
    else if (!strcmp(name, "default_prior")) st->default_prior = on;
    else if (!strcmp(name, "default_after")) st->default_after = on;
    else if (!strcmp(name, "tabari_clauses")) {
        st->tabari_clauses = on;
        dy_clauses_reset(st);
    } else if (!strcmp(name, "forward")) {
        st->forward = on;
        if (!on) st->forward_actor[0] = '\0';
    } else return -1;
    return 0;
}

/* Relative clauses (", who ... ,"), appositions after a mention
 * (", the Japanese foreign minister ,") and brackets. */
static void mark_parens(dy_view *v) {
    const dy_sentence *s = v->s;
    for (uint32_t i = 0; i < s->ntok; i++) {
        const dy_token *t = &s->toks[i];
        if (tok_is(t, "(")) {
            uint32_t j = i + 1;
            while (j < s->ntok && !tok_is(&s->toks[j], ")") && j - i < 30) j++;
            if (j < s->ntok && tok_is(&s->toks[j], ")"))
                for (uint32_t k = i; k <= j; k++) v->paren[k] = 1;
            continue;
        }
        if (!tok_is(t, ",") || i + 1 >= s->ntok) continue;
        const dy_token *nx = &s->toks[i + 1];
        bool rel = tok_is(nx, "who") || tok_is(nx, "which") || tok_is(nx, "whose") ||
                   tok_is(nx, "whom") || tok_is(nx, "where");
        bool appos = i > 0 && v->mention_at[i - 1] >= 0 &&
                     (tok_is(nx, "the") || tok_is(nx, "a") || tok_is(nx, "an") ||
                      tok_is(nx, "his") || tok_is(nx, "her") || v->mention_at[i + 1] >= 0);
        if (!rel && !appos) continue;
        uint32_t j = i + 1;
        while (j < s->ntok && !tok_is(&s->toks[j], ",") && !dy_is_break(&s->toks[j]) && j - i < 30) j++;
        /* An apposition must close with a comma; a relative clause may run on. */
        if (appos && !rel && (j >= s->ntok || !tok_is(&s->toks[j], ","))) continue;
        /* ", Japan and Russia agreed" is a list, not an apposition. */
        if (appos && !rel && j + 1 < s->ntok && v->mention_at[j + 1] < 0 &&
            v->mention_at[i + 1] >= 0 && tok_is(&s->toks[j - 1], "and"))
            continue;
        for (uint32_t k = i; k < j; k++) v->paren[k] = 1;
    }
}

static const char *const prepositions[] = {
    "of", "on", "for", "in", "with", "about", "over", "at", "from", "into", "by", "under",
    "against", "after", "before", "between", "among", "during", "through", NULL};

static bool ends_ly(const char *w) {
    size_t n = strlen(w);
    return n > 3 && strcmp(w + n - 2, "ly") == 0;
}

static bool ends_ing(const char *w) {
    size_t n = strlen(w);
    return n > 4 && strcmp(w + n - 3, "ing") == 0;
}

/* Participles news uses before an actor as its adjective: "visiting Gabon
 * President Omar Bongo", "the captured ISIS fighters", "told visiting
 * Russian nationalist Zhirinovsky". */
static const char *const attributive[] = {
    "visiting", "captured", "detained", "arrested", "jailed", "imprisoned", "kidnapped", "abducted",
    "wounded", "injured", "exiled", "ousted", "deposed", "besieged", "striking", "protesting", "fleeing",
    "retreating", "advancing", "departing", "outgoing", "incoming", "slain", NULL};

/* Is the one-word form at vs an adjective of the actor right after it?
 * Then it is no act of the sentence's actors towards that one (which
 * coded "Jiang met visiting Gabon President Bongo" as China visiting
 * Gabon).  The actor must be named by a role or as a person, not be a bare
 * country ("against visiting Taiwan", "before visiting Israel" are
 * visits), and the word before must be a determiner, a preposition or
 * another verb, not the subject ("Kurdish fighters captured ISIS
 * militants") nor an auxiliary ("have captured"). */
static bool attributive_participle(const dy_view *v, uint32_t vs, uint32_t ve) {
    const dy_sentence *s = v->s;
    if (ve != vs + 1 || vs == 0 || ve >= s->ntok || !dy_in_list(s->toks[vs].norm, attributive)) return false;
    int m = v->mention_at[ve];
    if (m < 0 || v->mn[m].start != ve) return false;
    const dy_mention *mn = &v->mn[m];
    if (!mn->person && !mn->agent_only && strlen(mn->code) <= 3) return false;
    if (v->mention_at[vs - 1] >= 0) return false;
    const dy_token *p = &s->toks[vs - 1];
    if (dy_in_list(p->norm, determiners) || dy_in_list(p->norm, prepositions)) return true;
    if (dy_in_list(p->norm, be_forms) || tok_is(p, "has") || tok_is(p, "have") || tok_is(p, "had") ||
        tok_is(p, "to"))
        return false;
    size_t plen = 0;
    return dy_dict_verb_at(v->env->dict, s->toks, v->keys, s->ntok, vs - 1, &plen) != NULL;
}

static void explain_parse(dy_coder_state *st, const dy_view *v) {
    const dy_synview *sv = &v->syn;
    explainf(st, "  parse ");
    for (int k = 0; k < sv->n; k++)
        explainf(st, " %d:%s/%s>%d:%s", k, sv->toks[k].form, dy_upos_name(sv->p[k].upos),
                 sv->p[k].head, dy_deprel_name(sv->p[k].deprel));
    explainf(st, "\n");
}

static bool noun_usage(const dy_view *v, uint32_t i) {
    /* "the signing of the treaty", "including signing of": a gerund with an
     * of-complement is a noun, whatever the tagger says. */
    if (ends_ing(v->s->toks[i].norm) && i + 1 < v->s->ntok && strcmp(v->s->toks[i + 1].norm, "of") == 0)
        return true;
    int sv = dy_syn_is_verb(v, i);
    /* The tagger trusted, except against the plainest clause shape: an actor
     * right before the form and no determiner ("A Saudi diplomat met ..."). */
    const char *w = v->s->toks[i].norm;
    size_t wl = strlen(w);
    if (sv == 0 && i > 0 && v->mention_at[i - 1] >= 0 && !dy_in_list(v->s->toks[i - 1].norm, determiners) &&
        !ends_ing(w) &&   /* "the Russia-Japan meeting" */
        !(wl > 2 && w[wl - 1] == 's' &&   /* "Tokyo talks", but "Putin plans to" */
          !(i + 1 < v->s->ntok && strcmp(v->s->toks[i + 1].norm, "to") == 0) &&
          /* ... and "Ethiopia departs from Libya": a preposition and an actor */
          !(i + 2 < v->s->ntok && dy_in_list(v->s->toks[i + 1].norm, prepositions) &&
            v->mention_at[i + 2] >= 0)))
        sv = -1;
    if (sv >= 0) return sv == 0;
    if (i == 0) return false;
    const dy_token *p = &v->s->toks[i - 1];
    if (dy_in_list(p->norm, determiners)) return true;
    /* "a range of issues", "in talks": after a preposition only a gerund
     * ("accused Japan of violating") is still a verb. */
    if (dy_in_list(p->norm, prepositions) && !ends_ing(v->s->toks[i].norm)) return true;
    /* "Russia's attack", "Japan's visit" */
    if (v->mention_at[i - 1] >= 0 && i >= 2 && tok_is(p, "'s")) return true;
    return false;
}

/* "it should have acted", "disputes should be resolved": a modal before
 * another verb is its auxiliary, never the event itself, even where a
 * dictionary lists it as a verb (PETRARCH's validation verbs have SHOULD
 * [101] for "Falastur suggested Gondor should ..."; its parser tags a modal
 * MD, never a verb). */
static bool modal_auxiliary(const dy_view *v, uint32_t vs, uint32_t ve) {
    static const char *const modals[] = {"should", "could", "would", "might", "must", "may", "can",
                                         "will", "shall", "ca", "wo", NULL};
    const dy_sentence *s = v->s;
    if (ve != vs + 1 || !dy_in_list(s->toks[vs].norm, modals)) return false;
    uint32_t j = ve;
    while (j < s->ntok && (tok_is(&s->toks[j], "not") || tok_is(&s->toks[j], "n't") ||
                           ends_ly(s->toks[j].norm)))
        j++;
    if (j >= s->ntok || v->mention_at[j] >= 0) return false;
    if (tok_is(&s->toks[j], "have") || tok_is(&s->toks[j], "be")) return true;
    return dy_syn_is_verb(v, j) == 1;
}

static bool passive(const dy_view *v, uint32_t vs) {
    const dy_sentence *s = v->s;
    const char *w = s->toks[vs].norm;
    size_t len = strlen(w);
    if (len > 3 && strcmp(w + len - 3, "ing") == 0) return false;
    for (long i = (long)vs - 1; i >= 0 && (long)vs - i <= 3; i--) {
        const char *p = s->toks[i].norm;
        if (dy_in_list(p, be_forms)) return true;
        size_t pl = strlen(p);
        bool adverb = (pl > 3 && strcmp(p + pl - 2, "ly") == 0) || tok_is(&s->toks[i], "also") ||
                      tok_is(&s->toks[i], "not") || tok_is(&s->toks[i], "n't");
        if (!adverb) return false;
    }
    return false;
}

/* Token i is a word the matched pattern itself names. */
static bool pattern_word(const dy_pmatch *pm, long i) {
    for (int k = 0; pm && k < pm->nused; k++) if ((long)pm->used[k] == i) return true;
    return false;
}

/* "Neither China nor India criticized Russia": a subject list opened by
 * "neither" negates its verb, unless the pattern names the word (a
 * dictionary may code "NEITHER $ NOR $ *" itself). */
static bool neither_subject(const dy_view *v, int src, const dy_pmatch *pm) {
    size_t f = (size_t)src;
    while (f > 0 && v->mn[f - 1].group == v->mn[src].group) f--;
    for (uint32_t d = 1; d <= 2 && v->mn[f].start >= d; d++) {
        long i = (long)v->mn[f].start - (long)d;
        if (tok_is(&v->s->toks[i], "neither")) return !pattern_word(pm, i);
        if (v->mention_at[i] >= 0 || dy_is_break(&v->s->toks[i])) break;
    }
    return false;
}

static bool negated(const dy_view *v, uint32_t vs, const dy_pmatch *pm) {
    const dy_sentence *s = v->s;
    /* "have not signed", "never attacked": a negator among the auxiliaries;
     * not when the pattern names it ("- HAS NOT * [121]": the dictionary
     * codes the negated form itself). */
    for (long i = (long)vs - 1; i >= 0 && (long)vs - i <= 3; i--) {
        const dy_token *t = &s->toks[i];
        if (dy_is_break(t) || v->mention_at[i] >= 0 || tok_is(t, ",")) break;
        if (pattern_word(pm, i)) return false;
        if (dy_in_list(t->norm, negators)) return true;
    }
    /* "refused to sign", "denied that its troops attacked": a negating verb
     * earlier in the clause, across its own object or subject. */
    for (long i = (long)vs - 1; i >= 0 && (long)vs - i <= 8; i--) {
        const dy_token *t = &s->toks[i];
        if (dy_is_break(t) || tok_is(t, ",")) break;
        if (pattern_word(pm, i)) return false;
        if (v->mention_at[i] < 0 && dy_in_list(t->norm, negating_verbs)) return true;
    }
    /* "reached no agreement", "without an agreement": a negator right before
     * a word of the pattern. */
    for (int k = 0; pm && k < pm->nused; k++) {
        uint32_t u = pm->used[k];
        for (uint32_t d = 1; d <= 2 && u >= d; d++) {
            const dy_token *t = &s->toks[u - d];
            if (tok_is(t, "no") || tok_is(t, "without")) return true;
        }
    }
    return false;
}

/* Modals that make a clause a possibility, not a report of what happened. */
static const char *const possibility_modals[] = {"could", "might", "may", "should", NULL};
static const char *const conditionals[] = {"if", "unless", "until", NULL};

/* A verb whose action is only supposed: "a resolution that would impose an
 * embargo", "Abbas and Gold could meet", "unless Japan pulls its troops
 * out".  Such a clause reports a proposal, a possibility or a condition;
 * the words around it (proposed, threatened, demanded) carry the event if
 * there is one.  "said it would expel" stays: there "would" is the future
 * of reported speech, which CAMEO codes.  Returns why, or NULL. */
static const char *hypothetical(const dy_view *v, uint32_t vs, const dy_pmatch *pm) {
    const dy_sentence *s = v->s;
    for (long i = (long)vs - 1; i >= 0 && (long)vs - i <= 3; i--) {
        const dy_token *t = &s->toks[i];
        if (dy_is_break(t) || v->mention_at[i] >= 0 || tok_is(t, ",")) break;
        if (pattern_word(pm, i)) return NULL;
        if (dy_in_list(t->norm, possibility_modals)) return "under a modal of possibility";
        /* "that would", "which could": the relative clause of a noun (a bill,
         * a plan, a resolution) describes what it would do. */
        if (tok_is(t, "would") && i > 0 &&
            (tok_is(&s->toks[i - 1], "that") || tok_is(&s->toks[i - 1], "which")))
            return "in a relative clause under \"would\"";
    }
    for (long i = (long)vs - 1; i >= 0 && (long)vs - i <= 12; i--) {
        const dy_token *t = &s->toks[i];
        if (dy_is_break(t) || tok_is(t, ",") || tok_is(t, ";")) break;
        if (pattern_word(pm, i)) return NULL;
        if (dy_in_list(t->norm, conditionals)) return "in a conditional clause";
    }
    return NULL;
}

/* "Israel captured East Jerusalem in the 1967 war", "Carter mediated ...
 * in 1978": a verb whose clause places it "in" a year before the story's is
 * background, not news.  date: the story's day (days since 1970). */
static bool background_year(const dy_view *v, uint32_t vs, uint32_t ve, int32_t date) {
    const dy_sentence *s = v->s;
    if (date <= 0) return false;
    int story_year = 1970 + (int)(date / 365.2425);
    long from = (long)vs - 12, to = (long)ve + 12;
    for (long i = (long)vs - 1; i >= 0 && i >= from; i--)
        if (dy_is_break(&s->toks[i]) || tok_is(&s->toks[i], ",") || tok_is(&s->toks[i], ";")) { from = i + 1; break; }
    if (from < 0) from = 0;
    for (long i = ve; i < (long)s->ntok && i <= to; i++)
        if (dy_is_break(&s->toks[i]) || tok_is(&s->toks[i], ",") || tok_is(&s->toks[i], ";")) { to = i - 1; break; }
    if (to >= (long)s->ntok) to = (long)s->ntok - 1;
    for (long i = from; i <= to; i++) {
        const dy_token *t = &s->toks[i];
        const char *w = t->norm;
        if (!(t->flags & DY_TF_NUMBER) || strlen(w) != 4 || !(w[0] == '1' || w[0] == '2')) continue;
        int year = atoi(w);
        if (year < 1900 || year >= story_year - 1) continue;
        long p = i - 1;
        if (p >= 0 && tok_is(&s->toks[p], "the")) p--;
        if (p >= 0 && (tok_is(&s->toks[p], "in") || tok_is(&s->toks[p], "during"))) return true;
    }
    return false;
}

/* "called on the factions to hold talks", "agreed to sign", "threatened to
 * attack": an infinitive in the clause of a verb already coded is what that
 * verb asks, promises or threatens, not something that happened; the
 * governing verb's code (appeal, intent, threat) is the event. */
static bool infinitive_of_event(const dy_view *v, uint32_t vs, const dy_coded *ev, size_t nev) {
    const dy_sentence *s = v->s;
    if (vs == 0 || !tok_is(&s->toks[vs - 1], "to")) return false;
    for (size_t k = 0; k < nev; k++) {
        if (ev[k].statement || ev[k].vend > vs - 1 || vs - 1 - ev[k].vend > 10) continue;
        bool same_clause = true;
        for (uint32_t i = ev[k].vend; i < vs - 1; i++)
            if (dy_is_break(&s->toks[i]) || tok_is(&s->toks[i], ",") || tok_is(&s->toks[i], ";") ||
                dy_in_list(s->toks[i].norm, clause_openers))
                same_clause = false;
        if (same_clause) return true;
    }
    return false;
}

/* Words that put the infinitive after them in the future or in the
 * realm of wishes and means: "is due to visit", "is expected to attack",
 * "was scheduled to meet", "is ready to negotiate", "Bush's plan to
 * withdraw", "wants to block", "is to visit"; and what was not done: "Bush's
 * refusal to sign", "failure to reach".  On news these are the
 * diary, plans and capabilities of actors, not events; when the dictionary
 * codes the word itself ("plans to", intent), that reading is the event.
 * Those of intent_heads state the actor's own will, which CAMEO codes as an
 * intent ("ready to meet Netanyahu": 036) when the act is cooperation. */
static const char *const schedule_heads[] = {
    "due", "expected", "scheduled", "set", "slated", "poised", "preparing", "prepares", "unwilling", "able",
    "unable", "proposal", "proposals", "bid", "attempt", "attempts", "effort", "efforts", "refusal",
    "failure", "reluctance", "is", "are", "was", "were", NULL};
static const char *const intent_heads[] = {
    "ready", "prepared", "willing", "plan", "plans", "planned", "planning", "want", "wants", "wanted",
    "hope", "hopes", "hoping", "intends", "intended", "intend", "intention", "intent", "aim", "aims",
    "aiming", NULL};

enum { REALIZED = 0, SCHEDULED = 1, INTENDED = 2 };

/* Is vs an infinitive governed by one of those words, which the matched
 * pattern does not name?  SCHEDULED or INTENDED (intent_heads) if so. */
static int unrealized_infinitive(const dy_view *v, uint32_t vs, const dy_pmatch *pm) {
    const dy_sentence *s = v->s;
    if (vs < 2 || !tok_is(&s->toks[vs - 1], "to")) return REALIZED;
    long h = (long)vs - 2;
    if (v->mention_at[h] >= 0 || pattern_word(pm, h) || pattern_word(pm, h + 1)) return REALIZED;
    if (dy_in_list(s->toks[h].norm, intent_heads)) return INTENDED;
    return dy_in_list(s->toks[h].norm, schedule_heads) ? SCHEDULED : REALIZED;
}

/* CAMEO's intent to do what code does, for the cooperative roots that have
 * one (03: "express intent to ..."): consult 04 -> 036 meet or negotiate,
 * diplomatic cooperation 05 -> 032, material 06 -> 031, aid 07 -> 033,
 * yield 08 -> 035.  NULL for the others: a plan to attack is no threat. */
static const char *intent_code(const char *code) {
    if (code[0] != '0') return NULL;
    switch (code[1]) {
    case '3': return code;
    case '4': return "036";
    case '5': return "032";
    case '6': return "031";
    case '7': return "033";
    case '8': return "035";
    default: return NULL;
    }
}

static int pronoun_kind(const dy_token *t);

/* PETRARCH's new_actor_length: the verb's subject phrase (or object phrase)
 * of at most n words, with no actor in it, is an actor named by its words,
 * quoted: "Gryffindor's head Minerva McGonagall left" has the source
 * "\"GRYFFINDOR HEAD MINERVA MCGONAGALL\"".  False when n is 0 or there is
 * no such phrase. */
static bool new_actor_words(const dy_view *v, uint32_t a, uint32_t b, int n, char *out, size_t outn);

/* which: 0 the subject, 1 the object, 2 a conjunct of the subject whose
 * first conjunct is an actor ("Eriador's death and injury toll"). */
static bool new_actor(const dy_view *v, uint32_t vs, int which, int n, char *out, size_t outn) {
    uint32_t a, b;
    out[0] = '\0';
    if (n <= 0) return false;
    if (which == 2 ? !dy_syn_subject_conjunct(v, vs, &a, &b) : !dy_syn_phrase(v, vs, which == 0, &a, &b))
        return false;
    if (b <= a || (vs >= a && vs < b)) return false;
    return new_actor_words(v, a, b, n, out, outn);
}

static bool new_actor_words(const dy_view *v, uint32_t a, uint32_t b, int n, char *out, size_t outn) {
    size_t len = 0;
    int words = 0;
    out[len++] = '"';
    for (uint32_t i = a; i < b; i++) {
        const dy_token *t = &v->s->toks[i];
        if (v->mention_at[i] >= 0 || dy_is_break(t) || pronoun_kind(t)) { out[0] = '\0'; return false; }
        if ((t->flags & DY_TF_PUNCT) || t->norm[0] == '\'') continue;   /* "'s" */
        size_t fl = strlen(t->form);
        if (++words > n || len + fl + 3 > outn) { out[0] = '\0'; return false; }
        if (words > 1) out[len++] = ' ';
        for (size_t k = 0; k < fl; k++) out[len++] = (char)toupper((unsigned char)t->form[k]);
    }
    if (!words) { out[0] = '\0'; return false; }
    out[len++] = '"';
    out[len] = '\0';
    return true;
}

/* PETRARCH reads a clause opened by "after", "when" ... inside the verb
 * phrase it modifies: "Arnor is about to restore ties with Gondor ...
 * after Calenardhon crowds burned down its embassy" is the restoration
 * only; the burning is coded when nothing before it was ("... to improve
 * ties ..., after Calenardhon crowds burned").  True when such a clause
 * holds the verb at vs and an event was coded earlier in the sentence. */
static bool subordinate_of_event(const dy_view *v, uint32_t vs, dy_coded *ev, size_t nev) {
    static const char *const subordinators[] = {"after", "before", "when", "while", "since", "because",
                                                "until", NULL};
    const dy_sentence *s = v->s;
    for (long i = (long)vs - 1; i >= 0 && (long)vs - i <= 8; i--) {
        const dy_token *t = &s->toks[i];
        if (dy_is_break(t) || tok_is(t, ";")) return false;
        if (!dy_in_list(t->norm, subordinators)) continue;
        bool found = false;
        for (size_t k = 0; k < nev; k++) {
            if (ev[k].vend > (uint32_t)i || ev[k].statement) continue;
            found = true;
            /* The clause is what the event was about: an event with no
             * target takes the clause's actor ("restore ties with Gxndor,
             * almost five years after Calenardhon crowds burned ...":
             * ARN -> CAL). */
            if (ev[k].tgt_code[0] || ev[k].tgt >= 0) continue;
            for (uint32_t j = (uint32_t)i + 1; j < vs; j++) {
                int m = v->mention_at[j];
                if (m < 0 || v->mn[m].agent_only) continue;
                /* the clause's subject, not a place in it ("while in detention in Afghanistan") */
                static const char *const place_preps[] = {"in", "at", "near", "of", "from", "inside", NULL};
                if (v->mn[m].start > 0 && dy_in_list(s->toks[v->mn[m].start - 1].norm, place_preps)) break;
                if (strcmp(v->mn[m].code, ev[k].src_code) == 0) break;
                ev[k].tgt = m;
                snprintf(ev[k].tgt_code, sizeof ev[k].tgt_code, "%s", v->mn[m].code);
                break;
            }
        }
        return found;
    }
    return false;
}

static int pronoun_kind(const dy_token *t) {
    if (tok_is(t, "he") || tok_is(t, "she")) return 1;
    if (tok_is(t, "i") || tok_is(t, "we")) return 2;
    if (tok_is(t, "they") || tok_is(t, "it")) return 3;
    return 0;
}

static bool has_pronoun(const dy_sentence *s) {
    for (uint32_t i = 0; i < s->ntok; i++)
        if (pronoun_kind(&s->toks[i])) return true;
    return false;
}

/* The source mention for a verb at [vs, ve): nearest mention before it in its
 * clause.  Returns -1 and sets *pron when a pronoun stands there instead. */
static int find_source(const dy_view *v, uint32_t vs, int *pron, uint32_t *pron_at) {
    const dy_sentence *s = v->s;
    bool inside = v->paren[vs];
    *pron = 0;
    for (long i = (long)vs - 1; i >= 0; i--) {
        const dy_token *t = &s->toks[i];
        if (dy_is_break(t) && !(t->flags & DY_TF_QUOTE)) break;
        if (v->paren[i] && !inside) continue;
        if (!v->paren[i]) inside = false;
        int m = v->mention_at[i];
        if (m >= 0) return m;
        int pk = pronoun_kind(t);
        if (pk) { *pron = pk; *pron_at = (uint32_t)i; return -1; }
        /* A quotation ends the clause: the speaker is found after the verb. */
        if (t->flags & DY_TF_QUOTE) break;
    }
    return -1;
}

/* "…," said Lavrov / "…," Lavrov said: the speaker of the sentence. */
static int find_speaker(const dy_view *v) {
    const dy_sentence *s = v->s;
    for (uint32_t i = 0; i < s->ntok; i++) {
        if (!dy_in_list(s->toks[i].norm, speech)) continue;
        if (i > 0 && v->mention_at[i - 1] >= 0) return v->mention_at[i - 1];
        if (i + 1 < s->ntok && v->mention_at[i + 1] >= 0) return v->mention_at[i + 1];
    }
    return -1;
}

static const char *const locatives[] = {"in", "at", "near", "during", "inside", "outside", NULL};

/* Words that may follow a place name that ends its noun phrase. */
static const char *const after_place[] = {
    "on", "to", "for", "with", "and", "or", "but", "from", "by", "as", "of", "over", "about", "under",
    "until", "since", "after", "before", "last", "this", "next", "earlier", "later", "yesterday",
    "today", "tomorrow", "tonight", "that", "which", "where", "when", "while", "is", "was", "were",
    "are", "has", "have", "had", "will", "would", "said", "says", NULL};

bool dy_locative_mention(const dy_view *v, int m) {
    const dy_sentence *s = v->s;
    uint32_t i = v->mn[m].start, end = v->mn[m].end;
    if (i > 0 && tok_is(&s->toks[i - 1], "the")) i--;
    if (i == 0 || !dy_in_list(s->toks[i - 1].norm, locatives)) return false;
    /* "in the Jordanian embassy in Baghdad", "take in refugees from Greece":
     * an actor named with a common noun is someone there, not the place */
    for (uint32_t k = v->mn[m].start; k < end; k++) {
        const dy_token *t = &s->toks[k];
        if (!(t->flags & (DY_TF_CAP | DY_TF_PUNCT)) && !tok_is(t, "of") && !tok_is(t, "and") && !tok_is(t, "the"))
            return false;
    }
    /* "in Polish tariffs", "in the Darfur region": the name modifies a noun */
    if (end < s->ntok) {
        const dy_token *n = &s->toks[end];
        if (!(n->flags & (DY_TF_CAP | DY_TF_PUNCT | DY_TF_NUMBER)) && !dy_in_list(n->norm, after_place)) return false;
    }
    return true;
}

/* Codes whose target may be a place named with "in"/"at": comments on a
 * situation ("concern over the violence in Libya"), symbolic acts ("laid a
 * wreath at a memorial in Warsaw"), visits ("arrived in Moscow"), aid,
 * investigations ("war crimes in Afghanistan"), force posture ("deployed in
 * Iraq") and violence ("fighting in Gaza"), where the place stands for its
 * people.  For talks, agreements, statements, appeals and criticism a place
 * after "in" is where it happened ("held talks in Brussels"). */
static bool place_target_ok(const char *code) {
    static const char *const prefixes[] = {"012", "013", "014", "017", "042", "043", "044", "07", "09",
                                           "15",  "18",  "19",  "20",  NULL};
    for (const char *const *p = prefixes; *p; p++)
        if (strncmp(code, *p, strlen(*p)) == 0) return true;
    return false;
}

static int find_target(const dy_view *v, uint32_t ve, int src, bool places) {
    const dy_sentence *s = v->s;
    int first_agent = -1;
    bool conj = false;
    for (uint32_t i = ve; i < s->ntok; i++) {
        const dy_token *t = &s->toks[i];
        int m = v->mention_at[i];
        if (m >= 0) {
            if (src >= 0 && v->mn[m].group == v->mn[src].group) { i = v->mn[m].end - 1; continue; }
            /* "holding talks in Brussels on ...": where, not whom */
            if (!places && dy_locative_mention(v, m)) { i = v->mn[m].end - 1; continue; }
            /* "shared intelligence with Jordan": a bare role gives way to a
             * known actor later in the clause. */
            if (v->mn[m].agent_only) {
                if (first_agent < 0) first_agent = m;
                i = v->mn[m].end - 1;
                continue;
            }
            return m;
        }
        /* "Gollum allowed that Mordor isn't ...", "warned that Japan would":
         * with nothing found in the verb's own clause, the subject of its
         * that-clause is the target, as in TABARI and PETRARCH.  Only a
         * "that" close to the verb opens its complement ("expressed hopes on
         * Thursday that"); a later one is a relative clause ("activities
         * that Washington asserts") or belongs to another verb. */
        if (tok_is(t, "and") || tok_is(t, "but") || tok_is(t, "or")) conj = true;
        if (tok_is(t, "that") && first_agent < 0 && i <= ve + 3 && !conj) {
            for (uint32_t j = i + 1; j < s->ntok && j <= i + 3; j++) {
                int mj = v->mention_at[j];
                if (mj >= 0) {
                    if (src >= 0 && v->mn[mj].group == v->mn[src].group) break;
                    return mj;
                }
                if (!dy_in_list(s->toks[j].norm, determiners)) break;
            }
            break;
        }
        /* A comma ends the search too: "After Japan criticized the plan, Russia ..." */
        if (dy_is_break(t) || tok_is(t, ",") || dy_in_list(t->norm, clause_openers)) break;
    }
    return first_agent;
}

/* "by Y" after a passive verb. */
static int find_agent(const dy_view *v, uint32_t ve) {
    const dy_sentence *s = v->s;
    for (uint32_t i = ve; i < s->ntok && i < ve + 4; i++) {
        if (dy_is_break(&s->toks[i])) break;
        if (!tok_is(&s->toks[i], "by")) continue;
        for (uint32_t j = i + 1; j < s->ntok && j <= i + 3; j++) {
            if (v->mention_at[j] >= 0) return v->mention_at[j];
            if (dy_is_break(&s->toks[j])) break;
        }
    }
    return -1;
}

/* Can pronoun kind pron stand for mention m?  "he"/"she": one actor that is
 * not a bare country nor a plural ("Israeli troops", "Slovak police,
 * Interpol and Belgian police"); "it"/"they": not a named person. */
static bool pronoun_fits(const dy_view *v, int m, int pron) {
    const dy_mention *mn = &v->mn[m];
    if (pron == 3) return !mn->person;
    if (strlen(mn->code) == 3 && dy_cameo_is_country(mn->code)) return false;
    if ((m > 0 && v->mn[m - 1].group == mn->group) || ((size_t)m + 1 < v->nmn && v->mn[m + 1].group == mn->group))
        return false;
    const dy_token *last = &v->s->toks[mn->end - 1];
    size_t n = strlen(last->norm);
    return !(n > 3 && last->norm[n - 1] == 's' && !(last->flags & DY_TF_CAP));
}

/* The actor a pronoun at token `before` stands for, from this sentence: the
 * source of its latest event before the pronoun ("Russia said it would",
 * "Calenardhon urged Bree ... and then it requested"), among the actors
 * pronoun_fits allows.  -1: none, and story memory decides (a mention
 * across a comma is not enough: in "... British troops ...," he said" the
 * speaker is someone else). */
static int sentence_antecedent(const dy_view *v, const dy_coded *ev, size_t nev, uint32_t before,
                               int pron) {
    for (size_t k = nev; k-- > 0;) {
        int m = ev[k].src;
        if (m < 0 || v->mn[m].end > before) continue;
        if (!pronoun_fits(v, m, pron)) continue;
        return m;
    }
    /* Else the first actor of the stretch that runs up to the pronoun with no
     * comma, quote or clause break in it ("Ethiopia indicated it would"). */
    int first = -1;
    for (long i = (long)before - 1; i >= 0; i--) {
        const dy_token *t = &v->s->toks[i];
        if (dy_is_break(t) || tok_is(t, ",")) break;
        int m = v->mention_at[i];
        if (m < 0 || v->mn[m].agent_only || v->paren[i] || !pronoun_fits(v, m, pron)) continue;
        first = m;
    }
    return first;
}

static bool speech_verb(const dy_view *v, uint32_t vs) { return dy_in_list(v->s->toks[vs].norm, speech); }

/* Bare roles and agent-only mentions ("the foreign minister") take the
 * country of the last actor that held that role in the story. */
static void resolve_code(dy_coder_state *st, const dy_mention *m, char *out, size_t n) {
    /* TABARI's CONVERT AGENTS: "Security forces" is the actor ~MIL. */
    if (st->convert_agents && m->agent_only) {
        const char *dash = strstr(m->code, "---");
        if (dash) { snprintf(out, n, "~%.*s%s", (int)(dash - m->code), m->code, dash + 3); return; }
    }
    if (m->agent_only && strncmp(m->code, "---", 3) == 0) {
        size_t found = st->nroles;
        for (size_t i = st->nroles; i-- > 0;)
            if (strcmp(st->roles[i].agent, m->code + 3) == 0) { found = i; break; }
        /* "the chancellor" after "Chancellor Gordon Brown": the title names
         * the person, whoever held a role of the same agent code since
         * ("the Kenyan Government").  Only a choice among the story's
         * countries where the agent code alone gives one; off for the
         * validation suites, whose records follow the agent code alone. */
        const char *title = st->cur_toks && !st->petrarch_phrases && !st->tabari_clauses && m->end > m->start
                                ? st->cur_toks[m->end - 1].norm : NULL;
        if (found < st->nroles && title && strlen(title) >= 4 && strlen(title) < 40) {
            char key[48];
            snprintf(key, sizeof key, " %s ", title);
            for (size_t i = st->nroles; i-- > 0;)
                if (strstr(st->roles[i].words, key)) {
                    snprintf(out, n, "%.3s%s", st->roles[i].code, m->code + 3);
                    return;
                }
        }
        if (found < st->nroles) { snprintf(out, n, "%s", st->roles[found].code); return; }
    }
    snprintf(out, n, "%s", m->code);
}

/* A code whose sector is the media ("GBRMED", "IRQGOVMED"): agents come in
 * three-letter groups after the three-letter root. */
static bool media_code(const char *code) {
    for (size_t n = strlen(code), i = 3; i + 3 <= n; i += 3)
        if (!strncmp(code + i, "MED", 3)) return true;
    return false;
}

static bool recent(const dy_coder_state *st, uint32_t set_in) { return st->sent_no - set_in <= 1; }

static void remember(dy_coder_state *st, const dy_sentence *s, const dy_mention *m) {
    if (m->agent_only) return;
    /* A news outlet or journalist is who reports, rarely whom the next
     * sentence's "he" or "it" means ("Interfax ... she had defended"; 6 of 6
     * such events in bench_world_news were wrong): story memory skips them. */
    bool media = media_code(m->code);
    if (!media) {
        snprintf(st->last_actor, sizeof st->last_actor, "%s", m->code);
        st->actor_sent = st->sent_no;
    }
    if (m->person && !media) {
        snprintf(st->last_person, sizeof st->last_person, "%s", m->code);
        st->person_sent = st->sent_no;
    }
    size_t len = strlen(m->code);
    if (m->country[0] && len > 3 && len - 3 < sizeof st->roles[0].agent) {
        if (st->nroles == DY_ARRAY_LEN(st->roles)) {
            memmove(st->roles, st->roles + 1, sizeof st->roles[0] * (DY_ARRAY_LEN(st->roles) - 1));
            st->nroles--;
        }
        size_t k = st->nroles++;
        snprintf(st->roles[k].agent, sizeof st->roles[k].agent, "%s", m->code + 3);
        snprintf(st->roles[k].code, sizeof st->roles[k].code, "%s", m->code);
        /* its words, for a later bare title; only where the code begins
         * with the country ("GBRELI", not "IGOUNO") */
        char *w = st->roles[k].words;
        size_t cap = sizeof st->roles[k].words, used = 0;
        w[0] = '\0';
        if (strncmp(m->code, m->country, 3) == 0) {
            used = (size_t)snprintf(w, cap, " ");
            for (uint32_t i = m->start; i < m->end && i < s->ntok; i++) {
                size_t l = strlen(s->toks[i].norm);
                if (used + l + 2 > cap) break;
                memcpy(w + used, s->toks[i].norm, l);
                used += l;
                w[used++] = ' ';
                w[used] = '\0';
            }
        }
    }
}

/* Codes that make no event between them: the same actor, or a bare country
 * and one of its own actors ("British MPs ... Britain", "Japan's minister
 * visited Tokyo"). */
static bool same_side(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    if (strcmp(a, b) == 0) return true;
    return (la == 3 && lb > 3 && strncmp(a, b, 3) == 0 && dy_cameo_is_country(a)) ||
           (lb == 3 && la > 3 && strncmp(a, b, 3) == 0 && dy_cameo_is_country(b));
}

static size_t emit(dy_coded *ev, size_t nev, size_t max, int src, int tgt, const char *code,
                   uint32_t vs, uint32_t ve, const char *file, uint32_t line,
                   const char *src_code, const char *tgt_code) {
    if (nev >= max) return nev;
    if (tgt_code) {
        size_t lt = strlen(tgt_code);
        if (same_side(src_code, tgt_code)) return nev;
        /* Telling the press is how a statement is made, not whom it concerns. */
        if (code[0] == '0' && code[1] == '1' && lt >= 3 && strcmp(tgt_code + lt - 3, "MED") == 0) return nev;
    }
    for (size_t i = 0; i < nev; i++)
        if (strcmp(ev[i].code, code) == 0 && strcmp(ev[i].src_code, src_code) == 0 &&
            strcmp(ev[i].tgt_code, tgt_code ? tgt_code : "") == 0)
            return nev;
    dy_coded *e = &ev[nev];
    memset(e, 0, sizeof *e);
    e->src = src;
    e->tgt = tgt;
    snprintf(e->code, sizeof e->code, "%s", code);
    e->vstart = vs;
    e->vend = ve;
    e->file = file;
    e->line = line;
    snprintf(e->src_code, sizeof e->src_code, "%s", src_code);
    snprintf(e->tgt_code, sizeof e->tgt_code, "%s", tgt_code ? tgt_code : "");
    return nev + 1;
}

/* emit() for every pair of the codes of a multi-code actor entry: "THE_SHIRE
 * [FRO/BIL/SAM]" is a compound of three actors in one phrase. */
static size_t emit_each(dy_coded *ev, size_t nev, size_t max, int src, int tgt, const char *code,
                        uint32_t vs, uint32_t ve, const char *file, uint32_t line,
                        const char *src_code, const char *tgt_code) {
    char sparts[48], tparts[48];
    snprintf(sparts, sizeof sparts, "%s", src_code);
    snprintf(tparts, sizeof tparts, "%s", tgt_code ? tgt_code : "");
    for (char *a = sparts, *an; a; a = an) {
        an = strchr(a, '/');
        if (an) *an++ = '\0';
        if (!tgt_code) { nev = emit(ev, nev, max, src, tgt, code, vs, ve, file, line, a, NULL); continue; }
        for (char *b = tparts, *bn; b; b = bn) {
            bn = strchr(b, '/');
            if (bn) *bn = '\0';
            nev = emit(ev, nev, max, src, tgt, code, vs, ve, file, line, a, b);
            if (bn) *bn++ = '/';
        }
    }
    return nev;
}

/* The most specific of verb's patterns that matches at [vs, ve) (the
 * first: they are in descending score order), or NULL (then *bm is zeroed).  Matching reads only the sentence's tokens and
 * mentions, never the parse or what earlier verbs consumed. */
static const dy_pattern *best_pattern(const dy_view *v, const dy_verb *verb, uint32_t vs, uint32_t ve,
                                      dy_wordset sbits, dy_pmatch *bm) {
    dy_pmatch pm;
    memset(bm, 0, sizeof *bm);
    for (uint32_t k = 0; k < verb->npats; k++) {
        if (dy_wordset_lacks(sbits, verb->pats[k].need)) continue;   /* a word it needs is not in the sentence */
        if (!dy_pattern_match(v, &verb->pats[k], vs, ve, &pm)) continue;
        *bm = pm;
        return &verb->pats[k];
    }
    return NULL;
}

/* Can a pronoun of s bring in an actor its sentence does not name?  Only
 * from story memory (the sentence before, as the coding loop reads it, or
 * TABARI's forwarded actor), or "we"/"I" from a speaker: a pronoun that
 * stands for a mention of its own sentence adds no second actor.  With one
 * known actor and no such memory, three in five of the sentences the
 * pronoun test let through were parsed for nothing. */
static bool pronoun_adds_actor(const dy_coder_state *st, const dy_sentence *s) {
    bool person = recent(st, st->person_sent) && st->last_person[0];
    bool actor = recent(st, st->actor_sent) && st->last_actor[0];
    bool fwd = st->forward && st->forward_actor[0];
    for (uint32_t i = 0; i < s->ntok; i++) {
        int pk = pronoun_kind(&s->toks[i]);
        if (pk == 2 || (pk == 1 && (person || fwd)) || (pk == 3 && (actor || fwd))) return true;
    }
    return false;
}

/* Parsing is most of the cost of coding, so a sentence is parsed only when
 * it can yield an event that is kept.  With dyads required, that needs a
 * verb whose reading codes an event and an actor that is (or resolves to) a
 * known one, plus a second such actor or a pronoun for one.  The test is a
 * superset of what the coding loop can emit: pattern matching is independent
 * of the parse and of what earlier verbs consumed, and the loop only skips
 * more.  Suite options that make events out of less fall back to the wider
 * test: any verb and two mentions, or one and a pronoun. */
static bool worth_parsing(const dy_view *v, dy_coder_state *st, dy_wordset sbits) {
    const dy_sentence *s = v->s;
    /* a new actor may be any phrase: parse every sentence */
    if (st->new_actor_length > 0) return true;
    if (!st->require_dyad || st->default_source[0] || st->default_target[0])
        return v->nmn >= 2 || (v->nmn == 1 && has_pronoun(s));
    /* Two known actors count only when some pair of them can make an event
     * (same_side): "Britain ... British MPs" is one side. */
    char codes[8][24];
    size_t known = 0;
    bool pair = false;
    for (size_t m = 0; m < v->nmn && !pair; m++) {
        char *code = codes[known < 8 ? known : 7];
        resolve_code(st, &v->mn[m], code, sizeof codes[0]);
        /* "RUS/---": a multi-code actor may be known in one of its codes */
        bool multi = strchr(code, '/') != NULL;
        if (strncmp(code, "---", 3) != 0 || multi || (st->agent_dyads && code[3])) {
            for (size_t j = 0; j < known && j < 7 && !pair; j++)
                pair = multi || strchr(codes[j], '/') || st->agent_dyads || st->convert_agents ||
                       !same_side(codes[j], code);
            if (known == 7) pair = true;   /* more than the buffer holds: do not look closer */
            known++;
        }
    }
    if (known < 1 || (!pair && !pronoun_adds_actor(st, s))) return false;
    for (uint32_t i = 0; i < s->ntok; i++) {
        if (v->mention_at[i] >= 0) continue;
        size_t vlen = 0;
        const dy_verb *verb = dy_dict_verb_at(v->env->dict, s->toks, v->keys, s->ntok, i, &vlen);
        if (!verb || dy_dict_not_verb(v->env->dict, &v->keys[i])) continue;
        /* Matching is needed only when the patterns that may apply disagree
         * with the bare verb about whether an event is coded. */
        bool bare = verb->code[0] != '-' && dy_cameo_is_event_code(verb->code), mixed = false;
        for (uint32_t k = 0; k < verb->npats && !mixed; k++)
            if (!dy_wordset_lacks(sbits, verb->pats[k].need))
                mixed = (verb->pats[k].code[0] != '-' && dy_cameo_is_event_code(verb->pats[k].code)) != bare;
        if (!mixed) {
            if (bare) return true;
            continue;
        }
        dy_pmatch bm;
        const dy_pattern *best = best_pattern(v, verb, i, i + (uint32_t)vlen, sbits, &bm);
        const char *code = best ? best->code : verb->code;
        if (code[0] != '-' && dy_cameo_is_event_code(code)) return true;
    }
    return false;
}

/* Can a list of actors do this to each other with no target named?
 * "Russia and Japan agreed / met / signed / normalized relations / clashed"
 * is mutual; "France and Sweden said / urged / praised / criticized /
 * threatened" is not about each other. */
static bool joint_action(const char *code) {
    static const char *const prefixes[] = {"03", "04", "050", "054", "057", "06", "08", "16", "19", NULL};
    for (const char *const *p = prefixes; *p; p++)
        if (strncmp(code, *p, strlen(*p)) == 0) return true;
    return false;
}

/* PETRARCH's comma-delimited clauses (comma_* options): marks in drop[]
 * the tokens of the opening phrase (up to the first comma), of a phrase
 * between two commas and of the closing one (after the last comma, not
 * counting the full stop) whose length in words is above the option's
 * minimum and at most its maximum (a maximum of 0 turns that kind off).
 * PETRARCH removes such a clause from the parse: its verbs code nothing
 * ("..., a senior official said on Saturday."). */
static bool plain_word(const dy_token *t) {
    static const char *const closed[] = {"the", "a", "an", "it", "he", "she", "they", "we", "i", "you", "who",
                                         "which", "that", "and", "but", "or", "nor", "said", "says", "this",
                                         "these", "those", "his", "her", "its", "their", NULL};
    if (t->flags & (DY_TF_CAP | DY_TF_PUNCT | DY_TF_NUMBER | DY_TF_QUOTE)) return false;
    return t->norm[0] >= 'a' && t->norm[0] <= 'z' && !dy_in_list(t->norm, closed);
}

/* "restore complete, full diplomatic ties": a comma between two plain
 * lower-case words joins modifiers of one noun phrase; it delimits no
 * clause. */
static bool comma_in_phrase(const dy_sentence *s, uint32_t i) {
    return i > 0 && i + 1 < s->ntok && plain_word(&s->toks[i - 1]) && plain_word(&s->toks[i + 1]);
}

static void petrarch_commas(const dy_coder_state *st, const dy_sentence *s, uint8_t *drop) {
    memset(drop, 0, s->ntok);
    if (!st->pcomma_on) return;
    uint32_t commas[64], nc = 0;
    for (uint32_t i = 0; i < s->ntok && nc < 64; i++)
        if (tok_is(&s->toks[i], ",") && !comma_in_phrase(s, i)) commas[nc++] = i;
    if (!nc) return;
    uint32_t end = s->ntok;
    while (end > 0 && (s->toks[end - 1].flags & (DY_TF_PUNCT | DY_TF_QUOTE))) end--;
    for (uint32_t k = 0; k <= nc; k++) {
        uint32_t a = k == 0 ? 0 : commas[k - 1] + 1, b = k == nc ? end : commas[k];
        int lo = k == 0 ? st->pcomma[2] : k == nc ? st->pcomma[4] : st->pcomma[0];
        int hi = k == 0 ? st->pcomma[3] : k == nc ? st->pcomma[5] : st->pcomma[1];
        int words = 0;
        for (uint32_t i = a; i < b; i++)
            if (!(s->toks[i].flags & (DY_TF_PUNCT | DY_TF_QUOTE)) && s->toks[i].norm[0] != '\'') words++;
        if (hi > 0 && words > lo && words <= hi)
            for (uint32_t i = a; i < b; i++) drop[i] = 1;
    }
}

/* Words as TABARI counts them for MINIMUM WORDS: a comma is a word, a
 * clitic ("'s") is part of the word before it, other punctuation is none. */
static int sentence_words(const dy_sentence *s) {
    int n = 0;
    for (uint32_t i = 0; i < s->ntok; i++) {
        const dy_token *t = &s->toks[i];
        if (tok_is(t, ",")) { n++; continue; }
        if (t->norm[0] == '\'' || (t->flags & (DY_TF_PUNCT | DY_TF_QUOTE))) continue;
        n++;
    }
    return n;
}

size_t dy_code_sentence(const dy_coder_env *env, dy_coder_state *st, const dy_sentence *s,
                        const char *text, const dy_tokkey *keys, int32_t date,
                        dy_mention *mentions, size_t *nmentions, dy_coded *events,
                        size_t max_events) {
    st->sent_no++;
    if (st->min_words && sentence_words(s) < st->min_words) {
        explainf(st, "  note   %d words, under the minimum of %d: not coded\n", sentence_words(s), st->min_words);
        *nmentions = 0;
        return 0;
    }
    /* Not zeroed whole: only the entries of this sentence's tokens are used. */
    dy_view vbuf, *v = &vbuf;
    dy_sentence clipped = *s;
    if (clipped.ntok > DY_VIEW_MAX_TOKENS) clipped.ntok = DY_VIEW_MAX_TOKENS;
    memset(v->paren, 0, clipped.ntok);
    memset(v->consumed, 0, clipped.ntok);
    v->syn.on = false;
    v->env = env;
    v->s = &clipped;
    v->keys = keys;
    size_t nmn = dy_build_mentions(env, &clipped, keys, date, mentions, DY_MAX_MENTIONS);
    st->cur_toks = clipped.toks;
    *nmentions = nmn;
    v->mn = mentions;
    v->nmn = nmn;
    for (uint32_t i = 0; i < clipped.ntok; i++) v->mention_at[i] = -1;
    for (size_t m = 0; m < nmn; m++)
        for (uint32_t i = mentions[m].start; i < mentions[m].end; i++) v->mention_at[i] = (int16_t)m;
    mark_parens(v);

    if (st->explain) {
        char buf[256];
        for (size_t m = 0; m < nmn; m++) {
            span_text(v, text, mentions[m].start, mentions[m].end, buf, sizeof buf);
            explainf(st, "  actor  [%u,%u) %-12s group %u \"%s\" (%s:%u)\n", mentions[m].start,
                     mentions[m].end, mentions[m].code, mentions[m].group, buf,
                     mentions[m].file ? mentions[m].file : "", mentions[m].line);
        }
    }

    size_t nev = 0;
    uint8_t comma_drop[DY_VIEW_MAX_TOKENS];
    petrarch_commas(st, &clipped, comma_drop);
    v->syn.on = false;
    dy_wordset sbits = dy_dict_sentence_bits(keys, clipped.ntok);
    bool worth = worth_parsing(v, st, sbits);
    /* TABARI's clause model has no parser (clauses.c) */
    if (worth && !st->tabari_clauses && dy_syn_build(v, st, text) && st->explain) explain_parse(st, v);
    /* With dyads required, a sentence not worth parsing has nothing to
     * keep: the loop below would only explain why. */
    bool strict = st->require_dyad && !st->default_source[0] && !st->default_target[0];
    /* TABARI's clause model, for its validation suite only (clauses.c). */
    if (st->tabari_clauses) nev = dy_code_clauses(v, st, text, sbits, events, max_events);
    for (uint32_t i = 0; !st->tabari_clauses && i < clipped.ntok && (worth || !strict || st->explain); i++) {
        if (v->mention_at[i] >= 0 || v->consumed[i]) continue;
        size_t vlen = 0;
        const dy_verb *verb = dy_dict_verb_at(env->dict, clipped.toks, keys, clipped.ntok, i, &vlen);
        if (!verb) continue;
        uint32_t vs = i, ve = i + (uint32_t)vlen;
        const dy_token *vt = &clipped.toks[vs];
        if (comma_drop[vs]) {
            explainf(st, "  verb   \"%s\" (%s): in a comma-delimited clause the comma_* options drop\n", vt->form,
                     verb->lemma);
            continue;
        }
        if (dy_dict_not_verb(env->dict, &keys[vs])) {
            explainf(st, "  verb   \"%s\" (%s): listed as a noun or adjective, skipped\n", vt->form, verb->lemma);
            continue;
        }
        if (modal_auxiliary(v, vs, ve)) {
            explainf(st, "  verb   \"%s\" (%s): a modal before another verb, skipped\n", vt->form, verb->lemma);
            continue;
        }
        dy_pmatch bm;
        bool spelled;
        const dy_pattern *best = dy_coder_verb_reading(v, verb, vs, ve, sbits, &bm, &spelled);
        if (!spelled && noun_usage(v, vs)) {
            explainf(st, "  verb   \"%s\" (%s): noun after a determiner, skipped\n", vt->form, verb->lemma);
            continue;
        }
        if (!spelled && !st->petrarch_phrases && !st->tabari_clauses && attributive_participle(v, vs, ve)) {
            explainf(st, "  verb   \"%s\" (%s): an adjective of the actor after it, skipped\n", vt->form, verb->lemma);
            continue;
        }
        const char *code = best ? best->code : verb->code;
        const char *file = best ? best->file : verb->file;
        uint32_t line = best ? best->line : verb->line;
        if (!best) { bm.src = bm.tgt = -1; bm.nused = 0; bm.tgt_root = false; }
        if (code[0] == '-' || !dy_cameo_is_event_code(code)) {
            explainf(st, "  verb   \"%s\" (%s): %s, no event\n", vt->form, verb->lemma,
                     best ? "blocked by pattern" : "bare verb has no code");
            continue;
        }
        for (int k = 0; k < bm.nused; k++) if (bm.used[k] < clipped.ntok) v->consumed[bm.used[k]] = 1;
        if (negated(v, vs, &bm)) {
            explainf(st, "  verb   \"%s\" %s (%s:%u): negated, no event\n", vt->form, code, file, line);
            continue;
        }
        const char *why = hypothetical(v, vs, &bm);
        if (!why && infinitive_of_event(v, vs, events, nev)) why = "infinitive of an event already coded";
        if (!why && st->petrarch_phrases && subordinate_of_event(v, vs, events, nev))
            why = "in a subordinate clause of an event already coded";
        if (!why && background_year(v, vs, ve, date)) why = "placed in an earlier year (background)";
        /* "ready to meet X": the intent, when CAMEO has one for the act */
        bool intent = false;
        if (!why && !st->petrarch_phrases) {
            int unreal = unrealized_infinitive(v, vs, &bm);
            const char *ic = unreal == INTENDED ? intent_code(code) : NULL;
            if (ic) {
                explainf(st, "  verb   \"%s\" %s: an infinitive of intent, coded %s\n", vt->form, code, ic);
                code = ic;
                intent = true;
            } else if (unreal) {
                why = "an infinitive of a plan, schedule or wish";
            }
        }
        if (why) {
            explainf(st, "  verb   \"%s\" %s (%s:%u): %s, no event\n", vt->form, code, file, line, why);
            continue;
        }
        int syn_agent = -1;
        bool pass = v->syn.on ? dy_syn_passive(v, vs, &syn_agent) : passive(v, vs);
        /* PETRARCH swaps the roles only when a "by" phrase names the agent;
         * otherwise its subject is the source ("The Philippines was
         * criticized over its dispute with Eriador": PHL -> ERI). */
        if (pass && st->passive_needs_agent && syn_agent < 0 && find_agent(v, ve) < 0 &&
            dy_syn_passive_subject(v, vs) >= 0) {
            explainf(st, "  verb   \"%s\": passive without an agent, read as active\n", vt->form);
            pass = false;
        }
        int src = bm.src, tgt = bm.tgt, pron = 0;
        uint32_t pron_at = vs;
        /* "- * WITH % [031]": a compound after the verb is both sides only
         * when the verb has no subject of its own; "Eriador agrees with the
         * Philippines and France" is Eriador's agreement with each. */
        if (src >= 0 && src == tgt && mentions[src].start >= ve) {
            int p2 = 0, subj = v->syn.on ? dy_syn_subject(v, vs, &p2) : -1;
            uint32_t p2_at;
            if (subj == -1 && !v->syn.on) subj = find_source(v, vs, &p2, &p2_at);
            if (subj >= 0 && mentions[subj].group != mentions[tgt].group) src = subj;
        }
        bool pattern_target = tgt >= 0;
        /* The parse names a subject that is no actor ("the clashes,
         * shattering a ceasefire negotiated by Washington, threatened ...",
         * "Mr Clarke said Algeria, Tunisia ..."): the nearest mention is then
         * someone else, so no surface rule may stand in for the subject. */
        bool other_subject = false;
        if (src < 0 && !pass && v->syn.on) {
            int ptok = -1;
            src = dy_syn_subject(v, vs, &ptok);
            if (src == DY_SYN_NOT_ACTOR) { other_subject = true; src = -1; }
            if (src < 0 && ptok >= 0) { pron = pronoun_kind(&clipped.toks[ptok]); pron_at = (uint32_t)ptok; }
        }
        if (src < 0 && pass && syn_agent >= 0) src = syn_agent;
        if (tgt < 0 && !pass && v->syn.on) {
            int o = dy_syn_object(v, vs, st->place_targets || place_target_ok(code), st->petrarch_phrases);
            if (o >= 0 && (src < 0 || mentions[o].group != mentions[src].group)) tgt = o;
        }
        /* "Russia criticized Japan and praised China": a verb right after
         * "and"/"but" shares the subject of the sentence's previous event. */
        if (src < 0 && !other_subject && nev > 0 && vs > 0 && events[nev - 1].src >= 0 &&
            (tok_is(&clipped.toks[vs - 1], "and") || tok_is(&clipped.toks[vs - 1], "but")))
            src = events[nev - 1].src;
        /* "Japan was praised by China": a pattern's + after a passive verb
         * lands on the by-agent, which is the source. */
        if (pass && pattern_target) {
            int ag = src >= 0 ? src : syn_agent >= 0 ? syn_agent : find_agent(v, ve);
            if (ag >= 0 && mentions[ag].group == mentions[tgt].group) {
                src = ag;
                pattern_target = false;
                tgt = -1;
            }
        }
        if (pass) {
            if (src < 0) src = find_agent(v, ve);
            if (!pattern_target) {
                int p2, subj = v->syn.on ? dy_syn_subject(v, vs, &p2) : -1;
                tgt = subj >= 0 ? subj : subj == DY_SYN_NOT_ACTOR ? -1 : find_source(v, vs, &p2, &pron_at);
            }
        } else if (src < 0 && !pron && !other_subject) {
            src = find_source(v, vs, &pron, &pron_at);
        }
        /* "an anti-Japan rally" ("- ANTI_ + *"): the actor the pattern made
         * the target is not also the source; look before it. */
        if (pattern_target && bm.src < 0 && !pass && src >= 0 && mentions[src].group == mentions[tgt].group) {
            uint32_t first = mentions[tgt].start;
            for (size_t m = 0; m < nmn; m++)
                if (mentions[m].group == mentions[tgt].group) { first = DY_MIN(first, mentions[m].start); }
            pron = 0;
            src = find_source(v, first, &pron, &pron_at);
        }
        /* "…," said Lavrov. */
        if (src < 0 && !pron && !other_subject && speech_verb(v, vs) && ve < clipped.ntok && v->mention_at[ve] >= 0)
            src = v->mention_at[ve];
        /* "After meeting Lavrov, Motegi said": an opening participle clause
         * takes the subject of the main clause. */
        if (src < 0 && !pron && !other_subject) {
            uint32_t c = ve;
            while (c < clipped.ntok && !tok_is(&clipped.toks[c], ",") && !dy_is_break(&clipped.toks[c])) c++;
            if (c + 1 < clipped.ntok && tok_is(&clipped.toks[c], ",") && v->mention_at[c + 1] >= 0 && vs < 4)
                src = v->mention_at[c + 1];
        }
        /* "it was important that ...": an "it" before a form of "be" that is
         * not this verb's own auxiliary stands for nothing. */
        bool expletive = pron == 3 && tok_is(&clipped.toks[pron_at], "it") && pron_at + 2 < clipped.ntok &&
                         dy_in_list(clipped.toks[pron_at + 1].norm, be_forms) && pron_at + 2 != vs;
        if (src < 0 && (pron == 1 || pron == 3) && !expletive) {
            int a = sentence_antecedent(v, events, nev, pron_at, pron);
            if (a >= 0) {
                explainf(st, "  verb   \"%s\": pronoun subject stands for %s, earlier in the sentence\n",
                         vt->form, mentions[a].code);
                src = a;
                pron = 0;
            }
        }
        bool buried = false;   /* the target found was dropped as buried (below) */
        /* A bare speech verb coded otherwise (TABARI's "SAID [023]") is a
         * statement too, but only as the frame of a later event: "Estonia
         * said it would act" codes the act; ", an official said" stays. */
        int statement = strcmp(code, "010") == 0 ? 1 : (!best && dy_in_list(vt->norm, plain_speech)) ? 2 : 0;
        /* A plain statement is about what was said, not about the next
         * actor in the sentence: its target is the addressee or topic right
         * after the verb ("told Abe", "commented on Japan's plans"). */
        if (statement == 1 && !pattern_target) {
            tgt = -1;
            for (uint32_t j = ve; j < clipped.ntok && j <= ve + 1; j++) {
                int m = v->mention_at[j];
                if (m >= 0) { if (mentions[m].start == j && (src < 0 || mentions[m].group != mentions[src].group)) tgt = m; break; }
                if (dy_is_break(&clipped.toks[j]) || tok_is(&clipped.toks[j], ",")) break;
            }
        } else if (tgt < 0 && !pass) {
            tgt = find_target(v, ve, src, st->place_targets || place_target_ok(code));
            /* The next mention is not the target when the parse buries it
             * in the object or in another verb's clause (syntax_roles.c);
             * PETRARCH's suite takes its first phrase whatever it is. */
            if (tgt >= 0 && !st->petrarch_phrases && dy_syn_buried_target(v, vs, ve, tgt)) {
                explainf(st, "  verb   \"%s\": %s lies deeper than its object, not the target\n", vt->form,
                         mentions[tgt].code);
                tgt = -1;
                buried = true;
            }
        }
        /* A passive's by-list is one side: "patrolled by U.S., French and
         * British planes" names a source and no target, whatever the
         * pattern's + landed on (members of one list code each other only
         * as a joint action, below). */
        if (tgt >= 0 && src >= 0 &&
            ((tgt == src && !pattern_target) || (pass && mentions[tgt].group == mentions[src].group)))
            tgt = -1;

        if (src >= 0 && neither_subject(v, src, &bm)) {
            explainf(st, "  verb   \"%s\" %s (%s:%u): subject opened by \"neither\", no event\n", vt->form, code,
                     file, line);
            continue;
        }
        /* "Al Jazeera reported that Wiranto was flown to a hospital", "BBC
         * political editor Andrew Marr said Mr Lammy was ...": a news
         * outlet's plain statement is the report itself, not an act towards
         * whom it reports on. */
        if (statement == 1 && src >= 0 && st->require_dyad && media_code(mentions[src].code)) {
            explainf(st, "  verb   \"%s\" %s (%s:%u): a news outlet's report, no event\n", vt->form, code, file, line);
            continue;
        }
        char src_code[48] = "", new_src[48] = "", new_tgt[48] = "";
        if (tgt < 0 && !pass && new_actor(v, vs, 1, st->new_actor_length, new_tgt, sizeof new_tgt))
            explainf(st, "  verb   \"%s\": new actor %s from its object\n", vt->form, new_tgt);
        if (src < 0) {
            const char *mem = NULL;
            /* TABARI's FORWARD: a pronoun before any actor of its sentence
             * is the first actor of the sentence before. */
            if ((pron == 1 || pron == 3) && st->forward && st->forward_actor[0] &&
                (nmn == 0 || pron_at < mentions[0].start))
                mem = st->forward_actor;
            /* Story memory only from the sentence before: further back, a
             * wire story's "he" or "it" is as often someone it named in
             * passing, a newspaper or a committee as the actor remembered
             * (15% of such events were right in a sample of 25). */
            else if (pron == 1) mem = recent(st, st->person_sent) ? st->last_person : NULL;
            else if (pron == 2) {
                int speaker = find_speaker(v);
                mem = speaker >= 0 ? mentions[speaker].code : recent(st, st->person_sent) ? st->last_person : NULL;
            }
            else if (pron == 3) mem = recent(st, st->actor_sent) ? st->last_actor : NULL;
            if ((!mem || !mem[0]) && st->default_source[0]) mem = st->default_source;
            if ((!mem || !mem[0]) && !pron && new_actor(v, vs, 0, st->new_actor_length, new_src, sizeof new_src)) {
                explainf(st, "  verb   \"%s\": new actor %s from its subject\n", vt->form, new_src);
                mem = new_src;
            }
            if (!mem || !mem[0]) {
                explainf(st, "  verb   \"%s\" %s (%s:%u): no source actor\n", vt->form, code, file, line);
                continue;
            }
            snprintf(src_code, sizeof src_code, "%s", mem);
        }
        size_t before = nev;
        /* Every (source, target) pair of the two compound groups. */
        size_t s0 = 0, s1 = 1, t0 = 0, t1 = 1;
        if (src >= 0) {
            s0 = (size_t)src;
            while (s0 > 0 && mentions[s0 - 1].group == mentions[src].group) s0--;
            s1 = s0;
            while (s1 < nmn && mentions[s1].group == mentions[src].group) s1++;
        }
        if (tgt >= 0) {
            t0 = (size_t)tgt;
            while (t0 > 0 && mentions[t0 - 1].group == mentions[tgt].group) t0--;
            t1 = t0;
            while (t1 < nmn && mentions[t1].group == mentions[tgt].group) t1++;
        }
        uint32_t ph_a, ph_b;
        /* "Russia and Japan agreed"; not when the verb's target lies
         * deeper ("China, Iran and Russia have pledged funds and Syria
         * ..." pledged nothing to each other). */
        bool reciprocal = tgt < 0 && src >= 0 && s1 - s0 >= 2 && !buried &&
                          !st->default_target[0] && joint_action(code);
        for (size_t a = s0; a < s1; a++) {
            char sc[48];
            if (src >= 0) resolve_code(st, &mentions[a], sc, sizeof sc);
            else snprintf(sc, sizeof sc, "%s", src_code);
            if (reciprocal) {
                for (size_t b = s0; b < s1; b++) {
                    if (a == b) continue;
                    char tc[48];
                    resolve_code(st, &mentions[b], tc, sizeof tc);
                    nev = emit_each(events, nev, max_events, (int)a, (int)b, code, vs, ve, file, line, sc, tc);
                }
                continue;
            }
            if (tgt < 0 && new_tgt[0]) {
                nev = emit(events, nev, max_events, src >= 0 ? (int)a : -1, -1, code, vs, ve, file, line, sc, new_tgt);
                const char *alt = intent ? "" : best ? best->alt_code : verb->alt_code;
                if (alt[0] && dy_cameo_is_event_code(alt))
                    nev = emit(events, nev, max_events, -1, src >= 0 ? (int)a : -1, alt, vs, ve, file, line, new_tgt, sc);
                continue;
            }
            if (tgt < 0 && st->petrarch_phrases && v->syn.on && !st->default_target[0] &&
                !dy_syn_phrase(v, vs, false, &ph_a, &ph_b)) {
                explainf(st, "  verb   \"%s\" %s: no target and no phrase after it, no event\n", vt->form, code);
                continue;
            }
            if (tgt < 0) {
                nev = emit_each(events, nev, max_events, src >= 0 ? (int)a : -1, -1, code, vs, ve, file, line, sc,
                                st->default_target[0] ? st->default_target : NULL);
                continue;
            }
            for (size_t b = t0; b < t1; b++) {
                char tc[48];
                resolve_code(st, &mentions[b], tc, sizeof tc);
                /* PETRARCH: "+" on Gondor of "the parliament of Gondor" (patterns.c) */
                if (bm.tgt_root && (int)b == bm.tgt && tgt == bm.tgt && mentions[b].root[0])
                    snprintf(tc, sizeof tc, "%s", mentions[b].root);
                nev = emit_each(events, nev, max_events, src >= 0 ? (int)a : -1, (int)b, code, vs, ve, file,
                           line, sc, tc);
                /* Paired codes, "LEFT_ [032:033]": the target does the second
                 * to the source (a visit is also a hosting). */
                const char *alt = intent ? "" : best ? best->alt_code : verb->alt_code;
                if (alt[0] && dy_cameo_is_event_code(alt) && !pass)
                    nev = emit_each(events, nev, max_events, (int)b, src >= 0 ? (int)a : -1, alt,
                               vs, ve, file, line, tc, sc);
            }
        }
        /* new_actor_length: "Eriador's death and injury toll has risen":
         * the subject's unknown conjunct is a source too. */
        char conj_src[48];
        /* "Ithilen's sheep and goats of Gondor warned": each conjunct of
         * the subject that stands for an actor is a source. */
        int cm = src >= 0 && !pass ? dy_syn_subject_conjunct_mention(v, vs) : -1;
        if (cm >= 0 && mentions[cm].group != mentions[src].group && (tgt < 0 || mentions[cm].group != mentions[tgt].group)) {
            resolve_code(st, &mentions[cm], conj_src, sizeof conj_src);
            explainf(st, "  verb   \"%s\": %s, a conjunct of its subject, is a source too\n", vt->form, conj_src);
            size_t upto = nev;
            for (size_t k = before; k < upto; k++)
                if (events[k].src >= 0 && mentions[events[k].src].group == mentions[src].group)
                    nev = emit(events, nev, max_events, cm, events[k].tgt, events[k].code, vs, ve, file, line, conj_src,
                               events[k].tgt_code[0] ? events[k].tgt_code : NULL);
        }
        if (src >= 0 && new_actor(v, vs, 2, st->new_actor_length, conj_src, sizeof conj_src)) {
            explainf(st, "  verb   \"%s\": new actor %s joined to its subject\n", vt->form, conj_src);
            size_t upto = nev;
            for (size_t k = before; k < upto; k++)
                if (events[k].src >= 0 && mentions[events[k].src].group == mentions[src].group)
                    nev = emit(events, nev, max_events, -1, events[k].tgt, code, vs, ve, file, line, conj_src,
                               events[k].tgt_code[0] ? events[k].tgt_code : NULL);
        }
        for (size_t k = before; k < nev; k++) {
            events[k].from_pronoun = src < 0;
            events[k].statement = statement;
            explainf(st, "  event  %s -> %s : %s via \"%s\"%s%s (%s:%u)\n", events[k].src_code,
                     events[k].tgt_code[0] ? events[k].tgt_code : "-", code, vt->form,
                     pass ? " [passive]" : "", src < 0 ? " [pronoun]" : "", file, line);
        }
    }

    /* TABARI's [###] / [+++] actor codes mark a sentence not to code. */
    for (size_t m = 0; m < nmn; m++)
        if (mentions[m].code[0] == '#' || mentions[m].code[0] == '+') {
            explainf(st, "  note   null-sentence actor code %s: no events\n", mentions[m].code);
            nev = 0;
        }
    /* A dyad needs two actors whose country or identity is known. */
    if (st->require_dyad) {
        size_t w = 0;
        for (size_t k = 0; k < nev; k++) {
            const dy_coded *e = &events[k];
            /* PETRARCH asks only for a source and a target: a bare agent
             * ("Russian police arrested students": RUSCOP/---EDU) is one. */
            bool src_ok = strncmp(e->src_code, "---", 3) || (st->agent_dyads && e->src_code[3]);
            bool tgt_ok = e->tgt_code[0] && (strncmp(e->tgt_code, "---", 3) || (st->agent_dyads && e->tgt_code[3]));
            if (!src_ok || !tgt_ok) {
                explainf(st, "  note   %s -> %s : %s dropped: not a dyad of known actors\n", e->src_code,
                         e->tgt_code[0] ? e->tgt_code : "-", e->code);
                continue;
            }
            events[w++] = *e;
        }
        nev = w;
    }
    /* A plain statement only when nothing more specific was coded. */
    uint32_t last_specific = 0;
    bool specific = false;
    for (size_t k = 0; k < nev; k++)
        if (!events[k].statement) { specific = true; last_specific = DY_MAX(last_specific, events[k].vstart); }
    if (specific) {
        size_t w = 0;
        for (size_t k = 0; k < nev; k++)
            if (!events[k].statement || (events[k].statement == 2 && events[k].vstart > last_specific))
                events[w++] = events[k];
        if (w != nev) explainf(st, "  note   %zu plain statement(s) dropped for a more specific event\n", nev - w);
        nev = w;
    }
    /* TABARI's CODE BY SENTENCE: the first verb that coded is the event. */
    if (st->code_by_sentence && nev > 1) {
        uint32_t first = events[0].vstart;
        for (size_t k = 1; k < nev; k++) first = DY_MIN(first, events[k].vstart);
        size_t w = 0;
        for (size_t k = 0; k < nev; k++)
            if (events[k].vstart == first) events[w++] = events[k];
        nev = w;
    }
    for (size_t m = 0; m < nmn; m++) remember(st, &clipped, &mentions[m]);
    st->cur_toks = NULL;   /* the tokens are the caller's, valid for this call only */
    if (st->forward) {
        for (size_t m = 0; m < nmn; m++) {
            if (!mentions[m].root[0]) continue;
            /* The suite's records take the first actor even after the verb,
             * and for "they" without a compound (TABARI manual 8.4 says
             * otherwise): FRWD-001-005, FRWD-002-003. */
            snprintf(st->forward_actor, sizeof st->forward_actor, "%s", mentions[m].root);
            break;
        }
    }
    return nev;
}

/* For clauses.c, which codes by TABARI's clauses with the same patterns,
 * actor codes and events. */
const dy_pattern *dy_coder_verb_reading(const dy_view *v, const dy_verb *verb, uint32_t vs, uint32_t ve,
                                        dy_wordset sbits, dy_pmatch *bm, bool *spelled) {
    const dy_pattern *best = best_pattern(v, verb, vs, ve, sbits, bm);
    *spelled = false;
    for (int k = 0; best && k < bm->nused; k++) if (vs > 0 && bm->used[k] == vs - 1) *spelled = true;
    /* "inching nearer to accord with" ("- INCHING &ACCORDSYN * [083]"): two
     * or more words the pattern names before the form, a verb's context
     * that a noun does not have, whatever the tagger says. */
    int before = 0;
    for (int k = 0; best && k < bm->nused; k++) if (bm->used[k] < vs) before++;
    if (before >= 2) *spelled = true;
    /* "has begun to question" ("- BEGUN * [212]"): a pattern word before an
     * infinitive marker. */
    if (before >= 1 && vs > 0 && strcmp(v->s->toks[vs - 1].norm, "to") == 0) *spelled = true;
    return best;
}
const dy_pattern *dy_coder_best_pattern(const dy_view *v, const dy_verb *verb, uint32_t vs, uint32_t ve,
                                        dy_wordset sbits, dy_pmatch *bm) {
    return best_pattern(v, verb, vs, ve, sbits, bm);
}
void dy_coder_resolve(dy_coder_state *st, const dy_mention *m, char *out, size_t n) { resolve_code(st, m, out, n); }
size_t dy_coder_emit_each(dy_coded *ev, size_t nev, size_t max, int src, int tgt, const char *code,
                          uint32_t vs, uint32_t ve, const char *file, uint32_t line,
                          const char *src_code, const char *tgt_code) {
    return emit_each(ev, nev, max, src, tgt, code, vs, ve, file, line, src_code, tgt_code);
}
