"""One recipe per shipped checkpoint: the same TrainConfig the training form and `digitpad train` use."""

from __future__ import annotations

from digitpad.engine.config import TrainConfig
from digitpad.engine.models import get_arch

# checkpoint name -> recipe. Each starts from its architecture's registry recipe (the tutorial's, or ours
# where the tutorial gave none) so the GUI's "reset to recipe" and these stay one source of truth.
RECIPES: dict[str, TrainConfig] = {
    "lenet5": get_arch("lenet5").recipe,
}


def cli_args(config: TrainConfig) -> list[str]:
    """The `digitpad train` flags that reproduce `config` exactly."""
    args = [
        "--arch", config.arch, "--dataset", config.dataset, "--epochs", str(config.epochs),
        "--batch-size", str(config.batch_size), "--optimizer", config.optimizer, "--lr", repr(config.lr),
        "--momentum", repr(config.momentum), "--weight-decay", repr(config.weight_decay),
        "--schedule", config.schedule, "--device", config.device,
        "--nesterov" if config.nesterov else "--no-nesterov", "--augment" if config.augment else "--no-augment",
    ]  # fmt: skip
    if config.seed is not None:
        args += ["--seed", str(config.seed)]
    return args
