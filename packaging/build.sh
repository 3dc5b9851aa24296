#!/usr/bin/env bash
# Build the one-folder bundle dist/digitpad/ from the CPU-only torch wheel, trim what the app never uses,
# report its size and run its self-test. Uses its own venv (.venv-build) so the dev venv stays as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}

[ -x .venv-build/bin/python ] || "$python" -m venv .venv-build
.venv-build/bin/python -m pip install --quiet --upgrade pip
# The CPU-only wheel: a CUDA build drags 2-4 GB of CUDA libraries into the bundle as ELF dependencies.
.venv-build/bin/python -m pip install --quiet "${TORCH_SPEC:-torch==2.13.0}"
.venv-build/bin/python -m pip install --quiet ".[packaging]"

rm -rf build/pyinstaller dist/digitpad
.venv-build/bin/pyinstaller --noconfirm --log-level WARN --workpath build/pyinstaller --distpath dist \
  packaging/digitpad.spec

bundle=dist/digitpad/_internal
before=$(du -sm dist/digitpad | cut -f1)
# Trim: headers and CMake files of torch, its C++ test binaries (keep torch_shm_manager: import torch checks
# for it), Qt's QML/Quick/PDF/Wayland/virtual-keyboard pieces and translations we do not ship.
rm -rf "$bundle/torch/include" "$bundle/torch/share" "$bundle/torch/test" "$bundle/torch/testing/_internal/data"
find "$bundle/torch/bin" -type f ! -name torch_shm_manager -delete 2>/dev/null || true
find "$bundle/torch/lib" -name '*test*.so' -delete
# Symbol tables are not needed at run time (the dynamic symbols stay): about 90 MB of libtorch_cpu alone.
if command -v strip >/dev/null; then
  find "$bundle/torch/lib" -name '*.so*' -exec strip --strip-unneeded {} +
fi
rm -rf "$bundle/PySide6/Qt/qml" "$bundle/PySide6/Qt/translations" "$bundle/PySide6/qml" \
  "$bundle/PySide6/translations"
find "$bundle" \( -name 'libQt6Quick*' -o -name 'libQt6Qml*' -o -name 'libQt6Pdf*' -o -name 'libQt6Wayland*' \
  -o -name 'libQt6VirtualKeyboard*' -o -name 'libQt6Designer*' -o -name 'libQt6ShaderTools*' \) -delete
rm -rf "$bundle/PySide6/Qt/plugins/wayland-"* "$bundle/PySide6/Qt/plugins/platforms/libqwayland"* \
  "$bundle/PySide6/Qt/plugins/platforminputcontexts" "$bundle/PySide6/Qt/plugins/qmltooling"
after=$(du -sm dist/digitpad | cut -f1)
echo "bundle: ${before} MB before trimming, ${after} MB after: dist/digitpad/" >&2

QT_QPA_PLATFORM=offscreen dist/digitpad/digitpad --self-test
