"""TrainingController: one training run's life in the window, apart from how it is shown.

It owns the worker and its QThread, the run journal (what lets a run cut short by a crash be resumed), the
resume of such a run, pause, stop and shutdown. The Train view is the form and the display: it calls `start`,
`stop`, `set_paused` and subscribes to the signals below (the way napari and Mu split a runner from its panel).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.store.checkpoints import Checkpoint, load_checkpoint
from digitpad.engine.training.events import EpochMetrics, Finished
from digitpad.gui.training import run_journal
from digitpad.gui.training_worker import TrainingWorker


class TrainingController(QObject):
    started = Signal(object, object)  # TrainConfig, the checkpoint Path
    stepsReported = Signal(list)  # StepMetrics, batched by the worker
    epochEnded = Signal(object)  # EpochMetrics
    finished = Signal(object)  # Finished: the run ended on its own terms
    failed = Signal(str)  # one line: the run ended without a Finished event
    modelSaved = Signal(str)  # the path of the best model a run wrote
    runningChanged = Signal(bool)
    pausedChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread: QThread | None = None
        self.worker: TrainingWorker | None = None
        self.record: run_journal.RunRecord | None = None  # the journal entry of the run in progress
        self.last_finished: Finished | None = None

    @property
    def running(self) -> bool:
        return self.thread is not None

    @property
    def paused(self) -> bool:
        return self.worker is not None and self.worker.control.paused

    # --- a run's life --------------------------------------------------------------------------------------
    def start(self, config: TrainConfig, path: Path, resume: Checkpoint | None = None, epochs_done: int = 0) -> None:
        """Train `config` on a new QThread, keeping its best model at `path` (continuing `resume` if given)."""
        if self.running:
            return
        self.record = run_journal.RunRecord(config, path, epochs_done)
        run_journal.write(self.record)
        self.last_finished = None
        self.thread = QThread(self)
        self.worker = TrainingWorker(config, path, resume, epochs_done)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.stepsReported.connect(self.stepsReported)
        self.worker.epochEnded.connect(self._on_epoch_ended)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.finished.connect(self.thread.quit)
        self.worker.failed.connect(self.thread.quit)
        self.thread.finished.connect(self._on_thread_finished)
        self.started.emit(config, path)
        self.runningChanged.emit(True)
        self.thread.start()

    def interrupted_run(self) -> run_journal.RunRecord | None:
        """The run a crash or a kill cut short, if the journal holds one."""
        return None if self.running else run_journal.read()

    def resume_interrupted(self) -> run_journal.RunRecord | None:
        """Continue the interrupted run: its remaining epochs, from its saved state (raises DigitpadError when its
        model cannot be read, after forgetting it)."""
        record = self.interrupted_run()
        if record is None:
            return None
        try:
            checkpoint = load_checkpoint(record.checkpoint)
        except Exception:
            run_journal.clear()
            raise
        self.start(record.config, record.checkpoint, checkpoint, record.epochs_done)
        return record

    @staticmethod
    def discard_interrupted() -> None:
        run_journal.clear()

    def set_paused(self, paused: bool) -> None:
        if self.worker is None or paused == self.paused:
            return
        if paused:
            self.worker.control.pause()
        else:
            self.worker.control.resume()
        self.pausedChanged.emit(paused)

    def stop(self) -> None:
        """Ask the run to stop within one batch; it evaluates and keeps its best model, then `finished` comes."""
        if self.worker is not None:
            self.worker.control.stop()

    def shutdown(self, timeout_ms: int = 60_000) -> bool:
        """Stop a run and wait for its thread (the window is closing). False when the thread did not end in time:
        the caller must then keep the QThread (and the window that owns it) alive."""
        if self.thread is None:
            return True
        self.stop()
        self.thread.quit()  # the worker's own quit request is queued to this (blocked) thread: ask directly
        return bool(self.thread.wait(timeout_ms))

    # --- the worker's reports ------------------------------------------------------------------------------
    def _on_epoch_ended(self, event: EpochMetrics) -> None:
        if self.record is not None:
            self.record = replace(self.record, epochs_done=event.epoch)
            run_journal.write(self.record)
        self.epochEnded.emit(event)

    def _on_finished(self, event: Finished) -> None:
        self.last_finished = event
        self._forget_run()
        self.finished.emit(event)
        if event.checkpoint:
            self.modelSaved.emit(event.checkpoint)

    def _on_failed(self, message: str) -> None:
        self._forget_run()
        self.failed.emit(message)

    def _forget_run(self) -> None:
        run_journal.clear()  # the run ended on its own terms: nothing to resume
        self.record = None

    def _on_thread_finished(self) -> None:
        if self.worker is not None:
            self.worker.deleteLater()
        if self.thread is not None:
            self.thread.deleteLater()
        self.worker, self.thread = None, None
        self.runningChanged.emit(False)
