/* event_json.h — one event as one JSON object: the record `dyad code` writes,
 * and `dyad export --format jsonl` writes the same way.
 *
 * Field names and order are part of dyad's interface (README "Output"):
 * story_id, sentence, date, source, target, source_country, target_country,
 * code, root_code, event_name, quad_class, goldstein, location, issues, text,
 * source_text, target_text, verb_text, rule.  Written by hand rather than
 * through cJSON because it runs once per event on the hot path and needs no
 * tree. */
#ifndef DYAD_EVENT_JSON_H
#define DYAD_EVENT_JSON_H

#include "dyad.h"
#include "util/util.h"

/* Appends the event as a JSON object (no trailing newline). */
void dy_event_json(const dyad_event *ev, dy_buf *out);
/* Appends s as a JSON string literal, quotes included. */
void dy_json_string(dy_buf *out, const char *s);

/* TSV: the header line and one event line (tabs/newlines in text become spaces). */
void dy_event_tsv_header(dy_buf *out);
void dy_event_tsv(const dyad_event *ev, dy_buf *out);

#endif
