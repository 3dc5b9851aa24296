"""Event-loop stalls while the GUI trains, in each view a user watches a run from: a 5 ms QTimer's lateness
and the run's images/s during a 1-epoch lenet5 run (no augmentation, no style digits) started with trainButton,
(a) with the Train view shown, its charts growing, (b) with the Draw view shown while strokes are drawn and
predicted, (c) with the Dataset view shown while it pages with the model's answers. For (b) also live
prediction's latency: from the drawing a prediction read to its answer on screen, and from each stroke update
to the first answer on screen that has seen it, idle (`idle_`, the first seconds of drawing) and beside the
run. Prints one JSON object, with the Qt platform it ran on (xcb under Xvfb, or offscreen).

    xvfb-run -a -s "-screen 0 1400x900x24" env QT_QPA_PLATFORM=xcb .venv/bin/python benchmarks/gui_stalls.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_stalls.py [--epochs 1] [--views train,draw,dataset]
"""

from __future__ import annotations

import argparse
import json
import os
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

VIEWS = ("train", "draw", "dataset")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--idle-seconds", type=float, default=5.0, help="drawing before the Draw view's run starts")
    parser.add_argument("--views", default=",".join(VIEWS), help="the views to watch a run from, in order")
    args = parser.parse_args()
    app = create_application()
    from PySide6.QtCore import QEvent, QPointF, Qt, QThreadPool, QTimer

    from digitpad.gui.main_window import MainWindow
    from tests.gui_helpers import ONE, SEVEN, send_mouse

    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    panel = window.train_view
    panel.select_arch("lenet5")
    panel.inputs["epochs"].setValue(args.epochs)
    panel.inputs["styles"].setValue(0)  # the run itself, not the one-time making of style digits
    panel.inputs["augment"].setCurrentIndex(panel.inputs["augment"].findData("none"))
    views = {"train": panel, "draw": window.draw_view, "dataset": window.dataset_browser}
    order = [view for view in args.views.split(",") if view in views]
    gaps: list[float] = []
    stroke_ms: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    canvas = window.draw_view.canvas
    rect = canvas.drawing_area()
    shapes = [ONE, SEVEN]
    pending_points: list = []

    def mouse_tick() -> None:
        """A user drawing while training runs: one mouse event per 16 ms, as a real mouse delivers them."""
        start = time.perf_counter()
        if not pending_points:
            canvas.drawing.clear()
            pending_points.extend(shapes[len(stroke_ms) % 2])
            kind = QEvent.Type.MouseButtonPress
        else:
            kind = QEvent.Type.MouseMove if len(pending_points) > 1 else QEvent.Type.MouseButtonRelease
        x, y = pending_points.pop(0)
        position = QPointF(rect.left() + x * rect.width(), rect.top() + y * rect.height())
        held = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else Qt.MouseButton.LeftButton
        send_mouse(canvas, kind, position, held)
        stroke_ms.append((time.perf_counter() - start) * 1000)

    browser = window.dataset_browser
    browser.show_predictions.setChecked(True)

    def page_tick() -> None:  # a user paging through the dataset with the model's answers shown
        browser.grid.go_to_page((browser.grid.page + 1) % browser.grid.page_count)

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    strokes = QTimer()
    strokes.setInterval(16)
    strokes.timeout.connect(mouse_tick)
    pages = QTimer()
    pages.setInterval(250)
    pages.timeout.connect(page_tick)
    phase = ["idle"]  # then "training"
    predictions_ms: dict[str, list[float]] = {"idle": [], "training": []}
    update_to_answer_ms: dict[str, list[float]] = {"idle": [], "training": []}  # change -> first answer seeing it
    unanswered: list[tuple[int, float, str]] = []  # (revision, time, phase) of drawing changes not answered yet

    def on_drawing_changed() -> None:  # connected after DrawView's own slot, so its revision counts this change
        unanswered.append((window.draw_view.reading.revision, time.perf_counter(), phase[0]))

    def on_predicted(_prediction: object) -> None:
        now = time.perf_counter()
        predictions_ms[phase[0]].append(window.draw_view.last_predict_ms)
        while unanswered and unanswered[0][0] <= window.draw_view.reading.shown_revision:
            _revision, changed, changed_in = unanswered.pop(0)
            update_to_answer_ms[changed_in].append((now - changed) * 1000)

    canvas.drawing.changed.connect(on_drawing_changed)
    window.draw_view.predicted.connect(on_predicted)
    results: dict[str, dict] = {}
    remaining = list(order)

    def next_view() -> None:
        if QThreadPool.globalInstance().activeThreadCount():  # start-up warm-up, a page's answers still running
            QTimer.singleShot(200, next_view)
            return
        if not remaining:
            window.close()
            app.quit()
            return
        view = remaining[0]
        window.tabs.setCurrentWidget(views[view])
        if view == "draw":
            phase[0] = "idle"
            strokes.start()
            QTimer.singleShot(round(args.idle_seconds * 1000), start_training)
        else:
            if view == "dataset":
                pages.start()
            QTimer.singleShot(1000, start_training)

    def start_training() -> None:
        phase[0] = "training"
        gaps.clear()
        panel.train_button.click()
        last[0] = time.perf_counter()
        timer.start()
        poll()

    def poll() -> None:
        if panel.controller.running:
            QTimer.singleShot(200, poll)
            return
        for each in (timer, strokes, pages):
            each.stop()
        late = np.array(gaps)
        finished = panel.controller.last_finished
        results[remaining.pop(0)] = {
            "timer_ms": 5, "ticks": len(gaps), "max_gap_ms": round(float(late.max()), 1),
            "p99_gap_ms": round(float(np.percentile(late, 99)), 1), "p50_gap_ms": round(float(np.median(late)), 1),
            "gaps_over_50_ms": int((late > 50).sum()),
            "training_images_per_second": round(finished.images_per_second) if finished else None,
            "test_accuracy": finished.test_accuracy if finished else None,
        }  # fmt: skip
        QTimer.singleShot(500, next_view)

    QTimer.singleShot(500, next_view)
    app.exec()
    result: dict[str, object] = {"benchmark": "gui_stalls", "platform": app.platformName(), "cores": os.cpu_count()}
    for view, figures in results.items():
        result |= {f"{view}_view_{key}": value for key, value in figures.items()}
    if "draw" in results:
        result |= {
            "mouse_event_ms_p50": _percentile(stroke_ms, 50, 2), "mouse_event_ms_p99": _percentile(stroke_ms, 99, 2),
        }  # fmt: skip
        for name in ("idle", "training"):
            prefix = "idle_" if name == "idle" else ""
            result |= {
                f"{prefix}live_prediction_ms_p50": _percentile(predictions_ms[name], 50, 2),
                f"{prefix}live_prediction_ms_p95": _percentile(predictions_ms[name], 95, 2),
                f"{prefix}live_predictions": len(predictions_ms[name]),
                f"{prefix}stroke_update_to_answer_ms_p50": _percentile(update_to_answer_ms[name], 50, 1),
                f"{prefix}stroke_update_to_answer_ms_p95": _percentile(update_to_answer_ms[name], 95, 1),
            }
    if "train" in results and "draw" in results:
        draw_speed = results["draw"]["training_images_per_second"]
        result["train_view_speed_vs_draw_view"] = round(results["train"]["training_images_per_second"] / draw_speed, 3)
    print(json.dumps(result))


def _percentile(values: list[float], percent: float, digits: int) -> float | None:
    return round(float(np.percentile(values, percent)), digits) if values else None


if __name__ == "__main__":
    main()
