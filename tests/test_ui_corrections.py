"""HR corrections from the reports screen (issue 7): a reason is required, the original event is kept
(voided) next to its manual replacement, the audit log records it, and the report refreshes."""

# ruff: noqa: F811  (pytest fixtures imported from tests/ui_access_support.py)
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime

from app.core.context import AppContext
from app.core.errors import PermissionDenied
from app.core.policy.access import Role, Session
from app.core.records import Correction, CorrectionAction, Direction, Person
from app.ui.main_window import MainWindow
from app.ui.reports.corrections_dialog import REASON_REQUIRED, CorrectionsDialog
from tests.ui_access_support import (  # noqa: F401 (fixtures)
    add_event,
    add_person,
    make_window,
    sessions,
)

BERLIN = ZoneInfo("Europe/Berlin")


def _set_time(dialog: CorrectionsDialog, local: datetime) -> None:
    dialog.time_edit.setDateTime(
        QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    )


def test_hr_corrects_events_with_a_reason_and_the_original_is_kept(
    qtbot,
    ctx: AppContext,
    sessions: dict[Role, Session],
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
) -> None:
    ctx.settings.reports.timezone = "Europe/Berlin"
    person = add_person(ctx, "Sally Ride", "E-1")
    day = (datetime.now(BERLIN) - timedelta(days=1)).date()
    at = datetime(day.year, day.month, day.day, tzinfo=BERLIN)
    check_in = add_event(ctx, person, at.replace(hour=8, minute=50), Direction.IN)
    check_out = add_event(ctx, person, at.replace(hour=17, minute=10), Direction.OUT)
    double = add_event(ctx, person, at.replace(hour=17, minute=11), Direction.OUT)

    win = make_window(sessions[Role.HR])
    assert win.select_page("Reports")
    view = win.reports_view
    view.set_period(day, day)
    view.person_box.setCurrentIndex(view.person_box.findData(person.uuid))
    with qtbot.waitSignal(view.vm.report_ready, timeout=20_000):
        view.run_report()
    view.corrections_button.click()
    dialog = next(w for w in win.findChildren(CorrectionsDialog))
    qtbot.addWidget(dialog)
    assert dialog.person_uuid() == person.uuid and dialog.model.rowCount() == 3

    # an empty reason is refused with a clear message, nothing changes
    dialog.select_event(check_out.uuid)
    _set_time(dialog, at.replace(hour=18, minute=0))
    dialog.reason_edit.setText("   ")
    assert not dialog.edit_selected()
    assert dialog.message.text() == REASON_REQUIRED and ctx.event_corrections(check_out.uuid) == []
    dialog.grab().save(str(tmp_path / "corrections_reason_required.png"))

    # edit: the original is kept (voided, unchanged time), a manual replacement is added, audited
    dialog.reason_edit.setText("Stayed for the launch review, confirmed by the team lead")
    with qtbot.waitSignal(view.vm.report_ready, timeout=20_000):  # the report refreshes
        assert dialog.edit_selected()
    original = ctx._store.get_event(check_out.uuid)
    assert original is not None and original.voided and original.at_utc == check_out.at_utc
    fixes = ctx.event_corrections(check_out.uuid)
    assert fixes[0].actor == "hr" and fixes[0].reason.startswith("Stayed for the launch review")
    manual = [e for e in ctx.list_events(person.uuid) if e.source == "manual"]
    assert len(manual) == 1 and manual[0].at_utc.astimezone(BERLIN).hour == 18 and not manual[0].voided
    actions = {e.action for e in ctx.audit_entries()}
    assert {"event.correct", "event.correction.edit"} <= actions
    assert "original is kept" in dialog.message.text() and dialog.reason_edit.text() == ""

    # void the double registration; add a forgotten lunch check-out
    dialog.select_event(double.uuid)
    dialog.reason_edit.setText("Double registration at the kiosk")
    assert dialog.void_selected() and ctx._store.get_event(double.uuid).voided  # type: ignore[union-attr]
    dialog.table.clearSelection()
    _set_time(dialog, at.replace(hour=12, minute=0))
    dialog.direction_box.setCurrentIndex(dialog.direction_box.findData("out"))
    dialog.reason_edit.setText("Forgot to check out for lunch")
    assert dialog.add_event()
    events = ctx.list_events(person.uuid, include_voided=True)
    assert len(events) == 5 and sum(e.voided for e in events) == 2  # 3 originals kept + 2 manual
    kept = ctx._store.get_event(check_in.uuid)
    assert kept is not None and not kept.voided
    qtbot.waitUntil(lambda: view.vm.report is not None and view.vm.report.summaries[0].manual_events == 2)
    qtbot.wait(200)
    dialog.grab().save(str(tmp_path / "corrections_dialog.png"))
    win.grab().save(str(tmp_path / "reports_after_corrections.png"))
    dialog.close()
    win.close()


def test_only_roles_with_correct_events_may_correct(ctx: AppContext, sessions: dict[Role, Session]) -> None:
    person = add_person(ctx, "Sally Ride", "E-1")
    event = add_event(ctx, person, datetime.now(UTC) - timedelta(hours=2), Direction.IN)
    correction = Correction(
        "c-1", CorrectionAction.VOID, "test", "enroller", datetime.now(UTC), target_event_uuid=event.uuid
    )
    with pytest.raises(PermissionDenied):
        ctx.correct_event(correction, sessions[Role.ENROLLER])
    unchanged = ctx._store.get_event(event.uuid)
    assert unchanged is not None and not unchanged.voided


def test_a_night_workers_check_out_is_listed_with_the_day_the_shift_started(
    qtbot, ctx: AppContext, sessions: dict[Role, Session]
) -> None:
    from datetime import date, time

    from app.core.schedule.work_schedule import NamedShift
    from app.core.settings import Shift

    schedule = ctx.work_schedule()
    schedule.timezone = "Europe/Berlin"
    schedule.shifts = [NamedShift(Shift("Night", time(22, 0), time(6, 0)), ["Flight"])]
    ctx.save_work_schedule(sessions[Role.HR], schedule)
    nadia = add_person(ctx, "Nadia", "E-7")  # department "Flight": the night shift
    monday = datetime(2026, 3, 2, tzinfo=BERLIN)
    times = [
        (0, 21, 55, Direction.IN),
        (1, 6, 10, Direction.OUT),
        (1, 21, 58, Direction.IN),
        (2, 6, 2, Direction.OUT),
    ]
    events = [
        add_event(ctx, nadia, monday + timedelta(days=d, hours=h, minutes=m), direction)
        for d, h, m, direction in times
    ]

    dora = ctx._store.add_person(Person("dora-1", "E-8", "Dora", "Office", []))  # a day-shift colleague
    late = add_event(ctx, dora, monday + timedelta(days=1, hours=0, minutes=30), Direction.OUT)

    dialog = CorrectionsDialog(ctx, sessions[Role.HR])
    qtbot.addWidget(dialog)
    dialog.select_person(nadia.uuid)
    dialog.set_period(date(2026, 3, 2), date(2026, 3, 2))
    assert [e.uuid for e in dialog.events] == [events[0].uuid, events[1].uuid]  # Monday's night, both ends
    rows = [[dialog.model.item(r, c).text() for c in (0, 1)] for r in range(dialog.model.rowCount())]
    assert rows == [["2026-03-02 21:55", "Mon 2026-03-02"], ["2026-03-03 06:10", "Mon 2026-03-02"]]
    assert dialog.day_hint.isVisibleTo(dialog) and "after midnight" in dialog.day_hint.text()
    dialog.set_period(date(2026, 3, 3), date(2026, 3, 3))
    assert [e.uuid for e in dialog.events] == [events[2].uuid, events[3].uuid]

    # the day-shift colleague keeps calendar days: her 00:30 check-out is Tuesday's
    dialog.select_person(dora.uuid)
    assert [e.uuid for e in dialog.events] == [late.uuid] and not dialog.day_hint.isVisibleTo(dialog)
