"""Two (and three) desktop databases syncing through the real cloud service on loopback: the store's
transactional outbox, the StoreReplica, the SyncService and its keyring configuration, the CLI."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import requests

pytest.importorskip("fastapi")

from app.core.records import AttendanceEvent, Direction, Person, Template
from app.core.reports.store_source import StoreEventSource
from app.core.storage import Store
from app.core.sync.service import KEYRING_SERVICE, SyncService
from tests.sync_support import FAST, Cloud, server_attendance, setup_org

MODEL = ("dlib_resnet_v1", "1")
T0 = datetime(2026, 3, 2, 8, tzinfo=UTC)


@pytest.fixture
def cloud(db_url: str) -> Iterator[Cloud]:
    c = Cloud(db_url)
    yield c
    c.close()


class Site:
    """One desktop: its own data dir, database (own keyring entries) and SyncService."""

    def __init__(self, root: Path, name: str) -> None:
        self.store = Store.open(root / name)
        self.sync = SyncService(self.store, retry=FAST, timeout=(1.0, 3.0))

    def configure(self, url: str, key: str, **kw: Any) -> int:
        return self.sync.configure(url, key, actor="admin", **kw)

    def drain(self, rounds: int = 80) -> None:
        for _ in range(rounds):
            status = self.sync.run_once()
            if status.state == "idle" and status.queue_length == 0:
                return
            time.sleep(0.05)
        raise AssertionError(f"not drained: {self.sync.status()}")

    def close(self) -> None:
        self.sync.stop()
        self.store.close()


@pytest.fixture
def sites(memory_keyring: Any, tmp_path: Path) -> Iterator[list[Site]]:
    made = [Site(tmp_path, n) for n in ("a", "b", "c")]
    yield made
    for s in made:
        s.close()


def unit(seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal(128).astype(np.float32)
    return v / np.linalg.norm(v)


def enrol(store: Store, name: str, seed: int) -> str:
    person = Person(str(uuid.uuid4()), name.lower(), name)
    store.add_enrolment(person, [Template(person.uuid, *MODEL, unit(seed), quality=0.9, frames_used=5)])
    return person.uuid


def check_in(store: Store, person_uuid: str, minutes: int, device: str) -> AttendanceEvent:
    ev = AttendanceEvent(
        str(uuid.uuid4()),
        person_uuid,
        T0 + timedelta(minutes=minutes),
        "Europe/Berlin",
        Direction.IN if minutes % 2 == 0 else Direction.OUT,
        0.3,
        0.9,
        device,
    )
    store.add_event(ev)
    return ev


def test_outbox_is_off_until_configured_and_transactional(memory_keyring: Any, tmp_path: Path) -> None:
    site = Site(tmp_path, "a")
    try:
        early = enrol(site.store, "Early", 1)
        assert site.store.sync_queue_length() == 0 and site.sync.status().state == "off"
        assert site.sync.run_once().state == "off"
        # configure (no server needed): existing records are queued, the key lives in the keyring only
        queued = site.configure("http://127.0.0.1:9", "device-key-1")
        assert queued == 2 and site.sync.configured
        assert memory_keyring.store[(KEYRING_SERVICE, f"{site.store.header.db_id}:api-key")] == "device-key-1"
        assert "device-key-1" not in str(site.store.get_setting("sync.config"))
        raw = b"".join(p.read_bytes() for p in (tmp_path / "a").iterdir() if p.is_file())
        assert b"device-key-1" not in raw
        assert [e.action for e in site.store.audit_entries(10)].count("sync.key_change") == 1
        site.configure("http://127.0.0.1:9", "device-key-1")  # same key: no new key-change entry
        site.configure("http://127.0.0.1:9", "device-key-2")
        assert [e.action for e in site.store.audit_entries(20)].count("sync.key_change") == 2

        # a write and its outbox item commit together: a failed enrolment queues nothing
        before = site.store.sync_queue_length()
        dup = Person(str(uuid.uuid4()), "early", "Duplicate external id")
        with pytest.raises(Exception, match=r"unique|Already"):
            site.store.add_enrolment(dup, [Template(dup.uuid, *MODEL, unit(2))])
        assert site.store.sync_queue_length() == before
        person = site.store.get_person(early)
        assert person is not None
        person.name = "Early Bird"
        site.store.update_person(person)
        site.store.update_person(person)  # nothing changed: nothing queued
        check_in(site.store, early, 0, "a")
        kinds = [i.kind for i in site.store.due_sync_items()]
        assert kinds == ["person.put", "template.put", "person.put", "attendance"]
        status = site.sync.run_once()  # nothing listens on port 9
        assert status.state == "offline" and status.queue_length == 4 and status.last_error
    finally:
        site.close()


def test_two_sites_enrol_delete_and_one_report(cloud: Cloud, sites: list[Site]) -> None:
    a, b, c = sites
    key_a, key_b, key_c = setup_org(cloud.url, cloud.admin, sites=("North", "South", "Office"))
    ann = enrol(a.store, "Ann", 1)  # enrolled before sync was configured: queued by configure
    assert a.configure(cloud.url, key_a) == 2
    b.configure(cloud.url, key_b)
    c.configure(cloud.url, key_c, pull_attendance=True)
    bob = enrol(a.store, "Bob", 2)
    a.drain()
    b.drain()
    # enrol on A → appears on B, and the matcher can load it
    for pid, seed in ((ann, 1), (bob, 2)):
        got = b.store.get_person(pid)
        assert got is not None and got.name in ("Ann", "Bob")
        (tpl,) = b.store.templates_for(pid)
        assert np.array_equal(tpl.vector, unit(seed)) and tpl.frames_used == 5
    uuids, matrix = b.store.load_templates(*MODEL)
    assert sorted(uuids) == sorted([ann, bob]) and matrix.shape == (2, 128)
    assert b.store.sync_queue_length() == 0  # what B pulled is not queued again

    # an edit on B reaches A (B knows the server version it edits)
    person = b.store.get_person(bob)
    assert person is not None
    person.department = "Night shift"
    b.store.update_person(person)
    b.drain()
    a.drain()
    got_a = a.store.get_person(bob)
    assert got_a is not None and got_a.department == "Night shift"

    # delete on B → gone from A (person and template)
    b.store.delete_person(ann, actor="admin")
    b.drain()
    a.drain()
    assert a.store.get_person(ann) is None and a.store.templates_for(ann) == []
    assert a.store.load_templates(*MODEL)[0] == [bob]

    # attendance from both sites, one report: the service's list and a third database that pulled both
    mine = [check_in(a.store, bob, i, "north") for i in range(3)]
    mine += [check_in(b.store, bob, 10 + i, "south") for i in range(2)]
    a.drain()
    b.drain()
    stored = server_attendance(cloud.url, key_c)
    assert sorted(e["uuid"] for e in stored) == sorted(e.uuid for e in mine)
    assert len({e["site_id"] for e in stored}) == 2
    c.drain()
    c.drain()  # a second pass pulls nothing new
    report = StoreEventSource(c.store).events_between(T0, T0 + timedelta(hours=1))
    assert sorted(e.uuid for e in report) == sorted(e.uuid for e in mine)
    assert c.store.sync_queue_length() == 0 and c.sync.status().last_success_at is not None


def test_concurrent_edits_server_wins_and_deletion_wins(sites: list[Site], local_cloud: Cloud) -> None:
    a, b, _ = sites
    key_a, key_b = setup_org(local_cloud.url, local_cloud.admin)
    a.configure(local_cloud.url, key_a)
    b.configure(local_cloud.url, key_b)
    pid = enrol(a.store, "Ann", 1)
    a.drain()
    b.drain()
    for site, name in ((a, "Ann from A"), (b, "Ann from B")):
        person = site.store.get_person(pid)
        assert person is not None
        person.name = name
        site.store.update_person(person)
    a.drain()
    b.drain()  # B's edit started from the old version: 409, B adopts the server's
    assert b.sync.status().conflicts == 1
    for site in (a, b):
        got = site.store.get_person(pid)
        assert got is not None and got.name == "Ann from A"
    # A deletes while B edits: deletion wins on both
    a.store.delete_person(pid, actor="admin")
    person = b.store.get_person(pid)
    assert person is not None
    person.name = "Ann edited late"
    b.store.update_person(person)
    a.drain()
    b.drain()
    assert a.store.get_person(pid) is None and b.store.get_person(pid) is None


def test_end_to_end_templates_sealed_with_the_keyring_org_key(sites: list[Site], local_cloud: Cloud) -> None:
    a, b, _ = sites
    key_a, key_b = setup_org(local_cloud.url, local_cloud.admin, e2e=True)
    org_key = os.urandom(32)
    a.configure(local_cloud.url, key_a, e2e=True, org_key=org_key)
    b.configure(local_cloud.url, key_b, e2e=True, org_key=org_key)
    pid = enrol(a.store, "Eve", 5)
    a.drain()
    b.drain()
    (tpl,) = b.store.templates_for(pid)
    assert np.allclose(tpl.vector, unit(5))
    (tid,) = a.sync.replica.template_uuids(pid)
    held = requests.get(
        f"{local_cloud.url}/v1/templates/{tid}", headers={"X-API-Key": key_a}, timeout=10
    ).json()
    assert held["vector_b64"] is None and held["ciphertext_b64"]  # the service holds ciphertext only
    actions = [e.action for e in a.store.audit_entries(20)]
    assert "sync.org_key_change" in actions and a.sync.org_key() == org_key


def test_background_loop_start_stop_and_status(sites: list[Site], local_cloud: Cloud) -> None:
    a, _, _ = sites
    (key,) = setup_org(local_cloud.url, local_cloud.admin, sites=("North",))
    seen: list[str] = []
    a.sync.on_status = lambda s: seen.append(s.state)
    a.sync.start()  # not configured yet: the loop waits, state off
    deadline = time.monotonic() + 10
    while not seen and time.monotonic() < deadline:
        time.sleep(0.02)
    assert seen[0] == "off" and a.sync.status().running
    a.configure(local_cloud.url, key, interval_s=30)
    enrol(a.store, "Ann", 1)
    a.sync.wake()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        status = a.sync.status()
        if status.queue_length == 0 and status.last_success_at is not None:
            break
        time.sleep(0.05)
    status = a.sync.status()
    assert status.queue_length == 0 and status.state == "idle" and status.last_success_at
    t = time.monotonic()
    a.sync.stop()
    assert not a.sync.status().running and time.monotonic() - t < 5


def test_cli_configure_status_run(
    memory_keyring: Any,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
    cheap_argon2: None,
) -> None:
    from app.cli import main

    cloud = Cloud(f"sqlite:///{tmp_path / 'c.db'}")
    try:
        (key,) = setup_org(cloud.url, cloud.admin, sites=("North",))
        with Store.open(data_dir) as store:
            store.add_user("root", "admin", "5839201", actor="test")
            enrol(store, "Ann", 1)
        monkeypatch.setenv("FACEATTEND_USER", "root")
        monkeypatch.setenv("FACEATTEND_PIN", "5839201")
        monkeypatch.setenv("DEVICE_KEY", key)
        assert main(["sync", "status"]) == 0
        assert "not configured: sync is off" in capsys.readouterr().out
        assert main(["sync", "run"]) == 1
        assert main(["sync", "configure", "--url", cloud.url, "--api-key-env", "DEVICE_KEY"]) == 0
        assert "2 existing records queued" in capsys.readouterr().out
        assert main(["sync", "run"]) == 0
        out = capsys.readouterr().out
        assert "pushed 2" in out and "queue: 0 items" in out and "state: idle" in out
        assert main(["sync", "status"]) == 0
        assert "last success: 20" in capsys.readouterr().out
    finally:
        cloud.close()


def test_erasure_on_one_site_removes_the_person_everywhere(sites: list[Site], local_cloud: Cloud) -> None:
    a, b, _ = sites
    key_a, key_b = setup_org(local_cloud.url, local_cloud.admin)
    a.configure(local_cloud.url, key_a)
    b.configure(local_cloud.url, key_b)
    pid = enrol(a.store, "Gina", 3)
    ev = check_in(a.store, pid, 0, "north")
    a.drain()
    b.drain()
    assert b.store.get_person(pid) is not None
    a.store.erase_person(pid, "admin", delete_events=False)  # pseudonymised: events stay, identity goes
    a.drain()
    b.drain()
    assert b.store.get_person(pid) is None and b.store.templates_for(pid) == []
    held = requests.get(
        f"{local_cloud.url}/v1/persons/{pid}", headers={"X-API-Key": key_a}, timeout=10
    ).json()
    assert held["deleted"] and held["name"] == ""  # the service keeps a tombstone, no personal data
    assert [e["uuid"] for e in server_attendance(local_cloud.url, key_a)] == [ev.uuid]


def test_sealed_templates_arrive_once_the_org_key_is_configured(
    sites: list[Site], local_cloud: Cloud
) -> None:
    a, b, _ = sites
    key_a, key_b = setup_org(local_cloud.url, local_cloud.admin, e2e=True)
    a.configure(local_cloud.url, key_a, e2e=True)  # a new org key, made on this first device
    org_key = a.sync.org_key()
    assert org_key is not None and len(org_key) == 32
    b.configure(local_cloud.url, key_b, e2e=True, org_key=os.urandom(32))  # the wrong key
    pid = enrol(a.store, "Hal", 4)
    a.drain()
    assert b.sync.run_once().state == "error" and b.store.templates_for(pid) == []
    b.configure(local_cloud.url, key_b, e2e=True, org_key=org_key)  # the right one: pulled again from 0
    b.drain()
    (tpl,) = b.store.templates_for(pid)
    assert np.allclose(tpl.vector, unit(4))


def test_v2_database_gets_template_uuids(
    memory_keyring: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core.storage import migrations

    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
        m.setattr(migrations, "LATEST_VERSION", 2)
        with Store.open(tmp_path / "old") as old:
            pids = [enrol(old, f"P{i}", i) for i in range(3)]
    with Store.open(tmp_path / "old") as store:
        assert store.schema_version() >= 3 and store.sync_queue_length() == 0
        replica = SyncService(store).replica
        found = [u for pid in pids for u in replica.template_uuids(pid)]
        assert len(set(found)) == 3 and all(uuid.UUID(u).version == 4 for u in found)
        assert replica.template_for_sync(found[0]) is not None
        assert replica.enable_outbox(True) == 6  # 3 persons + 3 templates, queued once
        assert replica.enable_outbox(True) == 0


def test_group_names_sync_as_stable_ids(cloud: Cloud, sites: list[Site]) -> None:
    """Desktop groups are names ("Crew"); the wire carries a uuid derived from the name, and every site shows
    the name again (the group itself is pushed before its persons: tests/test_sync_groups.py)."""
    a, b, _c = sites
    key_a, key_b = setup_org(cloud.url, cloud.admin, sites=("North", "South"))
    a.configure(cloud.url, key_a)
    b.configure(cloud.url, key_b)
    local = Person(str(uuid.uuid4()), "b-1", "Local crew member", groups=["Crew"])
    b.store.add_enrolment(local, [Template(local.uuid, *MODEL, unit(7))])
    crew = Person(str(uuid.uuid4()), "a-1", "Ann", groups=["Crew", "Night shift"])
    a.store.add_enrolment(crew, [Template(crew.uuid, *MODEL, unit(8))])
    a.drain()  # this failed before: group names were parsed as uuids
    assert a.store.sync_queue_length() == 0
    b.drain()
    got = b.store.get_person(crew.uuid)
    assert got is not None
    assert got.groups[0] == "Crew"  # known on B by name
    assert got.groups[1] == "Night shift"  # unknown on B before: named by the service
