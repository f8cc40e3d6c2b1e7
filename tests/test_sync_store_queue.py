"""The sync engine over the encrypted store's persistent outbox (StoreSyncQueue): delivered once, kept
across failures and restarts of the desktop app."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
storage = pytest.importorskip("app.core.storage")

from app.core.sync.client import CloudClient, StoreSyncQueue, SyncEngine, attendance_item, new_item  # noqa: E402
from tests.sync_support import FAST, Cloud, MemoryReplica, enrol, event, server_attendance, setup_org  # noqa: E402


def test_store_outbox_survives_failures_and_reopen(memory_keyring, data_dir: Path, tmp_path: Path) -> None:
    failing = [True]
    cloud = Cloud(f"sqlite:///{tmp_path / 'c.db'}", plan=lambda n: "500_before" if failing[0] else "ok")
    try:
        (key,) = setup_org(cloud.url, cloud.admin, sites=("North",))
        with storage.Store.open(data_dir) as store:
            dev = SyncEngine(CloudClient(cloud.url, key, retry=FAST), StoreSyncQueue(store), MemoryReplica())
            pid, _ = enrol(dev, "Ann", 1)
            events = [event(pid, i) for i in range(5)]
            for ev in events:
                dev.queue.enqueue(attendance_item(ev))
            dev.queue.enqueue(attendance_item(events[0]))  # a second delivery of the same event
            assert dev.run_once().state == "offline"
            assert store.sync_queue_length() == 8
        failing[0] = False
        with storage.Store.open(data_dir) as store:  # the app restarted: the outbox is still there
            dev = SyncEngine(CloudClient(cloud.url, key, retry=FAST), StoreSyncQueue(store), MemoryReplica())
            for _ in range(50):
                if dev.run_once().state == "idle" and store.sync_queue_length() == 0:
                    break
                time.sleep(0.1)
            assert store.sync_queue_length() == 0
            assert sorted(e["uuid"] for e in server_attendance(cloud.url, key)) == sorted(
                e.uuid for e in events
            )
            assert pid in dev.replica.persons  # type: ignore[attr-defined]

            # a tombstone queued the way the store's erasure does it (flat payload with entity_uuid)
            store.enqueue_sync(
                "person.delete", {"uuid": pid, "entity_uuid": pid, "erased_at": "x"}, uuid.uuid4().hex
            )
            store.enqueue_sync("something.else", {"entity_uuid": pid}, uuid.uuid4().hex)
            dev.run_once()
            assert pid not in dev.replica.persons  # type: ignore[attr-defined]
            assert store.sync_queue_length() == 1  # the unknown kind is parked, not sent, not lost
    finally:
        cloud.close()


def test_new_item_ids_are_idempotency_keys(memory_keyring, data_dir: Path) -> None:
    with storage.Store.open(data_dir) as store:
        queue = StoreSyncQueue(store)
        item = new_item("template.delete", str(uuid.uuid4()))
        queue.enqueue(item)
        queue.enqueue(item)  # enqueued twice (a retried UI action): stored once
        assert store.sync_queue_length() == 1
        (got,) = queue.peek(10)
        assert (got.id, got.kind, got.entity_uuid, got.payload) == (item.id, item.kind, item.entity_uuid, {})
