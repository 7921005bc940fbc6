#!/usr/bin/env bash
# Regenerates data/geo/iso3_fips.tsv (ISO 3166-1 alpha-3, alpha-2, FIPS 10-4
# country code, English short name) from GeoNames' countryInfo.txt in
# ../shared/ref/formats.  The crosswalk is a fact: GDELT's geo columns use
# FIPS codes while dyad's locations carry ISO3, and ICEWS wants names.
set -euo pipefail
ref=${1:-../shared/ref/formats/geonames_countryInfo.txt}
out=${2:-data/geo/iso3_fips.tsv}
{
  printf '# iso3\tiso2\tfips\tname\n'
  awk -F'\t' '!/^#/ && $2 != "" { printf "%s\t%s\t%s\t%s\n", $2, $1, $4, $5 }' "$ref" | sort
} > "$out"
