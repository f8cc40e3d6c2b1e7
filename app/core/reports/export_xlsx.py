"""XLSX export (openpyxl): sheets Timesheet, Summary and Daily with typed cells, frozen header, widths."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, time
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.core.reports.model import Report, ReportError
from app.core.reports.tables import (
    DAILY_HEADERS,
    DAY_HEADERS,
    SUMMARY_HEADERS,
    Value,
    daily_values,
    day_values,
    summary_values,
    totals_values,
)

log = logging.getLogger(__name__)

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="305496")
_FORMATS = {date: "yyyy-mm-dd", time: "hh:mm:ss", float: "0.00"}
_PERCENT_HEADERS = {"Presence rate"}


def _sheet(ws: Worksheet, headers: list[str], rows: Iterable[list[Value]], bold_last: bool = False) -> None:
    ws.append(headers)
    for cell in ws[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    widths = [len(h) + 2 for h in headers]
    for row in rows:
        ws.append(row)
        for i, v in enumerate(row):
            if isinstance(v, str) and len(v) + 2 > widths[i]:
                widths[i] = min(len(v) + 2, 60)
    for col, h in enumerate(headers, start=1):
        fmt = "0.0%" if h in _PERCENT_HEADERS else None
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            f = fmt or _FORMATS.get(type(cell.value))
            if f is None and isinstance(cell.value, date):
                f = "yyyy-mm-dd"
            if f:
                cell.number_format = f
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = max(widths[col - 1], 11)
    if bold_last and ws.max_row > 1:
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def write_xlsx(report: Report, path: Path) -> Path:
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Timesheet"
    _sheet(ws, DAY_HEADERS, day_values(report))
    _sheet(
        wb.create_sheet("Summary"), SUMMARY_HEADERS, [*summary_values(report), totals_values(report)], True
    )
    _sheet(wb.create_sheet("Daily"), DAILY_HEADERS, daily_values(report))
    wb.properties.title = f"{report.organisation}: attendance {report.period_label}"
    wb.properties.creator = "FaceAttend"
    try:
        wb.save(path)
    except OSError as exc:
        raise ReportError(f"Cannot write the XLSX file {path}: {exc.strerror or exc}.") from exc
    log.info("wrote %s", path)
    return path
