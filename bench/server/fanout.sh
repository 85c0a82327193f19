#!/usr/bin/env bash
# What a WebSocket hint costs the server, in CPU time (run by hand, not by ctest):
#   bench/server/fanout.sh [BUILD_DIR] [BENCH_HINTS_BUILD_DIR]
# One server on SQLite, CLIENTS stream clients (default 2,000; bench_hints, epoll) and a probe
# posting one create-ticket every 30 ms for SECONDS (default 10), so nearly every commit is
# hinted on its own. Prints the server's CPU seconds (utime + stime, from /proc) over that
# time, once with CLIENTS clients and once with 2: the difference is the fan-out's, per frame.
# CPU time, not wall time, so the figure holds on a machine other jobs keep busy.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
hints=$(cd "${2:-$build}" && pwd)/bench/server/bench_hints
server=$build/server/supportdesk-server
for f in "$server" "$hints"; do
    [ -x "$f" ] || { echo "build first: $f not found" >&2; exit 1; }
done
clients=${CLIENTS:-2000}
seconds=${SECONDS_OF_PROBES:-10}
ulimit -n 16384
work=$(mktemp -d)
pid=""
cleanup() {
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

run() { # clients → "cpu_seconds frames"
    rm -f "$work/bench.db"*
    "$server" --db "$work/bench.db" seed bulk 200 >/dev/null
    token=$("$server" --db "$work/bench.db" agent add --name Bench --role agent --id bench \
        | sed -n 's/.*token: //p')
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    "$server" --db "$work/bench.db" --port "$port" >"$work/server.log" 2>&1 &
    pid=$!
    for _ in $(seq 50); do grep -qs listening "$work/server.log" && break; sleep 0.1; done
    # The same process twice: bench_hints wants two; every client is on this one.
    "$hints" --token "$token" --clients "$1" --seconds "$seconds" --probe-ms 30 \
        "http://127.0.0.1:$port" "http://127.0.0.1:$port" >"$work/hints.out" 2>&1 &
    local h=$!
    for _ in $(seq 600); do grep -q '^ready' "$work/hints.out" && break; sleep 0.1; done
    local t0; t0=$(ticks "$pid")
    sleep "$seconds"
    local t1; t1=$(ticks "$pid")
    wait "$h" || true
    kill -TERM "$pid"; wait "$pid" || true; pid=""
    local frames; frames=$(sed -n 's/.*hints: [0-9]* sent, \([0-9]*\) frames.*/\1/p' "$work/server.log")
    echo "$(python3 -c "print(($t1 - $t0) / $(getconf CLK_TCK))") ${frames:-0}"
    grep -h "clients with every hint\|CPU of the stream clients" "$work/hints.out" >&2 || true
    sed -n 's/^.*hints: /  server hints: /p' "$work/server.log" >&2
}

read -r many frames < <(run "$clients")
read -r few _ < <(run 2)
python3 - "$many" "$few" "$frames" "$clients" <<'PY'
import sys
many, few, frames, clients = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
print(f"server CPU over the probes: {many:.2f} s with {clients} clients, {few:.2f} s with 2; "
      f"fan-out {frames:,} frames: {(many - few) / max(frames, 1) * 1e6:.1f} µs of CPU a frame")
PY
