"""Reference cycles are collected on the GUI thread, never in a worker that happens to allocate."""

from __future__ import annotations

import gc
import threading

from digitpad.gui.app import create_application
from digitpad.gui.support.garbage import GuiThreadGarbageCollector

CYCLES = 20


def test_cycles_made_and_dropped_in_a_worker_thread_are_collected_on_the_gui_thread(qtbot):
    collected_in: list[threading.Thread] = []

    class Node:
        def __del__(self) -> None:
            collected_in.append(threading.current_thread())

    def make_garbage() -> None:  # enough allocation that the automatic collector would run here, in the worker
        for _ in range(CYCLES):
            cycle: list[object] = [[] for _ in range(1000)]
            cycle += [Node(), cycle]

    worker = threading.Thread(target=make_garbage)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(collected_in) == CYCLES, timeout=10_000)
    assert set(collected_in) == {threading.main_thread()}


def test_the_app_collects_on_its_gui_thread_from_the_start():
    app = create_application()
    assert len(app.findChildren(GuiThreadGarbageCollector)) == 1  # and only once, however often it is called


def test_once_the_views_exist_a_full_collection_has_little_left_to_walk(window):
    """torch's and the views' objects live as long as the app and are frozen once the views exist: walking
    them, 230,000 objects, took a full collection 140-160 ms of the GUI thread."""
    assert gc.get_freeze_count() > 100_000
    assert len(gc.get_objects()) < gc.get_freeze_count() / 10
