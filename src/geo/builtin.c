/* builtin.c — the gazetteer dyad uses when none is installed: every ISO 3166
 * country (under its ISO, customary and short names) and its capital, from
 * the generated countries_table.h.  Built in memory on open, in well under a
 * millisecond, with the same index layout as gazetteer.bin so the matcher has
 * one code path. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo/gaz_internal.h"
#include "geo/geo.h"
#include "util/util.h"

typedef struct {
    const char *iso3, *display, *names;
    int32_t lat, lon;               /* population-weighted centre, 1e-5 degrees */
    unsigned long long pop;
    const char *capital, *cap_admin1;
    uint32_t cap_gid;
    int32_t cap_lat, cap_lon;
    uint32_t cap_pop;
} dy_geo_country_row;

#include "geo/countries_table.h"

dy_gazetteer *dy_gaz_builtin(void) {
    dy_gaz_builder *b = dy_gzb_new();
    for (size_t i = 0; i < DY_ARRAY_LEN(dy_geo_countries); i++) {
        const dy_geo_country_row *r = &dy_geo_countries[i];
        dy_gaz_place p;
        memset(&p, 0, sizeof p);
        p.lat_e5 = r->lat;
        p.lon_e5 = r->lon;
        p.pop = r->pop > UINT32_MAX ? UINT32_MAX : (uint32_t)r->pop;
        memcpy(p.iso3, r->iso3, 4);
        p.kind = DY_GEO_COUNTRY;
        uint32_t c = dy_gzb_place(b, &p, r->display, "");
        char code[8];
        snprintf(code, sizeof code, "#%s", r->iso3);
        dy_gzb_name(b, c, code);
        char *dup = xstrdup(r->names), *save = NULL;
        for (char *w = strtok_r(dup, "|", &save); w; w = strtok_r(NULL, "|", &save)) dy_gzb_name(b, c, w);
        free(dup);
        if (!r->capital[0]) continue;
        memset(&p, 0, sizeof p);
        p.gid = r->cap_gid;
        p.lat_e5 = r->cap_lat;
        p.lon_e5 = r->cap_lon;
        p.pop = r->cap_pop;
        memcpy(p.iso3, r->iso3, 4);
        p.kind = DY_GEO_CITY;
        p.feat = DY_GF_PPLC;
        dy_gzb_name(b, dy_gzb_place(b, &p, r->capital, r->cap_admin1), r->capital);
    }
    size_t len;
    char *img = dy_gzb_finish(b, &len);
    char err[200];
    dy_gazetteer *g = dy_gaz_from_image(img, len, true, false, err, sizeof err);
    if (!g) {   /* the table is generated and tested: this cannot happen */
        fprintf(stderr, "dyad: built-in gazetteer: %s\n", err);
        abort();
    }
    return g;
}
