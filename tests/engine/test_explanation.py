"""Why this answer, in the engine: evidence maps on the drawing, the nearest training examples and their index."""

from __future__ import annotations

import numpy as np
import pytest

from digitpad.engine.insight.explanation import Explainer, index_path
from digitpad.engine.store.catalog import resolve_model
from digitpad.engine.store.checkpoints import load_checkpoint
from tests.gui_helpers import drawn


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
