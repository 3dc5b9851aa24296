"""`digitpad bench | install-desktop`: speed figures on this machine, and the desktop's menu entry."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from digitpad.cli.output import EXIT_OK, emit

if TYPE_CHECKING:
    from digitpad.cli.registry import Commands


def register(commands: Commands) -> None:
    from digitpad.engine.spec.config import DEVICES

    bench_command = commands.add("bench", bench, "quick speed figures: training images/s and prediction latency")
    bench_command.add_argument("--device", choices=DEVICES, default="cpu", help="where to train (default: cpu)")
    desktop = commands.add(
        "install-desktop",
        install_desktop,
        "Linux: add digitpad to the desktop's menu (entry, icons, metainfo) for this user",
    )
    desktop.add_argument("--uninstall", action="store_true",
                         help="remove what install-desktop added (default: install)")  # fmt: skip


def bench(args: argparse.Namespace) -> int:
    from digitpad.engine.data.loading import load_dataset
    from digitpad.engine.reading.predictor import Predictor
    from digitpad.engine.spec.architectures import ARCHITECTURES
    from digitpad.engine.store.catalog import resolve_model
    from digitpad.engine.system.device import cpu_count, resolve_device, set_cpu_threads
    from digitpad.engine.training.speed import prediction_latency, training_throughput

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
            emit(record)
        else:
            print("  ".join(f"{k}={v:,.1f}" if isinstance(v, float) else f"{k}={v}" for k, v in record.items()))
    return EXIT_OK


def install_desktop(args: argparse.Namespace) -> int:
    from digitpad import desktop_entry

    changed = desktop_entry.uninstall() if args.uninstall else desktop_entry.install()
    for path in changed:
        if args.json:
            emit({"file": str(path), "action": "removed" if args.uninstall else "installed"})
        else:
            print(f"{'removed' if args.uninstall else 'installed'} {path}")
    return EXIT_OK
