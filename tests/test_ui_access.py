"""Access control in the desktop UI (issue 9): first-run wizard, sign-in with lockout, role-gated pages and
buttons, idle lock, persisted and audited settings, GDPR erasure/export from People, the daily retention."""

# ruff: noqa: F811  (pytest fixtures imported from tests/ui_access_support.py)
from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.context import AppContext
from app.core.people.privacy import LAST_RETENTION_KEY
from app.core.policy.access import Action, Audit, Role, Session
from app.core.records import Direction
from app.core.settings import Settings
from app.ui.access.dialogs import FirstRunWizard, SignInDialog
from app.ui.common.widgets import load_stylesheet
from app.ui.main_window import PAGES, MainWindow
from tests.ui_access_support import (  # noqa: F401 (fixtures)
    ADMIN_PIN,
    PINS,
    add_event,
    add_person,
    make_window,
    sessions,
)

Windows = Callable[..., MainWindow]


def test_first_run_wizard_creates_the_admin(qtbot, qapp, ctx: AppContext, tmp_path: Path) -> None:
    qapp.setStyleSheet(load_stylesheet())
    assert ctx.needs_first_admin()
    wizard = FirstRunWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.name_edit.setText("alice")
    wizard.pin_edit.setText("123456")
    wizard.pin2_edit.setText("123457")
    assert not wizard.submit() and "differ" in wizard.message.text()
    wizard.pin2_edit.setText("123456")
    assert not wizard.submit()
    weak = "This PIN is too easy to guess (a repeated digit or a run); choose another."
    assert wizard.message.text() == weak
    wizard.grab().save(str(tmp_path / "first_run_weak_pin.png"))
    assert ctx.needs_first_admin()
    wizard.pin_edit.setText(ADMIN_PIN)
    wizard.pin2_edit.setText(ADMIN_PIN)
    assert wizard.submit() and wizard.result() == wizard.DialogCode.Accepted
    assert wizard.session is not None and wizard.session.role == "admin" and ctx.actor == "alice"
    assert not ctx.needs_first_admin()
    assert ctx.login("alice", ADMIN_PIN).can(Action.MANAGE_USERS)


def test_sign_in_wrong_pin_then_locked(qtbot, qapp, ctx: AppContext, sessions, tmp_path: Path) -> None:
    qapp.setStyleSheet(load_stylesheet())
    dialog = SignInDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.setText("hr")
    dialog.pin_edit.setText("wrong-pin-1")
    assert not dialog.submit()
    assert "Wrong user name or PIN." in dialog.message.text() and dialog.pin_edit.text() == ""
    dialog.grab().save(str(tmp_path / "sign_in_wrong_pin.png"))
    for _ in range(4):
        dialog.pin_edit.setText("wrong-pin-1")
        dialog.submit()
    dialog.pin_edit.setText(PINS[Role.HR])  # the right PIN no longer helps while locked
    assert not dialog.submit()
    assert "locked until" in dialog.message.text()
    dialog.grab().save(str(tmp_path / "sign_in_locked.png"))

    ok = SignInDialog(ctx)
    qtbot.addWidget(ok)
    ok.name_edit.setText("admin")
    ok.pin_edit.setText(ADMIN_PIN)
    assert ok.submit() and ok.session is not None and ok.session.role == "admin" and ctx.actor == "admin"


def _visible_pages(win: MainWindow) -> list[str]:
    return [name for name in PAGES if win.page_visible(name)]


def test_roles_see_only_their_pages_and_buttons(
    qtbot, ctx: AppContext, sessions: dict[Role, Session], make_window: Windows, tmp_path: Path
) -> None:
    add_person(ctx, "Sally Ride", "E-1")
    enroller = make_window(sessions[Role.ENROLLER])
    assert _visible_pages(enroller) == ["Enrol", "People"]
    assert not enroller.select_page("Settings") and not enroller.select_page("Reports")
    assert enroller.select_page("People")
    people = enroller.people_view
    people.select(ctx.list_persons()[0].uuid)
    assert not people.edit_button.isHidden() and not people.reenrol_button.isHidden()
    assert people.delete_button.isHidden() and people.export_button.isHidden()
    assert enroller.user_label.text() == "enroller · enroller"
    enroller.grab().save(str(tmp_path / "enroller_people.png"))
    enroller.close()

    hr = make_window(sessions[Role.HR])
    assert _visible_pages(hr) == ["People", "Reports", "Today"]
    assert hr.stack.currentWidget() is hr.people_view  # the first page it may see
    assert hr.select_page("Reports")
    qtbot.waitUntil(lambda: hr.reports_view is not None, timeout=5000)
    view = hr.reports_view
    assert not any(b.isHidden() for b in view.export_buttons.values())
    assert not view.corrections_button.isHidden()
    hr.people_view.select(ctx.list_persons()[0].uuid)
    assert not hr.people_view.export_button.isHidden() and hr.people_view.delete_button.isHidden()
    assert hr.people_view.import_button.isHidden()
    hr.close()

    admin = make_window(sessions[Role.ADMIN])
    assert _visible_pages(admin) == list(PAGES)
    assert admin.select_page("Settings")
    assert admin.antispoof_label.text().startswith("passive model on (bundled")
    admin.grab().save(str(tmp_path / "admin_settings.png"))
    admin.close()

    kiosk = make_window(sessions[Role.KIOSK])
    assert _visible_pages(kiosk) == ["Kiosk"]
    kiosk.close()


def test_report_export_is_role_checked_and_audited(
    qtbot, ctx: AppContext, sessions: dict[Role, Session], make_window: Windows, tmp_path: Path
) -> None:
    person = add_person(ctx, "Sally Ride", "E-1")
    add_event(ctx, person, datetime.now().astimezone() - timedelta(hours=3), Direction.IN)
    hr = make_window(sessions[Role.HR])
    hr.select_page("Reports")
    view = hr.reports_view
    with qtbot.waitSignal(view.vm.report_ready, timeout=20_000):
        view.run_report()
    with qtbot.waitSignal(view.vm.exported, timeout=20_000):
        view.export("csv", tmp_path / "out.csv")
    qtbot.waitUntil(lambda: any(e.action == Audit.REPORT_EXPORT for e in ctx.audit_entries()), timeout=5000)
    entry = next(e for e in ctx.audit_entries() if e.action == Audit.REPORT_EXPORT)
    assert entry.actor == "hr" and entry.details["format"] == "csv"
    hr.session = sessions[Role.ENROLLER]  # a role without EXPORT_REPORTS is refused at the action too
    view.export("csv", tmp_path / "refused.csv")
    assert "not allowed to export reports" in view.status.text() and not (tmp_path / "refused.csv").exists()
    hr.close()


def test_idle_session_locks_and_the_pin_unlocks(
    qtbot, ctx: AppContext, sessions: dict[Role, Session], make_window: Windows, tmp_path: Path
) -> None:
    session = sessions[Role.ADMIN]
    win = make_window(session)
    win.select_page("People")
    session.touch(datetime.now().astimezone() - timedelta(hours=1))
    assert session.expired()
    QApplication.sendEvent(win.people_view.search, _key_event())  # input does not revive an expired session
    assert session.expired()
    win.check_idle()
    assert win.locked and win.stack.currentWidget() is win.lock_page and not win.sidebar.isVisible()
    assert ctx.session is None  # the core refuses changes while the window is locked
    dialog = win.lock_dialog
    assert dialog is not None and dialog.name_edit.text() == "admin"
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    win.grab().save(str(tmp_path / "locked_window.png"))
    dialog.grab().save(str(tmp_path / "unlock_dialog.png"))
    dialog.pin_edit.setText("000000")
    assert not dialog.submit() and win.locked
    dialog.pin_edit.setText(ADMIN_PIN)
    assert dialog.submit()
    assert not win.locked and win.sidebar.isVisible() and not win.session.expired()
    assert ctx.session is win.session
    assert win.stack.currentWidget() is win.people_view
    before = win.session.last_active
    QApplication.sendEvent(win.people_view.search, _key_event())
    assert win.session.last_active >= before
    win.close()


def _key_event() -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")


def test_settings_are_persisted_and_audited(
    qtbot, memory_keyring, data_dir: Path, ctx: AppContext, sessions, make_window: Windows
) -> None:
    win = make_window(sessions[Role.ADMIN])
    win.select_page("Settings")
    win.frames_spin.setValue(7)
    win.org_edit.setText("NASA JSC")
    win.retention_spins["privacy.unknown_face_retention_days"].setValue(14)
    assert win.save_settings() and "3 changed" in win.settings_message.text()
    entry = next(e for e in ctx.audit_entries() if e.action == Audit.SETTINGS_CHANGE)
    assert entry.actor == "admin" and entry.details["enrolment.frames"] == [5, 7]
    assert win.save_settings() and win.settings_message.text() == "Nothing changed."
    win.close()
    ctx.close()
    again = AppContext(Settings(data_dir=data_dir))
    with again:
        assert again.enrolment.frames == 7 and again.settings.reports.organisation_name == "NASA JSC"
        assert again.settings.privacy.unknown_face_retention_days == 14


def test_erase_and_export_from_people(
    qtbot, ctx: AppContext, sessions: dict[Role, Session], make_window: Windows, tmp_path: Path
) -> None:
    keep = add_person(ctx, "Sally Ride", "E-1", seed=1)
    gone = add_person(ctx, "Judith Resnik", "E-2", seed=2)
    event = add_event(ctx, gone, datetime.now().astimezone() - timedelta(days=1), Direction.IN)
    win = make_window(sessions[Role.ADMIN])
    win.select_page("People")
    people = win.people_view
    assert people.model.rowCount() == 2 and len(ctx._matcher) == 2

    people.select(gone.uuid)
    people.ask_export_path = lambda p: tmp_path / "judith.json"  # type: ignore[method-assign,assignment]
    assert people.export_selected() == tmp_path / "judith.json"
    data = json.loads((tmp_path / "judith.json").read_text(encoding="utf-8"))
    assert data["person"]["name"] == "Judith Resnik" and len(data["attendance_events"]) == 1
    assert "vector" not in data["templates"][0]

    # the real confirmation box: what is deleted, what is kept and why
    people.select(gone.uuid)

    def answer() -> None:
        box = people.confirm_box
        text = box.text()
        assert "face template" in text and "art. 17(3)(b)" in text and "cannot be undone" in text
        box.grab().save(str(tmp_path / "erase_confirm.png"))
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(200, answer)
    people.delete_selected()
    assert ctx.templates_for(gone.uuid) != []  # cancelled
    people.confirm_delete = lambda p: True  # type: ignore[method-assign,assignment]
    people.select(gone.uuid)
    people.delete_selected()
    assert ctx.templates_for(gone.uuid) == [] and len(ctx._matcher) == 1 and ctx.is_erased(gone.uuid)
    erased = ctx.get_person(gone.uuid)
    assert erased is not None and erased.name == "[erased]"
    assert [people.model.item(r, 0).text() for r in range(people.model.rowCount())] == ["Sally Ride"]
    assert "1 erased" in people.count_label.text() and "erased" in people.message.text()
    assert ctx._store.get_event(event.uuid) is not None  # the working-time record stays, anonymous
    erase = next(e for e in ctx.audit_entries() if e.action == Audit.PERSON_ERASE)
    assert erase.actor == "admin" and erase.details["uuid"] == gone.uuid
    win.grab().save(str(tmp_path / "people_after_erase.png"))
    assert ctx.templates_for(keep.uuid) != []
    win.close()


def test_daily_retention_runs_at_start(qtbot, ctx: AppContext, sessions, make_window: Windows) -> None:
    assert ctx._store.get_setting(LAST_RETENTION_KEY) is None
    win = make_window(sessions[Role.ADMIN], run_retention=True)
    qtbot.waitUntil(lambda: win.last_retention is not None, timeout=10_000)
    assert ctx._store.get_setting(LAST_RETENTION_KEY) is not None
    assert win.retention_timer.isActive() and win.retention_timer.interval() == 3_600_000
    assert ctx.run_retention_if_due() is None  # once per day
    win.close()
