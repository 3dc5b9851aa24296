"""What the Inside and Why views share: their own canvas, the selected model loaded only when on screen, and
one background job at a time whose result is shown only if nothing newer was asked for since."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from digitpad.gui.canvas import DrawCanvas
from digitpad.gui.language import Retranslatable
from digitpad.gui.model_store import ModelStore
from digitpad.gui.tasks import BackgroundTasks


class ModelView(Retranslatable, QWidget):
    """Subclasses load the model in `_load_model`, start their job in `_start` (when not `_busy`) and extend
    `retranslate` (calling this one)."""

    def __init__(self, store: ModelStore, canvas_name: str, canvas_size: tuple[int, int],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.store = store
        self._tasks = BackgroundTasks(self)
        self._busy = False
        self._model_stale = True
        self.revision = 0  # counts new drawings and models, so an older result never replaces a newer one
        self.shown_revision = 0
        self.canvas = DrawCanvas()
        self.canvas.setObjectName(canvas_name)
        self.canvas.setMinimumSize(canvas_size[0], canvas_size[0])
        self.canvas.setMaximumSize(canvas_size[1], canvas_size[1])
        self.canvas.drawingChanged.connect(self._changed)
        store.currentChanged.connect(lambda _entry: self.set_model())

    def retranslate(self) -> None:
        self.canvas.setToolTip(self.tr("Draw here (the Draw view's drawing comes here when you open this view)"))

    def set_model(self) -> None:
        """Follow the selected model (when the view is next on screen: until then it costs nothing)."""
        self._model_stale = True
        if self.isVisible():
            self._model_stale = False
            self._load_model()

    def show_drawing(self, drawing: np.ndarray | None) -> None:
        """Take a drawing (uint8, paper 255, as a canvas holds it: the Draw view's, an image, a sample)."""
        if drawing is None:
            self.canvas.clear()
        else:
            self.canvas.show_image(drawing)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._model_stale:
            self._model_stale = False
            self._load_model()
        self._start()

    def _changed(self) -> None:
        self.revision += 1
        self._start()

    def _load_model(self) -> None:
        raise NotImplementedError

    def _start(self) -> None:
        raise NotImplementedError
