"""Kiosk exit through core.policy.access (login + EXIT_KIOSK, lockout), KIOSK_START / KIOSK_EXIT audit entries
with the actor, the sync item of the status strip, and `faceattend kiosk` opening its context like the GUI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.attendance import KioskBackend
from app.core.context import AppContext
from app.core.policy import access
from app.core.policy.access import Action, Audit, Role
from app.core.settings import Settings

pytestmark = pytest.mark.usefixtures("cheap_argon2")  # the rules, not argon2's cost


@pytest.fixture
def ctx(memory_keyring: object, data_dir: Path) -> Iterator[AppContext]:
    context = AppContext(Settings(data_dir=data_dir), actor="kiosk")
    context.open()
    yield context
    context.close()


def actions(ctx: AppContext) -> list[tuple[str, str]]:
    return [(e.actor, e.action) for e in ctx._store.audit_entries(100)]


def test_exit_needs_an_account_allowed_to_exit(ctx: AppContext) -> None:
    boss = access.create_first_admin(ctx._store, "boss", "583920")
    access.add_user(ctx._store, boss, "clerk", Role.HR, "714093")
    access.add_user(ctx._store, boss, "terminal", Role.KIOSK, "902613")
    backend = KioskBackend.from_context(ctx, load_models=False)
    assert backend.admins() == ["boss"]
    assert backend.check_exit_pin("714093").message == "Wrong PIN."  # HR may not leave the kiosk
    assert not backend.check_exit_pin("902613").ok  # nor the kiosk account
    check = backend.check_exit_pin("583920")
    assert check.ok and "boss" in check.message
    assert ("boss", Audit.KIOSK_EXIT) in actions(ctx)
    from app.core.storage import audit_seal

    assert audit_seal.verify(ctx._store).ok  # recorded through access.record: the seal advanced


def test_permission_table_decides_who_may_exit(ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    boss = access.create_first_admin(ctx._store, "boss", "583920")
    access.add_user(ctx._store, boss, "clerk", Role.HR, "714093")
    widened = dict(access.PERMISSIONS)
    widened[Role.HR] = widened[Role.HR] | {Action.EXIT_KIOSK}
    monkeypatch.setattr(access, "PERMISSIONS", widened)
    backend = KioskBackend.from_context(ctx, load_models=False)
    assert sorted(backend.admins()) == ["boss", "clerk"]
    assert backend.check_exit_pin("714093").ok
    assert ("clerk", Audit.KIOSK_EXIT) in actions(ctx)


def test_lockout_message_is_kept(ctx: AppContext) -> None:
    access.create_first_admin(ctx._store, "boss", "583920")
    backend = KioskBackend.from_context(ctx, load_models=False)
    for _ in range(4):
        assert backend.check_exit_pin("000000").message == "Wrong PIN."
    assert "locked for 5 more minute" in backend.check_exit_pin("000000").message  # the 5th locks
    check = backend.check_exit_pin("583920")  # the right PIN, but locked now
    assert not check.ok and "Too many wrong PINs: locked for" in check.message
    assert Audit.KIOSK_EXIT not in [a for _, a in actions(ctx)]


def test_start_is_audited_with_the_actor(ctx: AppContext) -> None:
    backend = KioskBackend.from_context(ctx, load_models=False)
    backend.record_start()
    ctx.actor = "alice"  # launched from the main window: the signed-in user
    backend.record_start()
    starts = [actor for actor, action in actions(ctx) if action == Audit.KIOSK_START]
    assert sorted(starts) == ["alice", "kiosk"]


def test_status_strip_shows_the_sync_service_state(ctx: AppContext) -> None:
    backend = KioskBackend.from_context(ctx, load_models=False)
    assert backend.sync_status() == "off"
    assert ctx.sync is not None and ctx.sync.running  # started by open()

    class Fake:
        def status(self):  # type: ignore[no-untyped-def]
            from app.core.sync.client import SyncStatus

            return SyncStatus(state="offline", queue_length=3)

    control = ctx.cloud_sync
    real = control._service
    control._service = Fake()  # type: ignore[assignment]
    try:
        assert backend.sync_status() == "offline (3 queued)"
    finally:
        control._service = real


def test_kiosk_command_applies_the_saved_settings(memory_keyring: object, data_dir: Path) -> None:
    pytest.importorskip("pytestqt")
    from PySide6.QtWidgets import QApplication

    from app.commands.kiosk import open_kiosk_context, start_retention

    _app = QApplication.instance() or QApplication([])
    with AppContext(Settings(data_dir=data_dir)) as gui:
        admin = gui.create_first_admin("boss", "583920")
        gui.save_settings(
            admin,
            {"reports.organisation_name": "Acme Ltd", "privacy.attendance_retention_days": 30},
        )
    ctx = open_kiosk_context(Settings(data_dir=data_dir))
    assert ctx is not None
    with ctx:
        assert ctx.actor == "kiosk"
        backend = KioskBackend.from_context(ctx, load_models=False)
        assert backend.settings.reports.organisation_name == "Acme Ltd"
        assert backend.settings.privacy.attendance_retention_days == 30
        assert backend.service.settings.reports.organisation_name == "Acme Ltd"
        start_retention(ctx).join(20)
        assert any(a == Audit.RETENTION_PURGE or a.startswith("retention") for _, a in actions(ctx))
