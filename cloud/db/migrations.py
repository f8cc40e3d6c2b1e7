"""Simple versioned migrations: `schema_version` holds the applied versions; each step runs once, in order,
in its own transaction. Append steps; never edit one that has shipped."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Column, Connection, Engine, Integer, MetaData, String, Table, insert, select

from cloud.db.tables import Base

log = logging.getLogger(__name__)

_meta = MetaData()
schema_version = Table(
    "schema_version",
    _meta,
    Column("version", Integer, primary_key=True),
    Column("description", String(200), nullable=False),
)


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _v1_initial(conn: Connection) -> None:
    Base.metadata.create_all(conn)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "organisations, sites, devices, groups, persons, templates, attendance", _v1_initial),
)


def migrate(engine: Engine) -> int:
    """Bring the database up to the newest version; returns it."""
    _meta.create_all(engine)
    with engine.connect() as conn:
        applied = set(conn.scalars(select(schema_version.c.version)))
    for step in MIGRATIONS:
        if step.version in applied:
            continue
        with engine.begin() as conn:
            step.apply(conn)
            conn.execute(insert(schema_version).values(version=step.version, description=step.description))
        log.info("applied migration %d: %s", step.version, step.description)
    return MIGRATIONS[-1].version
