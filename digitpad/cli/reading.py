"""`digitpad predict | eval | inspect | explain`: a model reads image files, or a dataset's test split."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digitpad.cli.output import EXIT_ERROR, EXIT_OK, console, emit
from digitpad.cli.registry import model_help

if TYPE_CHECKING:
    import numpy as np

    from digitpad.cli.registry import Commands
    from digitpad.engine.reading.number import NumberReading


def register(commands: Commands) -> None:
    from digitpad.engine.spec.config import DEVICES
    from digitpad.engine.spec.datasets import DATASETS

    predict_command = commands.add("predict", predict, "read the number (one digit or several) in image files")
    predict_command.add_argument("images", nargs="+", type=Path, metavar="IMAGE")
    predict_command.add_argument("--model", help=model_help())
    evaluate = commands.add("eval", evaluate_model, "measure a model on a dataset's test split")
    evaluate.add_argument("--model", help=model_help())
    evaluate.add_argument("--dataset", choices=list(DATASETS),
                          help="the dataset to test on (default: the one the model was trained on)")  # fmt: skip
    evaluate.add_argument("--data-dir", type=Path, help="a folder holding the four IDX files (raw or .gz), or "
                          "digit subfolders 0-9 of images (default: the --dataset)")  # fmt: skip
    evaluate.add_argument("--device", choices=DEVICES, default="cpu", help="where to compute (default: cpu)")
    inspect_command = commands.add("inspect", inspect, "look inside a model: every layer's shape, parameters, "
                                   "multiply-adds and activations for an image")  # fmt: skip
    inspect_command.add_argument("image", type=Path, metavar="IMAGE")
    inspect_command.add_argument("--model", help=model_help())
    _add_digit_argument(inspect_command)
    explain_command = commands.add("explain", explain, "why this answer: an evidence map over the image and the "
                                   "nearest MNIST training images in the model's eyes")  # fmt: skip
    explain_command.add_argument("image", type=Path, metavar="IMAGE")
    explain_command.add_argument("--model", help=model_help())
    _add_digit_argument(explain_command)
    explain_command.add_argument(
        "--target",
        type=int,
        choices=range(10),
        metavar="D",
        help='the digit to explain, e.g. 9 for "why not 9?" (default: the answer)',
    )
    explain_command.add_argument(
        "--method",
        choices=("occlusion", "gradient"),
        default="occlusion",
        help="occlusion (cover patches) or gradient (input x ink) (default: occlusion)",
    )


def _add_digit_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("--digit", type=int, default=1, metavar="N",
                         help="which digit of a number to look at, 1 = the leftmost (default: 1; an image of one "
                         "digit is read whole, as predict reads it)")  # fmt: skip


def _digit_input(image: Path, model: Path, position: int) -> np.ndarray:
    """The 28x28 of digit `position` (1 = leftmost) of the number in `image`, cut as `model` reads it."""
    from digitpad.engine.reading.number import read_number
    from digitpad.engine.reading.predictor import Predictor
    from digitpad.engine.spec.errors import ImageError

    reading = read_number(image, Predictor(model))
    if reading is None:
        raise ImageError(f"{image.name}: no digit found")
    if not 1 <= position <= len(reading.digits):
        raise ImageError(f"{image.name}: --digit {position}, but the image holds {len(reading.digits)} digit(s)")
    return reading.digits[position - 1].prediction.model_input


def predict(args: argparse.Namespace) -> int:
    from digitpad.engine.reading.number import read_number
    from digitpad.engine.reading.predictor import Predictor
    from digitpad.engine.spec.errors import ImageError
    from digitpad.engine.store.catalog import resolve_model

    predictor = Predictor(resolve_model(args.model))
    failures = 0
    for path in args.images:  # every file gets its row: one that cannot be read never stops the batch
        try:
            reading = read_number(path, predictor)
            if reading is None:
                failures += 1
                _report_no_digit(path, args.json)
                continue
        except Exception as error:
            failures += 1
            message = (
                str(error) if isinstance(error, ImageError) else f"{path.name}: {error.__class__.__name__}: {error}"
            )
            if args.json:
                emit({"file": str(path), "error": message})
            else:
                print(f"digitpad: error: {message}", file=sys.stderr)
            continue
        if args.json:
            emit({"file": str(path), **number_record(reading)})
        else:
            print(f"{path}: {describe_number(reading)}")
    return EXIT_ERROR if failures else EXIT_OK


def _report_no_digit(path: Path, as_json: bool) -> None:
    message = f"{path.name}: no digit found (the image is blank, holds only a speck, or has too little contrast)"
    if as_json:
        emit({"file": str(path), "text": None, "status": "no_digit", "digits": [], "error": message})
    else:
        print(f"digitpad: error: {message}", file=sys.stderr)


def number_record(reading: NumberReading) -> dict[str, Any]:
    """A number as `predict --json` gives it: its text, status and digits; for one digit, the digit's own keys
    too (`digit`, `probabilities`), as before numbers were read. Ink that is not a digit has no text, digit or
    confidence (its part's ten probabilities are still there, meaning nothing)."""
    one = reading.digits[0].prediction if len(reading.digits) == 1 else None
    number = not reading.not_a_digit
    return {
        "text": reading.text if number else None, "status": reading.status,
        "confidence": reading.confidence if number else None,
        "digits": [
            {"digit": None if read.prediction.not_a_digit else read.prediction.digit,
             "status": read.prediction.status, "confidence": read.prediction.confidence, "box": list(read.box),
             "probabilities": list(read.prediction.probabilities)}
            for read in reading.digits
        ],
        "digit": one.digit if one and number else None, "probabilities": list(one.probabilities) if one else None,
    }  # fmt: skip


def describe_number(reading: NumberReading) -> str:
    """`2026  93.1%`, with `(unsure)` when a digit or a cut is doubtful, and each digit's confidence for a number;
    `not a digit` (or which parts of a number are not) when some of the ink is no digit."""
    if reading.not_a_digit:
        if len(reading.digits) == 1:
            return "not a digit"
        parts = [str(place + 1) for place, d in enumerate(reading.digits) if d.prediction.not_a_digit]
        which = f"part {parts[0]} is not a digit" if len(parts) == 1 else f"parts {', '.join(parts)} are not digits"
        return f"not a number: {which} (of {len(reading.digits)})"
    unsure = "  (unsure)" if reading.unsure else ""
    line = f"{reading.text}  {reading.confidence:.1%}{unsure}"
    if len(reading.digits) > 1:
        line += "  [" + ", ".join(f"{d.prediction.digit} {d.prediction.confidence:.0%}" for d in reading.digits) + "]"
    return line


def evaluate_model(args: argparse.Namespace) -> int:
    from rich.table import Table

    from digitpad.engine.data.loading import load_dataset
    from digitpad.engine.reading.evaluation import evaluate
    from digitpad.engine.store.catalog import resolve_model
    from digitpad.engine.store.checkpoints import load_checkpoint
    from digitpad.engine.system.device import resolve_device, set_cpu_threads

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
        emit({
            "model": path.stem, "dataset": dataset, "test_accuracy": result.accuracy,
            "per_class_accuracy": list(result.per_class_accuracy),
            "confusion_matrix": [list(row) for row in result.confusion_matrix], "seconds": seconds,
        })  # fmt: skip
        return EXIT_OK
    terminal = console()
    terminal.print(f"{path.stem} on {dataset} test ({len(data.test):,} images): [bold]{result.accuracy:.2%}[/]")
    table = Table(title="confusion matrix (rows: true digit, columns: predicted)")
    table.add_column("")
    for digit in range(10):
        table.add_column(str(digit), justify="right")
    table.add_column("accuracy", justify="right")
    for digit, row in enumerate(result.confusion_matrix):
        cells = [f"[bold]{n}[/]" if i == digit else (str(n) if n else "·") for i, n in enumerate(row)]
        table.add_row(str(digit), *cells, f"{result.per_class_accuracy[digit]:.2%}")
    terminal.print(table)
    return EXIT_OK


def inspect(args: argparse.Namespace) -> int:
    from rich.table import Table

    from digitpad.engine.insight.inspection import Inspector
    from digitpad.engine.store.catalog import resolve_model
    from digitpad.engine.store.checkpoints import load_checkpoint

    path = resolve_model(args.model)
    model_input = _digit_input(args.image, path, args.digit)
    inspector = Inspector(load_checkpoint(path))
    inspection = inspector.run(model_input)
    rows: list[dict[str, Any]] = [
        {"layer": layer.index, "name": layer.name, "type": layer.kind, "input_shape": list(layer.input_shape),
         "output_shape": list(layer.output_shape), "parameters": layer.params, "trained": layer.trained,
         "multiply_adds": layer.macs, **inspection.statistics(layer.index)}
        for layer in inspection.layers
    ]  # fmt: skip
    if args.json:
        for row in rows:
            emit(row)
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
    console().print(table)
    return EXIT_OK


def explain(args: argparse.Namespace) -> int:
    import numpy as np

    from digitpad.engine.insight.explanation import Explainer
    from digitpad.engine.store.catalog import resolve_model
    from digitpad.engine.store.checkpoints import load_checkpoint

    path = resolve_model(args.model)
    model_input = _digit_input(args.image, path, args.digit)
    explainer = Explainer(load_checkpoint(path), path)
    if sys.stderr.isatty():
        print("reading the model's index of MNIST's training images (built once per model)…", file=sys.stderr)
    result = explainer.explain(model_input, args.target, args.method)
    strange = result.strangeness
    record = {
        "file": str(args.image), "model": path.stem, "target": result.target, "method": result.method,
        "answer": int(result.probabilities.argmax()), "probabilities": result.probabilities.tolist(),
        "saliency": np.round(result.saliency, 6).tolist(),
        "neighbours": [{"index": n.index, "label": n.label, "distance": n.distance} for n in result.neighbours],
        "status": "not_a_digit" if strange.not_a_digit else "ok", "distance": strange.distance,
        "distance_limit": strange.limit, "judge_not_a_digit": strange.judge_chance,
        "judge_threshold": strange.judge_threshold,
    }  # fmt: skip
    if args.json:
        emit(record)
        return EXIT_OK
    print(f"{args.image.name}: {path.stem} answers {record['answer']}; evidence for {result.target} ({result.method}),"
          " + for, - against:")  # fmt: skip
    peak = float(np.abs(result.saliency).max()) or 1.0
    for row in result.saliency:
        print("".join(" .:-=+*#"[min(7, int(abs(v) / peak * 8))] if v >= 0 else "~" for v in row))
    nearest = ", ".join(f"#{n.index} ({n.label}, {n.distance:.3f})" for n in result.neighbours)
    print(f"nearest training images (index, label, distance): {nearest}")
    verdict = "not a digit" if strange.not_a_digit else "a digit"
    print(
        f"{verdict}: {strange.distance:.1f} from the nearest digit {path.stem} knows (its limit: "
        f"{strange.limit:.1f}); the digit-or-not judge: {strange.judge_chance:.0%} not a digit (above "
        f"{strange.judge_threshold:.0%}: not a digit)"
    )
    return EXIT_OK
