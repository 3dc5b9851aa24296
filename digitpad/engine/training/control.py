"""How another thread steers a run (stop, pause, resume) and the run's clock that does not count pauses."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field


@dataclass
class TrainControl:
    """Cooperative control from another thread: stop, pause and resume take effect within one batch."""

    stop_event: threading.Event = field(default_factory=threading.Event)
    running: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.running.set()

    def stop(self) -> None:
        self.stop_event.set()
        self.running.set()  # wake a paused loop so it can see the stop

    def pause(self) -> None:
        self.running.clear()

    def resume(self) -> None:
        self.running.set()

    @property
    def stopped(self) -> bool:
        return self.stop_event.is_set()

    @property
    def paused(self) -> bool:
        return not self.running.is_set()


class PausableClock:
    """Seconds since the run started, not counting time spent paused."""

    def __init__(self) -> None:
        self._start = time.perf_counter()
        self._paused_at: float | None = None

    def seconds(self) -> float:
        return time.perf_counter() - self._start

    def pause(self) -> None:
        self._paused_at = time.perf_counter()

    def resume(self) -> None:
        if self._paused_at is not None:
            self._start += time.perf_counter() - self._paused_at
            self._paused_at = None

    def wait_while_paused(self, control: TrainControl) -> None:
        """Block while `control` is paused; the wait is not counted as the run's time."""
        if control.paused:
            self.pause()
            control.running.wait()
            self.resume()
