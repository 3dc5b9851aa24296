"""The model zoo: every architecture of the tutorials as an nn.Module (their names and recipes: architectures.py)."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from digitpad.engine.architectures import get_arch
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
        # squared distances written out (not torch.cdist, which ONNX has no operator for); scaled so logits stay sane
        squared = (x.unsqueeze(1) - self.centres.unsqueeze(0)).pow(2).sum(-1)
        return -squared / x.shape[1] * 10.0


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


def first_convolution(model: nn.Module) -> nn.Conv2d | None:
    """The convolution that reads the image (one input channel), or None for a model without one."""
    conv = next((m for m in model.modules() if isinstance(m, nn.Conv2d)), None)
    return conv if conv is not None and conv.in_channels == 1 else None


def edge_filters(channels: int, kernel: int) -> Tensor:
    """`channels` fixed edge detectors of `kernel` x `kernel`: a Gaussian's derivative along directions evenly
    spaced around the circle (opposite directions are the same edge of either polarity, which a ReLU after
    them keeps apart). Each is scaled so that its weights' magnitudes sum to 2: a step of height h across it
    answers h."""
    offsets = torch.arange(kernel, dtype=torch.float32) - (kernel - 1) / 2
    y, x = torch.meshgrid(offsets, offsets, indexing="ij")
    gaussian = torch.exp(-(x**2 + y**2) / (2 * (kernel / 4) ** 2))
    angles = torch.arange(channels, dtype=torch.float32) * (2 * math.pi / channels)
    filters = (x * angles.cos().view(-1, 1, 1) + y * angles.sin().view(-1, 1, 1)) * gaussian
    return (2 * filters / filters.abs().sum((1, 2), keepdim=True)).unsqueeze(1)


def fix_first_convolution(model: nn.Module, set_edges: bool) -> None:
    """Stop training the first convolution, after setting its filters to `edge_filters` when `set_edges`
    (ConfigError for a model without one)."""
    conv = first_convolution(model)
    if conv is None:
        raise ConfigError("this architecture has no convolution over the image to fix: use first_conv learned")
    if set_edges:
        with torch.no_grad():
            conv.weight.copy_(edge_filters(conv.out_channels, conv.kernel_size[0]))
            if conv.bias is not None:
                conv.bias.zero_()
    conv.requires_grad_(False)


def split_after_first_convolution(model: nn.Module) -> tuple[nn.Sequential, nn.Sequential] | None:
    """(the first convolution with the parameter-free, deterministic layers after it, the rest), whose
    composition is the model; None where the model is not a plain chain of layers starting with it."""
    if isinstance(model, LeNet5):
        layers = [*model.features, *model.classifier]
    elif isinstance(model, nn.Sequential):
        layers = list(model)
    else:
        return None
    if not layers or layers[0] is not first_convolution(model):
        return None
    end = 1
    while end < len(layers) and not isinstance(layers[end], nn.Dropout) and not list(layers[end].parameters()):
        end += 1
    return nn.Sequential(*layers[:end]), nn.Sequential(*layers[end:])


@cache
def count_params(name: str) -> int:
    return sum(p.numel() for p in build_model(name).parameters())
