"""The models the app knows (bundled and the user's), which one is selected, and their loaded predictors."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from digitpad.engine.reading.predictor import Predictor
from digitpad.engine.store.catalog import DEFAULT_MODEL, ModelEntry, list_models


class ModelStore(QObject):
    modelsChanged = Signal()
    currentChanged = Signal(object)  # the selected ModelEntry, or None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[ModelEntry] = []
        self.current: ModelEntry | None = None
        self._predictors: dict[Path, tuple[float, Predictor]] = {}  # path -> (mtime when loaded, predictor)
        self.refresh()

    def refresh(self, select: Path | None = None) -> None:
        """Re-read the model folders; keep the selection unless `select` names a new one."""
        self.entries = list_models()
        self.modelsChanged.emit()
        wanted = select or (self.current.path if self.current else None)
        entry = self.find(wanted) if wanted else None
        self.select(entry or self.default_entry())

    def default_entry(self) -> ModelEntry | None:
        by_name = {entry.name: entry for entry in self.entries if entry.source == "bundled"}
        return by_name.get(DEFAULT_MODEL) or (self.entries[0] if self.entries else None)

    def find(self, path: Path | str) -> ModelEntry | None:
        resolved = Path(path).resolve()
        return next((e for e in self.entries if e.path.resolve() == resolved), None)

    def select(self, entry: ModelEntry | None) -> None:
        if entry == self.current:
            return
        self.current = entry
        self.currentChanged.emit(entry)

    def predictor(self, entry: ModelEntry | None = None) -> Predictor | None:
        """The loaded model for `entry` (default: the selected one), reloaded if its file changed."""
        entry = entry or self.current
        if entry is None:
            return None
        mtime = entry.path.stat().st_mtime if entry.path.exists() else 0.0
        cached = self._predictors.get(entry.path)
        if cached is None or cached[0] != mtime:
            cached = (mtime, Predictor(entry.path))
            self._predictors[entry.path] = cached
        return cached[1]
