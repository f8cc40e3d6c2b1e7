"""`faceattend report`: HR timesheet for a period, written as CSV, XLSX or PDF.

Input: the encrypted store in the data dir (through `StoreEventSource`, no SQL here) — then a user allowed to
EXPORT_REPORTS signs in (`--user NAME` / FACEATTEND_USER + FACEATTEND_PIN or a prompt) and the export is
audited (report.export); or, for tests and imports, `--events-csv` (with people from `--persons-csv`, else one
anonymous person per uuid in the events), which reads no database and needs no sign-in.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.commands.auth import add_user_option, authenticate, open_context
from app.core.context import AppContext
from app.core.policy.access import Action
from app.core.records import AttendanceEvent, Direction, Person
from app.core.reports import (
    EventSource,
    InMemoryEventSource,
    ReportError,
    ReportQuery,
    build_report,
    write_csv,
    write_pdf,
    write_xlsx,
)
from app.core.settings import Settings

log = logging.getLogger(__name__)

_TRUE = {"1", "true", "yes", "y"}


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "report",
        help="attendance report (timesheet, lateness, absences) as CSV, XLSX or PDF",
        description="Per person per day: first in, last out, hours, lateness, absences; a summary.",
    )
    p.add_argument("--from", dest="start", required=True, type=_date, help="first day, YYYY-MM-DD (local)")
    p.add_argument("--to", dest="end", required=True, type=_date, help="last day, YYYY-MM-DD (included)")
    p.add_argument("--group", help="only people whose department or group is G")
    p.add_argument("--person", help="only this person (uuid)")
    p.add_argument("--format", choices=("csv", "xlsx", "pdf"), help="default: from the output file's suffix")
    p.add_argument("-o", "--output", required=True, type=Path, help="file to write")
    p.add_argument("--table", choices=("days", "summary", "daily"), default="days", help="CSV: which table")
    p.add_argument("--bom", action="store_true", default=None, help="CSV: write a UTF-8 BOM (for Excel)")
    p.add_argument("--include-days", action="store_true", help="PDF: add the full per-day timesheet")
    p.add_argument("--timezone", help="IANA zone of the report (default: settings, else the devices' zone)")
    p.add_argument("--organisation", help="organisation name on the report (default: settings)")
    p.add_argument(
        "--events-csv",
        type=Path,
        help="read events from CSV (person_uuid, at_utc, direction[, uuid, tz_name, voided, source]) "
        "instead of the encrypted store",
    )
    p.add_argument(
        "--persons-csv",
        type=Path,
        help="people as CSV (uuid, external_id, name, department, groups separated by ';', active)",
    )
    add_user_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    fmt = args.format or args.output.suffix.lstrip(".").lower()
    if fmt not in ("csv", "xlsx", "pdf"):
        raise ReportError(
            f"Cannot tell the format from '{args.output.name}'; pass --format csv, xlsx or pdf."
        )
    settings = Settings().reports
    query = ReportQuery(args.start, args.end, group=args.group, person_uuid=args.person)
    with _open_source(args) as (source, ctx):
        session = authenticate(args, Action.EXPORT_REPORTS, ctx.access) if ctx is not None else None
        if ctx is not None:  # the saved settings (organisation…) and work schedule (shifts, holidays)
            settings = ctx.settings.reports
        if args.timezone:
            settings = dataclasses.replace(settings, timezone=args.timezone)
        if args.organisation:
            settings = dataclasses.replace(settings, organisation_name=args.organisation)
        report = build_report(source, settings, query)
        if fmt == "csv":
            bom = settings.csv_bom if args.bom is None else args.bom
            write_csv(report, args.output, table=args.table, bom=bom)
        elif fmt == "xlsx":
            write_xlsx(report, args.output)
        else:
            write_pdf(report, args.output, include_days=args.include_days)
        if ctx is not None and session is not None:
            details = {"file": args.output.name, "format": fmt, "period": report.period_label, "cli": True}
            ctx.reports.record_export(session, details)
    t = report.totals
    print(
        f"{args.output}: {t.persons} people, {len(report.days)} day rows, {t.worked_hours:.1f} h worked, "
        f"{t.late_days} late arrivals, {t.absences} absences, {t.missing_checkouts} missing check-outs"
    )
    return 0


@contextmanager
def _open_source(args: argparse.Namespace) -> Iterator[tuple[EventSource, AppContext | None]]:
    """(events, the open context or None for CSV input)."""
    if args.events_csv is None:
        with open_context() as ctx:  # the data dir (FACEATTEND_HOME / --data-dir)
            yield ctx.reports.source(), ctx
        return
    events = read_events_csv(args.events_csv)
    if args.persons_csv:
        persons = read_persons_csv(args.persons_csv)
    else:
        uuids = dict.fromkeys(e.person_uuid for e in events)
        persons = [Person(uuid=u, external_id=u, name=u) for u in uuids]
    yield InMemoryEventSource(persons, events), None


def read_events_csv(path: Path) -> list[AttendanceEvent]:
    events = []
    for i, row in enumerate(_rows(path), start=2):
        try:
            at = datetime.fromisoformat(row["at_utc"])
            if at.tzinfo is None:
                raise ValueError("at_utc has no zone (write it with +00:00 or Z)")
            events.append(
                AttendanceEvent(
                    uuid=row.get("uuid") or f"csv-{i}",
                    person_uuid=row["person_uuid"],
                    at_utc=at,
                    tz_name=row.get("tz_name") or "",
                    direction=Direction(row["direction"].strip().lower()),
                    match_score=float(row.get("match_score") or 0.0),
                    liveness_score=float(row.get("liveness_score") or 0.0),
                    device_id=row.get("device_id") or "",
                    voided=(row.get("voided") or "").strip().lower() in _TRUE,
                    source=row.get("source") or "import",
                )
            )
        except (KeyError, ValueError) as exc:
            raise ReportError(f"{path}, line {i}: not a valid event ({exc}).") from exc
    return events


def read_persons_csv(path: Path) -> list[Person]:
    out = []
    for i, row in enumerate(_rows(path), start=2):
        try:
            out.append(
                Person(
                    uuid=row["uuid"],
                    external_id=row.get("external_id") or row["uuid"],
                    name=row.get("name") or row["uuid"],
                    department=row.get("department") or "",
                    groups=[g for g in (row.get("groups") or "").split(";") if g],
                    active=(row.get("active") or "1").strip().lower() in _TRUE,
                )
            )
        except KeyError as exc:
            raise ReportError(f"{path}, line {i}: missing column {exc}.") from exc
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return list(csv.DictReader(fh))
    except OSError as exc:
        raise ReportError(f"Cannot read {path}: {exc.strerror or exc}.") from exc


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc
