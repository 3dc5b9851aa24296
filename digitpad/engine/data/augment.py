"""Batch-level training augmentation on the device, one random draw per image.

affine: rotation, shift, scale and shear (affine_grid + grid_sample).
handwriting: a stronger affine plus elastic wobble, stroke width, a crop stretched square, blur, low resolution,
NIST's 8x8 block scans (upright, stretched, evenly bold) and paper noise: what people's pens, mice, scanners and
cameras do to digits that MNIST's own writers never did.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import Tensor


def augment(images: Tensor, kind: str, mean: float, std: float, generator: torch.Generator | None = None) -> Tensor:
    """Distort a normalised (B, 1, H, W) batch; `mean`/`std` are its normalisation (blank paper is -mean/std)."""
    if kind == "none":
        return images
    ink = images * std + mean  # back to [0, 1], paper 0, so padding with zeros is blank paper
    draw = _Draw(ink.shape[0], ink.device, generator)
    if kind == "affine":
        ink = _warp(ink, draw, rotation=12.0, shift=2.5, scale=(0.85, 1.15), shear=0.2, elastic=0.0)
    else:
        ink = _stroke_width(ink, draw)
        ink = _warp(ink, draw, rotation=15.0, shift=3.0, scale=(0.75, 1.2), shear=0.3, elastic=0.9)
        ink = _fill_square(ink, draw)
        ink = _blur(ink, draw)
        ink = _low_resolution(ink, draw)
        ink = _block_scan(ink, draw)
        ink = ink / ink.amax(dim=(2, 3), keepdim=True).clamp(min=0.05)  # preprocessing brings ink to 1 too
        ink = (ink + draw.uniform(0.0, 0.06).view(-1, 1, 1, 1) * draw.normal(ink.shape)).clamp_(0.0, 1.0)
    return (ink - mean) / std


class _Draw:
    """Random numbers for a batch, from one generator so seeded runs repeat exactly."""

    def __init__(self, batch: int, device: torch.device, generator: torch.Generator | None) -> None:
        self.batch, self.device, self.generator = batch, device, generator

    def uniform(self, low: float, high: float) -> Tensor:
        return torch.rand(self.batch, generator=self.generator, device=self.device) * (high - low) + low

    def whole(self, low: int, high: int) -> int:
        """One whole number from low to high inclusive, for the whole batch."""
        return int(torch.randint(low, high + 1, (1,), generator=self.generator, device=self.device))

    def normal(self, shape: tuple[int, ...] | torch.Size) -> Tensor:
        return torch.randn(tuple(shape), generator=self.generator, device=self.device)


def _warp(
    ink: Tensor, draw: _Draw, rotation: float, shift: float, scale: tuple[float, float], shear: float, elastic: float
) -> Tensor:
    """One grid_sample: a random affine map per image, plus a smooth random displacement of `elastic` pixels."""
    height, width = ink.shape[-2:]
    angle = draw.uniform(-rotation, rotation) * (math.pi / 180)
    zoom = draw.uniform(*scale)
    skew = draw.uniform(-shear, shear)
    shift_x = draw.uniform(-shift, shift) * (2 / width)  # affine_grid works in [-1, 1]: p pixels are 2p / size
    shift_y = draw.uniform(-shift, shift) * (2 / height)
    cos, sin = torch.cos(angle) / zoom, torch.sin(angle) / zoom
    theta = torch.stack(
        (torch.stack((cos, -sin + skew * cos, shift_x), 1), torch.stack((sin, cos + skew * sin, shift_y), 1)), 1
    )  # (B, 2, 3): output -> input coordinates
    grid = F.affine_grid(theta, list(ink.shape), align_corners=False)
    if elastic > 0:
        coarse = draw.normal((draw.batch, 2, 4, 4)) * (elastic * 2 / width)
        field = F.interpolate(coarse, size=(height, width), mode="bicubic", align_corners=False)
        grid = grid + field.permute(0, 2, 3, 1)
    return F.grid_sample(ink, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


def _stroke_width(ink: Tensor, draw: _Draw) -> Tensor:
    """Thicker or thinner strokes: blend each image toward its dilation or its erosion."""
    thicker = F.max_pool2d(ink, 3, stride=1, padding=1)
    thinner = -F.max_pool2d(-ink, 3, stride=1, padding=1)
    amount = draw.uniform(-0.5, 0.8).view(-1, 1, 1, 1)  # < 0 thins, > 0 thickens
    return torch.where(amount > 0, ink + amount * (thicker - ink), ink - amount * (thinner - ink))


def _blur(ink: Tensor, draw: _Draw) -> Tensor:
    """A soft 3x3 blur blended in by a random amount (out-of-focus photos, soft pencils)."""
    kernel = torch.tensor([1.0, 2.0, 1.0], device=ink.device)
    kernel = (kernel[:, None] * kernel[None, :] / 16).view(1, 1, 3, 3)
    blurred = F.conv2d(ink, kernel, padding=1)
    amount = draw.uniform(0.0, 0.7).view(-1, 1, 1, 1)
    return ink + amount * (blurred - ink)


def _low_resolution(ink: Tensor, draw: _Draw, share: float = 0.15) -> Tensor:
    """A share of the batch as a coarse scan shows it: shrunk to 9-16 px (the digit to 6-11 px) and enlarged back.

    An 8x8 scan of a digit, cropped tight and enlarged, reaches the model this soft; MNIST has no such digit.
    """
    size = draw.whole(9, 16)
    coarse = F.interpolate(F.interpolate(ink, size=(size, size), mode="area"), size=ink.shape[-2:], mode="bilinear")
    chosen = (draw.uniform(0.0, 1.0) < share).view(-1, 1, 1, 1)
    return torch.where(chosen, coarse, ink)


def _ink_boxes(ink: Tensor, level: float = 0.2) -> tuple[Tensor, Tensor, Tensor, Tensor, Tensor]:
    """Each image's ink box in affine_grid's coordinates (-1 to 1 across the image): x0, x1, y0, y1, and whether
    the image has any ink above `level` at all (a blank image gets the whole frame)."""
    height, width = ink.shape[-2:]
    has_ink = ink > level
    rows, cols = has_ink.any(dim=3).squeeze(1), has_ink.any(dim=2).squeeze(1)  # (B, H), (B, W)
    index_h, index_w = torch.arange(height, device=ink.device), torch.arange(width, device=ink.device)
    top, bottom = torch.where(rows, index_h, height).amin(1), torch.where(rows, index_h, -1).amax(1)
    left, right = torch.where(cols, index_w, width).amin(1), torch.where(cols, index_w, -1).amax(1)
    usable = (bottom >= top) & (right >= left)
    top, bottom = torch.where(usable, top, 0), torch.where(usable, bottom, height - 1)
    left, right = torch.where(usable, left, 0), torch.where(usable, right, width - 1)
    x0, x1 = 2 * left / width - 1, 2 * (right + 1) / width - 1
    y0, y1 = 2 * top / height - 1, 2 * (bottom + 1) / height - 1
    return x0.to(ink.dtype), x1.to(ink.dtype), y0.to(ink.dtype), y1.to(ink.dtype), usable


def _sample(
    ink: Tensor,
    scale_x: Tensor,
    scale_y: Tensor,
    centre_x: Tensor,
    centre_y: Tensor,
    size: int,
    shear: Tensor | None = None,
) -> Tensor:
    """A size x size image of each input's rectangle centred at (centre_x, centre_y) with half-extents scale_x,
    scale_y (affine_grid's coordinates), sheared by `shear` (input x moves that much per unit of input y),
    bilinear, blank paper outside."""
    zeros = torch.zeros_like(scale_x)
    skew = zeros if shear is None else shear * scale_y
    theta = torch.stack(
        (torch.stack((scale_x, skew, centre_x), 1), torch.stack((zeros, scale_y, centre_y), 1)), 1
    )  # (B, 2, 3): output -> input coordinates
    grid = F.affine_grid(theta, [ink.shape[0], 1, size, size], align_corners=False)
    return F.grid_sample(ink, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


def _fill_square(ink: Tensor, draw: _Draw, share: float = 0.15) -> Tensor:
    """A share of the batch stretched so the ink fills MNIST's 20 px box both ways, as a crop of one digit
    enlarged to a square image arrives after preprocessing (a 1 becomes a fat bar, a 0 a circle)."""
    x0, x1, y0, y1, usable = _ink_boxes(ink)
    box = 20 / 28  # MNIST's 20 px box as a fraction of the image, both ways
    stretched = _sample(ink, (x1 - x0) / 2 / box, (y1 - y0) / 2 / box, (x0 + x1) / 2, (y0 + y1) / 2, ink.shape[-1])
    chosen = ((draw.uniform(0.0, 1.0) < share) & usable).view(-1, 1, 1, 1)
    return torch.where(chosen, stretched, ink)


def _block_scan(ink: Tensor, draw: _Draw, share: float = 0.15) -> Tensor:
    """A share of the batch scanned the way NIST made the optical-digits set (see nist_block_counts), with the
    box's width and the ink's share drawn at random around NIST's, enlarged back into MNIST's 20 px box.
    Such scans read blocky, upright and evenly bold; MNIST's anti-aliased digits never look like them."""
    width, ink_share = draw.uniform(18.0, 28.0), draw.uniform(0.24, 0.38)
    chosen = torch.nonzero((draw.uniform(0.0, 1.0) < share) & _ink_boxes(ink)[-1]).squeeze(1)
    if len(chosen) == 0:
        return ink
    # only the chosen images: scanning the whole batch cost half the augmentation's time for a sixth of it
    counts = nist_block_counts(ink[chosen], width=width[chosen], ink_share=ink_share[chosen])
    scan = F.pad(F.interpolate(counts, size=(20, 20), mode="bicubic", align_corners=False).clamp(0.0, 1.0), (4,) * 4)
    scanned = ink.clone()
    scanned[chosen] = _centre_by_mass(F.interpolate(scan, size=ink.shape[-2:], mode="bilinear"))  # as preprocessing
    return scanned


def nist_block_counts(ink: Tensor, width: Tensor, ink_share: Tensor) -> Tensor:
    """(B, 1, H, W) ink-bright digits (paper 0) as NIST's form reader normalised them before counting blocks:
    slant removed, the ink box stretched to 32 px tall and `width` px wide (its aspect is not kept: a 1 becomes a
    bar), binarised, strokes thinned or thickened until ink covers about `ink_share` of the 32x32 box, on-pixels
    counted in 4x4 blocks. Returns (B, 1, 8, 8) counts as shares 0-1.

    The optical-digits set shows these traits whatever the digit: every scan is 8 blocks tall and 6 wide, upright,
    with ink on 26-36% of it (MNIST's own digits lean right, keep their aspect and vary in weight)."""
    upright = _deslant(ink)
    x0, x1, y0, y1, _ = _ink_boxes(upright)
    half_x = (x1 - x0) / 2 * 32 / width  # the ink box's width maps onto `width` of the 32 output pixels
    bits = (_sample(upright, half_x, (y1 - y0) / 2, (x0 + x1) / 2, (y0 + y1) / 2, 32) > 0.5).to(ink.dtype)
    return F.avg_pool2d(_normalise_stroke(bits, ink_share), 4)


def _deslant(ink: Tensor) -> Tensor:
    """Each image sheared so its ink stands upright: x moved by the slope of x against y (second moments)."""
    height, width = ink.shape[-2:]
    mass = ink.sum(dim=(2, 3)).clamp(min=1e-6)
    rows = torch.arange(height, device=ink.device, dtype=ink.dtype).view(1, 1, -1, 1)
    cols = torch.arange(width, device=ink.device, dtype=ink.dtype).view(1, 1, 1, -1)
    centre_y, centre_x = (ink * rows).sum(dim=(2, 3)) / mass, (ink * cols).sum(dim=(2, 3)) / mass
    dy, dx = rows - centre_y.view(-1, 1, 1, 1), cols - centre_x.view(-1, 1, 1, 1)
    slope = ((ink * dx * dy).sum(dim=(2, 3)) / (ink * dy * dy).sum(dim=(2, 3)).clamp(min=1e-6)).squeeze(1)
    ones, zeros = torch.ones_like(slope), torch.zeros_like(slope)
    # the output's centre row samples the input's centre row; rows above and below are shifted by the slope
    shift_x = -slope * (centre_y.squeeze(1) - (height - 1) / 2) * 2 / width
    return _sample(ink, ones, ones, shift_x, zeros, width, shear=slope.clamp(-1.0, 1.0))


def _normalise_stroke(bits: Tensor, ink_share: Tensor) -> Tensor:
    """Binary images thinned or thickened by up to two 3x3 steps, whichever brings their ink share nearest
    `ink_share` (NIST normalised stroke width this way, so a thin pen and a marker scan alike)."""
    thinner = -F.max_pool2d(-bits, 3, stride=1, padding=1)
    thicker = F.max_pool2d(bits, 3, stride=1, padding=1)
    candidates = torch.stack(
        (-F.max_pool2d(-thinner, 3, stride=1, padding=1), thinner, bits, thicker, F.max_pool2d(thicker, 3, 1, 1)), 1
    )  # (B, 5, 1, 32, 32)
    gap = (candidates.mean(dim=(2, 3, 4)) - ink_share.view(-1, 1)).abs()
    gap[:, :2] += (candidates[:, :2].sum(dim=(2, 3, 4)) == 0) * 2.0  # never thin a digit away
    return candidates[torch.arange(len(bits), device=bits.device), gap.argmin(1)]


def _centre_by_mass(ink: Tensor) -> Tensor:
    """Each image moved so its ink's centre of mass sits in the middle, as preprocessing places every digit."""
    height, width = ink.shape[-2:]
    mass = ink.sum(dim=(2, 3)).clamp(min=1e-6).squeeze(1)
    rows = torch.arange(height, device=ink.device, dtype=ink.dtype)
    cols = torch.arange(width, device=ink.device, dtype=ink.dtype)
    centre_y = (ink.sum(dim=3).squeeze(1) * rows).sum(1) / mass
    centre_x = (ink.sum(dim=2).squeeze(1) * cols).sum(1) / mass
    ones = torch.ones_like(mass)
    # sample the output's middle from the centre of mass: a shift of p pixels is 2p / size in grid coordinates
    shift_x, shift_y = (centre_x - (width - 1) / 2) * 2 / width, (centre_y - (height - 1) / 2) * 2 / height
    return _sample(ink, ones, ones, shift_x, shift_y, width)
