"""Who may do what: roles, the permission table, sessions, PIN policy, first-run admin, audited actions.

    if needs_first_admin(store): create_first_admin(store, "alice", "correct horse")
    session = login(store, "alice", pin)            # AuthenticationFailed / AccountLocked
    require(session, Action.ERASE_PERSON)           # PermissionDenied
    record(store, session, Audit.PERSON_EDIT, {"uuid": person.uuid})   # audit + keyring seal

One audit path: an entry is written by record() (append + seal), or by a store method inside its own
transaction within `with sealed(store):`; either way the keyring seal advances after it.

Every audit entry's details name people by uuid only (never by name): the audit log is append-only and
hash-chained, so it cannot be scrubbed when a person is erased — it must not hold their identity.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from app.core.errors import AccountLocked, AuthenticationFailed, PermissionDenied, WeakPinError
from app.core.records import AuditEntry, User
from app.core.storage import Store, audit_seal, user_admin
from app.core.storage.audit_seal import AuditVerdict
from app.core.storage.errors import NotFoundError
from app.core.storage.timeutil import now_utc
from app.core.storage.user_admin import AuditFilter

log = logging.getLogger(__name__)


class Role(StrEnum):
    ADMIN = "admin"
    ENROLLER = "enroller"
    HR = "hr"
    KIOSK = "kiosk"  # the account a kiosk runs under: records attendance, nothing else


class Action(StrEnum):
    ENROL = "enrol"
    EDIT_PERSON = "edit_person"
    ERASE_PERSON = "erase_person"  # delete / GDPR erasure
    VIEW_PEOPLE = "view_people"
    VIEW_REPORTS = "view_reports"
    EXPORT_REPORTS = "export_reports"
    CORRECT_EVENTS = "correct_events"
    CHANGE_SETTINGS = "change_settings"
    RUN_KIOSK = "run_kiosk"
    EXIT_KIOSK = "exit_kiosk"
    BACKUP_RESTORE = "backup_restore"
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"
    EXPORT_AUDIT = "export_audit"
    SYNC_KEY_CHANGE = "sync_key_change"
    EXPORT_PERSON_DATA = "export_person_data"  # GDPR art. 15 access request
    RUN_RETENTION = "run_retention"
    MANAGE_SCHEDULES = "manage_schedules"  # shifts, holidays and the report time zone (HR's work schedule)


_ALL = frozenset(Action)
PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.ADMIN: _ALL,
    Role.ENROLLER: frozenset({Action.ENROL, Action.EDIT_PERSON, Action.VIEW_PEOPLE}),
    Role.HR: frozenset(
        {
            Action.VIEW_PEOPLE,
            Action.EDIT_PERSON,
            Action.VIEW_REPORTS,
            Action.EXPORT_REPORTS,
            Action.CORRECT_EVENTS,
            Action.EXPORT_PERSON_DATA,
            Action.MANAGE_SCHEDULES,
        }
    ),
    Role.KIOSK: frozenset({Action.RUN_KIOSK}),
}


class Audit:
    """Every audited action name, in one place (the strings stored in audit_log.action).

    Written by the store itself: PERSON_DELETE, PERSON_ERASE, EVENT_CORRECT, RETENTION_PURGE, USER_*,
    DB_BACKUP, DB_RESTORE, PERSON_IMAGE_ADD. Written by callers through record(): the rest.
    """

    PERSON_ENROL = "person.enrol"
    PERSON_REENROL = "person.reenrol"
    PERSON_EDIT = "person.edit"
    PERSON_ACTIVE = "person.active"
    PERSON_CONSENT = "person.consent"
    PERSON_DELETE = "person.delete"
    PERSON_ERASE = "person.erase"
    PERSON_EXPORT = "person.export"  # GDPR access request served
    PERSON_IMAGE_ADD = "person.image_add"
    PERSON_IMPORT_START = "person.import.start"  # a bulk import begins (then person.enrol per person)
    PERSON_IMPORT = "person.import"  # a bulk import ended (counts and uuids)
    EVENT_CORRECT = "event.correct"
    REPORT_EXPORT = "report.export"
    SETTINGS_CHANGE = "settings.change"
    SCHEDULE_CHANGE = "schedule.change"  # the work schedule (shifts, holidays, report zone)
    KIOSK_START = "kiosk.start"
    KIOSK_EXIT = "kiosk.exit"
    DB_BACKUP = "db.backup"
    DB_RESTORE = "db.restore"
    SYNC_KEY_CHANGE = "sync.key_change"
    RETENTION_PURGE = "retention.purge"
    AUDIT_EXPORT = "audit.export"
    AUDIT_RESEAL = "audit.reseal"
    USER_ADD = "user.add"
    USER_RESET_PIN = "user.reset_pin"
    USER_ROLE = "user.role"
    USER_DELETE = "user.delete"
    USER_LOCKED = "user.locked"
    USER_DEACTIVATE = "user.deactivate"
    USER_REACTIVATE = "user.reactivate"
    LOGIN = "user.login"
    LOGIN_FAILED = "user.login_failed"
    CAMERA_CALIBRATION = "liveness.calibration"  # a camera's passive threshold changed (written by the store)
    CAMERA_CALIBRATION_RESET = "liveness.calibration_reset"  # an admin reset a camera's calibration


# --- PIN policy --------------------------------------------------------------------------------------
MIN_PIN_DIGITS = 6
MIN_PASSWORD_CHARS = 8
_COMMON = frozenset({"password", "passwort", "12345678", "qwertyui", "qwertzui", "11111111", "faceattend"})


def check_pin_policy(pin: str) -> None:
    """A PIN of >= 6 digits that is not trivial (repeated digit, ascending/descending run, 1212…), or a
    password of >= 8 characters that is not all one character nor a well-known one. WeakPinError else."""
    if pin != pin.strip() or not pin:
        raise WeakPinError("A PIN or password may not start or end with spaces.")
    if pin.isdigit():
        if len(pin) < MIN_PIN_DIGITS:
            raise WeakPinError(
                f"A PIN needs at least {MIN_PIN_DIGITS} digits (or use a password of "
                f"{MIN_PASSWORD_CHARS}+ characters)."
            )
        steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
        if len(steps) == 1:  # 000000, 123456, 987654, 890123 …
            raise WeakPinError("This PIN is too easy to guess (a repeated digit or a run); choose another.")
        if len(set(pin)) <= 2 or re.fullmatch(r"(\d{2,3})\1+", pin):
            raise WeakPinError("This PIN is too easy to guess (a repeated pattern); choose another.")
        return
    if len(pin) < MIN_PASSWORD_CHARS:
        raise WeakPinError(f"A password needs at least {MIN_PASSWORD_CHARS} characters.")
    if len(set(pin.lower())) <= 2 or pin.lower() in _COMMON:
        raise WeakPinError("This password is too easy to guess; choose another.")


# --- sessions ----------------------------------------------------------------------------------------
class HasRole(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def role(self) -> str: ...


@dataclass
class Session:
    """The signed-in user. The UI keeps one and asks `can()` to show or hide what the role may not use."""

    user: User
    started_at: datetime = field(default_factory=now_utc)
    last_active: datetime = field(default_factory=now_utc)
    idle_timeout: timedelta = timedelta(minutes=15)

    @property
    def name(self) -> str:
        return self.user.name

    @property
    def role(self) -> str:
        return self.user.role

    def can(self, action: Action | str) -> bool:
        return allowed(self.user.role, action)

    def require(self, action: Action | str) -> None:
        require(self.user, action)

    def expired(self, now: datetime | None = None) -> bool:
        return (now or now_utc()) - self.last_active > self.idle_timeout

    def touch(self, now: datetime | None = None) -> None:
        self.last_active = now or now_utc()


def allowed(role: str, action: Action | str) -> bool:
    try:
        return Action(action) in PERMISSIONS[Role(role)]
    except ValueError:
        return False  # unknown role or action: deny


def require(user: HasRole | Session, action: Action | str) -> None:
    """Raise PermissionDenied unless the user's role may do `action`."""
    if not allowed(user.role, action):
        log.info("permission denied: %s (%s) -> %s", user.name, user.role, action)
        raise PermissionDenied(user.name, user.role, str(action))


def login(store: Store, name: str, pin: str, now: datetime | None = None, *, record: bool = True) -> Session:
    """A session for name + PIN. AccountLocked (with the time it opens again) while locked or
    deactivated, AuthenticationFailed otherwise; every failure costs one argon2 verification and counts
    to the lockout (5 wrong PINs: 5 min, then 10, 20, 40 … min up to 24 h). A success stores the sign-in
    time (users.last_login_at) unless `record` is False: read-only commands (`db check`) write nothing."""
    moment = now or now_utc()
    user, locked_until, inactive = store.login_attempt(name, pin, moment, record=record)
    if user is None:
        if locked_until is not None:
            _reseal(store)  # the attempt that locked the account wrote a "user.locked" entry
        if inactive:
            raise AccountLocked("This account is deactivated; ask an administrator.", None)
        if locked_until is not None:
            raise AccountLocked(
                f"Too many wrong PINs: this account is locked until {locked_until:%Y-%m-%d %H:%M} UTC.",
                locked_until,
            )
        raise AuthenticationFailed("Wrong user name or PIN.")
    return Session(user, started_at=moment, last_active=moment)


# --- first run and user administration --------------------------------------------------------------
def needs_first_admin(store: Store) -> bool:
    """True until an admin exists: the UI shows the first-run wizard, the CLI accepts `users add` unsigned."""
    return store.count_users(Role.ADMIN.value) == 0


def create_first_admin(store: Store, name: str, pin: str) -> Session:
    """The first-run wizard's action: creates the admin and returns their session. Refused once an admin
    exists (PermissionDenied) or when the PIN is weak (WeakPinError)."""
    if not needs_first_admin(store):
        raise PermissionDenied(name, "-", "create the first admin (an admin already exists)")
    check_pin_policy(pin)
    name = _clean_name(name)
    user = store.add_user(name, Role.ADMIN.value, pin, actor="first-run")
    _reseal(store)
    return Session(user)


def add_user(store: Store, session: Session | User, name: str, role: Role | str, pin: str) -> User:
    require(session, Action.MANAGE_USERS)
    check_pin_policy(pin)
    user = store.add_user(_clean_name(name), Role(role).value, pin, actor=session.name)
    _reseal(store)
    return user


def reset_pin(store: Store, session: Session | User, name: str, new_pin: str) -> None:
    """An admin sets a new PIN for anyone; any user may change their own."""
    if name != session.name:
        require(session, Action.MANAGE_USERS)
    check_pin_policy(new_pin)
    target = store.get_user(name)
    if target is not None and not target.active:
        raise PermissionDenied(
            session.name, session.role, "set a PIN on a deactivated account (reactivate it)"
        )
    store.set_user_pin(name, new_pin, actor=session.name)
    _reseal(store)


def set_role(store: Store, session: Session | User, name: str, role: Role | str) -> None:
    """Refused when it would leave no active admin (demoting the last one, oneself included)."""
    require(session, Action.MANAGE_USERS)
    target = _existing_user(store, name)
    if Role(role) != Role.ADMIN and _is_last_active_admin(store, target):
        raise PermissionDenied(session.name, session.role, "remove the last active admin")
    store.set_user_role(name, Role(role).value, actor=session.name)
    _reseal(store)


@dataclass(frozen=True)
class UserInfo:
    """A row of the Users page. state: "active" | "locked" (too many wrong PINs, for a while) |
    "deactivated" (cannot sign in until reactivated). last_login_at: UTC, None when never signed in."""

    name: str
    role: str
    state: str
    locked_until: datetime | None = None
    last_login_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.state != "deactivated"


def list_users(store: Store, session: Session | User, now: datetime | None = None) -> list[UserInfo]:
    require(session, Action.MANAGE_USERS)
    moment = now or now_utc()
    out: list[UserInfo] = []
    for user in store.list_users():
        last = user.last_login_at
        if not user.active:
            out.append(UserInfo(user.name, user.role, "deactivated", last_login_at=last))
        elif user.locked_until is not None and user.locked_until > moment:
            out.append(UserInfo(user.name, user.role, "locked", user.locked_until, last))
        else:
            out.append(UserInfo(user.name, user.role, "active", last_login_at=last))
    return out


def set_active(store: Store, session: Session | User, name: str, active: bool) -> None:
    """Deactivate or reactivate an account (audited). Refused for one's own account (it would lock one
    out) and for the last active admin. Reactivating also clears a PIN lockout."""
    require(session, Action.MANAGE_USERS)
    target = _existing_user(store, name)
    if not active:
        if name == session.name:
            raise PermissionDenied(
                session.name, session.role, "deactivate their own account (it would lock them out)"
            )
        if _is_last_active_admin(store, target):
            raise PermissionDenied(session.name, session.role, "deactivate the last active admin")
    user_admin.set_user_active(store, name, active, actor=session.name)
    _reseal(store)


def _existing_user(store: Store, name: str) -> User:
    user = store.get_user(name)
    if user is None:
        raise NotFoundError(f"No user named {name!r}.")
    return user


def _is_last_active_admin(store: Store, user: User) -> bool:
    return user.role == Role.ADMIN.value and user.active and user_admin.count_active_admins(store) <= 1


def _clean_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 64 or any(c in name for c in "\r\n\t"):
        raise ValueError("a user name is 1-64 characters on one line")
    return name


# --- audited actions ---------------------------------------------------------------------------------
def record(
    store: Store, actor: Session | User | str, action: str, details: dict[str, Any] | None = None
) -> AuditEntry:
    """Append an audit entry (actor, time, action, details) and advance the keyring seal.
    Name people by uuid in `details`, never by name."""
    name = actor if isinstance(actor, str) else actor.name
    entry = store.append_audit(name, action, details or {})
    _reseal(store)
    return entry


def authorize_and_record(
    store: Store, session: Session | User, action: Action, audit_action: str, details: dict[str, Any]
) -> AuditEntry:
    """The common pair: check the role, then log that it was done."""
    require(session, action)
    return record(store, session, audit_action, details)


# --- reading and verifying the audit log -------------------------------------------------------------
def audit_page(
    store: Store,
    session: Session | User,
    flt: AuditFilter | None = None,
    before_id: int | None = None,
    limit: int = 200,
) -> list[AuditEntry]:
    """Entries newest first matching `flt`, older than `before_id` (page on with the last id seen)."""
    require(session, Action.VIEW_AUDIT)
    return user_admin.audit_page(store, flt or AuditFilter(), before_id, limit)


def audit_actors(store: Store, session: Session | User) -> list[str]:
    require(session, Action.VIEW_AUDIT)
    return user_admin.audit_actors(store)


def verify_audit(store: Store, session: Session | User) -> AuditVerdict:
    """Chain + head + keyring seal (`faceattend audit verify` and the Audit page). An intact log advances
    the seal to the current head. Reads the whole log (a chunk per store read, so other store calls wait
    for one chunk at most) and takes ~1 s at 100k entries: run it off the UI thread."""
    require(session, Action.VIEW_AUDIT)
    verdict = audit_seal.verify(store)
    if verdict.ok:
        _reseal(store)
    return verdict


def reseal(store: Store) -> None:
    """Advance the keyring seal after entries the store wrote itself (backup, purge, sync key change)."""
    _reseal(store)


@contextmanager
def sealed(store: Store) -> Iterator[Store]:
    """The audit path of a change whose entry the store writes inside the change's own transaction
    (enrolment, erasure, correction, sync configuration…): the seal is advanced when the block ends,
    also after a failure (whatever was committed is sealed; tampering never is, see audit_seal.seal).

        with access.sealed(store):
            store.delete_person(uuid, session.name)
    """
    try:
        yield store
    finally:
        _reseal(store)


def _reseal(store: Store) -> None:
    try:
        audit_seal.seal(store)
    except Exception as exc:  # a keyring hiccup must not undo the action; verify will show the gap
        log.warning("audit seal not advanced: %s", exc)
