"""Time from launching the app to its main window on screen with a live event loop (a 7 is then drawn on the
canvas it opens with), to the first answer on screen for that drawing (the loading view's, from the default
model's torch-free copy: engine/reading/quick_reader.py), to the views being ready (the engine imported, a model
selected) and to the Draw view's answer, in fresh processes, as `digitpad` starts: medians of runs.

.venv/bin/python benchmarks/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

CHILD = """
from digitpad.gui.app import prepare_gui_process
prepare_gui_process()
from digitpad.gui.app import create_application
app = create_application()
from PySide6.QtCore import QTimer
from digitpad.gui.main_window import MainWindow
window = MainWindow(load_engine_in_background=True)  # as run_app builds it
window.show()
def shown():  # runs once the loop is live: the user draws a 7 on the canvas the window opens with
    print("shown", flush=True)
    from PySide6.QtWidgets import QWidget
    from tests.gui_helpers import SEVEN, draw_stroke
    draw_stroke(window.findChild(QWidget, "earlyCanvas"), SEVEN)
def quick(prediction):
    if prediction is not None and window.loading_view is not None:
        print("quick", prediction.digit, flush=True)
        window.loading_view.answered.disconnect(quick)
window.loading_view.answered.connect(quick)
def ready():
    print("ready", flush=True)
    def answered(prediction):
        if prediction is not None:
            print("answered", prediction.digit, flush=True)
            QTimer.singleShot(0, window.close)
    window.draw_view.predicted.connect(answered)
QTimer.singleShot(0, shown)
window.viewsReady.connect(ready)
app.exec()
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DIGITPAD_HOME=tempfile.mkdtemp(), PYTHONPATH=root)
    times: dict[str, list[float]] = {"shown": [], "quick": [], "ready": [], "answered": []}
    for _ in range(args.runs):
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", CHILD], env=env, stdout=subprocess.PIPE, text=True)
        seen = {}
        for line in child.stdout:  # the quick answer and the views race: whichever comes first prints first
            event, *answer = line.split()
            seen[event] = time.perf_counter() - start
            assert answer in ([], ["7"]), line  # the drawing is a 7: any other answer is a wrong one
        child.wait()
        assert seen.keys() >= {"shown", "ready", "answered"}, seen
        seen.setdefault("quick", seen["answered"])  # no quick reader (or the engine won): the first answer is Draw's
        for event, values in times.items():
            values.append(seen[event])
    first = [min(q, a) for q, a in zip(times["quick"], times["answered"], strict=True)]
    median = {event: round(statistics.median(values), 2) for event, values in times.items()}
    print(json.dumps({
        "benchmark": "startup", "runs": args.runs, "window_shown_median_s": median["shown"],
        "window_shown_max_s": round(max(times["shown"]), 2),
        "first_answer_median_s": round(statistics.median(first), 2), "first_answer_max_s": round(max(first), 2),
        "views_ready_median_s": median["ready"], "draw_view_answer_median_s": median["answered"],
    }))  # fmt: skip


if __name__ == "__main__":
    main()
