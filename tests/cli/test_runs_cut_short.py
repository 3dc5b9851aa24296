"""`digitpad train` cut short, by a kill or Ctrl-C: the model on disk always loads, and --resume goes on where it
stopped."""

from __future__ import annotations

import contextlib
import json
import random
import signal
import subprocess
import sys
import time

import numpy as np

from digitpad.engine.data.loading import load_dataset
from digitpad.engine.spec.errors import CheckpointError
from digitpad.engine.store.checkpoints import load_checkpoint
from tests.helpers import write_dataset


def test_sigkill_at_random_moments_always_leaves_a_loadable_checkpoint(tmp_path):
    """A run saves its best model after most epochs; killing it mid-save must leave the old or the new file."""
    rng = np.random.default_rng(0)
    write_dataset(tmp_path / "data", rng.integers(0, 256, (512, 28, 28), dtype=np.uint8),
                  rng.integers(0, 10, 512, dtype=np.uint8))  # fmt: skip
    out = tmp_path / "model.safetensors"
    data = str(tmp_path / "data")
    command = [sys.executable, "-m", "digitpad", "train", "--arch", "lenet-caffe", "--epochs", "1000",
               "--batch-size", "64", "--data-dir", data, "--threads", "1", "--out", str(out)]  # fmt: skip
    delays = random.Random(7)
    loaded = 0
    for _ in range(6):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not out.exists() and time.monotonic() < deadline:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=0.05)
        with contextlib.suppress(subprocess.TimeoutExpired):  # let it run on for a random while, then kill it
            process.wait(timeout=delays.uniform(0.0, 1.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        try:
            load_checkpoint(out)
            loaded += 1
        except CheckpointError as error:  # pragma: no cover - this is the failure the test exists for
            raise AssertionError(f"a SIGKILL left a broken model file: {error}") from None
    assert loaded == 6


def test_the_cli_resumes_a_run_cut_short_where_it_stopped(tmp_path, capsys):
    from digitpad.cli import main
    from digitpad.engine.spec.config import TrainConfig
    from digitpad.engine.training.control import TrainControl
    from digitpad.engine.training.events import EpochMetrics
    from digitpad.engine.training.run import train

    rng = np.random.default_rng(1)
    write_dataset(tmp_path / "data", rng.integers(0, 256, (256, 28, 28), dtype=np.uint8),
                  rng.integers(0, 10, 256, dtype=np.uint8))  # fmt: skip
    data = load_dataset("mnist", "cpu", "mnist", tmp_path / "data")
    saved = tmp_path / "run.safetensors"
    config = TrainConfig(arch="cnn-small", epochs=3, batch_size=64, lr=0.05, schedule="onecycle", device="cpu",
                         threads=1, seed=0)  # fmt: skip
    control = TrainControl()
    for event in train(config, control, saved, data=data):  # Ctrl-C during the second epoch
        if isinstance(event, EpochMetrics):
            control.stop()
    assert len(load_checkpoint(saved).history) == 1

    code = main(["train", "--resume", str(saved), "--data-dir", str(tmp_path / "data"), "--json"])
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0
    assert [r["epoch"] for r in records if "epoch" in r] == [2, 3]  # not three fresh epochs
    assert records[-1]["reason"] == "completed" and records[-1]["checkpoint"] == str(saved)
    assert load_checkpoint(saved).config.epochs == 3

    code = main(["train", "--resume", str(saved), "--epochs", "1", "--data-dir", str(tmp_path / "data")])
    assert code == 1 and "already trained" in capsys.readouterr().err
    code = main(["train", "--resume", str(saved), "--arch", "lenet5"])
    assert code == 1 and "a cnn-small model" in capsys.readouterr().err
