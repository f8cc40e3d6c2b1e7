"""`faceattend schedule`: the work schedule HR keeps (default shift, named shifts per department or group,
holidays, the report time zone) — shown and changed from the command line. Every sub-command reads the
encrypted store, so each signs in like the other store commands (`--user NAME` / FACEATTEND_USER +
FACEATTEND_PIN or a prompt): `show` needs VIEW_REPORTS, the changes MANAGE_SCHEDULES (HR, admin) and are
audited (schedule.change). A running kiosk uses a change at its next start.

    faceattend schedule show
    faceattend schedule set-default --start 22:00 --end 06:00 --grace 5 --weekdays mon-fri
    faceattend schedule set-shift Night --start 22:00 --end 06:00 --groups Nights,Security
    faceattend schedule remove-shift Night
    faceattend schedule add-holiday 2026-12-25 / remove-holiday 2026-12-25
    faceattend schedule set-timezone Europe/Berlin        ("" = the zone the devices report)
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable
from typing import Any

from app.commands.auth import add_user_option, authenticate, open_context
from app.core.policy.access import Action
from app.core.schedule.work_schedule import (
    NIGHT_HINT,
    NamedShift,
    ScheduleError,
    WorkSchedule,
    describe_shift,
    parse_date,
    parse_time,
    parse_weekdays,
)
from app.core.settings import Shift

RESTART_NOTE = "A kiosk that is running uses the new schedule from its next start."


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "schedule",
        help="work schedule: shifts (night shifts too), holidays, report time zone",
        description=f"Shifts decide who is late and absent. {NIGHT_HINT[0].upper()}{NIGHT_HINT[1:]}.",
    )
    sub = p.add_subparsers(dest="schedule_command", metavar="ACTION", required=True)

    show = sub.add_parser("show", help="print the work schedule")
    add_user_option(show)
    show.set_defaults(handler=_show)

    default = sub.add_parser("set-default", help="change the default shift (people without a named shift)")
    _shift_options(default)
    default.set_defaults(handler=_set_default)

    shift = sub.add_parser("set-shift", help="add or change a named shift and its departments/groups")
    shift.add_argument("name", help="the shift's name, e.g. Night")
    _shift_options(shift)
    shift.add_argument("--groups", help="departments or groups working it, separated by commas")
    shift.set_defaults(handler=_set_shift)

    remove = sub.add_parser("remove-shift", help="remove a named shift (its people get the default shift)")
    remove.add_argument("name")
    add_user_option(remove)
    remove.set_defaults(handler=_remove_shift)

    for name, handler, text in (
        ("add-holiday", _add_holiday, "add holidays (no absences are counted on them)"),
        ("remove-holiday", _remove_holiday, "remove holidays"),
    ):
        h = sub.add_parser(name, help=text)
        h.add_argument("dates", nargs="+", metavar="DATE", help="YYYY-MM-DD")
        add_user_option(h)
        h.set_defaults(handler=handler)

    zone = sub.add_parser("set-timezone", help='the IANA zone reports are computed in ("" = devices\')')
    zone.add_argument("zone", help="e.g. Europe/Berlin")
    add_user_option(zone)
    zone.set_defaults(handler=_set_timezone)


def _shift_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--start", help="HH:MM (24 h)")
    p.add_argument("--end", help=f"HH:MM; {NIGHT_HINT}")
    p.add_argument("--grace", type=int, help="minutes after the start before a check-in is late")
    p.add_argument("--weekdays", help="working days of the shift's start, e.g. mon-fri, mon,wed,fri, all")
    p.add_argument("--early-margin", type=int, help="night shifts: the working day begins this long before")
    add_user_option(p)


def _show(args: argparse.Namespace) -> int:
    with open_context() as ctx:
        session = authenticate(args, Action.VIEW_REPORTS, ctx.access)
        saved = ctx.schedule.is_saved(session)
        schedule = ctx.schedule.work_schedule()
    print(format_schedule(schedule, saved))
    return 0


def format_schedule(schedule: WorkSchedule, saved: bool = True) -> str:
    lines = [
        f"Time zone: {schedule.timezone or '(the zone the devices report)'}",
        f"Default shift: {schedule.default_shift.name}, {describe_shift(schedule.default_shift)}",
    ]
    if schedule.shifts:
        lines.append("Named shifts:")
        for named in schedule.shifts:
            lines.append(f"  {named.name}: {describe_shift(named.shift)} — {', '.join(named.groups)}")
    else:
        lines.append("Named shifts: none (everyone works the default shift)")
    holidays = ", ".join(d.isoformat() for d in schedule.holidays) or "none"
    lines.append(f"Holidays: {holidays}")
    if not saved:
        lines.append("(the built-in defaults: no schedule has been saved yet)")
    return "\n".join(lines)


def _change(args: argparse.Namespace, edit: Callable[[WorkSchedule], None]) -> int:
    with open_context() as ctx:
        session = authenticate(args, Action.MANAGE_SCHEDULES, ctx.access)
        old = ctx.schedule.work_schedule()
        new = dataclasses.replace(
            old, shifts=[NamedShift(n.shift, list(n.groups)) for n in old.shifts], holidays=list(old.holidays)
        )
        edit(new)
        changes = ctx.schedule.save_work_schedule(session, new, {"cli": True})
        if not changes:
            print("Nothing changed.")
            return 0
        new = ctx.schedule.work_schedule()
    print(format_schedule(new))
    print(f"Saved (recorded in the audit log). {RESTART_NOTE}")
    return 0


def _edited_shift(shift: Shift, args: argparse.Namespace) -> Shift:
    changes: dict[str, Any] = {}
    if args.start is not None:
        changes["start"] = parse_time(args.start, "start")
    if args.end is not None:
        changes["end"] = parse_time(args.end, "end")
    if args.grace is not None:
        changes["grace_minutes"] = args.grace
    if args.weekdays is not None:
        changes["weekdays"] = parse_weekdays(args.weekdays)
    if args.early_margin is not None:
        changes["early_margin_minutes"] = args.early_margin
    return dataclasses.replace(shift, **changes)


def _set_default(args: argparse.Namespace) -> int:
    def edit(s: WorkSchedule) -> None:
        s.default_shift = _edited_shift(s.default_shift, args)

    return _change(args, edit)


def _set_shift(args: argparse.Namespace) -> int:
    groups = [g.strip() for g in (args.groups or "").split(",") if g.strip()] if args.groups else None

    def edit(s: WorkSchedule) -> None:
        key = " ".join(args.name.split()).casefold()
        named = next((n for n in s.shifts if n.name.casefold() == key), None)
        if named is None:
            if groups is None:
                raise ScheduleError(
                    f"A new shift needs --groups (the departments or groups working “{args.name}”)."
                )
            named = NamedShift(Shift(name=args.name), [])
            s.shifts.append(named)
        named.shift = _edited_shift(named.shift, args)
        if groups is not None:
            named.groups = groups

    return _change(args, edit)


def _remove_shift(args: argparse.Namespace) -> int:
    def edit(s: WorkSchedule) -> None:
        key = " ".join(args.name.split()).casefold()
        kept = [n for n in s.shifts if n.name.casefold() != key]
        if len(kept) == len(s.shifts):
            raise ScheduleError(f"There is no shift named “{args.name}”.")
        s.shifts = kept

    return _change(args, edit)


def _add_holiday(args: argparse.Namespace) -> int:
    days = [parse_date(d) for d in args.dates]

    def edit(s: WorkSchedule) -> None:
        s.holidays = sorted(set(s.holidays) | set(days))

    return _change(args, edit)


def _remove_holiday(args: argparse.Namespace) -> int:
    days = {parse_date(d) for d in args.dates}

    def edit(s: WorkSchedule) -> None:
        missing = days - set(s.holidays)
        if missing:
            raise ScheduleError(f"{', '.join(sorted(d.isoformat() for d in missing))} is not a holiday.")
        s.holidays = [d for d in s.holidays if d not in days]

    return _change(args, edit)


def _set_timezone(args: argparse.Namespace) -> int:
    def edit(s: WorkSchedule) -> None:
        s.timezone = args.zone

    return _change(args, edit)
