"""The first answers after launch: the default model's ONNX copy, read without torch while the engine loads."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from digitpad.engine.reading.predictor import Predictor
from digitpad.engine.reading.quick_reader import QuickReader, load_quick_reader, quick_copy_path
from digitpad.engine.store.catalog import DEFAULT_MODEL, resolve_model
from digitpad.gui.shared.drawing import Drawing
from digitpad.gui.views.loading_view import LoadingView
from tests.conftest import render_on_paper
from tests.gui_helpers import SEVEN, draw_stroke


def test_the_quick_copy_answers_as_the_bundled_default_model(mnist):
    """A retrained default model with a stale copy would answer one way at launch and another a second later."""
    assert quick_copy_path().name == f"{DEFAULT_MODEL}.onnx"
    images = mnist.test.raw_images[:500].astype(np.float32) / 255
    expected = Predictor(resolve_model(None)).probabilities(images)
    answers = QuickReader().probabilities(images)
    assert np.allclose(answers, expected, atol=1e-4)
    assert (answers.argmax(1) == expected.argmax(1)).all()
    assert (answers.argmax(1) == mnist.test.raw_labels[:500]).mean() >= 0.98


def test_it_reads_a_scanned_digit_in_a_fresh_process_without_importing_torch(mnist, tmp_path):
    seven = int(np.flatnonzero(mnist.test.raw_labels == 7)[0])
    scan = tmp_path / "seven.png"
    Image.fromarray(render_on_paper(mnist.test.raw_images[seven], 240)).save(scan)
    code = (
        "import sys\nfrom digitpad.engine.reading.quick_reader import QuickReader\n"
        f"answer = QuickReader().predict({str(scan)!r})\nprint(answer.digit, 'torch' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=os.environ)
    assert result.stdout.split() == ["7", "False"], result.stderr


def test_without_onnxruntime_there_is_no_quick_reader_and_the_answer_waits_for_the_engine(monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # as on a platform without its wheel: import fails
    assert load_quick_reader() is None


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
