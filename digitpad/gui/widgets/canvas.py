"""A canvas: shows a Drawing scaled to the widget and turns mouse, pen and touch into its strokes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen, QTabletEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from digitpad.engine.data.preprocess import CANVAS_SIZE
from digitpad.gui.shared.drawing import Drawing


class DrawCanvas(QWidget):
    """Draw with mouse, pen or touch (Qt turns touch into mouse events) on `drawing`, which any canvas may share."""

    def __init__(self, drawing: Drawing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drawCanvas")
        self.drawing = drawing
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 200)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        drawing.changed.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(CANVAS_SIZE, CANVAS_SIZE)

    def drawing_area(self) -> QRectF:
        """Where the picture is shown: the largest square the widget holds, centred."""
        side = min(self.width(), self.height())
        rect = QRectF(0, 0, side, side)
        rect.moveCenter(QRectF(self.rect()).center())
        return rect

    def _to_picture(self, point: QPointF) -> QPointF:
        rect = self.drawing_area()
        scale = CANVAS_SIZE / rect.width()
        return QPointF((point.x() - rect.left()) * scale, (point.y() - rect.top()) * scale)

    # --- Qt events ---------------------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.drawing.begin_stroke(self._to_picture(event.position()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.drawing.extend_stroke(self._to_picture(event.position()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.drawing.end_stroke()

    def tabletEvent(self, event: QTabletEvent) -> None:
        """A pen's pressure thins or thickens the stroke (0.4x to 1.2x the brush)."""
        scale = 0.4 + 0.8 * event.pressure()
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self.drawing.begin_stroke(self._to_picture(event.position()), scale)
        elif kind == QTabletEvent.Type.TabletMove and event.buttons():
            self.drawing.extend_stroke(self._to_picture(event.position()), scale)
        elif kind == QTabletEvent.Type.TabletRelease:
            self.drawing.end_stroke()
        event.accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.update()  # the hint on an empty canvas
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Window))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        target = self.drawing_area()
        painter.drawImage(target, self.drawing.image)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1))
        painter.drawRect(target.adjusted(0, 0, -1, -1))
        if self.drawing.empty:
            painter.setPen(QColor(150, 150, 150))
            painter.drawText(target, Qt.AlignmentFlag.AlignCenter, self.tr("Draw a digit here"))
        painter.end()
