"""The Inside view: every bundled model's layers shown for the drawing, and a clicked output's arithmetic."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTableWidget, QTextBrowser, QWidget

from tests.gui_helpers import SEVEN, draw_stroke


def test_the_inside_view_fills_for_every_model_and_explains_a_clicked_pixel(window, qtbot):
    draw_stroke(window.draw_view.canvas, SEVEN)
    window.tabs.setCurrentWidget(window.inside_view)
    view = window.findChild(QWidget, "insideView")
    assert view is window.inside_view and window.findChild(QWidget, "featureMaps") is not None
    for entry in window.store.entries:
        if entry.source != "bundled":
            continue
        window.store.select(entry)
        qtbot.waitUntil(lambda: view.inspection is not None and view.answers.current, timeout=10_000)
        layers = view.inspection.layers
        table = window.findChild(QTableWidget, "layerTable")
        assert table.rowCount() == len(layers) + 2 and table.item(len(layers) + 1, 3).text() == f"{entry.params:,}"
        assert len(view.sections) == len(layers) and all(not image.pixmap().isNull() for _t, image in view.sections)
    window.store.select(next(entry for entry in window.store.entries if entry.name == "lenet5"))
    qtbot.waitUntil(lambda: view.inspection is not None and view.answers.current, timeout=10_000)
    conv1 = view.sections[0][1]
    grid = conv1.grid
    y0, x0 = grid.tile_origin(2)
    qtbot.mouseClick(conv1, Qt.MouseButton.LeftButton, pos=QPoint(x0 + 14 * grid.scale + 1, y0 + 9 * grid.scale + 1))
    text = window.findChild(QTextBrowser, "convolutionArithmetic").toPlainText()
    value = float(view.inspection.outputs[0][2, 9, 14])
    assert "map 2, row 9, column 14" in text and f"= {value:.4f}" in text
