#!/usr/bin/env bash
# Fails when a Chinese translation is missing: runs lupdate over the sources into a scratch
# copy of the .ts file and counts entries still unfinished.
# Usage: check-translations.sh LUPDATE TS_FILE SOURCE_DIR...
set -euo pipefail
lupdate=$1 ts=$2
shift 2
scratch=$(mktemp --suffix=.ts)
trap 'rm -f "$scratch"' EXIT
cp "$ts" "$scratch"
"$lupdate" -silent -no-obsolete -locations none "$@" -ts "$scratch" >/dev/null
open=$(grep -c 'type="unfinished"' "$scratch" || true)
if [ "$open" -gt 0 ]; then
    echo "$ts: $open unfinished entries after lupdate:"
    grep -B3 'type="unfinished"' "$scratch" | grep '<source>' | sed 's/^ */  /'
    exit 1
fi
total=$(grep -c '<source>' "$scratch" || true)
echo "$ts: all $total entries translated"
