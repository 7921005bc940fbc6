#include "output/event_json.h"

#include <stdio.h>
#include <string.h>

void dy_json_string(dy_buf *out, const char *s) {
    static const char hex[] = "0123456789abcdef";
    dy_buf_addc(out, '"');
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        dy_buf_add(out, run, (size_t)(s - run));
        switch (c) {
        case '"': dy_buf_adds(out, "\\\""); break;
        case '\\': dy_buf_adds(out, "\\\\"); break;
        case '\n': dy_buf_adds(out, "\\n"); break;
        case '\t': dy_buf_adds(out, "\\t"); break;
        case '\r': dy_buf_adds(out, "\\r"); break;
        default: {
            char u[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
            dy_buf_adds(out, u);
        }
        }
        run = s + 1;
    }
    dy_buf_add(out, run, (size_t)(s - run));
    dy_buf_addc(out, '"');
}

static void key(dy_buf *out, const char *k, int first) {
    if (!first) dy_buf_addc(out, ',');
    dy_buf_addc(out, '"');
    dy_buf_adds(out, k);
    dy_buf_adds(out, "\":");
}

static void kstr(dy_buf *out, const char *k, const char *v) {
    key(out, k, 0);
    dy_json_string(out, v ? v : "");
}

/* %.17g would print 2.7999999999999998 for 2.8: Goldstein values have one decimal. */
static void knum(dy_buf *out, const char *k, double v) {
    key(out, k, 0);
    dy_buf_printf(out, "%.10g", v);
}

static void location_json(dy_buf *out, const dyad_location *l) {
    if (!l) { dy_buf_adds(out, "null"); return; }
    dy_buf_addc(out, '{');
    key(out, "name", 1); dy_json_string(out, l->name ? l->name : "");
    kstr(out, "country", l->country);
    kstr(out, "admin1", l->admin1);
    knum(out, "lat", l->lat);
    knum(out, "lon", l->lon);
    key(out, "geonames_id", 0);
    if (l->geonames_id) dy_buf_printf(out, "%ld", l->geonames_id); else dy_buf_adds(out, "null");
    kstr(out, "precision", l->precision);
    kstr(out, "from", l->from);
    dy_buf_addc(out, '}');
}

void dy_event_json(const dyad_event *ev, dy_buf *out) {
    dy_buf_addc(out, '{');
    key(out, "story_id", 1); dy_json_string(out, ev->story_id ? ev->story_id : "");
    key(out, "sentence", 0); dy_buf_printf(out, "%d", ev->sentence);
    kstr(out, "date", ev->date);
    kstr(out, "source", ev->source);
    kstr(out, "target", ev->target);
    kstr(out, "source_country", ev->source_country);
    kstr(out, "target_country", ev->target_country);
    kstr(out, "code", ev->code);
    kstr(out, "root_code", ev->root_code);
    kstr(out, "event_name", ev->event_name);
    key(out, "quad_class", 0); dy_buf_printf(out, "%d", ev->quad_class);
    knum(out, "goldstein", ev->goldstein);
    key(out, "location", 0); location_json(out, ev->location);
    key(out, "issues", 0);
    dy_buf_addc(out, '[');
    for (size_t i = 0; ev->issues && ev->issues[i]; i++) {
        if (i) dy_buf_addc(out, ',');
        dy_json_string(out, ev->issues[i]);
    }
    dy_buf_addc(out, ']');
    kstr(out, "text", ev->text);
    kstr(out, "source_text", ev->source_text);
    kstr(out, "target_text", ev->target_text);
    kstr(out, "verb_text", ev->verb_text);
    kstr(out, "rule", ev->rule);
    dy_buf_addc(out, '}');
}

static void tsv_field(dy_buf *out, const char *s, int first) {
    if (!first) dy_buf_addc(out, '\t');
    for (; s && *s; s++) dy_buf_addc(out, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
}

void dy_event_tsv_header(dy_buf *out) {
    dy_buf_adds(out, "story_id\tsentence\tdate\tsource\ttarget\tsource_country\ttarget_country\t"
                     "code\troot_code\tevent_name\tquad_class\tgoldstein\tplace\tlat\tlon\t"
                     "issues\tsource_text\tverb_text\ttarget_text\trule\ttext\n");
}

void dy_event_tsv(const dyad_event *ev, dy_buf *out) {
    char num[64];
    tsv_field(out, ev->story_id, 1);
    snprintf(num, sizeof num, "%d", ev->sentence); tsv_field(out, num, 0);
    tsv_field(out, ev->date, 0);
    tsv_field(out, ev->source, 0);
    tsv_field(out, ev->target, 0);
    tsv_field(out, ev->source_country, 0);
    tsv_field(out, ev->target_country, 0);
    tsv_field(out, ev->code, 0);
    tsv_field(out, ev->root_code, 0);
    tsv_field(out, ev->event_name, 0);
    snprintf(num, sizeof num, "%d", ev->quad_class); tsv_field(out, num, 0);
    snprintf(num, sizeof num, "%.10g", ev->goldstein); tsv_field(out, num, 0);
    tsv_field(out, ev->location ? ev->location->name : "", 0);
    if (ev->location) snprintf(num, sizeof num, "%.5f", ev->location->lat); else num[0] = 0;
    tsv_field(out, num, 0);
    if (ev->location) snprintf(num, sizeof num, "%.5f", ev->location->lon); else num[0] = 0;
    tsv_field(out, num, 0);
    dy_buf_addc(out, '\t');
    for (size_t i = 0; ev->issues && ev->issues[i]; i++) {
        if (i) dy_buf_addc(out, ';');
        tsv_field(out, ev->issues[i], 1);
    }
    tsv_field(out, ev->source_text, 0);
    tsv_field(out, ev->verb_text, 0);
    tsv_field(out, ev->target_text, 0);
    tsv_field(out, ev->rule, 0);
    tsv_field(out, ev->text, 0);
    dy_buf_addc(out, '\n');
}
