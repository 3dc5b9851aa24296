"""`first_conv edges`: fixed edge filters that never train, computed once per run, and the model saved whole."""

from __future__ import annotations

import pytest
import torch

from digitpad.engine.models.first_layer import (
    edge_filters,
    first_convolution,
    fix_first_convolution,
    split_after_first_convolution,
)
from digitpad.engine.models.zoo import BUILDERS, build_model
from digitpad.engine.reading.evaluation import evaluate
from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.spec.errors import ConfigError
from digitpad.engine.store.catalog import resolve_model
from digitpad.engine.store.checkpoints import load_checkpoint
from digitpad.engine.training.control import TrainControl
from digitpad.engine.training.events import EpochMetrics
from digitpad.engine.training.fixed_layers import trained_part
from digitpad.engine.training.optimization import make_optimizer, make_scheduler
from digitpad.engine.training.run import train

EDGES = TrainConfig(arch="lenet5", epochs=2, batch_size=64, optimizer="adam", lr=0.01, momentum=0.7, beta2=0.9,
                    schedule="onecycle", cycle_momentum=False, first_conv="edges", device="cpu", threads=1)  # fmt: skip


def test_edge_filters_answer_a_step_across_them_with_its_height_in_both_polarities():
    filters = edge_filters(6, 5)
    assert filters.shape == (6, 1, 5, 5)
    assert torch.allclose(filters.abs().sum((1, 2, 3)), torch.full((6,), 2.0))
    assert torch.allclose(filters[:3], -filters[3:], atol=1e-6)  # opposite directions: the other polarity
    step = torch.zeros(1, 1, 5, 5)
    step[..., 3:] = 3.0  # dark on the left, 3.0 brighter on the right
    answers = torch.nn.functional.conv2d(step, filters).flatten()
    assert answers[0] == pytest.approx(answers.max().item()) and answers[0] > 1.0  # the rightward filter
    assert answers[3] < 0  # the leftward one sees the opposite edge


@pytest.mark.parametrize("arch", [name for name in BUILDERS if split_after_first_convolution(build_model(name))])
def test_the_split_after_the_first_convolution_composes_back_to_the_model(arch):
    model = build_model(arch).eval()
    fixed, rest = split_after_first_convolution(model)
    images = torch.randn(8, 1, 28, 28)
    assert fixed[0] is first_convolution(model)
    assert not any(True for _ in fixed[1:].parameters())  # nothing after the convolution would train
    assert torch.equal(rest.eval()(fixed(images)), model(images))


def test_a_fixed_first_convolution_keeps_its_edges_while_the_rest_learns(small_mnist, tmp_path):
    """The run steps on the fixed layers' output computed once, yet the checkpoint is the whole model, its
    accuracy the one the epochs reported, and its first filters the edges, untouched."""
    events = list(train(EDGES, data=small_mnist, checkpoint_path=tmp_path / "edges.safetensors"))
    epochs = [e for e in events if isinstance(e, EpochMetrics)]
    saved = load_checkpoint(events[-1].checkpoint)
    assert saved.config.first_conv == "edges" and epochs[-1].test_accuracy > 0.85
    assert torch.equal(saved.state_dict["features.0.weight"], edge_filters(6, 5))
    assert not saved.state_dict["features.0.bias"].any()
    model = build_model("lenet5")
    model.load_state_dict(saved.state_dict)
    assert evaluate(model, small_mnist.test).accuracy == saved.test_accuracy == max(e.test_accuracy for e in epochs)


def test_the_output_is_computed_once_only_when_nothing_changes_the_images(small_mnist):
    model = build_model("lenet5")
    cached = trained_part(model, EDGES, small_mnist.train, small_mnist.test)
    assert cached.module is not model and cached.train_set.images.shape == (3000, 6, 14, 14)
    assert cached.train_set.labels is small_mnist.train.labels
    for config in (EDGES.with_changes(augment="affine"), EDGES.with_changes(first_conv="learned")):
        whole = trained_part(model, config, small_mnist.train, small_mnist.test)
        assert whole.module is model and whole.train_set is small_mnist.train


def test_with_augmentation_or_from_a_model_the_first_filters_stay_as_they_start(small_mnist, tmp_path):
    """Augmented images run through the fixed layer every step; a run from a trained model keeps its filters."""
    parent = load_checkpoint(resolve_model("lenet5"))
    config = EDGES.with_changes(augment="affine", start_from="lenet5", max_steps=5, lr=0.001)
    events = list(train(config, data=small_mnist, checkpoint_path=tmp_path / "tuned.safetensors"))
    tuned = load_checkpoint(events[-1].checkpoint)
    assert events[-1].reason == "max_steps" and tuned.test_accuracy > 0.95  # what the bundled model knew, kept
    for name in ("features.0.weight", "features.0.bias"):
        assert torch.equal(tuned.state_dict[name], parent.state_dict[name])
    assert not torch.equal(tuned.state_dict["features.3.weight"], parent.state_dict["features.3.weight"])


def test_an_architecture_without_a_convolution_is_refused_in_one_line(small_mnist):
    with pytest.raises(ConfigError, match="no convolution over the image to fix"):
        list(train(EDGES.with_changes(arch="mlp"), data=small_mnist))


def test_adam_takes_its_betas_from_momentum_and_beta2_and_one_cycle_may_leave_them_alone():
    model = build_model("lenet5")
    optimizer = make_optimizer(model, EDGES)
    make_scheduler(optimizer, EDGES, total_steps=100)
    assert optimizer.param_groups[0]["betas"] == (0.7, 0.9)  # one cycle did not take beta1 over
    cycling = EDGES.with_changes(cycle_momentum=True)
    optimizer = make_optimizer(model, cycling)
    make_scheduler(optimizer, cycling, total_steps=100)
    assert optimizer.param_groups[0]["betas"] == (0.95, 0.9)  # the cycle's start


def test_a_fixed_first_convolution_gives_the_optimizer_nothing_of_its_own():
    model = build_model("lenet5")
    fix_first_convolution(model, set_edges=True)
    optimized = {id(p) for group in make_optimizer(model, EDGES).param_groups for p in group["params"]}
    assert id(model.features[0].weight) not in optimized and len(optimized) == 8


def test_a_run_with_fixed_filters_stopped_after_an_epoch_resumes_exactly(small_mnist, tmp_path):
    config = EDGES.with_changes(seed=0)
    whole = list(train(config, data=small_mnist, checkpoint_path=tmp_path / "whole.safetensors"))
    cut, control = tmp_path / "cut.safetensors", TrainControl()
    for event in train(config, control, cut, data=small_mnist):
        if isinstance(event, EpochMetrics):
            control.stop()
    resumed = list(train(config, data=small_mnist, checkpoint_path=cut, resume=load_checkpoint(cut)))
    best_whole, best_resumed = load_checkpoint(whole[-1].checkpoint), load_checkpoint(resumed[-1].checkpoint)
    assert best_resumed.test_accuracy == best_whole.test_accuracy
    assert all(torch.equal(best_whole.state_dict[k], best_resumed.state_dict[k]) for k in best_whole.state_dict)


@pytest.mark.parametrize("arch", [name for name in BUILDERS if split_after_first_convolution(build_model(name))])
def test_the_once_per_run_output_is_the_fixed_layers_output_to_the_bit(arch, small_mnist):
    """The pass computes the max-pool its own, quicker way: the steps must see exactly what the model would."""
    model = build_model(arch)
    fix_first_convolution(model, set_edges=True)
    fixed, _rest = split_after_first_convolution(model)
    config = EDGES.with_changes(arch=arch)
    part = trained_part(model, config, small_mnist.train, small_mnist.test)
    if part.module is model:  # too large to keep (lenet-wide's 32 maps): the layer runs at every step
        return
    with torch.no_grad():
        expected = fixed(small_mnist.test.images)
    assert torch.equal(part.test_set.images, expected)


def test_an_odd_sized_map_pools_as_max_pool_does():
    from digitpad.engine.training.fixed_layers import _forward

    maps = torch.randn(3, 4, 7, 9)
    pool = torch.nn.Sequential(torch.nn.MaxPool2d(2), torch.nn.ReLU())
    assert torch.equal(_forward(pool, maps), pool(maps))
    padded = torch.nn.Sequential(torch.nn.MaxPool2d(2, padding=1))  # not a plain 2x2 pool: nn's own is used
    assert torch.equal(_forward(padded, maps), padded(maps))
