"""run_in_background: the job runs on a pool thread, its result or exception comes back on the UI thread,
and a page closed while its job runs gets nothing and crashes nothing."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication

from app.ui.common.background import pending_jobs, run_in_background


def _app() -> QCoreApplication:
    app = QApplication.instance()
    return app if app is not None else QApplication([])


def _wait_until(done: Callable[[], bool], limit_s: float = 10.0) -> None:
    app, deadline = _app(), time.monotonic() + limit_s
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)


def test_result_is_delivered_on_the_calling_thread_and_the_job_runs_elsewhere() -> None:
    _app()
    seen: list[tuple[int, int]] = []
    run_in_background(threading.get_ident, lambda worker: seen.append((worker, threading.get_ident())))
    _wait_until(lambda: bool(seen))
    assert len(seen) == 1
    worker, delivered_on = seen[0]
    assert worker != threading.get_ident()
    assert delivered_on == threading.get_ident()
    assert pending_jobs() == 0


def test_an_exception_goes_to_on_error_not_on_done() -> None:
    _app()
    done: list[object] = []
    errors: list[Exception] = []

    def fails() -> int:
        raise ValueError("the database is busy")

    run_in_background(fails, done.append, errors.append)
    _wait_until(lambda: bool(errors))
    assert done == []
    assert [str(e) for e in errors] == ["the database is busy"]
    assert isinstance(errors[0], ValueError)


def test_nothing_is_delivered_after_the_parent_is_destroyed() -> None:
    app = _app()
    page = QObject()
    release = threading.Event()
    started = threading.Event()
    done: list[object] = []

    def slow() -> str:
        started.set()
        release.wait(10)
        return "late"

    run_in_background(slow, done.append, done.append, parent=page)
    assert started.wait(10)
    page.deleteLater()  # the page is closed while its job runs
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    release.set()
    _wait_until(lambda: pending_jobs() == 0)
    _wait_until(lambda: False, limit_s=0.05)
    assert done == []
    assert pending_jobs() == 0
