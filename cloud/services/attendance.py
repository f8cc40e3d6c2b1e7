"""Attendance upload, idempotent by event uuid: a repeated delivery is reported as a duplicate and stored
once. Events are immutable except that a void sticks (voided wins, like deletion)."""

from __future__ import annotations

import logging
from uuid import UUID

from cloud import schemas
from cloud.db.engine import Database
from cloud.repo import attendance as repo
from cloud.services import mapping
from cloud.services.auth import DeviceContext

log = logging.getLogger(__name__)


class AttendanceService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def upload(self, ctx: DeviceContext, batch: schemas.AttendanceBatch) -> schemas.AttendanceResult:
        unique: dict[str, schemas.AttendanceIn] = {}
        for event in batch.events:
            unique.setdefault(str(event.uuid), event)
        rows = [
            {
                "org_id": ctx.org_id,
                "uuid": uuid,
                "person_uuid": str(e.person_uuid),
                "at_utc": e.at_utc,
                "tz_name": e.tz_name,
                "direction": e.direction,
                "match_score": e.match_score,
                "liveness_score": e.liveness_score,
                "voided": e.voided,
                "source": e.source,
                "device_uuid": ctx.device_uuid,
                "site_uuid": ctx.site_uuid,
            }
            for uuid, e in unique.items()
        ]
        with self._db.write(ctx.org_id) as session:
            inserted = repo.insert_new(session, rows)
            to_void = [u for u, e in unique.items() if e.voided and u not in inserted]
            voided = repo.void(session, ctx.org_id, to_void)
        log.info(
            "attendance from device %s: %d new, %d repeated",
            ctx.device_uuid,
            len(inserted),
            len(rows) - len(inserted),
        )
        order = list(unique)
        return schemas.AttendanceResult(
            accepted=[UUID(u) for u in order if u in inserted],
            duplicates=[UUID(u) for u in order if u not in inserted],
            voided=[UUID(u) for u in order if u in voided],
        )

    def page(self, ctx: DeviceContext, after: int, limit: int) -> schemas.AttendancePage:
        with self._db.read() as session:
            rows = repo.page(session, ctx.org_id, after, limit + 1)
        events = [mapping.attendance(r) for r in rows[:limit]]
        return schemas.AttendancePage(
            events=events, next_cursor=events[-1].cursor if events else after, has_more=len(rows) > limit
        )
