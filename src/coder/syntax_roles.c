/* syntax_roles.c — the coder's view of a dependency parse.
 *
 * Before parsing, every actor mention becomes one token ("Russian Foreign
 * Minister Sergey Lavrov"), so the parser sees a proper-noun subject where a
 * wire sentence has a long titled name.  The coder then asks four questions
 * of the tree: is this verb form really a verb, who is its subject (climbing
 * xcomp / conj / advcl chains: "Russia hopes to boost ..."), is it passive
 * and who is the by-agent, and which mention is its object or oblique.
 * Every answer may be "don't know" (-1 / false): the coder then falls back to
 * its surface rules. */
#include <string.h>

#include "coder/internal.h"
#include "syntax/syntax.h"

static bool rel_is(int deprel, const char *name) { return strcmp(dy_deprel_name(deprel), name) == 0; }
static bool upos_is(int upos, const char *name) { return strcmp(dy_upos_name(upos), name) == 0; }

bool dy_syn_build(dy_view *v, dy_coder_state *st, const char *text) {
    dy_synview *sv = &v->syn;
    sv->on = false;
    if (!v->env->parser || !st->ps) return false;
    const dy_sentence *s = v->s;
    size_t used = 0;
    uint16_t r = 0;
    for (uint32_t i = 0; i < s->ntok && r < DY_VIEW_MAX_TOKENS;) {
        int m = v->mention_at[i];
        dy_token *t = &sv->toks[r];
        sv->start_of[r] = i;
        sv->mention_of[r] = (int16_t)m;
        if (m < 0) {
            *t = s->toks[i];
            sv->red_of[i++] = (int16_t)r++;
            continue;
        }
        const dy_mention *mn = &v->mn[m];
        uint32_t from = s->toks[mn->start].start, to = s->toks[mn->end - 1].end;
        size_t len = to - from;
        if (used + 2 * len + 2 > sizeof st->namebuf) return false;
        char *form = st->namebuf + used;
        memcpy(form, text + from, len);
        form[len] = '\0';
        for (size_t k = 0; k < len; k++) if (form[k] == '\n' || form[k] == '\t') form[k] = ' ';
        char *norm = form + len + 1;
        for (size_t k = 0; k <= len; k++) norm[k] = (form[k] >= 'A' && form[k] <= 'Z') ? (char)(form[k] + 32) : form[k];
        used += 2 * len + 2;
        *t = s->toks[mn->start];
        t->start = from;
        t->end = to;
        t->form = form;
        t->norm = norm;
        t->flags = (uint16_t)((t->flags | DY_TF_CAP) & ~DY_TF_PUNCT);
        for (uint32_t k = mn->start; k < mn->end; k++) sv->red_of[k] = (int16_t)r;
        i = mn->end;
        r++;
    }
    sv->n = r;
    if (dy_parse_sentence(v->env->parser, st->ps, sv->toks, r, sv->p) != 0) return false;
    sv->on = true;
    return true;
}

int dy_syn_is_verb(const dy_view *v, uint32_t tok) {
    const dy_synview *sv = &v->syn;
    if (!sv->on) return -1;
    int u = sv->p[sv->red_of[tok]].upos;
    if (upos_is(u, "VERB")) return 1;
    if (upos_is(u, "NOUN") || upos_is(u, "PROPN") || upos_is(u, "ADJ") || upos_is(u, "NUM") ||
        upos_is(u, "ADP") || upos_is(u, "DET") || upos_is(u, "PRON"))
        return 0;
    return -1;
}

/* A dependent of r with relation name (prefix match when pfx), or -1. */
static int child(const dy_synview *sv, int r, const char *name, bool pfx) {
    size_t nl = strlen(name);
    for (int k = 0; k < sv->n; k++) {
        if (sv->p[k].head != r) continue;
        const char *d = dy_deprel_name(sv->p[k].deprel);
        if (pfx ? strncmp(d, name, nl) == 0 : strcmp(d, name) == 0) return k;
    }
    return -1;
}

/* The mention a parse node stands for: itself, or a mention that modifies
 * it ("the leaders of Russia", "American military aid"). */
static int node_mention(const dy_synview *sv, int k) {
    if (k < 0) return -1;
    if (sv->mention_of[k] >= 0) return sv->mention_of[k];
    for (int j = 0; j < sv->n; j++)
        if (sv->p[j].head == k && sv->mention_of[j] >= 0 &&
            (rel_is(sv->p[j].deprel, "nmod") || rel_is(sv->p[j].deprel, "nmod:poss") ||
             rel_is(sv->p[j].deprel, "compound") || rel_is(sv->p[j].deprel, "appos") ||
             rel_is(sv->p[j].deprel, "amod")))
            return sv->mention_of[j];
    return -1;
}

/* A participle that modifies a noun ("a ceasefire negotiated by
 * Washington", "Palestinians firing rockets"): its noun is its subject
 * (present participle) or its patient (past participle).  -1 otherwise. */
static int participle_head(const dy_synview *sv, int r, bool *past) {
    if (!rel_is(sv->p[r].deprel, "acl") || sv->p[r].head < 0) return -1;
    /* A sentence whose root is neither a verb nor a noun with a copula
     * ("Arnor called for ...", "His opponent, Biden, in a message ...,
     * accused Trump"): the parse missed the main verb and took it for a
     * modifier. */
    for (int k = 0; k < sv->n; k++)
        if (sv->p[k].head < 0 && !upos_is(sv->p[k].upos, "VERB") && !upos_is(sv->p[k].upos, "AUX") &&
            child(sv, k, "cop", false) < 0)
            return -1;
    const char *x = dy_xpos_name(sv->p[r].xpos);
    if (strcmp(x, "VBG") != 0 && strcmp(x, "VBN") != 0) return -1;
    *past = x[2] == 'N';
    return sv->p[r].head;
}

/* A mention among the words of a name or title under k ("Hong Kong
 * Financial Secretary Donald Tsang": flat and compound parts), depth
 * levels down; with conj, appos and nmod:desc at the first level ("Mr
 * Blair" may be "Mr" with a flat "Blair", "Volker Ruehe" has "German
 * Defence Minister" as its description, "Weizman and Netanyahu met"). */
static int name_mention(const dy_synview *sv, int k, int depth, bool first) {
    for (int j = 0; j < sv->n; j++) {
        if (sv->p[j].head != k) continue;
        const char *d = dy_deprel_name(sv->p[j].deprel);
        bool part = strncmp(d, "flat", 4) == 0 || strcmp(d, "compound") == 0;
        if (!part && !(first && (strcmp(d, "nmod:desc") == 0 || strcmp(d, "appos") == 0 || strcmp(d, "conj") == 0)))
            continue;
        if (sv->mention_of[j] >= 0) return sv->mention_of[j];
        int m;
        if (part && depth > 0 && (m = name_mention(sv, j, depth - 1, false)) >= 0) return m;
    }
    return -1;
}

/* The mention a subject node stands for: node_mention, else a mention
 * inside its name. */
static int subject_mention(const dy_synview *sv, int k, int depth) {
    int m = node_mention(sv, k);
    return m >= 0 ? m : name_mention(sv, k, depth, true);
}

/* The parse's word is a noun phrase that names no actor ("the clashes",
 * "Mr Clarke", "an official"): the verb has a subject, only not a known one. */
static bool non_actor_nominal(const dy_synview *sv, int k) {
    return upos_is(sv->p[k].upos, "NOUN") || upos_is(sv->p[k].upos, "PROPN");
}

/* A relative pronoun ("that", "which", "who") by its Penn tag. */
static bool relative_pronoun(const dy_synview *sv, int k) {
    const char *x = dy_xpos_name(sv->p[k].xpos);
    return strcmp(x, "WDT") == 0 || strcmp(x, "WP") == 0;
}

/* The nsubj dependent of r.  A parse may give a verb two ("Lions, tigers,
 * and Gondor welcomed ..., the agency said", "A Taliban group holding U.N.
 * workers hostage demanded"): then the first that holds a mention, else -2
 * (the parse cannot say). */
static int sole_subject(const dy_synview *sv, int r) {
    int found = -1, n = 0;
    for (int k = 0; k < sv->n; k++) {
        if (sv->p[k].head != r || strncmp(dy_deprel_name(sv->p[k].deprel), "nsubj", 5) != 0) continue;
        if (n++ == 0) found = k;
        if (subject_mention(sv, k, 2) >= 0) return k;
    }
    return n > 1 ? -2 : found;
}

int dy_syn_subject(const dy_view *v, uint32_t tok, int *pron_tok) {
    const dy_synview *sv = &v->syn;
    *pron_tok = -1;
    if (!sv->on) return -1;
    int r = sv->red_of[tok];
    for (int depth = 0; depth < 4 && r >= 0; depth++) {
        int c = sole_subject(sv, r);
        if (c == -2) return -1;
        if (c >= 0) {
            int m = subject_mention(sv, c, 2);
            if (m >= 0) return m;
            /* "the clashes that killed 60 Palestinians", "the Hamas group
             * which has killed": a relative pronoun stands for the noun the
             * clause modifies, actor or not; the nearest actor before it is
             * someone else. */
            int h = sv->p[r].head;
            if (h >= 0 && rel_is(sv->p[r].deprel, "acl:relcl") && relative_pronoun(sv, c)) {
                m = subject_mention(sv, h, 2);
                if (m >= 0) return m;
                return non_actor_nominal(sv, h) ? DY_SYN_NOT_ACTOR : -1;
            }
            if (upos_is(sv->p[c].upos, "PRON")) *pron_tok = (int)sv->start_of[c];
            /* "At a news conference ..., Mr Abbas said" parsed with
             * "conference" as the subject: a phrase with a preposition of
             * its own is no subject, the parse went wrong. */
            if (!non_actor_nominal(sv, c) || child(sv, c, "case", false) >= 0) return -1;
            /* "The plans were drafted before Germany criticized Turkey"
             * parsed with "criticized" as a conjunct of "drafted": an
             * active verb does not share a passive one's subject. */
            if (depth > 0 && rel_is(sv->p[c].deprel, "nsubj:pass")) return -1;
            return DY_SYN_NOT_ACTOR;
        }
        bool past;
        int h = participle_head(sv, r, &past);
        if (h >= 0) {
            int m = node_mention(sv, h);
            if (m >= 0) return m;
            /* "a message blaming Iran", "the crisis surrounding Bosnia": the
             * noun may be the doer or not, the parse cannot say; but the
             * patient of a past participle is the noun ("a ceasefire
             * negotiated by Washington"), whatever it is. */
            return past && non_actor_nominal(sv, h) ? DY_SYN_NOT_ACTOR : -1;
        }
        /* No subject of its own: "Russia hopes to boost", "criticized Japan
         * and praised China", "said opening talks". */
        int d = sv->p[r].deprel;
        if (!(rel_is(d, "xcomp") || rel_is(d, "conj") || rel_is(d, "advcl"))) break;
        r = sv->p[r].head;
    }
    return -1;
}

/* A "by" agent a marks a passive where the parse gave the participle no
 * passive auxiliary: a past participle without a subject of its own
 * ("Rebuked by Eriador, ..., Osgiliath is ..."), or one the parse took for
 * a main verb ("An Australian journalist snatched by insurgents in Iraq has
 * contradicted ..."), then only with no object of its own and a real "by"
 * (the parse also labels "banned protests by students" and "called off
 * talks" so). */
static bool by_agent_passive(const dy_synview *sv, int r, int a) {
    if (a < 0) return false;
    const char *x = dy_xpos_name(sv->p[r].xpos);
    if (child(sv, r, "nsubj", false) < 0 && !strcmp(x, "VBN")) return true;
    if (child(sv, r, "obj", false) >= 0 || (strcmp(x, "VBN") != 0 && strcmp(x, "VBD") != 0)) return false;
    int c = child(sv, a, "case", false);
    return c >= 0 && strcmp(sv->toks[c].norm, "by") == 0;
}

/* Is reduced token k under node c (or c itself)? */
static bool under(const dy_synview *sv, int k, int c) {
    for (int d = 0; k >= 0 && d < DY_VIEW_MAX_TOKENS; d++, k = sv->p[k].head)
        if (k == c) return true;
    return false;
}

bool dy_syn_phrase(const dy_view *v, uint32_t tok, bool subject, uint32_t *from, uint32_t *to) {
    const dy_synview *sv = &v->syn;
    if (!sv->on) return false;
    int r = sv->red_of[tok];
    int c = subject ? child(sv, r, "nsubj", false) : child(sv, r, "obj", false);
    for (int k = 0; c < 0 && !subject && k < sv->n; k++)
        if (sv->p[k].head == r && rel_is(sv->p[k].deprel, "obl")) c = k;
    if (c < 0) return false;
    /* the contiguous run of c's subtree around c, without the preposition
     * or punctuation that opens or closes it ("for the Ministry of Magic") */
    int a = c, b = c;
    while (a > 0 && under(sv, a - 1, c)) a--;
    while (b + 1 < sv->n && under(sv, b + 1, c)) b++;
    while (a < c && (rel_is(sv->p[a].deprel, "case") || rel_is(sv->p[a].deprel, "punct"))) a++;
    /* a phrase on a preposition other than "of" after the head is not part
     * of the name ("the Ministry of Magic on Wednesday") */
    for (int k = c + 1; k <= b; k++)
        if (rel_is(sv->p[k].deprel, "case") && strcmp(sv->toks[k].norm, "of") != 0) { b = k - 1; break; }
    while (b > c && rel_is(sv->p[b].deprel, "punct")) b--;
    *from = sv->start_of[a];
    *to = b + 1 < sv->n ? sv->start_of[b + 1] : v->s->ntok;
    return true;
}

bool dy_syn_subject_conjunct(const dy_view *v, uint32_t tok, uint32_t *from, uint32_t *to) {
    const dy_synview *sv = &v->syn;
    if (!sv->on) return false;
    int c = child(sv, sv->red_of[tok], "nsubj", false);
    if (c < 0) return false;
    for (int k = c + 1; k < sv->n; k++) {
        if (sv->p[k].head != c || !rel_is(sv->p[k].deprel, "conj")) continue;
        int a = k, b = k;
        while (a > c + 1 && under(sv, a - 1, k)) a--;
        while (a < k && (rel_is(sv->p[a].deprel, "cc") || rel_is(sv->p[a].deprel, "punct"))) a++;
        while (b + 1 < sv->n && under(sv, b + 1, k)) b++;
        *from = sv->start_of[a];
        *to = b + 1 < sv->n ? sv->start_of[b + 1] : v->s->ntok;
        return true;
    }
    return false;
}

int dy_syn_subject_conjunct_mention(const dy_view *v, uint32_t tok) {
    const dy_synview *sv = &v->syn;
    if (!sv->on) return -1;
    int c = child(sv, sv->red_of[tok], "nsubj", false);
    if (c < 0 || node_mention(sv, c) < 0) return -1;
    for (int k = c + 1; k < sv->n; k++)
        if (sv->p[k].head == c && rel_is(sv->p[k].deprel, "conj") && sv->mention_of[k] < 0) return node_mention(sv, k);
    return -1;
}

int dy_syn_passive_subject(const dy_view *v, uint32_t tok) {
    const dy_synview *sv = &v->syn;
    if (!sv->on) return -1;
    int c = child(sv, sv->red_of[tok], "nsubj:pass", false);
    if (c >= 0) return subject_mention(sv, c, 2);
    /* "a Pakistani woman believed linked to ...": the noun a past
     * participle modifies */
    bool past = false;
    int h = participle_head(sv, sv->red_of[tok], &past);
    return h >= 0 && past ? node_mention(sv, h) : -1;
}

bool dy_syn_passive(const dy_view *v, uint32_t tok, int *agent) {
    const dy_synview *sv = &v->syn;
    *agent = -1;
    if (!sv->on) return false;
    int r = sv->red_of[tok];
    bool past = false;
    int a = child(sv, r, "obl:agent", false);
    bool pass = child(sv, r, "nsubj:pass", false) >= 0 || child(sv, r, "aux:pass", false) >= 0 ||
                (participle_head(sv, r, &past) >= 0 && past) || by_agent_passive(sv, r, a);
    if (a >= 0) *agent = node_mention(sv, a);
    return pass;
}

int dy_syn_object(const dy_view *v, uint32_t tok, bool places, bool first_obl) {
    const dy_synview *sv = &v->syn;
    if (!sv->on) return -1;
    int r = sv->red_of[tok];
    int m = node_mention(sv, child(sv, r, "obj", false));
    if (m < 0) m = node_mention(sv, child(sv, r, "iobj", false));
    if (m >= 0) return m;
    /* the first oblique in the sentence's order that is a mention, skipping
     * where it happened ("held talks in Brussels with Russia") unless the
     * place can be the target */
    for (int k = 0; k < sv->n; k++) {
        if (sv->p[k].head != r || !rel_is(sv->p[k].deprel, "obl")) continue;
        /* PETRARCH's target is the noun phrase of the verb's first
         * prepositional phrase ("shot at US military officers while in
         * detention in Afghanistan": not Afghanistan) */
        if (sv->mention_of[k] < 0 && first_obl && k > r) return -1;
        if (sv->mention_of[k] < 0) continue;
        if (!places && dy_locative_mention(v, sv->mention_of[k])) continue;
        return sv->mention_of[k];
    }
    return -1;
}

/* A clause's relation to its head: the words under it belong to its own
 * verb. */
static bool clausal(int deprel) {
    static const char *const rels[] = {"acl", "acl:relcl", "advcl", "ccomp", "xcomp", "csubj", "parataxis", NULL};
    for (const char *const *r = rels; *r; r++) if (rel_is(deprel, *r)) return true;
    return false;
}

/* The surface target rule takes the next mention after the verb.  On news
 * that is often an actor in a clause of another verb: one the verb's object
 * carries ("defended plans to end the European Union's arms embargo"), a verb
 * conjoined to it ("pledged to intensify cooperation and reinforced their
 * determination to join the EU"), or the main clause after a subordinate
 * one.  The act is not towards it.  True when the parse says so; a noun
 * phrase's own modifiers stay targets ("concern over the violence in
 * Libya").  end: the token after the verb. */
bool dy_syn_buried_target(const dy_view *v, uint32_t tok, uint32_t end, int m) {
    const dy_synview *sv = &v->syn;
    if (!sv->on || m < 0) return false;
    int r = sv->red_of[tok], k = sv->red_of[v->mn[m].start];
    if (r < 0 || k < 0 || k == r) return false;
    /* a parse that took the verb for a noun or a modifier ("shot/NOUN and
     * killed", "troops shelled/amod Russian positions") cannot say which
     * words are its clause */
    if (!upos_is(sv->p[r].upos, "VERB") || !(sv->p[r].head < 0 || clausal(sv->p[r].deprel) ||
                                             rel_is(sv->p[r].deprel, "conj")))
        return false;
    int path[DY_VIEW_MAX_TOKENS], n = 0;
    for (int j = k; j >= 0 && n < DY_VIEW_MAX_TOKENS; j = sv->p[j].head) {
        path[n++] = j;
        if (j == r) break;
    }
    if (path[n - 1] != r) return true;   /* in another clause altogether */
    int top = path[n - 2];               /* r's dependent on the path */
    int d = sv->p[top].deprel;
    /* "shot and killed a Palestinian": a verb right after "and" shares
     * the object of the next */
    if (rel_is(d, "conj") && sv->start_of[top] <= end + 1 && upos_is(sv->p[top].upos, "VERB")) return false;
    if (rel_is(d, "conj") || rel_is(d, "parataxis")) return true;
    /* a clause below the verb's own dependent: "plans to end ...", "agreed
     * to a plan to send ..."; the dependent itself may be the verb's
     * infinitive ("agreed to help Iraq") */
    for (int i = 1; i < n - 2; i++) {
        if (!clausal(sv->p[path[i]].deprel)) continue;
        /* an argument of that clause's verb stays a target, as the
         * subject of a that-clause does ("warned that Japan would",
         * "allowed aid to reach Syria", "repealed the decree backed by the
         * IMF"); a name deeper in it does not */
        if (i == 1) {
            int d0 = sv->p[path[0]].deprel;
            static const char *const args[] = {"nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", NULL};
            bool arg = false;
            for (const char *const *a = args; *a; a++) if (rel_is(d0, *a)) arg = true;
            if (arg) return false;
        }
        return true;
    }
    return false;
}
