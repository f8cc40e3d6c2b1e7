"""User administration rules shared by the Users page and `faceattend users` (deactivate / reactivate, the
last active admin, oneself), and the audit log read a filtered page at a time (the Audit page)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.core.errors import AccountLocked, PermissionDenied
from app.core.policy import access
from app.core.policy.access import Audit, AuditFilter, Role
from app.core.storage import Store
from app.core.storage.timeutil import now_utc

PIN = "583920"
pytestmark = pytest.mark.usefixtures("cheap_argon2")


@pytest.fixture
def admin(store: Store) -> access.Session:
    session = access.create_first_admin(store, "alice", PIN)
    access.add_user(store, session, "bob", Role.HR, "hr-pass-2026")
    return session


def test_deactivate_blocks_sign_in_and_reactivate_restores_it(store: Store, admin: access.Session) -> None:
    access.set_active(store, admin, "bob", False)
    assert {u.name: u.state for u in access.list_users(store, admin)} == {
        "alice": "active",
        "bob": "deactivated",
    }
    with pytest.raises(AccountLocked, match="deactivated"):
        access.login(store, "bob", "hr-pass-2026")
    with pytest.raises(PermissionDenied, match="reactivate"):
        access.reset_pin(store, admin, "bob", "new-pass-2026")
    access.set_active(store, admin, "bob", True)
    assert access.login(store, "bob", "hr-pass-2026").role == "hr"
    actions = [e.action for e in store.audit_entries(10)]
    assert actions[-2:] == [Audit.USER_DEACTIVATE, Audit.USER_REACTIVATE]


def test_last_active_admin_and_oneself_are_protected(store: Store, admin: access.Session) -> None:
    with pytest.raises(PermissionDenied, match="own account"):
        access.set_active(store, admin, "alice", False)
    with pytest.raises(PermissionDenied, match="last active admin"):
        access.set_role(store, admin, "alice", Role.HR)
    access.add_user(store, admin, "carol", Role.ADMIN, "740193")
    access.set_active(store, admin, "carol", False)  # a deactivated admin does not count
    with pytest.raises(PermissionDenied, match="last active admin"):
        access.set_role(store, admin, "alice", Role.HR)
    access.set_active(store, admin, "carol", True)
    access.set_role(store, admin, "carol", Role.HR)  # two admins were active: allowed
    hr = access.login(store, "bob", "hr-pass-2026")
    with pytest.raises(PermissionDenied):
        access.set_active(store, hr, "carol", False)


def test_audit_page_filters_and_pages_newest_first(store: Store, admin: access.Session) -> None:
    for i in range(30):
        access.record(store, admin, Audit.SETTINGS_CHANGE, {"key": f"k{i}", "value": i})
    first = access.audit_page(store, admin, limit=10)
    assert len(first) == 10 and first[0].id > first[-1].id and first[0].details == {"key": "k29", "value": 29}
    second = access.audit_page(store, admin, before_id=first[-1].id, limit=10)
    assert second[0].id == first[-1].id - 1
    assert [e.details["key"] for e in access.audit_page(store, admin, AuditFilter(text="k1"))] == [
        f"k{i}" for i in (19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 1)
    ]
    assert {e.actor for e in access.audit_page(store, admin, AuditFilter(actor="first-run"))} == {"first-run"}
    assert access.audit_page(store, admin, AuditFilter(text="100%_")) == []
    later = now_utc() + timedelta(days=1)
    assert access.audit_page(store, admin, AuditFilter(start=later)) == []
    assert len(access.audit_page(store, admin, AuditFilter(end=later), limit=1000)) == 32
    assert access.audit_actors(store, admin) == ["alice", "first-run"]
    hr = access.login(store, "bob", "hr-pass-2026")
    with pytest.raises(PermissionDenied):
        access.audit_page(store, hr)


def test_cli_deactivate_and_list(
    memory_keyring, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(data_dir) as s:
        session = access.create_first_admin(s, "alice", PIN)
        access.add_user(s, session, "bob", Role.ENROLLER, "749261")
    monkeypatch.setenv("FACEATTEND_USER", "alice")
    monkeypatch.setenv("FACEATTEND_PIN", PIN)
    assert main(["users", "deactivate", "bob"]) == 0
    assert main(["users", "list"]) == 0
    assert "bob\tenroller  deactivated" in capsys.readouterr().out
    assert main(["users", "deactivate", "alice"]) == 2
    assert "own account" in capsys.readouterr().err
    assert main(["users", "reactivate", "bob"]) == 0
