"""The training loop: one generator of events that the CLI prints and the GUI's worker turns into signals."""

from __future__ import annotations

import math
import threading
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from digitpad.engine import run_state
from digitpad.engine.augment import augment
from digitpad.engine.checkpoints import Checkpoint, load_checkpoint, make_checkpoint, save_checkpoint
from digitpad.engine.config import TrainConfig
from digitpad.engine.cpu_workers import CpuWorkers
from digitpad.engine.datasets import DatasetPair, InMemoryDataset, load_dataset
from digitpad.engine.device import cpu_count, resolve_device
from digitpad.engine.errors import ConfigError
from digitpad.engine.events import EpochMetrics, Finished, StepMetrics, TrainEvent
from digitpad.engine.models import build_model
from digitpad.engine.styles import with_synthetic_digits

EVAL_BATCH = 1000


@dataclass
class TrainControl:
    """Cooperative control from another thread: stop, pause and resume take effect within one batch."""

    stop_event: threading.Event = field(default_factory=threading.Event)
    running: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.running.set()

    def stop(self) -> None:
        self.stop_event.set()
        self.running.set()  # wake a paused loop so it can see the stop

    def pause(self) -> None:
        self.running.clear()

    def resume(self) -> None:
        self.running.set()

    @property
    def stopped(self) -> bool:
        return self.stop_event.is_set()

    @property
    def paused(self) -> bool:
        return not self.running.is_set()


@dataclass(frozen=True)
class Evaluation:
    loss: float
    accuracy: float
    per_class_accuracy: tuple[float, ...]
    confusion_matrix: tuple[tuple[int, ...], ...]


def evaluate(model: nn.Module, data: InMemoryDataset, batch_size: int = EVAL_BATCH) -> Evaluation:
    """Loss, accuracy, per-class accuracy and confusion matrix of `model` on a whole split."""
    was_training = model.training
    model.eval()
    loss_sum = torch.zeros((), device=data.images.device)
    confusion = torch.zeros(100, dtype=torch.int64, device=data.images.device)
    with torch.inference_mode():
        for start in range(0, len(data), batch_size):
            images, labels = data.images[start : start + batch_size], data.labels[start : start + batch_size]
            logits = model(images)
            loss_sum += F.cross_entropy(logits, labels, reduction="sum")
            confusion += torch.bincount(labels * 10 + logits.argmax(1), minlength=100)
    model.train(was_training)
    matrix = confusion.view(10, 10).cpu()
    per_class = matrix.diag().float() / matrix.sum(1).clamp(min=1).float()
    return Evaluation(
        loss=float(loss_sum) / len(data),
        accuracy=float(matrix.diag().sum()) / len(data),
        per_class_accuracy=tuple(per_class.tolist()),
        confusion_matrix=tuple(tuple(row) for row in matrix.tolist()),
    )


def warm_up() -> None:
    """Import what torch's optimizers import on first use (torch._dynamo: about 2 s on a 2-core laptop).

    torch.optim imports it lazily inside the first Optimizer call, holding the GIL throughout; the GUI calls
    this in the background after start-up so a first training run neither waits nor stalls the window.
    """
    import torch._dynamo  # noqa: F401


def trainable_model(arch: str, device: torch.device, state_dict: dict[str, Tensor] | None = None) -> nn.Module:
    """The model on its device, ready for train_step (channels-last on CPU: 1.2-1.6x faster convolutions)."""
    model = build_model(arch)
    if state_dict is not None:
        model.load_state_dict(state_dict)
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


def make_optimizer(model: nn.Module, config: TrainConfig) -> torch.optim.Optimizer:
    params = model.parameters()
    if config.optimizer == "sgd":
        return torch.optim.SGD(
            params, lr=config.lr, momentum=config.momentum, nesterov=config.nesterov,
            weight_decay=config.weight_decay, foreach=True,
        )  # fmt: skip
    optimizer_class = torch.optim.Adam if config.optimizer == "adam" else torch.optim.AdamW
    return optimizer_class(params, lr=config.lr, weight_decay=config.weight_decay, foreach=True)


def make_scheduler(
    optimizer: torch.optim.Optimizer, config: TrainConfig, total_steps: int
) -> torch.optim.lr_scheduler.LRScheduler | None:
    """A per-batch schedule (stepped after every optimizer step), or None."""
    if config.schedule == "onecycle":
        return torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=config.lr, total_steps=total_steps)
    if config.schedule == "step":
        milestones = [total_steps // 2, total_steps * 3 // 4]
        return torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=milestones, gamma=0.1)
    return None


def _fast_forward(scheduler: torch.optim.lr_scheduler.LRScheduler | None, steps: int) -> None:
    """Move a resumed run's schedule to where the interrupted run left it."""
    if scheduler is None or steps == 0:
        return
    with warnings.catch_warnings():  # stepping a schedule before the optimizer is the point here
        warnings.simplefilter("ignore", UserWarning)
        for _ in range(steps):
            scheduler.step()


def train(
    config: TrainConfig,
    control: TrainControl | None = None,
    checkpoint_path: str | Path | None = None,
    data: DatasetPair | None = None,
    data_dir: str | Path | None = None,
    report_every: int = 20,
    resume: Checkpoint | None = None,
    epochs_done: int | None = None,
) -> Iterator[TrainEvent]:
    """Train `config.arch`, yielding StepMetrics every `report_every` batches, EpochMetrics, then Finished.

    The best model (by test accuracy) is written to `checkpoint_path` after each epoch that improves it
    and when the run ends early, so a stop or crash keeps the best so far. `resume` continues an
    interrupted run from its saved model after `epochs_done` epochs (default: those its history records):
    the weights, the epoch count, the history and the learning-rate schedule carry on where they stopped,
    and only a better model replaces the saved one.
    """
    config.validate()
    control = control or TrainControl()
    device = resolve_device(config.device)
    if config.seed is not None:
        torch.manual_seed(config.seed)
    data = data or load_dataset(config.dataset, device, config.normalize, data_dir)
    train_set, test_set = data.train, data.test
    if config.styles:
        train_set = with_synthetic_digits(train_set, config.styles, config.seed or 0)
    if config.batch_size > len(train_set):
        raise ConfigError(f"batch_size {config.batch_size} is larger than the {len(train_set):,} training images")
    saved = run_state.load(run_state.state_path(resume.path)) if resume is not None and resume.path else None
    history: list[dict[str, float]] = resume.history if resume is not None else []
    first_epoch = 1 + (len(history) if epochs_done is None else epochs_done) if resume is not None else 1
    if saved is not None:  # the run's own last state: it continues exactly where it stopped
        history, first_epoch = saved.history, saved.epoch + 1
    if first_epoch > config.epochs:
        raise ConfigError(f"the run already trained all {config.epochs} epochs: ask for more epochs to go on")
    weights = resume.state_dict if resume is not None else starting_weights(config)
    model = trainable_model(config.arch, device, saved.model if saved is not None else weights)
    optimizer = make_optimizer(model, config)
    if saved is not None:
        optimizer.load_state_dict(saved.optimizer)
    steps_per_epoch = math.ceil(len(train_set) / config.batch_size)
    total_steps = steps_per_epoch * config.epochs
    if config.max_steps is not None:
        total_steps = min(total_steps, config.max_steps)
    steps_before = min(steps_per_epoch * (first_epoch - 1), total_steps)  # done before a resume
    scheduler = make_scheduler(optimizer, config, total_steps)
    _fast_forward(scheduler, steps_before)
    generator = torch.Generator(device=device)
    generator.manual_seed(config.seed if config.seed is not None else int(torch.seed()) % 2**63)
    if saved is not None:
        generator.set_state(saved.generator)
        torch.set_rng_state(saved.rng)

    clock = _PausableClock()
    best: tuple[float, Evaluation] | None = None
    if resume is not None and resume.test_accuracy is not None:
        best = (resume.test_accuracy, Evaluation(0.0, resume.test_accuracy, (), ()))
    saved_path: str | None = None
    global_step, images_seen, epochs_completed, steps_since_eval = steps_before, 0, first_epoch - 1, 0
    training_seconds = 0.0  # excludes evaluation, for the throughput figure
    reason = "completed"

    def keep_if_best(evaluation: Evaluation) -> bool:
        nonlocal best, saved_path
        if best is not None and evaluation.accuracy <= best[0]:
            return False
        best = (evaluation.accuracy, evaluation)
        if checkpoint_path is not None:
            metrics = {
                "test_accuracy": evaluation.accuracy,
                "test_loss": evaluation.loss,
                "per_class_accuracy": list(evaluation.per_class_accuracy),
                "confusion_matrix": [list(row) for row in evaluation.confusion_matrix],
                "epochs": history,
                "global_step": global_step,
            }
            saved_path = str(save_checkpoint(make_checkpoint(model, config, metrics), checkpoint_path))
        return True

    with CpuWorkers(model, device) as workers:
        workers.use(config.threads)
        tuner = _ThreadTuner(config, workers)
        model.train()
        for epoch in range(first_epoch, config.epochs + 1):
            order = torch.randperm(len(train_set), generator=generator, device=device)
            loss_sum = torch.zeros((), device=device)
            correct = torch.zeros((), dtype=torch.int64, device=device)
            seen, window_loss, window_count = 0, torch.zeros((), device=device), 0
            epoch_start, epoch_images = clock.seconds(), 0
            for step in range(1, steps_per_epoch + 1):
                if control.paused:
                    clock.pause()
                    control.running.wait()
                    clock.resume()
                if control.stopped or (config.max_steps is not None and global_step >= config.max_steps):
                    reason = "stopped" if control.stopped else "max_steps"
                    break
                tuner.before_step(step)
                index = order[(step - 1) * config.batch_size : step * config.batch_size]
                images, labels = train_set.images[index], train_set.labels[index]
                images = augment(images, config.augment, train_set.mean, train_set.std, generator)
                loss, logits = train_step(workers, optimizer, images, labels)
                if scheduler is not None:
                    scheduler.step()
                global_step += 1
                steps_since_eval += 1
                tuner.after_step(step)
                batch = len(labels)
                seen += batch
                images_seen += batch
                epoch_images += batch
                detached = loss.detach()
                loss_sum += detached * batch
                window_loss += detached
                window_count += 1
                correct += (logits.detach().argmax(1) == labels).sum()
                if step % report_every == 0 or step == steps_per_epoch:
                    window_mean = float(window_loss) / window_count  # the one host sync per report
                    if not math.isfinite(window_mean):
                        reason = "diverged"
                        break
                    now = clock.seconds()
                    rate = images_seen / max(training_seconds + now - epoch_start, 1e-9)  # evaluation excluded
                    progress = global_step / total_steps
                    yield StepMetrics(
                        epoch, config.epochs, step, steps_per_epoch, global_step, total_steps,
                        window_mean, float(loss_sum) / seen, float(correct) / seen, rate, progress,
                        (total_steps - global_step) * now / (global_step - steps_before), now,
                    )  # fmt: skip
                    window_loss.zero_()
                    window_count = 0
            if reason != "completed":
                break
            train_seconds = clock.seconds() - epoch_start
            training_seconds += train_seconds
            with workers.all_threads_in_ops():
                evaluation = evaluate(model, test_set)
            steps_since_eval = 0
            epochs_completed = epoch
            history.append(
                {
                    "epoch": epoch,
                    "train_loss": float(loss_sum) / max(seen, 1),
                    "train_accuracy": float(correct) / max(seen, 1),
                    "test_loss": evaluation.loss,
                    "test_accuracy": evaluation.accuracy,
                    "seconds": clock.seconds(),
                }
            )
            is_best = keep_if_best(evaluation)
            if checkpoint_path is not None:  # before the event: a stop right after it resumes from here
                state = run_state.capture(epoch, global_step, history, best[0] if best else None, model, optimizer,
                                          generator)  # fmt: skip
                run_state.save(state, run_state.state_path(checkpoint_path))
            yield EpochMetrics(
                epoch, config.epochs, history[-1]["train_loss"], history[-1]["train_accuracy"], evaluation.loss,
                evaluation.accuracy, evaluation.per_class_accuracy, evaluation.confusion_matrix,
                epoch_images / max(train_seconds, 1e-9), clock.seconds(), is_best,
            )  # fmt: skip

        if reason in ("stopped", "max_steps") and steps_since_eval:
            training_seconds += clock.seconds() - epoch_start
            with workers.all_threads_in_ops():  # the partial epoch may be the best model so far
                keep_if_best(evaluate(model, test_set))
        elapsed = clock.seconds()
        accuracy = best[0] if best else None
        if reason == "completed" and checkpoint_path is not None:  # nothing left to resume
            run_state.state_path(checkpoint_path).unlink(missing_ok=True)
        yield Finished(
            reason, _finish_message(reason, accuracy, epochs_completed, global_step), accuracy, epochs_completed,
            global_step, images_seen / max(training_seconds, 1e-9), elapsed, saved_path,
        )  # fmt: skip


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


class _ThreadTuner:
    """Pick how the CPU's cores are used by measuring, at the start of each epoch, when the user left it to us.

    On a busy machine a full OpenMP team waits at every barrier for the thread whose core is taken: with one
    of two cores busy, 2 threads trained 5-6x slower than 1. Each epoch times a few batches with every
    candidate plan (all cores as OpenMP threads, all cores each with a part of the batch, one core fewer) and
    keeps the fastest, so a run adapts when load comes or goes. Plans add up a batch's gradient in different
    orders, so a seeded run repeats bit for bit only when `threads` is set: the bundled lenet5's recipe ended at
    99.30% or 99.26% depending on the plans the timings picked.
    """

    WARMUP, MEASURED = 3, 12  # batches per candidate: settle, then time

    def __init__(self, config: TrainConfig, workers: CpuWorkers) -> None:
        cores = cpu_count()
        self.workers = workers
        self.enabled = workers.on_cpu and config.threads is None and cores > 1
        # plans: (cores, split the batch across them?); all cores as OpenMP threads first, the default
        self.candidates = [(cores, False), *([(cores, True)] if workers.splittable else []), (cores - 1, False)]
        self.best = self.candidates[0]
        self._step_in_epoch = 0
        self._timings: dict[tuple[int, bool], float] = {}
        self._started = 0.0

    def before_step(self, step: int) -> None:
        if not self.enabled:
            return
        span = self.WARMUP + self.MEASURED
        candidate, offset = divmod(step - 1, span)
        if candidate < len(self.candidates):
            if offset == 0:
                self.workers.use(*self.candidates[candidate])
            elif offset == self.WARMUP:
                self._started = time.perf_counter()
        elif candidate == len(self.candidates) and offset == 0 and self._timings:
            self.best = min(self._timings, key=self._timings.__getitem__)
            self.workers.use(*self.best)
            self._timings.clear()

    def after_step(self, step: int) -> None:
        if not self.enabled:
            return
        span = self.WARMUP + self.MEASURED
        candidate, offset = divmod(step - 1, span)
        if candidate < len(self.candidates) and offset == span - 1:
            self._timings[self.candidates[candidate]] = time.perf_counter() - self._started


class _PausableClock:
    """Seconds since the run started, not counting time spent paused."""

    def __init__(self) -> None:
        self._start = time.perf_counter()
        self._paused_at: float | None = None

    def seconds(self) -> float:
        return time.perf_counter() - self._start

    def pause(self) -> None:
        self._paused_at = time.perf_counter()

    def resume(self) -> None:
        if self._paused_at is not None:
            self._start += time.perf_counter() - self._paused_at
            self._paused_at = None
