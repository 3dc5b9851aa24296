"""Each architecture's recipes: the tutorial's own (to reproduce its curve), the one its bundled model was
trained with, and digitpad's default, which fills the Train view's form and is what `digitpad train --arch NAME`
runs. The default is the bundled model's recipe except where a quicker one reaches the same MNIST accuracy (the
bundled lenet5 spends a minute learning other people's handwriting; the default reaches 99% in seconds).
training/rebuild.py rebuilds the bundled checkpoints from their recipes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from digitpad.engine.spec.architectures import get_arch
from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.spec.errors import ConfigError


def _improved(arch: str, optimizer: str, epochs: int, lr: float, batch_size: int = 64, **extra: Any) -> TrainConfig:
    """digitpad's improved recipe shape: one-cycle schedule, weight decay, affine augmentation, and for SGD
    Nesterov momentum; `extra` overrides any of it."""
    settings: dict[str, Any] = {"weight_decay": 5e-4, "schedule": "onecycle", "augment": "affine"}
    if optimizer == "sgd":
        settings |= {"momentum": 0.9, "nesterov": True}
    return TrainConfig(arch=arch, optimizer=optimizer, epochs=epochs, lr=lr, batch_size=batch_size, **settings | extra)


# arch -> the recipe as its tutorial gave it; None where no tutorial gave one
_TUTORIAL: dict[str, TrainConfig | None] = {
    "lenet5-1998": TrainConfig(arch="lenet5-1998", epochs=20, batch_size=64, optimizer="sgd", lr=0.01, momentum=0.9),
    "lenet5": None,
    "lenet-caffe": TrainConfig(arch="lenet-caffe", epochs=20, batch_size=64, optimizer="sgd", lr=0.01, momentum=0.9),
    "cnn-small": TrainConfig(arch="cnn-small", epochs=10, batch_size=64, optimizer="sgd", lr=0.01, momentum=0.5),
    "cnn-bn": TrainConfig(arch="cnn-bn", epochs=10, batch_size=64, optimizer="adam", lr=0.001, normalize="unit"),
    "lenet5-d2l": TrainConfig(
        arch="lenet5-d2l", epochs=10, batch_size=256, optimizer="sgd", lr=0.9, momentum=0.0, normalize="unit"
    ),
    "mlp": TrainConfig(arch="mlp", epochs=10, batch_size=128, optimizer="adam", lr=0.001),
    "lenet-wide": None,  # digitpad's own
}

# arch -> the recipe its bundled checkpoint was trained with
_BUNDLED: dict[str, TrainConfig] = {
    "lenet5-1998": _improved("lenet5-1998", "sgd", epochs=20, lr=0.05, weight_decay=1e-4),
    # without augmentation 3 epochs reached 99.09-99.30% over seeds 0-4 in 13-21 s on 2 cores, but read 8x8
    # scans at 90% and styles at 97%; with the handwriting augmentation and 10,000 style digits 6 epochs read
    # other writers' scans at 95-96%, and with two copies of the bundled scans of 30 other writers at 98-99%
    # (training/RESULTS.md), in 66-161 s on 2 cores
    "lenet5": _improved(
        "lenet5", "sgd", epochs=6, lr=0.1, batch_size=128, augment="handwriting", styles=10_000, scans=2
    ),
    "lenet-caffe": _improved("lenet-caffe", "sgd", epochs=20, lr=0.05),
    "cnn-small": _improved("cnn-small", "sgd", epochs=15, lr=0.05),
    "cnn-bn": _improved("cnn-bn", "adamw", epochs=15, lr=0.002, weight_decay=0.01, normalize="unit"),
    "lenet5-d2l": _improved("lenet5-d2l", "sgd", epochs=20, lr=0.2, batch_size=128, normalize="unit"),
    "mlp": _improved("mlp", "adamw", epochs=30, lr=0.002, batch_size=128, weight_decay=1e-4),
    "lenet-wide": _improved(
        "lenet-wide", "adamw", epochs=40, lr=0.003, batch_size=128, augment="handwriting", styles=20_000, scans=2
    ),
}


# arch -> the default where it is not the bundled model's recipe
_QUICK: dict[str, TrainConfig] = {
    # the Train view's first form. A fixed first convolution of edge filters computed once per run (an epoch
    # 2.4 s instead of 7.7 s), and Adam with beta1 0.7, beta2 0.9 and one cycle without momentum cycling, as in
    # a known sub-second GPU MNIST recipe: 2 epochs reached 99.07-99.22% over seeds 0-4 (7.5-8.8 s on a slow
    # day), where SGD reached 98.77-98.96%, Adam's default betas 98.95-99.06%, batch 512 98.96-99.27%, one
    # epoch 98.6-99.0%, and learned first filters 98.96-99.14% in twice the time (docs/lab-notes.md)
    "lenet5": _improved(
        "lenet5",
        "adamw",
        epochs=2,
        lr=0.01,
        batch_size=256,
        augment="none",
        momentum=0.7,
        beta2=0.9,
        cycle_momentum=False,
        first_conv="edges",
    ),
}


RECIPE_KINDS = ("improved", "bundled", "tutorial")  # digitpad's own, the bundled model's, the tutorial's


def recipe(arch: str) -> TrainConfig:
    """digitpad's default recipe of `arch`: the Train view's and `digitpad train`'s (ConfigError for an unknown
    architecture)."""
    name = get_arch(arch).name
    return _QUICK.get(name, _BUNDLED[name])


def bundled_recipe(arch: str) -> TrainConfig:
    """The recipe `arch`'s bundled model was trained with."""
    return _BUNDLED[get_arch(arch).name]


def tutorial_recipe(arch: str) -> TrainConfig | None:
    """The recipe exactly as `arch`'s tutorial gave it, or None where no tutorial gave one."""
    return _TUTORIAL[get_arch(arch).name]


def recipe_of(arch: str, kind: str = "improved") -> TrainConfig:
    """`arch`'s recipe of `kind`: digitpad's ("improved"), its bundled model's, or its tutorial's (ConfigError
    where the tutorial gave none)."""
    if kind not in RECIPE_KINDS:
        raise ConfigError(f"recipe {kind!r} is not one of: {', '.join(RECIPE_KINDS)}")
    chosen = {"improved": recipe, "bundled": bundled_recipe, "tutorial": tutorial_recipe}[kind](arch)
    if chosen is None:
        raise ConfigError(f"{arch} comes from no tutorial: it has only digitpad's recipe (improved)")
    return chosen


# What teaching a trained model takes, whatever the model: TrainConfig's defaults but for a low learning rate
# warmed up and annealed by one cycle, few epochs, and the handwriting augmentation.
_FINE_TUNE = TrainConfig(optimizer="adam", lr=5e-4, schedule="onecycle", epochs=3, augment="handwriting")


def fine_tune_recipe(parent: TrainConfig, start_from: str, dataset: str = "mine") -> TrainConfig:
    """Teach a trained model new digits without losing what it knows: the fine-tune recipe on the parent's own
    shape (its architecture, its normalisation above all, its first convolution) and where it ran."""
    return replace(_FINE_TUNE, arch=parent.arch, normalize=parent.normalize, first_conv=parent.first_conv,
                   device=parent.device, threads=parent.threads, dataset=dataset, start_from=start_from)  # fmt: skip
