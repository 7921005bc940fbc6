/* internal.h — what the two suite readers and the runner share inside
 * src/validate/.  Not part of the module's interface. */
#ifndef DYAD_VALIDATE_INTERNAL_H
#define DYAD_VALIDATE_INTERNAL_H

#include <stdbool.h>
#include "validate/validate.h"

/* A copy of s[0, n) without leading and trailing blanks, and with runs of
 * blanks inside it collapsed to one space. */
char *vs_clean_dup(const char *s, size_t n);
/* The folder part of path ("." when none), newly allocated. */
char *vs_dirname(const char *path);
/* Adds the dictionary the suite names, looked up in each folder of dirs
 * (NULL-terminated) in turn; a name found nowhere is added to missing_dicts. */
void vs_add_dict(dy_vsuite *s, dyad_dict_kind kind, const char *name, const char *const *dirs);
dy_vrecord *vs_new_record(dy_vsuite *s);
/* The part of an id before its first '-' ("DEMO-01" -> "DEMO"), for TABARI,
 * whose records have no category of their own. */
char *vs_category_of(const char *id);

bool vs_parse_tabari(dy_vsuite *s, const char *text, size_t len, dy_diag *diag);
bool vs_parse_petrarch(dy_vsuite *s, const char *text, size_t len, dy_diag *diag);

#endif
