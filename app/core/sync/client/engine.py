"""The sync engine: push the outbox in order, then pull the change feed; the server version wins."""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, Protocol

import requests

from app.core.sync.client.errors import CursorAheadError, SyncAuthError, SyncError, TransientSyncError
from app.core.sync.client.http import CloudClient
from app.core.sync.client.outbox import PARK_S, OutboxItem, SyncQueue
from wire import schemas

log = logging.getLogger(__name__)


class LocalReplica(Protocol):
    """The device's copy of the shared registry (the SQLCipher store implements it)."""

    def cursor(self) -> int: ...

    def apply_changes(self, changes: Sequence[schemas.Change], next_cursor: int | None) -> None:
        """In one transaction: upsert or delete each entity as the server has it, then store `next_cursor`
        (None: leave the cursor as it is)."""
        ...


@dataclass
class SyncStatus:
    """What the UI shows. `state` is off until configured."""

    state: Literal["off", "idle", "offline", "auth_failed", "error"] = "off"
    pushed: int = 0
    pulled: int = 0
    duplicates: int = 0
    conflicts: int = 0
    pending: bool = False  # the outbox still holds due items
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (item id, reason), parked for PARK_S
    cursor: int = 0
    last_error: str = ""
    last_success_at: datetime | None = None
    queue_length: int = 0  # items in the outbox (due or waiting for a retry)
    running: bool = False  # the background loop is on


class SyncEngine:
    def __init__(
        self,
        client: CloudClient | None,
        queue: SyncQueue,
        replica: LocalReplica,
        batch: int = 100,
        rng: random.Random | None = None,
    ) -> None:
        self.client = client
        self.queue = queue
        self.replica = replica
        self.batch = batch
        self.status = SyncStatus()
        self._rng = rng or random.Random()

    @property
    def configured(self) -> bool:
        return self.client is not None

    def run_once(self) -> SyncStatus:
        """Push the outbox, then pull the change feed if the outbox drained; never raises for the network."""
        if self.client is None:
            self.status.state = "off"
            return self.status
        try:
            if self.push():
                self.pull()
            self.status.state = "idle"
            self.status.last_error = ""
            self.status.last_success_at = datetime.now(UTC)
        except SyncAuthError as exc:
            self.status.state, self.status.last_error = "auth_failed", str(exc)
        except TransientSyncError as exc:
            self.status.state, self.status.last_error = "offline", str(exc)
        except SyncError as exc:
            self.status.state, self.status.last_error = "error", str(exc)
        return self.status

    # push ------------------------------------------------------------------------------------------------

    def push(self) -> bool:
        """Deliver due outbox items in order (runs of attendance go as one batch); True when none is due.
        Raises TransientSyncError (items kept, rescheduled with backoff) when the service is unreachable."""
        while True:
            items = self.queue.peek(self.batch)
            if not items:
                self.status.pending = False
                return True
            for run in _runs(items):
                self._deliver(run)

    def _deliver(self, items: list[OutboxItem]) -> None:
        assert self.client is not None
        head = items[0]
        try:
            resp = self._send(items)
        except TransientSyncError as exc:
            # Count the attempt but keep the items due: the outbox is delivered strictly in order (a person
            # before its templates and attendance), so no item may be scheduled after the ones behind it.
            # Backing off while the service is down is the caller's loop's job (SyncService).
            for item in items:
                self.queue.retry_later(item.id, 0.0, str(exc))
            self.status.pending = True
            raise
        code = resp.status_code
        if code in (200, 201, 204):
            self._accepted(items, resp)
        elif code == 409 and head.kind.endswith(".put"):
            current = resp.json().get("current")
            if current is not None:
                self.replica.apply_changes([_as_change(head, current)], None)
            self.status.conflicts += 1
            log.info("%s %s: server version wins", head.kind, head.entity_uuid)
        elif code == 410:
            kind = head.kind.split(".")[0]
            gone = {"seq": 0, "kind": kind, "uuid": head.entity_uuid, "deleted": True}
            self.replica.apply_changes([schemas.Change.model_validate(gone)], None)
            self.status.conflicts += 1
            log.info("%s %s: deleted on the server; deletion wins", head.kind, head.entity_uuid)
        elif code == 422 and head.kind == "attendance" and len(items) > 1:
            # The service refuses a whole batch for one bad event: send them one by one, so only the bad
            # one is parked and the others are delivered.
            for item in items:
                self._deliver([item])
            return
        else:  # any other 4xx: the server will never take this request as it is; park it, keep going
            reason = f"HTTP {code}: {resp.text[:200]}"
            for item in items:
                self.queue.retry_later(item.id, PARK_S, reason)
                self.status.rejected.append((item.id, reason))
            log.warning("outbox item %s refused: %s", head.id, reason)
            return
        for item in items:
            self.queue.ack(item.id)

    def _send(self, items: list[OutboxItem]) -> requests.Response:
        assert self.client is not None
        head = items[0]
        if head.kind == "attendance":
            body = {"events": [i.payload for i in items]}
            key = head.id if len(items) == 1 else f"{head.id}+{len(items) - 1}"
            return self.client.request("POST", "/v1/attendance", json=body, idempotency_key=key)
        entity, op = head.kind.split(".")
        path = f"/v1/{entity}s/{head.entity_uuid}"
        if op == "delete":
            return self.client.request("DELETE", path, idempotency_key=head.id)
        return self.client.request("PUT", path, json=head.payload, idempotency_key=head.id)

    def _accepted(self, items: list[OutboxItem], resp: requests.Response) -> None:
        head = items[0]
        if head.kind == "attendance":
            result = schemas.AttendanceResult.model_validate(resp.json())
            self.status.pushed += len(result.accepted)
            self.status.duplicates += len(result.duplicates)
        else:
            self.status.pushed += 1
            if head.kind.endswith(".put"):  # learn the server's version of what was just sent
                self.replica.apply_changes([_as_change(head, resp.json())], None)

    # pull ------------------------------------------------------------------------------------------------

    def pull(self) -> int:
        """Apply the change feed from the replica's cursor to the end; returns how many changes."""
        assert self.client is not None
        applied = 0
        cursor = self.replica.cursor()
        while True:
            try:
                page = self.client.changes(cursor, self.batch)
            except CursorAheadError:
                log.warning("cursor %d ahead of the service: resyncing from 0", cursor)
                cursor = 0
                continue
            self.replica.apply_changes(page.changes, page.next_cursor)
            applied += len(page.changes)
            cursor = page.next_cursor
            if not page.has_more:
                break
        self.status.pulled += applied
        self.status.cursor = cursor
        return applied


def _runs(items: list[OutboxItem]) -> list[list[OutboxItem]]:
    """Consecutive attendance items grouped (up to one batch); every other item alone; order kept."""
    runs: list[list[OutboxItem]] = []
    for item in items:
        last = runs[-1] if runs else []
        batchable = item.kind == "attendance" and len(last) < schemas.MAX_BATCH
        if batchable and last and last[0].kind == "attendance":
            last.append(item)
            continue
        runs.append([item])
    return runs


def _as_change(item: OutboxItem, current: dict[str, Any]) -> schemas.Change:
    kind = item.kind.split(".")[0]
    return schemas.Change.model_validate(
        {
            "seq": current.get("version", 0),
            "kind": kind,
            "uuid": current.get("uuid", item.entity_uuid),
            "deleted": current.get("deleted", False),
            kind: current,
        }
    )
