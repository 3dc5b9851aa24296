"""Resident memory of the app: idle, after 1,000 live predictions, across ten start/stop training cycles, and
at the peak of a 1-epoch lenet5 run. Prints one JSON object (MB; Linux /proc).

    .venv/bin/python benchmarks/memory.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DIGITPAD_HOME", tempfile.mkdtemp(prefix="digitpad-bench-"))

from digitpad.gui.app import prepare_gui_process

prepare_gui_process()

from digitpad.engine.system.heap import resident_mb  # noqa: E402
from digitpad.gui.app import create_application  # noqa: E402


def main() -> None:
    _app = create_application()  # held: the window needs a live QApplication
    from PySide6.QtCore import QEventLoop, QThreadPool, QTimer

    from digitpad.gui.main_window import MainWindow
    from tests.gui_helpers import SEVEN, draw_stroke

    def wait_until(condition, timeout_ms: int = 120_000) -> None:
        """Run the event loop until `condition` holds (QTest.qWait would keep the GIL from the worker threads)."""
        waited = 0
        while not condition():
            loop = QEventLoop()
            QTimer.singleShot(5, loop.quit)
            loop.exec()
            waited += 5
            if waited > timeout_ms:
                raise TimeoutError("benchmark step did not finish")

    window = MainWindow()
    window.show()
    wait_until(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)
    report = {"benchmark": "memory", "idle_mb": round(resident_mb())}
    draw_stroke(window.draw_view.canvas, SEVEN)

    def read_again() -> None:
        window.draw_view.read_again()
        wait_until(lambda: window.draw_view.answer_is_current)

    for _ in range(100):  # settle caches first
        read_again()
    before = resident_mb()
    for _ in range(1000):
        read_again()
    report["growth_over_1000_predictions_mb"] = round(resident_mb() - before, 1)
    panel = window.train_view
    panel.arch.setCurrentIndex(panel.arch.findData("lenet5"))
    panel.inputs["epochs"].setValue(1)
    cycles = []
    for _ in range(10):
        panel.start()
        wait_until(lambda: panel.monitor.progress.value() > 0)
        panel.stop()
        wait_until(lambda: not panel.controller.running)
        cycles.append(resident_mb())
    report["after_first_cycle_mb"] = round(cycles[0])
    report["growth_over_next_9_cycles_mb"] = round(cycles[-1] - cycles[0], 1)
    report["after_each_cycle_mb"] = [round(mb) for mb in cycles]
    panel.start()
    wait_until(lambda: not panel.controller.running, timeout_ms=600_000)
    report["peak_mb_with_training"] = round(resident_mb("VmHWM"))
    window.close()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
