"""Writing a file atomically: a reader sees the old file or the new one, never half of one, even after a kill."""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
import time
from pathlib import Path

_ABANDONED_AFTER_S = 60  # a save takes milliseconds; a temp file this old was left by a killed process


def atomic_write(path: Path, payload: bytes) -> Path:
    """Write a temp file in the same folder, flush it to disk, then os.replace it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_temp_files(path)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(payload)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, 0o644)  # mkstemp makes it private; a model file is ordinary data
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return path


def _remove_abandoned_temp_files(path: Path) -> None:
    """Delete the temp files of saves to `path` that a kill cut short (older than any save in progress)."""
    cutoff = time.time() - _ABANDONED_AFTER_S
    for temp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):  # another process may have just removed it
            if temp.stat().st_mtime < cutoff:
                temp.unlink()
