"""`faceattend import PATH [--csv] [--consent-collected] [--report FILE] --user NAME`: bulk enrolment from a
folder or a CSV by a user who may enrol, with a progress bar and a report written as the import goes."""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType
from typing import TextIO

from app.commands.auth import add_user_option, authenticate, open_context
from app.core.enrolment.bulk_import import ImportReport, default_report_path, import_path
from app.core.policy.access import Action

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    imp = sub.add_parser(
        "import",
        help="enrol people from photos: a folder (ID_Name/ sub-folders or ID_Name.jpg files) or a CSV",
    )
    imp.add_argument("path", type=Path, help="a folder, or a CSV with columns id, name, department, photo")
    imp.add_argument("--csv", action="store_true", help="PATH is a CSV (default: when it ends in .csv)")
    imp.add_argument("--json", action="store_true", help="print the report as one JSON object")
    imp.add_argument(
        "--consent-collected",
        action="store_true",
        help="declare that every person in PATH consented to the storage of their face template (recorded "
        "and audited as your declaration; a consent column's 'no' still refuses the person). Without it, "
        "only CSV rows whose consent column says yes are imported",
    )
    imp.add_argument(
        "--report",
        type=Path,
        metavar="FILE.jsonl",
        help="write the report here, person by person, as the import goes (default: beside PATH, "
        "PATH.import-TIME.jsonl, or in the current folder when PATH's folder is read-only)",
    )
    add_user_option(imp)
    imp.set_defaults(handler=cmd_import)


class ProgressBar:
    def __init__(self, stream: TextIO | None = None, width: int = 30) -> None:
        self.stream: TextIO = stream or sys.stderr
        self.width = width
        self.started = time.perf_counter()

    def __call__(self, done: int, total: int, message: str) -> None:
        fraction = done / total if total else 1.0
        filled = int(self.width * fraction)
        rate = done / max(1e-9, time.perf_counter() - self.started)
        bar = "#" * filled + "." * (self.width - filled)
        line = f"\r[{bar}] {done}/{total} photos {rate:4.1f}/s {message[:30]:<30}"
        print(line, end="\n" if message in ("done", "cancelled") else "", file=self.stream, flush=True)


class CtrlC:
    """The first Ctrl-C stops the import after the person being saved (the report and the audit log are
    closed as after a cancel); a second one stops at once (KeyboardInterrupt)."""

    def __init__(self) -> None:
        self.pressed = threading.Event()
        self._previous: object = None

    def __enter__(self) -> CtrlC:
        self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *_exc: object) -> None:
        signal.signal(signal.SIGINT, self._previous)  # type: ignore[arg-type]

    def _handle(self, _signum: int, _frame: FrameType | None) -> None:
        if self.pressed.is_set():
            raise KeyboardInterrupt
        self.pressed.set()
        print("\nstopping after the current person (Ctrl-C again to stop at once)…", file=sys.stderr)


def _print_report(report: ImportReport) -> None:
    print(report.summary())
    for r in report.rejected_inputs:
        print(f"  input problem {r.subject}: {r.reason}")
    for r in report.rejected_persons:
        print(f"  rejected person {r.subject}: {r.reason}")
    for r in report.rejected_photos:
        print(f"  rejected photo  {r.path} ({r.subject}): {r.reason}")
    for r in report.warnings:
        print(f"  warning {r.subject}: {r.reason}")
    if report.report_path is not None:
        print(f"report: {report.report_path}")


def cmd_import(args: argparse.Namespace) -> int:
    with open_context(matcher=True) as ctx:  # the duplicate check searches the enrolled people
        session = authenticate(args, Action.ENROL, ctx.access)  # signed in: the import acts as them
        report_path = args.report or default_report_path(args.path, fallback=Path.cwd())
        print(f"the import report will be written to {report_path} as the import goes", file=sys.stderr)
        try:
            with CtrlC() as ctrl_c:
                report = import_path(
                    ctx, session, args.path, True if args.csv else None, progress=ProgressBar(),
                    cancelled=ctrl_c.pressed.is_set, consent_collected=args.consent_collected,
                    report_path=report_path,
                )  # fmt: skip
        except KeyboardInterrupt:
            print(
                f"\ncancelled: people already imported stay; nobody is half-saved. Report: {report_path}",
                file=sys.stderr,
            )
            return 130
    if args.json:
        print(json.dumps({
            "imported": len(report.imported), "persons_total": report.persons_total,
            "rejected": report.persons_rejected, "not_reached": report.persons_not_reached,
            "photos_total": report.photos_total, "photos_used": report.photos_used,
            "photos_unused": report.photos_unused,
            "rejected_inputs": [vars(r) for r in report.rejected_inputs],
            "rejected_persons": [vars(r) for r in report.rejected_persons],
            "rejected_photos": [vars(r) for r in report.rejected_photos],
            "warnings": [vars(r) for r in report.warnings],
            "stopped": report.interrupted, "report": str(report_path),
            "seconds": round(report.seconds, 2),
        }))  # fmt: skip
    else:
        _print_report(report)
    if report.cancelled:
        return 130
    if report.interrupted:
        return 1
    return 0 if report.imported or not report.persons_total else 1
