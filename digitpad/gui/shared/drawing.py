"""The drawing every view reads and draws on: one picture, its history, its pen, a count of its changes, and which
of its digits the views look at.

The Draw, Inside and Why views (and the loading view before them) show one `Drawing` on their canvases, so a
stroke made in any of them, Clear, Undo and an opened image reach every view at once, and nothing is copied
between views. Each view reads the picture on a worker thread (`to_array` is a copy, taken on the GUI thread).

The picture is CANVAS_SIZE tall and as wide as the Draw view's canvas shows it (`paper_width`: a square in a square
canvas, wider in a wide one, up to MAX_WIDTH), so a number can be written along it and one digit is drawn exactly
as before. Its width follows the canvas only while it is blank: a drawing is never cropped or stretched.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

from digitpad.engine.data.preprocess import CANVAS_SIZE, reduce_canvas

PAPER, INK = QColor("white"), QColor("black")
UNDO_LIMIT = 50
DEFAULT_BRUSH = 22  # pixels of the CANVAS_SIZE picture
MAX_WIDTH = 4 * CANVAS_SIZE  # room for ten digits written at a third of the height
WIDTH_STEP = 8  # widths are whole steps: rows of an 8-bit QImage then hold no padding bytes


class Drawing(QObject):
    """A grayscale picture CANVAS_SIZE tall and 1-4 times as wide, paper 255 and ink 0, drawn with smooth round
    strokes; `focus` is the digit (left to right) that the views look at when it holds several."""

    changed = Signal()  # the pixels changed: every update of a growing stroke, and every change below
    settled = Signal()  # a change is complete: a stroke ended, or clear, undo, redo, a picture shown
    focusChanged = Signal(int)
    paperChanged = Signal()  # blank paper took another width: nothing to read, only to show

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paper_width = CANVAS_SIZE
        self.image = _blank(self.paper_width)
        self.empty = True
        self.brush_size = DEFAULT_BRUSH
        self.revision = 0  # counts the changes, so a reader knows whether what it read is still the picture
        self._undo: list[QImage] = []
        self._redo: list[QImage] = []
        self._stroke: list[QPointF] = []
        self._stroke_base: QImage | None = None
        self._width_scale = 1.0
        self.focus = 0

    # --- state -------------------------------------------------------------------------------------------------
    @property
    def stroking(self) -> bool:
        """A stroke is in progress (the pen is down)."""
        return self._stroke_base is not None

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def width(self) -> int:
        return self.image.width()

    def to_array(self) -> np.ndarray:
        """The picture as uint8 (CANVAS_SIZE, width): paper 255, ink 0 (a copy)."""
        view = np.frombuffer(self.image.constBits(), dtype=np.uint8)
        return view.reshape(CANVAS_SIZE, self.image.bytesPerLine())[:, : self.width].copy()

    def fit_paper(self, aspect: float) -> None:
        """Paper `aspect` times as wide as tall (a canvas's shape), from now on; the picture takes it at once if it
        is blank, at the next Clear otherwise."""
        steps = round(CANVAS_SIZE * aspect / WIDTH_STEP)
        self.paper_width = int(np.clip(steps * WIDTH_STEP, CANVAS_SIZE, MAX_WIDTH))
        if self.empty and not self.stroking and self.paper_width != self.width:
            self.image = _blank(self.paper_width)
            self.paperChanged.emit()

    def set_focus(self, index: int) -> None:
        """Look at the digit `index` (0: the first, left to right) of a number."""
        if index != self.focus:
            self.focus = index
            self.focusChanged.emit(index)

    def snapshot(self) -> np.ndarray:
        """The picture at the resolution the models read it (engine/data/preprocess.py: reduce_canvas)."""
        return reduce_canvas(self.to_array())

    # --- whole-picture changes ---------------------------------------------------------------------------------
    def clear(self) -> None:
        if self.empty:
            return
        self._push_undo()
        self._replace(_blank(self.paper_width), empty=True)
        self.set_focus(0)

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

    def show_image(self, gray: np.ndarray, ink_is_bright: bool = False) -> None:
        """Put a picture on the paper (an opened file, a dataset sample), scaled to fit, centred, on paper as wide
        as the canvas or as the picture needs (a photo of a long number: up to MAX_WIDTH); undoable."""
        pixels = np.ascontiguousarray(255 - gray if ink_is_bright else gray, dtype=np.uint8)
        height, width = pixels.shape
        source = QImage(pixels.data, width, height, width, QImage.Format.Format_Grayscale8).copy()
        steps = math.ceil(CANVAS_SIZE * width / height / WIDTH_STEP)
        image = _blank(int(np.clip(steps * WIDTH_STEP, self.paper_width, MAX_WIDTH)))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        scale = min(image.width() / width, CANVAS_SIZE / height)
        target = QRectF(0, 0, width * scale, height * scale)
        target.moveCenter(QPointF(image.width() / 2, CANVAS_SIZE / 2))
        painter.drawImage(target, source)
        painter.end()
        self._push_undo()
        self._replace(image, _is_blank(image))

    # --- strokes, in the picture's own pixels ------------------------------------------------------------------
    def begin_stroke(self, point: QPointF, width_scale: float = 1.0) -> None:
        """The pen touches the paper at `point`, drawing `width_scale` times the brush (a pen's pressure)."""
        self._push_undo()
        self._stroke_base = self.image.copy()
        self._stroke = [point]
        self._width_scale = width_scale
        self._render_stroke()

    def extend_stroke(self, point: QPointF, width_scale: float | None = None) -> None:
        """The pen moves on to `point`; the whole stroke takes the pen's latest width."""
        if self._stroke_base is None:
            return
        self._stroke.append(point)
        if width_scale is not None:
            self._width_scale = width_scale
        self._render_stroke()

    def end_stroke(self) -> None:
        if self._stroke_base is None:
            return
        self._stroke_base = None
        self._changed()
        self.settled.emit()

    def _render_stroke(self) -> None:
        """Redraw the whole stroke as one smooth path over the picture it started on (no bead-like joints)."""
        assert self._stroke_base is not None
        path = QPainterPath(self._stroke[0])
        if len(self._stroke) == 1:
            path.lineTo(self._stroke[0] + QPointF(0.01, 0))  # a dot
        for previous, current in zip(self._stroke, self._stroke[1:], strict=False):
            path.quadTo(previous, (previous + current) / 2)  # quadratic through midpoints smooths mouse jitter
        path.lineTo(self._stroke[-1])
        image = self._stroke_base.copy()
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = max(1.0, self.brush_size * self._width_scale)
        painter.setPen(QPen(INK, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))  # fmt: skip
        painter.drawPath(path)
        painter.end()
        self.image, self.empty = image, False
        self._changed()

    # --- history ---------------------------------------------------------------------------------------------
    def _push_undo(self) -> None:
        self._undo.append(self.image.copy())
        del self._undo[:-UNDO_LIMIT]
        self._redo.clear()

    def _replace(self, image: QImage, empty: bool) -> None:
        self.image, self.empty = image, empty
        self._changed()
        self.settled.emit()

    def _changed(self) -> None:
        self.revision += 1
        self.changed.emit()


def _blank(width: int) -> QImage:
    image = QImage(width, CANVAS_SIZE, QImage.Format.Format_Grayscale8)
    image.fill(PAPER)
    return image


def _is_blank(image: QImage) -> bool:
    return bool(np.frombuffer(image.constBits(), dtype=np.uint8).min() == 255)
