"""The organisation's work schedule as HR edits it: the default shift, named shifts assigned to departments or
groups, holidays and the report time zone. Converted to and from JSON-safe dicts (kept in the store's
settings under SCHEDULE_KEY) and validated with messages fit for the user (ScheduleError).

    schedule = WorkSchedule.from_settings(settings.reports)     # what is in force
    data = schedule.to_dict()                                    # JSON-safe, stored by AppContext
    schedule = WorkSchedule.from_dict(data)                      # validated: ScheduleError with the reason
    schedule.apply(settings.reports)                             # in place: the kiosk and reports see it

Shift rules themselves (night shifts, working days, lateness) live in app/core/schedule/shifts.py.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.core.errors import FaceAttendError
from app.core.settings import ReportSettings, Shift

SCHEDULE_KEY = "reports.work_schedule"
FORMAT_VERSION = 1
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_GRACE_MINUTES = 12 * 60
MAX_MARGIN_MINUTES = 24 * 60
NIGHT_HINT = "end before start = night shift, counted on the day it starts"
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class ScheduleError(FaceAttendError, ValueError):
    """A work schedule value is invalid (the message says which and why)."""


class SettingsStore(Protocol):
    def get_setting(self, key: str, default: Any = None) -> Any: ...


# --- single values -----------------------------------------------------------------------------------
def parse_time(text: str, what: str = "time") -> time:
    """'HH:MM' (24 h) -> time; ScheduleError otherwise."""
    match = _TIME.match(str(text).strip())
    if not match:
        raise ScheduleError(f"The {what} '{text}' is not a time; write it as HH:MM (24 h), e.g. 22:00.")
    return time(int(match.group(1)), int(match.group(2)))


def format_time(t: time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def parse_weekdays(text: str) -> tuple[int, ...]:
    """'mon-fri', 'mon,wed,fri', 'sat-sun', 'fri-mon' (wraps), 'all' or '0-4' -> sorted weekday numbers."""
    spec = str(text).strip().lower()
    if spec in ("all", "every day", "daily"):
        return tuple(range(7))
    days: set[int] = set()
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        ends = [e.strip() for e in part.split("-")]
        if len(ends) > 2:
            raise ScheduleError(f"'{part}' is not a weekday range (write e.g. mon-fri).")
        first, last = (_weekday(e) for e in (ends[0], ends[-1]))
        d = first
        while True:
            days.add(d)
            if d == last:
                break
            d = (d + 1) % 7
    if not days:
        raise ScheduleError("A shift needs at least one working weekday (e.g. mon-fri).")
    return tuple(sorted(days))


def _weekday(text: str) -> int:
    if text.isdigit() and 0 <= int(text) <= 6:
        return int(text)
    for i, name in enumerate(WEEKDAY_NAMES):
        if len(text) >= 2 and name.startswith(text[:3]):
            return i
    raise ScheduleError(f"'{text}' is not a weekday; use mon, tue, wed, thu, fri, sat or sun.")


def format_weekdays(days: Iterable[int]) -> str:
    """(0, 1, 2, 3, 4) -> 'mon-fri'; (0, 2, 4) -> 'mon,wed,fri'."""
    chosen = sorted(set(days))
    if len(chosen) == 7:
        return "mon-sun"
    runs: list[list[int]] = []
    for d in chosen:
        if runs and d == runs[-1][-1] + 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{WEEKDAY_NAMES[run[0]]}-{WEEKDAY_NAMES[run[-1]]}")
        else:
            parts.extend(WEEKDAY_NAMES[d] for d in run)
    return ",".join(parts)


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError as exc:
        raise ScheduleError(f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-12-25.") from exc


def check_timezone(name: str) -> str:
    """'' (the zone the devices report) or a known IANA zone name; ScheduleError otherwise."""
    name = str(name).strip()
    if not name:
        return ""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ScheduleError(
            f"Unknown time zone '{name}'; use an IANA name such as Europe/Berlin or America/New_York."
        ) from exc
    return name


def check_shift(shift: Shift, label: str = "") -> Shift:
    """A validated copy of `shift` (name trimmed, weekdays sorted): ScheduleError with the reason."""
    name = " ".join(str(shift.name).split())
    what = label or (f"shift “{name}”" if name else "shift")
    if not name:
        raise ScheduleError("Every shift needs a name.")
    if not isinstance(shift.start, time) or not isinstance(shift.end, time):
        raise ScheduleError(f"The {what} needs a start and an end time (HH:MM).")
    if isinstance(shift.grace_minutes, bool) or not isinstance(shift.grace_minutes, int):
        raise ScheduleError(f"The {what}'s grace must be a whole number of minutes.")
    if shift.grace_minutes < 0:
        raise ScheduleError(f"The {what}'s grace cannot be negative ({shift.grace_minutes} min).")
    if shift.grace_minutes > MAX_GRACE_MINUTES:
        raise ScheduleError(
            f"The {what}'s grace of {shift.grace_minutes} min is over {MAX_GRACE_MINUTES} min."
        )
    margin = shift.early_margin_minutes
    if isinstance(margin, bool) or not isinstance(margin, int) or not 0 <= margin <= MAX_MARGIN_MINUTES:
        raise ScheduleError(f"The {what}'s early margin must be 0-{MAX_MARGIN_MINUTES} minutes.")
    days = tuple(sorted(set(shift.weekdays)))
    if not days:
        raise ScheduleError(f"The {what} needs at least one working weekday.")
    if any(isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6 for d in days):
        raise ScheduleError(f"The {what}'s weekdays must be 0 (Monday) to 6 (Sunday).")
    return dataclasses.replace(
        shift, name=name, start=shift.start.replace(second=0, microsecond=0), end=shift.end, weekdays=days
    )


def describe_shift(shift: Shift) -> str:
    """'22:00-06:00 (night), grace 5 min, mon-fri'."""
    night = " (night)" if shift.end <= shift.start else ""
    return (
        f"{format_time(shift.start)}-{format_time(shift.end)}{night}, grace {shift.grace_minutes} min, "
        f"{format_weekdays(shift.weekdays)}"
    )


# --- the schedule ------------------------------------------------------------------------------------
@dataclass
class NamedShift:
    """A shift with a name, worked by the people of the listed departments or groups."""

    shift: Shift
    groups: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.shift.name


@dataclass
class WorkSchedule:
    default_shift: Shift = field(default_factory=Shift)
    shifts: list[NamedShift] = field(default_factory=list)
    holidays: list[date] = field(default_factory=list)
    timezone: str = ""  # "" = the zone most events' devices report (app/core/reports/timesheet.py)

    # --- conversion ---
    @classmethod
    def from_settings(cls, reports: ReportSettings) -> WorkSchedule:
        """The schedule in force (copies: editing it changes nothing until apply())."""
        named: list[NamedShift] = []
        for group, shift in reports.group_shifts.items():
            same = next((n for n in named if n.shift == shift), None)
            if same is not None:
                same.groups.append(group)
                continue
            name = shift.name
            if any(n.name == name for n in named) or name == reports.default_shift.name:
                name = f"{name} ({group})"  # two different shifts named alike in code: keep both apart
            named.append(NamedShift(dataclasses.replace(shift, name=name), [group]))
        return cls(
            dataclasses.replace(reports.default_shift),
            named,
            sorted(set(reports.holidays)),
            reports.timezone,
        )

    def validated(self) -> WorkSchedule:
        """A normalised copy; ScheduleError for a bad time zone, shift, duplicate name or group."""
        default = check_shift(self.default_shift, "default shift")
        names = {default.name.casefold(): "the default shift"}
        owner: dict[str, str] = {}
        shifts: list[NamedShift] = []
        for named in self.shifts:
            shift = check_shift(named.shift)
            key = shift.name.casefold()
            if key in names:
                raise ScheduleError(f"Two shifts are named “{shift.name}”; give each shift its own name.")
            names[key] = shift.name
            groups: list[str] = []
            for raw in named.groups:
                group = " ".join(str(raw).split())
                if not group:
                    continue
                if group.casefold() in owner:
                    raise ScheduleError(
                        f"“{group}” is assigned to both “{owner[group.casefold()]}” and “{shift.name}”; "
                        "a department or group works one shift."
                    )
                owner[group.casefold()] = shift.name
                groups.append(group)
            if not groups:
                raise ScheduleError(f"Assign the shift “{shift.name}” to at least one department or group.")
            shifts.append(NamedShift(shift, groups))
        holidays = sorted(set(self.holidays))
        return WorkSchedule(default, shifts, holidays, check_timezone(self.timezone))

    def group_shifts(self) -> dict[str, Shift]:
        return {group: named.shift for named in self.shifts for group in named.groups}

    def apply(self, reports: ReportSettings) -> None:
        """Put the (validated) schedule in force, in place: holders of `reports` see it at once."""
        s = self.validated()
        reports.default_shift = s.default_shift
        reports.group_shifts = s.group_shifts()
        reports.holidays = list(s.holidays)
        reports.timezone = s.timezone

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": FORMAT_VERSION,
            "timezone": self.timezone,
            "holidays": [d.isoformat() for d in sorted(set(self.holidays))],
            "default_shift": shift_to_dict(self.default_shift),
            "shifts": [{**shift_to_dict(n.shift), "groups": list(n.groups)} for n in self.shifts],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> WorkSchedule:
        """Parse and validate; ScheduleError names the bad value."""
        if not isinstance(data, Mapping):
            raise ScheduleError("A work schedule must be a JSON object.")
        version = data.get("version", FORMAT_VERSION)
        if version != FORMAT_VERSION:
            raise ScheduleError(
                f"Work schedule format {version!r} is not supported (expected {FORMAT_VERSION})."
            )
        default = shift_from_dict(data.get("default_shift") or {}, "default shift")
        shifts = []
        for item in _list(data.get("shifts"), "shifts"):
            if not isinstance(item, Mapping):
                raise ScheduleError("Each named shift must be a JSON object.")
            groups = _list(item.get("groups"), "groups")
            shifts.append(NamedShift(shift_from_dict(item), [str(g) for g in groups]))
        holidays = [parse_date(d) for d in _list(data.get("holidays"), "holidays")]
        return cls(default, shifts, holidays, str(data.get("timezone") or "")).validated()

    # --- comparing ---
    def changes_from(self, old: WorkSchedule) -> dict[str, Any]:
        """What differs from `old`, for the audit entry ({} = nothing): JSON-safe, no personal data."""
        new_d, old_d = self.to_dict(), old.to_dict()
        out: dict[str, Any] = {}
        if new_d["timezone"] != old_d["timezone"]:
            out["timezone"] = [old_d["timezone"], new_d["timezone"]]
        if new_d["default_shift"] != old_d["default_shift"]:
            out["default_shift"] = [describe_shift(old.default_shift), describe_shift(self.default_shift)]
        added = sorted(set(new_d["holidays"]) - set(old_d["holidays"]))
        removed = sorted(set(old_d["holidays"]) - set(new_d["holidays"]))
        if added or removed:
            out["holidays"] = {"added": added, "removed": removed}
        old_shifts = {s["name"]: s for s in old_d["shifts"]}
        new_shifts = {s["name"]: s for s in new_d["shifts"]}
        shifts: dict[str, Any] = {}
        for name in sorted(set(old_shifts) | set(new_shifts)):
            before, after = old_shifts.get(name), new_shifts.get(name)
            if before == after:
                continue
            shifts[name] = [_summary(before), _summary(after)]
        if shifts:
            out["shifts"] = shifts
        return out


def _summary(item: Mapping[str, Any] | None) -> str | None:
    if item is None:
        return None
    shift = shift_from_dict(item)
    return f"{describe_shift(shift)} for {', '.join(item.get('groups', []))}"


def _list(value: Any, what: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ScheduleError(f"The work schedule's {what} must be a list.")
    return value


def shift_to_dict(shift: Shift) -> dict[str, Any]:
    return {
        "name": shift.name,
        "start": format_time(shift.start),
        "end": format_time(shift.end),
        "grace_minutes": shift.grace_minutes,
        "weekdays": list(shift.weekdays),
        "early_margin_minutes": shift.early_margin_minutes,
    }


def shift_from_dict(data: Mapping[str, Any], label: str = "") -> Shift:
    if not isinstance(data, Mapping):
        raise ScheduleError("A shift must be a JSON object.")
    base = Shift()
    name = str(data.get("name") or (base.name if label == "default shift" else ""))
    what = label or (f"shift “{name}”" if name else "shift")
    weekdays = data.get("weekdays", list(base.weekdays))
    if isinstance(weekdays, str):
        weekdays = list(parse_weekdays(weekdays))
    if not isinstance(weekdays, list):
        raise ScheduleError(f"The {what}'s weekdays must be a list.")
    shift = Shift(
        name=name,
        start=parse_time(data.get("start", format_time(base.start)), f"{what}'s start"),
        end=parse_time(data.get("end", format_time(base.end)), f"{what}'s end"),
        grace_minutes=_int(data.get("grace_minutes", base.grace_minutes), f"{what}'s grace"),
        weekdays=tuple(_int(d, f"{what}'s weekday") for d in weekdays),
        early_margin_minutes=_int(
            data.get("early_margin_minutes", base.early_margin_minutes), f"{what}'s early margin"
        ),
    )
    return check_shift(shift, label)


def _int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScheduleError(f"The {what} must be a whole number, not {value!r}.")
    return value


def load_schedule(store: SettingsStore) -> WorkSchedule | None:
    """The saved schedule, None when none was saved. ScheduleError when the stored value is invalid."""
    data = store.get_setting(SCHEDULE_KEY)
    if data is None:
        return None
    return WorkSchedule.from_dict(data)


def save_schedule(
    store: Any,
    session: Any,
    schedule: WorkSchedule,
    old: WorkSchedule,
    details: Mapping[str, Any] | None = None,
) -> tuple[WorkSchedule, dict[str, Any]]:
    """Check MANAGE_SCHEDULES, validate, store under SCHEDULE_KEY and audit "schedule.change" with what
    changed from `old` (plus `details`). Returns (the validated schedule, the changes; {} = nothing saved)."""
    from app.core.policy import access

    access.require(session, access.Action.MANAGE_SCHEDULES)
    new = schedule.validated()
    changes = new.changes_from(old)
    if changes:
        store.set_setting(SCHEDULE_KEY, new.to_dict())
        access.record(store, session, access.Audit.SCHEDULE_CHANGE, {**changes, **(details or {})})
    return new, changes


def timezone_names() -> list[str]:
    """Every IANA zone name known here (for the time zone picker), sorted."""
    from zoneinfo import available_timezones

    return sorted(available_timezones())
