"""Why this answer: evidence maps on the drawing, nearest training examples, and a replay of training."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image
from PySide6.QtWidgets import QComboBox, QSlider, QWidget

from digitpad.cli import main
from digitpad.engine.data.preprocess import preprocess
from digitpad.engine.insight.explanation import Explainer, index_path
from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.store import snapshots
from digitpad.engine.store.catalog import resolve_model
from digitpad.engine.store.checkpoints import load_checkpoint
from digitpad.engine.training.run import train
from tests.gui_helpers import PLAIN_DIGITS, SEVEN, draw_digit, draw_stroke


@pytest.fixture(scope="module")
def lenet5_explainer(tmp_path_factory):
    """lenet5's explainer with its index built once for the module (4 s), in a private cache."""
    import os

    home = tmp_path_factory.mktemp("why-home")
    previous = os.environ.get("DIGITPAD_HOME")
    os.environ["DIGITPAD_HOME"] = str(home)
    path = resolve_model("lenet5")
    explainer = Explainer(load_checkpoint(path), path)
    explainer.ensure_index()
    explainer.home = home
    yield explainer
    if previous is not None:
        os.environ["DIGITPAD_HOME"] = previous


def drawn(qtbot, digit: int = 7, seed: int = 0) -> np.ndarray:
    from digitpad.gui.shared.drawing import Drawing
    from digitpad.gui.widgets.canvas import DrawCanvas

    canvas = DrawCanvas(Drawing())
    qtbot.addWidget(canvas)
    canvas.resize(400, 400)
    draw_digit(canvas, PLAIN_DIGITS[digit], np.random.default_rng(seed))
    return preprocess(canvas.drawing.snapshot())


@pytest.mark.parametrize("method", ["occlusion", "gradient"])
def test_the_evidence_lies_on_the_stroke_and_follows_the_target(lenet5_explainer, qtbot, method):
    for digit in (1, 4, 7):
        model_input = drawn(qtbot, digit)
        result = lenet5_explainer.explain(model_input, method=method, neighbours=False)
        ink = model_input > 0.3
        mass_on_ink = np.abs(result.saliency)[ink].sum() / np.abs(result.saliency).sum()
        assert result.target == digit and mass_on_ink > 2 * ink.mean()  # well above the ink's share of the image
        other = lenet5_explainer.explain(model_input, target=(digit + 2) % 10, method=method, neighbours=False)
        assert not np.allclose(other.saliency, result.saliency)


def test_occluding_the_stroke_lowers_the_answer_more_than_occluding_paper(lenet5_explainer, qtbot):
    model_input = drawn(qtbot, 4)
    saliency = lenet5_explainer.explain(model_input, method="occlusion", neighbours=False).saliency
    ink = model_input > 0.3
    # lenet5 is sure of this 4 (scans and styles in its training): one patch moves it by at most about 1.4%
    assert saliency[ink].mean() > 5 * saliency[~ink].mean() and saliency[ink].max() > 0.01


def test_clean_test_digits_nearest_training_images_share_their_label(lenet5_explainer, mnist):
    shared = []
    for i in range(100):
        result = lenet5_explainer.explain(mnist.test.raw_images[i].astype(np.float32) / 255, method="gradient")
        shared += [n.label == int(mnist.test.raw_labels[i]) for n in result.neighbours]
        assert len(result.neighbours) == 8 and all(0 <= n.distance <= 2 for n in result.neighbours)
    assert np.mean(shared) >= 0.9


def test_the_index_is_kept_on_disk_and_a_changed_model_gets_its_own(lenet5_explainer, tmp_path, monkeypatch):
    monkeypatch.setenv("DIGITPAD_HOME", str(lenet5_explainer.home))
    path = resolve_model("lenet5")
    assert index_path(path).is_file()
    again = Explainer(load_checkpoint(path), path)
    assert np.array_equal(again.ensure_index().labels, lenet5_explainer.index.labels)  # read back, not rebuilt
    copy = tmp_path / "lenet5-copy.safetensors"
    changed = load_checkpoint(path)
    changed.state_dict["classifier.5.bias"] += 1.0
    from digitpad.engine.store.checkpoints import save_checkpoint

    save_checkpoint(changed, copy)
    assert index_path(copy) != index_path(path)


def test_a_run_keeps_its_model_before_the_first_step_and_after_every_epoch(small_mnist, tmp_path):
    config = TrainConfig(arch="lenet5", epochs=3, batch_size=128, lr=0.05, device="cpu", threads=1, seed=0)
    events = list(train(config, checkpoint_path=tmp_path / "m.safetensors", data=small_mnist, keep_snapshots=True))
    kept = snapshots.load(snapshots.snapshots_path(tmp_path / "m.safetensors"))
    assert [s.epoch for s in kept] == [0, 1, 2, 3]
    assert kept[0].test_accuracy < 0.3 < kept[-1].test_accuracy
    assert kept[-1].test_accuracy == events[-1].test_accuracy or kept[-1].test_accuracy <= events[-1].test_accuracy
    size = snapshots.snapshots_path(tmp_path / "m.safetensors").stat().st_size
    assert size < 4 * 260_000  # about 244 KB a lenet5


def test_digitpad_explain_prints_the_map_the_target_and_the_neighbours(lenet5_explainer, capsys, tmp_path, qtbot):
    model_input = drawn(qtbot, 7)
    image = tmp_path / "seven.png"
    Image.fromarray(np.round((1 - model_input) * 255).astype(np.uint8)).save(image)
    assert main(["explain", str(image), "--model", "lenet5", "--target", "9", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["target"] == 9 and np.array(record["saliency"]).shape == (28, 28)
    assert len(record["neighbours"]) == 8 and {"index", "label", "distance"} <= set(record["neighbours"][0])


def test_the_why_view_explains_the_drawing_and_matches_the_cli(window, qtbot, tmp_path, capsys):
    window.store.select(next(entry for entry in window.store.entries if entry.name == "lenet5"))
    draw_stroke(window.draw_view.canvas, SEVEN)
    window.tabs.setCurrentWidget(window.why_view)
    view = window.findChild(QWidget, "saliencyView")
    qtbot.waitUntil(lambda: view.index_ready and view.last is not None and bool(view.last.neighbours), timeout=60_000)
    first = view.last.saliency.copy()
    assert view.last.target == 7 and not view.heat.pixmap().isNull()
    assert all(cell.text() for cell in view.neighbour_cells)
    target = window.findChild(QComboBox, "targetDigit")
    target.setCurrentIndex(target.findData(1))
    qtbot.waitUntil(lambda: view.last.target == 1 and view.answers.current, timeout=10_000)
    assert not np.allclose(view.last.saliency, first)
    image = tmp_path / "drawing.png"
    Image.fromarray(view.canvas.drawing.snapshot()).save(image)
    assert main(["explain", str(image), "--model", "lenet5", "--target", "1", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert np.allclose(record["saliency"], view.last.saliency, atol=1e-5)
    # the same neighbours at the same distances; the window's and the CLI's distances differ by up to 1e-4
    # (measured), so two nearly as near may swap places
    assert {n["index"] for n in record["neighbours"]} == {n.index for n in view.last.neighbours}
    distances = {n.index: n.distance for n in view.last.neighbours}
    assert all(abs(n["distance"] - distances[n["index"]]) < 2e-4 for n in record["neighbours"])
    view.send_neighbour(0)
    assert window.tabs.currentWidget() is window.draw_view and not window.draw_view.canvas.drawing.empty


def test_a_three_epoch_run_from_the_train_view_gives_a_four_position_epoch_slider(window, qtbot):
    from tests.test_gui import start_training

    panel = start_training(window, arch="cnn-small", epochs=3, batch=256)
    qtbot.waitUntil(lambda: not panel.controller.running, timeout=180_000)
    saved = panel.controller.last_finished.checkpoint
    window.store.select(window.store.find(saved))
    draw_stroke(window.draw_view.canvas, SEVEN)
    window.tabs.setCurrentWidget(window.why_view)
    view = window.why_view
    slider = window.findChild(QSlider, "epochSlider")
    assert slider.isVisibleTo(view) and slider.maximum() == 3  # before training, after epochs 1, 2 and 3
    answers = []
    for position in range(4):
        slider.setValue(position)
        qtbot.waitUntil(lambda: view.answers.current and view.last is not None, timeout=20_000)
        answers.append(view.last.probabilities.copy())
    assert not np.allclose(answers[0], answers[3])  # the untrained model and the trained one answer differently
    assert "before training" in view.epoch_label.text() or "after epoch" in view.epoch_label.text()
