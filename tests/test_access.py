"""Roles and permissions, PIN policy, first-run admin, lockout with exponential back-off, users CLI."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.core.errors import AccountLocked, AuthenticationFailed, PermissionDenied, WeakPinError
from app.core.policy import access
from app.core.policy.access import Action, Role
from app.core.records import User
from app.core.storage import Store

GOOD_PIN = "583920"


pytestmark = pytest.mark.usefixtures("cheap_argon2")  # the rules, not argon2's cost


# --- the permission table ---------------------------------------------------------------------------
EXPECTED = {
    Role.ADMIN: set(Action),
    Role.ENROLLER: {Action.ENROL, Action.EDIT_PERSON, Action.VIEW_PEOPLE},
    Role.HR: {
        Action.VIEW_PEOPLE,
        Action.EDIT_PERSON,
        Action.VIEW_REPORTS,
        Action.EXPORT_REPORTS,
        Action.CORRECT_EVENTS,
        Action.EXPORT_PERSON_DATA,
        Action.MANAGE_SCHEDULES,
    },
    Role.KIOSK: {Action.RUN_KIOSK},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
def test_permission_table(role: Role, action: Action) -> None:
    user = User(f"u-{role}", role.value)
    if action in EXPECTED[role]:
        access.require(user, action)
    else:
        with pytest.raises(PermissionDenied) as info:
            access.require(user, action)
        assert info.value.action == action.value and role.value in str(info.value)


def test_unknown_role_or_action_is_denied() -> None:
    assert not access.allowed("operator", Action.ENROL)  # the old v1 role name means nothing now
    assert not access.allowed("admin", "launch_rockets")
    with pytest.raises(PermissionDenied):
        access.require(User("x", "root"), Action.ENROL)


def test_only_admin_may_exit_kiosk_erase_manage_users_and_change_sync_key() -> None:
    for action in (
        Action.EXIT_KIOSK,
        Action.ERASE_PERSON,
        Action.MANAGE_USERS,
        Action.SYNC_KEY_CHANGE,
        Action.BACKUP_RESTORE,
        Action.VIEW_AUDIT,
        Action.EXPORT_AUDIT,
        Action.CHANGE_SETTINGS,
    ):
        assert [r for r in Role if access.allowed(r, action)] == [Role.ADMIN]


# --- PIN policy -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "pin",
    [
        "123456",
        "000000",
        "654321",
        "999999",
        "121212",
        "123123",
        "890123",
        "12345",
        "98765",
        "password",
        "aaaaaaaa",
        "abababab",
        "short",
        " 583920",
        "",
    ],
)
def test_weak_pins_refused(pin: str) -> None:
    with pytest.raises(WeakPinError):
        access.check_pin_policy(pin)


@pytest.mark.parametrize("pin", ["583920", "9071634", "correct horse", "Tr0ub4dor&3"])
def test_good_pins_accepted(pin: str) -> None:
    access.check_pin_policy(pin)


# --- first run ---------------------------------------------------------------------------------------
def test_first_admin(store: Store) -> None:
    assert access.needs_first_admin(store)
    with pytest.raises(WeakPinError):
        access.create_first_admin(store, "alice", "123456")
    assert access.needs_first_admin(store)
    session = access.create_first_admin(store, "alice", GOOD_PIN)
    assert session.role == "admin" and session.can(Action.MANAGE_USERS)
    assert not access.needs_first_admin(store)
    with pytest.raises(PermissionDenied):
        access.create_first_admin(store, "mallory", "771904")
    assert store.audit_entries()[-1].action == access.Audit.USER_ADD


def test_users_and_roles(store: Store) -> None:
    admin = access.create_first_admin(store, "alice", GOOD_PIN)
    access.add_user(store, admin, "eve", Role.ENROLLER, "804512")
    eve = access.login(store, "eve", "804512")
    assert eve.can(Action.ENROL) and not eve.can(Action.VIEW_REPORTS)
    with pytest.raises(PermissionDenied):
        access.add_user(store, eve, "x", Role.ADMIN, "771904")
    with pytest.raises(PermissionDenied):
        access.reset_pin(store, eve, "alice", "771904")  # someone else's PIN
    access.reset_pin(store, eve, "eve", "660127")  # her own
    access.login(store, "eve", "660127")
    with pytest.raises(PermissionDenied):
        access.set_role(store, admin, "alice", Role.HR)  # the last admin cannot demote themselves
    access.set_role(store, admin, "eve", Role.HR)
    assert store.get_user("eve").role == "hr"  # type: ignore[union-attr]
    actions = [e.action for e in store.audit_entries()]
    assert actions[-3:] == ["user.add", "user.reset_pin", "user.role"]
    assert store.audit_entries()[-1].actor == "alice"


# --- brute force -------------------------------------------------------------------------------------
def test_brute_force_is_locked_out_with_growing_back_off(store: Store) -> None:
    access.create_first_admin(store, "alice", GOOD_PIN)
    t = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    locks: list[timedelta] = []
    guesses = iter(f"{n:06d}" for n in range(100000, 100100))
    for _round in range(3):
        for attempt in range(5):
            with pytest.raises(AuthenticationFailed) as info:
                access.login(store, "alice", next(guesses), now=t)
            assert isinstance(info.value, AccountLocked) == (attempt == 4)
        until = info.value.until  # type: ignore[attr-defined]
        locks.append(until - t)
        # while locked even the right PIN is refused, and guesses do not count
        with pytest.raises(AccountLocked):
            access.login(store, "alice", GOOD_PIN, now=until - timedelta(seconds=1))
        with pytest.raises(AccountLocked):
            access.login(store, "alice", "000001", now=until - timedelta(seconds=1))
        t = until + timedelta(seconds=1)
    assert locks == [timedelta(minutes=5), timedelta(minutes=10), timedelta(minutes=20)]
    assert store.user_lockouts("alice") == 3
    session = access.login(store, "alice", GOOD_PIN, now=t)  # after the lock, the right PIN works
    assert session.name == "alice" and store.user_lockouts("alice") == 0  # and resets the back-off
    assert [e.action for e in store.audit_entries(50)].count("user.locked") == 3


def test_unknown_user_and_wrong_pin_look_the_same(store: Store) -> None:
    access.create_first_admin(store, "alice", GOOD_PIN)
    with pytest.raises(AuthenticationFailed) as a:
        access.login(store, "nobody", GOOD_PIN)
    with pytest.raises(AuthenticationFailed) as b:
        access.login(store, "alice", "999990")
    assert str(a.value) == str(b.value)


def test_session_idle_timeout() -> None:
    t = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    session = access.Session(User("a", "hr"), started_at=t, last_active=t)
    assert not session.expired(t + timedelta(minutes=14))
    assert session.expired(t + timedelta(minutes=16))
    session.touch(t + timedelta(minutes=14))
    assert not session.expired(t + timedelta(minutes=16))


# --- CLI ---------------------------------------------------------------------------------------------
def test_users_cli(memory_keyring, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    Store.open(data_dir).close()
    monkeypatch.setenv("FACEATTEND_NEW_PIN", "123456")
    assert main(["users", "add", "alice", "--role", "admin"]) == 2  # weak PIN refused
    monkeypatch.setenv("FACEATTEND_NEW_PIN", GOOD_PIN)
    assert main(["users", "add", "bob", "--role", "hr"]) == 2  # the first user must be an admin
    assert main(["users", "add", "alice", "--role", "admin"]) == 0  # first run: no sign-in
    monkeypatch.setenv("FACEATTEND_NEW_PIN", "804512")
    assert main(["users", "add", "eve", "--role", "enroller"]) == 2  # now a sign-in is needed
    monkeypatch.setenv("FACEATTEND_PIN", "000111")
    assert main(["users", "add", "eve", "--role", "enroller", "--user", "alice"]) == 2  # wrong PIN
    monkeypatch.setenv("FACEATTEND_PIN", GOOD_PIN)
    assert main(["users", "add", "eve", "--role", "enroller", "--user", "alice"]) == 0
    capsys.readouterr()
    assert main(["users", "list", "--user", "alice"]) == 0
    out = capsys.readouterr().out
    assert "alice\tadmin" in out and "eve\tenroller" in out
    monkeypatch.setenv("FACEATTEND_PIN", "804512")
    assert main(["users", "list", "--user", "eve"]) == 2  # an enroller may not manage users
    assert "not allowed" in capsys.readouterr().err
    monkeypatch.setenv("FACEATTEND_NEW_PIN", "660127")
    assert main(["users", "reset-pin", "eve", "--user", "eve"]) == 0
