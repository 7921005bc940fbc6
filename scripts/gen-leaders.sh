#!/bin/sh
# Regenerates data/dictionaries/leaders.actors from scripts/dict-src/leaders.txt
# (people and the offices they held, written for dyad from public facts).
#
#   scripts/gen-leaders.sh > data/dictionaries/leaders.actors
#
# Source format (see the head of leaders.txt): a person line
#   = Sergey Lavrov ; Sergei Lavrov ; Lavrov
# (names separated by ";", the first is the entry's phrase, the rest synonyms),
# then one line per office held:
#   RUSGOV FM 20040309 -
# (code, office, first day, last day or "-" while in office, both inclusive),
# and optionally "default CODE" (default: the first office's country + ELI, the
# code for a former or future office holder; "default none" for no default).
#
# Output: one TABARI / PETRARCH-1 entry per person, offices with the same code
# that touch or overlap merged into one date range, ranges in date order, the
# default last.  The generator refuses (exit 1, file:line: reason) a bad date, a
# range that ends before it starts, two ranges of the same office of one person
# that overlap, and a phrase used by two people.  Needs awk and GNU sed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=${1:-$here/dict-src/leaders.txt}
out=$(mktemp); trap 'rm -f "$out"' EXIT
awk -f "$here/dict-src/phrase.awk" -f /dev/stdin "$src" > "$out" <<'AWK'
function days(d,    y, m, dd, a) {       # YYYYMMDD -> day number; -1 when invalid
    if (d !~ /^(19|20)[0-9][0-9][01][0-9][0-3][0-9]$/) return -1
    y = substr(d, 1, 4) + 0; m = substr(d, 5, 2) + 0; dd = substr(d, 7, 2) + 0
    split("31 28 31 30 31 30 31 31 30 31 30 31", ml, " ")
    if (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ml[2] = 29
    if (m < 1 || m > 12 || dd < 1 || dd > ml[m]) return -1
    a = int((14 - m) / 12); y = y + 4800 - a; m = m + 12 * a - 3
    return dd + int((153 * m + 2) / 5) + 365 * y + int(y / 4) - int(y / 100) + int(y / 400) - 32045
}
function err(msg) { printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"; bad = 1 }
function flush(    i, j, k, t, c, line, cty, offs) {
    if (np == 0) return
    if (nr == 0 && (pdefault == "" || pdefault == "none")) { err("person without offices or default: " pname[1]); np = 0; return }
    if (nr == 0) {      # an undated entry: someone always in the same role
        printf "%s [%s]\n", pname[1], pdefault
        for (i = 2; i <= np; i++) printf "+%s\n", pname[i]
        print ""; persons++; np = 0; pdefault = ""; return
    }
    # same office of one person must not overlap
    for (i = 1; i <= nr; i++) for (j = i + 1; j <= nr; j++)
        if (roff[i] == roff[j] && rcode[i] == rcode[j] && rs[i] < re[j] && rs[j] < re[i])
            { printf "%s:%d: %s: %s %s ranges overlap\n", FILENAME, rline[j], pname[1], rcode[j], roff[j] > "/dev/stderr"; bad = 1 }
    # sort by start (insertion sort; a person has few offices)
    for (i = 2; i <= nr; i++) for (j = i; j > 1 && rs[j] < rs[j-1]; j--) {
        t = rs[j]; rs[j] = rs[j-1]; rs[j-1] = t; t = re[j]; re[j] = re[j-1]; re[j-1] = t
        t = rcode[j]; rcode[j] = rcode[j-1]; rcode[j-1] = t; t = roff[j]; roff[j] = roff[j-1]; roff[j-1] = t
        t = rsd[j]; rsd[j] = rsd[j-1]; rsd[j-1] = t; t = red[j]; red[j] = red[j-1]; red[j-1] = t
    }
    offs = ""
    for (i = 1; i <= nr; i++) offs = offs (i > 1 ? ", " : "") roff[i] " " rcode[i] " " rsd[i] "-" (red[i] == "" ? "" : red[i])
    printf "# %s\n", offs
    printf "%s\n", pname[1]
    for (i = 2; i <= np; i++) printf "+%s\n", pname[i]
    # merge ranges with the same code that touch or overlap
    delete used
    for (i = 1; i <= nr; i++) {
        if (i in used) continue
        s = rs[i]; e = re[i]; sd = rsd[i]; ed = red[i]
        for (k = 1; k <= nr; k++) for (j = i + 1; j <= nr; j++)
            if (!(j in used) && rcode[j] == rcode[i] && rs[j] <= e + 1) {
                used[j] = 1; if (re[j] > e) { e = re[j]; ed = red[j] }
            }
        if (ed == "") printf "\t[%s >%s]\n", rcode[i], sd
        else printf "\t[%s %s-%s]\n", rcode[i], sd, ed
        nout++
    }
    if (pdefault == "") { cty = substr(rcode[1], 1, 3); if (cty !~ /^(IGO|IMG|NGO)$/) pdefault = cty "ELI" }
    if (pdefault != "" && pdefault != "none") printf "\t[%s]\n", pdefault
    print ""
    persons++; np = 0; nr = 0; pdefault = ""
}
/^[ \t]*#/ { if (np == 0 && $0 ~ /^# ----/) print $0; next }
/^[ \t]*$/ { next }
/^=/ {
    flush()
    s = substr($0, 2); n = split(s, a, ";")
    for (i = 1; i <= n; i++) {
        p = phrase(a[i]); if (p == "") { if (a[i] !~ /^[ \t]*$/) err("bad name \"" a[i] "\""); continue }
        if (p in owner) { if (owner[p] != FNR) err("phrase " p " also used at line " owner[p]); continue }
        owner[p] = FNR; pname[++np] = p
    }
    pline = FNR; next
}
$1 == "default" { pdefault = $2; next }
{
    if (np == 0) { err("office line before any person"); next }
    if (NF != 4) { err("office line needs CODE OFFICE FROM TO"); next }
    if ($1 !~ /^([A-Z0-9][A-Z0-9][A-Z0-9])+$/) { err("bad code " $1) ; next }
    f = days($3); t = ($4 == "-") ? 99999999 : days($4)
    if (f < 0) { err("bad date " $3); next }
    if (t < 0) { err("bad date " $4); next }
    if (t < f) { err("range ends before it starts: " $3 "-" $4); next }
    nr++; rcode[nr] = $1; roff[nr] = $2; rs[nr] = f; re[nr] = t; rsd[nr] = $3
    red[nr] = ($4 == "-") ? "" : $4; rline[nr] = FNR
}
END {
    flush()
    printf "%d persons, %d dated codes\n", persons, nout > "/dev/stderr"
    exit bad
}
AWK
{
cat <<'HDR'
# leaders.actors: dyad's default dictionary of people (TABARI / PETRARCH-1 actor format).
#
# Generated by scripts/gen-leaders.sh from scripts/dict-src/leaders.txt; edit
# that file, not this one.  Written for dyad from public facts (who held which
# office when); not derived from any other project's dictionary.
#
# Heads of state and government, foreign, defence and interior ministers and
# other senior office holders from 2000 on, plus heads of international
# organisations and armed groups.  Each office is a date-restricted code,
# inclusive at both ends: [RUSGOV >20040309] from that day on, [JPNGOV
# 20190911-20211110] between two days.  Government offices code COUNTRY+GOV
# (ministers of defence too: they are civilian government), armed forces
# chiefs COUNTRY+MIL, legislators COUNTRY+LEG, opposition COUNTRY+OPP; heads of
# IGOs the IGO's code; leaders of armed groups the group's code.  The last,
# undated code (COUNTRY+ELI, an elite) applies outside the listed offices.
# Where the exact day of taking or leaving an office is not known reliably,
# the range is narrowed to days certainly within the term instead of guessed.
# The comment above each entry lists the offices as written in the source.
# Surname-only synonyms are given only where the surname is unambiguous in
# world news ("LAVROV_", never "KIM_" or "LEE_").

HDR
# Upper-case the phrase lines in UTF-8 (awk's toupper is ASCII-only); a
# spelling variant that only differs in case ("Bozkır" / "Bozkir") then
# repeats its entry's phrase and is dropped.
LC_ALL=C.UTF-8 sed -E '/^[^#\t]/ s/.*/\U&/' "$out" |
    awk '/^[^#\t+]/ { delete seen } /^[^#\t]/ { p = $0; sub(/^\+/, "", p); if (p in seen) next; seen[p] = 1 } { print }'
}
