"""digitpad's evaluation set for handwriting that is not MNIST, and the accuracy of a model on it.

Two parts, both generated deterministically (nothing large is stored in the repo):
- "paper": MNIST test digits the models never trained on, rendered the way a scan or a phone photo shows them:
  enlarged 2-10x, thinner or thicker strokes, off-centre on a larger page, grey or white paper with uneven
  light and noise, blur, JPEG compression, and a quarter of them light-on-dark.
- "canvas": digits drawn through the real DrawCanvas with mouse events, from stroke templates of each digit
  with random slant, size, position, wobble and brush size, the way people draw with a mouse.

    python -m training.handwriting_eval [--model NAME_OR_PATH] [--count 1000]
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
from collections.abc import Iterator

import numpy as np
from PIL import Image, ImageFilter

from digitpad.engine.catalog import resolve_model
from digitpad.engine.datasets import DATASETS, dataset_dir, read_split
from digitpad.engine.predictor import Predictor

SEED = 2026


def paper_samples(count: int = 1000) -> Iterator[tuple[np.ndarray, int]]:
    """(uint8 page, label) for the last `count` MNIST test digits, each photographed differently."""
    images, labels = read_split(dataset_dir("mnist"), "test", DATASETS["mnist"])
    for index in range(len(images) - count, len(images)):
        rng = np.random.default_rng(SEED + index)
        yield _photograph(images[index], rng), int(labels[index])


def _photograph(digit: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    scale = float(rng.uniform(2, 10))
    size = round(28 * scale)
    ink = Image.fromarray(digit).resize((size, size), Image.Resampling.BICUBIC)
    width_change = int(rng.integers(-1, 3)) * 2 + 1  # a 1-7 px filter: thinner (-1), same, thicker
    steps = round(abs(width_change) * scale / 6)
    for _ in range(steps):
        ink = ink.filter(ImageFilter.MaxFilter(3) if width_change > 1 else ImageFilter.MinFilter(3))
    ink_array = np.asarray(ink, dtype=np.float32) / 255.0
    page_h, page_w = (round(size * float(rng.uniform(1.1, 2.2))) for _ in range(2))
    top, left = int(rng.integers(0, page_h - size + 1)), int(rng.integers(0, page_w - size + 1))
    page_ink = np.zeros((page_h, page_w), dtype=np.float32)
    page_ink[top : top + size, left : left + size] = ink_array
    paper = float(rng.uniform(0.55, 1.0))
    pen = float(rng.uniform(0.0, paper - 0.35))
    ramp = np.linspace(-1, 1, page_w, dtype=np.float32)[None, :] * float(rng.uniform(-0.12, 0.12))
    page = paper + ramp - (paper - pen) * page_ink
    page += rng.normal(0, float(rng.uniform(0, 0.05)), page.shape).astype(np.float32)
    result = Image.fromarray((np.clip(page, 0, 1) * 255).astype(np.uint8))
    result = result.filter(ImageFilter.GaussianBlur(float(rng.uniform(0, 0.25 * scale))))
    if rng.random() < 0.5:
        buffer = io.BytesIO()
        result.save(buffer, format="JPEG", quality=int(rng.integers(50, 95)))
        result = Image.open(io.BytesIO(buffer.getvalue()))
    array = np.asarray(result)
    return 255 - array if rng.random() < 0.25 else array


# Stroke templates in a unit box (x right, y down); each digit has one or two ways people draw it.
def _arc(cx, cy, rx, ry, start, end, steps=16):
    return [(cx + rx * math.cos(math.radians(a)), cy + ry * math.sin(math.radians(a)))
            for a in np.linspace(start, end, steps)]  # fmt: skip


TEMPLATES: dict[int, list[list[list[tuple[float, float]]]]] = {
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


def canvas_samples(per_digit: int = 30) -> Iterator[tuple[np.ndarray, int]]:
    """(uint8 canvas snapshot, label) drawn with mouse events through the real DrawCanvas (offscreen Qt)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from digitpad.gui.canvas import DrawCanvas
    from tests.gui_helpers import draw_stroke, interpolate

    app = QApplication.instance() or QApplication([])
    canvas = DrawCanvas()
    canvas.resize(320, 320)
    rng = np.random.default_rng(SEED)
    for digit, variants in TEMPLATES.items():
        for sample in range(per_digit):
            strokes = variants[sample % len(variants)]
            canvas.clear()
            canvas.set_brush_size(int(rng.integers(10, 40)))
            angle, scale = math.radians(rng.uniform(-12, 12)), rng.uniform(0.6, 1.15)
            shift = rng.uniform(-0.18, 0.18, 2)
            for stroke in strokes:
                points = []
                for x, y in interpolate(stroke, per_segment=4):
                    x, y = (x - 0.5) * scale, (y - 0.5) * scale
                    x, y = x * math.cos(angle) - y * math.sin(angle), x * math.sin(angle) + y * math.cos(angle)
                    points.append(tuple(np.clip((x + 0.5 + shift[0], y + 0.5 + shift[1]) + rng.normal(0, 0.006, 2),
                                                0.02, 0.98)))  # fmt: skip
                draw_stroke(canvas, points)
            app.processEvents()
            yield canvas.snapshot(), digit  # what the Draw view gives the models


def accuracy(predictor: Predictor, samples: Iterator[tuple[np.ndarray, int]]) -> tuple[float, int]:
    right = total = 0
    for image, label in samples:
        prediction = predictor.predict(image)
        right += prediction is not None and prediction.digit == label
        total += 1
    return right / total, total


class EvaluationSet:
    """Both parts generated once (it takes a while), then used to measure any number of models."""

    def __init__(self, count: int = 1000, per_digit: int = 30) -> None:
        self.paper = list(paper_samples(count))
        self.canvas = list(canvas_samples(per_digit))

    def evaluate(self, model: str | None) -> dict[str, object]:
        predictor = Predictor(resolve_model(model))
        paper, paper_count = accuracy(predictor, iter(self.paper))
        canvas, canvas_count = accuracy(predictor, iter(self.canvas))
        return {"model": model, "paper_accuracy": paper, "paper_images": paper_count, "canvas_accuracy": canvas,
                "canvas_images": canvas_count}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="a model name or path (default: the default model)")
    parser.add_argument("--count", type=int, default=1000, help="paper images (default 1000)")
    parser.add_argument("--save", help="also write a few samples of each part as PNGs into this folder")
    args = parser.parse_args()
    if args.save:
        os.makedirs(args.save, exist_ok=True)
        for part, samples in (("paper", paper_samples(12)), ("canvas", canvas_samples(2))):
            for number, (image, label) in enumerate(samples):
                Image.fromarray(image).save(os.path.join(args.save, f"{part}-{number:02d}-label{label}.png"))
    print(json.dumps(EvaluationSet(args.count).evaluate(args.model)))


if __name__ == "__main__":
    main()
