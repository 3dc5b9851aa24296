"""A run's replay: the model before its first step and after every epoch, kept beside it."""

from __future__ import annotations

from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.store import snapshots
from digitpad.engine.training.run import train


def test_a_run_keeps_its_model_before_the_first_step_and_after_every_epoch(small_mnist, tmp_path):
    config = TrainConfig(arch="lenet5", epochs=3, batch_size=128, lr=0.05, device="cpu", threads=1, seed=0)
    events = list(train(config, checkpoint_path=tmp_path / "m.safetensors", data=small_mnist, keep_snapshots=True))
    kept = snapshots.load(snapshots.snapshots_path(tmp_path / "m.safetensors"))
    assert [s.epoch for s in kept] == [0, 1, 2, 3]
    assert kept[0].test_accuracy < 0.3 < kept[-1].test_accuracy
    assert kept[-1].test_accuracy == events[-1].test_accuracy or kept[-1].test_accuracy <= events[-1].test_accuracy
    size = snapshots.snapshots_path(tmp_path / "m.safetensors").stat().st_size
    assert size < 4 * 260_000  # about 244 KB a lenet5
