"""Night shifts (end <= start) in the HR reports: a working day is the day the shift starts, pairs cross
midnight, DST nights count real hours, lateness/absence per occurrence; a month mixing day- and night-shift
people is checked against the independent loop of tests/test_reports.py."""

from __future__ import annotations

import dataclasses
from datetime import date, time, timedelta

import pytest

from app.core.records import AttendanceEvent, Direction, Person
from app.core.reports import InMemoryEventSource, Report, ReportQuery, ReportSettings, Shift, build_report
from tests.test_reports import (
    DEPARTMENTS,
    ZONE_NAME,
    _utc,
    assert_matches_oracle,
    expected_figures,
    generate_log,
    report_settings,
)

NIGHT = Shift("Night", time(22, 0), time(6, 0), grace_minutes=5, weekdays=(0, 1, 2, 3, 4, 5, 6))
H = 3600


def night_settings() -> ReportSettings:
    s = report_settings()
    return dataclasses.replace(s, group_shifts={**s.group_shifts, "Nights": NIGHT})


def night_report(
    events: list[tuple[date, int, Direction]],
    start: date,
    end: date | None = None,
    with_day_person: bool = False,
) -> Report:
    """One night-shift person (Nadia) and optionally one day-shift person (Dora, 09:00-17:00 Mon-Fri, no
    events). Event times are (local day, wall-clock seconds after its midnight, may exceed a day)."""
    persons = [Person("n", "N1", "Nadia", department="Nights")]
    if with_day_person:
        persons.append(Person("d", "D1", "Dora", department="Sales"))
    evs = [
        AttendanceEvent(f"e{i}", "n", _utc(d, s), ZONE_NAME, di, 0.3, 0.9, "k")
        for i, (d, s, di) in enumerate(events)
    ]
    return build_report(InMemoryEventSource(persons, evs), night_settings(), ReportQuery(start, end or start))


MON = date(2024, 6, 3)
TUE = MON + timedelta(days=1)


def test_a_night_is_one_working_day_on_the_day_it_starts() -> None:
    r = night_report([(MON, 21 * H + 50 * 60, Direction.IN), (TUE, 6 * H + 10 * 60, Direction.OUT)], MON, TUE)
    rows = list(r.day_rows())
    mon = next(x for x in rows if x.date == MON)
    assert mon.pairs == 1 and mon.worked_hours == pytest.approx(8 + 20 / 60, abs=1e-3)
    assert mon.first_in == time(21, 50) and mon.last_out == time(6, 10)
    assert not mon.late and not mon.absent and mon.missing_checkout == 0 and mon.missing_checkin == 0
    tue = next(x for x in rows if x.date == TUE)
    assert tue.absent and tue.missing_checkin == 0  # Tuesday's night has no event; 06:10 was Monday's
    assert r.totals.missing_checkouts == 0 and r.totals.missing_checkins == 0
    # A report of Monday alone still pairs the check-out on Tuesday morning.
    (only,) = night_report(
        [(MON, 21 * H + 50 * 60, Direction.IN), (TUE, 6 * H + 10 * 60, Direction.OUT)], MON
    ).day_rows()
    assert only.date == MON and only.pairs == 1 and only.worked_hours == pytest.approx(8 + 20 / 60, abs=1e-3)
    # A report of Tuesday alone does not see Monday's check-out as a check-out without a check-in.
    (tue_only,) = night_report(
        [(MON, 21 * H + 50 * 60, Direction.IN), (TUE, 6 * H + 10 * 60, Direction.OUT)], TUE
    ).day_rows()
    assert tue_only.absent and tue_only.missing_checkin == 0


@pytest.mark.parametrize(
    ("night", "hours"),
    [
        (date(2024, 3, 30), 7.0),  # Europe/Berlin springs forward at 02:00 on Sunday 31 March
        (date(2024, 10, 26), 9.0),  # and falls back at 03:00 on Sunday 27 October
        (date(2024, 6, 3), 8.0),
    ],
)
def test_dst_nights_count_real_hours_and_wall_clock_lateness(night: date, hours: float) -> None:
    nxt = night + timedelta(days=1)
    r = night_report([(night, 22 * H, Direction.IN), (nxt, 6 * H, Direction.OUT)], night)
    (row,) = r.day_rows()
    assert row.date == night and row.worked_hours == pytest.approx(hours)
    assert row.first_in == time(22, 0) and row.last_out == time(6, 0) and not row.late
    # Arriving at 03:30 on the wall clock is 330 wall-clock minutes after 22:00, whatever the offset did.
    r = night_report([(night, 27 * H + 30 * 60, Direction.IN), (nxt, 7 * H, Direction.OUT)], night)
    (row,) = r.day_rows()
    assert row.date == night and row.late and row.late_minutes == 330
    assert row.worked_hours == pytest.approx(3.5)


def test_late_uses_the_grace_of_that_occurrence() -> None:
    (row,) = night_report([(MON, 22 * H + 5 * 60, Direction.IN), (TUE, 6 * H, Direction.OUT)], MON).day_rows()
    assert not row.late  # exactly at the end of the grace period
    (row,) = night_report(
        [(MON, 22 * H + 5 * 60 + 1, Direction.IN), (TUE, 6 * H, Direction.OUT)], MON
    ).day_rows()
    assert row.late and row.late_minutes == 6
    # After midnight: still Monday's occurrence, 150 min late (not "early" for Tuesday's 22:00).
    (row,) = night_report([(TUE, 30 * 60, Direction.IN), (TUE, 6 * H, Direction.OUT)], MON).day_rows()
    assert row.date == MON and row.late and row.late_minutes == 150 and row.first_in == time(0, 30)
    # Early arrivals inside the margin (4 h before 22:00) belong to that night and are not late.
    (row,) = night_report(
        [(MON, 18 * H + 30 * 60, Direction.IN), (TUE, 6 * H, Direction.OUT)], MON
    ).day_rows()
    assert row.date == MON and not row.late and row.worked_hours == pytest.approx(11.5)


def test_before_the_early_margin_is_the_previous_working_day() -> None:
    # 17:30 is before Monday's working day begins (22:00 - 4 h = 18:00): Sunday's night, a late check-out.
    r = night_report([(MON, 17 * H + 30 * 60, Direction.OUT)], MON - timedelta(days=1), MON)
    rows = {x.date: x for x in r.day_rows()}
    assert rows[MON - timedelta(days=1)].missing_checkin == 1 and rows[MON - timedelta(days=1)].last_out
    assert rows[MON].absent


def test_check_in_without_check_out_is_flagged_never_invented() -> None:
    r = night_report(
        [
            (MON, 21 * H + 55 * 60, Direction.IN),  # no check-out on Tuesday morning
            (TUE, 21 * H + 58 * 60, Direction.IN),
            (TUE + timedelta(days=1), 6 * H + 2 * 60, Direction.OUT),
        ],
        MON,
        TUE,
    )
    rows = {x.date: x for x in r.day_rows()}
    assert rows[MON].missing_checkout == 1 and rows[MON].worked_hours == 0 and rows[MON].last_out is None
    assert rows[MON].pairs == 0 and "missing check-out" in rows[MON].flags
    # Tuesday's check-in is never paired with Monday's.
    assert rows[TUE].pairs == 1 and rows[TUE].worked_hours == pytest.approx(8 + 4 / 60, abs=1e-3)
    assert r.totals.missing_checkouts == 1


def test_absent_and_holidays_by_start_day() -> None:
    settings = night_settings()
    settings.holidays = [TUE]
    p = Person("n", "N1", "Nadia", department="Nights")
    # Only Monday's check-out on Tuesday morning: Monday present, Tuesday a holiday, Wednesday absent.
    ev = AttendanceEvent("e", "n", _utc(TUE, 6 * H), ZONE_NAME, Direction.OUT, 0.3, 0.9, "k")
    r = build_report(InMemoryEventSource([p], [ev]), settings, ReportQuery(MON, TUE + timedelta(days=1)))
    rows = {x.date: x for x in r.day_rows()}
    assert not rows[MON].absent and rows[MON].missing_checkin == 1
    assert TUE not in rows  # a holiday with no event has no row
    assert rows[TUE + timedelta(days=1)].absent
    assert r.summaries[0].working_days == 2 and r.summaries[0].absences == 1


def test_day_and_night_people_in_one_report() -> None:
    r = night_report(
        [(MON, 22 * H + 10 * 60, Direction.IN), (TUE, 6 * H, Direction.OUT)], MON, with_day_person=True
    )
    by_name = {x.person.name: x for x in r.day_rows()}
    assert by_name["Nadia"].late and by_name["Nadia"].late_minutes == 10 and by_name["Nadia"].shift == "Night"
    assert by_name["Dora"].absent and by_name["Dora"].shift == "Day"
    assert r.daily.expected[0] == 2 and r.daily.present[0] == 1 and r.daily.late[0] == 1


@pytest.mark.parametrize("start", [date(2024, 3, 18), date(2024, 10, 14)])  # spring / autumn DST inside
def test_a_mixed_month_matches_the_independent_loop(start: date) -> None:
    settings = night_settings()
    log = generate_log(n_people=60, seed=11, start=start, days=30, settings=settings,
                       departments=(*DEPARTMENTS, "Nights"))  # fmt: skip
    end = start + timedelta(days=29)
    report = build_report(log.source, settings, ReportQuery(start, end))
    assert_matches_oracle(report, expected_figures(log, settings, start, end))
    night_rows = [x for x in report.day_rows() if x.shift == "Night" and not x.absent]
    assert len(night_rows) > 200
    crossing = [x for x in night_rows if x.pairs and x.first_in and x.last_out and x.last_out < x.first_in]
    assert len(crossing) > 150  # pairs across midnight are really counted on the start day
    assert any(x.late for x in night_rows) and any(x.missing_checkout for x in night_rows)
    assert {x.shift for x in report.day_rows()} == {"Day", "Early", "Night watch", "Night"}
