"""Tamper evidence for the audit log beyond the hash chain.

The SHA-256 chain (storage/audit.py) catches an entry edited or removed in the middle: its hash or the
next entry's link no longer matches. It cannot by itself catch

1. the newest entries deleted (what is left is still a valid chain), nor
2. a rewrite by someone holding the database key (SHA-256 needs no secret: recompute every hash).

So verification checks two more things:

- The *head* (schema v2): table `audit_head` (count, last id, last hash), updated by a trigger in the same
  transaction as every append — it is never out of date, even after a crash. Deleting newest rows with
  plain SQL leaves the head pointing at a row that is gone.
- The *seal*: a checkpoint of the head (count, last id, last hash) with an HMAC-SHA256 made with a
  random 256-bit key, both kept in the OS keyring, outside the database file. Somebody who can edit the
  database (even with its key) but not the keyring cannot move the seal back: a deleted, altered or
  rewritten sealed entry, or the whole file rolled back to an older copy, is reported. The seal is
  advanced by `seal()` (after every audited action made through core/policy/access.py, after each retention
  run, after `audit verify`) and only when the entries since the previous seal still chain on from it,
  so tampering is never sealed over. Entries appended since the last seal are covered by the head only.

Without an OS keyring (passphrase-protected databases on headless machines) there is no seal; the head
and the chain still apply, and verification says that the seal is unavailable.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import keyring

from app.core.storage import audit, keys
from app.core.storage.errors import StorageError
from app.core.storage.timeutil import now_utc, to_db

if TYPE_CHECKING:
    from app.core.storage.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Seal:
    entries: int
    last_id: int
    last_hash: str
    sealed_at: str
    mac: str


@dataclass(frozen=True)
class AuditVerdict:
    """What `faceattend audit verify` reports. first_bad_id: the first entry found edited, missing or
    out of place (None when ok)."""

    ok: bool
    checked: int
    first_bad_id: int | None = None
    problems: list[str] = field(default_factory=list)
    seal: str = "absent"  # "ok" | "absent" (never sealed) | "unavailable" (no keyring) | "broken"


def _names(store: Store) -> tuple[str, str]:
    db_id = store.header.db_id
    return f"{db_id}:audit-seal-key", f"{db_id}:audit-seal"


def _mac(key: bytes, db_id: str, entries: int, last_id: int, last_hash: str) -> str:
    message = json.dumps([db_id, entries, last_id, last_hash], separators=(",", ":")).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _key(store: Store, create: bool) -> bytes | None:
    key_name, _ = _names(store)
    stored = keyring.get_password(keys.SERVICE, key_name)
    if stored:
        return bytes.fromhex(stored)
    if not create:
        return None
    key = secrets.token_bytes(32)
    keyring.set_password(keys.SERVICE, key_name, key.hex())
    return key


def read_seal(store: Store) -> Seal | None:
    if not keys.keyring_usable():
        return None
    raw = keyring.get_password(keys.SERVICE, _names(store)[1])
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return Seal(
            int(data["entries"]), int(data["last_id"]), str(data["last_hash"]), data["at"], data["mac"]
        )
    except (ValueError, KeyError, TypeError):
        return Seal(-1, -1, "", "", "")  # unreadable: reported as broken


def _chain_from(store: Store, start_id: int, start_hash: str) -> int | None:
    """None when the entries after `start_id` chain on from `start_hash` (and entry start_id still has
    that hash); else the first id that does not. Read in chunks (audit.check_chain)."""
    if start_id > 0 and store.audit_hash_of(start_id) != start_hash:
        return start_id
    check = audit.check_chain(store.read, start_id, start_hash)
    return None if check.ok else check.first_bad_id


def seal(store: Store, *, force: bool = False) -> bool:
    """Advance the keyring seal to the current head. Refused (False, warning logged) when the entries since
    the previous seal do not chain on from it — unless `force` (an admin re-sealing after restoring a
    backup, which is audited by the caller). False too when there is no usable keyring."""
    if not keys.keyring_usable():
        return False
    head = store.audit_stats()
    previous = read_seal(store)
    key = _key(store, create=True)
    assert key is not None
    db_id = store.header.db_id
    if previous is not None and not force:
        valid = hmac.compare_digest(
            previous.mac, _mac(key, db_id, previous.entries, previous.last_id, previous.last_hash)
        )
        start = (previous.last_id, previous.last_hash) if previous.last_id > 0 else (0, audit.GENESIS_HASH)
        if not valid or head.entries < previous.entries or _chain_from(store, *start) is not None:
            log.warning("audit log does not extend the sealed head: seal not advanced (run audit verify)")
            return False
    elif previous is None and not force and _chain_from(store, 0, audit.GENESIS_HASH) is not None:
        log.warning("audit chain broken: first seal refused (run audit verify)")
        return False
    value = {
        "entries": head.entries,
        "last_id": head.last_id,
        "last_hash": head.last_hash,
        "at": to_db(now_utc()),
        "mac": _mac(key, db_id, head.entries, head.last_id, head.last_hash),
    }
    keyring.set_password(keys.SERVICE, _names(store)[1], json.dumps(value))
    return True


def verify(store: Store) -> AuditVerdict:
    """Chain + head + seal. Read-only."""
    problems: list[str] = []
    bad: list[int] = []
    chain = store.verify_audit()
    if not chain.ok and chain.first_bad_id is not None:
        problems.append(f"entry #{chain.first_bad_id}: {chain.reason}")
        bad.append(chain.first_bad_id)
    stats, head_or_error = store.audit_stats_and_head()
    head = None if isinstance(head_or_error, StorageError) else head_or_error
    if isinstance(head_or_error, StorageError):
        problems.append(str(head_or_error))
    if head is not None:
        if stats.entries < head.entries or stats.last_id < head.last_id:
            problems.append(
                f"the newest entries were deleted: the head records {head.entries} entries up to "
                f"#{head.last_id}, "
                f"the log holds {stats.entries} up to #{stats.last_id}"
            )
            bad.append(stats.last_id + 1)
        elif (stats.entries, stats.last_id, stats.last_hash) != (head.entries, head.last_id, head.last_hash):
            problems.append(
                f"the log does not match its head (head: {head.entries} entries up to #{head.last_id}; "
                f"log: {stats.entries} up to #{stats.last_id}): entries changed or added outside the app"
            )
            bad.append(min(head.last_id, stats.last_id) or 1)
    seal_state = _check_seal(store, stats, problems, bad)
    ok = not problems
    return AuditVerdict(ok, chain.checked, min(bad) if bad else None, problems, seal_state)


def _check_seal(store: Store, stats: Any, problems: list[str], bad: list[int]) -> str:
    if not keys.keyring_usable():
        return "unavailable"
    sealed = read_seal(store)
    if sealed is None:
        return "absent"
    key = _key(store, create=False)
    db_id = store.header.db_id
    if key is None or not hmac.compare_digest(
        sealed.mac, _mac(key, db_id, sealed.entries, sealed.last_id, sealed.last_hash)
    ):
        problems.append("the keyring seal of the audit log does not verify (seal or its key was replaced)")
        return "broken"
    if sealed.last_id > 0 and store.audit_hash_of(sealed.last_id) != sealed.last_hash:
        problems.append(
            f"entry #{sealed.last_id}, sealed at {sealed.sealed_at}, is missing or changed "
            "(entries deleted, the log rewritten, or the database rolled back to an older copy)"
        )
        bad.append(sealed.last_id)
        return "broken"
    if stats.entries < sealed.entries:
        problems.append(
            f"the log holds {stats.entries} entries, fewer than the {sealed.entries} sealed at "
            f"{sealed.sealed_at}: entries were deleted"
        )
        return "broken"
    return "ok"
