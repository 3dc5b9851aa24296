"""My handwriting in the engine: samples on disk, the held-back part, sharing as a zip, the fine-tune dataset."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest
from PIL import Image

from digitpad.engine.data import my_handwriting
from digitpad.engine.data.loading import MNIST_IN_THE_MIX, load_dataset
from digitpad.engine.spec.errors import ConfigError, DatasetError, ImageError
from tests.helpers import add_mnist_digits, render_on_paper


def test_a_saved_drawing_is_a_png_in_its_digits_folder_once(mnist):
    drawing = render_on_paper(mnist.test.raw_images[0], size=160)
    path = my_handwriting.add(drawing, 7)
    assert path.parent == my_handwriting.folder() / "7" and path.suffix == ".png"
    assert np.array_equal(np.asarray(Image.open(path)), drawing)  # the drawing itself, at the models' resolution
    assert my_handwriting.add(drawing, 7) == path and my_handwriting.counts()[7] == 1  # the same drawing: one file


def test_an_empty_drawing_is_not_saved():
    with pytest.raises(ImageError, match="no digit to save"):
        my_handwriting.add(np.full((160, 160), 255, np.uint8), 3)
    assert my_handwriting.counts() == [0] * 10


def test_the_held_back_part_has_each_plentiful_digit_and_stays_put_as_samples_arrive(mnist):
    add_mnist_digits(mnist, 60)
    first = my_handwriting.held_out(my_handwriting.samples())
    counts = my_handwriting.counts()
    held_labels = {int(path.parent.name) for path in first}
    assert {d for d in range(10) if counts[d] >= 3} <= held_labels
    assert 0 < len(first) < 30
    add_mnist_digits(mnist, 60, start=60)
    second = my_handwriting.held_out(my_handwriting.samples())
    by_its_own_hash = {p for p in first if int(p.stem[:12], 16) % 5 == 0}
    assert len(by_its_own_hash) > len(first) / 2 and by_its_own_hash <= second  # never moved into training
    train, test = my_handwriting.read_part("train"), my_handwriting.read_part("test")
    assert len(train.labels) + len(test.labels) == 120 and not set(train.paths) & set(test.paths)


def test_too_few_samples_say_how_many_more_are_needed(mnist):
    add_mnist_digits(mnist, 4)
    with pytest.raises(ConfigError, match="has 4 samples: add 6 more"):
        my_handwriting.check_ready()


def test_a_corrupt_file_in_the_folder_is_skipped_and_counted(mnist):
    add_mnist_digits(mnist, 30)
    (my_handwriting.folder() / "3" / "0123456789abcdef.png").write_bytes(b"not a png")
    parts = [my_handwriting.read_part(part) for part in ("train", "test")]
    assert sum(len(p.labels) for p in parts) == 30
    assert sum(len(p.skipped) for p in parts) == 1


def test_the_fine_tune_dataset_mixes_my_digits_with_mnist_and_tests_on_the_held_back_part(mnist):
    add_mnist_digits(mnist, 40)
    data = load_dataset("mine")
    own, held = my_handwriting.read_part("train"), my_handwriting.read_part("test")
    assert len(data.test) == len(held.labels)
    mine_in_train = len(data.train) - MNIST_IN_THE_MIX
    assert mine_in_train % len(own.labels) == 0 and 0.25 < mine_in_train / len(data.train) < 0.45
    assert np.array_equal(data.train.raw_images[-len(own.labels):], own.images)  # fmt: skip


def test_a_zip_export_imports_back_identically(mnist, tmp_path, monkeypatch):
    add_mnist_digits(mnist, 25)
    before = {(s.label, s.path.name, s.path.read_bytes()) for s in my_handwriting.samples()}
    target = tmp_path / "mine.zip"
    assert my_handwriting.export_zip(target) == 25
    monkeypatch.setenv("DIGITPAD_HOME", str(tmp_path / "another-computer"))
    plan = my_handwriting.plan_import(target)
    assert (len(plan.new), plan.same, plan.conflicts, plan.unreadable) == (25, 0, [], [])
    assert my_handwriting.apply_import(plan, replace_conflicts=False) == 25
    assert {(s.label, s.path.name, s.path.read_bytes()) for s in my_handwriting.samples()} == before
    assert my_handwriting.plan_import(target).same == 25  # importing again adds nothing


def test_an_import_skips_what_it_cannot_read_and_asks_before_relabelling(mnist, tmp_path):
    paths = add_mnist_digits(mnist, 12)
    target = tmp_path / "mine.zip"
    my_handwriting.export_zip(target)
    moved = my_handwriting.relabel(paths[0], (int(paths[0].parent.name) + 1) % 10)  # the user relabelled one
    with zipfile.ZipFile(target, "a") as archive:
        archive.writestr("4/ffffffffffffffff.png", b"\x89PNG truncated")
        archive.writestr("notes.txt", "hello")
    plan = my_handwriting.plan_import(target)
    assert len(plan.unreadable) == 2 and len(plan.conflicts) == 1 and plan.same == 11
    assert my_handwriting.apply_import(plan, replace_conflicts=False) == 0 and moved.exists()  # kept as it was
    assert my_handwriting.apply_import(plan, replace_conflicts=True) == 1
    assert not moved.exists() and paths[0].exists()  # the zip's label, after asking


@pytest.mark.parametrize("content", [b"not a zip", None])
def test_a_file_that_is_not_a_my_handwriting_zip_is_refused_in_one_line(tmp_path, content):
    target = tmp_path / "other.zip"
    if content is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("0/a.png", b"")
        content = buffer.getvalue()
    target.write_bytes(content)
    with pytest.raises(DatasetError, match=r"not a zip file|not a My handwriting zip"):
        my_handwriting.plan_import(target)
