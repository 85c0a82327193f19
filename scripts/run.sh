#!/usr/bin/env bash
# `make run`: starts the demo ticket server on a free loopback port and opens the desk client
# signed in as a demo agent; closing the client stops the server.
#   argument 1: the build directory (default build); further arguments go to the client.
#   DEMO_AGENT: the demo agent to sign in as (default a-wangfang, the lead; a-emma, a-zhangwei,
#   a-lina, a-rahul are agents, a-admin the admin).
#   SUPPORTDESK_CLIENT: another program to start instead of the client (tests).
# A local SMTP sink (tests/server/mail_sink.py, aiosmtpd) receives the mail the desk sends:
# BUILD/demo-mail/NNNN.eml, and NNNN.json with its headers and text decoded (docs/mail.md).
# A local receiver (tests/server/im_sink.py) stands for the customers' IM groups: the demo
# customers whose edition has one write in their group, and the replies posted back land in
# BUILD/demo-im/NNNN.json (docs/channels.md).
set -euo pipefail
build=${1:-build}
shift || true
agent=${DEMO_AGENT:-a-wangfang}
server_bin="$build/server/supportdesk-server"
client_bin=${SUPPORTDESK_CLIENT:-$build/app/supportdesk}
for bin in "$server_bin" "$client_bin"; do
    [ -x "$bin" ] || { echo "run.sh: $bin is missing; run 'make build' first" >&2; exit 1; }
done

db="$build/demo.db"
# One cache per demo account: an agent must never open the lead's cache (nor see its views).
cache="$build/demo-client-$agent.sqlite"
# A new demo database starts a new desk: the clients' caches of the old one must go with it
# (also the one all accounts shared before caches were per account).
if [ ! -e "$db" ]; then
    rm -f "$build"/demo-client*.sqlite "$build"/demo-client*.sqlite-wal \
        "$build"/demo-client*.sqlite-shm
fi
log=$(mktemp "${TMPDIR:-/tmp}/supportdesk-demo.XXXXXX")

server_pid=
sink_pid=
im_pid=
stop_server() {
    for pid in "$server_pid" "$sink_pid" "$im_pid"; do
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    rm -f "$log"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

free_port() {
    /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The SMTP sink on a free loopback port, when aiosmtpd is there (scripts/install-deps.sh).
mail_args=()
maildir="$build/demo-mail"
sink="$(dirname "$0")/../tests/server/mail_sink.py"
if /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
    smtp_port=$(free_port)
    /usr/bin/python3 "$sink" "$smtp_port" "$maildir" >/dev/null &
    sink_pid=$!
    mail_args=(--smtp-url "smtp://127.0.0.1:$smtp_port" --mail-from support@desk.example
               --mail-retry 5)
else
    echo "run.sh: python3-aiosmtpd is missing: the desk's e-mail stays in its outbox" >&2
fi

# The IM groups' receiver (Python's standard library only), on a free loopback port.
imdir="$build/demo-im"
im_port=$(free_port)
/usr/bin/python3 "$(dirname "$0")/../tests/server/im_sink.py" "$im_port" "$imdir" >/dev/null &
im_pid=$!
im_args=(--demo-im-url "http://127.0.0.1:$im_port")

# --port 0: the server picks a free port and prints it; it prints the demo agents' tokens too.
"$server_bin" --demo --db "$db" --listen 127.0.0.1 --port 0 "${mail_args[@]}" "${im_args[@]}" \
    >"$log" 2>&1 &
server_pid=$!

url=
for _ in $(seq 1 200); do
    url=$(sed -n 's|.*listening on \(http://[^/]*\)/api/v1.*|\1|p' "$log" | head -n1)
    [ -n "$url" ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "run.sh: the demo server stopped:" >&2
        cat "$log" >&2
        exit 1
    fi
    sleep 0.1
done
[ -n "$url" ] || { echo "run.sh: the demo server did not start in 20 s" >&2; cat "$log" >&2; exit 1; }

token=$(sed -n "s|.*($agent): \([^[:space:]]*\)$|\1|p" "$log" | tail -n1)
[ -n "$token" ] || { echo "run.sh: no token for demo agent '$agent' in the server's output" >&2; cat "$log" >&2; exit 1; }

echo "Demo server at $url (log $log); signing in as $agent."
[ -z "$sink_pid" ] || echo "Mail the desk sends arrives in $maildir (NNNN.eml, NNNN.json)."
echo "Replies to the customers' IM groups arrive in $imdir (NNNN.json)."
SUPPORTDESK_TOKEN="$token" "$client_bin" --server "$url" --cache "$cache" "$@"
