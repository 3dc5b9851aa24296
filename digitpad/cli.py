"""The command line: `digitpad train | predict | eval | models | archs | bench | download`; no command opens the app."""

from __future__ import annotations

import argparse
import json
import math
import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from digitpad import __version__

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
EXAMPLES = """examples:
  digitpad                                    open the app
  digitpad predict digit.png --model lenet5   read a digit from an image file
  digitpad eval --model lenet-wide --json     a model's MNIST test accuracy as JSON
  digitpad train --arch lenet5 --epochs 3     train with lenet5's recipe, 3 epochs
  digitpad train --from lenet5 --lr 0.001     fine-tune a model
  digitpad COMMAND --help                     every option of a command, with its default
"""


def main(argv: Sequence[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # a frozen app must not re-run main in a spawned child
    argv = list(sys.argv[1:] if argv is None else argv)
    if all(arg.startswith("-") for arg in argv) and not {"-h", "--help"} & set(argv):  # no command: the app
        prepare_gui_process()
        return _open_app(_app_parser().parse_args(argv))  # before any engine import: the window shows first
    parser = build_parser()
    args = parser.parse_args(argv)
    from digitpad.engine.errors import DigitpadError

    try:
        return args.handler(args)
    except DigitpadError as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return _fail("interrupted", code=130)
    except BrokenPipeError:  # `digitpad archs --json | head -1`: the reader has all it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush cannot fail again
        return EXIT_OK
    except Exception as error:  # the last guard: a user never sees a traceback unless they ask for one
        if os.environ.get("DIGITPAD_DEBUG"):
            raise
        if error.__class__.__name__ == "OutOfMemoryError":  # torch's, for any device
            return _fail("out of memory on the device: try a smaller --batch-size or another --device")
        return _fail(f"unexpected {error.__class__.__name__}: {error} (set DIGITPAD_DEBUG=1 for details)")


def prepare_gui_process() -> None:
    """Settings that must be in place before torch loads OpenMP, for a process that shows the GUI.

    OpenMP's idle threads spin by default; beside a training thread on a 2-core laptop that spinning made
    each live prediction in the GUI thread take 43 ms instead of 1.5 ms (benchmarks/gui_stalls.py).
    Passive waiting costs the CLI's 2-thread training 17-33%, so only the GUI process sets it.
    """
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def _app_parser() -> argparse.ArgumentParser:
    """`digitpad`'s own options; building it imports nothing of the engine (torch takes seconds to load)."""
    parser = argparse.ArgumentParser(
        prog="digitpad", description="Handwritten-digit recognition with LeNet CNNs: with no command, the app.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    parser.add_argument("-V", "--version", action="version", version=f"digitpad {__version__}")
    parser.add_argument("--self-test", action="store_true", help="check the installation and exit")
    return parser


def build_parser() -> argparse.ArgumentParser:
    from digitpad.engine.architectures import DEFAULT_MODEL
    from digitpad.engine.config import DEVICES, field_kind, knobs
    from digitpad.engine.dataset_registry import DATASETS

    model_help = f"a model name (see `digitpad models`) or a checkpoint path (default: {DEFAULT_MODEL})"
    parser = _app_parser()
    parser.add_argument("--json", action="store_true", help="one JSON object per line on stdout (any command)")
    parser.set_defaults(command=None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, handler: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        # before or after the command: here it must not reset what the main parser read
        sub.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                         help="one JSON object per line on stdout")  # fmt: skip
        return sub

    train = command("train", _cmd_train, "train an architecture; its recipe fills every option you leave unset")
    train.add_argument("--recipe", choices=("improved", "bundled", "tutorial"), default="improved",
                       help="start from digitpad's recipe, the one its bundled model was trained with, or the "
                            "tutorial's own (default: improved)")  # fmt: skip
    for name, knob in knobs().items():  # one flag per TrainConfig field, with its help, choices and default
        if knob.flag == "-":
            continue
        flag = knob.flag or "--" + name.replace("_", "-")
        kind = field_kind(name)
        if kind is bool:
            train.add_argument(flag, dest=name, action=argparse.BooleanOptionalAction, help=knob.describe())
        else:
            train.add_argument(flag, dest=name, type=kind, choices=knob.choices, help=knob.describe(),
                               metavar=None if knob.choices else knob.metavar or name.upper())  # fmt: skip
    train.add_argument("--data-dir", type=Path, help="a folder holding the four IDX files (raw or .gz), or digit "
                       "subfolders 0-9 of images (default: the --dataset)")  # fmt: skip
    train.add_argument("--out", type=Path, help="where to write the best model (default: your models folder)")
    train.add_argument("--resume", type=Path, metavar="CHECKPOINT",
                       help="go on with the run that saved CHECKPOINT (cut short by Ctrl-C, a crash or a kill), "
                            "with its settings, into the same file unless --out is given; --epochs is the "
                            "run's total (default: a new run)")  # fmt: skip

    predict = command("predict", _cmd_predict, "predict the digit in image files")
    predict.add_argument("images", nargs="+", type=Path, metavar="IMAGE")
    predict.add_argument("--model", help=model_help)

    evaluate = command("eval", _cmd_eval, "measure a model on a dataset's test split")
    evaluate.add_argument("--model", help=model_help)
    evaluate.add_argument("--dataset", choices=list(DATASETS),
                          help="the dataset to test on (default: the one the model was trained on)")  # fmt: skip
    evaluate.add_argument("--data-dir", type=Path, help="a folder holding the four IDX files (raw or .gz), or "
                          "digit subfolders 0-9 of images (default: the --dataset)")  # fmt: skip
    evaluate.add_argument("--device", choices=DEVICES, default="cpu", help="where to compute (default: cpu)")

    inspect = command("inspect", _cmd_inspect, "look inside a model: every layer's shape, parameters, "
                      "multiply-adds and activations for an image")  # fmt: skip
    inspect.add_argument("image", type=Path, metavar="IMAGE")
    inspect.add_argument("--model", help=model_help)

    explain = command("explain", _cmd_explain, "why this answer: an evidence map over the image and the nearest "
                      "MNIST training images in the model's eyes")  # fmt: skip
    explain.add_argument("image", type=Path, metavar="IMAGE")
    explain.add_argument("--model", help=model_help)
    explain.add_argument("--target", type=int, choices=range(10), metavar="D",
                         help="the digit to explain, e.g. 9 for \"why not 9?\" (default: the answer)")  # fmt: skip
    explain.add_argument("--method", choices=("occlusion", "gradient"), default="occlusion",
                         help="occlusion (cover patches) or gradient (input x ink) (default: occlusion)")  # fmt: skip

    command("models", _cmd_models, "list trained models, bundled and your own")
    command("archs", _cmd_archs, "list the architectures and their tutorial recipes")
    bench = command("bench", _cmd_bench, "quick speed figures: training images/s and prediction latency")
    bench.add_argument("--device", choices=DEVICES, default="cpu", help="where to train (default: cpu)")
    export = command("export", _cmd_export, "export a model to ONNX, for other tools (needs digitpad[export])")
    export.add_argument("model", help="a model name (see `digitpad models`) or a checkpoint path")
    export.add_argument("out", type=Path, help="the .onnx file to write")
    desktop = command("install-desktop", _cmd_install_desktop,
                      "Linux: add digitpad to the desktop's menu (entry, icons, metainfo) for this user")  # fmt: skip
    desktop.add_argument("--uninstall", action="store_true",
                         help="remove what install-desktop added (default: install)")  # fmt: skip
    mine = command("handwriting", _cmd_handwriting,
                   "My handwriting, your own digits: count them, or export and import them as a zip")  # fmt: skip
    mine.add_argument("action", nargs="?", choices=("show", "export", "import"), default="show",
                      help="show the counts, export to ZIP or import from ZIP (default: show)")  # fmt: skip
    mine.add_argument("zip", nargs="?", type=Path, metavar="ZIP", help="the zip file (default: none)")
    mine.add_argument("--replace", action="store_true",
                      help="on import, relabel yours as the zip labels them (default: keep yours)")  # fmt: skip
    download = command("download", _cmd_download, "download another dataset (needs digitpad[datasets])")
    download.add_argument("dataset", choices=[n for n, s in DATASETS.items() if s.torchvision_class])
    return parser


def _open_app(args: argparse.Namespace) -> int:
    try:
        from digitpad.gui.app import run_app, self_test
    except ImportError as error:
        return _fail(f"the desktop app cannot start: {error} (reinstall with the README's setup command)")
    return self_test() if args.self_test else run_app()


def _fail(message: str, code: int = EXIT_ERROR) -> int:
    print(f"digitpad: error: {message}", file=sys.stderr)
    return code


def _emit(record: dict[str, Any]) -> None:
    """One JSON object per line; a NaN or infinite figure is written as null (NaN is not JSON)."""
    print(json.dumps(_finite(record), allow_nan=False), flush=True)


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _cmd_train(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from digitpad import paths
    from digitpad.engine.config import knobs
    from digitpad.engine.errors import ConfigError
    from digitpad.engine.events import EpochMetrics, Finished, StepMetrics
    from digitpad.engine.fine_tuning import run_training
    from digitpad.engine.recipes import bundled_recipe, fine_tune_recipe, recipe, tutorial_recipe
    from digitpad.engine.trainer import TrainControl

    resume = _checkpoint_to_resume(args)
    if resume is not None:
        base = resume.config
    elif args.dataset == "mine" and args.start_from:  # teaching a model the user's handwriting
        base = fine_tune_recipe(_parent_config(args.start_from), args.start_from)
    else:
        arch = args.arch or _arch_of(args.start_from) or "lenet5"
        base = {"improved": recipe, "bundled": bundled_recipe, "tutorial": tutorial_recipe}[args.recipe](arch)
        if base is None:
            raise ConfigError(f"{arch} comes from no tutorial: it has only digitpad's recipe (--recipe improved)")
    config = base.with_changes(**{name: getattr(args, name, None) for name in knobs()}).validate()
    fresh_name = f"{config.arch}-{time.strftime('%Y%m%d-%H%M%S')}.safetensors"
    out = args.out or args.resume or paths.user_models_dir() / fresh_name
    control = TrainControl()
    previous_handler = signal.signal(signal.SIGINT, lambda *_: control.stop())  # Ctrl-C keeps the best model
    console = _console(stderr=True)
    progress = Progress(
        TextColumn("[bold]epoch {task.fields[epoch]}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
        TextColumn("loss {task.fields[loss]:.4f}  acc {task.fields[acc]:.2%}  {task.fields[rate]:,.0f} img/s"),
        TimeRemainingColumn(), console=console, transient=True, disable=not console.is_terminal,
    )  # fmt: skip
    task = progress.add_task("train", total=1.0, epoch="1", loss=0.0, acc=0.0, rate=0.0)
    finished: Finished | None = None
    try:
        with progress:
            for event in run_training(config, control, checkpoint_path=out, data_dir=args.data_dir, resume=resume):
                if isinstance(event, StepMetrics):
                    progress.update(
                        task, completed=event.progress, epoch=f"{event.epoch}/{event.epochs}", loss=event.loss,
                        acc=event.running_accuracy, rate=event.images_per_second,
                    )  # fmt: skip
                elif isinstance(event, EpochMetrics):
                    _report_epoch(event, args.json, progress.console)
                elif isinstance(event, Finished):
                    finished = event
    finally:
        signal.signal(signal.SIGINT, previous_handler)
    assert finished is not None  # the trainer always ends with Finished
    if args.json:
        _emit({
            "event": "finished", "reason": finished.reason, "message": finished.message,
            "checkpoint": finished.checkpoint, "test_accuracy": finished.test_accuracy,
            "images_per_second": finished.images_per_second, "seconds": finished.seconds,
            "comparison": asdict(finished.comparison) if finished.comparison else None,
        })  # fmt: skip
    elif finished.comparison is not None:
        print(finished.comparison.summary(), file=sys.stderr)
    if finished.reason == "diverged":
        return _fail(finished.message)
    print(finished.message, file=sys.stderr)
    if finished.checkpoint and not args.json:
        print(f"model saved to {finished.checkpoint}")
    return EXIT_OK


def _parent_config(model: str) -> Any:
    """The settings the model `--from` names was trained with."""
    from digitpad.engine.catalog import resolve_model
    from digitpad.engine.checkpoints import load_checkpoint

    return load_checkpoint(resolve_model(model)).config


def _arch_of(model: str | None) -> str | None:
    """The architecture of the model `--from` names, so its recipe is the starting point."""
    if model is None:
        return None
    from digitpad.engine.catalog import resolve_model
    from digitpad.engine.checkpoints import read_metadata

    return read_metadata(resolve_model(model)).get("arch")


def _checkpoint_to_resume(args: argparse.Namespace) -> Any:
    """The checkpoint `--resume` names, checked against the other options; None without --resume."""
    if args.resume is None:
        return None
    from digitpad.engine.checkpoints import load_checkpoint
    from digitpad.engine.errors import ConfigError

    checkpoint = load_checkpoint(args.resume)
    if args.arch is not None and args.arch != checkpoint.arch:
        raise ConfigError(f"--arch {args.arch} does not match {args.resume.name}, a {checkpoint.arch} model")
    return checkpoint


def _report_epoch(event: Any, as_json: bool, console: Any) -> None:
    if as_json:
        _emit({
            "epoch": event.epoch, "train_loss": event.train_loss, "train_accuracy": event.train_accuracy,
            "test_loss": event.test_loss, "test_accuracy": event.test_accuracy,
            "images_per_second": event.images_per_second, "seconds": event.seconds,
        })  # fmt: skip
    else:
        console.print(
            f"epoch {event.epoch}/{event.epochs}  train loss {event.train_loss:.4f}  "
            f"train acc {event.train_accuracy:.2%}  test acc {event.test_accuracy:.2%}  "
            f"{event.images_per_second:,.0f} img/s  {event.seconds:.1f} s{'  (best)' if event.is_best else ''}"
        )


def _cmd_predict(args: argparse.Namespace) -> int:
    from digitpad.engine.catalog import resolve_model
    from digitpad.engine.errors import ImageError
    from digitpad.engine.predictor import Predictor

    predictor = Predictor(resolve_model(args.model))
    failures = 0
    for path in args.images:  # every file gets its row: one that cannot be read never stops the batch
        try:
            prediction = predictor.predict(path)
            if prediction is None:
                raise ImageError(f"{path.name}: no digit found (the image is blank or has too little contrast)")
        except Exception as error:
            failures += 1
            message = (
                str(error) if isinstance(error, ImageError) else f"{path.name}: {error.__class__.__name__}: {error}"
            )
            if args.json:
                _emit({"file": str(path), "error": message})
            else:
                print(f"digitpad: error: {message}", file=sys.stderr)
            continue
        if args.json:
            _emit({
                "file": str(path), "digit": prediction.digit, "confidence": prediction.confidence,
                "probabilities": list(prediction.probabilities),
            })  # fmt: skip
        else:
            unsure = "  (unsure)" if prediction.unsure else ""
            print(f"{path}: {prediction.digit}  {prediction.confidence:.1%}{unsure}")
    return EXIT_ERROR if failures else EXIT_OK


def _cmd_eval(args: argparse.Namespace) -> int:
    from rich.table import Table

    from digitpad.engine.catalog import resolve_model
    from digitpad.engine.checkpoints import load_checkpoint
    from digitpad.engine.datasets import load_dataset
    from digitpad.engine.device import resolve_device, set_cpu_threads
    from digitpad.engine.evaluation import evaluate

    set_cpu_threads(None)
    start = time.perf_counter()
    path = resolve_model(args.model)
    checkpoint = load_checkpoint(path)
    device = resolve_device(args.device)
    dataset = args.dataset or checkpoint.dataset
    data = load_dataset(dataset, device, (checkpoint.mean, checkpoint.std), args.data_dir)
    if data.skipped:
        print(f"skipped {len(data.skipped)} unusable image(s), e.g. {data.skipped[0]}", file=sys.stderr)
    result = evaluate(checkpoint.build().to(device), data.test)
    seconds = time.perf_counter() - start
    if args.json:
        _emit({
            "model": path.stem, "dataset": dataset, "test_accuracy": result.accuracy,
            "per_class_accuracy": list(result.per_class_accuracy),
            "confusion_matrix": [list(row) for row in result.confusion_matrix], "seconds": seconds,
        })  # fmt: skip
        return EXIT_OK
    console = _console()
    console.print(f"{path.stem} on {dataset} test ({len(data.test):,} images): [bold]{result.accuracy:.2%}[/]")
    table = Table(title="confusion matrix (rows: true digit, columns: predicted)")
    table.add_column("")
    for digit in range(10):
        table.add_column(str(digit), justify="right")
    table.add_column("accuracy", justify="right")
    for digit, row in enumerate(result.confusion_matrix):
        cells = [f"[bold]{n}[/]" if i == digit else (str(n) if n else "·") for i, n in enumerate(row)]
        table.add_row(str(digit), *cells, f"{result.per_class_accuracy[digit]:.2%}")
    console.print(table)
    return EXIT_OK


def _cmd_inspect(args: argparse.Namespace) -> int:
    from rich.table import Table

    from digitpad.engine.catalog import resolve_model
    from digitpad.engine.checkpoints import load_checkpoint
    from digitpad.engine.errors import ImageError
    from digitpad.engine.inspection import Inspector
    from digitpad.engine.preprocess import preprocess

    model_input = preprocess(args.image)
    if model_input is None:
        raise ImageError(f"{args.image.name}: no digit found")
    inspector = Inspector(load_checkpoint(resolve_model(args.model)))
    inspection = inspector.run(model_input)
    rows = [{"layer": layer.index, "name": layer.name, "type": layer.kind, "input_shape": list(layer.input_shape),
             "output_shape": list(layer.output_shape), "parameters": layer.params, "trained": layer.trained,
             "multiply_adds": layer.macs, **inspection.statistics(layer.index)}
            for layer in inspection.layers]  # fmt: skip
    if args.json:
        for row in rows:
            _emit(row)
        return EXIT_OK
    table = Table(
        title=f"{args.image.name} through {inspector.checkpoint.arch}: {int(inspection.probabilities.argmax())}"
    )
    for column in ("#", "layer", "type", "output", "parameters", "multiply-adds", "min", "max", "mean"):
        table.add_column(column, justify="left" if column in ("layer", "type", "output") else "right")
    for row in rows:
        table.add_row(str(row["layer"]), row["name"], row["type"], "x".join(map(str, row["output_shape"])),
                      f"{row['parameters']:,}{'' if row['trained'] else ' (fixed)'}", f"{row['multiply_adds']:,}",
                      f"{row['min']:.3g}", f"{row['max']:.3g}",
                      f"{row['mean']:.3g}")  # fmt: skip
    table.add_row("", "total", "", "", f"{sum(r['parameters'] for r in rows):,}",
                  f"{sum(r['multiply_adds'] for r in rows):,}", "", "", "")  # fmt: skip
    _console().print(table)
    return EXIT_OK


def _cmd_explain(args: argparse.Namespace) -> int:
    import numpy as np

    from digitpad.engine.catalog import resolve_model
    from digitpad.engine.checkpoints import load_checkpoint
    from digitpad.engine.errors import ImageError
    from digitpad.engine.explanation import Explainer
    from digitpad.engine.preprocess import preprocess

    model_input = preprocess(args.image)
    if model_input is None:
        raise ImageError(f"{args.image.name}: no digit found")
    path = resolve_model(args.model)
    explainer = Explainer(load_checkpoint(path), path)
    if sys.stderr.isatty():
        print("reading the model's index of MNIST's training images (built once per model)…", file=sys.stderr)
    result = explainer.explain(model_input, args.target, args.method)
    record = {
        "file": str(args.image), "model": path.stem, "target": result.target, "method": result.method,
        "answer": int(result.probabilities.argmax()), "probabilities": result.probabilities.tolist(),
        "saliency": np.round(result.saliency, 6).tolist(),
        "neighbours": [{"index": n.index, "label": n.label, "distance": n.distance} for n in result.neighbours],
    }  # fmt: skip
    if args.json:
        _emit(record)
        return EXIT_OK
    print(f"{args.image.name}: {path.stem} answers {record['answer']}; evidence for {result.target} ({result.method}),"
          " + for, - against:")  # fmt: skip
    peak = float(np.abs(result.saliency).max()) or 1.0
    for row in result.saliency:
        print("".join(" .:-=+*#"[min(7, int(abs(v) / peak * 8))] if v >= 0 else "~" for v in row))
    nearest = ", ".join(f"#{n.index} ({n.label}, {n.distance:.3f})" for n in result.neighbours)
    print(f"nearest training images (index, label, distance): {nearest}")
    return EXIT_OK


def _cmd_models(args: argparse.Namespace) -> int:
    from rich.table import Table

    from digitpad.engine.catalog import list_models

    entries = list_models()
    if args.json:
        for entry in entries:
            _emit(entry.to_json())
        return EXIT_OK
    table = Table("name", "arch", "dataset", "test accuracy", "params", "source", "path")
    for entry in entries:
        accuracy = f"{entry.test_accuracy:.2%}" if entry.test_accuracy is not None else "-"
        table.add_row(entry.name, entry.arch, entry.dataset, accuracy, f"{entry.params:,}", entry.source,
                      str(entry.path))  # fmt: skip
    _console().print(table)
    return EXIT_OK


def _cmd_archs(args: argparse.Namespace) -> int:
    from rich.table import Table

    from digitpad.engine.architectures import ARCHITECTURES
    from digitpad.engine.recipes import bundled_recipe, recipe, tutorial_recipe

    if args.json:
        for spec in ARCHITECTURES.values():
            tutorial = tutorial_recipe(spec.name)
            _emit({
                "name": spec.name, "title": spec.title, "description": spec.description, "params": spec.params,
                "source": spec.source, "reported": spec.reported, "recipe": recipe(spec.name).to_dict(),
                "bundled_recipe": bundled_recipe(spec.name).to_dict(),
                "tutorial_recipe": tutorial.to_dict() if tutorial is not None else None,
            })  # fmt: skip
        return EXIT_OK
    table = Table("name", "title", "params", "recipe", "reported")
    for spec in ARCHITECTURES.values():
        r = recipe(spec.name)
        recipe = f"{r.optimizer} lr {r.lr:g}, batch {r.batch_size}, {r.epochs} epochs"
        table.add_row(spec.name, spec.title, f"{spec.params:,}", recipe, spec.reported)
    _console().print(table)
    return EXIT_OK


def _cmd_bench(args: argparse.Namespace) -> int:
    from digitpad.engine.architectures import ARCHITECTURES
    from digitpad.engine.benchmark import prediction_latency, training_throughput
    from digitpad.engine.catalog import resolve_model
    from digitpad.engine.datasets import load_dataset
    from digitpad.engine.device import cpu_count, resolve_device, set_cpu_threads
    from digitpad.engine.predictor import Predictor

    threads = set_cpu_threads(None)
    device = resolve_device(args.device)
    data = load_dataset("mnist", device)
    records: list[dict[str, Any]] = []
    for arch in ARCHITECTURES:
        rate = training_throughput(arch, batch_size=64, steps=40, device=args.device, data=data)
        records.append({"benchmark": "train", "arch": arch, "batch_size": 64, "device": device.type,
                        "threads": threads, "images_per_second": rate})  # fmt: skip
    predictor = Predictor(resolve_model(None))
    sample = data.test.raw_images[0]
    records.append({"benchmark": "predict", "model": predictor.arch, "cores": cpu_count(),
                    **prediction_latency(predictor, sample)})  # fmt: skip
    for record in records:
        if args.json:
            _emit(record)
        else:
            print("  ".join(f"{k}={v:,.1f}" if isinstance(v, float) else f"{k}={v}" for k, v in record.items()))
    return EXIT_OK


def _cmd_download(args: argparse.Namespace) -> int:
    from digitpad.engine.datasets import download

    folder = download(args.dataset, progress=lambda line: print(line, file=sys.stderr))
    if args.json:
        _emit({"dataset": args.dataset, "path": str(folder)})
    else:
        print(f"{args.dataset} is ready in {folder}")
    return EXIT_OK


def _cmd_handwriting(args: argparse.Namespace) -> int:
    from digitpad.engine import my_handwriting
    from digitpad.engine.errors import ConfigError

    if args.action != "show" and args.zip is None:
        raise ConfigError(f"handwriting {args.action} needs the zip file's path")
    if args.action == "export":
        written = my_handwriting.export_zip(args.zip)
        record = {"exported": written, "file": str(args.zip)}
    elif args.action == "import":
        plan = my_handwriting.plan_import(args.zip)
        added = my_handwriting.apply_import(plan, replace_conflicts=args.replace)
        for line in plan.unreadable:
            print(f"skipped {line}", file=sys.stderr)
        record = {"imported": added, "already_here": plan.same, "skipped": len(plan.unreadable),
                  "relabelled" if args.replace else "kept_yours": len(plan.conflicts)}  # fmt: skip
    else:
        per_digit = my_handwriting.counts()
        held = len(my_handwriting.held_out(my_handwriting.samples()))
        record = {"folder": str(my_handwriting.folder()), "counts": per_digit, "samples": sum(per_digit),
                  "held_back": held}  # fmt: skip
    if args.json:
        _emit(record)
    else:
        print(", ".join(f"{key}: {value}" for key, value in record.items()))
    return EXIT_OK


def _cmd_install_desktop(args: argparse.Namespace) -> int:
    from digitpad import desktop_entry

    changed = desktop_entry.uninstall() if args.uninstall else desktop_entry.install()
    for path in changed:
        if args.json:
            _emit({"file": str(path), "action": "removed" if args.uninstall else "installed"})
        else:
            print(f"{'removed' if args.uninstall else 'installed'} {path}")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from digitpad.engine.catalog import resolve_model
    from digitpad.engine.export import export_onnx

    path = export_onnx(resolve_model(args.model), args.out)
    if args.json:
        _emit({"model": args.model, "onnx": str(path), "bytes": path.stat().st_size})
    else:
        print(f"wrote {path}: input 'image' (N, 1, 28, 28) ink 1 on paper 0, output 'probabilities' (N, 10)")
    return EXIT_OK
