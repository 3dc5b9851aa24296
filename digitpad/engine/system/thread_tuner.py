"""How a CPU run spreads over the cores: measured at the start of each epoch, not guessed."""

from __future__ import annotations

import time
from collections.abc import Callable

from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.system.cpu_workers import CpuWorkers
from digitpad.engine.system.device import cpu_count

Plan = tuple[int, bool]  # (cores, split the batch across them?)


class ThreadTuner:
    """Pick how the CPU's cores are used by measuring, at the start of each epoch, when the user left it to us.

    On a busy machine a full OpenMP team waits at every barrier for the thread whose core is taken: with one
    of two cores busy, 2 threads trained 5-6x slower than 1. The first epoch times a few batches with every
    candidate plan (all cores as OpenMP threads, all cores each with a part of the batch, one core fewer) and
    keeps the fastest, so a run adapts when load comes or goes. Later epochs first time the plan in use: while
    it is all cores and no slower than when it was chosen, nothing has taken a core and it stays, without
    the others' trial batches (a second epoch of the default lenet5 recipe took 3.1 s with them, 2.8 s
    without, on 2 cores). Otherwise every plan is timed again. Plans add up a batch's gradient in different
    orders, so a seeded run repeats bit for bit only when `threads` is set: the bundled lenet5's recipe ended at
    99.30% or 99.26% depending on the plans the timings picked.
    """

    WARMUP, MEASURED = 3, 12  # batches per trial: settle, then time
    SLOWER = 1.15  # the plan in use this much slower than when chosen: the load changed, time every plan again

    def __init__(self, config: TrainConfig, workers: CpuWorkers, clock: Callable[[], float] = time.perf_counter
                 ) -> None:  # fmt: skip
        cores = cpu_count()
        self.workers, self.clock = workers, clock
        self.enabled = workers.on_cpu and config.threads is None and cores > 1
        # all cores as OpenMP threads first, the default
        self.candidates: list[Plan] = [(cores, False), *([(cores, True)] if workers.splittable else []),
                                       (cores - 1, False)]  # fmt: skip
        self.best = self.candidates[0]
        self.chosen_seconds: float | None = None  # the best plan's time for MEASURED batches when it was chosen
        self._trials: list[Plan] = []  # the plans still to time this epoch, the first one now
        self._timings: dict[Plan, float] = {}
        self._batches = 0  # of the current trial
        self._started = 0.0

    def before_step(self, step: int) -> None:
        if not self.enabled:
            return
        if step == 1:  # an epoch begins
            recheck = self.chosen_seconds is not None and self.best == self.candidates[0]
            self._trials = [self.best] if recheck else list(self.candidates)
            self._timings.clear()
            self._batches = 0
        if not self._trials:
            return
        if self._batches == 0:
            self.workers.use(*self._trials[0])
        elif self._batches == self.WARMUP:
            self._started = self.clock()

    def after_step(self, step: int) -> None:
        if not self.enabled or not self._trials:
            return
        self._batches += 1
        if self._batches < self.WARMUP + self.MEASURED:
            return
        plan = self._trials.pop(0)
        self._timings[plan] = self.clock() - self._started
        self._batches = 0
        if self._trials:
            return
        chosen = self.chosen_seconds
        if len(self._timings) == 1 and chosen is not None and self._timings[plan] > chosen * self.SLOWER:
            self._trials = [candidate for candidate in self.candidates if candidate != plan]
            return
        self.best = min(self._timings, key=self._timings.__getitem__)
        self.chosen_seconds = self._timings[self.best]
        self.workers.use(*self.best)
