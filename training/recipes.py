"""One recipe per shipped checkpoint: the same TrainConfig the training form and `digitpad train` use."""

from __future__ import annotations

from digitpad.engine.config import TrainConfig
from digitpad.engine.models import ARCHITECTURES

# checkpoint name -> recipe: each architecture's registry recipe (the improved one where it has one), so the
# GUI's "Reset to recipe", `digitpad train --arch NAME` and the shipped checkpoints stay one source of truth.
RECIPES: dict[str, TrainConfig] = {name: spec.recipe for name, spec in ARCHITECTURES.items()}


def cli_args(config: TrainConfig) -> list[str]:
    """The `digitpad train` flags that reproduce `config` exactly."""
    args = [
        "--arch", config.arch, "--dataset", config.dataset, "--epochs", str(config.epochs),
        "--batch-size", str(config.batch_size), "--optimizer", config.optimizer, "--lr", repr(config.lr),
        "--momentum", repr(config.momentum), "--weight-decay", repr(config.weight_decay),
        "--schedule", config.schedule, "--device", config.device,
        "--nesterov" if config.nesterov else "--no-nesterov", "--augment", config.augment,
    ]  # fmt: skip
    if config.seed is not None:
        args += ["--seed", str(config.seed)]
    return args
