"""Teach it my handwriting, through the window: correct and collect in Draw, curate in Dataset, fine-tune, share."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from digitpad.engine.data import my_handwriting
from digitpad.engine.data.preprocess import reduce_canvas
from digitpad.engine.store.checkpoints import load_checkpoint
from tests.gui_helpers import ONE, PLAIN_DIGITS, SLASHED_ZERO, draw_digit, draw_stroke


def teach_button(window, digit: int) -> QPushButton:
    return window.findChild(QPushButton, f"teachDigit{digit}")


def counts_text(window) -> str:
    return window.findChild(QLabel, "personalCount").text()


def test_a_corrected_drawing_is_saved_counted_cleared_and_can_be_taken_back(window, qtbot):
    view = window.draw_view
    draw_stroke(view.canvas, ONE)
    drawing = view.canvas.drawing.snapshot()
    teach_button(window, 1).click()
    saved = my_handwriting.samples()
    assert [s.label for s in saved] == [1] and "1:1" in counts_text(window)
    image = QImage(str(saved[0].path))
    assert (
        (image.width(), image.height())
        == drawing.shape[::-1]
        == reduce_canvas(view.canvas.drawing.to_array()).shape[::-1]
    )
    assert view.canvas.drawing.empty  # cleared after saving (the default): the next digit can be drawn at once
    window.findChild(QPushButton, "teachUndo").click()
    assert my_handwriting.samples() == [] and "empty" in counts_text(window)


def test_ctrl_and_a_digit_saves_and_an_empty_canvas_saves_nothing(window, qtbot):
    view = window.draw_view
    view.teach.clear_after_saving.setChecked(False)
    teach_button(window, 4).click()  # nothing drawn yet
    assert my_handwriting.samples() == [] and "draw one first" in view.teach.report.text()
    draw_stroke(view.canvas, ONE)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)  # shortcuts go to the active one
    qtbot.keyClick(view.canvas, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: my_handwriting.counts()[7] == 1, timeout=3000)  # a shortcut clicks as it animates
    assert [s.label for s in my_handwriting.samples()] == [7] and not view.canvas.drawing.empty


def test_fine_tuning_with_too_few_samples_says_how_many_more_it_needs(window):
    draw_stroke(window.draw_view.canvas, ONE)
    teach_button(window, 1).click()
    window.findChild(QPushButton, "fineTuneButton").click()
    assert "add 9 more" in window.findChild(QLabel, "fineTuneReport").text()
    assert not window.train_view.controller.running


def test_my_handwriting_is_a_dataset_to_browse_delete_from_and_relabel(window, qtbot):
    rng = np.random.default_rng(0)
    for digit in (1, 1, 7):
        draw_digit(window.draw_view.canvas, PLAIN_DIGITS[digit], rng)
        teach_button(window, digit).click()
    browser = window.dataset_browser
    combo = browser.dataset_combo
    assert combo.model().item(combo.findData("mine")).isEnabled()
    combo.setCurrentIndex(combo.findData("mine"))
    qtbot.waitUntil(lambda: browser.grid.page_label.text().endswith("of 3"), timeout=10_000)
    assert browser.split_combo.currentData() == "all"
    titles = [cell.title.text() for cell in browser.grid.cells if cell.isVisibleTo(browser)]
    assert titles == ["label: 1", "label: 1", "label: 7"]
    browser.relabel_sample(2, 4)
    qtbot.waitUntil(lambda: "label: 4" in [c.title.text() for c in browser.grid.cells if c.isVisibleTo(browser)])
    browser.delete_sample(0)
    qtbot.waitUntil(lambda: browser.grid.page_label.text().endswith("of 2"), timeout=10_000)
    assert my_handwriting.counts() == [0, 1, 0, 0, 1, 0, 0, 0, 0, 0]
    assert "1:1" in counts_text(window) and "4:1" in counts_text(window)  # Draw's counts follow
    train_datasets = window.train_view.inputs["dataset"]
    assert train_datasets.model().item(train_datasets.findData("mine")).isEnabled()


def test_a_zip_of_my_handwriting_exports_and_imports_back_and_asks_before_relabelling(window, tmp_path):
    rng = np.random.default_rng(1)
    for digit in (2, 3):
        draw_digit(window.draw_view.canvas, PLAIN_DIGITS[digit], rng)
        teach_button(window, digit).click()
    exported = sorted((s.label, s.path.name, s.path.read_bytes()) for s in my_handwriting.samples())
    assert window.files.export_handwriting(tmp_path / "mine.zip") == 2
    for sample in my_handwriting.samples():
        my_handwriting.remove(sample.path)
    questions: list[str] = []
    assert window.files.import_handwriting(tmp_path / "mine.zip", ask=lambda q: questions.append(q) or True) == 2
    assert sorted((s.label, s.path.name, s.path.read_bytes()) for s in my_handwriting.samples()) == exported
    assert questions == [] and "2:1" in counts_text(window)  # nothing to overwrite, nothing asked
    relabelled = my_handwriting.relabel(my_handwriting.samples()[0].path, 8)
    assert window.files.import_handwriting(tmp_path / "mine.zip", ask=lambda q: questions.append(q) or False) == 0
    assert len(questions) == 1 and "another label" in questions[0] and relabelled.exists()  # the user said no


def test_teaching_the_default_model_a_slashed_zero(window, qtbot):
    """A zero with a slash, which lenet-wide reads as 8: corrected a dozen times, the other digits a few times,
    then fineTuneButton. The new model is selected and reads new slashed zeros, still reads the rest, keeps MNIST."""
    view = window.draw_view
    assert window.store.current.name == "lenet-wide"
    rng = np.random.default_rng(2)
    for _ in range(12):
        draw_digit(view.canvas, SLASHED_ZERO, rng)
        teach_button(window, 0).click()
    for digit, strokes in PLAIN_DIGITS.items():
        for _ in range(3):
            draw_digit(view.canvas, strokes, rng)
            teach_button(window, digit).click()
    window.findChild(QPushButton, "fineTuneButton").click()
    panel = window.train_view
    assert panel.controller.running and window.tabs.currentWidget() is panel  # a Train view run: progress, charts, stop
    qtbot.waitUntil(lambda: not panel.controller.running, timeout=180_000)
    finished = panel.controller.last_finished
    assert finished.reason == "completed" and finished.comparison is not None
    assert window.store.current.name == "lenet-wide-mine-1" and window.tabs.currentWidget() is view
    report = window.findChild(QLabel, "fineTuneReport").text()
    assert "lenet-wide-mine-1" in report and "→" in report and "MNIST" in report
    assert finished.comparison.mnist_after >= 0.99
    assert load_checkpoint(finished.checkpoint).metrics["comparison"]["after"] == finished.comparison.after
    parent_entry = next(entry for entry in window.store.entries if entry.name == "lenet-wide")
    child, parent = window.store.predictor(), window.store.predictor(parent_entry)
    fresh = np.random.default_rng(99)  # new drawings of the style, not the saved ones
    zeros = []
    for _ in range(20):
        draw_digit(view.canvas, SLASHED_ZERO, fresh)
        zeros.append(view.canvas.drawing.snapshot())
    assert sum(child.predict(z).digit == 0 for z in zeros) >= 18  # >= 90%
    assert sum(parent.predict(z).digit == 0 for z in zeros) < 15  # it was a real mistake before
    for digit, strokes in PLAIN_DIGITS.items():
        draw_digit(view.canvas, strokes, fresh)
        assert child.predict(view.canvas.drawing.snapshot()).digit == digit
