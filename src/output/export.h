/* export.h — events from a store in the formats other event-data tools read:
 * GDELT 2.0 Events (61 tab-separated columns), Phoenix (26), ICEWS (20, with
 * a header row), PLOVER JSON Lines, and dyad's own JSON Lines.  docs/formats.md
 * lists every column and where its value comes from.
 *
 * Invariants: column counts and order are exactly the format's; a value dyad
 * does not know (tone, ethnicity, GDELT ADM1 codes...) is an empty field,
 * never a guess; tabs and newlines inside values become spaces so a row is
 * always one line.  Lookups (CAMEO->PLOVER, ISO3->FIPS/name) come from
 * data/cameo/plover.tsv and data/geo/iso3_fips.tsv. */
#ifndef DYAD_EXPORT_H
#define DYAD_EXPORT_H

#include <stdio.h>
#include "store/store.h"
#include "util/util.h"

typedef enum {
    DY_EXPORT_JSONL, DY_EXPORT_GDELT, DY_EXPORT_PHOENIX, DY_EXPORT_ICEWS, DY_EXPORT_PLOVER
} dy_export_format;

int dy_export_format_parse(const char *name, dy_export_format *out);
/* Number of columns of a tabular format (0 for the JSON ones). */
int dy_export_ncolumns(dy_export_format f);

typedef struct dy_export_tables dy_export_tables;
/* datadir NULL: $DYAD_DATADIR, the source tree, then the install prefix. */
dy_export_tables *dy_export_tables_load(const char *datadir, char *err, size_t errlen);
void dy_export_tables_free(dy_export_tables *t);
/* PLOVER event for a CAMEO code (a 4-digit code falls back to its 3-digit
 * parent); NULL when CAMEO has no PLOVER equivalent (e.g. 01x, 02x). */
const char *dy_plover_event(const dy_export_tables *t, const char *code, const char **mode,
                            const char **context);
/* FIPS 10-4 code / English name of an ISO3 country; "" when unknown. */
const char *dy_country_fips(const dy_export_tables *t, const char *iso3);
const char *dy_country_name(const dy_export_tables *t, const char *iso3);

/* The header line (with newline), "" for formats that have none. */
void dy_export_header(dy_export_format f, dy_buf *out);
/* One event (or one-a-day group) as one line, newline included. */
void dy_export_group(dy_export_format f, const dy_export_tables *t, const dy_event_group *g,
                     int dedup, dy_buf *out);

/* Scans the store with filter f (f->dedup applies) and writes every event.
 * header: write the header line (ICEWS always has one).  Returns 0 or -1
 * (message in dy_store_errmsg); *count gets the number of rows written. */
int dy_store_export(dy_store *s, dy_export_format fmt, const dy_event_filter *f, int header,
                    const dy_export_tables *t, FILE *out, size_t *count);

#endif
