"""run_in_background: the job runs on a pool thread, its result or exception comes back on the UI thread,
and a page closed while its job runs gets nothing and crashes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThreadPool
from PySide6.QtWidgets import QApplication

from app.ui.common.background import pending_jobs, run_in_background
from tests.conftest import REPO_ROOT


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


def test_a_page_destroyed_after_its_job_reported_leaves_nothing_pending() -> None:
    """The job has finished and its result is on its way when the page is destroyed: nothing is delivered
    and the job is not counted as pending forever (it was: its messenger died with the page, queued result
    and all, so `pending_jobs()` stayed 1)."""
    app = _app()
    page = QObject()
    pool = QThreadPool()
    done: list[object] = []
    run_in_background(lambda: "late", done.append, done.append, parent=page, pool=pool)
    assert pool.waitForDone(10_000)  # reported, not yet delivered: this thread has not run its events
    page.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    _wait_until(lambda: pending_jobs() == 0, limit_s=2.0)
    assert done == []
    assert pending_jobs() == 0


def test_pages_destroyed_while_their_jobs_report_crash_nothing() -> None:
    """Many pages destroyed at random moments while their jobs finish, in a child process (a crash would
    kill this one): every job is accounted for, and no page that was gone received anything."""
    script = textwrap.dedent(
        """
        import random, sys, time
        import shiboken6
        from PySide6.QtCore import QCoreApplication, QObject, QThreadPool
        from app.ui.common.background import pending_jobs, run_in_background

        app = QCoreApplication([])
        pool = QThreadPool()
        pool.setMaxThreadCount(4)
        random.seed(7)
        late = delivered = 0
        for _ in range(400):
            page = QObject()

            def done(_result, page=page):
                global late, delivered
                delivered += 1
                late += not shiboken6.isValid(page)

            for _ in range(10):
                pause = random.random() * 0.001
                run_in_background(lambda pause=pause: time.sleep(pause), done, parent=page, pool=pool)
            time.sleep(random.random() * 0.004)
            app.processEvents()
            shiboken6.delete(page)
            app.processEvents()
        pool.waitForDone()
        deadline = time.monotonic() + 10
        while pending_jobs() and time.monotonic() < deadline:
            app.processEvents()
        print(late, delivered, pending_jobs())
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    late, delivered, pending = (int(x) for x in run.stdout.split())
    assert late == 0 and pending == 0 and delivered > 0, run.stdout
