"""THE way a page runs a short job off the UI thread: `run_in_background(fn, on_done, on_error, parent=self)`.

    run_in_background(lambda: ctx.verify_audit(session), self._verified, self._verify_failed, parent=self)

`fn` runs on a QThreadPool thread; `on_done(result)` or `on_error(exc)` then runs on the thread that called
`run_in_background` (the UI thread), through a queued signal. With `parent`, nothing is delivered once the
parent is destroyed (a page closed while its job ran), and nothing crashes. An exception from `fn` is logged
with its traceback before `on_error` sees it; without `on_error` it is only logged.

Not for the real-time frame pipelines: the camera reader and inference threads of `common/workers.py`
(enrolment preview) and `kiosk/worker.py` (the kiosk) keep their own threads, which hand over the newest frame
and drop the older ones. The bulk import (`enrol/import_dialog.py`) keeps its QThread, which reports progress
and can be cancelled.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")

_pending: set[_Bridge] = set()  # bridges whose job has not reported yet (kept alive until it does)
_pending_lock = threading.Lock()


class _Bridge(QObject):
    """Lives on the caller's thread; the pool thread emits, the slots run on the caller's thread."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None,
        parent: QObject | None,
    ) -> None:
        super().__init__(parent)
        self._on_done, self._on_error = on_done, on_error
        self.done.connect(self._deliver_done)
        self.failed.connect(self._deliver_error)

    @Slot(object)
    def _deliver_done(self, result: Any) -> None:
        self._release()
        self._on_done(result)

    @Slot(object)
    def _deliver_error(self, exc: Exception) -> None:
        self._release()
        if self._on_error is not None:
            self._on_error(exc)

    def _release(self) -> None:
        with _pending_lock:
            _pending.discard(self)
        self.deleteLater()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], bridge: _Bridge, name: str) -> None:
        super().__init__()
        self.fn, self.bridge, self.name = fn, bridge, name

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # reported to on_error; never kills the pool thread
            log.exception("background job %s failed", self.name)
            self._emit(self.bridge.failed, exc)
        else:
            self._emit(self.bridge.done, result)

    def _emit(self, signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the parent was destroyed meanwhile: nobody is left to tell
            log.info("background job %s finished after its page closed", self.name)
            with _pending_lock:
                _pending.discard(self.bridge)


def run_in_background(
    fn: Callable[[], T],
    on_done: Callable[[T], None],
    on_error: Callable[[Exception], None] | None = None,
    *,
    parent: QObject | None = None,
    pool: QThreadPool | None = None,
) -> None:
    """Run `fn()` on `pool` (the global pool by default); deliver its result or exception on this thread."""
    bridge = _Bridge(on_done, on_error, parent)
    with _pending_lock:
        _pending.add(bridge)
    name = getattr(fn, "__qualname__", type(fn).__name__)
    (pool or QThreadPool.globalInstance()).start(_Job(fn, bridge, name))


def pending_jobs() -> int:
    """Jobs started and not yet reported (for tests and shutdown checks)."""
    with _pending_lock:
        return len(_pending)
