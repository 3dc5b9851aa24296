"""One recipe per shipped checkpoint: the same TrainConfig the training form and `digitpad train` use."""

from __future__ import annotations

from digitpad.engine.spec.architectures import ARCHITECTURES
from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.spec.recipes import bundled_recipe

# checkpoint name -> recipe: each architecture's bundled-model recipe, so the GUI's "Bundled model's recipe",
# `digitpad train --recipe bundled` and the shipped checkpoints stay one source of truth. `digitpad train`'s own
# flags reproduce each exactly (digitpad/cli/train.py: config_arguments).
RECIPES: dict[str, TrainConfig] = {name: bundled_recipe(name) for name in ARCHITECTURES}
