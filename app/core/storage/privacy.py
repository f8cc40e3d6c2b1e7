"""Tables for access control and privacy (schema v2): user administration, the audit chain head, GDPR
erasure, retention by category, encrypted face images, and the queries behind a person's data export.

The rules (who may, when, what is kept) live in core/policy/access.py and core/people/privacy.py; this module
only runs the SQL, each operation in one transaction together with its audit entry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from app.core.records import AuditEntry
from app.core.storage import audit, installation
from app.core.storage.errors import NotFoundError, StorageError
from app.core.storage.events import EventTables
from app.core.storage.services import ROLES, _hasher
from app.core.storage.timeutil import from_db, now_utc, opt_from_db, to_db

ERASED_NAME = "[erased]"
ERASED_PREFIX = "erased:"  # external_id of a pseudonymised person: "erased:<uuid>" (unique, no identity)
TOMBSTONE_KIND = "person.delete"
# Queued uploads that carry a person's identity or biometrics: dropped when the person is erased.
_PERSONAL_SYNC_KINDS = ("person.put", "template.put", "template.delete")


@dataclass(frozen=True)
class AuditHead:
    entries: int
    last_id: int
    last_hash: str


@dataclass(frozen=True)
class FaceImageInfo:
    id: int
    person_uuid: str
    created_at: datetime
    created_by: str
    size: int  # bytes of the sealed (encrypted) blob


@dataclass(frozen=True)
class ErasureCounts:
    templates: int
    images: int
    events: int  # deleted (mode "delete") or kept pseudonymised (mode "pseudonymise")
    sync_dropped: int
    mode: str


def tombstone_key(person_uuid: str) -> str:
    """A fixed idempotency key per person (the one the v3 outbox trigger uses too): one tombstone, however
    often the person is erased or deleted."""
    return f"person.delete:{person_uuid}"


class PrivacyTables(EventTables):
    # the database whose sidecar logs erasures (storage/installation.py); None: a copy being restored
    erasure_log: Path | None = None

    # --- users ---------------------------------------------------------------------------------
    def count_users(self, role: str | None = None) -> int:
        sql, params = "SELECT count(*) FROM users", tuple[str, ...]()
        if role is not None:
            sql, params = sql + " WHERE role = ?", (role,)
        with self.read() as conn:
            return int(conn.execute(sql, params).fetchone()[0])

    def set_user_pin(self, name: str, pin: str, actor: str) -> None:
        """A new PIN (policy checked by the caller); clears failures, lock and back-off."""
        pin_hash = _hasher.hash(pin)
        with self.tx() as conn:
            cursor = conn.execute(
                "UPDATE users SET pin_hash = ?, failed_attempts = 0, locked_until = NULL, lockouts = 0 "
                "WHERE name = ?",
                (pin_hash, name),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"No user named {name!r}.")
            audit.append(conn, now_utc(), actor, "user.reset_pin", {"name": name})

    def set_user_role(self, name: str, role: str, actor: str) -> None:
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}")
        with self.tx() as conn:
            if conn.execute("UPDATE users SET role = ? WHERE name = ?", (role, name)).rowcount == 0:
                raise NotFoundError(f"No user named {name!r}.")
            audit.append(conn, now_utc(), actor, "user.role", {"name": name, "role": role})

    def delete_user(self, name: str, actor: str) -> None:
        with self.tx() as conn:
            if conn.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount == 0:
                raise NotFoundError(f"No user named {name!r}.")
            audit.append(conn, now_utc(), actor, "user.delete", {"name": name})

    def user_lockouts(self, name: str) -> int:
        """How many times in a row the account was locked (drives the back-off)."""
        with self.read() as conn:
            row = conn.execute("SELECT lockouts FROM users WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise NotFoundError(f"No user named {name!r}.")
        return int(row[0])

    # --- audit log -----------------------------------------------------------------------------
    def audit_head(self) -> AuditHead:
        """The chain head kept by the trigger (same transaction as every append)."""
        with self.read() as conn:
            return _audit_head(conn)

    def audit_stats(self) -> AuditHead:
        """What the log holds now: (count, max id, hash of the newest row)."""
        with self.read() as conn:
            return _audit_stats(conn)

    def audit_stats_and_head(self) -> tuple[AuditHead, AuditHead | StorageError]:
        """Both from ONE snapshot, so an entry appended meanwhile (by this or another process, e.g. a kiosk)
        cannot make the log and its head disagree. A missing head comes back as the error, not raised."""
        with self.read() as conn:
            stats = _audit_stats(conn)
            try:
                head: AuditHead | StorageError = _audit_head(conn)
            except StorageError as exc:
                head = exc
        return stats, head

    def audit_hash_of(self, entry_id: int) -> str | None:
        with self.read() as conn:
            row = conn.execute("SELECT hash FROM audit_log WHERE id = ?", (entry_id,)).fetchone()
        return None if row is None else str(row[0])

    def all_audit_entries(self, after_id: int = 0, limit: int = 10_000) -> list[AuditEntry]:
        """Oldest first, in pages: call again with after_id = the last id seen."""
        with self.read() as conn:
            rows = conn.execute(
                "SELECT id, at_utc, actor, action, details_json, prev_hash, hash FROM audit_log "
                "WHERE id > ? ORDER BY id LIMIT ?",
                (after_id, limit),
            ).fetchall()
        return [AuditEntry(r[0], from_db(r[1]), r[2], r[3], json.loads(r[4]), r[5], r[6]) for r in rows]

    def audit_entries_about(self, *ids: str) -> list[AuditEntry]:
        """Entries whose details mention any of `ids` (a person's uuid, their events' uuids), oldest first."""
        found: dict[int, AuditEntry] = {}
        wanted = [i for i in dict.fromkeys(ids) if i]
        for start in range(0, len(wanted), 200):
            chunk = wanted[start : start + 200]
            where = " OR ".join(["instr(details_json, ?) > 0"] * len(chunk))
            with self.read() as conn:
                rows = conn.execute(
                    "SELECT id, at_utc, actor, action, details_json, prev_hash, hash FROM audit_log "
                    f"WHERE {where} ORDER BY id",
                    chunk,
                ).fetchall()
            for r in rows:
                found[r[0]] = AuditEntry(r[0], from_db(r[1]), r[2], r[3], json.loads(r[4]), r[5], r[6])
        return [found[k] for k in sorted(found)]

    # --- erasure (GDPR art. 17) ----------------------------------------------------------------
    def person_erased_at(self, person_uuid: str) -> datetime | None:
        with self.read() as conn:
            row = conn.execute("SELECT erased_at FROM persons WHERE uuid = ?", (person_uuid,)).fetchone()
        if row is None:
            raise NotFoundError(f"No person with uuid {person_uuid}.")
        return opt_from_db(row[0])

    def erase_person(
        self, person_uuid: str, actor: str, *, delete_events: bool, now: datetime | None = None
    ) -> ErasureCounts:
        """Remove the person's biometric data (templates, face images) and identity, atomically, with a
        tombstone queued for the cloud and one audit entry. With delete_events the attendance events (and
        their corrections) and the person row go too; otherwise the events stay attached to a pseudonymous
        "[erased]" row (see app/core/people/privacy.py for when each applies)."""
        moment = now or now_utc()
        mode = "delete" if delete_events else "pseudonymise"
        with self.tx() as conn:
            row = conn.execute("SELECT id FROM persons WHERE uuid = ?", (person_uuid,)).fetchone()
            if row is None:
                raise NotFoundError(f"No person with uuid {person_uuid}.")
            person_id = int(row[0])
            templates = conn.execute("DELETE FROM templates WHERE person_id = ?", (person_id,)).rowcount
            images = conn.execute("DELETE FROM face_images WHERE person_id = ?", (person_id,)).rowcount
            conn.execute("DELETE FROM recognition_negatives WHERE person_id = ?", (person_id,))
            conn.execute("UPDATE review_items SET thumbnail = NULL WHERE person_id = ?", (person_id,))
            if delete_events:
                events = conn.execute(
                    "DELETE FROM attendance_events WHERE person_id = ?", (person_id,)
                ).rowcount
                conn.execute("DELETE FROM persons WHERE id = ?", (person_id,))
            else:
                events = conn.execute(
                    "SELECT count(*) FROM attendance_events WHERE person_id = ?", (person_id,)
                ).fetchone()[0]
                conn.execute(
                    "UPDATE persons SET name = ?, external_id = ?, department = '', groups_json = '[]', "
                    "consent_at = NULL, consent_by = '', active = 0, erased_at = ?, updated_at = ? "
                    "WHERE id = ?",
                    (ERASED_NAME, ERASED_PREFIX + person_uuid, to_db(moment), to_db(moment), person_id),
                )
            marks = ",".join("?" * len(_PERSONAL_SYNC_KINDS))
            dropped = conn.execute(
                f"DELETE FROM sync_queue WHERE kind IN ({marks}) AND instr(payload_json, ?) > 0",
                (*_PERSONAL_SYNC_KINDS, person_uuid),
            ).rowcount
            payload = {"uuid": person_uuid, "entity_uuid": person_uuid, "erased_at": to_db(moment)}
            conn.execute(
                "INSERT OR IGNORE INTO sync_queue "
                "(kind, payload_json, idempotency_key, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?)",
                (
                    TOMBSTONE_KIND,
                    json.dumps(payload),
                    tombstone_key(person_uuid),
                    to_db(moment),
                    to_db(moment),
                ),
            )
            counts = ErasureCounts(int(templates), int(images), int(events), int(dropped), mode)
            audit.append(
                conn,
                moment,
                actor,
                "person.erase",
                {
                    "uuid": person_uuid,
                    "mode": mode,
                    "templates": counts.templates,
                    "images": counts.images,
                    "events": counts.events,
                },
            )
            if self.erasure_log is not None:
                entry = installation.Erasure(person_uuid, to_db(moment), mode)
                installation.record_erasure(self.erasure_log, entry)
        return counts

    # --- retention -----------------------------------------------------------------------------
    def purge_retention(
        self,
        now: datetime,
        *,
        attendance_days: int,
        unknown_face_days: int,
        inactive_template_days: int,
        actor: str = "retention",
    ) -> dict[str, int]:
        """One retention run, one transaction, one audit entry. A period of 0 keeps that category.

        - attendance events (with their corrections) older than attendance_days;
        - unknown-face events (with thumbnails) older than unknown_face_days;
        - templates and face images of people deactivated (or erased) with no change and no attendance
          for inactive_template_days; pseudonymised rows left without events are removed.
        """
        counts = {"attendance_events": 0, "unknown_faces": 0, "inactive_templates": 0, "face_images": 0}
        counts["erased_rows"] = 0
        periods: dict[str, Any] = {}
        with self.tx() as conn:
            if attendance_days > 0:
                cutoff = to_db(now - timedelta(days=attendance_days))
                periods["attendance_cutoff"] = cutoff
                counts["attendance_events"] = int(
                    conn.execute("DELETE FROM attendance_events WHERE at_utc < ?", (cutoff,)).rowcount
                )
            if unknown_face_days > 0:
                cutoff = to_db(now - timedelta(days=unknown_face_days))
                periods["unknown_face_cutoff"] = cutoff
                counts["unknown_faces"] = int(
                    conn.execute("DELETE FROM unknown_faces WHERE at_utc < ?", (cutoff,)).rowcount
                )
            if inactive_template_days > 0:
                cutoff = to_db(now - timedelta(days=inactive_template_days))
                periods["inactive_cutoff"] = cutoff
                stale = (
                    "SELECT p.id FROM persons p WHERE p.active = 0 AND p.updated_at < ? AND NOT EXISTS "
                    "(SELECT 1 FROM attendance_events e WHERE e.person_id = p.id AND e.at_utc >= ?)"
                )
                counts["inactive_templates"] = int(
                    conn.execute(
                        f"DELETE FROM templates WHERE person_id IN ({stale})", (cutoff, cutoff)
                    ).rowcount
                )
                counts["face_images"] = int(
                    conn.execute(
                        f"DELETE FROM face_images WHERE person_id IN ({stale})", (cutoff, cutoff)
                    ).rowcount
                )
            counts["erased_rows"] = int(
                conn.execute(
                    "DELETE FROM persons WHERE erased_at IS NOT NULL AND NOT EXISTS "
                    "(SELECT 1 FROM attendance_events e WHERE e.person_id = persons.id)"
                ).rowcount
            )
            audit.append(
                conn,
                now,
                actor,
                "retention.purge",
                {
                    "attendance_days": attendance_days,
                    "unknown_face_days": unknown_face_days,
                    "inactive_template_days": inactive_template_days,
                    **periods,
                    **counts,
                },
            )
        return counts

    # --- face images (stored only when enabled, always sealed by the caller) ---------------------
    def add_face_image(self, person_uuid: str, sealed: bytes, actor: str) -> int:
        with self.tx() as conn:
            row = conn.execute("SELECT id FROM persons WHERE uuid = ?", (person_uuid,)).fetchone()
            if row is None:
                raise NotFoundError(f"No person with uuid {person_uuid}.")
            moment = now_utc()
            cursor = conn.execute(
                "INSERT INTO face_images (person_id, sealed, created_at, created_by) VALUES (?, ?, ?, ?)",
                (row[0], sealed, to_db(moment), actor),
            )
            image_id = int(cursor.lastrowid)
            audit.append(conn, moment, actor, "person.image_add", {"uuid": person_uuid, "image": image_id})
        return image_id

    def face_images_for(self, person_uuid: str) -> list[FaceImageInfo]:
        with self.read() as conn:
            rows = conn.execute(
                "SELECT i.id, i.created_at, i.created_by, length(i.sealed) FROM face_images i "
                "JOIN persons p ON p.id = i.person_id WHERE p.uuid = ? ORDER BY i.id",
                (person_uuid,),
            ).fetchall()
        return [FaceImageInfo(r[0], person_uuid, from_db(r[1]), r[2], int(r[3])) for r in rows]

    def get_face_image(self, image_id: int) -> bytes:
        with self.read() as conn:
            row = conn.execute("SELECT sealed FROM face_images WHERE id = ?", (image_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"No face image {image_id}.")
        return bytes(row[0])

    def count_face_images(self) -> int:
        with self.read() as conn:
            return int(conn.execute("SELECT count(*) FROM face_images").fetchone()[0])


def _audit_head(conn: Any) -> AuditHead:
    row = conn.execute("SELECT entries, last_id, last_hash FROM audit_head WHERE id = 1").fetchone()
    if row is None:
        raise StorageError("The audit head row is missing: the audit log was tampered with.")
    return AuditHead(int(row[0]), int(row[1]), str(row[2]))


def _audit_stats(conn: Any) -> AuditHead:
    count, last_id = conn.execute("SELECT count(*), coalesce(max(id), 0) FROM audit_log").fetchone()
    row = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return AuditHead(int(count), int(last_id), str(row[0]) if row else audit.GENESIS_HASH)
