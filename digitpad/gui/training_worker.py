"""TrainingWorker: runs the engine's trainer on a QThread and turns its events into throttled Qt signals."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from pathlib import Path

import torch
from PySide6.QtCore import QObject, Signal, Slot

from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.spec.errors import DigitpadError
from digitpad.engine.store.checkpoints import Checkpoint
from digitpad.engine.system.device import cpu_count
from digitpad.engine.training.control import TrainControl
from digitpad.engine.training.events import EpochMetrics, Finished, StepMetrics
from digitpad.engine.training.run import train

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

    def __init__(
        self, config: TrainConfig, checkpoint_path: Path, resume: Checkpoint | None = None, epochs_done: int = 0
    ) -> None:
        super().__init__()
        self.config = config
        self.checkpoint_path = checkpoint_path
        self.resume = resume
        self.epochs_done = epochs_done  # of the interrupted run `resume` continues
        self.control = TrainControl()

    @Slot()
    def run(self) -> None:
        yield_cpu_to_the_window()
        pending: list[StepMetrics] = []
        last_emit = 0.0
        try:
            events = train(
                self.config, self.control, self.checkpoint_path, report_every=5,
                resume=self.resume, epochs_done=self.epochs_done, keep_snapshots=True,
            )  # fmt: skip
            for event in events:
                if isinstance(event, StepMetrics):
                    pending.append(event)
                    now = time.monotonic()
                    if now - last_emit >= EMIT_INTERVAL_S:
                        self.stepsReported.emit(pending)
                        pending, last_emit = [], now
                    continue
                if pending:
                    self.stepsReported.emit(pending)
                    pending = []
                if isinstance(event, EpochMetrics):
                    self.epochEnded.emit(event)
                elif isinstance(event, Finished):
                    self.finished.emit(event)
        except torch.OutOfMemoryError:
            self.failed.emit(self.tr("out of memory on {device}: try a smaller batch size or another device")
                             .format(device=self.config.device))  # fmt: skip
        except DigitpadError as error:
            self.failed.emit(str(error))
        except Exception as error:  # shown as one line in the app; the window stays usable
            reason = f"{error.__class__.__name__}: {error}"
            self.failed.emit(self.tr("training failed: {reason}").format(reason=reason))
