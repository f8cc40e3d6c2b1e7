"""Device endpoints for attendance events."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from cloud.api.deps import DeviceDep, ServicesDep
from wire import schemas

router = APIRouter(prefix="/v1", tags=["attendance"])


@router.post("/attendance")
def upload_attendance(
    body: schemas.AttendanceBatch, ctx: DeviceDep, svc: ServicesDep
) -> schemas.AttendanceResult:
    """Idempotent by event uuid: a repeated delivery is listed under `duplicates` and stored once."""
    return svc.attendance.upload(ctx, body)


@router.get("/attendance")
def list_attendance(
    ctx: DeviceDep,
    svc: ServicesDep,
    after: Annotated[int, Query(ge=0, le=schemas.MAX_SEQ)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> schemas.AttendancePage:
    """The organisation's events from every site, in arrival order, after cursor `after`."""
    return svc.attendance.page(ctx, after, limit)
