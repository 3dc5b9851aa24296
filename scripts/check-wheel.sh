#!/usr/bin/env bash
# The wheel carries everything the app needs: build it, install it into a fresh venv (torch as the setup takes
# it), and run the self-test and an evaluation from a folder that is not the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
work=build/wheel-check
rm -rf "$work" && mkdir -p "$work"
.venv/bin/python scripts/build_translations.py  # the wheel carries the compiled translations
.venv/bin/python -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" .
wheel=$(ls "$work"/dist/digitpad-*.whl)
assets=$("$python" -c "import sys, zipfile; print(sum('/assets/' in n for n in zipfile.ZipFile(sys.argv[1]).namelist()))" "$wheel")
echo "wheel: $(du -h "$wheel" | cut -f1), $assets asset files" >&2
"$python" -m venv "$work/venv"
scripts/install-torch.sh "$work/venv/bin/python"
"$work/venv/bin/python" -m pip install --quiet "$wheel"
cd "$(mktemp -d)"
QT_QPA_PLATFORM=offscreen DIGITPAD_HOME="$PWD/home" "$OLDPWD/$work/venv/bin/digitpad" --self-test
DIGITPAD_HOME="$PWD/home" "$OLDPWD/$work/venv/bin/digitpad" eval --model lenet5 --json
