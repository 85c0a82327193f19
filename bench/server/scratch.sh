# Sourced by the PostgreSQL benchmarks (scaleout.sh, opcost.sh), with $root set: a work
# directory, removed at exit together with the processes started into `pids` and the cluster
# under $work/pg; and free loopback ports.
work=$(mktemp -d)
chmod 0755 "$work"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    "$root/tests/server/pg-cluster.sh" stop "$work/pg" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
free_port() {
    /usr/bin/python3 -c \
        'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
