"""A small, strict reader for IDX files (raw or gzip): it validates the header before it allocates."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path
from typing import BinaryIO, cast

import numpy as np

from digitpad.engine.spec.errors import DatasetError

UBYTE = 0x08
# No digit dataset comes near this; a header claiming more is lying or hostile (1e9 images would be 784 GB).
MAX_ITEMS = 20_000_000
MAX_BYTES = 4 * 1024**3
_CHUNK = 1 << 20


def read_idx(path: str | Path, expected_ndim: int) -> np.ndarray:
    """Read an IDX array of unsigned bytes with `expected_ndim` dimensions (3 for images, 1 for labels)."""
    path = Path(path)
    try:
        with _open(path) as stream:
            header = _read_exact(stream, 4, path, "the 4-byte IDX header")
            zero, dtype, ndim = header[:2], header[2], header[3]
            if zero != b"\x00\x00" or dtype != UBYTE:
                raise DatasetError(f"{path.name}: not an IDX file of unsigned bytes (magic {header.hex()})")
            if ndim != expected_ndim:
                kind = "images (3 dimensions)" if expected_ndim == 3 else "labels (1 dimension)"
                raise DatasetError(f"{path.name}: holds {ndim} dimension(s), expected {kind}")
            dims = struct.unpack(f">{ndim}I", _read_exact(stream, 4 * ndim, path, "the dimensions"))
            _check_dims(path, dims)
            size = int(np.prod(dims, dtype=np.int64))
            if not path.name.endswith(".gz"):
                available = path.stat().st_size - 4 - 4 * ndim
                if available != size:
                    raise DatasetError(_size_message(path, dims, size, available))
            data = _read_exact(stream, size, path, None, dims=dims)
            if stream.read(1):
                raise DatasetError(f"{path.name}: has data beyond the {dims[0]:,} items its header declares")
    except (OSError, EOFError, gzip.BadGzipFile, ValueError) as error:
        raise DatasetError(f"{path.name}: cannot be read ({error})") from error
    return np.frombuffer(data, dtype=np.uint8).reshape(dims)


def _open(path: Path) -> BinaryIO:
    if not path.is_file():
        raise DatasetError(f"{path}: no such file")
    stream = gzip.open(path, "rb") if path.name.endswith(".gz") else path.open("rb")  # noqa: SIM115 (the caller's)
    return cast(BinaryIO, stream)


def _check_dims(path: Path, dims: tuple[int, ...]) -> None:
    if dims[0] == 0:
        raise DatasetError(f"{path.name}: the header declares no items")
    if dims[0] > MAX_ITEMS:
        raise DatasetError(f"{path.name}: the header claims {dims[0]:,} items, more than any digit dataset")
    if any(d == 0 or d > 1024 for d in dims[1:]):
        raise DatasetError(f"{path.name}: image size {'x'.join(map(str, dims[1:]))} is not usable")
    if int(np.prod(dims, dtype=np.int64)) > MAX_BYTES:
        raise DatasetError(f"{path.name}: the header declares more than 4 GB of data")


def _read_exact(stream: BinaryIO, size: int, path: Path, what: str | None, dims: tuple[int, ...] = ()) -> bytearray:
    """Read `size` bytes in chunks, so a header that lies about the size never makes us allocate it."""
    buffer = bytearray()
    while len(buffer) < size:
        chunk = stream.read(min(_CHUNK, size - len(buffer)))
        if not chunk:
            if what is not None:
                raise DatasetError(f"{path.name}: truncated, the file ends inside {what}")
            raise DatasetError(_size_message(path, dims, size, len(buffer)))
        buffer += chunk
    return buffer


def _size_message(path: Path, dims: tuple[int, ...], size: int, available: int) -> str:
    if available < size:
        return (
            f"{path.name}: truncated, the header declares {dims[0]:,} items ({size:,} bytes) "
            f"but the file holds {max(available, 0):,} bytes"
        )
    return f"{path.name}: has data beyond the {dims[0]:,} items its header declares"
