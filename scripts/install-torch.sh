#!/usr/bin/env bash
# Install digitpad's torch into the Python given as $1: on Linux the CPU-only build from PyTorch's own CPU
# wheel index (PyPI's Linux wheel is the CUDA build: gigabytes of NVIDIA libraries a LeNet never uses, and too
# big for the bundle); on macOS and Windows PyPI's default wheel. TORCH_SPEC chooses another build (then from
# PyPI, unless TORCH_INDEX names an index), e.g. TORCH_SPEC="torch==2.14.1".
# The wheel alone comes from the extra index; its dependencies from PyPI (asking an index that holds only
# torch for each of them costs retries where it cannot be reached).
set -euo pipefail
python=$1
version=2.13.0
index=()
if [ -n "${TORCH_SPEC:-}" ]; then
  spec=$TORCH_SPEC
  [ -n "${TORCH_INDEX:-}" ] && index=(--extra-index-url "$TORCH_INDEX")
elif [ "$(uname -s)" = Linux ]; then
  spec="torch==${version}+cpu"
  index=(--extra-index-url "${TORCH_INDEX:-https://download.pytorch.org/whl/cpu}")
else
  spec="torch==${version}"
fi
"$python" -m pip install --quiet --no-deps "${index[@]}" "$spec"
"$python" -m pip install --quiet "$spec"
