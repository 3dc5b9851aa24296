"""My handwriting: the user's own labelled digits, as PNGs in 0/ ... 9/ folders inside the user data folder.

Each sample is a drawing at the resolution the models read the canvas at (the layout `--data-dir` reads),
named by a hash of its pixels, so a sample added twice or imported twice is one file. A part of the samples is
held back from fine-tuning, to measure it: every sample whose hash is 0 mod 5, and for a digit with at least
three samples but none such, the one with the lowest hash. Whether a sample is held back depends on it alone
(bar that last rule), so a sample used to train one model is never the one that measures the next.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from digitpad import paths
from digitpad.engine.data.image_folder import read_digit_files
from digitpad.engine.data.preprocess import preprocess
from digitpad.engine.spec.errors import ConfigError, DatasetError, ImageError
from digitpad.engine.system.atomic import atomic_write

FOLDER_NAME = "my-handwriting"
MANIFEST = "manifest.json"
FORMAT = "digitpad-my-handwriting"
MIN_SAMPLES = 10  # to fine-tune: enough to learn from and to hold some back
MIN_OF_ONE_DIGIT = 3  # a digit with this many gives one to the held-back part
MAX_IMPORT_BYTES = 64 * 1024**2  # a zip of PNG digits is kilobytes each; anything far larger is not ours


def folder() -> Path:
    return paths.user_data_dir() / FOLDER_NAME


@dataclass(frozen=True)
class Sample:
    path: Path
    label: int

    @property
    def key(self) -> int:
        return int(self.path.stem[:12], 16)


def samples(root: Path | None = None) -> list[Sample]:
    """Every sample file, by digit then name (files are checked when read, not here)."""
    root = root or folder()
    found = []
    for digit in range(10):
        digit_folder = root / str(digit)
        if digit_folder.is_dir():
            found += [Sample(p, digit) for p in sorted(digit_folder.glob("*.png")) if _is_sample_name(p)]
    return found


def _is_sample_name(path: Path) -> bool:
    try:
        int(path.stem[:12], 16)
    except ValueError:
        return False
    return True


def counts(root: Path | None = None) -> list[int]:
    """How many samples each digit has."""
    per_digit = [0] * 10
    for sample in samples(root):
        per_digit[sample.label] += 1
    return per_digit


def add(drawing: np.ndarray, label: int, root: Path | None = None) -> Path:
    """Save a drawing (uint8, paper 255 and ink 0, as the canvas gives it) as a sample of `label`.

    Raises ImageError for a drawing with no digit in it: an empty canvas is never saved.
    """
    if not 0 <= label <= 9:
        raise ConfigError(f"a sample's label must be a digit 0-9, not {label!r}")
    if preprocess(drawing) is None:
        raise ImageError("there is no digit to save: draw one first")
    png = _png(drawing)
    path = (root or folder()) / str(label) / sample_name(drawing)
    return atomic_write(path, png)


def digit_picture(model_input: np.ndarray, scale: int = 4) -> np.ndarray:
    """A 28x28 model input as a sample to save (uint8, paper 255, `scale` times larger): one digit cut from a
    number, exactly as the model read it."""
    ink = np.kron(np.clip(model_input, 0.0, 1.0), np.ones((scale, scale), dtype=np.float32))
    return (255 - np.round(ink * 255)).astype(np.uint8)


def sample_name(image: np.ndarray) -> str:
    """A sample's file name: a hash of its pixels, so a sample added or imported twice is one file."""
    return f"{hashlib.sha1(np.ascontiguousarray(image).tobytes()).hexdigest()[:16]}.png"


def _png(image: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(image, dtype=np.uint8), mode="L").save(buffer, format="PNG")
    return buffer.getvalue()


def remove(path: Path) -> None:
    path.unlink(missing_ok=True)


def relabel(path: Path, label: int, root: Path | None = None) -> Path:
    """Move a sample to another digit's folder; returns its new path."""
    target = (root or folder()) / str(label) / path.name
    target.parent.mkdir(parents=True, exist_ok=True)
    path.replace(target)
    return target


def held_out(all_samples: list[Sample]) -> set[Path]:
    """The samples kept back from training, to measure a fine-tune on (see the module docstring)."""
    chosen = {s.path for s in all_samples if s.key % 5 == 0}
    for digit in range(10):
        of_digit = [s for s in all_samples if s.label == digit]
        if len(of_digit) >= MIN_OF_ONE_DIGIT and not any(s.path in chosen for s in of_digit):
            chosen.add(min(of_digit, key=lambda s: s.key).path)
    return chosen


@dataclass
class Part:
    """One part of the collection, read and preprocessed like any image: what the models see."""

    images: np.ndarray  # uint8 (N, 28, 28), ink bright as in MNIST
    labels: np.ndarray  # uint8 (N,)
    paths: list[Path]
    skipped: list[str] = field(default_factory=list)  # "file: reason" for each file that could not be read


def read_part(part: str, root: Path | None = None) -> Part:
    """ "train" (what a fine-tune learns from), "test" (the held-back part) or "all"."""
    every = samples(root)
    kept = held_out(every)
    chosen = [s for s in every if part == "all" or (s.path in kept) == (part == "test")]
    return Part(*read_digit_files([sample.path for sample in chosen]))


def check_ready(root: Path | None = None) -> None:
    """Raise ConfigError saying how many more samples a fine-tune needs, if it needs more."""
    per_digit = counts(root)
    total = sum(per_digit)
    missing = MIN_SAMPLES - total
    if missing > 0:
        raise ConfigError(
            f"My handwriting has {total} sample{'s' if total != 1 else ''}: add {missing} more to teach a model "
            f"(at least {MIN_SAMPLES}, with {MIN_OF_ONE_DIGIT} of one digit)"
        )
    if max(per_digit) < MIN_OF_ONE_DIGIT:
        best = max(per_digit)
        raise ConfigError(
            f"add {MIN_OF_ONE_DIGIT - best} more of one digit: a digit needs {MIN_OF_ONE_DIGIT} samples so that "
            "one can be kept back to measure the result"
        )


# --- sharing -------------------------------------------------------------------------------------------------
def export_zip(target: Path, root: Path | None = None) -> int:
    """Write every sample and a manifest into a zip; returns how many samples it holds."""
    every = samples(root)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:  # PNGs are compressed already
        manifest = {"format": FORMAT, "version": 1, "counts": counts(root), "samples": len(every)}
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1))
        for sample in every:
            archive.write(sample.path, f"{sample.label}/{sample.path.name}")
    atomic_write(target, buffer.getvalue())
    return len(every)


@dataclass
class ImportPlan:
    """What importing a zip would do, before it does it."""

    new: list[tuple[int, str, bytes]] = field(default_factory=list)  # (label, file name, PNG bytes)
    conflicts: list[tuple[int, str, bytes]] = field(default_factory=list)  # here already, with another label
    same: int = 0  # here already, with the same label
    unreadable: list[str] = field(default_factory=list)  # "name: reason"


def plan_import(source: Path, root: Path | None = None) -> ImportPlan:
    """Read and check every file of a zip (DatasetError if it is not a My handwriting zip at all)."""
    if not source.is_file():
        raise DatasetError(f"{source}: no such file")
    if source.stat().st_size > MAX_IMPORT_BYTES:
        raise DatasetError(f"{source.name}: {source.stat().st_size / 1024**2:.0f} MB is too large for digit samples")
    try:
        archive = zipfile.ZipFile(source)
        names = archive.namelist()
    except (zipfile.BadZipFile, OSError) as error:
        raise DatasetError(f"{source.name}: not a zip file ({error})") from None
    with archive:
        if MANIFEST not in names:
            raise DatasetError(f"{source.name}: not a My handwriting zip (it has no {MANIFEST})")
        here = {s.path.name: s.label for s in samples(root)}
        plan = ImportPlan()
        for name in names:
            if name == MANIFEST or name.endswith("/"):
                continue
            parts = name.split("/")
            if len(parts) != 2 or parts[0] not in tuple("0123456789") or not parts[1].endswith(".png"):
                plan.unreadable.append(f"{name}: not a digit sample (expected 0/ ... 9/ folders of PNGs)")
                continue
            label = int(parts[0])
            try:
                data = archive.read(name)
                image = np.asarray(Image.open(io.BytesIO(data)).convert("L"))
            except Exception as error:  # any decoder failure is that file's problem, not the import's
                plan.unreadable.append(f"{name}: could not be read ({error.__class__.__name__})")
                continue
            key = sample_name(image)
            if here.get(key) == label:
                plan.same += 1
            elif key in here:
                plan.conflicts.append((label, key, _png(image)))
            else:
                plan.new.append((label, key, _png(image)))
    return plan


def apply_import(plan: ImportPlan, replace_conflicts: bool, root: Path | None = None) -> int:
    """Write the plan's new samples (and, if asked, the conflicting ones under the zip's label); returns how many."""
    root = root or folder()
    written = 0
    for label, name, png in plan.new + (plan.conflicts if replace_conflicts else []):
        for digit in range(10):  # a conflicting sample leaves its old label's folder
            if digit != label:
                (root / str(digit) / name).unlink(missing_ok=True)
        atomic_write(root / str(label) / name, png)
        written += 1
    return written
