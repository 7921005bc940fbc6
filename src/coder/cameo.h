/* cameo.h — the CAMEO code table (name, Goldstein value, quad class) and the
 * anatomy of CAMEO actor codes (country prefix, agent suffixes).
 *
 * The table is read once from data/cameo/cameo.tsv; lookups are by exact
 * code, falling back to the code's 3-digit, then 2-digit parent, so a
 * dictionary's unusual 4-digit code still gets a Goldstein value. */
#ifndef DYAD_CAMEO_H
#define DYAD_CAMEO_H

#include <stdbool.h>
#include <stddef.h>
#include "util/diag.h"

typedef struct {
    char code[6];
    char *name;
    double goldstein;
    int quad;
} dy_cameo_code;

typedef struct {
    dy_cameo_code *codes;   /* sorted by code */
    size_t n;
} dy_cameo;

/* Returns 0, or -1 (reported on diag) when the file cannot be read. */
int dy_cameo_load(dy_cameo *t, const char *path, dy_diag *diag);
void dy_cameo_free(dy_cameo *t);
/* Exact code, else nearest parent; NULL when the code is not CAMEO at all. */
const dy_cameo_code *dy_cameo_lookup(const dy_cameo *t, const char *code);
/* True for a well-formed event code: 2-4 digits (a trailing letter allowed, as
 * some dictionaries write "075A"). */
bool dy_cameo_is_event_code(const char *code);

/* True when the three letters are an ISO 3166-1 alpha-3 code or a CAMEO
 * country extra (KSV, ...). */
bool dy_cameo_is_country(const char *three);
/* The country part of an actor code ("RUSGOV" -> "RUS"); "" for IGOs, NGOs ... */
void dy_cameo_actor_country(const char *actor, char out[4]);

#endif
