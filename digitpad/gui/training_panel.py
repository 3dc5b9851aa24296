"""The Train view: a form built from TrainConfig, start/pause/stop, progress, live charts, log and confusion matrix.

The run itself belongs to a TrainingController; this view is the form and the display of its signals.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from digitpad import paths
from digitpad.engine.architectures import get_arch
from digitpad.engine.checkpoints import SUFFIX, load_checkpoint
from digitpad.engine.config import TrainConfig
from digitpad.engine.errors import ConfigError, DigitpadError
from digitpad.engine.events import EpochMetrics, Finished, StepMetrics
from digitpad.engine.recipes import fine_tune_recipe, recipe, tutorial_recipe
from digitpad.gui.charts import AccuracyChart, LossChart
from digitpad.gui.choices import update_dataset_choices
from digitpad.gui.config_form import ConfigForm
from digitpad.gui.confusion import ConfusionMatrix
from digitpad.gui.training_controller import TrainingController
from digitpad.gui.training_worker import training_threads


class TrainingPanel(QWidget):
    modelSaved = Signal(str)  # path of a checkpoint a run wrote
    runningChanged = Signal(bool)
    statusChanged = Signal(str)
    runFinished = Signal(object)  # the run's Finished event

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = TrainingController(self)
        self._build_form()
        self._build_run_area()
        splitter = QSplitter()
        splitter.addWidget(self.form_box)
        splitter.addWidget(self.run_area)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 900])
        self.resume_bar = self._build_resume_bar()
        layout = QVBoxLayout(self)
        layout.addWidget(self.resume_bar)
        layout.addWidget(splitter)
        self.arch.currentIndexChanged.connect(self._on_arch_changed)
        self.reset_button.clicked.connect(self.reset_to_recipe)
        self.tutorial_button.clicked.connect(self.fill_tutorial_recipe)
        self.train_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self._on_pause_clicked)
        self.stop_button.clicked.connect(self.stop)
        controller = self.controller
        controller.started.connect(self._on_run_started)
        controller.stepsReported.connect(self._on_steps_reported)
        controller.epochEnded.connect(self._on_epoch_ended)
        controller.finished.connect(self._on_run_finished)
        controller.finished.connect(self.runFinished)
        controller.failed.connect(self._on_run_failed)
        controller.pausedChanged.connect(self._on_paused_changed)
        controller.runningChanged.connect(self._set_running)
        controller.runningChanged.connect(self.runningChanged)
        controller.modelSaved.connect(self.modelSaved)
        self._on_arch_changed()
        self._set_running(False)

    # --- building ----------------------------------------------------------------------------------------
    def _build_form(self) -> None:
        self.form_box = QGroupBox("Model and recipe")
        layout = QFormLayout(self.form_box)
        self.form = ConfigForm(layout)
        self.inputs = self.form.inputs  # field name -> its input widget
        self.arch = self.inputs["arch"]
        self.arch.setCurrentIndex(self.arch.findData(TrainConfig().arch))  # lenet5: 99% in a few epochs
        self.arch_info = QLabel()
        self.arch_info.setObjectName("archInfo")
        self.arch_info.setWordWrap(True)
        layout.insertRow(1, "", self.arch_info)
        self.model_name = QLineEdit()
        self.model_name.setObjectName("trainModelName")
        self.model_name.setToolTip("The name the trained model is saved under in your models")
        self.reset_button = QPushButton("Reset to recipe")
        self.reset_button.setObjectName("resetRecipe")
        self.reset_button.setToolTip("Fill the form with the recipe the bundled model was trained with")
        self.tutorial_button = QPushButton("Tutorial recipe")
        self.tutorial_button.setObjectName("tutorialRecipe")
        recipe_buttons = QHBoxLayout()
        recipe_buttons.addWidget(self.reset_button)
        recipe_buttons.addWidget(self.tutorial_button)
        self.form_error = QLabel()
        self.form_error.setObjectName("formError")
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet("color: #c62828;")
        self.start_from = QLabel()
        self.start_from.setObjectName("trainStartFrom")
        self.start_from.setToolTip("A run starts from random weights, or from a trained model's (fine-tuning)")
        layout.addRow("Starts from", self.start_from)
        layout.addRow("Save as", self.model_name)
        layout.addRow("", recipe_buttons)
        layout.addRow("", self.form_error)

    def _build_resume_bar(self) -> QFrame:
        """Shown when the last run was cut short (a crash, a kill): offers to resume it."""
        bar = QFrame()
        bar.setObjectName("resumeBar")
        bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.resume_label = QLabel()
        self.resume_label.setWordWrap(True)
        resume_button = QPushButton("Resume")
        resume_button.setObjectName("resumeButton")
        discard_button = QPushButton("Discard")
        discard_button.setObjectName("discardResumeButton")
        resume_button.clicked.connect(self.resume)
        discard_button.clicked.connect(lambda: (self.controller.discard_interrupted(), bar.hide()))
        row = QHBoxLayout(bar)
        row.addWidget(self.resume_label, 1)
        row.addWidget(resume_button)
        row.addWidget(discard_button)
        record = self.controller.interrupted_run()
        if record is None:
            bar.hide()
        else:
            self.resume_label.setText(
                f"Training {record.config.arch} stopped unexpectedly after epoch {record.epochs_done} of "
                f"{record.config.epochs}. Its best model so far is saved as {record.checkpoint.stem}. Resume it?"
            )
        return bar

    def _build_run_area(self) -> None:
        self.run_area = QWidget()
        self.train_button = QPushButton("Start training")
        self.train_button.setObjectName("trainButton")
        self.train_button.setToolTip("Start training (F5)")
        self.pause_button = QPushButton("Pause")
        self.pause_button.setObjectName("pauseButton")
        self.stop_button = QPushButton("Stop")
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setToolTip("Stop and keep the best model so far (Shift+F5)")
        self.progress = QProgressBar()
        self.progress.setObjectName("trainProgress")
        self.progress.setRange(0, 1000)
        self.progress.setFormat("Ready")
        self.progress.setTextVisible(True)
        buttons = QHBoxLayout()
        for widget in (self.train_button, self.pause_button, self.stop_button):
            buttons.addWidget(widget)
        buttons.addWidget(self.progress, 1)

        self.loss_chart = LossChart()
        self.accuracy_chart = AccuracyChart()
        charts = QSplitter()
        charts.addWidget(self.loss_chart)
        charts.addWidget(self.accuracy_chart)
        self.log = QPlainTextEdit()
        self.log.setObjectName("trainLog")
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(5000)
        self.confusion = ConfusionMatrix()
        details = QTabWidget()
        details.addTab(self.log, "Log")
        details.addTab(self.confusion, "Confusion matrix (last epoch)")
        area = QSplitter(Qt.Orientation.Vertical)
        area.addWidget(charts)
        area.addWidget(details)
        area.setSizes([420, 220])
        layout = QVBoxLayout(self.run_area)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(area, 1)

    # --- the form ----------------------------------------------------------------------------------------
    def _on_arch_changed(self) -> None:
        spec = get_arch(self.arch.currentData())
        self.arch_info.setText(
            f"{spec.description}\n{spec.params:,} parameters · source: {spec.source} · reported: {spec.reported}"
        )
        tutorial = tutorial_recipe(spec.name)
        self.tutorial_button.setEnabled(tutorial is not None and tutorial != recipe(spec.name))
        self.tutorial_button.setToolTip(
            "Fill the form with the recipe exactly as the tutorial gave it"
            if tutorial is not None
            else f"{spec.name} comes from no tutorial: it has only digitpad's recipe"
        )
        self.reset_to_recipe()

    @property
    def selected_arch(self) -> str:
        return self.arch.currentData()

    def select_arch(self, name: str) -> None:
        """Choose an architecture in the form (and fill its recipe); an unknown name is ignored."""
        index = self.arch.findData(name)
        if index >= 0:
            self.arch.setCurrentIndex(index)

    def reset_to_recipe(self) -> None:
        self.fill_form(recipe(self.arch.currentData()))

    def fill_tutorial_recipe(self) -> None:
        tutorial = tutorial_recipe(self.arch.currentData())
        if tutorial is not None:
            self.fill_form(tutorial)

    def fill_form(self, config: TrainConfig) -> None:
        self.arch.blockSignals(True)
        self.form.fill(config)
        self.arch.blockSignals(False)
        self.model_name.setText(f"{config.arch}-{time.strftime('%Y%m%d-%H%M')}")
        self.start_from.setText(
            f"{Path(config.start_from).stem} (fine-tuning its weights)" if config.start_from else "random weights"
        )
        self.form_error.clear()

    def config_from_form(self) -> TrainConfig:
        """The form as a validated TrainConfig (raises ConfigError with the reason)."""
        return self.form.config(threads=training_threads())

    def start_fine_tune(self, parent: Path) -> None:
        """Teach the model at `parent` My handwriting: the fine-tune recipe in the form, then a run like any other,
        saved as a model of yours named after its parent (lenet-wide-mine-1, ...)."""
        if self.running:
            self.form_error.setText("a run is in progress: stop it first, or wait for it to end")
            return
        try:
            config = fine_tune_recipe(load_checkpoint(parent).config, str(parent))
        except DigitpadError as error:
            self.form_error.setText(str(error))
            return
        update_dataset_choices(self.inputs["dataset"])
        self.fill_form(config)
        counter = 1
        while (paths.user_models_dir() / f"{parent.stem}-mine-{counter}{SUFFIX}").exists():
            counter += 1
        self.model_name.setText(f"{parent.stem}-mine-{counter}")
        self.start()

    def refresh_datasets(self) -> None:
        update_dataset_choices(self.inputs["dataset"])

    def _checkpoint_path(self) -> Path:
        """A free file name in the user's models, from the name the user typed."""
        name = "".join(c if c.isalnum() or c in "-_." else "-" for c in self.model_name.text().strip()) or "model"
        folder = paths.user_models_dir()
        path, counter = folder / f"{name}{SUFFIX}", 2
        while path.exists():
            path, counter = folder / f"{name}-{counter}{SUFFIX}", counter + 1
        return path

    # --- running -----------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.controller.running

    @property
    def last_finished(self) -> Finished | None:
        return self.controller.last_finished

    @property
    def offers_resume(self) -> bool:
        """A run was cut short and the view offers to resume it."""
        return not self.resume_bar.isHidden()

    def start(self) -> None:
        """Start a run from the form."""
        if self.running:
            return
        try:
            config = self.config_from_form()
        except ConfigError as error:
            self.form_error.setText(str(error))
            return
        self.controller.start(config, self._checkpoint_path())

    def resume(self) -> None:
        """Continue the interrupted run the resume bar offers: its remaining epochs, from its saved state."""
        self.resume_bar.hide()
        record = self.controller.interrupted_run()
        if record is None:
            return
        self.fill_form(record.config)
        self._append_log(f"resuming {record.checkpoint.stem} after epoch {record.epochs_done}")
        try:
            self.controller.resume_interrupted()
        except DigitpadError as error:
            self.form_error.setText(str(error))

    def stop(self) -> None:
        if self.running:
            self.controller.stop()
            self.progress.setFormat("Stopping: evaluating and saving the best model…")

    def shutdown(self, timeout_ms: int = 60_000) -> bool:
        """Stop a run and wait for its thread (the window is closing); the best checkpoint is already on disk."""
        return self.controller.shutdown(timeout_ms)

    def _on_pause_clicked(self) -> None:
        self.controller.set_paused(not self.controller.paused)

    def _on_paused_changed(self, paused: bool) -> None:
        self.pause_button.setText("Resume" if paused else "Pause")
        if paused:
            self.progress.setFormat(self.progress.format() + " (paused)")
        self._append_log("paused" if paused else "resumed")

    def _set_running(self, running: bool) -> None:
        self.train_button.setEnabled(not running)
        self.pause_button.setEnabled(running)
        self.pause_button.setText("Pause")
        self.stop_button.setEnabled(running)
        self.form_box.setEnabled(not running)

    def _on_run_started(self, config: TrainConfig, path: Path) -> None:
        self.form_error.clear()
        self.loss_chart.clear_data(config.epochs)
        self.accuracy_chart.clear_data(config.epochs)
        self._append_log(
            f"training {config.arch} on {config.dataset}: {config.optimizer} lr {config.lr:g}, batch "
            f"{config.batch_size}, {config.epochs} epoch(s), device {config.device} -> {path.name}"
        )
        self.progress.setValue(0)
        self.progress.setFormat("Loading the dataset…")

    def _on_steps_reported(self, steps: list[StepMetrics]) -> None:
        for step in steps:
            position = step.epoch - 1 + step.step / step.steps_per_epoch
            self.loss_chart.add_step(position, step.loss)
            self.accuracy_chart.append("train (running)", position, step.running_accuracy * 100)
        last = steps[-1]
        self.progress.setValue(round(last.progress * 1000))
        eta = time.strftime("%M:%S", time.gmtime(last.eta_seconds)) if last.eta_seconds < 3600 else "> 1 h"
        paused = " (paused)" if self.controller.paused else ""
        self.progress.setFormat(
            f"epoch {last.epoch}/{last.epochs} · step {last.step}/{last.steps_per_epoch} · "
            f"{last.images_per_second:,.0f} img/s · ETA {eta}{paused}"
        )

    def _on_epoch_ended(self, event: EpochMetrics) -> None:
        self.accuracy_chart.append("test", event.epoch, event.test_accuracy * 100)
        self.loss_chart.append("test loss", event.epoch, event.test_loss)
        self.confusion.show_matrix(event.confusion_matrix, event.per_class_accuracy)
        self._append_log(
            f"epoch {event.epoch}/{event.epochs}: train loss {event.train_loss:.4f}, train acc "
            f"{event.train_accuracy:.2%}, test acc {event.test_accuracy:.2%}, {event.images_per_second:,.0f} img/s, "
            f"{event.seconds:.1f} s{' (best so far, saved)' if event.is_best else ''}"
        )

    def _on_run_finished(self, event: Finished) -> None:
        self._append_log(event.message)
        if event.comparison is not None:
            self._append_log(event.comparison.summary())
        self.progress.setValue(1000 if event.reason == "completed" else self.progress.value())
        self.progress.setFormat(event.message)
        if event.checkpoint:
            self._append_log(f"model saved to {event.checkpoint}")
        self.statusChanged.emit(event.message)

    def _on_run_failed(self, message: str) -> None:
        self._append_log(f"error: {message}")
        self.progress.setFormat(f"Failed: {message}")
        self.form_error.setText(message)
        self.statusChanged.emit(message)

    def _append_log(self, line: str) -> None:
        self.log.appendPlainText(f"[{time.strftime('%H:%M:%S')}] {line}")
