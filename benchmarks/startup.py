"""Time from launching the app to its main window on screen with a live event loop, and to its views being
ready (the engine imported, a model selected), in fresh processes, as `digitpad` starts: medians of runs.

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
from digitpad.cli import prepare_gui_process
prepare_gui_process()
from digitpad.gui.app import create_application
app = create_application()
from PySide6.QtCore import QTimer
from digitpad.gui.main_window import MainWindow
window = MainWindow(load_engine_in_background=True)  # as run_app builds it
window.show()
QTimer.singleShot(0, lambda: print("shown", flush=True))  # runs once the loop is live
window.viewsReady.connect(lambda: (print("ready", flush=True), QTimer.singleShot(0, window.close)))
app.exec()
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DIGITPAD_HOME=tempfile.mkdtemp())
    shown, ready = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", CHILD], env=env, stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "shown"
        shown.append(time.perf_counter() - start)
        assert child.stdout.readline().strip() == "ready"
        ready.append(time.perf_counter() - start)
        child.wait()
    print(json.dumps({
        "benchmark": "startup", "runs": args.runs, "window_shown_median_s": round(statistics.median(shown), 2),
        "window_shown_max_s": round(max(shown), 2), "views_ready_median_s": round(statistics.median(ready), 2),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
