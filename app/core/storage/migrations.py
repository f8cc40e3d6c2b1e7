"""Forward-only schema migrations. Append a new Migration to MIGRATIONS; never edit a released one."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.core.storage import sync_schema
from app.core.storage.errors import StorageError

log = logging.getLogger(__name__)

APPLICATION_ID = 0x46414345  # "FACE": marks the (encrypted) file as a FaceAttend database


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


_V1 = (
    """CREATE TABLE persons (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        external_id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        department TEXT NOT NULL DEFAULT '',
        groups_json TEXT NOT NULL DEFAULT '[]',
        consent_at TEXT,
        consent_by TEXT NOT NULL DEFAULT '',
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    """CREATE TABLE templates (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        model_id TEXT NOT NULL,
        model_version TEXT NOT NULL,
        dim INTEGER NOT NULL CHECK (dim > 0),
        vector BLOB NOT NULL CHECK (length(vector) = 4 * dim),
        quality REAL NOT NULL DEFAULT 0,
        frames_used INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL)""",
    "CREATE INDEX templates_model ON templates(model_id, model_version)",
    "CREATE INDEX templates_person ON templates(person_id)",
    """CREATE TABLE attendance_events (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE RESTRICT,
        at_utc TEXT NOT NULL,
        tz_name TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        match_score REAL NOT NULL,
        liveness_score REAL NOT NULL,
        device_id TEXT NOT NULL,
        voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
        source TEXT NOT NULL DEFAULT 'kiosk',
        created_at TEXT NOT NULL)""",
    "CREATE INDEX events_time ON attendance_events(at_utc)",
    "CREATE INDEX events_person_time ON attendance_events(person_id, at_utc)",
    """CREATE TABLE attendance_corrections (
        id INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL REFERENCES attendance_events(id) ON DELETE CASCADE,
        at_utc TEXT NOT NULL,
        actor TEXT NOT NULL,
        reason TEXT NOT NULL,
        before_json TEXT NOT NULL,
        after_json TEXT NOT NULL)""",
    "CREATE INDEX corrections_event ON attendance_corrections(event_id)",
    """CREATE TABLE unknown_faces (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        at_utc TEXT NOT NULL,
        device_id TEXT NOT NULL,
        thumbnail BLOB)""",
    "CREATE INDEX unknown_faces_time ON unknown_faces(at_utc)",
    """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at_utc TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        details_json TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE)""",
    """CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'hr', 'operator')),
        pin_hash TEXT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL)""",
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value_json TEXT NOT NULL, updated_at TEXT NOT NULL)",
    """CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        tz_name TEXT NOT NULL,
        registered_at TEXT NOT NULL,
        last_seen_at TEXT)""",
    """CREATE TABLE sync_queue (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL)""",
    "CREATE INDEX sync_queue_due ON sync_queue(next_attempt_at)",
    "CREATE TABLE sync_state (name TEXT PRIMARY KEY, cursor TEXT NOT NULL, updated_at TEXT NOT NULL)",
)

# v2 (issue 9, access + privacy): roles admin/enroller/hr/kiosk ("operator" becomes "enroller") and a
# lockout counter for exponential back-off; persons.erased_at (pseudonymised by a GDPR erasure); encrypted
# face images (off unless an admin enables them); the audit chain head kept by a trigger in the same
# transaction as every append, so that deleting the newest entries is detected (see storage/audit_seal.py).
_V2 = (
    """CREATE TABLE users_v2 (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'enroller', 'hr', 'kiosk')),
        pin_hash TEXT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL,
        lockouts INTEGER NOT NULL DEFAULT 0)""",
    "INSERT INTO users_v2 (id, name, role, pin_hash, failed_attempts, locked_until, created_at) "
    "SELECT id, name, CASE role WHEN 'operator' THEN 'enroller' ELSE role END, pin_hash, failed_attempts, "
    "locked_until, created_at FROM users",
    "DROP TABLE users",
    "ALTER TABLE users_v2 RENAME TO users",
    "ALTER TABLE persons ADD COLUMN erased_at TEXT",
    """CREATE TABLE face_images (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        sealed BLOB NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL)""",
    "CREATE INDEX face_images_person ON face_images(person_id)",
    """CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        entries INTEGER NOT NULL,
        last_id INTEGER NOT NULL,
        last_hash TEXT NOT NULL)""",
    "INSERT INTO audit_head (id, entries, last_id, last_hash) "
    "SELECT 1, count(*), coalesce(max(id), 0), "
    "coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), "
    "'0000000000000000000000000000000000000000000000000000000000000000') FROM audit_log",
    """CREATE TRIGGER audit_head_follow AFTER INSERT ON audit_log BEGIN
        UPDATE audit_head SET entries = entries + 1, last_id = NEW.id, last_hash = NEW.hash WHERE id = 1;
    END""",
)

# The kiosk's lateness decision at check-in (shift + grace); existing rows were not judged: 0. The sync outbox
# triggers name their columns, so they are unaffected (the wire body does not carry the flag).
_V4 = ("ALTER TABLE attendance_events ADD COLUMN late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1))",)

# Accounts (issue: user admin): a real `active` flag instead of the first version's "locked until year 9999"
# stand-in (any such account becomes active = 0 with its lock and counters cleared), and the time of the last
# successful sign-in. The sentinel is matched as text on purpose: this release's code no longer knows it.
_V5 = (
    "ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))",
    "ALTER TABLE users ADD COLUMN last_login_at TEXT",
    "UPDATE users SET active = 0, locked_until = NULL, failed_attempts = 0, lockouts = 0 "
    "WHERE locked_until LIKE '9999-%'",
)

# The kiosk's doubtful decisions for HR to confirm or void (review_items: scores only, a thumbnail only when
# the unknown-face thumbnail setting is on), the "Not me" probes kept as negative examples for a (probe,
# person) pair (the track's fused embedding only, never an image), and a template's kind: "enrol" (the anchor
# a refresh may never drift far from) or "refresh" (a new version written after a confident, live check-in).
_V7 = (
    """CREATE TABLE review_items (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        at_utc TEXT NOT NULL,
        device_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        person_id INTEGER REFERENCES persons(id) ON DELETE CASCADE,
        event_uuid TEXT,
        similarity REAL NOT NULL,
        margin REAL NOT NULL,
        threshold REAL NOT NULL,
        liveness_score REAL NOT NULL,
        thumbnail BLOB,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'voided')),
        resolved_at TEXT,
        resolved_by TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX review_items_open ON review_items(status, at_utc)",
    """CREATE TABLE recognition_negatives (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        model_id TEXT NOT NULL,
        model_version TEXT NOT NULL,
        dim INTEGER NOT NULL CHECK (dim > 0),
        vector BLOB NOT NULL CHECK (length(vector) = 4 * dim),
        review_uuid TEXT,
        created_at TEXT NOT NULL)""",
    "CREATE INDEX negatives_person ON recognition_negatives(person_id)",
    "ALTER TABLE templates ADD COLUMN kind TEXT NOT NULL DEFAULT 'enrol' "
    "CHECK (kind IN ('enrol', 'refresh'))",
)

# Per-camera calibration of the passive liveness threshold (app/core/liveness/camera_calibration.py): each
# camera's bona fide session scores (enrolments whose active challenge passed, confident live check-ins) and
# the threshold in force, so a change of it is audited once (storage/camera_calibration.py).
_V8 = (
    """CREATE TABLE camera_calibration (
        id INTEGER PRIMARY KEY,
        device_id TEXT NOT NULL,
        camera TEXT NOT NULL,
        threshold REAL,
        updated_at TEXT NOT NULL,
        UNIQUE (device_id, camera))""",
    """CREATE TABLE camera_bona_fide (
        id INTEGER PRIMARY KEY,
        camera_id INTEGER NOT NULL REFERENCES camera_calibration(id) ON DELETE CASCADE,
        source TEXT NOT NULL CHECK (source IN ('enrol', 'checkin')),
        score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
        at_utc TEXT NOT NULL)""",
    "CREATE INDEX camera_bona_fide_camera ON camera_bona_fide(camera_id, id)",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _V1),
    Migration(2, "roles, lockout back-off, erasure marker, encrypted face images, audit head", _V2),
    Migration(3, "cloud sync: template uuids, server versions, outbox triggers", sync_schema.V3),
    Migration(4, "attendance: the kiosk's late flag", _V4),
    Migration(5, "users: active flag (replaces the year-9999 lock), last sign-in time", _V5),
    Migration(6, "cloud sync: group names by group uuid", sync_schema.V6),
    Migration(7, "review queue, Not-me negatives, template refresh versions", _V7),
    Migration(8, "per-camera calibration of the passive liveness threshold", _V8),
)
LATEST_VERSION = MIGRATIONS[-1].version


def current_version(conn: Any) -> int:
    """0 for a brand-new (empty) database."""
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if row is None:
        return 0
    value = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    return int(value or 0)


def migrate(conn: Any) -> int:
    """Apply every pending migration, each in its own transaction. Returns the resulting version.

    `conn` is in autocommit mode (isolation_level=None); a failed step rolls back and raises.
    """
    version = current_version(conn)
    if version > LATEST_VERSION:
        raise StorageError(
            f"The database has schema version {version}, newer than this FaceAttend knows "
            f"({LATEST_VERSION}): "
            "update FaceAttend."
        )
    for step in MIGRATIONS:
        if step.version <= version:
            continue
        log.info("migrating database to schema %d: %s", step.version, step.description)
        conn.execute("BEGIN IMMEDIATE")
        try:
            if step.version == 1:
                conn.execute(
                    "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                    "applied_at TEXT NOT NULL)"
                )
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            for statement in step.statements:
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                (step.version, step.description, datetime.now(UTC).isoformat()),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version = step.version
    return version
