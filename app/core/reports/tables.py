"""The tables every export writes: headers and typed row values (date, time, int, float, bool, str)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, time

from app.core.reports.model import DayRow, PersonSummary, Report, same_text

Value = date | time | int | float | bool | str | None

DAY_HEADERS = [
    "Date",
    "Employee ID",
    "Name",
    "Department",
    "Shift",
    "First in",
    "Last out",
    "Hours worked",
    "Pairs",
    "Late",
    "Late (min)",
    "Absent",
    "Missing check-out",
    "Missing check-in",
    "Corrected events",
    "Notes",
]
SUMMARY_HEADERS = [
    "Employee ID",
    "Name",
    "Department",
    "Shift",
    "Working days",
    "Days present",
    "Absences",
    "Late days",
    "Late (min)",
    "Hours worked",
    "Missing check-outs",
    "Missing check-ins",
    "Corrected events",
]
DAILY_HEADERS = ["Date", "Expected", "Present", "Absent", "Late", "Presence rate"]


def day_values(report: Report, text: Callable[[str], str] = same_text) -> Iterator[list[Value]]:
    for r in report.day_rows():
        yield day_row_values(r, text)


def day_row_values(r: DayRow, text: Callable[[str], str] = same_text) -> list[Value]:
    """One timesheet row, in DAY_HEADERS order; `text` translates the notes (default English)."""
    return [
        r.date,
        r.person.external_id,
        r.person.name,
        r.person.department,
        r.shift,
        r.first_in,
        r.last_out,
        r.worked_hours,
        r.pairs,
        r.late,
        r.late_minutes,
        r.absent,
        r.missing_checkout,
        r.missing_checkin,
        r.manual,
        r.notes(text),
    ]


def summary_values(report: Report) -> Iterator[list[Value]]:
    for s in report.summaries:
        yield summary_row_values(s)


def summary_row_values(s: PersonSummary) -> list[Value]:
    """One summary row, in SUMMARY_HEADERS order."""
    return [
        s.person.external_id,
        s.person.name,
        s.person.department,
        s.shift,
        s.working_days,
        s.days_present,
        s.absences,
        s.late_days,
        s.late_minutes,
        s.worked_hours,
        s.missing_checkouts,
        s.missing_checkins,
        s.manual_events,
    ]


def totals_values(report: Report, text: Callable[[str], str] = same_text) -> list[Value]:
    t = report.totals
    return [
        "",
        text("Total ({persons} people)").format(persons=t.persons),
        "",
        "",
        t.working_days,
        t.days_present,
        t.absences,
        t.late_days,
        t.late_minutes,
        t.worked_hours,
        t.missing_checkouts,
        t.missing_checkins,
        t.manual_events,
    ]


def daily_values(report: Report) -> Iterator[list[Value]]:
    d = report.daily
    rate = d.presence_rate
    for i, day in enumerate(d.dates):
        yield [day, int(d.expected[i]), int(d.present[i]), int(d.absent[i]), int(d.late[i]), float(rate[i])]


def as_text(value: Value) -> str:
    """One cell as text for CSV and PDF: ISO dates, HH:MM:SS times, hours with two decimals, yes/no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)
