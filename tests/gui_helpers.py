"""Drive the real widgets with real Qt mouse events (sent directly, so strokes are deterministic)."""

from __future__ import annotations

import itertools
import math

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from digitpad.gui.canvas import DrawCanvas


def send_mouse(widget, kind: QEvent.Type, position: QPointF, buttons: Qt.MouseButton) -> None:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    event = QMouseEvent(kind, position, widget.mapToGlobal(position), button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def draw_stroke(canvas: DrawCanvas, points: list[tuple[float, float]]) -> None:
    """A stroke through points given as fractions (0-1) of the drawing area."""
    rect = canvas._target_rect()
    positions = [QPointF(rect.left() + x * rect.width(), rect.top() + y * rect.height()) for x, y in points]
    send_mouse(canvas, QEvent.Type.MouseButtonPress, positions[0], Qt.MouseButton.LeftButton)
    for position in positions[1:]:
        send_mouse(canvas, QEvent.Type.MouseMove, position, Qt.MouseButton.LeftButton)
    send_mouse(canvas, QEvent.Type.MouseButtonRelease, positions[-1], Qt.MouseButton.NoButton)


def interpolate(points: list[tuple[float, float]], per_segment: int = 8) -> list[tuple[float, float]]:
    """Mouse-like motion: many small moves between the corners of a shape."""
    out = [points[0]]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        out += [(x0 + (x1 - x0) * t / per_segment, y0 + (y1 - y0) * t / per_segment) for t in range(1, per_segment + 1)]
    return out


ONE = interpolate([(0.5, 0.2), (0.5, 0.8)])
SEVEN = interpolate([(0.3, 0.22), (0.7, 0.22), (0.45, 0.8)])
ZERO = [(0.5 + 0.2 * math.sin(t / 30 * 2 * math.pi), 0.5 - 0.3 * math.cos(t / 30 * 2 * math.pi)) for t in range(32)]
