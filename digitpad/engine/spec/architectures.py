"""The registry of architectures: names, titles, descriptions and sources (no torch: the CLI's help needs it).

The modules themselves (and their parameter counts) are in engine/models/zoo.py, each architecture's recipes in
recipes.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from digitpad.engine.spec.errors import ConfigError
from digitpad.engine.spec.translatable import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class ArchSpec:
    name: str
    title: str  # title, description, source, reported: marked for the window's translation (translatable.py)
    description: str  # one line
    source: str
    reported: str  # the result its source reported


_SPECS = (
    ArchSpec(
        "lenet5-1998",
        QT_TRANSLATE_NOOP("architectures", "LeNet-5 (1998 paper)"),
        QT_TRANSLATE_NOOP(
            "architectures",
            "The original: 32x32 input, scaled tanh, trainable subsampling, C3 partial connections, RBF output.",
        ),
        QT_TRANSLATE_NOOP(
            "architectures",
            'LeCun, Bottou, Bengio, Haffner, "Gradient-based learning applied to document recognition", 1998',
        ),
        QT_TRANSLATE_NOOP("architectures", "0.95% test error without distortions, 0.8% with"),
    ),
    ArchSpec(
        "lenet5",
        QT_TRANSLATE_NOOP("architectures", "LeNet-5 (modern)"),
        QT_TRANSLATE_NOOP(
            "architectures", "The LeNet-5 most tutorials use: ReLU, max-pooling, fully connected 120-84-10."
        ),
        QT_TRANSLATE_NOOP("architectures", "common modern form of LeCun et al. 1998"),
        QT_TRANSLATE_NOOP("architectures", "no figure given; expect >= 99.0%"),
    ),
    ArchSpec(
        "lenet-caffe",
        QT_TRANSLATE_NOOP("architectures", "LeNet (Caffe)"),
        QT_TRANSLATE_NOOP(
            "architectures", "Caffe's MNIST LeNet: conv 20 and conv 50, fully connected 500: wide and accurate."
        ),
        QT_TRANSLATE_NOOP("architectures", "tutorial 1 (juejin, 2022); the shape of Caffe's MNIST example"),
        QT_TRANSLATE_NOOP("architectures", "99.38% test after 20 epochs"),
    ),
    ArchSpec(
        "cnn-small",
        QT_TRANSLATE_NOOP("architectures", "Small CNN (10-20)"),
        QT_TRANSLATE_NOOP(
            "architectures", "Two small convolutions (10 and 20 maps) and two linear layers: 21k parameters."
        ),
        QT_TRANSLATE_NOOP("architectures", "tutorial 3 (CSDN-style blog)"),
        QT_TRANSLATE_NOOP("architectures", "99.0% test after 10 epochs (96.4% after epoch 1)"),
    ),
    ArchSpec(
        "cnn-bn",
        QT_TRANSLATE_NOOP("architectures", "CNN with BatchNorm"),
        QT_TRANSLATE_NOOP(
            "architectures", "One convolution of 32 maps with batch normalisation, then tanh layers 70-30-10."
        ),
        QT_TRANSLATE_NOOP("architectures", "tutorial 4"),
        QT_TRANSLATE_NOOP("architectures", "98.69% test after 10 epochs (97.29% after epoch 1)"),
    ),
    ArchSpec(
        "lenet5-d2l",
        QT_TRANSLATE_NOOP("architectures", "LeNet-5 (d2l.ai)"),
        QT_TRANSLATE_NOOP(
            "architectures", "d2l's LeNet: LeakyReLU, average pooling, sigmoid before the output, Xavier init."
        ),
        QT_TRANSLATE_NOOP("architectures", "tutorial 5 (after d2l.ai); trained there on Fashion-MNIST"),
        QT_TRANSLATE_NOOP("architectures", "trained on Fashion-MNIST (SGD lr 0.9, batch 256, 10 epochs)"),
    ),
    ArchSpec(
        "mlp",
        QT_TRANSLATE_NOOP("architectures", "MLP baseline"),
        QT_TRANSLATE_NOOP(
            "architectures", "No convolutions: 784-256-128-10 fully connected, the baseline CNNs are measured against."
        ),
        QT_TRANSLATE_NOOP("architectures", "tutorial 3's linear-network comparison"),
        QT_TRANSLATE_NOOP("architectures", "about 98% test"),
    ),
    ArchSpec(
        "lenet-wide",
        QT_TRANSLATE_NOOP("architectures", "Wide LeNet (digitpad's best)"),
        QT_TRANSLATE_NOOP(
            "architectures",
            "LeNet's shape, wider (32-32-64-64 maps) with batch norm, trained on distorted handwriting: the default.",
        ),
        QT_TRANSLATE_NOOP("architectures", "digitpad"),
        QT_TRANSLATE_NOOP(
            "architectures", "built for >= 99.6% on MNIST and for digits drawn, scanned and photographed"
        ),
    ),
)
ARCHITECTURES: dict[str, ArchSpec] = {spec.name: spec for spec in _SPECS}
DEFAULT_MODEL = "lenet-wide"  # the bundled model Draw opens on; README says why (training/RESULTS.md)


def get_arch(name: str) -> ArchSpec:
    try:
        return ARCHITECTURES[name]
    except KeyError:
        raise ConfigError(f"unknown architecture {name!r}: use one of {', '.join(ARCHITECTURES)}") from None
