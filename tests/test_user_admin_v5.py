"""Schema v5 for accounts: a real `active` flag (replacing the first version's "locked until year 9999"),
converted by the migration from a v4 database, and the time of the last successful sign-in (stored by a
sign-in, shown by `faceattend users list`; `db check` stays read-only)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.core.errors import AccountLocked, AuthenticationFailed, PermissionDenied
from app.core.policy import access
from app.core.policy.access import Role
from app.core.storage import Store, migrations, user_admin
from app.core.storage.timeutil import to_db

PIN, HR_PIN, ENROLLER_PIN = "583920", "hr-pass-2026", "749261"
SENTINEL = "9999-12-31T00:00:00.000000Z"  # what the first version wrote for a deactivated account
pytestmark = pytest.mark.usefixtures("cheap_argon2")


def test_v4_database_with_a_sentinel_lock_is_migrated(
    memory_keyring, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    soon = datetime.now(UTC) + timedelta(hours=1)
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:4])
        m.setattr(migrations, "LATEST_VERSION", 4)
        with Store.open(data_dir) as v4:
            assert v4.schema_version() == 4
            v4.add_user("alice", "admin", PIN, actor="first-run")
            v4.add_user("carol", "admin", "740193", actor="alice")
            v4.add_user("bob", "hr", HR_PIN, actor="alice")
            v4.add_user("erin", "enroller", ENROLLER_PIN, actor="alice")
            with v4.tx() as conn:  # as the first version deactivated, plus counters left from before
                conn.execute(
                    "UPDATE users SET locked_until = ?, failed_attempts = 3, lockouts = 2 "
                    "WHERE name IN ('carol', 'bob')",
                    (SENTINEL,),
                )
                conn.execute(  # a genuine PIN lockout stays one
                    "UPDATE users SET locked_until = ?, lockouts = 1 WHERE name = 'erin'", (to_db(soon),)
                )
            columns = {r[1] for r in v4._conn.execute("PRAGMA table_info(users)")}
            assert "active" not in columns and "last_login_at" not in columns

    with Store.open(data_dir) as v5:
        assert v5.schema_version() == migrations.LATEST_VERSION >= 5
        rows = {
            r[0]: r[1:]
            for r in v5._conn.execute(
                "SELECT name, active, locked_until, failed_attempts, lockouts, last_login_at FROM users"
            )
        }
        assert rows["carol"] == (0, None, 0, 0, None)
        assert rows["bob"] == (0, None, 0, 0, None)
        assert rows["alice"] == (1, None, 0, 0, None)
        assert rows["erin"][:2] == (1, to_db(soon)) and rows["erin"][3] == 1

        with pytest.raises(AccountLocked, match=r"^This account is deactivated; ask an administrator\.$"):
            access.login(v5, "bob", HR_PIN)
        with pytest.raises(AccountLocked, match="Too many wrong PINs"):
            access.login(v5, "erin", ENROLLER_PIN)
        admin = access.login(v5, "alice", PIN)
        states = {u.name: u.state for u in access.list_users(v5, admin)}
        assert states == {"alice": "active", "bob": "deactivated", "carol": "deactivated", "erin": "locked"}
        assert user_admin.count_active_admins(v5) == 1  # carol (sentinel) does not count
        with pytest.raises(PermissionDenied, match="last active admin"):
            access.set_role(v5, admin, "alice", Role.HR)
        access.set_active(v5, admin, "bob", True)
        assert access.login(v5, "bob", HR_PIN).role == "hr"
        access.set_active(v5, admin, "erin", True)  # reactivating also clears a PIN lockout
        assert access.login(v5, "erin", ENROLLER_PIN).role == "enroller"


def test_sign_in_stores_the_last_login_time(store: Store) -> None:
    admin = access.create_first_admin(store, "alice", PIN)
    access.add_user(store, admin, "bob", Role.HR, HR_PIN)
    assert {u.name: u.last_login_at for u in access.list_users(store, admin)} == {"alice": None, "bob": None}

    first = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)
    session = access.login(store, "bob", HR_PIN, first)
    assert session.user.last_login_at == first
    stored = store.get_user("bob")
    assert stored is not None and stored.last_login_at == first and stored.active

    for _ in range(2):  # wrong PINs leave the time alone; the next success resets them in the same write
        with pytest.raises(AuthenticationFailed):
            access.login(store, "bob", "wrong-pass-2026", first + timedelta(minutes=1))
    later = first + timedelta(hours=2)
    access.login(store, "bob", HR_PIN, later)
    row = store._conn.execute(
        "SELECT failed_attempts, last_login_at FROM users WHERE name = 'bob'"
    ).fetchone()
    assert row == (0, to_db(later))

    changes = store._conn.total_changes
    read_only = access.login(store, "bob", HR_PIN, later + timedelta(hours=1), record=False)
    assert read_only.user.last_login_at == later  # shown as it was; nothing written
    assert store._conn.total_changes == changes
    assert {u.name: u.last_login_at for u in access.list_users(store, admin)}["bob"] == later

    access.set_active(store, admin, "bob", False)
    with pytest.raises(AccountLocked, match="deactivated"):
        access.login(store, "bob", HR_PIN, later + timedelta(hours=3))
    assert store.get_user("bob").last_login_at == later  # type: ignore[union-attr]


def test_cli_list_shows_the_last_sign_in_and_db_check_writes_none(
    memory_keyring, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(data_dir) as s:
        session = access.create_first_admin(s, "alice", PIN)
        access.add_user(s, session, "bob", Role.ENROLLER, ENROLLER_PIN)
        access.login(s, "bob", ENROLLER_PIN, datetime(2026, 3, 1, 8, 30, tzinfo=UTC))
    monkeypatch.setenv("FACEATTEND_USER", "alice")
    monkeypatch.setenv("FACEATTEND_PIN", PIN)

    assert main(["db", "check"]) == 0  # read-only: alice's sign-in is not stored
    with Store.open(data_dir) as s:
        alice = s.get_user("alice")
        assert alice is not None and alice.last_login_at is None

    assert main(["users", "list"]) == 0
    lines = dict(line.split("\t", 1) for line in capsys.readouterr().out.splitlines() if "\t" in line)
    assert lines["bob"] == "enroller\tlast sign-in: 2026-03-01 08:30 UTC"
    assert lines["alice"].startswith("admin\tlast sign-in: 20")  # this very sign-in, now
    assert main(["users", "deactivate", "bob"]) == 0
    assert main(["users", "list"]) == 0
    assert "bob\tenroller  deactivated\tlast sign-in: 2026-03-01 08:30 UTC" in capsys.readouterr().out
