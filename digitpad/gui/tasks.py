"""Run short engine jobs (loading a dataset, predicting a split) off the GUI thread and get the result back on it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from digitpad.engine.spec.errors import DigitpadError


class _Relay(QObject):
    """Lives on the GUI thread; its signals carry the job's outcome back to it (queued connection)."""

    succeeded = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, function: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.function, self.relay = function, relay

    def run(self) -> None:
        try:
            result = self.function()
        except DigitpadError as error:
            self._report(self.relay.failed, str(error))
        except Exception as error:  # shown to the user as one line, never a crash of the app
            reason = f"{error.__class__.__name__}: {error}"
            self._report(self.relay.failed, QCoreApplication.translate("BackgroundTasks", "unexpected {reason}")
                         .format(reason=reason))  # fmt: skip
        else:
            self._report(self.relay.succeeded, result)

    @staticmethod
    def _report(signal: Any, value: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the window closed while the job ran: nobody is left to tell
            signal.emit(value)


class BackgroundTasks(QObject):
    """Starts jobs on the global thread pool; keeps each relay alive until its job has reported."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relays: set[_Relay] = set()

    def start(
        self, function: Callable[[], Any], on_success: Callable[[Any], None], on_failure: Callable[[str], None]
    ) -> None:
        relay = _Relay(self)
        self._relays.add(relay)
        relay.succeeded.connect(on_success)
        relay.failed.connect(on_failure)
        relay.succeeded.connect(lambda _result: self._forget(relay))
        relay.failed.connect(lambda _message: self._forget(relay))
        QThreadPool.globalInstance().start(_Job(function, relay))

    def _forget(self, relay: _Relay) -> None:
        self._relays.discard(relay)
        relay.deleteLater()

    def wait_for_all(self, milliseconds: int = 10_000) -> bool:
        """Block until every job has finished (used when the window closes)."""
        return QThreadPool.globalInstance().waitForDone(milliseconds)
