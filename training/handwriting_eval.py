"""digitpad's evaluation of handwriting that is not MNIST: one labelled case family per way a user's digit differs.

Every family is generated deterministically (nothing large is stored in the repo) from digits the models do
not train on, and belongs to one of two parts:

- **tune**: what we look at while changing preprocessing, augmentation or recipes. MNIST *test* digits
  photographed and scanned (enlarged, thick or thin, off-centre, grey noisy paper, uneven light, blur, JPEG, a
  quarter light-on-dark), cropped tight to their ink, cropped tight from an 8x8 low-resolution scan, scanned
  into 8x8 block counts the way NIST made the optical-digits set (upright, stretched to a 23x32 box, binarised,
  strokes evened to a third of the box, 4x4 blocks); 1,000 real 8x8 scans by the 30 writers of the UCI
  optical digits' training file (`training/data/optdigits-tune.csv.gz`: the app trains on their other 2,823
  digits, so these writers are not new to it), enlarged and on paper; digits drawn with mouse events through
  the real canvas from plain templates and from the tune styles below.
- **report**: only ever reported, never tuned on. Other writers: the UCI optical-digits test set (13 writers
  in neither MNIST nor the training file, 8x8 scans, `training/data/optdigits.csv.gz`), enlarged tight and put small and
  off-centre on noisy grey paper; and a second, separately written set of writing styles drawn through the
  canvas at other sizes, slants and brushes.

    python -m training.handwriting_eval [--model NAME_OR_PATH ...] [--families NAME ...] [--save DIR]
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageFilter

from digitpad.engine.data.augment import nist_block_counts
from digitpad.engine.data.loading import DATASETS, dataset_dir, read_split
from digitpad.engine.data.preprocess import preprocess
from digitpad.engine.data.scans import enlarge, read_scans
from digitpad.engine.data.styles import arc
from digitpad.engine.reading.number import read_number
from digitpad.engine.reading.predictor import Predictor
from digitpad.engine.store.catalog import resolve_model

SEED = 2026
NIST_WIDTH, NIST_INK_SHARE = 23.0, 0.31  # px of 32, share of the 32x32 box: the middle of what augment draws
DATA = Path(__file__).with_name("data")
# UCI optical digits: the training file's 30 writers (1,000 of their digits here; the app trains on the other
# 2,823, digitpad.engine.data.scans) and the test file's 13 others, no writer in both
OPTDIGITS = {"tune": DATA / "optdigits-tune.csv.gz", "test": DATA / "optdigits.csv.gz"}
Sample = tuple[np.ndarray, int]
Stroke = list[tuple[float, float]]


def _mnist_test() -> tuple[np.ndarray, np.ndarray]:
    return read_split(dataset_dir("mnist"), "test", DATASETS["mnist"])


def _optdigits(split: str = "test") -> tuple[np.ndarray, np.ndarray]:
    """An optical-digits file's scans (8x8 uint8, ink bright) and labels: `tune` or `test` (see OPTDIGITS)."""
    return read_scans(str(OPTDIGITS[split]))


# --- scans and photographs -----------------------------------------------------------------------------------
def photograph(ink: np.ndarray, rng: np.random.Generator, scale: tuple[float, float] = (2.0, 10.0),
               page: tuple[float, float] = (1.1, 2.2)) -> np.ndarray:  # fmt: skip
    """An ink-bright image (a 28x28 digit, a line of digits) as a scan or phone photo shows it: enlarged by a factor
    drawn from `scale`, on a grey, noisy, unevenly lit page `page` times as large each way."""
    factor = float(rng.uniform(*scale))
    height, width = (round(side * factor) for side in ink.shape)
    resized = Image.fromarray(ink).resize((width, height), Image.Resampling.BICUBIC)
    width_change = int(rng.integers(-1, 3)) * 2 + 1  # a 1-7 px filter: thinner (-1), same, thicker
    steps = round(abs(width_change) * factor / 6)
    for _ in range(steps):
        resized = resized.filter(ImageFilter.MaxFilter(3) if width_change > 1 else ImageFilter.MinFilter(3))
    ink_array = np.asarray(resized, dtype=np.float32) / 255.0
    page_h, page_w = round(height * float(rng.uniform(*page))), round(width * float(rng.uniform(*page)))
    top, left = int(rng.integers(0, page_h - height + 1)), int(rng.integers(0, page_w - width + 1))
    page_ink = np.zeros((page_h, page_w), dtype=np.float32)
    page_ink[top : top + height, left : left + width] = ink_array
    paper = float(rng.uniform(0.55, 1.0))
    pen = float(rng.uniform(0.0, paper - 0.35))
    ramp = np.linspace(-1, 1, page_w, dtype=np.float32)[None, :] * float(rng.uniform(-0.12, 0.12))
    sheet = paper + ramp - (paper - pen) * page_ink
    sheet += rng.normal(0, float(rng.uniform(0, 0.05)), sheet.shape).astype(np.float32)
    result = Image.fromarray((np.clip(sheet, 0, 1) * 255).astype(np.uint8))
    result = result.filter(ImageFilter.GaussianBlur(float(rng.uniform(0, 0.25 * factor))))
    if rng.random() < 0.5:
        buffer = io.BytesIO()
        result.save(buffer, format="JPEG", quality=int(rng.integers(50, 95)))
        result = Image.open(io.BytesIO(buffer.getvalue()))
    array = np.asarray(result)
    return 255 - array if rng.random() < 0.25 else array


def tight_crop(digit: np.ndarray, low_resolution: int | None = None, size: int = 96) -> np.ndarray:
    """An ink-bright digit cropped to its ink box, dark on white, optionally shrunk first, enlarged to `size`."""
    rows, cols = np.nonzero(digit > 0)
    crop = Image.fromarray(255 - digit[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1])
    if low_resolution:
        crop = crop.resize((low_resolution, low_resolution), Image.Resampling.BOX)
    return np.asarray(crop.resize((size, size), Image.Resampling.BICUBIC))


def block_counts(digit: np.ndarray) -> np.ndarray:
    """An ink-bright digit scanned the way NIST made the optical-digits set (digitpad.engine.data.augment's
    nist_block_counts at NIST's typical box width and ink share): an 8x8 image of counts 0-16 as uint8, ink bright."""
    ink = torch.from_numpy(digit).float()[None, None] / 255
    counts = nist_block_counts(ink, width=torch.tensor([NIST_WIDTH]), ink_share=torch.tensor([NIST_INK_SHARE]))
    return (counts[0, 0].numpy() * 255).round().astype(np.uint8)


def block_scan(digit: np.ndarray, size: int = 96) -> np.ndarray:
    """The block counts of an ink-bright digit (see block_counts) enlarged to `size`, dark on white."""
    scan = Image.fromarray(255 - block_counts(digit))
    return np.asarray(scan.resize((size, size), Image.Resampling.BICUBIC))


def scan_on_paper(counts: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """An 8x8 ink-bright scan enlarged to MNIST's 20 px, small and off-centre on noisy grey paper."""
    digit = np.zeros((28, 28), dtype=np.uint8)
    digit[4:24, 4:24] = np.asarray(Image.fromarray(counts).resize((20, 20), Image.Resampling.BICUBIC))
    return photograph(digit, rng)


def mnist_block_scans(count: int = 300) -> Iterator[Sample]:
    """MNIST test digits 7,000 on, scanned NIST's way into 8x8 block counts (see block_scan)."""
    images, labels = _mnist_test()
    for index in range(7000, 7000 + count):
        yield block_scan(images[index]), int(labels[index])


def mnist_block_scans_on_paper(count: int = 300) -> Iterator[Sample]:
    """MNIST test digits 7,300 on, scanned NIST's way, then small and off-centre on noisy grey paper."""
    images, labels = _mnist_test()
    for index in range(7300, 7300 + count):
        yield scan_on_paper(block_counts(images[index]), np.random.default_rng(SEED * 5 + index)), int(labels[index])


def mnist_paper(count: int = 1000) -> Iterator[Sample]:
    """The last `count` MNIST test digits, each photographed differently."""
    images, labels = _mnist_test()
    for index in range(len(images) - count, len(images)):
        yield photograph(images[index], np.random.default_rng(SEED + index)), int(labels[index])


def mnist_tight(count: int = 300, low_resolution: int | None = None) -> Iterator[Sample]:
    """MNIST test digits 8,000 on, cropped tight to their ink (from an 8x8 scan when `low_resolution`)."""
    images, labels = _mnist_test()
    for index in range(8000, 8000 + count):
        yield tight_crop(images[index], low_resolution), int(labels[index])


def optdigits_tight(split: str = "test", count: int = 1797) -> Iterator[Sample]:
    """Other writers' 8x8 scans, enlarged as they are (the optical-digits bitmaps are cropped to the digit)."""
    images, labels = _optdigits(split)
    for image, label in zip(images[:count], labels[:count], strict=True):
        yield enlarge(image), int(label)


def optdigits_paper(split: str = "test", count: int = 1797) -> Iterator[Sample]:
    """Other writers' digits small and off-centre on noisy grey paper (each 8x8 scan enlarged to MNIST's 20 px)."""
    images, labels = _optdigits(split)
    seed = SEED * 7 if split == "test" else SEED * 11  # a page of its own per file
    for index, (image, label) in enumerate(zip(images[:count], labels[:count], strict=True)):
        yield scan_on_paper(image, np.random.default_rng(seed + index)), int(label)


# --- drawn through the canvas ------------------------------------------------------------------------------
def _arc(cx: float, cy: float, rx: float, ry: float, start: float, end: float, steps: int = 16) -> Stroke:
    return arc(cx, cy, rx, ry, start, end, steps)  # the evaluation's templates were written with 16 by default


# Stroke templates in a unit box (x right, y down): a digit as a list of strokes, one or more ways per digit.
PLAIN: dict[int, list[list[Stroke]]] = {
    0: [[_arc(0.5, 0.5, 0.22, 0.32, -90, 270, 28)]],
    1: [[[(0.5, 0.18), (0.5, 0.82)]], [[(0.45, 0.26), (0.52, 0.18), (0.52, 0.82)]]],
    2: [[_arc(0.5, 0.36, 0.2, 0.17, 200, 380) + [(0.3, 0.8), (0.72, 0.8)]]],
    3: [[_arc(0.48, 0.34, 0.2, 0.16, 200, 450) + _arc(0.48, 0.66, 0.22, 0.17, -90, 160)[1:]]],
    4: [[[(0.58, 0.18), (0.28, 0.62), (0.76, 0.62)], [(0.6, 0.4), (0.6, 0.84)]],
        [[(0.32, 0.2), (0.3, 0.55), (0.72, 0.55)], [(0.64, 0.2), (0.64, 0.84)]]],
    5: [[[(0.7, 0.2), (0.36, 0.2), (0.33, 0.47)] + _arc(0.5, 0.62, 0.2, 0.18, 220, 500)[:14]]],
    6: [[[(0.64, 0.18)] + _arc(0.5, 0.63, 0.2, 0.19, 190, 550, 24)]],
    7: [[[(0.28, 0.22), (0.72, 0.22), (0.44, 0.84)]], [[(0.28, 0.22), (0.72, 0.22), (0.44, 0.84)],
                                                    [(0.4, 0.52), (0.66, 0.52)]]],
    8: [[_arc(0.5, 0.33, 0.16, 0.15, 90, 450, 20) + _arc(0.5, 0.66, 0.2, 0.17, -90, 270, 24)]],
    9: [[_arc(0.5, 0.36, 0.19, 0.16, 0, 360, 22) + [(0.69, 0.36), (0.62, 0.84)]]],
}  # fmt: skip

# Writing styles MNIST has few of (tune part): the continental 1 and 7, open 4s, straight 9s, looped 2s.
TUNE_STYLES: dict[str, tuple[int, list[Stroke]]] = {
    "1 with a long flag": (1, [[(0.36, 0.34), (0.56, 0.16), (0.56, 0.84)]]),
    "1 with flag and base": (1, [[(0.4, 0.3), (0.55, 0.16), (0.55, 0.82)], [(0.38, 0.84), (0.72, 0.84)]]),
    "7 with a crossbar": (7, [[(0.26, 0.2), (0.74, 0.2), (0.46, 0.84)], [(0.36, 0.52), (0.68, 0.52)]]),
    "7 with a hooked top": (7, [[(0.26, 0.3), (0.28, 0.2), (0.74, 0.2), (0.44, 0.84)]]),
    "4 open at the top": (4, [[(0.3, 0.16), (0.26, 0.58), (0.76, 0.58)], [(0.62, 0.3), (0.62, 0.86)]]),
    "4 in two strokes": (4, [[(0.58, 0.16), (0.22, 0.62), (0.8, 0.62)], [(0.6, 0.3), (0.6, 0.86)]]),
    "9 with a straight stem": (9, [_arc(0.46, 0.34, 0.18, 0.16, 0, 360, 22), [(0.64, 0.2), (0.64, 0.86)]]),
    "2 with a loop": (2, [_arc(0.5, 0.34, 0.2, 0.16, 190, 380)
                          + [(0.34, 0.74), (0.28, 0.82), (0.36, 0.86), (0.42, 0.78), (0.4, 0.84), (0.74, 0.84)]]),
}  # fmt: skip

# The report part's styles, written separately (other shapes, other proportions); never tuned on.
REPORT_STYLES: dict[str, tuple[int, list[Stroke]]] = {
    "1 with a short steep flag": (1, [[(0.42, 0.3), (0.52, 0.14), (0.5, 0.86)]]),
    "1 with a flag, slanted": (1, [[(0.34, 0.4), (0.6, 0.14), (0.48, 0.86)]]),
    "7 crossed, curved stem": (7, [[(0.24, 0.24), (0.76, 0.22), (0.62, 0.46), (0.52, 0.66), (0.48, 0.86)],
                                   [(0.3, 0.54), (0.72, 0.52)]]),
    "4 open, long arm": (4, [[(0.36, 0.14), (0.22, 0.6), (0.82, 0.6)], [(0.66, 0.36), (0.66, 0.88)]]),
    "4 closed, two strokes": (4, [[(0.66, 0.86), (0.66, 0.14), (0.2, 0.66), (0.82, 0.66)]]),
    "9 straight stem, small head": (9, [_arc(0.5, 0.3, 0.15, 0.13, -10, 360, 20), [(0.65, 0.26), (0.65, 0.88)]]),
    "2 with a loop, flat base": (2, [[(0.3, 0.3)] + _arc(0.5, 0.32, 0.2, 0.15, 200, 380)[1:]
                                     + [(0.3, 0.82), (0.42, 0.72), (0.44, 0.84), (0.78, 0.84)]]),
    "3 with a flat top": (3, [[(0.28, 0.18), (0.72, 0.18), (0.46, 0.44)] + _arc(0.48, 0.64, 0.22, 0.2, -70, 150)]),
    "6 with a straight back": (6, [[(0.6, 0.14), (0.34, 0.6)] + _arc(0.5, 0.68, 0.17, 0.16, 180, 540, 20)]),
    "8 as two circles": (8, [_arc(0.5, 0.32, 0.15, 0.15, 0, 360, 18), _arc(0.5, 0.67, 0.19, 0.18, -90, 270, 20)]),
    "5 in two strokes": (5, [[(0.36, 0.18), (0.32, 0.46)] + _arc(0.48, 0.63, 0.2, 0.19, 230, 500)[:13],
                             [(0.36, 0.18), (0.72, 0.18)]]),
    "0 narrow and tall": (0, [_arc(0.5, 0.5, 0.14, 0.34, -100, 265, 28)]),
}  # fmt: skip


@dataclass(frozen=True)
class DrawingPlan:
    """How a family varies each drawing: brush (canvas slider units), size, slant, rotation and position."""

    brushes: tuple[int, int] = (10, 40)
    scale: tuple[float, float] = (0.6, 1.15)
    slant: float = 0.0  # the largest shear, x per unit of y
    rotation: float = 12.0  # degrees
    shift: float = 0.18  # of the canvas


def draw_on_canvas(
    templates: list[tuple[int, list[Stroke]]], per_template: int, plan: DrawingPlan, seed: int
) -> Iterator[Sample]:
    """(uint8 canvas snapshot, label) drawn with mouse events through the real DrawCanvas (offscreen Qt)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from digitpad.gui.shared.drawing import Drawing
    from digitpad.gui.widgets.canvas import DrawCanvas
    from tests.gui_helpers import draw_stroke, interpolate

    app = QApplication.instance() or QApplication([])
    canvas = DrawCanvas(Drawing())
    canvas.resize(320, 320)
    rng = np.random.default_rng(seed)
    for label, strokes in templates:
        for _sample in range(per_template):
            canvas.drawing.clear()
            canvas.drawing.brush_size = int(rng.integers(*plan.brushes, endpoint=True))
            angle, scale = math.radians(rng.uniform(-plan.rotation, plan.rotation)), rng.uniform(*plan.scale)
            shear, shift = rng.uniform(-plan.slant, plan.slant), rng.uniform(-plan.shift, plan.shift, 2)
            for stroke in strokes:
                points = []
                for x, y in interpolate(stroke, per_segment=4):
                    x, y = (x - 0.5 + shear * (0.5 - y)) * scale, (y - 0.5) * scale
                    x, y = x * math.cos(angle) - y * math.sin(angle), x * math.sin(angle) + y * math.cos(angle)
                    wobble = rng.normal(0, 0.006, 2)
                    points.append(tuple(np.clip((x + 0.5 + shift[0], y + 0.5 + shift[1]) + wobble, 0.02, 0.98)))
                draw_stroke(canvas, points)
            app.processEvents()
            yield canvas.drawing.snapshot(), label  # what the Draw view gives the models


def canvas_plain(per_digit: int = 30) -> Iterator[Sample]:
    """Each digit's plain templates (MNIST's own styles), drawn the way people draw with a mouse."""
    templates = [(digit, variants[i % len(variants)]) for digit, variants in PLAIN.items() for i in range(per_digit)]
    return draw_on_canvas(templates, 1, DrawingPlan(), SEED)


def canvas_styles(styles: dict[str, tuple[int, list[Stroke]]], per_style: int, plan: DrawingPlan, seed: int):
    return draw_on_canvas(list(styles.values()), per_style, plan, seed)


@dataclass(frozen=True)
class Family:
    part: str  # tune | report
    description: str
    samples: Callable[[], Iterator[Sample]]


THIN_AND_BOLD = DrawingPlan(brushes=(6, 48), scale=(0.45, 1.1), slant=0.3, rotation=10.0, shift=0.22)
FAMILIES: dict[str, Family] = {
    "mnist-paper": Family("tune", "MNIST test digits photographed and scanned", lambda: mnist_paper(1000)),
    "mnist-tight": Family("tune", "MNIST test digits cropped tight, dark on white, 96 px", lambda: mnist_tight(300)),
    "mnist-lowres": Family("tune", "the same from an 8x8 scan (very soft edges)", lambda: mnist_tight(300, 8)),
    "mnist-blockscan": Family("tune", "the same scanned NIST's way: upright, stretched, evened, 4x4 blocks",
                              lambda: mnist_block_scans(300)),
    "mnist-blockscan-paper": Family("tune", "the same block scans small and off-centre on noisy grey paper",
                                    lambda: mnist_block_scans_on_paper(300)),
    "canvas-plain": Family("tune", "plain digits drawn with the mouse on the canvas", lambda: canvas_plain(30)),
    "canvas-styles": Family("tune", "continental 1s and 7s, open 4s, straight 9s, looped 2s, on the canvas",
                            lambda: canvas_styles(TUNE_STYLES, 25, THIN_AND_BOLD, SEED + 1)),
    "optdigits-tune-tight": Family("tune", "1,000 8x8 scans by the 30 writers the app trains on, enlarged",
                                   lambda: optdigits_tight("tune", 1000)),
    "optdigits-tune-paper": Family("tune", "the same digits small and off-centre on noisy grey paper",
                                   lambda: optdigits_paper("tune", 1000)),
    "optdigits-tight": Family("report", "13 more writers' 8x8 scans (UCI test file), enlarged",
                              lambda: optdigits_tight()),
    "optdigits-paper": Family("report", "the 13 writers' digits small and off-centre on noisy grey paper",
                              lambda: optdigits_paper()),
    "canvas-styles-report": Family("report", "other styles, sizes, slants and brushes, on the canvas",
                                   lambda: canvas_styles(REPORT_STYLES, 20, THIN_AND_BOLD, SEED + 2)),
}  # fmt: skip


@dataclass(frozen=True)
class Score:
    right: int
    total: int
    no_digit: int  # answered "no digit found"

    @property
    def accuracy(self) -> float:
        return self.right / max(self.total, 1)


def score(predictor: Predictor, samples: Iterator[Sample]) -> Score:
    """Each sample preprocessed as the app does, then the digits found read in one batch (the same answers as one
    at a time, in a fraction of the time)."""
    inputs, labels, total = [], [], 0
    for image, label in samples:
        model_input = preprocess(image)
        total += 1
        if model_input is not None:
            inputs.append(model_input)
            labels.append(label)
    answers = predictor.probabilities(np.stack(inputs)).argmax(1) if inputs else np.zeros(0, dtype=np.int64)
    return Score(int((answers == np.asarray(labels)).sum()), total, total - len(inputs))


def score_as_numbers(predictor: Predictor, samples: Iterator[Sample]) -> tuple[Score, int]:
    """Each sample read as a number is (`read_number`, what `predict` and the Draw view now do): right when it
    reads as its one digit; also how many read as several digits (a digit split in two)."""
    right = total = none = several = 0
    for image, label in samples:
        reading = read_number(image, predictor)
        total += 1
        none += reading is None
        several += reading is not None and len(reading.digits) > 1
        right += reading is not None and reading.text == str(label)
    return Score(right, total, none), several


def accuracy(predictor: Predictor, samples: Iterator[Sample]) -> tuple[float, int]:
    result = score(predictor, samples)
    return result.accuracy, result.total


class EvaluationSet:
    """The chosen families generated once (drawing through the canvas takes a while), then used for any models."""

    def __init__(self, families: list[str] | None = None) -> None:
        self.samples = {name: list(FAMILIES[name].samples()) for name in families or FAMILIES}

    def evaluate(self, model: str | None) -> dict[str, Score]:
        predictor = Predictor(resolve_model(model))
        return {name: score(predictor, iter(samples)) for name, samples in self.samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", nargs="*", default=[None], help="model names or paths (default: the default)")
    parser.add_argument("--families", nargs="*", choices=list(FAMILIES), help="default: every family")
    parser.add_argument("--save", type=Path, help="also write the first samples of each family as PNGs here")
    parser.add_argument("--as-numbers", action="store_true",
                        help="read each image as a number (as predict and the Draw view do)")  # fmt: skip
    args = parser.parse_args()
    evaluation = EvaluationSet(args.families)
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        for name, samples in evaluation.samples.items():
            for number, (image, label) in enumerate(samples[:: max(1, len(samples) // 24)][:24]):
                Image.fromarray(image).save(args.save / f"{name}-{number:02d}-label{label}.png")
    for model in args.model:
        if args.as_numbers:
            predictor = Predictor(resolve_model(model))
            for name, samples in evaluation.samples.items():
                result, several = score_as_numbers(predictor, iter(samples))
                print(json.dumps({"model": model, "family": name, "part": FAMILIES[name].part, "read_as": "number",
                                  "accuracy": result.accuracy, "images": result.total, "no_digit": result.no_digit,
                                  "read_as_several_digits": several}))  # fmt: skip
            continue
        for name, result in evaluation.evaluate(model).items():
            print(json.dumps({"model": model, "family": name, "part": FAMILIES[name].part,
                              "accuracy": result.accuracy, "images": result.total,
                              "no_digit": result.no_digit}))  # fmt: skip


if __name__ == "__main__":
    main()
