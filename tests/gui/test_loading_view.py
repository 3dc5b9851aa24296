"""The loading view: strokes are read by the quick reader before torch has loaded."""

from __future__ import annotations

import pytest

from digitpad.engine.reading.quick_reader import QuickReader
from digitpad.gui.shared.drawing import Drawing
from digitpad.gui.views.loading_view import LoadingView
from tests.gui_helpers import SEVEN, draw_stroke


@pytest.fixture
def loading_view(qtbot) -> LoadingView:
    view = LoadingView(Drawing())
    qtbot.addWidget(view)
    view.resize(700, 420)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_drawing_made_before_the_reader_loads_is_answered_when_it_has(loading_view, qtbot):
    answers = []
    loading_view.answered.connect(answers.append)
    draw_stroke(loading_view.canvas, SEVEN)
    assert answers == [] and not loading_view.panel.isEnabled()
    assert "draw already" in loading_view.note.text()
    with qtbot.waitSignal(loading_view.answered) as answered:
        loading_view.set_reader(QuickReader())
    assert answered.args[0].digit == 7
    assert loading_view.panel.digit_label.text() == "7" and loading_view.panel.isEnabled()
    assert "the default model" in loading_view.note.text()


def test_it_answers_each_stroke_and_an_emptied_canvas(loading_view, qtbot):
    loading_view.set_reader(QuickReader())
    with qtbot.waitSignal(loading_view.answered, check_params_cb=lambda p: p is not None and p.digit == 7):
        draw_stroke(loading_view.canvas, SEVEN)
    with qtbot.waitSignal(loading_view.answered, check_params_cb=lambda p: p is None):
        loading_view.canvas.drawing.clear()
    assert loading_view.panel.digit_label.text() == ""


def test_with_no_reader_the_view_keeps_saying_the_models_are_loading(loading_view, qtbot):
    loading_view.set_reader(None)
    draw_stroke(loading_view.canvas, SEVEN)
    assert not loading_view.panel.isEnabled() and "draw already" in loading_view.note.text()
