"""Is this a digit at all? A small learned judge that every reading asks before it trusts a model's answer.

A classifier that knows only ten answers picks one of them whatever it is shown: a capital A is a 4 at 100%.
Its confidence does not warn, because softmax shares always sum to one. The judge is a second, small network
trained for the question the classifier cannot ask. It tells three kinds of ink apart: one digit (MNIST's
training writers, the bundled scans, the canvas styles, typeset digits), several digits side by side (a short
number, which number reading then splits), and what is not digits at all (letters and symbols typeset and drawn,
doodles, scribbles, photographs of them), made by `training/digit_or_not.py` from `training/non_digits.py`.
Number reading asks it of the whole drawing too: an M is not three 1s.
It reads the same 28x28 image the models read and is run in numpy, so every model, the quick reader included,
gets the same verdict. Its threshold was chosen so that 1 in 1,000 tune digits is turned away (no tune family more
than 1 in 200). Among the
digits of a number it must be surer (`IN_A_NUMBER`): each digit is another chance to turn one away wrongly, and
a fragment of a broken digit often looks like none.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from safetensors.numpy import load as load_safetensors

from digitpad import paths
from digitpad.engine.reading.numpy_layers import convolve, max_pool

JUDGE_FILE = "digit-or-not.safetensors"
CHANNELS = (1, 24, 48, 96)  # the image, then each convolution's
HIDDEN = 96
KINDS = ("one digit", "several digits", "not a digit")  # the judge's outputs, in order
IN_A_NUMBER = 0.999  # the chance above which ink in a number is not a digit (no group of 270 tune numbers reaches it)


class DigitOrNotJudge:
    """Three 3x3 convolutions (each followed by ReLU and a 2x2 max-pool), then two fully connected layers: the
    chance of each kind of ink, and the chance of "not a digit" above which an image is called so."""

    def __init__(self, weights: dict[str, np.ndarray]) -> None:
        self.convolutions = [(weights[f"conv{i}.weight"], weights[f"conv{i}.bias"]) for i in range(3)]
        self.dense = [(weights[f"dense{i}.weight"], weights[f"dense{i}.bias"]) for i in range(2)]
        self.threshold = float(weights["threshold"][0])

    def chances(self, images: np.ndarray) -> np.ndarray:
        """(N, 28, 28) model inputs (floats with ink = 1, or uint8) -> (N,) chances (0-1) that each is not a digit."""
        values = np.asarray(images, np.float32)[:, None] / (255.0 if images.dtype == np.uint8 else 1.0)
        for weight, bias in self.convolutions:
            values = max_pool(np.maximum(convolve(values, weight, bias), 0.0))
        (first, first_bias), (second, second_bias) = self.dense
        values = np.maximum(values.reshape(len(values), -1) @ first.T + first_bias, 0.0) @ second.T + second_bias
        shares = np.exp(values - values.max(axis=1, keepdims=True))
        return shares[:, KINDS.index("not a digit")] / shares.sum(axis=1)

    def not_digits(self, images: np.ndarray, above: float = 0.0) -> np.ndarray:
        """(N,) booleans: which images are not digits (their chance above the threshold, and above `above`)."""
        return self.chances(images) > max(self.threshold, above)


@cache
def bundled_digit_judge() -> DigitOrNotJudge:
    """The judge shipped in digitpad/assets/reading, loaded once."""
    return DigitOrNotJudge(load_safetensors((paths.reading_helpers_dir() / JUDGE_FILE).read_bytes()))
