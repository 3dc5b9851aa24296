"""The Train view's form, made from TrainConfig's knobs: one row per field, with its limits, choices and help."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QSpinBox, QWidget

from digitpad.engine.spec.architectures import ARCHITECTURES
from digitpad.engine.spec.config import Knob, TrainConfig, field_kind, knobs
from digitpad.engine.system.device import device_availability
from digitpad.gui.choices import add_choice, add_dataset_choices, update_dataset_choices
from digitpad.gui.language import translate

# what the form shows for a choice whose value is a word of the CLI's (the value itself is kept as the item's data)
CHOICE_TITLES = {
    "auto": QT_TRANSLATE_NOOP("ConfigForm", "Auto"),
    "cpu": QT_TRANSLATE_NOOP("ConfigForm", "CPU"),
    "cuda": QT_TRANSLATE_NOOP("ConfigForm", "CUDA (NVIDIA GPU)"),
    "mps": QT_TRANSLATE_NOOP("ConfigForm", "MPS (Apple GPU)"),
    "sgd": QT_TRANSLATE_NOOP("ConfigForm", "SGD"),
    "adam": QT_TRANSLATE_NOOP("ConfigForm", "Adam"),
    "adamw": QT_TRANSLATE_NOOP("ConfigForm", "AdamW"),
    "none": QT_TRANSLATE_NOOP("ConfigForm", "none"),
    "step": QT_TRANSLATE_NOOP("ConfigForm", "step"),
    "onecycle": QT_TRANSLATE_NOOP("ConfigForm", "one-cycle"),
    "affine": QT_TRANSLATE_NOOP("ConfigForm", "affine"),
    "handwriting": QT_TRANSLATE_NOOP("ConfigForm", "handwriting"),
    "learned": QT_TRANSLATE_NOOP("ConfigForm", "learned"),
    "edges": QT_TRANSLATE_NOOP("ConfigForm", "fixed edge filters"),
}


def object_name(name: str, knob: Knob) -> str:
    return knob.object_name or "train" + "".join(part.capitalize() for part in name.split("_"))


def _choice_title(name: str, value: str) -> str:
    if name == "arch":
        return translate("architectures", ARCHITECTURES[value].title)
    return translate("ConfigForm", CHOICE_TITLES.get(value, value))


class ConfigForm:
    """The input widgets of every knob that has a label; the others are carried from the last filled config."""

    def __init__(self, layout: QFormLayout) -> None:
        self.layout = layout
        self.inputs: dict[str, QWidget] = {}
        self._carried: dict[str, Any] = {}
        for name, knob in knobs().items():
            if not knob.label:
                continue
            widget = _input(name, knob)
            widget.setObjectName(object_name(name, knob))
            self.inputs[name] = widget
            layout.addRow("" if isinstance(widget, QCheckBox) else QLabel(), widget)  # a check box says its label
        self.retranslate()

    def retranslate(self) -> None:
        """Labels, help and choices in the chosen language (the choices' values stay the CLI's words)."""
        all_knobs = knobs()
        for name, widget in self.inputs.items():
            knob = all_knobs[name]
            label = translate("TrainConfig", knob.label)
            help_text = translate("TrainConfig", knob.help)
            widget.setToolTip(help_text[0].upper() + help_text[1:])
            if isinstance(widget, QCheckBox):
                widget.setText(label)
            else:
                self.layout.labelForField(widget).setText(label)
            if name == "dataset":
                update_dataset_choices(widget)
            elif isinstance(widget, QComboBox):
                for row in range(widget.count()):
                    widget.setItemText(row, _choice_title(name, widget.itemData(row)))
                    reason = device_availability().get(widget.itemData(row)) if name == "device" else None
                    if reason is not None:
                        widget.model().item(row).setToolTip(translate("device", reason))

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
        if name == "dataset":
            add_dataset_choices(combo)
        elif name == "device":
            for device, reason in device_availability().items():
                add_choice(combo, device, device, reason)
        else:
            for choice in knob.choices:
                combo.addItem(choice, choice)
        return combo  # the titles: ConfigForm.retranslate()
    if kind is bool:
        return QCheckBox()
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
