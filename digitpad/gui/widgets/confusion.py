"""A 10x10 confusion matrix with per-class accuracy, shaded so the mistakes stand out."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from digitpad.gui.support.language import Retranslatable, percent


class ConfusionMatrix(Retranslatable, QTableWidget):
    def __init__(self, parent: QWidget | None = None, clickable: bool = False) -> None:
        """`clickable`: a click on a cell shows its images (the Dataset view's), and the tooltip says so."""
        super().__init__(10, 11, parent)
        self.setObjectName("confusionMatrix")
        self.clickable = clickable
        self.setVerticalHeaderLabels([str(d) for d in range(10)])
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)  # "980" must read as 980, not "9..."
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        self.setFont(font)
        self.horizontalHeader().setMinimumSectionSize(18)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setSectionResizeMode(10, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([*map(str, range(10)), self.tr("acc.")])
        hint = self.tr("Rows: the true digit. Columns: what the model answered. Last column: per-class accuracy.")
        if self.clickable:
            hint += " " + self.tr("Click a cell to see those images (e.g. the 4s read as 9).")
        self.setToolTip(hint)

    def show_matrix(self, matrix: Sequence[Sequence[int]], per_class: Sequence[float]) -> None:
        largest_error = max([matrix[i][j] for i in range(10) for j in range(10) if i != j] or [1]) or 1
        for row in range(10):
            for column in range(10):
                count = matrix[row][column]
                item = QTableWidgetItem(str(count) if count else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if row != column and count:
                    item.setBackground(QColor(229, 57, 53, 40 + int(180 * count / largest_error)))
                elif row == column:
                    item.setBackground(QColor(67, 160, 71, 90))
                self.setItem(row, column, item)
            accuracy = QTableWidgetItem(percent(per_class[row]))
            accuracy.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.setItem(row, 10, accuracy)
