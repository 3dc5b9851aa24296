"""Reading whole numbers: digits found, grouped, split where they touch, read left to right with their boxes.

Quick slices of training/number_eval.py's tune families (MNIST test writers); training/RESULTS.md has them all,
and the report part, in full."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from PIL import Image, ImageDraw

from digitpad.engine.data.preprocess import ink_map
from digitpad.engine.data.segmentation import layout
from digitpad.engine.reading.number import read_number
from digitpad.engine.reading.predictor import Predictor
from digitpad.engine.store.catalog import resolve_model
from training.handwriting_eval import canvas_plain, mnist_paper
from training.number_eval import HEIGHT, compose, numbers, render, score_numbers


@pytest.fixture(scope="module")
def reader() -> Predictor:
    return Predictor(resolve_model(None))


def _mnist_number(mnist, text: str, spacing: str = "separated", seed: int = 0) -> tuple[np.ndarray, list]:
    """`text` made of MNIST test digits (the first of each digit from `seed` on), on canvas-like paper."""
    labels = mnist.test.raw_labels
    chosen = [int(np.flatnonzero(labels[seed:] == int(char))[0]) + seed for char in text]
    line, placed = compose([mnist.test.raw_images[i] for i in chosen], spacing, np.random.default_rng(seed))
    return render(line, "canvas", np.random.default_rng(seed)), placed


def test_a_number_is_read_left_to_right_with_a_box_round_each_digit(reader, mnist):
    image, placed = _mnist_number(mnist, "2026")
    reading = read_number(image, reader)
    assert reading is not None and reading.text == "2026" and reading.status == "ok"
    margin = HEIGHT // 2  # render's paper round the line
    for digit, truth in zip(reading.digits, placed, strict=True):
        x0, y0, x1, y1 = digit.box
        assert x0 <= truth.left + margin + 2 and x1 >= truth.left + margin + truth.ink.shape[1] - 2
        assert y0 <= truth.top + margin + 2 and y1 >= truth.top + margin + truth.ink.shape[0] - 2
    assert all(left.box[2] <= right.box[0] for left, right in itertools.pairwise(reading.digits))
    assert 0 < reading.confidence <= min(digit.prediction.confidence for digit in reading.digits)


@pytest.mark.parametrize(("text", "seed"), [("2026", 0), ("1998", 6), ("35", 0), ("1974", 3), ("90210", 2), ("777", 5)])
def test_digits_that_touch_are_split(reader, mnist, text, seed):
    image, _ = _mnist_number(mnist, text, spacing="touching", seed=seed)
    found = layout(ink_map(image))
    assert found is not None and len(found.groups) < len(text)  # the ink does meet
    reading = read_number(image, reader)
    assert reading is not None and reading.text == text and reading.status == "ok"


@pytest.mark.parametrize(("text", "seed"), [("4071", 1), ("35", 6)])
def test_a_touching_number_read_wrong_says_unsure_rather_than_pretend(reader, mnist, text, seed):
    image, _ = _mnist_number(mnist, text, spacing="touching", seed=seed)
    reading = read_number(image, reader)
    assert reading is not None and (reading.text == text or reading.status == "unsure")  # cut only: "471", "25"


def test_a_single_digit_reads_exactly_as_a_single_digit_always_has(reader):
    for image, _label in [*mnist_paper(20), *canvas_plain(2)]:
        reading, single = read_number(image, reader), reader.predict(image)
        assert reading is not None and len(reading.digits) == 1
        read = reading.digits[0].prediction
        assert read.digit == single.digit and read.confidence == single.confidence
        assert np.array_equal(read.model_input, single.model_input)


def _strokes(strokes: list[list[tuple[int, int]]], size: tuple[int, int] = (300, 200), width: int = 14) -> np.ndarray:
    image = Image.new("L", size, 255)
    pen = ImageDraw.Draw(image)
    for stroke in strokes:
        pen.line(stroke, fill=0, width=width, joint="curve")
    return np.asarray(image)


@pytest.mark.parametrize(
    ("name", "strokes"),
    [
        ("a 5 whose flag stands apart", [[(130, 40), (175, 40)], [(125, 50), (120, 95), (160, 92), (170, 130),
                                                                   (150, 160), (115, 150)]]),
        ("a 4 in two strokes", [[(150, 40), (115, 115), (180, 115)], [(160, 70), (160, 165)]]),
        ("a 7 with a crossbar apart", [[(115, 45), (180, 45), (140, 165)], [(130, 105), (170, 105)]]),
    ],
)  # fmt: skip
def test_a_digit_of_several_strokes_is_one_digit(reader, name, strokes):
    reading = read_number(_strokes(strokes), reader)
    assert reading is not None and len(reading.digits) == 1, name


def test_a_digit_broken_into_dots_is_one_digit(reader, mnist):
    digit = mnist.test.raw_images[0].copy()  # a 7
    digit[::3, :] = 0  # every third row gone: the strokes fall apart like a poor scan's
    image = 255 - np.asarray(Image.fromarray(digit).resize((140, 140), Image.Resampling.NEAREST))
    reading = read_number(np.pad(image, 40, constant_values=255), reader)
    assert reading is not None and reading.text == "7"


def test_a_wide_gap_is_a_space(reader, mnist):
    left, _ = _mnist_number(mnist, "12")
    right, _ = _mnist_number(mnist, "34", seed=1)
    gap = np.full((left.shape[0], 3 * HEIGHT), 255, dtype=np.uint8)
    height = min(left.shape[0], right.shape[0])
    reading = read_number(np.hstack([left[:height], gap[:height], right[:height]]), reader)
    assert reading is not None and reading.text == "12 34"


def test_blank_paper_holds_no_number(reader):
    assert read_number(np.full((100, 300), 255, dtype=np.uint8), reader) is None


@pytest.mark.parametrize(
    ("spacing", "medium", "least", "most_wrong_but_sure"),
    [
        ("natural", "canvas", 0.9, 0.05),
        ("separated", "photo", 0.85, 0.1),
        ("touching", "tight", 0.75, 0.2),  # cutting alone, before the string reader: 0.6
        ("touching", "canvas", 0.75, 0.2),
    ],
)
def test_numbers_by_writers_no_model_trained_on(reader, spacing, medium, least, most_wrong_but_sure):
    result = score_numbers(reader, numbers("tune", spacing, medium, 20, seed=11))
    assert result.exact / result.total >= least
    assert result.wrong_but_sure <= most_wrong_but_sure * result.total  # a wrong number mostly says "unsure"


def test_the_judge_in_numpy_computes_what_its_network_trained_in_torch_does():
    import torch

    from digitpad.engine.reading.whole_digit import NUMBERS, VIEW, JudgeInput, WholeDigitJudge
    from training.whole_digit_judge import _Judge

    torch.manual_seed(0)
    network = _Judge().eval()
    weights = {name: value.detach().numpy() for name, value in network.state_dict().items()}
    centre, scale = np.linspace(-1, 1, NUMBERS, dtype=np.float32), np.linspace(0.5, 2, NUMBERS, dtype=np.float32)
    judge = WholeDigitJudge({**weights, "centre": centre, "scale": scale})
    rng = np.random.default_rng(0)
    judged = JudgeInput(rng.random((5, 2, VIEW, VIEW), dtype=np.float32), rng.random((5, NUMBERS), dtype=np.float32))
    with torch.no_grad():
        logits = network(torch.from_numpy(judged.views), torch.from_numpy((judged.numbers - centre) / scale))
    assert np.allclose(judge.chances(judged), torch.sigmoid(logits).numpy(), atol=1e-5)


def test_the_string_reader_in_numpy_computes_what_its_network_trained_in_torch_does():
    import torch

    from digitpad.engine.reading.digit_string import HEIGHT, DigitStringReader
    from training.digit_string_reader import _StringNet

    torch.manual_seed(0)
    network = _StringNet()
    with torch.no_grad():
        network(torch.rand(8, 1, HEIGHT, 64))  # the batch norms gather statistics to fold
    network.eval()
    image = np.random.default_rng(0).random((HEIGHT, 48), dtype=np.float32)
    with torch.no_grad():
        expected = torch.softmax(network(torch.from_numpy(image)[None, None]), dim=1)[0].T.numpy()
    assert np.allclose(DigitStringReader(network.folded()).frame_chances(image), expected, atol=1e-5)


def test_the_string_reader_spells_touching_digits_the_cuts_cannot_part(mnist):
    from digitpad.engine.reading.digit_string import bundled_string_reader, string_input

    image, _ = _mnist_number(mnist, "4071", spacing="touching", seed=1)
    found = layout(ink_map(image))
    assert found is not None and len(found.groups) < 4
    spelled = [bundled_string_reader().read(string_input(found.ink, group)).digits for group in found.groups]
    assert sum(spelled, ()) == (4, 0, 7, 1)
