"""TrainConfig is the one description of a run: validate(), the CLI's flags and the Train form agree on every knob."""

from __future__ import annotations

import argparse
from dataclasses import fields

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QWidget

from digitpad.cli import build_parser
from digitpad.engine.spec.config import TrainConfig, field_kind, knobs
from digitpad.engine.spec.errors import ConfigError
from digitpad.gui.training.config_form import ConfigForm


def train_actions() -> dict[str, argparse.Action]:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {action.dest: action for action in commands.choices["train"]._actions}


def test_every_knob_has_a_cli_flag_with_its_choices_help_and_default():
    actions = train_actions()
    for name, knob in knobs().items():
        if knob.flag == "-":
            assert name not in actions
            continue
        action = actions[name]
        assert action.help == knob.describe() and "(default: " in action.help
        if knob.choices is not None:
            assert tuple(action.choices) == knob.choices
        elif field_kind(name) is not bool:
            assert action.type is field_kind(name)


@pytest.mark.parametrize("name", [n for n, k in knobs().items() if k.low is not None])
def test_validate_accepts_the_limits_and_refuses_beyond_them(name):
    knob = knobs()[name]
    kind = field_kind(name)
    step = 1 if kind is int else knob.low * 0.5 or 1e-9
    TrainConfig(**{name: kind(knob.low)}).validate()
    TrainConfig(**{name: kind(knob.high)}).validate()
    with pytest.raises(ConfigError, match=name):
        TrainConfig(**{name: kind(knob.high) + (1 if kind is int else knob.high)}).validate()
    if knob.low > 0:
        with pytest.raises(ConfigError, match=name):
            TrainConfig(**{name: kind(knob.low) - step}).validate()


def test_the_form_has_a_row_per_labelled_knob_with_the_same_limits_and_choices(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    form = ConfigForm(QFormLayout(host))
    for name, knob in knobs().items():
        widget = form.inputs.get(name)
        assert (widget is not None) == bool(knob.label), name
        if widget is None:
            continue
        if isinstance(widget, QComboBox):
            assert tuple(widget.itemData(i) for i in range(widget.count())) == knob.choices
        elif isinstance(widget, QCheckBox):
            assert field_kind(name) is bool
        else:
            assert (widget.minimum(), widget.maximum()) == (knob.low, knob.high), name


def test_a_config_survives_the_form_unchanged(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    form = ConfigForm(QFormLayout(host))
    config = TrainConfig(arch="cnn-bn", epochs=7, batch_size=96, optimizer="adamw", lr=0.0023, weight_decay=0.01,
                         schedule="step", augment="handwriting", styles=5000, scans=3, normalize="unit", seed=11,
                         device="cpu", threads=1, max_steps=50, start_from="cnn-bn")  # fmt: skip
    form.fill(config)
    assert form.config() == config
    assert {f.name for f in fields(TrainConfig)} == set(knobs())
