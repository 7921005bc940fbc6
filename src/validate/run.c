/* run.c — coding a suite's records, comparing, tallying, JUnit output. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "validate/internal.h"

static int triple_eq(const dy_vtriple *a, const dy_vtriple *b) {
    return !strcmp(a->source, b->source) && !strcmp(a->target, b->target) && !strcmp(a->code, b->code);
}

static int contains(const dy_vtriple *set, size_t n, const dy_vtriple *t) {
    for (size_t i = 0; i < n; i++)
        if (triple_eq(&set[i], t)) return 1;
    return 0;
}

dy_vstatus dy_vcompare(const dy_vrecord *r, const dy_vtriple *produced, size_t n,
                       int story_discarded, const char **why) {
    *why = NULL;
    switch (r->expect) {
    case DY_VX_UNCHECKED:
        *why = r->why_unchecked ? r->why_unchecked : "not checked";
        return DY_VR_SKIP;
    case DY_VX_STORYDISCARD:
        if (story_discarded && n == 0) return DY_VR_PASS;
        *why = "the story was not discarded";
        return DY_VR_FAIL;
    case DY_VX_NONE: case DY_VX_COMPLEX: case DY_VX_DISCARD: case DY_VX_REJECT:
        if (n == 0) return DY_VR_PASS;
        *why = "events were coded where the suite expects none";
        return DY_VR_FAIL;
    case DY_VX_EVENTS:
        break;
    }
    /* Sets, as both programs compare them: order and repeats do not matter. */
    for (size_t i = 0; i < r->events.len; i++)
        if (!contains(produced, n, &r->events.items[i])) {
            *why = "an expected event was not coded";
            return DY_VR_FAIL;
        }
    if (!r->subset)
        for (size_t i = 0; i < n; i++)
            if (!contains(r->events.items, r->events.len, &produced[i])) {
                *why = r->events.len ? "an event the suite does not expect was coded"
                                     : "events were coded where the suite expects none";
                return DY_VR_FAIL;
            }
    if (r->check_date && r->events.len) {
        const dy_vtriple *first = &r->events.items[0];
        if (!first->date[0]) {
            *why = "time shifting is on but the record gives no date for its first event";
            return DY_VR_FAIL;
        }
        int dated = 0;
        for (size_t i = 0; i < n && !dated; i++)
            dated = triple_eq(&produced[i], first) && !strcmp(produced[i].date, first->date);
        if (!dated) {
            *why = "the first expected event was not coded with the (time-shifted) date the record gives";
            return DY_VR_FAIL;
        }
    }
    return DY_VR_PASS;
}

static char *trimmed(const char *s) { return vs_clean_dup(s ? s : "", s ? strlen(s) : 0); }

static int collect(const dyad_event *ev, void *user) {
    dy_vtriples *out = user;
    dy_vtriple t = {trimmed(ev->source), trimmed(ev->target), trimmed(ev->code), ""};
    memcpy(t.date, ev->date, sizeof t.date);
    t.date[sizeof t.date - 1] = 0;
    dy_vec_push(out, t);
    return 0;
}

static void free_triples(dy_vtriples *v) {
    for (size_t i = 0; i < v->len; i++) {
        free(v->items[i].source); free(v->items[i].target); free(v->items[i].code);
    }
    dy_vec_free(v);
}

void dy_vresult_free(dy_vresult *r) { free_triples(&r->produced); }

static void code_record(dyad_worker *w, const dy_vsuite *s, const dy_vrecord *r, dy_vtriples *out,
                        int *discarded) {
    /* TABARI turns a hyphen inside a word into a blank ("Al-Gore" is "Al
     * Gore"); its suite expects that.  Not done for news, where "Al-Assad"
     * and "Abu-Dhabi"-style names are dictionary entries with the hyphen. */
    char *text = xstrdup(r->text);
    if (s->format == DY_VS_TABARI)
        for (size_t i = 0; text[i]; i++)
            if (text[i] == '-') text[i] = ' ';
    dyad_story st = {.id = r->id, .date = r->date[0] ? r->date : NULL, .text = text,
                     .text_len = strlen(text), .file = s->path, .line = r->line};
    dyad_story_stats stats;
    memset(&stats, 0, sizeof stats);
    dyad_code_story(w, &st, NULL, collect, out, &stats);
    free(text);
    /* PETRARCH writes an event without a target (require_dyad off) as "---". */
    if (s->format == DY_VS_PETRARCH)
        for (size_t i = 0; i < out->len; i++)
            if (!out->items[i].target[0]) { free(out->items[i].target); out->items[i].target = xstrdup("---"); }
    *discarded = stats.skipped && stats.skip_reason && !strcmp(stats.skip_reason, "discarded");
}

/* The code in brackets after word in a TABARI option ("SOURCE [DEFSRC]"). */
static int bracket_after(const char *opt, const char *word, char *out, size_t n) {
    const char *p = strstr(opt, word);
    if (!p) return 0;
    p += strlen(word);
    while (*p == ' ' || *p == ':') p++;
    if (*p != '[') return 0;
    const char *e = strchr(++p, ']');
    if (!e || (size_t)(e - p) >= n) return 0;
    snprintf(out, n, "%.*s", (int)(e - p), p);
    return 1;
}

/* TABARI's option records, in the worker's names: "DEFAULT: SOURCE [X]
 * PRIOR TARGET [Y] AFTER", "DEFAULT: OFF", "SET: CONVERT AGENT(S) = TRUE",
 * "COMMA: ...", "COMPLEX: ...".  PRIOR and AFTER (the default replaces an
 * actor that would be looked for on the other side of the verb) matter to
 * the clause model only. */
static int apply_tabari(dyad_worker *w, const char *opt) {
    char up[256], sq[256];
    size_t u = 0, q = 0;
    for (const char *p = opt; *p && u + 1 < sizeof up; p++) {
        up[u++] = (char)toupper((unsigned char)*p);
        if (!isspace((unsigned char)*p)) sq[q++] = (char)toupper((unsigned char)*p);
    }
    up[u] = sq[q] = 0;
    if (!strcmp(sq, "DEFAULT:OFF"))
        return dyad_worker_set_option(w, "default_source", "") | dyad_worker_set_option(w, "default_target", "");
    if (!strncmp(sq, "DEFAULT:", 8)) {
        char code[32];
        int rc = 0, any = 0;
        if (bracket_after(up, "SOURCE", code, sizeof code)) { rc |= dyad_worker_set_option(w, "default_source", code); any = 1; }
        if (bracket_after(up, "TARGET", code, sizeof code)) { rc |= dyad_worker_set_option(w, "default_target", code); any = 1; }
        rc |= dyad_worker_set_option(w, "default_prior", strstr(up, "PRIOR") ? "true" : "false");
        rc |= dyad_worker_set_option(w, "default_after", strstr(up, "AFTER") ? "true" : "false");
        return any ? rc : -1;
    }
    if (!strncmp(sq, "SET:MINIMUMWORDS=", 17))
        return dyad_worker_set_option(w, "min_words", sq + 17);
    /* The clause model codes the first verb of each clause (CODE BY
     * CLAUSE) or every verb (CODE ALL); BY SENTENCE keeps the first. */
    if (!strcmp(sq, "SET:CODEBYSENTENCE"))
        return dyad_worker_set_option(w, "code_by_sentence", "true") | dyad_worker_set_option(w, "code_all", "false");
    if (!strcmp(sq, "SET:CODEBYCLAUSE") || !strcmp(sq, "SET:CODEALL"))
        return dyad_worker_set_option(w, "code_by_sentence", "false") |
               dyad_worker_set_option(w, "code_all", sq[8] == 'A' ? "true" : "false");
    if (!strncmp(sq, "COMPLEX:", 8)) {
        /* VERBS[n] CONJ[n] NOACTPRIOR; the other conditions are not applied */
        const char *vb = strstr(sq, "VERBS["), *cj = strstr(sq, "CONJ[");
        char v[64];
        snprintf(v, sizeof v, "%d,%d,%d", vb ? atoi(vb + 6) : 0, cj ? atoi(cj + 5) : 0,
                 strstr(sq, "NOACTPRIOR") ? 1 : 0);
        return dyad_worker_set_option(w, "complex", v);
    }
    if (!strcmp(sq, "COMMA:OFF")) return dyad_worker_set_option(w, "comma", "off");
    if (!strncmp(sq, "COMMA:", 6)) {
        /* MIN = a MAX = b EMIN = c EMAX = d BMIN = e BMAX = f, any order;
         * a limit not given keeps TABARI's default */
        static const char *const names[6] = {"MIN=", "MAX=", "EMIN=", "EMAX=", "BMIN=", "BMAX="};
        int lim[6] = {2, 10, 2, 10, 128, 0};
        for (int k = 0; k < 6; k++) {
            for (const char *p = sq + 6; (p = strstr(p, names[k])); p++) {
                if (p > sq + 6 && (p[-1] == 'E' || p[-1] == 'B')) continue;   /* "EMIN=" is not "MIN=" */
                lim[k] = atoi(p + strlen(names[k]));
                break;
            }
        }
        char v[80];
        snprintf(v, sizeof v, "%d,%d,%d,%d,%d,%d", lim[0], lim[1], lim[2], lim[3], lim[4], lim[5]);
        return dyad_worker_set_option(w, "comma", v);
    }
    if (!strncmp(sq, "FORWARD:", 8)) {
        size_t n = strlen(sq);
        bool off = n >= 11 && !strcmp(sq + n - 3, "OFF");
        return dyad_worker_set_option(w, "forward", off ? "false" : "true");
    }
    /* The reader checks the shifted date of the first event; the worker
     * moves it by the verbs file's <TIME> phrases. */
    if (!strcmp(sq, "SET:TIMESHIFT=TRUE") || !strcmp(sq, "SET:TIMESHIFTING=TRUE"))
        return dyad_worker_set_option(w, "time_shift", "true");
    if (!strcmp(sq, "SET:TIMESHIFT=FALSE") || !strcmp(sq, "SET:TIMESHIFTING=FALSE"))
        return dyad_worker_set_option(w, "time_shift", "false");
    if (!strcmp(sq, "SET:CONVERTAGENT=TRUE") || !strcmp(sq, "SET:CONVERTAGENTS=TRUE"))
        return dyad_worker_set_option(w, "convert_agents", "true");
    if (!strcmp(sq, "SET:CONVERTAGENT=FALSE") || !strcmp(sq, "SET:CONVERTAGENTS=FALSE"))
        return dyad_worker_set_option(w, "convert_agents", "false");
    return -1;
}

/* "require_dyad=False" -> set_option("require_dyad", "false").  Names and
 * values are lowered: the suites spell booleans every which way. */
int dy_vapply_option(dyad_worker *w, const char *opt) {
    const char *eq = strchr(opt, '=');
    if (!strchr(opt, ':') && eq) {
        /* PETRARCH's <Config option value>, recorded as name=value */
    } else {
        return apply_tabari(w, opt);
    }
    char name[64], value[64];
    size_t nl = 0, vl = 0;
    for (const char *p = opt; p < eq && nl + 1 < sizeof name; p++)
        if (*p != ' ') name[nl++] = (char)tolower((unsigned char)*p);
    for (const char *p = eq + 1; *p && vl + 1 < sizeof value; p++)
        if (*p != ' ') value[vl++] = (char)tolower((unsigned char)*p);
    name[nl] = value[vl] = 0;
    return dyad_worker_set_option(w, name, value);
}

/* TABARI's FORWARD sequence format ("^^*****NNN*SSS"), kept by the runner:
 * it says which records continue one story. */
typedef struct {
    char fmt[64];               /* "" while FORWARD is off */
    char story[32];             /* previous record's story number */
    long sentence;              /* ... and sentence number; -1 none */
} forward_state;

static void apply_options(dyad_worker *w, const dy_vstrings *opts, forward_state *fw) {
    for (size_t k = 0; k < opts->len; k++) {
        const char *o = opts->items[k];
        (void)dy_vapply_option(w, o);
        if (!fw || strncmp(o, "FORWARD:", 8)) continue;
        /* the format is the first word after the colon; OFF after it stops */
        const char *p = o + 8;
        while (*p == ' ') p++;
        size_t n = strcspn(p, " ");
        fw->fmt[0] = 0;
        if (!strstr(p + n, "OFF") && n < sizeof fw->fmt) snprintf(fw->fmt, sizeof fw->fmt, "%.*s", (int)n, p);
        fw->sentence = -1;
    }
}

/* Does record id continue the story of the record before it (same story
 * number, sentence number one more)?  Updates fw.  TABARI manual 8.4: "^"
 * stands for blanks before the id, "N" the story, "S" the sentence. */
static bool forward_continues(forward_state *fw, const char *id) {
    char story[32] = "";
    long sentence = 0;
    size_t ns = 0;
    const char *f = fw->fmt;
    while (*f == '^') f++;
    for (size_t i = 0; f[i] && id[i]; i++) {
        if (f[i] == 'N' && ns + 1 < sizeof story) story[ns++] = id[i];
        if (f[i] == 'S') sentence = isdigit((unsigned char)id[i]) ? sentence * 10 + (id[i] - '0') : 0;
    }
    story[ns] = 0;
    bool cont = fw->sentence >= 0 && !strcmp(story, fw->story) && sentence == fw->sentence + 1;
    snprintf(fw->story, sizeof fw->story, "%s", story);
    fw->sentence = sentence;
    return cont;
}

void dy_validate_run(const dyad *d, const dy_vsuite *s, const dy_vrun_opts *o, dy_vresult *res) {
    dyad_worker *w = dyad_worker_new(d);
    forward_state fw = {.sentence = -1};
    /* TABARI's defaults where dyad's differ (manual 8.2.3): sentences under
     * 8 words are not coded. */
    if (s->format == DY_VS_TABARI) (void)dyad_worker_set_option(w, "min_words", "8");
    /* ... and its clause model (TABARI codes by clause; dyad reads news by
     * the parse's subjects and objects). */
    if (s->format == DY_VS_TABARI) (void)dyad_worker_set_option(w, "tabari_clauses", "true");
    /* The suite's records up to its first COMPLEX: option expect the
     * conditions its DEFAULT-CMD04 restores "to previous status"
     * (COMPLEX-04, -07, DEBUG-13). */
    if (s->format == DY_VS_TABARI) (void)dyad_worker_set_option(w, "complex", "5,4,1");
    /* Both suites take a place after "in"/"at" as the target of any verb
     * ("arrived in Gondor" 032, "bargain for asylum in Gondor"); in news
     * it is mostly where things happened (docs/validation.md). */
    (void)dyad_worker_set_option(w, "place_targets", "true");
    /* PETRARCH's require_dyad asks for a source and a target, not for their
     * countries: "Russian police arrested students" is RUSCOP/---EDU. */
    if (s->format == DY_VS_PETRARCH) (void)dyad_worker_set_option(w, "agent_dyads", "true");
    /* ... and swaps source and target of a passive verb only when a "by"
     * phrase names the agent. */
    if (s->format == DY_VS_PETRARCH) (void)dyad_worker_set_option(w, "passive_needs_agent", "true");
    /* ... and reads a verb's phrases from its parse tree (coder.h). */
    if (s->format == DY_VS_PETRARCH) (void)dyad_worker_set_option(w, "petrarch_phrases", "true");
    /* PETRARCH's comma_* options start at its defaults. */
    if (s->format == DY_VS_PETRARCH) (void)dyad_worker_set_option(w, "petrarch_commas", "true");
    apply_options(w, &s->file_options, &fw);
    for (size_t i = 0; i < s->records.len; i++) {
        const dy_vrecord *r = &s->records.items[i];
        dy_vresult *x = &res[i];
        memset(x, 0, sizeof *x);
        x->status = DY_VR_SKIP;
        /* A PETRARCH <Config> applies from the record after it, which holds
         * it; a TABARI OPTION record from the record after the option's. */
        if (s->format == DY_VS_PETRARCH) apply_options(w, &r->options, &fw);
        if (i > 0 && s->format == DY_VS_TABARI) apply_options(w, &s->records.items[i - 1].options, &fw);
        /* Forwarding carries the story's first actor only into the next
         * sentence of the same story. */
        if (!fw.fmt[0] || !forward_continues(&fw, r->id)) (void)dyad_worker_set_option(w, "forward_reset", "");
        if (r->after_stop) { x->why = "after the record where the suite's run stops"; continue; }
        if (!r->included) { x->why = "its category is not included by the suite"; continue; }
        if (o && o->only_id && strcmp(o->only_id, r->id)) { x->why = "not selected"; continue; }
        if (r->expect == DY_VX_UNCHECKED) { x->why = r->why_unchecked; continue; }
        code_record(w, s, r, &x->produced, &x->discarded);
        x->status = dy_vcompare(r, x->produced.items, x->produced.len, x->discarded, &x->why);
        if (x->status == DY_VR_FAIL && o && o->explain) {
            /* Traced on a second pass so that passing records cost nothing. */
            fprintf(o->explain, "---- explain %s (%s:%ld)\n", r->id, s->path, r->line);
            dy_vtriples again = {0};
            int disc;
            dyad_worker_set_explain(w, o->explain);
            code_record(w, s, r, &again, &disc);
            dyad_worker_set_explain(w, NULL);
            free_triples(&again);
        }
    }
    dyad_worker_free(w);
}

void dy_vtally_build(const dy_vsuite *s, const dy_vresult *res, dy_vtallies *out, dy_vtally *total) {
    memset(total, 0, sizeof *total);
    for (size_t i = 0; i < s->records.len; i++) {
        const char *cat = s->records.items[i].category;
        dy_vtally *t = NULL;
        for (size_t k = 0; k < out->len; k++)
            if (!strcmp(out->items[k].category, cat)) t = &out->items[k];
        if (!t) {
            dy_vtally nt = {xstrdup(cat), 0, 0, 0};
            dy_vec_push(out, nt);
            t = &out->items[out->len - 1];
        }
        switch (res[i].status) {
        case DY_VR_PASS: t->pass++; total->pass++; break;
        case DY_VR_FAIL: t->fail++; total->fail++; break;
        case DY_VR_SKIP: t->skip++; total->skip++; break;
        }
    }
}

void dy_vtallies_free(dy_vtallies *t) {
    for (size_t i = 0; i < t->len; i++) free(t->items[i].category);
    dy_vec_free(t);
}

void dy_vtriples_format(const dy_vtriple *t, size_t n, dy_buf *b) {
    if (!b->s) dy_buf_adds(b, "");
    if (n == 0) { dy_buf_adds(b, "(none)"); return; }
    for (size_t i = 0; i < n; i++)
        dy_buf_printf(b, "%s%s/%s/%s", i ? "  " : "", t[i].source[0] ? t[i].source : "\"\"",
                      t[i].target[0] ? t[i].target : "\"\"", t[i].code);
}

static void xml_escape(FILE *out, const char *s) {
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        default:
            /* Control characters are not allowed in XML 1.0. */
            if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t') fputc(' ', out);
            else fputc(*s, out);
        }
    }
}

int dy_vjunit_write(FILE *out, const dy_vsuite *s, const dy_vresult *res) {
    dy_vtallies cats = {0};
    dy_vtally total;
    dy_vtally_build(s, res, &cats, &total);
    const char *fmt = dy_vs_format_name(s->format);
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"");
    xml_escape(out, s->path);
    fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" skipped=\"%zu\">\n",
            total.pass + total.fail + total.skip, total.fail, total.skip);
    for (size_t c = 0; c < cats.len; c++) {
        const dy_vtally *t = &cats.items[c];
        fprintf(out, "  <testsuite name=\"%s.", fmt);
        xml_escape(out, t->category);
        fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" skipped=\"%zu\">\n", t->pass + t->fail + t->skip,
                t->fail, t->skip);
        for (size_t i = 0; i < s->records.len; i++) {
            const dy_vrecord *r = &s->records.items[i];
            if (strcmp(r->category, t->category)) continue;
            fprintf(out, "    <testcase classname=\"%s.", fmt);
            xml_escape(out, r->category);
            fprintf(out, "\" name=\"");
            xml_escape(out, r->id);
            fprintf(out, "\" file=\"");
            xml_escape(out, s->path);
            fprintf(out, "\" line=\"%ld\"", r->line);
            const dy_vresult *x = &res[i];
            if (x->status == DY_VR_PASS) { fprintf(out, "/>\n"); continue; }
            fprintf(out, ">\n");
            if (x->status == DY_VR_SKIP) {
                fprintf(out, "      <skipped message=\"");
                xml_escape(out, x->why ? x->why : "");
                fprintf(out, "\"/>\n");
            } else {
                dy_buf b = {0};
                dy_buf_printf(&b, "expected (%s): ", dy_vexpect_name(r->expect));
                if (r->expect == DY_VX_EVENTS) dy_vtriples_format(r->events.items, r->events.len, &b);
                dy_buf_adds(&b, "\nproduced: ");
                dy_vtriples_format(x->produced.items, x->produced.len, &b);
                dy_buf_printf(&b, "\ntext: %s\n", r->text);
                fprintf(out, "      <failure message=\"");
                xml_escape(out, x->why ? x->why : "");
                fprintf(out, "\">");
                xml_escape(out, b.s);
                fprintf(out, "</failure>\n");
                dy_buf_free(&b);
            }
            fprintf(out, "    </testcase>\n");
        }
        fprintf(out, "  </testsuite>\n");
    }
    fprintf(out, "</testsuites>\n");
    dy_vtallies_free(&cats);
    return ferror(out) ? -1 : 0;
}
