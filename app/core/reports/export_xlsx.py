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


def _sheet(ws: Any, headers: list[str], rows: Iterable[list[Value]], bold_last: bool = False) -> None:
    """Fill a write-only sheet: widths and frozen header are set before the rows stream out."""
    data = list(rows)
    widths = [len(h) + 2 for h in headers]
    for row in data[:5000]:
        for i, v in enumerate(row):
            if isinstance(v, str) and len(v) + 2 > widths[i]:
                widths[i] = min(len(v) + 2, 60)
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
    percent = [h in _PERCENT_HEADERS for h in headers]
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
            fmt = "0.0%" if percent[i] else _FORMATS.get(type(v))
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


def write_xlsx(report: Report, path: Path) -> Path:
    path = Path(path)
    wb = Workbook(write_only=True)
    _sheet(wb.create_sheet("Timesheet"), DAY_HEADERS, day_values(report))
    _sheet(
        wb.create_sheet("Summary"), SUMMARY_HEADERS, [*summary_values(report), totals_values(report)], True
    )
    _sheet(wb.create_sheet("Daily"), DAILY_HEADERS, daily_values(report))
    wb.properties.title = f"{report.organisation}: attendance {report.period_label}"
    wb.properties.creator = "FaceAttend"
    try:
        with private_binary(path) as handle:
            wb.save(handle)
    except OSError as exc:
        raise ReportError(f"Cannot write the XLSX file {path}: {exc.strerror or exc}.") from exc
    log.info("wrote %s", path)
    return path
