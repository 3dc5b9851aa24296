"""The desktop app, offscreen: drawing predicts, the dataset grid pages, training runs live and stops cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from digitpad import paths
from digitpad.engine.spec.recipes import bundled_recipe, recipe
from digitpad.gui.main_window import MainWindow
from digitpad.gui.training.controller import training_threads
from digitpad.gui.views.sample_grid import PAGE_SIZE
from tests.gui_helpers import ONE, SEVEN, ZERO, draw_stroke, send_mouse

CONTRACT_NAMES = [
    "drawCanvas", "clearButton", "undoButton", "brushSize", "predictionLabel", "confidenceLabel", "modelSelector",
    "datasetGrid", "trainArch", "trainEpochs", "trainDevice", "trainButton", "stopButton", "trainProgress",
    "lossChart", "accuracyChart",
]  # fmt: skip


def prediction_text(window: MainWindow) -> str:
    return window.findChild(QLabel, "predictionLabel").text()


def test_every_contract_object_name_exists(window):
    assert window.objectName() == "mainWindow"
    for name in CONTRACT_NAMES:
        assert window.findChild(QWidget, name) is not None, name


def test_empty_canvas_shows_no_prediction(window):
    assert prediction_text(window) == ""
    assert window.draw_view.canvas.drawing.empty


@pytest.mark.parametrize(("stroke", "digit"), [(ONE, "1"), (SEVEN, "7"), (ZERO, "0")])
def test_a_drawn_digit_is_read(window, qtbot, stroke, digit):
    draw_stroke(window.draw_view.canvas, stroke)
    assert not window.draw_view.canvas.drawing.empty
    qtbot.waitUntil(lambda: prediction_text(window) == digit, timeout=3000)
    confidence = window.findChild(QLabel, "confidenceLabel").text()
    assert "%" in confidence


def test_the_answer_follows_a_growing_stroke_and_an_older_answer_never_replaces_a_newer_one(window, qtbot):
    view, canvas = window.draw_view, window.draw_view.canvas
    rect = canvas.drawing_area()
    points = [QPointF(rect.left() + x * rect.width(), rect.top() + y * rect.height()) for x, y in ONE]
    shown: list[tuple[int, int]] = []  # (the drawing change each answer read, the changes made by then)
    view.predicted.connect(lambda _prediction: shown.append((view.reading.shown_revision, view.reading.revision)))
    send_mouse(canvas, QEvent.Type.MouseButtonPress, points[0], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(view.predicted, timeout=3000) as live:  # answered mid-stroke, off the GUI thread
        for point in points[1:]:
            send_mouse(canvas, QEvent.Type.MouseMove, point, Qt.MouseButton.LeftButton)
    assert live.args[0] is not None and live.args[0].digit == 1
    for point in reversed(points[-6:-1]):  # the stroke goes on while answers are being computed...
        send_mouse(canvas, QEvent.Type.MouseMove, point, Qt.MouseButton.LeftButton)
    send_mouse(canvas, QEvent.Type.MouseButtonRelease, points[-2], Qt.MouseButton.NoButton)  # ...the pen lifts
    assert not view.answer_is_current  # the pen-up answer is computed off the GUI thread too
    qtbot.waitUntil(lambda: view.answer_is_current, timeout=3000)
    revisions = [revision for revision, _ in shown]
    assert revisions == sorted(set(revisions)) and revisions[-1] == view.reading.revision  # never an older one after
    assert view.last_prediction.digit == 1 and prediction_text(window) == "1"


def test_the_probability_chart_fills_each_digits_bar_by_its_probability(window, qtbot):
    view = window.draw_view
    chart = view.panel.chart
    draw_stroke(view.canvas, ONE)
    qtbot.waitUntil(lambda: prediction_text(window) == "1", timeout=3000)
    probabilities = view.last_prediction.probabilities
    assert chart.probabilities == probabilities
    assert f"1: {probabilities[1]:.1%}" in chart.accessibleDescription()
    image = chart.grab().toImage()
    highlight, base = (
        chart.palette().color(QPalette.ColorRole.Highlight),
        chart.palette().color(QPalette.ColorRole.Base),
    )
    for digit in (1, 0):  # the answer's bar is filled from its left end; a digit near 0% is not
        bar = chart.bar_rects()[digit]
        expected = highlight if probabilities[digit] > 0.6 else base
        assert image.pixelColor(bar.left() + 4, bar.center().y()) == expected, digit
    view.clear_button.click()
    qtbot.waitUntil(lambda: chart.probabilities == (), timeout=3000)


def test_the_models_read_the_drawing_at_half_its_resolution(window):
    canvas = window.draw_view.canvas
    draw_stroke(canvas, SEVEN)
    full, snapshot = canvas.drawing.to_array(), canvas.drawing.snapshot()
    assert snapshot.shape == (full.shape[0] // 2, full.shape[1] // 2)
    assert abs(float(snapshot.mean()) - float(full.mean())) < 1.0  # the same ink, in a quarter of the pixels


def test_undo_redo_and_clear(window, qtbot):
    canvas = window.draw_view.canvas
    draw_stroke(canvas, SEVEN)
    qtbot.waitUntil(lambda: prediction_text(window) == "7", timeout=3000)
    before_second_stroke = canvas.drawing.to_array()
    draw_stroke(canvas, [(0.35, 0.5), (0.65, 0.5)])  # the bar some people cross a 7 with
    assert (canvas.drawing.to_array() != before_second_stroke).any()
    window.draw_view.undo_button.click()
    assert (canvas.drawing.to_array() == before_second_stroke).all()
    window.draw_view.redo_button.click()
    assert (canvas.drawing.to_array() != before_second_stroke).any()
    window.draw_view.clear_button.click()
    assert canvas.drawing.empty
    qtbot.waitUntil(lambda: prediction_text(window) == "", timeout=3000)
    window.draw_view.undo_button.click()
    assert not canvas.drawing.empty


def test_brush_size_changes_the_stroke(window):
    canvas = window.draw_view.canvas
    window.draw_view.brush_size.setValue(8)
    draw_stroke(canvas, ONE)
    thin = (canvas.drawing.to_array() < 128).sum()
    canvas.drawing.clear()
    window.draw_view.brush_size.setValue(40)
    draw_stroke(canvas, ONE)
    assert (canvas.drawing.to_array() < 128).sum() > 3 * thin


def test_compare_models_lists_every_model(window, qtbot):
    window.draw_view.compare.button.click()
    draw_stroke(window.draw_view.canvas, ONE)
    table = window.draw_view.compare.table
    qtbot.waitUntil(lambda: table.rowCount() == len(window.store.entries) and table.item(0, 1).text() == "1")


def visible_titles(window) -> list[str]:
    return [cell.title.text() for cell in window.dataset_browser.grid.cells if cell.isVisibleTo(window.dataset_browser)]


def test_dataset_grid_shows_12_labelled_samples_and_pages(window, qtbot):
    browser = window.dataset_browser
    qtbot.waitUntil(lambda: browser.data is not None, timeout=10_000)
    grid = window.findChild(QWidget, "datasetGrid")
    assert len([c for c in browser.grid.cells if c.parent() is grid]) == PAGE_SIZE
    first_page = visible_titles(window)
    assert len(first_page) == 12 and all(t.startswith("label: ") for t in first_page)
    assert first_page[:4] == ["label: 7", "label: 2", "label: 1", "label: 0"]  # MNIST's first test digits
    browser.grid.next_button.click()
    assert browser.grid.page == 1 and visible_titles(window) != first_page
    browser.grid.previous_button.click()
    assert visible_titles(window) == first_page
    browser.label_filter.setCurrentIndex(browser.label_filter.findData(3))
    assert set(visible_titles(window)) == {"label: 3"}


def test_misclassified_filter_shows_only_wrong_answers(window, qtbot):
    browser = window.dataset_browser
    qtbot.waitUntil(lambda: browser.data is not None, timeout=10_000)
    browser.misclassified_only.setChecked(True)
    qtbot.waitUntil(lambda: browser.predictions() is not None, timeout=60_000)
    titles = visible_titles(window)
    assert titles and all("(wrong)" in t for t in titles)


def test_clicking_a_sample_sends_it_to_draw(window, qtbot):
    browser = window.dataset_browser
    qtbot.waitUntil(lambda: browser.data is not None, timeout=10_000)
    browser.grid.cells[0].clicked.emit(browser.grid.cells[0].index)
    assert window.tabs.currentWidget() is window.draw_view and not window.draw_view.canvas.drawing.empty
    qtbot.waitUntil(lambda: prediction_text(window) == "7", timeout=3000)


def test_a_bad_image_gets_a_message_and_the_app_goes_on(window, qtbot, tmp_path):
    path = tmp_path / "digit.png"
    path.write_text("not an image")
    assert not window.files.open_image(path)
    dialog = window.findChild(QWidget, "errorDialog")
    assert dialog is not None and "not an image file" in dialog.text()
    draw_stroke(window.draw_view.canvas, ONE)
    qtbot.waitUntil(lambda: prediction_text(window) == "1", timeout=3000)


def test_image_files_pillow_opens_in_some_form_are_shown_and_the_rest_get_a_message(window):
    folder = Path(__file__).parent / "data" / "pillow"
    assert window.files.open_image(folder / "hopper.psd")  # a layered file, by its composite
    assert not window.draw_view.canvas.drawing.empty
    assert not window.files.open_image(folder / "unimplemented_pixel_format.dds")
    assert "cannot be decoded" in window.findChild(QWidget, "errorDialog").text()


def test_file_export_writes_the_selected_model_as_onnx(window, qtbot, tmp_path):
    target = tmp_path / "mine.onnx"
    window.files.export_onnx(target)
    qtbot.waitUntil(target.exists, timeout=60_000)  # written whole, then moved into place
    assert target.stat().st_size > 100_000  # lenet-wide, the default model


def test_loading_a_foreign_model_file_is_refused(window, tmp_path):
    path = tmp_path / "model.pt"
    path.write_bytes(b"PK\x03\x04 this is no model")
    assert window.files.load_model(path) is None
    assert "not a loadable PyTorch weights file" in window.findChild(QWidget, "errorDialog").text()


def start_training(window, arch="lenet5", epochs=1, batch=256):
    panel = window.train_view
    window.tabs.setCurrentWidget(panel)
    panel.arch.setCurrentIndex(panel.arch.findData(arch))
    panel.inputs["epochs"].setValue(epochs)
    panel.inputs["batch_size"].setValue(batch)
    panel.inputs["styles"].setValue(0)  # drawing 10,000 style digits would take the first 20 s of the test
    panel.inputs["scans"].setValue(0)
    panel.inputs["augment"].setCurrentIndex(panel.inputs["augment"].findData("none"))
    panel.inputs["device"].setCurrentIndex(panel.inputs["device"].findData("cpu"))
    panel.train_button.click()
    assert panel.controller.running
    return panel


def test_a_training_run_reports_charts_finishes_and_its_model_joins_the_selector(window, qtbot):
    models_before = window.draw_view.model_selector.count()
    panel = start_training(window)
    assert panel.controller.worker.config == panel.config_from_form().with_changes(threads=training_threads())
    qtbot.waitUntil(lambda: panel.monitor.progress.value() > 0, timeout=30_000)
    qtbot.waitUntil(lambda: not panel.controller.running, timeout=120_000)
    assert panel.controller.last_finished is not None and panel.controller.last_finished.reason == "completed"
    assert panel.controller.last_finished.test_accuracy > 0.95
    qtbot.waitUntil(lambda: panel.monitor.accuracy_chart.point_count("test") == 1, timeout=2000)  # the next repaint
    assert panel.monitor.loss_chart.point_count("loss") > 5 and panel.monitor.accuracy_chart.point_count("train") > 5
    assert window.draw_view.model_selector.count() == models_before + 1
    assert panel.monitor.confusion.item(0, 10).text().endswith("%")
    assert "epoch 1/1" in panel.monitor.log.toPlainText()


def test_stop_mid_run_keeps_the_best_model(window, qtbot):
    panel = start_training(window, arch="cnn-small", epochs=20, batch=64)
    qtbot.waitUntil(lambda: panel.monitor.progress.value() > 0, timeout=30_000)
    panel.stop_button.click()
    qtbot.waitUntil(lambda: not panel.controller.running, timeout=30_000)
    assert panel.controller.last_finished.reason == "stopped" and panel.controller.last_finished.epochs_completed < 20
    assert list(paths.user_models_dir().glob("cnn-small-*.safetensors"))
    assert panel.train_button.isEnabled()


def test_pause_holds_the_run_and_resume_carries_it_to_the_end(window, qtbot):
    from tests.test_trainer import WatchedEvent

    panel = start_training(window, arch="cnn-small", epochs=1, batch=128)
    qtbot.waitUntil(lambda: panel.monitor.progress.value() > 0, timeout=30_000)
    watched = WatchedEvent()
    watched.set()
    panel.controller.worker.control.running = watched  # the same gate, able to say when the loop waits at it
    panel.pause_button.click()
    assert panel.controller.paused and panel.pause_button.text() == "Resume"
    assert watched.waiting.wait(30)  # the training thread is held between two batches
    QApplication.processEvents()  # what it reported before it stopped reaches the view
    progress, points = panel.monitor.progress.value(), panel.monitor.loss_chart.point_count("loss")
    QApplication.processEvents()
    assert panel.monitor.progress.value() == progress and panel.monitor.loss_chart.point_count("loss") == points
    assert progress < 1000 and "(paused)" in panel.monitor.progress.format()
    panel.pause_button.click()
    assert not panel.controller.paused
    qtbot.waitUntil(lambda: not panel.controller.running, timeout=120_000)
    assert (
        panel.controller.last_finished.reason == "completed" and panel.monitor.loss_chart.point_count("loss") > points
    )


def test_closing_mid_run_stops_the_worker_and_keeps_the_best_model(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    panel = start_training(window, arch="cnn-small", epochs=20, batch=64)
    thread = panel.controller.thread
    qtbot.waitUntil(lambda: panel.monitor.progress.value() > 0, timeout=30_000)
    window.close()
    assert thread.isFinished()  # closeEvent stopped the worker and waited for its thread
    assert list(paths.user_models_dir().glob("cnn-small-*.safetensors"))


def test_closing_while_a_run_has_not_stopped_yet_keeps_the_window_and_says_so(window, qtbot):
    panel = start_training(window, arch="cnn-small", epochs=20, batch=64)
    qtbot.waitUntil(lambda: panel.monitor.progress.value() > 0, timeout=30_000)
    window.shutdown_timeout_ms = 0  # the run cannot have evaluated and saved in no time
    window.close()
    assert window.isVisible() and panel.controller.running  # the thread is alive, so the window that owns it stays
    dialog = window.findChild(QMessageBox, "errorDialog")
    assert dialog is not None and "has not stopped yet" in dialog.text()
    qtbot.waitUntil(
        lambda: not panel.controller.running, timeout=60_000
    )  # it stopped all the same: the user closes again
    assert panel.controller.last_finished.reason == "stopped"
    window.shutdown_timeout_ms = 60_000
    assert window.close()


def test_the_form_refuses_unusable_hyperparameters(window):
    panel = window.train_view
    panel.inputs["optimizer"].setCurrentIndex(panel.inputs["optimizer"].findData("adam"))
    panel.inputs["nesterov"].setChecked(True)
    panel.train_button.click()
    assert not panel.controller.running and "nesterov" in panel.form_error.text()
    panel.reset_button.click()
    assert panel.form_error.text() == "" and panel.inputs["optimizer"].currentData() == recipe("lenet5").optimizer
    assert not panel.inputs["nesterov"].isChecked()


def test_unavailable_devices_are_disabled_with_a_reason(window):
    from digitpad.engine.system.device import device_availability

    combo = window.train_view.inputs["device"]
    for name, reason in device_availability().items():
        item = combo.model().item(combo.findData(name))
        assert item.isEnabled() == (reason is None)
        if reason:
            assert item.toolTip() == reason


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


def test_model_report_and_confusion_cells_browse_the_mistakes(window, qtbot):
    browser = window.dataset_browser
    qtbot.waitUntil(lambda: browser.data is not None, timeout=10_000)
    browser.show_predictions.setChecked(True)
    qtbot.waitUntil(lambda: browser.confusion.isVisibleTo(browser), timeout=60_000)
    assert "%" in browser.report_label.text() and browser.confusion.item(3, 10).text().endswith("%")
    answers, labels = browser.predictions(), browser.data.labels
    wrong_pairs = [(int(t), int(a)) for t, a in zip(labels, answers, strict=True) if t != a]
    true_label, answer = wrong_pairs[0]
    browser.confusion.cellClicked.emit(true_label, answer)
    titles = visible_titles(window)
    expected = sum(1 for pair in wrong_pairs if pair == (true_label, answer))
    assert len(titles) == min(expected, PAGE_SIZE)
    assert all(t.startswith(f"label: {true_label} · model: {answer} (wrong)") for t in titles)


def test_the_train_view_opens_on_lenet5_and_its_quick_recipe(window):
    panel = window.train_view
    assert panel.arch.currentData() == "lenet5"  # not the registry's first, the 20-epoch LeNet-5 of 1998
    values = (panel.inputs[name].value() for name in ("epochs", "batch_size", "lr", "momentum", "beta2"))
    assert tuple(values) == (2, 256, 0.01, 0.7, 0.9)
    assert panel.inputs["first_conv"].currentData() == "edges" and not panel.inputs["cycle_momentum"].isChecked()
    assert panel.config_from_form() == recipe("lenet5")


def test_the_bundled_models_recipe_button_fills_what_the_bundled_model_was_trained_with(window):
    panel = window.train_view
    assert panel.bundled_button.isEnabled()
    panel.bundled_button.click()
    assert (
        panel.inputs["augment"].currentData() == "handwriting" and panel.inputs["first_conv"].currentData() == "learned"
    )
    assert panel.config_from_form() == bundled_recipe("lenet5")
    panel.reset_button.click()
    assert panel.inputs["first_conv"].currentData() == "edges"
    panel.select_arch("lenet-caffe")  # its bundled model was trained with the default recipe
    assert not panel.bundled_button.isEnabled()


def test_tutorial_recipe_button_fills_the_tutorials_settings(window):
    panel = window.train_view
    panel.arch.setCurrentIndex(panel.arch.findData("lenet-caffe"))
    assert panel.inputs["schedule"].currentData() == "onecycle"  # the improved recipe the bundled model used
    panel.tutorial_button.click()
    assert (panel.inputs["lr"].value(), panel.inputs["schedule"].currentData(), panel.inputs["epochs"].value()) == (
        0.01,
        "none",
        20,
    )
    panel.reset_button.click()
    assert panel.inputs["augment"].currentData() == "affine"


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
    QTimer.singleShot(0, window.close)
window.viewsReady.connect(ready)
QTimer.singleShot(60_000, app.quit)  # a hang ends the test, not the suite
app.exec()
"""


def test_the_app_shows_its_window_before_torch_loads_and_fills_it_when_it_has(tmp_path):
    """As `digitpad` starts (a fresh process): the window is on screen at once and takes strokes, the views follow
    with the drawing in Draw."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DIGITPAD_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", STARTUP], env=env, capture_output=True, text=True, timeout=120)
    expected = ["shown before torch: True", "drawing kept: True", "views: True", "model: True"]
    assert result.stdout.splitlines() == expected, result.stderr
