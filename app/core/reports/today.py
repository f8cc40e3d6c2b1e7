"""The Today board: who is in now, who came late, who has not arrived yet (by shift), who has left, and how
many unknown faces were seen today — for the front desk, HR and admins, kept current while events arrive.

Qt-free and SQL-free. The shift rules are the reports' and the kiosk's (schedule/shifts.py): each person's
*working day* is the one their shift is in now (a night shift's 06:00 check-out still counts on the evening
it started), lateness is the first check-in after start + grace, holidays and days off expect nobody.
Voided events (HR corrections) do not count; manual ones do.

`TodayService.stamp()` is a cheap "did anything change?" value (the store's change stamp plus the date),
so a board can poll it every second and rebuild only when it moves.
"""

from __future__ import annotations

import logging
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Protocol

from app.core.attendance.clock import Clock, local_zone, utc_now, zone_name
from app.core.records import AttendanceEvent, Direction, Person, UnknownFace
from app.core.schedule.shifts import (
    is_late,
    is_working_day,
    local_wall,
    occurrence_start,
    shift_for,
    working_day,
)
from app.core.settings import ReportSettings, Settings

log = logging.getLogger(__name__)

MAX_THUMBNAILS = 12
LOOK_BACK = timedelta(days=2)  # events older than this cannot belong to today's working day


class TodaySource(Protocol):
    """What the board reads (app/core/reports/store_source.StoreEventSource satisfies it)."""

    def persons(self, active_only: bool = False) -> list[Person]: ...

    def events_between(self, start_utc: datetime, end_utc: datetime) -> Sequence[AttendanceEvent]: ...

    def unknown_faces_since(self, since_utc: datetime, limit: int) -> list[UnknownFace]: ...

    def count_unknown_faces(self, since_utc: datetime) -> int: ...

    def change_stamp(self) -> Hashable: ...


@dataclass(frozen=True)
class TodayEntry:
    """One person on the board. Times are local (the board's zone)."""

    person: Person
    shift: str
    first_in: datetime | None = None
    last_event: datetime | None = None
    present: bool = False  # the last event of the working day is a check-in
    late_minutes: int = 0  # > 0: the first check-in came after start + grace
    expected: datetime | None = None  # the shift's start today (for people not arrived yet)

    @property
    def late(self) -> bool:
        return self.late_minutes > 0

    @property
    def groups(self) -> str:
        return ", ".join(g for g in (self.person.department, *self.person.groups) if g)


@dataclass
class TodayBoard:
    day: date  # the local calendar date
    zone: str
    at: datetime  # local time the board was computed
    group: str | None
    present: list[TodayEntry] = field(default_factory=list)
    late: list[TodayEntry] = field(default_factory=list)
    not_arrived: list[TodayEntry] = field(default_factory=list)
    left: list[TodayEntry] = field(default_factory=list)
    unknown_count: int = 0
    unknown_thumbnails: list[bytes] = field(default_factory=list)  # only where thumbnails are kept
    groups: list[str] = field(default_factory=list)  # every department and group, for the filter


def in_group(person: Person, group: str | None) -> bool:
    return not group or person.department == group or group in person.groups


def build_today(
    persons: Sequence[Person],
    events: Sequence[AttendanceEvent],
    settings: ReportSettings,
    zone: tzinfo,
    now_utc: datetime,
    group: str | None = None,
    unknown_count: int = 0,
    unknown_thumbnails: Sequence[bytes] = (),
) -> TodayBoard:
    """The board for `now_utc` from active `persons` and the recent `events` (voided ones are skipped)."""
    holidays = frozenset(settings.holidays)
    local_now = now_utc.astimezone(zone)
    by_person: dict[str, list[AttendanceEvent]] = {}
    for ev in events:
        if not ev.voided and ev.at_utc <= now_utc + timedelta(minutes=5):
            by_person.setdefault(ev.person_uuid, []).append(ev)
    board = TodayBoard(local_now.date(), zone_name(zone), local_now, group or None)
    board.groups = sorted({g for p in persons if p.active for g in (p.department, *p.groups) if g})
    board.unknown_count = unknown_count
    board.unknown_thumbnails = list(unknown_thumbnails)
    for person in persons:
        if not person.active or not in_group(person, group):
            continue
        shift = shift_for(person, settings)
        day = working_day(now_utc, zone, shift)
        mine = sorted(
            (e for e in by_person.get(person.uuid, ()) if working_day(e.at_utc, zone, shift) == day),
            key=lambda e: e.at_utc,
        )
        if not mine:
            if is_working_day(day, shift, holidays):
                start = occurrence_start(day, shift).replace(tzinfo=zone)
                board.not_arrived.append(TodayEntry(person, shift.name, expected=start))
            continue
        first_in = next((e for e in mine if e.direction == Direction.IN), None)
        late_minutes = 0
        if first_in is not None and is_late(first_in.at_utc, zone, shift, holidays):
            start = occurrence_start(day, shift)
            late_minutes = max(1, int((local_wall(first_in.at_utc, zone) - start).total_seconds() // 60))
        entry = TodayEntry(
            person,
            shift.name,
            first_in=first_in.at_utc.astimezone(zone) if first_in is not None else None,
            last_event=mine[-1].at_utc.astimezone(zone),
            present=mine[-1].direction == Direction.IN,
            late_minutes=late_minutes,
        )
        (board.present if entry.present else board.left).append(entry)
        if entry.late:
            board.late.append(entry)
    never = datetime.max.replace(tzinfo=UTC)
    board.present.sort(key=lambda e: (e.first_in or e.last_event or never, e.person.name))
    board.left.sort(key=lambda e: (e.last_event or never, e.person.name), reverse=True)
    board.late.sort(key=lambda e: (-e.late_minutes, e.person.name))
    board.not_arrived.sort(key=lambda e: (e.expected or never, e.person.name))
    return board


class TodayService:
    """The board from a source (the store), in the organisation's zone (ReportSettings.timezone, else the
    device's). Thread-safe as far as the source is: the UI calls it from a worker thread."""

    def __init__(self, source: TodaySource, settings: Settings, clock: Clock = utc_now) -> None:
        self.source = source
        self.settings = settings
        self.clock = clock

    @property
    def zone(self) -> tzinfo:
        return local_zone(self.settings.reports.timezone or self.settings.attendance.timezone)

    def stamp(self) -> Hashable:
        """Changes when the database changed (any process) or the local date turned."""
        return self.source.change_stamp(), self.clock().astimezone(self.zone).date()

    def board(self, group: str | None = None) -> TodayBoard:
        now = self.clock().astimezone(UTC)
        zone = self.zone
        midnight = datetime.combine(now.astimezone(zone).date(), time(0)).replace(tzinfo=zone).astimezone(UTC)
        events = self.source.events_between(now - LOOK_BACK, now + timedelta(minutes=5))
        thumbnails: list[bytes] = []
        if self.settings.attendance.save_unknown_thumbnails:
            faces = self.source.unknown_faces_since(midnight, MAX_THUMBNAILS)
            thumbnails = [f.thumbnail for f in faces if f.thumbnail]
        return build_today(
            self.source.persons(active_only=True),
            events,
            self.settings.reports,
            zone,
            now,
            group,
            self.source.count_unknown_faces(midnight),
            thumbnails,
        )
