"""Compare, in the Draw view: every model's answer to the drawing (a number's digit in focus, as the selected model
cuts it) side by side, and each one's accuracy on the held-back part of My handwriting."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from digitpad.engine.data import my_handwriting
from digitpad.engine.reading.number import canvas_digit
from digitpad.engine.reading.prediction import Prediction
from digitpad.engine.reading.predictor import Predictor
from digitpad.engine.spec.errors import DigitpadError
from digitpad.engine.store.catalog import ModelEntry
from digitpad.engine.system.device import set_cpu_threads
from digitpad.gui.shared.drawing import Drawing
from digitpad.gui.shared.model_store import ModelStore
from digitpad.gui.support.language import Retranslatable, percent
from digitpad.gui.support.tasks import BackgroundTasks, NewestAnswer

Score = tuple[float, int] | None  # (accuracy, samples) on the held-back part; None: the model could not be read


class CompareTable(Retranslatable, QWidget):
    """A button that opens the table; while open, it answers every drawing that has stopped changing."""

    errorOccurred = Signal(str)

    def __init__(self, drawing: Drawing, store: ModelStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drawing, self.store = drawing, store
        self._scores: dict[str, Score] = {}  # model path -> its score on the held-back part of My handwriting
        self._tasks = BackgroundTasks(self)
        self.answers = NewestAnswer(self._prepare, self._show, self.errorOccurred.emit, self)
        self.button = QPushButton()
        self.button.setObjectName("compareButton")
        self.button.setCheckable(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("compareTable")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.table, 1)
        self.button.toggled.connect(self._on_toggled)
        drawing.settled.connect(self.read_again)
        drawing.focusChanged.connect(lambda _index: self.read_again())
        store.currentChanged.connect(lambda _entry: self.read_again())
        store.modelsChanged.connect(self.read_again)
        self.retranslate()

    def retranslate(self) -> None:
        self.button.setText(self.tr("Compare models"))
        self.button.setToolTip(self.tr("Show every model's answer side by side"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Model"), self.tr("Digit"), self.tr("Confidence"), self.tr("My handwriting")]
        )
        header = self.table.horizontalHeaderItem(3)
        assert header is not None
        header.setToolTip(
            self.tr("Accuracy on the held-back part of My handwriting (the samples no fine-tune trains on)")
        )
        if self.table.rowCount():
            self._show_scores(self._scores)

    @property
    def current(self) -> bool:
        """Closed, or showing every model's answer to the drawing as it is now."""
        return not self.button.isChecked() or self.answers.current

    def read_again(self) -> None:
        if self.button.isChecked():
            self.answers.ask(at_once=True)

    def my_handwriting_changed(self) -> None:
        """The samples changed: the scores are measured again (now, if the table is open)."""
        self._scores.clear()
        if self.button.isChecked():
            self._score_models()

    def _on_toggled(self, checked: bool) -> None:
        self.table.setVisible(checked)
        if checked and not self._scores:
            self._score_models()
        self.read_again()

    # --- every model's answer ----------------------------------------------------------------------------------
    def _prepare(self) -> Callable[[], list[Prediction | None]] | None:
        """The job for the drawing as it is now: a stroke still growing is read when it ends."""
        if self.drawing.stroking:
            return None
        entries = list(self.store.entries)
        predictors = [self._predictor_or_none(entry) for entry in entries]
        cutter = self._predictor_or_none(self.store.current) if self.store.current else None
        pixels = None if self.drawing.empty or cutter is None else self.drawing.to_array()
        focus = self.drawing.focus
        return lambda: _read_with_each(predictors, pixels, cutter, focus)

    def _predictor_or_none(self, entry: ModelEntry) -> Predictor | None:
        try:
            return self.store.predictor(entry)
        except DigitpadError:
            return None  # Compare shows "-" for a model that cannot be read

    def _show(self, answers: list[Prediction | None]) -> None:
        entries = self.store.entries
        self.table.setRowCount(len(entries))
        for row, (entry, answer) in enumerate(zip(entries, answers, strict=False)):
            cells = (entry.name, self._answer_text(answer), percent(answer.confidence) if answer else "-",
                     self._score_text(str(entry.path)))  # fmt: skip
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def _answer_text(self, answer: Prediction | None) -> str:
        """A model's digit, or its verdict that the drawing is none."""
        if answer is None:
            return "-"
        return self.tr("not a digit ({digit}?)").format(digit=answer.digit) if answer.not_a_digit else str(answer.digit)

    # --- each model on My handwriting --------------------------------------------------------------------------
    def _score_models(self) -> None:
        """Each model's accuracy on the held-back part of My handwriting (in the background)."""
        entries = list(self.store.entries)
        predictors = [self._predictor_or_none(entry) for entry in entries]

        def score() -> dict[str, Score]:
            set_cpu_threads(1)
            part = my_handwriting.read_part("test")
            if not len(part.labels):
                return {str(entry.path): None for entry in entries}
            return {
                str(entry.path): (p.evaluate(part.images, part.labels).accuracy, len(part.labels)) if p else None
                for entry, p in zip(entries, predictors, strict=True)
            }

        self._tasks.start(score, self._show_scores, self.errorOccurred.emit)

    def _show_scores(self, scores: dict[str, Score]) -> None:
        self._scores = scores
        for row, entry in enumerate(self.store.entries[: self.table.rowCount()]):
            self.table.setItem(row, 3, QTableWidgetItem(self._score_text(str(entry.path))))

    def _score_text(self, path: str) -> str:
        if path not in self._scores:
            return "…"  # being measured
        score = self._scores[path]
        if score is None:
            return "-"
        return self.tr("{accuracy} of {count}").format(accuracy=percent(score[0], 0), count=score[1])


def _read_with_each(predictors: list[Predictor | None], pixels: np.ndarray | None, cutter: Predictor | None,
                    focus: int) -> list[Prediction | None]:  # fmt: skip
    """Every model's answer to the digit in focus, cut from the drawing once by the selected model (`cutter`);
    a model that cannot be read: None.

    One image is too little work to share: one OpenMP thread never waits for a core that training holds.
    """
    set_cpu_threads(1)
    focused = canvas_digit(pixels, cutter, focus) if pixels is not None and cutter is not None else None
    return [p.classify(focused.model_input) if p is not None and focused is not None else None for p in predictors]
