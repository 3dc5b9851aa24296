"""A dataset from a folder of image files with one subfolder per digit (0/ ... 9/), e.g. your own scans.

Each image goes through the same preprocessing as a drawing, so it looks like MNIST. Files that cannot be
read (or hold no digit) are skipped and counted, never fatal. With train/ and test/ subfolders those are the
splits; otherwise every fifth image (in name order) is held out for testing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from digitpad.engine.data.preprocess import preprocess
from digitpad.engine.spec.errors import DatasetError, ImageError

DIGIT_FOLDERS = tuple(str(d) for d in range(10))


@dataclass
class ImageSplit:
    images: np.ndarray  # uint8 (N, 28, 28), ink bright as in MNIST
    labels: np.ndarray  # uint8 (N,)
    skipped: list[str]  # "file: reason" for each image that could not be used


def is_image_folder(folder: Path) -> bool:
    roots = [folder / "train", folder / "test"] if (folder / "train").is_dir() else [folder]
    return all(any((root / digit).is_dir() for digit in DIGIT_FOLDERS) for root in roots)


def read_image_folder(folder: Path) -> dict[str, ImageSplit]:
    """split -> ImageSplit for a folder of digit subfolders (see the module docstring)."""
    if (folder / "train").is_dir() and (folder / "test").is_dir():
        return {split: _read(folder / split, lambda _i: True) for split in ("train", "test")}
    files = _files(folder)
    held_out = set(files[4::5])
    return {
        "train": _read(folder, lambda path: path not in held_out),
        "test": _read(folder, lambda path: path in held_out),
    }


def _files(root: Path) -> list[Path]:
    return sorted(
        p for digit in DIGIT_FOLDERS if (root / digit).is_dir() for p in (root / digit).iterdir() if p.is_file()
    )


def read_digit_files(files: list[Path]) -> tuple[np.ndarray, np.ndarray, list[Path], list[str]]:
    """Each file of a digit folder (its parent's name is its label) preprocessed like a drawing: (images uint8
    (N, 28, 28), labels, the files used, "file: reason" for each one skipped)."""
    images, labels, used, skipped = [], [], [], []
    for path in files:
        try:
            digit = preprocess(path)
        except ImageError as error:
            skipped.append(str(error))
            continue
        if digit is None:
            skipped.append(f"{path.name}: no digit found")
            continue
        images.append(np.round(digit * 255).astype(np.uint8))
        labels.append(int(path.parent.name))
        used.append(path)
    stacked = np.stack(images) if images else np.zeros((0, 28, 28), np.uint8)
    return stacked, np.array(labels, dtype=np.uint8), used, skipped


def _read(root: Path, keep) -> ImageSplit:
    images, labels, _used, skipped = read_digit_files([path for path in _files(root) if keep(path)])
    if not len(labels):
        raise DatasetError(f"{root}: no usable images in its digit subfolders 0-9 ({len(skipped)} skipped)")
    return ImageSplit(images, labels, skipped)
