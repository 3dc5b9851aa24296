"""Drive the real widgets with real Qt mouse events (sent directly, so strokes are deterministic)."""

from __future__ import annotations

import itertools
import math

import numpy as np
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from digitpad.engine.data.preprocess import preprocess
from digitpad.gui.shared.drawing import Drawing
from digitpad.gui.widgets.canvas import DrawCanvas


def send_mouse(widget, kind: QEvent.Type, position: QPointF, buttons: Qt.MouseButton) -> None:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    event = QMouseEvent(kind, position, widget.mapToGlobal(position), button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def draw_stroke(canvas: DrawCanvas, points: list[tuple[float, float]]) -> None:
    """A stroke through points given as fractions (0-1) of the drawing area."""
    rect = canvas.drawing_area()
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


def ellipse(cx: float, cy: float, rx: float, ry: float, start: float = 0, end: float = 360, steps: int = 40):
    angles = [math.radians(start + (end - start) * t / steps) for t in range(steps + 1)]
    return [(cx + rx * math.cos(a), cy + ry * math.sin(a)) for a in angles]


# A capital A, as a person draws it: not a digit (the default model alone reads it as a 4)
LETTER_A = [interpolate([(0.3, 0.8), (0.5, 0.2), (0.7, 0.8)]), interpolate([(0.38, 0.58), (0.62, 0.58)])]
# A zero with a slash through it (programmers', Scandinavian): the default model reads it as 8 most of the time.
SLASHED_ZERO = [ellipse(0.5, 0.5, 0.18, 0.3), interpolate([(0.3, 0.8), (0.7, 0.2)])]
# Plain digits, one list of strokes each, that the bundled models read right.
_SIX_STEM = [(0.6 - 0.25 * math.sin(t / 40 * math.pi), 0.2 + 0.02 * t) for t in range(21)]
PLAIN_DIGITS = {
    1: [ONE],
    2: [interpolate([(0.3, 0.25), (0.7, 0.25), (0.3, 0.75), (0.72, 0.75)])],
    3: [ellipse(0.48, 0.35, 0.15, 0.12, -160, 90) + ellipse(0.48, 0.63, 0.17, 0.15, -90, 160)],
    4: [interpolate([(0.6, 0.8), (0.6, 0.2), (0.28, 0.6), (0.75, 0.6)])],
    5: [interpolate([(0.68, 0.22), (0.35, 0.22), (0.33, 0.45)]) + ellipse(0.5, 0.6, 0.18, 0.15, -140, 140)],
    6: [
        [(0.6 - 0.25 * math.sin(t / 40 * math.pi), 0.2 + 0.02 * t) for t in range(21)]
        + ellipse(0.5, 0.65, 0.15, 0.13, 180, 540)
    ],
    7: [SEVEN],
    8: [ellipse(0.5, 0.32, 0.13, 0.12), ellipse(0.5, 0.65, 0.17, 0.15)],
    9: [ellipse(0.5, 0.35, 0.15, 0.13), interpolate([(0.65, 0.35), (0.62, 0.8)])],
}


def draw_digit(canvas: DrawCanvas, strokes, rng) -> None:
    """Draw `strokes` as a person would each time a little differently: size, position, slant and pen vary."""
    canvas.drawing.clear()
    sx, sy = rng.uniform(0.8, 1.1), rng.uniform(0.8, 1.1)
    dx, dy, shear = rng.uniform(-0.06, 0.06), rng.uniform(-0.06, 0.06), rng.uniform(-0.15, 0.15)
    canvas.drawing.brush_size = int(rng.integers(14, 30))
    for stroke in strokes:
        draw_stroke(
            canvas, [(0.5 + (x - 0.5) * sx + shear * (y - 0.5) + dx, 0.5 + (y - 0.5) * sy + dy) for x, y in stroke]
        )


def write_number(canvas: DrawCanvas, text: str, height: float = 0.5) -> None:
    """Write `text` (digits 1-9 of PLAIN_DIGITS, or A) left to right along the paper with mouse strokes, each
    character `height` of the paper's height, neighbours close but apart, as a person writes a number."""
    canvas.drawing.clear()
    canvas.drawing.brush_size = 14
    width = height * canvas.drawing_area().height() / canvas.drawing_area().width()  # a square, in the x fraction
    x = 0.05
    for char in text:
        for stroke in LETTER_A if char == "A" else PLAIN_DIGITS[int(char)]:
            draw_stroke(canvas, [(x + u * width, (1 - height) / 2 + v * height) for u, v in stroke])
        x += 0.7 * width


def drawn(qtbot, digit: int = 7, seed: int = 0) -> np.ndarray:
    """A plain `digit` drawn on a canvas of its own, as the models read it (28x28)."""
    canvas = DrawCanvas(Drawing())
    qtbot.addWidget(canvas)
    canvas.resize(400, 400)
    draw_digit(canvas, PLAIN_DIGITS[digit], np.random.default_rng(seed))
    model_input = preprocess(canvas.drawing.snapshot())
    assert model_input is not None
    return model_input


def start_training(window, arch="lenet5", epochs=1, batch=256):
    """Start a quick run from the Train view's form: `arch` without style digits, scans or augmentation, on the CPU."""
    panel = window.train_view
    window.tabs.setCurrentWidget(panel)
    panel.arch.setCurrentIndex(panel.arch.findData(arch))
    panel.inputs["epochs"].setValue(epochs)
    panel.inputs["batch_size"].setValue(batch)
    panel.inputs["styles"].setValue(0)  # drawing 10,000 style digits would take the first 20 s of the test
    panel.inputs["scans"].setValue(0)
    panel.inputs["augment"].setCurrentIndex(panel.inputs["augment"].findData("none"))
    panel.inputs["device"].setCurrentIndex(panel.inputs["device"].findData("cpu"))
    panel.train_button.click()
    assert panel.controller.running
    return panel
