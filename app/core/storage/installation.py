"""What a restore must not lose: this installation's id and its erasure log, kept OUTSIDE the database.

- The installation id: a random uuid, stored in the database (settings row `installation.id`, so every
  backup carries it) and mirrored in a small sidecar file beside the database,
  `<db>.installation.json`. `db restore` compares the backup's id with this one and warns when the backup
  comes from another installation.
- The erasure log: for every person erased (GDPR erasure, or deleted), their uuid, the time and the mode
  — nothing else (no name, no identity). Appended to the sidecar inside the erasing transaction (so two
  processes never interleave), and present in the database's own audit log (`person.erase` /
  `person.delete`). `db restore` re-applies every logged erasure to the restored copy, so a backup taken
  before an erasure never brings the person back. (Written just before the commit: an erasure whose commit
  then fails stays logged, and the next restore carries out the request.)

The sidecar is not secret (uuids and times only) and survives a restore: the restore renames the database
and its key header aside, never this file. When the database is damaged or its key is lost, the sidecar
alone still says which installation this is and who was erased.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.storage import keys

log = logging.getLogger(__name__)

INSTALLATION_KEY = "installation.id"
SIDECAR_SUFFIX = ".installation.json"
FORMAT = "faceattend-installation"
VERSION = 1
MAX_SIDECAR_BYTES = 64 << 20  # ~ 700k erasures; anything bigger is not ours


@dataclass(frozen=True)
class Erasure:
    uuid: str
    at: str  # UTC, ISO 8601, as stored in the database
    mode: str  # "pseudonymise" (events kept, identity gone) | "delete" (events and row gone)


@dataclass
class InstallationInfo:
    installation_id: str | None = None
    erasures: dict[str, Erasure] = field(default_factory=dict)  # by person uuid, the latest wins

    def merge(self, other: InstallationInfo) -> None:
        """Add `other`'s erasures (a "delete" outranks a "pseudonymise" of the same person)."""
        for key, item in other.erasures.items():
            mine = self.erasures.get(key)
            if mine is None or (mine.mode != "delete" and item.mode == "delete"):
                self.erasures[key] = item
        if self.installation_id is None:
            self.installation_id = other.installation_id


def sidecar_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SIDECAR_SUFFIX)


def _valid_uuid(text: object) -> str | None:
    try:
        return str(uuid.UUID(str(text)))
    except ValueError:
        return None


def read_sidecar(db_path: Path) -> InstallationInfo:
    """The sidecar's content; an absent, oversized or unreadable file gives what could be read (logged)."""
    path = sidecar_path(db_path)
    info = InstallationInfo()
    try:
        if not path.is_file():
            return info
        if path.stat().st_size > MAX_SIDECAR_BYTES:
            log.warning("%s is larger than %d bytes: ignored", path, MAX_SIDECAR_BYTES)
            return info
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        log.warning("%s is unreadable (%s): ignored", path, exc)
        return info
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        log.warning("%s is not a FaceAttend installation file: ignored", path)
        return info
    info.installation_id = _valid_uuid(raw.get("installation_id")) if raw.get("installation_id") else None
    items = raw.get("erasures")
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        person = _valid_uuid(item.get("uuid"))
        mode = item.get("mode")
        if person is None or mode not in ("pseudonymise", "delete"):
            continue
        info.merge(InstallationInfo(None, {person: Erasure(person, str(item.get("at", ""))[:64], mode)}))
    return info


def write_sidecar(db_path: Path, info: InstallationInfo) -> None:
    """Atomic: temp file, fsync, rename, fsync the directory."""
    path = sidecar_path(db_path)
    body: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "note": "not secret: this installation's id; uuids of erased people, erased again after a restore",
        "installation_id": info.installation_id,
        "erasures": [e.__dict__ for e in sorted(info.erasures.values(), key=lambda e: (e.at, e.uuid))],
    }
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        json.dump(body, handle, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    keys.fsync_dir(path.parent)


def record_erasure(db_path: Path, erasure: Erasure) -> None:
    """Append one erasure to the sidecar. Called inside the erasing transaction (the database's write
    lock serialises writers); a failure is logged, not raised: the audit log holds the erasure too."""
    try:
        info = read_sidecar(db_path)
        info.erasures[erasure.uuid] = erasure
        write_sidecar(db_path, info)
    except OSError as exc:
        log.warning("erasure of %s not written to %s: %s", erasure.uuid, sidecar_path(db_path), exc)


def stored_installation_id(conn: Any) -> str | None:
    row = conn.execute("SELECT value_json FROM settings WHERE key = ?", (INSTALLATION_KEY,)).fetchone()
    if row is None:
        return None
    try:
        return _valid_uuid(json.loads(row[0]))
    except (ValueError, TypeError):
        return None


def set_installation_id(conn: Any, value: str, moment: str) -> None:
    conn.execute(
        "INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at",
        (INSTALLATION_KEY, json.dumps(value), moment),
    )


def logged_erasures(conn: Any) -> dict[str, Erasure]:
    """The erasures recorded in a database's own audit log."""
    found: dict[str, Erasure] = {}
    rows = conn.execute(
        "SELECT at_utc, action, details_json FROM audit_log "
        "WHERE action IN ('person.erase', 'person.delete') ORDER BY id"
    )
    for at, action, details_json in rows:
        try:
            details = json.loads(details_json)
        except ValueError:
            continue
        person = _valid_uuid(details.get("uuid")) if isinstance(details, dict) else None
        if person is None:
            continue
        mode = "delete" if action == "person.delete" else str(details.get("mode", "pseudonymise"))
        item = Erasure(person, str(at), mode if mode in ("delete", "pseudonymise") else "pseudonymise")
        InstallationInfo(None, found).merge(InstallationInfo(None, {person: item}))
    return found


def ensure_installation_id(conn: Any, db_path: Path, moment: str) -> str | None:
    """At every open: give the database an installation id if it has none (the sidecar's, or a new one),
    and keep the sidecar in step with the database. Writes only when something is missing, under the
    database's write lock (like record_erasure). Never fails the open (logged instead)."""
    try:
        current = stored_installation_id(conn)
        if current is not None and read_sidecar(db_path).installation_id == current:
            return current  # the usual case: nothing to write
        conn.execute("BEGIN IMMEDIATE")
        try:
            side = read_sidecar(db_path)
            current = stored_installation_id(conn)
            if current is None:
                current = side.installation_id or str(uuid.uuid4())
                set_installation_id(conn, current, moment)
            if side.installation_id != current:
                side.installation_id = current
                write_sidecar(db_path, side)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return current
    except Exception as exc:  # a read-only or full disk must not stop the database from opening
        log.warning("installation id not ensured for %s: %s", db_path, exc)
        return None
