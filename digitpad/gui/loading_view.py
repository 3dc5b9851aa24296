"""What the window shows for the second or two the engine takes to load (torch above all): a canvas that takes
strokes at once, the default model's answer to them from its torch-free copy (engine/quick_reader.py), and a
busy bar. The Draw view then takes the drawing over and answers it with the model it opens on."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from digitpad.engine.architectures import ARCHITECTURES, DEFAULT_MODEL
from digitpad.engine.quick_reader import QuickReader
from digitpad.gui import language
from digitpad.gui.canvas import DrawCanvas
from digitpad.gui.language import Retranslatable
from digitpad.gui.prediction import PredictionPanel


class LoadingView(Retranslatable, QWidget):
    answered = Signal(object)  # the Prediction now on screen, or None for an empty canvas

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loadingView")
        self.reader: QuickReader | None = None
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
        # one reading per pass of the event loop, however many mouse moves a stroke sends in between
        self._read_timer = QTimer(self)
        self._read_timer.setSingleShot(True)
        self._read_timer.setInterval(0)
        self._read_timer.timeout.connect(self._read)
        self.canvas.drawingChanged.connect(self._read_timer.start)
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

    def _read(self) -> None:
        if self.reader is None:
            return
        # about 2 ms (preprocessing and one onnxruntime pass): too little to hand to a worker thread
        prediction = None if self.canvas.empty else self.reader.predict(self.canvas.snapshot())
        self.panel.show_prediction(prediction)
        self.answered.emit(prediction)

    def retranslate(self) -> None:
        if self.reader is None:
            self.note.setText(self.tr("Loading the models… draw already: the answer comes as soon as they are here."))
        else:
            title = language.translate("architectures", ARCHITECTURES[DEFAULT_MODEL].title)
            self.note.setText(self.tr("Loading the other models… meanwhile {model}, the default model, reads "
                                      "your drawing.").format(model=title))  # fmt: skip
