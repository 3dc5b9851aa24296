"""Datasets: the bundled MNIST, any folder of the four IDX files, and optional torchvision downloads."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from digitpad import paths
from digitpad.engine.data import my_handwriting
from digitpad.engine.data.idx import read_idx
from digitpad.engine.data.image_folder import is_image_folder, read_image_folder
from digitpad.engine.spec.config import normalization
from digitpad.engine.spec.datasets import DATASETS, DatasetSpec
from digitpad.engine.spec.errors import DatasetError

SPLITS = ("train", "test")
_SPLIT_PATTERNS = {"train": re.compile(r"train"), "test": re.compile(r"t10k|test")}


def dataset_dir(name: str) -> Path:
    """Where a named dataset's IDX files live: bundled for MNIST, the user data dir for the others."""
    if name not in DATASETS:
        raise DatasetError(f"unknown dataset {name!r}: use one of {', '.join(DATASETS)}")
    if name == "mine":
        return my_handwriting.folder()
    return paths.bundled_mnist_dir() if name == "mnist" else paths.user_datasets_dir() / name


def is_present(name: str) -> bool:
    if name == "mine":
        return bool(my_handwriting.samples())
    try:
        find_idx_files(dataset_dir(name), DATASETS[name].file_hint)
    except DatasetError:
        return False
    return True


def find_idx_files(folder: Path, file_hint: str = "") -> dict[str, tuple[Path, Path]]:
    """split -> (images file, labels file) for a folder holding the four standard IDX files, raw or .gz."""
    if not folder.is_dir():
        raise DatasetError(f"{folder}: no such folder")
    found: dict[str, tuple[Path, Path]] = {}
    names = sorted(p for p in folder.rglob("*") if p.is_file() and "idx" in p.name and file_hint in p.name)
    for split, pattern in _SPLIT_PATTERNS.items():
        images = [p for p in names if pattern.search(p.name) and "idx3" in p.name]
        labels = [p for p in names if pattern.search(p.name) and "idx1" in p.name]
        if not images or not labels:
            raise DatasetError(
                f"{folder}: no {split} images/labels found; expected files like "
                f"{'train' if split == 'train' else 't10k'}-images-idx3-ubyte[.gz] and -labels-idx1-ubyte[.gz]"
            )
        found[split] = (images[0], labels[0])
    return found


def read_split(folder: Path, split: str, spec: DatasetSpec | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(images uint8 (N, 28, 28), labels uint8 (N,)) for one split, validated against each other."""
    spec = spec or DATASETS["mnist"]
    images_path, labels_path = find_idx_files(folder, spec.file_hint)[split]
    images = read_idx(images_path, expected_ndim=3)
    labels = read_idx(labels_path, expected_ndim=1)
    if images.shape[1:] != (28, 28):
        size = "x".join(map(str, images.shape[1:]))
        raise DatasetError(f"{images_path.name}: images are {size}, digitpad needs 28x28")
    if len(images) != len(labels):
        raise DatasetError(
            f"{labels_path.name}: {len(labels):,} labels for {len(images):,} images in {images_path.name}"
        )
    if labels.max() > 9:
        bad = int(np.argmax(labels > 9))
        raise DatasetError(f"{labels_path.name}: label {labels[bad]} at index {bad} is outside 0-9")
    if spec.transposed:
        images = np.ascontiguousarray(images.transpose(0, 2, 1))
    return images, labels


class InMemoryDataset:
    """One split held as one tensor on the device, normalised once; batches are index slices."""

    def __init__(
        self, raw_images: np.ndarray, labels: np.ndarray, device: torch.device, mean: float, std: float
    ) -> None:
        self.raw_images = raw_images  # uint8 (N, 28, 28) on the CPU, for browsing
        self.raw_labels = labels
        self.mean, self.std = mean, std
        pixels = torch.from_numpy(raw_images).to(device).unsqueeze(1)  # (N, 1, 28, 28) uint8
        self.images = (pixels.float().div_(255.0) - mean).div_(std)
        self.labels = torch.from_numpy(labels.astype(np.int64)).to(device)

    def __len__(self) -> int:
        return len(self.labels)


def with_digits(split: InMemoryDataset, images: np.ndarray, labels: np.ndarray) -> InMemoryDataset:
    """`split` with more digits (uint8 (N, 28, 28), ink bright) appended; the trainer shuffles them in."""
    return InMemoryDataset(
        np.concatenate((split.raw_images, images)), np.concatenate((split.raw_labels, labels)),
        split.images.device, split.mean, split.std,
    )  # fmt: skip


@dataclass
class DatasetPair:
    name: str
    train: InMemoryDataset
    test: InMemoryDataset
    skipped: list[str] = field(default_factory=list)  # files of an image folder that could not be used


def load_dataset(
    name: str = "mnist",
    device: torch.device | None = None,
    normalize: str | tuple[float, float] = "mnist",
    data_dir: str | Path | None = None,
) -> DatasetPair:
    """Load both splits of a named dataset, or of `data_dir` (four IDX files, or digit subfolders of images).

    `normalize` is a TrainConfig.normalize name or a checkpoint's own (mean, std).
    """
    spec = DATASETS.get(name)
    if spec is None:
        raise DatasetError(f"unknown dataset {name!r}: use one of {', '.join(DATASETS)}")
    folder = Path(data_dir) if data_dir else dataset_dir(name)
    if not data_dir and name not in ("mnist", "mine") and not folder.is_dir():
        raise DatasetError(
            f"{spec.title} is not downloaded yet: run `digitpad download {name}` (needs internet "
            f"and `pip install digitpad[datasets]`), or pass --data-dir with its IDX files"
        )
    mean, std = normalization(normalize) if isinstance(normalize, str) else normalize
    device = device or torch.device("cpu")
    if name == "mine" and not data_dir:
        return my_handwriting_with_mnist(device, mean, std)
    if data_dir and is_image_folder(folder):
        splits = read_image_folder(folder)
        train, test = (InMemoryDataset(splits[s].images, splits[s].labels, device, mean, std) for s in SPLITS)
        skipped = [line for split in splits.values() for line in split.skipped]
        return DatasetPair(folder.name, train, test, skipped)
    train, test = (InMemoryDataset(*read_split(folder, split, spec), device, mean, std) for split in SPLITS)
    return DatasetPair(name, train, test)


MNIST_IN_THE_MIX = 4000  # MNIST training images beside the user's digits in each epoch of a fine-tune
MINE_SHARE = 1 / 3  # of each epoch's images, the user's (repeated: each is augmented anew every time)


def my_handwriting_with_mnist(device: torch.device, mean: float, std: float, seed: int = 0) -> DatasetPair:
    """My handwriting as a dataset: train = its training part, repeated, mixed with MNIST training images (so a
    fine-tuned model does not forget MNIST); test = its held-back part."""
    my_handwriting.check_ready()
    own, held_back = my_handwriting.read_part("train"), my_handwriting.read_part("test")
    if not len(own.labels) or not len(held_back.labels):
        raise DatasetError("My handwriting has too few readable samples to train on and to hold some back")
    mnist_images, mnist_labels = read_split(paths.bundled_mnist_dir(), "train")
    chosen = np.random.default_rng(seed).choice(len(mnist_labels), MNIST_IN_THE_MIX, replace=False)
    repeats = max(1, round(MNIST_IN_THE_MIX * MINE_SHARE / (1 - MINE_SHARE) / len(own.labels)))
    images = np.concatenate([mnist_images[chosen], np.tile(own.images, (repeats, 1, 1))])
    labels = np.concatenate([mnist_labels[chosen], np.tile(own.labels, repeats)])
    train = InMemoryDataset(images, labels, device, mean, std)
    test = InMemoryDataset(held_back.images, held_back.labels, device, mean, std)
    return DatasetPair("mine", train, test, own.skipped + held_back.skipped)


def download(name: str, progress: Callable[[str], None] = print) -> Path:
    """Fetch a dataset with torchvision into the user data dir and return the folder of its IDX files."""
    spec = DATASETS.get(name)
    if spec is None or spec.torchvision_class is None:
        allowed = [n for n, s in DATASETS.items() if s.torchvision_class]
        raise DatasetError(f"{name!r} cannot be downloaded: use one of {', '.join(allowed)}")
    try:
        import torchvision.datasets as tv_datasets
    except Exception as error:  # ImportError, or the operator error of a wheel built for another torch
        raise DatasetError(
            f"downloading needs torchvision that matches this torch ({error.__class__.__name__}): "
            "pip install 'digitpad[datasets]'"
        ) from error
    root = dataset_dir(name)
    root.mkdir(parents=True, exist_ok=True)
    progress(f"downloading {spec.title} into {root}")
    factory = getattr(tv_datasets, spec.torchvision_class)
    extra = {"split": "digits"} if spec.torchvision_class == "EMNIST" else {}
    try:
        for train in (True, False):
            factory(str(root), train=train, download=True, **extra)
    except (OSError, RuntimeError) as error:
        raise DatasetError(f"could not download {spec.title} (are you online?): {error}") from error
    find_idx_files(root, spec.file_hint)  # fails clearly if the download left something unexpected
    return root
