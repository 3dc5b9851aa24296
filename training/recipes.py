"""One recipe per shipped checkpoint: the same TrainConfig the training form and `digitpad train` use."""

from __future__ import annotations

from digitpad.engine.architectures import ARCHITECTURES
from digitpad.engine.config import TrainConfig
from digitpad.engine.recipes import bundled_recipe

# checkpoint name -> recipe: each architecture's bundled-model recipe, so the GUI's "Bundled model's recipe",
# `digitpad train --recipe bundled` and the shipped checkpoints stay one source of truth.
RECIPES: dict[str, TrainConfig] = {name: bundled_recipe(name) for name in ARCHITECTURES}


def cli_args(config: TrainConfig) -> list[str]:
    """The `digitpad train` flags that reproduce `config` exactly."""
    args = [
        "--arch", config.arch, "--dataset", config.dataset, "--epochs", str(config.epochs),
        "--batch-size", str(config.batch_size), "--optimizer", config.optimizer, "--lr", repr(config.lr),
        "--momentum", repr(config.momentum), "--weight-decay", repr(config.weight_decay),
        "--schedule", config.schedule, "--device", config.device,
        "--nesterov" if config.nesterov else "--no-nesterov", "--augment", config.augment,
        "--styles", str(config.styles), "--scans", str(config.scans), "--beta2", repr(config.beta2),
        "--cycle-momentum" if config.cycle_momentum else "--no-cycle-momentum", "--first-conv", config.first_conv,
    ]  # fmt: skip
    if config.start_from is not None:
        args += ["--from", config.start_from]
    if config.seed is not None:
        args += ["--seed", str(config.seed)]
    return args
