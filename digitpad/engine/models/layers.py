"""The layers of LeNet-5 as published (1998) that torch does not have: scaled tanh, trainable subsampling, C3's
partial connections and the RBF output; and where any model's penultimate features are (the input of its last
layer), which the nearest examples and a model's familiarity with digits are measured in."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import Tensor, nn

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

    flat_index: Tensor  # where each parameter kernel sits among the (out x in) full ones (a buffer)

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

    centres: Tensor  # (classes, features) the fixed codes (a buffer)

    def __init__(self, features: int = 84, classes: int = 10) -> None:
        super().__init__()
        codes = torch.randint(0, 2, (classes, features), generator=torch.Generator().manual_seed(1998))
        self.register_buffer("centres", codes.float() * 2 - 1, persistent=False)

    def forward(self, x: Tensor) -> Tensor:
        # squared distances written out (not torch.cdist, which ONNX has no operator for); scaled so logits stay sane
        squared = (x.unsqueeze(1) - self.centres.unsqueeze(0)).pow(2).sum(-1)
        return -squared / x.shape[1] * 10.0


def penultimate(model: nn.Module, batch: torch.Tensor) -> torch.Tensor:
    """The input of the model's last layer with weights (its penultimate features), for a normalised batch."""
    return outputs_and_penultimate(model, batch)[1]


def outputs_and_penultimate(model: nn.Module, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """The model's outputs for a normalised batch and its penultimate features, from one pass."""
    last = [module for module in model.modules() if not list(module.children()) and
            (list(module.parameters(recurse=False)) or isinstance(module, EuclideanRBF))][-1]  # fmt: skip
    captured: list[torch.Tensor] = []
    handle = last.register_forward_hook(lambda _module, args, _output: captured.append(args[0].flatten(1)))
    try:
        outputs = model(batch)
    finally:
        handle.remove()
    return outputs, captured[-1]
