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


def _dataset_unavailable(name: str) -> str | None:
    if is_present(name):
        return None
    if name == "mine":
        return "no samples yet: in Draw, draw a digit and press its number under “Teach it my handwriting”"
    return f"not downloaded: run `digitpad download {name}`"


def add_dataset_choices(combo: QComboBox) -> None:
    """Every dataset digitpad knows; the ones not here yet say how to get them."""
    for name, spec in DATASETS.items():
        add_choice(combo, spec.title, name, _dataset_unavailable(name))


def update_dataset_choices(combo: QComboBox) -> None:
    """Enable the datasets that have become available (My handwriting's first sample), keeping the choice."""
    for row in range(combo.count()):
        reason = _dataset_unavailable(combo.itemData(row))
        item = combo.model().item(row)
        item.setEnabled(reason is None)
        item.setToolTip(reason or "")
