"""The File menu's work, and what is dropped on the window: open an image, load, save or export a model, and
share My handwriting as a zip. Each asks for a file, checks it with the engine, and says what happened in one
line; a bad file never costs the user anything they had."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from digitpad import paths
from digitpad.engine.data.preprocess import to_grayscale
from digitpad.engine.spec.errors import DigitpadError
from digitpad.engine.store.catalog import ModelEntry
from digitpad.gui.shared.drawing import Drawing
from digitpad.gui.shared.model_store import ModelStore
from digitpad.gui.support.tasks import BackgroundTasks

IMAGE_PATTERNS = "*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp"


class FileActions(QObject):
    """Reports through `statusChanged` (a line for the status bar) and `errorOccurred` (a line for a dialog)."""

    statusChanged = Signal(str)
    errorOccurred = Signal(str)
    imageOpened = Signal()  # an image is on the drawing: the Draw view should be the one on screen
    collectionChanged = Signal()  # My handwriting gained samples from a zip

    def __init__(self, window: QWidget, drawing: Drawing, store: ModelStore) -> None:
        super().__init__(window)
        self.window, self.drawing, self.store = window, drawing, store
        self.tasks = BackgroundTasks(self)

    # --- images --------------------------------------------------------------------------------------------
    def choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Open an image of a digit"),
            "",
            self.tr("Images ({patterns})").format(patterns=IMAGE_PATTERNS),
        )
        if path:
            self.open_image(Path(path))

    def open_image(self, path: Path) -> bool:
        """Show an image file on the drawing (the views read it); a bad file gets a one-line message."""
        try:
            gray = to_grayscale(path)
        except DigitpadError as error:
            self.errorOccurred.emit(str(error))
            return False
        except Exception as error:  # the engine maps decoders' errors; anything else still gets its one line
            reason = f"{error.__class__.__name__}: {error}"
            self.errorOccurred.emit(
                self.tr("{file}: could not be opened ({reason})").format(file=path.name, reason=reason)
            )
            return False
        self.drawing.show_image(np.round(gray * 255).astype(np.uint8))
        self.imageOpened.emit()
        self.statusChanged.emit(self.tr("opened {file}").format(file=path.name))
        return True

    def open_dropped(self, path: Path) -> None:
        """A file dropped on the window: a model file is loaded, anything else opened as an image."""
        from digitpad.engine.store.checkpoints import IMPORTABLE_SUFFIXES, SUFFIX

        if path.suffix.lower() in (SUFFIX, *IMPORTABLE_SUFFIXES):
            self.load_model(path)
        else:
            self.open_image(path)

    # --- models --------------------------------------------------------------------------------------------
    def choose_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Load a model"), "", self._model_filter())
        if path:
            self.load_model(Path(path))

    def load_model(self, path: Path) -> ModelEntry | None:
        """Check a model file, copy it into the user's models (as safetensors) and select it."""
        from digitpad.engine.store.checkpoints import SUFFIX, load_checkpoint, save_checkpoint

        try:
            checkpoint = load_checkpoint(path)
            target = paths.user_models_dir() / f"{path.stem}{SUFFIX}"
            if path.resolve() != target.resolve():
                save_checkpoint(checkpoint, target)
        except DigitpadError as error:
            self.errorOccurred.emit(str(error))
            return None
        self.store.refresh(select=target)
        self.statusChanged.emit(self.tr("loaded {file} ({arch})").format(file=path.name, arch=checkpoint.arch))
        return self.store.current

    def save_model_as(self) -> None:
        from digitpad.engine.store.checkpoints import SUFFIX, load_checkpoint, save_checkpoint

        entry = self._selected()
        if entry is None:
            return
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save model as"), f"{entry.name}{SUFFIX}",
                                              self._model_filter())  # fmt: skip
        if not path:
            return
        target = Path(path) if path.endswith(SUFFIX) else Path(path + SUFFIX)
        try:
            save_checkpoint(load_checkpoint(entry.path), target)
        except (DigitpadError, OSError) as error:
            self.errorOccurred.emit(str(error))
            return
        self.statusChanged.emit(self.tr("saved {name} to {file}").format(name=entry.name, file=target))

    def choose_onnx_file(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export model to ONNX"), f"{entry.name}.onnx",
                                              "ONNX (*.onnx)")  # fmt: skip
        if path:
            self.export_onnx(Path(path if path.endswith(".onnx") else path + ".onnx"))

    def export_onnx(self, target: Path) -> None:
        """Write the selected model as ONNX, off the window's thread; the status bar says when it is done."""
        from digitpad.engine.store.export import export_onnx

        entry = self._selected()
        if entry is None:
            return
        self.statusChanged.emit(self.tr("exporting {name} to {file}…").format(name=entry.name, file=target.name))
        self.tasks.start(
            lambda: export_onnx(entry.path, target),
            lambda written: self.statusChanged.emit(
                self.tr("exported {name} to {file}").format(name=entry.name, file=written)
            ),
            self.errorOccurred.emit,
        )

    def _selected(self) -> ModelEntry | None:
        if self.store.current is None:
            self.errorOccurred.emit(self.tr("no model is selected"))
        return self.store.current

    # --- My handwriting ------------------------------------------------------------------------------------
    def choose_handwriting_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export my handwriting"), "my-handwriting.zip",
                                              self._zip_filter())  # fmt: skip
        if path:
            self.export_handwriting(Path(path if path.endswith(".zip") else path + ".zip"))

    def export_handwriting(self, target: Path) -> int | None:
        from digitpad.engine.data import my_handwriting

        try:
            written = my_handwriting.export_zip(target)
        except (DigitpadError, OSError) as error:
            self.errorOccurred.emit(self.tr("could not export My handwriting: {reason}").format(reason=error))
            return None
        self.statusChanged.emit(self.tr("exported %n sample(s) of My handwriting to {file}", "", written)
                                .format(file=target))  # fmt: skip
        return written

    def choose_handwriting_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Import my handwriting"), "", self._zip_filter())
        if path:
            self.import_handwriting(Path(path))

    def import_handwriting(self, source: Path, ask: Callable[[str], bool] | None = None) -> int | None:
        """Add a zip's samples to My handwriting; samples already here under another label are replaced only
        when the user says so (`ask`: a stand-in for the question, for scripts)."""
        from digitpad.engine.data import my_handwriting

        try:
            plan = my_handwriting.plan_import(source)
        except DigitpadError as error:
            self.errorOccurred.emit(str(error))
            return None
        replace = False
        if plan.conflicts:
            question = self.tr("%n of the zip's samples are already in My handwriting with another label. Give them "
                               "the zip's labels?", "", len(plan.conflicts))  # fmt: skip
            replace = ask(question) if ask is not None else self._ask(question)
        added = my_handwriting.apply_import(plan, replace_conflicts=replace)
        message = self.tr("imported %n sample(s) ({same} already here)", "", added).format(same=plan.same)
        if plan.unreadable:
            message += " " + self.tr("%n unreadable file(s) skipped", "", len(plan.unreadable))
        self.statusChanged.emit(message)
        self.collectionChanged.emit()
        return added

    def _ask(self, question: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(self.window, self.tr("Import my handwriting"), question, buttons,
                                      QMessageBox.StandardButton.No)  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def _model_filter(self) -> str:
        return self.tr("Models ({patterns})").format(patterns="*.safetensors *.pt *.pth")

    def _zip_filter(self) -> str:
        return self.tr("Zip files ({patterns})").format(patterns="*.zip")
