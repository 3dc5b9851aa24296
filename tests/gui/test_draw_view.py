"""The Draw view, offscreen: a drawing is read live, undo and clear, Compare, images and models from files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget

from digitpad.gui.main_window import MainWindow
from tests.gui_helpers import LETTER_A, ONE, SEVEN, ZERO, draw_stroke, send_mouse


def prediction_text(window: MainWindow) -> str:
    return window.findChild(QLabel, "predictionLabel").text()


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


def test_a_letter_drawn_with_the_mouse_is_not_a_digit_in_the_answer_and_in_compare(window, qtbot):
    window.draw_view.compare.button.click()
    for stroke in LETTER_A:
        draw_stroke(window.draw_view.canvas, stroke)
    qtbot.waitUntil(lambda: prediction_text(window) == "Not a digit", timeout=5000)
    assert not window.draw_view.panel.chart.meaningful  # the ten bars are shown, marked as meaningless
    assert "none of 0-9" in window.findChild(QLabel, "confidenceLabel").text()
    table = window.draw_view.compare.table
    default = next(row for row, entry in enumerate(window.store.entries) if entry == window.store.current)
    qtbot.waitUntil(lambda: table.rowCount() == len(window.store.entries) and table.item(default, 1) is not None
                    and table.item(default, 1).text().startswith("not a digit"), timeout=10_000)  # fmt: skip


def test_a_bad_image_gets_a_message_and_the_app_goes_on(window, qtbot, tmp_path):
    path = tmp_path / "digit.png"
    path.write_text("not an image")
    assert not window.files.open_image(path)
    dialog = window.findChild(QWidget, "errorDialog")
    assert dialog is not None and "not an image file" in dialog.text()
    draw_stroke(window.draw_view.canvas, ONE)
    qtbot.waitUntil(lambda: prediction_text(window) == "1", timeout=3000)


def test_image_files_pillow_opens_in_some_form_are_shown_and_the_rest_get_a_message(window):
    folder = Path(__file__).parent.parent / "data" / "pillow"
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
