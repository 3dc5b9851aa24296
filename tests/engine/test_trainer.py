"""The training loop: it learns, reports, stops on request, detects divergence and keeps the best model."""

from __future__ import annotations

import threading

import numpy as np
import pytest
import torch

from digitpad import paths
from digitpad.cli.train import end_text
from digitpad.engine.data.loading import DatasetPair, InMemoryDataset
from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.store.checkpoints import load_checkpoint
from digitpad.engine.training.control import TrainControl
from digitpad.engine.training.events import EpochMetrics, Finished, StepMetrics
from digitpad.engine.training.run import train
from tests.helpers import WatchedEvent

QUICK = TrainConfig(arch="cnn-small", epochs=1, batch_size=64, lr=0.05, momentum=0.9, device="cpu", threads=1)


def run(config, data, **kwargs):
    return list(train(config, data=data, **kwargs))


def test_a_short_run_learns_and_saves_the_best(small_mnist, tmp_path):
    events = run(QUICK.with_changes(epochs=2), small_mnist, checkpoint_path=tmp_path / "m.safetensors")
    steps = [e for e in events if isinstance(e, StepMetrics)]
    epochs = [e for e in events if isinstance(e, EpochMetrics)]
    finished = events[-1]
    assert isinstance(finished, Finished) and finished.reason == "completed"
    assert len(epochs) == 2 and epochs[-1].test_accuracy > 0.85  # chance is 0.10
    assert steps and 0 < steps[0].progress < steps[-1].progress <= 1 and steps[-1].eta_seconds >= 0
    assert sum(sum(row) for row in epochs[-1].confusion_matrix) == len(small_mnist.test)
    saved = load_checkpoint(finished.checkpoint)
    assert saved.test_accuracy == max(e.test_accuracy for e in epochs)
    assert [e["epoch"] for e in saved.metrics["epochs"]] == [1, 2][: len(saved.metrics["epochs"])]


def test_same_seed_same_run_on_cpu(small_mnist):
    config = QUICK.with_changes(max_steps=15, augment="handwriting")
    losses = [[e.loss for e in run(config, small_mnist, report_every=5) if isinstance(e, StepMetrics)]
              for _ in range(2)]  # fmt: skip
    assert losses[0] == losses[1] and len(losses[0]) == 3


def test_stop_takes_effect_within_one_batch_and_keeps_a_model(small_mnist, tmp_path):
    control = TrainControl()
    path = tmp_path / "stopped.safetensors"
    seen_steps = []
    finished = None
    for event in train(QUICK.with_changes(epochs=5), control, path, data=small_mnist, report_every=3):
        if isinstance(event, StepMetrics):
            seen_steps.append(event.global_step)
            control.stop()
        finished = event
    assert isinstance(finished, Finished) and finished.reason == "stopped"
    assert finished.global_step == seen_steps[0]  # not one batch more
    assert finished.test_accuracy is not None and load_checkpoint(path).arch == "cnn-small"


def test_max_steps_ends_the_run_with_an_evaluated_model(small_mnist, tmp_path):
    events = run(QUICK.with_changes(max_steps=10), small_mnist, checkpoint_path=tmp_path / "m.safetensors")
    assert events[-1].reason == "max_steps" and events[-1].global_step == 10
    assert events[-1].test_accuracy is not None


def test_nan_loss_stops_the_run_with_a_reason(small_mnist):
    images = small_mnist.train.raw_images[:256]
    poisoned = InMemoryDataset(images, small_mnist.train.raw_labels[:256], torch.device("cpu"), 0.0, 1.0)
    poisoned.images[5] = float("nan")
    events = run(QUICK, DatasetPair("mnist", poisoned, small_mnist.test), report_every=1)
    assert events[-1].reason == "diverged" and "NaN" in end_text(events[-1])  # as the command line says it


def test_batch_larger_than_the_dataset_is_refused(small_mnist):
    from digitpad.engine.spec.errors import ConfigError

    with pytest.raises(ConfigError, match="larger than the 3,000 training images"):
        run(QUICK.with_changes(batch_size=5000), small_mnist)


@pytest.mark.parametrize("arch", ["lenet5-1998", "lenet5", "lenet-caffe", "cnn-bn", "lenet5-d2l", "mlp", "lenet-wide"])
def test_every_architecture_trains_a_few_steps(arch, small_mnist):
    events = run(TrainConfig(arch=arch, max_steps=3, batch_size=32, device="cpu"), small_mnist)
    assert events[-1].reason == "max_steps" and np.isfinite(events[-1].test_accuracy)


def test_pause_holds_the_run_between_two_batches_and_resume_carries_on(small_mnist):
    control = TrainControl(running=WatchedEvent())
    events = train(QUICK.with_changes(max_steps=12), control, data=small_mnist, report_every=2)
    seen: list[StepMetrics] = []
    done = threading.Event()

    def consume() -> None:
        for event in events:
            if isinstance(event, StepMetrics):
                seen.append(event)
                if event.global_step == 4:
                    control.pause()  # the user presses Pause after step 4
        done.set()

    worker = threading.Thread(target=consume)
    worker.start()
    assert control.running.waiting.wait(60)  # the loop is blocked in the pause...
    assert [e.global_step for e in seen] == [2, 4] and not done.is_set()  # ...with no step after the pause
    control.resume()
    worker.join(60)
    assert done.is_set() and [e.global_step for e in seen] == [2, 4, 6, 8, 10, 12]  # every step, once


def test_a_run_can_start_from_a_trained_models_weights(small_mnist):
    """Fine-tuning: one step at a tiny learning rate keeps the bundled model's accuracy; a fresh start has none."""
    from digitpad.engine.spec.errors import ConfigError

    start = TrainConfig(arch="lenet5", max_steps=1, lr=1e-7, batch_size=64, device="cpu", threads=1)
    fine_tuned = run(start.with_changes(start_from="lenet5"), small_mnist)[-1]
    fresh = run(start, small_mnist)[-1]
    assert fine_tuned.test_accuracy > 0.97 and fresh.test_accuracy < 0.5
    with pytest.raises(ConfigError, match="cannot start a cnn-small run"):
        run(QUICK.with_changes(start_from="lenet5"), small_mnist)


def test_synthetic_style_digits_join_the_training_set_and_look_like_mnist(small_mnist, private_user_dir):
    from digitpad.engine.data.styles import synthetic_digits

    images, labels = synthetic_digits(200, seed=5)
    assert images.shape == (200, 28, 28) and np.bincount(labels, minlength=10).tolist() == [20] * 10
    rows, cols = np.nonzero(images.max(0) > 128)
    assert rows.min() >= 1 and rows.max() <= 26 and cols.min() >= 1 and cols.max() <= 26  # MNIST's framing
    assert list((private_user_dir / "cache").glob("styles-*-200-5.npz"))  # the next run reads it from disk
    finished = run(QUICK.with_changes(styles=200, seed=5, max_steps=3), small_mnist)[-1]
    assert finished.reason == "max_steps"


def test_other_writers_scans_join_the_training_set_as_the_models_read_them(small_mnist, private_user_dir):
    """--scans N adds N copies of the bundled optical-digits scans (30 writers MNIST never saw), each enlarged and
    preprocessed the way a user's low-resolution crop is: MNIST-framed, every digit equally represented."""
    from digitpad.engine.data.preprocess import preprocess
    from digitpad.engine.data.scans import enlarge, read_scans, scanned_digits
    from digitpad.engine.training.run import training_data

    images, labels = scanned_digits()
    assert images.shape == (2823, 28, 28) and np.bincount(labels, minlength=10).min() > 250
    rows, cols = np.nonzero(images.max(0) > 128)
    assert rows.min() >= 1 and rows.max() <= 26 and cols.min() >= 1 and cols.max() <= 26  # MNIST's framing
    scans, _ = read_scans(str(paths.assets_dir() / "datasets" / "optdigits" / "optdigits-train.csv.gz"))
    assert np.array_equal(images[7], np.round(preprocess(enlarge(scans[7])) * 255).astype(np.uint8))
    assert list((private_user_dir / "cache").glob("scans-*.npz"))  # the next run reads it from disk
    train_set, _ = training_data(QUICK.with_changes(scans=2), torch.device("cpu"), small_mnist, None)
    assert len(train_set) == len(small_mnist.train) + 2 * 2823
    assert np.array_equal(train_set.raw_images[-2823:], images) and np.array_equal(train_set.raw_labels[-1], labels[-1])


def test_a_run_stopped_after_an_epoch_and_resumed_ends_exactly_as_the_run_never_stopped(small_mnist, tmp_path):
    """Momentum, the shuffling and augmentation generator and the schedule carry on: the same weights, bit for bit."""
    config = TrainConfig(arch="lenet5", epochs=3, batch_size=128, lr=0.05, momentum=0.9, nesterov=True,
                         schedule="onecycle", augment="affine", seed=0, device="cpu", threads=1)  # fmt: skip
    whole = run(config, small_mnist, checkpoint_path=tmp_path / "whole.safetensors")
    cut = tmp_path / "cut.safetensors"
    control = TrainControl()
    for event in train(config, control, cut, data=small_mnist):  # Ctrl-C, a closed window: after epoch 1
        if isinstance(event, EpochMetrics):
            control.stop()
    assert (tmp_path / "cut.safetensors.run-state").is_file()
    resumed = run(config, small_mnist, checkpoint_path=cut, resume=load_checkpoint(cut))
    accuracies = [(e.epoch, e.test_accuracy, e.train_loss) for e in whole if isinstance(e, EpochMetrics)]
    assert [(e.epoch, e.test_accuracy, e.train_loss) for e in resumed if isinstance(e, EpochMetrics)] == accuracies[1:]
    best_whole, best_resumed = load_checkpoint(whole[-1].checkpoint), load_checkpoint(resumed[-1].checkpoint)
    assert all(torch.equal(best_whole.state_dict[k], best_resumed.state_dict[k]) for k in best_whole.state_dict)
    assert not (tmp_path / "cut.safetensors.run-state").exists()  # completed: nothing left to resume
