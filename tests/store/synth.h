/* synth.h — synthetic but realistic event records for the store's crash
 * test and benchmark: deterministic from (seed, story number), with actors
 * drawn from real countries and CAMEO agent types, common CAMEO codes with
 * their Goldstein values and quad classes, dates over ten years in feed order, and
 * wire-style sentences.  Skewed like news: a few dyads dominate. */
#ifndef DYAD_SYNTH_H
#define DYAD_SYNTH_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dyad.h"
#include "util/util.h"

static const struct { const char *iso, *name, *capital; double lat, lon; } synth_countries[] = {
    {"USA", "United States", "Washington", 38.895, -77.036}, {"RUS", "Russia", "Moscow", 55.752, 37.616},
    {"CHN", "China", "Beijing", 39.907, 116.397}, {"UKR", "Ukraine", "Kyiv", 50.450, 30.524},
    {"SYR", "Syria", "Damascus", 33.510, 36.291}, {"IRN", "Iran", "Tehran", 35.694, 51.422},
    {"ISR", "Israel", "Jerusalem", 31.769, 35.216}, {"TUR", "Turkey", "Ankara", 39.920, 32.854},
    {"GBR", "Britain", "London", 51.509, -0.126}, {"FRA", "France", "Paris", 48.853, 2.349},
    {"DEU", "Germany", "Berlin", 52.524, 13.411}, {"IND", "India", "New Delhi", 28.636, 77.224},
    {"PAK", "Pakistan", "Islamabad", 33.721, 73.043}, {"AFG", "Afghanistan", "Kabul", 34.528, 69.172},
    {"NGA", "Nigeria", "Abuja", 9.058, 7.489}, {"BRA", "Brazil", "Brasilia", -15.780, -47.929},
    {"VEN", "Venezuela", "Caracas", 10.488, -66.879}, {"PRK", "North Korea", "Pyongyang", 39.034, 125.755},
    {"KOR", "South Korea", "Seoul", 37.566, 126.978}, {"JPN", "Japan", "Tokyo", 35.690, 139.692},
};
static const struct { const char *code, *name; } synth_agents[] = {
    {"GOV", "government"}, {"MIL", "army"}, {"GOV", "foreign ministry"}, {"COP", "police"},
    {"OPP", "opposition"}, {"REB", "rebels"}, {"BUS", "companies"}, {"", "officials"},
};
static const struct { const char *code, *root, *verb, *name; int quad; double g; } synth_codes[] = {
    {"010", "01", "said of", "Make statement", 1, 0.0}, {"036", "03", "offered talks to", "Express intent to meet or negotiate", 1, 4.0},
    {"040", "04", "met", "Consult", 1, 1.0}, {"042", "04", "visited", "Make a visit", 1, 1.9},
    {"043", "04", "hosted", "Host a visit", 1, 2.8}, {"051", "05", "praised", "Praise or endorse", 1, 3.4},
    {"057", "05", "signed an agreement with", "Sign formal agreement", 1, 8.0},
    {"061", "06", "agreed to trade with", "Cooperate economically", 2, 6.4},
    {"071", "07", "sent economic aid to", "Provide economic aid", 2, 7.4},
    {"111", "11", "criticized", "Criticize or denounce", 3, -2.0}, {"112", "11", "accused", "Accuse", 3, -2.0},
    {"130", "13", "threatened", "Threaten", 3, -4.4}, {"141", "14", "protested against", "Demonstrate or rally", 4, -6.5},
    {"163", "16", "imposed sanctions on", "Impose embargo, boycott, or sanctions", 4, -8.0},
    {"173", "17", "arrested members of", "Arrest, detain", 4, -5.0},
    {"190", "19", "attacked", "Use conventional military force", 4, -10.0},
    {"193", "19", "clashed with", "Fight with small arms and light weapons", 4, -10.0},
};
static const char *const synth_publishers[] = {"Reuters", "AP", "AFP", "TASS", "Xinhua", "BBC", "Al Jazeera", "UrduPoint"};

/* xorshift: cheap, deterministic per story */
static inline uint64_t synth_next(uint64_t *s) {
    *s ^= *s << 13; *s ^= *s >> 7; *s ^= *s << 17;
    return *s;
}

/* Skewed pick: low indices far more often, like news coverage. */
static inline size_t synth_skew(uint64_t *s, size_t n) {
    size_t a = synth_next(s) % n, b = synth_next(s) % n;
    return a < b ? a : b;
}

typedef struct {
    char id[48], date[11], publisher[32], url[96], title[160], dateline[32];
    size_t nevents;
    dyad_event ev[8];
    dyad_location loc[8];
    char source[8][12], target[8][12], text[8][256], stext[8][64], ttext[8][64];
    const char *issues[2];
} synth_story;

/* Story number i of a run: between 1 and 8 events (mean ~4.5). */
static inline void synth_make(uint64_t seed, long i, synth_story *st) {
    uint64_t s = seed * 0x9E3779B97F4A7C15ULL + (uint64_t)i * 0xBF58476D1CE4E5B9ULL + 1;
    for (int k = 0; k < 4; k++) synth_next(&s);
    /* a feed arrives roughly in date order: ~60 stories a day from 2015 on,
     * a few published a day or two late */
    int32_t day = dy_days_from_civil(2015, 1, 1) + (int32_t)((i / 60) % 3652) -
                  (int32_t)(synth_next(&s) % 8 == 0 ? synth_next(&s) % 3 : 0);
    dy_format_date(day, st->date);
    const char *pub = synth_publishers[synth_next(&s) % DY_ARRAY_LEN(synth_publishers)];
    snprintf(st->id, sizeof st->id, "synth-%s-%ld", st->date, i);
    snprintf(st->publisher, sizeof st->publisher, "%s", pub);
    snprintf(st->url, sizeof st->url, "https://news.example/%s/%ld", st->date, i);
    size_t home = synth_skew(&s, DY_ARRAY_LEN(synth_countries));
    snprintf(st->dateline, sizeof st->dateline, "%s", synth_countries[home].capital);
    snprintf(st->title, sizeof st->title, "%s: officials report new developments", synth_countries[home].name);
    st->nevents = 1 + synth_next(&s) % 8;
    st->issues[0] = NULL; st->issues[1] = NULL;
    for (size_t e = 0; e < st->nevents; e++) {
        size_t a = synth_skew(&s, DY_ARRAY_LEN(synth_countries));
        size_t b = synth_skew(&s, DY_ARRAY_LEN(synth_countries));
        if (b == a) b = (b + 1) % DY_ARRAY_LEN(synth_countries);
        size_t ga = synth_next(&s) % DY_ARRAY_LEN(synth_agents), gb = synth_next(&s) % DY_ARRAY_LEN(synth_agents);
        size_t c = synth_skew(&s, DY_ARRAY_LEN(synth_codes));
        snprintf(st->source[e], sizeof st->source[e], "%s%s", synth_countries[a].iso, synth_agents[ga].code);
        snprintf(st->target[e], sizeof st->target[e], "%s%s", synth_countries[b].iso, synth_agents[gb].code);
        snprintf(st->stext[e], sizeof st->stext[e], "%s %s", synth_countries[a].name, synth_agents[ga].name);
        snprintf(st->ttext[e], sizeof st->ttext[e], "%s %s", synth_countries[b].name, synth_agents[gb].name);
        snprintf(st->text[e], sizeof st->text[e], "%s's %s %s %s's %s in %s on Tuesday, %s reported.",
                 synth_countries[a].name, synth_agents[ga].name, synth_codes[c].verb,
                 synth_countries[b].name, synth_agents[gb].name, synth_countries[home].capital, pub);
        dyad_event *ev = &st->ev[e];
        memset(ev, 0, sizeof *ev);
        ev->story_id = st->id;
        ev->sentence = (int)e;
        memcpy(ev->date, st->date, sizeof ev->date);
        ev->source = st->source[e]; ev->target = st->target[e];
        memcpy(ev->source_country, synth_countries[a].iso, 4);
        memcpy(ev->target_country, synth_countries[b].iso, 4);
        snprintf(ev->code, sizeof ev->code, "%s", synth_codes[c].code);
        snprintf(ev->root_code, sizeof ev->root_code, "%s", synth_codes[c].root);
        ev->event_name = synth_codes[c].name;
        ev->quad_class = synth_codes[c].quad;
        ev->goldstein = synth_codes[c].g;
        if (synth_next(&s) % 2) {
            dyad_location *l = &st->loc[e];
            memset(l, 0, sizeof *l);
            l->name = synth_countries[home].capital;
            memcpy(l->country, synth_countries[home].iso, 4);
            l->admin1 = "";
            l->lat = synth_countries[home].lat; l->lon = synth_countries[home].lon;
            l->precision = "city"; l->from = "dateline";
            ev->location = l;
        }
        ev->text = st->text[e];
        ev->source_text = st->stext[e]; ev->target_text = st->ttext[e];
        ev->verb_text = synth_codes[c].verb;
        ev->rule = "synthetic";
        ev->issues = st->issues;
        ev->story_source = st->publisher; ev->story_url = st->url;
        ev->story_title = st->title; ev->dateline_place = st->dateline;
    }
}

#endif
