/* cmd_locate.c — dyad locate: the places a text names, as dyad resolves
 * them, for checking the gazetteer and the disambiguation by eye.
 *
 *   dyad locate "Talks were held in Nagoya, Japan."
 *   dyad locate --stories corpus.jsonl      (every story; offsets per story)
 *
 * Output is TSV with a header: story id, character offsets of the mention in
 * the (repaired) story text, the words, then the place chosen: name, ISO3,
 * admin1, GeoNames id, precision, lat, lon, and how it was introduced ("cue"
 * after a locative, "qualifier" as in "Nagoya, Japan", "inferred" for a name
 * the gazetteer lacks, "-" otherwise).  The dateline's place is printed last,
 * at its offsets.  Each
 * story is resolved with its own context (dateline, countries it names), as
 * the coder does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "geo/geo.h"
#include "text/story.h"
#include "text/text.h"
#include "util/diag.h"
#include "util/util.h"

static const char usage[] =
    "usage: dyad locate [--gazetteer FILE] TEXT...\n"
    "       dyad locate [--gazetteer FILE] --stories FILE|DIR|-...\n"
    "Prints the places named in the text (or in each story), one per line:\n"
    "id, char start, char end, words, name, country, admin1, geonames_id,\n"
    "precision, lat, lon, role (cue: after a locative; qualifier; inferred: a name\n"
    "the gazetteer lacks, placed in the country its sentence or story points to; -).\n"
    "  --gazetteer FILE  index to use (default: $DYAD_GAZETTEER, gazetteer/gazetteer.bin,\n"
    "                    the data folder; without one, countries and capitals only)\n"
    "  --stories         arguments are story files or folders, not text\n"
    "  -q, --quiet       no per-story warnings\n";

/* Character (code point) offset of byte b, counting from the last known pair. */
static size_t char_offset(const char *text, size_t b, size_t *last_b, size_t *last_c) {
    if (b < *last_b) { *last_b = 0; *last_c = 0; }
    size_t c = *last_c;
    for (size_t i = *last_b; i < b; i++) c += ((unsigned char)text[i] & 0xC0) != 0x80;
    *last_b = b;
    *last_c = c;
    return c;
}

static void tsv_text(FILE *out, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) fputc(s[i] == '\t' || s[i] == '\n' ? ' ' : s[i], out);
}

static void locate_text(const dy_gazetteer *g, dy_arena *a, const char *id, const char *raw, size_t rawlen, FILE *out) {
    char *text;
    size_t len;
    dy_text_repair(a, raw, rawlen, &text, &len);
    dy_dateline dl;
    const char *place = NULL;
    if (dy_dateline_find(text, len, &dl) && dl.end > dl.start && dl.place[0]) place = dl.place;
    dy_sentence *sents;
    size_t ns = dy_split(a, text, len, &sents);
    dy_geo_context ctx;
    char dlq[sizeof dl.place + sizeof dl.region + 2];   /* "Springfield, Mass.": the region qualifies */
    if (place) snprintf(dlq, sizeof dlq, "%s%s%s", place, dl.region[0] ? ", " : "", dl.region);
    dy_geo_story_begin(g, &ctx, place ? dlq : NULL);
    for (size_t i = 0; i < ns; i++) dy_geo_story_add(g, &ctx, sents[i].toks, sents[i].ntok);
    size_t lb = 0, lc = 0;
    for (size_t i = 0; i < ns; i++) {
        dy_place_mention m[64];
        size_t nm = dy_geo_places(g, &ctx, sents[i].toks, sents[i].ntok, m, DY_ARRAY_LEN(m));
        for (size_t k = 0; k < nm; k++) {
            uint32_t bs = sents[i].toks[m[k].start].start, be = sents[i].toks[m[k].end - 1].end;
            size_t cs = char_offset(text, bs, &lb, &lc);
            size_t ce = char_offset(text, be, &lb, &lc);
            dy_place p;
            dy_gaz_get(g, m[k].place, &p);
            fprintf(out, "%s\t%zu\t%zu\t", id, cs, ce);
            tsv_text(out, text + bs, be - bs);
            fprintf(out, "\t%s\t%s\t%s\t%ld\t%s\t%.5f\t%.5f\t%s\n", p.name, p.country, p.admin1,
                    p.geonames_id,
                    p.kind == DY_GEO_COUNTRY ? "country" : p.kind == DY_GEO_ADMIN1 ? "admin1" : "city",
                    p.lat, p.lon, m[k].qualifier ? "qualifier" : m[k].inferred ? "inferred" : m[k].cue ? "cue" : "-");
        }
    }
    if (ctx.dateline != UINT32_MAX) {
        dy_place p;
        dy_gaz_get(g, ctx.dateline, &p);
        /* The place opens the dateline: its offsets, so that it can be scored like any mention. */
        size_t b = dl.start;
        while (b < dl.end && (text[b] == ' ' || text[b] == '\n' || text[b] == '\t' || text[b] == '\r')) b++;
        size_t pb = char_offset(text, b, &lb, &lc);
        fprintf(out, "%s\t%zu\t%zu\t(dateline) %s\t%s\t%s\t%s\t%ld\t%s\t%.5f\t%.5f\tdateline\n", id, pb,
                pb + strlen(place), place, p.name, p.country, p.admin1, p.geonames_id,
                p.kind == DY_GEO_COUNTRY ? "country" : p.kind == DY_GEO_ADMIN1 ? "admin1" : "city", p.lat,
                p.lon);
    }
    dy_arena_reset(a);
}

int cmd_locate(int argc, char **argv) {
    const char *gaz_path = NULL;
    int stories = 0, quiet = 0;
    DY_VEC(const char *) args = {0};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--gazetteer")) {
            if (++i >= argc) { dy_vec_free(&args); return cli_usage_error("locate", "--gazetteer needs a file"); }
            gaz_path = argv[i];
        } else if (!strcmp(argv[i], "--stories")) {
            stories = 1;
        } else if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")) {
            quiet = 1;
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(usage, stdout);
            dy_vec_free(&args);
            return DY_EXIT_OK;
        } else if (argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0) {
            dy_vec_free(&args);
            return cli_usage_error("locate", "unknown option %s (see dyad locate --help)", argv[i]);
        } else if (strcmp(argv[i], "--") != 0) {
            dy_vec_push(&args, argv[i]);
        }
    }
    if (!args.len && !stories) {
        fputs(usage, stderr);
        return DY_EXIT_FATAL;
    }
    dy_diag diag;
    dy_diag_init(&diag, quiet ? NULL : stderr);
    dy_gazetteer *g = dy_gaz_open(gaz_path, &diag);
    if (gaz_path && !dy_gaz_full(g)) {
        dy_gaz_close(g);
        dy_diag_destroy(&diag);
        dy_vec_free(&args);
        return DY_EXIT_FATAL;
    }
    dy_arena a = {0};
    printf("id\tstart\tend\twords\tname\tcountry\tadmin1\tgeonames_id\tprecision\tlat\tlon\trole\n");
    int rc = DY_EXIT_OK;
    if (!stories) {
        for (size_t i = 0; i < args.len; i++) {
            char id[32];
            snprintf(id, sizeof id, "%zu", i + 1);
            locate_text(g, &a, id, args.items[i], strlen(args.items[i]), stdout);
        }
    } else {
        const char *stdin_only[] = {"-"};
        dy_reader *r = args.len ? dy_reader_open(args.items, args.len, &diag) : dy_reader_open(stdin_only, 1, &diag);
        dy_story_rec rec;
        while (dy_reader_next(r, &rec)) locate_text(g, &a, rec.id, rec.text, rec.text_len, stdout);
        if (dy_reader_skipped(r)) rc = DY_EXIT_SKIPPED;
        dy_reader_close(r);
    }
    dy_arena_free(&a);
    dy_gaz_close(g);
    dy_diag_destroy(&diag);
    dy_vec_free(&args);
    return rc;
}
