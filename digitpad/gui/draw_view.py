"""The Draw view: canvas and tools on the left, the live prediction and the model comparison on the right.

Every answer, while a stroke grows, when it ends, when the model changes, and Compare's, takes one path: a job
on a worker thread that reads the drawing, so the GUI thread never runs a model.
"""

from __future__ import annotations

import time
from pathlib import Path

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

from digitpad.engine.data import my_handwriting
from digitpad.engine.data.preprocess import preprocess
from digitpad.engine.reading.prediction import Prediction
from digitpad.engine.reading.predictor import Predictor
from digitpad.engine.spec.errors import DigitpadError
from digitpad.engine.system.device import set_cpu_threads
from digitpad.engine.training.events import Comparison
from digitpad.gui.canvas import DrawCanvas
from digitpad.gui.column_scroller import ColumnScroller
from digitpad.gui.language import Retranslatable, percent
from digitpad.gui.model_store import ModelStore
from digitpad.gui.prediction import PredictionPanel
from digitpad.gui.tasks import BackgroundTasks
from digitpad.gui.teach_panel import TeachPanel

# While a run trains, live predictions start at most once per 60 Hz frame. Beside training each one costs 2-3x
# its idle time and takes it from the run: back to back there, lenet5 trained at 3,031-3,295 images/s instead of
# 4,838-5,075 with 16-40 ms between starts. 16 ms against 40 ms: an answer 12.2-12.5 ms after a stroke update
# (p50) instead of 30.6-31.5 ms, training and the window's timer no worse (benchmarks/gui_stalls.py, one run).
LIVE_INTERVAL_TRAINING_MS = 16


class DrawView(Retranslatable, QWidget):
    predicted = Signal(object)  # the latest Prediction, or None for an empty canvas
    errorOccurred = Signal(str)
    statusChanged = Signal(str)
    collectionChanged = Signal()  # a sample was added to My handwriting or taken out
    fineTuneRequested = Signal(object)  # the Path of the model to teach

    def __init__(self, store: ModelStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.last_prediction: Prediction | None = None
        self.last_predict_ms = 0.0  # from the drawing it read to the answer on screen, for benchmarks
        self._tasks = BackgroundTasks(self)
        self.revision = 0  # counts drawing changes, so an answer about an older drawing is never shown
        self.shown_revision = 0  # the drawing change the answer on screen has seen
        self._live_busy = False
        self.compared_revision = -1  # the drawing change the Compare table has read
        self.canvas = DrawCanvas()
        self.panel = PredictionPanel()
        self.teach = TeachPanel()
        self._added: list[Path] = []  # samples this session added, for "Undo add"
        self._mine_scores: dict[str, tuple[float, int] | None] = {}  # model path -> (accuracy, samples) on
        # the held-back part of My handwriting, for Compare; None: the model could not be read

        self.clear_button = _button("clearButton")
        self.undo_button = _button("undoButton")
        self.redo_button = _button("redoButton")
        self.brush_size = QSlider(Qt.Orientation.Horizontal)
        self.brush_size.setObjectName("brushSize")
        self.brush_size.setRange(6, 48)
        self.brush_size.setValue(self.canvas.brush_size)
        self.brush_size.setMaximumWidth(160)

        self.model_selector = QComboBox()
        self.model_selector.setObjectName("modelSelector")
        self.model_selector.setMinimumContentsLength(24)
        self.compare_button = _button("compareButton")
        self.compare_button.setCheckable(True)
        self.compare_table = QTableWidget(0, 4)
        self.compare_table.setObjectName("compareTable")
        self.compare_table.horizontalHeader().setStretchLastSection(True)
        self.compare_table.verticalHeader().hide()
        self.compare_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.compare_table.hide()

        tools = QHBoxLayout()
        self.brush_label, self.model_label = QLabel(), QLabel()
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
        right.addWidget(self.panel)
        right.addWidget(self.teach)
        right.addWidget(self.compare_button)
        right.addWidget(self.compare_table, 3)
        right.addStretch(1)  # with Compare closed, the space stays below, not inside the Teach box
        layout = QHBoxLayout(self)
        column = QWidget()  # the answer, Teach and Compare: scrolls rather than clips in a small window
        column.setLayout(right)
        layout.addLayout(left, 3)
        layout.addWidget(ColumnScroller(column), 2)

        self._predict_timer = QTimer(self)
        self._predict_timer.setSingleShot(True)
        self._predict_timer.timeout.connect(self._start_reading)

        self.canvas.drawingChanged.connect(self._on_canvas_drawing_changed)
        self.canvas.historyChanged.connect(self._update_buttons)
        self.canvas.historyChanged.connect(self._on_canvas_history_changed)
        self.clear_button.clicked.connect(self.clear)
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)
        self.brush_size.valueChanged.connect(self.canvas.set_brush_size)
        self.model_selector.currentIndexChanged.connect(self._on_model_selector_changed)
        self.compare_button.toggled.connect(self._on_compare_toggled)
        self.teach.digitChosen.connect(self.add_to_my_handwriting)
        self.teach.undoRequested.connect(self.undo_last_sample)
        self.teach.fineTuneRequested.connect(self.request_fine_tune)
        store.modelsChanged.connect(self._fill_selector)
        store.modelsChanged.connect(self.my_handwriting_changed)
        store.currentChanged.connect(self._on_store_current_changed)
        self._fill_selector()
        self._update_buttons()
        self._show_counts()
        self.retranslate()

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
        self.compare_button.setText(self.tr("Compare models"))
        self.compare_button.setToolTip(self.tr("Show every model's answer side by side"))
        self.compare_table.setHorizontalHeaderLabels(
            [self.tr("Model"), self.tr("Digit"), self.tr("Confidence"), self.tr("My handwriting")]
        )
        self.compare_table.horizontalHeaderItem(3).setToolTip(
            self.tr("Accuracy on the held-back part of My handwriting (the samples no fine-tune trains on)")
        )
        self._show_counts()
        if self.compare_table.rowCount():
            self._on_my_handwriting_scored(self._mine_scores)

    # --- what the window asks of the view --------------------------------------------------------------------
    def undo(self) -> None:
        self.canvas.undo()

    def redo(self) -> None:
        self.canvas.redo()

    def clear(self) -> None:
        self.canvas.clear()

    def show_image(self, image: np.ndarray, ink_is_bright: bool = False) -> None:
        """Put a grayscale uint8 image (an opened file, a dataset sample) on the canvas; it is read at once."""
        self.canvas.show_image(image, ink_is_bright=ink_is_bright)

    @property
    def clear_after_saving(self) -> bool:
        """Whether saving a sample to My handwriting clears the canvas (a setting, on by default)."""
        return self.teach.clear_after_saving.isChecked()

    @clear_after_saving.setter
    def clear_after_saving(self, on: bool) -> None:
        self.teach.clear_after_saving.setChecked(on)

    @property
    def brush(self) -> int:
        return self.brush_size.value()

    @brush.setter
    def brush(self, size: int) -> None:
        self.brush_size.setValue(size)

    @property
    def answer_is_current(self) -> bool:
        """The answer on screen (and Compare's, when shown) has read the drawing as it is now."""
        compared = not self.compare_button.isChecked() or self.compared_revision == self.revision
        return self.shown_revision == self.revision and compared and not self._live_busy

    # --- teaching it my handwriting ----------------------------------------------------------------------
    def add_to_my_handwriting(self, digit: int) -> Path | None:
        """Save the drawing as a sample of `digit`; an empty drawing is not saved (and says so)."""
        try:
            path = my_handwriting.add(self.canvas.snapshot(), digit)
        except DigitpadError as error:
            self.teach.show_message(str(error))
            self.statusChanged.emit(str(error))
            return None
        self._added.append(path)
        self.statusChanged.emit(
            self.tr(
                "saved as a {digit} in My handwriting (it has %n of them)", "", my_handwriting.counts()[digit]
            ).format(digit=digit)
        )
        if self.clear_after_saving:
            self.clear()
        self.my_handwriting_changed()
        self.collectionChanged.emit()
        return path

    def undo_last_sample(self) -> None:
        while self._added:
            path = self._added.pop()
            if path.exists():  # it may have been deleted in the Dataset view meanwhile
                my_handwriting.remove(path)
                self.statusChanged.emit(
                    self.tr("took the last {digit} out of My handwriting").format(digit=path.parent.name)
                )
                break
        self.my_handwriting_changed()
        self.collectionChanged.emit()

    def my_handwriting_changed(self) -> None:
        """The samples changed (here, in the Dataset view, by an import): recount, and rescore for Compare."""
        self._mine_scores.clear()
        self._show_counts()
        if self.compare_button.isChecked():
            self._score_models_on_my_handwriting()

    def _show_counts(self) -> None:
        self.teach.show_counts(my_handwriting.counts(), sum(path.exists() for path in self._added))

    def request_fine_tune(self) -> None:
        """Ask for the selected model to be taught My handwriting, if there are enough samples."""
        entry = self.store.current
        try:
            my_handwriting.check_ready()
        except DigitpadError as error:
            self.teach.show_message(str(error))
            self.statusChanged.emit(str(error))
            return
        if entry is not None:
            self.teach.show_message(
                self.tr("Teaching {name} your handwriting: the Train view shows the run…").format(name=entry.name)
            )
            self.fineTuneRequested.emit(entry.path)

    def show_fine_tune_result(self, model_name: str, comparison: Comparison) -> None:
        self.teach.show_comparison(model_name, comparison)

    def _score_models_on_my_handwriting(self) -> None:
        """Each model's accuracy on the held-back part of My handwriting, for Compare (in the background)."""
        entries = list(self.store.entries)
        predictors = [self._predictor_or_none(entry) for entry in entries]

        def score() -> dict[str, tuple[float, int] | None]:
            set_cpu_threads(1)
            part = my_handwriting.read_part("test")
            if not len(part.labels):
                return {str(entry.path): None for entry in entries}
            return {
                str(entry.path): (p.evaluate(part.images, part.labels).accuracy, len(part.labels)) if p else None
                for entry, p in zip(entries, predictors, strict=True)
            }

        self._tasks.start(score, self._on_my_handwriting_scored, self.errorOccurred.emit)

    def _on_my_handwriting_scored(self, scores: dict[str, tuple[float, int] | None]) -> None:
        self._mine_scores = scores
        for row, entry in enumerate(self.store.entries[: self.compare_table.rowCount()]):
            self.compare_table.setItem(row, 3, QTableWidgetItem(self._mine_score_text(str(entry.path))))

    def _mine_score_text(self, path: str) -> str:
        if path not in self._mine_scores:
            return "…"  # being measured
        score = self._mine_scores[path]
        if score is None:
            return "-"
        return self.tr("{accuracy} of {count}").format(accuracy=percent(score[0], 0), count=score[1])

    # --- the model selector ----------------------------------------------------------------------------------
    def _fill_selector(self) -> None:
        self.model_selector.blockSignals(True)
        self.model_selector.clear()
        for entry in self.store.entries:
            self.model_selector.addItem(entry.label, str(entry.path))
        self.model_selector.blockSignals(False)
        self._on_store_current_changed(self.store.current)

    def _on_store_current_changed(self, entry) -> None:
        index = self.model_selector.findData(str(entry.path)) if entry else -1
        if index != self.model_selector.currentIndex():
            self.model_selector.blockSignals(True)
            self.model_selector.setCurrentIndex(index)
            self.model_selector.blockSignals(False)
        self.read_again()

    def _on_model_selector_changed(self, index: int) -> None:
        if 0 <= index < len(self.store.entries):
            self.store.select(self.store.find(self.model_selector.itemData(index)))

    # --- reading the drawing ---------------------------------------------------------------------------------
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
        if checked and not self._mine_scores:
            self._score_models_on_my_handwriting()
        self.read_again()

    def _on_canvas_history_changed(self) -> None:
        """A stroke ended, or clear/undo/redo: read the drawing now, Compare included."""
        self._predict_timer.stop()
        self._start_reading()

    def _update_buttons(self) -> None:
        self.undo_button.setEnabled(self.canvas.can_undo)
        self.redo_button.setEnabled(self.canvas.can_redo)
        self.clear_button.setEnabled(not self.canvas.empty)

    def read_again(self) -> None:
        """The answer on screen is out of date though the drawing is not (another model, Compare opened)."""
        self.revision += 1
        self._predict_timer.stop()
        self._start_reading()

    def _start_reading(self) -> None:
        """Read the drawing on a worker thread, so drawing never waits for a model.

        One job at a time: the changes made while one runs are answered together by the next, which starts
        when it reports (after the spacing, while a run trains), so a model slower than the mouse never
        builds a queue (benchmarks/gui_stalls.py). Compare's models read only a drawing that has stopped
        changing (a stroke's end): eight models cost about 10 ms.
        """
        if self._live_busy or self.answer_is_current:
            return
        revision, started = self.revision, time.perf_counter()
        compare = self.compare_button.isChecked() and not self.canvas.drawing
        try:
            selected = self.store.predictor()
            others = [self._predictor_or_none(entry) for entry in self.store.entries] if compare else None
        except DigitpadError as error:
            self.errorOccurred.emit(str(error))
            return
        if selected is None or self.canvas.empty:
            self._show(None, revision, started)
            if others is not None:
                self._show_comparison([None] * len(others), revision)
            return
        drawing = self.canvas.snapshot()
        self._live_busy = True
        self._tasks.start(
            lambda: _read_drawing(selected, others, drawing),
            lambda answers: self._on_answers(*answers, revision, started),
            self._on_reading_failed,
        )

    def _predictor_or_none(self, entry) -> Predictor | None:
        try:
            return self.store.predictor(entry)
        except DigitpadError:
            return None  # Compare shows "-" for a model that cannot be read

    def _on_answers(self, prediction: Prediction | None, comparison: list | None, revision: int,
                    started: float) -> None:  # fmt: skip
        self._live_busy = False
        if revision > self.shown_revision:
            self._show(prediction, revision, started)
        if comparison is not None and revision > self.compared_revision:
            self._show_comparison(comparison, revision)
        if not self.answer_is_current and not self._predict_timer.isActive():
            self._predict_timer.start()

    def _on_reading_failed(self, message: str) -> None:
        self._live_busy = False
        self.errorOccurred.emit(message)

    def _show(self, prediction: Prediction | None, revision: int, started: float) -> None:
        self.shown_revision = revision
        self.last_prediction = prediction
        self.last_predict_ms = (time.perf_counter() - started) * 1000
        self.panel.show_prediction(prediction)
        self.predicted.emit(prediction)

    def _show_comparison(self, answers: list[Prediction | None], revision: int) -> None:
        self.compared_revision = revision
        entries = self.store.entries
        self.compare_table.setRowCount(len(entries))
        for row, (entry, answer) in enumerate(zip(entries, answers, strict=False)):
            cells = (entry.name, str(answer.digit) if answer else "-", percent(answer.confidence) if answer else "-",
                     self._mine_score_text(str(entry.path)))  # fmt: skip
            for column, text in enumerate(cells):
                self.compare_table.setItem(row, column, QTableWidgetItem(text))


def _read_drawing(selected: Predictor, others: list[Predictor | None] | None, drawing: np.ndarray
                  ) -> tuple[Prediction | None, list[Prediction | None] | None]:  # fmt: skip
    """The selected model's answer and, for Compare, every model's: one preprocessing shared by all.

    One image is too little work to share: one OpenMP thread never waits for a core that training holds.
    """
    set_cpu_threads(1)
    model_input = preprocess(drawing)
    if model_input is None:
        return None, None if others is None else [None] * len(others)
    comparison = None if others is None else [p.classify(model_input) if p else None for p in others]
    return selected.classify(model_input), comparison


def _button(name: str) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    return button
