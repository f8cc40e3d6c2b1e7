"""Attendance rules and tracking, Qt-free, with a fake clock and a fake store (no models, no database)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from app.core.attendance import (
    AttendanceRules,
    AttendanceService,
    KioskEvent,
    Outcome,
    greeting_text,
)
from app.core.matcher import Match
from app.core.records import AttendanceEvent, Direction, Person, UnknownFace
from app.core.schedule.shifts import is_late
from app.core.settings import AttendanceSettings, ReportSettings, Settings, Shift
from app.core.tracking import Detection, FaceTracker
from app.core.vision.face import FaceObservation, HeadPose
from app.core.vision.pipeline import FaceResult

BERLIN = ZoneInfo("Europe/Berlin")


def event(at: datetime, direction: Direction, person: str = "p1") -> AttendanceEvent:
    return AttendanceEvent(str(uuid.uuid4()), person, at, "Europe/Berlin", direction, 0.9, 1.0, "dev")


def rules(mode: str = "auto", **shift: object) -> AttendanceRules:
    reports = ReportSettings(default_shift=Shift(**shift))  # type: ignore[arg-type]
    return AttendanceRules(AttendanceSettings(mode=mode), reports, BERLIN)


def local(y: int, mo: int, d: int, h: int, mi: int) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=BERLIN).astimezone(UTC)


def test_debounce_window_and_auto_toggle() -> None:
    r = rules()
    t0 = local(2026, 3, 2, 8, 2)  # a Monday
    first = r.decide(None, t0, None)
    assert first.direction == Direction.IN and not first.late
    last = event(t0, Direction.IN)
    assert r.decide(None, t0 + timedelta(minutes=4, seconds=59), last).direction is None  # debounced
    later = r.decide(None, t0 + timedelta(minutes=5), last)
    assert later.direction == Direction.OUT
    back = r.decide(None, t0 + timedelta(hours=1), event(t0 + timedelta(minutes=30), Direction.OUT))
    assert back.direction == Direction.IN and not back.late  # back from a break: not late
    # A forgotten check-out yesterday: today starts with "in" again.
    assert r.decide(None, t0 + timedelta(days=1), last).direction == Direction.IN


def test_fixed_modes() -> None:
    t0 = local(2026, 3, 2, 8, 0)
    last_in = event(t0, Direction.IN)
    assert rules("in").decide(None, t0 + timedelta(minutes=10), last_in).direction == Direction.IN
    assert rules("out").decide(None, t0 + timedelta(minutes=10), None).direction == Direction.OUT
    assert rules("out").decide(None, t0 + timedelta(minutes=1), last_in).direction is None  # still debounced
    with pytest.raises(ValueError):
        rules("sideways")


def test_late_flag_with_grace_and_weekdays() -> None:
    r = rules(start=time(9, 0), grace_minutes=5)
    assert not r.decide(None, local(2026, 3, 2, 9, 5), None).late
    assert r.decide(None, local(2026, 3, 2, 9, 6), None).late
    assert not r.decide(None, local(2026, 3, 7, 11, 0), None).late  # Saturday: no shift
    # Checking out late is not "late".
    assert not r.decide(None, local(2026, 3, 2, 9, 30), event(local(2026, 3, 2, 8, 0), Direction.IN)).late


def test_group_shift_wins() -> None:
    reports = ReportSettings(group_shifts={"Night": Shift(start=time(22, 0), grace_minutes=0)})
    r = AttendanceRules(AttendanceSettings(), reports, BERLIN)
    night = Person("p", "E1", "Ana", department="Night")
    assert not r.decide(night, local(2026, 3, 2, 21, 59), None).late
    assert r.decide(Person("q", "E2", "Bo"), local(2026, 3, 2, 21, 59), None).late


@pytest.mark.parametrize(
    ("day", "hh", "mm", "late"),
    [
        ((2026, 3, 29), 9, 5, False),  # spring forward (UTC+1 -> +2 at 02:00): 09:05 local is on time
        ((2026, 3, 29), 9, 6, True),
        ((2026, 10, 25), 9, 5, False),  # fall back
        ((2026, 10, 25), 9, 6, True),
    ],
)
def test_shift_times_are_dst_safe(day: tuple[int, int, int], hh: int, mm: int, late: bool) -> None:
    shift = Shift(start=time(9, 0), grace_minutes=5, weekdays=(0, 1, 2, 3, 4, 5, 6))
    assert is_late(local(*day, hh, mm), BERLIN, shift) is late


def test_shift_starting_in_the_dst_gap() -> None:
    shift = Shift(start=time(2, 30), grace_minutes=0, weekdays=(6,))  # 02:30 does not exist on 2026-03-29
    assert not is_late(local(2026, 3, 29, 1, 59), BERLIN, shift)
    assert is_late(local(2026, 3, 29, 3, 1), BERLIN, shift)


def test_greeting_text() -> None:
    ana = Person("p1", "E1", "Ana Lima")
    at = datetime(2026, 3, 2, 8, 2, tzinfo=BERLIN)
    ev = KioskEvent(Outcome.CHECKED_IN, 1, at.astimezone(UTC), at, ana, Direction.IN)
    assert greeting_text(ev) == "Good morning, Ana — checked in 08:02"
    out = KioskEvent(Outcome.CHECKED_OUT, 1, at.astimezone(UTC), at.replace(hour=17, minute=30), ana)
    assert greeting_text(out) == "Goodbye, Ana — checked out 17:30"
    prev = event(at.astimezone(UTC), Direction.IN)
    again = KioskEvent(Outcome.ALREADY, 2, at.astimezone(UTC), at.replace(minute=4), ana, event=prev)
    assert greeting_text(again) == "Hello Ana — already checked in at 08:02"


def test_tracker_iou_embedding_and_expiry() -> None:
    tracker = FaceTracker(expiry_s=1.0)
    e1 = np.eye(4, dtype=np.float32)[0]
    e2 = np.eye(4, dtype=np.float32)[1]
    a = tracker.update(0.0, [Detection((100, 100, 200, 200), e1), Detection((400, 100, 500, 200), e2)])
    b = tracker.update(0.1, [Detection((405, 102, 505, 202), e2), Detection((104, 101, 204, 201), e1)])
    assert [t.id for t in b.assigned] == [a.assigned[1].id, a.assigned[0].id]
    # A jump without overlap keeps the track when the embedding agrees.
    c = tracker.update(0.2, [Detection((230, 100, 330, 200), e1)])
    assert c.assigned[0].id == a.assigned[0].id
    # Another person in the same place starts a new track.
    d = tracker.update(0.3, [Detection((230, 100, 330, 200), e2)])
    assert d.assigned[0].id not in {a.assigned[0].id, a.assigned[1].id}
    later = tracker.update(5.0, [])
    assert len(later.closed) == 3 and tracker.tracks == []


# --- the service with synthetic faces -------------------------------------------------------------


@dataclass
class FakeStore:
    people: dict[str, Person]
    events: list[AttendanceEvent] = field(default_factory=list)
    unknown: list[UnknownFace] = field(default_factory=list)

    def add_event(self, ev: AttendanceEvent) -> int:
        self.events.append(ev)
        return len(self.events)

    def last_event(self, person_uuid: str) -> AttendanceEvent | None:
        mine = [e for e in self.events if e.person_uuid == person_uuid]
        return mine[-1] if mine else None

    def get_person(self, person_uuid: str) -> Person | None:
        return self.people.get(person_uuid)

    def add_unknown_face(
        self, at_utc: datetime, device_id: str, thumbnail: bytes | None = None
    ) -> UnknownFace:
        face = UnknownFace(str(uuid.uuid4()), at_utc, device_id, thumbnail)
        self.unknown.append(face)
        return face


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def synthetic_face(x: float, rng: np.random.Generator) -> FaceObservation:
    pts = rng.uniform(0, 1, (478, 3)).astype(np.float32)
    pts[:, 0] = x + pts[:, 0] * 100
    pts[:, 1] = 100 + pts[:, 1] * 100
    return FaceObservation(pts, {}, HeadPose(0, 0, 0), np.eye(4, dtype=np.float32), (640, 480))


def test_service_votes_debounces_and_reports_unknown() -> None:
    settings = Settings()
    settings.attendance.liveness = "off"
    settings.attendance.min_face_quality = False  # synthetic landmarks do not pass the quality gate
    settings.attendance.timezone = "Europe/Berlin"
    store = FakeStore({"p1": Person("p1", "E1", "Ana")})
    clock = FakeClock(local(2026, 3, 2, 8, 2))
    alerts: list[KioskEvent] = []
    service = AttendanceService(store, settings, clock=clock, on_unknown=alerts.append)
    rng = np.random.default_rng(0)
    rgb = np.zeros((480, 640, 3), np.uint8)
    known = np.eye(128, dtype=np.float32)[0]
    stranger = np.eye(128, dtype=np.float32)[1]
    outcomes = []
    for i in range(20):
        t = i * 0.1
        faces = [
            FaceResult(synthetic_face(50, rng), known, Match("p1", 0.95), Match("p1", 0.95)),
            FaceResult(synthetic_face(400, rng), stranger, Match("p1", 0.2)),
        ]
        outcomes += service.process(rgb, t, faces).events
    kinds = sorted(o.outcome for o in outcomes)
    assert kinds == [Outcome.CHECKED_IN, Outcome.UNKNOWN]
    assert len(store.events) == 1 and len(store.unknown) == 1 and len(alerts) == 1
    assert store.unknown[0].thumbnail is None  # thumbnails are off by default
    assert store.events[0].match_score == pytest.approx(0.95)
    checked_in = next(o for o in outcomes if o.outcome == Outcome.CHECKED_IN)
    assert checked_in.greeting.startswith("Good morning, Ana")
    # The visit ends; back 2 minutes later: debounced, the greeting repeats the first check-in.
    clock.now += timedelta(minutes=2)
    again = []
    for i in range(10):
        f = FaceResult(synthetic_face(50, rng), known, Match("p1", 0.95), Match("p1", 0.95))
        again += service.process(rgb, 10.0 + i * 0.1, [f]).events
    assert [o.outcome for o in again] == [Outcome.ALREADY] and len(store.events) == 1
