"""Reading digits that touch without cutting them: a small network that reads a group of ink as a string of digits.

Cutting touching digits apart (engine/data/cutting.py) fails where their strokes overlap: no path from top to
bottom separates them, and the classifier, shown half of one digit and a stroke of the next, still answers. The
string reader is the segmentation-free way of the digit-string literature: convolutions slide along the group,
seen at a digit's height, and say for each column band (STRIDE pixels) which digit it sees, or none (`BLANK`); a
string is read from those by CTC's rule (a digit counts once for each run of frames that say it, runs parted by
blanks). Number reading (engine/reading/number.py) asks it how many digits a group holds and what they are, where
the group is not surely one digit. Like the whole-digit judge it runs in numpy (no torch: the quick reader reads
numbers too); `training/digit_string_reader.py` trains it on numbers made of MNIST's training digits.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from PIL import Image
from safetensors.numpy import load as load_safetensors

from digitpad import paths
from digitpad.engine.data.segmentation import Blob
from digitpad.engine.reading.numpy_layers import convolve, max_pool

STRING_FILE = "digit-string-reader.safetensors"
HEIGHT = 28  # the group is seen this tall ...
INK_HEIGHT = 20  # ... its ink this tall in it (as MNIST fits a digit into 20 px of 28)
SIDE_MARGIN = 8  # px of paper on either side
STRIDE = 4  # px of the input per frame (two 2x2 max-pools)
BLANK = 10  # the frame class that is no digit; 0-9 are the digits
CHANNELS = (1, 24, 48, 96)  # the input's channels, then each 3x3 convolution's
COLUMN = 128  # features per frame, from the 7 rows left after the pools (a (7, 3) convolution)
SEQUENCE_LAYERS = 2  # 5-wide convolutions along the frames: each frame sees its neighbours' digits


def string_input(ink: np.ndarray, group: Blob) -> np.ndarray:
    """A group's ink (from a layout's reduced ink map, neighbours' ink left out) as the string reader sees it:
    float32 (HEIGHT, width), the ink INK_HEIGHT px tall, its width a multiple of STRIDE."""
    own = ink[group.top : group.bottom, group.left : group.right] * _grown(group.mask)
    width = max(1, round(group.width * INK_HEIGHT / group.height))
    resized = Image.fromarray(own.astype(np.float32), mode="F").resize((width, INK_HEIGHT), Image.Resampling.BILINEAR)
    total = width + 2 * SIDE_MARGIN
    total += -total % STRIDE
    image = np.zeros((HEIGHT, total), dtype=np.float32)
    top = (HEIGHT - INK_HEIGHT) // 2
    image[top : top + INK_HEIGHT, SIDE_MARGIN : SIDE_MARGIN + width] = np.clip(np.asarray(resized), 0.0, 1.0)
    return image


def _grown(mask: np.ndarray) -> np.ndarray:
    """The mask and the pixels next to it: a stroke's anti-aliased edge, fainter than a stroke, stays its own."""
    padded = np.pad(mask, 1)
    grown = padded[1:-1, 1:-1] | padded[:-2, 1:-1] | padded[2:, 1:-1] | padded[1:-1, :-2] | padded[1:-1, 2:]
    return grown.astype(np.float32)


@dataclass(frozen=True)
class StringReading:
    """The digits a group holds, left to right: for each, the ten digits' chances at the frame that spelled it most
    surely (the chance of no digit left out), and that frame's chance of it."""

    probabilities: tuple[np.ndarray, ...]  # float32 (10,) each, summing to 1
    confidences: tuple[float, ...]

    @property
    def digits(self) -> tuple[int, ...]:
        return tuple(int(chances.argmax()) for chances in self.probabilities)


class DigitStringReader:
    """Three 3x3 convolutions (ReLU; a 2x2 max-pool after the first two), a (7, 3) convolution that turns each
    column band into one frame of COLUMN features, two 5-wide convolutions along the frames, and a 1-wide one
    that gives each frame's chances of the ten digits and of no digit. (Training's batch norms are folded into
    the convolutions' weights.)"""

    def __init__(self, weights: dict[str, np.ndarray]) -> None:
        self.convolutions = [(weights[f"conv{i}.weight"], weights[f"conv{i}.bias"]) for i in range(len(CHANNELS) - 1)]
        self.column = (weights["column.weight"], weights["column.bias"])
        self.sequence = [(weights[f"sequence{i}.weight"], weights[f"sequence{i}.bias"]) for i in range(SEQUENCE_LAYERS)]
        self.out = (weights["out.weight"], weights["out.bias"])

    def frame_chances(self, image: np.ndarray) -> np.ndarray:
        """float32 (frames, 11): each frame's chances of the digits 0-9 and of no digit (BLANK)."""
        values = image[None, None]  # (1, channels, rows, columns)
        for index, (weight, bias) in enumerate(self.convolutions):
            values = np.maximum(convolve(values, weight, bias), 0.0)
            if index < 2:
                values = max_pool(values)
        values = np.maximum(convolve(values, *self.column, (0, 1)), 0.0)  # (1, COLUMN, 1, frames)
        for weight, bias in self.sequence:
            values = np.maximum(convolve(values, weight, bias, (0, 2)), 0.0)
        logits = convolve(values, *self.out, (0, 0))[0, :, 0].T  # (frames, 11)
        logits -= logits.max(axis=1, keepdims=True)
        chances = np.exp(logits)
        return chances / chances.sum(axis=1, keepdims=True)

    def read(self, image: np.ndarray) -> StringReading:
        """The string the frames spell, by CTC's greedy rule: a run of frames saying one digit is that digit once."""
        chances = self.frame_chances(image)
        said = chances.argmax(axis=1).tolist()
        frames: list[int] = []  # for each digit spelled, its surest frame
        for frame, digit in enumerate(said):
            if digit == BLANK:
                continue
            if frame == 0 or said[frame - 1] != digit:
                frames.append(frame)
            elif chances[frame, digit] > chances[frames[-1], digit]:
                frames[-1] = frame
        digit_chances = [chances[frame, :BLANK] / chances[frame, :BLANK].sum() for frame in frames]
        return StringReading(tuple(digit_chances), tuple(float(chances[f, said[f]]) for f in frames))


@cache
def bundled_string_reader() -> DigitStringReader:
    """The string reader shipped in digitpad/assets/reading, loaded once."""
    return DigitStringReader(load_safetensors((paths.reading_helpers_dir() / STRING_FILE).read_bytes()))
