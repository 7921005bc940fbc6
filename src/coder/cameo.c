#include "coder/cameo.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

static int cmp_code(const void *a, const void *b) {
    return strcmp(((const dy_cameo_code *)a)->code, ((const dy_cameo_code *)b)->code);
}

int dy_cameo_load(dy_cameo *t, const char *path, dy_diag *diag) {
    memset(t, 0, sizeof *t);
    FILE *f = fopen(path, "r");
    if (!f) {
        dy_diag_report(diag, "unreadable", path, 0, "cannot read the CAMEO code table");
        return -1;
    }
    char *line = NULL;
    size_t cap = 0, alloc = 0;
    long lineno = 0;
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n') continue;
        char *code = strtok(line, "\t\n");
        char *name = strtok(NULL, "\t\n");
        char *gold = strtok(NULL, "\t\n");
        char *quad = strtok(NULL, "\t\n");
        if (!code || !name || !gold || !quad || strlen(code) >= sizeof t->codes[0].code) {
            dy_diag_report(diag, "bad-cameo-line", path, lineno, "expected code, name, goldstein, quad");
            continue;
        }
        if (t->n == alloc) {
            alloc = alloc ? alloc * 2 : 512;
            t->codes = xrealloc(t->codes, alloc * sizeof *t->codes);
        }
        dy_cameo_code *c = &t->codes[t->n++];
        snprintf(c->code, sizeof c->code, "%s", code);
        c->name = xstrdup(name);
        c->goldstein = atof(gold);
        c->quad = atoi(quad);
    }
    free(line);
    fclose(f);
    qsort(t->codes, t->n, sizeof *t->codes, cmp_code);
    return 0;
}

void dy_cameo_free(dy_cameo *t) {
    for (size_t i = 0; i < t->n; i++) free(t->codes[i].name);
    free(t->codes);
    memset(t, 0, sizeof *t);
}

const dy_cameo_code *dy_cameo_lookup(const dy_cameo *t, const char *code) {
    char key[6];
    size_t n = 0;
    while (n < 4 && code[n] >= '0' && code[n] <= '9') n++;
    for (; n >= 2; n--) {
        memcpy(key, code, n);
        key[n] = '\0';
        dy_cameo_code probe;
        memcpy(probe.code, key, n + 1);
        dy_cameo_code *hit = bsearch(&probe, t->codes, t->n, sizeof *t->codes, cmp_code);
        if (hit) return hit;
    }
    return NULL;
}

bool dy_cameo_is_event_code(const char *code) {
    size_t d = 0;
    while (code[d] >= '0' && code[d] <= '9') d++;
    if (d < 2 || d > 4) return false;
    if (code[d] && !(code[d] >= 'A' && code[d] <= 'Z' && !code[d + 1])) return false;
    return true;
}

/* ISO 3166-1 alpha-3 (Debian iso-codes) plus CAMEO's own country codes. */
static const char countries[] =
    "ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD "
    "BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR "
    "COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH "
    "ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL "
    "GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR "
    "JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR "
    "MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL "
    "NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY "
    "PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP "
    "SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA "
    "UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE "
    /* CAMEO extras: Kosovo, historical states, regions used as actors */
    "KSV YUG SUN CSK DDR ";

/* Asked for every actor code of every candidate event, so the list is
 * turned once into a bit per three-letter code (26^3 bits). */
static uint8_t country_bits[26 * 26 * 26 / 8 + 1];
static pthread_once_t country_once = PTHREAD_ONCE_INIT;

static int letters3(const char *c) {
    for (int i = 0; i < 3; i++)
        if (c[i] < 'A' || c[i] > 'Z') return -1;
    return ((c[0] - 'A') * 26 + (c[1] - 'A')) * 26 + (c[2] - 'A');
}

static void build_country_bits(void) {
    for (const char *p = countries; *p; p += 4) {
        int k = letters3(p);
        country_bits[k / 8] |= (uint8_t)(1u << (k % 8));
    }
}

bool dy_cameo_is_country(const char *three) {
    if (!three[0] || !three[1] || !three[2]) return false;
    int k = letters3(three);
    if (k < 0) return false;
    pthread_once(&country_once, build_country_bits);
    return country_bits[k / 8] >> (k % 8) & 1;
}

void dy_cameo_actor_country(const char *actor, char out[4]) {
    out[0] = '\0';
    if (actor && strlen(actor) >= 3 && dy_cameo_is_country(actor)) {
        memcpy(out, actor, 3);
        out[3] = '\0';
    }
}
