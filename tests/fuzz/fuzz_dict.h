/* fuzz_dict.h — the body shared by the dictionary harnesses: load one fuzzed
 * file of a given kind, freeze it, then use it the way coding does: key,
 * match actors, discards, issues and verbs on a few fixed news sentences and
 * run the coder with it.  So a malformed entry that loads "fine" but leaves
 * an inconsistent index (a pattern without its verb, an empty phrase) shows
 * up here too, not only in the loader. */
#ifndef DYAD_FUZZ_DICT_H
#define DYAD_FUZZ_DICT_H

#include <string.h>
#include "fuzz_common.h"
#include "coder/cameo.h"
#include "coder/coder.h"
#include "dictionaries/dictionaries.h"
#include "text/text.h"
#include "util/diag.h"
#include "util/util.h"

#define FUZZ_MAX_TOK 400

/* Written for these harnesses; words chosen to meet the seed dictionaries. */
static const char *const fuzz_sentences[] = {
    "Russian Foreign Minister Sergei Lavrov met with his Japanese counterpart in Tokyo on Tuesday.",
    "The government of North Korea imposed sanctions on South Korean firms, officials said.",
    "Police expelled protesters from the square after the World Cup match in Cairo.",
    "Chinese President Xi did not sign the trade deal but praised the U.S. delegation's visit.",
    "Militants accused the Ukrainian army of shelling Kyiv; the U.N. condemned the attack.",
};

static dy_cameo fuzz_cameo;
static int fuzz_cameo_loaded;

static void fuzz_load_cameo(void) {
    if (fuzz_cameo_loaded) return;
    fuzz_cameo_loaded = 1;
    dy_diag diag;
    dy_diag_init(&diag, NULL);
    if (dy_cameo_load(&fuzz_cameo, DYAD_SRCDIR "/data/cameo/cameo.tsv", &diag) != 0) {
        fprintf(stderr, "fuzz: cannot read %s/data/cameo/cameo.tsv\n", DYAD_SRCDIR);
        abort();
    }
    dy_diag_destroy(&diag);
}

static void fuzz_use_dict(const dy_dict *d) {
    static dy_tokkey keys[FUZZ_MAX_TOK];
    static dy_actor_match am[256];
    static dy_mention mentions[DY_MAX_MENTIONS];
    static dy_coded events[DY_MAX_EVENTS];
    dy_arena arena = {0};
    dy_coder_state st;
    dy_coder_begin_story(&st);
    dy_coder_env env = {d, &fuzz_cameo, NULL};
    int32_t date = dy_days_from_civil(2019, 11, 22);
    for (size_t k = 0; k < DY_ARRAY_LEN(fuzz_sentences); k++) {
        const char *text = fuzz_sentences[k];
        dy_sentence *sents;
        size_t ns = dy_split(&arena, text, strlen(text), &sents);
        for (size_t i = 0; i < ns; i++) {
            dy_sentence s = sents[i];
            if (s.ntok > FUZZ_MAX_TOK) s.ntok = FUZZ_MAX_TOK;
            dy_dict_keys(d, s.toks, s.ntok, keys);
            size_t na = dy_dict_match_actors(d, s.toks, keys, s.ntok, date, am, DY_ARRAY_LEN(am));
            for (size_t a = 0; a < na; a++)
                if (am[a].start >= am[a].end || am[a].end > s.ntok || !am[a].code) abort();
            int story_level = 0;
            (void)dy_dict_match_discard(d, s.toks, keys, s.ntok, &story_level);
            const char *issues[8];
            (void)dy_dict_match_issues(d, s.toks, keys, s.ntok, issues, DY_ARRAY_LEN(issues));
            for (size_t t = 0; t < s.ntok; t++) {
                size_t len = 0;
                const dy_verb *v = dy_dict_verb_at(d, s.toks, keys, s.ntok, t, &len);
                if (!v) continue;
                if (len == 0 || t + len > s.ntok) abort();
                for (uint32_t p = 0; p < v->npats; p++) {
                    const dy_pattern *pat = &v->pats[p];
                    for (uint16_t e = 0; e < pat->nelem; e++) {
                        const dy_pelem *el = &pat->elems[e];
                        if (el->kind == DY_PE_WORD) {
                            (void)dy_dict_word_text(d, el->id);
                            (void)dy_dict_word_matches(d, el, &s.toks[t], &keys[t]);
                        } else if (el->kind == DY_PE_SYNSET) {
                            (void)dy_dict_synset_name(d, el->id);
                            (void)dy_dict_synset_match(d, el->id, s.toks, keys, s.ntok, t);
                        }
                    }
                }
            }
            size_t nm = 0;
            size_t ne = dy_code_sentence(&env, &st, &s, text, keys, date, mentions, &nm, events,
                                         DY_MAX_EVENTS);
            if (ne > DY_MAX_EVENTS || nm > DY_MAX_MENTIONS) abort();
        }
        dy_arena_reset(&arena);
    }
    dy_arena_free(&arena);
}

static void fuzz_dict_one(dy_dict_kind kind, const uint8_t *data, size_t size) {
    fuzz_load_cameo();
    dy_diag diag;
    dy_diag_init(&diag, NULL);
    dy_dict *d = dy_dict_new();
    if (dy_dict_load(d, kind, fuzz_file(data, size), &diag) < 0) abort();  /* the file exists */
    dy_dict_freeze(d);
    (void)dy_dict_entries(d);
    (void)dy_dict_errors(d);
    (void)dy_dict_patterns(d);
    (void)dy_dict_synsets(d);
    (void)dy_dict_lexicon_size(d);
    fuzz_use_dict(d);
    dy_dict_free(d);
    dy_diag_destroy(&diag);
}

#endif
