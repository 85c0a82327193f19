#!/usr/bin/env bash
# Validates docs/openapi.yaml with swagger-parser (npm, pinned in package-lock.json).
#   validate.sh [DOC] [PATH…]             valid OpenAPI 3.0; documents exactly these paths
#   validate.sh DOC --responses FILE.json  real responses match the document (check-responses.js)
# Installs the pinned packages into tools/openapi/node_modules on first use.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
doc=${1:-$here/../../docs/openapi.yaml}
shift || true
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "openapi check: node and npm are needed (Debian packages nodejs npm)" >&2
    exit 1
fi
if [ ! -d "$here/node_modules/@apidevtools/swagger-parser" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) || {
        echo "openapi check: npm ci failed (is the npm registry reachable?)" >&2
        exit 1
    }
fi
if [ "${1:-}" = "--responses" ]; then
    exec node "$here/check-responses.js" "$doc" "$2"
fi
exec node "$here/validate.js" "$doc" "$@"
