"""Request-scoped dependencies: the services (kept on app.state) and the caller's identity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from cloud.config import CloudSettings
from cloud.services.admin import AdminService
from cloud.services.attendance import AttendanceService
from cloud.services.auth import Authenticator, DeviceContext
from cloud.services.registry import RegistryService
from cloud.services.search import SearchService


@dataclass
class Services:
    settings: CloudSettings
    auth: Authenticator
    admin: AdminService
    registry: RegistryService
    attendance: AttendanceService
    search: SearchService


_device_key = APIKeyHeader(name="X-API-Key", auto_error=False, scheme_name="DeviceKey")
_admin_key = APIKeyHeader(name="X-Admin-Key", auto_error=False, scheme_name="AdminKey")
_bearer = HTTPBearer(auto_error=False, scheme_name="Bearer")


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def device(
    request: Request,
    svc: Annotated[Services, Depends(services)],
    key: Annotated[str | None, Security(_device_key)] = None,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)] = None,
) -> DeviceContext:
    checked: DeviceContext | None = getattr(request.state, "device", None)  # by cloud.api.guard
    if checked is not None:
        return checked
    return svc.auth.device(key or (bearer.credentials if bearer else None), _address(request))


def admin(
    request: Request,
    svc: Annotated[Services, Depends(services)],
    key: Annotated[str | None, Security(_admin_key)] = None,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)] = None,
) -> None:
    if getattr(request.state, "admin", False):  # checked by cloud.api.guard before the body was read
        return
    svc.auth.admin(key or (bearer.credentials if bearer else None), _address(request))


ServicesDep = Annotated[Services, Depends(services)]
DeviceDep = Annotated[DeviceContext, Depends(device)]
AdminDep = Annotated[None, Depends(admin)]
