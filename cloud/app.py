"""The FastAPI application: wires settings → database → services → routers."""

from __future__ import annotations

import logging

from fastapi import FastAPI

from cloud.api import admin, attendance, errors, registry, search
from cloud.api.deps import Services
from cloud.api.guard import RequestGuard
from cloud.config import CloudSettings
from cloud.db.engine import Database
from cloud.db.migrations import migrate
from cloud.services.admin import AdminService
from cloud.services.attendance import AttendanceService
from cloud.services.auth import Authenticator, FailureLimiter
from cloud.services.registry import RegistryService
from cloud.services.search import SearchService

log = logging.getLogger(__name__)
VERSION = "1.0.0"


def build_services(settings: CloudSettings, db: Database) -> Services:
    limiter = FailureLimiter(settings.auth_failures_allowed, settings.auth_failure_window_s)
    return Services(
        settings=settings,
        auth=Authenticator(db, settings.admin_key, limiter),
        admin=AdminService(db),
        registry=RegistryService(db),
        attendance=AttendanceService(db),
        search=SearchService(db),
    )


def create_app(settings: CloudSettings, db: Database | None = None) -> FastAPI:
    """A ready app; the database is migrated to the newest schema version first."""
    db = db or Database(settings.db_url, echo=settings.db_echo)
    version = migrate(db.engine)
    log.info(
        "database at schema version %d (%s)", version, db.engine.url.render_as_string(hide_password=True)
    )
    app = FastAPI(
        title="FaceAttend cloud",
        version=VERSION,
        description="Shared face-template registry for FaceAttend devices: incremental sync with tombstones, "
        "idempotent attendance upload, 1:N search and 1:1 verify. Every /v1 route needs a device key "
        "(X-API-Key or Bearer); /v1/admin routes need the admin key (X-Admin-Key or Bearer).",
    )
    services = build_services(settings, db)
    app.state.services = services
    app.state.db = db
    errors.install(app)
    app.add_middleware(RequestGuard, auth=services.auth, max_body_bytes=settings.max_body_bytes)
    for module in (admin, registry, attendance, search):
        app.include_router(module.router)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app
