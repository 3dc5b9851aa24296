"""A 10x10 confusion matrix with per-class accuracy, shaded so the mistakes stand out."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget


class ConfusionMatrix(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(10, 11, parent)
        self.setObjectName("confusionMatrix")
        self.setHorizontalHeaderLabels([*map(str, range(10)), "acc."])
        self.setVerticalHeaderLabels([str(d) for d in range(10)])
        self.setToolTip("Rows: the true digit. Columns: what the model answered. Last column: per-class accuracy.")
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)  # "980" must read as 980, not "9..."
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        self.setFont(font)
        self.horizontalHeader().setMinimumSectionSize(18)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setSectionResizeMode(10, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

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
            accuracy = QTableWidgetItem(f"{per_class[row]:.1%}")
            accuracy.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.setItem(row, 10, accuracy)
