"""The model zoo: every architecture of the tutorials as an nn.Module, and a registry with their recipes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from digitpad.engine.config import TrainConfig
from digitpad.engine.errors import ConfigError

# LeCun 1998, appendix A: f(a) = A tanh(S a) with A = 1.7159 and S = 2/3.
SCALED_TANH_A, SCALED_TANH_S = 1.7159, 2.0 / 3.0

# LeNet-5's C3 connection table (paper, Table I): which of S2's 6 maps feed each of C3's 16 maps.
C3_TABLE: tuple[tuple[int, ...], ...] = (
    (0, 1, 2), (1, 2, 3), (2, 3, 4), (3, 4, 5), (0, 4, 5), (0, 1, 5),
    (0, 1, 2, 3), (1, 2, 3, 4), (2, 3, 4, 5), (0, 3, 4, 5), (0, 1, 4, 5), (0, 1, 2, 5),
    (0, 1, 3, 4), (1, 2, 4, 5), (0, 2, 3, 5),
    (0, 1, 2, 3, 4, 5),
)  # fmt: skip


class ScaledTanh(nn.Module):
    def forward(self, x: Tensor) -> Tensor:
        return SCALED_TANH_A * torch.tanh(SCALED_TANH_S * x)


class TrainableSubsampling(nn.Module):
    """LeNet-5's S2/S4: the sum of each 2x2 block times a trainable coefficient plus a trainable bias."""

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.coefficient = nn.Parameter(torch.full((channels,), 0.25))
        self.bias = nn.Parameter(torch.zeros(channels))

    def forward(self, x: Tensor) -> Tensor:
        block_sum = F.avg_pool2d(x, 2) * 4.0
        return block_sum * self.coefficient.view(1, -1, 1, 1) + self.bias.view(1, -1, 1, 1)


class PartialConv(nn.Module):
    """C3: a 5x5 convolution where each output map sees only the input maps the connection table lists.

    Only the 60 listed (output, input) kernels are parameters, so the count is the paper's 1,516.
    """

    def __init__(self, table: tuple[tuple[int, ...], ...], in_channels: int, kernel: int = 5) -> None:
        super().__init__()
        pairs = [(out, inp) for out, inputs in enumerate(table) for inp in inputs]
        self.out_channels, self.in_channels, self.kernel = len(table), in_channels, kernel
        self.register_buffer("flat_index", torch.tensor([o * in_channels + i for o, i in pairs]), persistent=False)
        fan_in = [len(table[o]) * kernel * kernel for o, _ in pairs]
        bound = torch.tensor([2.4 / f for f in fan_in]).view(-1, 1, 1)  # the paper's +-2.4 / fan-in
        self.weight = nn.Parameter((torch.rand(len(pairs), kernel, kernel) * 2 - 1) * bound)
        self.bias = nn.Parameter(torch.zeros(len(table)))

    def forward(self, x: Tensor) -> Tensor:
        full = self.weight.new_zeros(self.out_channels * self.in_channels, self.kernel, self.kernel)
        full = full.index_copy(0, self.flat_index, self.weight)
        return F.conv2d(x, full.view(self.out_channels, self.in_channels, self.kernel, self.kernel), self.bias)


class EuclideanRBF(nn.Module):
    """LeNet-5's output layer: each class's score is the squared distance of F6 to a fixed +-1 code.

    The paper drew the codes as 7x12 bitmaps of the ASCII characters; those bitmaps are not published in
    machine-readable form, so we use fixed random +-1 codes (seeded, so every model has the same ones).
    The logits are the negated distances, which makes cross-entropy the paper's MAP criterion minus its
    constant "rubbish class" term.
    """

    def __init__(self, features: int = 84, classes: int = 10) -> None:
        super().__init__()
        codes = torch.randint(0, 2, (classes, features), generator=torch.Generator().manual_seed(1998))
        self.register_buffer("centres", codes.float() * 2 - 1, persistent=False)

    def forward(self, x: Tensor) -> Tensor:
        return -torch.cdist(x, self.centres).pow(2) / x.shape[1] * 10.0  # scaled so logits stay sane


class LeNet1998(nn.Module):
    """LeNet-5 as published: 32x32 input, trainable subsampling, C3's partial connections, RBF output."""

    def __init__(self) -> None:
        super().__init__()
        self.c1 = nn.Conv2d(1, 6, 5)  # (B, 6, 28, 28)
        self.s2 = TrainableSubsampling(6)  # (B, 6, 14, 14)
        self.c3 = PartialConv(C3_TABLE, 6)  # (B, 16, 10, 10)
        self.s4 = TrainableSubsampling(16)  # (B, 16, 5, 5)
        self.c5 = nn.Conv2d(16, 120, 5)  # (B, 120, 1, 1)
        self.f6 = nn.Linear(120, 84)
        self.output = EuclideanRBF(84, 10)
        self.squash = ScaledTanh()

    def forward(self, x: Tensor) -> Tensor:
        x = F.pad(x, (2, 2, 2, 2), mode="replicate")  # 28x28 -> 32x32; MNIST's border is blank
        x = self.squash(self.s2(self.squash(self.c1(x))))
        x = self.squash(self.s4(self.squash(self.c3(x))))
        x = self.squash(self.c5(x)).flatten(1)
        return self.output(self.squash(self.f6(x)))


def pooled_relu() -> tuple[nn.Module, nn.Module]:
    """The tutorials' ReLU -> max-pool 2, computed as max-pool -> ReLU: the same function and gradient.

    max(relu(a), relu(b), ...) == relu(max(a, b, ...)) because ReLU never reorders values; pooling first runs
    the ReLU and its backward on a quarter of the values, and made cnn-small's CPU training step 1.5x faster
    here. The modules keep their indices in the Sequential, so checkpoints of either order load.
    """
    return nn.MaxPool2d(2), nn.ReLU()


class LeNet5(nn.Module):
    """The modern LeNet-5 of most tutorials: ReLU and max-pooling (or d2l's LeakyReLU / average pooling)."""

    def __init__(self, d2l_variant: bool = False) -> None:
        super().__init__()
        act: Callable[[], nn.Module] = nn.LeakyReLU if d2l_variant else nn.ReLU
        if d2l_variant:  # average pooling does not commute with the activation: keep the tutorial's order
            self.features = nn.Sequential(
                nn.Conv2d(1, 6, 5, padding=2), act(), nn.AvgPool2d(2),  # (B, 6, 14, 14)
                nn.Conv2d(6, 16, 5), act(), nn.AvgPool2d(2),  # (B, 16, 5, 5)
            )  # fmt: skip
        else:
            self.features = nn.Sequential(
                nn.Conv2d(1, 6, 5, padding=2), *pooled_relu(),  # (B, 6, 14, 14)
                nn.Conv2d(6, 16, 5), *pooled_relu(),  # (B, 16, 5, 5)
            )  # fmt: skip
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(400, 120), act(),
            nn.Linear(120, 84), nn.Sigmoid() if d2l_variant else act(),
            nn.Linear(84, 10),
        )  # fmt: skip
        if d2l_variant:  # the tutorial's Xavier-uniform initialisation
            for module in self.modules():
                if isinstance(module, nn.Conv2d | nn.Linear):
                    nn.init.xavier_uniform_(module.weight)

    def forward(self, x: Tensor) -> Tensor:
        return self.classifier(self.features(x))


def lenet_caffe() -> nn.Module:
    return nn.Sequential(
        nn.Conv2d(1, 20, 5, padding=2), *pooled_relu(),  # (B, 20, 14, 14)
        nn.Conv2d(20, 50, 5, padding=2), *pooled_relu(),  # (B, 50, 7, 7)
        nn.Flatten(), nn.Linear(2450, 500), nn.ReLU(), nn.Linear(500, 10),
    )  # fmt: skip


def cnn_small() -> nn.Module:
    return nn.Sequential(
        nn.Conv2d(1, 10, 5), *pooled_relu(),  # (B, 10, 12, 12)
        nn.Conv2d(10, 20, 5), *pooled_relu(),  # (B, 20, 4, 4)
        nn.Flatten(), nn.Linear(320, 50), nn.Linear(50, 10),  # no activation between: as in the tutorial
    )  # fmt: skip


def cnn_bn() -> nn.Module:
    return nn.Sequential(
        nn.Conv2d(1, 32, 5, padding=2), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),  # (B, 32, 14, 14)
        nn.Flatten(), nn.Linear(6272, 70), nn.Tanh(), nn.Linear(70, 30), nn.Tanh(), nn.Linear(30, 10),
    )  # fmt: skip


def mlp() -> nn.Module:
    return nn.Sequential(
        nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10)
    )


def lenet_wide() -> nn.Module:
    """digitpad's own: LeNet's shape, wider and with batch norm; the default model in Draw."""

    def block(inputs: int, outputs: int) -> list[nn.Module]:
        return [nn.Conv2d(inputs, outputs, 3, padding=1, bias=False), nn.BatchNorm2d(outputs), nn.ReLU()]

    return nn.Sequential(
        *block(1, 32), *block(32, 32), nn.MaxPool2d(2),  # (B, 32, 14, 14)
        *block(32, 64), *block(64, 64), nn.MaxPool2d(2),  # (B, 64, 7, 7)
        nn.Flatten(), nn.Linear(3136, 256, bias=False), nn.BatchNorm1d(256), nn.ReLU(), nn.Dropout(0.3),
        nn.Linear(256, 10),
    )  # fmt: skip


@dataclass(frozen=True)
class ArchSpec:
    name: str
    title: str
    description: str  # one line
    source: str
    reported: str  # the result its source reported
    build: Callable[[], nn.Module]
    tutorial: TrainConfig  # the recipe as its tutorial gave it, to reproduce the tutorial's curve
    improved: TrainConfig | None = None  # a better recipe we ship the checkpoint from, where one beats it

    @property
    def recipe(self) -> TrainConfig:
        """The recipe the bundled checkpoint was trained with, and the training form's defaults."""
        return self.improved or self.tutorial

    @property
    def params(self) -> int:
        return count_params(self.name)


def _improved(arch: str, optimizer: str, epochs: int, lr: float, batch_size: int = 64, **extra) -> TrainConfig:
    """digitpad's improved recipe shape: one-cycle schedule, weight decay, affine augmentation, and for SGD
    Nesterov momentum; `extra` overrides any of it."""
    settings = {"weight_decay": 5e-4, "schedule": "onecycle", "augment": "affine"}
    if optimizer == "sgd":
        settings |= {"momentum": 0.9, "nesterov": True}
    return TrainConfig(arch=arch, optimizer=optimizer, epochs=epochs, lr=lr, batch_size=batch_size, **settings | extra)


_SPECS = (
    ArchSpec(
        "lenet5-1998",
        "LeNet-5 (1998 paper)",
        "The original: 32x32 input, scaled tanh, trainable subsampling, C3 partial connections, RBF output.",
        'LeCun, Bottou, Bengio, Haffner, "Gradient-based learning applied to document recognition", 1998',
        "0.95% test error without distortions, 0.8% with",
        LeNet1998,
        TrainConfig(arch="lenet5-1998", epochs=20, batch_size=64, optimizer="sgd", lr=0.01, momentum=0.9),
        _improved("lenet5-1998", "sgd", epochs=20, lr=0.05, weight_decay=1e-4),
    ),
    ArchSpec(
        "lenet5",
        "LeNet-5 (modern)",
        "The LeNet-5 most tutorials use: ReLU, max-pooling, fully connected 120-84-10.",
        "common modern form of LeCun et al. 1998",
        "no figure given; expect >= 99.0%",
        LeNet5,
        # no tutorial gave one: ours is the Train view's default, as short as reliably reaches 99%: 3 epochs gave
        # 99.09-99.30% over seeds 0-4 in 13-21 s on 2 cores (2 epochs: 98.6-99.2%; 8 epochs: 99.43% in 65 s)
        _improved("lenet5", "sgd", epochs=3, lr=0.1, batch_size=128, augment="none"),
    ),
    ArchSpec(
        "lenet-caffe",
        "LeNet (Caffe)",
        "Caffe's MNIST LeNet: conv 20 and conv 50, fully connected 500: wide and accurate.",
        "tutorial 1 (juejin, 2022); the shape of Caffe's MNIST example",
        "99.38% test after 20 epochs",
        lenet_caffe,
        TrainConfig(arch="lenet-caffe", epochs=20, batch_size=64, optimizer="sgd", lr=0.01, momentum=0.9),
        _improved("lenet-caffe", "sgd", epochs=20, lr=0.05),
    ),
    ArchSpec(
        "cnn-small",
        "Small CNN (10-20)",
        "Two small convolutions (10 and 20 maps) and two linear layers: 21k parameters.",
        "tutorial 3 (CSDN-style blog)",
        "99.0% test after 10 epochs (96.4% after epoch 1)",
        cnn_small,
        TrainConfig(arch="cnn-small", epochs=10, batch_size=64, optimizer="sgd", lr=0.01, momentum=0.5),
        _improved("cnn-small", "sgd", epochs=15, lr=0.05),
    ),
    ArchSpec(
        "cnn-bn",
        "CNN with BatchNorm",
        "One convolution of 32 maps with batch normalisation, then tanh layers 70-30-10.",
        "tutorial 4",
        "98.69% test after 10 epochs (97.29% after epoch 1)",
        cnn_bn,
        TrainConfig(arch="cnn-bn", epochs=10, batch_size=64, optimizer="adam", lr=0.001, normalize="unit"),
        _improved("cnn-bn", "adamw", epochs=15, lr=0.002, weight_decay=0.01, normalize="unit"),
    ),
    ArchSpec(
        "lenet5-d2l",
        "LeNet-5 (d2l.ai)",
        "d2l's LeNet: LeakyReLU, average pooling, sigmoid before the output, Xavier init.",
        "tutorial 5 (after d2l.ai); trained there on Fashion-MNIST",
        "trained on Fashion-MNIST (SGD lr 0.9, batch 256, 10 epochs)",
        lambda: LeNet5(d2l_variant=True),
        TrainConfig(
            arch="lenet5-d2l", epochs=10, batch_size=256, optimizer="sgd", lr=0.9, momentum=0.0, normalize="unit"
        ),
        _improved("lenet5-d2l", "sgd", epochs=20, lr=0.2, batch_size=128, normalize="unit"),
    ),
    ArchSpec(
        "mlp",
        "MLP baseline",
        "No convolutions: 784-256-128-10 fully connected, the baseline CNNs are measured against.",
        "tutorial 3's linear-network comparison",
        "about 98% test",
        mlp,
        TrainConfig(arch="mlp", epochs=10, batch_size=128, optimizer="adam", lr=0.001),
        _improved("mlp", "adamw", epochs=30, lr=0.002, batch_size=128, weight_decay=1e-4),
    ),
    ArchSpec(
        "lenet-wide",
        "Wide LeNet (digitpad's best)",
        "LeNet's shape, wider (32-32-64-64 maps) with batch norm, trained on distorted handwriting: the default.",
        "digitpad",
        "built for >= 99.6% on MNIST and for digits drawn, scanned and photographed",
        lenet_wide,
        _improved("lenet-wide", "adamw", epochs=40, lr=0.003, batch_size=128, augment="handwriting"),
    ),
)
ARCHITECTURES: dict[str, ArchSpec] = {spec.name: spec for spec in _SPECS}


def get_arch(name: str) -> ArchSpec:
    try:
        return ARCHITECTURES[name]
    except KeyError:
        raise ConfigError(f"unknown architecture {name!r}: use one of {', '.join(ARCHITECTURES)}") from None


def build_model(name: str) -> nn.Module:
    return get_arch(name).build()


@cache
def count_params(name: str) -> int:
    return sum(p.numel() for p in build_model(name).parameters())
