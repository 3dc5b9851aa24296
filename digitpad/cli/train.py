"""`digitpad train`: one flag per TrainConfig field, a progress bar, one JSON record per epoch, and how it ended."""

from __future__ import annotations

import argparse
import signal
import sys
from dataclasses import asdict, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digitpad.cli.output import EXIT_OK, console, emit, fail

if TYPE_CHECKING:
    from digitpad.cli.registry import Commands
    from digitpad.engine.spec.config import TrainConfig
    from digitpad.engine.store.checkpoints import Checkpoint
    from digitpad.engine.training.events import Comparison, EpochMetrics, Finished


def register(commands: Commands) -> None:
    from digitpad.engine.spec.recipes import RECIPE_KINDS

    train = commands.add("train", run, "train an architecture; its recipe fills every option you leave unset")
    train.add_argument("--recipe", choices=RECIPE_KINDS, default="improved",
                       help="start from digitpad's recipe, the one its bundled model was trained with, or the "
                            "tutorial's own (default: improved)")  # fmt: skip
    add_config_flags(train)
    train.add_argument("--data-dir", type=Path, help="a folder holding the four IDX files (raw or .gz), or digit "
                       "subfolders 0-9 of images (default: the --dataset)")  # fmt: skip
    train.add_argument("--out", type=Path, help="where to write the best model (default: your models folder)")
    train.add_argument("--resume", type=Path, metavar="CHECKPOINT",
                       help="go on with the run that saved CHECKPOINT (cut short by Ctrl-C, a crash or a kill), "
                            "with its settings, into the same file unless --out is given; --epochs is the "
                            "run's total (default: a new run)")  # fmt: skip


def flag_of(name: str) -> str:
    """The command line's flag for a TrainConfig field ("" for a field the command line does not offer)."""
    from digitpad.engine.spec.config import knob

    spec = knob(name)
    return "" if spec.flag == "-" else spec.flag or "--" + name.replace("_", "-")


def add_config_flags(parser: argparse.ArgumentParser) -> None:
    """One flag per TrainConfig field, with its help, choices and default (engine/spec/config.py's knobs)."""
    from digitpad.engine.spec.config import field_kind, knobs

    for name, spec in knobs().items():
        if not (flag := flag_of(name)):
            continue
        kind = field_kind(name)
        if kind is bool:
            parser.add_argument(flag, dest=name, action=argparse.BooleanOptionalAction, help=spec.describe())
        else:
            parser.add_argument(flag, dest=name, type=kind, choices=spec.choices, help=spec.describe(),
                                metavar=None if spec.choices else spec.metavar or name.upper())  # fmt: skip


def config_arguments(config: TrainConfig) -> list[str]:
    """The `digitpad train` flags that reproduce `config` exactly (what `python -m training.rebuild` runs)."""
    arguments: list[str] = []
    for item in fields(config):
        value, flag = getattr(config, item.name), flag_of(item.name)
        if not flag or value is None:
            continue
        if isinstance(value, bool):
            arguments.append(flag if value else "--no-" + flag.removeprefix("--"))
        else:
            arguments += [flag, repr(value) if isinstance(value, float) else str(value)]
    return arguments


def run(args: argparse.Namespace) -> int:
    from digitpad.engine.spec.config import knobs
    from digitpad.engine.training.control import TrainControl
    from digitpad.engine.training.plan import default_model_name, new_model_path, starting_config

    resume = checkpoint_to_resume(args)
    base = resume.config if resume is not None else starting_config(args.arch, args.recipe, args.start_from,
                                                                     args.dataset)  # fmt: skip
    config = base.with_changes(**{name: getattr(args, name, None) for name in knobs()}).validate()
    out = args.out or args.resume or new_model_path(default_model_name(config))
    control = TrainControl()
    previous_handler = signal.signal(signal.SIGINT, lambda *_: control.stop())  # Ctrl-C keeps the best model
    try:
        finished = follow(config, control, out, args, resume)
    finally:
        signal.signal(signal.SIGINT, previous_handler)
    return report_end(finished, args.json)


def checkpoint_to_resume(args: argparse.Namespace) -> Checkpoint | None:
    """The checkpoint `--resume` names, checked against the other options; None without --resume."""
    if args.resume is None:
        return None
    from digitpad.engine.spec.errors import ConfigError
    from digitpad.engine.store.checkpoints import load_checkpoint

    checkpoint = load_checkpoint(args.resume)
    if args.arch is not None and args.arch != checkpoint.arch:
        raise ConfigError(f"--arch {args.arch} does not match {args.resume.name}, a {checkpoint.arch} model")
    return checkpoint


def follow(config: TrainConfig, control: Any, out: Path, args: argparse.Namespace, resume: Checkpoint | None
           ) -> Finished:  # fmt: skip
    """Run the training, with a progress bar on a terminal and a line (or a JSON record) per epoch."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from digitpad.engine.training.events import EpochMetrics, Finished, StepMetrics
    from digitpad.engine.training.run import train

    terminal = console(stderr=True)
    progress = Progress(
        TextColumn("[bold]epoch {task.fields[epoch]}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
        TextColumn("loss {task.fields[loss]:.4f}  acc {task.fields[acc]:.2%}  {task.fields[rate]:,.0f} img/s"),
        TimeRemainingColumn(), console=terminal, transient=True, disable=not terminal.is_terminal,
    )  # fmt: skip
    task = progress.add_task("train", total=1.0, epoch="1", loss=0.0, acc=0.0, rate=0.0)
    finished = None
    with progress:
        for event in train(config, control, checkpoint_path=out, data_dir=args.data_dir, resume=resume):
            if isinstance(event, StepMetrics):
                progress.update(task, completed=event.progress, epoch=f"{event.epoch}/{event.epochs}",
                                loss=event.loss, acc=event.running_accuracy, rate=event.images_per_second)  # fmt: skip
            elif isinstance(event, EpochMetrics):
                report_epoch(event, args.json, progress.console)
            elif isinstance(event, Finished):
                finished = event
    assert finished is not None  # a run always ends with Finished
    return finished


def report_epoch(event: EpochMetrics, as_json: bool, terminal: Any) -> None:
    if as_json:
        emit({
            "epoch": event.epoch, "train_loss": event.train_loss, "train_accuracy": event.train_accuracy,
            "test_loss": event.test_loss, "test_accuracy": event.test_accuracy,
            "images_per_second": event.images_per_second, "seconds": event.seconds,
        })  # fmt: skip
    else:
        terminal.print(
            f"epoch {event.epoch}/{event.epochs}  train loss {event.train_loss:.4f}  "
            f"train acc {event.train_accuracy:.2%}  test acc {event.test_accuracy:.2%}  "
            f"{event.images_per_second:,.0f} img/s  {event.seconds:.1f} s{'  (best)' if event.is_best else ''}"
        )


def end_text(finished: Finished) -> str:
    """How the run ended, in one line for a person (the window says the same in the user's language)."""
    kept = f"best test accuracy {finished.test_accuracy:.2%}" if finished.test_accuracy is not None else \
        "nothing trained"  # fmt: skip
    steps, epochs = finished.global_step, finished.epochs_completed
    return {
        "completed": f"finished {epochs} epoch{'s' if epochs != 1 else ''}: {kept}",
        "stopped": f"stopped after {steps} step{'s' if steps != 1 else ''}: kept the {kept}",
        "max_steps": f"stopped at the step limit ({steps} step{'s' if steps != 1 else ''}): {kept}",
        "diverged": f"stopped: the loss became NaN or infinite at step {steps} (the learning rate is probably too "
                    f"high); kept the {kept}",
    }[finished.reason]  # fmt: skip


def comparison_text(comparison: Comparison) -> str:
    """A fine-tune's before and after, in one line."""
    title = "your held-back digits" if comparison.dataset == "mine" else f"{comparison.dataset} test"
    line = (f"{comparison.parent} -> new model: {title} ({comparison.test_images}) {comparison.before:.1%} -> "
            f"{comparison.after:.1%}")  # fmt: skip
    if comparison.mnist_before is not None and comparison.mnist_after is not None:
        line += f"; MNIST test {comparison.mnist_before:.2%} -> {comparison.mnist_after:.2%}"
    return line


def report_end(finished: Finished, as_json: bool) -> int:
    if as_json:
        emit({
            "event": "finished", "reason": finished.reason, "message": end_text(finished),
            "checkpoint": finished.checkpoint, "test_accuracy": finished.test_accuracy,
            "images_per_second": finished.images_per_second, "seconds": finished.seconds,
            "comparison": asdict(finished.comparison) if finished.comparison else None,
        })  # fmt: skip
    elif finished.comparison is not None:
        print(comparison_text(finished.comparison), file=sys.stderr)
    if finished.reason == "diverged":
        return fail(end_text(finished))
    print(end_text(finished), file=sys.stderr)
    if finished.checkpoint and not as_json:
        print(f"model saved to {finished.checkpoint}")
    return EXIT_OK
