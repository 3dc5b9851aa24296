"""The Train view's form, made from TrainConfig's knobs: one row per field, with its limits, choices and help."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QSpinBox, QWidget

from digitpad.engine.architectures import ARCHITECTURES
from digitpad.engine.config import Knob, TrainConfig, field_kind, knobs
from digitpad.engine.device import device_availability
from digitpad.gui.choices import add_choice, add_dataset_choices

DEVICE_TITLES = {"auto": "Auto", "cpu": "CPU", "cuda": "CUDA (NVIDIA GPU)", "mps": "MPS (Apple GPU)"}


def object_name(name: str, knob: Knob) -> str:
    return knob.object_name or "train" + "".join(part.capitalize() for part in name.split("_"))


class ConfigForm:
    """The input widgets of every knob that has a label; the others are carried from the last filled config."""

    def __init__(self, layout: QFormLayout) -> None:
        self.inputs: dict[str, QWidget] = {}
        self._carried: dict[str, Any] = {}
        for name, knob in knobs().items():
            if not knob.label:
                continue
            widget = _input(name, knob)
            widget.setObjectName(object_name(name, knob))
            widget.setToolTip(knob.help[0].upper() + knob.help[1:])
            self.inputs[name] = widget
            layout.addRow("" if isinstance(widget, QCheckBox) else knob.label, widget)

    def fill(self, config: TrainConfig) -> None:
        for item in fields(config):
            value = getattr(config, item.name)
            widget = self.inputs.get(item.name)
            if widget is None:
                self._carried[item.name] = value
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value)))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            else:
                widget.setValue(value if value is not None else 0)

    def config(self, **overrides: Any) -> TrainConfig:
        """The form as a validated TrainConfig (ConfigError with the reason); `overrides` win."""
        values = dict(self._carried)
        for name, widget in self.inputs.items():
            if isinstance(widget, QComboBox):
                values[name] = widget.currentData()
            elif isinstance(widget, QCheckBox):
                values[name] = widget.isChecked()
            else:
                values[name] = widget.value()
        return TrainConfig(**values | overrides).validate()


def _input(name: str, knob: Knob) -> QWidget:
    kind = field_kind(name)
    if knob.choices is not None:
        combo = QComboBox()
        if name == "arch":
            for spec in ARCHITECTURES.values():
                combo.addItem(spec.title, spec.name)
        elif name == "dataset":
            add_dataset_choices(combo)
        elif name == "device":
            for device, reason in device_availability().items():
                add_choice(combo, DEVICE_TITLES[device], device, reason)
        else:
            for choice in knob.choices:
                combo.addItem(choice, choice)
        return combo
    if kind is bool:
        return QCheckBox(knob.label)
    if kind is int:
        box = QSpinBox()
        box.setRange(int(knob.low), int(knob.high))
        box.setGroupSeparatorShown(True)
        return box
    real = QDoubleSpinBox()
    real.setDecimals(knob.decimals)
    real.setRange(knob.low, knob.high)
    real.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
    return real
