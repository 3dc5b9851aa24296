"""Batch-level random affine distortion (rotation, shift, scale, shear), one draw per image, on the device."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import Tensor

MAX_ROTATION_DEGREES = 12.0
MAX_SHIFT_PIXELS = 2.5
SCALE_RANGE = (0.85, 1.15)
MAX_SHEAR = 0.2


def random_affine(images: Tensor, background: float, generator: torch.Generator | None = None) -> Tensor:
    """Warp each (B, 1, 28, 28) image by its own random affine map; uncovered pixels get `background`."""
    batch, device = images.shape[0], images.device

    def uniform(low: float, high: float) -> Tensor:
        return torch.rand(batch, generator=generator, device=device) * (high - low) + low

    angle = uniform(-MAX_ROTATION_DEGREES, MAX_ROTATION_DEGREES) * (math.pi / 180)
    scale = uniform(*SCALE_RANGE)
    shear = uniform(-MAX_SHEAR, MAX_SHEAR)
    # affine_grid works in [-1, 1] coordinates: a shift of p pixels is 2p / size.
    shift_x = uniform(-MAX_SHIFT_PIXELS, MAX_SHIFT_PIXELS) * (2 / images.shape[-1])
    shift_y = uniform(-MAX_SHIFT_PIXELS, MAX_SHIFT_PIXELS) * (2 / images.shape[-2])
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.stack(
        (torch.stack((cos, -sin + shear * cos, shift_x), 1), torch.stack((sin, cos + shear * sin, shift_y), 1)), 1
    )  # (B, 2, 3): the map from output to input coordinates
    grid = F.affine_grid(theta, list(images.shape), align_corners=False)
    warped = F.grid_sample(images - background, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    return warped + background
