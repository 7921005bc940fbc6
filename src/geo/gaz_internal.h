/* gaz_internal.h — building a gazetteer index in memory, for the converter
 * (tools/gazetteer/gazconv.c, which writes it to gazetteer.bin) and for the
 * built-in countries-and-capitals fallback (which uses it directly).
 *
 * Invariants: names are folded with dy_geo_fold before hashing, exactly as
 * the matcher folds tokens; each key's candidates are stored best prior
 * first (dy_geo_prior), so a lookup without context takes the first. */
#ifndef DYAD_GAZ_INTERNAL_H
#define DYAD_GAZ_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "geo/geo.h"

typedef struct dy_gaz_builder dy_gaz_builder;

dy_gaz_builder *dy_gzb_new(void);
/* Adds a place (p's name/admin1 offsets are ignored: the strings are given);
 * returns its index.  Its own name is not indexed: call dy_gzb_name. */
uint32_t dy_gzb_place(dy_gaz_builder *b, const dy_gaz_place *p, const char *name, const char *admin1);
dy_gaz_place *dy_gzb_get(dy_gaz_builder *b, uint32_t i);
uint32_t dy_gzb_count(const dy_gaz_builder *b);
/* Indexes name (any case, accents) as a way to say place i.  Returns false
 * when the name folds to nothing or has too many words. */
bool dy_gzb_name(dy_gaz_builder *b, uint32_t i, const char *name);
/* Marks a folded key as a common English word (DY_GS_COMMON). */
void dy_gzb_common(dy_gaz_builder *b, const char *word);
/* The finished index image (header, places, slots, candidates, strings),
 * malloc'd; frees the builder. */
char *dy_gzb_finish(dy_gaz_builder *b, size_t *len);

/* Prior plausibility of a place with no context: population, kind, feature. */
double dy_geo_prior(const dy_gaz_place *p);

/* Wraps an index image (taking ownership of buf when owned). */
dy_gazetteer *dy_gaz_from_image(char *buf, size_t len, bool owned, bool full, char *err, size_t errlen);

#endif
