#!/usr/bin/env bash
# `make run`'s script: it starts the demo server, hands the client the server's address, a
# demo agent's token (in SUPPORTDESK_TOKEN, not on the command line) and a cache path, and
# stops the server once the client exits. A stand-in client checks the token against the
# server and records what it was given.
# Usage: run-script-test.sh RUN_SH BUILD_DIR
set -euo pipefail
run_sh=$1 build=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/build/server" "$work/build/app"
ln -s "$(cd "$build" && pwd)/server/supportdesk-server" "$work/build/server/supportdesk-server"
cat > "$work/client" <<'CLIENT'
#!/usr/bin/env bash
out=$(dirname "$0")/client.out
echo "args: $*" > "$out"
server=$2
# The token is the lead's: GET /me answers with the lead.
curl -sf -H "Authorization: Bearer $SUPPORTDESK_TOKEN" "$server/api/v1/me" >> "$out"
echo >> "$out"
echo "$server" > "$(dirname "$0")/server.url"
CLIENT
chmod +x "$work/client"

SUPPORTDESK_CLIENT="$work/client" "$run_sh" "$work/build" > "$work/run.log" 2>&1 || {
    echo "run.sh failed:"; cat "$work/run.log"; exit 1; }
grep -q -- "--server http://127.0.0.1:" "$work/client.out" || { echo "no --server:"; cat "$work/client.out"; exit 1; }
grep -q -- "--cache $work/build/demo-client-a-wangfang.sqlite" "$work/client.out" || { echo "no --cache:"; cat "$work/client.out"; exit 1; }
grep -q '"a-wangfang"' "$work/client.out" || { echo "the token did not sign in the lead:"; cat "$work/client.out"; exit 1; }
if grep -q -- "--token" "$work/client.out"; then echo "the token is on the command line"; exit 1; fi
# The client has exited: the server must be gone.
url=$(cat "$work/server.url")
for _ in $(seq 1 50); do
    curl -s -o /dev/null "$url/api/v1/catalog" || { echo "ok: server stopped with the client"; exit 0; }
    sleep 0.1
done
echo "the demo server still answers at $url after the client exited"
exit 1
