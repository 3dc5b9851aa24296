"""The one entry of every training run, from the window or the command line: `train` yields events that the CLI
prints and the window's worker turns into signals.

`train` reads top to bottom: the data, where the run starts (fresh, from a trained model, or resumed), the model
and its optimizer, then each epoch (`loop.train_one_epoch`, an evaluation, what `keeping.Keeping` keeps), then
`Finished`, which for a run from a trained model carries what it changed (comparison.py).
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import torch

from digitpad.engine.data.loading import DatasetPair, InMemoryDataset, load_dataset, with_digits
from digitpad.engine.data.scans import scanned_digits
from digitpad.engine.data.styles import synthetic_digits
from digitpad.engine.reading.evaluation import Evaluation
from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.spec.errors import ConfigError
from digitpad.engine.store.checkpoints import Checkpoint
from digitpad.engine.system.cpu_workers import CpuWorkers
from digitpad.engine.system.device import resolve_device
from digitpad.engine.system.heap import release_free_memory
from digitpad.engine.training.comparison import compare
from digitpad.engine.training.control import PausableClock, TrainControl
from digitpad.engine.training.events import EndReason, EpochMetrics, Finished, TrainEvent
from digitpad.engine.training.fixed_layers import trained_part
from digitpad.engine.training.keeping import Keeping
from digitpad.engine.training.loop import Run, Tally, prepare_run, train_one_epoch, trainable_model
from digitpad.engine.training.optimization import make_optimizer
from digitpad.engine.training.start import where_to_start


def train(
    config: TrainConfig,
    control: TrainControl | None = None,
    checkpoint_path: str | Path | None = None,
    *,
    data: DatasetPair | None = None,
    data_dir: str | Path | None = None,
    report_every: int = 20,
    resume: Checkpoint | None = None,
    epochs_done: int | None = None,
    keep_snapshots: bool = False,
) -> Iterator[TrainEvent]:
    """Train `config.arch`, yielding StepMetrics every `report_every` batches, EpochMetrics, then Finished.

    The best model (by test accuracy) is written to `checkpoint_path` after each epoch that improves it and
    when the run ends early, so a stop or crash keeps the best so far; beside it, the run's last state after
    each epoch, so that `resume` continues exactly where it stopped (see start.py). With `keep_snapshots`, the
    model before the first step and after each epoch is kept too (store/snapshots.py). `control` stops and
    pauses the run from another thread. Whatever way it ends, the memory it used goes back to the system.
    """
    try:
        finished = yield from _epochs(config, control or TrainControl(), checkpoint_path, data, data_dir,
                                      report_every, resume, epochs_done, keep_snapshots)  # fmt: skip
        if config.start_from is not None and finished.checkpoint:
            finished = replace(finished, comparison=compare(config, Path(finished.checkpoint), data_dir))
        yield finished
    finally:
        release_free_memory()  # the run's dataset and batches are garbage by now


def _epochs(config: TrainConfig, control: TrainControl, checkpoint_path: str | Path | None, data: DatasetPair | None,
            data_dir: str | Path | None, report_every: int, resume: Checkpoint | None, epochs_done: int | None,
            keep_snapshots: bool) -> Generator[TrainEvent, None, Finished]:  # fmt: skip
    config.validate()
    device = resolve_device(config.device)
    if config.seed is not None:
        torch.manual_seed(config.seed)
    train_set, test_set = training_data(config, device, data, data_dir)
    start = where_to_start(config, resume, epochs_done)
    model = trainable_model(config.arch, device, start.weights, config.first_conv)
    optimizer, clock = make_optimizer(model, config), PausableClock()  # the clock starts before any training work
    model.train()
    part = trained_part(model, config, train_set, test_set)
    with CpuWorkers(part.module, device) as workers:
        workers.use(config.threads)
        run = prepare_run(config, control, model, part, workers, optimizer, start, clock)
        keeping = Keeping(run, checkpoint_path, start, keep_snapshots)
        reason: EndReason = "completed"
        epochs_completed, tally = start.first_epoch - 1, None
        for epoch in range(start.first_epoch, config.epochs + 1):
            reason, tally = yield from train_one_epoch(run, epoch, report_every)
            if reason != "completed":
                break
            evaluation = run.score()
            epochs_completed = epoch
            is_best = keeping.after_epoch(epoch, tally, evaluation)
            yield epoch_metrics(epoch, tally, evaluation, run, is_best)
        keeping.at_the_end(reason, tally)
    return finished(reason, keeping, epochs_completed, run)


def training_data(config: TrainConfig, device: torch.device, data: DatasetPair | None,
                  data_dir: str | Path | None) -> tuple[InMemoryDataset, InMemoryDataset]:  # fmt: skip
    """The training split (with the synthetic style digits and the copies of other writers' scans the config asks
    for) and the test split."""
    data = data or load_dataset(config.dataset, device, config.normalize, data_dir)
    train_set = data.train
    if config.styles:
        train_set = with_digits(train_set, *synthetic_digits(config.styles, config.seed or 0))
    if config.scans:
        images, labels = scanned_digits()
        train_set = with_digits(train_set, np.tile(images, (config.scans, 1, 1)), np.tile(labels, config.scans))
    if config.batch_size > len(train_set):
        raise ConfigError(f"batch_size {config.batch_size} is larger than the {len(train_set):,} training images")
    return train_set, data.test


def epoch_metrics(epoch: int, tally: Tally, evaluation: Evaluation, run: Run, is_best: bool) -> EpochMetrics:
    return EpochMetrics(
        epoch=epoch,
        epochs=run.config.epochs,
        train_loss=tally.loss,
        train_accuracy=tally.accuracy,
        test_loss=evaluation.loss,
        test_accuracy=evaluation.accuracy,
        per_class_accuracy=evaluation.per_class_accuracy,
        confusion_matrix=evaluation.confusion_matrix,
        images_per_second=tally.seen / max(tally.seconds, 1e-9),
        seconds=run.clock.seconds(),
        is_best=is_best,
    )


def finished(reason: EndReason, keeping: Keeping, epochs_completed: int, run: Run) -> Finished:
    return Finished(
        reason=reason,
        test_accuracy=keeping.best.accuracy,
        epochs_completed=epochs_completed,
        global_step=run.global_step,
        images_per_second=run.images_seen / max(run.training_seconds, 1e-9),
        seconds=run.clock.seconds(),
        checkpoint=keeping.best.saved_path,
    )
