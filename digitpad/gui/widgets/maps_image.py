"""One layer's feature maps (or kernels) as one picture: a click says which map and which value it hit, and blocks
of values can be outlined (a receptive field)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from digitpad.gui.widgets import maps

HIGHLIGHT = QColor("#00c853")


class MapsImage(QLabel):
    """One layer's maps as one picture; a click says which map and which value it hit."""

    clicked = Signal(int, int, int)  # channel, y, x

    def __init__(self, object_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if object_name:
            self.setObjectName(object_name)
        self.grid: maps.Grid | None = None
        self._image = QImage()
        self._outlines: list[tuple[int, int, int, int]] = []
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    def show_rgb(self, rgb: np.ndarray, grid: maps.Grid) -> None:
        rgb = np.ascontiguousarray(rgb)
        self._image = QImage(rgb.data, rgb.shape[1], rgb.shape[0], rgb.shape[1] * 3, QImage.Format.Format_RGB888).copy()
        self.grid = grid
        self._paint()

    def outline(self, blocks: list[tuple[int, int, int, int, int]]) -> None:
        """Outline (channel, top, left, bottom, right) blocks of values; [] clears."""
        self._outlines = [self.grid.pixel_rect(*block) for block in blocks] if self.grid else []
        self._paint()

    def _paint(self) -> None:
        pixmap = QPixmap.fromImage(self._image)
        if self._outlines:
            painter = QPainter(pixmap)
            painter.setPen(QPen(HIGHLIGHT, 2))
            for x, y, width, height in self._outlines:
                painter.drawRect(QRect(x, y, width - 1, height - 1))
            painter.end()
        self.setPixmap(pixmap)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.grid is not None and event.button() == Qt.MouseButton.LeftButton:
            hit = self.grid.locate(int(event.position().x()), int(event.position().y()))
            if hit is not None:
                self.clicked.emit(*hit)
