"""The default model's answers without torch, for the first seconds after launch: its ONNX copy, run by
onnxruntime.

Importing torch takes 1.5-2.5 s on a 2-core laptop; onnxruntime and this model load in about 0.2 s. The window
reads what is drawn while the engine loads with this (gui/views/loading_view.py), so the first answer is on screen
about a second after launch (benchmarks/startup.py). The copy is exported from the bundled checkpoint by
`python -m training.rebuild` (or its `--quick-copy`), and a test checks that both give the same answers.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from digitpad import paths
from digitpad.engine.reading.prediction import Reader
from digitpad.engine.spec.architectures import DEFAULT_MODEL


def quick_copy_path() -> Path:
    """Where the bundled default model's ONNX copy lives, beside its checkpoint."""
    return paths.bundled_models_dir() / f"{DEFAULT_MODEL}.onnx"


class QuickReader(Reader):
    """Preprocesses an image as the engine does and reads it with the default model's ONNX copy."""

    def __init__(self, path: Path | None = None) -> None:
        import onnxruntime  # here, not at the top: importing this module costs nothing until a reader is made

        options = onnxruntime.SessionOptions()
        # one image at a time, while torch loads on the other core: a second thread would only wait for it
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        self.path = path or quick_copy_path()
        self.session = onnxruntime.InferenceSession(str(self.path), options, providers=["CPUExecutionProvider"])

    def probabilities(self, images: np.ndarray) -> np.ndarray:
        """(N, 28, 28) float images in [0, 1], ink = 1 -> (N, 10) probabilities."""
        batch = np.ascontiguousarray(images, dtype=np.float32)[:, None]
        return self.session.run(["probabilities"], {"image": batch})[0]


def load_quick_reader() -> QuickReader | None:
    """A reader, or None where it cannot be had (onnxruntime missing on this platform, no copy shipped): then the
    first answer waits for the engine, as before."""
    if not quick_copy_path().is_file():
        return None
    try:
        return QuickReader()
    except ImportError:
        return None
