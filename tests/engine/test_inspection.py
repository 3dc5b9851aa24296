"""Looking inside a model: every layer read from the real model, the textbook's shapes, one output's arithmetic."""

from __future__ import annotations

import numpy as np
import pytest

from digitpad.engine.insight.inspection import Inspector
from digitpad.engine.models.zoo import count_params
from digitpad.engine.spec.architectures import ARCHITECTURES
from digitpad.engine.store.catalog import resolve_model
from digitpad.engine.store.checkpoints import load_checkpoint


def inspector(arch: str) -> Inspector:
    return Inspector(load_checkpoint(resolve_model(arch)))


def a_digit(mnist) -> np.ndarray:
    return mnist.test.raw_images[0].astype(np.float32) / 255


@pytest.mark.parametrize("arch", list(ARCHITECTURES))
def test_every_layer_is_read_from_the_model_and_the_parameters_add_up(arch, mnist):
    inspection = inspector(arch).run(a_digit(mnist))
    assert sum(layer.params for layer in inspection.layers) == count_params(arch)
    assert inspection.layers[-1].output_shape == (10,) and abs(inspection.probabilities.sum() - 1) < 1e-5
    for layer, output in zip(inspection.layers, inspection.outputs, strict=True):
        assert output.shape == layer.output_shape


def test_lenet5s_shapes_and_multiply_adds_are_the_textbooks():
    layers = inspector("lenet5").layers
    assert [layer.macs for layer in layers if layer.macs] == [117_600, 240_000, 48_000, 10_080, 840]
    assert [layer.output_shape[1:] for layer in layers if layer.kind in ("Conv2d", "MaxPool2d")] == [
        (28, 28), (14, 14), (10, 10), (5, 5)]  # fmt: skip
    paper = inspector("lenet5-1998").layers
    assert paper[0].input_shape == (1, 32, 32)  # 32 -> 28 -> 14 -> 10 -> 5, read from the model
    windows = ("Conv2d", "TrainableSubsampling", "PartialConv")
    assert [layer.output_shape[1] for layer in paper if layer.kind in windows][:4] == [28, 14, 10, 5]


@pytest.mark.parametrize("arch", [a for a in ARCHITECTURES if a != "mlp"])
def test_a_convolution_output_is_its_patch_times_its_kernel_plus_the_bias(arch, mnist):
    engine = inspector(arch)
    inspection = engine.run(a_digit(mnist))
    convolutions = [layer.index for layer in inspection.layers if layer.kind in ("Conv2d", "PartialConv")]
    for index in convolutions:
        _channels, height, width = inspection.layers[index].output_shape
        result = engine.arithmetic(inspection, index, 1, height // 2, width // 3)
        assert result.total == pytest.approx(result.output, abs=1e-4)
        assert float((result.patch * result.kernel).sum() + result.bias) == pytest.approx(result.output, abs=1e-4)
    kernel = inspection.layers[0].geometry[0]
    at = min(1, inspection.layers[convolutions[-1]].output_shape[1] - 1)
    top, _left, bottom, _right = engine.arithmetic(inspection, convolutions[-1], 0, at, at).receptive_field
    assert (0 <= top <= bottom <= 27 and bottom - top + 1 > kernel) or len(convolutions) == 1  # deeper sees more


def test_lenet5_1998s_own_parts_are_shown(mnist):
    engine = inspector("lenet5-1998")
    c3 = next(layer for layer in engine.layers if layer.name == "c3")
    assert engine.connection_table(c3).sum() == 60  # the paper's Table I
    assert engine.subsampling(next(layer for layer in engine.layers if layer.name == "s2"))[0].shape == (6,)
    inspection = engine.run(a_digit(mnist))
    assert engine.rbf_distances(inspection).argmin() == inspection.probabilities.argmax()
