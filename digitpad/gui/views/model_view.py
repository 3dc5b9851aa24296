"""What the Inside and Why views share: a canvas on the one Drawing, the selected model loaded only when on screen,
their answers computed as a NewestAnswer (one job at a time, never an older result after a newer one), and the
digit they look at: the drawing's digit in focus when it holds a number, cut as the selected model reads it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from digitpad.engine.reading.number import FocusedDigit, canvas_digit
from digitpad.gui.shared.drawing import Drawing
from digitpad.gui.shared.model_store import ModelStore
from digitpad.gui.support.language import Retranslatable
from digitpad.gui.support.tasks import NewestAnswer
from digitpad.gui.widgets.canvas import DrawCanvas


class ModelView(Retranslatable, QWidget):
    """Subclasses load the model in `_load_model`, give the job for the drawing as it is now in `_job` (None when
    there is nothing to compute with), show its result in `_show_result` and extend `retranslate`."""

    def __init__(self, drawing: Drawing, store: ModelStore, canvas_name: str, canvas_size: tuple[int, int],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.drawing, self.store = drawing, store
        self._model_stale = True
        self.answers = NewestAnswer(self._prepare, self._show_result, self._on_failed, self)
        self.canvas = DrawCanvas(drawing)
        self.canvas.setObjectName(canvas_name)
        self.canvas.setMinimumSize(canvas_size[0], canvas_size[0])
        self.canvas.setMaximumSize(canvas_size[1], canvas_size[1])
        drawing.changed.connect(self.answers.ask)
        drawing.focusChanged.connect(lambda _index: self.answers.ask(at_once=True))
        store.currentChanged.connect(lambda _entry: self.set_model())

    def retranslate(self) -> None:
        self.canvas.setToolTip(self.tr("Draw here: the same drawing as the Draw view's"))

    def set_model(self) -> None:
        """Follow the selected model (when the view is next on screen: until then it costs nothing)."""
        self._model_stale = True
        if self.isVisible():
            self._model_stale = False
            self._load_model()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._model_stale:
            self._model_stale = False
            self._load_model()
        self.answers.start()

    def focused_digit_job(self) -> Callable[[], FocusedDigit | None]:
        """For a job: the drawing's digit in focus as it is now (None: blank paper), cut on the worker thread."""
        pixels = None if self.drawing.empty else self.drawing.to_array()
        cutter, focus = self.store.predictor(), self.drawing.focus
        if pixels is None or cutter is None:
            return lambda: None
        return lambda: canvas_digit(pixels, cutter, focus)

    def _prepare(self) -> Callable[[], Any] | None:
        return self._job() if self.isVisible() else None  # a view off screen computes nothing

    def _load_model(self) -> None:
        raise NotImplementedError

    def _job(self) -> Callable[[], Any] | None:
        raise NotImplementedError

    def _show_result(self, result: Any) -> None:
        raise NotImplementedError

    def _on_failed(self, message: str) -> None:
        raise NotImplementedError
