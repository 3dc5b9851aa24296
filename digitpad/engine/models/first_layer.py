"""The first convolution, the one that reads the image: finding it, fixing it to edge filters, and the model split
after it (a run with a fixed first convolution computes that part once: engine/training/fixed_layers.py)."""

from __future__ import annotations

import math

import torch
from torch import Tensor, nn

from digitpad.engine.models.zoo import LeNet5
from digitpad.engine.spec.errors import ConfigError


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
