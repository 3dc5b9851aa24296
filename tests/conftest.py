"""Shared fixtures: headless Qt, a private user data dir per test, MNIST loaded once, small data slices, the real
window, lenet5's explainer. Tests are grouped by the layer they test: engine/, cli/, gui/."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
import torch

from digitpad.engine.data.loading import DatasetPair, InMemoryDataset, load_dataset

# each of pytest-xdist's workers (one per core: pyproject.toml) computes on one thread; run alone, on up to two
torch.set_num_threads(1 if os.environ.get("PYTEST_XDIST_WORKER") else max(1, min(2, os.cpu_count() or 1)))


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


@pytest.fixture(scope="module")
def lenet5_explainer(tmp_path_factory):
    """lenet5's explainer with its index built once for the module (4 s), in a private cache."""
    from digitpad.engine.insight.explanation import Explainer
    from digitpad.engine.store.catalog import resolve_model
    from digitpad.engine.store.checkpoints import load_checkpoint

    home = tmp_path_factory.mktemp("why-home")
    previous = os.environ.get("DIGITPAD_HOME")
    os.environ["DIGITPAD_HOME"] = str(home)
    path = resolve_model("lenet5")
    explainer = Explainer(load_checkpoint(path), path)
    explainer.ensure_index()
    explainer.home = home
    yield explainer
    if previous is not None:
        os.environ["DIGITPAD_HOME"] = previous
