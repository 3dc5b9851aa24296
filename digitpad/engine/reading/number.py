"""Reading a whole number: every digit of a drawing, photo or scan, left to right, each with its box.

Segmentation (engine/data/segmentation.py) groups the strokes into digits by where they stand. Each group is read
whole first; most are one digit and stay so. A group not surely one digit (digits that touch) is read two ways:
- the string reader (engine/reading/digit_string.py) spells it without cutting: how many digits and which;
- it is over-segmented (engine/data/cutting.py) and every run of consecutive pieces read by the classifier, a
  piece scoring log(the classifier's chance of the digit) + log(the whole-digit judge's chance that the piece is
  one whole digit: engine/reading/whole_digit.py); the split into the digits spelled that scores best gives each
  digit its piece (its box, its 28x28), and each digit's answer is the two readers' chances together. Where they
  disagree, or the reader was unsure, the number is "unsure". A group the string reader cannot place falls back
  to the classic way: the split of any count that scores best, "unsure" when another count scored nearly as well.
The whole image read as one digit competes with the splits, with a little head start, where the judge finds it
could be one digit: an image of one digit reads exactly as `Reader.predict` reads it (a 5 whose flag stands apart,
a 9 beside a speck of dirt), and a number whose cuts all read badly is not taken for one digit.
Is it digits at all (engine/reading/digit_or_not.py)? One digit gets the model's verdict, as `Reader.classify`
gives it. A drawing as narrow as a character or two that the judge finds holds no digits is one thing that is
not a digit (an M, not 111: the judge knows a short number from a letter); in a number, each group as narrow as
a character is asked (a letter among digits), only where the judge is all but certain: a number of many digits
must not lose one to a doubt. Pieces cut from digits that touch are not asked.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, replace

import numpy as np

from digitpad.engine.data.cutting import Key, Piece, group_pieces, pieces, whole_group
from digitpad.engine.data.preprocess import CANVAS_REDUCTION, ImageInput, digit_input, ink_map, reduce_canvas
from digitpad.engine.data.segmentation import Blob, Layout, layout
from digitpad.engine.reading.digit_or_not import IN_A_NUMBER
from digitpad.engine.reading.digit_string import StringReading, bundled_string_reader, string_input
from digitpad.engine.reading.prediction import Prediction, Reader
from digitpad.engine.reading.whole_digit import bundled_judge, features

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in the image's pixels (ends excluded)

ONE_DIGIT_BONUS = 1.0  # log units in favour of the whole image as one digit: most images people bring hold one
SURE_WHOLE = 0.9  # a group read whole this confidently, and judged one whole digit this likely, is not cut
WHOLE_AT_LEAST = 0.05  # the judge's least chance that the whole image is one digit for it to be read as one
DOUBTFUL = 1.0  # a split whose score is within this of another count of digits is unsure (log units)
DOUBTFUL_PIECE = 0.5  # a digit whose piece the judge finds less likely than this to be one whole digit is unsure
SPELL_WIDER = 0.75  # a group wider than this share of the line's height is spelled even when read whole surely
SPELLED_SURE = 0.9  # a digit the string reader spelled less surely than this leaves its group's reading unsure
CHARACTER_WIDTH = 1.1  # a group no wider than this share of the line's height may be one letter among digits
SPECK = 0.06  # ink no larger than this share of the picture's shorter side is a dot, not a digit
SYMBOL_WIDTH = 2.0  # ink no wider than this many times its height may be one letter or symbol, not a number
SPACE = 2.5  # a gap this many times the median gap between digits (and over 0.6 of the line) is a space


WHOLE: Key = (-1, 0, 1)  # the whole image as one piece, beside its groups' pieces


@dataclass(frozen=True)
class Candidate:
    """A piece as read: the classifier's prediction and the judge's chance that the piece is one whole digit."""

    prediction: Prediction
    whole_chance: float

    @property
    def score(self) -> float:
        """How well the piece reads as one digit, in log units (higher is better)."""
        return self.score_as(self.prediction.digit)

    def score_as(self, digit: int) -> float:
        """How well the piece reads as this digit, in log units."""
        return math.log(max(self.prediction.probabilities[digit], 1e-6)) + math.log(max(self.whole_chance, 1e-6))


@dataclass(frozen=True)
class DigitReading:
    prediction: Prediction  # the digit, its confidence, probabilities and the 28x28 the model read
    box: Box


@dataclass(frozen=True)
class NumberReading:
    """The digits read, left to right; `spaces` holds the index of each digit a wide gap follows."""

    digits: tuple[DigitReading, ...]
    spaces: frozenset[int]
    doubtful_split: bool  # a group's digits could as well be counted otherwise

    @property
    def text(self) -> str:
        return "".join(f"{d.prediction.digit}{' ' if i in self.spaces else ''}" for i, d in enumerate(self.digits))

    @property
    def confidence(self) -> float:
        """The chance that every digit is right, as the model sees it (the product of their confidences)."""
        return math.prod(digit.prediction.confidence for digit in self.digits)

    @property
    def not_a_digit(self) -> bool:
        """Some of the ink is not a digit (a letter, a symbol, a doodle): the reading is not a number."""
        return any(digit.prediction.not_a_digit for digit in self.digits)

    @property
    def unsure(self) -> bool:
        return not self.not_a_digit and (self.doubtful_split or any(d.prediction.unsure for d in self.digits))

    @property
    def status(self) -> str:
        return "not_a_digit" if self.not_a_digit else "unsure" if self.unsure else "ok"

    def digit_at(self, index: int) -> DigitReading:
        """Digit `index`, left to right (the last one for an index past it: a number may lose a digit)."""
        return self.digits[self.place_of(index)]

    def place_of(self, index: int) -> int:
        """The index of the digit a view looking at digit `index` shows (a number may have lost digits)."""
        return min(max(index, 0), len(self.digits) - 1)

    def scaled(self, factor: int) -> NumberReading:
        """A reading of a picture reduced `factor` times, its boxes in the full picture's pixels."""
        digits = tuple(DigitReading(d.prediction, _times(d.box, factor)) for d in self.digits)
        return NumberReading(digits, self.spaces, self.doubtful_split)


def _speck(found: Layout) -> bool:
    """Whether all the ink is a dot or a speck: no wider or taller than SPECK of the picture's shorter side (a
    digit that small could not be read, and its 28x28 would be a blot blown up)."""
    everything = functools.reduce(Blob.union, found.groups)
    return max(everything.width, everything.height) <= SPECK * min(found.ink.shape)


Groups = dict[int, list[DigitReading]]  # each group's digits, by the group's index


def read_number(image: ImageInput, reader: Reader) -> NumberReading | None:
    """Every digit of `image`, read by `reader`; None when it holds no digit."""
    ink = ink_map(image)
    whole = digit_input(ink) if ink is not None else None
    if ink is None or whole is None:
        return None
    found = layout(ink)
    if found is None or _speck(found):
        return None
    found_pieces, read, spelled = _read_and_cut(reader, found, whole)
    everything = found_pieces[WHOLE].blob
    groups: Groups = {}  # a fragment's group has no digits, and is left out
    doubtful, total = False, 0.0
    for index in range(len(found.groups)):
        path, score, unsure = _best_path(index, read, spelled.get(index))
        doubtful |= unsure
        total += score
        if path:
            groups[index] = [
                DigitReading(prediction, _box(found_pieces[key].blob, found.scale)) for key, prediction in path
            ]
    digits = [digit for group in groups.values() for digit in group]
    whole_wins = read[WHOLE].whole_chance >= WHOLE_AT_LEAST and read[WHOLE].score + ONE_DIGIT_BONUS >= total
    box = _box(everything, found.scale)
    if len(digits) <= 1 or (whole_wins and not _surely_several(spelled)):
        # one digit: read from the whole image alone, exactly as a single digit always was (a batch's arithmetic
        # may differ in the last bits)
        return NumberReading((DigitReading(reader.classify(whole), box),), frozenset(), False)
    if everything.width <= SYMBOL_WIDTH * everything.height and reader.not_digits(whole[None], judge_above=0.0)[0]:
        # as narrow as a character or two, and no digits at all (the judge knows a short number from a letter):
        # one thing (an M, a %), not "111" or "96"
        symbol = DigitReading(replace(read[WHOLE].prediction, not_a_digit=True), box)
        return NumberReading((symbol,), frozenset(), False)
    groups = _with_verdicts(reader, found, found_pieces, groups, cut=set(spelled))
    digits, ends = [], []  # ends: the index of each group's last digit
    for group in groups.values():
        digits += group
        ends.append(len(digits) - 1)
    return NumberReading(tuple(digits), _spaces(found, ends, digits), doubtful)


def _with_verdicts(reader: Reader, found: Layout, found_pieces: dict[Key, Piece], groups: Groups, cut: set[int]
                   ) -> Groups:  # fmt: skip
    """Each group of the number as wide as one character asked whether it holds digits at all, whole: one the judge
    is sure holds none (a letter among digits, a K the cutting would make a 1 and a 6) becomes one part that is
    not a digit. (A wider group is digits that touch, often blurred into shapes no digit has.)"""
    narrow = [index for index in groups if found.groups[index].width <= CHARACTER_WIDTH * found.line_height]
    wholes = {index: whole_group(found, index) if index in cut else found_pieces for index in narrow}
    asked = [(index, piece) for index, pieces in wholes.items() if (piece := pieces.get((index, 0, 1))) is not None]
    if not asked:
        return groups
    verdicts = reader.not_digits(np.stack([piece.model_input for _index, piece in asked]), judge_above=IN_A_NUMBER)
    for (index, piece), not_digits in zip(asked, verdicts, strict=True):
        if not_digits:
            probabilities = reader.probabilities(piece.model_input[None])[0]
            prediction = Prediction.from_probabilities(probabilities, piece.model_input, not_a_digit=True)
            groups[index] = [DigitReading(prediction, _box(piece.blob, found.scale))]
    return groups


def candidates(found: Layout, whole: np.ndarray) -> dict[Key, Piece]:
    """Every piece of the layout that could be one digit, and the whole image (its 28x28: `whole`) as one more."""
    return {**pieces(found), WHOLE: _whole_image(found, whole)}


def _whole_image(found: Layout, whole: np.ndarray) -> Piece:
    everything = functools.reduce(Blob.union, found.groups)
    return Piece(everything, everything, whole, (0.0, 0.0))


def _read_and_cut(
    reader: Reader, found: Layout, whole: np.ndarray
) -> tuple[dict[Key, Piece], dict[Key, Candidate], dict[int, StringReading]]:
    """The candidates read: first each group whole and the whole image; the string reader spells the groups not
    surely one digit and those as wide as two narrow digits; then the groups not surely one digit, cut
    (`group_pieces`), with what the reader spelled of them. Most groups of a written number are one digit: only
    those are spelled and cut that need it, which keeps reading a number of separate digits quick. A group is
    surely one digit when the classifier reads it whole confidently, the judge finds it whole, and (when wide) the
    string reader spells one digit: the classifier and the judge, shown two blocky digits that touch, may take
    them for one."""
    found_pieces = {WHOLE: _whole_image(found, whole)}
    for index in range(len(found.groups)):
        found_pieces.update(whole_group(found, index))
    read = _read(reader, found_pieces, found)
    strings = bundled_string_reader()
    spelled = {
        index: strings.read(string_input(found.ink, group))
        for index, group in enumerate(found.groups)
        if group.width > SPELL_WIDER * found.line_height or not _surely_one_digit(read.get((index, 0, 1)))
    }
    unsure = [
        index
        for index, reading in spelled.items()
        if len(reading.digits) != 1 or not _surely_one_digit(read.get((index, 0, 1)))
    ]
    cut = {key: piece for index in unsure for key, piece in group_pieces(found, index).items()}
    for index in unsure:
        found_pieces.pop((index, 0, 1), None)
        read.pop((index, 0, 1), None)
    found_pieces.update(cut)
    read.update(_read(reader, cut, found))
    return found_pieces, read, {index: spelled[index] for index in unsure}


def _surely_several(spelled: dict[int, StringReading]) -> bool:
    """Whether the string reader surely spelled two digits or more in one group. (Separate groups each spelled one
    digit are not enough: a stray stroke beside a digit, or half of a broken one, reads as a 1 to it.)"""
    return any(len(reading.digits) >= 2 and min(reading.confidences) >= SPELLED_SURE for reading in spelled.values())


def _surely_one_digit(candidate: Candidate | None) -> bool:
    return candidate is not None and min(candidate.prediction.confidence, candidate.whole_chance) >= SURE_WHOLE


def read_canvas(drawing: np.ndarray, reader: Reader) -> NumberReading | None:
    """The number on a canvas drawing (uint8, paper 255), read at the resolution models read the canvas
    (`reduce_canvas`), its boxes in the drawing's pixels. Every view that reads the drawing reads it so."""
    reading = read_number(reduce_canvas(drawing), reader)
    return reading.scaled(CANVAS_REDUCTION) if reading is not None else None


@dataclass(frozen=True)
class FocusedDigit:
    """One digit of a drawing's number, as a view looks at it."""

    model_input: np.ndarray  # its 28x28, cut as the reader reads it
    place: int  # 1 = the leftmost
    count: int  # how many digits the drawing holds


def canvas_digit(drawing: np.ndarray, reader: Reader, index: int) -> FocusedDigit | None:
    """Digit `index` (left to right; the last one past it) of a canvas drawing's number, cut as `reader` reads it:
    the whole drawing's `canvas_input` when it holds one digit; None when it holds none."""
    reading = read_canvas(drawing, reader)
    if reading is None:
        return None
    place = reading.place_of(index)
    return FocusedDigit(reading.digits[place].prediction.model_input, place + 1, len(reading.digits))


def _read(reader: Reader, found_pieces: dict[Key, Piece], found: Layout) -> dict[Key, Candidate]:
    """Each piece as read, the pieces read in one batch."""
    if not found_pieces:
        return {}
    inputs = np.stack([piece.model_input for piece in found_pieces.values()])
    probabilities = reader.probabilities(inputs)
    whole = bundled_judge().chances(features(found.ink, probabilities, list(found_pieces.values()), found.line_height))
    return {
        key: Candidate(Prediction.from_probabilities(row, piece.model_input), float(chance))
        for (key, piece), row, chance in zip(found_pieces.items(), probabilities, whole, strict=True)
    }


Path = list[tuple[Key, Prediction]]  # a group's digits: the piece each stands in, and its answer


def _best_path(group: int, read: dict[Key, Candidate], spelled: StringReading | None) -> tuple[Path, float, bool]:
    """The group's digits, the score of their split, and whether they are doubtful. Where the string reader spelled
    the group, its digits (`_spelled_path`; none where it spelled none); else the split of any count that scores
    best, doubtful when another count of digits scored nearly as well."""
    if spelled is not None and not spelled.digits:  # no digit to the reader: a fragment or speck left apart
        return [], 0.0, False
    if spelled is not None:
        found = _spelled_path(group, read, spelled)
        if found is not None:
            return found
    ends = _splits(group, read, None)
    if not ends:  # no piece of the group could be read (no ink a model could take)
        return [], 0.0, False
    ranked = sorted(ends.values(), key=lambda entry: -entry[0])
    score, path = ranked[0]
    unsure = len(ranked) > 1 and score - ranked[1][0] < DOUBTFUL
    unsure |= any(read[key].whole_chance < DOUBTFUL_PIECE for key in path)
    return [(key, read[key].prediction) for key in path], score, unsure


def _spelled_path(group: int, read: dict[Key, Candidate], spelled: StringReading) -> tuple[Path, float, bool] | None:
    """The digits the string reader spelled, each in the piece that reads best as it (the split with as many
    digits); None when the group has too few pieces for them. Each digit's chances are the reader's and the
    classifier's (on its piece) together, as two experts' product. Doubtful when the two read a digit otherwise,
    or the reader was unsure of one."""
    ends = _splits(group, read, spelled.digits)
    if len(spelled.digits) not in ends:
        return None
    score, keys = ends[len(spelled.digits)]
    path: Path = []
    disagree = False
    for key, chances in zip(keys, spelled.probabilities, strict=True):
        classified = read[key].prediction
        both = chances.astype(np.float64) * np.asarray(classified.probabilities)
        disagree |= int(chances.argmax()) != classified.digit
        path.append((key, Prediction.from_probabilities(both / max(both.sum(), 1e-300), classified.model_input)))
    return path, score, disagree or min(spelled.confidences) < SPELLED_SURE


Splits = dict[int, tuple[float, list[Key]]]  # a count of digits -> the best split's score and its pieces' keys


def _splits(group: int, read: dict[Key, Candidate], digits: tuple[int, ...] | None) -> Splits:
    """The best split of the group's pieces for each count of digits: count -> (score, its pieces' keys). With
    `digits`, only that many, each piece scored on the digit at its place. best[i][k]: the best score of the pieces
    before cut i, read as k digits."""
    keys = [key for key in read if key[0] == group]
    if not keys:
        return {}
    count = max(key[2] for key in keys) + 1
    best: list[Splits] = [{} for _ in range(count)]
    best[0][0] = (0.0, [])
    for key in sorted(keys, key=lambda key: key[2]):
        _, start, stop = key
        for placed, (score, path) in list(best[start].items()):
            if digits is not None and placed >= len(digits):
                continue
            gained = read[key].score if digits is None else read[key].score_as(digits[placed])
            if score + gained > best[stop].get(placed + 1, (-math.inf, []))[0]:
                best[stop][placed + 1] = (score + gained, [*path, key])
    return best[count - 1]


def _box(blob: Blob, scale: int) -> Box:
    return _times((blob.left, blob.top, blob.right, blob.bottom), scale)


def _times(box: Box, factor: int) -> Box:
    x0, y0, x1, y1 = box
    return x0 * factor, y0 * factor, x1 * factor, y1 * factor


def _spaces(found: Layout, ends: list[int], digits: list[DigitReading]) -> frozenset[int]:
    """The digits a wide gap follows: a gap between groups far wider than the others, and wider than 0.6 of a
    line (a number with one gap only has a space where that gap is wider than the line)."""
    gaps = {end: (digits[end + 1].box[0] - digits[end].box[2]) / found.scale for end in ends[:-1]}
    if not gaps:
        return frozenset()
    typical = float(np.median(list(gaps.values()))) if len(gaps) > 1 else 0.0
    least = max(0.6 * found.line_height, SPACE * typical) if len(gaps) > 1 else found.line_height
    return frozenset(end for end, gap in gaps.items() if gap > least)
