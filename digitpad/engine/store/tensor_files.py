"""Tensors and a JSON description in one safetensors file (no code can ride along), written atomically.

What a run keeps beside its best model (run_state.py, snapshots.py) is stored this way.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import torch
from safetensors import SafetensorError
from safetensors.torch import load as load_safetensors_bytes
from safetensors.torch import save as save_safetensors_bytes

from digitpad.engine.system.atomic import atomic_write


def write(path: Path, tensors: dict[str, torch.Tensor], description: dict[str, Any]) -> None:
    atomic_write(path, save_safetensors_bytes(tensors, metadata={"digitpad": json.dumps(description)}))


def read(path: Path) -> tuple[dict[str, torch.Tensor], dict[str, Any]] | None:
    """(tensors, description) of a file `write` made; None when it is missing or unreadable."""
    try:
        data = path.read_bytes()
        tensors = load_safetensors_bytes(data)
        header_length = int.from_bytes(data[:8], "little")
        description = json.loads(json.loads(data[8 : 8 + header_length])["__metadata__"]["digitpad"])
    except (OSError, ValueError, KeyError, SafetensorError):
        return None
    return tensors, description
