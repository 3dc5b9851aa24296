"""How a training step uses the CPU's cores: OpenMP threads inside each op, or the batch split across threads.

An OpenMP team waits at every op's barrier for its slowest thread: when another process keeps one of two
cores busy, cnn-small at batch 64 trained at 2,223 images/s with 2 OpenMP threads but 4,851 as two
half-batches on two threads of one OpenMP thread each. On a quiet machine OpenMP is as fast or faster
(mlp 28,898 against 15,435 images/s), so the trainer's tuner measures both and keeps the faster. Each part
computes its gradients with `torch.autograd.grad` and the parts are summed in a fixed order, so the optimizer
sees the whole batch's mean gradient and a seeded run gives the same result every time. Only models that
treat each sample on its own may be split: batch norm's statistics depend on the batch it sees (and its
running buffers would be written from two threads), and dropout would draw its random masks in a different
order from run to run.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from digitpad.engine.system.device import cpu_count, set_cpu_threads

_SHARED_STATE = (nn.modules.batchnorm._BatchNorm, nn.modules.dropout._DropoutNd)
MIN_PART = 8  # images: below this a part's fixed costs outweigh what another core adds


def splittable(model: nn.Module) -> bool:
    """True when a batch's gradient is exactly the sum of its parts' gradients, computed anywhere."""
    return not any(isinstance(module, _SHARED_STATE) for module in model.modules())


class CpuWorkers:
    """Runs forward + backward of one batch with `workers` cores: see the module docstring for how."""

    def __init__(self, model: nn.Module, device: torch.device) -> None:
        self.model = model
        self.on_cpu = device.type == "cpu"
        self.splittable = self.on_cpu and splittable(model)
        self.split = False
        self.workers = 1
        self._pool: ThreadPoolExecutor | None = None
        self._pool_size = 0

    def use(self, workers: int | None, split: bool = False) -> int:
        """Work with `workers` cores (None: all of them) from the next step on, as OpenMP threads inside each
        op or, when `split` and the model allows it, as one thread per part of the batch; returns the count."""
        workers = workers or cpu_count()
        if not self.on_cpu:
            return workers
        self.split = split and self.splittable and workers > 1
        if self.split:
            set_cpu_threads(1)  # for this thread; the pool's threads set their own when they start
            if workers - 1 > self._pool_size:
                self.close()
                self._pool = ThreadPoolExecutor(workers - 1, "digitpad-part", set_cpu_threads, (1,))
                self._pool_size = workers - 1
        else:
            set_cpu_threads(workers)
        self.workers = workers
        return workers

    def loss_and_gradients(self, images: Tensor, labels: Tensor) -> tuple[Tensor, Tensor]:
        """Mean cross-entropy of the batch and its logits; the parameters' .grad hold its gradient."""
        parts = min(self.workers, len(labels) // MIN_PART) if self.split else 1
        if parts <= 1:
            logits = self.model(images)
            loss = F.cross_entropy(logits, labels)
            loss.backward()
            return loss, logits
        params = [p for p in self.model.parameters() if p.requires_grad]
        chunks = list(zip(images.tensor_split(parts), labels.tensor_split(parts), strict=True))
        total = len(labels)

        def part(chunk: tuple[Tensor, Tensor]) -> tuple[Tensor, Tensor, tuple[Tensor, ...]]:
            part_images, part_labels = chunk
            logits = self.model(part_images)
            loss = F.cross_entropy(logits, part_labels, reduction="sum") / total
            return loss.detach(), logits.detach(), torch.autograd.grad(loss, params)

        assert self._pool is not None
        futures = [self._pool.submit(part, chunk) for chunk in chunks[1:]]
        results = [part(chunks[0])] + [future.result() for future in futures]
        for index, param in enumerate(params):  # a fixed order: the same sum every run
            param.grad = torch.stack([grads[index] for _, _, grads in results]).sum(0)
        loss = torch.stack([loss for loss, _, _ in results]).sum()
        return loss, torch.cat([logits for _, logits, _ in results])

    @contextlib.contextmanager
    def all_threads_in_ops(self) -> Iterator[None]:
        """For work that is not split (evaluation on large batches): OpenMP threads on every core meanwhile."""
        if not (self.on_cpu and self.split):
            yield
            return
        set_cpu_threads(self.workers)
        try:
            yield
        finally:
            set_cpu_threads(1)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool, self._pool_size = None, 0

    def __enter__(self) -> CpuWorkers:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
