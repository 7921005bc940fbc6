#!/usr/bin/env bash
# Regenerates data/cameo/plover.tsv (CAMEO code -> PLOVER event, mode,
# context) from the CAMEO2PLOVER conversion table (Schrodt, 2021) in
# ../shared/ref/cameo.  The mapping is a fact of the two ontologies; only
# 3- and 4-digit codes are kept, because the table's 2-digit lines are
# section headings and some are ambiguous (08 is both CONCEDE and RETREAT).
# Repeated codes keep their first line.  Contexts are ';'-separated.
set -euo pipefail
ref=${1:-../shared/ref/cameo/CAMEO2PLOVER-2021.txt}
out=${2:-data/cameo/plover.tsv}
{
  printf '# code\tevent\tmode\tcontext\n'
  awk '
    function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
    /^[0-9][0-9][0-9][0-9]?:/ {
      line = $0; sub(/#.*/, "", line)
      code = substr(line, 1, index(line, ":") - 1)
      rest = substr(line, index(line, ":") + 1)
      n = split(rest, f, ",")
      ev = toupper(trim(f[1])); mode = n >= 2 ? trim(f[2]) : ""; ctx = n >= 3 ? trim(f[3]) : ""
      gsub(/[ \t]*;[ \t]*/, ";", ctx)
      if (!(code in seen)) { seen[code] = 1; printf "%s\t%s\t%s\t%s\n", code, ev, mode, ctx }
    }' "$ref" | sort
} > "$out"
