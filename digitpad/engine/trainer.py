"""The training loop: one generator of events that the CLI prints and the GUI's worker turns into signals.

`train` reads top to bottom: where the run starts (fresh, fine-tuned or resumed), then `train_one_epoch`,
`evaluate`, the `BestKeeper` and the run's last state after every epoch, then `Finished`.
"""

from __future__ import annotations

import math
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
from torch import Tensor, nn

from digitpad.engine import run_state, snapshots
from digitpad.engine.augment import augment
from digitpad.engine.checkpoints import Checkpoint, load_checkpoint, make_checkpoint, save_checkpoint
from digitpad.engine.config import TrainConfig
from digitpad.engine.cpu_workers import CpuWorkers
from digitpad.engine.datasets import DatasetPair, InMemoryDataset, load_dataset, with_digits
from digitpad.engine.device import resolve_device
from digitpad.engine.errors import ConfigError
from digitpad.engine.evaluation import Evaluation, evaluate
from digitpad.engine.events import EpochMetrics, Finished, StepMetrics, TrainEvent
from digitpad.engine.fixed_layers import TrainedPart, trained_part
from digitpad.engine.models import build_model, fix_first_convolution
from digitpad.engine.optimization import Scheduler, fast_forward, make_optimizer, make_scheduler
from digitpad.engine.scans import scanned_digits
from digitpad.engine.styles import synthetic_digits
from digitpad.engine.thread_tuner import ThreadTuner
from digitpad.engine.training_control import PausableClock, TrainControl

__all__ = ["TrainControl", "train", "train_step", "trainable_model", "warm_up"]


def warm_up() -> None:
    """Import what torch's optimizers import on first use (torch._dynamo: about 2 s on a 2-core laptop).

    torch.optim imports it lazily inside the first Optimizer call, holding the GIL throughout; the GUI calls
    this in the background after start-up so a first training run neither waits nor stalls the window.
    """
    import torch._dynamo  # noqa: F401


def trainable_model(arch: str, device: torch.device, state_dict: dict[str, Tensor] | None = None,
                    first_conv: str = "learned") -> nn.Module:  # fmt: skip
    """The model on its device, ready for train_step (channels-last on CPU: 1.2-1.6x faster convolutions);
    with `first_conv` edges its first convolution is fixed (to edge filters when it starts from random)."""
    model = build_model(arch)
    if state_dict is not None:
        model.load_state_dict(state_dict)
    if first_conv == "edges":
        fix_first_convolution(model, set_edges=state_dict is None)
    model = model.to(device)
    return model.to(memory_format=torch.channels_last) if device.type == "cpu" else model


def starting_weights(config: TrainConfig) -> dict[str, Tensor] | None:
    """The weights of `config.start_from` (fine-tuning), or None for a fresh random start."""
    if config.start_from is None:
        return None
    from digitpad.engine.catalog import resolve_model

    parent = load_checkpoint(resolve_model(config.start_from))
    if parent.arch != config.arch:
        raise ConfigError(f"{config.start_from} is a {parent.arch} model: it cannot start a {config.arch} run")
    return parent.state_dict


def train_step(
    workers: CpuWorkers, optimizer: torch.optim.Optimizer, images: Tensor, labels: Tensor
) -> tuple[Tensor, Tensor]:
    """One optimizer step on a batch of `workers.model`; returns (loss, logits), on the device (no host sync)."""
    if images.device.type == "cpu":
        images = images.contiguous(memory_format=torch.channels_last)
    optimizer.zero_grad(set_to_none=True)
    loss, logits = workers.loss_and_gradients(images, labels)
    optimizer.step()
    return loss, logits


@dataclass(frozen=True)
class Start:
    """Where a run begins: its first epoch, the history so far, the weights and the best accuracy to beat."""

    first_epoch: int
    history: list[dict[str, float]]
    weights: dict[str, Tensor] | None  # None: random initialisation
    best_accuracy: float | None
    saved: run_state.RunState | None  # the interrupted run's own last state, when it left one


def where_to_start(config: TrainConfig, resume: Checkpoint | None, epochs_done: int | None) -> Start:
    """A fresh run, a fine-tune from `config.start_from`, or the continuation of `resume`.

    A resumed run continues from its last saved state when there is one (exactly where it stopped);
    otherwise from its best model after `epochs_done` epochs (default: those its history records).
    """
    if resume is None:
        return Start(first_epoch=1, history=[], weights=starting_weights(config), best_accuracy=None, saved=None)
    saved = run_state.load(run_state.state_path(resume.path)) if resume.path else None
    if saved is not None:
        return Start(first_epoch=saved.epoch + 1, history=saved.history, weights=saved.model,
                     best_accuracy=resume.test_accuracy, saved=saved)  # fmt: skip
    done = len(resume.history) if epochs_done is None else epochs_done
    return Start(first_epoch=done + 1, history=resume.history, weights=resume.state_dict,
                 best_accuracy=resume.test_accuracy, saved=None)  # fmt: skip


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
            self.saved_path = str(save_checkpoint(make_checkpoint(model, config, metrics), self.path))
        return True


@dataclass
class Tally:
    """One epoch's running sums, kept on the device so that a report costs a single host sync."""

    device: torch.device
    seen: int = 0
    loss_sum: Tensor = field(init=False)
    correct: Tensor = field(init=False)
    window_loss: Tensor = field(init=False)
    window_count: int = 0
    seconds: float = 0.0  # training time of the epoch, evaluation excluded

    def __post_init__(self) -> None:
        self.loss_sum = torch.zeros((), device=self.device)
        self.correct = torch.zeros((), dtype=torch.int64, device=self.device)
        self.window_loss = torch.zeros((), device=self.device)

    def add(self, loss: Tensor, logits: Tensor, labels: Tensor) -> None:
        detached = loss.detach()
        self.seen += len(labels)
        self.loss_sum += detached * len(labels)
        self.window_loss += detached
        self.window_count += 1
        self.correct += (logits.detach().argmax(1) == labels).sum()

    def take_window_mean(self) -> float:
        """The mean loss of the batches since the last call (the host sync)."""
        mean = float(self.window_loss) / self.window_count
        self.window_loss.zero_()
        self.window_count = 0
        return mean

    @property
    def loss(self) -> float:
        return float(self.loss_sum) / max(self.seen, 1)

    @property
    def accuracy(self) -> float:
        return float(self.correct) / max(self.seen, 1)


@dataclass
class Run:
    """What a run's epochs share: its parts, where it has got to, and its clock."""

    config: TrainConfig
    control: TrainControl
    workers: CpuWorkers
    optimizer: torch.optim.Optimizer
    scheduler: Scheduler | None
    generator: torch.Generator
    train_set: InMemoryDataset
    steps_per_epoch: int
    total_steps: int
    steps_before: int  # done before this session of the run (a resume)
    global_step: int
    tuner: ThreadTuner
    clock: PausableClock
    images_seen: int = 0
    training_seconds: float = 0.0  # excludes evaluation, for the throughput figure

    def interruption(self) -> str | None:
        """Why the run must stop before its next step, if it must."""
        if self.control.stopped:
            return "stopped"
        if self.config.max_steps is not None and self.global_step >= self.config.max_steps:
            return "max_steps"
        return None


def prepare_run(config: TrainConfig, control: TrainControl, workers: CpuWorkers, optimizer: torch.optim.Optimizer,
                train_set: InMemoryDataset, start: Start, clock: PausableClock) -> Run:  # fmt: skip
    """The schedule, the shuffling generator and the step counts, restored to `start` (the one place a resumed
    run's optimizer, generator and random state come back)."""
    device = train_set.images.device
    steps_per_epoch = math.ceil(len(train_set) / config.batch_size)
    total_steps = steps_per_epoch * config.epochs
    if config.max_steps is not None:
        total_steps = min(total_steps, config.max_steps)
    steps_before = min(steps_per_epoch * (start.first_epoch - 1), total_steps)
    scheduler = make_scheduler(optimizer, config, total_steps)
    fast_forward(scheduler, steps_before)
    generator = torch.Generator(device=device)
    generator.manual_seed(config.seed if config.seed is not None else int(torch.seed()) % 2**63)
    if start.saved is not None:
        optimizer.load_state_dict(start.saved.optimizer)
        generator.set_state(start.saved.generator)
        torch.set_rng_state(start.saved.rng)
    return Run(config=config, control=control, workers=workers, optimizer=optimizer, scheduler=scheduler,
               generator=generator, train_set=train_set, steps_per_epoch=steps_per_epoch, total_steps=total_steps,
               steps_before=steps_before, global_step=steps_before, tuner=ThreadTuner(config, workers),
               clock=clock)  # fmt: skip


def train_one_epoch(run: Run, epoch: int, report_every: int) -> Generator[StepMetrics, None, tuple[str, Tally]]:
    """One pass over the shuffled training set, yielding StepMetrics; returns why it ended and its sums."""
    config, data = run.config, run.train_set
    order = torch.randperm(len(data), generator=run.generator, device=data.images.device)
    tally = Tally(data.images.device)
    epoch_start = run.clock.seconds()
    reason = "completed"
    for step in range(1, run.steps_per_epoch + 1):
        run.clock.wait_while_paused(run.control)
        if (interruption := run.interruption()) is not None:
            reason = interruption
            break
        run.tuner.before_step(step)
        index = order[(step - 1) * config.batch_size : step * config.batch_size]
        images = augment(data.images[index], config.augment, data.mean, data.std, run.generator)
        loss, logits = train_step(run.workers, run.optimizer, images, data.labels[index])
        if run.scheduler is not None:
            run.scheduler.step()
        run.global_step += 1
        run.tuner.after_step(step)
        tally.add(loss, logits, data.labels[index])
        run.images_seen += len(index)
        if step % report_every == 0 or step == run.steps_per_epoch:
            window_mean = tally.take_window_mean()
            if not math.isfinite(window_mean):
                reason = "diverged"
                break
            yield step_metrics(run, epoch, step, window_mean, tally, run.clock.seconds() - epoch_start)
    tally.seconds = run.clock.seconds() - epoch_start
    run.training_seconds += tally.seconds
    return reason, tally


def step_metrics(run: Run, epoch: int, step: int, window_loss: float, tally: Tally, epoch_seconds: float
                 ) -> StepMetrics:  # fmt: skip
    now = run.clock.seconds()
    return StepMetrics(
        epoch=epoch,
        epochs=run.config.epochs,
        step=step,
        steps_per_epoch=run.steps_per_epoch,
        global_step=run.global_step,
        total_steps=run.total_steps,
        loss=window_loss,
        running_loss=tally.loss,
        running_accuracy=tally.accuracy,
        images_per_second=run.images_seen / max(run.training_seconds + epoch_seconds, 1e-9),
        progress=run.global_step / run.total_steps,
        eta_seconds=(run.total_steps - run.global_step) * now / (run.global_step - run.steps_before),
        seconds=now,
    )


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


def train(
    config: TrainConfig,
    control: TrainControl | None = None,
    checkpoint_path: str | Path | None = None,
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
    each epoch, so that `resume` continues exactly where it stopped (see `where_to_start`). With
    `keep_snapshots`, the model before the first step and after each epoch is kept too (snapshots.py).
    """
    config.validate()
    device = resolve_device(config.device)
    if config.seed is not None:
        torch.manual_seed(config.seed)
    train_set, test_set = training_data(config, device, data, data_dir)
    start = where_to_start(config, resume, epochs_done)
    if start.first_epoch > config.epochs:
        raise ConfigError(f"the run already trained all {config.epochs} epochs: ask for more epochs to go on")
    model = trainable_model(config.arch, device, start.weights, config.first_conv)
    keeper, history = BestKeeper(checkpoint_path, start.best_accuracy), start.history
    optimizer, clock = make_optimizer(model, config), PausableClock()  # the clock starts before any training work
    model.train()
    part = trained_part(model, config, train_set, test_set)
    with CpuWorkers(part.module, device) as workers:
        workers.use(config.threads)
        run = prepare_run(config, control or TrainControl(), workers, optimizer, part.train_set, start, clock)
        reason, epochs_completed, tally = "completed", start.first_epoch - 1, None
        replay = Replay.begin(model, config, checkpoint_path, start, workers, part) if keep_snapshots else None
        for epoch in range(start.first_epoch, config.epochs + 1):
            reason, tally = yield from train_one_epoch(run, epoch, report_every)
            if reason != "completed":
                break
            with workers.all_threads_in_ops():
                evaluation = evaluate(part.module, part.test_set)
            epochs_completed = epoch
            history.append({"epoch": epoch, "train_loss": tally.loss, "train_accuracy": tally.accuracy,
                            "test_loss": evaluation.loss, "test_accuracy": evaluation.accuracy,
                            "seconds": run.clock.seconds()})  # fmt: skip
            is_best = keeper.offer(model, config, evaluation, history, run.global_step)
            if checkpoint_path is not None:  # before the event: a stop right after it resumes from here
                state = run_state.capture(epoch=epoch, global_step=run.global_step, history=history,
                                          best_accuracy=keeper.accuracy, model=model, optimizer=run.optimizer,
                                          generator=run.generator)  # fmt: skip
                run_state.save(state, run_state.state_path(checkpoint_path))
            if replay is not None:
                replay.keep(model, epoch, evaluation.accuracy)
            yield epoch_metrics(epoch, config, tally, evaluation, run, is_best)
        if reason in ("stopped", "max_steps") and tally is not None and tally.seen:
            with workers.all_threads_in_ops():  # the partial epoch may be the best model so far
                keeper.offer(model, config, evaluate(part.module, part.test_set), history, run.global_step)
        if reason == "completed" and checkpoint_path is not None:  # nothing left to resume
            run_state.state_path(checkpoint_path).unlink(missing_ok=True)
        yield finished(reason, keeper, epochs_completed, run)


class Replay:
    """The run's snapshots so far (a resumed run goes on with its own), saved after each one is added."""

    def __init__(self, model: nn.Module, config: TrainConfig, checkpoint_path: str | Path, start: Start) -> None:
        self.path = snapshots.snapshots_path(checkpoint_path)
        self.every = snapshots.kept_every(model, config.epochs)
        self.last_epoch = config.epochs
        self.kept = snapshots.load(self.path) if start.first_epoch > 1 else []

    @classmethod
    def begin(cls, model: nn.Module, config: TrainConfig, checkpoint_path: str | Path | None, start: Start,
              workers: CpuWorkers, part: TrainedPart) -> Replay | None:  # fmt: skip
        """The replay of a run that saves, with the untrained model as epoch 0 when the run starts afresh."""
        if checkpoint_path is None:
            return None
        replay = cls(model, config, checkpoint_path, start)
        if start.first_epoch == 1:
            with workers.all_threads_in_ops():
                replay.keep(model, 0, evaluate(part.module, part.test_set).accuracy)
        return replay

    def keep(self, model: nn.Module, epoch: int, accuracy: float) -> None:
        if epoch % self.every and epoch != self.last_epoch:
            return
        self.kept = [s for s in self.kept if s.epoch < epoch] + [snapshots.capture(model, epoch, accuracy)]
        snapshots.save(self.kept, self.path)


def epoch_metrics(epoch: int, config: TrainConfig, tally: Tally, evaluation: Evaluation, run: Run,
                  is_best: bool) -> EpochMetrics:  # fmt: skip
    return EpochMetrics(
        epoch=epoch,
        epochs=config.epochs,
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


def finished(reason: str, keeper: BestKeeper, epochs_completed: int, run: Run) -> Finished:
    return Finished(
        reason=reason,
        message=_finish_message(reason, keeper.accuracy, epochs_completed, run.global_step),
        test_accuracy=keeper.accuracy,
        epochs_completed=epochs_completed,
        global_step=run.global_step,
        images_per_second=run.images_seen / max(run.training_seconds, 1e-9),
        seconds=run.clock.seconds(),
        checkpoint=keeper.saved_path,
    )


def _finish_message(reason: str, accuracy: float | None, epochs: int, steps: int) -> str:
    kept = f"best test accuracy {accuracy:.2%}" if accuracy is not None else "nothing trained"
    return {
        "completed": f"finished {epochs} epoch(s): {kept}",
        "stopped": f"stopped after {steps} steps: kept the {kept}",
        "max_steps": f"stopped at the step limit ({steps} steps): {kept}",
        "diverged": (
            f"stopped: the loss became NaN or infinite at step {steps} (the learning rate is probably "
            f"too high); kept the {kept}"
        ),
    }[reason]
