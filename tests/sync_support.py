"""Helpers of the desktop ↔ cloud sync tests: a cloud on loopback with injected faults, an in-memory device
(engine, queue, replica), the org/device setup and the readers of what the service holds."""

from __future__ import annotations

import asyncio
import itertools
import subprocess
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import requests

from app.core.records import AttendanceEvent, Direction, Person, Template
from app.core.sync.client import (
    CloudClient,
    MemorySyncQueue,
    RetryPolicy,
    SyncEngine,
    TemplateSealer,
    person_put,
    template_put,
)
from cloud import testing
from cloud.app import create_app
from cloud.config import CloudSettings
from wire import schemas

ADMIN = "admin-key-sync-tests"
FAST = RetryPolicy(attempts=4, base_s=0.01, cap_s=0.05)


class MemoryReplica:
    """The device's registry copy (the SQLCipher store will implement the same Protocol)."""

    def __init__(self) -> None:
        self._cursor = 0
        self.persons: dict[str, schemas.PersonOut] = {}
        self.templates: dict[str, schemas.TemplateOut] = {}

    def cursor(self) -> int:
        return self._cursor

    def apply_changes(self, changes: Sequence[schemas.Change], next_cursor: int | None) -> None:
        for ch in changes:
            key = str(ch.uuid)
            if ch.kind == "person":
                if ch.deleted:
                    self.persons.pop(key, None)
                    self.templates = {k: t for k, t in self.templates.items() if str(t.person_uuid) != key}
                elif ch.person is not None:
                    self.persons[key] = ch.person
            elif ch.kind == "template":
                if ch.deleted:
                    self.templates.pop(key, None)
                elif ch.template is not None:
                    self.templates[key] = ch.template
        if next_cursor is not None:
            self._cursor = next_cursor


class Faults:
    """ASGI wrapper: `plan(n)` for the n-th request says ok | 500_before | 500_after | slow_after."""

    def __init__(self, app: Any, plan: Callable[[int], str], slow_s: float = 1.0) -> None:
        self.app, self.plan, self.slow_s = app, plan, slow_s
        self.counter = itertools.count()
        self.seen: list[str] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/v1/") or "/admin/" in scope["path"]:
            await self.app(scope, receive, send)
            return
        action = self.plan(next(self.counter))
        self.seen.append(action)
        if action == "500_before":
            await _plain(send, 500)
            return
        captured: list[dict[str, Any]] = []

        async def capture(message: dict[str, Any]) -> None:
            captured.append(message)

        await self.app(scope, receive, capture if action != "ok" else send)
        if action == "500_after":  # the server committed, the answer is lost
            await _plain(send, 500)
        elif action == "slow_after":
            await asyncio.sleep(self.slow_s)
            for message in captured:
                await send(message)


async def _plain(send: Any, status: int) -> None:
    await send(
        {"type": "http.response.start", "status": status, "headers": [(b"content-type", b"text/plain")]}
    )
    await send({"type": "http.response.body", "body": b"injected failure"})


class Cloud:
    def __init__(self, db_url: str, plan: Callable[[int], str] | None = None) -> None:
        self.app = create_app(CloudSettings(db_url=db_url, admin_key=ADMIN))
        self.faults = Faults(self.app, plan or (lambda n: "ok"), slow_s=1.0)
        self.server = testing.ServerThread(self.faults).start()
        self.url = self.server.url

        self.admin = testing.admin_client(self.url, ADMIN)

    def close(self) -> None:
        self.server.stop()
        self.app.state.db.dispose()


def setup_org(
    url: str, admin: Callable[..., Any], sites: Sequence[str] = ("North", "South"), e2e: bool = False
) -> list[str]:
    org = admin("POST", "/v1/admin/organisations", json={"name": "Acme", "end_to_end": e2e})["id"]
    keys = []
    for name in sites:
        site = admin("POST", f"/v1/admin/organisations/{org}/sites", json={"name": name})["id"]
        keys.append(
            admin("POST", f"/v1/admin/organisations/{org}/devices", json={"name": name, "site_id": site})[
                "api_key"
            ]
        )
    return keys


def engine(url: str, key: str, batch: int = 50, **client: Any) -> SyncEngine:
    client.setdefault("retry", FAST)
    return SyncEngine(CloudClient(url, key, **client), MemorySyncQueue(), MemoryReplica(), batch=batch)


def replica(e: SyncEngine) -> MemoryReplica:
    assert isinstance(e.replica, MemoryReplica)
    return e.replica


def queue_len(e: SyncEngine) -> int:
    assert isinstance(e.queue, MemorySyncQueue)
    return len(e.queue)


def drain(e: SyncEngine, rounds: int = 60) -> None:
    """Run sync until the outbox is empty (retries are scheduled with backoff, so wait them out)."""
    for _ in range(rounds):
        e.run_once()
        if queue_len(e) == 0 and e.status.state == "idle":
            return
        time.sleep(0.06)
    raise AssertionError(f"outbox not drained: {queue_len(e)} left, {e.status}")


def unit(seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal(128).astype(np.float32)
    return v / np.linalg.norm(v)


def enrol(e: SyncEngine, name: str, seed: int, sealer: TemplateSealer | None = None) -> tuple[str, str]:
    person = Person(uuid=str(uuid.uuid4()), external_id=name.lower(), name=name)
    tpl = Template(person_uuid=person.uuid, model_id="dlib_resnet_v1", model_version="1", vector=unit(seed))
    tid = str(uuid.uuid4())
    e.queue.enqueue(person_put(person))
    e.queue.enqueue(template_put(tid, tpl, sealer))
    return person.uuid, tid


def event(person_uuid: str, minutes: int) -> AttendanceEvent:
    return AttendanceEvent(
        uuid=str(uuid.uuid4()),
        person_uuid=person_uuid,
        at_utc=datetime(2026, 3, 2, 8, tzinfo=UTC) + timedelta(minutes=minutes),
        tz_name="Europe/Berlin",
        direction=Direction.IN,
        match_score=0.3,
        liveness_score=0.9,
        device_id="kiosk",
    )


def server_attendance(url: str, key: str) -> list[dict[str, Any]]:
    out, after = [], 0
    while True:
        page = requests.get(
            f"{url}/v1/attendance", params={"after": after}, headers={"X-API-Key": key}, timeout=10
        ).json()
        out += page["events"]
        after = page["next_cursor"]
        if not page["has_more"]:
            return out


def start_service(db: Path, port: int, key_file: Path) -> subprocess.Popen[bytes]:
    """`python -m cloud` on a SQLite file, as a separate process (to be killed mid-sync)."""
    return testing.start_service(f"sqlite:///{db}", port, key_file)
