"""Turn any image of a digit (canvas, PIL image, file, photo) into what MNIST looks like: 28x28, ink = 1."""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError

from digitpad.engine.errors import ImageError

MNIST_SIZE = 28
DIGIT_BOX = 20  # MNIST fits each digit's longer side into 20 px, then centres its mass in 28x28
MAX_PIXELS = 50_000_000  # larger images are refused as possible decompression bombs
PAPER_SAMPLE = 16_384  # pixels that estimate the paper's level and noise (see _remove_paper)
MIN_CONTRAST = 0.12  # ink must stand this far above the paper, on a 0-1 scale
# Stroke widths at a 60 px box (see _normalise_stroke_width): outside THINNEST..THICKEST they are changed,
# hairlines thickened toward 8 px, blobs thinned toward 11 px by at most 2 px a side (more breaks loops).
WORK_BOX, THINNEST, THICKEST = 60, 4.5, 14.0
_LUMA = np.array([0.299, 0.587, 0.114], dtype=np.float32)

ImageInput = np.ndarray | Image.Image | str | Path


def load_image(path: str | Path) -> Image.Image:
    """Open an image file fully (so truncation shows now), upright per EXIF; raises ImageError."""
    path = Path(path)
    if not path.exists():
        raise ImageError(f"{path}: no such file")
    if not path.is_file():
        raise ImageError(f"{path}: is a folder, not an image file")
    if path.stat().st_size == 0:
        raise ImageError(f"{path.name}: the file is empty")
    previous_limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                image.seek(0)  # the first frame of an animation
                image.load()
                return ImageOps.exif_transpose(image) or image.copy()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError(f"{path.name}: the image is too large (over {MAX_PIXELS:,} pixels)") from None
    except UnidentifiedImageError:
        raise ImageError(f"{path.name}: not an image file digitpad can read (PNG, JPEG, BMP, GIF, ...)") from None
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageError(f"{path.name}: the image is damaged or truncated ({error})") from None
    finally:
        Image.MAX_IMAGE_PIXELS = previous_limit


def to_grayscale(image: ImageInput) -> np.ndarray:
    """Any supported input -> float32 (H, W) in [0, 1], with transparency flattened onto a contrasting paper."""
    if isinstance(image, str | Path):
        image = load_image(image)
    if isinstance(image, Image.Image):
        image = _pil_to_array(image)
    array = np.asarray(image)
    if array.dtype == np.uint8:
        array = array.astype(np.float32) / 255.0
    elif array.dtype == np.uint16:
        array = array.astype(np.float32) / 65535.0
    else:
        array = np.clip(np.nan_to_num(array.astype(np.float32)), 0.0, 1.0)
    if array.ndim == 3 and array.shape[2] in (2, 4):
        colour, alpha = array[..., :-1], array[..., -1]
        gray = colour @ _LUMA if colour.shape[2] == 3 else colour[..., 0]
        array = _flatten_alpha(gray, alpha)
    elif array.ndim == 3 and array.shape[2] == 3:
        array = array @ _LUMA
    elif array.ndim == 3 and array.shape[2] == 1:
        array = array[..., 0]
    if array.ndim != 2 or min(array.shape) < 1:
        raise ImageError(f"an image must be 2-D grey or colour, not an array of shape {np.shape(image)}")
    return array.astype(np.float32, copy=False)


def _pil_to_array(image: Image.Image) -> np.ndarray:
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        array = np.asarray(image, dtype=np.float32)
        return array / (65535.0 if array.max() > 255 else 255.0)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        return np.asarray(image.convert("RGBA"))
    return np.asarray(image.convert("L"))


def _flatten_alpha(gray: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """Put transparent pixels on paper that contrasts with the opaque ink (dark ink -> white paper)."""
    if alpha.min() >= 1.0:
        return gray
    opaque = alpha > 0.5
    ink_is_dark = opaque.any() and float(gray[opaque].mean()) < 0.5
    paper = 1.0 if ink_is_dark or not opaque.any() else 0.0
    return gray * alpha + paper * (1.0 - alpha)


def preprocess(image: ImageInput) -> np.ndarray | None:
    """MNIST-style float32 (28, 28) with ink 1 and paper 0, or None when the image holds no digit.

    Steps: make the ink bright (invert dark-on-light), subtract the paper level (grey or noisy paper),
    crop to the ink, fit the longer side into 20 px keeping the aspect ratio, centre by centre of mass.
    """
    gray = to_grayscale(image)
    border = np.concatenate((gray[0], gray[-1], gray[:, 0], gray[:, -1]))
    ink = 1.0 - gray if np.median(border) > 0.5 else gray
    ink = _flatten_lighting(ink)
    ink = _remove_paper(ink)
    if ink is None:
        return None
    box = _ink_box(ink)
    if box is None:
        return None
    top, bottom, left, right = box
    digit = _fit_box(_normalise_stroke_width(ink[top:bottom, left:right]))
    return _centre_by_mass(digit)


def _flatten_lighting(ink: np.ndarray) -> np.ndarray:
    """Subtract uneven paper brightness (shadows, vignetting, a lamp on one side) from a photo or scan.

    The paper's level is estimated by a morphological opening wider than any stroke, on a small copy (fast),
    then smoothed and scaled back up. A drawing on uniform paper (the canvas) skips all this.
    """
    sides = (ink[0], ink[-1], ink[:, 0], ink[:, -1])
    side_levels = [float(np.median(side)) for side in sides]
    if max(side_levels) - min(side_levels) < 0.03 and max(float(np.std(s)) for s in sides) < 0.03:
        return ink
    height, width = ink.shape
    scale = min(1.0, 96 / max(height, width))
    small_size = (max(1, round(width * scale)), max(1, round(height * scale)))
    small = Image.fromarray(ink.astype(np.float32), mode="F").resize(small_size, Image.Resampling.BOX)
    kernel = max(3, round(max(small_size) / 3) | 1)  # odd, wider than any stroke
    paper = small.filter(ImageFilter.MinFilter(kernel)).filter(ImageFilter.MaxFilter(kernel))
    coarse = tuple(max(1, side * 2 // kernel) for side in small_size)  # averaging down and up smooths it
    paper = paper.resize(coarse, Image.Resampling.BOX).resize((width, height), Image.Resampling.BILINEAR)
    return np.clip(ink - np.asarray(paper, dtype=np.float32), 0.0, 1.0)


def _remove_paper(ink: np.ndarray) -> np.ndarray | None:
    """Scale so paper (with its noise) is 0 and solid ink 1; None if nothing stands out from the paper.

    The paper's level and noise come from an even grid of at most ~16k pixels: medians over a whole 320 px
    canvas took over half of a live prediction's preprocessing, and a grid that dense estimates them as well.
    """
    step = math.ceil(math.sqrt(ink.size / PAPER_SAMPLE))
    sample = ink[::step, ::step]
    paper = float(np.median(sample))
    noise = float(np.median(np.abs(sample - paper))) * 1.4826  # robust standard deviation of the paper
    level = paper + 3.0 * noise + 0.02
    strokes = ink[ink > level]
    if strokes.size == 0:
        return None
    full = float(np.percentile(strokes, 90))
    if full - level < MIN_CONTRAST:
        return None
    return np.clip((ink - level) / (full - level), 0.0, 1.0)


def _ink_box(ink: np.ndarray) -> tuple[int, int, int, int] | None:
    """(top, bottom, left, right) of the ink, ignoring rows and columns with only stray specks."""
    mask = ink > 0.5
    if mask.sum() < 2:
        return None
    rows, cols = mask.sum(1), mask.sum(0)
    active_rows = np.flatnonzero(rows >= max(1.0, 0.05 * rows.max()))
    active_cols = np.flatnonzero(cols >= max(1.0, 0.05 * cols.max()))
    return int(active_rows[0]), int(active_rows[-1]) + 1, int(active_cols[0]), int(active_cols[-1]) + 1


def _normalise_stroke_width(crop: np.ndarray) -> np.ndarray:
    """Thin a marker's blob strokes or thicken a fine pen's hairlines toward MNIST's range.

    Works at 60 px (3x MNIST's 20 px box), where MNIST's stroke widths measure 5 to 12 px (5th-95th
    percentile of the test set, as 2 x area / boundary); only strokes outside that range are changed.
    """
    height, width = crop.shape
    scale = WORK_BOX / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    work = Image.fromarray(crop.astype(np.float32), mode="F").resize(size, Image.Resampling.BILINEAR)
    mask = np.asarray(work) > 0.5
    padded = np.pad(mask, 1)
    interior = padded[1:-1, 1:-1] & padded[:-2, 1:-1] & padded[2:, 1:-1] & padded[1:-1, :-2] & padded[1:-1, 2:]
    thickness = 2 * mask.sum() / max(int((mask & ~interior).sum()), 1)
    if thickness > THICKEST:
        work = work.filter(ImageFilter.MinFilter(min(5, 2 * round((thickness - 11.0) / 2) + 1)))
    elif thickness < THINNEST:
        work = work.filter(ImageFilter.MaxFilter(2 * round((8.0 - thickness) / 2) + 1))
    return np.asarray(work, dtype=np.float32)


def _fit_box(crop: np.ndarray) -> np.ndarray:
    """Resize so the longer side is 20 px, with anti-aliasing, and bring the strongest ink back to 1."""
    height, width = crop.shape
    scale = DIGIT_BOX / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    resized = Image.fromarray(crop.astype(np.float32), mode="F").resize(size, Image.Resampling.LANCZOS)
    digit = np.clip(np.asarray(resized, dtype=np.float32), 0.0, 1.0)
    peak = float(digit.max())
    return digit / peak if peak > 0 else digit


def _centre_by_mass(digit: np.ndarray) -> np.ndarray:
    """Place the digit in 28x28 so its centre of mass sits in the middle (13.5, 13.5)."""
    height, width = digit.shape
    total = float(digit.sum()) or 1.0
    centre_y = float((digit.sum(1) * np.arange(height)).sum()) / total
    centre_x = float((digit.sum(0) * np.arange(width)).sum()) / total
    middle = (MNIST_SIZE - 1) / 2
    top = int(np.clip(round(middle - centre_y), 0, MNIST_SIZE - height))
    left = int(np.clip(round(middle - centre_x), 0, MNIST_SIZE - width))
    out = np.zeros((MNIST_SIZE, MNIST_SIZE), dtype=np.float32)
    out[top : top + height, left : left + width] = digit
    return out
