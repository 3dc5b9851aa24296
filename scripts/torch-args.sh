#!/usr/bin/env bash
# Prints the pip arguments that install digitpad's torch: on Linux the CPU-only build from PyTorch's own CPU
# wheel index (PyPI's Linux wheel is the CUDA build: gigabytes of NVIDIA libraries a LeNet never uses, and too
# big for the bundle); on macOS and Windows PyPI's default wheel. TORCH_SPEC chooses another build (then PyPI
# only, unless TORCH_INDEX names an index), e.g. TORCH_SPEC="torch==2.14.1".
set -euo pipefail
version=2.13.0
if [ -n "${TORCH_SPEC:-}" ]; then
  echo "${TORCH_INDEX:+--extra-index-url $TORCH_INDEX} $TORCH_SPEC"
elif [ "$(uname -s)" = Linux ]; then
  echo "--extra-index-url ${TORCH_INDEX:-https://download.pytorch.org/whl/cpu} torch==${version}+cpu"
else
  echo "torch==${version}"
fi
