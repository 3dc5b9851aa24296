"""Where the digits of a number stand in an ink map: connected strokes, grouped into digits by where they stand,
and the columns where digits that touch may be cut.

Strokes that overlap a great deal left to right belong to one digit (a 5's flag over its body, a 4 in two
strokes, the dots of a broken scan); a piece much shorter than the line attaches to the digit beside it; what is
left apart and tiny is a speck. Digits that touch make one group wider than a digit: its candidate cuts are the
columns where it holds least ink. Number reading (engine/reading/number.py) lets the classifier choose among
them. This module only looks; it never reads a digit.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

LABEL_LEVEL = 0.4  # ink above this is a stroke: anti-aliased edges between two close digits stay apart
WORK_HEIGHT = 64  # an ink map is reduced until its ink is about this tall: enough for a digit, quick to label
SAME_DIGIT_OVERLAP = 0.6  # strokes overlapping this much of the narrower one's width, left to right: one digit
SMALL_PIECE = 0.45  # a group shorter than this share of the line is a piece of a digit, not a digit
ATTACH_GAP = 0.5  # ... and joins the digit beside it when it stands within this share of the line's height
SPECK_AREA = 0.02  # a lone piece with less ink than this share of the largest stroke's is a speck


@dataclass(frozen=True, eq=False)  # each blob is itself: compared by identity, never by its pixels
class Blob:
    """Ink that belongs together: a mask within a box (top, bottom, left, right: ends excluded) of an ink map."""

    top: int
    bottom: int
    left: int
    right: int
    mask: np.ndarray  # bool (bottom - top, right - left)

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def area(self) -> int:
        return int(self.mask.sum())

    def union(self, other: Blob) -> Blob:
        top, bottom = min(self.top, other.top), max(self.bottom, other.bottom)
        left, right = min(self.left, other.left), max(self.right, other.right)
        mask = np.zeros((bottom - top, right - left), dtype=bool)
        for blob in (self, other):
            mask[blob.top - top : blob.bottom - top, blob.left - left : blob.right - left] |= blob.mask
        return Blob(top, bottom, left, right, mask)

    def between(self, left: np.ndarray, right: np.ndarray) -> Blob | None:
        """The ink between two cut paths (each path: a column per row of the blob, ink map coordinates), cropped
        to its ink; None when it holds none."""
        columns = np.arange(self.left, self.right)[None, :]
        part = self.mask & (columns >= left[:, None]) & (columns < right[:, None])
        rows, cols = np.flatnonzero(part.any(1)), np.flatnonzero(part.any(0))
        if rows.size == 0:
            return None
        top, left_edge = self.top + int(rows[0]), self.left + int(cols[0])
        mask = part[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
        return Blob(top, top + mask.shape[0], left_edge, left_edge + mask.shape[1], mask)

    def edge(self, column: int) -> np.ndarray:
        """A straight cut path at `column`: the blob's left edge, its right one, or any column between."""
        return np.full(self.height, column, dtype=np.int64)

    def gap_to(self, other: Blob) -> int:
        """Columns of paper between the two, left to right (0 when they overlap)."""
        return max(0, max(self.left, other.left) - min(self.right, other.right))

    def overlap(self, other: Blob) -> float:
        """How much of the narrower one's width the two share, left to right."""
        shared = min(self.right, other.right) - max(self.left, other.left)
        return max(0, shared) / max(1, min(self.width, other.width))


@dataclass(frozen=True)
class Layout:
    """An ink map's digits as groups of strokes, left to right, in a copy reduced `scale` times."""

    ink: np.ndarray  # the reduced ink map (paper 0, ink 1)
    scale: int  # pixels of the original per pixel of `ink`
    line_height: float  # a digit's height, in `ink`'s pixels
    groups: list[Blob]


def layout(ink: np.ndarray) -> Layout | None:
    """Group an ink map's strokes into digits, left to right; None when it holds no stroke."""
    scale = _scale(ink)
    reduced = _reduce(ink, scale)
    strokes = components(reduced > LABEL_LEVEL)
    if not strokes:
        return None
    groups = _merge_overlapping(strokes)
    line_height = _line_height(groups)
    groups = _attach_small_pieces(groups, line_height, max(stroke.area for stroke in strokes))
    return Layout(reduced, scale, line_height, sorted(groups, key=lambda group: group.left))


def components(mask: np.ndarray) -> list[Blob]:
    """The 8-connected components of a boolean image, from its runs of ink row by row joined by union-find."""
    edges = np.diff(np.pad(mask, ((0, 0), (1, 1))).astype(np.int8), axis=1)
    rows, starts = np.nonzero(edges == 1)  # row by row, left to right: each run's start pairs with its end
    ends = np.nonzero(edges == -1)[1]
    runs = list(zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True))  # (row, start, end)
    first = np.searchsorted(rows, np.arange(mask.shape[0] + 1)).tolist()
    row_runs = [range(first[row], first[row + 1]) for row in range(mask.shape[0])]  # per row, its runs' indices
    parent = list(range(len(runs)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for above, below in itertools.pairwise(row_runs):
        for upper in above:
            for lower in below:  # touching on consecutive rows, diagonals included
                if runs[upper][1] <= runs[lower][2] and runs[lower][1] <= runs[upper][2]:
                    parent[root(lower)] = root(upper)
    members: dict[int, list[tuple[int, int, int]]] = {}
    for index, run in enumerate(runs):
        members.setdefault(root(index), []).append(run)
    return [_blob(parts) for parts in members.values()]


def _blob(runs: list[tuple[int, int, int]]) -> Blob:
    top, bottom = min(run[0] for run in runs), max(run[0] for run in runs) + 1
    left, right = min(run[1] for run in runs), max(run[2] for run in runs)
    mask = np.zeros((bottom - top, right - left), dtype=bool)
    for row, start, end in runs:
        mask[row - top, start - left : end - left] = True
    return Blob(top, bottom, left, right, mask)


def _scale(ink: np.ndarray) -> int:
    """How many times to reduce an ink map so its ink is about WORK_HEIGHT tall (never enlarged)."""
    rows = np.flatnonzero((ink > LABEL_LEVEL).any(1))
    height = int(rows[-1] - rows[0] + 1) if rows.size else ink.shape[0]
    return max(1, height // WORK_HEIGHT)


def _reduce(ink: np.ndarray, scale: int) -> np.ndarray:
    """Each `scale` x `scale` block's mean (the last partial rows and columns go)."""
    if scale == 1:
        return ink
    height, width = ink.shape[0] // scale * scale, ink.shape[1] // scale * scale
    blocks = ink[:height, :width].reshape(height // scale, scale, width // scale, scale)
    return blocks.mean(axis=(1, 3), dtype=np.float32)


def _line_height(groups: list[Blob]) -> float:
    """The height of a digit of the line: the median height of the tall groups of strokes (strokes that overlap
    left to right, so a digit that a scan broke into dashes counts whole)."""
    heights = np.array([group.height for group in groups], dtype=np.float32)
    return float(np.median(heights[heights >= 0.6 * heights.max()]))


def _merge_overlapping(blobs: list[Blob]) -> list[Blob]:
    """Join the strokes that overlap much left to right, until none do."""
    groups = sorted(blobs, key=lambda blob: blob.left)
    merged = True
    while merged:
        merged = False
        for first in range(len(groups)):
            for second in range(first + 1, len(groups)):
                if groups[first].overlap(groups[second]) >= SAME_DIGIT_OVERLAP:
                    groups[first] = groups[first].union(groups.pop(second))
                    merged = True
                    break
            if merged:
                break
    return groups


def _attach_small_pieces(groups: list[Blob], line_height: float, largest_stroke: int) -> list[Blob]:
    """A group much shorter than the line joins the nearest group beside it (a flag, a dot of a broken stroke);
    alone and tiny, it is a speck and goes."""
    groups = sorted(groups, key=lambda blob: blob.left)
    small = [group for group in groups if group.height < SMALL_PIECE * line_height]
    for piece in sorted(small, key=lambda blob: blob.area):
        others = [group for group in groups if group is not piece]
        if piece not in groups or not others:  # already joined by a larger piece, or the only one
            continue
        nearest = min(others, key=lambda group: (piece.gap_to(group), abs(piece.left - group.left)))
        groups.remove(piece)
        if piece.gap_to(nearest) <= ATTACH_GAP * line_height:
            groups[groups.index(nearest)] = nearest.union(piece)
        elif piece.area >= SPECK_AREA * largest_stroke:
            groups.append(piece)  # apart and not tiny: left for the classifier to judge
    return groups
