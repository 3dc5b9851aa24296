"""A column of controls that scrolls up and down in a short window and is never cut off at the side.

A plain QScrollArea asks its layout for no width of its own, so in a narrow window (1024x700) or with longer
texts (a translation) its column is clipped on the right; this one asks for the column's minimum width.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class ColumnScroller(QScrollArea):
    """Scrolls `column` vertically; as wide as the column needs, at least."""

    def __init__(self, column: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(column)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def minimumSizeHint(self) -> QSize:
        hint, column = super().minimumSizeHint(), self.widget()
        if column is None:
            return hint
        width = column.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), width), hint.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The column's layout changed (new texts after a change of language, a table shown): the outer layout
        # must ask for the new minimum width, which it does not learn through the scroll area's viewport.
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)
