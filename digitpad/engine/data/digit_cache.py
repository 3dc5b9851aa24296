"""Generated training digits kept in the user cache folder, so the next run skips making them again."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable

import numpy as np

from digitpad import paths

Digits = tuple[np.ndarray, np.ndarray]  # uint8 (N, 28, 28) images, ink bright as in MNIST, and their labels


def cached_digits(name: str, make: Callable[[], Digits]) -> Digits:
    """The digits stored as `name` in the cache folder, or `make()`'s, stored for next time (atomically: a run
    killed mid-write leaves no half file). A cache that cannot be read or written only costs time."""
    cached = paths.user_cache_dir() / f"{name}.npz"
    with contextlib.suppress(OSError, ValueError, KeyError), np.load(cached) as stored:
        return stored["images"], stored["labels"]
    images, labels = make()
    with contextlib.suppress(OSError):
        cached.parent.mkdir(parents=True, exist_ok=True)
        temp = cached.with_suffix(f".{os.getpid()}.tmp.npz")
        np.savez(temp, images=images, labels=labels)
        os.replace(temp, cached)
    return images, labels
