"""Nothing lost: image-folder datasets skip bad files, settings survive corruption, SIGKILL never breaks a model."""

from __future__ import annotations

import contextlib
import json
import random
import signal
import subprocess
import sys
import time

import numpy as np
from PIL import Image
from PySide6.QtWidgets import QPushButton

from digitpad.engine.data.loading import load_dataset
from digitpad.engine.spec.errors import CheckpointError
from digitpad.engine.store.checkpoints import load_checkpoint
from tests.conftest import render_on_paper
from tests.test_idx import write_dataset


def test_a_folder_of_digit_images_is_a_dataset_and_bad_files_are_skipped(tmp_path, mnist):
    for index in range(40):
        label = int(mnist.test.raw_labels[index])
        folder = tmp_path / str(label)
        folder.mkdir(exist_ok=True)
        Image.fromarray(render_on_paper(mnist.test.raw_images[index], 120)).save(folder / f"{index}.png")
    (tmp_path / "3" / "broken.png").write_bytes(b"not a png")
    (tmp_path / "5" / "blank.png").parent.mkdir(exist_ok=True)
    Image.new("L", (50, 50), 255).save(tmp_path / "5" / "blank.png")
    pair = load_dataset("mnist", data_dir=tmp_path)
    assert len(pair.train) + len(pair.test) == 40 and len(pair.test) >= 8
    assert len(pair.skipped) == 2 and any("broken.png" in line for line in pair.skipped)


def test_a_corrupt_settings_file_does_not_stop_the_app(qtbot, private_user_dir):
    from digitpad.gui.main_window import MainWindow

    (private_user_dir / "settings.ini").write_bytes(b"\x00\xff[window]\ngeometry=@ByteArray(\x01\x02\ntab=banana\n")
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.tabs.currentIndex() == 0 and window.store.current is not None
    window.close()


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


def test_an_interrupted_gui_run_is_offered_for_resume_and_resumes(qtbot, mnist):
    from digitpad import paths
    from digitpad.engine.spec.config import TrainConfig
    from digitpad.engine.training.run import train
    from digitpad.gui.main_window import MainWindow
    from digitpad.gui.training import run_journal

    # what a run killed after its first epoch leaves behind: its best model and the journal
    config = TrainConfig(arch="cnn-small", epochs=2, batch_size=128, lr=0.05, device="cpu", threads=1)
    saved = paths.user_models_dir() / "interrupted.safetensors"
    first = list(train(config.with_changes(max_steps=30), checkpoint_path=saved, data=mnist))[-1]
    run_journal.write(run_journal.RunRecord(config, saved, epochs_done=1))

    window = MainWindow()
    qtbot.addWidget(window)
    panel = window.train_view
    assert window.tabs.currentWidget() is panel and panel.resume_bar.isVisibleTo(window)
    assert "after epoch 1 of 2" in panel.resume_bar.label.text()
    panel.resume_bar.findChild(QPushButton, "resumeButton").click()
    assert panel.controller.running and not panel.resume_bar.isVisibleTo(window)
    qtbot.waitUntil(lambda: not panel.controller.running, timeout=120_000)
    assert panel.controller.last_finished.reason == "completed" and panel.controller.last_finished.epochs_completed == 2
    assert load_checkpoint(saved).test_accuracy >= first.test_accuracy
    assert run_journal.read() is None
    window.close()


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
