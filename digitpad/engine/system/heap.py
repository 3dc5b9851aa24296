"""The process's memory: how much is resident (Linux), and handing the C heap's free pages back after a run."""

from __future__ import annotations

import ctypes
import sys
from pathlib import Path


def release_free_memory() -> None:
    """Ask glibc to return what its heaps hold free (a no-op elsewhere, or where the C library lacks it).

    A run frees hundreds of MB (its copy of the dataset, the activations of every batch), but glibc keeps much of
    that in its per-thread heaps: ten start/stop cycles of a lenet5 run grew the app's resident size by 95-158 MB;
    trimmed after each run it stayed between 520 and 599 MB, 538-547 MB after the first (benchmarks/memory.py).
    """
    if not sys.platform.startswith("linux"):
        return
    process = ctypes.CDLL(None)  # the symbols already loaded, the C library's among them
    trim = getattr(process, "malloc_trim", None)  # glibc only (musl has none)
    if trim is not None:
        trim(0)


def resident_mb(field: str = "VmRSS") -> float:
    """This process's resident memory in MB from /proc (Linux): VmRSS now, or VmHWM, its peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")
