"""The default model on handwriting that is not MNIST: photographed and scanned digits, and canvas drawings."""

from __future__ import annotations

import itertools

from digitpad.engine.catalog import resolve_model
from digitpad.engine.predictor import Predictor
from training.handwriting_eval import accuracy, canvas_samples, paper_samples


def test_default_model_reads_photographed_and_scanned_digits():
    score, count = accuracy(Predictor(resolve_model(None)), paper_samples(150))
    assert count == 150 and score >= 0.96


def test_default_model_reads_digits_drawn_on_the_canvas(qapp):
    samples = list(itertools.islice(canvas_samples(per_digit=3), 30))
    score, _count = accuracy(Predictor(resolve_model(None)), iter(samples))
    assert {label for _, label in samples} == set(range(10)) and score >= 0.95
