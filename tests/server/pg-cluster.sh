#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the server tests and benchmarks.
#   pg-cluster.sh start DIR PORT   → initdb in DIR/data, start on 127.0.0.1:PORT, create db
#                                     "supportdesk"; prints the URL
#   pg-cluster.sh stop DIR         → stop it (the caller removes DIR)
# PG_FSYNC=on makes it durable as production is (fsync, synchronous_commit): the benchmarks.
# PG_OPTIONS adds postgres options ("-c log_statement=all ..."): bench/server/opcost.sh.
# Debian's PostgreSQL refuses to run as root: as root, the cluster runs as the postgres user.
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin:" \
         "install the Debian package 'postgresql' (scripts/install-deps.sh does)" >&2
    exit 2
fi
as=()
if [ "$(id -u)" -eq 0 ]; then
    as=(runuser -u postgres --)
    chown postgres "$dir"
fi
case "$cmd" in
start)
    port=${3:?port}
    "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${PG_FSYNC:-off} -c synchronous_commit=on -c max_connections=${PG_MAX_CONNECTIONS:-50} ${PG_OPTIONS:-}" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    "${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres supportdesk
    echo "postgresql://postgres@127.0.0.1:$port/supportdesk"
    ;;
stop)
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null
    ;;
*)
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
