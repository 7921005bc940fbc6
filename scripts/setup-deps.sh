#!/usr/bin/env bash
# Installs the Debian packages dyad needs to build and test, if any are missing.
# Called by the make targets; safe to run again (it only installs what is absent).
# Runs apt-get as root, or through sudo when not root.
set -euo pipefail

PKGS=(gcc make pkg-config clang
      libcjson-dev libutf8proc-dev libcmocka-dev libsqlite3-dev libpq-dev sqlite3
      iso-codes valgrind time jq libclang-rt-14-dev)
# Extra packages a part of the project may ask for (e.g. postgresql for CI).
PKGS+=("$@")

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup-deps: missing packages: ${missing[*]}; run as root or install them" >&2
    exit 1
  fi
fi
echo "setup-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
