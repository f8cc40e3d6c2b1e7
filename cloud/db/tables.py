"""ORM tables. Registry rows (groups, persons, templates) carry `seq`, the organisation's change cursor at
their last change, and `deleted`: a deleted row stays as a tombstone (payload wiped) so that sync can tell
every device about the deletion."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# BIGINT on PostgreSQL; INTEGER on SQLite so that the primary key is the auto-incrementing rowid.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, on PostgreSQL (timestamptz) and SQLite (naive text) alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Organisation(Base):
    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    end_to_end: Mapped[bool] = mapped_column(Boolean, default=False)
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Site(Base):
    __tablename__ = "sites"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    tz_name: Mapped[str] = mapped_column(String(64), default="UTC")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Device(Base):
    __tablename__ = "devices"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"), nullable=True)
    name: Mapped[str] = mapped_column(String(200))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex of the 256-bit key
    key_prefix: Mapped[str] = mapped_column(String(16))  # to tell keys apart in a list, not a secret
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class Group(Base):
    __tablename__ = "groups"
    __table_args__ = (UniqueConstraint("org_id", "uuid"), Index("ix_groups_org_seq", "org_id", "seq"))
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    uuid: Mapped[str] = mapped_column(String(36))
    name: Mapped[str] = mapped_column(String(200), default="")
    seq: Mapped[int] = mapped_column(BigInteger)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Person(Base):
    __tablename__ = "persons"
    __table_args__ = (UniqueConstraint("org_id", "uuid"), Index("ix_persons_org_seq", "org_id", "seq"))
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    uuid: Mapped[str] = mapped_column(String(36))
    external_id: Mapped[str] = mapped_column(String(200), default="")
    name: Mapped[str] = mapped_column(String(200), default="")
    department: Mapped[str] = mapped_column(String(200), default="")
    groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    consent_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    consent_by: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Template(Base):
    __tablename__ = "templates"
    __table_args__ = (
        UniqueConstraint("org_id", "uuid"),
        Index("ix_templates_org_seq", "org_id", "seq"),
        Index("ix_templates_org_person", "org_id", "person_uuid"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    uuid: Mapped[str] = mapped_column(String(36))
    person_uuid: Mapped[str] = mapped_column(String(36))
    model_id: Mapped[str] = mapped_column(String(64), default="")
    model_version: Mapped[str] = mapped_column(String(64), default="")
    dim: Mapped[int] = mapped_column(Integer, default=0)
    payload: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # float32 LE, or ciphertext
    encrypted: Mapped[bool] = mapped_column(Boolean, default=False)
    key_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    quality: Mapped[float] = mapped_column(Float, default=0.0)
    frames_used: Mapped[int] = mapped_column(Integer, default=1)
    seq: Mapped[int] = mapped_column(BigInteger)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class AttendanceRow(Base):
    __tablename__ = "attendance_events"
    __table_args__ = (UniqueConstraint("org_id", "uuid"), Index("ix_attendance_org_id", "org_id", "id"))
    id: Mapped[int] = mapped_column(BigId, primary_key=True)  # the org's paging cursor (see repo)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    uuid: Mapped[str] = mapped_column(String(36))
    person_uuid: Mapped[str] = mapped_column(String(36))
    at_utc: Mapped[datetime] = mapped_column(UtcDateTime)
    tz_name: Mapped[str] = mapped_column(String(64))
    direction: Mapped[str] = mapped_column(String(8))
    match_score: Mapped[float] = mapped_column(Float)
    liveness_score: Mapped[float] = mapped_column(Float)
    voided: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(64))
    device_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True)
    site_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
