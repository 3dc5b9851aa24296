#!/usr/bin/env bash
# Create .venv in the repo root and install digitpad into it (editable, with the test tools).
# Re-running is cheap: it reinstalls only when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "digitpad needs Python 3.11 or newer; set PYTHON=/path/to/python3.11" >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv

stamp=.venv/.digitpad-installed
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  exec .venv/bin/python scripts/build_translations.py  # the .ts may have changed since (well under a second)
fi
echo "setting up .venv (first run takes a minute or two)..." >&2
.venv/bin/python -m pip install --quiet --upgrade pip
# Torch first and pinned, so the dependency range below installs nothing more: on Linux the CPU-only build
# (scripts/install-torch.sh says why and how to choose another).
if ! .venv/bin/python -c 'import torch' 2>/dev/null; then
  scripts/install-torch.sh .venv/bin/python
fi
.venv/bin/python -m pip install --quiet -e ".[test]"
.venv/bin/python scripts/build_translations.py
echo "$wanted" > "$stamp"
