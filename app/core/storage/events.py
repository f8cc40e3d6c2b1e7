"""Attendance events: recording, queries, HR corrections (the original is kept), retention purge."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

from app.core.records import AttendanceEvent, Direction, EventCorrection
from app.core.storage import audit
from app.core.storage.errors import NotFoundError, StorageError
from app.core.storage.rows import person_row_id
from app.core.storage.services import ServiceTables
from app.core.storage.timeutil import from_db, now_utc, to_db

log = logging.getLogger(__name__)

_EVENT_COLS = (
    "e.uuid, p.uuid, e.at_utc, e.tz_name, e.direction, e.match_score, e.liveness_score, e.device_id, "
    "e.voided, e.source, e.id, e.late"
)


def _event(row: Sequence[Any]) -> AttendanceEvent:
    return AttendanceEvent(
        row[0],
        row[1],
        from_db(row[2]),
        row[3],
        Direction(row[4]),
        row[5],
        row[6],
        row[7],
        bool(row[8]),
        row[9],
        row[10],
        bool(row[11]),
    )


class EventTables(ServiceTables):
    # --- attendance events ---------------------------------------------------------------------
    def add_event(self, event: AttendanceEvent) -> int:
        """Record an event; when this returns the event is durable (synchronous=FULL)."""
        with self.tx() as conn:
            return self._insert_event(conn, event)

    def _insert_event(self, conn: Any, event: AttendanceEvent) -> int:
        person_id = person_row_id(conn, event.person_uuid)
        cursor = conn.execute(
            "INSERT INTO attendance_events (uuid, person_id, at_utc, tz_name, direction, match_score, "
            "liveness_score, device_id, voided, source, created_at, late) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                event.uuid,
                person_id,
                to_db(event.at_utc),
                event.tz_name,
                Direction(event.direction).value,
                float(event.match_score),
                float(event.liveness_score),
                event.device_id,
                int(event.voided),
                event.source,
                to_db(now_utc()),
                int(bool(event.late)),
            ),
        )
        event.id = int(cursor.lastrowid)
        return event.id

    def get_event(self, event_uuid: str) -> AttendanceEvent | None:
        with self.read() as conn:
            row = conn.execute(
                f"SELECT {_EVENT_COLS} FROM attendance_events e JOIN persons p ON p.id = e.person_id "
                "WHERE e.uuid = ?",
                (event_uuid,),
            ).fetchone()
        return None if row is None else _event(row)

    def list_events(
        self,
        start: datetime | None = None,
        end: datetime | None = None,
        person_uuid: str | None = None,
        include_voided: bool = False,
    ) -> list[AttendanceEvent]:
        """Events with start <= at_utc < end, oldest first."""
        clauses, params = ["e.at_utc >= ?"], [to_db(start) if start else ""]
        if end is not None:
            clauses.append("e.at_utc < ?")
            params.append(to_db(end))
        if person_uuid is not None:
            clauses.append("p.uuid = ?")
            params.append(person_uuid)
        if not include_voided:
            clauses.append("e.voided = 0")
        sql = (
            f"SELECT {_EVENT_COLS} FROM attendance_events e JOIN persons p ON p.id = e.person_id "
            f"WHERE {' AND '.join(clauses)} ORDER BY e.at_utc, e.id"
        )
        with self.read() as conn:
            return [_event(r) for r in conn.execute(sql, params)]

    def change_stamp(self) -> tuple[int, int]:
        """A cheap "has anything changed?" value: (PRAGMA data_version, changes made through this
        connection). It differs from an earlier value once anything was committed to the database, by this
        process (the kiosk on this context, the sync thread) or by another (a kiosk process, a CLI import):
        SQLite bumps data_version when another connection commits."""
        with self._lock:
            if self._conn is None:
                raise StorageError("The database is closed.")
            version = self._conn.execute("PRAGMA data_version").fetchone()[0]
            return int(version), int(self._conn.total_changes)

    def count_unknown_faces(self, since: datetime) -> int:
        """Unknown-face events at or after `since`."""
        with self.read() as conn:
            row = conn.execute(
                "SELECT count(*) FROM unknown_faces WHERE at_utc >= ?", (to_db(since),)
            ).fetchone()
        return int(row[0])

    def last_event(self, person_uuid: str) -> AttendanceEvent | None:
        """The person's latest non-voided event (to decide in/out)."""
        with self.read() as conn:
            row = conn.execute(
                f"SELECT {_EVENT_COLS} FROM attendance_events e JOIN persons p ON p.id = e.person_id "
                "WHERE p.uuid = ? AND e.voided = 0 ORDER BY e.at_utc DESC, e.id DESC LIMIT 1",
                (person_uuid,),
            ).fetchone()
        return None if row is None else _event(row)

    def correct_event(
        self,
        event_uuid: str,
        actor: str,
        reason: str,
        *,
        direction: Direction | None = None,
        at_utc: datetime | None = None,
        voided: bool | None = None,
    ) -> AttendanceEvent:
        """An HR correction: the event shows the new values; the correction row keeps the old ones,
        and the audit log records who did it and why."""
        if not reason.strip():
            raise ValueError("a correction needs a reason")
        with self.tx() as conn:
            return self._correct(conn, event_uuid, actor, reason, direction, at_utc, voided)

    def write_correction(
        self,
        actor: str,
        reason: str,
        *,
        void_uuid: str | None = None,
        added: AttendanceEvent | None = None,
        action: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        """A planned HR correction (app/core/reports/corrections.py) in ONE transaction: the original event
        `void_uuid` is voided and kept (its correction row and "event.correct" audit entry keep the old
        values), the replacement or added event `added` is inserted, and — with `action` — the correction's
        own audit entry is appended; the sync outbox rows the triggers queue are part of it. All or nothing.

        Refused (StorageError) when `void_uuid` is already void: another correction got there first."""
        if not reason.strip():
            raise ValueError("a correction needs a reason")
        added_id = added.id if added is not None else None
        try:
            self._write_correction(actor, reason, void_uuid, added, action, details)
        except BaseException:
            if added is not None:
                added.id = added_id  # the rolled-back insert never happened
            raise

    def _write_correction(
        self,
        actor: str,
        reason: str,
        void_uuid: str | None,
        added: AttendanceEvent | None,
        action: str | None,
        details: dict[str, Any] | None,
    ) -> None:
        with self.tx() as conn:
            if void_uuid is not None:
                row = conn.execute(
                    "SELECT voided FROM attendance_events WHERE uuid = ?", (void_uuid,)
                ).fetchone()
                if row is not None and row[0]:
                    raise StorageError(
                        f"The event {void_uuid} is already void (corrected meanwhile); nothing was changed."
                    )
                self._correct(conn, void_uuid, actor, reason, None, None, True)
            if added is not None:
                self._insert_event(conn, added)
            if action is not None:
                audit.append(conn, now_utc(), actor, action, details or {})

    def _correct(
        self,
        conn: Any,
        event_uuid: str,
        actor: str,
        reason: str,
        direction: Direction | None,
        at_utc: datetime | None,
        voided: bool | None,
    ) -> AttendanceEvent:
        row = conn.execute(
            f"SELECT {_EVENT_COLS} FROM attendance_events e JOIN persons p ON p.id = e.person_id "
            "WHERE e.uuid = ?",
            (event_uuid,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"No attendance event {event_uuid}.")
        old = _event(row)
        new = AttendanceEvent(**{**asdict(old), "direction": old.direction})
        if direction is not None:
            new.direction = Direction(direction)
        if at_utc is not None:
            new.at_utc = from_db(to_db(at_utc))
        if voided is not None:
            new.voided = voided
        before = {"direction": old.direction.value, "at_utc": to_db(old.at_utc), "voided": old.voided}
        after = {"direction": new.direction.value, "at_utc": to_db(new.at_utc), "voided": new.voided}
        conn.execute(
            "UPDATE attendance_events SET direction = ?, at_utc = ?, voided = ? WHERE id = ?",
            (after["direction"], after["at_utc"], int(new.voided), old.id),
        )
        moment = now_utc()
        conn.execute(
            "INSERT INTO attendance_corrections "
            "(event_id, at_utc, actor, reason, before_json, after_json) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (old.id, to_db(moment), actor, reason, json.dumps(before), json.dumps(after)),
        )
        audit.append(
            conn,
            moment,
            actor,
            "event.correct",
            {"event": event_uuid, "reason": reason, "before": before, "after": after},
        )
        return new

    def corrections(self, event_uuid: str) -> list[EventCorrection]:
        with self.read() as conn:
            rows = conn.execute(
                "SELECT c.at_utc, c.actor, c.reason, c.before_json, c.after_json, c.id "
                "FROM attendance_corrections c "
                "JOIN attendance_events e ON e.id = c.event_id WHERE e.uuid = ? ORDER BY c.id",
                (event_uuid,),
            ).fetchall()
        return [
            EventCorrection(event_uuid, from_db(r[0]), r[1], r[2], json.loads(r[3]), json.loads(r[4]), r[5])
            for r in rows
        ]

    # --- retention -----------------------------------------------------------------------------
    def purge_events_older_than(
        self, days: int, now: datetime | None = None, actor: str = "retention"
    ) -> dict[str, int]:
        """Delete attendance events (with their corrections) and unknown-face events older than `days`.

        The app calls this daily. Returns counts; the purge is written to the audit log.
        """
        if days < 1:
            raise ValueError("retention must be at least one day")
        moment = now or now_utc()
        cutoff = to_db(moment - timedelta(days=days))
        with self.tx() as conn:
            events = conn.execute("DELETE FROM attendance_events WHERE at_utc < ?", (cutoff,)).rowcount
            faces = conn.execute("DELETE FROM unknown_faces WHERE at_utc < ?", (cutoff,)).rowcount
            counts = {"attendance_events": int(events), "unknown_faces": int(faces)}
            audit.append(
                conn, moment, actor, "retention.purge", {"older_than_days": days, "cutoff": cutoff, **counts}
            )
        log.info("retention purge (%d days): %s", days, counts)
        return counts
