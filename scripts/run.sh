#!/usr/bin/env bash
# `make run`: starts the program's main job from a built tree (argument: the build directory).
set -euo pipefail
build=${1:-build}
exec "$build/app/supportdesk" "${@:2}"
