#!/usr/bin/env bash
# Build the packaged app (dist/digitpad/) and run its self-test: see packaging/build.py, which does the work
# on Linux, Windows and macOS alike.
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${PYTHON:-python3}" packaging/build.py "$@"
