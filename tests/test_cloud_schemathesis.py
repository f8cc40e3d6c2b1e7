"""schemathesis against /openapi.json: generated requests (valid and malformed) never get a 5xx.

Bounded: a few examples per operation, in-process ASGI on a temporary SQLite database (well under 60 s)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("schemathesis")
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from cloud.app import create_app
from cloud.config import CloudSettings

ADMIN = "schemathesis-admin-key"
_tmp = Path(tempfile.mkdtemp(prefix="faceattend-st-"))
atexit.register(shutil.rmtree, _tmp, True)
app = create_app(
    CloudSettings(db_url=f"sqlite:///{_tmp / 'cloud.db'}", admin_key=ADMIN, auth_failures_allowed=10**6)
)

with TestClient(app) as _c:
    _org = _c.post("/v1/admin/organisations", json={"name": "Fuzz"}, headers={"X-Admin-Key": ADMIN}).json()[
        "id"
    ]
    _dev = _c.post(
        f"/v1/admin/organisations/{_org}/devices", json={"name": "fuzzer"}, headers={"X-Admin-Key": ADMIN}
    )
    HEADERS = {"X-API-Key": _dev.json()["api_key"], "X-Admin-Key": ADMIN}

schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("FACEATTEND_ST_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_errors(case: schemathesis.Case) -> None:
    case.call_and_validate(headers=HEADERS, checks=[not_a_server_error])
