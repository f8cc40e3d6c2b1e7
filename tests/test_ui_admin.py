"""The admin pages of the Settings area: Users (add through the dialog, role, PIN, deactivate, the last-admin
rule) and Audit (rows newest first, filters, lazy paging, "Verify chain" off the UI thread finding a row
edited behind the app's back). Real store in a tmp dir, in-memory keyring, cheap argon2."""

# ruff: noqa: F811  (pytest fixtures imported from tests/ui_access_support.py)
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import keyring
import pytest
import sqlcipher3.dbapi2 as sqlcipher

from app.core.context import AppContext
from app.core.errors import AccountLocked, PermissionDenied
from app.core.policy.access import Audit, Role, Session
from app.core.storage import DB_FILENAME, SERVICE
from app.ui.admin.audit_view import PAGE_SIZE
from app.ui.admin.dialogs import AddUserDialog, ResetPinDialog, RoleDialog
from app.ui.main_window import MainWindow
from tests.ui_access_support import ADMIN_PIN, PINS, make_window, sessions  # noqa: F401 (fixtures)

Windows = Callable[..., MainWindow]


def _table_names(win: MainWindow) -> dict[str, tuple[str, str]]:
    table = win.users_view.table
    return {
        table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
        for r in range(table.rowCount())
    }


def test_add_user_through_the_dialog(
    make_window: Windows, sessions: dict[Role, Session], ctx: AppContext, tmp_path: Path
) -> None:
    win = make_window(sessions[Role.ADMIN])
    assert win.select_page("Users")
    assert _table_names(win)["admin (you)"] == ("admin", "Active")
    dialog = win.users_view.open_add()
    assert isinstance(dialog, AddUserDialog)
    dialog.name_edit.setText("dave")
    dialog.role_box.setCurrentIndex(dialog.role_box.findData("hr"))
    dialog.pin_edit.setText("246810")
    dialog.pin2_edit.setText("246811")
    assert not dialog.submit() and "differ" in dialog.message.text()
    dialog.pin_edit.setText("123456")
    dialog.pin2_edit.setText("123456")
    assert not dialog.submit()
    assert (
        dialog.message.text() == "This PIN is too easy to guess (a repeated digit or a run); choose another."
    )
    dialog.grab().save(str(tmp_path / "add_user_weak.png"))
    assert ctx._store.get_user("dave") is None
    dialog.pin_edit.setText("dave-pass-2026")
    dialog.pin2_edit.setText("dave-pass-2026")
    assert dialog.submit() and dialog.result() == dialog.DialogCode.Accepted
    assert _table_names(win)["dave"] == ("hr", "Active")
    assert "User dave (hr) added." in win.users_view.message.text()
    stored = ctx._store.get_user("dave")
    assert stored is not None and stored.role == "hr"
    assert ctx.login("dave", "dave-pass-2026").role == "hr"
    added = [
        e for e in ctx._store.audit_entries(50) if e.action == Audit.USER_ADD and e.details["name"] == "dave"
    ]
    assert added and added[-1].actor == "admin"

    again = win.users_view.open_add()  # a duplicate name: the store's message, the dialog stays open
    assert isinstance(again, AddUserDialog)
    again.name_edit.setText("dave")
    again.pin_edit.setText("other-pass-2026")
    again.pin2_edit.setText("other-pass-2026")
    assert not again.submit() and again.message.text()
    again.close()


def test_role_pin_and_deactivation_follow_the_core_rules(
    make_window: Windows, sessions: dict[Role, Session], ctx: AppContext
) -> None:
    win = make_window(sessions[Role.ADMIN])
    win.select_page("Audit")
    assert win.audit_view.model.rowCount() > 0
    win.select_page("Users")
    view = win.users_view

    assert view.select("admin")  # oneself: refused with the reason
    assert view.active_button.text() == "Deactivate"
    view.confirm = lambda text: True  # type: ignore[method-assign]
    assert not view.toggle_active()
    assert "deactivate their own account" in view.message.text()
    dialog = view.open_role()
    assert isinstance(dialog, RoleDialog)
    dialog.role_box.setCurrentIndex(dialog.role_box.findData("hr"))
    assert not dialog.submit()
    assert "not allowed to remove the last active admin" in dialog.message.text()
    dialog.close()
    assert ctx._store.get_user("admin").role == "admin"  # type: ignore[union-attr]

    assert view.select("enroller")
    view.confirm = lambda text: False  # type: ignore[method-assign]
    assert not view.toggle_active()
    view.confirm = lambda text: True  # type: ignore[method-assign]
    assert view.toggle_active()
    assert _table_names(win)["enroller"] == ("enroller", "Deactivated")
    assert view.active_button.text() == "Reactivate" and not view.pin_button.isEnabled()
    with pytest.raises(AccountLocked, match="deactivated"):
        ctx.login("enroller", PINS[Role.ENROLLER])
    assert view.toggle_active()
    assert ctx.login("enroller", PINS[Role.ENROLLER]).role == "enroller"

    assert view.select("hr")
    pin_dialog = view.open_reset_pin()
    assert isinstance(pin_dialog, ResetPinDialog)
    pin_dialog.pin_edit.setText("1234")
    pin_dialog.pin2_edit.setText("1234")
    assert not pin_dialog.submit() and "at least 6 digits" in pin_dialog.message.text()
    pin_dialog.pin_edit.setText("hr-new-pass-2026")
    pin_dialog.pin2_edit.setText("hr-new-pass-2026")
    assert pin_dialog.submit()
    assert ctx.login("hr", "hr-new-pass-2026").role == "hr"

    # a second admin: now the first may step down, and loses the admin pages at once
    assert view.select("enroller")
    promote = view.open_role()
    assert isinstance(promote, RoleDialog)
    promote.role_box.setCurrentIndex(promote.role_box.findData("admin"))
    assert promote.submit()
    assert view.select("admin")
    demote = view.open_role()
    assert isinstance(demote, RoleDialog)
    demote.role_box.setCurrentIndex(demote.role_box.findData("hr"))
    assert demote.submit()
    assert win.session.role == "hr" and not win.page_visible("Users") and not win.page_visible("Audit")
    assert view.table.rowCount() == 0 and win.audit_view.model.rowCount() == 0  # nothing left behind
    actions = [e.action for e in ctx._store.audit_entries(50)]
    for action in (Audit.USER_DEACTIVATE, Audit.USER_REACTIVATE, Audit.USER_RESET_PIN, Audit.USER_ROLE):
        assert action in actions


def test_non_admins_cannot_open_the_admin_pages(
    make_window: Windows, sessions: dict[Role, Session], ctx: AppContext
) -> None:
    for role in (Role.ENROLLER, Role.HR, Role.KIOSK):
        win = make_window(sessions[role])
        assert not win.page_visible("Users") and not win.select_page("Users")
        assert not win.page_visible("Audit") and not win.select_page("Audit")  # HR lacks view_audit too
        assert win.stack.currentWidget() not in (win.users_page, win.audit_page)
        with pytest.raises(PermissionDenied):
            ctx.list_users(sessions[role])
        with pytest.raises(PermissionDenied):
            ctx.audit_page(sessions[role])
        win.close()


def _tamper(ctx: AppContext, *statements: str) -> None:
    """What an attacker with the database key does (as tests/test_audit.py): straight SQL on the file."""
    key = keyring.get_password(SERVICE, ctx._store.header.db_id)
    assert key
    conn = sqlcipher.connect(str(ctx.data_dir / DB_FILENAME), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key}'\"")
    for sql in statements:
        conn.execute(sql)
    conn.close()


def test_audit_page_rows_filters_paging_and_verify(
    qtbot, make_window: Windows, sessions: dict[Role, Session], ctx: AppContext, tmp_path: Path
) -> None:
    admin = sessions[Role.ADMIN]
    for i in range(PAGE_SIZE + 50):
        ctx.record(admin, Audit.SETTINGS_CHANGE, {"key": f"k{i}", "value": i})
    total = len(ctx.audit_page(admin, limit=100_000))
    win = make_window(admin)
    assert win.select_page("Audit")
    view = win.audit_view
    model = view.model
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore()
    assert model.entries[0].details == {"key": f"k{PAGE_SIZE + 49}", "value": PAGE_SIZE + 49}  # newest first
    model.fetchMore()
    assert model.rowCount() == total and not model.canFetchMore()

    view.text_edit.setText("k24")  # debounced; reload() at once for the test
    view.reload()
    assert [e.details["key"] for e in model.entries] == [
        "k249",
        "k248",
        "k247",
        "k246",
        "k245",
        "k244",
        "k243",
        "k242",
        "k241",
        "k240",
        "k24",
    ]
    view.text_edit.setText("")
    view.actor_box.setCurrentIndex(view.actor_box.findData("first-run"))
    assert {e.actor for e in model.entries} == {"first-run"} and model.rowCount() == 1
    view.actor_box.setCurrentIndex(0)
    view.from_check.setChecked(True)
    view.from_date.setDate(view.from_date.date().currentDate().addDays(1))
    assert model.rowCount() == 0
    view.from_check.setChecked(False)
    assert model.rowCount() == PAGE_SIZE

    assert view.verify()
    qtbot.waitUntil(lambda: not view.verifying, timeout=10_000)
    assert view.verdict.ok and "Audit log OK" in view.verify_message.text()

    victim = 20  # an old entry: beyond the first page the view shows after the reload
    _tamper(ctx, f"UPDATE audit_log SET actor = 'mallory' WHERE id = {victim}")
    with qtbot.waitSignal(view.verified, timeout=10_000):
        assert view.verify()
    assert not view.verdict.ok and view.verdict.first_bad_id == victim
    text = view.verify_message.text()
    assert f"TAMPERED — first bad entry #{victim}" in text and "altered" in text
    row = model.row_of(victim)
    assert row is not None and row >= PAGE_SIZE  # older pages were loaded to show it
    assert model.bad_id == victim and view.table.currentIndex().row() == row
    assert model.entries[row].actor == "mallory"  # the rows as they are now, reloaded after the check
    win.grab().save(str(tmp_path / "audit_tampered.png"))


def test_users_page_shows_the_last_sign_in(
    make_window: Windows, sessions: dict[Role, Session], ctx: AppContext
) -> None:
    win = make_window(sessions[Role.ADMIN])
    assert win.select_page("Users")
    table = win.users_view.table
    assert table.horizontalHeaderItem(3).text() == "Last sign-in"

    def last_column() -> dict[str, str]:
        return {table.item(r, 0).text(): table.item(r, 3).text() for r in range(table.rowCount())}

    assert last_column()["admin (you)"] == "never"  # created by the first-run wizard, never signed in
    hr = ctx._store.get_user("hr")
    assert hr is not None and hr.last_login_at is not None  # the fixture signed in as hr
    assert last_column()["hr"] == f"{hr.last_login_at.astimezone():%Y-%m-%d %H:%M}"  # local time

    ctx.login("admin", ADMIN_PIN)
    win.users_view.refresh()
    admin = ctx._store.get_user("admin")
    assert admin is not None and admin.last_login_at is not None
    assert last_column()["admin (you)"] == f"{admin.last_login_at.astimezone():%Y-%m-%d %H:%M}"
