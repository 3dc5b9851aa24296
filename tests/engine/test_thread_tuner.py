"""The CPU plan a run trains with: every plan timed in the first epoch, then only re-timed when the load changed."""

from __future__ import annotations

import pytest
import torch

from digitpad.engine.models.zoo import build_model
from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.system import thread_tuner
from digitpad.engine.system.cpu_workers import CpuWorkers
from digitpad.engine.system.thread_tuner import Plan, ThreadTuner

ALL_CORES, SPLIT, ONE_FEWER = (2, False), (2, True), (1, False)


QUIET = {ALL_CORES: 0.010, SPLIT: 0.013, ONE_FEWER: 0.016}  # seconds per batch on an idle 2-core machine


BUSY = {ALL_CORES: 0.050, SPLIT: 0.030, ONE_FEWER: 0.018}  # another program holds one core


class Clock:
    """The seconds the batches took, as the tuner reads them: the tests say how long each plan's batch is."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def tuned(monkeypatch):
    monkeypatch.setattr(thread_tuner, "cpu_count", lambda: 2)
    clock = Clock()
    with CpuWorkers(build_model("cnn-small"), torch.device("cpu")) as workers:
        yield ThreadTuner(TrainConfig(arch="cnn-small", device="cpu"), workers, clock), workers, clock


def epoch(tuner: ThreadTuner, workers: CpuWorkers, clock: Clock, seconds: dict[Plan, float],
          steps: int = 120) -> list[Plan]:  # fmt: skip
    """The plan each step of one epoch trained with."""
    used = []
    for step in range(1, steps + 1):
        tuner.before_step(step)
        plan = (workers.workers, workers.split)
        used.append(plan)
        clock.now += seconds[plan]
        tuner.after_step(step)
    return used


def trial_plans(used: list[Plan]) -> list[Plan]:
    return list(dict.fromkeys(used))


def test_the_first_epoch_times_every_plan_and_keeps_the_fastest(tuned):
    tuner, workers, clock = tuned
    used = epoch(tuner, workers, clock, BUSY)
    assert trial_plans(used) == [ALL_CORES, SPLIT, ONE_FEWER]
    assert tuner.best == ONE_FEWER and used[-1] == ONE_FEWER


def test_on_a_quiet_machine_later_epochs_train_with_all_cores_and_time_nothing_else(tuned):
    tuner, workers, clock = tuned
    epoch(tuner, workers, clock, QUIET)
    assert tuner.best == ALL_CORES
    assert trial_plans(epoch(tuner, workers, clock, QUIET)) == [ALL_CORES]


def test_when_load_comes_the_next_epoch_times_every_plan_again_and_moves(tuned):
    tuner, workers, clock = tuned
    epoch(tuner, workers, clock, QUIET)
    used = epoch(tuner, workers, clock, BUSY)
    assert set(used) == {ALL_CORES, SPLIT, ONE_FEWER}
    assert tuner.best == ONE_FEWER and used[-1] == ONE_FEWER


def test_when_load_goes_a_run_on_fewer_cores_comes_back_to_all_of_them(tuned):
    tuner, workers, clock = tuned
    epoch(tuner, workers, clock, BUSY)
    used = epoch(tuner, workers, clock, QUIET)
    assert trial_plans(used) == [ALL_CORES, SPLIT, ONE_FEWER]
    assert tuner.best == ALL_CORES and used[-1] == ALL_CORES


def test_a_run_with_threads_set_is_never_tuned(monkeypatch):
    monkeypatch.setattr(thread_tuner, "cpu_count", lambda: 2)
    with CpuWorkers(build_model("cnn-small"), torch.device("cpu")) as workers:
        workers.use(1)
        clock = Clock()
        tuner = ThreadTuner(TrainConfig(arch="cnn-small", device="cpu", threads=1), workers, clock)
        used = epoch(tuner, workers, clock, QUIET)
    assert set(used) == {ONE_FEWER}
