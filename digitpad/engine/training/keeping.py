"""What a run keeps as it goes: its best model by test accuracy (with its familiarity with digits, so it can say
"not a digit"), its last state after every epoch (for an exact resume), and, for the replay slider, its model
before the first step and after each epoch.

Everything is written beside the best model's file; a run without a file (a quick trial, the self-test) keeps
nothing on disk but still knows its best accuracy.
"""

from __future__ import annotations

from pathlib import Path

from torch import nn

from digitpad.engine.reading.evaluation import Evaluation
from digitpad.engine.reading.familiarity import calibrate, reads_digits
from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.store import run_state, snapshots
from digitpad.engine.store.checkpoints import make_checkpoint, save_checkpoint
from digitpad.engine.training.events import EndReason
from digitpad.engine.training.loop import Run, Tally
from digitpad.engine.training.start import Start


class BestKeeper:
    """Keeps the best model by test accuracy, written to `path` (when the run saves) whenever one beats it."""

    def __init__(self, path: str | Path | None, accuracy: float | None = None) -> None:
        self.path = path
        self.accuracy = accuracy
        self.saved_path: str | None = None

    def offer(self, model: nn.Module, config: TrainConfig, evaluation: Evaluation, history: list[dict[str, float]],
              global_step: int) -> bool:  # fmt: skip
        """Keep `model` if it beats the best so far; True when it did."""
        if self.accuracy is not None and evaluation.accuracy <= self.accuracy:
            return False
        self.accuracy = evaluation.accuracy
        if self.path is not None:
            metrics = {
                "test_accuracy": evaluation.accuracy,
                "test_loss": evaluation.loss,
                "per_class_accuracy": list(evaluation.per_class_accuracy),
                "confusion_matrix": [list(row) for row in evaluation.confusion_matrix],
                "epochs": history,
                "global_step": global_step,
            }
            checkpoint = make_checkpoint(model, config, metrics)
            if reads_digits(checkpoint):  # the model carries what it needs to say "not a digit"
                checkpoint.familiarity = calibrate(model, checkpoint).as_tensors()
            self.saved_path = str(save_checkpoint(checkpoint, self.path))
        return True


class Replay:
    """The run's snapshots so far (a resumed run goes on with its own), saved after each one is added."""

    def __init__(self, model: nn.Module, config: TrainConfig, checkpoint_path: str | Path, start: Start) -> None:
        self.path = snapshots.snapshots_path(checkpoint_path)
        self.every = snapshots.kept_every(model, config.epochs)
        self.last_epoch = config.epochs
        self.kept = snapshots.load(self.path) if start.first_epoch > 1 else []

    def keep(self, model: nn.Module, epoch: int, accuracy: float) -> None:
        if epoch % self.every and epoch != self.last_epoch:
            return
        self.kept = [s for s in self.kept if s.epoch < epoch] + [snapshots.capture(model, epoch, accuracy)]
        snapshots.save(self.kept, self.path)


class Keeping:
    """Everything a run keeps beside its best model at `path`: the best model, the last state and the replay."""

    def __init__(self, run: Run, path: str | Path | None, start: Start, keep_snapshots: bool) -> None:
        self.run, self.path = run, path
        self.history = start.history
        self.best = BestKeeper(path, start.best_accuracy)
        self.replay = Replay(run.model, run.config, path, start) if keep_snapshots and path is not None else None
        if self.replay is not None and start.first_epoch == 1:  # the untrained model is the replay's epoch 0
            self.replay.keep(run.model, 0, run.score().accuracy)

    def after_epoch(self, epoch: int, tally: Tally, evaluation: Evaluation) -> bool:
        """Record the epoch, keep its model if it is the best so far (True then), and the run's last state."""
        run = self.run
        self.history.append({"epoch": epoch, "train_loss": tally.loss, "train_accuracy": tally.accuracy,
                             "test_loss": evaluation.loss, "test_accuracy": evaluation.accuracy,
                             "seconds": run.clock.seconds()})  # fmt: skip
        is_best = self.best.offer(run.model, run.config, evaluation, self.history, run.global_step)
        if self.path is not None:  # before the epoch's event: a stop right after it resumes from here
            state = run_state.capture(epoch=epoch, global_step=run.global_step, history=self.history,
                                      best_accuracy=self.best.accuracy, model=run.model, optimizer=run.optimizer,
                                      generator=run.generator)  # fmt: skip
            run_state.save(state, run_state.state_path(self.path))
        if self.replay is not None:
            self.replay.keep(run.model, epoch, evaluation.accuracy)
        return is_best

    def at_the_end(self, reason: EndReason, tally: Tally | None) -> None:
        """A run cut short may have its best model in the unfinished epoch; a finished one leaves nothing to resume."""
        if reason in ("stopped", "max_steps") and tally is not None and tally.seen:
            self.best.offer(self.run.model, self.run.config, self.run.score(), self.history, self.run.global_step)
        if reason == "completed" and self.path is not None:
            run_state.state_path(self.path).unlink(missing_ok=True)
