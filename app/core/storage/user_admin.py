"""SQL for the admin screens (Users, Audit): deactivating an account and reading the audit log a page at a
time with filters. Functions over an open Store (like audit_seal.py), kept apart from the Store classes.

A deactivated account has users.active = 0 (schema v5), which login_attempt() refuses before checking the
PIN; deactivating and reactivating both clear the PIN lockout and its counters. The rules (who may, the
last admin, oneself) live in app/core/policy/access.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.core.records import AuditEntry
from app.core.storage import audit
from app.core.storage.errors import NotFoundError
from app.core.storage.timeutil import from_db, now_utc, to_db

if TYPE_CHECKING:
    from app.core.storage.store import Store


def set_user_active(store: Store, name: str, active: bool, actor: str) -> None:
    """Deactivate or reactivate (either way clearing the lock and the failure counters), audited as
    user.deactivate / user.reactivate in the same transaction."""
    with store.tx() as conn:
        cursor = conn.execute(
            "UPDATE users SET active = ?, locked_until = NULL, failed_attempts = 0, lockouts = 0 "
            "WHERE name = ?",
            (int(active), name),
        )
        if cursor.rowcount == 0:
            raise NotFoundError(f"No user named {name!r}.")
        action = "user.reactivate" if active else "user.deactivate"
        audit.append(conn, now_utc(), actor, action, {"name": name})


def count_active_admins(store: Store) -> int:
    """Admins that are not deactivated (a temporary PIN lockout still counts as active)."""
    with store.read() as conn:
        row = conn.execute("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1").fetchone()
    return int(row[0])


@dataclass(frozen=True)
class AuditFilter:
    """Text (in actor, action or details), an exact actor, and a UTC time range [start, end)."""

    text: str = ""
    actor: str = ""
    start: datetime | None = None
    end: datetime | None = None


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def audit_page(
    store: Store, flt: AuditFilter, before_id: int | None = None, limit: int = 200
) -> list[AuditEntry]:
    """Entries matching `flt`, newest first, with id < before_id (keyset paging: cheap on 100k rows)."""
    where: list[str] = []
    params: list[Any] = []
    if before_id is not None:
        where.append("id < ?")
        params.append(before_id)
    if flt.actor:
        where.append("actor = ?")
        params.append(flt.actor)
    if flt.start is not None:
        where.append("at_utc >= ?")
        params.append(to_db(flt.start))
    if flt.end is not None:
        where.append("at_utc < ?")
        params.append(to_db(flt.end))
    if flt.text.strip():
        pattern = _like(flt.text.strip())
        where.append(
            "(actor LIKE ? ESCAPE '\\' OR action LIKE ? ESCAPE '\\' OR details_json LIKE ? ESCAPE '\\')"
        )
        params.extend([pattern] * 3)
    sql = "SELECT id, at_utc, actor, action, details_json, prev_hash, hash FROM audit_log"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id DESC LIMIT ?"
    params.append(limit)
    with store.read() as conn:
        rows = conn.execute(sql, params).fetchall()
    return [AuditEntry(r[0], from_db(r[1]), r[2], r[3], _details(r[4]), r[5], r[6]) for r in rows]


def _details(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:  # a row edited behind the app's back may not even be JSON: show it, do not fail
        return {"raw": text}
    return value if isinstance(value, dict) else {"value": value}


def audit_actors(store: Store) -> list[str]:
    with store.read() as conn:
        return [r[0] for r in conn.execute("SELECT DISTINCT actor FROM audit_log ORDER BY actor")]
