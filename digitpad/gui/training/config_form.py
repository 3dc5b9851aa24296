"""The Train view's form, made from TrainConfig's knobs: one row per field, with its limits, choices and help."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QSpinBox, QWidget

from digitpad.engine.spec.architectures import ARCHITECTURES
from digitpad.engine.spec.config import Knob, TrainConfig, field_kind, knobs
from digitpad.engine.spec.translatable import QT_TRANSLATE_NOOP
from digitpad.engine.system.device import device_availability
from digitpad.gui.support.language import translate
from digitpad.gui.widgets.choices import add_choice, add_dataset_choices, item_of, update_dataset_choices

# what the form shows for a choice whose value is a word of the CLI's (the value itself is kept as the item's data)
CHOICE_TITLES: dict[str, str] = {
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


Input = QComboBox | QCheckBox | QSpinBox | QDoubleSpinBox


class ConfigForm:
    """The input widgets of every knob that has a label; the others are carried from the last filled config."""

    def __init__(self, layout: QFormLayout) -> None:
        self.layout = layout
        self.inputs: dict[str, Input] = {}
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
                label_of(self.layout, widget).setText(label)
            if isinstance(widget, QComboBox) and name == "dataset":
                update_dataset_choices(widget)
            elif isinstance(widget, QComboBox):
                for row in range(widget.count()):
                    value = str(widget.itemData(row))
                    widget.setItemText(row, _choice_title(name, value))
                    reason = device_availability().get(value) if name == "device" else None
                    if reason is not None:
                        item_of(widget, row).setToolTip(translate("device", reason))

    def combo(self, name: str) -> QComboBox:
        """The input of a field with choices (arch, dataset, optimizer, ...)."""
        widget = self.inputs[name]
        assert isinstance(widget, QComboBox), name
        return widget

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

    def config(self) -> TrainConfig:
        """The form as a validated TrainConfig (ConfigError with the reason)."""
        values = dict(self._carried)
        for name, widget in self.inputs.items():
            if isinstance(widget, QComboBox):
                values[name] = widget.currentData()
            elif isinstance(widget, QCheckBox):
                values[name] = widget.isChecked()
            elif isinstance(widget, QSpinBox | QDoubleSpinBox):
                values[name] = widget.value()
        return TrainConfig(**values).validate()


def label_of(layout: QFormLayout, field: QWidget) -> QLabel:
    """The label of a row of the form."""
    label = layout.labelForField(field)
    assert isinstance(label, QLabel)
    return label


def _input(name: str, knob: Knob) -> Input:
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
        box.setRange(*(int(limit) for limit in knob.limits))
        box.setGroupSeparatorShown(True)
        return box
    real = QDoubleSpinBox()
    real.setDecimals(knob.decimals)
    real.setRange(*knob.limits)
    real.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
    return real
