"""Group names between devices through the real cloud service on loopback: a group is pushed (PUT
/v1/groups/{uuid}) before the persons who belong to it, and a device that never heard of the group shows its
name (so the HR shift named for that group applies there too)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import time
from pathlib import Path
from typing import Any

import pytest
import requests

pytest.importorskip("fastapi")

from app.core.records import Person, Template
from app.core.schedule.shifts import shift_for
from app.core.schedule.work_schedule import SCHEDULE_KEY, NamedShift, WorkSchedule, load_schedule
from app.core.settings import ReportSettings, Shift
from app.core.sync.outbox import StoreOutboxQueue
from tests.sync_support import Cloud, setup_org
from tests.test_sync_desktop import MODEL, Site, unit
from wire import schemas

NIGHT = Shift("Night", time(22, 0), time(6, 0), grace_minutes=5, weekdays=(0, 1, 2, 3, 4))


@pytest.fixture
def cloud(db_url: str) -> Iterator[Cloud]:
    c = Cloud(db_url)
    yield c
    c.close()


@pytest.fixture
def sites(memory_keyring: Any, tmp_path: Path) -> Iterator[list[Site]]:
    made = [Site(tmp_path, n) for n in ("a", "b", "c")]
    yield made
    for s in made:
        s.close()


def enrol(site: Site, name: str, seed: int, groups: list[str]) -> str:
    person = Person(str(uuid.uuid4()), name.lower(), name, groups=groups)
    site.store.add_enrolment(person, [Template(person.uuid, *MODEL, unit(seed))])
    return person.uuid


def groups_on_server(url: str, key: str) -> dict[str, str]:
    page = requests.get(f"{url}/v1/changes", params={"since": 0}, headers={"X-API-Key": key}, timeout=10)
    return {c["uuid"]: c["group"]["name"] for c in page.json()["changes"] if c["kind"] == "group"}


def test_a_group_new_to_a_device_arrives_by_name_and_its_shift_applies(
    cloud: Cloud, sites: list[Site]
) -> None:
    a, b, c = sites
    key_a, key_b, key_c = setup_org(cloud.url, cloud.admin, sites=("North", "South", "Office"))
    for site, key in ((a, key_a), (b, key_b), (c, key_c)):
        site.configure(cloud.url, key)
    ann = enrol(a, "Ann", 1, ["Night crew"])
    a.drain()
    night = str(schemas.group_uuid("Night crew"))
    assert groups_on_server(cloud.url, key_a) == {night: "Night crew"}
    b.drain()  # B has never seen the group
    got = b.store.get_person(ann)
    assert got is not None and got.groups == ["Night crew"]
    assert b.store.sync_queue_length() == 0 and b.sync.status().conflicts == 0  # nothing pushed back

    # HR on B names a shift for the group: it applies to the person who came from A
    schedule = WorkSchedule(shifts=[NamedShift(NIGHT, ["Night crew"])], timezone="Europe/Berlin")
    b.store.set_setting(SCHEDULE_KEY, schedule.validated().to_dict())
    saved = load_schedule(b.store)
    assert saved is not None
    reports = ReportSettings()
    saved.apply(reports)
    assert shift_for(got, reports) == NIGHT
    assert shift_for(b.store.get_person(ann), ReportSettings()).name == "Day"  # the default without it

    # the same group spelled otherwise on C: the service keeps its name (409 adopted), C's person syncs
    cal = enrol(c, "Cal", 2, ["night crew"])
    c.drain()
    assert c.sync.status().conflicts == 1
    assert groups_on_server(cloud.url, key_c) == {night: "Night crew"}
    b.drain()
    got_cal = b.store.get_person(cal)
    assert got_cal is not None and got_cal.groups == ["Night crew"]
    assert shift_for(got_cal, reports) == NIGHT


def test_a_group_id_stored_by_an_older_version_is_named_once_the_group_is_pushed(
    sites: list[Site], local_cloud: Cloud, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, _ = sites
    key_a, key_b = setup_org(local_cloud.url, local_cloud.admin)
    a.configure(local_cloud.url, key_a)
    b.configure(local_cloud.url, key_b)
    with monkeypatch.context() as m:  # the version before groups were pushed
        m.setattr(StoreOutboxQueue, "_groups", lambda self: [])
        ann = enrol(a, "Ann", 1, ["Night crew", "Crew"])
        a.drain()
        b.drain()
    night = str(schemas.group_uuid("Night crew"))
    got = b.store.get_person(ann)
    assert got is not None and got.groups == [night, str(schemas.group_uuid("Crew"))]
    assert groups_on_server(local_cloud.url, key_a) == {}
    b.drain()  # B never pushes a group id as a name
    assert groups_on_server(local_cloud.url, key_a) == {}

    a.drain()  # this version pushes the groups A's persons belong to, once
    a.drain()
    assert sorted(groups_on_server(local_cloud.url, key_a).values()) == ["Crew", "Night crew"]
    b.drain()
    got = b.store.get_person(ann)
    assert got is not None and got.groups == ["Night crew", "Crew"]
    assert b.store.sync_queue_length() == 0
    # the repair is not an edit: nothing queued, the person's server version unchanged
    held = requests.get(
        f"{local_cloud.url}/v1/persons/{ann}", headers={"X-API-Key": key_b}, timeout=10
    ).json()
    assert held["version"] == b.sync.replica.person_for_sync(ann)[1]  # type: ignore[index]
