"""The reports view-model: filter choices, the current report, and run/export off the UI thread
(QThreadPool). It talks to an `EventSource` (the store, or an in-memory source), never to SQL."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.core.records import Person
from app.core.reports import (
    EventSource,
    Report,
    ReportQuery,
    ReportSettings,
    build_report,
    write_csv,
    write_pdf,
    write_xlsx,
)

log = logging.getLogger(__name__)


class _TaskSignals(QObject):
    done = Signal(int, object)
    error = Signal(int, str)


class _Task(QRunnable):
    """Runs `fn` on a pool thread and reports back through queued signals."""

    def __init__(self, request: int, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.request = request
        self.fn = fn
        self.signals = _TaskSignals()

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # shown to the user; the traceback goes to the log
            log.exception("report task failed")
            self.signals.error.emit(self.request, str(exc))
        else:
            self.signals.done.emit(self.request, result)


class ReportsViewModel(QObject):
    """What the view needs: filter choices, the current report, and asynchronous run/export."""

    report_ready = Signal(object)  # Report
    exported = Signal(str)  # path
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(
        self,
        source: EventSource,
        settings: ReportSettings,
        pool: QThreadPool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.settings = settings
        self.pool = pool or QThreadPool.globalInstance()
        self.report: Report | None = None
        self.worker_thread: int | None = None  # the thread that computed the last report (for tests)
        self._request = 0
        self._latest_run = 0  # results of older runs are dropped
        self._tasks: dict[int, _Task] = {}

    def persons(self) -> list[Person]:
        return sorted(self.source.persons(active_only=False), key=lambda p: p.name.casefold())

    def groups(self) -> list[str]:
        names = {p.department for p in self.source.persons()} | {
            g for p in self.source.persons() for g in p.groups
        }
        return sorted(n for n in names if n)

    def run(self, query: ReportQuery) -> None:
        def compute() -> tuple[Report, int]:
            return build_report(self.source, self.settings, query), threading.get_ident()

        self._latest_run = self._submit(compute, self._report_done)

    def export(self, fmt: str, path: Path) -> None:
        report = self.report
        if report is None:
            self.failed.emit("Run a report before exporting it.")
            return

        def write() -> str:
            if fmt == "csv":
                return str(write_csv(report, path, bom=self.settings.csv_bom))
            if fmt == "xlsx":
                return str(write_xlsx(report, path))
            return str(write_pdf(report, path, include_days=True))

        self._submit(write, lambda result: self.exported.emit(result))

    def _submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> int:
        self._request += 1
        task = _Task(self._request, fn)
        task.setAutoDelete(False)
        self._tasks[task.request] = task

        def finished(request: int, result: Any) -> None:
            self._tasks.pop(request, None)
            self.busy_changed.emit(bool(self._tasks))
            if on_done != self._report_done or request == self._latest_run:
                on_done(result)

        def error(request: int, message: str) -> None:
            self._tasks.pop(request, None)
            self.busy_changed.emit(bool(self._tasks))
            self.failed.emit(message)

        task.signals.done.connect(finished)
        task.signals.error.connect(error)
        self.busy_changed.emit(True)
        self.pool.start(task)
        return task.request

    def _report_done(self, result: tuple[Report, int]) -> None:
        self.report, self.worker_thread = result
        self.report_ready.emit(self.report)
