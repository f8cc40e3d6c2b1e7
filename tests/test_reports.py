"""Reports: a generated month (200 people, DST change, missing check-outs, lateness, corrections) checked
against figures computed here independently with a plain per-event loop; every export re-read."""

from __future__ import annotations

import csv
import dataclasses
import math
import random
import shutil
import subprocess
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from app.core.records import AttendanceEvent, Correction, CorrectionAction, Direction, Person
from app.core.reports import (
    CorrectionError,
    EventColumns,
    InMemoryEventSource,
    Report,
    ReportError,
    ReportQuery,
    ReportSettings,
    Shift,
    apply_corrections,
    build_report,
    compute_report,
    shift_for,
    write_csv,
    write_pdf,
    write_xlsx,
)

ZONE_NAME = "Europe/Berlin"
ZONE = ZoneInfo(ZONE_NAME)
START = date(2024, 3, 18)  # 30 days; Europe/Berlin springs forward on Sunday 2024-03-31 (a 23-hour day)
END = date(2024, 4, 16)
HOLIDAYS = [date(2024, 3, 29), date(2024, 4, 1)]  # Good Friday, Easter Monday
DEPARTMENTS = ["Sales", "Warehouse", "Office", "Security"]
SECURITY = Shift("Night watch", time(1, 0), time(9, 0), grace_minutes=10, weekdays=(0, 1, 2, 3, 4, 5, 6))
WAREHOUSE = Shift("Early", time(6, 0), time(14, 0), grace_minutes=0, weekdays=(0, 1, 2, 3, 4, 5))


def report_settings() -> ReportSettings:
    return ReportSettings(
        organisation_name="Müller & Söhne GmbH",
        timezone=ZONE_NAME,
        holidays=list(HOLIDAYS),
        default_shift=Shift("Day", time(9, 0), time(17, 0), grace_minutes=5),
        group_shifts={"Security": SECURITY, "Warehouse": WAREHOUSE},
    )


@dataclass
class Log:
    persons: list[Person]
    events: list[AttendanceEvent]  # after corrections (originals kept, voided)
    source: InMemoryEventSource
    corrections: list[Correction]


def _utc(day: date, seconds: int) -> datetime:
    """Local wall-clock `day` + seconds after midnight -> aware UTC."""
    local = datetime.combine(day, time(0)) + timedelta(seconds=seconds)
    return local.replace(tzinfo=ZONE).astimezone(UTC)


def generate_log(
    n_people: int = 200,
    seed: int = 7,
    start: date = START,
    days: int = 30,
    settings: ReportSettings | None = None,
    departments: Sequence[str] = tuple(DEPARTMENTS),
) -> Log:
    """A month of events; people of a night shift (end <= start) check out the next morning."""
    rng = random.Random(seed)
    settings = settings or report_settings()
    persons = []
    for i in range(n_people):
        dept = departments[i % len(departments)]
        persons.append(
            Person(
                uuid=f"p{i:04d}",
                external_id=f"E{1000 + i}",
                name=f"{rng.choice(['Anna', 'Jürgen', 'Zoë', 'Li', 'Omar', 'Sofia', 'Ivan'])} Person{i:03d}",
                department=dept,
                groups=["Night"] if dept == "Security" else [],
                active=i % 40 != 39,  # 5 inactive people
            )
        )
    events: list[AttendanceEvent] = []
    n = 0

    def add(p: Person, day: date, seconds: int, direction: Direction, voided: bool = False) -> None:
        nonlocal n
        events.append(
            AttendanceEvent(
                uuid=f"e{n:06d}",
                person_uuid=p.uuid,
                at_utc=_utc(day, seconds),
                tz_name=ZONE_NAME,
                direction=direction,
                match_score=0.3,
                liveness_score=0.9,
                device_id="kiosk-1",
                voided=voided,
            )
        )
        n += 1

    for p in persons:
        if not p.active:
            continue
        sh = shift_for(p, settings)
        s0 = sh.start.hour * 3600 + sh.start.minute * 60
        s1 = sh.end.hour * 3600 + sh.end.minute * 60 + (86400 if sh.end <= sh.start else 0)
        for k in range(days):
            day = start + timedelta(days=k)
            working = day.weekday() in sh.weekdays and day not in HOLIDAYS
            if working and rng.random() < 0.06:
                continue  # absent
            if not working and rng.random() > 0.04:
                continue  # most stay home on days off
            arrive = (
                s0 + rng.randint(-25 * 60, 12 * 60) + (rng.randint(0, 50 * 60) if rng.random() < 0.1 else 0)
            )
            add(p, day, arrive, Direction.IN)
            if rng.random() < 0.03:
                add(p, day, arrive + 40, Direction.IN)  # a double check-in
            if rng.random() < 0.02:
                add(p, day, arrive + 300, Direction.OUT, voided=True)  # a mistaken event, already voided
            if rng.random() < 0.4:
                lunch = s0 + 3 * 3600 + rng.randint(0, 3600)
                add(p, day, lunch, Direction.OUT)
                add(p, day, lunch + rng.randint(20 * 60, 45 * 60), Direction.IN)
            if rng.random() < 0.05:
                continue  # missing check-out
            add(p, day, s1 + rng.randint(-30 * 60, 90 * 60), Direction.OUT)
            if rng.random() < 0.01:
                add(p, day, s1 + 2 * 3600, Direction.OUT)  # a check-out with no check-in before it
    source = InMemoryEventSource(persons, events)
    # HR corrections: add forgotten check-outs, void double check-ins, move a few arrivals.
    corrections: list[Correction] = []
    stamp = datetime(2024, 4, 20, 9, 0, tzinfo=UTC)
    by_person_day: dict[tuple[str, date], list[AttendanceEvent]] = defaultdict(list)
    for e in events:
        by_person_day[(e.person_uuid, e.at_utc.astimezone(ZONE).date())].append(e)
    for (uuid, _day), evs in list(by_person_day.items())[::97]:
        evs = [e for e in evs if not e.voided]
        if evs[-1].direction == Direction.IN:
            c = Correction(
                f"c{len(corrections)}",
                CorrectionAction.ADD,
                "forgot to check out",
                "hr.anna",
                stamp,
                person_uuid=uuid,
                at_utc=evs[-1].at_utc + timedelta(hours=6),
                direction=Direction.OUT,
                tz_name=ZONE_NAME,
            )
        elif len(evs) > 1 and evs[1].direction == Direction.IN:
            c = Correction(
                f"c{len(corrections)}",
                CorrectionAction.VOID,
                "double check-in",
                "hr.anna",
                stamp,
                target_event_uuid=evs[1].uuid,
            )
        else:
            c = Correction(
                f"c{len(corrections)}",
                CorrectionAction.EDIT,
                "badge reader was slow",
                "hr.ben",
                stamp,
                target_event_uuid=evs[0].uuid,
                at_utc=evs[0].at_utc - timedelta(minutes=7),
            )
        source.apply_correction(c)
        corrections.append(c)
    return Log(
        persons,
        list(source.events_between(datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC))),
        source,
        corrections,
    )


@dataclass
class Expected:
    rows: dict[tuple[str, date], dict[str, Any]]
    daily_present: dict[date, int]
    daily_late: dict[date, int]
    daily_expected: dict[date, int]


def oracle_working_day(local: datetime, sh: Shift) -> date:
    """The day a naive local wall-clock time is worked for: its calendar day for a day shift; for a night
    shift (end <= start) the day whose [start - early margin (not before that day's end), same time + 1 day)
    holds it."""
    if sh.end > sh.start:
        return local.date()
    for day in (local.date(), local.date() - timedelta(days=1)):
        begins = max(
            datetime.combine(day, sh.start) - timedelta(minutes=sh.early_margin_minutes),
            datetime.combine(day, sh.end),
        )
        if begins <= local < begins + timedelta(days=1):
            return day
    raise AssertionError(f"{local} belongs to no working day of {sh}")


def expected_figures(log: Log, settings: ReportSettings, start: date, end: date) -> Expected:
    """Independent computation: a per-event loop over aware datetimes (no numpy, no offset tables)."""
    zone = ZoneInfo(settings.timezone)
    persons = {p.uuid: p for p in log.persons}
    per_day: dict[tuple[str, date], list[AttendanceEvent]] = defaultdict(list)
    for e in sorted(log.events, key=lambda e: (e.person_uuid, e.at_utc, e.direction != Direction.IN)):
        if e.voided:
            continue
        sh = shift_for(persons[e.person_uuid], settings)
        work_day = oracle_working_day(e.at_utc.astimezone(zone).replace(tzinfo=None), sh)
        if start <= work_day <= end:
            per_day[(e.person_uuid, work_day)].append(e)
    rows: dict[tuple[str, date], dict[str, Any]] = {}
    for (uuid, day), evs in per_day.items():
        sh = shift_for(persons[uuid], settings)
        open_at: datetime | None = None
        worked = 0.0
        pairs = mco = mci = 0
        for e in evs:
            if e.direction == Direction.IN:
                if open_at is not None:
                    mco += 1
                open_at = e.at_utc
            elif open_at is None:
                mci += 1
            else:
                worked += (e.at_utc - open_at).total_seconds()
                pairs += 1
                open_at = None
        if open_at is not None:
            mco += 1
        ins = [e for e in evs if e.direction == Direction.IN]
        outs = [e for e in evs if e.direction == Direction.OUT]
        first_in = ins[0].at_utc.astimezone(zone).replace(tzinfo=None) if ins else None
        working = day.weekday() in sh.weekdays and day not in settings.holidays
        shift_start = datetime.combine(day, sh.start)
        late = bool(working and first_in and first_in > shift_start + timedelta(minutes=sh.grace_minutes))
        rows[(uuid, day)] = {
            "first_in": first_in.time() if first_in else None,
            "last_out": outs[-1].at_utc.astimezone(zone).time() if outs else None,
            "worked": worked,
            "pairs": pairs,
            "mco": mco,
            "mci": mci,
            "late": late,
            "late_minutes": math.ceil((first_in - shift_start).total_seconds() / 60)
            if late and first_in
            else 0,
            "absent": False,
            "manual": sum(e.source == "manual" for e in evs),
        }
    daily_expected: dict[date, int] = defaultdict(int)
    day = start
    while day <= end:
        for p in log.persons:
            sh = shift_for(p, settings)
            if p.active and day.weekday() in sh.weekdays and day not in settings.holidays:
                daily_expected[day] += 1
                if (p.uuid, day) not in rows:
                    rows[(p.uuid, day)] = {"absent": True, "worked": 0.0, "late": False, "mco": 0, "pairs": 0}
        day += timedelta(days=1)
    present: dict[date, int] = defaultdict(int)
    late_d: dict[date, int] = defaultdict(int)
    for (_, d), r in rows.items():
        if not r["absent"]:
            present[d] += 1
        if r["late"]:
            late_d[d] += 1
    return Expected(rows, present, late_d, daily_expected)


@pytest.fixture(scope="module")
def month() -> Log:
    return generate_log()


@pytest.fixture(scope="module")
def report(month: Log) -> Report:
    return build_report(month.source, report_settings(), ReportQuery(START, END))


def test_generated_log_has_what_the_issue_asks_for(month: Log, report: Report) -> None:
    assert len(month.persons) == 200
    assert len(month.events) >= 10_000
    assert report.totals.missing_checkouts > 50
    assert report.totals.late_days > 100
    assert report.totals.absences > 100
    assert report.totals.manual_events >= len(
        [c for c in month.corrections if c.action != CorrectionAction.VOID]
    )
    utc_len = _utc(date(2024, 4, 1), 0) - _utc(date(2024, 3, 31), 0)
    assert utc_len == timedelta(hours=23)  # the period really holds a 23-hour day


def assert_matches_oracle(report: Report, exp: Expected) -> None:
    """Every row, summary, total and daily figure of `report` equals the independent loop's."""
    got = {(r.person.uuid, r.date): r for r in report.day_rows()}
    assert set(got) == set(exp.rows)
    for key, e in exp.rows.items():
        r = got[key]
        assert r.absent == e["absent"], key
        assert r.worked_hours == pytest.approx(e["worked"] / 3600, abs=1e-3), key
        assert r.late == e["late"], key
        assert r.missing_checkout == e["mco"], key
        assert r.pairs == e["pairs"], key
        if not e["absent"]:
            assert r.first_in == e["first_in"], key
            assert r.last_out == e["last_out"], key
            assert r.late_minutes == e["late_minutes"], key
            assert r.missing_checkin == e["mci"], key
            assert r.manual == e["manual"], key
    # Summaries and totals agree with the rows; the daily series with the loop.
    for s in report.summaries:
        mine = [e for (u, _), e in exp.rows.items() if u == s.person.uuid]
        assert s.absences == sum(bool(e["absent"]) for e in mine)
        assert s.late_days == sum(bool(e["late"]) for e in mine)
        assert s.worked_hours == pytest.approx(sum(e["worked"] for e in mine) / 3600, abs=1e-3)
    assert report.totals.absences == sum(bool(e["absent"]) for e in exp.rows.values())
    assert report.totals.late_days == sum(bool(e["late"]) for e in exp.rows.values())
    for i, d in enumerate(report.dates):
        assert report.daily.present[i] == exp.daily_present.get(d, 0)
        assert report.daily.late[i] == exp.daily_late.get(d, 0)
        assert report.daily.expected[i] == exp.daily_expected.get(d, 0)


def test_every_person_day_matches_the_independent_loop(month: Log, report: Report) -> None:
    assert_matches_oracle(report, expected_figures(month, report_settings(), START, END))
    assert (report.daily.presence_rate <= 1).all() and report.daily.presence_rate.max() > 0.8
    # Holidays: nobody is absent; Sunday: only the 7-day Security shift is expected.
    for h in HOLIDAYS:
        assert report.daily.absent[report.dates.index(h)] == 0
    sunday = report.dates.index(date(2024, 3, 31))
    assert report.daily.expected[sunday] == sum(
        p.active and p.department == "Security" for p in month.persons
    )


def _one(events: list[tuple[date, int, Direction]], settings: ReportSettings | None = None) -> Report:
    p = Person("x", "X1", "Xavier", department="Security")
    evs = [
        AttendanceEvent(f"e{i}", "x", _utc(d, s), ZONE_NAME, di, 0.3, 0.9, "k")
        for i, (d, s, di) in enumerate(events)
    ]
    first = min(d for d, _, _ in events)
    return build_report(
        InMemoryEventSource([p], evs), settings or report_settings(), ReportQuery(first, first)
    )


def test_dst_days_count_real_hours() -> None:
    spring = date(2024, 3, 31)  # 02:00 -> 03:00: 01:00-09:00 on the wall is 7 real hours
    autumn = date(2024, 10, 27)  # 03:00 -> 02:00: 01:00-09:00 on the wall is 9 real hours
    r = _one([(spring, 3600, Direction.IN), (spring, 9 * 3600, Direction.OUT)])
    (row,) = r.day_rows()
    assert row.worked_hours == pytest.approx(7.0)
    assert row.first_in == time(1, 0) and row.last_out == time(9, 0)
    r = _one([(autumn, 3600, Direction.IN), (autumn, 9 * 3600, Direction.OUT)])
    (row,) = r.day_rows()
    assert row.worked_hours == pytest.approx(9.0)
    # 23:30 local is 21:30 UTC in summer: it belongs to the local day, not the next UTC one.
    r = _one([(date(2024, 6, 3), 23 * 3600 + 1800, Direction.IN)])
    (row,) = r.day_rows()
    assert row.date == date(2024, 6, 3) and row.first_in == time(23, 30) and row.missing_checkout == 1


def test_missing_checkout_is_flagged_not_invented_and_late_uses_grace() -> None:
    d = date(2024, 6, 4)  # a Tuesday; Security shift 01:00 + 10 min grace
    r = _one([(d, 3600 + 600, Direction.IN)])
    (row,) = r.day_rows()
    assert row.worked_hours == 0 and row.missing_checkout == 1 and row.last_out is None
    assert not row.late  # exactly at the end of the grace period
    r = _one([(d, 3600 + 601, Direction.IN), (d, 5 * 3600, Direction.OUT), (d, 6 * 3600, Direction.OUT)])
    (row,) = r.day_rows()
    assert row.late and row.late_minutes == 11 and row.missing_checkin == 1 and row.pairs == 1
    assert "missing check-in" in row.flags


def test_filters_and_columnar_input(month: Log, report: Report) -> None:
    q = ReportQuery(START, END, group="Warehouse")
    wh = build_report(month.source, report_settings(), q)
    assert {p.department for p in wh.persons} == {"Warehouse"}
    assert wh.totals.persons == 50
    assert {r.shift for r in wh.day_rows()} == {"Early"}
    one = build_report(month.source, report_settings(), ReportQuery(START, END, person_uuid="p0003"))
    assert [s.person.uuid for s in one.summaries] == ["p0003"]
    assert one.summaries[0] == next(s for s in report.summaries if s.person.uuid == "p0003")
    # The same events as columns (what the store will hand over) give the same report.
    cols = EventColumns.from_events(month.events)
    again = compute_report(cols, month.persons, report_settings(), ReportQuery(START, END))
    assert again.totals == report.totals
    assert np.array_equal(again.days.worked, report.days.worked)
    with pytest.raises(ReportError):
        ReportQuery(END, START)


def test_corrections_keep_the_original_and_need_a_reason(month: Log) -> None:
    ev = AttendanceEvent("a", "p0001", _utc(START, 9 * 3600), ZONE_NAME, Direction.IN, 0.3, 0.9, "k")
    stamp = datetime(2024, 4, 1, tzinfo=UTC)
    with pytest.raises(CorrectionError, match="reason"):
        apply_corrections(
            [ev], [Correction("c", CorrectionAction.VOID, " ", "hr", stamp, target_event_uuid="a")]
        )
    with pytest.raises(CorrectionError, match="does not exist"):
        apply_corrections(
            [ev], [Correction("c", CorrectionAction.VOID, "x", "hr", stamp, target_event_uuid="b")]
        )
    edit = Correction(
        "c",
        CorrectionAction.EDIT,
        "clock skew",
        "hr",
        stamp,
        target_event_uuid="a",
        at_utc=ev.at_utc - timedelta(minutes=3),
    )
    out, (effect,) = apply_corrections([ev], [edit])
    assert not ev.voided  # input untouched
    assert [e.uuid for e in out] == ["a", effect.correction.new_event_uuid]
    assert out[0].voided and out[0].at_utc == ev.at_utc  # the original is kept, void
    assert out[1].source == "manual" and out[1].at_utc == ev.at_utc - timedelta(minutes=3)
    # The in-memory source keeps an audit entry per correction.
    assert len(month.source.audit) == len(month.corrections)
    assert all(a.detail and a.actor for a in month.source.audit)


def test_csv_export(tmp_path: Path, report: Report) -> None:
    path = write_csv(report, tmp_path / "days.csv", bom=True)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["Date", "Employee ID", "Name"]
    assert len(rows) - 1 == len(report.days)
    first = next(report.day_rows())
    assert rows[1][0] == first.date.isoformat() and rows[1][2] == first.person.name
    assert float(rows[1][7]) == pytest.approx(first.worked_hours, abs=0.005)
    assert any("Jürgen" in r[2] or "Zoë" in r[2] for r in rows[1:])
    summary = write_csv(report, tmp_path / "summary.csv", table="summary")
    assert not summary.read_bytes().startswith(b"\xef\xbb\xbf")
    with summary.open(encoding="utf-8", newline="") as fh:
        srows = list(csv.DictReader(fh))
    assert len(srows) == 201
    assert int(srows[-1]["Absences"]) == report.totals.absences
    assert sum(int(r["Late days"]) for r in srows[:-1]) == report.totals.late_days


def test_xlsx_export(tmp_path: Path, report: Report) -> None:
    import openpyxl

    path = write_xlsx(report, tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Timesheet", "Summary", "Daily"]
    ws = wb["Timesheet"]
    assert ws.freeze_panes == "A2"
    assert ws.max_row - 1 == len(report.days)
    header = [c.value for c in ws[1]]
    assert header[:2] == ["Date", "Employee ID"]
    rows = list(report.day_rows())
    for excel_row, r in ((2, rows[0]), (ws.max_row, rows[-1])):
        cells = [c for c in ws[excel_row]]
        assert isinstance(cells[0].value, datetime) and cells[0].value.date() == r.date
        assert cells[0].number_format == "yyyy-mm-dd"
        assert cells[7].value == pytest.approx(r.worked_hours) and cells[7].number_format == "0.00"
        assert cells[9].value is r.late
    present = next(i for i, r in enumerate(rows) if r.first_in is not None) + 2
    assert isinstance(ws.cell(present, 6).value, time) and ws.cell(present, 6).number_format == "hh:mm:ss"
    assert ws.column_dimensions["C"].width >= 15
    summary = wb["Summary"]
    assert summary.cell(summary.max_row, 7).value == report.totals.absences
    assert wb["Daily"].max_row == 31


def test_pdf_export(tmp_path: Path, report: Report) -> None:
    path = write_pdf(report, tmp_path / "r.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; the PDF text cannot be checked")
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    pages = text.stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 3  # 200 people + totals + 30 days do not fit on one page
    assert "Müller & Söhne GmbH" in pages[0]
    assert "2024-03-18 – 2024-04-16" in pages[0]
    for i, page in enumerate(pages, start=1):
        assert f"Page {i} of {len(pages)}" in page
        assert "Employee" in page or "Presence" in page  # the header repeats on every page
    assert "Person199" in text.stdout and f"Total ({report.totals.persons} people)" in text.stdout
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
            check=True,
        )
        png = next(tmp_path.glob("page*.png"))
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_report(tmp_path: Path, month: Log) -> None:
    import argparse

    from app.commands import report as report_cmd

    events_csv = tmp_path / "events.csv"
    with events_csv.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["uuid", "person_uuid", "at_utc", "tz_name", "direction", "voided", "source"])
        for e in month.events:
            w.writerow(
                [
                    e.uuid,
                    e.person_uuid,
                    e.at_utc.isoformat(),
                    e.tz_name,
                    e.direction.value,
                    int(e.voided),
                    e.source,
                ]
            )
    persons_csv = tmp_path / "persons.csv"
    with persons_csv.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["uuid", "external_id", "name", "department", "groups", "active"])
        for p in month.persons:
            w.writerow([p.uuid, p.external_id, p.name, p.department, ";".join(p.groups), int(p.active)])
    parser = argparse.ArgumentParser()
    report_cmd.register(parser.add_subparsers(dest="command"))
    out = tmp_path / "wh.xlsx"
    args = parser.parse_args(
        [
            "report",
            "--from",
            "2024-03-18",
            "--to",
            "2024-04-16",
            "--group",
            "Warehouse",
            "--format",
            "xlsx",
            "-o",
            str(out),
            "--events-csv",
            str(events_csv),
            "--persons-csv",
            str(persons_csv),
            "--timezone",
            ZONE_NAME,
        ]
    )
    assert args.handler(args) == 0
    import openpyxl

    wb = openpyxl.load_workbook(out)
    assert wb["Summary"].max_row == 50 + 2  # header, 50 warehouse people, totals
    csv_out = tmp_path / "all.csv"
    args = parser.parse_args(
        [
            "report",
            "--from",
            "2024-03-18",
            "--to",
            "2024-04-16",
            "-o",
            str(csv_out),
            "--events-csv",
            str(events_csv),
            "--timezone",
            ZONE_NAME,
        ]
    )
    assert args.handler(args) == 0
    assert csv_out.read_text(encoding="utf-8").startswith("Date,")


def test_cli_reads_the_store(
    memory_keyring, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = pytest.importorskip("app.core.storage")
    from argon2 import PasswordHasher

    from app import cli
    from app.core.policy import access

    fast = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr("app.core.storage.services._hasher", fast)
    small = generate_log(n_people=8, days=7)
    with storage.Store.open(data_dir) as store:
        admin = access.create_first_admin(store, "admin", "583920")
        access.add_user(store, admin, "hr", access.Role.HR, "714093")
        for p in small.persons:
            store.add_person(p)
        for e in small.events:
            store.add_event(dataclasses.replace(e, id=None))
    out = tmp_path / "store.pdf"
    argv = [
        "report",
        "--from",
        "2024-03-18",
        "--to",
        "2024-03-24",
        "--format",
        "pdf",
        "-o",
        str(out),
        "--timezone",
        ZONE_NAME,
        "--organisation",
        "Store GmbH",
    ]
    monkeypatch.setenv("FACEATTEND_USER", "hr")  # reading the store needs EXPORT_REPORTS (HR)
    monkeypatch.setenv("FACEATTEND_PIN", "714093")
    assert cli.main(argv) == 0
    assert out.read_bytes().startswith(b"%PDF")
    with storage.Store.open(data_dir) as store:
        exports = [e for e in store.audit_entries(20) if e.action == "report.export"]
    assert [(e.actor, e.details["file"]) for e in exports] == [("hr", "store.pdf")]
    empty = tmp_path / "empty-home"
    empty.mkdir()
    assert cli.main(["--data-dir", str(empty), *argv]) == 2  # no database there: a clear error, no traceback


def test_cli_is_registered() -> None:
    from app import cli

    assert "app.commands.report" in cli.COMMAND_MODULES


def test_settings_section_defaults() -> None:
    from app.core.settings import Settings

    s = Settings()
    assert s.reports.default_shift.weekdays == (0, 1, 2, 3, 4)
    assert s.reports.holidays == [] and s.recognition.match_threshold == 0.40
    assert dataclasses.replace(s.reports, timezone="Europe/Berlin").timezone == "Europe/Berlin"


def test_store_adapter_reports_and_corrects(memory_keyring, data_dir: Path) -> None:
    storage = pytest.importorskip("app.core.storage")
    from app.core.reports.source import CorrectionSink, EventSource
    from app.core.reports.store_source import StoreEventSource

    small = generate_log(n_people=12, days=10)
    with storage.Store.open(data_dir) as store:
        for p in small.persons:
            store.add_person(p)
        for e in small.events:
            store.add_event(dataclasses.replace(e, id=None))
        source = StoreEventSource(store)
        assert isinstance(source, EventSource) and isinstance(source, CorrectionSink)
        q = ReportQuery(START, START + timedelta(days=9))
        from_store = build_report(source, report_settings(), q)
        in_memory = build_report(small.source, report_settings(), q)
        assert from_store.totals == in_memory.totals
        target = next(e for e in small.events if not e.voided and e.direction == Direction.IN)
        stamp = datetime(2024, 4, 20, tzinfo=UTC)
        edit = Correction(
            "cx",
            CorrectionAction.EDIT,
            "arrived earlier",
            "hr.ben",
            stamp,
            target_event_uuid=target.uuid,
            at_utc=target.at_utc - timedelta(minutes=30),
        )
        effect = source.apply_correction(edit)
        kept = store.get_event(target.uuid)
        assert kept is not None and kept.voided and kept.at_utc == target.at_utc  # the original is kept
        added = store.get_event(effect.correction.new_event_uuid or "")
        assert added is not None and added.source == "manual" and not added.voided
        actions = [a.action for a in store.audit_entries(limit=10)]
        assert "event.correct" in actions and "event.correction.edit" in actions
        after = build_report(source, report_settings(), q)
        assert after.totals.manual_events == from_store.totals.manual_events + 1
