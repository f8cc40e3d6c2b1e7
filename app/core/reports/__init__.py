"""HR reports: timesheets, lateness, absences, daily series, corrections and CSV/XLSX/PDF exports.

A pure service: it computes from the events and people it is given (an `EventSource`, or `EventColumns`)
and never speaks SQL. The store satisfies `EventSource`/`ColumnarEventSource`/`CorrectionSink` later.
"""

from app.core.reports.corrections import (
    CorrectionEffect,
    CorrectionError,
    apply_corrections,
    plan_correction,
    validate_correction,
)
from app.core.reports.export_csv import write_csv
from app.core.reports.export_pdf import write_pdf
from app.core.reports.export_xlsx import write_xlsx
from app.core.reports.model import (
    EARLIEST_DAY,
    LATEST_DAY,
    MAX_PERIOD_DAYS,
    DailySeries,
    DayRow,
    DayTable,
    EventColumns,
    PersonSummary,
    Report,
    ReportError,
    ReportQuery,
    Totals,
)
from app.core.reports.source import ColumnarEventSource, CorrectionSink, EventSource, InMemoryEventSource
from app.core.reports.timesheet import build_report, compute_report, resolve_zone, shift_for
from app.core.settings import ReportSettings, Shift

__all__ = [
    "EARLIEST_DAY",
    "LATEST_DAY",
    "MAX_PERIOD_DAYS",
    "ColumnarEventSource",
    "CorrectionEffect",
    "CorrectionError",
    "CorrectionSink",
    "DailySeries",
    "DayRow",
    "DayTable",
    "EventColumns",
    "EventSource",
    "InMemoryEventSource",
    "PersonSummary",
    "Report",
    "ReportError",
    "ReportQuery",
    "ReportSettings",
    "Shift",
    "Totals",
    "apply_corrections",
    "build_report",
    "compute_report",
    "plan_correction",
    "resolve_zone",
    "shift_for",
    "validate_correction",
    "write_csv",
    "write_pdf",
    "write_xlsx",
]
