"""The ways a layout's groups may be cut into digits: candidate cut paths through digits that touch, and every run
of consecutive pieces between them that could be one digit, each with the 28x28 a model reads.

A group narrower than a digit is one piece. A wider one (digits that touch) is over-segmented: paths from top to
bottom that cross the least ink, more of them than it needs; number reading (engine/reading/number.py) lets the
classifier and the whole-digit judge choose among the runs. Like segmentation.py, this module only looks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from digitpad.engine.data.preprocess import digit_input
from digitpad.engine.data.segmentation import Blob, Layout

NARROWEST = 0.12  # no cut leaves a piece narrower than this share of the line's height
CUTS_PER_LINE = 6  # candidate cuts per line height of a group's width
CUT_BAND = 0.25  # a cut path strays at most this share of the line's height from the column it starts from
DRIFT = 0.02  # the cost of each column a cut path strays, against 1 for each pixel of solid ink it crosses
WIDEST_DIGIT = 1.3  # no digit is wider than this share of the line's height (a wider group holds several)
SPLIT_FROM = 0.5  # a group narrower than this share of the line's height is one digit (two 1s that touch are wider)


Key = tuple[int, int, int]  # a run of pieces: its group's index, the indices of the cuts it runs from and to


@dataclass(frozen=True)
class Piece:
    """A run of a group's consecutive pieces that could be one digit."""

    blob: Blob
    group: Blob  # the group it was cut from (the piece itself when it is the group whole)
    model_input: np.ndarray  # the 28x28 a model reads
    cut_ink: tuple[float, float]  # the ink its left and right cuts crossed, in line heights (0 at a group's edge)


def pieces(found: Layout) -> dict[Key, Piece]:
    """Every run of consecutive pieces of every group that could be one digit (`group_pieces`)."""
    return {key: piece for index in range(len(found.groups)) for key, piece in group_pieces(found, index).items()}


def whole_group(found: Layout, index: int) -> dict[Key, Piece]:
    """Group `index` uncut, as one piece (key (index, 0, 1)); empty when it holds no ink a model could read."""
    group = found.groups[index]
    model_input = digit_input(_ink_of(group, found.ink))
    return {(index, 0, 1): Piece(group, group, model_input, (0.0, 0.0))} if model_input is not None else {}


def group_pieces(found: Layout, index: int) -> dict[Key, Piece]:
    """Every run of consecutive pieces of group `index` that could be one digit, and the group whole however wide
    (a wide 2 or a long-tailed 7 is one digit as often as two that touch)."""
    group = found.groups[index]
    cuts = _cuts(group, found)
    crossed = [0.0, *(path_ink(group, found.ink, cut) / found.line_height for cut in cuts[1:-1]), 0.0]
    last = len(cuts) - 1
    runs = [(0, last)] + [
        (start, stop)
        for start in range(last)
        for stop in range(start + 1, last + 1)
        if (start, stop) != (0, last)
        and float(cuts[stop].mean() - cuts[start].mean()) <= WIDEST_DIGIT * found.line_height
    ]
    found_pieces = {}
    for start, stop in runs:
        part = group if (start, stop) == (0, last) else group.between(cuts[start], cuts[stop])
        model_input = digit_input(_ink_of(part, found.ink)) if part is not None else None
        if part is not None and model_input is not None:
            found_pieces[(index, start, stop)] = Piece(part, group, model_input, (crossed[start], crossed[stop]))
    return found_pieces


def _cuts(group: Blob, found: Layout) -> list[np.ndarray]:
    """A group's edges as straight cut paths, with its candidate cuts between when it is wider than a digit."""
    wide = group.width > SPLIT_FROM * found.line_height
    inner = candidate_cuts(group, found.ink, found.line_height) if wide else []
    return [group.edge(group.left), *inner, group.edge(group.right)]


def _ink_of(blob: Blob, ink: np.ndarray) -> np.ndarray:
    """The ink within a blob's box that belongs to it (its mask grown by a pixel, for the strokes' soft edges)."""
    mask = np.pad(blob.mask, 1)
    grown = mask[1:-1, 1:-1] | mask[:-2, 1:-1] | mask[2:, 1:-1] | mask[1:-1, :-2] | mask[1:-1, 2:]
    return ink[blob.top : blob.bottom, blob.left : blob.right] * grown


def candidate_cuts(group: Blob, ink: np.ndarray, line_height: float) -> list[np.ndarray]:
    """Where a group may be cut into digits, more places than it needs (the classifier chooses): paths from its
    top to its bottom that cross the least ink (`cut_path`), starting from the local minima of its column profile
    and its least inked columns, none nearer than NARROWEST of the line to another or to an edge, about
    CUTS_PER_LINE of them per line height of width, left to right."""
    margin = max(1, round(NARROWEST * line_height))
    profile = np.convolve(group.mask.sum(0).astype(np.float32), np.array([1.0, 2.0, 1.0]) / 4, mode="same")
    inner = np.arange(margin, group.width - margin)
    if inner.size == 0:
        return []
    minima = {int(x) for x in inner if profile[x] <= profile[x - 1] and profile[x] <= profile[x + 1]}
    wanted = max(1, round(CUTS_PER_LINE * group.width / line_height))
    chosen: list[int] = []
    for x in sorted(inner, key=lambda column: (column not in minima, profile[column], column)):
        if all(abs(int(x) - other) >= margin for other in chosen):
            chosen.append(int(x))
        if len(chosen) == wanted:
            break
    weights = ink[group.top : group.bottom, group.left : group.right] * group.mask
    band = max(1, round(CUT_BAND * line_height))
    return [group.left + cut_path(weights, x, band) for x in sorted(chosen)]


def cut_path(weights: np.ndarray, column: int, band: int) -> np.ndarray:
    """The path down `weights` (one column per row, within `band` of `column`, moving at most one column a row)
    that crosses the least ink: two touching digits part along the thin bridge or the white channel between them,
    not straight down through the one that leans over the other."""
    height, width = weights.shape
    low, high = max(0, column - band), min(width, column + band + 1)
    cost = weights[:, low:high] + DRIFT * np.abs(np.arange(low, high) - column)[None, :]
    columns = np.arange(cost.shape[1])
    shifted = np.full((3, cost.shape[1]), np.inf)  # the best total so far reaching each column from x-1, x, x+1
    shifted[1] = cost[0]
    came_from = np.zeros(cost.shape, dtype=np.int64)
    for row in range(1, height):
        shifted[0, 1:], shifted[2, :-1] = shifted[1, :-1], shifted[1, 1:]
        step = shifted.argmin(0)
        came_from[row] = columns + step - 1
        shifted[1] = shifted[step, columns] + cost[row]
    total = shifted[1]
    path = np.empty(height, dtype=np.int64)
    path[-1] = int(total.argmin())
    for row in range(height - 1, 0, -1):
        path[row - 1] = came_from[row, path[row]]
    return path + low


def path_ink(group: Blob, ink: np.ndarray, path: np.ndarray) -> float:
    """The group's ink a cut path goes through (0 along its edges, where there is none of its own)."""
    rows = np.arange(group.height)
    columns = path - group.left
    inside = (columns >= 0) & (columns < group.width)
    rows, columns = rows[inside], columns[inside]
    return float((ink[group.top + rows, group.left + columns] * group.mask[rows, columns]).sum())
