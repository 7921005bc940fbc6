# phrase(s): one name as written ("Cox's Bazar", "U.S. State Department") to a
# dictionary phrase ("COX_'S_BAZAR_", "U.S._STATE_DEPARTMENT_"): upper case,
# possessive 's split off as the tokeniser does, words joined and ended by "_"
# so every word matches exactly.  "" for names the format cannot hold.
function phrase(s,    t) {
    t = s
    gsub(/ *\([^)]*\)/, "", t)
    sub(/^[ \t]+/, "", t); sub(/[ \t]+$/, "", t)
    if (t ~ /^the /) t = substr(t, 5)      # ISO "the State of Palestine"; keep "The Hague"
    if (t == "" || t ~ /[,;\[\]#+]/) return ""
    gsub(/'s( |$)/, " 's ", t); sub(/ +$/, "", t)
    gsub(/ +/, "_", t)
    return toupper(t) "_"
}
