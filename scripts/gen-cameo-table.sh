#!/usr/bin/env bash
# Regenerates data/cameo/cameo.tsv (code, name, Goldstein value, GDELT quad
# class) from GDELT's CAMEO lookup tables in ../shared/ref/cameo, plus the
# codes only the ICEWS codebook (cameo_codes.tsv) lists.  The codes,
# names and scale values are facts of the CAMEO scheme; the quad class is
# GDELT's rule by root code (01-05 verbal cooperation, 06-08 material
# cooperation, 09-13 verbal conflict, 14-20 material conflict).
set -euo pipefail
ref=${1:-../shared/ref/cameo}
out=${2:-data/cameo/cameo.tsv}
{
  printf '# code\tname\tgoldstein\tquad_class\n'
  awk -F'\t' 'NR==FNR { if (FNR > 1) g[$1] = $2; next }
              FNR > 1 {
                r = substr($1, 1, 2) + 0
                q = r <= 5 ? 1 : r <= 8 ? 2 : r <= 13 ? 3 : 4
                sub(/\r$/, "", $2)
                # GDELT writes the quotes of 044 in a legacy encoding
                if ($1 == "044") $2 = "Meet at a \"third\" location"
                printf "%s\t%s\t%s\t%d\n", $1, $2, g[$1], q
              }' "$ref/CAMEO.goldsteinscale.txt" "$ref/CAMEO.eventcodes.txt"
  # Codes the ICEWS codebook has and GDELT's tables lack (1213).
  awk -F'\t' 'NR == FNR { if (FNR > 1) have[$1] = 1; next }
               FNR > 1 && !($1 in have) {
                 r = substr($1, 1, 2) + 0
                 printf "%s\t%s\t%s\t%d\n", $1, $2, $3, r <= 5 ? 1 : r <= 8 ? 2 : r <= 13 ? 3 : 4
               }' "$ref/CAMEO.eventcodes.txt" "$ref/cameo_codes.tsv"
} > "$out"
