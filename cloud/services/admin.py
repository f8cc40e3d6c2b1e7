"""Admin use cases: organisations, sites, devices (an API key is returned once, only its hash is kept)."""

from __future__ import annotations

import logging
from uuid import UUID

from sqlalchemy.orm import Session

from cloud.db.engine import Database
from cloud.db.tables import Organisation, utcnow
from cloud.errors import NotFoundError
from cloud.repo import orgs as repo
from cloud.services import mapping
from cloud.services.auth import hash_key, new_api_key
from wire import schemas

log = logging.getLogger(__name__)


class AdminService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def create_organisation(self, body: schemas.OrganisationCreate) -> schemas.OrganisationOut:
        with self._db.write() as session:
            org = repo.add_organisation(session, body.name, body.end_to_end)
            log.info("organisation %s created (end_to_end=%s)", org.uuid, org.end_to_end)
            return mapping.organisation(org)

    def list_organisations(self) -> list[schemas.OrganisationOut]:
        with self._db.read() as session:
            return [mapping.organisation(o) for o in repo.list_organisations(session)]

    @staticmethod
    def _org(session: Session, org_id: UUID) -> Organisation:
        org = repo.organisation_by_uuid(session, str(org_id))
        if org is None:
            raise NotFoundError(f"No organisation {org_id}.")
        return org

    def create_site(self, org_id: UUID, body: schemas.SiteCreate) -> schemas.SiteOut:
        with self._db.write() as session:
            org = self._org(session, org_id)
            return mapping.site(repo.add_site(session, org.id, body.name, body.tz_name), org.uuid)

    def list_sites(self, org_id: UUID) -> list[schemas.SiteOut]:
        with self._db.read() as session:
            org = self._org(session, org_id)
            return [mapping.site(s, org.uuid) for s in repo.list_sites(session, org.id)]

    def create_device(self, org_id: UUID, body: schemas.DeviceCreate) -> schemas.DeviceCreated:
        key = new_api_key()
        with self._db.write() as session:
            org = self._org(session, org_id)
            site_id = None
            if body.site_id is not None:
                site = repo.site_by_uuid(session, org.id, str(body.site_id))
                if site is None:
                    raise NotFoundError(f"No site {body.site_id} in organisation {org_id}.")
                site_id = site.id
            device = repo.add_device(session, org.id, site_id, body.name, hash_key(key), key[:10])
            log.info("device %s created in organisation %s", device.uuid, org.uuid)
            out = mapping.device(device, org.uuid, str(body.site_id) if body.site_id else None)
        return schemas.DeviceCreated(device=out, api_key=key)

    def list_devices(self, org_id: UUID) -> list[schemas.DeviceOut]:
        with self._db.read() as session:
            org = self._org(session, org_id)
            out = []
            for device in repo.list_devices(session, org.id):
                site = repo.site_by_id(session, device.site_id) if device.site_id else None
                out.append(mapping.device(device, org.uuid, site.uuid if site else None))
            return out

    def whoami(self, device_uuid: str) -> schemas.WhoAmI:
        with self._db.read() as session:
            device = repo.device_by_uuid(session, device_uuid)
            assert device is not None
            org = session.get(Organisation, device.org_id)
            assert org is not None
            site = repo.site_by_id(session, device.site_id) if device.site_id else None
            return schemas.WhoAmI(
                device=mapping.device(device, org.uuid, site.uuid if site else None),
                organisation=mapping.organisation(org),
            )

    def revoke_device(self, device_id: UUID) -> schemas.DeviceOut:
        with self._db.write() as session:
            device = repo.device_by_uuid(session, str(device_id))
            if device is None:
                raise NotFoundError(f"No device {device_id}.")
            repo.revoke_device(session, device.id, utcnow())
            session.refresh(device)
            org = session.get(Organisation, device.org_id)
            site = repo.site_by_id(session, device.site_id) if device.site_id else None
            assert org is not None
            log.info("device %s revoked", device.uuid)
            return mapping.device(device, org.uuid, site.uuid if site else None)
