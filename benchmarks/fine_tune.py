"""Teach it my handwriting: how long a fine-tune of the default model takes, and what it changes.

Draws a slashed zero (which lenet-wide reads as 8) and plain digits through the real canvas with mouse events,
SAMPLES of each digit, fine-tunes exactly as the Draw view's button does (engine/training/run.py's train with
the fine-tune recipe), and reads 40 new slashed zeros with the parent and the new model. Prints one JSON object.

    .venv/bin/python benchmarks/fine_tune.py [SAMPLES_PER_DIGIT ...]    (default: 5 10)
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def measure(per_digit: int) -> dict[str, object]:
    os.environ["DIGITPAD_HOME"] = tempfile.mkdtemp(prefix="digitpad-bench-")
    import numpy as np

    from digitpad.engine.data import my_handwriting
    from digitpad.engine.reading.predictor import Predictor
    from digitpad.engine.store.catalog import resolve_model
    from digitpad.engine.training.plan import fine_tune_plan
    from digitpad.engine.training.run import train
    from digitpad.gui.shared.drawing import Drawing
    from digitpad.gui.widgets.canvas import DrawCanvas
    from tests.gui_helpers import PLAIN_DIGITS, SLASHED_ZERO, draw_digit

    canvas = DrawCanvas(Drawing())
    canvas.resize(400, 400)
    rng = np.random.default_rng(per_digit)
    for digit, strokes in {0: SLASHED_ZERO, **PLAIN_DIGITS}.items():
        for _ in range(per_digit):
            draw_digit(canvas, strokes, rng)
            my_handwriting.add(canvas.drawing.snapshot(), digit)
    out = Path(os.environ["DIGITPAD_HOME"]) / "lenet-wide-mine-1.safetensors"
    config = fine_tune_plan("lenet-wide")
    started = time.perf_counter()
    finished = list(train(config, checkpoint_path=out))[-1]
    seconds = time.perf_counter() - started
    fresh = np.random.default_rng(1000 + per_digit)
    zeros = []
    for _ in range(40):
        draw_digit(canvas, SLASHED_ZERO, fresh)
        zeros.append(canvas.drawing.snapshot())
    parent, child = Predictor(resolve_model("lenet-wide")), Predictor(out)
    return {
        "samples_per_digit": per_digit, "held_back": finished.comparison.test_images,
        "seconds_whole": round(seconds, 1), "seconds_training": round(finished.seconds, 1),
        "held_back_before": finished.comparison.before, "held_back_after": finished.comparison.after,
        "mnist_before": finished.comparison.mnist_before, "mnist_after": finished.comparison.mnist_after,
        "new_slashed_zeros_read_parent": sum(parent.predict(z).digit == 0 for z in zeros) / 40,
        "new_slashed_zeros_read_new_model": sum(child.predict(z).digit == 0 for z in zeros) / 40,
    }  # fmt: skip


def main() -> None:
    from PySide6.QtWidgets import QApplication

    _app = QApplication([])  # held: the canvas needs one
    counts = [int(arg) for arg in sys.argv[1:]] or [5, 10]
    print(json.dumps({"benchmark": "fine_tune", "cpus": os.cpu_count(), "runs": [measure(n) for n in counts]}))


if __name__ == "__main__":
    main()
