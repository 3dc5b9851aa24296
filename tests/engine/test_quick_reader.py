"""The quick reader: the default model's ONNX copy answers as the model does, without torch."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
from PIL import Image

from digitpad.engine.reading.predictor import Predictor
from digitpad.engine.reading.quick_reader import QuickReader, load_quick_reader, quick_copy_path
from digitpad.engine.store.catalog import DEFAULT_MODEL, resolve_model
from tests.helpers import render_on_paper


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
