"""The Inside view's speed, lenet-wide (the default model) unless --model: the engine's activations for one
drawing, the worker's whole job (preprocess, activations, colouring), the window's part (pictures onto the
screen, painted), and the 5 ms timer's lateness while strokes are drawn in the view's canvas with every layer
updating. Prints one JSON object (medians, ms).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/inside_view.py [--model lenet-wide] [--seconds 8]
    xvfb-run -a -s "-screen 0 1400x900x24" env QT_QPA_PLATFORM=xcb .venv/bin/python benchmarks/inside_view.py
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

prepare_gui_process()

from digitpad.gui.app import create_application  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="lenet-wide")
    parser.add_argument("--seconds", type=float, default=8.0)
    args = parser.parse_args()
    app = create_application()
    from PySide6.QtCore import QEvent, QPointF, Qt, QTimer

    from digitpad.engine.system.device import set_cpu_threads
    from digitpad.gui.main_window import MainWindow
    from digitpad.gui.views.inside_view import render_inspection
    from tests.gui_helpers import ONE, SEVEN, draw_stroke, send_mouse

    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    window.store.select(next(entry for entry in window.store.entries if entry.name == args.model))
    view = window.inside_view
    window.tabs.setCurrentWidget(view)
    draw_stroke(view.canvas, SEVEN)
    drawing = view.canvas.drawing.to_array()
    from digitpad.engine.data.preprocess import canvas_input

    model_input = canvas_input(drawing)
    set_cpu_threads(1)
    activations, jobs, screen = [], [], []
    for _ in range(30):
        started = time.perf_counter()
        view.inspector.run(model_input)
        activations.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        result = render_inspection(view.inspector, drawing)
        jobs.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        view._show_result(result)
        view.feature_maps.repaint()  # paint now, synchronously, what is in the scroll area's view
        screen.append((time.perf_counter() - started) * 1000)

    gaps: list[float] = []
    last = [time.perf_counter()]
    canvas, rect = view.canvas, view.canvas.drawing_area()
    points: list = []

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    def mouse() -> None:  # one mouse event per 16 ms, as a real mouse delivers them
        if not points:
            canvas.drawing.clear()
            points.extend(ONE if len(gaps) % 2 else SEVEN)
            kind = QEvent.Type.MouseButtonPress
        else:
            kind = QEvent.Type.MouseMove if len(points) > 1 else QEvent.Type.MouseButtonRelease
        x, y = points.pop(0)
        held = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else Qt.MouseButton.LeftButton
        send_mouse(canvas, kind, QPointF(rect.left() + x * rect.width(), rect.top() + y * rect.height()), held)

    updates = [0]
    view_start = view.answers._show

    def counted(*a) -> None:
        updates[0] += 1
        view_start(*a)

    view.answers._show = counted
    timer, strokes = QTimer(), QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    strokes.setInterval(16)
    strokes.timeout.connect(mouse)
    timer.start()
    strokes.start()
    QTimer.singleShot(round(args.seconds * 1000), app.quit)
    app.exec()
    late = np.array(gaps)
    print(json.dumps({
        "benchmark": "inside_view", "model": args.model, "platform": app.platformName(), "cores": os.cpu_count(),
        "activations_ms_median": round(statistics.median(activations), 2),
        "worker_job_ms_median": round(statistics.median(jobs), 2),
        "window_update_and_paint_ms_median": round(statistics.median(screen), 2),
        "window_update_and_paint_ms_max": round(max(screen), 2),
        "drawing_timer_p99_ms": round(float(np.percentile(late, 99)), 1),
        "drawing_timer_max_ms": round(float(late.max()), 1),
        "view_updates_while_drawing": updates[0], "seconds_drawing": args.seconds,
    }))  # fmt: skip
    window.close()


if __name__ == "__main__":
    main()
