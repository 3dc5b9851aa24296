"""Reading a number while it is written: with the Draw view on screen, numbers of 1, 4 and 10 digits are written
with mouse events (one every 16 ms, as a mouse delivers them), and each stroke update's time to the first answer
on screen that has seen it is measured (p50, p99), with how many digits the last answer read. Also the engine's
own time to read each finished drawing (`read_canvas`, median of repeats). Prints one JSON object per length.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/number_latency.py [--numbers 3]
    xvfb-run -a -s "-screen 0 1400x900x24" env QT_QPA_PLATFORM=xcb .venv/bin/python benchmarks/number_latency.py
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DIGITPAD_HOME", tempfile.mkdtemp(prefix="digitpad-bench-"))

from digitpad.gui.app import prepare_gui_process

prepare_gui_process()  # as `digitpad` does before torch loads

from digitpad.gui.app import create_application  # noqa: E402

LENGTHS = (1, 4, 10)


def strokes_for(length: int, aspect: float, rng: np.random.Generator) -> tuple[str, list[list[tuple[float, float]]]]:
    """A number of `length` digits as mouse strokes in fractions of the paper, written along its middle."""
    from tests.gui_helpers import interpolate
    from training.handwriting_eval import PLAIN

    digits = [int(d) for d in rng.integers(0, 10, length)]
    height = min(0.8, 0.85 * aspect / (length * 0.7))
    width, x, strokes = height / aspect, 0.03, []
    for digit in digits:
        for stroke in PLAIN[digit][0]:
            strokes.append([(x + u * width, (1 - height) / 2 + v * height) for u, v in interpolate(stroke, 4)])
        x += width * 0.7
    return "".join(map(str, digits)), strokes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--numbers", type=int, default=3, help="numbers written of each length (default: 3)")
    args = parser.parse_args()
    app = create_application()
    from PySide6.QtCore import QEvent, QPointF, Qt, QThreadPool, QTimer

    from digitpad.engine.reading.number import read_canvas
    from digitpad.gui.main_window import MainWindow
    from tests.gui_helpers import send_mouse

    window = MainWindow()
    window.resize(1400, 800)
    window.show()
    view, canvas = window.draw_view, window.draw_view.canvas
    rng = np.random.default_rng(0)
    plan = [length for length in LENGTHS for _ in range(args.numbers)]
    results: dict[int, dict[str, list]] = {length: {"answer_ms": [], "engine_ms": [], "read": []} for length in LENGTHS}
    unanswered: list[tuple[int, float]] = []  # (revision, time) of drawing changes not answered yet
    events: list[tuple[QEvent.Type, QPointF, Qt.MouseButton]] = []
    current: list = [None, ""]  # the length being written, its digits

    def on_drawing_changed() -> None:  # connected after the view's own slot: its revision counts this change
        unanswered.append((view.reading.revision, time.perf_counter()))

    def on_predicted(_prediction: object) -> None:
        now = time.perf_counter()
        while unanswered and unanswered[0][0] <= view.reading.shown_revision:
            _revision, changed = unanswered.pop(0)
            if current[0] is not None:
                results[current[0]]["answer_ms"].append((now - changed) * 1000)

    canvas.drawing.changed.connect(on_drawing_changed)
    view.predicted.connect(on_predicted)

    def next_number() -> None:
        if current[0] is not None:  # the number just written: the engine's own time, and what it read
            pixels, predictor = canvas.drawing.to_array(), window.store.predictor()
            times = []
            for _ in range(10):
                start = time.perf_counter()
                reading = read_canvas(pixels, predictor)
                times.append((time.perf_counter() - start) * 1000)
            results[current[0]]["engine_ms"].append(statistics.median(times))
            results[current[0]]["read"].append((current[1], reading.text.replace(" ", "") if reading else ""))
        if not plan:
            window.close()
            app.quit()
            return
        current[0] = plan.pop(0)
        canvas.drawing.clear()
        text, strokes = strokes_for(current[0], canvas.drawing.width / canvas.drawing.image.height(), rng)
        current[1] = text
        rect = canvas.drawing_area()
        for stroke in strokes:
            points = [QPointF(rect.left() + x * rect.width(), rect.top() + y * rect.height()) for x, y in stroke]
            events.append((QEvent.Type.MouseButtonPress, points[0], Qt.MouseButton.LeftButton))
            events.extend((QEvent.Type.MouseMove, point, Qt.MouseButton.LeftButton) for point in points[1:])
            events.append((QEvent.Type.MouseButtonRelease, points[-1], Qt.MouseButton.NoButton))
        mouse.start()

    def mouse_tick() -> None:
        if events:
            kind, point, button = events.pop(0)
            send_mouse(canvas, kind, point, button)
            return
        if view.answer_is_current:
            mouse.stop()
            next_number()

    mouse = QTimer()
    mouse.setInterval(16)
    mouse.timeout.connect(mouse_tick)

    def begin() -> None:
        if QThreadPool.globalInstance().activeThreadCount() or window.store.predictor() is None:
            QTimer.singleShot(200, begin)  # start-up's warm-up still running
            return
        next_number()

    QTimer.singleShot(500, begin)
    app.exec()
    for length, figures in results.items():
        answers = figures["answer_ms"]
        print(json.dumps({
            "benchmark": "number_latency", "platform": app.platformName(), "digits": length,
            "paper": f"{canvas.drawing.width}x{canvas.drawing.image.height()}",
            "stroke_update_to_answer_ms_p50": round(float(np.percentile(answers, 50)), 1) if answers else None,
            "stroke_update_to_answer_ms_p99": round(float(np.percentile(answers, 99)), 1) if answers else None,
            "updates": len(answers), "engine_read_ms_median": round(statistics.median(figures["engine_ms"]), 2),
            "read_right": sum(truth == read for truth, read in figures["read"]), "numbers": len(figures["read"]),
        }))  # fmt: skip


if __name__ == "__main__":
    main()
