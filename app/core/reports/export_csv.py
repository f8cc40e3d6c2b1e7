"""CSV export: UTF-8, optional BOM (Excel then detects the encoding), one table per file.

Text cells that a spreadsheet would read as a formula get a leading single quote (core/policy/safe_text.py);
the file is created 0600 (app/core/private_files.py)."""

from __future__ import annotations

import csv
import logging
from pathlib import Path
from typing import Literal

from app.core.policy.safe_text import neutralise_cell
from app.core.private_files import private_text
from app.core.reports.model import Report, ReportError
from app.core.reports.tables import (
    DAILY_HEADERS,
    DAY_HEADERS,
    SUMMARY_HEADERS,
    Value,
    as_text,
    daily_values,
    day_values,
    summary_values,
    totals_values,
)

log = logging.getLogger(__name__)

Table = Literal["days", "summary", "daily"]


def write_csv(report: Report, path: Path, *, table: Table = "days", bom: bool = False) -> Path:
    """Write one table of the report; `summary` ends with a totals row."""
    path = Path(path)
    try:
        with private_text(path, encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            w = csv.writer(fh)
            if table == "days":
                w.writerow(DAY_HEADERS)
                w.writerows(_cells(row) for row in day_values(report))
            elif table == "summary":
                w.writerow(SUMMARY_HEADERS)
                w.writerows(_cells(row) for row in summary_values(report))
                w.writerow(_cells(totals_values(report)))
            else:
                w.writerow(DAILY_HEADERS)
                w.writerows(_cells(row) for row in daily_values(report))
    except OSError as exc:
        raise ReportError(f"Cannot write the CSV file {path}: {exc.strerror or exc}.") from exc
    log.info("wrote %s (%s)", path, table)
    return path


def _cells(row: list[Value]) -> list[str]:
    """Numbers, dates and flags as text; text (names, departments, notes) neutralised against formulas."""
    return [neutralise_cell(v) if isinstance(v, str) else as_text(v) for v in row]
