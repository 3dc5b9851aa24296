"""The two layers the small learned helpers of number reading run in numpy (the whole-digit judge, the string
reader): a convolution and a 2x2 max-pool, computing what torch's layers of those names compute. They need no
torch, so the quick reader, which reads before torch has loaded, reads numbers the same way."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def convolve(images: np.ndarray, weight: np.ndarray, bias: np.ndarray, padding: tuple[int, int] = (1, 1)) -> np.ndarray:
    """As torch's Conv2d with this zero padding (rows, columns): (N, C, H, W) -> (N, O, H', W'). A Conv1d's weight
    (O, C, K) runs along the rows."""
    if weight.ndim == 3:
        weight = weight[:, :, None, :]
    rows, columns = weight.shape[2:]
    padded = np.pad(images, ((0, 0), (0, 0), (padding[0], padding[0]), (padding[1], padding[1])))
    windows = sliding_window_view(padded, (rows, columns), axis=(2, 3))  # (N, C, H', W', rows, columns)
    count, channels, height, width = windows.shape[:4]
    flat = windows.transpose(0, 2, 3, 1, 4, 5).reshape(count * height * width, channels * rows * columns)
    out = flat @ weight.reshape(len(weight), -1).T + bias
    return out.reshape(count, height, width, len(weight)).transpose(0, 3, 1, 2)


def max_pool(images: np.ndarray) -> np.ndarray:
    """As torch's max_pool2d(2): (N, C, H, W) -> (N, C, H // 2, W // 2), an odd last row or column left out."""
    count, channels, height, width = images.shape
    even = images[:, :, : height // 2 * 2, : width // 2 * 2]
    return even.reshape(count, channels, height // 2, 2, width // 2, 2).max(axis=(3, 5))
