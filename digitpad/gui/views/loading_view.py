"""What the window shows for the second or two the engine takes to load (torch above all): a canvas that takes
strokes at once, the default model's answer to them from its torch-free copy (engine/reading/quick_reader.py),
and a busy bar. The Draw view then shows the same Drawing and answers it with the model it opens on."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from digitpad.engine.reading.number import NumberReading, read_canvas
from digitpad.engine.reading.quick_reader import QuickReader
from digitpad.engine.spec.architectures import ARCHITECTURES, DEFAULT_MODEL
from digitpad.gui.shared.drawing import Drawing
from digitpad.gui.support import language
from digitpad.gui.support.language import Retranslatable
from digitpad.gui.support.tasks import NewestAnswer
from digitpad.gui.widgets.canvas import DrawCanvas
from digitpad.gui.widgets.number_panel import NumberPanel
from digitpad.gui.widgets.prediction_panel import PredictionPanel


class LoadingView(Retranslatable, QWidget):
    answered = Signal(object)  # the Prediction of the digit in focus now on screen, or None for an empty canvas
    errorOccurred = Signal(str)

    def __init__(self, drawing: Drawing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loadingView")
        self.drawing = drawing
        self.reader: QuickReader | None = None
        # one reading at a time, and the changes made while it runs are read together by the next (the other
        # worker is busy importing torch)
        self.reading = NewestAnswer(self._prepare, self._show, self.errorOccurred.emit, self)
        self.canvas = DrawCanvas(drawing, shapes_paper=True)
        self.canvas.setObjectName("earlyCanvas")
        self.number_panel = NumberPanel()
        self.panel = PredictionPanel()
        self.panel.setObjectName("earlyAnswer")
        self.panel.setEnabled(False)  # greyed until the reader is here: no answer is coming from it yet
        self.note = QLabel()
        self.note.setObjectName("loadingNote")
        self.note.setWordWrap(True)
        busy = QProgressBar()
        busy.setRange(0, 0)  # indeterminate: Qt animates it while the event loop runs
        busy.setMaximumWidth(240)
        drawing.changed.connect(self._on_drawing_changed)
        self.number_panel.digitChosen.connect(drawing.set_focus)
        drawing.focusChanged.connect(self._on_drawing_changed)
        side = QVBoxLayout()
        side.addWidget(self.number_panel)
        side.addWidget(self.panel)
        side.addStretch(1)
        side.addWidget(self.note)
        side.addWidget(busy, 0, Qt.AlignmentFlag.AlignCenter)
        layout = QHBoxLayout(self)
        layout.addWidget(self.canvas, 1)  # the Draw view's proportions: the drawing stays put when it comes
        layout.addLayout(side, 1)
        self.retranslate()

    def hand_over(self) -> None:
        """The views are here and take the drawing over: this view reads it no more (and is deleted next)."""
        self.drawing.changed.disconnect(self._on_drawing_changed)
        self.drawing.focusChanged.disconnect(self._on_drawing_changed)

    def _on_drawing_changed(self, *_focus: int) -> None:
        self.reading.ask(at_once=True)

    def set_reader(self, reader: QuickReader | None) -> None:
        """The quick reader has loaded (None: none on this platform); a drawing already made is read at once."""
        self.reader = reader
        self.panel.setEnabled(reader is not None)
        self.retranslate()
        if reader is not None and not self.drawing.empty:
            self.reading.start()

    def _prepare(self) -> Callable[[], NumberReading | None] | None:
        """The job for the drawing as it is now; none until the reader is here."""
        reader = self.reader
        if reader is None:
            return None
        pixels = None if self.drawing.empty else self.drawing.to_array()
        return lambda: _read(reader, pixels)

    def _show(self, reading: NumberReading | None) -> None:
        self.number_panel.show_reading(reading, self.drawing.focus)
        prediction = reading.digit_at(self.drawing.focus).prediction if reading is not None else None
        self.panel.show_prediction(prediction)
        self.answered.emit(prediction)

    def retranslate(self) -> None:
        if self.reader is None:
            self.note.setText(self.tr("Loading the models… draw already: the answer comes as soon as they are here."))
        else:
            title = language.translate("architectures", ARCHITECTURES[DEFAULT_MODEL].title)
            self.note.setText(self.tr("Loading the other models… meanwhile {model}, the default model, reads "
                                      "your drawing.").format(model=title))  # fmt: skip


def _read(reader: QuickReader, pixels: np.ndarray | None) -> NumberReading | None:
    return read_canvas(pixels, reader) if pixels is not None else None
