"""Things that are not digits, made here from scratch, in three parts that share no source (issue 31).

- **train**: what the digit-or-not judge (training/digit_or_not.py) learns from. Letters and symbols typeset in
  the Liberation fonts; letters and symbols drawn with a pen from stroke templates (`TRAIN_LETTERS`), each drawn
  the way the canvas's synthetic digits are (engine/data/styles.py: a writer's slant, proportions and pen);
  doodles made from random parts (polygons, stars, suns, faces, flowers, arrows, hatching); smooth scribbles.
- **tune**: what thresholds are chosen on. Letters and symbols in DejaVu; a smiley, a star, a heart, a house;
  smooth loops.
- **report**: only ever reported. Letters and symbols in Noto and the URW fonts; other letters and symbols drawn
  from their own templates (`REPORT_LETTERS`); a spiral, a cloud, a fish, a grid; zigzags; and the report's
  glyphs and drawn letters photographed (grey paper, uneven light, blur, noise).

Nothing a person could read as a digit is a non-digit here: no O, o, l, I, S, s, Z, z, B, b, G, g, q, D, U, J.
Every generator yields dark-on-white images at SIZE px, the same for the same seed.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from digitpad.engine.data.styles import arc, draw_digit

FONTS = Path("/usr/share/fonts")
PART_FONTS = {
    "train": sorted((FONTS / "truetype" / "liberation").glob("*.ttf")),
    "tune": sorted((FONTS / "truetype" / "dejavu").glob("DejaVu[SM]*.ttf")),
    "report": [path for family in ("NotoSans", "NotoSerif", "NotoMono")
               for path in sorted((FONTS / "truetype" / "noto").glob(f"{family}-*.ttf"))]
    + [FONTS / "X11" / "Type1" / f"{name}.pfb" for name in
       ("NimbusSans-Regular", "NimbusRoman-Regular", "C059-Roman", "P052-Italic", "URWBookman-Light")],
}  # fmt: skip
GLYPHS = "ACEFHKMNPRTVWXYacefhkmnprtuvwx%?#@&*+=$!<>~{}€£¥§¶∞√πΣΩµ"
SIZE = 200  # px: the paper each non-digit is drawn on
Strokes = list[list[tuple[float, float]]]
PARTS = ("train", "tune", "report")


def _line(*points: tuple[float, float]) -> list[tuple[float, float]]:
    return list(points)


# letters and symbols as a person draws them, in a unit box (x right, y down); the two sets share no character
TRAIN_LETTERS: dict[str, Strokes] = {
    "A": [_line((0.2, 0.9), (0.5, 0.1), (0.8, 0.9)), _line((0.32, 0.6), (0.68, 0.6))],
    "E": [_line((0.75, 0.1), (0.3, 0.1), (0.3, 0.9), (0.75, 0.9)), _line((0.3, 0.5), (0.65, 0.5))],
    "F": [_line((0.75, 0.1), (0.3, 0.1), (0.3, 0.9)), _line((0.3, 0.5), (0.65, 0.5))],
    "H": [_line((0.25, 0.1), (0.25, 0.9)), _line((0.75, 0.1), (0.75, 0.9)), _line((0.25, 0.5), (0.75, 0.5))],
    "K": [_line((0.3, 0.1), (0.3, 0.9)), _line((0.75, 0.1), (0.3, 0.55), (0.75, 0.9))],
    "M": [_line((0.15, 0.9), (0.2, 0.1), (0.5, 0.6), (0.8, 0.1), (0.85, 0.9))],
    "N": [_line((0.25, 0.9), (0.25, 0.1), (0.75, 0.9), (0.75, 0.1))],
    "T": [_line((0.15, 0.1), (0.85, 0.1)), _line((0.5, 0.1), (0.5, 0.9))],
    "W": [_line((0.1, 0.1), (0.3, 0.9), (0.5, 0.4), (0.7, 0.9), (0.9, 0.1))],
    "X": [_line((0.2, 0.1), (0.8, 0.9)), _line((0.8, 0.1), (0.2, 0.9))],
    "k": [_line((0.3, 0.1), (0.3, 0.9)), _line((0.7, 0.4), (0.3, 0.68), (0.7, 0.9))],
    "#": [_line((0.4, 0.1), (0.3, 0.9)), _line((0.7, 0.1), (0.6, 0.9)),
          _line((0.15, 0.35), (0.85, 0.35)), _line((0.15, 0.65), (0.85, 0.65))],
    "+": [_line((0.5, 0.15), (0.5, 0.85)), _line((0.15, 0.5), (0.85, 0.5))],
    "*": [_line((0.5, 0.15), (0.5, 0.85)), _line((0.2, 0.3), (0.8, 0.7)), _line((0.8, 0.3), (0.2, 0.7))],
    "?": [arc(0.5, 0.3, 0.22, 0.2, 180, 400) + [(0.5, 0.65)], _line((0.5, 0.85), (0.5, 0.88))],
    "=": [_line((0.15, 0.38), (0.85, 0.38)), _line((0.15, 0.62), (0.85, 0.62))],
    "h": [_line((0.3, 0.1), (0.3, 0.9)), [(0.3, 0.6)] + arc(0.5, 0.6, 0.2, 0.18, 180, 360) + [(0.7, 0.9)]],
    "m": [_line((0.15, 0.4), (0.15, 0.9)), [(0.15, 0.55)] + arc(0.32, 0.55, 0.17, 0.15, 180, 360) + [(0.49, 0.9)],
          [(0.49, 0.55)] + arc(0.66, 0.55, 0.17, 0.15, 180, 360) + [(0.83, 0.9)]],
    "r": [_line((0.35, 0.4), (0.35, 0.9)), [(0.35, 0.6)] + arc(0.55, 0.6, 0.2, 0.18, 180, 300)],
    "f": [arc(0.62, 0.25, 0.14, 0.15, 0, -180) + [(0.48, 0.9)], _line((0.3, 0.45), (0.68, 0.45))],
    "λ": [_line((0.25, 0.1), (0.75, 0.9)), _line((0.5, 0.45), (0.25, 0.9))],
    "Φ": [arc(0.5, 0.5, 0.3, 0.22, 0, 360), _line((0.5, 0.1), (0.5, 0.9))],
    "Ψ": [[(0.2, 0.2)] + arc(0.5, 0.3, 0.3, 0.25, 180, 0) + [(0.8, 0.2)], _line((0.5, 0.1), (0.5, 0.9))],
    "人": [_line((0.5, 0.1), (0.45, 0.5), (0.15, 0.9)), _line((0.47, 0.45), (0.85, 0.9))],
    "大": [_line((0.15, 0.35), (0.85, 0.35)), _line((0.5, 0.1), (0.45, 0.5), (0.15, 0.9)),
          _line((0.48, 0.5), (0.85, 0.9))],
    "中": [_line((0.2, 0.3), (0.2, 0.65)), _line((0.2, 0.3), (0.8, 0.3), (0.8, 0.65)), _line((0.2, 0.62), (0.8, 0.62)),
           _line((0.5, 0.1), (0.5, 0.95))],
    "山": [_line((0.5, 0.1), (0.5, 0.85)), _line((0.15, 0.4), (0.15, 0.85), (0.85, 0.85), (0.85, 0.4))],
    "木": [_line((0.1, 0.35), (0.9, 0.35)), _line((0.5, 0.1), (0.5, 0.95)), _line((0.5, 0.4), (0.15, 0.8)),
           _line((0.5, 0.4), (0.85, 0.8))],
}  # fmt: skip
REPORT_LETTERS: dict[str, Strokes] = {
    "P": [_line((0.3, 0.9), (0.3, 0.1)), [(0.3, 0.1)] + arc(0.45, 0.3, 0.25, 0.2, -90, 90) + [(0.3, 0.5)]],
    "R": [_line((0.3, 0.9), (0.3, 0.1)), [(0.3, 0.1)] + arc(0.45, 0.3, 0.25, 0.2, -90, 90) + [(0.3, 0.5)],
          _line((0.45, 0.5), (0.75, 0.9))],
    "V": [_line((0.2, 0.1), (0.5, 0.9), (0.8, 0.1))],
    "Y": [_line((0.2, 0.1), (0.5, 0.5), (0.8, 0.1)), _line((0.5, 0.5), (0.5, 0.9))],
    "x": [_line((0.25, 0.4), (0.75, 0.9)), _line((0.75, 0.4), (0.25, 0.9))],
    "n": [_line((0.3, 0.4), (0.3, 0.9)), [(0.3, 0.6)] + arc(0.5, 0.6, 0.2, 0.2, 180, 360) + [(0.7, 0.9)]],
    "w": [_line((0.1, 0.4), (0.3, 0.9), (0.5, 0.5), (0.7, 0.9), (0.9, 0.4))],
    "L": [_line((0.3, 0.1), (0.3, 0.9), (0.75, 0.9))],
    "%": [arc(0.3, 0.25, 0.12, 0.12, 0, 360), _line((0.8, 0.1), (0.2, 0.9)), arc(0.7, 0.75, 0.12, 0.12, 0, 360)],
    "&": [[(0.8, 0.9), (0.35, 0.35)] + arc(0.45, 0.25, 0.12, 0.15, 180, 360) + [(0.3, 0.6)]
          + arc(0.42, 0.72, 0.15, 0.18, 180, 340) + [(0.8, 0.55)]],
    "!": [_line((0.5, 0.1), (0.5, 0.65)), _line((0.5, 0.85), (0.5, 0.88))],
    "@": [arc(0.52, 0.52, 0.13, 0.15, 0, 360), [(0.65, 0.4), (0.66, 0.65)] + arc(0.5, 0.5, 0.38, 0.4, 20, 340)],
    "Σ": [_line((0.8, 0.15), (0.25, 0.15), (0.55, 0.5), (0.25, 0.85), (0.8, 0.85))],
    "π": [_line((0.15, 0.25), (0.85, 0.25)), _line((0.35, 0.25), (0.33, 0.85)), _line((0.65, 0.25), (0.7, 0.85))],
}  # fmt: skip


def _jitter(stroke: list[tuple[float, float]], rng: np.random.Generator) -> list[tuple[float, float]]:
    return [(float(x + rng.normal(0, 0.01)), float(y + rng.normal(0, 0.01))) for x, y in stroke]


def pen(strokes: Strokes, rng: np.random.Generator) -> np.ndarray:
    """Strokes in the unit square drawn with a round pen, jittered, on white paper."""
    paper = Image.new("L", (SIZE, SIZE), 255)
    drawing = ImageDraw.Draw(paper)
    width = int(rng.integers(8, 22))
    for stroke in strokes:
        points = [(20 + x * 160, 20 + y * 160) for x, y in _jitter(stroke, rng)]
        drawing.line(points, fill=0, width=width, joint="curve")
        for x, y in (points[0], points[-1]):
            drawing.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=0)
    return np.asarray(paper)


def typeset(text: str, part: str, rng: np.random.Generator) -> np.ndarray:
    """`text` in one of the part's fonts, at a random size, tilted a little."""
    fonts = [path for path in PART_FONTS[part] if path.exists()]
    font = ImageFont.truetype(str(fonts[int(rng.integers(len(fonts)))]), int(rng.integers(90, 150)))
    paper = Image.new("L", (SIZE, SIZE), 255)
    ImageDraw.Draw(paper).text((SIZE / 2, SIZE / 2), text, fill=0, font=font, anchor="mm")
    return np.asarray(paper.rotate(float(rng.uniform(-12, 12)), fillcolor=255))


def glyphs(part: str, count: int, rng: np.random.Generator) -> Iterator[np.ndarray]:
    for _ in range(count):
        yield typeset(str(rng.choice(list(GLYPHS))), part, rng)


def drawn(strokes: Strokes, index: int, rng: np.random.Generator) -> np.ndarray:
    """Strokes drawn in turns by a writer (a slant, proportions, a smoothed hand: engine/data/styles.py) and with a
    ruler-straight pen, as a mouse on the canvas draws them: digits and non-digits alike, so the judge learns
    their shapes, not their pens."""
    return draw_digit(strokes, rng) if index % 2 else pen(strokes, rng)


def drawn_letters(part: str, count: int, rng: np.random.Generator) -> Iterator[np.ndarray]:
    """Letters and symbols drawn by many writers (the train templates for train and tune, the report's own)."""
    templates = list((REPORT_LETTERS if part == "report" else TRAIN_LETTERS).values())
    for index in range(count):
        yield drawn(templates[index % len(templates)], index // len(templates), rng)


def _circle(cx: float, cy: float, r: float, start: float = 0, end: float = 2 * math.pi) -> list[tuple[float, float]]:
    return [(cx + r * math.cos(a), cy + r * math.sin(a)) for a in np.linspace(start, end, 40)]


def _polygon(sides: int, step: int, turn: float, r: float = 0.45) -> list[tuple[float, float]]:
    return [(0.5 + r * math.sin(turn + k * step * 2 * math.pi / sides), 0.5 - r * math.cos(turn + k * step * 2 *
             math.pi / sides)) for k in range(sides + 1)]  # fmt: skip


def _random_doodle(rng: np.random.Generator) -> Strokes:
    """One of the train part's kinds of doodle, with random proportions."""
    kind = int(rng.integers(7))
    turn = float(rng.uniform(0, 2 * math.pi))
    if kind == 0:  # a triangle, a pentagon, or a box with its diagonals (a many-sided one would be a 0, and a 0
        # with a stroke through it is a digit too)
        sides = int(rng.choice([3, 4, 5]))
        shape = _polygon(sides, 1, turn)
        return [shape] + ([[shape[0], shape[2]], [shape[1], shape[3]]] if sides == 4 else [])
    if kind == 1:  # a star
        points = int(rng.choice([5, 7, 8]))
        return [_polygon(points, 2 if points == 5 else 3, turn)]
    if kind == 2:  # a sun: a circle with rays
        rays = int(rng.integers(5, 11))
        return [_circle(0.5, 0.5, 0.22)] + [
            [(0.5 + 0.3 * math.cos(a), 0.5 + 0.3 * math.sin(a)), (0.5 + 0.48 * math.cos(a), 0.5 + 0.48 * math.sin(a))]
            for a in turn + np.arange(rays) * 2 * math.pi / rays
        ]
    if kind == 3:  # a face with eyes and a mouth of random mood
        mood = float(rng.uniform(-0.2, 0.2))
        return [_circle(0.5, 0.5, 0.45), _circle(0.35, 0.38, 0.05), _circle(0.65, 0.38, 0.05),
                [(0.3, 0.68 - mood), (0.5, 0.68 + mood), (0.7, 0.68 - mood)]]  # fmt: skip
    if kind == 4:  # a flower: petals around a centre, on a stem
        petals = int(rng.integers(4, 8))
        return [_circle(0.5, 0.35, 0.08), [(0.5, 0.45), (0.5, 0.95)]] + [
            _circle(0.5 + 0.18 * math.cos(a), 0.35 + 0.18 * math.sin(a), 0.1)
            for a in turn + np.arange(petals) * 2 * math.pi / petals
        ]
    if kind == 5:  # an arrow (or a double one)
        heads = [[(0.7, 0.3), (0.9, 0.5), (0.7, 0.7)], [(0.3, 0.3), (0.1, 0.5), (0.3, 0.7)]]
        return [[(0.1, 0.5), (0.9, 0.5)]] + heads[: 1 + int(rng.random() < 0.4)]
    lines = int(rng.integers(3, 7))  # hatching: parallel strokes, crossed now and then
    hatching = [[(0.1, y), (0.9, y + float(rng.uniform(-0.2, 0.2)))] for y in np.linspace(0.15, 0.85, lines)]
    return hatching + ([[(x, 0.1), (x, 0.9)] for x in np.linspace(0.2, 0.8, lines)] if rng.random() < 0.5 else [])


def _fixed_doodles(part: str) -> list[Strokes]:
    if part == "tune":  # a smiley, a star, a heart, a house
        return [
            [_circle(0.5, 0.5, 0.45), _circle(0.35, 0.38, 0.04), _circle(0.65, 0.38, 0.04),
             _circle(0.5, 0.5, 0.28, 0.3, math.pi - 0.3)],
            [_polygon(5, 2, 0.0, 0.48)],
            [[(0.5, 0.9), (0.1, 0.45), (0.2, 0.15), (0.5, 0.35), (0.8, 0.15), (0.9, 0.45), (0.5, 0.9)]],
            [[(0.1, 0.45), (0.5, 0.05), (0.9, 0.45), (0.9, 0.95), (0.1, 0.95), (0.1, 0.45), (0.9, 0.45)]],
        ]  # fmt: skip
    return [  # a spiral, a cloud, a fish, a grid
        [[(0.5 + t / 30 * math.cos(t), 0.5 + t / 30 * math.sin(t)) for t in np.linspace(0, 14, 80)]],
        [_circle(0.3, 0.6, 0.2, 0.5 * math.pi, 1.5 * math.pi) + _circle(0.5, 0.4, 0.22, math.pi, 2 * math.pi)
         + _circle(0.72, 0.6, 0.2, 1.5 * math.pi, 2.5 * math.pi) + [(0.3, 0.8)]],
        [_circle(0.45, 0.5, 0.32, 0.2 * math.pi, 1.8 * math.pi) + [(0.95, 0.25), (0.95, 0.75), (0.7, 0.38)]],
        [[(0.1, y), (0.9, y)] for y in (0.2, 0.5, 0.8)] + [[(x, 0.1), (x, 0.9)] for x in (0.2, 0.5, 0.8)],
    ]  # fmt: skip


def doodles(part: str, count: int, rng: np.random.Generator) -> Iterator[np.ndarray]:
    fixed = _fixed_doodles(part) if part != "train" else []
    for index in range(count):
        yield pen(fixed[index % len(fixed)] if fixed else _random_doodle(rng), rng)


def scribbles(part: str, count: int, rng: np.random.Generator) -> Iterator[np.ndarray]:
    for _ in range(count):
        if part != "report":  # smooth loops: a random walk of the heading
            heading, x, y, points = float(rng.uniform(0, 6.3)), 0.5, 0.5, []
            for _step in range(int(rng.integers(40, 90))):
                heading += float(rng.normal(0, 0.5))
                x = float(np.clip(x + 0.04 * math.cos(heading), 0, 1))
                y = float(np.clip(y + 0.04 * math.sin(heading), 0, 1))
                points.append((x, y))
        else:  # zigzags: straight strokes to random points
            points = [(float(a), float(b)) for a, b in rng.uniform(0, 1, (int(rng.integers(5, 12)), 2))]
        yield pen([points], rng)


def photographed(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A drawing on grey, unevenly lit paper, slightly out of focus, with sensor noise."""
    blurred = np.asarray(Image.fromarray(image).filter(ImageFilter.GaussianBlur(float(rng.uniform(0.8, 2.0)))))
    light = np.linspace(float(rng.uniform(0.7, 0.9)), 1.0, image.shape[1])[None, :] * np.ones((image.shape[0], 1))
    paper = blurred.astype(np.float32) / 255 * (0.85 * light) + 0.1
    noisy = paper + rng.normal(0, 0.04, paper.shape)
    return np.clip(noisy * 255, 0, 255).astype(np.uint8)


def photos(part: str, count: int, rng: np.random.Generator) -> Iterator[np.ndarray]:
    """The part's typeset and drawn letters, in turns, photographed."""
    both = itertools.chain.from_iterable(zip(glyphs(part, count, rng), drawn_letters(part, count, rng), strict=True))
    for image in itertools.islice(both, count):
        yield photographed(image, rng)


Generator = Callable[[str, int, np.random.Generator], Iterator[np.ndarray]]
FAMILIES: dict[str, Generator] = {
    "glyphs": glyphs,
    "drawn-letters": drawn_letters,
    "doodles": doodles,
    "scribbles": scribbles,
    "photos": photos,
}
