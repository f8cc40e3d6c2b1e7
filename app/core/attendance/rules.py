"""The attendance rules: debounce, in/out mode and shift lateness turn a decision into at most one
AttendanceEvent (or a debounced repeat of the last one)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from app.core.attendance.clock import local_zone
from app.core.records import AttendanceEvent, Direction, Person
from app.core.schedule.shifts import is_late, shift_for, working_day
from app.core.settings import AttendanceSettings, ReportSettings

MODES = ("auto", "in", "out")


class Outcome(enum.StrEnum):
    CHECKED_IN = "checked_in"
    CHECKED_OUT = "checked_out"
    ALREADY = "already"  # debounced: the last event is repeated in the greeting
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class RuleDecision:
    direction: Direction | None  # None: debounced
    late: bool = False
    last_event: AttendanceEvent | None = None


class AttendanceRules:
    """Debounce, direction (auto toggle / fixed in / fixed out) and lateness."""

    def __init__(self, settings: AttendanceSettings, reports: ReportSettings, zone: tzinfo) -> None:
        if settings.mode not in MODES:
            raise ValueError(f"attendance mode must be one of {MODES}, not {settings.mode!r}")
        self.settings = settings
        self.reports = reports
        self.device_zone = zone

    @property
    def zone(self) -> tzinfo:
        """Shifts are wall-clock times of the organisation: its zone from the work schedule when one is set
        (read on every decision: a schedule saved while the kiosk runs applies at once), else the device's."""
        return local_zone(self.reports.timezone) if self.reports.timezone else self.device_zone

    def decide(self, person: Person | None, now_utc: datetime, last: AttendanceEvent | None) -> RuleDecision:
        debounce = timedelta(minutes=self.settings.debounce_minutes)
        if last is not None and timedelta(0) <= now_utc - last.at_utc < debounce:
            return RuleDecision(None, last_event=last)
        # A working day: the local day, or for a night shift the day it started (its check-out at 06:00
        # the next morning belongs to the same day).
        shift = shift_for(person, self.reports)
        zone = self.zone
        same_day = last is not None and (
            working_day(last.at_utc, zone, shift) == working_day(now_utc, zone, shift)
        )
        if self.settings.mode == "in":
            direction = Direction.IN
        elif self.settings.mode == "out":
            direction = Direction.OUT
        else:  # auto: toggle within a working day; a new day starts with "in" (a forgotten check-out)
            direction = (
                Direction.OUT if same_day and last and last.direction == Direction.IN else Direction.IN
            )
        # Lateness is judged on the first event of the working day only (back from lunch is not late).
        late = (
            direction == Direction.IN
            and not same_day
            and is_late(now_utc, zone, shift, self.reports.holidays)
        )
        return RuleDecision(direction, late, last)
