#!/usr/bin/env bash
# Scale-out benchmark (run by hand, not by ctest): two supportdesk-server processes on one
# PostgreSQL (fsync=on, synchronous_commit=on) behind nginx, as docs/server.md deploys them.
#   bench/server/scaleout.sh [BUILD_DIR]
# While 2,000 WebSocket clients (half on each process) listen, wrk posts create-tickets through
# nginx at 64 connections; a probe posts to process A and times the hint at a client of B.
# Prints the figures beside the targets of issue 15.
#   WRITES="function statements" bench/server/scaleout.sh build
# runs it once per way PostgreSQL writes a group commit (SUPPORTDESK_PG_GROUP_WRITE: the
# supportdesk_write_group() function, the default, or one multi-statement query), one after the
# other on the same machine, to compare them.
#   LOCKS="begin end" bench/server/scaleout.sh build
# likewise runs it once per place a POST /ops group takes the sequence row
# (SUPPORTDESK_PG_SEQUENCE_LOCK=begin: at BEGIN, the default; end: inside the function,
# docs/server.md "Sequence row at the end").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ -n "${LOCKS:-}" ]; then
    for l in $LOCKS; do
        echo "== sequence row taken at: $l ($(date -u +%H:%M) UTC, load average$(uptime | sed 's/.*average//'))"
        LOCKS= SUPPORTDESK_PG_SEQUENCE_LOCK=$l "$0" "$@"
    done
    exit 0
fi
if [ -n "${WRITES:-}" ]; then
    for w in $WRITES; do
        echo "== group commit written by: $w ($(date -u +%H:%M) UTC, load average$(uptime | sed 's/.*average//'))"
        WRITES= SUPPORTDESK_PG_GROUP_WRITE=$w "$0" "$@"
    done
    exit 0
fi
root=$here/../..
build=$(cd "${1:-$root/build}" && pwd)
server=$build/server/supportdesk-server
hints=$build/bench/server/bench_hints
for f in "$server" "$hints"; do
    [ -x "$f" ] || { echo "build first: $f not found" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "wrk not found (Debian package wrk)" >&2; exit 1; }
connections=${CONNECTIONS:-64}
duration=${DURATION:-12}
clients=${CLIENTS:-2000}
readers=${READERS:-2}
ulimit -n 16384

. "$here/scratch.sh"

mkdir "$work/pg"
db=$(PG_FSYNC=on PG_MAX_CONNECTIONS=100 "$root/tests/server/pg-cluster.sh" start "$work/pg" "$(free_port)")
"$server" --db "$db" seed bulk 1000 >/dev/null
token=$("$server" --db "$db" agent add --name Bench --role agent --id bench | sed -n 's/.*token: //p')

ports=()
for i in 1 2; do
    port=$(free_port)
    "$server" --db "$db" --port "$port" --readers "$readers" >"$work/server$i.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do grep -qs listening "$work/server$i.log" && break; sleep 0.1; done
    ports+=("$port")
done
"$root/tests/server/nginx-front.sh" --connections 8192 "${ports[@]}" >"$work/nginx.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q '^port ' "$work/nginx.out" && break; sleep 0.1; done
nginx_port=$(sed -n 's/^port //p' "$work/nginx.out")
echo "PostgreSQL $db (fsync=on, synchronous_commit=on); servers on ${ports[*]}; nginx on $nginx_port"

# The stream clients first; wrk starts once they are all connected.
"$hints" --token "$token" --clients "$clients" --seconds "$duration" --probe-ms 50 \
    "http://127.0.0.1:${ports[0]}" "http://127.0.0.1:${ports[1]}" >"$work/hints.out" 2>&1 &
hints_pid=$!
pids+=($hints_pid)
for _ in $(seq 600); do grep -q '^ready' "$work/hints.out" && break; sleep 0.1; done
head -1 "$work/hints.out"
# CPU seconds of each part of the run (its whole process tree), before and after the load.
cpu_of() { # pid → utime+stime of it and every descendant, in clock ticks
    python3 - "$1" <<'PY'
import os, sys
root = int(sys.argv[1]); kids = {}; ticks = {}
for d in os.listdir("/proc"):
    if not d.isdigit():
        continue
    try:
        f = open(f"/proc/{d}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        continue
    kids.setdefault(int(f[1]), []).append(int(d)); ticks[int(d)] = int(f[11]) + int(f[12])
todo, total = [root], 0
while todo:
    p = todo.pop(); total += ticks.get(p, 0); todo += kids.get(p, [])
print(total)
PY
}
pg_pid=$(head -1 "$work/pg/data/postmaster.pid")
parts=("server A:${pids[0]}" "server B:${pids[1]}" "nginx:${pids[2]}" "postgres:$pg_pid")
declare -A cpu0
for part in "${parts[@]}"; do cpu0[$part]=$(cpu_of "${part##*:}"); done
wall0=$(date +%s.%N)
# PERF=FILE: a perf profile of server A during the load (perf report -i FILE).
if [ -n "${PERF:-}" ] && command -v perf >/dev/null; then
    perf record -q -F 499 -g -p "${pids[0]}" -o "$PERF" -- sleep "$((duration - 2))" \
        >/dev/null 2>&1 &
fi
# wrk's own CPU: `times` of the subshell that ran it.
(TOKEN=$token CUSTOMER=c-yunfan wrk -t2 -c"$connections" -d"${duration}s" --latency \
    -s "$here/ops.lua" "http://127.0.0.1:$nginx_port/api/v1/ops" >"$work/ops.txt" \
    2>"$work/ops.err" || true; times >"$work/wrk.times")
cpu_line="CPU during the load, of $(nproc) cores × $(python3 -c "print(round($(date +%s.%N) - $wall0, 1))") s:"
for part in "${parts[@]}"; do
    used=$(( $(cpu_of "${part##*:}") - ${cpu0[$part]} ))
    cpu_line+=" ${part%%:*} $(python3 -c "print(round($used / $(getconf CLK_TCK), 1))") s;"
done
cpu_line+=" wrk $(python3 - "$work/wrk.times" <<'PY'
import re, sys
m = re.findall(r"(\d+)m([\d.]+)s", open(sys.argv[1]).read().splitlines()[1])
print(round(sum(int(a) * 60 + float(b) for a, b in m), 1))
PY
) s"
wait "$hints_pid" || true
python3 - "$work/ops.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v); f = {"us": 1e-3, "ms": 1, "s": 1e3}[m.group(2)]
    return float(m.group(1)) * f
print(f"POST /ops through nginx, 64 connections: {rps:,.0f} ops/s (target >= 2,000), "
      f"p50 {pct['50']}, p99 {pct['99']} (target < 50 ms); non-2xx {errors.group(1) if errors else 0}")
PY
tail -n +3 "$work/hints.out"
echo "$cpu_line"
# Each server's own account of its writer and its hints (logged when it stops).
for i in 0 1; do kill -TERM "${pids[$i]}" 2>/dev/null || true; done
for i in 0 1; do wait "${pids[$i]}" 2>/dev/null || true; done
for i in 1 2; do
    sed -n 's/^.*\(writer: \|writes: \|hints: \)/server '"$i"' \1/p' "$work/server$i.log"
done
grep -h "warning\|error" "$work"/server*.log | sort | uniq -c | head -5 || true
