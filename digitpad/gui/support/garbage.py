"""Python's cyclic garbage collector, run on the GUI thread only.

Left automatic, it runs in whichever thread allocates past its threshold. A worker thread exporting ONNX (the
exporter allocates a great deal) once collected a closed window's widgets there: Qt deleted them in that
thread while the GUI thread deleted others, each held what the other waited for (Qt's mutex against
Python's GIL), and the window froze for good. So automatic collection is off and a timer on the GUI thread
collects each generation when it has passed its threshold, as pyqtgraph's GarbageCollector does (importing
pyqtgraph here would cost the window 0.2 s before it shows). Most objects are freed by reference counting,
at once and in any thread, as before: only cycles wait for the timer.

A full collection walks every tracked object: with torch and the views loaded, 230,000 of them, 140-160 ms of
the GUI thread; the background import of torch._dynamo after start-up adds 190,000 (116 ms). They live as
long as the app, so once the views exist, and again after that import, `freeze_what_is_loaded` leaves them
out of every later collection (gc.freeze), and a full one takes a millisecond or two.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        """Collect from now on only on the thread `parent` lives in (the application's: the GUI thread)."""
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(INTERVAL_MS)

    def collect(self) -> None:
        """The generations past their thresholds, youngest first, as the automatic collector would."""
        counts = gc.get_count()
        for generation in range(3):
            if counts[generation] <= self.thresholds[generation]:
                break
            gc.collect(generation)


def freeze_what_is_loaded() -> None:
    """Leave every object tracked now out of later collections. They are still freed by reference counting;
    only a cycle among them would never be (collecting first would walk them all: the stall this avoids)."""
    gc.freeze()


def collect_garbage_on_gui_thread(app: QObject) -> GuiThreadGarbageCollector:
    """Once per application (a second call returns the first collector)."""
    existing = app.findChild(GuiThreadGarbageCollector)
    return existing if existing is not None else GuiThreadGarbageCollector(app)
