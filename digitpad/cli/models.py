"""`digitpad models | archs | export`: the trained models, the architectures and their recipes, ONNX files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from digitpad.cli.output import EXIT_OK, console, emit

if TYPE_CHECKING:
    from digitpad.cli.registry import Commands
    from digitpad.engine.store.catalog import ModelEntry


def register(commands: Commands) -> None:
    commands.add("models", list_models, "list trained models, bundled and your own")
    commands.add("archs", list_architectures, "list the architectures and their tutorial recipes")
    export_command = commands.add("export", export, "export a model to ONNX, for other tools (needs "
                                  "digitpad[export])")  # fmt: skip
    export_command.add_argument("model", help="a model name (see `digitpad models`) or a checkpoint path")
    export_command.add_argument("out", type=Path, help="the .onnx file to write")


def list_models(args: argparse.Namespace) -> int:
    from rich.table import Table

    from digitpad.engine.store.catalog import list_models

    entries = list_models()
    if args.json:
        for entry in entries:
            emit(entry.to_json())
        return EXIT_OK
    table = Table("name", "arch", "dataset", "test accuracy", "params", "not a digit", "source", "path")
    for entry in entries:
        accuracy = f"{entry.test_accuracy:.2%}" if entry.test_accuracy is not None else "-"
        table.add_row(entry.name, entry.arch, entry.dataset, accuracy, f"{entry.params:,}", _verdict(entry),
                      entry.source, str(entry.path))  # fmt: skip
    console().print(table)
    return EXIT_OK


def _verdict(entry: ModelEntry) -> str:
    """How the model tells what is not a digit: the judge, and its own distance limit (see engine/reading)."""
    from digitpad.engine.spec.datasets import answers_digits

    if not answers_digits(entry.dataset):
        return "-"
    if entry.familiarity_limit is None:
        return "judge + distance (measured when loaded)"
    return f"judge + distance > {entry.familiarity_limit:.1f}"


def list_architectures(args: argparse.Namespace) -> int:
    from rich.table import Table

    from digitpad.engine.models.zoo import count_params
    from digitpad.engine.spec.architectures import ARCHITECTURES
    from digitpad.engine.spec.recipes import bundled_recipe, recipe, tutorial_recipe

    if args.json:
        for spec in ARCHITECTURES.values():
            tutorial = tutorial_recipe(spec.name)
            emit({
                "name": spec.name, "title": spec.title, "description": spec.description,
                "params": count_params(spec.name), "source": spec.source, "reported": spec.reported,
                "recipe": recipe(spec.name).to_dict(),
                "bundled_recipe": bundled_recipe(spec.name).to_dict(),
                "tutorial_recipe": tutorial.to_dict() if tutorial is not None else None,
            })  # fmt: skip
        return EXIT_OK
    table = Table("name", "title", "params", "recipe", "reported")
    for spec in ARCHITECTURES.values():
        table.add_row(spec.name, spec.title, f"{count_params(spec.name):,}", recipe(spec.name).summary(), spec.reported)
    console().print(table)
    return EXIT_OK


def export(args: argparse.Namespace) -> int:
    from digitpad.engine.store.catalog import resolve_model
    from digitpad.engine.store.export import export_onnx

    path = export_onnx(resolve_model(args.model), args.out)
    if args.json:
        emit({"model": args.model, "onnx": str(path), "bytes": path.stat().st_size})
    else:
        print(f"wrote {path}: input 'image' (N, 1, 28, 28) ink 1 on paper 0, output 'probabilities' (N, 10)")
    return EXIT_OK
