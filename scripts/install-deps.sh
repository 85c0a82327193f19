#!/usr/bin/env bash
# Installs the Debian 12 packages SupportDesk needs to build, run and test, when any is missing.
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-translations-l10n qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev
    qtkeychain-qt6-dev libqt6sql6-sqlite libqt6sql6-psql libgl-dev
    libqt6opengl6-dev libxkbcommon-dev
    tzdata fonts-noto-cjk
    postgresql xvfb xauth wrk hyperfine poppler-utils python3 curl ca-certificates
    nginx openssl
    libsqlite3-dev libsimdjson-dev
    libgmime-3.0-dev libcurl4-openssl-dev python3-aiosmtpd
    python3-hypothesis python3-jsonschema python3-yaml
    dpkg-dev file lintian appstream desktop-file-utils
)

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$p")
done
# The OpenAPI check (tools/openapi) needs node and npm; any install that provides them will do.
command -v npm >/dev/null || missing+=(nodejs npm)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing Debian packages: ${missing[*]}"
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
