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
The package: `errors`, `outbox` (items, queues, wire bodies), `sealer` (end-to-end mode), `http` (the
client with retries) and `engine`; every public name is re-exported here.
"""

from app.core.sync.client.engine import LocalReplica, SyncEngine, SyncStatus
from app.core.sync.client.errors import CursorAheadError, SyncAuthError, SyncError, TransientSyncError
from app.core.sync.client.http import TRANSIENT_STATUS, CloudClient, RetryPolicy
from app.core.sync.client.outbox import (
    KINDS,
    PARK_S,
    MemorySyncQueue,
    OpKind,
    OutboxItem,
    StoreOutbox,
    StoreSyncQueue,
    SyncQueue,
    attendance_item,
    group_put,
    new_item,
    person_put,
    template_put,
)
from app.core.sync.client.sealer import TemplateSealer

__all__ = [
    "KINDS",
    "PARK_S",
    "TRANSIENT_STATUS",
    "CloudClient",
    "CursorAheadError",
    "LocalReplica",
    "MemorySyncQueue",
    "OpKind",
    "OutboxItem",
    "RetryPolicy",
    "StoreOutbox",
    "StoreSyncQueue",
    "SyncAuthError",
    "SyncEngine",
    "SyncError",
    "SyncQueue",
    "SyncStatus",
    "TemplateSealer",
    "TransientSyncError",
    "attendance_item",
    "group_put",
    "new_item",
    "person_put",
    "template_put",
]
