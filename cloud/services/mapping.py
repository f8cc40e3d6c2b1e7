"""Rows → wire schemas."""

from __future__ import annotations

import base64
from uuid import UUID

from cloud.db.tables import AttendanceRow, Device, Group, Organisation, Person, Site, Template
from wire import schemas


def organisation(org: Organisation) -> schemas.OrganisationOut:
    return schemas.OrganisationOut(
        id=UUID(org.uuid), name=org.name, end_to_end=org.end_to_end, created_at=org.created_at
    )


def site(row: Site, org_uuid: str) -> schemas.SiteOut:
    return schemas.SiteOut(
        id=UUID(row.uuid), organisation_id=UUID(org_uuid), name=row.name, tz_name=row.tz_name
    )


def device(row: Device, org_uuid: str, site_uuid: str | None) -> schemas.DeviceOut:
    return schemas.DeviceOut(
        id=UUID(row.uuid),
        organisation_id=UUID(org_uuid),
        site_id=UUID(site_uuid) if site_uuid else None,
        name=row.name,
        key_prefix=row.key_prefix,
        created_at=row.created_at,
        revoked_at=row.revoked_at,
    )


def group(row: Group) -> schemas.GroupOut:
    return schemas.GroupOut(uuid=UUID(row.uuid), name=row.name, version=row.seq, deleted=row.deleted)


def person(row: Person) -> schemas.PersonOut:
    return schemas.PersonOut(
        uuid=UUID(row.uuid),
        external_id=row.external_id,
        name=row.name,
        department=row.department,
        groups=[UUID(g) for g in row.groups or []],
        consent_at=row.consent_at,
        consent_by=row.consent_by,
        active=row.active,
        version=row.seq,
        deleted=row.deleted,
    )


def template(row: Template) -> schemas.TemplateOut:
    payload = None if row.payload is None else base64.b64encode(row.payload).decode("ascii")
    return schemas.TemplateOut(
        uuid=UUID(row.uuid),
        person_uuid=UUID(row.person_uuid),
        model_id=row.model_id,
        model_version=row.model_version,
        dim=row.dim,
        vector_b64=None if row.encrypted else payload,
        ciphertext_b64=payload if row.encrypted else None,
        key_id=row.key_id,
        quality=row.quality,
        frames_used=row.frames_used,
        version=row.seq,
        deleted=row.deleted,
    )


def change(row: Group | Person | Template) -> schemas.Change:
    if isinstance(row, Group):
        return schemas.Change(
            seq=row.seq, kind="group", uuid=UUID(row.uuid), deleted=row.deleted, group=group(row)
        )
    if isinstance(row, Person):
        return schemas.Change(
            seq=row.seq, kind="person", uuid=UUID(row.uuid), deleted=row.deleted, person=person(row)
        )
    return schemas.Change(
        seq=row.seq, kind="template", uuid=UUID(row.uuid), deleted=row.deleted, template=template(row)
    )


def attendance(row: AttendanceRow) -> schemas.AttendanceOut:
    return schemas.AttendanceOut(
        uuid=UUID(row.uuid),
        person_uuid=UUID(row.person_uuid),
        at_utc=row.at_utc,
        tz_name=row.tz_name,
        direction="in" if row.direction == "in" else "out",
        match_score=row.match_score,
        liveness_score=row.liveness_score,
        voided=row.voided,
        source=row.source,
        device_id=UUID(row.device_uuid) if row.device_uuid else None,
        site_id=UUID(row.site_uuid) if row.site_uuid else None,
        cursor=row.id,
    )
