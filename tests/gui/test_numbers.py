"""A number written on the Draw view's canvas: read whole, each digit boxed and answered, one digit looked at
everywhere (its bars and 28x28, Inside, Why, Teach and Compare)."""

from __future__ import annotations

import itertools

import numpy as np
from PIL import Image
from PySide6.QtWidgets import QLabel, QToolButton

from digitpad.engine.data import my_handwriting
from tests.gui_helpers import ONE, draw_stroke, write_number


def _number_text(window) -> str:
    return window.findChild(QLabel, "numberLabel").text()


def test_the_draw_views_paper_is_as_wide_as_its_canvas(window):
    canvas = window.draw_view.canvas
    assert canvas.drawing.width > canvas.drawing.image.height()  # the window's canvas is wider than tall
    area = canvas.drawing_area()
    assert abs(area.width() / area.height() - canvas.drawing.width / canvas.drawing.image.height()) < 0.01


def test_a_letter_written_among_digits_is_named_and_the_drawing_is_not_a_number(window, qtbot):
    view = window.draw_view
    write_number(view.canvas, "4A2")
    qtbot.waitUntil(lambda: view.answer_is_current and _number_text(window) == "4✕2", timeout=5000)
    assert "Not a number" in window.findChild(QLabel, "numberSummary").text()
    assert window.findChild(QToolButton, "digitButton1").text().startswith("✕")


def test_a_written_number_is_read_whole_with_a_box_and_an_answer_per_digit(window, qtbot):
    view = window.draw_view
    write_number(view.canvas, "1974")
    qtbot.waitUntil(lambda: view.answer_is_current and _number_text(window) == "1974", timeout=5000)
    assert view.number_panel.isVisible()
    buttons = [window.findChild(QToolButton, f"digitButton{index}") for index in range(4)]
    assert [button.text().split("\n")[0] for button in buttons] == list("1974")
    assert buttons[0].isChecked() and view.canvas.marked == 0
    boxes = view.canvas.marks
    assert len(boxes) == 4 and all(a.right() <= b.left() for a, b in itertools.pairwise(boxes))
    buttons[2].click()  # look at the 7
    assert view.canvas.drawing.focus == 2 and view.canvas.marked == 2
    assert window.findChild(QLabel, "predictionLabel").text() == "7"
    assert view.panel.prediction is view.last_reading.digits[2].prediction


def test_one_digit_keeps_the_view_as_it_was(window, qtbot):
    view = window.draw_view
    draw_stroke(view.canvas, ONE)
    qtbot.waitUntil(lambda: view.answer_is_current and view.last_prediction is not None, timeout=5000)
    assert not view.number_panel.isVisible() and view.canvas.marks == []


def test_inside_and_why_look_at_the_digit_in_focus(window, qtbot):
    view = window.draw_view
    write_number(view.canvas, "14")
    qtbot.waitUntil(lambda: view.answer_is_current and _number_text(window) == "14", timeout=5000)
    window.findChild(QToolButton, "digitButton1").click()
    window.tabs.setCurrentWidget(window.inside_view)
    qtbot.waitUntil(lambda: window.inside_view.inspection is not None and window.inside_view.answers.current,
                    timeout=10_000)  # fmt: skip
    focused = view.last_reading.digits[1].prediction.model_input
    assert np.array_equal(window.inside_view.inspection.model_input, focused)
    assert int(window.inside_view.inspection.probabilities.argmax()) == 4
    assert "reads digit 2 of the 2 in the drawing as <b>4</b>" in window.inside_view.header.text()
    window.tabs.setCurrentWidget(window.why_view)
    qtbot.waitUntil(lambda: window.why_view.answers.current and window.why_view.last is not None, timeout=20_000)
    assert int(window.why_view.last.probabilities.argmax()) == 4


def test_this_is_a_saves_the_digit_in_focus(window, qtbot):
    view = window.draw_view
    write_number(view.canvas, "23")
    qtbot.waitUntil(lambda: view.answer_is_current and _number_text(window) == "23", timeout=5000)
    window.findChild(QToolButton, "digitButton1").click()
    path = view.teach.add_to_my_handwriting(3)
    assert path is not None and path.parent.name == "3"
    saved = my_handwriting.read_part("train")
    assert len(saved.labels) + len(my_handwriting.read_part("test").labels) == 1
    focused = view.last_reading.digits[1].prediction.model_input
    assert np.array_equal(my_handwriting.digit_picture(focused), np.asarray(Image.open(path)))
