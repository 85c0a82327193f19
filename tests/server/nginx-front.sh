#!/usr/bin/env bash
# nginx (Debian's package) in front of supportdesk-server processes on loopback, as docs/server.md
# deploys it: /api/ proxied round-robin to the upstreams, the WebSocket stream upgraded, TLS when
# a certificate is given. For the end-to-end tests and the scale-out benchmarks.
#
#   nginx-front.sh [options] UPSTREAM_PORT...
#     --cert FILE --key FILE   serve https:// and wss:// with this certificate (PEM); else http
#     --port N                 listen on N (default: a free loopback port)
#     --workers N              nginx worker processes (default 1)
#     --connections N          worker_connections (default 8192: a proxied WebSocket takes 2)
#     --access-log             keep an access log in the run directory (default: off)
#     --stdin                  also stop when standard input closes (a test's pipe: nginx goes
#                              when the test dies, however it dies)
#
# Prints one line, "port N", once nginx listens, then stays in the foreground until it gets
# SIGTERM/SIGINT (or its stdin closes, with --stdin), stops nginx and removes its run directory
# (config, pid, logs, temp files). Exits non-zero, with nginx's error log on stderr, when nginx
# does not start. nginx runs with `daemon off` as this script's child, never as a system service.
set -euo pipefail

usage() { sed -n '6,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

cert= key= port= workers=1 connections=8192 access_log=0 watch_stdin=0
upstreams=()
while [ $# -gt 0 ]; do
    case "$1" in
    --cert) cert=${2:?}; shift 2 ;;
    --key) key=${2:?}; shift 2 ;;
    --port) port=${2:?}; shift 2 ;;
    --workers) workers=${2:?}; shift 2 ;;
    --connections) connections=${2:?}; shift 2 ;;
    --access-log) access_log=1; shift ;;
    --stdin) watch_stdin=1; shift ;;
    -h|--help) usage ;;
    -*) echo "nginx-front.sh: unknown option $1" >&2; usage ;;
    *) upstreams+=("$1"); shift ;;
    esac
done
[ ${#upstreams[@]} -gt 0 ] || { echo "nginx-front.sh: no upstream port given" >&2; usage; }
if { [ -n "$cert" ] && [ -z "$key" ]; } || { [ -z "$cert" ] && [ -n "$key" ]; }; then
    echo "nginx-front.sh: --cert and --key go together" >&2
    exit 2
fi
nginx=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$nginx" ]; then
    echo "nginx-front.sh: nginx not found: install the Debian package 'nginx'" \
         "(scripts/install-deps.sh does)" >&2
    exit 2
fi

run=$(mktemp -d "${TMPDIR:-/tmp}/nginx-front.XXXXXX")
# As root, nginx's workers run as nobody: they must reach the temp directories it makes here.
chmod 0755 "$run"
[ -n "$cert" ] && cert=$(readlink -f "$cert") && key=$(readlink -f "$key")
pid=
stop() {
    trap - EXIT INT TERM
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true # fast shutdown; the master stops its workers
        wait "$pid" 2>/dev/null || true
    fi
    [ -z "${watcher:-}" ] || kill "$watcher" 2>/dev/null || true
    rm -rf "$run"
}
trap stop EXIT
trap 'exit 0' INT TERM

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

write_config() {
    local listen=$1 servers= p
    for p in "${upstreams[@]}"; do
        servers+="        server 127.0.0.1:$p max_fails=1 fail_timeout=2s;"$'\n'
    done
    local tls= access="access_log off;"
    if [ -n "$cert" ]; then
        tls="listen 127.0.0.1:$listen ssl;
        ssl_certificate     $cert;
        ssl_certificate_key $key;"
    else
        tls="listen 127.0.0.1:$listen;"
    fi
    [ "$access_log" = 1 ] && access="access_log $run/access.log;"
    local user=
    [ "$(id -u)" -eq 0 ] && user="user nobody nogroup;"
    cat >"$run/nginx.conf" <<EOF
$user
daemon off;
worker_processes $workers;
worker_rlimit_nofile $((connections * 2 + 64));
pid $run/nginx.pid;
error_log $run/error.log warn;
events { worker_connections $connections; }
http {
    $access
    client_body_temp_path $run/client_body;
    proxy_temp_path $run/proxy;
    fastcgi_temp_path $run/fastcgi;
    uwsgi_temp_path $run/uwsgi;
    scgi_temp_path $run/scgi;
    upstream supportdesk {
$servers        keepalive 64;
    }
    server {
        $tls
        client_max_body_size 4m;
        # A dead upstream is skipped for connections it refuses; a request already sent is not
        # sent again (POST is not idempotent: the client's outbox retries it with its op_id).
        proxy_next_upstream error timeout;
        location /api/v1/stream {
            proxy_pass http://supportdesk;
            proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection "upgrade";
            proxy_read_timeout 1h;
        }
        location /api/ {
            proxy_pass http://supportdesk;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
EOF
}

# A free port can be taken between the probe and nginx's bind: try a few.
for attempt in 1 2 3 4 5; do
    listen=${port:-$(free_port)}
    write_config "$listen"
    rm -f "$run/nginx.pid" "$run/error.log"
    # stdin from /dev/null: nginx itself never reads it, and this script may be watching it.
    "$nginx" -p "$run" -e "$run/error.log" -c "$run/nginx.conf" </dev/null &
    pid=$!
    # The master writes its pid file after it bound the listening socket.
    while kill -0 "$pid" 2>/dev/null && [ ! -s "$run/nginx.pid" ]; do
        sleep 0.02
    done
    if [ -s "$run/nginx.pid" ] && kill -0 "$pid" 2>/dev/null; then
        echo "port $listen"
        break
    fi
    wait "$pid" 2>/dev/null || true
    pid=
    if [ -n "$port" ] || ! grep -q "Address already in use" "$run/error.log" 2>/dev/null; then
        echo "nginx-front.sh: nginx did not start:" >&2
        cat "$run/error.log" >&2 2>/dev/null || true
        exit 1
    fi
done
[ -n "$pid" ] || { echo "nginx-front.sh: no free port after 5 tries" >&2; exit 1; }

if [ "$watch_stdin" = 1 ]; then
    # Ends when stdin closes (the caller exited, however it exited) or nginx dies; a signal
    # ends the script as usual. A background job's stdin is /dev/null unless redirected.
    cat <&0 >/dev/null &
    watcher=$!
    wait -n "$pid" "$watcher" || true
    if ! kill -0 "$watcher" 2>/dev/null; then
        exit 0 # stdin closed: stop() stops nginx
    fi
    kill "$watcher" 2>/dev/null || true
else
    wait "$pid" || true
fi
echo "nginx-front.sh: nginx exited" >&2
cat "$run/error.log" >&2 2>/dev/null || true
exit 1
