"""TrainConfig: every knob of a training run, with its default and the rules that make a value usable."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from digitpad.engine.errors import ConfigError

OPTIMIZERS = ("sgd", "adam", "adamw")
SCHEDULES = ("none", "step", "onecycle")
NORMALIZATIONS = ("mnist", "unit")
DEVICES = ("auto", "cpu", "cuda", "mps")
AUGMENTATIONS = ("none", "affine", "handwriting")

# MNIST's training-set mean and standard deviation, used by most tutorials.
MNIST_MEAN, MNIST_STD = 0.1307, 0.3081


@dataclass(frozen=True)
class TrainConfig:
    arch: str = "lenet5"  # a name from the model registry
    dataset: str = "mnist"  # mnist (bundled) or a downloaded one: fashion-mnist, kmnist, emnist-digits
    epochs: int = 10  # full passes over the training set
    batch_size: int = 64  # images per optimizer step
    optimizer: str = "sgd"  # sgd | adam | adamw
    lr: float = 0.01  # learning rate (the peak rate for the one-cycle schedule)
    momentum: float = 0.9  # SGD momentum (ignored by adam/adamw)
    nesterov: bool = False  # Nesterov momentum for SGD
    weight_decay: float = 0.0  # L2 penalty (decoupled for adamw)
    schedule: str = "none"  # none | step (x0.1 at 1/2 and 3/4 of the run) | onecycle (per batch)
    augment: str = "none"  # none | affine | handwriting (affine + elastic, stroke width, blur, noise)
    normalize: str = "mnist"  # mnist: (x - 0.1307) / 0.3081 | unit: pixels scaled to [0, 1] only
    seed: int | None = 0  # makes CPU runs reproducible (bit for bit with `threads` set); None draws a fresh one
    device: str = "auto"  # auto (cuda, then mps, then cpu) | cpu | cuda | mps
    threads: int | None = None  # CPU threads for torch; None uses every core
    max_steps: int | None = None  # stop after this many optimizer steps (quick trials, tests)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainConfig:
        """Rebuild from a checkpoint's metadata, ignoring keys a newer or older digitpad wrote."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def with_changes(self, **changes: Any) -> TrainConfig:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def validate(self) -> TrainConfig:
        """Raise ConfigError naming the first unusable value; return self so calls can chain."""
        from digitpad.engine.models import ARCHITECTURES  # late: models imports this module

        _choice("arch", self.arch, tuple(ARCHITECTURES))
        _choice("optimizer", self.optimizer, OPTIMIZERS)
        _choice("schedule", self.schedule, SCHEDULES)
        _choice("normalize", self.normalize, NORMALIZATIONS)
        _choice("device", self.device, DEVICES)
        _choice("augment", self.augment, AUGMENTATIONS)
        _whole("epochs", self.epochs, 1, 1000)
        _whole("batch_size", self.batch_size, 1, 65536)
        _real("lr", self.lr, 1e-7, 10.0)
        _real("momentum", self.momentum, 0.0, 0.999)
        _real("weight_decay", self.weight_decay, 0.0, 1.0)
        if self.threads is not None:
            _whole("threads", self.threads, 1, 1024)
        if self.max_steps is not None:
            _whole("max_steps", self.max_steps, 1, 10**9)
        if self.seed is not None:
            _whole("seed", self.seed, 0, 2**63 - 1)
        if self.nesterov and (self.optimizer != "sgd" or self.momentum == 0):
            raise ConfigError("nesterov needs --optimizer sgd and a momentum above 0")
        return self


def _choice(name: str, value: Any, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ConfigError(f"{name} {value!r} is not one of: {', '.join(allowed)}")


def _whole(name: str, value: Any, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError(f"{name} must be a whole number from {low} to {high}, not {value!r}")


def _real(name: str, value: Any, low: float, high: float) -> None:
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if not (is_number and math.isfinite(value) and low <= value <= high):
        raise ConfigError(f"{name} must be a number from {low:g} to {high:g}, not {value!r}")
