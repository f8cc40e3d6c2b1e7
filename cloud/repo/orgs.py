"""Organisations, sites and devices."""

from __future__ import annotations

import uuid as uuidlib
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cloud.db.tables import Device, Organisation, Site


def add_organisation(session: Session, name: str, end_to_end: bool) -> Organisation:
    org = Organisation(uuid=str(uuidlib.uuid4()), name=name, end_to_end=end_to_end, change_seq=0)
    session.add(org)
    session.flush()
    return org


def organisation_by_uuid(session: Session, org_uuid: str) -> Organisation | None:
    return session.scalar(select(Organisation).where(Organisation.uuid == org_uuid))


def list_organisations(session: Session) -> list[Organisation]:
    return list(session.scalars(select(Organisation).order_by(Organisation.id)))


def next_seq(session: Session, org_id: int) -> int:
    """The organisation's next change cursor (call inside Database.write(org_id))."""
    seq = session.scalar(
        update(Organisation)
        .where(Organisation.id == org_id)
        .values(change_seq=Organisation.change_seq + 1)
        .returning(Organisation.change_seq)
    )
    assert seq is not None
    return int(seq)


def current_seq(session: Session, org_id: int) -> int:
    return int(session.scalar(select(Organisation.change_seq).where(Organisation.id == org_id)) or 0)


def add_site(session: Session, org_id: int, name: str, tz_name: str) -> Site:
    site = Site(uuid=str(uuidlib.uuid4()), org_id=org_id, name=name, tz_name=tz_name)
    session.add(site)
    session.flush()
    return site


def site_by_uuid(session: Session, org_id: int, site_uuid: str) -> Site | None:
    return session.scalar(select(Site).where(Site.org_id == org_id, Site.uuid == site_uuid))


def site_by_id(session: Session, site_id: int) -> Site | None:
    return session.get(Site, site_id)


def list_sites(session: Session, org_id: int) -> list[Site]:
    return list(session.scalars(select(Site).where(Site.org_id == org_id).order_by(Site.id)))


def add_device(
    session: Session, org_id: int, site_id: int | None, name: str, key_hash: str, key_prefix: str
) -> Device:
    device = Device(
        uuid=str(uuidlib.uuid4()),
        org_id=org_id,
        site_id=site_id,
        name=name,
        key_hash=key_hash,
        key_prefix=key_prefix,
    )
    session.add(device)
    session.flush()
    return device


def device_by_key_hash(session: Session, key_hash: str) -> tuple[Device, Organisation] | None:
    row = session.execute(
        select(Device, Organisation)
        .join(Organisation, Organisation.id == Device.org_id)
        .where(Device.key_hash == key_hash)
    ).first()
    return None if row is None else (row[0], row[1])


def device_by_uuid(session: Session, device_uuid: str) -> Device | None:
    return session.scalar(select(Device).where(Device.uuid == device_uuid))


def list_devices(session: Session, org_id: int) -> list[Device]:
    return list(session.scalars(select(Device).where(Device.org_id == org_id).order_by(Device.id)))


def revoke_device(session: Session, device_id: int, at: datetime) -> None:
    session.execute(
        update(Device).where(Device.id == device_id, Device.revoked_at.is_(None)).values(revoked_at=at)
    )
