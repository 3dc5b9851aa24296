"""The Draw view: the canvas and its tools on the left; the live answer, Teach and Compare on the right.

Every answer, while a stroke grows, when it ends, when the model changes, takes one path: a NewestAnswer job on a
worker thread that reads the drawing's number, so the GUI thread never runs a model and never shows an older
answer. A number of several digits shows large with a button per digit and a box round each on the canvas; the
digit picked (the drawing's focus) is the one the probability bars, Inside, Why, Teach and Compare look at.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from digitpad.engine.reading.number import NumberReading, read_canvas
from digitpad.engine.reading.prediction import Prediction
from digitpad.engine.reading.predictor import Predictor
from digitpad.engine.store.catalog import ModelEntry
from digitpad.engine.system.device import set_cpu_threads
from digitpad.engine.training.events import Comparison
from digitpad.gui.shared.drawing import Drawing
from digitpad.gui.shared.model_store import ModelStore
from digitpad.gui.support.language import Retranslatable
from digitpad.gui.support.tasks import NewestAnswer
from digitpad.gui.views.compare_table import CompareTable
from digitpad.gui.views.teach_panel import TeachPanel
from digitpad.gui.widgets.canvas import DrawCanvas
from digitpad.gui.widgets.column_scroller import ColumnScroller
from digitpad.gui.widgets.number_panel import NumberPanel
from digitpad.gui.widgets.prediction_panel import PredictionPanel

# While a run trains, live predictions start at most once per 60 Hz frame. Beside training each one costs 2-3x
# its idle time and takes it from the run: back to back there, lenet5 trained at 3,031-3,295 images/s instead of
# 4,838-5,075 with 16-40 ms between starts. 16 ms against 40 ms: an answer 12.2-12.5 ms after a stroke update
# (p50) instead of 30.6-31.5 ms, training and the window's timer no worse (benchmarks/gui_stalls.py, one run).
LIVE_INTERVAL_TRAINING_MS = 16


class DrawView(Retranslatable, QWidget):
    predicted = Signal(object)  # the latest Prediction of the digit in focus, or None for an empty canvas
    errorOccurred = Signal(str)
    statusChanged = Signal(str)

    def __init__(self, drawing: Drawing, store: ModelStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drawing, self.store = drawing, store
        self.last_prediction: Prediction | None = None
        self.last_reading: NumberReading | None = None
        self.last_predict_ms = 0.0  # from the drawing it read to the answer on screen, for benchmarks
        self._started = 0.0
        self.reading = NewestAnswer(self._prepare_reading, self._show, self.errorOccurred.emit, self)
        self.canvas = DrawCanvas(drawing, shapes_paper=True)
        self.number_panel = NumberPanel()
        self.panel = PredictionPanel()
        self.teach = TeachPanel(drawing, store)
        self.compare = CompareTable(drawing, store)
        self.clear_button = _button("clearButton")
        self.undo_button = _button("undoButton")
        self.redo_button = _button("redoButton")
        self.brush_size = QSlider(Qt.Orientation.Horizontal)
        self.brush_size.setObjectName("brushSize")
        self.brush_size.setRange(6, 48)
        self.brush_size.setValue(drawing.brush_size)
        self.brush_size.setMaximumWidth(160)
        self.model_selector = QComboBox()
        self.model_selector.setObjectName("modelSelector")
        self.model_selector.setMinimumContentsLength(24)
        self.brush_label, self.model_label = QLabel(), QLabel()
        self._lay_out()
        self._connect()
        self._fill_selector()
        self._update_buttons()
        self.retranslate()

    def _lay_out(self) -> None:
        tools = QHBoxLayout()
        for widget in (self.clear_button, self.undo_button, self.redo_button, self.brush_label, self.brush_size):
            tools.addWidget(widget)
        tools.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.canvas, 1)
        left.addLayout(tools)
        model_row = QHBoxLayout()
        model_row.addWidget(self.model_label)
        model_row.addWidget(self.model_selector, 1)
        right = QVBoxLayout()
        right.addLayout(model_row)
        right.addWidget(self.number_panel)
        right.addWidget(self.panel)
        right.addWidget(self.teach)
        right.addWidget(self.compare, 3)
        right.addStretch(1)  # with Compare closed, the space stays below, not inside the Teach box
        column = QWidget()  # the answer, Teach and Compare: scrolls rather than clips in a small window
        column.setLayout(right)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(ColumnScroller(column), 2)

    def _connect(self) -> None:
        drawing, store = self.drawing, self.store
        drawing.changed.connect(self.reading.ask)
        drawing.settled.connect(self._on_drawing_settled)
        drawing.focusChanged.connect(lambda _index: self._show_focus())
        self.number_panel.digitChosen.connect(drawing.set_focus)
        self.clear_button.clicked.connect(drawing.clear)
        self.undo_button.clicked.connect(drawing.undo)
        self.redo_button.clicked.connect(drawing.redo)
        self.brush_size.valueChanged.connect(self._on_brush_size_changed)
        self.model_selector.currentIndexChanged.connect(self._on_model_selector_changed)
        self.teach.statusChanged.connect(self.statusChanged)
        self.compare.errorOccurred.connect(self.errorOccurred)
        store.modelsChanged.connect(self._fill_selector)
        store.modelsChanged.connect(self.teach.my_handwriting_changed)
        store.currentChanged.connect(self._on_store_current_changed)

    def retranslate(self) -> None:
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Erase the drawing (Ctrl+N)"))
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Undo the last stroke (Ctrl+Z)"))
        self.redo_button.setText(self.tr("Redo"))
        self.redo_button.setToolTip(self.tr("Redo (Ctrl+Shift+Z)"))
        self.brush_label.setText(self.tr("Brush"))
        self.brush_size.setToolTip(self.tr("Brush size"))
        self.model_label.setText(self.tr("Model"))
        self.model_selector.setToolTip(self.tr("The model that reads your drawing; test accuracy on MNIST in "
                                               "brackets"))  # fmt: skip

    # --- what the window asks of the view --------------------------------------------------------------------
    @property
    def brush(self) -> int:
        return self.brush_size.value()

    @brush.setter
    def brush(self, size: int) -> None:
        self.brush_size.setValue(size)

    @property
    def answer_is_current(self) -> bool:
        """The answer on screen (and Compare's, when shown) has read the drawing as it is now."""
        return self.reading.current and self.compare.current

    def my_handwriting_changed(self) -> None:
        """The samples changed (here, in the Dataset view, by an import): recount, and rescore for Compare."""
        self.teach.my_handwriting_changed()
        self.compare.my_handwriting_changed()

    def show_fine_tune_result(self, model_name: str, comparison: Comparison) -> None:
        self.teach.show_comparison(model_name, comparison)

    def space_live_predictions(self, training: bool) -> None:
        """Answer every stroke update as soon as the last answer is on screen, or, while a run trains, at
        most every LIVE_INTERVAL_TRAINING_MS."""
        self.reading.set_spacing(LIVE_INTERVAL_TRAINING_MS if training else 0)

    def _on_drawing_settled(self) -> None:
        self.reading.ask(at_once=True)  # a stroke's end (or clear, undo, an image) is answered at once
        self._update_buttons()

    def _on_brush_size_changed(self, size: int) -> None:
        self.drawing.brush_size = size

    def _update_buttons(self) -> None:
        self.undo_button.setEnabled(self.drawing.can_undo)
        self.redo_button.setEnabled(self.drawing.can_redo)
        self.clear_button.setEnabled(not self.drawing.empty)

    # --- the model selector ----------------------------------------------------------------------------------
    def _fill_selector(self) -> None:
        self.model_selector.blockSignals(True)
        self.model_selector.clear()
        for entry in self.store.entries:
            self.model_selector.addItem(entry.label, str(entry.path))
        self.model_selector.blockSignals(False)
        self._on_store_current_changed(self.store.current)

    def _on_store_current_changed(self, entry: ModelEntry | None) -> None:
        index = self.model_selector.findData(str(entry.path)) if entry else -1
        if index != self.model_selector.currentIndex():
            self.model_selector.blockSignals(True)
            self.model_selector.setCurrentIndex(index)
            self.model_selector.blockSignals(False)
        self.reading.ask(at_once=True)  # the answer on screen is another model's

    def _on_model_selector_changed(self, index: int) -> None:
        if 0 <= index < len(self.store.entries):
            self.store.select(self.store.find(self.model_selector.itemData(index)))

    # --- reading the drawing -----------------------------------------------------------------------------------
    def _prepare_reading(self) -> Callable[[], NumberReading | None]:
        """The job for the drawing as it is now (raises DigitpadError for a model that cannot be read)."""
        self._started = time.perf_counter()
        predictor = self.store.predictor()
        pixels = None if self.drawing.empty or predictor is None else self.drawing.to_array()
        return lambda: _read(predictor, pixels)

    def _show(self, reading: NumberReading | None) -> None:
        self.last_reading = reading
        self.last_predict_ms = (time.perf_counter() - self._started) * 1000
        self._show_focus()

    def _show_focus(self) -> None:
        """The number read, and the digit in focus: its bars and 28x28, its box bolder on the canvas."""
        reading, focus = self.last_reading, self.drawing.focus
        digits = reading.digits if reading is not None else ()
        self.last_prediction = reading.digit_at(focus).prediction if reading is not None else None
        self.number_panel.show_reading(reading, focus)
        boxes = (
            [QRectF(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1 in (d.box for d in digits)] if len(digits) > 1 else []
        )
        self.canvas.set_marks(boxes, min(focus, len(boxes) - 1))
        self.teach.set_reading(reading, focus)
        self.panel.show_prediction(self.last_prediction)
        self.predicted.emit(self.last_prediction)


def _read(predictor: Predictor | None, pixels: np.ndarray | None) -> NumberReading | None:
    """The selected model's reading of the drawing's number; one OpenMP thread, which never waits for a core that
    training holds (a drawing is too little work to share)."""
    if predictor is None or pixels is None:
        return None
    set_cpu_threads(1)
    return read_canvas(pixels, predictor)


def _button(name: str) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    return button
