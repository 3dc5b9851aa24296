"""Combo-box choices that may be unavailable here: listed, but disabled with the reason as their tooltip."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox

from digitpad.engine.datasets import DATASETS, is_present


def add_choice(combo: QComboBox, text: str, data: Any, unavailable: str | None = None) -> None:
    combo.addItem(text, data)
    if unavailable is not None:
        item = combo.model().item(combo.count() - 1)
        item.setEnabled(False)
        item.setToolTip(unavailable)


def add_dataset_choices(combo: QComboBox) -> None:
    """Every dataset digitpad knows; the ones not downloaded yet say how to get them."""
    for name, spec in DATASETS.items():
        missing = None if is_present(name) else f"not downloaded: run `digitpad download {name}`"
        add_choice(combo, spec.title, name, missing)
