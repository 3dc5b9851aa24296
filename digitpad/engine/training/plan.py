"""Run policy, decided once for both front ends: which recipe a new run starts from, and what its model is called.

`digitpad train` and the Train view both ask here: the recipe of an architecture (digitpad's, its bundled model's
or its tutorial's), the fine-tune recipe when a trained model is taught My handwriting, and the name and free
file of the model a run writes (a fine-tune of lenet-wide is lenet-wide-mine-1, then -2; any other run is named
after its architecture and the time it started).
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

from digitpad import paths
from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.spec.recipes import fine_tune_recipe, recipe_of
from digitpad.engine.store.catalog import resolve_model
from digitpad.engine.store.checkpoints import SUFFIX, load_checkpoint, read_metadata


def fine_tune_plan(parent: str | Path, dataset: str = "mine") -> TrainConfig:
    """Teaching the trained model `parent` (a name or a file) `dataset`: its own settings, the fine-tune recipe."""
    return fine_tune_recipe(load_checkpoint(resolve_model(str(parent))).config, str(parent), dataset)


def starting_config(arch: str | None = None, kind: str = "improved", start_from: str | None = None,
                    dataset: str | None = None) -> TrainConfig:  # fmt: skip
    """The settings a new run begins with, before the user's own changes: teaching a model My handwriting takes
    the fine-tune recipe; any other run its architecture's recipe of `kind` (the architecture `start_from` has,
    when none is named; lenet5 when neither is)."""
    if start_from is not None and dataset == "mine":
        return fine_tune_plan(start_from, dataset)
    if arch is None and start_from is not None:
        arch = read_metadata(resolve_model(start_from)).get("arch")
    return recipe_of(arch or TrainConfig().arch, kind)


def is_fine_tune(config: TrainConfig) -> bool:
    """A run that teaches a trained model the user's own handwriting."""
    return config.start_from is not None and config.dataset == "mine"


def default_model_name(config: TrainConfig) -> str:
    """What a run's model is called unless the user names it: PARENT-mine-N for a fine-tune on My handwriting
    (the first N free), else ARCH-YYYYMMDD-HHMMSS."""
    if is_fine_tune(config):
        parent = Path(str(config.start_from)).stem
        names = (f"{parent}-mine-{number}" for number in itertools.count(1))
        return next(name for name in names if not model_file(name).exists())
    return f"{config.arch}-{time.strftime('%Y%m%d-%H%M%S')}"


def model_file(name: str) -> Path:
    """Where the user's model `name` is kept."""
    return paths.user_models_dir() / f"{name}{SUFFIX}"


def new_model_path(name: str) -> Path:
    """A free file in the user's models for a model the user called `name` (characters a file name cannot hold
    become "-"; a name already taken gets -2, -3, ...)."""
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in name.strip()) or "model"
    candidates = itertools.chain([safe], (f"{safe}-{number}" for number in itertools.count(2)))
    return next(model_file(candidate) for candidate in candidates if not model_file(candidate).exists())
