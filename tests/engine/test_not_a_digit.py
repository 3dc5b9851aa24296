"""Saying "that is not a digit": letters, symbols and doodles get the verdict, real digits keep their answers.

The letters here are typeset in Pillow's own font and drawn from the report templates of training/non_digits.py;
the judge trained on neither (training/digit_or_not.py).
"""

from __future__ import annotations

import numpy as np
import pytest

from digitpad.engine.data.preprocess import preprocess
from digitpad.engine.reading.familiarity import Familiarity
from digitpad.engine.reading.number import read_number
from digitpad.engine.reading.predictor import Predictor
from digitpad.engine.reading.quick_reader import QuickReader
from digitpad.engine.store.catalog import resolve_model
from digitpad.engine.store.checkpoints import load_checkpoint, read_metadata, save_checkpoint
from tests.helpers import typeset
from training import non_digits


@pytest.fixture(scope="module")
def reader() -> Predictor:
    return Predictor(resolve_model(None))


def test_letters_symbols_and_doodles_are_not_digits(reader):
    rng = np.random.default_rng(8)
    images = [typeset(char) for char in "AKMWX%?#&@"]
    images += list(non_digits.drawn_letters("report", 28, rng)) + list(non_digits.doodles("report", 8, rng))
    readings = [read_number(image, reader) for image in images]
    caught = [reading is not None and reading.status == "not_a_digit" for reading in readings]
    assert np.mean(caught) >= 0.9, [index for index, hit in enumerate(caught) if not hit]
    said = readings[0]
    assert said is not None and said.not_a_digit and not said.unsure  # not "unsure": not a digit at all


def test_real_digits_keep_their_answers(reader, mnist):
    inputs = np.stack([preprocess(255 - image) for image in mnist.test.raw_images[:600]])
    predictions = [reader.classify(model_input) for model_input in inputs]
    turned_away = np.mean([prediction.not_a_digit for prediction in predictions])
    assert turned_away <= 0.01
    typed = [read_number(typeset(str(digit)), reader) for digit in range(10)]
    assert all(reading is not None and not reading.not_a_digit for reading in typed)


def test_a_symbol_in_parts_is_one_thing_that_is_not_a_digit(reader):
    reading = read_number(typeset("%"), reader)
    assert reading is not None and len(reading.digits) == 1 and reading.not_a_digit


def test_the_quick_reader_says_it_too_before_torch_has_loaded():
    quick = QuickReader()
    assert quick.predict(typeset("A")).not_a_digit
    assert not quick.predict(typeset("7")).not_a_digit


def test_a_model_file_carries_its_familiarity_and_one_without_measures_it(tmp_path):
    bundled = load_checkpoint(resolve_model("lenet5"))
    stored = Familiarity.from_tensors(bundled.familiarity)
    assert stored is not None
    assert read_metadata(resolve_model("lenet5"))["familiarity_limit"] == pytest.approx(stored.limit)
    bundled.familiarity = {}  # as an older digitpad wrote it
    older = save_checkpoint(bundled, tmp_path / "older.safetensors")
    assert "familiarity_limit" not in read_metadata(older)
    measured = Predictor(older).familiarity
    assert measured.limit == pytest.approx(stored.limit, rel=0.05)
    assert Predictor(older).predict(typeset("A")).not_a_digit


def test_a_dot_is_no_digit_at_all(reader):
    paper = np.full((200, 200), 255, dtype=np.uint8)
    paper[95:105, 95:105] = 0  # a full stop, a speck of dirt
    assert read_number(paper, reader) is None  # "no digit", as a blank page
    paper[40:160, 96:104] = 0  # with a stroke through it, it is a 1 again
    reading = read_number(paper, reader)
    assert reading is not None and reading.text == "1"
