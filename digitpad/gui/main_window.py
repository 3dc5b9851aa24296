"""The main window: the Drawing and the model store the views share, the tabs, menus and status bar, the routes
between views, the settings, and a clean shutdown.

It shows before torch loads: the loading view first (a canvas and the quick reader's answers), then the views
once a worker thread has imported the engine. This module imports nothing that imports torch at module level.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QIcon
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from digitpad import paths
from digitpad.engine.reading.quick_reader import QuickReader, load_quick_reader
from digitpad.gui.shared.drawing import Drawing
from digitpad.gui.support import language
from digitpad.gui.support.app_settings import settings
from digitpad.gui.support.garbage import freeze_what_is_loaded
from digitpad.gui.support.language import Retranslatable
from digitpad.gui.support.tasks import BackgroundTasks
from digitpad.gui.views.loading_view import LoadingView

if TYPE_CHECKING:  # the views and the engine import torch: the window may be on screen before they load
    import torch

    from digitpad.engine.training.events import Finished


def import_engine() -> None:
    """The heavy imports (torch above all: 1-2.5 s on a 2-core laptop), for a worker thread."""
    import digitpad.engine.reading.predictor
    import digitpad.engine.store.catalog
    import digitpad.engine.training.run  # noqa: F401


class MainWindow(Retranslatable, QMainWindow):
    viewsReady = Signal()  # the views exist and a model is selected
    shutdown_timeout_ms = 60_000  # how long closing waits for a training run to stop and save

    def __init__(self, parent: QWidget | None = None, load_engine_in_background: bool = False) -> None:
        """The whole window at once; or, with `load_engine_in_background` (the app's start-up), the window frame
        first and the views as soon as a worker thread has imported the engine, so the window shows in about
        a second instead of waiting for torch (benchmarks/startup.py)."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        icon_path = paths.assets_dir() / "icons" / "digitpad.svg"
        if icon_path.is_file():
            self.setWindowIcon(QIcon(str(icon_path)))
        self.setAcceptDrops(True)
        self.settings = settings()
        self.tasks = BackgroundTasks(self)
        self.drawing = Drawing(self)  # every view's: the loading view's strokes are the Draw view's
        self.views_ready = False
        self.model_status, self.dataset_status, self.device_status = QLabel(), QLabel(), QLabel()
        self._dataset_title = language.translate("datasets", "MNIST (bundled)")
        self._device: torch.device | None = None  # the device live prediction and training use, once torch is here
        for label in (self.model_status, self.dataset_status, self.device_status):
            self.statusBar().addPermanentWidget(label)
        self._restore_geometry()
        self.retranslate()
        self.loading_view: LoadingView | None = None  # drawn on, and answered, before the views exist
        if load_engine_in_background:
            self.loading_view = LoadingView(self.drawing)
            self.loading_view.errorOccurred.connect(self.show_status)
            self.setCentralWidget(self.loading_view)
            # started from the event loop, once the window has been shown: a thread importing torch holds
            # Python's lock for long stretches, and the window must not wait for it to appear
            QTimer.singleShot(0, self._start_loading)
        else:
            self._build_views()

    def _start_loading(self) -> None:
        self.tasks.start(load_quick_reader, self._on_quick_reader_loaded, self.show_status)
        self.tasks.start(import_engine, lambda _result: self._build_views(), self.show_error)

    def _on_quick_reader_loaded(self, reader: QuickReader | None) -> None:
        if self.loading_view is not None:  # else the engine came first and the Draw view answers already
            self.loading_view.set_reader(reader)

    def _build_views(self) -> None:
        import torch

        from digitpad.engine.system.device import resolve_device
        from digitpad.engine.training.loop import warm_up as warm_up_training
        from digitpad.gui.file_actions import FileActions
        from digitpad.gui.menus import Menus
        from digitpad.gui.shared.model_store import ModelStore
        from digitpad.gui.training.controller import TrainingController
        from digitpad.gui.training.train_view import TrainView
        from digitpad.gui.views.dataset_browser import DatasetBrowser
        from digitpad.gui.views.draw_view import DrawView
        from digitpad.gui.views.inside_view import InsideView
        from digitpad.gui.views.why_view import WhyView

        # The GUI thread's own torch work is one image at a time (live prediction): one OpenMP thread is as
        # fast there, and it never waits for a second thread whose core a training run has taken.
        torch.set_num_threads(1)
        self.store = ModelStore(self)
        self.controller = TrainingController(self)
        self.files = FileActions(self, self.drawing, self.store)
        self.draw_view = DrawView(self.drawing, self.store)
        self.dataset_browser = DatasetBrowser(self.store)
        self.train_view = TrainView(self.controller)
        self.inside_view = InsideView(self.drawing, self.store)
        self.why_view = WhyView(self.drawing, self.store)
        self.menus = Menus(self, self.files, self.drawing, self.start_training, self.controller.stop)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        for view in (self.draw_view, self.dataset_browser, self.train_view, self.inside_view, self.why_view):
            self.tabs.addTab(view, "")  # the titles: retranslate()
        if self.loading_view is not None:
            self.loading_view.hand_over()
        self.setCentralWidget(self.tabs)  # the loading view goes (Qt deletes it); its drawing stays
        self.loading_view = None
        self._device = resolve_device("auto")
        self._connect_views()
        self._restore_view_settings()
        if self.train_view.offers_resume:  # a run was cut short: show the offer to resume it
            self.tabs.setCurrentWidget(self.train_view)
        self.tasks.start(warm_up_training, lambda _result: freeze_what_is_loaded(), self.show_status)
        self.views_ready = True
        self.retranslate()
        freeze_what_is_loaded()  # torch and the views: see garbage.py
        self.viewsReady.emit()

    def _connect_views(self) -> None:
        """The routes between the views: what one of them does that the window or another view follows."""
        self.store.currentChanged.connect(lambda _entry: self.model_status.setText(self._model_text()))
        for source in (self.dataset_browser, self.why_view):
            source.sampleActivated.connect(self._on_sample_activated)
        for view in (self.dataset_browser, self.draw_view, self.train_view, self.files):
            view.statusChanged.connect(self.show_status)
        self.draw_view.errorOccurred.connect(self.show_status)
        self.dataset_browser.errorOccurred.connect(self.show_error)
        self.files.errorOccurred.connect(self.show_error)
        self.files.imageOpened.connect(lambda: self.tabs.setCurrentWidget(self.draw_view))
        self.dataset_browser.datasetChanged.connect(self._on_dataset_changed)
        for collection in (self.draw_view.teach, self.dataset_browser, self.files):
            collection.collectionChanged.connect(self._on_my_handwriting_changed)
        self.draw_view.teach.fineTuneRequested.connect(self._on_fine_tune_requested)
        self.controller.finished.connect(self._on_training_run_finished)
        self.controller.modelSaved.connect(lambda _path: self.store.refresh())
        self.controller.runningChanged.connect(self._on_training_running_changed)
        self.model_status.setText(self._model_text())

    def retranslate(self) -> None:
        """Every text the window itself shows, in the chosen language (the views and menus say their own)."""
        self.setWindowTitle("digitpad")
        self.model_status.setText(self._model_text())
        self.dataset_status.setText(self.tr("dataset: {title}").format(title=self._dataset_title))
        if self._device is not None:
            self.device_status.setText(self.tr("device: {device}").format(device=self._device_name()))
        if not self.views_ready:
            return
        for index, title in enumerate((self.tr("Draw"), self.tr("Dataset"), self.tr("Train"), self.tr("Inside"),
                                       self.tr("Why"))):  # fmt: skip
            self.tabs.setTabText(index, title)
        self.menus.retranslate()

    def _device_name(self) -> str:
        from digitpad.engine.system.device import cpu_count, describe

        assert self._device is not None
        if self._device.type == "cpu":
            return self.tr("CPU (%n core(s))", "", cpu_count())
        return describe(self._device)  # a GPU by its own name

    def _model_text(self) -> str:
        if not self.views_ready:
            return self.tr("model: loading…")
        entry = self.store.current
        return self.tr("model: {name}").format(name=entry.label) if entry else self.tr("model: none")

    def start_training(self) -> None:
        self.tabs.setCurrentWidget(self.train_view)
        self.train_view.start()

    def show_error(self, message: str) -> None:
        """One line in a dialog that does not block the event loop; the app goes on."""
        box = QMessageBox(QMessageBox.Icon.Warning, "digitpad", message, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorDialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.show_status(message)

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    # --- routes ------------------------------------------------------------------------------------------------
    def _on_dataset_changed(self, title: str) -> None:
        self._dataset_title = title
        self.retranslate()

    def _on_sample_activated(self, image: np.ndarray, label: int) -> None:
        self.drawing.show_image(image, ink_is_bright=True)
        self.tabs.setCurrentWidget(self.draw_view)
        self.show_status(self.tr("dataset sample labelled {digit} sent to the canvas").format(digit=label))

    def _on_my_handwriting_changed(self) -> None:
        """Samples were added, deleted, relabelled or imported: every view that shows them catches up."""
        self.draw_view.my_handwriting_changed()
        self.dataset_browser.my_handwriting_changed()
        self.train_view.refresh_datasets()

    def _on_fine_tune_requested(self, parent: Path) -> None:
        self.tabs.setCurrentWidget(self.train_view)
        self.train_view.start_fine_tune(parent)

    def _on_training_run_finished(self, event: Finished) -> None:
        """A fine-tune selects its new model and shows, in Draw, what it changed."""
        if event.comparison is None or not event.checkpoint:
            return
        self.store.refresh(select=Path(event.checkpoint))
        self.draw_view.show_fine_tune_result(Path(event.checkpoint).stem, event.comparison)
        self.tabs.setCurrentWidget(self.draw_view)

    def _on_training_running_changed(self, running: bool) -> None:
        self.menus.set_training(running)
        self.draw_view.space_live_predictions(running)

    # --- drag and drop -----------------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and self.views_ready:
            self.files.open_dropped(Path(urls[0].toLocalFile()))
            event.acceptProposedAction()

    # --- settings and shutdown ---------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    def _restore_view_settings(self) -> None:
        tab = self._whole_number("window/tab")
        self.tabs.setCurrentIndex(tab if tab is not None and 0 <= tab < self.tabs.count() else 0)
        model = self.settings.value("draw/model")
        if isinstance(model, str) and self.store.find(model):
            self.store.select(self.store.find(model))
        brush = self._whole_number("draw/brush")
        if brush is not None:
            self.draw_view.brush = brush  # the slider keeps it within its range
        clear_after = self.settings.value("draw/clear_after_saving")
        if clear_after is not None:
            self.draw_view.teach.clear_after_saving.setChecked(str(clear_after).lower() == "true")
        arch = self.settings.value("train/arch")
        if isinstance(arch, str):
            self.train_view.select_arch(arch)

    def _whole_number(self, key: str) -> int | None:
        """A setting that should be a whole number; None when it is missing or is not one (a damaged file)."""
        try:
            return int(str(self.settings.value(key)))
        except ValueError:
            return None

    def _save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        if not self.views_ready:  # closed while the engine loaded: nothing else was shown, nothing to keep
            self.settings.sync()
            return
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        if self.store.current:
            self.settings.setValue("draw/model", str(self.store.current.path))
        self.settings.setValue("draw/brush", self.draw_view.brush)
        self.settings.setValue("draw/clear_after_saving", self.draw_view.teach.clear_after_saving.isChecked())
        self.settings.setValue("train/arch", self.train_view.selected_arch)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop a training run cleanly (its best checkpoint is kept), let background jobs end, save settings."""
        self._save_settings()
        if self.views_ready and self.controller.running:
            self.show_status(self.tr("stopping training and keeping the best model…"))
            if not self.controller.shutdown(self.shutdown_timeout_ms):  # never destroy a running thread
                event.ignore()
                self.show_error(self.tr("Training has not stopped yet, so the window stays open: close it again in "
                                        "a moment (the best model so far is saved)."))  # fmt: skip
                return
        if self.views_ready:
            self.why_view.stop_background_work()
        self.tasks.wait_for_all()  # the views' jobs and the warm-up share the global pool
        event.accept()
