"""Synthetic training digits in the writing styles MNIST has few of: the continental 1 and 7, open 4s, ...

MNIST's writers were American: its 1s are mostly a bare stroke, its 7s uncrossed, its 4s closed. A model trained
on it alone reads a 1 with a long flag as a 7. These digits are drawn from stroke templates (several per digit,
continental and American), each with random proportions, slant, rotation, wobble and pen width, rendered
like a drawing and put through the same preprocessing as the canvas, so they look like what the models read.
The templates here are written apart from the evaluation's (`training/handwriting_eval.py`), which never
trains anything.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
from PIL import Image, ImageDraw

from digitpad.engine.data.digit_cache import Digits, cached_digits
from digitpad.engine.data.preprocess import preprocess

Stroke = list[tuple[float, float]]
RENDER_SIZE = 112  # pixels: big enough for round joints, small enough to preprocess in about a millisecond
VERSION = 1  # of the templates and the drawing: cached sets of another version are drawn again


def arc(cx: float, cy: float, rx: float, ry: float, start: float, end: float, steps: int = 14) -> Stroke:
    """Points along an ellipse from `start` to `end` degrees (0 = right, 90 = down): a piece of a stroke."""
    return [(cx + rx * math.cos(math.radians(a)), cy + ry * math.sin(math.radians(a)))
            for a in np.linspace(start, end, steps)]  # fmt: skip


# digit -> its ways of writing, each a list of strokes in a unit box (x right, y down)
TEMPLATES: dict[int, list[list[Stroke]]] = {
    0: [[arc(0.5, 0.5, 0.24, 0.34, -90, 275, 26)], [arc(0.5, 0.5, 0.15, 0.36, -80, 290, 26)]],
    1: [[[(0.5, 0.15), (0.5, 0.85)]],
        [[(0.4, 0.3), (0.54, 0.15), (0.54, 0.85)]],
        [[(0.3, 0.38), (0.56, 0.15), (0.56, 0.85)]],
        [[(0.36, 0.32), (0.55, 0.15), (0.55, 0.85)], [(0.36, 0.85), (0.74, 0.85)]]],
    2: [[arc(0.5, 0.34, 0.22, 0.18, 190, 375) + [(0.28, 0.84), (0.76, 0.84)]],
        [arc(0.5, 0.34, 0.21, 0.18, 190, 375) + [(0.32, 0.76), (0.26, 0.84), (0.36, 0.88), (0.4, 0.8),
                                                  (0.44, 0.86), (0.76, 0.85)]],
        [[(0.28, 0.24), (0.7, 0.18), (0.7, 0.4), (0.28, 0.84), (0.76, 0.84)]]],
    3: [[arc(0.48, 0.33, 0.21, 0.17, 200, 450) + arc(0.48, 0.67, 0.23, 0.18, -90, 160)[1:]],
        [[(0.26, 0.16), (0.72, 0.16), (0.44, 0.44)] + arc(0.48, 0.65, 0.23, 0.2, -75, 155)]],
    4: [[[(0.58, 0.15), (0.24, 0.62), (0.8, 0.62)], [(0.62, 0.36), (0.62, 0.87)]],
        [[(0.32, 0.15), (0.26, 0.58), (0.78, 0.58)], [(0.64, 0.24), (0.64, 0.87)]],
        [[(0.66, 0.87), (0.66, 0.15), (0.22, 0.64), (0.8, 0.64)]]],
    5: [[[(0.36, 0.16), (0.33, 0.46)] + arc(0.48, 0.63, 0.21, 0.2, 230, 500)[:12], [(0.36, 0.16), (0.74, 0.16)]],
        [[(0.74, 0.16), (0.36, 0.16), (0.33, 0.46)] + arc(0.48, 0.63, 0.21, 0.2, 230, 500)[:12]]],
    6: [[[(0.66, 0.15)] + arc(0.5, 0.64, 0.21, 0.2, 190, 550, 22)],
        [[(0.62, 0.12), (0.34, 0.58)] + arc(0.5, 0.68, 0.18, 0.17, 180, 540, 20)]],
    7: [[[(0.26, 0.18), (0.74, 0.18), (0.44, 0.86)]],
        [[(0.26, 0.18), (0.74, 0.18), (0.44, 0.86)], [(0.34, 0.52), (0.7, 0.52)]],
        [[(0.24, 0.3), (0.28, 0.18), (0.74, 0.18), (0.46, 0.86)], [(0.36, 0.5), (0.68, 0.5)]],
        [[(0.26, 0.2), (0.74, 0.18), (0.6, 0.44), (0.5, 0.66), (0.48, 0.86)]]],
    8: [[arc(0.5, 0.32, 0.17, 0.16, 90, 450, 18) + arc(0.5, 0.67, 0.21, 0.18, -90, 270, 22)],
        [arc(0.5, 0.31, 0.16, 0.15, 0, 360, 16), arc(0.5, 0.67, 0.2, 0.18, -90, 270, 18)]],
    9: [[arc(0.48, 0.34, 0.19, 0.17, 0, 360, 20), [(0.67, 0.2), (0.67, 0.87)]],
        [arc(0.5, 0.35, 0.19, 0.16, 0, 360, 20) + [(0.69, 0.36), (0.6, 0.87)]],
        [[(0.68, 0.36)] + arc(0.5, 0.34, 0.18, 0.16, 0, 355, 20) + [(0.68, 0.3), (0.66, 0.87)]]],
}  # fmt: skip


def _smooth(points: np.ndarray, rounds: int = 2) -> np.ndarray:
    """Chaikin's corner cutting: a polyline through jittered points becomes a pen-like curve."""
    for _ in range(rounds):
        if len(points) < 3:
            break
        a, b = points[:-1], points[1:]
        cut = np.empty((2 * len(a), 2))
        cut[0::2], cut[1::2] = 0.75 * a + 0.25 * b, 0.25 * a + 0.75 * b
        points = np.vstack((points[:1], cut, points[-1:]))
    return points


def draw_digit(strokes: list[Stroke], rng: np.random.Generator) -> np.ndarray:
    """One drawing of a template, dark on white at RENDER_SIZE, with this writer's proportions and pen."""
    angle = math.radians(rng.uniform(-12, 12))
    shear = rng.uniform(-0.35, 0.35)
    scale = np.array([rng.uniform(0.6, 1.1), rng.uniform(0.8, 1.1)])
    rotation = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    width = max(2, round(RENDER_SIZE * rng.uniform(0.035, 0.15)))
    image = Image.new("L", (RENDER_SIZE, RENDER_SIZE), 255)
    draw = ImageDraw.Draw(image)
    for stroke in strokes:
        points = np.asarray(stroke, dtype=float) + rng.normal(0, 0.02, (len(stroke), 2))
        points -= 0.5
        points[:, 0] += shear * -points[:, 1]
        points = (points * scale) @ rotation.T * 0.8 + 0.5
        pixels = [tuple(p) for p in _smooth(points) * RENDER_SIZE]
        draw.line(pixels, fill=0, width=width, joint="curve")
        for x, y in (pixels[0], pixels[-1]):  # round pen ends
            draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=0)
    return np.asarray(image)


@cache
def synthetic_digits(count: int, seed: int = 0) -> Digits:
    """`count` digits (uint8 (N, 28, 28), ink bright as in MNIST) and their labels, the same for the same seed.

    Labels cycle through 0-9 and each digit's templates take turns, so every style is equally represented.
    Drawing takes about 2 ms a digit, so a set is kept in the user cache folder for the next run.
    """
    return cached_digits(f"styles-v{VERSION}-{count}-{seed}", lambda: _draw_set(count, seed))


def _draw_set(count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    images = np.zeros((count, 28, 28), dtype=np.uint8)
    labels = np.arange(count, dtype=np.uint8) % 10
    for index, label in enumerate(labels):
        variants = TEMPLATES[int(label)]
        model_input = None
        while model_input is None:  # a pen too wide for a tiny digit may leave a blob; draw again
            model_input = preprocess(draw_digit(variants[(index // 10) % len(variants)], rng))
        images[index] = np.round(model_input * 255).astype(np.uint8)
    return images, labels
