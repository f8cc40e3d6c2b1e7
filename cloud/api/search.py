"""Device endpoints for 1:N search and 1:1 verify."""

from __future__ import annotations

from fastapi import APIRouter

from cloud.api.deps import DeviceDep, ServicesDep
from wire import schemas

router = APIRouter(prefix="/v1", tags=["search"])
_OFF: dict[int | str, dict[str, object]] = {
    409: {"model": schemas.ErrorOut, "description": "End-to-end organisation: server-side search is off"}
}


@router.post("/search", responses=_OFF)
def search(body: schemas.SearchRequest, ctx: DeviceDep, svc: ServicesDep) -> schemas.SearchResponse:
    """The `top_k` nearest templates within `threshold` (Euclidean distance), nearest first."""
    return svc.search.search(ctx, body)


@router.post("/verify", responses=_OFF)
def verify(body: schemas.VerifyRequest, ctx: DeviceDep, svc: ServicesDep) -> schemas.VerifyResponse:
    """Whether the probe matches any template of the person (smallest distance within `threshold`)."""
    return svc.search.verify(ctx, body)
