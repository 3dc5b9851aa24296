"""The drawing surface: smooth anti-aliased round strokes on a QImage, with undo, redo and clear."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QTabletEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from digitpad.engine.data.preprocess import CANVAS_SIZE, reduce_canvas

PAPER, INK = QColor("white"), QColor("black")
UNDO_LIMIT = 50


class DrawCanvas(QWidget):
    """Draw with mouse, pen or touch (Qt turns touch into mouse events). Emits drawingChanged as strokes grow."""

    drawingChanged = Signal()
    historyChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drawCanvas")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 200)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.image = self._blank()
        self.brush_size = 22
        self._undo: list[QImage] = []
        self._redo: list[QImage] = []
        self._stroke: list[QPointF] = []
        self._stroke_base: QImage | None = None
        self._pressure = 1.0
        self.empty = True

    # --- state -------------------------------------------------------------------------------------------
    @property
    def drawing(self) -> bool:
        """A stroke is in progress (the pen is down)."""
        return self._stroke_base is not None

    def _blank(self) -> QImage:
        image = QImage(CANVAS_SIZE, CANVAS_SIZE, QImage.Format.Format_Grayscale8)
        image.fill(PAPER)
        return image

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def _push_undo(self) -> None:
        self._undo.append(self.image.copy())
        del self._undo[:-UNDO_LIMIT]
        self._redo.clear()

    def _replace(self, image: QImage, empty: bool) -> None:
        self.image, self.empty = image, empty
        self.update()
        self.drawingChanged.emit()  # first: the history change then answers for the drawing as it now is
        self.historyChanged.emit()

    def clear(self) -> None:
        if self.empty:
            return
        self._push_undo()
        self._replace(self._blank(), True)

    def undo(self) -> None:
        if self._undo:
            self._redo.append(self.image)
            image = self._undo.pop()
            self._replace(image, _is_blank(image))

    def redo(self) -> None:
        if self._redo:
            self._undo.append(self.image)
            image = self._redo.pop()
            self._replace(image, _is_blank(image))

    def set_brush_size(self, size: int) -> None:
        self.brush_size = size

    def show_image(self, gray: np.ndarray, ink_is_bright: bool = False) -> None:
        """Put a picture on the canvas (an opened file, a dataset sample), scaled to fit; undoable."""
        pixels = np.ascontiguousarray(255 - gray if ink_is_bright else gray, dtype=np.uint8)
        height, width = pixels.shape
        source = QImage(pixels.data, width, height, width, QImage.Format.Format_Grayscale8).copy()
        image = self._blank()
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        scale = min(CANVAS_SIZE / width, CANVAS_SIZE / height)
        target = QRectF(0, 0, width * scale, height * scale)
        target.moveCenter(QPointF(CANVAS_SIZE / 2, CANVAS_SIZE / 2))
        painter.drawImage(target, source)
        painter.end()
        self._push_undo()
        self._replace(image, _is_blank(image))

    def to_array(self) -> np.ndarray:
        """The drawing as uint8 (H, W): paper 255, ink 0."""
        view = np.frombuffer(self.image.constBits(), dtype=np.uint8)
        stride = self.image.bytesPerLine()
        return view.reshape(CANVAS_SIZE, stride)[:, :CANVAS_SIZE].copy()

    def snapshot(self) -> np.ndarray:
        """What the models read: the drawing at the engine's canvas reading resolution, uint8."""
        return reduce_canvas(self.to_array())

    # --- geometry ----------------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(CANVAS_SIZE, CANVAS_SIZE)

    def drawing_area(self) -> QRectF:
        side = min(self.width(), self.height())
        rect = QRectF(0, 0, side, side)
        rect.moveCenter(QRectF(self.rect()).center())
        return rect

    def _to_image(self, point: QPointF) -> QPointF:
        rect = self.drawing_area()
        scale = CANVAS_SIZE / rect.width()
        return QPointF((point.x() - rect.left()) * scale, (point.y() - rect.top()) * scale)

    # --- strokes -----------------------------------------------------------------------------------------
    def _begin(self, point: QPointF) -> None:
        self._push_undo()
        self._stroke_base = self.image.copy()
        self._stroke = [self._to_image(point)]
        self._render_stroke()

    def _extend(self, point: QPointF) -> None:
        if self._stroke_base is None:
            return
        self._stroke.append(self._to_image(point))
        self._render_stroke()

    def _end(self) -> None:
        if self._stroke_base is None:
            return
        self._stroke_base = None
        self.drawingChanged.emit()
        self.historyChanged.emit()

    def _render_stroke(self) -> None:
        """Redraw the whole stroke as one smooth path over the image it started on (no bead-like joints)."""
        path = QPainterPath(self._stroke[0])
        if len(self._stroke) == 1:
            path.lineTo(self._stroke[0] + QPointF(0.01, 0))  # a dot
        for previous, current in zip(self._stroke, self._stroke[1:], strict=False):
            middle = (previous + current) / 2
            path.quadTo(previous, middle)  # quadratic through midpoints smooths mouse jitter
        path.lineTo(self._stroke[-1])
        image = self._stroke_base.copy()
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = max(1.0, self.brush_size * self._pressure)
        pen = QPen(INK, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawPath(path)
        painter.end()
        self.image, self.empty = image, False
        self.update()
        self.drawingChanged.emit()

    # --- Qt events ---------------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressure = 1.0
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        """A pen's pressure thins or thickens the stroke (0.4x to 1.2x the brush)."""
        self._pressure = 0.4 + 0.8 * event.pressure()
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QTabletEvent.Type.TabletMove and event.buttons():
            self._extend(event.position())
        elif kind == QTabletEvent.Type.TabletRelease:
            self._end()
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
        painter.drawImage(target, self.image)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1))
        painter.drawRect(target.adjusted(0, 0, -1, -1))
        if self.empty:
            painter.setPen(QColor(150, 150, 150))
            painter.drawText(target, Qt.AlignmentFlag.AlignCenter, self.tr("Draw a digit here"))
        painter.end()


def _is_blank(image: QImage) -> bool:
    view = np.frombuffer(image.constBits(), dtype=np.uint8)
    return bool(view.min() == 255)
