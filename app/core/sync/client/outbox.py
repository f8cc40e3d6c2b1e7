"""The outbox: what a device queues for the cloud (`OutboxItem`), the queue protocol and two queues, and
the builders of the wire bodies (`group_put`, `person_put`, `template_put`, `attendance_item`)."""

from __future__ import annotations

import time
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal, Protocol, get_args

import numpy as np

from app.core.records import AttendanceEvent, Person, SyncItem, Template
from wire import schemas

if TYPE_CHECKING:
    from app.core.sync.client.sealer import TemplateSealer

OpKind = Literal[
    "group.put",
    "group.delete",
    "person.put",
    "person.delete",
    "template.put",
    "template.delete",
    "attendance",
]
KINDS: frozenset[str] = frozenset(get_args(OpKind))
PARK_S = 24 * 3600.0  # a request the server refuses as invalid waits a day (visible in SyncStatus.rejected)


@dataclass(frozen=True)
class OutboxItem:
    id: str  # the idempotency key, fixed when enqueued
    kind: OpKind
    entity_uuid: str
    payload: dict[str, Any] = field(default_factory=dict)  # the JSON body (a wire.schemas model dump)
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
            if row.kind not in KINDS:
                self.retry_later(row.idempotency_key, PARK_S, f"unknown sync kind {row.kind!r}")
                continue
            body = dict(row.payload)
            entity = str(body.pop("entity_uuid", ""))
            kind: OpKind = row.kind  # type: ignore[assignment]  # checked against KINDS above
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


def group_put(name: str) -> OutboxItem:
    """PUT of a group the desktop knows by name (its wire id derived from the name; re-sending what the
    service holds is a no-op). The id is fixed per group: the item is built, never queued (sync_outbox)."""
    gid = str(schemas.group_uuid(name))
    body = schemas.GroupIn(name=name)
    return OutboxItem(f"group.put:{gid}", "group.put", gid, body.model_dump(mode="json"))


def person_put(person: Person, base_version: int | None = None) -> OutboxItem:
    body = schemas.PersonIn(
        external_id=person.external_id,
        name=person.name,
        department=person.department,
        groups=[schemas.group_uuid(g) for g in person.groups],
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
