"""The audit log: an append-only hash chain. Each entry's hash covers its content and the previous hash,
so editing or deleting an entry in the middle breaks verification from that entry on."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.core.records import AuditEntry
from app.core.storage.timeutil import from_db, to_db

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditCheck:
    ok: bool
    checked: int
    first_bad_id: int | None = None
    reason: str = ""


def entry_hash(prev_hash: str, at_utc: str, actor: str, action: str, details_json: str) -> str:
    canonical = json.dumps([prev_hash, at_utc, actor, action, details_json], separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def append(conn: Any, at: datetime, actor: str, action: str, details: dict[str, Any]) -> AuditEntry:
    """Append inside the caller's write transaction (BEGIN IMMEDIATE serialises writers)."""
    row = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    prev = row[0] if row else GENESIS_HASH
    at_text = to_db(at)
    details_json = json.dumps(details, sort_keys=True, separators=(",", ":"), default=str)
    digest = entry_hash(prev, at_text, actor, action, details_json)
    cursor = conn.execute(
        "INSERT INTO audit_log (at_utc, actor, action, details_json, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (at_text, actor, action, details_json, prev, digest),
    )
    return AuditEntry(
        int(cursor.lastrowid), from_db(at_text), actor, action, json.loads(details_json), prev, digest
    )


def verify(conn: Any) -> AuditCheck:
    prev = GENESIS_HASH
    checked = 0
    rows = conn.execute(
        "SELECT id, at_utc, actor, action, details_json, prev_hash, hash FROM audit_log ORDER BY id"
    )
    for entry_id, at_text, actor, action, details_json, prev_hash, digest in rows:
        if prev_hash != prev:
            return AuditCheck(
                False, checked, entry_id, "previous-hash link broken (entry removed or reordered)"
            )
        if entry_hash(prev_hash, at_text, actor, action, details_json) != digest:
            return AuditCheck(False, checked, entry_id, "content does not match its hash (entry altered)")
        prev = digest
        checked += 1
    return AuditCheck(True, checked)


def entries(conn: Any, limit: int) -> list[AuditEntry]:
    rows = conn.execute(
        "SELECT id, at_utc, actor, action, details_json, prev_hash, hash FROM audit_log "
        "ORDER BY id DESC LIMIT ?",
        (limit,),
    ).fetchall()
    return [AuditEntry(r[0], from_db(r[1]), r[2], r[3], json.loads(r[4]), r[5], r[6]) for r in reversed(rows)]
