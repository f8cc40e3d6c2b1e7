"""Device endpoints for the shared registry and its change feed."""

from __future__ import annotations

from typing import Annotated, TypeVar
from uuid import UUID

from fastapi import APIRouter, Query, Response

from cloud.api.deps import DeviceDep, ServicesDep
from wire import schemas

router = APIRouter(prefix="/v1", tags=["registry"])
_Out = TypeVar("_Out")
_CONFLICTS: dict[int | str, dict[str, object]] = {
    409: {"model": schemas.ConflictOut, "description": "Edit not based on the server version (server wins)"},
    410: {"model": schemas.ErrorOut, "description": "Deleted on the server (deletion wins)"},
}


def _stored(response: Response, result: tuple[_Out, bool]) -> _Out:
    """The stored entity; 201 when this request created it, 200 when it was there (or edited)."""
    out, created = result
    response.status_code = 201 if created else 200
    return out


@router.get("/me")
def whoami(ctx: DeviceDep, svc: ServicesDep) -> schemas.WhoAmI:
    """The calling device and its organisation (whether it is end-to-end encrypted, say)."""
    return svc.admin.whoami(ctx.device_uuid)


@router.put("/groups/{uuid}", responses=_CONFLICTS)
def put_group(
    uuid: UUID, body: schemas.GroupIn, response: Response, ctx: DeviceDep, svc: ServicesDep
) -> schemas.GroupOut:
    return _stored(response, svc.registry.put_group(ctx, str(uuid), body))


@router.delete("/groups/{uuid}", status_code=204)
def delete_group(uuid: UUID, ctx: DeviceDep, svc: ServicesDep) -> None:
    svc.registry.delete(ctx, "group", str(uuid))


@router.get("/persons/{uuid}")
def get_person(uuid: UUID, ctx: DeviceDep, svc: ServicesDep) -> schemas.PersonOut:
    return svc.registry.get_person(ctx, str(uuid))


@router.put("/persons/{uuid}", responses=_CONFLICTS)
def put_person(
    uuid: UUID, body: schemas.PersonIn, response: Response, ctx: DeviceDep, svc: ServicesDep
) -> schemas.PersonOut:
    return _stored(response, svc.registry.put_person(ctx, str(uuid), body))


@router.delete("/persons/{uuid}", status_code=204)
def delete_person(uuid: UUID, ctx: DeviceDep, svc: ServicesDep) -> None:
    """Deletes the person and all its templates (tombstones reach every device through /v1/changes)."""
    svc.registry.delete(ctx, "person", str(uuid))


@router.get("/templates/{uuid}")
def get_template(uuid: UUID, ctx: DeviceDep, svc: ServicesDep) -> schemas.TemplateOut:
    return svc.registry.get_template(ctx, str(uuid))


@router.put("/templates/{uuid}", responses=_CONFLICTS)
def put_template(
    uuid: UUID, body: schemas.TemplateIn, response: Response, ctx: DeviceDep, svc: ServicesDep
) -> schemas.TemplateOut:
    return _stored(response, svc.registry.put_template(ctx, str(uuid), body))


@router.delete("/templates/{uuid}", status_code=204)
def delete_template(uuid: UUID, ctx: DeviceDep, svc: ServicesDep) -> None:
    svc.registry.delete(ctx, "template", str(uuid))


@router.get("/changes")
def changes(
    ctx: DeviceDep,
    svc: ServicesDep,
    since: Annotated[int, Query(ge=0, le=schemas.MAX_SEQ)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> schemas.ChangesPage:
    """Registry changes after cursor `since`, oldest first; deletions come as tombstones (`deleted`)."""
    return svc.registry.changes(ctx, since, limit)
