"""Starting the desktop app, and `digitpad --self-test`, which checks an installation or a packaged build."""

from __future__ import annotations

import ctypes.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from digitpad import __version__, paths
from digitpad.desktop_entry import APP_ID


def prepare_gui_process() -> None:
    """Settings that must be in place before torch loads OpenMP, for a process that shows the GUI.

    OpenMP's idle threads spin by default; beside a training thread on a 2-core laptop that spinning made
    each live prediction in the GUI thread take 43 ms instead of 1.5 ms (benchmarks/gui_stalls.py).
    Passive waiting costs the CLI's 2-thread training 17-33%, so only the GUI process sets it.
    """
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def platform_problem() -> str | None:
    """Why Qt could not open a window here, checked before Qt would abort the whole process."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return (
            "no display found (DISPLAY and WAYLAND_DISPLAY are unset): run digitpad in a desktop session, "
            "or set QT_QPA_PLATFORM=offscreen for a headless check"
        )
    if os.environ.get("DISPLAY") and not _library_available("xcb-cursor"):
        return (
            "Qt needs the system library libxcb-cursor to open a window on X11: install it "
            "(Debian/Ubuntu: sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1)"
        )
    return None


def _library_available(name: str) -> bool:
    """A shared library on the system, or shipped beside a packaged app."""
    if ctypes.util.find_library(name):
        return True
    bundle = getattr(sys, "_MEIPASS", None)
    return bool(bundle and list(Path(bundle).glob(f"lib{name}.so*")))


def create_application():
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("digitpad")
    app.setApplicationDisplayName("digitpad")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("digitpad")
    app.setDesktopFileName(APP_ID)  # the .desktop entry digitpad install-desktop writes (Wayland icons)
    icon = paths.assets_dir() / "icons" / "digitpad.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    from digitpad.gui.support import language
    from digitpad.gui.support.garbage import collect_garbage_on_gui_thread

    collect_garbage_on_gui_thread(app)  # never in a worker thread: see garbage.py
    language.install(app)  # the language View > Language chose, or the system's
    return app


def run_app() -> int:
    prepare_gui_process()
    problem = platform_problem()
    if problem:
        print(f"digitpad: error: {problem}", file=sys.stderr)
        return 1
    app = create_application()
    from digitpad.gui.main_window import MainWindow

    window = MainWindow(load_engine_in_background=True)
    window.show()
    return app.exec()


def self_test() -> int:
    """Build the window, predict with every bundled model, train a few steps, save and reload, render a chart."""
    prepare_gui_process()
    if platform_problem():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    started = time.perf_counter()
    report: dict[str, object] = {"ok": False, "frozen": bool(getattr(sys, "frozen", False)), "version": __version__}
    try:
        with tempfile.TemporaryDirectory() as home:
            os.environ["DIGITPAD_HOME"] = home  # leave the user's own models and settings alone
            report.update(_run_checks(Path(home)))
        report["ok"] = True
    except Exception as error:  # the report is the product: one reason, exit non-zero
        report["error"] = f"{error.__class__.__name__}: {error}"
    report["seconds"] = round(time.perf_counter() - started, 2)
    print(json.dumps(report), flush=True)
    return 0 if report["ok"] else 1


def _run_checks(home: Path) -> dict[str, object]:
    app = create_application()
    from digitpad.gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    app.processEvents()
    try:
        return _check_with_window(window, app, home)
    finally:  # passed or failed, the window and its background jobs end cleanly
        window.close()


def _check_with_window(window, app, home: Path) -> dict[str, object]:
    """Predict with every bundled model, train a few steps, save and reload, render a chart."""
    import torch

    from digitpad.engine.data.loading import load_dataset
    from digitpad.engine.reading.predictor import Predictor
    from digitpad.engine.reading.quick_reader import load_quick_reader
    from digitpad.engine.spec.config import TrainConfig
    from digitpad.engine.store.catalog import list_models, resolve_model
    from digitpad.engine.store.checkpoints import load_checkpoint
    from digitpad.engine.system.device import resolve_device
    from digitpad.engine.training.events import Finished
    from digitpad.engine.training.run import train

    data = load_dataset("mnist")
    sample, label = data.test.raw_images[0], int(data.test.raw_labels[0])
    predictions = {}
    for entry in list_models():
        prediction = Predictor(entry.path).predict(255 - sample)
        if prediction is None or prediction.digit != label:
            raise RuntimeError(f"bundled model {entry.name} misread a test sample labelled {label}")
        predictions[entry.name] = prediction.digit
    if not predictions:
        raise RuntimeError("no bundled model found in " + str(paths.bundled_models_dir()))
    quick = load_quick_reader()  # a bundle without onnxruntime's libraries would answer only after torch loads
    quick_answer = quick.predict(255 - sample) if quick is not None else None
    if quick_answer is None or quick_answer.digit != label:
        raise RuntimeError("the default model's quick copy (onnxruntime) did not load or misread a test sample")
    number = _read_a_number(data, Predictor(resolve_model(None)))
    checkpoint_path = home / "self-test.safetensors"
    config = TrainConfig(arch="cnn-small", max_steps=20, device="cpu", threads=1)
    finished = list(train(config, checkpoint_path=checkpoint_path, data=data))[-1]
    assert isinstance(finished, Finished)  # a run always ends with it
    reloaded = load_checkpoint(checkpoint_path)
    if reloaded.test_accuracy != finished.test_accuracy:
        raise RuntimeError("a saved checkpoint did not reload with its recorded accuracy")
    chart = window.train_view.monitor.loss_chart
    chart.add_step(0.1, 1.0)
    chart.add_step(0.2, 0.5)
    chart.repaint()
    if chart.grab().isNull():
        raise RuntimeError("the loss chart did not render")
    languages = _check_translations(window, app)
    return {
        "device": str(resolve_device("auto")),
        "torch": torch.__version__,
        "platform": app.platformName(),
        "models": predictions,
        "quick_reader": quick_answer.digit,
        "number": number,
        "train_steps": finished.global_step,
        "train_images_per_second": round(finished.images_per_second),
        "languages": languages,
    }


def _read_a_number(data, reader) -> str:
    """Three test digits side by side, read as a number (a bundle that lost the whole-digit judge fails here)."""
    import numpy as np

    from digitpad.engine.reading.number import read_number

    digits = [data.test.raw_images[index] for index in range(3)]
    gap = np.zeros((28, 8), dtype=np.uint8)
    line = np.hstack([digits[0], gap, digits[1], gap, digits[2]])
    expected = "".join(str(int(label)) for label in data.test.raw_labels[:3])
    reading = read_number(255 - np.pad(line, 10), reader)
    if reading is None or reading.text != expected:
        raise RuntimeError(f"three test digits {expected} side by side were not read as that number")
    return reading.text


def _check_translations(window, app) -> list[str]:
    """Switch to 简体中文 and back: digitpad's own texts and Qt's standard buttons must both be translated, so a
    package that lost a .qm file (ours or qtbase's) fails here rather than in front of a Chinese student."""
    from PySide6.QtWidgets import QDialogButtonBox

    from digitpad.gui.support import language

    try:
        language.install(app, "zh_CN")
        app.processEvents()  # the change of language reaches the widgets in a posted event
        cancel = QDialogButtonBox.StandardButton.Cancel
        buttons = QDialogButtonBox(cancel)  # Qt's own text for it, from qtbase_zh_CN.qm
        ours, qts = window.tabs.tabText(0), buttons.button(cancel).text()
        if (ours, qts) != ("绘制", "取消"):
            raise RuntimeError(f"the Chinese translation did not load: the Draw tab says {ours!r}, Cancel {qts!r}")
    finally:
        language.install(app, "en")
        app.processEvents()
    return sorted(language.LANGUAGES)
