"""Checkpoints: a faithful round trip, atomic replacement, and one clear line for every file we cannot use."""

from __future__ import annotations

import json
import os
import pickle
import struct
import time

import pytest
import torch
from safetensors.torch import save_file

from digitpad.engine.models.zoo import build_model
from digitpad.engine.reading.predictor import Predictor
from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.spec.errors import CheckpointError
from digitpad.engine.store.checkpoints import (
    Checkpoint,
    load_checkpoint,
    make_checkpoint,
    read_metadata,
    save_checkpoint,
)


def saved(tmp_path, arch="lenet5", name="m.safetensors"):
    model = build_model(arch)
    return model, save_checkpoint(
        make_checkpoint(model, TrainConfig(arch=arch), {"test_accuracy": 0.5}), tmp_path / name
    )


def test_round_trip_keeps_weights_and_description(tmp_path):
    model, path = saved(tmp_path, "lenet5-1998")
    loaded = load_checkpoint(path)
    assert loaded.arch == "lenet5-1998" and loaded.test_accuracy == 0.5
    assert loaded.config == TrainConfig(arch="lenet5-1998")
    assert (loaded.mean, loaded.std) == (0.1307, 0.3081)
    meta = read_metadata(path)
    assert meta["versions"]["torch"] and meta["versions"]["digitpad"] and meta["created"]
    rebuilt = loaded.build()
    x = torch.randn(2, 1, 28, 28)
    with torch.inference_mode():
        assert torch.equal(rebuilt(x), model.eval()(x))


def test_save_replaces_atomically_and_leaves_no_temp_files(tmp_path):
    _, path = saved(tmp_path)
    first = path.read_bytes()
    bad = Checkpoint("lenet5", {"a": torch.zeros(2), "b": torch.zeros(2)}, TrainConfig(), 0.0, 1.0)
    bad.state_dict["b"] = bad.state_dict["a"]  # shared memory: safetensors refuses to serialise it
    with pytest.raises(RuntimeError):
        save_checkpoint(bad, path)
    assert path.read_bytes() == first  # the old model survives a failed save
    assert [p.name for p in tmp_path.iterdir()] == ["m.safetensors"]


def test_the_next_save_sweeps_up_what_a_killed_save_left_behind(tmp_path):
    _, path = saved(tmp_path)
    abandoned = tmp_path / ".m.safetensors.k1ll3d.tmp"  # what SIGKILL between write and replace leaves
    abandoned.write_bytes(b"half a model")
    os.utime(abandoned, (time.time() - 3600, time.time() - 3600))
    in_progress = tmp_path / ".m.safetensors.wr1t1n.tmp"  # a save another process is making right now
    in_progress.write_bytes(b"being written")
    other = tmp_path / ".other.safetensors.x.tmp"
    other.write_bytes(b"not ours to judge")
    os.utime(other, (time.time() - 3600, time.time() - 3600))
    saved(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, in_progress.name, other.name])


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def lying_offsets(tmp_path):
    header = json.dumps({"w": {"dtype": "F32", "shape": [1000], "data_offsets": [0, 4000]}}).encode()
    return write(tmp_path, "lying.safetensors", struct.pack("<Q", len(header)) + header + bytes(16))


def foreign_safetensors(tmp_path):
    path = tmp_path / "foreign.safetensors"
    save_file({"weight": torch.zeros(3)}, path)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: write(d, "empty.safetensors", b""), "too short"),
        (lambda d: write(d, "text.safetensors", b"this is a text file, not weights"), "header size is impossible"),
        (lambda d: write(d, "trunc.safetensors", saved(d, name="full.safetensors")[1].read_bytes()[:5000]),
         "not a valid safetensors"),
        (lying_offsets, "not a valid safetensors"),
        (foreign_safetensors, "not a digitpad model"),
        (lambda d: d / "missing.safetensors", "no such file"),
        (lambda d: d, "is not a file"),
    ],
)  # fmt: skip
def test_unusable_files_get_one_clear_line(tmp_path, make, message):
    with pytest.raises(CheckpointError, match=message) as caught:
        load_checkpoint(make(tmp_path))
    assert "\n" not in str(caught.value)


def test_weights_for_another_architecture_are_refused(tmp_path):
    model = build_model("cnn-small")
    checkpoint = make_checkpoint(model, TrainConfig(arch="cnn-small"), {})
    checkpoint.arch = "lenet5"  # metadata lies about what the weights are
    path = save_checkpoint(checkpoint, tmp_path / "mismatch.safetensors")
    with pytest.raises(CheckpointError, match="do not fit architecture 'lenet5'"):
        load_checkpoint(path)


class _Exploit:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_a_malicious_pickle_never_runs(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.pt"
    with path.open("wb") as handle:
        pickle.dump({"weight": _Exploit(marker)}, handle)
    with pytest.raises(CheckpointError, match="not a loadable PyTorch weights file"):
        load_checkpoint(path)
    assert not marker.exists()


def test_a_tutorial_state_dict_imports_by_shape(tmp_path):
    class TutorialNet(torch.nn.Module):  # tutorial 3's names: conv1, conv2, fc1, fc2
        def __init__(self):
            super().__init__()
            self.conv1, self.conv2 = torch.nn.Conv2d(1, 10, 5), torch.nn.Conv2d(10, 20, 5)
            self.fc1, self.fc2 = torch.nn.Linear(320, 50), torch.nn.Linear(50, 10)

    theirs = TutorialNet()
    torch.save(theirs.state_dict(), tmp_path / "model.pth")
    loaded = load_checkpoint(tmp_path / "model.pth")
    assert loaded.arch == "cnn-small"
    assert torch.equal(loaded.build()[0].weight, theirs.conv1.weight)
    assert Predictor(loaded).probabilities(torch.zeros(1, 28, 28).numpy()).shape == (1, 10)


def test_a_state_dict_of_an_unknown_network_is_refused(tmp_path):
    torch.save({"layer.weight": torch.zeros(7, 7)}, tmp_path / "other.pt")
    with pytest.raises(CheckpointError, match="match none of the architectures"):
        load_checkpoint(tmp_path / "other.pt")
    torch.save([1, 2, 3], tmp_path / "list.pt")
    with pytest.raises(CheckpointError, match="holds no state_dict"):
        load_checkpoint(tmp_path / "list.pt")
