#!/bin/sh
# Checks dyad's actor dictionaries (data/dictionaries/*.actors by default):
#   - every line is a phrase, a "+synonym", an indented "[CODE date]" line or a comment
#   - no phrase appears twice (across all the files given)
#   - every code starts with an ISO 3166-1 alpha-3 code, a CAMEO extra (KSV, the
#     regional codes) or IGO / IMG / NGO, is made of 3-letter parts, and every
#     country code's second part is a known CAMEO role or sector
#   - dates are real YYYYMMDD days, ranges do not end before they start, an
#     entry's ranges for the same code do not overlap, the undated default is last
# Prints file:line: reason for each problem and a count; exit 1 when any.
#   scripts/check-actors.sh [file.actors ...]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
iso=${ISO_3166_JSON:-/usr/share/iso-codes/json/iso_3166-1.json}
[ $# -gt 0 ] || set -- "$here"/../data/dictionaries/*.actors
if [ -r "$iso" ]; then
    codes=$(sed -n 's/.*"alpha_3": *"\([A-Z]*\)".*/\1/p' "$iso" | tr '\n' ' ')
else
    echo "note: $iso not found: country codes are checked for shape only" >&2; codes=""
fi
awk -v isocodes="$codes" '
function days(d,    y, m, dd, a) {
    if (d !~ /^(19|20)[0-9][0-9][01][0-9][0-3][0-9]$/) return -1
    y = substr(d, 1, 4) + 0; m = substr(d, 5, 2) + 0; dd = substr(d, 7, 2) + 0
    split("31 28 31 30 31 30 31 31 30 31 30 31", ml, " ")
    if (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ml[2] = 29
    if (m < 1 || m > 12 || dd < 1 || dd > ml[m]) return -1
    a = int((14 - m) / 12); y = y + 4800 - a; m = m + 12 * a - 3
    return dd + int((153 * m + 2) / 5) + 365 * y + int(y / 4) - int(y / 100) + int(y / 400) - 32045
}
function bad(msg) { printf "%s:%d: %s\n", FILENAME, FNR, msg; nbad++ }
function checkcode(c,    p, r) {
    if (c == "---") return
    if (c !~ /^[A-Z0-9]+$/ || length(c) % 3 != 0) { bad("code " c " is not made of 3-letter parts"); return }
    p = substr(c, 1, 3)
    if (p == "IGO" || p == "IMG" || p == "NGO") return
    if (!(p in country)) { bad("code " c ": " p " is not an ISO 3166-1 alpha-3 code or CAMEO extra"); return }
    if (length(c) > 3) { r = substr(c, 4, 3); if (!(r in role)) bad("code " c ": " r " is not a CAMEO role") }
}
function endentry(    i, j) {
    for (i = 1; i <= nr; i++) for (j = i + 1; j <= nr; j++)
        if (rc[i] == rc[j] && rs[i] <= re[j] && rs[j] <= re[i])
            { printf "%s:%d: %s: ranges for %s overlap\n", FILENAME, rl[j], ephrase, rc[j]; nbad++ }
    nr = 0; sawdefault = 0
}
function coderest(s,    n, k, a, t, f, e) {   # one "[CODE date]" block
    sub(/^\[[ \t]*/, "", s); sub(/[ \t]*\]$/, "", s)
    n = split(s, a, /[ \t]+/)
    if (n < 1 || a[1] == "") { bad("empty code"); return }
    checkcode(a[1]); ncodes++
    if (n == 1) { if (sawdefault) bad("two undated codes"); sawdefault = 1; return }
    if (sawdefault) bad("dated code after the undated default (never used)")
    t = a[2]; for (k = 3; k <= n; k++) t = t a[k]
    if (t ~ /^</) { f = -1e9; e = days(substr(t, 2)) }
    else if (t ~ /^>/) { f = days(substr(t, 2)); e = 1e9 }
    else if (t ~ /^[0-9]+-[0-9]+$/) { split(t, d2, "-"); f = days(d2[1]); e = days(d2[2]) }
    else { bad("cannot parse date restriction " t); return }
    if (f == -1 || e == -1) { bad("bad date in " t); return }
    if (e < f) { bad("range ends before it starts: " t); return }
    ndated++; nr++; rc[nr] = a[1]; rs[nr] = f; re[nr] = e; rl[nr] = FNR
}
BEGIN {
    n = split(isocodes, a, " "); for (i = 1; i <= n; i++) country[a[i]] = 1
    split("KSV AFR ASA EUR MEA LAM SAM NMR CRB CAS SAS SEA EAF WAF NAF CFR SAF BLK CAU EEU PGS SCN MDT WST", a, " ")
    for (i in a) country[a[i]] = 1
    if (n == 0) checkshape = 1
    split("GOV MIL REB INS OPP PTY LEG JUD MED CRM ELI SPY BUS COP CVL EDU HLH REF LAB AGR ENV HRI DEV MOS CHR JEW IGO NGO UAF SEP MOD RAD AMN", a, " ")
    for (i in a) role[a[i]] = 1
}
FNR == 1 { if (NR > 1) endentry(); files++ }
/^[ \t]*#/ || /^[ \t]*$/ { next }
/^[ \t]+\[/ {
    if (ephrase == "") { bad("code line before any phrase"); next }
    line = $0; sub(/^[ \t]+/, "", line); sub(/[ \t]*#.*$/, "", line)
    if (line !~ /^\[[^\]]*\]$/) { bad("indented line is not one [CODE date] block"); next }
    coderest(line); next
}
/^[ \t]/ { bad("indented line is not a code"); next }
{
    line = $0; sub(/[ \t]*#.*$/, "", line)
    syn = (line ~ /^\+/); if (syn) line = substr(line, 2)
    ph = line; sub(/[ \t]*\[.*$/, "", ph); sub(/[ \t]+$/, "", ph)
    if (ph == "") { bad("empty phrase"); next }
    if (ph ~ /[ \t]/) bad("phrase contains a blank: " ph)
    if (ph !~ /_$/) bad("phrase does not end with _ (stem match): " ph)
    key = tolower(ph)
    if (key in seen) bad("duplicate phrase " ph " (first at " seen[key] ")")
    else seen[key] = FILENAME ":" FNR
    nphrase++
    if (!syn) { endentry(); ephrase = ph; nentry++ }
    rest = line; if (sub(/^[^\[]*/, "", rest) && rest != "") {
        while (match(rest, /\[[^\]]*\]/)) { coderest(substr(rest, RSTART, RLENGTH)); rest = substr(rest, RSTART + RLENGTH) }
    }
}
END {
    endentry()
    printf "check-actors: %d files, %d entries, %d phrase lines, %d codes (%d dated); %d problems\n", files, nentry, nphrase, ncodes, ndated, nbad
    exit nbad > 0
}' "$@"
