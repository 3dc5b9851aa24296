"""Whole numbers of 2-10 digits, made of digits by writers no model trains on: how well `read_number` reads them.

python -m training.number_eval [--model NAME] [--count 60] [--families ...] [--save DIR]

A number is its digits cut to their ink, brought to one height (give or take a tenth), set on a line with a
little up and down, left to right:
- spacing: `separated` (a gap of 0.35-0.7 of a digit's height), `natural` (0.05-0.3), `touching` (neighbours
  overlap by 10-25% of the narrower one's width, so their ink meets);
- medium: `canvas` (dark ink on white with margins, as the Draw view's drawing), `photo` (a page with uneven light,
  noise, blur and JPEG, as a phone or scanner gives it), `tight` (cut to the ink, as a crop of a form's line).
The digits of the *tune* part are MNIST's test digits (writers MNIST's training set never had); the *scans* part,
a second tune part in the report's blocky style, has the optical-digits tune file's (8x8 scans enlarged, by the 30
writers whose other digits the bundled scans hold); the *report* part's are the 13 writers of the UCI optical
digits' test file, who differ from every source a model here trains or was tuned on. Only the tune and scans
parts were looked at while the reader was made.
Scores: the share of numbers read exactly, the share of digits right where the count was right, the share read
with the wrong number of digits, the share read wrong without "unsure" (what a user would wrongly trust) and read
right with it; by family, by length and by spacing.
"""

from __future__ import annotations

import argparse
import json
import math
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from digitpad.engine.data.preprocess import CANVAS_SIZE, reduce_canvas
from digitpad.engine.data.scans import enlarge
from digitpad.engine.reading.number import read_number
from digitpad.engine.reading.predictor import Predictor
from digitpad.engine.store.catalog import resolve_model
from training.handwriting_eval import (
    PLAIN,
    REPORT_STYLES,
    SEED,
    TUNE_STYLES,
    Stroke,
    _mnist_test,
    _optdigits,
    photograph,
)

NumberSample = tuple[np.ndarray, str, str]  # the image, the digits it shows, its spacing
SPACINGS = ("separated", "natural", "touching")
MEDIA = ("canvas", "photo", "tight")
HEIGHT = 56  # px: a digit's height on the line, before each number's own scale


def _digit_ink(image: np.ndarray) -> np.ndarray:
    """An ink-bright digit cut to its ink."""
    rows, cols = np.nonzero(image > 40)
    return image[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]


@dataclass(frozen=True)
class Placed:
    """A digit set on a line: its ink (brightness 0-255), where its box's top left corner stands."""

    ink: np.ndarray
    top: int
    left: int


def compose(digits: list[np.ndarray], spacing: str, rng: np.random.Generator) -> tuple[np.ndarray, list[Placed]]:
    """Ink-bright digits (uint8) set on one line, left to right, with the spacing's gaps or overlaps: the line,
    and where each digit stands on it. Each digit is HEIGHT px tall, give or take a tenth."""
    parts = []
    for digit in digits:
        crop = _digit_ink(digit)
        height = round(HEIGHT * float(rng.uniform(0.9, 1.1)))
        width = max(2, round(crop.shape[1] * height / crop.shape[0]))
        parts.append(np.asarray(Image.fromarray(crop).resize((width, height), Image.Resampling.BICUBIC)))
    line_height = round(HEIGHT * 1.35)
    total = sum(part.shape[1] for part in parts) + 2 * HEIGHT * len(parts)
    line = np.zeros((line_height, total), dtype=np.uint8)
    placed = []
    x = 0
    for index, part in enumerate(parts):
        if index:
            if spacing == "separated":
                x += round(HEIGHT * float(rng.uniform(0.35, 0.7)))
            elif spacing == "natural":
                x += round(HEIGHT * float(rng.uniform(0.05, 0.3)))
            else:  # touching: this digit's left part lies over the previous one's right part
                overlap = float(rng.uniform(0.10, 0.25)) * min(part.shape[1], parts[index - 1].shape[1])
                x -= max(1, round(overlap))
        top = (line_height - part.shape[0]) // 2 + round(HEIGHT * float(rng.uniform(-0.06, 0.06)))
        top = int(np.clip(top, 0, line_height - part.shape[0]))
        region = line[top : top + part.shape[0], x : x + part.shape[1]]
        np.maximum(region, part, out=region)
        placed.append(Placed(part, top, x))
        x += part.shape[1]
    return line[:, :x], placed


def render(line: np.ndarray, medium: str, rng: np.random.Generator) -> np.ndarray:
    """An ink-bright line of digits as the medium shows it (see the module docstring)."""
    if medium == "canvas":
        margin = HEIGHT // 2
        return 255 - np.pad(line, ((margin, margin), (margin, margin)))
    if medium == "photo":
        return photograph(line, rng, scale=(1.0, 3.0), page=(1.1, 1.6))
    rows, cols = np.nonzero(line > 40)
    return 255 - line[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]


PARTS = {"tune": 0, "scans": 3, "report": 7}  # each part's numbers, and the offset of its families' seeds


def _sources(part: str) -> tuple[np.ndarray, np.ndarray]:
    """Ink-bright digits and labels: MNIST's test digits (tune), the optical-digits tune file's writers (scans) or
    the UCI test file's (report), enlarged."""
    if part == "tune":
        return _mnist_test()
    scans, labels = _optdigits("tune" if part == "scans" else "test")
    return np.stack([255 - enlarge(scan, 40) for scan in scans]), labels


def numbers(part: str, spacing: str, medium: str, count: int, seed: int) -> Iterator[NumberSample]:
    """`count` numbers of 2-10 digits (lengths taking turns) of the part's writers, spaced and shown so."""
    images, labels = _sources(part)
    rng = np.random.default_rng(seed)
    for index in range(count):
        length = 2 + index % 9
        chosen = rng.choice(len(labels), length, replace=False)
        line, _ = compose([images[i] for i in chosen], spacing, rng)
        yield render(line, medium, rng), "".join(str(int(labels[i])) for i in chosen), spacing


@dataclass
class NumberScore:
    exact: int = 0
    total: int = 0
    digits_right: int = 0
    digits_counted: int = 0  # digits of the numbers read with the right count
    wrong_count: int = 0
    wrong_but_sure: int = 0  # answered wrong without saying "unsure": what a user would trust
    right_but_unsure: int = 0
    not_a_digit: int = 0  # a real number said to hold something that is not a digit
    by_length: dict[int, list[int]] = field(default_factory=dict)  # length -> [exact, total]

    def add(self, truth: str, read: str | None, unsure: bool) -> None:
        """A number read: `read` is None when it was said not to be one (some of its ink is not a digit)."""
        self.total += 1
        self.not_a_digit += read is None
        read = read or ""
        self.exact += read == truth
        self.wrong_but_sure += read != truth and not unsure
        self.right_but_unsure += read == truth and unsure
        entry = self.by_length.setdefault(len(truth), [0, 0])
        entry[0] += read == truth
        entry[1] += 1
        if len(read) == len(truth):
            self.digits_right += sum(a == b for a, b in zip(read, truth, strict=True))
            self.digits_counted += len(truth)
        else:
            self.wrong_count += 1

    def summary(self) -> dict[str, object]:
        return {
            "numbers_exact": round(self.exact / max(self.total, 1), 4), "numbers": self.total,
            "digit_accuracy_where_counted_right": round(self.digits_right / max(self.digits_counted, 1), 4),
            "wrong_count": round(self.wrong_count / max(self.total, 1), 4),
            "wrong_but_sure": round(self.wrong_but_sure / max(self.total, 1), 4),
            "right_but_unsure": round(self.right_but_unsure / max(self.total, 1), 4),
            "called_not_a_digit": round(self.not_a_digit / max(self.total, 1), 4),
            "exact_by_length": {length: round(e / t, 3) for length, (e, t) in sorted(self.by_length.items())},
        }  # fmt: skip


def score_numbers(predictor: Predictor, samples: Iterator[NumberSample], save: Path | None = None) -> NumberScore:
    score = NumberScore()
    for index, (image, truth, _spacing) in enumerate(samples):
        reading = read_number(image, predictor)
        read = reading.text.replace(" ", "") if reading is not None else ""
        score.add(truth, None if reading is not None and reading.not_a_digit else read,
                  reading is not None and reading.unsure)  # fmt: skip
        if save is not None and read != truth:
            save.mkdir(parents=True, exist_ok=True)
            Image.fromarray(image).save(save / f"{index:03d}-{truth}-read-{read or 'none'}.png")
    return score


def drawn_numbers(part: str, count: int, seed: int) -> Iterator[NumberSample]:
    """`count` numbers of 2-8 digits written with mouse events on the real canvas, shaped as a wide Draw view
    (3:1), each digit a template of the part's styles (tune: the plain ones and TUNE_STYLES; report: REPORT_STYLES)
    turned, slanted, sized and spaced its own way; as the models read the canvas (`reduce_canvas`)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from digitpad.gui.shared.drawing import Drawing
    from digitpad.gui.widgets.canvas import DrawCanvas
    from tests.gui_helpers import draw_stroke, interpolate

    app = QApplication.instance() or QApplication([])
    canvas = DrawCanvas(Drawing(), shapes_paper=True)
    canvas.resize(900, 300)
    canvas.show()  # the paper takes the canvas's shape when it is laid out on screen
    styles = _styles(part)
    rng = np.random.default_rng(seed)
    for index in range(count):
        length = 2 + index % 7
        digits = [int(d) for d in rng.integers(0, 10, length)]
        canvas.drawing.clear()
        canvas.drawing.brush_size = int(rng.integers(10, 28, endpoint=True))
        aspect = canvas.drawing.width / CANVAS_SIZE
        height = min(0.8, 0.85 * aspect / (length * 0.7))  # of the paper's height: the number fits along it
        x = float(rng.uniform(0.02, 0.06))
        for digit in digits:
            strokes = styles[digit][int(rng.integers(len(styles[digit])))]
            width = height / aspect  # the template's unit square, in fractions of the paper's width
            top = (1 - height) / 2 + float(rng.uniform(-0.05, 0.05))
            angle, slant = math.radians(float(rng.uniform(-8, 8))), float(rng.uniform(-0.2, 0.2))
            for stroke in strokes:
                points = []
                for u, v in interpolate(stroke, per_segment=4):
                    u, v = u - 0.5 + slant * (0.5 - v), v - 0.5
                    u, v = u * math.cos(angle) - v * math.sin(angle), u * math.sin(angle) + v * math.cos(angle)
                    points.append((x + (u + 0.5) * width, top + (v + 0.5) * height))
                draw_stroke(
                    canvas, [(float(np.clip(px, 0.01, 0.99)), float(np.clip(py, 0.01, 0.99))) for px, py in points]
                )
            x += width * float(rng.uniform(0.55, 0.8))
        app.processEvents()
        yield reduce_canvas(canvas.drawing.to_array()), "".join(map(str, digits)), "drawn"


def _styles(part: str) -> dict[int, list[list[Stroke]]]:
    """Each digit's stroke templates: tune, the plain ones and TUNE_STYLES; report, REPORT_STYLES."""
    styles: dict[int, list[list[Stroke]]] = {digit: [] for digit in range(10)}
    if part == "tune":
        for digit, variants in PLAIN.items():
            styles[digit] += variants
    for digit, strokes in (TUNE_STYLES if part == "tune" else REPORT_STYLES).values():
        styles[digit].append(strokes)
    return styles


def family_names() -> list[str]:
    def made(part: str) -> list[str]:
        return [f"{part}-{spacing}-{medium}" for spacing in SPACINGS for medium in MEDIA]

    # the scans part came last: each family's place in the list seeds its numbers, and the others' stay as they were
    return [*made("tune"), *made("report"), "tune-drawn-mouse", "report-drawn-mouse", *made("scans")]


def evaluate(model: str | None, families: list[str], count: int, save: Path | None = None) -> dict[str, dict]:
    predictor = Predictor(resolve_model(model))
    results = {}
    for number, name in enumerate(families):
        part, spacing, medium = name.split("-")
        seed = SEED * 13 + number * 101 + PARTS[part]
        samples = (
            drawn_numbers(part, count, seed) if spacing == "drawn" else numbers(part, spacing, medium, count, seed)
        )
        results[name] = score_numbers(predictor, samples, save / name if save else None).summary()
        print(json.dumps({"family": name, **results[name]}), flush=True)
    return results


def write_markdown(results: dict[str, dict], path: Path, count: int) -> None:
    """The results as the tables of training/NUMBERS.md: tune part, scans part, then report part."""
    lines = [
        "# Reading whole numbers", "",
        f"`python -m training.number_eval --count {count} --write` ({count} numbers of 2-10 digits per family, 2-8 "
        "for `drawn`, lengths taking turns; the default model). Exact: the whole number read right; digits: "
        "digits right where the count was right; wrong count: read with too many or too few digits; wrong, sure: "
        "read wrong and not said \"unsure\"; right, unsure: read right but said \"unsure\". How each family is "
        "made: training/number_eval.py.", "",
    ]  # fmt: skip
    for part in PARTS:
        lines += [
            f"## {part} part",
            "",
            "| family | exact | digits | wrong count | wrong, sure | right, unsure | exact by length |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, figures in results.items():
            if name.startswith(part):
                by_length = ", ".join(f"{length}: {share:.0%}" for length, share in figures["exact_by_length"].items())
                digits = figures["digit_accuracy_where_counted_right"]
                lines.append(
                    f"| {name.removeprefix(part + '-')} | {figures['numbers_exact']:.1%} | {digits:.1%} | "
                    f"{figures['wrong_count']:.1%} | {figures['wrong_but_sure']:.1%} | "
                    f"{figures['right_but_unsure']:.1%} | {by_length} |"
                )
        lines.append("")
    path.write_text("\n".join(lines))


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="a model name or file (default: the default model)")
    parser.add_argument("--count", type=int, default=60, help="numbers per family (default: 60)")
    parser.add_argument("--families", nargs="*", default=None, help="default: every family")
    parser.add_argument("--save", type=Path, help="write the numbers read wrong here, as PNGs (default: none)")
    parser.add_argument("--write", action="store_true", help="also rewrite training/NUMBERS.md with the results")
    args = parser.parse_args()
    results = evaluate(args.model, args.families or family_names(), args.count, args.save)
    if args.write:
        write_markdown(results, Path(__file__).with_name("NUMBERS.md"), args.count)


if __name__ == "__main__":
    main()
