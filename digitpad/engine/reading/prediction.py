"""One answer to one image, and the one way every model reads an image (no torch: the window shows answers
before the engine has loaded, see quick_reader.py).

A `Reader` is anything that turns MNIST-style images into ten probabilities: the Predictor (torch) and the
QuickReader (onnxruntime). Reading an image is always the same: preprocess it (engine/data/preprocess.py), then
classify the 28x28 it makes; several readers can classify one preprocessed image (Compare). Every answer carries
a verdict: the ink is not a digit when the digit-or-not judge says so (engine/reading/digit_or_not.py), or, for a
model loaded with torch, when it lies farther from every digit the model knows than its digits do
(engine/reading/familiarity.py); its ten scores then mean nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from digitpad.engine.data.preprocess import ImageInput, preprocess
from digitpad.engine.reading.digit_or_not import bundled_digit_judge

UNSURE_BELOW = 0.6  # below this confidence the GUI says it is unsure rather than pretending


@dataclass(frozen=True)
class Prediction:
    digit: int
    confidence: float
    probabilities: tuple[float, ...]  # 10 fractions summing to 1
    model_input: np.ndarray  # the (28, 28) image the network saw, ink = 1
    not_a_digit: bool = False

    @property
    def unsure(self) -> bool:
        """Real doubt between digits (a drawing that is not a digit is not "unsure": it is not a digit)."""
        return not self.not_a_digit and self.confidence < UNSURE_BELOW

    @property
    def status(self) -> str:
        return "not_a_digit" if self.not_a_digit else "unsure" if self.unsure else "ok"

    @classmethod
    def from_probabilities(cls, probabilities: np.ndarray, model_input: np.ndarray, not_a_digit: bool = False
                           ) -> Prediction:  # fmt: skip
        digit = int(probabilities.argmax())
        return cls(digit, float(probabilities[digit]), tuple(float(p) for p in probabilities), model_input, not_a_digit)


class Reader:
    """A model that reads digits: subclasses give `probabilities`; `classify` and `predict` follow from it."""

    def probabilities(self, images: np.ndarray) -> np.ndarray:
        """(N, 28, 28) images, floats in [0, 1] with ink = 1 (or uint8) -> (N, 10) probabilities."""
        raise NotImplementedError

    def not_digits(self, images: np.ndarray, judge_above: float | None = None) -> np.ndarray:
        """(N, 28, 28) images as for `probabilities` -> (N,) booleans: which are not digits (the judge's verdict;
        a model that knows more about itself adds its own). `judge_above`: the judge alone, at its threshold or
        this chance if higher (number reading asks so of a drawing it would split and of a number's parts)."""
        return bundled_digit_judge().not_digits(images, judge_above or 0.0)

    def read(self, images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """`probabilities` and `not_digits` of the same images (a reader that can, does both in one pass)."""
        return self.probabilities(images), self.not_digits(images)

    def classify(self, model_input: np.ndarray) -> Prediction:
        """Classify an already preprocessed (28, 28) image (so several models can share one preprocessing)."""
        probabilities, not_digits = self.read(model_input[None])
        return Prediction.from_probabilities(probabilities[0], model_input, bool(not_digits[0]))

    def predict(self, image: ImageInput) -> Prediction | None:
        """Preprocess any image and classify it; None when it holds no digit."""
        model_input = preprocess(image)
        return None if model_input is None else self.classify(model_input)
