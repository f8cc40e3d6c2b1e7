"""Admin endpoints (admin key): organisations, sites, devices."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter

from cloud.api.deps import AdminDep, ServicesDep
from wire import schemas

router = APIRouter(prefix="/v1/admin", tags=["admin"])


@router.post("/organisations", status_code=201)
def create_organisation(
    body: schemas.OrganisationCreate, _: AdminDep, svc: ServicesDep
) -> schemas.OrganisationOut:
    return svc.admin.create_organisation(body)


@router.get("/organisations")
def list_organisations(_: AdminDep, svc: ServicesDep) -> list[schemas.OrganisationOut]:
    return svc.admin.list_organisations()


@router.post("/organisations/{org_id}/sites", status_code=201)
def create_site(org_id: UUID, body: schemas.SiteCreate, _: AdminDep, svc: ServicesDep) -> schemas.SiteOut:
    return svc.admin.create_site(org_id, body)


@router.get("/organisations/{org_id}/sites")
def list_sites(org_id: UUID, _: AdminDep, svc: ServicesDep) -> list[schemas.SiteOut]:
    return svc.admin.list_sites(org_id)


@router.post("/organisations/{org_id}/devices", status_code=201)
def create_device(
    org_id: UUID, body: schemas.DeviceCreate, _: AdminDep, svc: ServicesDep
) -> schemas.DeviceCreated:
    """Creates a device and returns its API key: the only time the key is shown."""
    return svc.admin.create_device(org_id, body)


@router.get("/organisations/{org_id}/devices")
def list_devices(org_id: UUID, _: AdminDep, svc: ServicesDep) -> list[schemas.DeviceOut]:
    return svc.admin.list_devices(org_id)


@router.post("/devices/{device_id}/revoke")
def revoke_device(device_id: UUID, _: AdminDep, svc: ServicesDep) -> schemas.DeviceOut:
    return svc.admin.revoke_device(device_id)
