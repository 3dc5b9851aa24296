"""The Train view: the form made from TrainConfig with its recipes, Start / Pause / Stop, and the run monitor.

The run belongs to the TrainingController the window hands the view; the view fills and reads the form, starts
and steers runs through the controller, and shows them with its RunMonitor (progress, charts, log, confusion).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from digitpad.engine.models.zoo import count_params
from digitpad.engine.spec.architectures import get_arch
from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.spec.errors import ConfigError, DigitpadError
from digitpad.engine.spec.recipes import bundled_recipe, recipe, recipe_of, tutorial_recipe
from digitpad.engine.training.plan import default_model_name, fine_tune_plan, new_model_path
from digitpad.gui.support.language import Retranslatable, number, translate
from digitpad.gui.training.config_form import ConfigForm, label_of
from digitpad.gui.training.controller import TrainingController
from digitpad.gui.training.resume_bar import ResumeBar
from digitpad.gui.training.run_monitor import RunMonitor
from digitpad.gui.widgets.choices import update_dataset_choices
from digitpad.gui.widgets.column_scroller import ColumnScroller


class TrainView(Retranslatable, QWidget):
    statusChanged = Signal(str)

    def __init__(self, controller: TrainingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._start_from: str | None = None
        self._build_form()
        self.monitor = RunMonitor(controller)
        self._build_buttons()
        splitter = QSplitter()
        splitter.addWidget(ColumnScroller(self.form_box))  # scrolls in a short window, never clips
        splitter.addWidget(self.monitor)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 900])
        self.resume_bar = ResumeBar(controller)
        layout = QVBoxLayout(self)
        layout.addWidget(self.resume_bar)
        layout.addWidget(splitter)
        self.arch.currentIndexChanged.connect(self._on_arch_changed)
        self.reset_button.clicked.connect(lambda: self.fill_recipe("improved"))
        self.bundled_button.clicked.connect(lambda: self.fill_recipe("bundled"))
        self.tutorial_button.clicked.connect(lambda: self.fill_recipe("tutorial"))
        self.train_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(lambda: controller.set_paused(not controller.paused))
        self.stop_button.clicked.connect(controller.stop)
        self.resume_bar.resumeRequested.connect(self.resume)
        controller.started.connect(self.form_error.clear)
        controller.failed.connect(self.form_error.setText)
        controller.pausedChanged.connect(self._show_pause_button)
        controller.runningChanged.connect(self._set_running)
        self.monitor.statusChanged.connect(self.statusChanged)
        self._on_arch_changed()
        self._set_running(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.form_box.setTitle(self.tr("Model and recipe"))
        self.form.retranslate()
        self._show_arch_info()
        self.model_name.setToolTip(self.tr("The name the trained model is saved under in your models"))
        self.reset_button.setText(self.tr("Reset to recipe"))
        self.reset_button.setToolTip(self.tr("Fill the form with digitpad's recipe for this architecture"))
        self.bundled_button.setText(self.tr("Bundled model's recipe"))
        self.tutorial_button.setText(self.tr("Tutorial recipe"))
        self.start_from.setToolTip(self.tr("A run starts from random weights, or from a trained model's "
                                           "(fine-tuning)"))  # fmt: skip
        self._show_start_from()
        label_of(self.form_layout, self.start_from).setText(self.tr("Starts from"))
        label_of(self.form_layout, self.model_name).setText(self.tr("Save as"))
        self.train_button.setText(self.tr("Start training"))
        self.train_button.setToolTip(self.tr("Start training (F5)"))
        self._show_pause_button(self.controller.paused)
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop and keep the best model so far (Shift+F5)"))

    # --- building ----------------------------------------------------------------------------------------
    def _build_form(self) -> None:
        self.form_box = QGroupBox()
        self.form_layout = layout = QFormLayout(self.form_box)
        self.form = ConfigForm(layout)
        self.inputs = self.form.inputs  # field name -> its input widget
        self.arch: QComboBox = self.form.combo("arch")
        self.arch.setCurrentIndex(self.arch.findData(TrainConfig().arch))  # lenet5: 99% in seconds
        self.arch_info = QLabel()
        self.arch_info.setObjectName("archInfo")
        self.arch_info.setWordWrap(True)
        layout.insertRow(1, "", self.arch_info)
        self.model_name = QLineEdit()
        self.model_name.setObjectName("trainModelName")
        self.reset_button = _button("resetRecipe")
        self.bundled_button = _button("bundledRecipe")
        self.tutorial_button = _button("tutorialRecipe")
        recipe_buttons = QHBoxLayout()
        for button in (self.reset_button, self.bundled_button, self.tutorial_button):
            recipe_buttons.addWidget(button)
        self.form_error = QLabel()
        self.form_error.setObjectName("formError")
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet("color: #c62828;")
        self.start_from = QLabel()
        self.start_from.setObjectName("trainStartFrom")
        layout.addRow(QLabel(), self.start_from)  # the labels' texts: retranslate()
        layout.addRow(QLabel(), self.model_name)
        layout.addRow("", recipe_buttons)
        layout.addRow("", self.form_error)

    def _build_buttons(self) -> None:
        self.train_button = _button("trainButton")
        self.pause_button = _button("pauseButton")
        self.stop_button = _button("stopButton")
        for position, button in enumerate((self.train_button, self.pause_button, self.stop_button)):
            self.monitor.controls.insertWidget(position, button)  # before the progress bar

    # --- the form ----------------------------------------------------------------------------------------
    def _on_arch_changed(self) -> None:
        name = get_arch(self.arch.currentData()).name
        tutorial = tutorial_recipe(name)
        self.tutorial_button.setEnabled(tutorial is not None and tutorial != recipe(name))
        self.bundled_button.setEnabled(bundled_recipe(name) != recipe(name))
        self._show_arch_info()
        self.fill_recipe("improved")

    def _show_arch_info(self) -> None:
        spec = get_arch(self.arch.currentData())
        self.arch_info.setText(
            self.tr("{description}\n{params} parameters · source: {source} · reported: {reported}").format(
                description=translate("architectures", spec.description), params=number(count_params(spec.name)),
                source=translate("architectures", spec.source), reported=translate("architectures", spec.reported))
        )  # fmt: skip
        self.tutorial_button.setToolTip(
            self.tr("Fill the form with the recipe exactly as the tutorial gave it")
            if tutorial_recipe(spec.name) is not None
            else self.tr("{name} comes from no tutorial: it has only digitpad's recipe").format(name=spec.name)
        )
        self.bundled_button.setToolTip(
            self.tr("Fill the form with the recipe the bundled model was trained with: slower, and it reads other "
                    "people's handwriting better")
            if self.bundled_button.isEnabled()
            else self.tr("The bundled {name} was trained with digitpad's recipe").format(name=spec.name)
        )  # fmt: skip

    @property
    def selected_arch(self) -> str:
        return self.arch.currentData()

    def select_arch(self, name: str) -> None:
        """Choose an architecture in the form (and fill its recipe); an unknown name is ignored."""
        index = self.arch.findData(name)
        if index >= 0:
            self.arch.setCurrentIndex(index)

    def fill_recipe(self, kind: str) -> None:
        """The selected architecture's recipe of `kind` in the form (improved, bundled, tutorial)."""
        try:
            self.fill_form(recipe_of(self.arch.currentData(), kind))
        except ConfigError as error:  # a tutorial that gave none: the button is disabled, but say why anyway
            self.form_error.setText(str(error))

    def fill_form(self, config: TrainConfig) -> None:
        self.arch.blockSignals(True)
        self.form.fill(config)
        self.arch.blockSignals(False)
        self.model_name.setText(default_model_name(config))
        self._start_from = config.start_from
        self._show_start_from()
        self.form_error.clear()

    def _show_start_from(self) -> None:
        self.start_from.setText(
            self.tr("{name} (fine-tuning its weights)").format(name=Path(self._start_from).stem)
            if self._start_from else self.tr("random weights")
        )  # fmt: skip

    def config_from_form(self) -> TrainConfig:
        """The form as a validated TrainConfig (raises ConfigError with the reason)."""
        return self.form.config()

    def refresh_datasets(self) -> None:
        update_dataset_choices(self.form.combo("dataset"))

    # --- running -----------------------------------------------------------------------------------------
    @property
    def offers_resume(self) -> bool:
        """A run was cut short and the view offers to resume it."""
        return not self.resume_bar.isHidden()

    def start(self) -> None:
        """Start a run from the form, saved under the name the form gives (made free in the user's models)."""
        if self.controller.running:
            return
        try:
            config = self.config_from_form()
        except ConfigError as error:
            self.form_error.setText(str(error))
            return
        self.controller.start(config, new_model_path(self.model_name.text()))

    def start_fine_tune(self, parent: Path) -> None:
        """Teach the model at `parent` My handwriting: the fine-tune recipe in the form, then a run like any other,
        saved as a model of yours named after its parent (lenet-wide-mine-1, ...)."""
        if self.controller.running:
            self.form_error.setText(self.tr("a run is in progress: stop it first, or wait for it to end"))
            return
        try:
            config = fine_tune_plan(parent)
        except DigitpadError as error:
            self.form_error.setText(str(error))
            return
        self.refresh_datasets()
        self.fill_form(config)
        self.start()

    def resume(self) -> None:
        """Continue the interrupted run the resume bar offers: its remaining epochs, from its saved state."""
        record = self.controller.interrupted_run()
        if record is None:
            return
        self.fill_form(record.config)
        self.monitor.append_log(self.tr("resuming {name} after epoch {epoch}").format(
            name=record.checkpoint.stem, epoch=record.epochs_done))  # fmt: skip
        try:
            self.controller.resume_interrupted()
        except DigitpadError as error:
            self.form_error.setText(str(error))

    def _show_pause_button(self, paused: bool) -> None:
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))

    def _set_running(self, running: bool) -> None:
        self.train_button.setEnabled(not running)
        self.pause_button.setEnabled(running)
        self._show_pause_button(False)
        self.stop_button.setEnabled(running)
        self.form_box.setEnabled(not running)


def _button(name: str) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    return button
