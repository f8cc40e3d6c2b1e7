"""The audit log: an append-only hash chain. Each entry's hash covers its content and the previous hash,
so editing or deleting an entry in the middle breaks verification from that entry on."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
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


_ROWS = "SELECT id, at_utc, actor, action, details_json, prev_hash, hash FROM audit_log"
CHUNK = 5_000  # rows per read in check_chain: the store lock is held for one read, not the whole log


def _first_bad(rows: Iterable[Sequence[Any]], prev: str) -> tuple[AuditCheck | None, str, int, int]:
    """Check `rows` (oldest first) against the hash `prev` they should chain on from. (problem or None,
    the last good hash, rows checked, last id seen)."""
    checked = 0
    last_id = 0
    for entry_id, at_text, actor, action, details_json, prev_hash, digest in rows:
        if prev_hash != prev:
            reason = "previous-hash link broken (entry removed or reordered)"
            return AuditCheck(False, checked, entry_id, reason), prev, checked, last_id
        if entry_hash(prev_hash, at_text, actor, action, details_json) != digest:
            reason = "content does not match its hash (entry altered)"
            return AuditCheck(False, checked, entry_id, reason), prev, checked, last_id
        prev = digest
        checked += 1
        last_id = int(entry_id)
    return None, prev, checked, last_id


def verify(conn: Any) -> AuditCheck:
    """The whole chain in one read (one snapshot). check_chain() gives the same answer a chunk at a time."""
    problem, _, checked, _ = _first_bad(conn.execute(f"{_ROWS} ORDER BY id"), GENESIS_HASH)
    return problem or AuditCheck(True, checked)


def check_chain(
    read: Callable[[], AbstractContextManager[Any]],
    start_id: int = 0,
    start_hash: str = GENESIS_HASH,
    chunk: int | None = None,
) -> AuditCheck:
    """The entries after `start_id` chain on from `start_hash` (from the genesis hash: the whole log).

    Reads `chunk` (default CHUNK) rows per `read()` (the store's read transaction, which holds the store
    lock) and hashes them after the lock is let go, so other store calls (the UI thread's) wait for one
    chunk at most, not for the whole log. Same verdict as verify() — an edited, removed or reordered
    entry is found at the same id — plus whatever was appended while it ran (appends only extend the
    chain)."""
    chunk = CHUNK if chunk is None else chunk
    if chunk < 1:
        raise ValueError("chunk must be at least 1")
    prev, after, checked = start_hash, start_id, 0
    while True:
        with read() as conn:
            rows = conn.execute(f"{_ROWS} WHERE id > ? ORDER BY id LIMIT ?", (after, chunk)).fetchall()
        problem, prev, done, last_id = _first_bad(rows, prev)
        if problem is not None:
            return AuditCheck(False, checked + done, problem.first_bad_id, problem.reason)
        checked += done
        if len(rows) < chunk:
            return AuditCheck(True, checked)
        after = last_id


def entries(conn: Any, limit: int) -> list[AuditEntry]:
    rows = conn.execute(
        "SELECT id, at_utc, actor, action, details_json, prev_hash, hash FROM audit_log "
        "ORDER BY id DESC LIMIT ?",
        (limit,),
    ).fetchall()
    return [AuditEntry(r[0], from_db(r[1]), r[2], r[3], json.loads(r[4]), r[5], r[6]) for r in reversed(rows)]
