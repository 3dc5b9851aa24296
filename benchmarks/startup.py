"""Time from launching `digitpad` to a shown, responsive main window, in fresh processes (median of runs).

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
import sys, time
from digitpad.cli import prepare_gui_process
prepare_gui_process()
from digitpad.gui.app import create_application
app = create_application()
from PySide6.QtCore import QTimer
from digitpad.gui.main_window import MainWindow
window = MainWindow()
window.show()
QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))  # runs once the loop is live
app.exec()
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DIGITPAD_HOME=tempfile.mkdtemp())
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", CHILD], env=env, stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        times.append(time.perf_counter() - start)  # the window is up and its event loop running
        child.wait()
    print(json.dumps({"benchmark": "startup", "runs": args.runs, "median_seconds": round(statistics.median(times), 2),
                      "min_seconds": round(min(times), 2)}))  # fmt: skip


if __name__ == "__main__":
    main()
