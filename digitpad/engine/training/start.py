"""Where a run begins: from random weights, from a trained model's (fine-tuning), or where a stopped run left off."""

from __future__ import annotations

from dataclasses import dataclass

from torch import Tensor

from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.spec.errors import ConfigError
from digitpad.engine.store import run_state
from digitpad.engine.store.catalog import resolve_model
from digitpad.engine.store.checkpoints import Checkpoint, load_checkpoint


@dataclass(frozen=True)
class Start:
    """Where a run begins: its first epoch, the history so far, the weights and the best accuracy to beat."""

    first_epoch: int
    history: list[dict[str, float]]
    weights: dict[str, Tensor] | None  # None: random initialisation
    best_accuracy: float | None
    saved: run_state.RunState | None  # the interrupted run's own last state, when it left one


def starting_weights(config: TrainConfig) -> dict[str, Tensor] | None:
    """The weights of `config.start_from` (fine-tuning), or None for a fresh random start."""
    if config.start_from is None:
        return None
    parent = load_checkpoint(resolve_model(config.start_from))
    if parent.arch != config.arch:
        raise ConfigError(f"{config.start_from} is a {parent.arch} model: it cannot start a {config.arch} run")
    return parent.state_dict


def where_to_start(config: TrainConfig, resume: Checkpoint | None, epochs_done: int | None) -> Start:
    """A fresh run, a fine-tune from `config.start_from`, or the continuation of `resume`.

    A resumed run continues from its last saved state when there is one (exactly where it stopped);
    otherwise from its best model after `epochs_done` epochs (default: those its history records).
    """
    if resume is None:
        start = Start(first_epoch=1, history=[], weights=starting_weights(config), best_accuracy=None, saved=None)
    elif (saved := run_state.load(run_state.state_path(resume.path)) if resume.path else None) is not None:
        start = Start(first_epoch=saved.epoch + 1, history=saved.history, weights=saved.model,
                      best_accuracy=resume.test_accuracy, saved=saved)  # fmt: skip
    else:
        done = len(resume.history) if epochs_done is None else epochs_done
        start = Start(first_epoch=done + 1, history=resume.history, weights=resume.state_dict,
                      best_accuracy=resume.test_accuracy, saved=None)  # fmt: skip
    if start.first_epoch > config.epochs:
        raise ConfigError(f"the run already trained all {config.epochs} epochs: ask for more epochs to go on")
    return start
