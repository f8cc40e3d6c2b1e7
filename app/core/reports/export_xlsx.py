"""XLSX export (openpyxl): sheets Timesheet, Summary and Daily with typed cells, frozen header, widths.

Text is always written as a string cell, never a formula: text that starts like one (`=`, `+`, `-`, `@` …)
gets Excel's quote prefix so it stays text even when edited; characters XML cannot hold become U+FFFD. The
file is created 0600 (app/core/private_files.py)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, time
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from app.core.policy.safe_text import starts_like_formula
from app.core.private_files import private_binary
from app.core.reports.locale import ENGLISH, ReportLocale
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


def _sheet(
    ws: Any,
    headers: list[str],
    rows: Iterable[list[Value]],
    bold_last: bool = False,
    locale: ReportLocale = ENGLISH,
) -> None:
    """Fill a write-only sheet: widths and frozen header are set before the rows stream out. Headers are in
    the locale's language; dates stay date cells, shown in the locale's date format."""
    data = list(rows)
    percent = [h in _PERCENT_HEADERS for h in headers]
    headers = [locale.text(h) for h in headers]
    formats = {**_FORMATS, date: locale.xlsx_date_format}
    widths = [_display_len(h) + 2 for h in headers]
    for row in data[:5000]:
        for i, v in enumerate(row):
            if isinstance(v, str) and _display_len(v) + 2 > widths[i]:
                widths[i] = min(_display_len(v) + 2, 60)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = max(width, 11)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(data) + 1}"
    header_cells = []
    for h in headers:
        cell = WriteOnlyCell(ws, h)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        header_cells.append(cell)
    ws.append(header_cells)
    bold = Font(bold=True)
    for n, raw in enumerate(data, start=1):
        last = bold_last and n == len(data)
        row = [_xml_text(v) if isinstance(v, str) else v for v in raw]
        formula_like = any(isinstance(v, str) and starts_like_formula(v) for v in row)
        if not last and not formula_like and not any(isinstance(v, date | time | float) for v in row):
            ws.append(row)
            continue
        out: list[Any] = []
        for i, v in enumerate(row):
            if isinstance(v, str) and starts_like_formula(v):
                out.append(_text_cell(ws, v, bold if last else None))
                continue
            fmt = "0.0%" if percent[i] else formats.get(type(v))
            if fmt is None and not last:
                out.append(v)
                continue
            cell = WriteOnlyCell(ws, v)
            if fmt:
                cell.number_format = fmt
            if last:
                cell.font = bold
            out.append(cell)
        ws.append(out)


def _display_len(text: str) -> int:
    """Column width in Excel's units: a CJK character is two wide."""
    return len(text) + sum(1 for c in text if ord(c) >= 0x2E80)


def _xml_text(text: str) -> str:
    """Control characters an XLSX cannot hold (openpyxl refuses them) shown as U+FFFD."""
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text) if ILLEGAL_CHARACTERS_RE.search(text) else text


def _text_cell(ws: Any, text: str, font: Font | None) -> Any:
    """A string cell (data type 's', never 'f') with Excel's quote prefix: it stays text when edited."""
    cell = WriteOnlyCell(ws, text)
    cell.data_type = "s"
    cell.quotePrefix = True
    if font is not None:
        cell.font = font
    return cell


def write_xlsx(report: Report, path: Path, locale: ReportLocale = ENGLISH) -> Path:
    """Timesheet, Summary and Daily sheets; `locale` translates the sheet names and headers and sets the
    date format (the default: English, ISO dates)."""
    path = Path(path)
    wb = Workbook(write_only=True)
    tr = locale.text
    _sheet(wb.create_sheet(tr("Timesheet")[:31]), DAY_HEADERS, day_values(report, tr), locale=locale)
    _sheet(
        wb.create_sheet(tr("Summary")[:31]),
        SUMMARY_HEADERS,
        [*summary_values(report), totals_values(report, tr)],
        True,
        locale,
    )
    _sheet(wb.create_sheet(tr("Daily")[:31]), DAILY_HEADERS, daily_values(report), locale=locale)
    wb.properties.title = f"{report.organisation}: attendance {report.period_label}"
    wb.properties.creator = "FaceAttend"
    try:
        with private_binary(path) as handle:
            wb.save(handle)
    except OSError as exc:
        raise ReportError(f"Cannot write the XLSX file {path}: {exc.strerror or exc}.") from exc
    log.info("wrote %s", path)
    return path
