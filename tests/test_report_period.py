"""Report periods are validated in the core: days outside 1970-01-01 … 2999-12-31 and periods longer than
5 years are refused with a clear message (the CLI printed a traceback for `--from 0001-01-01` and ran 20 s
for 1,100 years); the limits themselves work."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.core.records import AttendanceEvent, Direction, Person
from app.core.reports import (
    EARLIEST_DAY,
    LATEST_DAY,
    MAX_PERIOD_DAYS,
    InMemoryEventSource,
    ReportError,
    ReportQuery,
    ReportSettings,
    build_report,
)


def _events_csv(tmp_path: Path) -> Path:
    path = tmp_path / "events.csv"
    path.write_text("person_uuid,at_utc,direction\np1,2024-01-02T08:00:00+00:00,in\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (
            "0001-01-01",
            "0001-01-05",
            "starts on 0001-01-01: reports cover days from 1970-01-01 to 2999-12-31",
        ),
        ("9999-12-25", "9999-12-31", "starts on 9999-12-25"),
        ("2024-01-01", "9999-12-31", "ends on 9999-12-31"),
        ("1970-01-01", "2024-01-05", "has 19,728 days; one report covers at most 1,830 days"),
    ],
)
def test_cli_names_a_bad_period(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], start: str, end: str, message: str
) -> None:
    from app.cli import main

    out = tmp_path / "r.csv"
    argv = [
        "report",
        "--from",
        start,
        "--to",
        end,
        "-o",
        str(out),
        "--events-csv",
        str(_events_csv(tmp_path)),
    ]
    assert main([*argv, "--timezone", "UTC"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: The report period ") and message in err and "Traceback" not in err
    assert not out.exists()


def test_the_limits_themselves_run() -> None:
    person = Person("p1", "E1", "Ann")
    settings = ReportSettings(timezone="Pacific/Kiritimati")  # UTC+14: the window reaches past the last day
    for start, end in [
        (EARLIEST_DAY, EARLIEST_DAY + timedelta(days=MAX_PERIOD_DAYS - 1)),
        (LATEST_DAY - timedelta(days=6), LATEST_DAY),
    ]:
        at = datetime.combine(end, datetime.min.time(), tzinfo=UTC) - timedelta(hours=1)
        event = AttendanceEvent("e1", "p1", at, "UTC", Direction.IN, 0.3, 0.9, "k")
        report = build_report(InMemoryEventSource([person], [event]), settings, ReportQuery(start, end))
        assert len(report.dates) == (end - start).days + 1
    with pytest.raises(ReportError, match="at most 1,830 days"):
        ReportQuery(EARLIEST_DAY, EARLIEST_DAY + timedelta(days=MAX_PERIOD_DAYS))
    with pytest.raises(ReportError, match=r"ends .* before it starts"):
        ReportQuery(date(2024, 2, 1), date(2024, 1, 1))


def test_reports_view_shows_a_bad_period(qtbot) -> None:
    pytest.importorskip("PySide6.QtCharts")
    from app.ui.reports.view import ReportsView, ReportsViewModel

    vm = ReportsViewModel(
        InMemoryEventSource([Person("p1", "E1", "Ann")], []), ReportSettings(timezone="UTC")
    )
    view = ReportsView(vm)
    qtbot.addWidget(view)
    view.set_period(date(2015, 1, 1), date(2024, 12, 31))
    view.run_report()  # raised ReportError out of the Qt slot
    assert "at most 1,830 days" in view.status.text()
    assert vm.report is None
