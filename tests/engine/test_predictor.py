"""Prediction with the bundled model, on MNIST and on digits drawn the way scans and canvases show them."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from digitpad.engine.reading.predictor import Predictor, inference_model
from digitpad.engine.store.catalog import DEFAULT_MODEL, list_models, resolve_model
from digitpad.engine.store.checkpoints import load_checkpoint
from tests.helpers import render_on_paper


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


@pytest.mark.parametrize("name", ["lenet-wide", "cnn-bn", "lenet5"])
def test_the_inference_model_answers_as_the_trained_one(name, mnist):
    """Batch norm folded into the layer before it and dropout left out: same answers, less work per image."""
    checkpoint = load_checkpoint(resolve_model(name))
    trained, folded = checkpoint.build(), inference_model(checkpoint.build())
    images = mnist.test.images[:500]
    with torch.inference_mode():
        expected, answers = torch.softmax(trained(images), 1), torch.softmax(folded(images), 1)
    assert torch.allclose(answers, expected, atol=1e-5)
    has_norm = any(isinstance(m, torch.nn.modules.batchnorm._BatchNorm) for m in trained.modules())
    assert not any(isinstance(m, torch.nn.modules.batchnorm._BatchNorm) for m in folded.modules())
    assert (len(list(folded.modules())) < len(list(trained.modules()))) == has_norm
