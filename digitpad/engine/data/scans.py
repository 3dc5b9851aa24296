"""Real digits by writers MNIST never saw, as scans reach the app: the UCI optical digits' training file.

30 people wrote these digits on NIST forms; NIST's form reader made each one upright, stretched it into a 32x32
box, evened its strokes and counted its on-pixels in 4x4 blocks (an 8x8 scan). MNIST's writers keep their slant
and aspect and were mostly American; a model trained on MNIST alone reads these scans at about 95%, and reads
them (and other writers' crops) far better once they are in its training set. Each scan is enlarged the way a
user's low-resolution crop is and put through the app's own preprocessing, so it looks like what the models read.

`assets/datasets/optdigits` holds 2,823 of the file's 3,823 digits; the other 1,000 are a tune family of
`training/handwriting_eval.py`, and the 13 writers of the UCI test file are only ever reported. CC BY 4.0.
"""

from __future__ import annotations

import gzip

import numpy as np
from PIL import Image

from digitpad import paths
from digitpad.engine.data.digit_cache import Digits, cached_digits
from digitpad.engine.data.preprocess import preprocess

SCANS_FILE = "optdigits-train.csv.gz"
VERSION = 1  # of the rendering: a cached set of another version is rendered again


def read_scans(path: str) -> Digits:
    """An optical-digits CSV (64 block counts 0-16 and a label per row) as 8x8 uint8 images, ink bright."""
    with gzip.open(path) as stream:
        table = np.loadtxt(stream, delimiter=",", dtype=np.int64)
    return (table[:, :-1].reshape(-1, 8, 8) * 255 // 16).astype(np.uint8), table[:, -1].astype(np.uint8)


def enlarge(scan: np.ndarray, size: int = 96) -> np.ndarray:
    """An ink-bright 8x8 scan enlarged to `size` px, dark on white: a low-resolution crop as a user brings one."""
    return np.asarray(Image.fromarray(255 - scan).resize((size, size), Image.Resampling.BICUBIC))


def scanned_digits() -> Digits:
    """The bundled scans as the models read them: uint8 (N, 28, 28), ink bright, and their labels (rendered
    once, about 3 s, then read from the user cache folder)."""
    return cached_digits(f"scans-v{VERSION}", _render)


def _render() -> Digits:
    scans, labels = read_scans(str(paths.assets_dir() / "datasets" / "optdigits" / SCANS_FILE))
    images = [preprocess(enlarge(scan)) for scan in scans]
    kept = [(index, image) for index, image in enumerate(images) if image is not None]  # it finds every one
    rendered = np.stack([np.round(image * 255).astype(np.uint8) for _index, image in kept])
    return rendered, labels[[index for index, _image in kept]]
