"""Tables around the core records: unknown faces, audit log, users, settings, devices, sync queue/state."""

from __future__ import annotations

import json
import uuid as uuidlib
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.core.records import AuditEntry, Device, SyncItem, UnknownFace, User
from app.core.storage import audit
from app.core.storage.connection import Connection
from app.core.storage.errors import NotFoundError
from app.core.storage.timeutil import from_db, now_utc, opt_from_db, to_db

ROLES = ("admin", "enroller", "hr", "kiosk")  # schema v2; app/core/policy/access.py holds what each may do
MAX_PIN_FAILURES = 5
LOCKOUT = timedelta(minutes=5)  # the first lock; each further lock doubles it (exponential back-off)
MAX_LOCKOUT = timedelta(hours=24)
_hasher = PasswordHasher()  # argon2id
_USER_COLS = "name, role, failed_attempts, locked_until, id, active, last_login_at"


def _user(row: Any) -> User:
    return User(row[0], row[1], row[2], opt_from_db(row[3]), row[4], bool(row[5]), opt_from_db(row[6]))


class LoginAttempt(NamedTuple):
    """What one sign-in attempt came to (see ServiceTables.login_attempt)."""

    user: User | None
    locked_until: datetime | None
    inactive: bool = False


class ServiceTables(Connection):
    # --- unknown faces -------------------------------------------------------------------------
    def add_unknown_face(
        self, at_utc: datetime, device_id: str, thumbnail: bytes | None = None
    ) -> UnknownFace:
        face = UnknownFace(str(uuidlib.uuid4()), at_utc, device_id, thumbnail)
        with self.tx() as conn:
            cursor = conn.execute(
                "INSERT INTO unknown_faces (uuid, at_utc, device_id, thumbnail) VALUES (?, ?, ?, ?)",
                (face.uuid, to_db(at_utc), device_id, thumbnail),
            )
            face.id = int(cursor.lastrowid)
        return face

    def list_unknown_faces(self, since: datetime | None = None, limit: int = 1000) -> list[UnknownFace]:
        with self.read() as conn:
            rows = conn.execute(
                "SELECT uuid, at_utc, device_id, thumbnail, id FROM unknown_faces WHERE at_utc >= ? "
                "ORDER BY at_utc DESC LIMIT ?",
                (to_db(since) if since else "", limit),
            ).fetchall()
        return [UnknownFace(r[0], from_db(r[1]), r[2], r[3], r[4]) for r in rows]

    # --- audit log -----------------------------------------------------------------------------
    def append_audit(self, actor: str, action: str, details: dict[str, Any] | None = None) -> AuditEntry:
        with self.tx() as conn:
            return audit.append(conn, now_utc(), actor, action, details or {})

    def verify_audit(self) -> audit.AuditCheck:
        """The hash chain, read audit.CHUNK rows at a time (the store lock is let go between chunks)."""
        return audit.check_chain(self.read)

    def audit_entries(self, limit: int = 100) -> list[AuditEntry]:
        with self.read() as conn:
            return audit.entries(conn, limit)

    # --- users ---------------------------------------------------------------------------------
    def add_user(self, name: str, role: str, pin: str, actor: str = "system") -> User:
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}")
        if len(pin) < 4:
            raise ValueError("a PIN has at least 4 characters")
        pin_hash = _hasher.hash(pin)
        with self.tx() as conn:
            cursor = conn.execute(
                "INSERT INTO users (name, role, pin_hash, created_at) VALUES (?, ?, ?, ?)",
                (name, role, pin_hash, to_db(now_utc())),
            )
            audit.append(conn, now_utc(), actor, "user.add", {"name": name, "role": role})
        return User(name, role, id=int(cursor.lastrowid))

    def get_user(self, name: str) -> User | None:
        with self.read() as conn:
            row = conn.execute(f"SELECT {_USER_COLS} FROM users WHERE name = ?", (name,)).fetchone()
        return None if row is None else _user(row)

    def list_users(self) -> list[User]:
        with self.read() as conn:
            return [_user(r) for r in conn.execute(f"SELECT {_USER_COLS} FROM users ORDER BY name")]

    def check_pin(self, name: str, pin: str, now: datetime | None = None) -> User | None:
        """The user when the PIN matches and the account is not locked; None otherwise.

        MAX_PIN_FAILURES wrong PINs in a row lock the account: LOCKOUT the first time, then twice as long at
        each further lock (5, 10, 20 … min, at most MAX_LOCKOUT); a correct PIN resets the back-off.
        """
        return self.login_attempt(name, pin, now)[0]

    def login_attempt(
        self, name: str, pin: str, now: datetime | None = None, *, record: bool = True
    ) -> LoginAttempt:
        """(user, None, False) on success; (None, locked_until, False) when the account is (or just became)
        locked; (None, None, True) when it is deactivated; (None, None, False) for a wrong PIN or an unknown
        name (which costs one argon2 hash too).

        A success resets the failure counters and, with `record`, stores last_login_at (UTC), in one UPDATE
        in this transaction. With record=False (read-only commands such as `db check`) nothing is written
        unless there are counters to reset."""
        moment = now or now_utc()
        with self.tx() as conn:
            row = conn.execute(
                "SELECT id, role, pin_hash, failed_attempts, locked_until, lockouts, active, last_login_at "
                "FROM users WHERE name = ?",
                (name,),
            ).fetchone()
            if row is None:
                _hasher.hash(pin)  # same cost as a real check: no user-name oracle by timing
                return LoginAttempt(None, None)
            user_id, role, pin_hash, failures, locked_until, lockouts, active, last_login_text = row
            if not active:
                return LoginAttempt(None, None, inactive=True)
            if locked_until is not None and from_db(locked_until) > moment:
                return LoginAttempt(None, from_db(locked_until))
            try:
                ok: bool = _hasher.verify(pin_hash, pin)
            except (VerificationError, InvalidHashError):
                ok = False
            if ok:
                last_login = moment if record else opt_from_db(last_login_text)
                if record:
                    conn.execute(
                        "UPDATE users SET failed_attempts = 0, locked_until = NULL, lockouts = 0, "
                        "last_login_at = ? WHERE id = ?",
                        (to_db(moment), user_id),
                    )
                elif failures or locked_until is not None or lockouts:  # nothing to reset: nothing written
                    conn.execute(
                        "UPDATE users SET failed_attempts = 0, locked_until = NULL, lockouts = 0 "
                        "WHERE id = ?",
                        (user_id,),
                    )
                return LoginAttempt(User(name, role, 0, None, user_id, True, last_login), None)
            failures += 1
            lock: datetime | None = None
            if failures >= MAX_PIN_FAILURES:
                lock = moment + min(LOCKOUT * (2 ** min(lockouts, 16)), MAX_LOCKOUT)
                lockouts += 1
            conn.execute(
                "UPDATE users SET failed_attempts = ?, locked_until = ?, lockouts = ? WHERE id = ?",
                (0 if lock else failures, to_db(lock) if lock else None, lockouts, user_id),
            )
            if lock:
                audit.append(conn, moment, name, "user.locked", {"until": to_db(lock), "lockouts": lockouts})
            return LoginAttempt(None, lock)

    # --- settings ------------------------------------------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        with self.read() as conn:
            row = conn.execute("SELECT value_json FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        with self.tx() as conn:
            conn.execute(
                "INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, "
                "updated_at = excluded.updated_at",
                (key, json.dumps(value), to_db(now_utc())),
            )

    # --- devices -------------------------------------------------------------------------------
    def upsert_device(self, device: Device) -> None:
        with self.tx() as conn:
            conn.execute(
                "INSERT INTO devices (id, name, tz_name, registered_at, last_seen_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET name = excluded.name, tz_name = excluded.tz_name, "
                "last_seen_at = excluded.last_seen_at",
                (
                    device.id,
                    device.name,
                    device.tz_name,
                    to_db(device.registered_at or now_utc()),
                    to_db(device.last_seen_at) if device.last_seen_at else None,
                ),
            )

    def list_devices(self) -> list[Device]:
        with self.read() as conn:
            rows = conn.execute(
                "SELECT id, name, tz_name, registered_at, last_seen_at FROM devices ORDER BY id"
            )
            return [Device(r[0], r[1], r[2], from_db(r[3]), opt_from_db(r[4])) for r in rows]

    # --- sync queue / state --------------------------------------------------------------------
    def enqueue_sync(self, kind: str, payload: dict[str, Any], idempotency_key: str) -> bool:
        """Queue an item for the cloud; False when the idempotency key is already queued."""
        moment = to_db(now_utc())
        with self.tx() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO sync_queue "
                "(kind, payload_json, idempotency_key, next_attempt_at, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (kind, json.dumps(payload, default=str), idempotency_key, moment, moment),
            )
            return bool(cursor.rowcount)

    def due_sync_items(self, now: datetime | None = None, limit: int = 100) -> list[SyncItem]:
        with self.read() as conn:
            rows = conn.execute(
                "SELECT id, kind, payload_json, idempotency_key, attempts, next_attempt_at, last_error "
                "FROM sync_queue WHERE next_attempt_at <= ? ORDER BY id LIMIT ?",
                (to_db(now or now_utc()), limit),
            ).fetchall()
        return [SyncItem(r[0], r[1], json.loads(r[2]), r[3], r[4], from_db(r[5]), r[6]) for r in rows]

    def sync_done(self, item_ids: list[int]) -> None:
        with self.tx() as conn:
            conn.executemany("DELETE FROM sync_queue WHERE id = ?", [(i,) for i in item_ids])

    def sync_failed(self, item_id: int, error: str, next_attempt_at: datetime) -> None:
        with self.tx() as conn:
            cursor = conn.execute(
                "UPDATE sync_queue SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? "
                "WHERE id = ?",
                (error, to_db(next_attempt_at), item_id),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"No sync item {item_id}.")

    def sync_queue_length(self) -> int:
        with self.read() as conn:
            return int(conn.execute("SELECT count(*) FROM sync_queue").fetchone()[0])

    def get_sync_cursor(self, name: str) -> str | None:
        with self.read() as conn:
            row = conn.execute("SELECT cursor FROM sync_state WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def set_sync_cursor(self, name: str, cursor: str) -> None:
        with self.tx() as conn:
            conn.execute(
                "INSERT INTO sync_state (name, cursor, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at",
                (name, cursor, to_db(now_utc())),
            )
