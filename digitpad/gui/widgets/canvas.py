"""A canvas: shows a Drawing scaled to the widget and turns mouse, pen and touch into its strokes; it can mark boxes
on the picture (the digits of a number, the one in focus drawn bolder)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent, QTabletEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from digitpad.engine.data.preprocess import CANVAS_SIZE
from digitpad.gui.shared.drawing import Drawing

# The Draw view's paper is at least this much wider than tall: a 4-digit number fits at a comfortable size, and a
# single digit is still drawn on paper 440 px tall in the default window.
PAPER_ASPECT = 1.75
MARK = QColor(30, 120, 220)  # a digit's box: a blue that stands apart from black ink and the grey frame


class DrawCanvas(QWidget):
    """Draw with mouse, pen or touch (Qt turns touch into mouse events) on `drawing`, which any canvas may share."""

    def __init__(self, drawing: Drawing, shapes_paper: bool = False, parent: QWidget | None = None) -> None:
        """`shapes_paper`: the drawing's paper takes this canvas's shape, and is at least PAPER_ASPECT times
        as wide as tall (the Draw view's, where numbers are written); other canvases show it scaled to fit."""
        super().__init__(parent)
        self.setObjectName("drawCanvas")
        self.drawing = drawing
        self.shapes_paper = shapes_paper
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 200)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.marks: list[QRectF] = []  # in the picture's pixels
        self.marked = -1  # the mark drawn bolder
        drawing.changed.connect(self.update)
        drawing.paperChanged.connect(self.update)

    def set_marks(self, boxes: list[QRectF], marked: int = -1) -> None:
        """Boxes to draw over the picture (in its pixels), `marked` among them bolder; [] for none."""
        self.marks, self.marked = boxes, marked
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(CANVAS_SIZE, CANVAS_SIZE)

    def drawing_area(self) -> QRectF:
        """Where the picture is shown: the largest rectangle of its shape the widget holds, centred."""
        aspect = self.drawing.width / CANVAS_SIZE
        height = min(self.height(), self.width() / aspect)
        rect = QRectF(0, 0, height * aspect, height)
        rect.moveCenter(QRectF(self.rect()).center())
        return rect

    def _to_picture(self, point: QPointF) -> QPointF:
        rect = self.drawing_area()
        scale = CANVAS_SIZE / rect.height()
        return QPointF((point.x() - rect.left()) * scale, (point.y() - rect.top()) * scale)

    def _to_screen(self, box: QRectF) -> QRectF:
        rect = self.drawing_area()
        scale = rect.height() / CANVAS_SIZE
        return QRectF(rect.left() + box.left() * scale, rect.top() + box.top() * scale, box.width() * scale,
                      box.height() * scale)  # fmt: skip

    # --- Qt events ---------------------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        if self.shapes_paper and self.height() > 0:
            self.drawing.fit_paper(max(PAPER_ASPECT, self.width() / self.height()))
        super().resizeEvent(event)

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
        for index, box in enumerate(self.marks):
            painter.setPen(QPen(MARK, 3 if index == self.marked else 1.5))
            painter.drawRect(self._to_screen(box))
        if self.drawing.empty:
            painter.setPen(QColor(150, 150, 150))
            painter.drawText(target, Qt.AlignmentFlag.AlignCenter, self.tr("Draw a digit or a number here"))
        painter.end()
