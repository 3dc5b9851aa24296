"""The steps of a run: the model ready to train, one optimizer step, and one epoch's pass over the shuffled
training set, which yields StepMetrics and checks the run's control (stop, pause) before every batch."""

from __future__ import annotations

import math
from collections.abc import Generator
from dataclasses import dataclass, field

import torch
from torch import Tensor, nn

from digitpad.engine.data.augment import augment
from digitpad.engine.data.loading import InMemoryDataset
from digitpad.engine.models.first_layer import fix_first_convolution
from digitpad.engine.models.zoo import build_model
from digitpad.engine.reading.evaluation import Evaluation, evaluate
from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.system.cpu_workers import CpuWorkers
from digitpad.engine.system.device import channels_last
from digitpad.engine.system.thread_tuner import ThreadTuner
from digitpad.engine.training.control import PausableClock, TrainControl
from digitpad.engine.training.events import EndReason, StepMetrics
from digitpad.engine.training.fixed_layers import TrainedPart
from digitpad.engine.training.optimization import Scheduler, fast_forward, make_scheduler
from digitpad.engine.training.start import Start


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
    return channels_last(model) if device.type == "cpu" else model


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
    """What a run's epochs share: its model and the part of it they train, where it has got to, and its clock."""

    config: TrainConfig
    control: TrainControl
    model: nn.Module  # the whole model, as it is saved
    part: TrainedPart  # what the steps train and the epochs score (see fixed_layers.py)
    workers: CpuWorkers
    optimizer: torch.optim.Optimizer
    scheduler: Scheduler | None
    generator: torch.Generator
    steps_per_epoch: int
    total_steps: int
    steps_before: int  # done before this session of the run (a resume)
    global_step: int
    tuner: ThreadTuner
    clock: PausableClock
    images_seen: int = 0
    training_seconds: float = 0.0  # excludes evaluation, for the throughput figure

    @property
    def train_set(self) -> InMemoryDataset:
        return self.part.train_set

    def score(self) -> Evaluation:
        """The model on the test split, with every core inside each op (evaluation is not split)."""
        with self.workers.all_threads_in_ops():
            return evaluate(self.part.module, self.part.test_set)

    def interruption(self) -> EndReason | None:
        """Why the run must stop before its next step, if it must."""
        if self.control.stopped:
            return "stopped"
        if self.config.max_steps is not None and self.global_step >= self.config.max_steps:
            return "max_steps"
        return None


def prepare_run(config: TrainConfig, control: TrainControl, model: nn.Module, part: TrainedPart,
                workers: CpuWorkers, optimizer: torch.optim.Optimizer, start: Start, clock: PausableClock
                ) -> Run:  # fmt: skip
    """The schedule, the shuffling generator and the step counts, restored to `start` (the one place a resumed
    run's optimizer, generator and random state come back)."""
    device = part.train_set.images.device
    steps_per_epoch = math.ceil(len(part.train_set) / config.batch_size)
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
    return Run(config=config, control=control, model=model, part=part, workers=workers, optimizer=optimizer,
               scheduler=scheduler, generator=generator, steps_per_epoch=steps_per_epoch, total_steps=total_steps,
               steps_before=steps_before, global_step=steps_before, tuner=ThreadTuner(config, workers),
               clock=clock)  # fmt: skip


def train_one_epoch(run: Run, epoch: int, report_every: int
                    ) -> Generator[StepMetrics, None, tuple[EndReason, Tally]]:  # fmt: skip
    """One pass over the shuffled training set, yielding StepMetrics; returns why it ended and its sums."""
    config, data = run.config, run.train_set
    order = torch.randperm(len(data), generator=run.generator, device=data.images.device)
    tally = Tally(data.images.device)
    epoch_start = run.clock.seconds()
    reason: EndReason = "completed"
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
