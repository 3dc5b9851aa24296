"""The handwriting augmentation draws what users bring: here, NIST's 8x8 block scans as preprocessing shows them."""

from __future__ import annotations

import numpy as np
import torch

from digitpad.engine.data.augment import _block_scan, _Draw, nist_block_counts
from digitpad.engine.data.preprocess import preprocess
from digitpad.engine.data.scans import read_scans
from training.handwriting_eval import OPTDIGITS, block_scan


def test_a_block_scan_drawn_in_training_looks_like_a_real_one_after_preprocessing(mnist):
    """Augmented block scans must match what the model is later shown for a scanned 8x8 digit, or training on
    them teaches nothing about such scans: each drawn one is closer to its own real scan than to others', and
    closer to it than the digit as MNIST has it."""
    digits = np.asarray(mnist.test.raw_images[:12])
    batch = torch.tensor(digits, dtype=torch.float32)[:, None] / 255
    scanned = _block_scan(batch, _Draw(len(digits), batch.device, torch.Generator().manual_seed(0)), share=1.0)
    drawn = [scanned[index, 0].numpy() for index in range(len(digits))]
    real = [preprocess(block_scan(digit)) for digit in digits]
    for index, image in enumerate(drawn):
        distances = [float(np.abs(image - other).mean()) for other in real]
        assert int(np.argmin(distances)) == index, (index, distances)
    drawn_off = np.mean([np.abs(image - scan).mean() for image, scan in zip(drawn, real, strict=True)])
    unscanned_off = np.mean([np.abs(preprocess(digit) - scan).mean() for digit, scan in zip(digits, real, strict=True)])
    assert drawn_off < 0.9 * unscanned_off  # measured: 0.043 against 0.050 (0.093 before centring by mass)


def _traits(scans: np.ndarray) -> dict[str, float]:
    """Mean height and width in blocks, ink share and slant (x against y by second moments) of 8x8 scans."""
    heights, widths, slants = [], [], []
    rows, cols = np.mgrid[:8, :8]
    for scan in scans.astype(np.float64):
        heights.append(np.ptp(np.nonzero(scan.max(1) > 0)[0]) + 1)
        widths.append(np.ptp(np.nonzero(scan.max(0) > 0)[0]) + 1)
        mass = scan.sum()
        dy, dx = rows - (scan * rows).sum() / mass, cols - (scan * cols).sum() / mass
        slants.append((scan * dx * dy).sum() / (scan * dy * dy).sum())
    share = float(scans.mean() / scans.max())
    return {"height": np.mean(heights), "width": np.mean(widths), "ink": share, "slant": float(np.median(slants))}


def test_block_scans_drawn_from_mnist_have_the_traits_of_nists_real_ones(mnist):
    """NIST's reader made every scan upright, 8 blocks tall and about 6 wide, evenly bold: MNIST digits scanned
    by nist_block_counts must show the same traits as the real scans of the 30 tune writers, or the model learns
    a scanner nobody has. (Plain block counts of MNIST digits lean, keep their aspect and vary in weight.)"""
    digits = torch.tensor(np.asarray(mnist.test.raw_images[:300]), dtype=torch.float32)[:, None] / 255
    counts = nist_block_counts(digits, width=torch.full((300,), 23.0), ink_share=torch.full((300,), 0.31))
    drawn = _traits((counts[:, 0].numpy() * 16).round())
    real = _traits(read_scans(str(OPTDIGITS["tune"]))[0].astype(np.float64) * 16 / 255)
    assert drawn["height"] == real["height"] == 8
    assert abs(drawn["width"] - real["width"]) < 0.3, (drawn, real)  # measured 5.85 against 5.93 blocks
    assert abs(drawn["ink"] - real["ink"]) < 0.03, (drawn, real)  # 0.312 against 0.308
    assert abs(drawn["slant"]) < 0.05 and abs(real["slant"]) < 0.1, (drawn, real)
