"""Attendance events: insert-if-absent by (organisation, event uuid), and paging by row id."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from cloud.db.tables import AttendanceRow


def insert_new(session: Session, rows: list[dict[str, Any]]) -> set[str]:
    """Insert rows whose (org_id, uuid) is not stored yet; returns the uuids actually inserted."""
    if not rows:
        return set()
    dialect = session.get_bind().dialect.name
    builder = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = (
        builder(AttendanceRow)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["org_id", "uuid"])
        .returning(AttendanceRow.uuid)
    )
    return set(session.scalars(stmt))


def stored_uuids(session: Session, org_id: int, uuids: list[str]) -> set[str]:
    """Those of the event `uuids` the organisation has stored already."""
    if not uuids:
        return set()
    query = select(AttendanceRow.uuid).where(AttendanceRow.org_id == org_id, AttendanceRow.uuid.in_(uuids))
    return set(session.scalars(query))


def void(session: Session, org_id: int, uuids: list[str]) -> set[str]:
    """Mark stored, not yet voided events as voided; returns those that changed."""
    if not uuids:
        return set()
    stmt = (
        update(AttendanceRow)
        .where(AttendanceRow.org_id == org_id, AttendanceRow.uuid.in_(uuids), AttendanceRow.voided.is_(False))
        .values(voided=True)
        .returning(AttendanceRow.uuid)
    )
    return set(session.scalars(stmt))


def page(session: Session, org_id: int, after: int, limit: int) -> list[AttendanceRow]:
    query = (
        select(AttendanceRow)
        .where(AttendanceRow.org_id == org_id, AttendanceRow.id > after)
        .order_by(AttendanceRow.id)
        .limit(limit)
    )
    return list(session.scalars(query))
