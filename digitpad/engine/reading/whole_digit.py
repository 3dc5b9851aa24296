"""Is this piece of a number one whole digit? A small learned judge that number reading asks of every cut.

The digit classifiers were trained on whole digits, one at a time: shown half a 4, or a 4 and a 3 that touch,
they still answer, often confidently. Over-segmentation lets them choose among cuts (engine/reading/number.py),
so a piece read confidently must also be a digit. The judge sees what a classifier does not: the piece in its
place on the line (its own ink and its neighbours', at the line's scale, so a sliver looks like a sliver), the
classifier's probabilities for it, and numbers about where it stands (width and height against the line's, where
it sits in its group, how much ink its cuts went through). It is a small convolutional network run in numpy: it
needs no torch, so the quick reader's answers use it too. `training/whole_digit_judge.py` trains it on numbers
made of MNIST's training digits, cut by the same code as here; its weights are bundled.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from PIL import Image
from safetensors.numpy import load as load_safetensors

from digitpad import paths
from digitpad.engine.data.cutting import Piece
from digitpad.engine.reading.numpy_layers import convolve, max_pool

JUDGE_FILE = "whole-digit-judge.safetensors"
VIEW = 32  # the piece's place on the line, seen as VIEW x VIEW
CONTEXT = 0.2  # ... with this share of the line's height of its neighbours on either side
CHANNELS = (2, 8, 16, 32)  # the view's channels (the piece, all ink), then each convolution's
NUMBERS = 10 + 9  # the classifier's probabilities, then the shape's numbers (see `features`)


@dataclass(frozen=True)
class JudgeInput:
    views: np.ndarray  # float32 (pieces, 2, VIEW, VIEW)
    numbers: np.ndarray  # float32 (pieces, NUMBERS)


def features(ink: np.ndarray, probabilities: np.ndarray, pieces: list[Piece], line_height: float) -> JudgeInput:
    """What the judge reads of each piece of a layout's reduced ink map: its view of the line, and its numbers."""
    numbers = [
        np.concatenate([row, _shape_numbers(piece, line_height)])
        for row, piece in zip(probabilities, pieces, strict=True)
    ]
    return JudgeInput(np.stack([_view(ink, piece, line_height) for piece in pieces]), np.stack(numbers))


def _view(ink: np.ndarray, piece: Piece, line_height: float) -> np.ndarray:
    """The piece's ink and all the line's ink around it, from its group's top to bottom, VIEW x VIEW each."""
    blob, group = piece.blob, piece.group
    margin = round(CONTEXT * line_height)
    left, right = max(0, blob.left - margin), min(ink.shape[1], blob.right + margin)
    around = ink[group.top : group.bottom, left:right]
    own = np.zeros_like(around)
    rows, columns = slice(blob.top - group.top, blob.bottom - group.top), slice(blob.left - left, blob.right - left)
    own[rows, columns] = ink[blob.top : blob.bottom, blob.left : blob.right] * blob.mask
    return np.stack([_resized(own), _resized(around)])


def _resized(image: np.ndarray) -> np.ndarray:
    return np.asarray(
        Image.fromarray(image.astype(np.float32), mode="F").resize((VIEW, VIEW), Image.Resampling.BILINEAR)
    )


def _shape_numbers(piece: Piece, height: float) -> np.ndarray:
    blob, group = piece.blob, piece.group
    return np.array([
        blob.width / height, blob.height / height, group.width / height,
        (blob.top - group.top) / height, (group.bottom - blob.bottom) / height,
        (blob.left - group.left) / height, (group.right - blob.right) / height,
        *piece.cut_ink,
    ], dtype=np.float32)  # fmt: skip


class WholeDigitJudge:
    """The chance that each piece is exactly one whole digit: three convolutions (3x3, each followed by ReLU and a
    2x2 max-pool) over the view, then two fully connected layers over what they found and the numbers."""

    def __init__(self, weights: dict[str, np.ndarray]) -> None:
        self.convolutions = [(weights[f"conv{i}.weight"], weights[f"conv{i}.bias"]) for i in range(3)]
        self.dense = [(weights[f"dense{i}.weight"], weights[f"dense{i}.bias"]) for i in range(2)]
        self.centre, self.scale = weights["centre"], weights["scale"]

    def chances(self, judged: JudgeInput) -> np.ndarray:
        """Per piece, the chance (0-1) that it is one whole digit."""
        values = judged.views
        for weight, bias in self.convolutions:
            values = max_pool(np.maximum(convolve(values, weight, bias), 0.0))
        numbers = (judged.numbers - self.centre) / self.scale
        values = np.concatenate([values.reshape(len(values), -1), numbers], axis=1)
        (first, first_bias), (second, second_bias) = self.dense
        values = np.maximum(values @ first.T + first_bias, 0.0) @ second.T + second_bias
        return 1.0 / (1.0 + np.exp(-values[:, 0]))


@cache
def bundled_judge() -> WholeDigitJudge:
    """The judge shipped in digitpad/assets/reading, loaded once."""
    return WholeDigitJudge(load_safetensors((paths.reading_helpers_dir() / JUDGE_FILE).read_bytes()))
