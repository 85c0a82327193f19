#!/usr/bin/env bash
# Validates docs/openapi.yaml with swagger-parser (npm, pinned in package-lock.json).
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
exec node "$here/validate.js" "$doc" "$@"
