"""The cloud service against hostile callers: spoofed client addresses, oversized and unauthenticated bodies,
attendance for persons or zones that do not exist, and erased data left in SQLite's files. Run over a real
uvicorn on loopback where the transport matters (proxy headers, bodies that never arrive)."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
import requests

from cloud.app import create_app
from cloud.config import CloudSettings
from cloud.db.engine import Database
from cloud.errors import RateLimitedError, UnauthorizedError
from cloud.services.auth import Authenticator, FailureLimiter
from cloud.testing import ServerThread
from tests.test_cloud_service import ADMIN, Api, put_person, put_template, unit

_POST = "POST /v1/attendance HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, CloudSettings, Database]]:
    settings = CloudSettings(
        db_url=f"sqlite:///{tmp_path / 'cloud.db'}",
        admin_key=ADMIN,
        auth_failures_allowed=3,
        auth_failure_window_s=60,
        max_body_bytes=20_000,
    )
    db = Database(settings.db_url)
    server = ServerThread(create_app(settings, db), settings=settings).start()
    yield server.url, settings, db
    server.stop()
    db.dispose()


def _device_key(url: str) -> str:
    admin = {"X-Admin-Key": ADMIN}
    org = requests.post(f"{url}/v1/admin/organisations", json={"name": "Acme"}, headers=admin, timeout=10)
    made = requests.post(
        f"{url}/v1/admin/organisations/{org.json()['id']}/devices",
        json={"name": "k"},
        headers=admin,
        timeout=10,
    )
    return str(made.json()["api_key"])


def _raw(url: str, head: str, body: bytes = b"", timeout: float = 5.0) -> tuple[int, bytes]:
    """Send `head` (+ `body`) on a plain socket and read the status line, without sending anything more."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        sock.sendall(head.encode("latin-1") + body)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return status, data


def test_rotating_x_forwarded_for_does_not_escape_the_failure_limit(served: tuple[str, Any, Any]) -> None:
    url, _, _ = served
    key = _device_key(url)
    codes = [
        requests.get(
            f"{url}/v1/me",
            headers={"X-API-Key": f"fa_guess{i}", "X-Forwarded-For": f"203.0.113.{i}"},
            timeout=10,
        ).status_code
        for i in range(5)
    ]
    assert codes == [401, 401, 401, 429, 429]
    # A caller that claims to be a victim's address through the header changes nothing for that victim,
    # and the valid key is not locked out by the failures above (same TCP peer).
    assert requests.get(f"{url}/v1/me", headers={"X-API-Key": key}, timeout=10).status_code == 200


def test_failures_are_counted_per_key_as_well_as_per_address(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'c.db'}")
    from cloud.db.migrations import migrate

    migrate(db.engine)
    auth = Authenticator(db, ADMIN, FailureLimiter(3, 60))
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        with pytest.raises(UnauthorizedError):
            auth.device("fa_stolen_and_revoked", address)
    with pytest.raises(RateLimitedError):  # a fourth address, the same key
        auth.device("fa_stolen_and_revoked", "10.0.0.4")
    with pytest.raises(UnauthorizedError):  # another key from a fresh address is not blocked
        auth.device("fa_other", "10.0.0.5")
    db.dispose()


def test_a_body_is_refused_before_it_is_read(served: tuple[str, Any, Any]) -> None:
    url, _, _ = served
    key = _device_key(url)
    # 100 MB declared, nothing sent: answered at once from the header (the old service waited for the body).
    head = _POST + f"X-API-Key: {key}\r\nContent-Length: 104857600\r\n\r\n"
    status, _ = _raw(url, head)
    assert status == 413
    # No key, a small body declared but never sent: 401 without waiting for it.
    head = _POST + "Content-Length: 500\r\n\r\n"
    status, _ = _raw(url, head)
    assert status == 401


def test_a_chunked_body_is_cut_off_at_the_limit(served: tuple[str, Any, Any]) -> None:
    url, settings, _ = served
    key = _device_key(url)
    head = _POST + f"X-API-Key: {key}\r\nTransfer-Encoding: chunked\r\n\r\n"
    piece = b"x" * 4096
    chunks = b"".join(
        b"%x\r\n%s\r\n" % (len(piece), piece) for _ in range(settings.max_body_bytes // 4096 + 2)
    )
    status, _ = _raw(url, head, chunks + b"0\r\n\r\n")
    assert status == 413


def _event(person: str, **extra: Any) -> dict[str, Any]:
    return {
        "uuid": str(uuid.uuid4()),
        "person_uuid": person,
        "at_utc": "2026-03-02T08:00:00+00:00",
        "direction": "in",
        **extra,
    }


def test_attendance_for_unknown_persons_and_zones_is_refused(db_url: str) -> None:
    api = Api(db_url)
    _, h = api.device(api.org())
    known = put_person(api, h)
    stranger = str(uuid.uuid4())
    r = api.client.post("/v1/attendance", json={"events": [_event(known), _event(stranger)]}, headers=h)
    assert r.status_code == 422 and "never had" in r.json()["detail"]
    assert api.client.get("/v1/attendance", headers=h).json()["events"] == []  # nothing half-stored
    bad_zone = _event(known, tz_name="Mars/Olympus_Mons")
    assert api.client.post("/v1/attendance", json={"events": [bad_zone]}, headers=h).status_code == 422
    folder = _event(known, tz_name="Europe")  # a folder of the zone database, not a zone
    assert api.client.post("/v1/attendance", json={"events": [folder]}, headers=h).status_code == 422
    ok = _event(known, tz_name="Europe/Berlin")
    assert api.client.post("/v1/attendance", json={"events": [ok]}, headers=h).status_code == 200
    # An event recorded offline before the person was deleted elsewhere is a real record: kept.
    assert api.client.delete(f"/v1/persons/{known}", headers=h).status_code == 204
    assert api.client.post("/v1/attendance", json={"events": [_event(known)]}, headers=h).status_code == 200
    again = api.client.post("/v1/attendance", json={"events": [ok]}, headers=h)
    assert again.status_code == 200 and again.json()["duplicates"] == [ok["uuid"]]
    api.client.close()
    api.db.dispose()


def test_an_erased_person_leaves_no_trace_in_the_sqlite_files(tmp_path: Path) -> None:
    path = tmp_path / "cloud.db"
    api = Api(f"sqlite:///{path}")
    _, h = api.device(api.org())
    name = "Zebediah Quartermaine-Erasure"
    pid = put_person(api, h, name=name, external_id="EXT-ERASE-7781")
    put_template(api, h, pid, unit(7))
    assert api.client.delete(f"/v1/persons/{pid}", headers=h).status_code == 204
    for file in (path, path.with_name(path.name + "-wal")):
        if file.exists():
            data = file.read_bytes()
            assert name.encode() not in data and b"EXT-ERASE-7781" not in data, file.name
    api.client.close()
    api.db.dispose()


def test_one_refused_event_does_not_hold_back_its_batch(local_cloud: Any) -> None:
    from app.core.sync.client import attendance_item
    from tests.sync_support import drain, engine, enrol, event, queue_len, server_attendance, setup_org

    key, _ = setup_org(local_cloud.url, local_cloud.admin)
    device = engine(local_cloud.url, key)
    pid, _ = enrol(device, "Ann", 1)
    drain(device)
    stranger = str(uuid.uuid4())  # e.g. a person whose enrolment never reached this organisation
    for i, person in enumerate((pid, stranger, pid)):
        device.queue.enqueue(attendance_item(event(person, i)))
    for _ in range(3):
        device.run_once()
    assert len(server_attendance(local_cloud.url, key)) == 2  # the two good events are delivered
    assert queue_len(device) == 1 and len(device.status.rejected) == 1  # the bad one is parked, not lost
