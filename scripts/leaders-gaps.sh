#!/bin/sh
# Gap report for scripts/dict-src/leaders.txt (issue #4): for each country of
# the issue's list and each of the offices HOS, HOG, FM, DEF, INT, the years
# 2000..2026 in which nobody is on record as holding the office.
#
#   scripts/leaders-gaps.sh [leaders.txt]        one line per (country, office) with holes
#   scripts/leaders-gaps.sh -a [leaders.txt]     also the (country, office) pairs without holes
#
# A year counts as covered when the union of the recorded terms of that office
# covers at least half of its days (183 of 365 or 366): a term narrowed to the
# days surely inside it (the source's convention) still covers its years, and
# a lone transition day does not.  An office is counted for a country when one
# of its codes starts with the country's three letters (USAGOV, KSVGOV, ...).
# The last line is the summary: pairs with holes and hole-years in all.
# Exit 0 always: this is a report, not a check.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
all=0
[ "${1:-}" = "-a" ] && { all=1; shift; }
src=${1:-$here/dict-src/leaders.txt}

# The G20 member states, the five permanent members of the UN Security Council
# and the 60 countries most present in ../shared/corpora, counted on
# 2026-11-23 as the source_country and target_country fields of
#   dyad code --no-parser --no-geo --allow-monadic --format tsv \
#       --date 2020-01-01 ../shared/corpora/*.jsonl
# (105,090 events; Hong Kong, 47th, left out: it has no foreign or defence
# minister of its own).  The corpora lean to Latin America (MUC-4, InSight
# Crime), hence El Salvador, Honduras or Nicaragua.  In order of frequency;
# the G20 and the P5 are all within the 60.
countries="USA GBR COL JPN MEX SLV IND FRA DEU BRA CHN CAN IRQ PER VEN RUS HND
GTM AUS IRN ARG ESP ISR ITA PAK BOL PSE NIC NLD CHE CHL KOR ECU PHL TUR IDN
CRI SAU AFG BEL ZAF THA NOR EGY PAN PRY GRC TWN CUB NGA SYR POL BGD UKR LBY SDN
KWT NZL SGP MYS"

# Offices that do not exist, or that another office fills, in some years:
#   CTY OFFICE none [FROM-TO]       no such office (in those years)
#   CTY OFFICE =OTHER [FROM-TO]     the holder of OTHER holds it (in those years)
# Years are inclusive; no years means 2000-2026.
exceptions="
USA HOG =HOS                    presidential systems: the president heads the government
MEX HOG =HOS
BRA HOG =HOS
ARG HOG =HOS                    the chief of the cabinet is not the head of government
COL HOG =HOS
SLV HOG =HOS
HND HOG =HOS
GTM HOG =HOS
NIC HOG =HOS
CRI HOG =HOS
PAN HOG =HOS
PRY HOG =HOS
ECU HOG =HOS
BOL HOG =HOS
VEN HOG =HOS
CHL HOG =HOS
IDN HOG =HOS
PHL HOG =HOS
NGA HOG =HOS
ZAF HOG =HOS
CHE HOS none                    the seven-member Federal Council is head of state and government;
CHE HOG none                    its yearly rotating president is not recorded as such
CAN HOS none                    Commonwealth realms: the British monarch, counted under GBR
AUS HOS none
NZL HOS none
BGD DEF =HOG                    the prime minister keeps the defence ministry
AFG HOG =HOS 2000-2014          Karzai headed both until a chief executive took office on
AFG HOG =HOS 2020-2021          29 September 2014; Ghani again after that post ended in May 2020
SAU HOG =HOS 2000-2022          the king was prime minister until September 2022
SDN HOG =HOS 2000-2016          al-Bashir headed both until 2017
TUR HOG =HOS 2019-2026          the office of prime minister was abolished in July 2018
CUB HOG =HOS 2000-2019          the president of the Council of Ministers until December 2019
KEN HOG none 2000-2007          a prime minister only in 2008-2013
KEN HOG none 2014-2026
PSE HOG none 2000-2002          the first Palestinian prime minister took office in 2003
PSE DEF none                    no Palestinian defence ministry
PSE FM =HOS 2000-2002           no foreign minister before 2003
PSE INT =HOS 2000-2001          Arafat kept the interior portfolio until the June 2002 reshuffle
SYR HOG =HOS 2025-2026          no prime minister under the March 2025 constitutional declaration
CRI DEF none                    no army since 1948
PAN DEF none                    no army since 1990
USA INT none 2000-2002          the Department of Homeland Security dates from 2003
AUS INT none 2000-2017          no home affairs minister before December 2017
JPN INT none                    no interior ministry (policing is the National Public Safety Commission's)
NZL INT none                    no interior ministry in the security sense
CAN INT none 2000-2003          public safety was the solicitor general's until December 2003
IRQ HOS none 2003-2003          from April 2003 to June 2004 the occupation authority (CPA) governed;
IRQ HOG none 2003-2003          the Governing Council's presidency rotated monthly
IRQ DEF none 2003-2003          the CPA dissolved the defence ministry in May 2003 (re-formed in 2004)
"

awk -v countries="$countries" -v exceptions="$exceptions" -v all="$all" -f /dev/stdin "$src" <<'AWK'
function days(d,    y, m, dd, a) {       # YYYYMMDD -> day number (as gen-leaders.sh)
    y = substr(d, 1, 4) + 0; m = substr(d, 5, 2) + 0; dd = substr(d, 7, 2) + 0
    a = int((14 - m) / 12); y = y + 4800 - a; m = m + 12 * a - 3
    return dd + int((153 * m + 2) / 5) + 365 * y + int(y / 4) - int(y / 100) + int(y / 400) - 32045
}
# days of year y covered by the terms of office o in country c (union of ranges)
function covered(c, o, y,    ys, ye, i, j, n, s, e, t, total, cs, ce) {
    ys = days(y "0101"); ye = days(y "1231"); n = 0
    for (i = 1; i <= nr[c, o]; i++) {
        s = rs[c, o, i]; e = re[c, o, i]
        if (e < ys || s > ye) continue
        if (s < ys) s = ys
        if (e > ye) e = ye
        n++; S[n] = s; E[n] = e
    }
    for (i = 2; i <= n; i++) for (j = i; j > 1 && S[j] < S[j-1]; j--) {
        t = S[j]; S[j] = S[j-1]; S[j-1] = t; t = E[j]; E[j] = E[j-1]; E[j-1] = t
    }
    total = 0; cs = -1
    for (i = 1; i <= n; i++) {
        if (cs < 0) { cs = S[i]; ce = E[i]; continue }
        if (S[i] <= ce + 1) { if (E[i] > ce) ce = E[i]; continue }
        total += ce - cs + 1; cs = S[i]; ce = E[i]
    }
    if (cs >= 0) total += ce - cs + 1
    return total
}
function add(c, o, s, e) { k = ++nr[c, o]; rs[c, o, k] = s; re[c, o, k] = e }
BEGIN {
    nc = split(countries, clist, /[ \n]+/)
    for (i = 1; i <= nc; i++) if (clist[i] != "") want[clist[i]] = 1
    no = split("HOS HOG FM DEF INT", olist, " ")
    for (i = 1; i <= no; i++) office[olist[i]] = 1
    ne = split(exceptions, elines, "\n")
    for (i = 1; i <= ne; i++) {
        if (split(elines[i], f, /[ \t]+/) < 3) continue
        y1 = 2000; y2 = 2026
        if (f[4] ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]$/) { y1 = substr(f[4], 1, 4) + 0; y2 = substr(f[4], 6, 4) + 0 }
        for (y = y1; y <= y2; y++) exc[f[1], f[2], y] = f[3]
    }
}
/^[ \t]*(#|$)/ || /^=/ || $1 == "default" { next }
NF == 4 && ($2 in office) {
    c = substr($1, 1, 3)
    if (!(c in want)) next
    add(c, $2, days($3), $4 == "-" ? 99999999 : days($4))
}
END {
    pairs = 0; holes = 0; checked = 0
    for (i = 1; i <= nc; i++) {
        c = clist[i]; if (c == "" || (c in done)) continue
        done[c] = 1
        for (j = 1; j <= no; j++) {
            o = olist[j]; line = ""; n = 0; run0 = 0; runl = 0
            for (y = 2000; y <= 2027; y++) {
                gap = 0
                if (y <= 2026) {
                    x = exc[c, o, y]
                    if (x == "none") gap = 0
                    else {
                        cov = covered(c, o, y)
                        if (x ~ /^=/) { alt = covered(c, substr(x, 2), y); if (alt > cov) cov = alt }
                        gap = (cov * 2 < days(y "1231") - days(y "0101") + 1)
                    }
                }
                if (gap) { n++; if (!run0) run0 = y; runl = y; continue }
                if (run0) { line = line " " (run0 == runl ? run0 : run0 "-" runl); run0 = 0 }
            }
            checked++
            if (n) { pairs++; holes += n; printf "%s %-3s %2d:%s\n", c, o, n, line }
            else if (all) printf "%s %-3s  0\n", c, o
        }
    }
    printf "holes: %d of %d (country, office) pairs, %d country-office-years of %d\n", pairs, checked, holes, checked * 27
}
AWK
