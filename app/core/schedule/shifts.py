"""Shift rules shared by the kiosk (late flag, in/out toggle) and the HR reports: which shift a person works,
which *working day* an event belongs to, and whether a check-in is late.

A working day is named after the local date the shift starts on (`Shift.weekdays` and holidays refer to it):

* a day shift (start < end) keeps the calendar day: its working day is local midnight to midnight;
* a night shift (end <= start, e.g. 22:00-06:00) crosses midnight: its working day runs from
  `start - early_margin_minutes` (default 4 h: 18:00) to the same wall-clock time the next day, so a
  check-in at 21:50 on Monday and a check-out at 06:10 on Tuesday are one working day, Monday. Check-outs
  are accepted up to the next working day's start (end + the rest of the off-duty gap: 12 h for 22:00-06:00).
  The working day never starts before the previous night's shift end.

All arithmetic is local wall-clock time in the organisation's zone (09:00 is 09:00 whatever the UTC offset);
only worked hours are real elapsed time (the reports' business).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, datetime, time, timedelta, tzinfo

from app.core.records import Person
from app.core.settings import ReportSettings, Shift

DAY_SECONDS = 86400


def seconds_of(t: time) -> int:
    """Wall-clock seconds after midnight."""
    return t.hour * 3600 + t.minute * 60 + t.second


def is_night(shift: Shift) -> bool:
    """A shift whose end is not after its start ends the next day (22:00-06:00; 00:00-00:00 is 24 h)."""
    return shift.end <= shift.start


def day_cut_seconds(shift: Shift) -> int:
    """Wall-clock seconds after local midnight at which the shift's working day begins (0 for day shifts)."""
    if not is_night(shift):
        return 0
    start, end = seconds_of(shift.start), seconds_of(shift.end)
    return max(start - max(shift.early_margin_minutes, 0) * 60, end)


def shift_for(
    person: Person | None, settings: ReportSettings, overrides: Mapping[str, Shift] | None = None
) -> Shift:
    """Person override, else the department's shift, else the first group with a shift, else the default."""
    if person is None:
        return settings.default_shift
    if overrides and person.uuid in overrides:
        return overrides[person.uuid]
    for name in (person.department, *person.groups):
        if name and name in settings.group_shifts:
            return settings.group_shifts[name]
    return settings.default_shift


def local_wall(at_utc: datetime, zone: tzinfo) -> datetime:
    """The naive local wall-clock time of an aware instant."""
    return at_utc.astimezone(zone).replace(tzinfo=None)


def working_day(at_utc: datetime, zone: tzinfo, shift: Shift) -> date:
    """The working day (the start day of the shift occurrence) an instant belongs to."""
    return (local_wall(at_utc, zone) - timedelta(seconds=day_cut_seconds(shift))).date()


def occurrence_start(day: date, shift: Shift) -> datetime:
    """The naive local wall-clock start of the shift on working day `day`."""
    return datetime.combine(day, shift.start)


def is_working_day(day: date, shift: Shift, holidays: frozenset[date] | set[date] = frozenset()) -> bool:
    return day.weekday() in shift.weekdays and day not in holidays


def is_late(at_utc: datetime, zone: tzinfo, shift: Shift, holidays: Collection[date] = ()) -> bool:
    """After start + grace of the shift occurrence the instant belongs to, on a working day of the shift
    that is not a holiday (as the reports count it).

    Wall-clock arithmetic: right on DST change days, and for a night shift a 00:30 arrival after a 22:00
    start is late (it belongs to the previous day's occurrence)."""
    day = working_day(at_utc, zone, shift)
    if not is_working_day(day, shift) or day in holidays:
        return False
    deadline = occurrence_start(day, shift) + timedelta(minutes=shift.grace_minutes)
    return local_wall(at_utc, zone) > deadline
