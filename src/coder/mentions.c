/* mentions.c — from dictionary matches to actor mentions and compound groups.
 *
 * A news actor is usually several dictionary matches in a row: "Russian"
 * (RUS) + "Foreign Minister" (~GOV) + "Sergey Lavrov" (RUSGOV), or
 * "Sudanese" (RUS) + "police" (~COP).  This file joins such runs into one
 * mention with one code, then joins mentions separated only by "," / "and"
 * into compound groups ("Saudi Arabia, Egypt and Bahrain"). */
#include <stdio.h>
#include <string.h>

#include "coder/internal.h"

static bool tok_is(const dy_token *t, const char *w) { return strcmp(t->norm, w) == 0; }

/* Non-overlapping choice among actor and agent matches: the longer span wins,
 * an actor wins a tie (it carries a country). */
static size_t choose(const dy_actor_match *m, size_t n, const dy_actor_match **out) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && m[i].start < out[k - 1]->end) {
            const dy_actor_match *p = out[k - 1];
            uint32_t lp = p->end - p->start, li = m[i].end - m[i].start;
            if (li > lp || (li == lp && m[i].kind == DY_M_ACTOR && p->kind != DY_M_ACTOR))
                out[k - 1] = &m[i];
            continue;
        }
        out[k++] = &m[i];
    }
    return k;
}

static bool is_null_code(const char *code) { return code[0] == '-' || code[0] == '\0'; }

/* Words that can never sit inside a name phrase ("Helsinki as Downing
 * Street", "Ankara while Zelenskiy" are two actors, not one). */
static bool function_word(const char *w) {
    static const char *const fw[] = {
        "with", "and", "or", "but", "of", "to", "in", "by", "as", "while", "when", "than", "that",
        "who", "which", "whom", "for", "on", "at", "from", "after", "before", "against", "over",
        "into", "about", "between", "since", "if", "because", "the", "a", "an", "is", "are", "was",
        "were", "has", "have", "had", "will", "would", "not", "n't", "said", "says", "told", NULL};
    for (const char *const *p = fw; *p; p++)
        if (strcmp(w, *p) == 0) return true;
    return false;
}

/* A plural noun, read from its ending ("ambassadors", "lawmakers", not
 * "press" or "status"). */
static bool plural_noun(const char *w) {
    size_t n = strlen(w);
    return n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i';
}

/* An adjective-like word inside a list ("the evil awful Gondor"): a plain
 * lower-case word that is neither a function word nor a verb. */
static bool modifier(const dy_coder_env *env, const dy_sentence *s, const dy_tokkey *keys, uint32_t i) {
    const dy_token *t = s->toks + i;
    size_t vlen;
    if (t->flags & (DY_TF_CAP | DY_TF_PUNCT | DY_TF_NUMBER | DY_TF_QUOTE)) return false;
    if (function_word(t->norm) || tok_is(t, "nor") || tok_is(t, "'s")) return false;
    /* A count starts a new noun phrase rather than qualifying a name ("in
     * Baghdad and three more Turkish drivers"). */
    static const char *const counts[] = {"one", "two", "three", "four", "five", "six", "seven", "eight",
                                         "nine", "ten", "more", "most", "many", "several", "some", "other",
                                         "dozens", "hundreds", "thousands", NULL};
    for (const char *const *c = counts; *c; c++)
        if (tok_is(t, *c)) return false;
    return !dy_dict_verb_at(env->dict, s->toks, keys, s->ntok, i, &vlen);
}

/* May the tokens between two matches be bridged inside one mention? */
static bool bridge(const dy_coder_env *env, const dy_sentence *s, const dy_tokkey *keys,
                   uint32_t from, uint32_t to, const dy_actor_match *prev, const dy_actor_match *next) {
    uint32_t gap = to - from;
    /* TABARI joins agents to actors, never two actors into one ("Arnor's
     * Elrond" is ARN and ELF, "Dagolath Osgiliath" DAG and OSG). */
    if (dy_dict_tabari_reading(env->dict) && prev->kind == DY_M_ACTOR && next->kind == DY_M_ACTOR) return false;
    if (gap == 0) return true;
    const dy_token *t = s->toks + from;
    if (gap == 1 && tok_is(t, "'s")) return true;
    /* "Ithilen's awful and evil minister Calimehtar": a country's agent
     * across the adjectives that describe it, one noun phrase, as PETRARCH
     * reads its noun phrases (with its dictionaries only: in news it makes
     * "Britain's highest court" GBRJUD, right, but the events that follow
     * were right in only about half of the bench sentences it changed). */
    if (gap >= 2 && gap <= 4 && tok_is(t, "'s") && prev->kind == DY_M_ACTOR && strlen(prev->code) == 3 &&
        next->kind == DY_M_AGENT && dy_dict_whole_words(env->dict)) {
        for (uint32_t i = from + 1; i < to; i++)
            if (!tok_is(&s->toks[i], "and") && !modifier(env, s, keys, i)) return false;
        return true;
    }
    /* TABARI: "former" between an actor and its agent ("Arnor former
     * security officials") is part of the pair (manual 5.4.1). */
    if (dy_dict_tabari_reading(env->dict) && gap == 1 && tok_is(t, "former") && prev->kind != next->kind)
        return true;
    /* "the foreign minister of Japan", "the president of the United States",
     * "protesters in Khartoum", "officials from Tokyo": an agent takes the
     * country of the place that follows it (with TABARI's dictionaries any
     * actor's: "human rights activists of Gonzo GMO"). */
    if (prev->kind == DY_M_AGENT && next->kind == DY_M_ACTOR &&
        (strlen(next->code) == 3 || dy_dict_tabari_reading(env->dict)) &&
        (tok_is(t, "of") || tok_is(t, "in") || tok_is(t, "from")) &&
        (gap == 1 || (gap == 2 && tok_is(t + 1, "the"))))
        return true;
    /* "Japanese counterpart Toshimitsu Motegi", "Japanese doctor Tetsu Nakamura":
     * a country adjective, a common noun or two, then a named actor. */
    if (prev->kind == DY_M_ACTOR && strlen(prev->code) == 3 && next->kind == DY_M_ACTOR &&
        strlen(next->code) > 3 && gap <= 2 && (s->toks[to].flags & DY_TF_CAP)) {
        for (uint32_t i = from; i < to; i++) {
            size_t vlen;
            if ((s->toks[i].flags & (DY_TF_CAP | DY_TF_PUNCT | DY_TF_NUMBER | DY_TF_QUOTE)) ||
                dy_dict_verb_at(env->dict, s->toks, keys, s->ntok, i, &vlen) ||
                function_word(s->toks[i].norm))
                return false;
        }
        return true;
    }
    return false;
}

static void agent_part(const char *code, char *suffix, size_t n, int *prefix) {
    size_t len = strlen(code);
    *prefix = 0;
    if (code[0] == '~') snprintf(suffix, n, "%s", code + 1);
    else if (len && code[len - 1] == '~') { snprintf(suffix, n, "%.*s", (int)(len - 1), code); *prefix = 1; }
    else snprintf(suffix, n, "%s", code);
}

/* a + b + c into out, truncated to fit. */
static void join(char *out, size_t n, const char *a, const char *b, const char *c) {
    size_t k = 0;
    for (const char *parts[] = {a, b, c}, **p = parts; p < parts + 3; p++)
        for (const char *q = *p; *q && k + 1 < n; q++) out[k++] = *q;
    out[k] = '\0';
}

/* Is part at a three-letter boundary of code ("GOV" of "USAGOV")? */
static bool aligned_in(const char *code, const char *part) {
    size_t n = strlen(code), m = strlen(part);
    for (size_t i = 0; i + m <= n; i += 3)
        if (!strncmp(code + i, part, m)) return true;
    return false;
}

/* Fills mn from a run of matches; pre / agents (24 bytes each) receive the
 * agent codes that go before / after the actor's root.  tabari: TABARI's
 * composition (manual 5.4), where agents join any actor, not only a
 * three-letter root ("West German [GMWGOV] world government [~WGO]" is
 * GMWGOVWGO), and "former" right before the actor or the agent of the pair
 * makes the agent ELI. */
static void finish_mention(dy_mention *mn, const dy_sentence *s, const dy_actor_match **run, size_t k,
                           char *pre, char *agents, bool tabari) {
    const dy_actor_match *named = NULL, *country = NULL;
    pre[0] = agents[0] = '\0';
    for (size_t i = 0; i < k; i++) {
        const dy_actor_match *m = run[i];
        if (m->kind != DY_M_ACTOR) continue;
        /* A three-letter root (a country, or a dictionary's own actor
         * root like a region) takes agents: "Calenardhon government". */
        if (strlen(m->code) == 3) { if (!country) country = m; }
        else named = m;
    }
    bool former = false;
    for (size_t i = 0; tabari && i < k; i++)
        former = former || (run[i]->start > 0 && tok_is(&s->toks[run[i]->start - 1], "former"));
    const dy_actor_match *root = tabari && named ? named : country;
    for (size_t i = 0; i < k; i++) {
        const dy_actor_match *m = run[i];
        if (m->kind == DY_M_ACTOR) continue;
        char part[24];
        int prefix;
        agent_part(m->code, part, sizeof part, &prefix);
        if (former) snprintf(part, sizeof part, "ELI");
        /* An agent code the root already has, on a three-letter boundary,
         * is not added again (TABARI manual 5.4: "Human rights activists
         * [NGM~] Amnesty International [NGM]" is NGM, not NGMNGM). */
        if (root && aligned_in(root->code, part)) continue;
        char *dst = prefix ? pre : agents;
        /* At most two agent codes: "opposition militants" -> OPPREB. */
        if (strlen(dst) + strlen(part) <= 6 && !strstr(dst, part)) strcat(dst, part);
    }
    const dy_actor_match *main = named ? named : country ? country : run[0];
    mn->file = main->file;
    mn->line = main->line;
    mn->entry = main->entry;
    if (named) {
        join(mn->code, sizeof mn->code, tabari ? pre : "", named->code, tabari ? agents : "");
        join(mn->root, sizeof mn->root, "", named->code, "");
    } else if (country) {
        join(mn->code, sizeof mn->code, pre, country->code, agents);
        join(mn->root, sizeof mn->root, "", country->code, "");
    } else {
        /* PETRARCH's convention for an agent whose country is unknown. */
        join(mn->code, sizeof mn->code, pre, "---", agents);
        mn->agent_only = 1;
    }
    dy_cameo_actor_country(mn->code, mn->country);
    /* A named individual: a capitalised dictionary name coding to a country
     * plus an agent (RUSGOV), as opposed to an organisation or a place. */
    if (named && strlen(named->code) >= 6 && mn->country[0]) {
        bool caps = true;
        for (uint32_t i = named->start; i < named->end; i++)
            if (!(s->toks[i].flags & DY_TF_CAP)) caps = false;
        mn->person = caps;
    }
}

size_t dy_build_mentions(const dy_coder_env *env, const dy_sentence *s, const dy_tokkey *keys,
                         int32_t date, dy_mention *out, size_t max) {
    dy_actor_match m[DY_MAX_MENTIONS * 2];
    size_t nm = dy_dict_match_actors(env->dict, s->toks, keys, s->ntok, date, m, DY_ARRAY_LEN(m));
    const dy_actor_match *ch[DY_MAX_MENTIONS * 2];
    size_t nc = choose(m, nm, ch);

    struct { char pre[24], agents[24]; bool agent_first, country_first, plural; } info[DY_MAX_MENTIONS];
    if (max > DY_MAX_MENTIONS) max = DY_MAX_MENTIONS;
    size_t n = 0;
    for (size_t i = 0; i < nc && n < max;) {
        if (is_null_code(ch[i]->code)) { i++; continue; }
        size_t j = i + 1;
        while (j < nc && !is_null_code(ch[j]->code) &&
               bridge(env, s, keys, ch[j - 1]->end, ch[j]->start, ch[j - 1], ch[j]))
            j++;
        dy_mention *mn = &out[n];
        memset(mn, 0, sizeof *mn);
        mn->start = ch[i]->start;
        mn->end = ch[j - 1]->end;
        finish_mention(mn, s, ch + i, j - i, info[n].pre, info[n].agents, dy_dict_tabari_reading(env->dict));
        /* "ambassadors of Arnor": agents, a preposition, then the country;
         * "Danish media": the country, then agents. */
        info[n].agent_first = j - i >= 2 && ch[i]->kind == DY_M_AGENT && ch[j - 1]->kind == DY_M_ACTOR &&
                              strlen(ch[j - 1]->code) == 3 && ch[j - 1]->start > ch[j - 2]->end;
        mn->root_at = info[n].agent_first ? ch[j - 1]->start : mn->start;
        info[n].country_first = j - i >= 2 && ch[i]->kind == DY_M_ACTOR && strlen(ch[i]->code) == 3 &&
                                ch[j - 1]->kind == DY_M_AGENT;
        info[n].plural = info[n].agent_first && plural_noun(s->toks[ch[i]->end - 1].norm);
        if (mn->code[0]) n++;
        i = j;
    }

    /* Compound groups: mentions separated by ",", "and", ", and", "&" or
     * "nor" ("Neither Russia nor China"), after the conjunction maybe a
     * determiner and adjectives ("Fornost and the evil awful Gondor").  A
     * comma followed by modifiers ("Mordor, the awful Fornost, and ...") is
     * also how an apposition looks ("Geneva, the Swiss city"), so it joins
     * only when the next mention joins with a conjunction: a list. */
    uint8_t kind[DY_MAX_MENTIONS] = {0};   /* boundary before i: 0 none, 1 join, 2 list-only join */
    bool tabari = dy_dict_tabari_reading(env->dict);
    bool conj[DY_MAX_MENTIONS] = {0};
    for (size_t i = 1; i < n; i++) {
        uint32_t a = out[i - 1].end, b = out[i].start, k = a;
        bool comma = false;
        if (k < b && tok_is(&s->toks[k], ",")) { comma = true; k++; }
        if (k < b && (tok_is(&s->toks[k], "and") || tok_is(&s->toks[k], "&") || tok_is(&s->toks[k], "nor"))) {
            conj[i] = true;
            k++;
        }
        /* TABARI: "Gondor and Arnor's Elrond" is a list of three. */
        if (tabari && !comma && !conj[i] && k + 1 == b && tok_is(&s->toks[k], "'s")) { kind[i] = 1; continue; }
        /* TABARI: after a list's conjunction, actors apart only by words of
         * the actors file's <ADJECTIVE> list are more of the list
         * ("Calenardhon and the evil Arnor awful Gondor": three). */
        if (tabari && !comma && !conj[i] && kind[i - 1] == 1 && conj[i - 1] && k < b) {
            uint32_t q = k;
            while (q < b && (dy_dict_word_class(env->dict, &keys[q]) & DY_WC_ADJ)) q++;
            if (q == b) { kind[i] = 1; continue; }
        }
        if (!comma && !conj[i]) continue;
        if (k == b) { kind[i] = 1; continue; }
        if (out[i].agent_only) continue;
        if (tok_is(&s->toks[k], "the") || tok_is(&s->toks[k], "a") || tok_is(&s->toks[k], "an")) k++;
        uint32_t adj = 0;
        while (k < b && adj < 2 && modifier(env, s, keys, k)) { k++; adj++; }
        if (k == b) kind[i] = conj[i] ? 1 : 2;
    }
    uint16_t g = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            bool joined = kind[i] == 1 || (kind[i] == 2 && i + 1 < n && kind[i + 1] && conj[i + 1]);
            if (!joined) g++;
        }
        out[i].group = g;
    }

    /* Agents shared across a list.  "The ambassadors of Arnor, Osgiliath
     * and Gondor": a plural agent before a list of countries is each one's
     * (PETRARCH; TABARI gives it to the first only, so not with TABARI
     * dictionaries); a singular one is not ("the president of Russia and
     * China" is one person).  "Danish media and government": a bare agent
     * right after "and" takes the country of the mention before it;
     * "lawmakers and officials in Kyiv": of the mention after it. */
    bool took_next[DY_MAX_MENTIONS] = {0};   /* a bare agent that took the next mention's country */
    for (size_t i = 0; i < n; i++) {
        dy_mention *mn = &out[i];
        bool prev = i > 0 && out[i - 1].group == mn->group, next = i + 1 < n && out[i + 1].group == mn->group;
        if (prev && info[i - 1].plural && !dy_dict_tabari_reading(env->dict) && !mn->agent_only &&
            !mn->person && strcmp(mn->code, mn->root) == 0 && strlen(mn->root) == 3) {
            char root[24];
            snprintf(root, sizeof root, "%s", mn->root);
            join(mn->code, sizeof mn->code, info[i - 1].pre, root, info[i - 1].agents);
            memcpy(info[i].pre, info[i - 1].pre, sizeof info[i].pre);
            memcpy(info[i].agents, info[i - 1].agents, sizeof info[i].agents);
            info[i].plural = true;
            dy_cameo_actor_country(mn->code, mn->country);
            continue;
        }
        if (!mn->agent_only) continue;
        const dy_mention *from = NULL;
        if (prev && conj[i] && kind[i] == 1 && info[i - 1].country_first) from = &out[i - 1];
        else if (next && conj[i + 1] && kind[i + 1] == 1 && info[i + 1].agent_first) from = &out[i + 1];
        if (!from) continue;
        join(mn->code, sizeof mn->code, info[i].pre, from->root, info[i].agents);
        snprintf(mn->root, sizeof mn->root, "%s", from->root);
        mn->agent_only = 0;
        took_next[i] = from == &out[i + 1];
        dy_cameo_actor_country(mn->code, mn->country);
    }
    /* "Lawmakers and officials in Fornost and Gondor": the agents are each
     * country's, as the plural "officials" already is: the bare agent
     * becomes one actor per country (a multi-code mention, FORLEG/GONLEG,
     * coded like "[FRO/BIL/SAM]"). */
    for (size_t i = 0; i + 1 < n; i++) {
        dy_mention *mn = &out[i];
        if (took_next[i] && info[i + 1].plural) {
            for (size_t k = i + 2; k < n && out[k].group == mn->group; k++) {
                if (!info[k].plural || strcmp(info[k].agents, info[i + 1].agents) != 0 ||
                    strcmp(info[k].pre, info[i + 1].pre) != 0)
                    continue;
                char more[24];
                join(more, sizeof more, info[i].pre, out[k].root, info[i].agents);
                if (strlen(mn->code) + 1 + strlen(more) < sizeof mn->code) {
                    strcat(mn->code, "/");
                    strcat(mn->code, more);
                }
            }
        }
    }
    return n;
}
