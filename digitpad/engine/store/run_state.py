"""A run's last state, saved beside its best model after every epoch, so a resumed run really continues.

The best model is what Draw uses; this file is everything else the next epoch needs: the last epoch's weights
(and batch-norm statistics), the optimizer's state (momentum, Adam's moments), the shuffling generator's and
torch's global random state (dropout), the epoch reached, the history and the best accuracy so far. A run
stopped after epoch k and resumed ends with the same weights as the run that was never stopped (bit for bit
on the CPU with fixed threads). The learning-rate schedule is a function of the step count: it is fast-
forwarded, not stored. Written atomically, like checkpoints: safetensors for the tensors, JSON for the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from torch import nn

from digitpad.engine.store import tensor_files

SUFFIX = ".run-state"
FORMAT = "digitpad-run-state"


@dataclass
class RunState:
    epoch: int  # epochs completed
    global_step: int
    history: list[dict[str, float]]
    best_accuracy: float | None
    model: dict[str, torch.Tensor]
    optimizer: dict[str, Any]  # torch's optimizer state_dict
    generator: torch.Tensor  # the shuffling and augmentation generator's state
    rng: torch.Tensor  # torch's global CPU random state (dropout)


def state_path(checkpoint_path: str | Path) -> Path:
    """Where the run that keeps its best model at `checkpoint_path` keeps its last state."""
    path = Path(checkpoint_path)
    return path.with_name(path.name + SUFFIX)


def capture(*, epoch: int, global_step: int, history: list[dict[str, float]], best_accuracy: float | None,
            model: nn.Module, optimizer: torch.optim.Optimizer, generator: torch.Generator) -> RunState:  # fmt: skip
    weights = {key: value.detach().to("cpu", copy=True).contiguous() for key, value in model.state_dict().items()}
    return RunState(epoch=epoch, global_step=global_step, history=list(history), best_accuracy=best_accuracy,
                    model=weights, optimizer=optimizer.state_dict(), generator=generator.get_state(),
                    rng=torch.get_rng_state())  # fmt: skip


def save(state: RunState, path: Path) -> None:
    tensors = {f"model.{key}": value for key, value in state.model.items()}
    optimizer_state: dict[str, dict[str, Any]] = {}
    for index, slots in state.optimizer["state"].items():
        for slot, value in slots.items():
            if isinstance(value, torch.Tensor):
                tensors[f"optimizer.{index}.{slot}"] = value.detach().to("cpu", copy=True).contiguous()
            else:
                optimizer_state.setdefault(str(index), {})[slot] = value
    tensors["generator"], tensors["rng"] = state.generator.clone(), state.rng.clone()
    metadata = {
        "format": FORMAT, "epoch": state.epoch, "global_step": state.global_step, "history": state.history,
        "best_accuracy": state.best_accuracy, "param_groups": state.optimizer["param_groups"],
        "optimizer_scalars": optimizer_state,
    }  # fmt: skip
    tensor_files.write(path, tensors, metadata)


def load(path: Path) -> RunState | None:
    """The state saved at `path`, or None when there is none or it is unreadable (the run resumes as before)."""
    saved = tensor_files.read(path)
    if saved is None:
        return None
    tensors, meta = saved
    if meta.get("format") != FORMAT:
        return None
    optimizer_state: dict[int, dict[str, Any]] = {int(i): dict(v) for i, v in meta["optimizer_scalars"].items()}
    for key, value in tensors.items():
        if key.startswith("optimizer."):
            _, index, slot = key.split(".", 2)
            optimizer_state.setdefault(int(index), {})[slot] = value
    model = {key.removeprefix("model."): value for key, value in tensors.items() if key.startswith("model.")}
    optimizer = {"state": optimizer_state, "param_groups": meta["param_groups"]}
    return RunState(epoch=meta["epoch"], global_step=meta["global_step"], history=meta["history"],
                    best_accuracy=meta["best_accuracy"], model=model, optimizer=optimizer,
                    generator=tensors["generator"], rng=tensors["rng"])  # fmt: skip
