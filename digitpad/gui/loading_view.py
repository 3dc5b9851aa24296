"""What the window shows for the second or two the engine takes to load (torch above all): a canvas that takes
strokes at once, the default model's answer to them from its torch-free copy (engine/quick_reader.py), and a
busy bar. The Draw view then takes the drawing over and answers it with the model it opens on."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from digitpad.engine.reading.prediction import Prediction
from digitpad.engine.reading.quick_reader import QuickReader
from digitpad.engine.spec.architectures import ARCHITECTURES, DEFAULT_MODEL
from digitpad.gui import language
from digitpad.gui.canvas import DrawCanvas
from digitpad.gui.language import Retranslatable
from digitpad.gui.prediction import PredictionPanel
from digitpad.gui.tasks import BackgroundTasks


class LoadingView(Retranslatable, QWidget):
    answered = Signal(object)  # the Prediction now on screen, or None for an empty canvas
    errorOccurred = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loadingView")
        self.reader: QuickReader | None = None
        self._tasks = BackgroundTasks(self)
        self._revision = 0  # of the drawing: bumped by every change, so an answer knows whether it is current
        self._reading = False
        self.canvas = DrawCanvas()
        self.canvas.setObjectName("earlyCanvas")
        self.panel = PredictionPanel()
        self.panel.setObjectName("earlyAnswer")
        self.panel.setEnabled(False)  # greyed until the reader is here: no answer is coming from it yet
        self.note = QLabel()
        self.note.setObjectName("loadingNote")
        self.note.setWordWrap(True)
        busy = QProgressBar()
        busy.setRange(0, 0)  # indeterminate: Qt animates it while the event loop runs
        busy.setMaximumWidth(240)
        self.canvas.drawingChanged.connect(self._on_drawing_changed)
        side = QVBoxLayout()
        side.addWidget(self.panel)
        side.addStretch(1)
        side.addWidget(self.note)
        side.addWidget(busy, 0, Qt.AlignmentFlag.AlignCenter)
        layout = QHBoxLayout(self)
        layout.addWidget(self.canvas, 1)  # the Draw view's proportions: the drawing stays put when it comes
        layout.addLayout(side, 1)
        self.retranslate()

    def set_reader(self, reader: QuickReader | None) -> None:
        """The quick reader has loaded (None: none on this platform); a drawing already made is read at once."""
        self.reader = reader
        self.panel.setEnabled(reader is not None)
        self.retranslate()
        if reader is not None and not self.canvas.empty:
            self._read()

    def _on_drawing_changed(self) -> None:
        self._revision += 1
        self._read()

    def _read(self) -> None:
        """Read the drawing on a worker thread, as the Draw view does: one reading at a time, and the changes
        made while it runs are read together by the next (the other worker is busy importing torch)."""
        if self.reader is None or self._reading:
            return
        self._reading = True
        reader, revision = self.reader, self._revision
        drawing = None if self.canvas.empty else self.canvas.snapshot()
        self._tasks.start(
            lambda: None if drawing is None else reader.predict(drawing),
            lambda prediction: self._on_answer(prediction, revision),
            self._on_failure,
        )

    def _on_answer(self, prediction: Prediction | None, revision: int) -> None:
        self._reading = False
        self.panel.show_prediction(prediction)
        self.answered.emit(prediction)
        if revision != self._revision:  # drawn on meanwhile: this answer is already old
            self._read()

    def _on_failure(self, message: str) -> None:
        self._reading = False
        self.errorOccurred.emit(message)

    def retranslate(self) -> None:
        if self.reader is None:
            self.note.setText(self.tr("Loading the models… draw already: the answer comes as soon as they are here."))
        else:
            title = language.translate("architectures", ARCHITECTURES[DEFAULT_MODEL].title)
            self.note.setText(self.tr("Loading the other models… meanwhile {model}, the default model, reads "
                                      "your drawing.").format(model=title))  # fmt: skip
