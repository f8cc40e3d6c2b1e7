"""What the German and Japanese screenshots showed in English or ISO form, now in the user's language: the
Settings page's threshold figures (decimal comma, no "1 Personen"), the signed-in role in the top bar, the
report's period, notes and chart axes (days under their points), the People page's enrolment time (local
time, the locale's date; numbers and times sort as such)."""

# ruff: noqa: F811  (pytest fixtures imported from tests/ui_access_support.py)
from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from PySide6.QtCharts import QDateTimeAxis
from PySide6.QtCore import QCoreApplication, QDateTime, Qt

from app.core.context import AppContext
from app.core.policy.access import Role, Session
from app.core.records import Person, Template
from app.ui.common import i18n
from app.ui.main_window import MainWindow
from app.ui.reports.view import ReportsView, ReportsViewModel
from tests.test_reports import START, generate_log, report_settings
from tests.ui_access_support import make_window, sessions  # noqa: F401 (fixtures)


@pytest.fixture
def german(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    assert i18n.install_language(qapp, "de") == "de"
    yield
    i18n.install_language(QCoreApplication.instance(), "system")  # type: ignore[arg-type]


def test_settings_figures_and_role_in_german(
    german: None, sessions: dict[Role, Session], make_window: Callable[..., MainWindow]
) -> None:
    win = make_window(sessions[Role.ADMIN])
    assert win.user_label.text() == "admin · Admin"
    assert win.select_page("Settings")
    assert win.fpir_box.currentText() == "0,001 pro Entscheidung (10 von 10.000)"
    texts = [label.text() for label in win.threshold_labels]
    assert texts[0] == "0,001" and texts[2] == "10"
    assert re.fullmatch(r"Ähnlichkeit 0,\d{3} \(Abstand 0,\d{3}\), erfasste Personen: \d+", texts[1]), texts[
        1
    ]
    assert re.fullmatch(r"0,\d{3}", texts[3]), texts[3]
    win.close()


def test_report_period_and_chart_days_in_german(german: None, qtbot) -> None:  # type: ignore[no-untyped-def]
    month = generate_log(n_people=8, days=5)
    vm = ReportsViewModel(month.source, report_settings())
    view = ReportsView(vm)
    qtbot.addWidget(view)
    first, last = START, START + timedelta(days=2)
    view.set_period(first, last)
    with qtbot.waitSignal(vm.report_ready, timeout=30_000):
        view.run_report()
    assert f"{first:%d.%m.%Y} – {last:%d.%m.%Y}" in view.status.text()
    notes = [view.timesheet.index(r, 15).data() for r in range(view.timesheet.rowCount())]
    assert any(n in ("abwesend", "Gehen fehlt") or "Min. verspätet" in n for n in notes)
    assert not any(w in n for n in notes for w in ("absent", "late", "missing"))
    axis = next(a for a in view.lateness_view.chart().axes(Qt.Orientation.Horizontal))
    assert isinstance(axis, QDateTimeAxis) and axis.format() == "dd.MM."
    assert axis.tickCount() == 3
    noon = QDateTime.fromString(f"{first.isoformat()}T12:00:00", Qt.DateFormat.ISODate)
    assert axis.min() == noon and axis.max() == noon.addDays(2)  # a tick on each day's point


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's local time zone is Europe/Berlin (CI machines run on UTC, where local is UTC)."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_people_enrolment_time_is_local_and_sorts(
    german: None,
    berlin: None,
    ctx: AppContext,
    sessions: dict[Role, Session],
    make_window: Callable[..., MainWindow],
) -> None:
    stamps = [datetime(2026, 3, 2, 23, 30, tzinfo=UTC), datetime(2026, 2, 9, 7, 5, tzinfo=UTC)]
    for n, (frames, at) in enumerate(zip((9, 12), stamps, strict=True)):
        person = ctx._store.add_person(Person(f"u{n}", f"E{n}", f"Person {n}", "Ops"))
        vector = np.random.default_rng(n).normal(size=128).astype(np.float32)
        vector /= np.linalg.norm(vector)
        template = Template(person.uuid, ctx.model_id, ctx.model_version, vector, 0.8, frames, created_at=at)
        ctx._store.add_template(template)
    win = make_window(sessions[Role.ADMIN])
    assert win.select_page("People")
    view = win.people_view
    view.refresh()
    shown = {
        view.proxy.index(r, 0).data(): view.proxy.index(r, 6).data() for r in range(view.proxy.rowCount())
    }
    assert shown["Person 0"] == "03.03.2026 00:30"  # 23:30 UTC is half past midnight in Berlin
    view.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)  # frames: 9 before 12 (as text "12" < "9")
    assert [view.proxy.index(r, 5).data() for r in range(2)] == ["9", "12"]
    view.table.sortByColumn(6, Qt.SortOrder.AscendingOrder)  # enrolment: February before March
    assert view.proxy.index(0, 0).data() == "Person 1"
    win.close()


def test_camera_calibration_threshold_in_german(german: None, ctx: AppContext) -> None:
    from app.core.liveness.camera_record import CameraCalibration
    from app.ui.settings.camera_calibration_panel import state_text

    door = CameraCalibration.for_source(ctx._store, ctx.settings, "camera:0", "kiosk")
    for _ in range(10):
        door.add_checkin(0.5)
    assert state_text(door.state()) == "kalibriert: Schwelle 0,48 (10 Sitzungen)"


def test_kiosk_page_events_in_german(
    german: None,
    qtbot,
    ctx: AppContext,
    sessions: dict[Role, Session],
    make_window: Callable[..., MainWindow],
) -> None:
    from app.core.records import Direction
    from tests.ui_access_support import add_event, add_person

    ana = add_person(ctx, "Ana Lima", "E1", seed=1)
    add_event(ctx, ana, datetime.now(UTC) - timedelta(days=2), Direction.IN)
    win = make_window(sessions[Role.ADMIN])
    page = win.kiosk_panel
    assert win.select_page("Kiosk")
    qtbot.waitUntil(lambda: page.events_table.rowCount() == 1, timeout=5_000)
    when, name, direction, source = (page.events_table.item(0, c).text() for c in range(4))
    assert re.fullmatch(r"(Mo|Di|Mi|Do|Fr|Sa|So)\.? \d\d\.\d\d\.\d{4} \d\d:\d\d", when), when
    assert (name, direction, source) == ("Ana Lima", "Kommen", "Kiosk")
    assert page._name("no-such-uuid") == "(gelöschte oder unbekannte Person)"
    win.close()


def test_review_queue_in_german(
    german: None,
    qtbot,
    ctx: AppContext,
    sessions: dict[Role, Session],
    make_window: Callable[..., MainWindow],
) -> None:
    from app.core.attendance.doubt import NEAR_THRESHOLD
    from app.core.attendance.review_sink import review_item
    from app.core.records import Direction
    from app.core.storage import review as review_db
    from tests.ui_access_support import add_event, add_person

    ana = add_person(ctx, "Ana Lima", "E-1")
    event = add_event(ctx, ana, datetime.now().astimezone(), Direction.IN)
    at = datetime(2026, 3, 2, 8, 14, 5, tzinfo=UTC)
    item = review_item(at, "kiosk-1", NEAR_THRESHOLD, None, event.person_uuid, event.uuid, 0.9)
    review_db.add_review_item(ctx._store, item)
    hr = make_window(sessions[Role.HR])
    assert hr.select_page("Reports")
    qtbot.waitUntil(lambda: hr.review_view is not None, timeout=5000)
    table = hr.review_view.table
    assert table.item(0, 0).text() == "02.03.2026 08:14:05"
    assert table.item(0, 1).text() == "Wert nahe an der Schwelle"
    assert table.item(0, 7).text() == "offen"
    assert "," in table.item(0, 3).text()  # the score with a decimal comma
    hr.close()
