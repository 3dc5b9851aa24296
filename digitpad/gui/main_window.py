"""The main window: Draw, Dataset and Train tabs, menus, shortcuts, status bar, settings, clean shutdown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QByteArray, QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from digitpad import __version__, paths
from digitpad.engine.data.preprocess import to_grayscale
from digitpad.engine.reading.quick_reader import QuickReader, load_quick_reader
from digitpad.engine.spec.errors import DigitpadError
from digitpad.gui import language
from digitpad.gui.app_settings import settings
from digitpad.gui.garbage import freeze_what_is_loaded
from digitpad.gui.language import Retranslatable
from digitpad.gui.loading_view import LoadingView
from digitpad.gui.tasks import BackgroundTasks

if TYPE_CHECKING:  # the views and the engine import torch: the window may be on screen before they load
    from digitpad.engine.store.catalog import ModelEntry


def import_engine() -> None:
    """The heavy imports (torch above all: 1-2.5 s on a 2-core laptop), for a worker thread."""
    import digitpad.engine.reading.predictor
    import digitpad.engine.store.catalog
    import digitpad.engine.training.run  # noqa: F401


class MainWindow(Retranslatable, QMainWindow):
    viewsReady = Signal()  # the Draw, Dataset and Train views exist and a model is selected
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
        self.views_ready = False
        self.device_status = QLabel()
        self.model_status = QLabel()
        self.dataset_status = QLabel()
        self._dataset_title = language.translate("datasets", "MNIST (bundled)")
        self._device = None  # the torch.device live prediction and training use, once torch is here
        for label in (self.model_status, self.dataset_status, self.device_status):
            self.statusBar().addPermanentWidget(label)
        self._restore_geometry()
        self.retranslate()
        self.loading_view: LoadingView | None = None  # drawn on, and answered, before the views exist
        if load_engine_in_background:
            self.loading_view = LoadingView()
            self.loading_view.errorOccurred.connect(self._show_status)
            self.setCentralWidget(self.loading_view)
            self.tasks.start(load_quick_reader, self._on_quick_reader_loaded, self._show_status)
            self.tasks.start(import_engine, lambda _result: self._build_views(), self.show_error)
        else:
            self._build_views()

    def _on_quick_reader_loaded(self, reader: QuickReader | None) -> None:
        if self.loading_view is not None:  # else the engine came first and the Draw view answers already
            self.loading_view.set_reader(reader)

    def _build_views(self) -> None:
        import torch

        from digitpad.engine.system.device import resolve_device
        from digitpad.engine.training.loop import warm_up as warm_up_training
        from digitpad.gui.dataset_browser import DatasetBrowser
        from digitpad.gui.draw_view import DrawView
        from digitpad.gui.inside_view import InsideView
        from digitpad.gui.model_store import ModelStore
        from digitpad.gui.training_panel import TrainingPanel
        from digitpad.gui.why_view import WhyView

        # The GUI thread's own torch work is one image at a time (live prediction): one OpenMP thread is as
        # fast there, and it never waits for a second thread whose core a training run has taken.
        torch.set_num_threads(1)
        self.store = ModelStore(self)
        self.draw_view = DrawView(self.store)
        self.dataset_browser = DatasetBrowser(self.store)
        self.training_panel = TrainingPanel()
        self.inside_view = InsideView(self.store)
        self.why_view = WhyView(self.store)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        for view in (self.draw_view, self.dataset_browser, self.training_panel, self.inside_view, self.why_view):
            self.tabs.addTab(view, "")  # the titles: retranslate()
        if self.loading_view is not None and not self.loading_view.canvas.empty:  # a drawing made on it comes along
            self.draw_view.show_image(self.loading_view.canvas.to_array())
        self.setCentralWidget(self.tabs)  # the loading view goes (Qt deletes it)
        self.loading_view = None
        self._device = resolve_device("auto")
        self._build_menus()
        self.store.currentChanged.connect(self._on_store_current_changed)
        self.dataset_browser.sampleActivated.connect(self._on_dataset_sample_activated)
        self.why_view.sampleActivated.connect(self._on_dataset_sample_activated)
        self.dataset_browser.statusChanged.connect(self._show_status)
        self.dataset_browser.errorOccurred.connect(self.show_error)
        self.dataset_browser.datasetChanged.connect(self._on_dataset_changed)
        self.draw_view.errorOccurred.connect(self._show_status)
        self.draw_view.statusChanged.connect(self._show_status)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.draw_view.collectionChanged.connect(self._on_my_handwriting_changed)
        self.draw_view.fineTuneRequested.connect(self._on_fine_tune_requested)
        self.dataset_browser.collectionChanged.connect(self._on_my_handwriting_changed)
        self.training_panel.runFinished.connect(self._on_training_run_finished)
        self.training_panel.modelSaved.connect(self._on_training_model_saved)
        self.training_panel.statusChanged.connect(self._show_status)
        self.training_panel.runningChanged.connect(self._on_training_running_changed)
        self._on_store_current_changed(self.store.current)
        self._restore_view_settings()
        if self.training_panel.offers_resume:  # a run was cut short: show the offer to resume it
            self.tabs.setCurrentWidget(self.training_panel)
        self.tasks.start(warm_up_training, lambda _result: freeze_what_is_loaded(), self._show_status)
        self.views_ready = True
        self.retranslate()
        freeze_what_is_loaded()  # torch and the views: see garbage.py
        self.viewsReady.emit()

    # --- menus -------------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        """The menus and their actions; their texts are set by retranslate()."""

        def action(menu, slot, shortcut=None, name: str = "") -> QAction:
            item = QAction(self)
            if shortcut is not None:
                item.setShortcut(QKeySequence(shortcut))
            item.setObjectName(name)
            item.triggered.connect(slot)
            menu.addAction(item)
            return item

        self.file_menu = file_menu = self.menuBar().addMenu("")
        self.open_action = action(file_menu, self.choose_image, QKeySequence.StandardKey.Open, "openImageAction")
        self.load_action = action(file_menu, self.choose_model, "Ctrl+L", "loadModelAction")
        self.save_action = action(file_menu, self.save_model_as, QKeySequence.StandardKey.Save, "saveModelAction")
        self.onnx_action = action(file_menu, self.choose_onnx_file, None, "exportOnnxAction")
        file_menu.addSeparator()
        self.export_mine_action = action(file_menu, self.choose_handwriting_export, None, "exportHandwritingAction")
        self.import_mine_action = action(file_menu, self.choose_handwriting_import, None, "importHandwritingAction")
        file_menu.addSeparator()
        self.quit_action = action(file_menu, self.close, QKeySequence.StandardKey.Quit, "quitAction")
        self.edit_menu = edit_menu = self.menuBar().addMenu("")
        self.undo_action = action(edit_menu, self.draw_view.undo, QKeySequence.StandardKey.Undo, "undoAction")
        self.redo_action = action(edit_menu, self.draw_view.redo, QKeySequence.StandardKey.Redo, "redoAction")
        self.clear_action = action(edit_menu, self.draw_view.clear, QKeySequence.StandardKey.New, "clearAction")
        self.view_menu = self.menuBar().addMenu("")
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.setObjectName("languageMenu")
        self.language_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        chosen = language.saved_language()
        for code in (language.SYSTEM, *language.LANGUAGES):
            item = action(self.language_menu, lambda _checked=False, c=code: self.choose_language(c), None,
                          f"language_{code}")  # fmt: skip
            item.setCheckable(True)
            item.setChecked(code == chosen)
            item.setActionGroup(group)
            self.language_actions[code] = item
        self.train_menu = train_menu = self.menuBar().addMenu("")
        self.start_action = action(train_menu, self._start_training, "F5", "startTrainingAction")
        self.stop_action = action(train_menu, self.training_panel.stop, "Shift+F5", "stopAction")
        self.stop_action.setEnabled(False)
        self.help_menu = help_menu = self.menuBar().addMenu("")
        self.about_action = action(help_menu, self.show_about, None, "aboutAction")

    def retranslate(self) -> None:
        """Every text the window itself shows, in the chosen language (the views translate their own)."""
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
        self.file_menu.setTitle(self.tr("&File"))
        self.open_action.setText(self.tr("&Open image…"))
        self.load_action.setText(self.tr("&Load model…"))
        self.save_action.setText(self.tr("&Save model as…"))
        self.onnx_action.setText(self.tr("&Export model to ONNX…"))
        self.export_mine_action.setText(self.tr("Export my &handwriting…"))
        self.import_mine_action.setText(self.tr("&Import my handwriting…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.undo_action.setText(self.tr("&Undo stroke"))
        self.redo_action.setText(self.tr("&Redo stroke"))
        self.clear_action.setText(self.tr("&Clear drawing"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.language_actions[language.SYSTEM].setText(self.tr("System"))
        for code, name in language.LANGUAGES.items():
            self.language_actions[code].setText(name)  # each language by its own name
        self.train_menu.setTitle(self.tr("&Train"))
        self.start_action.setText(self.tr("&Start training"))
        self.stop_action.setText(self.tr("S&top training"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About digitpad"))

    def _device_name(self) -> str:
        from digitpad.engine.system.device import cpu_count, describe

        if self._device.type == "cpu":
            return self.tr("CPU (%n core(s))", "", cpu_count())
        return describe(self._device)  # a GPU by its own name

    def choose_language(self, code: str) -> None:
        """View > Language: switch every text now (the drawing, the dataset page and a running training stay)."""
        language.install(QCoreApplication.instance(), code)
        language.remember(code)
        self.language_actions[code].setChecked(True)

    def about_text(self) -> str:
        summary = self.tr("Handwritten-digit recognition with LeNet-family convolutional networks: draw, browse "
                          "MNIST, train and compare.")  # fmt: skip
        history = self.tr(
            "<h3>A short history</h3><ul><li><b>1989</b>: LeCun et al. apply backpropagation to handwritten zip "
            "code recognition (Neural Computation 1(4)).</li><li><b>1990</b>: handwritten digit recognition with a "
            "back-propagation network (NIPS 2): 1% error, about 9% rejection on US Postal Service zip-code "
            "digits.</li><li><b>1998</b>: LeCun, Bottou, Bengio and Haffner, “Gradient-based learning applied to "
            "document recognition” (Proc. IEEE 86(11)): LeNet-5, 0.95% test error on MNIST; such networks read "
            "millions of bank checks a day.</li></ul>"
        )
        licences = self.tr(
            "<h3>Licences</h3><p>digitpad: MIT. MNIST (Y. LeCun, C. Cortes, C. J. C. Burges): CC BY-SA 3.0. Qt for "
            "Python (PySide6): LGPLv3. PyTorch: BSD-3-Clause. pyqtgraph: MIT.</p>"
        )
        return f"<h2>digitpad {__version__}</h2><p>{summary}</p>{history}{licences}"

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About digitpad"), self.about_text())

    def _model_text(self) -> str:
        if not self.views_ready:
            return self.tr("model: loading…")
        entry = self.store.current
        return self.tr("model: {name}").format(name=entry.label) if entry else self.tr("model: none")

    # --- actions -----------------------------------------------------------------------------------------
    def choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open an image of a digit"), "",
            self.tr("Images ({patterns})").format(patterns="*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp"),
        )  # fmt: skip
        if path:
            self.open_image(Path(path))

    def open_image(self, path: Path) -> bool:
        """Show an image file on the canvas and predict it; a bad file gets a one-line message."""
        try:
            gray = to_grayscale(path)
        except DigitpadError as error:
            self.show_error(str(error))
            return False
        except Exception as error:  # the engine maps decoders' errors; anything else still gets its one line
            reason = f"{error.__class__.__name__}: {error}"
            self.show_error(self.tr("{file}: could not be opened ({reason})").format(file=path.name, reason=reason))
            return False
        self.draw_view.show_image(np.round(gray * 255).astype(np.uint8))
        self.tabs.setCurrentWidget(self.draw_view)
        self._show_status(self.tr("opened {file}").format(file=path.name))
        return True

    def choose_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load a model"), "", self._model_filter())
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
            self.show_error(str(error))
            return None
        self.store.refresh(select=target)
        self._show_status(self.tr("loaded {file} ({arch})").format(file=path.name, arch=checkpoint.arch))
        return self.store.current

    def save_model_as(self) -> None:
        from digitpad.engine.store.checkpoints import SUFFIX, load_checkpoint, save_checkpoint

        entry = self.store.current
        if entry is None:
            self.show_error(self.tr("no model is selected"))
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save model as"), f"{entry.name}{SUFFIX}", self._model_filter()
        )
        if path:
            try:
                target = Path(path) if path.endswith(SUFFIX) else Path(path + SUFFIX)
                save_checkpoint(load_checkpoint(entry.path), target)
            except (DigitpadError, OSError) as error:
                self.show_error(str(error))
                return
            self._show_status(self.tr("saved {name} to {file}").format(name=entry.name, file=target))

    def choose_onnx_file(self) -> None:
        entry = self.store.current
        if entry is None:
            self.show_error(self.tr("no model is selected"))
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export model to ONNX"), f"{entry.name}.onnx", "ONNX (*.onnx)"
        )
        if path:
            self.export_onnx(Path(path if path.endswith(".onnx") else path + ".onnx"))

    def export_onnx(self, target: Path) -> None:
        """Write the selected model as ONNX, off the window's thread; the status bar says when it is done."""
        from digitpad.engine.store.export import export_onnx

        entry = self.store.current
        if entry is None:
            self.show_error(self.tr("no model is selected"))
            return
        self._show_status(self.tr("exporting {name} to {file}…").format(name=entry.name, file=target.name))
        self.tasks.start(
            lambda: export_onnx(entry.path, target),
            lambda written: self._show_status(
                self.tr("exported {name} to {file}").format(name=entry.name, file=written)
            ),
            self.show_error,
        )

    def choose_handwriting_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export my handwriting"), "my-handwriting.zip", self._zip_filter()
        )
        if path:
            self.export_handwriting(Path(path if path.endswith(".zip") else path + ".zip"))

    def export_handwriting(self, target: Path) -> int | None:
        from digitpad.engine.data import my_handwriting

        try:
            written = my_handwriting.export_zip(target)
        except (DigitpadError, OSError) as error:
            self.show_error(self.tr("could not export My handwriting: {reason}").format(reason=error))
            return None
        self._show_status(self.tr("exported %n sample(s) of My handwriting to {file}", "", written).format(file=target))
        return written

    def choose_handwriting_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import my handwriting"), "", self._zip_filter())
        if path:
            self.import_handwriting(Path(path))

    def import_handwriting(self, source: Path, ask: Callable[[str], bool] | None = None) -> int | None:
        """Add a zip's samples to My handwriting; samples already here under another label are replaced only
        when the user says so (`ask`: a stand-in for the question, for scripts)."""
        from digitpad.engine.data import my_handwriting

        try:
            plan = my_handwriting.plan_import(source)
        except DigitpadError as error:
            self.show_error(str(error))
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
        self._show_status(message)
        self._on_my_handwriting_changed()
        return added

    def _ask(self, question: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(
            self, self.tr("Import my handwriting"), question, buttons, QMessageBox.StandardButton.No
        )
        return answer == QMessageBox.StandardButton.Yes

    def _model_filter(self) -> str:
        return self.tr("Models ({patterns})").format(patterns="*.safetensors *.pt *.pth")

    def _zip_filter(self) -> str:
        return self.tr("Zip files ({patterns})").format(patterns="*.zip")

    def _start_training(self) -> None:
        self.tabs.setCurrentWidget(self.training_panel)
        self.training_panel.start()

    def show_error(self, message: str) -> None:
        """One line in a dialog that does not block the event loop; the app goes on."""
        box = QMessageBox(QMessageBox.Icon.Warning, "digitpad", message, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorDialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self._show_status(message)

    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    # --- slots -------------------------------------------------------------------------------------------
    def _on_store_current_changed(self, entry: ModelEntry | None) -> None:
        self.model_status.setText(self._model_text())

    def _on_dataset_changed(self, title: str) -> None:
        self._dataset_title = title
        self.retranslate()

    def _on_dataset_sample_activated(self, image: np.ndarray, label: int) -> None:
        self.draw_view.show_image(image, ink_is_bright=True)
        self.tabs.setCurrentWidget(self.draw_view)
        self._show_status(self.tr("dataset sample labelled {digit} sent to the canvas").format(digit=label))

    def _on_training_model_saved(self, path: str) -> None:
        current = self.store.current.path if self.store.current else None
        self.store.refresh(select=current)

    def _on_tab_changed(self) -> None:
        if self.tabs.currentWidget() in (self.inside_view, self.why_view):  # they look at what Draw holds
            canvas = self.draw_view.canvas
            self.tabs.currentWidget().show_drawing(None if canvas.empty else canvas.to_array())

    def _on_my_handwriting_changed(self) -> None:
        """Samples were added, deleted, relabelled or imported: every view that shows them catches up."""
        self.draw_view.my_handwriting_changed()
        self.dataset_browser.my_handwriting_changed()
        self.training_panel.refresh_datasets()

    def _on_fine_tune_requested(self, parent: Path) -> None:
        self.tabs.setCurrentWidget(self.training_panel)
        self.training_panel.start_fine_tune(parent)

    def _on_training_run_finished(self, event) -> None:
        """A fine-tune selects its new model and shows, in Draw, what it changed."""
        if event.comparison is None or not event.checkpoint:
            return
        self.store.refresh(select=Path(event.checkpoint))
        self.draw_view.show_fine_tune_result(Path(event.checkpoint).stem, event.comparison)
        self.tabs.setCurrentWidget(self.draw_view)

    def _on_training_running_changed(self, running: bool) -> None:
        self.start_action.setEnabled(not running)
        self.stop_action.setEnabled(running)
        self.draw_view.space_live_predictions(running)

    # --- drag and drop -----------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls: list[QUrl] = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and self.views_ready:
            from digitpad.engine.store.checkpoints import IMPORTABLE_SUFFIXES, SUFFIX

            path = Path(urls[0].toLocalFile())
            if path.suffix.lower() in (SUFFIX, *IMPORTABLE_SUFFIXES):
                self.load_model(path)
            else:
                self.open_image(path)
            event.acceptProposedAction()

    # --- settings and shutdown ---------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    def _restore_view_settings(self) -> None:
        tab = self.settings.value("window/tab", 0)
        self.tabs.setCurrentIndex(int(tab) if str(tab).isdigit() and int(tab) < self.tabs.count() else 0)
        model = self.settings.value("draw/model")
        if isinstance(model, str) and self.store.find(model):
            self.store.select(self.store.find(model))
        brush = self.settings.value("draw/brush")
        if str(brush).isdigit():
            self.draw_view.brush = int(brush)
        clear_after = self.settings.value("draw/clear_after_saving")
        if clear_after is not None:
            self.draw_view.clear_after_saving = str(clear_after).lower() == "true"
        arch = self.settings.value("train/arch")
        if isinstance(arch, str):
            self.training_panel.select_arch(arch)

    def _save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        if not self.views_ready:  # closed while the engine loaded: nothing else was shown, nothing to keep
            self.settings.sync()
            return
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        if self.store.current:
            self.settings.setValue("draw/model", str(self.store.current.path))
        self.settings.setValue("draw/brush", self.draw_view.brush)
        self.settings.setValue("draw/clear_after_saving", self.draw_view.clear_after_saving)
        self.settings.setValue("train/arch", self.training_panel.selected_arch)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop a training run cleanly (its best checkpoint is kept), let background jobs end, save settings."""
        self._save_settings()
        if self.views_ready and self.training_panel.running:
            self._show_status(self.tr("stopping training and keeping the best model…"))
            if not self.training_panel.shutdown(self.shutdown_timeout_ms):  # never destroy a running thread
                event.ignore()
                self.show_error(self.tr("Training has not stopped yet, so the window stays open: close it again in "
                                        "a moment (the best model so far is saved)."))  # fmt: skip
                return
        self.tasks.wait_for_all()  # the dataset browser's jobs and the warm-up share the global pool
        event.accept()
