"""Shared fixtures: headless Qt, a private user data dir per test, MNIST loaded once, small data slices."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
import torch

from digitpad.engine.data.loading import DatasetPair, InMemoryDataset, load_dataset

torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))


@pytest.fixture(scope="session", autouse=True)
def garbage_collected_on_the_gui_thread(qapp):
    """As the app does (create_application): a worker thread collecting widgets deadlocked the suite once."""
    from digitpad.gui.support.garbage import collect_garbage_on_gui_thread

    collect_garbage_on_gui_thread(qapp)


@pytest.fixture(autouse=True)
def private_user_dir(tmp_path_factory, monkeypatch):
    """Every test gets its own empty user data dir, so nothing touches the real one or leaks between tests."""
    home = tmp_path_factory.mktemp("digitpad-home")
    monkeypatch.setenv("DIGITPAD_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def mnist() -> DatasetPair:
    return load_dataset("mnist")


@pytest.fixture(scope="session")
def small_mnist(mnist) -> DatasetPair:
    """3,000 training and 1,000 test images: enough to learn well above chance in seconds."""

    def take(split: InMemoryDataset, count: int) -> InMemoryDataset:
        return InMemoryDataset(
            split.raw_images[:count], split.raw_labels[:count], torch.device("cpu"), split.mean, split.std
        )

    return DatasetPair("mnist", take(mnist.train, 3000), take(mnist.test, 1000))


@pytest.fixture
def window(qtbot):
    """The real main window, in the language the app starts in here (English: the saved choice is "system" and
    the test machine has no locale); its training thread and background jobs are always wound down."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from digitpad.gui.main_window import MainWindow
    from digitpad.gui.support import language

    language.install(QApplication.instance())
    main = MainWindow()
    main.show()
    qtbot.waitExposed(main)
    yield main
    assert main.controller.shutdown(30_000)
    main.close()  # stops the views' background work, then waits for every job
    main.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    del main
    gc.collect()  # its cycles now, on this thread: the next window freezes what is tracked then (garbage.py)


def render_on_paper(digit: np.ndarray, size: int = 200, dark_on_light: bool = True, offset=(0, 0)) -> np.ndarray:
    """An MNIST digit drawn the way a scan would show it: enlarged, off-centre, on a big page."""
    from PIL import Image

    big = np.asarray(Image.fromarray(digit).resize((size // 2, size // 2), Image.Resampling.BILINEAR))
    page = np.zeros((size, size), dtype=np.uint8)
    top, left = size // 4 + offset[0], size // 4 + offset[1]
    page[top : top + size // 2, left : left + size // 2] = big
    return 255 - page if dark_on_light else page
