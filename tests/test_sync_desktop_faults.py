"""Desktop databases syncing through a faulty service: 500s before and after the server committed, answers
slower than the client's timeout, duplicated deliveries, the service killed mid-sync → nothing lost, nothing
duplicated, in the cloud or in the other desktop's database."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from app.core.sync.client import CloudClient
from cloud import testing
from tests.sync_support import ADMIN, FAST, Cloud, server_attendance, setup_org, start_service
from tests.test_sync_desktop import MODEL, Site, check_in, enrol


@pytest.fixture
def two(memory_keyring: Any, tmp_path: Path) -> Iterator[tuple[Site, Site]]:
    a, b = Site(tmp_path, "a"), Site(tmp_path, "b")
    yield a, b
    a.close()
    b.close()


def local_counts(site: Site) -> tuple[int, int, int]:
    with site.store.read() as conn:
        persons = conn.execute("SELECT count(*) FROM persons").fetchone()[0]
        templates = conn.execute("SELECT count(*) FROM templates").fetchone()[0]
        events = conn.execute("SELECT count(*) FROM attendance_events").fetchone()[0]
    return int(persons), int(templates), int(events)


def test_500s_timeouts_and_duplicate_deliveries(db_url: str, two: tuple[Site, Site]) -> None:
    cycle = ["ok", "500_after", "ok", "500_before", "slow_after", "ok", "ok", "500_after"]
    faulty = [True]
    cloud = Cloud(db_url, plan=lambda n: cycle[n % len(cycle)] if faulty[0] else "ok")
    a, b = two
    try:
        key_a, key_b = setup_org(cloud.url, cloud.admin)
        for site in (a, b):
            site.sync.batch = 7
            site.sync.timeout = (1.0, 0.4)  # slow_after answers after 1 s: a timeout, the server committed
        a.configure(cloud.url, key_a)
        b.configure(cloud.url, key_b)
        pids = [enrol(a.store, f"P{i}", i) for i in range(4)]
        events = [check_in(a.store, pids[i % 4], i, "north") for i in range(30)]
        a.drain(rounds=300)
        b.drain(rounds=300)
        assert {"500_after", "500_before", "slow_after"} <= set(cloud.faults.seen)
        faulty[0] = False  # check what the service holds without faults

        stored = server_attendance(cloud.url, key_a)
        assert sorted(e["uuid"] for e in stored) == sorted(e.uuid for e in events)  # none lost or doubled
        feed = CloudClient(cloud.url, key_a, retry=FAST).changes(0, 1000)
        assert sorted(str(c.uuid) for c in feed.changes if c.kind == "person") == sorted(pids)
        assert len([c for c in feed.changes if c.kind == "template"]) == 4
        assert local_counts(b) == (4, 4, 0) and sorted(b.store.load_templates(*MODEL)[0]) == sorted(pids)
        assert a.sync.status().duplicates >= 1 and a.sync.status().rejected == []

        # every record delivered a second time (the outbox refilled as after a restore): stored once
        requeued = a.sync.replica.enable_outbox(True)
        assert requeued == 30
        faulty[0] = True
        a.drain(rounds=300)
        faulty[0] = False
        assert len(server_attendance(cloud.url, key_a)) == 30
        b.drain(rounds=300)
        assert local_counts(b) == (4, 4, 0) and local_counts(a) == (4, 4, 30)
    finally:
        cloud.close()


def test_service_killed_mid_sync_then_restarted(two: tuple[Site, Site], tmp_path: Path) -> None:
    key_file = tmp_path / "admin.key"
    key_file.write_text(ADMIN)
    port = testing.free_port()
    url = f"http://127.0.0.1:{port}"
    proc = start_service(tmp_path / "cloud.db", port, key_file)
    a, b = two
    try:
        key_a, key_b = setup_org(url, testing.admin_client(url, ADMIN))
        a.sync.batch = 1  # one record per request: a long push to kill in the middle of
        a.sync.timeout = (0.5, 2.0)
        a.configure(url, key_a)
        b.configure(url, key_b)
        pid = enrol(a.store, "Ann", 1)
        events = [check_in(a.store, pid, i, "north") for i in range(120)]
        worker = threading.Thread(target=a.sync.run_once)
        worker.start()
        deadline = time.monotonic() + 60
        while a.store.sync_queue_length() > 90 and time.monotonic() < deadline:
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        worker.join(60)
        status = a.sync.status()
        assert status.state == "offline" and 0 < status.queue_length < 122 and status.last_error

        proc = start_service(tmp_path / "cloud.db", port, key_file)
        a.drain(rounds=100)
        b.drain()
        stored = server_attendance(url, key_a)
        assert sorted(e["uuid"] for e in stored) == sorted(e.uuid for e in events)
        assert local_counts(b) == (1, 1, 0) and local_counts(a) == (1, 1, 120)
    finally:
        proc.kill()
        proc.wait(10)
