"""Reports → Work schedule: HR edits and saves a night shift and a holiday (validated inline, audited, saved
in the store and in force for the reports); roles without MANAGE_SCHEDULES cannot change it."""

# ruff: noqa: F811  (pytest fixtures imported from tests/ui_access_support.py)
from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

from PySide6.QtCore import QDate, QTime

from app.core.context import AppContext
from app.core.policy.access import Audit, Role, Session
from app.core.schedule.work_schedule import SCHEDULE_KEY, WorkSchedule
from app.core.settings import Settings
from app.ui.main_window import MainWindow
from app.ui.reports.schedule_view import ScheduleView, ShiftDialog
from tests.ui_access_support import (  # noqa: F401 (fixtures)
    add_person,
    make_window,
    sessions,
)


def _set_hours(editor: object, start: tuple[int, int], end: tuple[int, int]) -> None:
    editor.start_edit.setTime(QTime(*start))  # type: ignore[attr-defined]
    editor.end_edit.setTime(QTime(*end))  # type: ignore[attr-defined]


def test_hr_saves_a_night_shift_and_a_holiday(
    qtbot, ctx: AppContext, sessions: dict[Role, Session], make_window: Callable[..., MainWindow]
) -> None:
    add_person(ctx, "Nadia", "E-1")  # department "Flight", group "Crew" (ui_access_support)
    win = make_window(sessions[Role.HR])
    view = win.open_schedule()
    assert isinstance(view, ScheduleView) and view.save_button.isEnabled()

    # the default shift becomes a night shift: the hint says how it is counted
    _set_hours(view.default_editor, (22, 0), (6, 0))
    assert "Night shift" in view.default_editor.hint.text()
    view.default_editor.grace_spin.setValue(7)

    # a named shift for a department, through the dialog (its own validation first)
    dialog = view.shift_dialog(new=True)
    assert isinstance(dialog, ShiftDialog)
    qtbot.addWidget(dialog)
    assert "Flight" in dialog.groups_edit.completer().model().stringList()  # type: ignore[union-attr]
    assert not dialog.try_accept() and "Every shift needs a name" in dialog.message.text()
    dialog.name_edit.setText("Early")
    _set_hours(dialog.editor, (6, 0), (14, 0))
    assert not dialog.try_accept() and "Say which departments or groups" in dialog.message.text()
    dialog.groups_edit.setText("Flight")
    for box in dialog.editor.day_boxes:
        box.setChecked(False)
    assert not dialog.try_accept() and "needs at least one working weekday" in dialog.message.text()
    dialog.editor.day_boxes[5].setChecked(True)  # Saturdays only
    assert dialog.try_accept()
    view.put_shift(dialog.result_shift, None)
    assert view.table.rowCount() == 1 and view.table.item(0, 3).text() == "sat"

    # a holiday and the zone
    view.holiday_edit.setDate(QDate(2026, 12, 25))
    view.add_holiday_button.click()
    assert view.holidays() == [date(2026, 12, 25)]
    view.zone_box.setEditText("Europe/Berlin")

    # a bad zone is refused inline and nothing is saved
    view.zone_box.setEditText("Europe/Atlantis")
    view.save_button.click()
    assert "Not saved: Unknown time zone 'Europe/Atlantis'" in view.message.text()
    assert ctx._store.get_setting(SCHEDULE_KEY) is None
    view.zone_box.setEditText("Europe/Berlin")

    view.save_button.click()
    assert view.message.text().startswith("Saved (") and "audit log" in view.message.text()
    reports = ctx.settings.reports
    assert reports.default_shift.start == time(22, 0) and reports.default_shift.end == time(6, 0)
    assert reports.default_shift.grace_minutes == 7 and reports.timezone == "Europe/Berlin"
    assert reports.group_shifts["Flight"].weekdays == (5,) and reports.holidays == [date(2026, 12, 25)]
    assert win.reports_view.vm.settings is reports  # the reports use it at once
    entries = [e for e in ctx.audit_entries() if e.action == Audit.SCHEDULE_CHANGE]
    assert len(entries) == 1 and entries[0].actor == "hr"
    assert entries[0].details["holidays"] == {"added": ["2026-12-25"], "removed": []}

    # Cancel drops unsaved edits
    view.default_editor.grace_spin.setValue(30)
    view.cancel_button.click()
    assert view.default_editor.grace_spin.value() == 7

    # saved in the store: a new context opens with it
    data_dir = ctx.data_dir
    win.close()
    ctx.close()
    with AppContext(Settings(data_dir=data_dir), background_sync=False) as again:
        assert again.work_schedule().holidays == [date(2026, 12, 25)]
        assert again.settings.reports.default_shift.end == time(6, 0)
        assert again.settings.reports.group_shifts["Flight"].start == time(6, 0)


def test_roles_without_the_permission_cannot_change_it(
    qtbot, ctx: AppContext, sessions: dict[Role, Session], make_window: Callable[..., MainWindow]
) -> None:
    enroller = make_window(sessions[Role.ENROLLER])
    assert not enroller.page_visible("Reports") and enroller.open_schedule() is None

    admin = make_window(sessions[Role.ADMIN])
    assert admin.open_schedule() is not None and admin.schedule_view.save_button.isEnabled()

    # a view left open when the session changes to a role without MANAGE_SCHEDULES is read-only and refuses
    view = ScheduleView(ctx, sessions[Role.KIOSK])
    qtbot.addWidget(view)
    assert not view.save_button.isEnabled() and not view.add_shift_button.isEnabled()
    assert not view.default_editor.start_edit.isEnabled() and "Only HR and administrators" in view.note.text()
    view.default_editor.grace_spin.setValue(9)
    assert not view.save()
    assert "not allowed to manage schedules" in view.message.text()
    assert ctx._store.get_setting(SCHEDULE_KEY) is None
    assert ctx.work_schedule() == WorkSchedule.from_settings(Settings().reports)
