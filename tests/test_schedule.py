"""The work schedule HR keeps (work_schedule.py): validated JSON round trip, saved in the encrypted store
through AppContext (MANAGE_SCHEDULES, audited), in force after a reopen for the reports and the kiosk's late
flag, and the `faceattend schedule` commands."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from app.cli import main
from app.core.attendance import AttendanceService, Outcome
from app.core.context import AppContext
from app.core.errors import PermissionDenied
from app.core.policy import access
from app.core.policy.access import Action, Audit, Role
from app.core.records import AttendanceEvent, Direction, Person
from app.core.reports import ReportQuery, build_report
from app.core.schedule.work_schedule import (
    SCHEDULE_KEY,
    NamedShift,
    ScheduleError,
    WorkSchedule,
    format_weekdays,
    parse_weekdays,
)
from app.core.settings import Settings, Shift
from app.core.storage import Store, audit_seal
from tests.test_attendance_late_stored import visit
from tests.test_attendance_rules import FakeClock

BERLIN = ZoneInfo("Europe/Berlin")
NIGHT = Shift("Night", time(22, 0), time(6, 0), grace_minutes=5, weekdays=(0, 1, 2, 3, 4))
ADMIN_PIN, HR_PIN, ENROLLER_PIN = "583920", "hr-pass-2026", "749261"

pytestmark = pytest.mark.usefixtures("cheap_argon2")


def local(y: int, mo: int, d: int, h: int, mi: int) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=BERLIN).astimezone(UTC)


def night_schedule() -> WorkSchedule:
    return WorkSchedule(
        default_shift=Shift("Day", time(8, 30), time(16, 30), grace_minutes=10, weekdays=(0, 1, 2, 3, 4)),
        shifts=[NamedShift(NIGHT, ["Nights", "Security"])],
        holidays=[date(2026, 12, 25), date(2026, 3, 4)],
        timezone="Europe/Berlin",
    )


# --- the format ----------------------------------------------------------------------------------------
def test_round_trip_is_json_safe_and_normalised() -> None:
    import json

    data = night_schedule().to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["default_shift"]["start"] == "08:30" and data["shifts"][0]["end"] == "06:00"
    back = WorkSchedule.from_dict(data)
    assert back == night_schedule().validated()
    assert back.holidays == [date(2026, 3, 4), date(2026, 12, 25)]  # sorted
    assert parse_weekdays("mon-fri") == (0, 1, 2, 3, 4) and parse_weekdays("fri-mon") == (0, 4, 5, 6)
    assert parse_weekdays("Mon, Wed,fri") == (0, 2, 4) and parse_weekdays("all") == tuple(range(7))
    assert format_weekdays((0, 1, 2, 3, 4)) == "mon-fri" and format_weekdays((0, 2, 4)) == "mon,wed,fri"


def _with(section: str, **values: Any) -> dict[str, Any]:
    data = night_schedule().to_dict()
    if section:
        data[section] = {**data[section], **values}
    else:
        data.update(values)
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_with("default_shift", start="25:00"), "The default shift's start '25:00' is not a time"),
        (_with("default_shift", end="6pm"), "write it as HH:MM"),
        (_with("default_shift", weekdays=[]), "needs at least one working weekday"),
        (_with("default_shift", grace_minutes=-5), "grace cannot be negative (-5 min)"),
        (_with("default_shift", grace_minutes="5"), "must be a whole number"),
        (_with("", timezone="Mars/Olympus_Mons"), "Unknown time zone 'Mars/Olympus_Mons'"),
        (_with("", holidays=["2026-02-30"]), "'2026-02-30' is not a date"),
        (_with("", shifts=[{"name": "day", "start": "06:00", "groups": ["X"]}]), "Two shifts are named"),
        (_with("", shifts=[{"name": "Late", "groups": []}]), "at least one department or group"),
        (_with("", shifts=[{"name": "", "groups": ["X"]}]), "Every shift needs a name"),
    ],
)
def test_bad_input_is_refused_with_the_reason(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ScheduleError) as info:
        WorkSchedule.from_dict(data)
    assert message in str(info.value)


def test_a_group_works_one_shift() -> None:
    schedule = night_schedule()
    schedule.shifts.append(NamedShift(Shift("Late", time(14), time(22)), ["nights"]))
    with pytest.raises(ScheduleError, match="“nights” is assigned to both “Night” and “Late”"):
        schedule.validated()


# --- through AppContext and the store ----------------------------------------------------------------
@pytest.fixture
def users(ctx: AppContext) -> dict[Role, Any]:
    admin = ctx.create_first_admin("admin", ADMIN_PIN)
    access.add_user(ctx._store, admin, "hr", Role.HR, HR_PIN)
    access.add_user(ctx._store, admin, "enroller", Role.ENROLLER, ENROLLER_PIN)
    return {
        Role.ADMIN: admin,
        Role.HR: ctx.login("hr", HR_PIN),
        Role.ENROLLER: ctx.login("enroller", ENROLLER_PIN),
    }


def reopen(ctx: AppContext) -> AppContext:
    ctx.close()
    again = AppContext(Settings(data_dir=ctx.data_dir), background_sync=False)
    again.open()
    return again


def test_saved_schedule_survives_a_reopen_and_is_audited(ctx: AppContext, users: dict[Role, Any]) -> None:
    assert ctx.work_schedule() == WorkSchedule.from_settings(Settings().reports)  # nothing saved: defaults
    changes = ctx.save_work_schedule(users[Role.HR], night_schedule())
    assert set(changes) == {"timezone", "default_shift", "holidays", "shifts"}
    assert changes["holidays"] == {"added": ["2026-03-04", "2026-12-25"], "removed": []}
    assert ctx.settings.reports.group_shifts["Security"] == NIGHT  # in force at once
    entries = [e for e in ctx.audit_entries() if e.action == Audit.SCHEDULE_CHANGE]
    assert len(entries) == 1 and entries[0].actor == "hr" and entries[0].details == changes
    assert ctx.save_work_schedule(users[Role.HR], night_schedule()) == {}  # unchanged: no second entry
    assert len([e for e in ctx.audit_entries() if e.action == Audit.SCHEDULE_CHANGE]) == 1

    again = reopen(ctx)
    try:
        assert again.work_schedule() == night_schedule().validated()
        reports = again.settings.reports
        assert reports.timezone == "Europe/Berlin" and reports.holidays == [
            date(2026, 3, 4),
            date(2026, 12, 25),
        ]
        assert reports.default_shift.start == time(8, 30) and reports.group_shifts["Nights"] == NIGHT
        assert audit_seal.verify(again._store).ok
    finally:
        again.close()


def test_bad_schedule_and_wrong_role_change_nothing(ctx: AppContext, users: dict[Role, Any]) -> None:
    before = ctx.work_schedule()
    bad = night_schedule()
    bad.default_shift = Shift("Day", time(9), time(17), weekdays=())
    with pytest.raises(ScheduleError, match="at least one working weekday"):
        ctx.save_work_schedule(users[Role.HR], bad)
    with pytest.raises(PermissionDenied, match="not allowed to manage schedules"):
        ctx.save_work_schedule(users[Role.ENROLLER], night_schedule())
    assert ctx._store.get_setting(SCHEDULE_KEY) is None and ctx.work_schedule() == before
    assert ctx.save_work_schedule(users[Role.ADMIN], night_schedule())  # admins may, too
    assert access.allowed(Role.HR, Action.MANAGE_SCHEDULES)
    assert [r for r in Role if access.allowed(r, Action.MANAGE_SCHEDULES)] == [Role.ADMIN, Role.HR]


def test_a_damaged_stored_schedule_does_not_block_opening(ctx: AppContext) -> None:
    ctx._store.set_setting(SCHEDULE_KEY, {"default_shift": {"start": "nonsense"}})
    again = reopen(ctx)
    try:
        assert again.settings.reports.default_shift == Shift()
    finally:
        again.close()


def test_report_and_kiosk_use_the_saved_night_shift_after_reopen(
    ctx: AppContext, users: dict[Role, Any]
) -> None:
    ctx.save_work_schedule(users[Role.HR], night_schedule())
    nadia = ctx._store.add_person(Person(str(uuid.uuid4()), "E1", "Nadia", department="Nights"))
    again = reopen(ctx)
    try:
        settings = again.settings
        settings.attendance.liveness = "off"
        settings.attendance.min_face_quality = False
        settings.attendance.timezone = "Europe/Berlin"
        clock = FakeClock(local(2026, 3, 2, 22, 10))  # Monday 22:10: 5 min past the night's grace
        service = AttendanceService(again._store, settings, clock=clock)
        # visit() recognises person "p1": give the kiosk that uuid
        again._store.add_person(Person("p1", "E2", "Nadia's badge", department="Nights"))
        assert visit(service, 0.0) == [Outcome.CHECKED_IN]
        clock.now = local(2026, 3, 3, 6, 10)  # Tuesday morning: the same (Monday's) working day
        assert visit(service, 100.0) == [Outcome.CHECKED_OUT]
        kiosk = [(e.direction, e.late) for e in again._store.list_events() if e.person_uuid == "p1"]
        assert kiosk == [(Direction.IN, True), (Direction.OUT, False)]

        for at, direction in (
            (local(2026, 3, 2, 21, 55), Direction.IN),
            (local(2026, 3, 3, 6, 5), Direction.OUT),
        ):
            again._store.add_event(
                AttendanceEvent(str(uuid.uuid4()), nadia.uuid, at, "Europe/Berlin", direction, 0.9, 0.9, "k")
            )
        report = build_report(
            again.report_source(), settings.reports, ReportQuery(date(2026, 3, 2), date(2026, 3, 4))
        )
        assert report.timezone == "Europe/Berlin"
        rows = {(r.person.uuid, r.date): r for r in report.day_rows()}
        monday = rows[(nadia.uuid, date(2026, 3, 2))]
        assert monday.shift == "Night" and monday.pairs == 1 and not monday.late
        assert monday.worked_hours == pytest.approx(8 + 10 / 60, abs=1e-3)  # 21:55 -> 06:05, one working day
        assert rows[("p1", date(2026, 3, 2))].late and rows[("p1", date(2026, 3, 2))].late_minutes == 10
        assert rows[(nadia.uuid, date(2026, 3, 3))].absent  # no Tuesday night
        assert (nadia.uuid, date(2026, 3, 4)) not in rows  # Wednesday is a saved holiday: no absence
    finally:
        again.close()


# --- the CLI -----------------------------------------------------------------------------------------
@pytest.fixture
def cli_users(memory_keyring: object, data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        admin = access.create_first_admin(store, "admin", ADMIN_PIN)
        access.add_user(store, admin, "hr", Role.HR, HR_PIN)
        access.add_user(store, admin, "enroller", Role.ENROLLER, ENROLLER_PIN)
    return data_dir


def sign_in(monkeypatch: pytest.MonkeyPatch, name: str, pin: str) -> None:
    monkeypatch.setenv("FACEATTEND_USER", name)
    monkeypatch.setenv("FACEATTEND_PIN", pin)


def test_cli_set_and_show(
    cli_users: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sign_in(monkeypatch, "hr", HR_PIN)
    assert main(["schedule", "show"]) == 0
    assert "no schedule has been saved yet" in capsys.readouterr().out
    set_default = ["schedule", "set-default", "--start", "22:00", "--end", "06:00", "--grace", "5"]
    assert main([*set_default, "--weekdays", "mon-fri"]) == 0
    assert "22:00-06:00 (night), grace 5 min, mon-fri" in capsys.readouterr().out
    assert (
        main(["schedule", "set-shift", "Early", "--start", "06:00", "--end", "14:00", "--groups", "Bakery"])
        == 0
    )
    assert main(["schedule", "add-holiday", "2026-12-25", "2026-12-26"]) == 0
    assert main(["schedule", "set-timezone", "Europe/Berlin"]) == 0
    capsys.readouterr()
    assert main(["schedule", "set-timezone", "Europe/Atlantis"]) == 2
    assert "Unknown time zone 'Europe/Atlantis'" in capsys.readouterr().err
    assert main(["schedule", "set-default", "--grace", "-3"]) == 2
    assert "grace cannot be negative" in capsys.readouterr().err
    assert main(["schedule", "add-holiday", "2026-12-25"]) == 0
    assert "Nothing changed." in capsys.readouterr().out

    sign_in(monkeypatch, "enroller", ENROLLER_PIN)
    assert main(["schedule", "add-holiday", "2027-01-01"]) == 2
    assert "not allowed to manage schedules" in capsys.readouterr().err

    sign_in(monkeypatch, "admin", ADMIN_PIN)
    assert main(["schedule", "show"]) == 0
    out = capsys.readouterr().out
    assert "Time zone: Europe/Berlin" in out and "Default shift: Day, 22:00-06:00 (night)" in out
    assert "Early: 06:00-14:00, grace 5 min, mon-fri — Bakery" in out
    assert "Holidays: 2026-12-25, 2026-12-26" in out
    with Store.open(cli_users) as store:
        entries = [e for e in store.audit_entries(100) if e.action == Audit.SCHEDULE_CHANGE]
        assert [e.actor for e in entries] == ["hr"] * 4 and all(e.details["cli"] for e in entries)
        assert audit_seal.verify(store).ok
        assert WorkSchedule.from_dict(store.get_setting(SCHEDULE_KEY)).holidays == [
            date(2026, 12, 25),
            date(2026, 12, 26),
        ]
    # The desktop app opens with it.
    with AppContext(Settings(data_dir=cli_users), background_sync=False) as ctx:
        assert ctx.settings.reports.default_shift.end == time(6, 0)
        assert ctx.settings.reports.group_shifts["Bakery"].start == time(6, 0)
