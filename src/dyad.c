/* dyad.c — the public API: a story goes through repair, dateline, sentence
 * splitting, discards, actor and verb matching and the coder, and comes out
 * as dyad_event records.  Everything per story lives in the worker's arena,
 * reset between stories, so memory does not grow with the corpus. */
#include <dirent.h>
#include <limits.h>
#include <pthread.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dyad.h"
#include "coder/cameo.h"
#include "coder/coder.h"
#include "dictionaries/dictionaries.h"
#include "geo/geo.h"
#include "syntax/syntax.h"
#include "text/story.h"
#include "text/text.h"
#include "util/diag.h"
#include "util/util.h"

#define DY_MAX_SENTENCE_TOKENS 400
#define DY_MAX_ISSUES 8

struct dyad {
    dy_dict *dict;
    dy_cameo cameo;
    dy_diag diag;
    char *datadir;
    dy_gazetteer *gaz;          /* never NULL once open: built-in countries at least */
    bool locate;                /* false with --no-geo: no geo work at all */
    dy_parser *parser;          /* NULL: surface rules only */
    dy_coder_env env;
    int require_dyad;
};

struct dyad_worker {
    const dyad *d;
    dy_arena arena;
    dy_coder_state st;
    dy_tokkey keys[DY_MAX_SENTENCE_TOKENS];
    dy_mention mentions[DY_MAX_MENTIONS];
    dy_coded events[DY_MAX_EVENTS];
    dyad_location locs[DY_MAX_EVENTS];
    dy_place_mention places[64];
    FILE *explain;
    int time_shift;             /* TABARI SET: TIME SHIFT: <TIME> phrases move event dates */
};

void dyad_config_init(dyad_config *cfg) {
    memset(cfg, 0, sizeof *cfg);
    cfg->use_default_dictionaries = 1;
    cfg->use_parser = 1;
}

static bool is_dir(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The data folder: configured, $DYAD_DATADIR, ../share/dyad beside the
 * running program (an installed dyad, wherever it was moved), the source tree
 * this binary was built from (a fresh build runs without installing), the
 * prefix it was built for. */
static char *find_datadir(const dyad_config *cfg) {
    char exe[4096], rel[PATH_MAX] = "";
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char joined[4096 + 32];
            snprintf(joined, sizeof joined, "%s/../share/dyad", exe);
            if (!realpath(joined, rel)) rel[0] = '\0';
        }
    }
    const char *cands[] = {cfg->datadir, getenv("DYAD_DATADIR"), rel, DYAD_SRCDIR "/data", DYAD_DATADIR};
    for (size_t i = 0; i < DY_ARRAY_LEN(cands); i++) {
        if (!cands[i] || !cands[i][0]) continue;
        char probe[4096];
        snprintf(probe, sizeof probe, "%s/cameo", cands[i]);
        if (is_dir(probe)) return xstrdup(cands[i]);
    }
    return NULL;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *s, const char *suf) {
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0;
}

/* Dictionary files are loaded by two threads: the verbs files (most of the
 * work: patterns, and synsets one file may take from an earlier one) into
 * one dictionary, everything else into another, merged after (see
 * dy_dict_merge).  Each thread's reports are kept and replayed file by file
 * in the order of the list, so warnings, their order and a failure are those
 * of a one-thread load. */
typedef struct {
    char *path;
    dy_dict_kind kind;
    bool whole_words, gapped;
    bool fatal;                 /* named by the caller: unreadable fails dyad_open */
    bool side;                  /* not a verbs file: the second loader's */
    long result;
    int err;
    size_t rec0, rec1;          /* its reports in its loader's sink */
} dict_job;

typedef DY_VEC(dict_job) dict_jobs;

typedef struct {
    dy_dict *dict;
    dy_diag diag;               /* keeps its reports */
    dict_jobs *jobs;
    bool side;
} dict_loader;

static void *load_dicts(void *arg) {
    dict_loader *l = arg;
    for (size_t i = 0; i < l->jobs->len; i++) {
        dict_job *j = &l->jobs->items[i];
        if (j->side != l->side) continue;
        dy_dict_set_whole_words(l->dict, j->whole_words);
        dy_dict_set_gapped(l->dict, j->gapped);
        j->rec0 = dy_diag_kept(&l->diag);
        errno = 0;
        j->result = dy_dict_load(l->dict, j->kind, j->path, &l->diag);
        j->err = errno;
        j->rec1 = dy_diag_kept(&l->diag);
    }
    return NULL;
}

static void add_job(dict_jobs *jobs, const char *path, dy_dict_kind kind, bool whole_words, bool gapped,
                    bool fatal) {
    dict_job j = {.path = xstrdup(path), .kind = kind, .whole_words = whole_words, .gapped = gapped,
                  .fatal = fatal, .side = kind != DY_DICT_VERBS};
    dy_vec_push(jobs, j);
}

/* Default dictionaries: every file in DATADIR/dictionaries, its kind by its
 * extension, in name order. */
static void default_jobs(dyad *d, dict_jobs *jobs) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/dictionaries", d->datadir);
    DIR *dp = opendir(dir);
    if (!dp) {
        dy_diag_report(&d->diag, "unreadable", dir, 0, "no default dictionaries (%s)", strerror(errno));
        return;
    }
    DY_VEC(char *) names = {0};
    struct dirent *de;
    while ((de = readdir(dp)))
        if (de->d_name[0] != '.') dy_vec_push(&names, xstrdup(de->d_name));
    closedir(dp);
    qsort(names.items, names.len, sizeof(char *), cmp_str);
    static const struct { const char *ext; dy_dict_kind kind; } kinds[] = {
        {".actors", DY_DICT_ACTORS}, {".agents", DY_DICT_AGENTS}, {".verbs", DY_DICT_VERBS},
        {".discards", DY_DICT_DISCARDS}, {".issues", DY_DICT_ISSUES}};
    for (size_t i = 0; i < names.len; i++) {
        for (size_t k = 0; k < DY_ARRAY_LEN(kinds); k++) {
            if (!ends_with(names.items[i], kinds[k].ext)) continue;
            char path[8192];
            snprintf(path, sizeof path, "%s/%s", dir, names.items[i]);
            add_job(jobs, path, kinds[k].kind, false, false, false);
        }
        free(names.items[i]);
    }
    dy_vec_free(&names);
}

/* Loads the default and the configured dictionaries into d->dict (frozen).
 * Returns the first configured file that could not be read (errno set), or
 * NULL. */
static const char *load_dictionaries(dyad *d, const dyad_config *cfg, char *bad, size_t badlen) {
    dict_jobs jobs = {0};
    if (cfg->use_default_dictionaries) default_jobs(d, &jobs);
    for (size_t i = 0; i < cfg->ndicts; i++)
        add_job(&jobs, cfg->dicts[i].path, (dy_dict_kind)cfg->dicts[i].kind, cfg->dicts[i].whole_words != 0,
                cfg->dicts[i].gapped != 0, true);
    dict_loader main_l = {dy_dict_new(), {0}, &jobs, false}, side_l = {dy_dict_new(), {0}, &jobs, true};
    dy_diag_init_keep(&main_l.diag);
    dy_diag_init_keep(&side_l.diag);
    pthread_t th;
    bool threaded = pthread_create(&th, NULL, load_dicts, &side_l) == 0;
    load_dicts(&main_l);
    if (threaded) pthread_join(th, NULL);
    else load_dicts(&side_l);
    const char *failed = NULL;
    int failed_errno = 0;
    for (size_t i = 0; i < jobs.len && !failed; i++) {
        const dict_job *j = &jobs.items[i];
        dy_diag_replay(&d->diag, j->side ? &side_l.diag : &main_l.diag, j->rec0, j->rec1);
        if (j->fatal && j->result < 0) {
            snprintf(bad, badlen, "%s", j->path);
            failed = bad;
            failed_errno = j->err;
        }
    }
    dy_diag_destroy(&main_l.diag);
    dy_diag_destroy(&side_l.diag);
    for (size_t i = 0; i < jobs.len; i++) free(jobs.items[i].path);
    dy_vec_free(&jobs);
    bool merged = dy_dict_merge(main_l.dict, side_l.dict);   /* cannot fail: the side loads no verbs */
    if (!merged) dy_dict_free(side_l.dict);
    d->dict = main_l.dict;
    if (!failed) dy_dict_freeze(d->dict);
    errno = failed_errno;
    return failed;
}

/* The gazetteer and the parser model do not depend on the dictionaries, so
 * a second thread maps and checks them while the dictionaries load: start-up
 * is serial work every run pays, whatever -j.  It reports nothing itself;
 * dyad_open reports after joining, in the order a one-thread load would, so
 * warnings are the same every time. */
typedef struct {
    const dyad_config *cfg;
    dy_gazetteer *gaz;
    char gaz_err[600];
    dy_parser *parser;
    const char *model_path;
    char model_err[256];
} side_load;

static void *load_side(void *arg) {
    side_load *s = arg;
    s->gaz = dy_gaz_open_index(s->cfg->gazetteer, s->gaz_err, sizeof s->gaz_err);
    if (s->cfg->use_parser) {
        s->model_path = s->cfg->model ? s->cfg->model : dy_parser_default_path();
        if (s->model_path) s->parser = dy_parser_load(s->model_path, s->model_err, sizeof s->model_err);
    }
    return NULL;
}

dyad *dyad_open(const dyad_config *cfg, char *err, size_t errlen) {
    dyad_config defaults;
    if (!cfg) { dyad_config_init(&defaults); cfg = &defaults; }
    dyad *d = xcalloc(1, sizeof *d);
    dy_diag_init(&d->diag, cfg->quiet ? NULL : cfg->warnings ? cfg->warnings : stderr);
    d->datadir = find_datadir(cfg);
    if (!d->datadir) {
        snprintf(err, errlen, "cannot find dyad's data folder (set DYAD_DATADIR or --datadir)");
        dyad_close(d);
        return NULL;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/cameo/cameo.tsv", d->datadir);
    if (dy_cameo_load(&d->cameo, path, &d->diag) != 0 || d->cameo.n == 0) {
        snprintf(err, errlen, "cannot read the CAMEO code table %s", path);
        dyad_close(d);
        return NULL;
    }
    side_load side = {.cfg = cfg};
    pthread_t th;
    bool threaded = pthread_create(&th, NULL, load_side, &side) == 0;
    if (!threaded) load_side(&side);
    char bad_path[4096];
    const char *bad_dict = load_dictionaries(d, cfg, bad_path, sizeof bad_path);
    int dict_errno = errno;
    if (threaded) pthread_join(th, NULL);
    d->gaz = side.gaz;
    d->parser = side.parser;
    if (bad_dict) {
        snprintf(err, errlen, "cannot read dictionary %s: %s", bad_dict, strerror(dict_errno));
        dyad_close(d);
        return NULL;
    }
    if (!d->gaz) {
        dy_diag_report(&d->diag, "no-gazetteer", NULL, 0,
                       "%s; locating with the built-in countries and capitals only", side.gaz_err);
        d->gaz = dy_gaz_builtin();
    }
    d->locate = !cfg->no_locate;
    if (side.model_path && !d->parser) {
        if (cfg->model) {   /* asked for by name: an error, not a fallback */
            snprintf(err, errlen, "cannot load parser model %s: %s", side.model_path, side.model_err);
            dyad_close(d);
            return NULL;
        }
        dy_diag_report(&d->diag, "no-parser", side.model_path, 0, "parser model not loaded (%s): surface rules only",
                       side.model_err);
    }
    d->env = (dy_coder_env){d->dict, &d->cameo, d->parser};
    d->require_dyad = !cfg->allow_monadic;
    return d;
}

void dyad_close(dyad *d) {
    if (!d) return;
    if (d->dict) dy_dict_free(d->dict);
    if (d->gaz) dy_gaz_close(d->gaz);
    if (d->parser) dy_parser_free(d->parser);
    dy_cameo_free(&d->cameo);
    dy_diag_destroy(&d->diag);
    free(d->datadir);
    free(d);
}

size_t dyad_dictionary_entries(const dyad *d) { return dy_dict_entries(d->dict); }
size_t dyad_dictionary_errors(const dyad *d) { return dy_dict_errors(d->dict); }

dyad_worker *dyad_worker_new(const dyad *d) {
    dyad_worker *w = xcalloc(1, sizeof *w);
    w->d = d;
    if (d->parser) w->st.ps = dy_parse_scratch_new(d->parser);
    w->st.require_dyad = d->require_dyad;
    return w;
}

void dyad_worker_free(dyad_worker *w) {
    if (!w) return;
    if (w->st.ps) dy_parse_scratch_free(w->st.ps);
    dy_arena_free(&w->arena);
    free(w);
}

void dyad_worker_set_explain(dyad_worker *w, FILE *out) { w->explain = out; }

int dyad_worker_set_option(dyad_worker *w, const char *name, const char *value) {
    if (!strcmp(value, "True")) value = "true";
    else if (!strcmp(value, "False")) value = "false";
    /* Dates are the worker's business, not the coder's. */
    if (!strcmp(name, "time_shift")) {
        if (!strcmp(value, "true") || !strcmp(value, "1")) w->time_shift = 1;
        else if (!strcmp(value, "false") || !strcmp(value, "0")) w->time_shift = 0;
        else return -1;
        return 0;
    }
    return dy_coder_set_option(&w->st, name, value);
}

static const char *span(dy_arena *a, const char *text, const dy_sentence *s, uint32_t from, uint32_t to) {
    if (from >= to || to > s->ntok) return "";
    uint32_t b = s->toks[from].start, e = s->toks[to - 1].end;
    char *out = dy_arena_strndup(a, text + b, e - b);
    for (char *p = out; *p; p++) if (*p == '\n' || *p == '\t') *p = ' ';
    return out;
}

static void fill_event(dyad_worker *w, dyad_event *ev, const dy_coded *c, const char *text,
                       const dy_sentence *s) {
    const dyad *d = w->d;
    ev->source = dy_arena_strndup(&w->arena, c->src_code, strlen(c->src_code));
    ev->target = dy_arena_strndup(&w->arena, c->tgt_code, strlen(c->tgt_code));
    dy_cameo_actor_country(c->src_code, ev->source_country);
    dy_cameo_actor_country(c->tgt_code, ev->target_country);
    snprintf(ev->code, sizeof ev->code, "%s", c->code);
    snprintf(ev->root_code, sizeof ev->root_code, "%.2s", c->code);
    const dy_cameo_code *cc = dy_cameo_lookup(&d->cameo, c->code);
    ev->event_name = cc ? cc->name : "";
    ev->goldstein = cc ? cc->goldstein : 0.0;
    int root = atoi(ev->root_code);
    ev->quad_class = cc ? cc->quad : (root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4);
    ev->source_text = c->src >= 0 ? span(&w->arena, text, s, w->mentions[c->src].start, w->mentions[c->src].end) : "";
    ev->target_text = c->tgt >= 0 ? span(&w->arena, text, s, w->mentions[c->tgt].start, w->mentions[c->tgt].end) : "";
    ev->verb_text = span(&w->arena, text, s, c->vstart, c->vend);
    char rule[512];
    snprintf(rule, sizeof rule, "%s:%u", c->file ? c->file : "", c->line);
    ev->rule = dy_arena_strndup(&w->arena, rule, strlen(rule));
}

/* A big story is coded in segments of at most this many bytes, cut at a
 * line break (else a space): it bounds the tokens held at once. */
#define DY_SEGMENT_BYTES (64u << 10)

static size_t next_segment(const char *text, size_t len, size_t from) {
    if (len - from <= DY_SEGMENT_BYTES) return len;
    size_t lim = from + DY_SEGMENT_BYTES, cut = lim;
    while (cut > from + DY_SEGMENT_BYTES / 2 && text[cut - 1] != '\n') cut--;
    if (text[cut - 1] != '\n') {
        cut = lim;
        while (cut > from + DY_SEGMENT_BYTES / 2 && text[cut - 1] != ' ') cut--;
    }
    if (text[cut - 1] != '\n' && text[cut - 1] != ' ') {
        cut = lim;
        while (cut > from && ((unsigned char)text[cut] & 0xC0) == 0x80) cut--;   /* UTF-8 boundary */
    }
    return cut;
}

/* A segment's sentences and their dictionary keys, kept from pass 1 when
 * the story is one segment (nearly every story), so that it is tokenised and
 * looked up once, not once per pass. */
typedef struct {
    dy_sentence *sents;
    size_t ns;
    dy_tokkey **keys;           /* per sentence, DY_MIN(ntok, DY_MAX_SENTENCE_TOKENS) keys */
} seg_cache;

static int code_segment(dyad_worker *w, const dyad_story *story, const char *text, size_t len,
                        const seg_cache *cache,
                        int32_t date, const char *datestr, const char *place, dy_geo_context *geo_ctx,
                        bool *geo_pending, size_t *sentence_index, dyad_event_fn fn, void *user,
                        dyad_story_stats *stats) {
    const dyad *d = w->d;
    const char *id = story->id ? story->id : "";
    dy_geo_context geo = *geo_ctx;
    dy_sentence *sents;
    size_t ns = cache ? (sents = cache->sents, cache->ns) : dy_split(&w->arena, text, len, &sents);
    stats->sentences += ns;
    for (size_t i = 0; i < ns; i++) {
        dy_sentence s = sents[i];
        if (s.ntok > DY_MAX_SENTENCE_TOKENS) s.ntok = DY_MAX_SENTENCE_TOKENS;
        if (s.ntok == 0) continue;
        const dy_tokkey *keys = w->keys;
        if (cache) keys = cache->keys[i];
        else dy_dict_keys(d->dict, s.toks, s.ntok, w->keys);
        /* the sentence's text is copied only for the trace and its events */
        const char *stext = w->explain ? span(&w->arena, text, &s, 0, s.ntok) : NULL;
        if (w->explain) {
            fprintf(w->explain, "sentence %s#%zu: %s\n  tokens", id, *sentence_index + i, stext);
            for (uint32_t k = 0; k < s.ntok; k++) fprintf(w->explain, " %s", s.toks[k].form);
            fputc('\n', w->explain);
        }
        int story_level = 0;
        const char *hit = dy_dict_match_discard(d->dict, s.toks, keys, s.ntok, &story_level);
        if (hit) {
            if (w->explain) fprintf(w->explain, "  discarded by \"%s\"\n", hit);
            continue;
        }
        size_t nmn = 0;
        size_t nev = dy_code_sentence(&d->env, &w->st, &s, text, keys,
                                      date, w->mentions, &nmn, w->events, DY_MAX_EVENTS);
        if (!nev) continue;
        if (!stext) stext = span(&w->arena, text, &s, 0, s.ntok);
        const char *issues[DY_MAX_ISSUES + 1];
        size_t ni = dy_dict_match_issues(d->dict, s.toks, keys, s.ntok, issues, DY_MAX_ISSUES);
        issues[ni] = NULL;
        if (d->locate && *geo_pending) {
            /* The story's first event: its places become the context now. */
            for (size_t j = 0; j < cache->ns; j++)
                dy_geo_story_add(d->gaz, &geo, cache->sents[j].toks,
                                 DY_MIN(cache->sents[j].ntok, (uint32_t)DY_MAX_SENTENCE_TOKENS));
            *geo_pending = false;
        }
        size_t np = d->locate ? dy_geo_places(d->gaz, &geo, s.toks, s.ntok, w->places, DY_ARRAY_LEN(w->places)) : 0;
        /* TABARI's time shifting (manual 10.5): the first <TIME> phrase of
         * the sentence ("yesterday" [-1]) moves the date of its events. */
        char shifted[11];
        int days = 0;
        memcpy(shifted, datestr, sizeof shifted);
        if (w->time_shift && dy_dict_time_shift(d->dict, s.toks, keys, s.ntok, &days) && days) {
            dy_format_date(date + days, shifted);
            if (w->explain) fprintf(w->explain, "  note   time shift %+d day(s): %s\n", days, shifted);
        }
        for (size_t k = 0; k < nev; k++) {
            dyad_event ev;
            memset(&ev, 0, sizeof ev);
            ev.story_id = id;
            ev.sentence = (int)(*sentence_index + i);
            memcpy(ev.date, shifted, sizeof ev.date);
            ev.text = stext;
            ev.issues = issues;
            ev.story_source = story->source ? story->source : "";
            ev.story_url = story->url ? story->url : "";
            ev.story_title = story->title ? story->title : "";
            ev.dateline_place = place;
            fill_event(w, &ev, &w->events[k], text, &s);
            const dy_coded *c = &w->events[k];
            uint32_t a = c->vstart, b = c->vend;
            if (c->src >= 0) { a = DY_MIN(a, w->mentions[c->src].start); b = DY_MAX(b, w->mentions[c->src].end); }
            if (c->tgt >= 0) { a = DY_MIN(a, w->mentions[c->tgt].start); b = DY_MAX(b, w->mentions[c->tgt].end); }
            memset(&w->locs[k], 0, sizeof w->locs[k]);
            if (d->locate && dy_geo_locate_in(d->gaz, &geo, w->places, np, a, b, ev.source_country,
                                 ev.target_country, &w->locs[k]))
                ev.location = &w->locs[k];
            stats->events++;
            int rc = fn ? fn(&ev, user) : 0;
            if (rc) { *sentence_index += ns; return rc; }
        }
    }
    *sentence_index += ns;
    *geo_ctx = geo;
    return 0;
}

int dyad_code_story(dyad_worker *w, const dyad_story *story, const char *default_date,
                    dyad_event_fn fn, void *user, dyad_story_stats *stats) {
    const dyad *d = w->d;
    dyad_story_stats local;
    if (!stats) stats = &local;
    memset(stats, 0, sizeof *stats);
    dy_arena_reset(&w->arena);
    dy_coder_begin_story(&w->st);
    w->st.explain = w->explain;

    const char *id = story->id ? story->id : "";
    const char *ds = story->date && story->date[0] ? story->date : default_date;
    int32_t date;
    if (!ds || !ds[0]) {
        stats->skipped = 1;
        stats->skip_reason = "no-date";
        return 0;
    }
    if (!dy_parse_date(ds, strlen(ds), &date)) {
        stats->skipped = 1;
        stats->skip_reason = "bad-date";
        return 0;
    }
    char datestr[11];
    dy_format_date(date, datestr);

    char *text;
    size_t len;
    stats->repairs = dy_text_repair(&w->arena, story->text ? story->text : "", story->text_len, &text, &len);

    dy_dateline dl;
    memset(&dl, 0, sizeof dl);
    const char *place = "";
    if (dy_dateline_find(text, len, &dl) && dl.end > dl.start) {
        place = dy_arena_strndup(&w->arena, dl.place, strlen(dl.place));
        memset(text + dl.start, ' ', dl.end - dl.start);   /* metadata, not text to code */
    }

    dy_geo_context geo;
    /* The dateline's region ("SPRINGFIELD, Mass.") tells which place it is. */
    char dlq[sizeof dl.place + sizeof dl.region + 2];
    snprintf(dlq, sizeof dlq, "%s%s%s", place, dl.region[0] ? ", " : "", dl.region);
    dy_geo_story_begin(d->gaz, &geo, place[0] ? dlq : NULL);

    /* Pass 1: a story-level discard drops the whole story (sports, markets
     * ...); the story's places give the geographic context.  A big story is
     * read in segments, each rewound after use, so memory per story stays
     * bounded whatever its length.  A story of one segment keeps its
     * sentences and keys for pass 2. */
    seg_cache cache = {0};
    bool one_segment = next_segment(text, len, 0) == len;
    for (size_t from = 0; from < len;) {
        size_t to = next_segment(text, len, from);
        dy_arena_mark mark = dy_arena_get_mark(&w->arena);
        dy_sentence *sents;
        size_t ns = dy_split(&w->arena, text + from, to - from, &sents);
        if (one_segment) {
            cache.sents = sents;
            cache.ns = ns;
            cache.keys = dy_arena_alloc(&w->arena, (ns ? ns : 1) * sizeof *cache.keys);
        }
        for (size_t i = 0; i < ns; i++) {
            size_t n = sents[i].ntok < DY_MAX_SENTENCE_TOKENS ? sents[i].ntok : DY_MAX_SENTENCE_TOKENS;
            dy_tokkey *keys = w->keys;
            if (one_segment) keys = cache.keys[i] = dy_arena_alloc(&w->arena, (n ? n : 1) * sizeof *keys);
            /* Most stories code no event: a one-segment story's places are
             * read only when its first event needs them (code_segment). */
            if (d->locate && !one_segment) dy_geo_story_add(d->gaz, &geo, sents[i].toks, n);
            dy_dict_keys(d->dict, sents[i].toks, n, keys);
            int story_level = 0;
            const char *hit = dy_dict_match_discard(d->dict, sents[i].toks, keys, n, &story_level);
            if (hit && story_level) {
                if (w->explain) fprintf(w->explain, "story %s discarded by \"%s\"\n", id, hit);
                stats->skipped = 1;
                stats->skip_reason = "discarded";
                return 0;
            }
        }
        if (!one_segment) dy_arena_rewind(&w->arena, mark);
        from = to;
    }

    /* Pass 2: code. */
    size_t sentence_index = 0;
    bool geo_pending = one_segment;
    for (size_t from = 0; from < len;) {
        size_t to = next_segment(text, len, from);
        dy_arena_mark mark = dy_arena_get_mark(&w->arena);
        int rc = code_segment(w, story, text + from, to - from, one_segment ? &cache : NULL, date,
                              datestr, place, &geo, &geo_pending, &sentence_index, fn, user, stats);
        dy_arena_rewind(&w->arena, mark);
        if (rc) return rc;
        from = to;
    }
    return 0;
}
