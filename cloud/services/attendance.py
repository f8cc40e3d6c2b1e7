"""Attendance upload, idempotent by event uuid: a repeated delivery is reported as a duplicate and stored
once. Events are immutable except that a void sticks (voided wins, like deletion)."""

from __future__ import annotations

import logging
from uuid import UUID

from sqlalchemy.orm import Session

from cloud.db.engine import Database
from cloud.errors import InvalidError
from cloud.repo import attendance as repo
from cloud.repo import registry as registry_repo
from cloud.services import mapping
from cloud.services.auth import DeviceContext
from wire import schemas

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
            self._refuse_unknown_persons(session, ctx, unique)
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

    @staticmethod
    def _refuse_unknown_persons(
        session: Session, ctx: DeviceContext, unique: dict[str, schemas.AttendanceIn]
    ) -> None:
        """A new event must name a person the organisation has or had: an event recorded offline before the
        person was deleted elsewhere is still a real record and is kept (it carries no personal data).
        Otherwise the whole batch is refused with 422; the device then retries it event by event, so one
        bad event does not hold the others back."""
        persons = {str(e.person_uuid) for e in unique.values()}
        known = registry_repo.known_person_uuids(session, ctx.org_id, sorted(persons))
        if known == persons:
            return
        suspects = [u for u, e in unique.items() if str(e.person_uuid) not in known]
        stored = repo.stored_uuids(session, ctx.org_id, suspects)
        bad = [u for u in suspects if u not in stored]
        if bad:
            shown = ", ".join(bad[:5]) + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
            raise InvalidError(f"Attendance for a person this organisation has never had: event {shown}.")

    def page(self, ctx: DeviceContext, after: int, limit: int) -> schemas.AttendancePage:
        with self._db.read() as session:
            rows = repo.page(session, ctx.org_id, after, limit + 1)
        events = [mapping.attendance(r) for r in rows[:limit]]
        return schemas.AttendancePage(
            events=events, next_cursor=events[-1].cursor if events else after, has_more=len(rows) > limit
        )
