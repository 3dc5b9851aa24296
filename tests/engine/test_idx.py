"""The IDX reader: real MNIST reads right; every broken file gets one line naming the file and the fault."""

from __future__ import annotations

import gzip

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digitpad.engine.data.idx import read_idx
from digitpad.engine.data.loading import load_dataset, read_split
from digitpad.engine.spec.errors import DatasetError
from tests.helpers import idx_bytes, write_dataset


def test_bundled_mnist_has_the_documented_counts(mnist):
    assert mnist.train.images.shape == (60000, 1, 28, 28)
    assert len(mnist.test) == 10000
    train_counts = np.bincount(mnist.train.raw_labels, minlength=10).tolist()
    assert train_counts == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    # normalised once with MNIST's own statistics: the training set comes out near mean 0, std 1
    assert abs(float(mnist.train.images.mean())) < 0.01
    assert abs(float(mnist.train.images.std()) - 1.0) < 0.01


@pytest.mark.parametrize("compress", [False, True])
def test_any_folder_of_idx_files_loads(tmp_path, compress):
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (7, 28, 28), dtype=np.uint8)
    labels = np.arange(7, dtype=np.uint8)
    write_dataset(tmp_path / "data", images, labels, compress)
    pair = load_dataset("mnist", data_dir=tmp_path / "data")
    assert np.array_equal(pair.train.raw_images, images)
    assert pair.test.labels.tolist() == list(range(7))


def broken(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


IMAGES = np.zeros((4, 28, 28), dtype=np.uint8)


@pytest.mark.parametrize(
    ("data", "ndim", "message"),
    [
        (b"\x00\x00\x08", 3, "truncated"),
        (idx_bytes(IMAGES, magic=b"\x00\x00\x0d\x03"), 3, "not an IDX file"),
        (b"PK\x03\x04" + bytes(100), 3, "not an IDX file"),
        (idx_bytes(IMAGES)[:-10], 3, "truncated"),
        (idx_bytes(IMAGES, claimed=(40, 28, 28)), 3, "truncated, the header declares 40 items"),
        (idx_bytes(IMAGES, claimed=(1_000_000_000, 28, 28)), 3, "more than any digit dataset"),
        (idx_bytes(IMAGES) + b"\x00" * 10, 3, "data beyond"),
        (idx_bytes(IMAGES), 1, "expected labels"),
        (idx_bytes(IMAGES, claimed=(0, 28, 28)), 3, "declares no items"),
    ],
)
def test_broken_idx_files_get_one_clear_line(tmp_path, data, ndim, message):
    for name, payload in (("bad-idx3-ubyte", data), ("bad-idx3-ubyte.gz", gzip.compress(data))):
        path = broken(tmp_path, name, payload)
        with pytest.raises(DatasetError) as caught:
            read_idx(path, expected_ndim=ndim)
        text = str(caught.value)
        assert message in text and name in text and "\n" not in text


def test_not_gzip_despite_the_name(tmp_path):
    path = broken(tmp_path, "train-images-idx3-ubyte.gz", b"hello, not gzip at all")
    with pytest.raises(DatasetError, match="cannot be read"):
        read_idx(path, expected_ndim=3)


def test_image_and_label_counts_must_agree(tmp_path):
    write_dataset(tmp_path, IMAGES, np.zeros(4, dtype=np.uint8))
    (tmp_path / "train-labels-idx1-ubyte").write_bytes(idx_bytes(np.zeros(3)))
    with pytest.raises(DatasetError, match="3 labels for 4 images"):
        read_split(tmp_path, "train")


def test_labels_must_be_digits(tmp_path):
    write_dataset(tmp_path, IMAGES, np.array([0, 1, 12, 3], dtype=np.uint8))
    with pytest.raises(DatasetError, match="label 12 at index 2 is outside 0-9"):
        read_split(tmp_path, "test")


def test_images_must_be_28x28(tmp_path):
    write_dataset(tmp_path, np.zeros((2, 32, 32), dtype=np.uint8), np.zeros(2, dtype=np.uint8))
    with pytest.raises(DatasetError, match="32x32, digitpad needs 28x28"):
        read_split(tmp_path, "train")


def test_a_folder_without_idx_files_says_what_it_expected(tmp_path):
    with pytest.raises(DatasetError, match="train-images-idx3-ubyte"):
        load_dataset("mnist", data_dir=tmp_path)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 6), st.integers(1, 9), st.integers(1, 9), st.data())
def test_round_trip_of_random_arrays(tmp_path_factory, count, height, width, data):
    values = data.draw(st.lists(st.integers(0, 255), min_size=count * height * width, max_size=count * height * width))
    array = np.array(values, dtype=np.uint8).reshape(count, height, width)
    path = tmp_path_factory.mktemp("idx") / "x-idx3-ubyte"
    path.write_bytes(idx_bytes(array))
    assert np.array_equal(read_idx(path, expected_ndim=3), array)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=64))
def test_random_bytes_never_escape_as_anything_but_a_dataset_error(tmp_path_factory, blob):
    path = tmp_path_factory.mktemp("idx") / "random-idx3-ubyte"
    path.write_bytes(blob)
    try:
        result = read_idx(path, expected_ndim=3)
    except DatasetError as error:
        assert "\n" not in str(error)
    else:
        assert result.ndim == 3
