"""The device's copy of the shared registry (sync.LocalReplica) and the outbox switches, over the Store.

Applying pulled changes never queues them again: each apply runs in one transaction with the
`sync.applying` row present (see sync_schema), and stores the change cursor in sync_state in that same
transaction, so a crash leaves either the changes and their cursor or neither.

Conflict rule (as the cloud documents it): the server version wins and deletion wins. A pulled person or
template overwrites the local copy; a pulled tombstone deletes it (a deleted person who still has attendance
events locally is kept deactivated, without templates or face images, so the legal record stays readable).
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from app.core.records import Person, Template
from app.core.storage.sync_groups import group_names, groups_to_push, learn_group
from app.core.storage.sync_schema import APPLYING, OUTBOX_SETTING
from app.core.storage.timeutil import from_db, now_utc, opt_from_db, to_db

if TYPE_CHECKING:
    from app.core.storage.store import Store
    from wire import schemas

log = logging.getLogger(__name__)

CHANGES_CURSOR = "cloud.changes"
ATTENDANCE_CURSOR = "cloud.attendance"
LAST_SUCCESS = "cloud.last_success"
Opener = Callable[["schemas.TemplateOut"], npt.NDArray[np.float32]]


@dataclass(frozen=True)
class SyncedTemplate:
    uuid: str
    template: Template


class StoreReplica:
    """LocalReplica over the encrypted store. `opener` decrypts end-to-end templates (TemplateSealer.open);
    without it a sealed template cannot be used here and is skipped (logged)."""

    def __init__(self, store: Store, opener: Opener | None = None) -> None:
        self.store = store
        self.opener = opener
        self.unopened = 0  # sealed templates skipped since the last reset (no or another org key)

    # --- LocalReplica ----------------------------------------------------------------------------
    def cursor(self) -> int:
        return int(self.store.get_sync_cursor(CHANGES_CURSOR) or 0)

    def apply_changes(self, changes: Sequence[schemas.Change], next_cursor: int | None) -> None:
        with self.store.tx() as conn:
            _begin_apply(conn)
            for change in changes:
                if change.kind == "person":
                    if change.deleted:
                        _delete_person(conn, str(change.uuid))
                    elif change.person is not None:
                        _upsert_person(conn, change.person)
                elif change.kind == "template":
                    if change.deleted:
                        conn.execute("DELETE FROM templates WHERE uuid = ?", (str(change.uuid),))
                    elif change.template is not None:
                        self._upsert_template(conn, change.template)
                elif change.kind == "group":
                    name = change.group.name if change.group is not None else ""
                    learn_group(conn, str(change.uuid), name, change.seq, change.deleted)
            if next_cursor is not None:
                _set_state(conn, CHANGES_CURSOR, str(next_cursor))
            _end_apply(conn)

    # --- attendance pulled from the cloud (a reporting device) -----------------------------------
    def attendance_cursor(self) -> int:
        return int(self.store.get_sync_cursor(ATTENDANCE_CURSOR) or 0)

    def apply_attendance(self, events: Sequence[schemas.AttendanceOut], next_cursor: int) -> int:
        """Insert events recorded elsewhere (kept as the cloud has them, a void included); returns how many
        were new. Events of persons this device does not hold are skipped (logged)."""
        added = 0
        with self.store.tx() as conn:
            _begin_apply(conn)
            for ev in events:
                row = conn.execute("SELECT id FROM persons WHERE uuid = ?", (str(ev.person_uuid),)).fetchone()
                if row is None:
                    log.info("attendance %s: person %s not held here; skipped", ev.uuid, ev.person_uuid)
                    continue
                cursor = conn.execute(
                    "INSERT INTO attendance_events (uuid, person_id, at_utc, tz_name, direction, "
                    "match_score, liveness_score, device_id, voided, source, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT(uuid) DO UPDATE SET voided = max(voided, excluded.voided)",
                    (
                        str(ev.uuid),
                        row[0],
                        to_db(ev.at_utc),
                        ev.tz_name,
                        ev.direction,
                        float(ev.match_score),
                        float(ev.liveness_score),
                        str(ev.device_id or "cloud"),
                        int(ev.voided),
                        ev.source,
                        to_db(now_utc()),
                    ),
                )
                added += int(cursor.rowcount > 0)
            _set_state(conn, ATTENDANCE_CURSOR, str(next_cursor))
            _end_apply(conn)
        return added

    def reset_cursors(self) -> None:
        """Pull everything again on the next pass (another service, or a new organisation key)."""
        for name in (CHANGES_CURSOR, ATTENDANCE_CURSOR):
            self.store.set_sync_cursor(name, "0")

    # --- the outbox ------------------------------------------------------------------------------
    def outbox_enabled(self) -> bool:
        return bool(self.store.get_setting(OUTBOX_SETTING, False))

    def enable_outbox(self, enabled: bool) -> int:
        """Turn the transactional outbox on (queueing what the device already holds, so that it reaches
        the cloud too: persons the server never saw, their templates, every attendance event) or off.
        Returns how many items were queued."""
        self.store.set_setting(OUTBOX_SETTING, enabled)
        if not enabled:
            return 0
        moment = to_db(now_utc())
        with self.store.tx() as conn:
            before = int(conn.execute("SELECT count(*) FROM sync_queue").fetchone()[0])
            local = "p.sync_version = 0 AND p.erased_at IS NULL"
            conn.execute(
                "INSERT OR IGNORE INTO sync_queue (kind, payload_json, idempotency_key, next_attempt_at, "
                "created_at) SELECT 'person.put', json_object('entity_uuid', p.uuid, 'ref', 1), "
                f"'person.put:' || p.uuid || ':' || p.local_rev, ?, ? FROM persons p WHERE {local} "
                "ORDER BY p.id",
                (moment, moment),
            )
            conn.execute(
                "INSERT OR IGNORE INTO sync_queue (kind, payload_json, idempotency_key, next_attempt_at, "
                "created_at) SELECT 'template.put', json_object('entity_uuid', t.uuid, "
                "'person_uuid', p.uuid, 'ref', 1), 'template.put:' || t.uuid || ':0', ?, ? FROM templates t "
                f"JOIN persons p ON p.id = t.person_id WHERE {local} ORDER BY t.id",
                (moment, moment),
            )
            conn.execute(
                "INSERT OR IGNORE INTO sync_queue (kind, payload_json, idempotency_key, next_attempt_at, "
                "created_at) SELECT 'attendance', json_object('entity_uuid', e.uuid, 'uuid', e.uuid, "
                "'person_uuid', p.uuid, 'at_utc', e.at_utc, 'tz_name', e.tz_name, 'direction', e.direction, "
                "'match_score', e.match_score, 'liveness_score', e.liveness_score, "
                "'voided', json(CASE WHEN e.voided THEN 'true' ELSE 'false' END), 'source', e.source), "
                "'attendance:' || e.uuid, ?, ? FROM attendance_events e JOIN persons p ON p.id = e.person_id "
                "ORDER BY e.at_utc, e.id",
                (moment, moment),
            )
            after = int(conn.execute("SELECT count(*) FROM sync_queue").fetchone()[0])
        return after - before

    def person_for_sync(self, person_uuid: str) -> tuple[Person, int] | None:
        """(the person as stored now, the server version this copy is: 0 = never seen by the server)."""
        with self.store.read() as conn:
            row = conn.execute(
                "SELECT uuid, external_id, name, department, groups_json, consent_at, consent_by, active, "
                "sync_version FROM persons WHERE uuid = ? AND erased_at IS NULL",
                (person_uuid,),
            ).fetchone()
        if row is None:
            return None
        person = Person(
            row[0], row[1], row[2], row[3], json.loads(row[4]), opt_from_db(row[5]), row[6], bool(row[7])
        )
        return person, int(row[8])

    def groups_to_push(self) -> list[tuple[str, str]]:
        """(uuid, name) of the groups of this device's persons that the service is not known to hold."""
        with self.store.read() as conn:
            return groups_to_push(conn)

    def template_for_sync(self, template_uuid: str) -> Template | None:
        with self.store.read() as conn:
            row = conn.execute(
                "SELECT p.uuid, t.model_id, t.model_version, t.vector, t.quality, t.frames_used, "
                "t.created_at, t.id FROM templates t JOIN persons p ON p.id = t.person_id WHERE t.uuid = ?",
                (template_uuid,),
            ).fetchone()
        if row is None:
            return None
        vector = np.frombuffer(row[3], dtype="<f4").astype(np.float32)
        return Template(row[0], row[1], row[2], vector, row[4], row[5], from_db(row[6]), row[7])

    def template_uuids(self, person_uuid: str) -> list[str]:
        with self.store.read() as conn:
            rows = conn.execute(
                "SELECT t.uuid FROM templates t JOIN persons p ON p.id = t.person_id WHERE p.uuid = ? "
                "ORDER BY t.id",
                (person_uuid,),
            ).fetchall()
        return [str(r[0]) for r in rows]

    def drop_items(self, item_ids: list[int]) -> None:
        self.store.sync_done(item_ids)

    def queue_errors(self, limit: int = 20) -> list[tuple[str, str, str]]:
        """(kind, idempotency key, last error) of queued items that failed at least once, oldest first."""
        with self.store.read() as conn:
            rows = conn.execute(
                "SELECT kind, idempotency_key, last_error FROM sync_queue WHERE attempts > 0 ORDER BY id "
                "LIMIT ?",
                (limit,),
            ).fetchall()
        return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]

    def last_success(self) -> datetime | None:
        value = self.store.get_sync_cursor(LAST_SUCCESS)
        return from_db(value) if value else None

    def set_last_success(self, moment: datetime) -> None:
        self.store.set_sync_cursor(LAST_SUCCESS, to_db(moment))

    # --- internals -------------------------------------------------------------------------------
    def _upsert_template(self, conn: Any, tpl: schemas.TemplateOut) -> None:
        uuid = str(tpl.uuid)
        if conn.execute("SELECT 1 FROM templates WHERE uuid = ?", (uuid,)).fetchone():
            return  # templates are immutable
        person = conn.execute(
            "SELECT id FROM persons WHERE uuid = ? AND erased_at IS NULL", (str(tpl.person_uuid),)
        ).fetchone()
        if person is None:
            log.warning("template %s: person %s not held here; skipped", uuid, tpl.person_uuid)
            return
        if tpl.vector_b64 is not None:
            blob = base64.b64decode(tpl.vector_b64)
        else:
            try:
                if self.opener is None:
                    raise ValueError("this device has no organisation key")
                blob = np.asarray(self.opener(tpl), dtype="<f4").tobytes()
            except Exception as exc:  # InvalidTag: another organisation key
                self.unopened += 1
                log.warning(
                    "sealed template %s cannot be opened here (%s); skipped", uuid, exc or "wrong key"
                )
                return
        vector = np.frombuffer(blob, dtype="<f4")
        if vector.size != tpl.dim or not np.all(np.isfinite(vector)):
            log.warning("template %s: malformed vector; skipped", uuid)
            return
        conn.execute(
            "INSERT INTO templates (person_id, model_id, model_version, dim, vector, quality, frames_used, "
            "created_at, uuid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                person[0],
                tpl.model_id,
                tpl.model_version,
                tpl.dim,
                blob,
                float(tpl.quality),
                int(tpl.frames_used),
                to_db(now_utc()),
                uuid,
            ),
        )


def _begin_apply(conn: Any) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO sync_state (name, cursor, updated_at) VALUES (?, '1', ?)",
        (APPLYING, to_db(now_utc())),
    )


def _end_apply(conn: Any) -> None:
    conn.execute("DELETE FROM sync_state WHERE name = ?", (APPLYING,))


def _set_state(conn: Any, name: str, value: str) -> None:
    conn.execute(
        "INSERT INTO sync_state (name, cursor, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at",
        (name, value, to_db(now_utc())),
    )


def _upsert_person(conn: Any, p: schemas.PersonOut) -> None:
    uuid = str(p.uuid)
    row = conn.execute("SELECT id, erased_at FROM persons WHERE uuid = ?", (uuid,)).fetchone()
    if row is not None and row[1] is not None:
        return  # erased here: the tombstone is on its way (outbox before pull); never bring the identity back
    external_id = p.external_id or f"cloud:{uuid}"
    clash = conn.execute(
        "SELECT 1 FROM persons WHERE external_id = ? AND uuid <> ?", (external_id, uuid)
    ).fetchone()
    if clash:
        log.warning(
            "person %s: external id %r is another person's here; kept as cloud:<uuid>", uuid, external_id
        )
        external_id = f"cloud:{uuid}"
    values = (
        external_id,
        p.name,
        p.department,
        json.dumps(group_names(conn, p.groups)),
        to_db(p.consent_at) if p.consent_at else None,
        p.consent_by,
        int(p.active),
        p.version,
        to_db(now_utc()),
    )
    if row is None:
        conn.execute(
            "INSERT INTO persons (external_id, name, department, groups_json, consent_at, consent_by, "
            "active, sync_version, updated_at, created_at, uuid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, values[-1], uuid),
        )
    else:
        conn.execute(
            "UPDATE persons SET external_id = ?, name = ?, department = ?, groups_json = ?, consent_at = ?, "
            "consent_by = ?, active = ?, sync_version = ?, updated_at = ? WHERE id = ?",
            (*values, row[0]),
        )


def _delete_person(conn: Any, uuid: str) -> None:
    row = conn.execute("SELECT id FROM persons WHERE uuid = ?", (uuid,)).fetchone()
    if row is None:
        return
    conn.execute("DELETE FROM templates WHERE person_id = ?", (row[0],))
    conn.execute("DELETE FROM face_images WHERE person_id = ?", (row[0],))
    if conn.execute("SELECT 1 FROM attendance_events WHERE person_id = ? LIMIT 1", (row[0],)).fetchone():
        conn.execute("UPDATE persons SET active = 0, updated_at = ? WHERE id = ?", (to_db(now_utc()), row[0]))
        log.info("person %s deleted in the cloud: deactivated here (attendance events kept)", uuid)
    else:
        conn.execute("DELETE FROM persons WHERE id = ?", (row[0],))
