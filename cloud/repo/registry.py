"""Groups, persons, templates and the change feed built from their `seq` columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.db.tables import Group, Person, Template

Entity = TypeVar("Entity", Group, Person, Template)


def get(session: Session, table: type[Entity], org_id: int, uuid: str) -> Entity | None:
    return session.scalar(select(table).where(table.org_id == org_id, table.uuid == uuid))


def known_person_uuids(session: Session, org_id: int, uuids: Sequence[str]) -> set[str]:
    """Those of `uuids` that are persons of the organisation, live or deleted (a tombstone)."""
    if not uuids:
        return set()
    query = select(Person.uuid).where(Person.org_id == org_id, Person.uuid.in_(list(uuids)))
    return set(session.scalars(query))


def add(session: Session, row: Group | Person | Template) -> None:
    session.add(row)
    session.flush()


def templates_of_person(
    session: Session, org_id: int, person_uuid: str, live_only: bool = True
) -> list[Template]:
    query = select(Template).where(Template.org_id == org_id, Template.person_uuid == person_uuid)
    if live_only:
        query = query.where(Template.deleted.is_(False))
    return list(session.scalars(query.order_by(Template.id)))


def changed_since(
    session: Session, org_id: int, since: int, upto: int, limit: int
) -> list[Group | Person | Template]:
    """Up to `limit` rows of the three registry tables with since < seq <= upto, in seq order.

    `upto` is the organisation's cursor read first: every change numbered up to it has committed, so the
    three queries agree even when they see different snapshots."""
    rows: list[Group | Person | Template] = []
    for table in (Group, Person, Template):
        found: Sequence[Group | Person | Template] = session.scalars(  # type: ignore[assignment]
            select(table)
            .where(table.org_id == org_id, table.seq > since, table.seq <= upto)
            .order_by(table.seq)
            .limit(limit)
        ).all()
        rows.extend(found)
    rows.sort(key=lambda row: row.seq)
    return rows[:limit]


def template_rows_since(
    session: Session, org_id: int, since: int, upto: int, model: tuple[str, str, int]
) -> list[tuple[str, str, bytes | None, bool]]:
    """(uuid, person_uuid, payload, deleted) of plaintext templates of one (model id, version, dim) with
    since < seq <= upto."""
    model_id, model_version, dim = model
    query = select(Template.uuid, Template.person_uuid, Template.payload, Template.deleted).where(
        Template.org_id == org_id,
        Template.seq > since,
        Template.seq <= upto,
        Template.model_id == model_id,
        Template.model_version == model_version,
        Template.dim == dim,
        Template.encrypted.is_(False),
    )
    return [(r[0], r[1], r[2], bool(r[3])) for r in session.execute(query.order_by(Template.seq))]
