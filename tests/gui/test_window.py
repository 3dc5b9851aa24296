"""The window as a whole: its automation names, settings that survive, a start before torch loads, Qt's own pitfalls."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from digitpad.gui.main_window import MainWindow

CONTRACT_NAMES = [
    "drawCanvas", "clearButton", "undoButton", "brushSize", "predictionLabel", "confidenceLabel", "modelSelector",
    "datasetGrid", "trainArch", "trainEpochs", "trainDevice", "trainButton", "stopButton", "trainProgress",
    "lossChart", "accuracyChart",
]  # fmt: skip


def test_every_contract_object_name_exists(window):
    assert window.objectName() == "mainWindow"
    for name in CONTRACT_NAMES:
        assert window.findChild(QWidget, name) is not None, name


def test_settings_remember_the_last_choices(qtbot):
    first = MainWindow()
    qtbot.addWidget(first)
    first.draw_view.brush_size.setValue(31)
    first.tabs.setCurrentIndex(1)
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.draw_view.brush_size.value() == 31 and second.tabs.currentIndex() == 1
    second.close()


class _Emitter(QObject):
    ping = Signal()


def test_python_slot_calls_do_not_drain_none(qtbot):
    """PySide6 6.12.0 dropped a reference to None on every Python slot call and crashed within seconds."""
    emitter, calls = _Emitter(), []
    emitter.ping.connect(lambda: calls.append(None) or calls.pop())
    before = sys.getrefcount(None)
    for _ in range(50_000):
        emitter.ping.emit()
    assert abs(sys.getrefcount(None) - before) < 5_000


def test_a_missing_xcb_library_gets_one_clear_line(monkeypatch):
    import ctypes.util

    from digitpad.gui import app

    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)  # as on a machine without the package
    assert "libxcb-cursor0" in app.platform_problem()
    monkeypatch.delenv("DISPLAY")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert "no display found" in app.platform_problem()


STARTUP = """
import os
import subprocess
import sys
from digitpad.gui.app import prepare_gui_process
prepare_gui_process()
from digitpad.gui.app import create_application
app = create_application()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget
from digitpad.gui.main_window import MainWindow
window = MainWindow(load_engine_in_background=True)
window.show()
print("shown before torch:", "torch" not in sys.modules, flush=True)
from tests.gui_helpers import SEVEN, draw_stroke
draw_stroke(window.findChild(QWidget, "earlyCanvas"), SEVEN)  # the user draws while the models load
def ready():
    print("drawing kept:", not window.draw_view.canvas.drawing.empty, flush=True)
    print("views:", all(window.findChild(QWidget, n) is not None for n in ("drawCanvas", "trainButton")), flush=True)
    print("model:", window.store.current is not None, flush=True)
    QTimer.singleShot(200, draw_again)
def draw_again():  # the loading view is gone by now, and nothing of it may hear the strokes
    window.draw_view.predicted.connect(lambda _prediction: QTimer.singleShot(0, window.close))
    draw_stroke(window.findChild(QWidget, "drawCanvas"), SEVEN)
window.viewsReady.connect(ready)
QTimer.singleShot(60_000, app.quit)  # a hang ends the test, not the suite
app.exec()
"""


def test_the_app_shows_its_window_before_torch_loads_and_fills_it_when_it_has(tmp_path):
    """As `digitpad` starts (a fresh process): the window is on screen at once and takes strokes, the views follow
    with the drawing in Draw, and the strokes after that reach them alone (an error in a slot is printed, not
    raised: the process's stderr says so)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DIGITPAD_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", STARTUP], env=env, capture_output=True, text=True, timeout=120)
    expected = ["shown before torch: True", "drawing kept: True", "views: True", "model: True"]
    assert result.stdout.splitlines() == expected, result.stderr
    assert "Traceback" not in result.stderr, result.stderr


def test_a_corrupt_settings_file_does_not_stop_the_app(qtbot, private_user_dir):
    from digitpad.gui.main_window import MainWindow

    (private_user_dir / "settings.ini").write_bytes(b"\x00\xff[window]\ngeometry=@ByteArray(\x01\x02\ntab=banana\n")
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.tabs.currentIndex() == 0 and window.store.current is not None
    window.close()
