"""The kiosk's late decision is stored with the event (schema v4), survives a v3 → v4 migration and does not
disturb the sync outbox triggers; reports still compute lateness from the shifts."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from app.core.attendance import AttendanceService, Outcome
from app.core.matcher import Match
from app.core.records import AttendanceEvent, Direction, Person
from app.core.settings import Settings, Shift
from app.core.storage import Store, migrations
from app.core.storage.sync_replica import StoreReplica
from app.core.vision.pipeline import FaceResult
from tests.test_attendance_rules import FakeClock, synthetic_face

BERLIN = ZoneInfo("Europe/Berlin")


def local(y: int, mo: int, d: int, h: int, mi: int) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=BERLIN).astimezone(UTC)


@pytest.fixture
def store(memory_keyring: object, data_dir: Path) -> Store:
    with Store.open(data_dir) as s:
        yield s


def visit(service: AttendanceService, start_s: float) -> list[Outcome]:
    rng = np.random.default_rng(int(start_s))
    rgb = np.zeros((480, 640, 3), np.uint8)
    known = np.eye(128, dtype=np.float32)[0]
    out = []
    for i in range(12):
        face = FaceResult(synthetic_face(50, rng), known, Match("p1", 0.95), Match("p1", 0.95))
        out += [e.outcome for e in service.process(rgb, start_s + i * 0.1, [face]).events]
    service.reset()
    return out


def test_kiosk_stores_its_late_decision(store: Store) -> None:
    store.add_person(Person("p1", "E1", "Ana"))
    settings = Settings()
    settings.attendance.liveness = "off"
    settings.attendance.min_face_quality = False
    settings.attendance.timezone = "Europe/Berlin"
    settings.reports.default_shift = Shift(start=time(9, 0), grace_minutes=5)
    clock = FakeClock(local(2026, 3, 2, 9, 20))  # Monday, 15 min after the grace
    service = AttendanceService(store, settings, clock=clock)
    assert visit(service, 0.0) == [Outcome.CHECKED_IN]
    clock.now = local(2026, 3, 3, 8, 55)  # Tuesday, on time
    assert visit(service, 100.0) == [Outcome.CHECKED_IN]
    events = store.list_events()
    assert [(e.direction, e.late) for e in events] == [(Direction.IN, True), (Direction.IN, False)]
    assert store.get_event(events[0].uuid).late is True  # type: ignore[union-attr]
    assert store.last_event("p1").late is False  # type: ignore[union-attr]


def test_manual_events_default_to_not_late(store: Store) -> None:
    store.add_person(Person("p1", "E1", "Ana"))
    ev = AttendanceEvent(str(uuid.uuid4()), "p1", local(2026, 3, 2, 10, 0), "Europe/Berlin", Direction.IN,
                         1.0, 1.0, "dev", source="manual")  # fmt: skip
    store.add_event(ev)
    assert store.get_event(ev.uuid).late is False  # type: ignore[union-attr]


def test_v3_database_gets_the_late_column_and_the_outbox_still_works(
    memory_keyring: object, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    v3_steps = [m for m in migrations.MIGRATIONS if m.version <= 3]
    assert migrations.MIGRATIONS[len(v3_steps)].version == 4  # appended after the released steps
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", tuple(v3_steps))
        m.setattr(migrations, "LATEST_VERSION", 3)
        with Store.open(data_dir) as v3:
            assert v3.schema_version() == 3
            v3.add_person(Person("p1", "E1", "Ana"))
            v3._conn.execute(
                "INSERT INTO attendance_events (uuid, person_id, at_utc, tz_name, direction, match_score, "
                "liveness_score, device_id, voided, source, created_at) SELECT 'old-1', id, "
                "'2026-03-02T08:00:00.000000Z', 'Europe/Berlin', 'in', 0.9, 1.0, 'dev', 0, 'kiosk', "
                "'2026-03-02T08:00:00.000000Z' FROM persons"
            )
    with Store.open(data_dir) as v4:
        assert v4.schema_version() == migrations.LATEST_VERSION >= 4
        old = v4.get_event("old-1")
        assert old is not None and old.late is False
        replica = StoreReplica(v4)
        replica.enable_outbox(True)
        before = v4.sync_queue_length()
        ev = AttendanceEvent(str(uuid.uuid4()), "p1", local(2026, 3, 2, 9, 30), "Europe/Berlin",
                             Direction.IN, 0.9, 1.0, "dev", late=True)  # fmt: skip
        v4.add_event(ev)
        assert v4.sync_queue_length() == before + 1  # the insert trigger queued it
        v4.correct_event(ev.uuid, "hr", "double registration", voided=True)
        assert v4.sync_queue_length() == before + 2  # and the void trigger
        bodies = [
            json.loads(row[0])
            for row in v4._conn.execute("SELECT payload_json FROM sync_queue WHERE kind = 'attendance'")
        ]
        assert any(b.get("uuid") == ev.uuid for b in bodies)
        assert v4.get_event(ev.uuid).late is True  # type: ignore[union-attr]
