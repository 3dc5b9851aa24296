"""What is not a digit, and how well cheap scores tell it from digits: the measurement issue 31 starts from.

python -m training.not_a_digit_eval [--model NAME] [--count 300]

Every model answers one of ten digits whatever it is shown. This script makes things that are not digits, reads
them and real digits with a model, and scores each image three ways, all computed from one forward pass:
- `max_probability`: the softmax's largest share (low: not a digit);
- `energy`: logsumexp of the logits (Liu et al., 2020; low: not a digit);
- `mahalanobis`: minus the least distance of the penultimate layer's features to a digit's mean, under one shared
  covariance, both from 10,000 MNIST training digits (Lee et al., 2018; low: not a digit).
For each score the threshold is set so that 1% of the *tune* digits (MNIST test, the canvas's plain digits) fall
below it (for energy and Mahalanobis together, 0.5% each, an image caught when either is low); then the share of
each family below it is printed: caught, for the non-digits, rejected wrongly, for the digits.

Non-digits, each in a tune and a report part that share no source:
- `glyphs`: letters and symbols no one would read as a digit (no O, l, I, S, Z, B, g, q, ...), typeset in DejaVu
  (tune) or in Noto and the URW fonts (report), dark on white, tilted a little;
- `doodles`: shapes drawn with a round pen as on the canvas: tune, a smiley, a star, a heart, a house; report, a
  spiral, a cloud, a fish, a grid;
- `scribbles`: random pen walks: tune, smooth loops; report, zigzags.
Digits: tune, MNIST's test digits and the canvas's plain ones; report, the UCI optical-digits test writers and
the canvas styles of the report part (training/handwriting_eval.py).
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageDraw, ImageFont

from digitpad.engine.data.loading import DATASETS, dataset_dir, read_split
from digitpad.engine.data.preprocess import preprocess
from digitpad.engine.reading.predictor import Predictor
from digitpad.engine.store.catalog import resolve_model
from training.handwriting_eval import FAMILIES

FONTS = Path("/usr/share/fonts")
TUNE_FONTS = sorted((FONTS / "truetype" / "dejavu").glob("DejaVu[SM]*.ttf"))
REPORT_FONTS = sorted((FONTS / "truetype" / "noto").glob("*.ttf")) + [
    FONTS / "X11" / "Type1" / f"{name}.pfb"
    for name in ("NimbusSans-Regular", "NimbusRoman-Regular", "C059-Roman", "P052-Italic", "URWBookman-Light")
]
GLYPHS = "ACDEFHJKMNPRTUVWXYacdefhkmnprtuvwxy%?#@&*+=$!<>~{}€£¥§¶∞√πΣΩµ"
SIZE = 200  # px: the paper each non-digit is drawn on
Image_ = np.ndarray


def glyphs(part: str, count: int, rng: np.random.Generator) -> Iterator[Image_]:
    fonts = [path for path in (TUNE_FONTS if part == "tune" else REPORT_FONTS) if path.exists()]
    for _ in range(count):
        font = ImageFont.truetype(str(fonts[int(rng.integers(len(fonts)))]), int(rng.integers(90, 150)))
        paper = Image.new("L", (SIZE, SIZE), 255)
        ImageDraw.Draw(paper).text((SIZE / 2, SIZE / 2), str(rng.choice(list(GLYPHS))), fill=0, font=font, anchor="mm")
        yield np.asarray(paper.rotate(float(rng.uniform(-12, 12)), fillcolor=255))


def _pen(strokes: list[list[tuple[float, float]]], rng: np.random.Generator) -> Image_:
    """Strokes in the unit square drawn with a round pen, jittered, on white paper."""
    paper = Image.new("L", (SIZE, SIZE), 255)
    pen = ImageDraw.Draw(paper)
    width = int(rng.integers(8, 22))
    for stroke in strokes:
        points = [(20 + (x + rng.normal(0, 0.01)) * 160, 20 + (y + rng.normal(0, 0.01)) * 160) for x, y in stroke]
        pen.line(points, fill=0, width=width, joint="curve")
        for x, y in (points[0], points[-1]):
            pen.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=0)
    return np.asarray(paper)


def _circle(cx: float, cy: float, r: float, start: float = 0, end: float = 2 * math.pi) -> list[tuple[float, float]]:
    return [(cx + r * math.cos(a), cy + r * math.sin(a)) for a in np.linspace(start, end, 40)]


def _shapes(part: str) -> list[Callable[[np.random.Generator], list[list[tuple[float, float]]]]]:
    if part == "tune":
        return [
            lambda r: [_circle(0.5, 0.5, 0.45), _circle(0.35, 0.38, 0.04), _circle(0.65, 0.38, 0.04),
                       _circle(0.5, 0.5, 0.28, 0.3, math.pi - 0.3)],
            lambda r: [[(0.5 + 0.48 * math.sin(k * 4 * math.pi / 5), 0.52 - 0.48 * math.cos(k * 4 * math.pi / 5))
                        for k in range(6)]],
            lambda r: [[(0.5, 0.9), (0.1, 0.45), (0.2, 0.15), (0.5, 0.35), (0.8, 0.15), (0.9, 0.45), (0.5, 0.9)]],
            lambda r: [[(0.1, 0.45), (0.5, 0.05), (0.9, 0.45), (0.9, 0.95), (0.1, 0.95), (0.1, 0.45), (0.9, 0.45)]],
        ]  # fmt: skip
    return [
        lambda r: [[(0.5 + t / 30 * math.cos(t), 0.5 + t / 30 * math.sin(t)) for t in np.linspace(0, 14, 80)]],
        lambda r: [_circle(0.3, 0.6, 0.2, 0.5 * math.pi, 1.5 * math.pi) + _circle(0.5, 0.4, 0.22, math.pi, 2 * math.pi)
                   + _circle(0.72, 0.6, 0.2, 1.5 * math.pi, 2.5 * math.pi) + [(0.3, 0.8)]],
        lambda r: [_circle(0.45, 0.5, 0.32, 0.2 * math.pi, 1.8 * math.pi) + [(0.95, 0.25), (0.95, 0.75), (0.7, 0.38)]],
        lambda r: [[(0.1, y), (0.9, y)] for y in (0.2, 0.5, 0.8)] + [[(x, 0.1), (x, 0.9)] for x in (0.2, 0.5, 0.8)],
    ]  # fmt: skip


def doodles(part: str, count: int, rng: np.random.Generator) -> Iterator[Image_]:
    shapes = _shapes(part)
    for index in range(count):
        yield _pen(shapes[index % len(shapes)](rng), rng)


def scribbles(part: str, count: int, rng: np.random.Generator) -> Iterator[Image_]:
    for _ in range(count):
        if part == "tune":  # smooth loops: a random walk of the heading
            heading, x, y, points = float(rng.uniform(0, 6.3)), 0.5, 0.5, []
            for _step in range(60):
                heading += float(rng.normal(0, 0.5))
                x, y = (
                    float(np.clip(x + 0.04 * math.cos(heading), 0, 1)),
                    float(np.clip(y + 0.04 * math.sin(heading), 0, 1)),
                )
                points.append((x, y))
        else:  # zigzags: straight strokes to random points
            points = [(float(a), float(b)) for a, b in rng.uniform(0, 1, (int(rng.integers(5, 12)), 2))]
        yield _pen([points], rng)


def digits(part: str, count: int) -> dict[str, Iterator[Image_]]:
    if part == "tune":
        images, _ = read_split(dataset_dir("mnist"), "test", DATASETS["mnist"])
        return {
            "mnist-test": iter(255 - images[:count]),
            "canvas-plain": (s[0] for s in FAMILIES["canvas-plain"].samples()),
        }
    return {name: (s[0] for s in FAMILIES[name].samples()) for name in ("optdigits-tight", "canvas-styles-report")}


class Scorer:
    """The three scores of `model` for 28x28 inputs, from one pass: logits and the penultimate features."""

    def __init__(self, predictor: Predictor) -> None:
        self.predictor = predictor
        self.body, self.head = predictor.model[:-1], predictor.model[-1]
        images, labels = read_split(dataset_dir("mnist"), "train", DATASETS["mnist"])
        features = self._features(images[:10000].astype(np.float32) / 255)
        self.means = np.stack([features[labels[:10000] == d].mean(0) for d in range(10)])
        centred = features - self.means[labels[:10000]]
        self.precision = np.linalg.pinv(centred.T @ centred / len(centred) + 1e-3 * np.eye(centred.shape[1]))

    def _features(self, inputs: np.ndarray) -> np.ndarray:
        with torch.inference_mode():
            return self.body(self.predictor.checkpoint.model_batch(inputs)).flatten(1).numpy()

    def scores(self, inputs: np.ndarray) -> dict[str, np.ndarray]:
        features = self._features(inputs)
        with torch.inference_mode():
            logits = self.head(torch.from_numpy(features)).numpy()
        shifted = logits - logits.max(1, keepdims=True)
        probabilities = np.exp(shifted) / np.exp(shifted).sum(1, keepdims=True)
        gaps = features[:, None, :] - self.means[None]
        distances = np.einsum("nkd,de,nke->nk", gaps, self.precision, gaps)
        return {
            "max_probability": probabilities.max(1),
            "energy": logits.max(1) + np.log(np.exp(shifted).sum(1)),
            "mahalanobis": -distances.min(1),
        }


def _inputs(images: Iterator[Image_]) -> np.ndarray:
    kept = [made for made in (preprocess(image) for image in images) if made is not None]
    return np.stack(kept).astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="a model name or file (default: the default model)")
    parser.add_argument("--count", type=int, default=300, help="images per non-digit family (default: 300)")
    args = parser.parse_args()
    scorer = Scorer(Predictor(resolve_model(args.model)))
    families: dict[str, dict[str, np.ndarray]] = {}
    for part in ("tune", "report"):
        for name, make in (("glyphs", glyphs), ("doodles", doodles), ("scribbles", scribbles)):
            families[f"{part}-{name}"] = scorer.scores(_inputs(make(part, args.count, np.random.default_rng(31))))
        for name, images in digits(part, 2000).items():
            families[f"{part}-digits-{name}"] = scorer.scores(_inputs(images))
    tune_digits = [scores for name, scores in families.items() if name.startswith("tune-digits")]
    for chosen in (["max_probability"], ["energy"], ["mahalanobis"], ["energy", "mahalanobis"]):
        # several scores: each rejects its 0.5% of the tune digits, an image is caught when any score is low
        share = 0.01 / len(chosen)
        thresholds = {s: float(np.quantile(np.concatenate([d[s] for d in tune_digits]), share)) for s in chosen}
        below = {
            name: round(float(np.any([scores[s] < t for s, t in thresholds.items()], axis=0).mean()), 4)
            for name, scores in families.items()
        }
        print(json.dumps({"scores": chosen, "share_below": below}), flush=True)


if __name__ == "__main__":
    main()
