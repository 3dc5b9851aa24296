"""A fixed first convolution computed once per run instead of once per step.

With `first_conv edges` the first convolution never changes, and without augmentation neither do the images
it reads: its output (with the parameter-free layers after it: pooling, activation) is the same every epoch.
The trainer then computes it once for the training and test splits and steps and scores only the layers
after it, which are the same modules as the model's: the checkpoint is the whole model, as the form describes
it. On lenet5 that made an epoch 2.4 s instead of 7.7 s on 2 cores (the first convolution's forward pass over
60,000 images takes about 2 s here, so computing it once pays from the second epoch on; the fixed filters
already spare every step its backward pass). The pass itself takes a 2x2 max-pool as the largest of its four
strided quarters, on chunks that stay in the cache: see `_forward`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import torch
from torch import Tensor, nn

from digitpad.engine.data.loading import InMemoryDataset
from digitpad.engine.models.first_layer import split_after_first_convolution
from digitpad.engine.spec.config import TrainConfig

MAX_OUTPUT_BYTES = 1 << 30  # beyond this (e.g. lenet-wide's 32 maps of 28x28) the layer runs every step
# images per forward pass while computing the output: lenet5's 512 maps of 6x28x28 (9.6 MB) stay in the
# cache, and over MNIST's 70,000 images nn.MaxPool2d alone took 2.08-2.42 s with chunks of 1024-2048,
# 2.14 s with 512, 2.23 with 256 (one run)
CHUNK = 512


@dataclass(frozen=True)
class TrainedPart:
    """What the steps train and the epochs score: the whole model on the images, or the layers after a fixed
    first convolution on its output."""

    module: nn.Module
    train_set: InMemoryDataset
    test_set: InMemoryDataset


def trained_part(model: nn.Module, config: TrainConfig, train_set: InMemoryDataset, test_set: InMemoryDataset
                 ) -> TrainedPart:  # fmt: skip
    whole = TrainedPart(model, train_set, test_set)
    split = split_after_first_convolution(model)
    if config.first_conv != "edges" or config.augment != "none" or split is None:
        return whole
    fixed, rest = split
    with torch.no_grad():
        one_output = fixed(train_set.images[:1])
    if one_output.numel() * one_output.element_size() * (len(train_set) + len(test_set)) > MAX_OUTPUT_BYTES:
        return whole
    return TrainedPart(
        rest, _with_images(train_set, _output(fixed, train_set)), _with_images(test_set, _output(fixed, test_set))
    )


def _output(fixed: nn.Sequential, split: InMemoryDataset) -> Tensor:
    memory_format = torch.channels_last if split.images.device.type == "cpu" else torch.contiguous_format
    with torch.no_grad():  # not inference_mode: the steps' autograd reads these tensors
        output = torch.cat([_forward(fixed, chunk) for chunk in split.images.split(CHUNK)])
    return output.contiguous(memory_format=memory_format) if output.dim() == 4 else output


def _forward(fixed: nn.Sequential, images: Tensor) -> Tensor:
    """`fixed(images)`, to the bit, with each plain 2x2 max-pool taken as the largest of its four strided
    quarters: over MNIST's 70,000 images lenet5's pass took 1.42-1.43 s so, against 2.83-2.92 s for
    nn.MaxPool2d on chunks of 4096 in channels-last (interleaved runs, 2 cores; the convolution alone is
    0.8-0.9 s of it)."""
    for layer in fixed:
        images = _largest_quarter(images) if _is_plain_2x2_max_pool(layer) else layer(images)
    return images


def _is_plain_2x2_max_pool(layer: nn.Module) -> bool:
    if not isinstance(layer, nn.MaxPool2d) or layer.ceil_mode or layer.return_indices:
        return False
    sizes = (layer.kernel_size, layer.stride, layer.padding, layer.dilation)
    pairs = [size if isinstance(size, tuple) else (size, size) for size in sizes]
    return pairs == [(2, 2), (2, 2), (0, 0), (1, 1)]


def _largest_quarter(maps: Tensor) -> Tensor:
    height, width = maps.shape[-2] // 2 * 2, maps.shape[-1] // 2 * 2  # an odd last row or column is dropped
    even = maps[..., :height, :width]
    top = torch.maximum(even[..., 0::2, 0::2], even[..., 0::2, 1::2])
    return torch.maximum(top, torch.maximum(even[..., 1::2, 0::2], even[..., 1::2, 1::2]))


def _with_images(split: InMemoryDataset, images: Tensor) -> InMemoryDataset:
    """`split` with other inputs for the same labels (its raw images stay, for browsing)."""
    copied = copy.copy(split)
    copied.images = images
    return copied
