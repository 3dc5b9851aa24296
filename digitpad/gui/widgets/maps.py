"""Feature maps as pictures: a layer's channels tiled into one image on a shared, signed colour scale.

Numpy only (no Qt objects), so a worker thread can colour a whole model's layers while the window draws.
Negative values are blue, zero is the paper colour, positive values are orange-red; every map of a layer shares
the layer's scale, so maps can be compared.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NEGATIVE, ZERO, POSITIVE = np.array([33, 102, 172]), np.array([247, 247, 247]), np.array([202, 0, 32])
_STEPS = np.linspace(0.0, 1.0, 128)[:, None]
LUT = np.concatenate([NEGATIVE + (ZERO - NEGATIVE) * _STEPS, ZERO + (POSITIVE - ZERO) * _STEPS[1:]]).astype(
    np.uint8
)  # 255 colours: index 127 is zero
GAP = 1  # values between tiles (drawn `scale` pixels wide, like the values)
TARGET_TILE = 56  # a map is drawn at about this many pixels a side (28x28 at 2x, 5x5 at 11x)
STRIP_COLUMNS = 32  # a fully connected layer's values, in rows of this many


@dataclass(frozen=True)
class Grid:
    """Where each map of a layer sits in its tiled image."""

    channels: int
    height: int  # of one map, in values
    width: int
    scale: int  # pixels per value
    columns: int

    def tile_origin(self, channel: int) -> tuple[int, int]:
        """(y, x) of a map's first value in the picture on screen, in pixels."""
        row, column = divmod(channel, self.columns)
        return row * (self.height + GAP) * self.scale, column * (self.width + GAP) * self.scale

    def locate(self, px: int, py: int) -> tuple[int, int, int] | None:
        """(channel, y, x) under screen pixel (px, py) of the picture, or None between tiles."""
        column, within_x = divmod(px // self.scale, self.width + GAP)
        row, within_y = divmod(py // self.scale, self.height + GAP)
        channel = row * self.columns + column
        if column >= self.columns or channel >= self.channels or within_x >= self.width or within_y >= self.height:
            return None
        return channel, within_y, within_x

    def pixel_rect(self, channel: int, top: int, left: int, bottom: int, right: int) -> tuple[int, int, int, int]:
        """(x, y, width, height) in screen pixels of a block of values of one map."""
        origin_y, origin_x = self.tile_origin(channel)
        top, left = max(top, 0), max(left, 0)
        bottom, right = min(bottom, self.height - 1), min(right, self.width - 1)
        return (origin_x + left * self.scale, origin_y + top * self.scale, (right - left + 1) * self.scale,
                (bottom - top + 1) * self.scale)  # fmt: skip


def as_maps(values: np.ndarray) -> np.ndarray:
    """(C, H, W) maps from a layer's output: a vector becomes one map in rows of STRIP_COLUMNS."""
    if values.ndim == 3:
        return values
    flat = values.reshape(-1)
    columns = min(STRIP_COLUMNS, flat.size)
    rows = -(-flat.size // columns)
    padded = np.full(rows * columns, np.nan, np.float32)
    padded[: flat.size] = flat
    return padded.reshape(1, rows, columns)


def grid_for(maps: np.ndarray, max_width: int = 720) -> Grid:
    channels, height, width = maps.shape
    scale = max(1, TARGET_TILE // max(height, width)) if channels > 1 else max(2, min(12, 360 // width))
    columns = max(1, min(channels, max_width // ((width + GAP) * scale)))
    return Grid(channels, height, width, scale, columns)


def signed_scale(values: np.ndarray) -> float:
    finite = np.abs(values[np.isfinite(values)])
    return float(finite.max()) if finite.size and finite.max() > 0 else 1.0


def render(maps: np.ndarray, grid: Grid, scale: float) -> np.ndarray:
    """(H, W, 3) uint8 as the screen shows it: every map coloured by value / scale and tiled as `grid` says, with
    grey between tiles, each value `grid.scale` pixels a side (made here, on the worker: the window only shows)."""
    rows = -(-grid.channels // grid.columns)
    tiles = np.full((rows * grid.columns, grid.height + GAP, grid.width + GAP, 3), 160, np.uint8)
    index = np.clip(np.round(np.nan_to_num(maps / scale, nan=0.0) * 127 + 127), 0, 254).astype(np.intp)
    coloured = LUT[index]  # (C, H, W, 3)
    coloured[np.isnan(maps)] = 160
    tiles[: grid.channels, : grid.height, : grid.width] = coloured
    image = tiles.reshape(rows, grid.columns, grid.height + GAP, grid.width + GAP, 3).transpose(0, 2, 1, 3, 4)
    image = image.reshape(rows * (grid.height + GAP), grid.columns * (grid.width + GAP), 3)
    return np.ascontiguousarray(image.repeat(grid.scale, axis=0).repeat(grid.scale, axis=1))


def legend(width: int = 160, height: int = 12) -> np.ndarray:
    """The colour scale as a strip: -scale on the left, 0 in the middle, +scale on the right."""
    index = np.linspace(0, 254, width).round().astype(np.intp)
    return np.ascontiguousarray(np.broadcast_to(LUT[index], (height, width, 3)))
