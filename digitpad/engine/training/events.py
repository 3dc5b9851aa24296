"""What a run yields (run.py): frozen dataclasses of plain floats, never tensors, safe to send across threads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# why a run ended: all its epochs, a stop asked for (Stop, Ctrl-C, the window closing), its step limit, or a loss
# that became NaN or infinite (the learning rate is too high); each front end words it for a person
EndReason = Literal["completed", "stopped", "max_steps", "diverged"]


@dataclass(frozen=True)
class StepMetrics:
    epoch: int  # 1-based
    epochs: int
    step: int  # 1-based within the epoch
    steps_per_epoch: int
    global_step: int
    total_steps: int
    loss: float  # mean loss of the batches since the last report
    running_loss: float  # mean loss so far this epoch
    running_accuracy: float  # fraction of this epoch's training images classified right so far
    images_per_second: float
    progress: float  # fraction of the whole run done
    eta_seconds: float
    seconds: float  # since the run started, pauses excluded


@dataclass(frozen=True)
class EpochMetrics:
    epoch: int
    epochs: int
    train_loss: float
    train_accuracy: float
    test_loss: float
    test_accuracy: float
    per_class_accuracy: tuple[float, ...]  # 10 fractions
    confusion_matrix: tuple[tuple[int, ...], ...]  # 10x10, rows = true label, columns = prediction
    images_per_second: float  # training throughput over this epoch
    seconds: float  # since the run started, evaluation included
    is_best: bool  # this epoch's model is the best so far (and was saved, if the run saves)


@dataclass(frozen=True)
class Comparison:
    """A run that started from a trained model: that model against the run's, on the run's test set and MNIST's."""

    parent: str  # the model the run started from
    dataset: str  # the run's dataset, whose test split `before` and `after` are measured on
    test_images: int
    before: float
    after: float
    mnist_before: float | None  # on MNIST's test set; None when that is the run's own test set
    mnist_after: float | None


@dataclass(frozen=True)
class Finished:
    reason: EndReason
    test_accuracy: float | None  # of the kept (best) model; None if nothing was trained
    epochs_completed: int
    global_step: int
    images_per_second: float  # training throughput, evaluation time excluded
    seconds: float  # the whole run, evaluation included
    checkpoint: str | None  # where the best model was written, if the run saves
    comparison: Comparison | None = None  # for a run that started from a trained model (comparison.py)


TrainEvent = StepMetrics | EpochMetrics | Finished
