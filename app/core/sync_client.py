"""Desktop side of cloud sync: an HTTP client with retries, and a sync engine over an outbox queue.

The engine pushes the outbox first (oldest first, stopping at the first item that cannot be delivered so
order is kept), and pulls the change feed only once the outbox is drained. Everything it sends is
idempotent, so a delivery whose answer was lost is simply sent again:
- persons, groups and templates are PUT/DELETE by uuid; attendance is keyed by the event uuid;
- every request carries an `Idempotency-Key` (the outbox item id) for tracing on the server.

Conflict rule: the server version wins, and deletion wins.
- A PUT answered 409 carries the server's current version: the device adopts it (its edit is dropped).
- A PUT answered 410 means the entity was deleted on the server: the device deletes it too.
- Pulled changes overwrite local copies; a pulled tombstone deletes the local copy.

Nothing here touches SQL: the outbox (`SyncQueue`) and the local copy of the registry (`LocalReplica`) are
Protocols, so the SQLCipher store plugs in; `MemorySyncQueue` is the reference implementation.
Sync is off until a base URL and an API key are configured (`SyncEngine.configured`).
"""

from __future__ import annotations

import base64
import logging
import random
import time
import uuid as uuidlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, Protocol, get_args
from urllib.parse import urlsplit

import numpy as np
import numpy.typing as npt
import requests

from app.core.errors import FaceAttendError
from app.core.records import AttendanceEvent, Person, SyncItem, Template
from cloud import schemas

log = logging.getLogger(__name__)

OpKind = Literal[
    "group.put",
    "group.delete",
    "person.put",
    "person.delete",
    "template.put",
    "template.delete",
    "attendance",
]
_KINDS: frozenset[str] = frozenset(get_args(OpKind))
TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
PARK_S = 24 * 3600.0  # a request the server refuses as invalid waits a day (visible in SyncStatus.rejected)


class SyncError(FaceAttendError):
    """Sync could not complete."""


class TransientSyncError(SyncError):
    """The service is unreachable, slow or failing; the outbox keeps everything for a later try."""


class SyncAuthError(SyncError):
    """The service refused this device's API key (revoked or wrong): sync stops until it is reconfigured."""


# --- the outbox -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutboxItem:
    id: str  # the idempotency key, fixed when enqueued
    kind: OpKind
    entity_uuid: str
    payload: dict[str, Any] = field(default_factory=dict)  # the JSON body (a cloud.schemas model dump)
    attempts: int = 0


class SyncQueue(Protocol):
    def enqueue(self, item: OutboxItem) -> None: ...

    def peek(self, limit: int) -> list[OutboxItem]:
        """Up to `limit` items that are due now, oldest first."""
        ...

    def ack(self, item_id: str) -> None:
        """The server holds it: forget the item."""
        ...

    def retry_later(self, item_id: str, delay_s: float, error: str) -> None:
        """Keep the item, count an attempt, and hide it from peek() for `delay_s`."""
        ...


class MemorySyncQueue:
    """The reference SyncQueue (tests; the SQLCipher store provides the persistent one)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._items: dict[str, tuple[OutboxItem, float, str]] = {}  # insertion order = enqueue order

    def enqueue(self, item: OutboxItem) -> None:
        self._items.setdefault(item.id, (item, 0.0, ""))

    def peek(self, limit: int) -> list[OutboxItem]:
        now = self._clock()
        return [item for item, due, _ in self._items.values() if due <= now][:limit]

    def ack(self, item_id: str) -> None:
        self._items.pop(item_id, None)

    def retry_later(self, item_id: str, delay_s: float, error: str) -> None:
        if item_id in self._items:
            item, _, _ = self._items[item_id]
            self._items[item_id] = (replace(item, attempts=item.attempts + 1), self._clock() + delay_s, error)

    def __len__(self) -> int:
        return len(self._items)


class StoreOutbox(Protocol):
    """The outbox methods of the encrypted store (app.core.storage), duck-typed: no import of the store."""

    def enqueue_sync(self, kind: str, payload: dict[str, Any], idempotency_key: str) -> bool: ...

    def due_sync_items(self, now: datetime | None = None, limit: int = 100) -> list[SyncItem]: ...

    def sync_done(self, item_ids: list[int]) -> None: ...

    def sync_failed(self, item_id: int, error: str, next_attempt_at: datetime) -> None: ...


class StoreSyncQueue:
    """SyncQueue over the store's persistent `sync_queue` table. The payload is the JSON body plus
    `entity_uuid`; the idempotency key is the outbox item id. Unknown kinds are parked, never sent."""

    def __init__(self, store: StoreOutbox) -> None:
        self._store = store
        self._rows: dict[str, int] = {}  # idempotency key → row id, from the last peek

    def enqueue(self, item: OutboxItem) -> None:
        self._store.enqueue_sync(item.kind, {**item.payload, "entity_uuid": item.entity_uuid}, item.id)

    def peek(self, limit: int) -> list[OutboxItem]:
        out = []
        for row in self._store.due_sync_items(limit=limit):
            self._rows[row.idempotency_key] = row.id
            if row.kind not in _KINDS:
                self.retry_later(row.idempotency_key, PARK_S, f"unknown sync kind {row.kind!r}")
                continue
            body = dict(row.payload)
            entity = str(body.pop("entity_uuid", ""))
            kind: OpKind = row.kind  # type: ignore[assignment]  # checked against _KINDS above
            out.append(OutboxItem(row.idempotency_key, kind, entity, body, row.attempts))
        return out

    def ack(self, item_id: str) -> None:
        row = self._rows.pop(item_id, None)
        if row is not None:
            self._store.sync_done([row])

    def retry_later(self, item_id: str, delay_s: float, error: str) -> None:
        row = self._rows.pop(item_id, None)
        if row is not None:
            self._store.sync_failed(row, error, datetime.now(UTC) + timedelta(seconds=delay_s))


def new_item(kind: OpKind, entity_uuid: str, payload: dict[str, Any] | None = None) -> OutboxItem:
    return OutboxItem(id=uuidlib.uuid4().hex, kind=kind, entity_uuid=entity_uuid, payload=payload or {})


def person_put(person: Person, base_version: int | None = None) -> OutboxItem:
    body = schemas.PersonIn(
        external_id=person.external_id,
        name=person.name,
        department=person.department,
        groups=[uuidlib.UUID(g) for g in person.groups],
        consent_at=person.consent_at,
        consent_by=person.consent_by,
        active=person.active,
        base_version=base_version,
    )
    return new_item("person.put", person.uuid, body.model_dump(mode="json"))


def template_put(template_uuid: str, template: Template, sealer: TemplateSealer | None = None) -> OutboxItem:
    vector = np.asarray(template.vector, dtype=np.float32).reshape(-1)
    body = schemas.TemplateIn(
        person_uuid=uuidlib.UUID(template.person_uuid),
        model_id=template.model_id,
        model_version=template.model_version,
        dim=int(vector.size),
        vector_b64=None if sealer else schemas.encode_vector(vector),
        ciphertext_b64=sealer.seal(template_uuid, template.model_id, template.model_version, vector)
        if sealer
        else None,
        key_id=sealer.key_id if sealer else None,
        quality=float(template.quality),
        frames_used=int(template.frames_used),
    )
    return new_item("template.put", template_uuid, body.model_dump(mode="json"))


def attendance_item(event: AttendanceEvent) -> OutboxItem:
    body = schemas.AttendanceIn(
        uuid=uuidlib.UUID(event.uuid),
        person_uuid=uuidlib.UUID(event.person_uuid),
        at_utc=event.at_utc,
        tz_name=event.tz_name,
        direction="in" if str(event.direction) == "in" else "out",
        match_score=float(event.match_score),
        liveness_score=float(event.liveness_score),
        voided=event.voided,
        source=event.source,
    )
    return new_item("attendance", event.uuid, body.model_dump(mode="json"))


# --- end-to-end mode ------------------------------------------------------------------------------------


class TemplateSealer:
    """AES-256-GCM for end-to-end organisations: the org key (from the keyring) never leaves the devices.

    Ciphertext = 12-byte random nonce || sealed float32 vector || 16-byte tag; the associated data binds it
    to its template uuid and model, so the service cannot swap ciphertexts between templates unnoticed.
    Trade-off: the service cannot search or verify (it answers 409); every device searches its own copy."""

    def __init__(self, key: bytes, key_id: str = "org-key-1") -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if len(key) != 32:
            raise ValueError("the organisation key must be 32 bytes (AES-256)")
        self._aead = AESGCM(key)
        self.key_id = key_id

    @staticmethod
    def _aad(template_uuid: str, model_id: str, model_version: str) -> bytes:
        return f"faceattend-template|{template_uuid}|{model_id}|{model_version}".encode()

    def seal(self, template_uuid: str, model_id: str, model_version: str, vector: npt.ArrayLike) -> str:
        import os

        nonce = os.urandom(12)
        plain = np.asarray(vector, dtype="<f4").reshape(-1).tobytes()
        sealed = self._aead.encrypt(nonce, plain, self._aad(template_uuid, model_id, model_version))
        return base64.b64encode(nonce + sealed).decode("ascii")

    def open(self, template: schemas.TemplateOut) -> npt.NDArray[np.float32]:
        if template.ciphertext_b64 is None:
            raise ValueError("template is not sealed")
        raw = base64.b64decode(template.ciphertext_b64)
        aad = self._aad(str(template.uuid), template.model_id, template.model_version)
        plain = self._aead.decrypt(raw[:12], raw[12:], aad)
        return np.frombuffer(plain, dtype="<f4").astype(np.float32)


# --- HTTP -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5  # tries per request
    base_s: float = 0.5
    cap_s: float = 30.0

    def delay(self, attempt: int, rng: random.Random) -> float:
        """Exponential backoff with full jitter: uniform(0, min(cap, base * 2**attempt))."""
        return rng.uniform(0.0, min(self.cap_s, self.base_s * 2.0**attempt))


class CloudClient:
    """requests against the cloud API: TLS verified, API key in a header, retries on transient failures.

    `verify` is True (system CAs) or a CA bundle path; it cannot be turned off. Plain http is accepted only
    for a loopback host (a one-machine trial or tests)."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        verify: bool | str = True,
        timeout: tuple[float, float] = (3.05, 15.0),
        retry: RetryPolicy | None = None,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme == "http" and parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
            raise SyncError("The cloud address must use https (plain http only for this machine).")
        if parts.scheme not in {"http", "https"}:
            raise SyncError("The cloud address must start with https://.")
        if verify is False:
            raise SyncError("TLS certificate verification cannot be turned off.")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._session = session or requests.Session()
        self._session.verify = verify
        self._session.headers.update({"X-API-Key": api_key, "User-Agent": "FaceAttend-desktop"})

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        idempotency_key: str | None = None,
    ) -> requests.Response:
        """The response of the first non-transient answer; raises TransientSyncError when tries run out."""
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        last = ""
        for attempt in range(self.retry.attempts):
            try:
                resp = self._session.request(
                    method,
                    self.base_url + path,
                    json=json,
                    params=params,
                    headers=headers,
                    timeout=self.timeout,
                )
            except (requests.ConnectionError, requests.Timeout) as exc:
                last = f"{type(exc).__name__}: {exc}"
                wait = self.retry.delay(attempt, self._rng)
            else:
                if resp.status_code in (401, 403):
                    raise SyncAuthError("The cloud refused this device's API key (revoked or wrong).")
                if resp.status_code not in TRANSIENT_STATUS:
                    return resp
                last = f"HTTP {resp.status_code}"
                wait = max(self.retry.delay(attempt, self._rng), _retry_after(resp))
            if attempt + 1 < self.retry.attempts:
                log.info("%s %s failed (%s); retry %d in %.2f s", method, path, last, attempt + 1, wait)
                self._sleep(min(wait, self.retry.cap_s))
        raise TransientSyncError(f"The cloud service is unavailable ({last}).")

    def changes(self, since: int, limit: int = 500) -> schemas.ChangesPage:
        resp = self.request("GET", "/v1/changes", params={"since": since, "limit": limit})
        if resp.status_code == 409:
            raise CursorAheadError(resp.json().get("detail", ""))
        _raise_for(resp)
        return schemas.ChangesPage.model_validate(resp.json())

    def search(self, req: schemas.SearchRequest) -> schemas.SearchResponse:
        resp = self.request("POST", "/v1/search", json=req.model_dump(mode="json"))
        _raise_for(resp)
        return schemas.SearchResponse.model_validate(resp.json())


class CursorAheadError(SyncError):
    """The device's cursor is ahead of the service (restored or replaced service): resync from 0."""


def _retry_after(resp: requests.Response) -> float:
    try:
        return float(resp.headers.get("Retry-After", "0"))
    except ValueError:
        return 0.0


def _raise_for(resp: requests.Response) -> None:
    if resp.status_code >= 400:
        raise SyncError(f"The cloud refused the request: HTTP {resp.status_code} {resp.text[:200]}")


# --- the engine -----------------------------------------------------------------------------------------


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
            for item in items:
                self.queue.retry_later(
                    item.id, self.client.retry.delay(item.attempts + 1, self._rng), str(exc)
                )
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
