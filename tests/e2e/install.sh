#!/usr/bin/env bash
# make install into a temporary prefix: the installed dyad finds its own data
# (not the source tree's), the header and pkg-config file build a program
# against the installed library, and the man page is there.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${DYAD_BUILD:-$root/build}
[ -x "$build/dyad" ] || { echo "dyad not built"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
make -s -C "$root" BUILD="$(realpath --relative-to="$root" "$build")" install PREFIX="$tmp/p" >"$tmp/log" 2>&1 \
  || { cat "$tmp/log"; exit 1; }
fail=0
for f in bin/dyad lib/libdyad.a lib/libdyad.so include/dyad.h lib/pkgconfig/dyad.pc share/man/man1/dyad.1 \
         share/dyad/cameo/cameo.tsv; do
  [ -e "$tmp/p/$f" ] || { echo "FAIL: $f not installed"; fail=1; }
done
ls "$tmp"/p/share/dyad/dictionaries/*.verbs >/dev/null 2>&1 || { echo "FAIL: default verbs not installed"; fail=1; }
unset DYAD_DATADIR
out=$(cd "$tmp" && echo '{"id":"i","date":"2019-12-19","text":"Russia criticized Japan on Thursday."}' \
      | "$tmp/p/bin/dyad" code --explain 2>&1)
echo "$out" | grep -q "$tmp/p/share/dyad/dictionaries" || { echo "FAIL: installed dyad did not use its installed dictionaries"; echo "$out" | head; fail=1; }
cat > "$tmp/use.c" <<'C'
#include <stdio.h>
#include <dyad.h>
int main(void) { dyad_config c; dyad_config_init(&c); char err[256];
  dyad *d = dyad_open(&c, err, sizeof err); if (!d) { puts(err); return 1; }
  printf("%zu entries\n", dyad_dictionary_entries(d)); dyad_close(d); return 0; }
C
export PKG_CONFIG_PATH=$tmp/p/lib/pkgconfig
# A sanitizer build's library needs the sanitizer runtime in the program too.
san=""; nm "$tmp/p/lib/libdyad.a" 2>/dev/null | grep -q __asan && san="-fsanitize=address,undefined"
cc $san -o "$tmp/use" "$tmp/use.c" $(pkg-config --cflags dyad) $(pkg-config --libs --static dyad) \
  || { echo "FAIL: cannot build against the installed library"; fail=1; }
[ $fail -ne 0 ] || LD_LIBRARY_PATH=$tmp/p/lib DYAD_DATADIR=$tmp/p/share/dyad "$tmp/use" | grep -q ' entries' || { echo "FAIL: program using libdyad did not run"; fail=1; }
[ $fail -eq 0 ] && echo "install: ok"
exit $fail
