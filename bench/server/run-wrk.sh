#!/usr/bin/env bash
# Benchmark of supportdesk-server with wrk on loopback (run by hand, not by ctest):
#   bench/server/run-wrk.sh [BUILD_DIR] [--db postgresql://…]
# Seeds a store with 20,000 tickets, then measures
#   1. GET /api/v1/changes?after=…&limit=100  (a page of 100 tickets)
#   2. POST /api/v1/ops                        (one create-ticket op per request)
# at 64 connections, and prints req/s and latency percentiles.
# Target on a 2-core machine with SQLite: ≥ 5,000 req/s for the page, p99 < 50 ms.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
server=$build/server/supportdesk-server
[ -x "$server" ] || { echo "build first: $server not found" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk not found (Debian package wrk)" >&2; exit 1; }
shift || true
db_override=""
if [ "${1:-}" = "--db" ]; then db_override=$2; fi

tickets=${TICKETS:-20000}
connections=${CONNECTIONS:-64}
duration=${DURATION:-10s}
threads=${THREADS:-2}
readers=${READERS:-2}

work=$(mktemp -d)
pid=""
cleanup() {
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
db=${db_override:-$work/bench.db}

"$server" --db "$db" seed bulk "$tickets" >/dev/null
token=$("$server" --db "$db" agent add --name Bench --role agent --id bench | sed -n 's/.*token: //p')
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$server" --db "$db" --port "$port" --readers "$readers" >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 50); do grep -qs listening "$work/server.log" && break; sleep 0.1; done
base=http://127.0.0.1:$port/api/v1

# A page of 100 tickets from the middle of the feed.
after=$((tickets / 2))
curl -sf -H "Authorization: Bearer $token" "$base/changes?after=$after&limit=100" \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); k=[c["kind"] for c in d["changes"]]; \
print("page: %d records (%d tickets), %d bytes" % (len(k), k.count("ticket"), len(json.dumps(d))))'

summary() { # name, wrk output
    python3 - "$1" "$2" <<'PY'
import re, sys
name, text = sys.argv[1], open(sys.argv[2]).read()
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
sock = re.search(r"Socket errors: (.*)", text)
print(f"{name}: {float(rps):,.0f} req/s; latency p50 {pct.get('50')} p90 {pct.get('90')} "
      f"p99 {pct.get('99')}; non-2xx {errors.group(1) if errors else 0}"
      + (f"; socket errors {sock.group(1)}" if sock else ""))
PY
}

echo "== GET /changes?after=$after&limit=100, $connections connections, $threads threads, $duration"
wrk -t"$threads" -c"$connections" -d"$duration" --latency \
    -H "Authorization: Bearer $token" "$base/changes?after=$after&limit=100" >"$work/changes.txt"
cat "$work/changes.txt"
echo "== POST /ops (one create-ticket per request), $connections connections, $threads threads, $duration"
TOKEN=$token CUSTOMER=c-yunfan wrk -t"$threads" -c"$connections" -d"$duration" --latency \
    -s "$here/ops.lua" "$base/ops" >"$work/ops.txt" 2>"$work/ops.err" || true
cat "$work/ops.txt"
sort "$work/ops.err" | uniq -c | head -5
echo "== summary ($(nproc) cores, store: $([ -n "$db_override" ] && echo PostgreSQL || echo SQLite))"
summary "GET /changes (100 tickets)" "$work/changes.txt"
summary "POST /ops (create-ticket)" "$work/ops.txt"
# The writer's own account of its group commits (logged when it stops).
kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
pid=""
sed -n 's/^.*\(writer: \)/\1/p' "$work/server.log"
