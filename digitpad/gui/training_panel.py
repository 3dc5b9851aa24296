"""The Train view: a form built from TrainConfig, start/pause/stop, progress, live charts, log and confusion matrix.

The run itself belongs to a TrainingController; this view is the form and the display of its signals.
"""

from __future__ import annotations

import time
from collections.abc import Callable
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
from digitpad.engine.models.zoo import count_params
from digitpad.engine.spec.architectures import get_arch
from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.spec.errors import ConfigError, DigitpadError
from digitpad.engine.spec.recipes import bundled_recipe, fine_tune_recipe, recipe, tutorial_recipe
from digitpad.engine.store.checkpoints import SUFFIX, load_checkpoint
from digitpad.engine.training.events import Comparison, EpochMetrics, Finished, StepMetrics
from digitpad.gui.charts import AccuracyChart, LossChart
from digitpad.gui.choices import update_dataset_choices
from digitpad.gui.column_scroller import ColumnScroller
from digitpad.gui.config_form import ConfigForm
from digitpad.gui.confusion import ConfusionMatrix
from digitpad.gui.language import Retranslatable, number, percent, translate
from digitpad.gui.training_controller import TrainingController
from digitpad.gui.training_worker import training_threads


class TrainingPanel(Retranslatable, QWidget):
    modelSaved = Signal(str)  # path of a checkpoint a run wrote
    runningChanged = Signal(bool)
    statusChanged = Signal(str)
    runFinished = Signal(object)  # the run's Finished event

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = TrainingController(self)
        self._progress_text: Callable[[], str] = lambda: self.tr("Ready")  # what the bar says, in any language
        self._start_from: str | None = None
        self._build_form()
        self._build_run_area()
        splitter = QSplitter()
        splitter.addWidget(ColumnScroller(self.form_box))  # scrolls in a short window, never clips
        splitter.addWidget(self.run_area)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 900])
        self.resume_bar = self._build_resume_bar()
        layout = QVBoxLayout(self)
        layout.addWidget(self.resume_bar)
        layout.addWidget(splitter)
        self.arch.currentIndexChanged.connect(self._on_arch_changed)
        self.reset_button.clicked.connect(self.reset_to_recipe)
        self.bundled_button.clicked.connect(self.fill_bundled_recipe)
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
        self.form_layout.labelForField(self.start_from).setText(self.tr("Starts from"))
        self.form_layout.labelForField(self.model_name).setText(self.tr("Save as"))
        self.resume_button.setText(self.tr("Resume"))
        self.discard_button.setText(self.tr("Discard"))
        self._show_interrupted()
        self.train_button.setText(self.tr("Start training"))
        self.train_button.setToolTip(self.tr("Start training (F5)"))
        self.pause_button.setText(self.tr("Resume") if self.controller.paused else self.tr("Pause"))
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop and keep the best model so far (Shift+F5)"))
        self.details.setTabText(0, self.tr("Log"))
        self.details.setTabText(1, self.tr("Confusion matrix (last epoch)"))
        self._set_progress(self._progress_text)

    def _set_progress(self, text: Callable[[], str]) -> None:
        """Say `text()` on the progress bar now, and again after a change of language."""
        self._progress_text = text
        self.progress.setFormat(text())

    # --- building ----------------------------------------------------------------------------------------
    def _build_form(self) -> None:
        self.form_box = QGroupBox()
        self.form_layout = layout = QFormLayout(self.form_box)
        self.form = ConfigForm(layout)
        self.inputs = self.form.inputs  # field name -> its input widget
        self.arch = self.inputs["arch"]
        self.arch.setCurrentIndex(self.arch.findData(TrainConfig().arch))  # lenet5: 99% in seconds
        self.arch_info = QLabel()
        self.arch_info.setObjectName("archInfo")
        self.arch_info.setWordWrap(True)
        layout.insertRow(1, "", self.arch_info)
        self.model_name = QLineEdit()
        self.model_name.setObjectName("trainModelName")
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("resetRecipe")
        self.bundled_button = QPushButton()
        self.bundled_button.setObjectName("bundledRecipe")
        self.tutorial_button = QPushButton()
        self.tutorial_button.setObjectName("tutorialRecipe")
        recipe_buttons = QHBoxLayout()
        recipe_buttons.addWidget(self.reset_button)
        recipe_buttons.addWidget(self.bundled_button)
        recipe_buttons.addWidget(self.tutorial_button)
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

    def _build_resume_bar(self) -> QFrame:
        """Shown when the last run was cut short (a crash, a kill): offers to resume it."""
        bar = QFrame()
        bar.setObjectName("resumeBar")
        bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.resume_label = QLabel()
        self.resume_label.setWordWrap(True)
        self.resume_button = resume_button = QPushButton()
        resume_button.setObjectName("resumeButton")
        self.discard_button = discard_button = QPushButton()
        discard_button.setObjectName("discardResumeButton")
        resume_button.clicked.connect(self.resume)
        discard_button.clicked.connect(lambda: (self.controller.discard_interrupted(), bar.hide()))
        row = QHBoxLayout(bar)
        row.addWidget(self.resume_label, 1)
        row.addWidget(resume_button)
        row.addWidget(discard_button)
        bar.setVisible(self.controller.interrupted_run() is not None)
        return bar

    def _show_interrupted(self) -> None:
        record = self.controller.interrupted_run()
        if record is not None:
            self.resume_label.setText(
                self.tr("Training {arch} stopped unexpectedly after epoch {done} of {epochs}. Its best model so far "
                        "is saved as {name}. Resume it?").format(
                    arch=record.config.arch, done=record.epochs_done, epochs=record.config.epochs,
                    name=record.checkpoint.stem)
            )  # fmt: skip

    def _build_run_area(self) -> None:
        self.run_area = QWidget()
        self.train_button = QPushButton()
        self.train_button.setObjectName("trainButton")
        self.pause_button = QPushButton()
        self.pause_button.setObjectName("pauseButton")
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("stopButton")
        self.progress = QProgressBar()
        self.progress.setObjectName("trainProgress")
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)  # a bar never started (value -1) shows no text, not even "Ready"
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
        self.details = details = QTabWidget()
        details.addTab(self.log, "")
        details.addTab(self.confusion, "")
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
        tutorial = tutorial_recipe(spec.name)
        self.tutorial_button.setEnabled(tutorial is not None and tutorial != recipe(spec.name))
        self.bundled_button.setEnabled(bundled_recipe(spec.name) != recipe(spec.name))
        self._show_arch_info()
        self.reset_to_recipe()

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

    def reset_to_recipe(self) -> None:
        self.fill_form(recipe(self.arch.currentData()))

    def fill_bundled_recipe(self) -> None:
        self.fill_form(bundled_recipe(self.arch.currentData()))

    def fill_tutorial_recipe(self) -> None:
        tutorial = tutorial_recipe(self.arch.currentData())
        if tutorial is not None:
            self.fill_form(tutorial)

    def fill_form(self, config: TrainConfig) -> None:
        self.arch.blockSignals(True)
        self.form.fill(config)
        self.arch.blockSignals(False)
        self.model_name.setText(f"{config.arch}-{time.strftime('%Y%m%d-%H%M')}")
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
        return self.form.config(threads=training_threads())

    def start_fine_tune(self, parent: Path) -> None:
        """Teach the model at `parent` My handwriting: the fine-tune recipe in the form, then a run like any other,
        saved as a model of yours named after its parent (lenet-wide-mine-1, ...)."""
        if self.running:
            self.form_error.setText(self.tr("a run is in progress: stop it first, or wait for it to end"))
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
        self._append_log(self.tr("resuming {name} after epoch {epoch}").format(name=record.checkpoint.stem,
                                                                               epoch=record.epochs_done))  # fmt: skip
        try:
            self.controller.resume_interrupted()
        except DigitpadError as error:
            self.form_error.setText(str(error))

    def stop(self) -> None:
        if self.running:
            self.controller.stop()
            self._set_progress(lambda: self.tr("Stopping: evaluating and saving the best model…"))

    def shutdown(self, timeout_ms: int = 60_000) -> bool:
        """Stop a run and wait for its thread (the window is closing); the best checkpoint is already on disk."""
        return self.controller.shutdown(timeout_ms)

    def _on_pause_clicked(self) -> None:
        self.controller.set_paused(not self.controller.paused)

    def _on_paused_changed(self, paused: bool) -> None:
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        if paused:
            before = self._progress_text
            self._set_progress(lambda: before() + self.tr(" (paused)"))
        self._append_log(self.tr("paused") if paused else self.tr("resumed"))

    def _set_running(self, running: bool) -> None:
        self.train_button.setEnabled(not running)
        self.pause_button.setEnabled(running)
        self.pause_button.setText(self.tr("Pause"))
        self.stop_button.setEnabled(running)
        self.form_box.setEnabled(not running)

    def _on_run_started(self, config: TrainConfig, path: Path) -> None:
        self.form_error.clear()
        self.loss_chart.clear_data(config.epochs)
        self.accuracy_chart.clear_data(config.epochs)
        self._append_log(
            self.tr("training {arch} on {dataset}: {optimizer} lr {lr}, batch {batch}, %n epoch(s), device {device} "
                    "-> {file}", "", config.epochs).format(
                arch=config.arch, dataset=config.dataset, optimizer=config.optimizer, lr=f"{config.lr:g}",
                batch=config.batch_size, device=config.device, file=path.name)
        )  # fmt: skip
        self.progress.setValue(0)
        self._set_progress(lambda: self.tr("Loading the dataset…"))

    def _on_steps_reported(self, steps: list[StepMetrics]) -> None:
        for step in steps:
            position = step.epoch - 1 + step.step / step.steps_per_epoch
            self.loss_chart.add_step(position, step.loss)
            self.accuracy_chart.append("train", position, step.running_accuracy * 100)
        last = steps[-1]
        self.progress.setValue(round(last.progress * 1000))
        eta = time.strftime("%M:%S", time.gmtime(last.eta_seconds)) if last.eta_seconds < 3600 else "> 1 h"
        paused = self.controller.paused
        self._set_progress(lambda: self.tr("epoch {epoch}/{epochs} · step {step}/{steps} · {speed} img/s · ETA {eta}")
                           .format(epoch=last.epoch, epochs=last.epochs, step=last.step, steps=last.steps_per_epoch,
                                   speed=number(last.images_per_second), eta=eta)
                           + (self.tr(" (paused)") if paused else ""))  # fmt: skip

    def _on_epoch_ended(self, event: EpochMetrics) -> None:
        self.accuracy_chart.append("test", event.epoch, event.test_accuracy * 100)
        self.loss_chart.append("test loss", event.epoch, event.test_loss)
        self.confusion.show_matrix(event.confusion_matrix, event.per_class_accuracy)
        line = self.tr("epoch {epoch}/{epochs}: train loss {loss}, train acc {train}, test acc {test}, {speed} img/s, "
                       "{seconds} s").format(
            epoch=event.epoch, epochs=event.epochs, loss=f"{event.train_loss:.4f}",
            train=percent(event.train_accuracy, 2), test=percent(event.test_accuracy, 2),
            speed=number(event.images_per_second), seconds=number(event.seconds, 1))  # fmt: skip
        self._append_log(line + (self.tr(" (best so far, saved)") if event.is_best else ""))

    def finish_message(self, event: Finished) -> str:
        """The engine's one line about how a run ended, in the chosen language."""
        if event.test_accuracy is None:
            kept = self.tr("nothing trained")
        else:
            kept = self.tr("best test accuracy {accuracy}").format(accuracy=percent(event.test_accuracy, 2))
        steps = event.global_step
        return {
            "completed": self.tr("finished %n epoch(s): {kept}", "", event.epochs_completed),
            "stopped": self.tr("stopped after %n step(s): kept the {kept}", "", steps),
            "max_steps": self.tr("stopped at the step limit (%n step(s)): {kept}", "", steps),
            "diverged": self.tr("stopped: the loss became NaN or infinite at step {step} (the learning rate is "
                                "probably too high); kept the {kept}"),
        }[event.reason].format(kept=kept, step=steps)  # fmt: skip

    def comparison_summary(self, comparison: Comparison) -> str:
        """A fine-tune's before and after, in one line."""
        title = self.tr("your held-back digits") if comparison.dataset == "mine" else \
            self.tr("{dataset} test").format(dataset=comparison.dataset)  # fmt: skip
        line = self.tr("{parent} -> new model: {title} ({images}) {before} -> {after}").format(
            parent=comparison.parent, title=title, images=comparison.test_images,
            before=percent(comparison.before), after=percent(comparison.after))  # fmt: skip
        if comparison.mnist_before is not None and comparison.mnist_after is not None:
            line += self.tr("; MNIST test {before} -> {after}").format(
                before=percent(comparison.mnist_before, 2), after=percent(comparison.mnist_after, 2))  # fmt: skip
        return line

    def _on_run_finished(self, event: Finished) -> None:
        message = self.finish_message(event)
        self._append_log(message)
        if event.comparison is not None:
            self._append_log(self.comparison_summary(event.comparison))
        self.progress.setValue(1000 if event.reason == "completed" else self.progress.value())
        self._set_progress(lambda: self.finish_message(event))
        if event.checkpoint:
            self._append_log(self.tr("model saved to {file}").format(file=event.checkpoint))
        self.statusChanged.emit(message)

    def _on_run_failed(self, message: str) -> None:
        self._append_log(self.tr("error: {reason}").format(reason=message))
        self._set_progress(lambda: self.tr("Failed: {reason}").format(reason=message))
        self.form_error.setText(message)
        self.statusChanged.emit(message)

    def _append_log(self, line: str) -> None:
        self.log.appendPlainText(f"[{time.strftime('%H:%M:%S')}] {line}")
