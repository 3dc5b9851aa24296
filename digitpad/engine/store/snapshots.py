"""A run's replay: the model before its first step and after every epoch, with that epoch's test accuracy.

Kept beside the run's best model as NAME.safetensors.epochs (safetensors; a lenet5 snapshot is 244 KB). A
run whose snapshots would pass MAX_BYTES keeps every k-th epoch (and always the first and the last), so a
40-epoch lenet-wide stays under it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn

from digitpad.engine.store import tensor_files

SUFFIX = ".epochs"
MAX_BYTES = 64 * 1024**2


@dataclass
class Snapshot:
    epoch: int  # 0: before the first step
    test_accuracy: float
    state_dict: dict[str, torch.Tensor]


def snapshots_path(checkpoint_path: str | Path) -> Path:
    path = Path(checkpoint_path)
    return path.with_name(path.name + SUFFIX)


def capture(model: nn.Module, epoch: int, test_accuracy: float) -> Snapshot:
    state = {key: value.detach().to("cpu", copy=True).contiguous() for key, value in model.state_dict().items()}
    return Snapshot(epoch, test_accuracy, state)


def kept_every(model: nn.Module, epochs: int) -> int:
    """Keep one snapshot in this many epochs, so that all of them stay under MAX_BYTES."""
    size = sum(value.numel() * value.element_size() for value in model.state_dict().values())
    return max(1, math.ceil(size * (epochs + 1) / MAX_BYTES))


def save(snapshots: list[Snapshot], path: Path) -> None:
    tensors = {f"{s.epoch}.{key}": value for s in snapshots for key, value in s.state_dict.items()}
    meta = {"epochs": [s.epoch for s in snapshots], "test_accuracy": [s.test_accuracy for s in snapshots]}
    tensor_files.write(path, tensors, meta)


def load(path: Path) -> list[Snapshot]:
    """The snapshots saved at `path`; [] when there are none or the file is unreadable."""
    saved = tensor_files.read(path)
    if saved is None:
        return []
    tensors, meta = saved
    snapshots = []
    for epoch, accuracy in zip(meta["epochs"], meta["test_accuracy"], strict=True):
        prefix = f"{epoch}."
        state = {key.removeprefix(prefix): value for key, value in tensors.items() if key.startswith(prefix)}
        snapshots.append(Snapshot(epoch, accuracy, state))
    return snapshots
