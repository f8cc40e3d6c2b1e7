"""THE way a page runs a short job off the UI thread: `run_in_background(fn, on_done, on_error, parent=self)`.

    run_in_background(lambda: ctx.verify_audit(session), self._verified, self._verify_failed, parent=self)

`fn` runs on a QThreadPool thread; `on_done(result)` or `on_error(exc)` then runs on the thread that called
`run_in_background` (the UI thread), through a queued signal. With `parent`, nothing is delivered once the
parent is destroyed (a page closed while its job ran), and nothing crashes. An exception from `fn` is logged
with its traceback before `on_error` sees it; without `on_error` it is only logged.

The pool thread only ever emits on a dispatcher that lives as long as its thread's event loop and is never
deleted: a page (and everything it owns) can be destroyed on the UI thread at any moment without a pool
thread touching a destroyed QObject, and no QObject is ever deleted on a pool thread. Whether the page
still exists is decided on the UI thread, when the result arrives.

Not for the real-time frame pipelines: the camera reader and inference threads of `common/workers.py`
(enrolment preview) and `kiosk/worker.py` (the kiosk) keep their own threads, which hand over the newest frame
and drop the older ones. The bulk import (`enrol/import_dialog.py`) keeps its QThread, which reports progress
and can be cancelled.
"""

from __future__ import annotations

import itertools
import logging
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class _Pending:
    """A job that has not reported yet: what to call, and the page it belongs to (None: no page)."""

    name: str
    on_done: Callable[[Any], None]
    on_error: Callable[[Exception], None] | None
    parent: weakref.ref[QObject] | None


_pending: dict[int, _Pending] = {}  # job number -> what to call when it reports
_pending_lock = threading.Lock()
_numbers = itertools.count(1)
_dispatchers: dict[int, _Dispatcher] = {}  # thread ident -> its dispatcher (kept for the thread's lifetime)


class _Dispatcher(QObject):
    """One per calling thread, never deleted. Pool threads emit `reported`; the slot runs on the caller's
    thread (a queued connection, since the emitter is another thread)."""

    reported = Signal(int, bool, object)  # job number, succeeded, result or exception

    def __init__(self) -> None:
        super().__init__()
        self.reported.connect(self._deliver)

    @Slot(int, bool, object)
    def _deliver(self, number: int, ok: bool, value: Any) -> None:
        with _pending_lock:
            job = _pending.pop(number, None)
        if job is None:
            return
        if job.parent is not None:
            parent = job.parent()
            if parent is None or not shiboken6.isValid(parent):
                log.info("background job %s finished after its page closed", job.name)
                return
        if ok:
            job.on_done(value)
        elif job.on_error is not None:
            job.on_error(value)


def _dispatcher() -> _Dispatcher:
    key = threading.get_ident()
    dispatcher = _dispatchers.get(key)
    if dispatcher is None:
        dispatcher = _dispatchers[key] = _Dispatcher()
    return dispatcher


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], number: int, dispatcher: _Dispatcher, name: str) -> None:
        super().__init__()
        self.fn, self.number, self.dispatcher, self.name = fn, number, dispatcher, name

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # reported to on_error; never kills the pool thread
            log.exception("background job %s failed", self.name)
            self.dispatcher.reported.emit(self.number, False, exc)
        else:
            self.dispatcher.reported.emit(self.number, True, result)


def run_in_background(
    fn: Callable[[], T],
    on_done: Callable[[T], None],
    on_error: Callable[[Exception], None] | None = None,
    *,
    parent: QObject | None = None,
    pool: QThreadPool | None = None,
) -> None:
    """Run `fn()` on `pool` (the global pool by default); deliver its result or exception on this thread."""
    name = getattr(fn, "__qualname__", type(fn).__name__)
    number = next(_numbers)
    with _pending_lock:
        _pending[number] = _Pending(
            name, on_done, on_error, weakref.ref(parent) if parent is not None else None
        )
    (pool or QThreadPool.globalInstance()).start(_Job(fn, number, _dispatcher(), name))


def pending_jobs() -> int:
    """Jobs started and not yet reported (for tests and shutdown checks)."""
    with _pending_lock:
        return len(_pending)
