"""Quick speed figures shared by `digitpad bench` and the scripts in benchmarks/: plain numbers, no printing."""

from __future__ import annotations

import statistics
import time

import numpy as np
import torch

from digitpad.engine.data.loading import DatasetPair, load_dataset
from digitpad.engine.reading.predictor import Predictor
from digitpad.engine.spec.recipes import recipe
from digitpad.engine.system.cpu_workers import CpuWorkers
from digitpad.engine.system.device import resolve_device
from digitpad.engine.training.loop import train_step, trainable_model
from digitpad.engine.training.optimization import make_optimizer


def training_throughput(
    arch: str, batch_size: int = 64, steps: int = 60, device: str = "cpu", data: DatasetPair | None = None
) -> float:
    """Images per second of digitpad's own training step (the trainer's loop body) after a warm-up."""
    torch_device = resolve_device(device)
    data = data or load_dataset("mnist", torch_device)
    config = recipe(arch).with_changes(batch_size=batch_size)
    model = trainable_model(arch, torch_device)
    optimizer = make_optimizer(model, config)
    order = torch.randperm(len(data.train), device=torch_device)
    warmup = 10
    with CpuWorkers(model, torch_device) as workers:
        workers.use(None)

        def step(index: int) -> None:
            batch = order[index * batch_size : (index + 1) * batch_size]
            train_step(workers, optimizer, data.train.images[batch], data.train.labels[batch])

        for index in range(warmup):
            step(index)
        _sync(torch_device)
        start = time.perf_counter()
        for index in range(warmup, warmup + steps):
            step(index)
        _sync(torch_device)
        return steps * batch_size / (time.perf_counter() - start)


def prediction_latency(predictor: Predictor, image: np.ndarray, repeats: int = 200) -> dict[str, float]:
    """p50 / p95 milliseconds of preprocess + forward for one image."""
    for _ in range(10):
        predictor.predict(image)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        predictor.predict(image)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"p50_ms": statistics.median(times), "p95_ms": times[int(0.95 * (len(times) - 1))]}


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)
