"""The reports view-model: filter choices, the current report, and run/export off the UI thread
(QThreadPool). It talks to an `EventSource` (the store, or an in-memory source), never to SQL."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

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
from app.ui.common.background import run_in_background
from app.ui.common.core_texts import report_locale
from app.ui.common.i18n import translate

log = logging.getLogger(__name__)


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
        self._tasks: set[int] = set()  # requests still running

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
            self.failed.emit(translate("ReportsViewModel", "Run a report before exporting it."))
            return

        locale = report_locale()  # labels, dates and numbers in the UI's language (CSV stays ISO/English)

        def write() -> str:
            if fmt == "csv":
                return str(write_csv(report, path, bom=self.settings.csv_bom))
            if fmt == "xlsx":
                return str(write_xlsx(report, path, locale))
            return str(write_pdf(report, path, include_days=True, locale=locale))

        self._submit(write, lambda result: self.exported.emit(result))

    def _submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> int:
        self._request += 1
        request = self._request
        self._tasks.add(request)

        def finished(result: Any) -> None:
            self._tasks.discard(request)
            self.busy_changed.emit(bool(self._tasks))
            if on_done != self._report_done or request == self._latest_run:
                on_done(result)

        def error(exc: Exception) -> None:  # shown to the user; the traceback is in the log
            self._tasks.discard(request)
            self.busy_changed.emit(bool(self._tasks))
            self.failed.emit(str(exc))

        self.busy_changed.emit(True)
        run_in_background(fn, finished, error, parent=self, pool=self.pool)
        return request

    def _report_done(self, result: tuple[Report, int]) -> None:
        self.report, self.worker_thread = result
        self.report_ready.emit(self.report)
