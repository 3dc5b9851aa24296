"""Turn any image of a digit (canvas, PIL image, file, photo) into what MNIST looks like: 28x28, ink = 1."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError

from digitpad.engine.spec.errors import ImageError

MNIST_SIZE = 28
DIGIT_BOX = 20  # MNIST fits each digit's longer side into 20 px, then centres its mass in 28x28
MAX_PIXELS = 50_000_000  # larger images are refused as possible decompression bombs
PAPER_SAMPLE = 16_384  # pixels that estimate the paper's level and noise (see _remove_paper)
MIN_CONTRAST = 0.12  # ink must stand this far above the paper, on a 0-1 scale
# A tight crop's two levels are ink and paper, this far apart; a page split in two by uneven light is not.
CROP_CONTRAST = 0.3
# Stroke widths at a 60 px box (see _normalise_stroke_width): outside THINNEST..THICKEST they are changed,
# hairlines thickened toward 8 px, blobs thinned toward 11 px by at most 2 px a side (more breaks loops).
WORK_BOX, THINNEST, THICKEST = 60, 4.5, 14.0
_LUMA = np.array([0.299, 0.587, 0.114], dtype=np.float32)

ImageInput = np.ndarray | Image.Image | str | Path

CANVAS_SIZE = 320  # the Draw view's drawing, in pixels (scaled to the widget on screen)
# The models read the drawing at half that: MNIST fits a digit into 20 px, 160 px keeps every stroke, and a
# quarter of the pixels took preprocessing from 1.41-1.48 to 1.03-1.09 ms a drawing (interleaved runs; the
# 28x28 it makes differs by at most 0.005, and the handwriting set's canvas answers are the same).
CANVAS_REDUCTION = 2


def reduce_canvas(drawing: np.ndarray) -> np.ndarray:
    """A uint8 canvas drawing (CANVAS_SIZE square) as the models read it: each pixel a block's mean."""
    return np.asarray(Image.fromarray(drawing).reduce(CANVAS_REDUCTION))


def canvas_input(drawing: np.ndarray) -> np.ndarray | None:
    """What the models read from a canvas drawing (uint8, CANVAS_SIZE square, paper 255): reduced, then
    preprocessed like any image; None when it holds no digit. Every view that reads the drawing reads it so."""
    return preprocess(reduce_canvas(drawing))


def load_image(path: str | Path) -> Image.Image:
    """Open an image file fully (so truncation shows now), upright per EXIF; raises ImageError for any failure.

    An animation is read from its first frame, a layered file (PSD) from its composite: the frame Pillow opens.
    """
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
            warnings.simplefilter("ignore")  # Pillow's complaints about odd files: the user gets our one line
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                image.load()
                return ImageOps.exif_transpose(image) or image.copy()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError(f"{path.name}: the image is too large (over {MAX_PIXELS:,} pixels)") from None
    except UnidentifiedImageError:
        raise ImageError(f"{path.name}: not an image file digitpad can read (PNG, JPEG, BMP, GIF, ...)") from None
    except MemoryError:
        raise ImageError(f"{path.name}: the image needs more memory than this computer has to decode") from None
    except NotImplementedError as error:
        raise ImageError(f"{path.name}: a variant of its format that cannot be decoded ({_one_line(error)})") from None
    except Exception as error:  # Pillow's decoders raise many kinds (OSError, EOFError, ValueError, struct.error...)
        raise ImageError(f"{path.name}: the image is damaged or truncated ({_one_line(error)})") from None
    finally:
        Image.MAX_IMAGE_PIXELS = previous_limit


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())[:160]
    return f"{error.__class__.__name__}: {text}" if text else error.__class__.__name__


def to_grayscale(image: ImageInput) -> np.ndarray:
    """Any supported input -> float32 (H, W) in [0, 1], with transparency flattened onto a contrasting paper."""
    name = "the image"
    if isinstance(image, str | Path):
        name, image = Path(image).name, load_image(image)
    if isinstance(image, Image.Image):
        image = _pil_to_array(image, name)
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


def _pil_to_array(image: Image.Image, name: str) -> np.ndarray:
    """Grey levels of any Pillow mode: LAB by its lightness, HSV by its value, the rest as Pillow converts them."""
    try:
        if image.mode in ("LAB", "HSV"):
            return np.asarray(image.getchannel("L" if image.mode == "LAB" else "V"))
        if image.mode.startswith(("I;16", "I", "F")):
            array = np.asarray(image.convert("F") if image.mode not in ("I", "F") else image, dtype=np.float32)
            return array / (65535.0 if array.max() > 255 else 255.0)
        if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (image.mode == "P" and "transparency" in image.info):
            return np.asarray(image.convert("RGBA"))
        return np.asarray(image.convert("L"))
    except Exception as error:  # a mode Pillow cannot convert (BGR;15, a broken palette, ...)
        raise ImageError(f"{name}: its pixels cannot be read as grey levels ({_one_line(error)})") from None


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

    Steps: split the pixels into paper and ink (a two-level split of the histogram, which stays true when ink
    covers most of the image), make the ink bright, flatten uneven lighting, subtract the paper's level and
    noise (`ink_map`), crop to the ink, fit the longer side into 20 px keeping the aspect ratio, centre by
    centre of mass (`digit_input`).
    """
    ink = ink_map(image)
    return None if ink is None else digit_input(ink)


def ink_map(image: ImageInput) -> np.ndarray | None:
    """The image as ink: float32 (H, W) at its own size, paper 0 and solid ink 1, uneven light evened out; None
    when nothing stands out from the paper. What `preprocess` reads one digit from, and number reading several."""
    gray = to_grayscale(image)
    levels = _paper_and_ink(gray)
    if levels is None:
        return None
    bright = 1.0 - gray if levels.paper_is_light else gray
    ink = None
    if not levels.cropped:  # a page: light evened out, paper from all pixels
        ink = _remove_paper(_flatten_lighting(bright), cropped=False)
    if ink is None:  # a crop (or a page that read as none): too little paper to light by, paper from its peak
        ink = _remove_paper(bright, cropped=True)
    return ink


def digit_input(ink: np.ndarray) -> np.ndarray | None:
    """One digit's ink (paper 0, ink 1, any size) as the models read it: cropped to the ink, strokes evened,
    fit into MNIST's 20 px box, centred by mass in 28x28; None when there is too little ink."""
    box = _ink_box(ink)
    if box is None:
        return None
    top, bottom, left, right = box
    digit = _fit_box(_normalise_stroke_width(ink[top:bottom, left:right]))
    return _centre_by_mass(digit)


@dataclass(frozen=True)
class _Levels:
    """Which side of a two-level split of the histogram is the paper, and whether the image is a tight crop."""

    paper_is_light: bool
    cropped: bool  # one digit cut out tight: distinct ink spanning the image one way at least, no page around it


def _paper_and_ink(gray: np.ndarray) -> _Levels | None:
    """Split the pixels in two by Otsu's method and tell which class is the paper; None for a flat image.

    The paper is the class that holds most of the image's border: a digit cropped tight touches the edges,
    but along them it is still mostly paper (where the border is evenly shared, the split may run through a
    lit page: then the ink is the side that reaches farther from the border's level).
    """
    if float(gray.max() - gray.min()) < MIN_CONTRAST:  # the whole image: a grid could step over a hairline
        return None
    sample = _grid_sample(gray)
    split = _otsu(sample)
    border = np.concatenate((gray[0], gray[-1], gray[:, 0], gray[:, -1]))
    light_border = float((border > split).mean())
    if abs(light_border - 0.5) <= 0.1:  # the border evenly shared: the split may cut a paper's gradient in two
        paper_is_light = _ink_is_darker(gray, float(np.median(border)))
    else:
        paper_is_light = light_border > 0.5
    dark, light = sample[sample <= split], sample[sample > split]
    distinct = float(light.mean() - dark.mean()) >= CROP_CONTRAST if dark.size and light.size else False
    ink = _grid_sample(gray <= split if paper_is_light else gray > split)
    box = _ink_box(ink.astype(np.float32))
    spans = box is not None and ((box[1] - box[0]) >= 0.85 * ink.shape[0] or (box[3] - box[2]) >= 0.85 * ink.shape[1])
    return _Levels(paper_is_light, cropped=distinct and spans)


def _ink_is_darker(gray: np.ndarray, border_level: float) -> bool:
    """Whether the image's darkest pixels lie farther from the border's level than its lightest: ink is what
    stands out from the paper around it, whichever way the light falls across the page."""
    darkest, lightest = np.percentile(_grid_sample(gray), [1, 99])
    return border_level - float(darkest) > float(lightest) - border_level


def _grid_sample(image: np.ndarray) -> np.ndarray:
    """An even grid of at most ~PAPER_SAMPLE pixels: level estimates from it are as good and much faster."""
    step = math.ceil(math.sqrt(image.size / PAPER_SAMPLE))
    return image[::step, ::step]


def _otsu(values: np.ndarray) -> float:
    """The level that best splits `values` (0-1) into two classes (Otsu 1979: most between-class variance)."""
    bins = np.minimum((values * 256).astype(np.int32), 255).ravel()  # np.histogram's bins, 3x faster
    counts = np.bincount(bins, minlength=256)
    edges = np.arange(257) / 256
    centres = (edges[:-1] + edges[1:]) / 2
    weight = np.cumsum(counts).astype(np.float64)
    mass = np.cumsum(counts * centres)
    total_weight, total_mass = weight[-1], mass[-1]
    below, above = weight[:-1], total_weight - weight[:-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mass[:-1] * total_weight - total_mass * below) ** 2 / (below * above)
    between = np.nan_to_num(between, nan=-1.0)
    return float(edges[int(between.argmax()) + 1])


def _flatten_lighting(ink: np.ndarray) -> np.ndarray:
    """Subtract uneven paper brightness (shadows, vignetting, a lamp on one side) from a photo or scan.

    Judged by the paper along the edges only (a tight crop's ink touches them): paper that is even there
    skips all this (the canvas, clean scans). Never used on a tight crop: an opening as wide as a third of it
    would take the ink for paper and leave only its outline. Otherwise the paper's level is estimated by a morphological
    opening wider than any stroke, on a small copy (fast), then smoothed and scaled back up.
    """
    # each edge's paper by median and spread, robust to ink crossing it; not only the pixels below the split:
    # a faint digit on a page lit from one side gets a split that runs through the paper's own gradient
    sides = (ink[0], ink[-1], ink[:, 0], ink[:, -1])
    side_levels = [float(np.median(side)) for side in sides]
    spreads = [1.4826 * float(np.median(np.abs(side - level))) for side, level in zip(sides, side_levels, strict=True)]
    if max(side_levels) - min(side_levels) < 0.03 and max(spreads) < 0.03:
        return ink
    height, width = ink.shape
    scale = min(1.0, 96 / max(height, width))
    small_size = (max(1, round(width * scale)), max(1, round(height * scale)))
    small = Image.fromarray(ink.astype(np.float32), mode="F").resize(small_size, Image.Resampling.BOX)
    kernel = max(3, round(max(small_size) / 3) | 1)  # odd, wider than any stroke
    opened = _window_extreme(_window_extreme(np.asarray(small), kernel, np.min), kernel, np.max)
    coarse = tuple(max(1, side * 2 // kernel) for side in small_size)  # averaging down and up smooths it
    paper = Image.fromarray(opened, mode="F").resize(coarse, Image.Resampling.BOX)
    paper = paper.resize((width, height), Image.Resampling.BILINEAR)
    return np.clip(ink - np.asarray(paper, dtype=np.float32), 0.0, 1.0)


def _window_extreme(image: np.ndarray, size: int, extreme: Callable[..., np.ndarray]) -> np.ndarray:
    """The min (or max) of each pixel's `size` x `size` window, edges repeated outwards: Pillow's MinFilter and
    MaxFilter to the bit, done a row and then a column at a time (a photo's opening took 40 ms, now 1-2 ms)."""
    padded = np.pad(image, size // 2, mode="edge")
    rows = extreme(sliding_window_view(padded, size, axis=1), axis=-1)
    return np.ascontiguousarray(extreme(sliding_window_view(rows, size, axis=0), axis=-1))


def _remove_paper(ink: np.ndarray, cropped: bool) -> np.ndarray | None:
    """Scale so paper (with its noise) is 0 and solid ink 1; None if nothing stands out from the paper.

    On a page (a photo, a scan, the canvas) the ink is a small share of the pixels, and the paper's level and
    noise are the median and spread of them all. A tight crop can be half ink or more: there they come from
    the paper's own peak in the histogram, among the pixels below a two-level split and near their commonest
    level (a blurred scan's soft stroke edges also fall below the split).
    """
    sample = _grid_sample(ink)
    paper_pixels = _paper_peak(sample) if cropped else sample
    paper = float(np.median(paper_pixels))
    noise = float(np.median(np.abs(paper_pixels - paper))) * 1.4826  # robust standard deviation of the paper
    level = paper + 3.0 * noise + 0.02
    strokes = ink[ink > level]
    if strokes.size == 0:
        return None
    full = float(np.percentile(strokes, 90))
    if full - level < MIN_CONTRAST:
        return None
    return np.clip((ink - level) / (full - level), 0.0, 1.0)


def _paper_peak(sample: np.ndarray) -> np.ndarray:
    """The pixels of a crop that are paper: below the two-level split, and near the commonest level of those."""
    below = sample[sample <= _otsu(sample)]
    if below.size < max(16, 0.01 * sample.size):  # a crop can be nearly all ink
        return sample
    top = float(below.max())
    counts, edges = np.histogram(below, bins=64, range=(0.0, max(top, 1e-6)))
    peak = int(np.convolve(counts, (1, 2, 1), mode="same").argmax())
    commonest, peak_top = float(edges[peak]), float(edges[peak + 1])
    return below[below <= max(peak_top, commonest + 0.5 * (top - commonest))]  # never empty: the peak's bin


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
