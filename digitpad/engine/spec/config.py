"""TrainConfig: the one description of a training run. Each field carries its help, range and choices.

`validate()`, the CLI's `train` flags and their help, and the Train view's form rows and limits are all made
from these fields' `Knob`s, so adding a knob is a change here only (tests/engine/test_config.py proves they agree).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from digitpad.engine.spec.architectures import ARCHITECTURES
from digitpad.engine.spec.datasets import DATASETS
from digitpad.engine.spec.errors import ConfigError
from digitpad.engine.spec.translatable import QT_TRANSLATE_NOOP

OPTIMIZERS = ("sgd", "adam", "adamw")
SCHEDULES = ("none", "step", "onecycle")
NORMALIZATIONS = ("mnist", "unit")
DEVICES = ("auto", "cpu", "cuda", "mps")
AUGMENTATIONS = ("none", "affine", "handwriting")
FIRST_CONVS = ("learned", "edges")
FROM_THE_RECIPE = "from the recipe"

# MNIST's training-set mean and standard deviation, used by most tutorials.
MNIST_MEAN, MNIST_STD = 0.1307, 0.3081


@dataclass(frozen=True)
class Knob:
    """How a TrainConfig field is explained, limited and offered (to `validate`, the CLI and the form)."""

    help: str
    label: str = ""  # the form's row label; "" keeps the field off the form (the run's carried value is kept)
    choices: tuple[str, ...] | None = None
    low: float | None = None  # inclusive limits of a number
    high: float | None = None
    decimals: int = 0  # digits the form shows for a real number
    flag: str = ""  # the CLI flag when it is not --field-name; "-" keeps it off the CLI
    default_text: str = FROM_THE_RECIPE  # what the CLI's help says the default is
    object_name: str = ""  # the form widget's object name when it is not train + CamelCase of the field
    metavar: str = ""  # what the CLI's help calls the value when it is not the field's name

    def describe(self) -> str:
        """The help a person reads: the text, then the default."""
        return f"{self.help} (default: {self.default_text})"

    @property
    def limits(self) -> tuple[float, float]:
        """The inclusive limits of a number's knob."""
        if self.low is None or self.high is None:
            raise ValueError(f"the knob {self.label or self.help!r} has no limits")
        return self.low, self.high


def _knob(default: Any, **spec: Any) -> Any:
    return field(default=default, metadata={"knob": Knob(**spec)})


@dataclass(frozen=True)
class TrainConfig:
    arch: str = _knob(
        "lenet5",
        help=QT_TRANSLATE_NOOP("TrainConfig", "the architecture to train"),
        label=QT_TRANSLATE_NOOP("TrainConfig", "Architecture"),
        choices=tuple(ARCHITECTURES),
        default_text="lenet5",
    )
    dataset: str = _knob(
        "mnist",
        help=QT_TRANSLATE_NOOP("TrainConfig", "the dataset to train and test on"),
        label=QT_TRANSLATE_NOOP("TrainConfig", "Dataset"),
        choices=tuple(DATASETS),
        default_text="mnist",
    )
    epochs: int = _knob(
        10,
        help=QT_TRANSLATE_NOOP("TrainConfig", "full passes over the training set"),
        label=QT_TRANSLATE_NOOP("TrainConfig", "Epochs"),
        low=1,
        high=1000,
    )
    batch_size: int = _knob(
        64,
        help=QT_TRANSLATE_NOOP("TrainConfig", "images per optimizer step"),
        label=QT_TRANSLATE_NOOP("TrainConfig", "Batch size"),
        low=1,
        high=65536,
    )
    optimizer: str = _knob(
        "sgd",
        help=QT_TRANSLATE_NOOP("TrainConfig", "the optimizer"),
        label=QT_TRANSLATE_NOOP("TrainConfig", "Optimizer"),
        choices=OPTIMIZERS,
    )
    lr: float = _knob(
        0.01,
        help=QT_TRANSLATE_NOOP("TrainConfig", "learning rate (the peak rate of the one-cycle schedule)"),
        label=QT_TRANSLATE_NOOP("TrainConfig", "Learning rate"),
        low=1e-7,
        high=10.0,
        decimals=7,
        object_name="trainLearningRate",
    )
    momentum: float = _knob(
        0.9,
        help=QT_TRANSLATE_NOOP(
            "TrainConfig", "SGD momentum, or adam's and adamw's beta1 (the gradient average's decay)"
        ),
        label=QT_TRANSLATE_NOOP("TrainConfig", "Momentum"),
        low=0.0,
        high=0.999,
        decimals=3,
    )
    beta2: float = _knob(
        0.999,
        help=QT_TRANSLATE_NOOP(
            "TrainConfig",
            "adam's and adamw's beta2 (the decay of their estimate of each gradient's scale; sgd ignores it)",
        ),
        label=QT_TRANSLATE_NOOP("TrainConfig", "Adam beta2"),
        low=0.0,
        high=0.9999,
        decimals=4,
    )
    nesterov: bool = _knob(
        False,
        help=QT_TRANSLATE_NOOP("TrainConfig", "Nesterov momentum (SGD with a momentum above 0)"),
        label=QT_TRANSLATE_NOOP("TrainConfig", "Nesterov momentum"),
    )
    weight_decay: float = _knob(
        0.0,
        help=QT_TRANSLATE_NOOP("TrainConfig", "L2 penalty (decoupled for adamw)"),
        label=QT_TRANSLATE_NOOP("TrainConfig", "Weight decay"),
        low=0.0,
        high=1.0,
        decimals=6,
    )
    schedule: str = _knob(
        "none",
        label=QT_TRANSLATE_NOOP("TrainConfig", "Schedule"),
        choices=SCHEDULES,
        help=QT_TRANSLATE_NOOP(
            "TrainConfig", "learning-rate schedule: none, step (x0.1 at 1/2 and 3/4 of the run), onecycle"
        ),
    )
    cycle_momentum: bool = _knob(
        True,
        label=QT_TRANSLATE_NOOP("TrainConfig", "Cycle momentum"),
        help=QT_TRANSLATE_NOOP(
            "TrainConfig",
            "with onecycle, move the momentum (beta1) against the learning rate, 0.95 down to 0.85 and back; "
            "off: the momentum stays as set",
        ),
    )
    first_conv: str = _knob(
        "learned",
        label=QT_TRANSLATE_NOOP("TrainConfig", "First convolution"),
        choices=FIRST_CONVS,
        help=QT_TRANSLATE_NOOP(
            "TrainConfig",
            "learned, or edges: fixed edge filters (a smoothed derivative in evenly spaced directions) that are "
            "never trained, so each step skips that layer's gradient; without augmentation its output is "
            "computed once per run. A run from a model keeps that model's filters, fixed",
        ),
    )
    augment: str = _knob(
        "none",
        label=QT_TRANSLATE_NOOP("TrainConfig", "Augmentation"),
        choices=AUGMENTATIONS,
        help=QT_TRANSLATE_NOOP(
            "TrainConfig",
            "distort the training images: none; affine (rotate, shift, scale, shear); handwriting "
            "(affine plus elastic wobble, stroke width, crops stretched square, blur, low "
            "resolution, noise: reads real handwriting, scans and photos better)",
        ),
    )
    styles: int = _knob(
        0,
        label=QT_TRANSLATE_NOOP("TrainConfig", "Style digits"),
        low=0,
        high=1_000_000,
        help=QT_TRANSLATE_NOOP(
            "TrainConfig",
            "synthetic digits added to the training set, in writing styles MNIST has few of "
            "(1s with a flag, crossed 7s, open 4s, straight 9s, looped 2s)",
        ),
    )
    scans: int = _knob(
        0,
        label=QT_TRANSLATE_NOOP("TrainConfig", "Scanned digits"),
        low=0,
        high=20,
        help=QT_TRANSLATE_NOOP(
            "TrainConfig",
            "copies of 2,823 real digits by 30 writers MNIST never saw, scanned at 8x8 (UCI optical digits), "
            "added to the training set: reads other people's scans and crops better",
        ),
    )
    normalize: str = _knob(
        "mnist",
        choices=NORMALIZATIONS,
        flag="-",
        help=QT_TRANSLATE_NOOP(
            "TrainConfig", "input scaling: mnist ((x - 0.1307) / 0.3081) or unit (pixels in [0, 1] only)"
        ),
    )
    seed: int | None = _knob(
        0,
        help=QT_TRANSLATE_NOOP(
            "TrainConfig", "makes CPU runs repeat (bit for bit with --threads); none draws a fresh one"
        ),
        label=QT_TRANSLATE_NOOP("TrainConfig", "Seed"),
        low=0,
        high=2**31 - 1,
    )
    device: str = _knob(
        "auto",
        help=QT_TRANSLATE_NOOP("TrainConfig", "where to train: auto (cuda, then mps, then cpu), cpu, cuda or mps"),
        label=QT_TRANSLATE_NOOP("TrainConfig", "Device"),
        choices=DEVICES,
        default_text="auto",
    )
    threads: int | None = _knob(
        None,
        help=QT_TRANSLATE_NOOP("TrainConfig", "CPU threads"),
        low=1,
        high=1024,
        default_text="every core, planned by timing the ways to use them",
    )
    max_steps: int | None = _knob(
        None,
        help=QT_TRANSLATE_NOOP("TrainConfig", "stop after this many optimizer steps (quick trials)"),
        low=1,
        high=10**9,
        default_text="no limit",
    )
    start_from: str | None = _knob(
        None,
        help=QT_TRANSLATE_NOOP(
            "TrainConfig", "start from this model's weights (a name or a file) instead of random ones: fine-tuning"
        ),
        flag="--from",
        default_text="random weights",
        metavar="MODEL",
    )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainConfig:
        """Rebuild from a checkpoint's metadata, ignoring keys a newer or older digitpad wrote."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def summary(self, epochs: bool = True) -> str:
        """The settings that matter most, in one line for a person: "sgd lr 0.1, batch 128, onecycle, ...", and
        the epochs unless a table gives them a column of their own."""
        parts = [f"{self.optimizer} lr {self.lr:g}, batch {self.batch_size}"]
        parts += [self.schedule] if self.schedule != "none" else []
        parts += [f"{self.augment} aug."] if self.augment != "none" else []
        parts += [f"{self.styles:,} style digits"] if self.styles else []
        parts += [f"{self.scans} x other writers' scans"] if self.scans else []
        parts += [f"from {self.start_from}"] if self.start_from else []
        parts += [f"{self.epochs} epoch{'s' if self.epochs != 1 else ''}"] if epochs else []
        return ", ".join(parts)

    def with_changes(self, **changes: Any) -> TrainConfig:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def validate(self) -> TrainConfig:
        """Raise ConfigError naming the first unusable value; return self so calls can chain."""
        for item in fields(self):
            _check(item.name, getattr(self, item.name), knob(item.name), item.type)
        if self.nesterov and (self.optimizer != "sgd" or self.momentum == 0):
            raise ConfigError("nesterov needs --optimizer sgd and a momentum above 0")
        return self


def knob(name: str) -> Knob:
    """The Knob of a TrainConfig field."""
    return next(item for item in fields(TrainConfig) if item.name == name).metadata["knob"]


def knobs() -> dict[str, Knob]:
    """Every field's Knob, in the order of the fields."""
    return {item.name: item.metadata["knob"] for item in fields(TrainConfig)}


def normalization(name: str) -> tuple[float, float]:
    """(mean, std) that maps [0, 1] pixels to the network's input for a TrainConfig.normalize value."""
    return (MNIST_MEAN, MNIST_STD) if name == "mnist" else (0.0, 1.0)


def field_kind(name: str) -> type:
    """bool, int, float or str: the type of a field's value when it has one (None aside)."""
    annotation = str(next(item.type for item in fields(TrainConfig) if item.name == name))
    return {"bool": bool, "int": int, "float": float}.get(annotation.split(" |")[0], str)


def _check(name: str, value: Any, spec: Knob, annotation: Any) -> None:
    if value is None and "None" in str(annotation):
        return
    kind = field_kind(name)
    if spec.choices is not None:
        if value not in spec.choices:
            raise ConfigError(f"{name} {value!r} is not one of: {', '.join(spec.choices)}")
    elif kind is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{name} must be true or false, not {value!r}")
    elif kind is int:
        low, high = (int(limit) for limit in spec.limits)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ConfigError(f"{name} must be a whole number from {low:,} to {high:,}, not {value!r}")
    elif kind is float:
        low_real, high_real = spec.limits
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        if not (is_number and math.isfinite(value) and low_real <= value <= high_real):
            raise ConfigError(f"{name} must be a number from {low_real:g} to {high_real:g}, not {value!r}")
    elif not isinstance(value, str) or not value:
        raise ConfigError(f"{name} must be a name, not {value!r}")
