"""Run engine jobs off the GUI thread and get the result back on it: BackgroundTasks for a job, NewestAnswer for
a question whose answer goes stale (what does the model make of the drawing as it is now?)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal

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


class NewestAnswer(QObject):
    """The answer to a question that goes stale (what does the model make of the drawing?): one job at a time on
    the thread pool, and an answer about an older question is never shown.

    `ask()` says the question changed (a stroke grew, another model was chosen). A job starts when none is
    running: `prepare()`, on the GUI thread, takes what the job needs as it is now and returns the work to do
    in the pool, or None when the answer cannot be wanted now (a view that is not on screen: it calls `start()`
    when it is). Changes made while a job runs are answered together by the next one, which starts when it
    reports, after `spacing_ms`: so a model slower than the mouse never builds a queue.
    """

    def __init__(self, prepare: Callable[[], Callable[[], Any] | None], show: Callable[[Any], None],
                 fail: Callable[[str], None], parent: QObject) -> None:  # fmt: skip
        super().__init__(parent)
        self._prepare, self._show, self._fail = prepare, show, fail
        self._tasks = BackgroundTasks(self)
        self.revision = 0  # questions asked
        self.shown_revision = 0  # the question the answer on screen answers
        self.busy = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.start)

    @property
    def current(self) -> bool:
        """The answer on screen answers the question as it is now."""
        return self.shown_revision == self.revision and not self.busy

    def set_spacing(self, milliseconds: int) -> None:
        """Start a job at most every `milliseconds` while the question keeps changing (0: at once)."""
        self._timer.setInterval(milliseconds)

    def ask(self, at_once: bool = False) -> None:
        """The question changed: answer it, at once or after the spacing (changes within it are answered together)."""
        self.revision += 1
        if at_once:
            self._timer.stop()
            self.start()
        elif not self._timer.isActive():
            self._timer.start()

    def start(self) -> None:
        """Start a job for the newest question, unless one is running or the answer on screen is current."""
        if self.busy or self.shown_revision == self.revision:
            return
        try:
            work = self._prepare()
        except DigitpadError as error:  # e.g. a model file that cannot be read: said once, not asked again
            self.shown_revision = self.revision
            self._fail(str(error))
            return
        if work is None:
            return
        self.busy, revision = True, self.revision
        self._tasks.start(work, lambda answer: self._on_answer(answer, revision), self._on_failure)

    def _on_answer(self, answer: Any, revision: int) -> None:
        self.busy = False
        if revision > self.shown_revision:
            self.shown_revision = revision
            self._show(answer)
        if self.shown_revision < self.revision and not self._timer.isActive():
            self._timer.start()

    def _on_failure(self, message: str) -> None:
        self.busy = False
        self._fail(message)
