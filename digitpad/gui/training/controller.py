"""A training run's life in the window, apart from how it is shown: the TrainingController and its worker.

The controller owns the worker and its QThread, the run journal (what lets a run cut short by a crash be
resumed), the resume of such a run, pause, stop and shutdown, and how many cores a run from the window takes.
The Train view calls `start`, `stop`, `set_paused`; the Train view, its run monitor and the window subscribe
to the signals (the way napari and Mu split a runner from its panel). The worker runs the engine's one entry,
`engine.training.run.train`, on the QThread and turns its events into throttled signals.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import torch
from PySide6.QtCore import QObject, QThread, Signal, Slot

from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.spec.errors import DigitpadError
from digitpad.engine.store.checkpoints import Checkpoint, load_checkpoint
from digitpad.engine.system.device import cpu_count
from digitpad.engine.training.control import TrainControl
from digitpad.engine.training.events import EpochMetrics, Finished, StepMetrics
from digitpad.engine.training.run import train
from digitpad.gui.training import run_journal

EMIT_INTERVAL_S = 0.1  # step reports reach the GUI at most 10 times a second, batched
TRAINING_NICENESS = 10  # Linux: the GUI thread gets about 9 times the training threads' share when both want a core
CAN_YIELD_CPU = sys.platform.startswith("linux")  # threads have their own niceness there


def training_threads() -> int | None:
    """CPU threads for a run started from the window. Where the training threads yield to the window (Linux):
    None, every core, planned by the trainer's tuner (a lenet5 epoch watched in the window: 7,504-7,937 ->
    9,433-9,616 images/s, the window's 5 ms timer unchanged at p99 6 ms). Elsewhere all cores but one, kept
    for the window, since training there runs at the window's own priority."""
    return None if CAN_YIELD_CPU else max(1, cpu_count() - 1)


def yield_cpu_to_the_window() -> None:
    """Lower the calling thread's CPU priority (and that of the threads it starts) below the GUI thread's.

    Training keeps every core it can get, but when the window needs one it gets it at once instead of after a
    scheduler time slice (benchmarks/gui_stalls.py). Linux sets niceness per thread; elsewhere nothing changes.
    """
    if CAN_YIELD_CPU:
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), TRAINING_NICENESS)


class TrainingWorker(QObject):
    stepsReported = Signal(list)  # the StepMetrics gathered since the last emission
    epochEnded = Signal(object)  # EpochMetrics
    finished = Signal(object)  # Finished
    failed = Signal(str)  # one line; the run ended without a Finished event

    def __init__(self, config: TrainConfig, checkpoint_path: Path, resume: Checkpoint | None = None,
                 epochs_done: int = 0) -> None:  # fmt: skip
        super().__init__()
        self.config = config
        self.checkpoint_path = checkpoint_path
        self.resume = resume
        self.epochs_done = epochs_done  # of the interrupted run `resume` continues
        self.control = TrainControl()
        self._pending: list[StepMetrics] = []
        self._last_emit = 0.0

    @Slot()
    def run(self) -> None:
        yield_cpu_to_the_window()
        try:
            events = train(self.config, self.control, self.checkpoint_path, report_every=5, resume=self.resume,
                           epochs_done=self.epochs_done, keep_snapshots=True)  # fmt: skip
            for event in events:
                self._report(event)
        except torch.OutOfMemoryError:
            self.failed.emit(self.tr("out of memory on {device}: try a smaller batch size or another device")
                             .format(device=self.config.device))  # fmt: skip
        except DigitpadError as error:
            self.failed.emit(str(error))
        except Exception as error:  # shown as one line in the app; the window stays usable
            reason = f"{error.__class__.__name__}: {error}"
            self.failed.emit(self.tr("training failed: {reason}").format(reason=reason))

    def _report(self, event: StepMetrics | EpochMetrics | Finished) -> None:
        """Step reports in batches, at most every EMIT_INTERVAL_S; the others at once, after the steps before them."""
        if isinstance(event, StepMetrics):
            self._pending.append(event)
            if time.monotonic() - self._last_emit < EMIT_INTERVAL_S:
                return
            self._last_emit = time.monotonic()
        if self._pending:
            self.stepsReported.emit(self._pending)
            self._pending = []
        if isinstance(event, EpochMetrics):
            self.epochEnded.emit(event)
        elif isinstance(event, Finished):
            self.finished.emit(event)


class TrainingController(QObject):
    started = Signal(object, object)  # TrainConfig, the checkpoint Path
    stepsReported = Signal(list)  # StepMetrics, batched by the worker
    epochEnded = Signal(object)  # EpochMetrics
    finished = Signal(object)  # Finished: the run ended on its own terms
    failed = Signal(str)  # one line: the run ended without a Finished event
    modelSaved = Signal(str)  # the path of the best model a run wrote
    runningChanged = Signal(bool)
    pausedChanged = Signal(bool)
    stopping = Signal()  # a stop was asked for: the run evaluates and saves its best model, then `finished` comes

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread: QThread | None = None  # type: ignore[assignment]  # QObject.thread(): not used here
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
        """Train `config` on a new QThread, on the cores the window lends it (`training_threads`), keeping its
        best model at `path` (continuing `resume` if given)."""
        if self.running:
            return
        config = replace(config, threads=training_threads())
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
            self.stopping.emit()

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
