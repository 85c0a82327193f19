#!/usr/bin/env bash
# nginx (Debian's package) on loopback in front of several supportdesk-server processes, for
# the scale-out test and benchmark. Plain HTTP; the WebSocket stream is proxied too.
#   nginx-front.sh start DIR PORT UPSTREAM...   → config in DIR, nginx on 127.0.0.1:PORT;
#        UPSTREAM is host:port, or host:port:backup for one that takes traffic only when the
#        others failed. A request whose upstream failed (refused, reset) is retried on the
#        next one, POST /ops included: ops are idempotent (op_id), so a retry is safe.
#   nginx-front.sh stop DIR
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?directory}
nginx=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$nginx" ]; then
    echo "nginx not found: install the Debian package 'nginx' (scripts/install-deps.sh does)" >&2
    exit 2
fi
case "$cmd" in
start)
    port=${3:?port}
    shift 3
    mkdir -p "$dir/tmp"
    servers=""
    for u in "$@"; do
        case "$u" in
        *:backup) servers+="        server ${u%:backup} max_fails=1 fail_timeout=60s backup;"$'\n' ;;
        *) servers+="        server $u max_fails=1 fail_timeout=60s;"$'\n' ;;
        esac
    done
    user=""
    [ "$(id -u)" -ne 0 ] || user="user root;"
    cat >"$dir/nginx.conf" <<CONF
$user
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 8192; }
worker_rlimit_nofile 20000;
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    upstream desk {
$servers        keepalive 64;
    }
    server {
        listen 127.0.0.1:$port;
        client_max_body_size 4m;
        proxy_connect_timeout 2s;
        proxy_next_upstream error timeout non_idempotent;
        location /api/v1/stream {
            proxy_pass http://desk;
            proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection "upgrade";
            proxy_read_timeout 1h;
        }
        location / {
            proxy_pass http://desk;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
CONF
    "$nginx" -e "$dir/error.log" -p "$dir" -c "$dir/nginx.conf"
    for _ in $(seq 100); do [ -s "$dir/nginx.pid" ] && exit 0; sleep 0.05; done
    cat "$dir/error.log" >&2
    exit 1
    ;;
stop)
    [ -s "$dir/nginx.pid" ] && kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true
    ;;
*)
    echo "usage: $0 start DIR PORT UPSTREAM... | stop DIR" >&2
    exit 2
    ;;
esac
