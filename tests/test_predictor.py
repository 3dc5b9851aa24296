"""Prediction with the bundled model, on MNIST and on digits drawn the way scans and canvases show them."""

from __future__ import annotations

import numpy as np

from digitpad.engine.catalog import DEFAULT_MODEL, list_models, resolve_model
from digitpad.engine.predictor import Predictor
from tests.conftest import render_on_paper


def test_bundled_default_model_is_listed_with_its_accuracy():
    entries = {e.name: e for e in list_models()}
    assert entries[DEFAULT_MODEL].source == "bundled"
    assert entries[DEFAULT_MODEL].test_accuracy >= 0.99


def test_batch_probabilities_on_mnist(mnist):
    predictor = Predictor(resolve_model(None))
    probabilities = predictor.probabilities(mnist.test.raw_images[:500])
    assert probabilities.shape == (500, 10) and np.allclose(probabilities.sum(1), 1, atol=1e-5)
    assert (probabilities.argmax(1) == mnist.test.raw_labels[:500]).mean() >= 0.98


def test_digits_on_paper_off_centre_are_read(mnist):
    predictor = Predictor(resolve_model(None))
    rng = np.random.default_rng(0)
    right = 0
    count = 150
    for index in range(count):
        offset = tuple(rng.integers(-40, 40, 2))
        page = render_on_paper(mnist.test.raw_images[index], 240, dark_on_light=bool(index % 2), offset=offset)
        prediction = predictor.predict(page)
        right += prediction is not None and prediction.digit == mnist.test.raw_labels[index]
    assert right / count >= 0.95


def test_blank_image_gives_no_prediction():
    assert Predictor(resolve_model(None)).predict(np.full((100, 100), 255, np.uint8)) is None
