"""The model zoo: every architecture of the tutorials as an nn.Module, and the registry that builds them by name
(their names, titles and recipes: engine/spec)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import torch.nn.functional as F
from torch import Tensor, nn

from digitpad.engine.models.layers import C3_TABLE, EuclideanRBF, PartialConv, ScaledTanh, TrainableSubsampling
from digitpad.engine.spec.architectures import get_arch


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


BUILDERS: dict[str, Callable[[], nn.Module]] = {
    "lenet5-1998": LeNet1998,
    "lenet5": LeNet5,
    "lenet-caffe": lenet_caffe,
    "cnn-small": cnn_small,
    "cnn-bn": cnn_bn,
    "lenet5-d2l": lambda: LeNet5(d2l_variant=True),
    "mlp": mlp,
    "lenet-wide": lenet_wide,
}


def build_model(name: str) -> nn.Module:
    """A fresh, randomly initialised model of a registered architecture (ConfigError for an unknown name)."""
    return BUILDERS[get_arch(name).name]()


@cache
def count_params(name: str) -> int:
    return sum(p.numel() for p in build_model(name).parameters())
