"""A folder of digit images is a dataset: each image preprocessed like a drawing, bad files skipped and counted."""

from __future__ import annotations

from PIL import Image

from digitpad.engine.data.loading import load_dataset
from tests.helpers import render_on_paper


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
