"""Test data every layer's tests make: digits on paper, typeset text, IDX folders, My handwriting samples, a
watched gate."""

from __future__ import annotations

import gzip
import struct
import threading

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from digitpad.engine.data import my_handwriting


def render_on_paper(digit: np.ndarray, size: int = 200, dark_on_light: bool = True, offset=(0, 0)) -> np.ndarray:
    """An MNIST digit drawn the way a scan would show it: enlarged, off-centre, on a big page."""

    big = np.asarray(Image.fromarray(digit).resize((size // 2, size // 2), Image.Resampling.BILINEAR))
    page = np.zeros((size, size), dtype=np.uint8)
    top, left = size // 4 + offset[0], size // 4 + offset[1]
    page[top : top + size // 2, left : left + size // 2] = big
    return 255 - page if dark_on_light else page


def typeset(text: str, width: int = 200) -> np.ndarray:
    """`text` in Pillow's own typeface (which no model or judge here trained on), dark on white, 200 px high."""
    paper = Image.new("L", (width, 200), 255)
    ImageDraw.Draw(paper).text((width / 2, 100), text, fill=0, font=ImageFont.load_default(130), anchor="mm")
    return np.asarray(paper)


def idx_bytes(array: np.ndarray, claimed: tuple[int, ...] | None = None, magic: bytes | None = None) -> bytes:
    dims = claimed or array.shape
    header = magic or bytes([0, 0, 0x08, len(dims)])
    return header + struct.pack(f">{len(dims)}I", *dims) + array.astype(np.uint8).tobytes()


def write_dataset(folder, images: np.ndarray, labels: np.ndarray, compress: bool = False) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for prefix in ("train", "t10k"):
        for kind, array in (("images-idx3", images), ("labels-idx1", labels)):
            data = idx_bytes(array)
            name = f"{prefix}-{kind}-ubyte"
            if compress:
                (folder / f"{name}.gz").write_bytes(gzip.compress(data))
            else:
                (folder / name).write_bytes(data)


def add_mnist_digits(mnist, count: int, start: int = 0) -> list:
    """`count` MNIST test digits, drawn on paper as a canvas holds them, saved under their own labels."""
    return [my_handwriting.add(render_on_paper(mnist.test.raw_images[i], size=160), int(mnist.test.raw_labels[i]))
            for i in range(start, start + count)]  # fmt: skip


class WatchedEvent(threading.Event):
    """A threading.Event that says when a thread has started waiting on it (the loop is then provably held)."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting = threading.Event()

    def wait(self, timeout: float | None = None) -> bool:
        self.waiting.set()
        return super().wait(timeout)
