"""CSV export: UTF-8, optional BOM (Excel then detects the encoding), one table per file."""

from __future__ import annotations

import csv
import logging
from pathlib import Path
from typing import Literal

from app.core.reports.model import Report, ReportError
from app.core.reports.tables import (
    DAILY_HEADERS,
    DAY_HEADERS,
    SUMMARY_HEADERS,
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
        with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            w = csv.writer(fh)
            if table == "days":
                w.writerow(DAY_HEADERS)
                w.writerows([as_text(v) for v in row] for row in day_values(report))
            elif table == "summary":
                w.writerow(SUMMARY_HEADERS)
                w.writerows([as_text(v) for v in row] for row in summary_values(report))
                w.writerow([as_text(v) for v in totals_values(report)])
            else:
                w.writerow(DAILY_HEADERS)
                w.writerows([as_text(v) for v in row] for row in daily_values(report))
    except OSError as exc:
        raise ReportError(f"Cannot write the CSV file {path}: {exc.strerror or exc}.") from exc
    log.info("wrote %s (%s)", path, table)
    return path
