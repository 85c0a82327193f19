#!/usr/bin/env bash
# What one POST /ops op costs on PostgreSQL, in figures a loaded machine does not change much
# (run by hand, not by ctest): round trips and statements per op and per group commit, and the
# CPU time of the servers (their db-writer threads apart) and of PostgreSQL per op.
#   bench/server/opcost.sh [BUILD_DIR]
# The scale-out setup of bench/server/scaleout.sh without the stream clients: a throwaway
# cluster (fsync=on, synchronous_commit=on), PROCESSES (2) servers behind nginx, wrk posting one
# create-ticket a request (bench/server/ops.lua) at CONNECTIONS (64) for DURATION (6) seconds,
# twice: once for the CPU and pg_stat_statements' statement counts, once more with
# log_statement=all for the round trips (each logged line is one query a backend received).
# SUPPORTDESK_PG_SEQUENCE_LOCK and SUPPORTDESK_PG_GROUP_WRITE pass through to the servers;
# PERF=FILE and PG_PERF=FILE record perf profiles of server 1 and of PostgreSQL meanwhile;
# PG_TRACK=all lists the statements inside supportdesk_write_group() too (at some CPU cost).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$here/../..
build=$(cd "${1:-$root/build}" && pwd)
server=$build/server/supportdesk-server
[ -x "$server" ] || { echo "build first: $server not found" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk not found (Debian package wrk)" >&2; exit 1; }
connections=${CONNECTIONS:-64}
duration=${DURATION:-6}
processes=${PROCESSES:-2}
py=/usr/bin/python3

. "$here/scratch.sh"

mkdir "$work/pg"
pg_port=$(free_port)
statements="-c shared_preload_libraries=pg_stat_statements"
statements+=" -c pg_stat_statements.track=${PG_TRACK:-top}"
db=$(PG_FSYNC=on PG_MAX_CONNECTIONS=100 PG_OPTIONS="$statements" \
    "$root/tests/server/pg-cluster.sh" start "$work/pg" "$pg_port")
sql() { psql -X -q -At -h 127.0.0.1 -p "$pg_port" -U postgres -d supportdesk -c "$1"; }
"$server" --db "$db" seed bulk 1000 >/dev/null
token=$("$server" --db "$db" agent add --name Bench --role agent --id bench \
    | sed -n 's/.*token: //p')
sql "CREATE EXTENSION pg_stat_statements" >/dev/null

ports=()
for i in $(seq "$processes"); do
    port=$(free_port)
    "$server" --db "$db" --port "$port" --readers 1 >"$work/server$i.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do grep -qs listening "$work/server$i.log" && break; sleep 0.1; done
    ports+=("$port")
done
servers=("${pids[@]}")
target=${ports[0]}
if [ "$processes" -gt 1 ]; then
    "$root/tests/server/nginx-front.sh" "${ports[@]}" >"$work/nginx.out" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do grep -q '^port ' "$work/nginx.out" && break; sleep 0.1; done
    target=$(sed -n 's/^port //p' "$work/nginx.out")
fi
pg_pid=$(head -1 "$work/pg/data/postmaster.pid")

# Clock ticks of: each server, each server's db-writer thread, PostgreSQL's process tree.
ticks() {
    $py - "$pg_pid" "${servers[@]}" <<'PY'
import os, sys
def stat(path):
    f = open(path).read().rsplit(")", 1)[1].split()
    return int(f[1]), int(f[11]) + int(f[12])
pg = int(sys.argv[1]); kids = {}; own = {}
for d in os.listdir("/proc"):
    if d.isdigit():
        try:
            parent, t = stat(f"/proc/{d}/stat")
        except OSError:
            continue
        kids.setdefault(parent, []).append(int(d)); own[int(d)] = t
todo, total = [pg], 0
while todo:
    p = todo.pop(); total += own.get(p, 0); todo += kids.get(p, [])
out = [str(total)]
for s in sys.argv[2:]:
    writer = 0
    for tid in os.listdir(f"/proc/{s}/task"):
        if open(f"/proc/{s}/task/{tid}/comm").read().strip() == "db-writer":
            writer += stat(f"/proc/{s}/task/{tid}/stat")[1]
    out += [str(own.get(int(s), 0)), str(writer)]
print(" ".join(out))
PY
}
load() {
    TOKEN=$token CUSTOMER=c-yunfan wrk -t2 -c"$connections" -d"${duration}s" \
        -s "$here/ops.lua" "http://127.0.0.1:$target/api/v1/ops" >"$work/$1.txt" 2>&1 || true
}
ops() { sql "SELECT count(*) FROM applied_ops"; }
groups() {
    sql "SELECT COALESCE(sum(calls), 0) FROM pg_stat_statements
         WHERE query LIKE 'SELECT%supportdesk_write_group(%'"
}

echo "== $(date -u +%H:%M) UTC, load average$(uptime | sed 's/.*average//');" \
    "$processes server(s), $connections connections, ${duration} s," \
    "lock ${SUPPORTDESK_PG_SEQUENCE_LOCK:-default}"
# 1. CPU and statements.
sql "SELECT pg_stat_statements_reset()" >/dev/null
ops0=$(ops); read -r -a t0 <<<"$(ticks)"
# PERF=FILE: a perf profile of server 1 during this run (perf report -i FILE); PG_PERF=FILE:
# of PostgreSQL (every process of the cluster).
if [ -n "${PERF:-}" ] && command -v perf >/dev/null; then
    perf record -q -F 999 -g -p "${servers[0]}" -o "$PERF" -- sleep "$((duration - 1))" \
        >/dev/null 2>&1 &
fi
if [ -n "${PG_PERF:-}" ] && command -v perf >/dev/null; then
    perf record -q -F 999 -g -p "$(pgrep -d, -P "$pg_pid"),$pg_pid" -o "$PG_PERF" -- \
        sleep "$((duration - 1))" >/dev/null 2>&1 &
fi
load cpu
read -r -a t1 <<<"$(ticks)"; ops1=$(ops)
n=$((ops1 - ops0)); g=$(groups)
sql "SELECT calls, rows, round(total_exec_time::numeric, 1),
            regexp_replace(left(query, 90), '\s+', ' ', 'g') FROM pg_stat_statements
     WHERE query NOT LIKE '%pg_stat_statements%'
       AND query NOT LIKE 'SELECT count(*) FROM applied_ops%' ORDER BY calls DESC" \
    >"$work/statements.txt"
$py - "$work/cpu.txt" "$n" "$g" "$(getconf CLK_TCK)" "$work/statements.txt" \
    "${t0[@]}" -- "${t1[@]}" <<'PY'
import re, sys
text = open(sys.argv[1]).read(); n = int(sys.argv[2]); g = int(sys.argv[3]); hz = int(sys.argv[4])
rest = sys.argv[6:]; cut = rest.index("--")
a = list(map(int, rest[:cut])); b = list(map(int, rest[cut + 1:]))
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M)
print(f"ops applied {n:,} ({float(rps.group(1)) if rps else 0:,.0f} req/s"
      f"{', p99 ' + p99.group(1) if p99 else ''}); group commits {g:,}, "
      f"{n / max(g, 1):.1f} ops a group")
us = lambda d: d / hz * 1e6 / max(n, 1)
parts = [f"PostgreSQL {us(b[0] - a[0]):,.0f}"]
for i in range(1, len(a), 2):
    parts.append(f"server {(i + 1) // 2} {us(b[i] - a[i]):,.0f} "
                 f"(db-writer {us(b[i + 1] - a[i + 1]):,.0f})")
print("CPU µs an op: " + "; ".join(parts))
calls = 0; lines = []
for line in open(sys.argv[5]):
    c, rows, ms, q = line.rstrip("\n").split("|", 3)
    calls += int(c)
    lines.append(f"  {int(c) / max(n, 1):6.2f} {float(ms) / max(n, 1) * 1000:7.0f} µs  {q}")
print(f"statements an op {calls / max(n, 1):.2f} "
      "(pg_stat_statements; calls an op, execution µs an op):")
print("\n".join(lines[:14]))
PY
# 2. Round trips: every query a backend receives is one log line.
sql "ALTER SYSTEM SET log_statement = 'all'" >/dev/null
sql "ALTER SYSTEM SET log_line_prefix = '%p '" >/dev/null
sql "SELECT pg_reload_conf()" >/dev/null
sleep 0.5
offset=$(stat -c %s "$work/pg/server.log")
ops0=$(ops)
load log
ops1=$(ops)
sql "ALTER SYSTEM RESET log_statement" >/dev/null
sql "SELECT pg_reload_conf()" >/dev/null
tail -c +"$((offset + 1))" "$work/pg/server.log" >"$work/statements.log"
$py - "$work/statements.log" "$((ops1 - ops0))" <<'PY'
import re, sys
n = int(sys.argv[2]); per_pid = {}; groups = {}; kinds = {}
for line in open(sys.argv[1], errors="replace"):
    m = re.match(r"(\d+) LOG:  (statement|execute [^:]*): (.*)", line)
    if not m or "applied_ops" in m.group(3) and "count(*)" in m.group(3):
        continue
    pid = m.group(1); per_pid[pid] = per_pid.get(pid, 0) + 1
    if "supportdesk_write_group(" in m.group(3):
        groups[pid] = groups.get(pid, 0) + 1
    else: # the queries besides the group write, by their start
        q = re.sub(r"\d+", "N", m.group(3))[:70]
        kinds[q] = kinds.get(q, 0) + 1
writers = [p for p in per_pid if p in groups]
w = sum(per_pid[p] for p in writers); g = sum(groups.values())
print(f"round trips (log_statement=all run, {n:,} ops, {g:,} groups): "
      f"writers {w / max(n, 1):.2f} an op, {w / max(g, 1):.2f} a group; "
      f"every backend {sum(per_pid.values()) / max(n, 1):.2f} an op")
for q, c in sorted(kinds.items(), key=lambda kv: -kv[1])[:8]:
    print(f"  {c / max(n, 1):6.2f} an op  {q}")
PY
