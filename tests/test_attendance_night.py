"""The kiosk under a night shift (22:00-06:00): the late flag and the in/out toggle follow the working day the
shift starts on (schedule/shifts.py), and the stored event carries the same late decision as the reports."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.core.attendance import AttendanceRules, AttendanceService, Outcome
from app.core.records import AttendanceEvent, Direction, Person
from app.core.reports import InMemoryEventSource, ReportQuery, build_report
from app.core.schedule.shifts import day_cut_seconds, is_late, is_night, shift_for, working_day
from app.core.settings import AttendanceSettings, ReportSettings, Settings, Shift
from app.core.storage import Store
from tests.test_attendance_late_stored import visit
from tests.test_attendance_rules import FakeClock

BERLIN = ZoneInfo("Europe/Berlin")
NIGHT = Shift("Night", time(22, 0), time(6, 0), grace_minutes=5, weekdays=(0, 1, 2, 3, 4))
NADIA = Person("p1", "E1", "Nadia", department="Nights")


def local(y: int, mo: int, d: int, h: int, mi: int) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=BERLIN).astimezone(UTC)


def event(at: datetime, direction: Direction) -> AttendanceEvent:
    return AttendanceEvent(str(uuid.uuid4()), "p1", at, "Europe/Berlin", direction, 0.9, 1.0, "dev")


def night_rules() -> AttendanceRules:
    return AttendanceRules(AttendanceSettings(), ReportSettings(group_shifts={"Nights": NIGHT}), BERLIN)


def test_shift_module_basics() -> None:
    day = Shift()
    assert not is_night(day) and day_cut_seconds(day) == 0
    assert is_night(NIGHT) and day_cut_seconds(NIGHT) == 18 * 3600  # 22:00 - the 4 h early margin
    long_night = Shift("Long", time(20, 0), time(18, 0), early_margin_minutes=240)
    assert day_cut_seconds(long_night) == 18 * 3600  # never before the previous night's end
    settings = ReportSettings(group_shifts={"Nights": NIGHT})
    assert shift_for(None, settings) is settings.default_shift
    assert shift_for(NADIA, settings) is NIGHT
    assert shift_for(NADIA, settings, {"p1": day}) is day
    # 05:59 on Tuesday and 18:00 on Monday both belong to Monday's night; 17:59 to Sunday's.
    assert working_day(local(2026, 3, 3, 5, 59), BERLIN, NIGHT) == date(2026, 3, 2)
    assert working_day(local(2026, 3, 2, 18, 0), BERLIN, NIGHT) == date(2026, 3, 2)
    assert working_day(local(2026, 3, 2, 17, 59), BERLIN, NIGHT) == date(2026, 3, 1)
    assert working_day(local(2026, 3, 3, 5, 59), BERLIN, day) == date(2026, 3, 3)


@pytest.mark.parametrize(
    ("at", "late"),
    [
        (local(2026, 3, 2, 22, 5), False),  # Monday, at the end of the grace
        (local(2026, 3, 2, 22, 6), True),
        (local(2026, 3, 3, 0, 30), True),  # after midnight: Monday's night, 150 min late
        (local(2026, 3, 2, 21, 0), False),  # early
        (local(2026, 3, 7, 0, 30), True),  # Friday's night, Saturday morning
        (local(2026, 3, 7, 22, 30), False),  # Saturday's night: not a working day
        (local(2026, 3, 29, 3, 30), False),  # Saturday's night again, across the spring-forward change
        (local(2026, 10, 26, 22, 10), True),  # Monday after the autumn change
    ],
)
def test_is_late_for_a_night_shift(at: datetime, late: bool) -> None:
    assert is_late(at, BERLIN, NIGHT) is late


def test_rules_toggle_and_late_within_the_night() -> None:
    r = night_rules()
    first = r.decide(NADIA, local(2026, 3, 2, 22, 10), None)  # Monday 22:10 with 5 min grace
    assert first.direction == Direction.IN and first.late
    on_time = r.decide(NADIA, local(2026, 3, 2, 21, 50), None)
    assert on_time.direction == Direction.IN and not on_time.late
    # 06:10 on Tuesday after Monday's 21:50 check-in is the same working day: a check-out, not a new day.
    last_in = event(local(2026, 3, 2, 21, 50), Direction.IN)
    out = r.decide(NADIA, local(2026, 3, 3, 6, 10), last_in)
    assert out.direction == Direction.OUT and not out.late
    # Back from a break at 02:00: an "in", but not late (not the night's first).
    back = r.decide(NADIA, local(2026, 3, 3, 2, 0), event(local(2026, 3, 3, 1, 30), Direction.OUT))
    assert back.direction == Direction.IN and not back.late
    # Tuesday's night after Monday's forgotten check-out starts with "in" again, and it is late.
    nxt = r.decide(NADIA, local(2026, 3, 3, 22, 30), last_in)
    assert nxt.direction == Direction.IN and nxt.late
    # A day-shift colleague at 22:10 keeps the calendar-day rules (late against 09:00).
    assert r.decide(Person("q", "E2", "Dora"), local(2026, 3, 2, 22, 10), None).late


def test_kiosk_late_flag_agrees_with_the_reports_on_holidays_and_the_schedule_zone() -> None:
    """A holiday is never late (the reports count no working day there), and shifts are judged in the
    organisation's zone from the work schedule, not the kiosk device's, even when saved while it runs."""
    reports = ReportSettings(group_shifts={"Nights": NIGHT})
    r = AttendanceRules(AttendanceSettings(), reports, UTC)  # the kiosk device runs in UTC
    monday_2210_berlin = local(2026, 3, 2, 22, 10)  # 21:10 UTC: before a 22:00 start in UTC
    assert not r.decide(NADIA, monday_2210_berlin, None).late
    reports.timezone = "Europe/Berlin"  # the schedule (saved from the Reports page) names the zone
    assert r.decide(NADIA, monday_2210_berlin, None).late
    reports.holidays = [date(2026, 3, 2)]  # the night starting on a holiday Monday
    assert not r.decide(NADIA, monday_2210_berlin, None).late
    assert not is_late(monday_2210_berlin, BERLIN, NIGHT, reports.holidays)
    assert is_late(monday_2210_berlin, BERLIN, NIGHT)


@pytest.fixture
def store(memory_keyring: object, data_dir: Path) -> Store:
    with Store.open(data_dir) as s:
        yield s


def test_kiosk_stores_the_night_late_flag_the_report_agrees(store: Store) -> None:
    store.add_person(NADIA)
    settings = Settings()
    settings.attendance.liveness = "off"
    settings.attendance.min_face_quality = False
    settings.attendance.timezone = "Europe/Berlin"
    settings.reports.timezone = "Europe/Berlin"
    settings.reports.group_shifts = {"Nights": NIGHT}
    clock = FakeClock(local(2026, 3, 2, 22, 10))  # Monday 22:10, grace 5 min
    service = AttendanceService(store, settings, clock=clock)
    assert visit(service, 0.0) == [Outcome.CHECKED_IN]
    clock.now = local(2026, 3, 3, 6, 10)  # Tuesday morning
    assert visit(service, 100.0) == [Outcome.CHECKED_OUT]
    clock.now = local(2026, 3, 3, 21, 55)  # Tuesday night, on time
    assert visit(service, 200.0) == [Outcome.CHECKED_IN]
    events = store.list_events()
    assert [(e.direction, e.late) for e in events] == [
        (Direction.IN, True),
        (Direction.OUT, False),
        (Direction.IN, False),
    ]
    report = build_report(
        InMemoryEventSource([NADIA], events),
        settings.reports,
        ReportQuery(date(2026, 3, 2), date(2026, 3, 3)),
    )
    rows = {r.date: r for r in report.day_rows()}
    assert rows[date(2026, 3, 2)].late and rows[date(2026, 3, 2)].late_minutes == 10
    assert rows[date(2026, 3, 2)].worked_hours == pytest.approx(8.0) and rows[date(2026, 3, 2)].pairs == 1
    assert not rows[date(2026, 3, 3)].late and rows[date(2026, 3, 3)].missing_checkout == 1
    assert timedelta(hours=8) == events[1].at_utc - events[0].at_utc
