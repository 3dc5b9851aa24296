"""Preprocessing: any picture of a digit becomes MNIST-like; blank pictures give no digit, never a guess."""

from __future__ import annotations

import io
import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from PIL import Image

from digitpad.engine.data.preprocess import load_image, preprocess
from digitpad.engine.spec.errors import ImageError
from tests.helpers import render_on_paper


def centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    total = image.sum()
    rows, cols = np.indices(image.shape)
    return float((rows * image).sum() / total), float((cols * image).sum() / total)


def ink_box(image: np.ndarray) -> tuple[int, int]:
    rows, cols = np.flatnonzero(image.sum(1) > 0.05), np.flatnonzero(image.sum(0) > 0.05)
    return rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1


def stroke_image(size=300, thickness=20, dark_on_light=True, corner=False) -> np.ndarray:
    """A thick "7" drawn off-centre on a page."""
    page = np.zeros((size, size), dtype=np.float32)
    top, left = (10, 10) if corner else (size // 3, size // 3)
    page[top : top + thickness, left : left + 120] = 1.0
    for i in range(150):
        c = left + 120 - i * 60 // 150
        page[top + i, c - thickness // 2 : c + thickness // 2] = 1.0
    return 1.0 - page if dark_on_light else page


@pytest.mark.parametrize("corner", [False, True])
def test_centre_of_mass_is_in_the_middle_and_the_digit_fits_20px(corner):
    out = preprocess(stroke_image(corner=corner))
    assert out.shape == (28, 28) and out.dtype == np.float32
    cy, cx = centre_of_mass(out)
    assert abs(cy - 13.5) <= 1 and abs(cx - 13.5) <= 1
    assert max(ink_box(out)) <= 20 and out.min() >= 0 and out.max() == pytest.approx(1.0)


def test_dark_on_light_and_light_on_dark_give_the_same_input():
    a, b = preprocess(stroke_image(dark_on_light=True)), preprocess(stroke_image(dark_on_light=False))
    assert np.abs(a - b).max() < 1e-5


def test_blank_and_flat_images_give_no_digit():
    assert preprocess(np.zeros((50, 50))) is None
    assert preprocess(np.full((50, 50), 200, dtype=np.uint8)) is None
    noise = np.random.default_rng(0).normal(0.7, 0.02, (200, 200)).clip(0, 1)
    assert preprocess(noise) is None


def test_grey_noisy_paper_is_removed():
    rng = np.random.default_rng(1)
    page = 0.75 - 0.55 * (1 - stroke_image())  # dark grey ink on light grey paper
    page = (page + rng.normal(0, 0.03, page.shape)).clip(0, 1)
    clean = preprocess(stroke_image())
    noisy = preprocess(page)
    assert noisy is not None and (noisy > 0.5).sum() > 0
    assert np.abs(noisy - clean).mean() < 0.08


def test_rgba_canvas_with_transparent_background():
    ink = 1 - stroke_image()
    rgba = np.zeros((*ink.shape, 4), dtype=np.uint8)
    rgba[..., 3] = (ink * 255).astype(np.uint8)  # black strokes, transparent paper
    out = preprocess(rgba)
    assert out is not None and np.abs(out - preprocess(stroke_image())).max() < 0.05


@settings(max_examples=80, deadline=None)
@given(arrays(np.uint8, st.tuples(st.integers(1, 64), st.integers(1, 64))))
def test_any_array_gives_none_or_a_valid_mnist_image(array):
    out = preprocess(array)
    if out is not None:
        assert out.shape == (28, 28) and np.isfinite(out).all() and out.min() >= 0 and out.max() <= 1
        assert max(ink_box(out)) <= 20


def png_bytes(image: Image.Image, fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"hello, I am text", "not an image file"),
        (png_bytes(Image.new("L", (64, 64)))[:60], "damaged or truncated"),
    ],
)
def test_bad_image_files_get_one_line(tmp_path, content, message):
    path = tmp_path / "digit.png"
    path.write_bytes(content)
    with pytest.raises(ImageError, match=message):
        preprocess(path)


def test_a_folder_is_not_an_image(tmp_path):
    with pytest.raises(ImageError, match="is a folder"):
        load_image(tmp_path)


@pytest.mark.parametrize("mode", ["L", "RGB", "P", "CMYK", "I;16", "LA"])
def test_image_modes_are_read(tmp_path, mode, mnist):
    page = render_on_paper(mnist.test.raw_images[0])
    image = Image.fromarray(page).convert(mode) if mode != "I;16" else Image.fromarray(page.astype(np.uint16) * 257)
    path = tmp_path / ("digit.tif" if mode in ("CMYK", "I;16") else "digit.png")
    image.save(path)
    out = preprocess(path)
    assert out is not None and np.abs(out - preprocess(page)).mean() < 0.02


def test_exif_rotation_is_applied(tmp_path):
    page = Image.fromarray(stroke_image().astype(np.float32) * 255).convert("L")
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 CW to display"
    path = tmp_path / "photo.jpg"
    page.rotate(90, expand=True).save(path, exif=exif.tobytes())
    assert np.abs(preprocess(path) - preprocess(page)).mean() < 0.03


def test_a_decompression_bomb_is_refused_fast(tmp_path):
    path = tmp_path / "bomb.png"
    Image.new("1", (12_000, 12_000)).save(path)  # 144 M pixels in a file of a few KB
    assert path.stat().st_size < 100_000
    with pytest.raises(ImageError, match="too large"):
        load_image(path)


def test_an_animated_image_is_read_from_its_first_frame(tmp_path, mnist):
    first = Image.fromarray(render_on_paper(mnist.test.raw_images[0]))  # a 7
    second = Image.fromarray(render_on_paper(mnist.test.raw_images[1]))  # a 2
    path = tmp_path / "digits.gif"
    first.save(path, save_all=True, append_images=[second], duration=100, loop=0)
    assert np.abs(preprocess(path) - preprocess(np.asarray(first))).mean() < 0.02


def tight_crop(digit: np.ndarray, low_resolution: int | None = None) -> np.ndarray:
    """An MNIST digit as a crop out of a scanned form: ink touching all four edges, dark on white, 96 px."""
    rows, cols = np.nonzero(digit > 0)
    crop = Image.fromarray(255 - digit[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1])
    if low_resolution:
        crop = crop.resize((low_resolution, low_resolution), Image.Resampling.BOX)
    return np.asarray(crop.resize((96, 96), Image.Resampling.BICUBIC))


@pytest.mark.parametrize("low_resolution", [None, 8])
def test_a_digit_cropped_tight_is_always_found_and_framed_like_mnist(mnist, low_resolution):
    """Ink covering half a crop made the median of all pixels the ink's level: 111 of 300 'no digit found'."""
    for index in range(100):
        out = preprocess(tight_crop(mnist.test.raw_images[index], low_resolution))
        assert out is not None, index
        cy, cx = centre_of_mass(out)
        assert max(ink_box(out)) <= 20 and abs(cy - 13.5) <= 1.5 and abs(cx - 13.5) <= 1.5, index
        assert 0.02 < (out > 0.5).mean() < 0.5, index  # strokes, not a filled square or a speck


def test_grey_paper_darker_than_middle_grey_still_counts_as_paper():
    """The paper is the level that holds the border, not whatever is lighter than 0.5."""
    page = 0.42 - 0.38 * (1 - stroke_image())  # near-black ink on dark grey paper
    out = preprocess(page)
    assert out is not None and np.abs(out - preprocess(stroke_image())).mean() < 0.05


@pytest.mark.parametrize("mode", ["LAB", "HSV", "I;16B", "F"])
def test_unusual_pillow_modes_are_read_by_their_lightness(mode, mnist):
    page = Image.fromarray(render_on_paper(mnist.test.raw_images[0]))
    image = page.convert("RGB").convert(mode) if mode in ("LAB", "HSV") else page.convert(mode)
    out = preprocess(image)
    assert out is not None and np.abs(out - preprocess(np.asarray(page))).mean() < 0.03


def test_a_two_level_crop_with_flat_paper_is_read_without_numpy_warnings():
    """A palette BMP of Pillow's tests: paper of one exact grey, ink of another, cropped tight."""
    import warnings

    crop = np.full((40, 24), 0.35, dtype=np.float32)
    crop[:, 8:16] = 0.95  # a 1, edge to edge
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = preprocess(crop)
    assert out is not None and max(ink_box(out)) <= 20


def test_a_faint_digit_on_a_page_lit_from_one_side_is_found():
    """A photo of a grey 9 on paper lit from one side (handwriting_eval's mnist-paper, number 397): the two-level
    split ran through the paper's gradient, half the border fell on each side, and the darker half of the page
    was taken for ink: "no digit found"."""
    from training.handwriting_eval import mnist_paper

    photo, label = next(itertools.islice(mnist_paper(1000), 397, None))
    out = preprocess(photo)
    assert label == 9 and out is not None and 0.05 < (out > 0.5).mean() < 0.4  # strokes, not half a page
