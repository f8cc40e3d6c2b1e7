"""Desktop sync client against a real uvicorn on loopback: two devices, conflicts, and faults
(500s before and after the server committed, timeouts, a killed server) → nothing lost, nothing duplicated."""

from __future__ import annotations

import os
import random
import signal
import time
import uuid
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("fastapi")

from app.core.records import Person
from app.core.sync.client import (
    CloudClient,
    MemorySyncQueue,
    RetryPolicy,
    SyncEngine,
    SyncError,
    TemplateSealer,
    attendance_item,
    new_item,
    person_put,
)
from cloud import testing
from tests.sync_support import (
    ADMIN,
    FAST,
    Cloud,
    MemoryReplica,
    drain,
    engine,
    enrol,
    event,
    queue_len,
    replica,
    server_attendance,
    setup_org,
    start_service,
    unit,
)
from wire import schemas

# --- two devices ----------------------------------------------------------------------------------------


def test_two_devices_enrol_delete_and_one_report(db_url: str) -> None:
    cloud = Cloud(db_url)
    try:
        key_a, key_b = setup_org(cloud.url, cloud.admin)
        a, b = engine(cloud.url, key_a), engine(cloud.url, key_b)
        assert b.run_once().state == "idle" and replica(b).persons == {}

        pid, tid = enrol(a, "Ann", 1)
        drain(a)
        drain(b)
        assert replica(b).persons[pid].name == "Ann"  # enrol on A → appears on B
        got = replica(b).templates[tid]
        assert np.array_equal(np.frombuffer(schemas.decode_vector(got.vector_b64 or "", 128), "<f4"), unit(1))

        replica(b).apply_changes(
            [schemas.Change(seq=0, kind="person", uuid=uuid.UUID(pid), deleted=True)], None
        )
        b.queue.enqueue(new_item("person.delete", pid))  # delete on B → gone from A
        drain(b)
        drain(a)
        assert pid not in replica(a).persons and tid not in replica(a).templates

        for i in range(3):
            a.queue.enqueue(attendance_item(event(pid, i)))
            b.queue.enqueue(attendance_item(event(pid, 10 + i)))
        drain(a)
        drain(b)
        report = server_attendance(cloud.url, key_a)
        assert len(report) == 6 and len({e["site_id"] for e in report}) == 2  # both sites, one report
    finally:
        cloud.close()


def test_client_conflicts_server_wins_deletion_wins(local_cloud: Cloud) -> None:
    key_a, key_b = setup_org(local_cloud.url, local_cloud.admin)
    a, b = engine(local_cloud.url, key_a), engine(local_cloud.url, key_b)
    pid, _ = enrol(a, "Ann", 1)
    drain(a)
    drain(b)
    base = replica(a).persons[pid].version
    a.queue.enqueue(person_put(Person(uuid=pid, external_id="ann", name="Ann A"), base_version=base))
    b.queue.enqueue(person_put(Person(uuid=pid, external_id="ann", name="Ann B"), base_version=base))
    drain(a)
    drain(b)
    assert b.status.conflicts == 1 and replica(b).persons[pid].name == "Ann A"  # server version wins
    # B deletes, A edits from its old copy: 410 → A deletes too
    b.queue.enqueue(new_item("person.delete", pid))
    drain(b)
    a.queue.enqueue(person_put(Person(uuid=pid, external_id="ann", name="Ann again"), base_version=base))
    drain(a)
    assert pid not in replica(a).persons and a.status.conflicts == 1


def test_end_to_end_templates_travel_sealed(local_cloud: Cloud) -> None:
    key_a, key_b = setup_org(local_cloud.url, local_cloud.admin, e2e=True)
    a, b = engine(local_cloud.url, key_a), engine(local_cloud.url, key_b)
    sealer = TemplateSealer(os.urandom(32))
    _, tid = enrol(a, "Eve", 5, sealer)
    drain(a)
    drain(b)
    got = replica(b).templates[tid]
    assert got.vector_b64 is None and np.allclose(sealer.open(got), unit(5))
    probe = schemas.SearchRequest(
        model_id="dlib_resnet_v1", model_version="1", dim=128, vector_b64=schemas.encode_vector(unit(5))
    )
    with pytest.raises(SyncError, match="409"):
        CloudClient(local_cloud.url, key_a, retry=FAST).search(probe)


# --- faults ---------------------------------------------------------------------------------------------


def test_500s_and_timeouts_lose_nothing_and_duplicate_nothing(db_url: str) -> None:
    cycle = ["ok", "500_after", "ok", "500_before", "slow_after", "ok", "ok", "500_after"]
    faults_on = [True]  # the checks below read the service: they must not meet an injected fault
    cloud = Cloud(db_url, plan=lambda n: cycle[n % len(cycle)] if faults_on[0] else "ok")
    try:
        (key,) = setup_org(cloud.url, cloud.admin, sites=("North",))
        dev = engine(cloud.url, key, batch=7, timeout=(1.0, 0.4))
        pids = [enrol(dev, f"P{i}", i)[0] for i in range(5)]
        events = [event(pids[i % 5], i) for i in range(40)]
        for i, ev in enumerate(events):
            dev.queue.enqueue(attendance_item(ev))
            if i % 10 == 0:  # interleave registry edits so runs of attendance are split
                dev.queue.enqueue(new_item("template.delete", str(uuid.uuid4())))
        drain(dev, rounds=200)
        faults_on[0] = False
        assert {"500_after", "500_before", "slow_after"} <= set(cloud.faults.seen)

        stored = server_attendance(cloud.url, key)
        assert sorted(e["uuid"] for e in stored) == sorted(
            ev.uuid for ev in events
        )  # nothing lost or doubled
        feed = CloudClient(cloud.url, key, retry=FAST).changes(0, 1000)
        persons = [c for c in feed.changes if c.kind == "person"]
        assert sorted(str(c.uuid) for c in persons) == sorted(pids)
        assert dev.status.duplicates >= 1  # some deliveries were repeats of a committed request
        assert dev.status.rejected == []
    finally:
        cloud.close()


def test_a_failed_item_never_falls_behind_the_items_after_it(tmp_path: Path) -> None:
    """The outbox is causal (a person before its attendance): after a transient failure of the head item,
    the items behind it must not become due before it, or the service refuses them (unknown person)."""
    failing = [True]
    cloud = Cloud(f"sqlite:///{tmp_path / 'c.db'}", plan=lambda n: "500_before" if failing[0] else "ok")
    try:
        (key,) = setup_org(cloud.url, cloud.admin, sites=("North",))
        dev = engine(cloud.url, key)
        pid, _ = enrol(dev, "Ann", 1)
        dev.queue.enqueue(attendance_item(event(pid, 0)))
        assert dev.run_once().state == "offline"
        failing[0] = False
        assert dev.queue.peek(10)[0].kind == "person.put"  # still first, still due
        drain(dev)
        assert [e["person_uuid"] for e in server_attendance(cloud.url, key)] == [pid]
        assert dev.status.rejected == []
    finally:
        cloud.close()


def test_revoked_key_stops_sync_and_keeps_the_outbox(local_cloud: Cloud) -> None:
    (key,) = setup_org(local_cloud.url, local_cloud.admin, sites=("North",))
    dev = engine(local_cloud.url, key)
    org = local_cloud.admin("GET", "/v1/admin/organisations")[0]["id"]
    device_id = local_cloud.admin("GET", f"/v1/admin/organisations/{org}/devices")[0]["id"]
    local_cloud.admin("POST", f"/v1/admin/devices/{device_id}/revoke")
    enrol(dev, "Ann", 1)
    assert dev.run_once().state == "auth_failed" and queue_len(dev) == 2


def test_service_killed_mid_sync_then_restarted(tmp_path: Path) -> None:
    import threading

    key_file = tmp_path / "admin.key"
    key_file.write_text(ADMIN)
    port = testing.free_port()
    url = f"http://127.0.0.1:{port}"
    proc = start_service(tmp_path / "cloud.db", port, key_file)
    try:
        (key,) = setup_org(url, testing.admin_client(url, ADMIN), sites=("North",))
        dev = engine(url, key, batch=1, timeout=(0.5, 2.0))  # one event per request: a long push
        pid, _ = enrol(dev, "Ann", 1)
        events = [event(pid, i) for i in range(150)]
        for ev in events:
            dev.queue.enqueue(attendance_item(ev))
        worker = threading.Thread(target=dev.run_once)
        worker.start()
        while queue_len(dev) > 100:  # kill it mid-push
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        worker.join(30)
        assert dev.status.state == "offline" and 0 < queue_len(dev) < 152

        proc = start_service(tmp_path / "cloud.db", port, key_file)
        drain(dev, rounds=100)
        stored = server_attendance(url, key)
        assert sorted(e["uuid"] for e in stored) == sorted(ev.uuid for ev in events)
    finally:
        proc.kill()
        proc.wait(10)


# --- client rules ---------------------------------------------------------------------------------------


def test_backoff_is_exponential_with_full_jitter_and_tls_stays_on() -> None:
    policy = RetryPolicy(attempts=5, base_s=0.5, cap_s=4.0)
    rng = random.Random(1)
    for attempt in range(8):
        bound = min(4.0, 0.5 * 2**attempt)
        samples = [policy.delay(attempt, rng) for _ in range(200)]
        assert all(0 <= s <= bound for s in samples) and max(samples) > 0.7 * bound
    with pytest.raises(SyncError, match="verification"):
        CloudClient("https://cloud.example", "k", verify=False)
    with pytest.raises(SyncError, match="https"):
        CloudClient("http://cloud.example", "k")
    assert CloudClient("https://cloud.example", "k")._session.verify is True


def test_retries_then_gives_up_with_the_items_kept(tmp_path: Path) -> None:
    cloud = Cloud(f"sqlite:///{tmp_path / 'c.db'}", plan=lambda n: "500_before")
    try:
        (key,) = setup_org(cloud.url, cloud.admin, sites=("North",))
        sleeps: list[float] = []
        dev = SyncEngine(
            CloudClient(cloud.url, key, retry=FAST, sleep=sleeps.append), MemorySyncQueue(), MemoryReplica()
        )
        enrol(dev, "Ann", 1)
        assert dev.run_once().state == "offline" and queue_len(dev) == 2
        assert len(sleeps) == FAST.attempts - 1 and cloud.faults.seen.count("500_before") == FAST.attempts
    finally:
        cloud.close()
