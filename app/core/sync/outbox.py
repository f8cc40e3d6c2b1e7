"""SyncQueue over the store's transactional outbox (the items its triggers queue, see storage/sync_schema).

Person and template items are references: their wire body is built here, when they are sent, from the row as
it is then. A person carries the server version this copy is (`base_version`, None when the server never saw
it); a template is sealed here in end-to-end mode. An item whose entity is gone locally is dropped (its
deletion is queued after it). peek() stops after a person item, so the next one is built only once the
answer to this one (the new server version) is stored. Attendance and deletion items pass through as queued.

Groups go first: while this device's persons belong to a group the service is not known to hold (no row
in sync_groups), peek() answers the PUTs of those groups alone, before any queued item, so a person always
reaches the service after its groups. They are not queued rows: the answer (or a 409's current version, or
a 410) is stored in sync_groups and the group is not built again; a group the service refuses is left out
here for PARK_S. Group names travel in clear, as person names do, in end-to-end mode too (only templates
are sealed).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from app.core.storage.sync_replica import StoreReplica
from app.core.sync.client import (
    KINDS,
    PARK_S,
    OutboxItem,
    StoreSyncQueue,
    TemplateSealer,
    group_put,
    person_put,
    template_put,
)

log = logging.getLogger(__name__)

_KNOWN = KINDS


@dataclass
class StoreOutboxQueue:
    replica: StoreReplica
    sealer: TemplateSealer | None = None
    _rows: dict[str, int] = field(default_factory=dict)
    _parked_groups: dict[str, float] = field(default_factory=dict)  # item id → monotonic time it is due
    _plain: StoreSyncQueue = field(init=False)

    def __post_init__(self) -> None:
        self._plain = StoreSyncQueue(self.replica.store)

    def enqueue(self, item: OutboxItem) -> None:
        self._plain.enqueue(item)

    def peek(self, limit: int) -> list[OutboxItem]:
        groups = self._groups()
        if groups:
            return groups[:limit]
        out: list[OutboxItem] = []
        drop: list[int] = []
        for row in self.replica.store.due_sync_items(limit=limit):
            payload = dict(row.payload)
            entity = str(payload.pop("entity_uuid", ""))
            if row.kind not in _KNOWN:
                self._rows[row.idempotency_key] = row.id
                self.retry_later(row.idempotency_key, PARK_S, f"unknown sync kind {row.kind!r}")
                continue
            if payload.pop("ref", None) is None:  # a full body (attendance, deletions, older items)
                self._rows[row.idempotency_key] = row.id
                out.append(OutboxItem(row.idempotency_key, row.kind, entity, payload, row.attempts))  # type: ignore[arg-type]
                continue
            item = self._build(row.kind, entity)
            if item is None:
                drop.append(row.id)
                continue
            self._rows[row.idempotency_key] = row.id
            out.append(OutboxItem(row.idempotency_key, item.kind, entity, item.payload, row.attempts))
            if row.kind == "person.put":
                break
        if drop:
            log.info("dropped %d outbox items whose entity is gone locally", len(drop))
            self.replica.drop_items(drop)
            if not out:
                return self.peek(limit)
        return out

    def _groups(self) -> list[OutboxItem]:
        """PUTs of the groups the service is not known to hold (not parked)."""
        now = time.monotonic()
        out = []
        for gid, name in self.replica.groups_to_push():
            item_id = f"group.put:{gid}"
            if self._parked_groups.get(item_id, 0.0) > now:
                continue
            try:
                out.append(group_put(name))
            except ValueError as exc:  # a name the service cannot take (over 200 characters, say)
                log.warning("group %r cannot be sent: %s", name, exc)
                self._parked_groups[item_id] = now + PARK_S
        return out

    def _build(self, kind: str, entity: str) -> OutboxItem | None:
        if kind == "person.put":
            found = self.replica.person_for_sync(entity)
            if found is None:
                return None
            person, version = found
            return person_put(person, base_version=version or None)
        if kind == "template.put":
            template = self.replica.template_for_sync(entity)
            return None if template is None else template_put(entity, template, self.sealer)
        return None

    def ack(self, item_id: str) -> None:
        row = self._rows.pop(item_id, None)
        if row is not None:
            self.replica.store.sync_done([row])

    def retry_later(self, item_id: str, delay_s: float, error: str) -> None:
        if item_id.startswith("group.put:") and delay_s > 0:
            self._parked_groups[item_id] = time.monotonic() + delay_s
        row = self._rows.pop(item_id, None)
        if row is not None:
            self.replica.store.sync_failed(row, error, datetime.now(UTC) + timedelta(seconds=delay_s))

    def __len__(self) -> int:
        return self.replica.store.sync_queue_length()
