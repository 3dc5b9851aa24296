"""The zoo: every architecture of the digest, with the digest's parameter counts and working shapes."""

from __future__ import annotations

import pytest
import torch

from digitpad.engine.models.layers import C3_TABLE
from digitpad.engine.models.zoo import LeNet1998, build_model, count_params
from digitpad.engine.spec.architectures import ARCHITECTURES, get_arch
from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.spec.errors import ConfigError
from digitpad.engine.spec.recipes import bundled_recipe, recipe, tutorial_recipe

# The digest's figures: exact where it gives one, else its rounded figure and a tolerance.
DIGEST_PARAMS = {
    "lenet5-1998": (60_000, 0.0),
    "lenet5": (61_706, 0.0),
    "lenet-caffe": (1_250_000, 0.01),
    "cnn-small": (21_000, 0.05),
    "cnn-bn": (440_000, 0.01),
    "lenet5-d2l": (62_000, 0.01),
}


def test_registry_holds_the_digest_architectures_the_mlp_and_ours():
    assert set(ARCHITECTURES) == {*DIGEST_PARAMS, "mlp", "lenet-wide"}
    for spec in ARCHITECTURES.values():
        assert spec.title and spec.description and spec.source and spec.reported
        assert recipe(spec.name).arch == spec.name
        recipe(spec.name).validate()
        tutorial = tutorial_recipe(spec.name)
        assert tutorial is None or (tutorial.arch == spec.name and tutorial.validate())
    assert tutorial_recipe("lenet-wide") is None and tutorial_recipe("lenet5") is None  # no tutorial gave one


@pytest.mark.parametrize("name", sorted(set(ARCHITECTURES) - {"lenet-wide"}))  # lenet-wide: fine-tuned after it
def test_each_bundled_model_was_trained_with_its_bundled_recipe(name):
    from digitpad.engine.store.catalog import resolve_model
    from digitpad.engine.store.checkpoints import load_checkpoint

    assert load_checkpoint(resolve_model(name)).config == bundled_recipe(name)


def test_the_default_lenet5_recipe_is_the_quick_one_and_the_bundled_model_kept_its_own():
    quick, bundled = recipe("lenet5"), bundled_recipe("lenet5")
    assert (quick.first_conv, quick.augment, quick.epochs) == ("edges", "none", 2)
    assert (bundled.first_conv, bundled.augment, bundled.scans) == ("learned", "handwriting", 2)
    assert all(recipe(name) == bundled_recipe(name) for name in ARCHITECTURES if name != "lenet5")


@pytest.mark.parametrize(("name", "expected"), DIGEST_PARAMS.items())
def test_parameter_counts_match_the_digest(name, expected):
    count, tolerance = expected
    assert abs(count_params(get_arch(name).name) - count) <= count * tolerance


@pytest.mark.parametrize("name", ARCHITECTURES)
def test_forward_gives_ten_scores_per_image(name):
    model = build_model(name).eval()
    with torch.inference_mode():
        out = model(torch.randn(3, 1, 28, 28))
    assert out.shape == (3, 10) and torch.isfinite(out).all()


def test_lenet1998_layers_are_the_papers():
    model = LeNet1998()
    assert sum(p.numel() for p in model.s2.parameters()) == 12
    assert sum(p.numel() for p in model.c3.parameters()) == 1516
    assert sum(p.numel() for p in model.s4.parameters()) == 32
    assert sum(p.numel() for p in model.c5.parameters()) == 48_120
    assert sum(p.numel() for p in model.f6.parameters()) == 10_164
    assert not list(model.output.parameters())  # the RBF codes are fixed, as in the paper


def test_c3_maps_see_only_their_listed_inputs():
    c3 = LeNet1998().c3
    inputs = torch.randn(1, 6, 14, 14, requires_grad=True)
    for out_map, listed in enumerate(C3_TABLE):
        (grad,) = torch.autograd.grad(c3(inputs)[0, out_map].sum(), inputs)
        touched = {i for i in range(6) if grad[0, i].abs().sum() > 0}
        assert touched == set(listed)


def test_tutorial_recipes_follow_the_tutorials():
    caffe, small, bn = tutorial_recipe("lenet-caffe"), tutorial_recipe("cnn-small"), tutorial_recipe("cnn-bn")
    assert caffe.lr == 0.01 and caffe.momentum == 0.9
    assert small.momentum == 0.5 and small.epochs == 10
    assert bn.optimizer == "adam" and bn.normalize == "unit"
    d2l = tutorial_recipe("lenet5-d2l")
    assert (d2l.lr, d2l.batch_size, d2l.epochs) == (0.9, 256, 10)


def test_unknown_architecture_lists_the_allowed_ones():
    with pytest.raises(ConfigError, match="lenet5-1998, lenet5, lenet-caffe"):
        get_arch("resnet")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"epochs": 0}, "epochs must be a whole number"),
        ({"epochs": -3}, "epochs must be a whole number"),
        ({"lr": float("nan")}, "lr must be a number"),
        ({"lr": 1e9}, "lr must be a number"),
        ({"batch_size": 0}, "batch_size"),
        ({"optimizer": "lbfgs"}, "optimizer 'lbfgs' is not one of: sgd, adam, adamw"),
        ({"device": "tpu"}, "device 'tpu' is not one of"),
        ({"momentum": 1.5}, "momentum"),
    ],
)
def test_absurd_hyperparameters_are_refused_with_the_reason(change, message):
    with pytest.raises(ConfigError, match=message):
        TrainConfig(**change).validate()
