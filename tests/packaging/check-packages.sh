#!/usr/bin/env bash
# Builds the Debian packages with CPack, checks them as Debian does (lintian errors,
# desktop-file-validate, appstreamcli), unpacks them into a scratch root and runs both programs
# from there: the server seeds a demo desk and the client syncs its tickets into its cache.
# Usage: check-packages.sh CPACK BUILD_DIR
set -euo pipefail

cpack=$1
build=$(cd "$2" && pwd)
for tool in lintian desktop-file-validate appstreamcli dpkg-deb dpkg-shlibdeps file python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool: run scripts/install-deps.sh"; exit 1; }
done

scratch=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$scratch"
}
trap cleanup EXIT

# cpack into a folder of our own, so a `make package` at the same time does not collide.
"$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$scratch/out" >"$scratch/cpack.log" 2>&1 \
    || { cat "$scratch/cpack.log"; exit 1; }
client_deb=$(ls "$scratch"/out/supportdesk_*.deb)
server_deb=$(ls "$scratch"/out/supportdesk-server_*.deb)

echo "== lintian"
lintian_status=0
lintian --fail-on error "$client_deb" "$server_deb" >"$scratch/lintian.log" 2>&1 \
    || lintian_status=$?
grep -v 'root privileges' "$scratch/lintian.log" || true
[ "$lintian_status" -eq 0 ] || { echo "lintian reports errors"; exit 1; }

echo "== who the packages name"
# The maintainer the build was given (packaging/CMakeLists.txt), in the control file and the
# changelog; no placeholder address or site (docs/server.md, "Debian packages").
maintainer=$(sed -n 's/^SUPPORTDESK_PACKAGE_MAINTAINER:STRING=//p' "$build/CMakeCache.txt")
[ -n "$maintainer" ] || { echo "no SUPPORTDESK_PACKAGE_MAINTAINER in the build"; exit 1; }
root=$scratch/root
for deb in "$client_deb" "$server_deb"; do
    [ "$(dpkg-deb -f "$deb" Maintainer)" = "$maintainer" ] \
        || { echo "$deb: Maintainer is $(dpkg-deb -f "$deb" Maintainer)"; exit 1; }
    dpkg-deb -x "$deb" "$scratch/doc"
done
for f in "$scratch"/doc/usr/share/doc/*/changelog.gz; do
    zcat "$f" | grep -qF -- " -- $maintainer  " || { echo "$f: not signed by $maintainer"; exit 1; }
done
if dpkg-deb -I "$client_deb" | grep -q '^ Homepage:' \
    || grep -rlE 'example\.(org|com)/|@[a-z.]*example\.(org|com)|yet\.$' \
        "$scratch"/doc/usr/share/doc/*/copyright "$scratch"/doc/usr/share/metainfo; then
    echo "a placeholder site, address or licence is left in the packages"; exit 1
fi
dpkg-deb -x "$client_deb" "$root"
dpkg-deb -x "$server_deb" "$root"
for f in usr/bin/supportdesk usr/bin/supportdesk-server \
    usr/share/icons/hicolor/scalable/apps/org.supportdesk.SupportDesk.svg \
    lib/systemd/system/supportdesk-server.service etc/supportdesk/supportdesk-server.conf; do
    [ -e "$root/$f" ] || { echo "not in the packages: /$f"; exit 1; }
done
[ -d "$root/var/lib/supportdesk" ] || { echo "no /var/lib/supportdesk"; exit 1; }
dpkg-deb -f "$server_deb" Depends | grep -q adduser || { echo "server: no adduser"; exit 1; }
dpkg-deb --ctrl-tarfile "$server_deb" | tar -t | grep -qx './conffiles' \
    || { echo "server: no conffiles"; exit 1; }

echo "== desktop entry and AppStream metadata"
desktop-file-validate "$root/usr/share/applications/org.supportdesk.SupportDesk.desktop"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.supportdesk.SupportDesk.metainfo.xml"

echo "== both programs, run from the unpacked packages"
export HOME=$scratch/home XDG_RUNTIME_DIR=$scratch/run QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
"$root/usr/bin/supportdesk" --version | grep -q '^SupportDesk [0-9]'
# The log exists before the server does: the background job opens its redirection in the child,
# which under load can come after the first read below (a fresh clone's run, load 6: "sed: can't read
# server.log", and set -e ended the check).
: >"$scratch/server.log"
"$root/usr/bin/supportdesk-server" --db "$scratch/desk.db" --port 0 --demo --demo-backlog 12 \
    >"$scratch/server.log" 2>&1 &
pids+=($!)
server_pid=$!
url=
for _ in $(seq 100); do
    url=$(sed -n 's/.*listening on \(http:[^ ]*\)\/api\/v1.*/\1/p' "$scratch/server.log")
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { cat "$scratch/server.log"; echo "the server did not start"; exit 1; }
token=$(sed -n 's/.*(a-emma): //p' "$scratch/server.log")

"$root/usr/bin/supportdesk" --server "$url" --token "$token" --cache "$scratch/cache.sqlite" \
    --lang zh_CN >"$scratch/client.log" 2>&1 &
pids+=($!)
client_pid=$!
count_tickets() {
    python3 - "$scratch/cache.sqlite" <<'PY' 2>/dev/null || echo 0
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
print(db.execute("SELECT count(*) FROM tickets").fetchone()[0])
PY
}
synced=0
for _ in $(seq 300); do
    synced=$(count_tickets)
    [ "$synced" -ge 12 ] && break
    kill -0 "$client_pid" 2>/dev/null || { cat "$scratch/client.log"; echo "client died"; exit 1; }
    sleep 0.1
done
[ "$synced" -ge 12 ] || { cat "$scratch/client.log"; echo "client synced $synced tickets"; exit 1; }
echo "the client synced $synced tickets from the server"

kill "$client_pid"
kill -TERM "$server_pid"
wait "$server_pid" || { cat "$scratch/server.log"; echo "server exit status $?"; exit 1; }
echo "packages OK"
