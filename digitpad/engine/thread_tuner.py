"""How a CPU run spreads over the cores: measured at the start of each epoch, not guessed."""

from __future__ import annotations

import time

from digitpad.engine.config import TrainConfig
from digitpad.engine.cpu_workers import CpuWorkers
from digitpad.engine.device import cpu_count


class ThreadTuner:
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
