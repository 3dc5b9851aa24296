"""The run monitor: a run's progress bar, live loss and accuracy charts, its log and the last epoch's confusion
matrix, following a TrainingController's signals. It words how a run ended in the user's language."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QProgressBar,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.training.events import Comparison, EpochMetrics, Finished, StepMetrics
from digitpad.gui.support.language import Retranslatable, number, percent
from digitpad.gui.training.controller import TrainingController
from digitpad.gui.widgets.charts import AccuracyChart, LossChart
from digitpad.gui.widgets.confusion import ConfusionMatrix

PROGRESS_STEPS = 1000  # the bar's resolution: a tenth of a percent


class RunMonitor(Retranslatable, QWidget):
    statusChanged = Signal(str)  # how a run ended, or why it failed, for the status bar

    def __init__(self, controller: TrainingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._progress_text: Callable[[], str] = lambda: self.tr("Ready")  # what the bar says, in any language
        self.progress = QProgressBar()
        self.progress.setObjectName("trainProgress")
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setValue(0)  # a bar never started (value -1) shows no text, not even "Ready"
        self.progress.setTextVisible(True)
        self.loss_chart = LossChart()
        self.accuracy_chart = AccuracyChart()
        self.log = QPlainTextEdit()
        self.log.setObjectName("trainLog")
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(5000)
        self.confusion = ConfusionMatrix()
        self.details = QTabWidget()
        self.details.addTab(self.log, "")
        self.details.addTab(self.confusion, "")
        self._lay_out()
        controller.started.connect(self._on_run_started)
        controller.stepsReported.connect(self._on_steps_reported)
        controller.epochEnded.connect(self._on_epoch_ended)
        controller.finished.connect(self._on_run_finished)
        controller.failed.connect(self._on_run_failed)
        controller.pausedChanged.connect(self._on_paused_changed)
        controller.stopping.connect(lambda: self._set_progress(lambda: self.tr("Stopping: evaluating and saving "
                                                                               "the best model…")))  # fmt: skip
        self.retranslate()

    def _lay_out(self) -> None:
        self.controls = QHBoxLayout()  # the view puts its buttons before the bar
        self.controls.addWidget(self.progress, 1)
        charts = QSplitter()
        charts.addWidget(self.loss_chart)
        charts.addWidget(self.accuracy_chart)
        area = QSplitter(Qt.Orientation.Vertical)
        area.addWidget(charts)
        area.addWidget(self.details)
        area.setSizes([420, 220])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.controls)
        layout.addWidget(area, 1)

    def retranslate(self) -> None:
        self.details.setTabText(0, self.tr("Log"))
        self.details.setTabText(1, self.tr("Confusion matrix (last epoch)"))
        self._set_progress(self._progress_text)

    def _set_progress(self, text: Callable[[], str]) -> None:
        """Say `text()` on the progress bar now, and again after a change of language."""
        self._progress_text = text
        self.progress.setFormat(text())

    def append_log(self, line: str) -> None:
        self.log.appendPlainText(f"[{time.strftime('%H:%M:%S')}] {line}")

    # --- the controller's signals ----------------------------------------------------------------------------
    def _on_run_started(self, config: TrainConfig, path: Path) -> None:
        self.loss_chart.clear_data(config.epochs)
        self.accuracy_chart.clear_data(config.epochs)
        self.append_log(
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
        self.progress.setValue(round(last.progress * PROGRESS_STEPS))
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
        self.append_log(line + (self.tr(" (best so far, saved)") if event.is_best else ""))

    def _on_paused_changed(self, paused: bool) -> None:
        if paused:
            before = self._progress_text
            self._set_progress(lambda: before() + self.tr(" (paused)"))
        self.append_log(self.tr("paused") if paused else self.tr("resumed"))

    def _on_run_finished(self, event: Finished) -> None:
        message = self.finish_message(event)
        self.append_log(message)
        if event.comparison is not None:
            self.append_log(self.comparison_summary(event.comparison))
        self.progress.setValue(PROGRESS_STEPS if event.reason == "completed" else self.progress.value())
        self._set_progress(lambda: self.finish_message(event))
        if event.checkpoint:
            self.append_log(self.tr("model saved to {file}").format(file=event.checkpoint))
        self.statusChanged.emit(message)

    def _on_run_failed(self, message: str) -> None:
        self.append_log(self.tr("error: {reason}").format(reason=message))
        self._set_progress(lambda: self.tr("Failed: {reason}").format(reason=message))
        self.statusChanged.emit(message)

    # --- how a run ended, in words ---------------------------------------------------------------------------
    def finish_message(self, event: Finished) -> str:
        """How a run ended, in the chosen language (the command line says it in English)."""
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
