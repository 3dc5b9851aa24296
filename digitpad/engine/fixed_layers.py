"""A fixed first convolution computed once per run instead of once per step.

With `first_conv edges` the first convolution never changes, and without augmentation neither do the images
it reads: its output (with the parameter-free layers after it: pooling, activation) is the same every epoch.
The trainer then computes it once for the training and test splits and steps and scores only the layers
after it, which are the same modules as the model's: the checkpoint is the whole model, as the form describes
it. On lenet5 that made an epoch 2.4 s instead of 7.7 s on 2 cores (the first convolution's forward pass over
60,000 images takes about 2 s here, so computing it once pays from the second epoch on; the fixed filters
already spare every step its backward pass).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import torch
from torch import Tensor, nn

from digitpad.engine.config import TrainConfig
from digitpad.engine.datasets import InMemoryDataset
from digitpad.engine.models import split_after_first_convolution

MAX_OUTPUT_BYTES = 1 << 30  # beyond this (e.g. lenet-wide's 32 maps of 28x28) the layer runs every step
CHUNK = 4096  # images per forward pass while computing the output


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


def _output(fixed: nn.Module, split: InMemoryDataset) -> Tensor:
    memory_format = torch.channels_last if split.images.device.type == "cpu" else torch.contiguous_format
    with torch.no_grad():  # not inference_mode: the steps' autograd reads these tensors
        parts = [fixed(chunk.contiguous(memory_format=memory_format)) for chunk in split.images.split(CHUNK)]
    output = torch.cat(parts)
    return output.contiguous(memory_format=memory_format) if output.dim() == 4 else output


def _with_images(split: InMemoryDataset, images: Tensor) -> InMemoryDataset:
    """`split` with other inputs for the same labels (its raw images stay, for browsing)."""
    copied = copy.copy(split)
    copied.images = images
    return copied
