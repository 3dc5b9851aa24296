"""`digitpad inspect` and `digitpad explain`: every layer, the evidence map and the neighbours, as JSON."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from digitpad.cli import main
from digitpad.engine.insight.inspection import Inspector
from digitpad.engine.models.zoo import count_params
from digitpad.engine.spec.architectures import ARCHITECTURES
from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.store.catalog import resolve_model
from digitpad.engine.store.checkpoints import load_checkpoint
from digitpad.engine.training.run import train
from tests.gui_helpers import drawn
from training.number_eval import compose


@pytest.mark.parametrize("arch", list(ARCHITECTURES))
def test_digitpad_inspect_prints_every_layer(arch, capsys, tmp_path, mnist):
    from PIL import Image

    from tests.helpers import render_on_paper

    image = tmp_path / "digit.png"
    Image.fromarray(render_on_paper(mnist.test.raw_images[0])).save(image)
    assert main(["inspect", str(image), "--model", arch, "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sum(row["parameters"] for row in rows) == count_params(arch)
    assert all({"name", "type", "output_shape", "parameters", "multiply_adds", "min", "max", "mean"} <= set(row)
               for row in rows)  # fmt: skip
    assert rows[-1]["output_shape"] == [10]


def test_digitpad_explain_prints_the_map_the_target_and_the_neighbours(lenet5_explainer, capsys, tmp_path, qtbot):
    model_input = drawn(qtbot, 7)
    image = tmp_path / "seven.png"
    Image.fromarray(np.round((1 - model_input) * 255).astype(np.uint8)).save(image)
    assert main(["explain", str(image), "--model", "lenet5", "--target", "9", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["target"] == 9 and np.array(record["saliency"]).shape == (28, 28)
    assert len(record["neighbours"]) == 8 and {"index", "label", "distance"} <= set(record["neighbours"][0])


EDGES = TrainConfig(arch="lenet5", epochs=2, batch_size=64, optimizer="adam", lr=0.01, momentum=0.7, beta2=0.9,
                    schedule="onecycle", cycle_momentum=False, first_conv="edges", device="cpu", threads=1)  # fmt: skip


def test_the_inside_view_and_digitpad_inspect_say_which_filters_were_never_trained(small_mnist, tmp_path, capsys):
    events = list(train(EDGES.with_changes(max_steps=2), data=small_mnist, checkpoint_path=tmp_path / "e.safetensors"))
    fixed = Inspector(load_checkpoint(events[-1].checkpoint))
    assert [layer.name for layer in fixed.layers if not layer.trained] == ["conv1"]
    assert all(layer.trained for layer in Inspector(load_checkpoint(resolve_model("lenet5"))).layers)
    image = tmp_path / "four.png"
    Image.fromarray(small_mnist.test.raw_images[4]).save(image)
    capsys.readouterr()
    assert main(["inspect", str(image), "--model", events[-1].checkpoint, "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["trained"] for row in rows[:2]] == [False, True] and rows[0]["name"] == "conv1"


def test_inspect_and_explain_look_at_the_digit_of_a_number_asked_for(lenet5_explainer, capsys, tmp_path, mnist):
    labels = mnist.test.raw_labels
    chosen = [int(np.flatnonzero(labels == digit)[0]) for digit in (1, 4)]
    line, _ = compose([mnist.test.raw_images[i] for i in chosen], "separated", np.random.default_rng(0))
    image = tmp_path / "fourteen.png"
    Image.fromarray(255 - np.pad(line, 20)).save(image)
    answers = []
    for position in (1, 2):
        assert main(["explain", str(image), "--model", "lenet5", "--digit", str(position), "--json"]) == 0
        answers.append(json.loads(capsys.readouterr().out)["answer"])
    assert answers == [1, 4]
    assert main(["inspect", str(image), "--model", "lenet5", "--digit", "2"]) == 0
    assert ": 4" in capsys.readouterr().out  # the table's title: the image through lenet5, and its answer
    assert main(["inspect", str(image), "--model", "lenet5", "--digit", "3"]) == 1
    assert "holds 2 digit(s)" in capsys.readouterr().err
