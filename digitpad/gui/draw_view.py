"""The Draw view: canvas and tools on the left, the live prediction and the model comparison on the right."""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from digitpad.engine.device import set_cpu_threads
from digitpad.engine.errors import DigitpadError
from digitpad.engine.predictor import Prediction, Predictor
from digitpad.engine.preprocess import preprocess
from digitpad.gui.canvas import DrawCanvas
from digitpad.gui.model_store import ModelStore
from digitpad.gui.prediction import PredictionPanel
from digitpad.gui.tasks import BackgroundTasks

# While a run trains, live predictions start at most once per 60 Hz frame. Beside training each one costs 2-3x
# its idle time and takes it from the run: back to back there, lenet5 trained at 3,031-3,295 images/s instead of
# 4,838-5,075 with 16-40 ms between starts. 16 ms against 40 ms: an answer 12.2-12.5 ms after a stroke update
# (p50) instead of 30.6-31.5 ms, training and the window's timer no worse (benchmarks/gui_stalls.py, one run).
LIVE_INTERVAL_TRAINING_MS = 16


class DrawView(QWidget):
    predicted = Signal(object)  # the latest Prediction, or None for an empty canvas
    errorOccurred = Signal(str)

    def __init__(self, store: ModelStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.last_prediction: Prediction | None = None
        self.last_predict_ms = 0.0  # from the drawing it read to the answer on screen, for benchmarks
        self._tasks = BackgroundTasks(self)
        self.revision = 0  # counts drawing changes, so an answer about an older drawing is never shown
        self.shown_revision = 0  # the drawing change the answer on screen has seen
        self._live_busy = False
        self.canvas = DrawCanvas()
        self.panel = PredictionPanel()

        self.clear_button = _button("Clear", "clearButton", "Erase the drawing (Ctrl+N)")
        self.undo_button = _button("Undo", "undoButton", "Undo the last stroke (Ctrl+Z)")
        self.redo_button = _button("Redo", "redoButton", "Redo (Ctrl+Shift+Z)")
        self.brush_size = QSlider(Qt.Orientation.Horizontal)
        self.brush_size.setObjectName("brushSize")
        self.brush_size.setRange(6, 48)
        self.brush_size.setValue(self.canvas.brush_size)
        self.brush_size.setToolTip("Brush size")
        self.brush_size.setMaximumWidth(160)

        self.model_selector = QComboBox()
        self.model_selector.setObjectName("modelSelector")
        self.model_selector.setToolTip("The model that reads your drawing; test accuracy on MNIST in brackets")
        self.model_selector.setMinimumContentsLength(24)
        self.compare_button = _button("Compare models", "compareButton", "Show every model's answer side by side")
        self.compare_button.setCheckable(True)
        self.compare_table = QTableWidget(0, 3)
        self.compare_table.setObjectName("compareTable")
        self.compare_table.setHorizontalHeaderLabels(["Model", "Digit", "Confidence"])
        self.compare_table.horizontalHeader().setStretchLastSection(True)
        self.compare_table.verticalHeader().hide()
        self.compare_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.compare_table.hide()

        tools = QHBoxLayout()
        for widget in (self.clear_button, self.undo_button, self.redo_button, QLabel("Brush"), self.brush_size):
            tools.addWidget(widget)
        tools.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.canvas, 1)
        left.addLayout(tools)
        model_row = QHBoxLayout()
        model_row.addWidget(QLabel("Model"))
        model_row.addWidget(self.model_selector, 1)
        right = QVBoxLayout()
        right.addLayout(model_row)
        right.addWidget(self.panel)
        right.addWidget(self.compare_button)
        right.addWidget(self.compare_table, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

        self._predict_timer = QTimer(self)
        self._predict_timer.setSingleShot(True)
        self._predict_timer.timeout.connect(self._predict_live)

        self.canvas.drawingChanged.connect(self._on_canvas_drawing_changed)
        self.canvas.historyChanged.connect(self._update_buttons)
        self.canvas.historyChanged.connect(self._on_canvas_history_changed)
        self.clear_button.clicked.connect(self.canvas.clear)
        self.undo_button.clicked.connect(self.canvas.undo)
        self.redo_button.clicked.connect(self.canvas.redo)
        self.brush_size.valueChanged.connect(self.canvas.set_brush_size)
        self.model_selector.currentIndexChanged.connect(self._on_model_selector_changed)
        self.compare_button.toggled.connect(self._on_compare_toggled)
        store.modelsChanged.connect(self._fill_selector)
        store.currentChanged.connect(self._on_store_current_changed)
        self._fill_selector()
        self._update_buttons()

    def _fill_selector(self) -> None:
        self.model_selector.blockSignals(True)
        self.model_selector.clear()
        for entry in self.store.entries:
            self.model_selector.addItem(entry.label, str(entry.path))
        self.model_selector.blockSignals(False)
        self._on_store_current_changed(self.store.current)
        self.compare_now()

    def _on_store_current_changed(self, entry) -> None:
        index = self.model_selector.findData(str(entry.path)) if entry else -1
        if index != self.model_selector.currentIndex():
            self.model_selector.blockSignals(True)
            self.model_selector.setCurrentIndex(index)
            self.model_selector.blockSignals(False)
        self.predict_now()

    def _on_model_selector_changed(self, index: int) -> None:
        if 0 <= index < len(self.store.entries):
            self.store.select(self.store.find(self.model_selector.itemData(index)))

    def space_live_predictions(self, training: bool) -> None:
        """Answer every stroke update as soon as the last answer is on screen, or, while a run trains, at
        most every LIVE_INTERVAL_TRAINING_MS."""
        self._predict_timer.setInterval(LIVE_INTERVAL_TRAINING_MS if training else 0)

    def _on_canvas_drawing_changed(self) -> None:
        self.revision += 1
        if not self._predict_timer.isActive():
            self._predict_timer.start()

    def _on_compare_toggled(self, checked: bool) -> None:
        self.compare_table.setVisible(checked)
        self.compare_now()

    def _on_canvas_history_changed(self) -> None:
        """A stroke ended, or clear/undo/redo: the live prediction is current, so compare now."""
        self.predict_now()
        self.compare_now()

    def _update_buttons(self) -> None:
        self.undo_button.setEnabled(self.canvas.can_undo)
        self.redo_button.setEnabled(self.canvas.can_redo)
        self.clear_button.setEnabled(not self.canvas.empty)

    def predict_now(self) -> None:
        """Classify the canvas with the selected model now (a stroke ended, the model changed)."""
        self._predict_timer.stop()
        started = time.perf_counter()
        drawing = None if self.canvas.empty else self.canvas.snapshot()
        try:
            predictor = self.store.predictor()
            prediction = predictor.predict(drawing) if predictor is not None and drawing is not None else None
        except DigitpadError as error:
            prediction = None
            self.errorOccurred.emit(str(error))
        self._show(prediction, self.revision, started)

    def _predict_live(self) -> None:
        """While a stroke grows: classify the drawing on a worker thread, so drawing never waits for the model.

        One job at a time: the updates made while one runs are answered together by the next, which starts
        when it reports (after the spacing, while a run trains), so a model slower than the mouse never
        builds a queue (benchmarks/gui_stalls.py).
        """
        if self._live_busy or self.shown_revision == self.revision:
            return
        try:
            predictor = self.store.predictor()
        except DigitpadError as error:
            self.errorOccurred.emit(str(error))
            return
        if predictor is None or self.canvas.empty:
            self.predict_now()
            return
        revision, drawing, started = self.revision, self.canvas.snapshot(), time.perf_counter()
        self._live_busy = True
        self._tasks.start(
            lambda: _predict_on_one_core(predictor, drawing),
            lambda prediction: self._on_live_prediction(prediction, revision, started),
            self._on_live_failure,
        )

    def _on_live_prediction(self, prediction: Prediction | None, revision: int, started: float) -> None:
        self._live_busy = False
        if revision > self.shown_revision:  # a later answer (a stroke's end) may have arrived first
            self._show(prediction, revision, started)
        if self.shown_revision < self.revision and not self._predict_timer.isActive():
            self._predict_timer.start()

    def _on_live_failure(self, message: str) -> None:
        self._live_busy = False
        self.errorOccurred.emit(message)

    def _show(self, prediction: Prediction | None, revision: int, started: float) -> None:
        self.shown_revision = revision
        self.last_prediction = prediction
        self.last_predict_ms = (time.perf_counter() - started) * 1000
        self.panel.show_prediction(prediction)
        self.predicted.emit(prediction)

    def compare_now(self) -> None:
        """Every model's answer for the drawing; when a stroke ends, not while it grows (8 models cost ~10 ms)."""
        if not self.compare_button.isChecked():
            return
        model_input = self.last_prediction.model_input if self.last_prediction is not None else None
        if model_input is None and not self.canvas.empty:
            model_input = preprocess(self.canvas.snapshot())
        rows = []
        for entry in self.store.entries:
            try:
                answer = self.store.predictor(entry).classify(model_input) if model_input is not None else None
            except DigitpadError:
                answer = None
            rows.append((entry.name, answer))
        self.compare_table.setRowCount(len(rows))
        for row, (name, answer) in enumerate(rows):
            cells = (name, str(answer.digit) if answer else "-", f"{answer.confidence:.1%}" if answer else "-")
            for column, text in enumerate(cells):
                self.compare_table.setItem(row, column, QTableWidgetItem(text))


def _predict_on_one_core(predictor: Predictor, drawing: np.ndarray) -> Prediction | None:
    """One image is too little work to share: one OpenMP thread never waits for a core that training holds."""
    set_cpu_threads(1)
    return predictor.predict(drawing)


def _button(text: str, name: str, tooltip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setToolTip(tooltip)
    return button
