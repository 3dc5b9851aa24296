"""Combo-box choices that may be unavailable here: listed, but disabled with the reason as their tooltip."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox

from digitpad.engine.data.loading import DATASETS, is_present
from digitpad.gui.support.language import translate


def item_of(combo: QComboBox, row: int) -> QStandardItem:
    """A combo box's row as an item, which can be disabled or given a tooltip of its own."""
    model = combo.model()
    assert isinstance(model, QStandardItemModel)  # what QComboBox makes for itself
    item = model.item(row)
    assert item is not None
    return item


def add_choice(combo: QComboBox, text: str, data: Any, unavailable: str | None = None) -> None:
    combo.addItem(text, data)
    if unavailable is not None:
        item = item_of(combo, combo.count() - 1)
        item.setEnabled(False)
        item.setToolTip(unavailable)


def _dataset_unavailable(name: str) -> str | None:
    if is_present(name):
        return None
    if name == "mine":
        return QCoreApplication.translate("choices", "no samples yet: in Draw, draw a digit and press its number "
                                                     "under “Teach it my handwriting”")  # fmt: skip
    return QCoreApplication.translate("choices", "not downloaded: run `digitpad download {name}`").format(name=name)


def add_dataset_choices(combo: QComboBox) -> None:
    """Every dataset digitpad knows; the ones not here yet say how to get them."""
    for name, spec in DATASETS.items():
        add_choice(combo, translate("datasets", spec.title), name, _dataset_unavailable(name))


def update_dataset_choices(combo: QComboBox) -> None:
    """Enable the datasets that have become available (My handwriting's first sample), keeping the choice;
    the titles and reasons in the chosen language."""
    for row in range(combo.count()):
        name = combo.itemData(row)
        reason = _dataset_unavailable(name)
        combo.setItemText(row, translate("datasets", DATASETS[name].title))
        item = item_of(combo, row)
        item.setEnabled(reason is None)
        item.setToolTip(reason or "")
