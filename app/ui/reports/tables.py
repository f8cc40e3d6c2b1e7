"""Qt table models of a report (timesheet, summary): rows built on demand, cached, coloured by status."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.core.reports import Report
from app.core.reports.tables import (
    DAY_HEADERS,
    SUMMARY_HEADERS,
    Value,
    day_row_values,
    summary_row_values,
)
from app.ui.common.core_texts import core_text, local_text

_Index = QModelIndex | QPersistentModelIndex


class _ArrayTableModel(QAbstractTableModel):
    """A read-only table whose rows are built on demand (a year of people is ~10^5-10^6 rows)."""

    def __init__(self, headers: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self._count = 0
        self._cache: dict[int, list[Value]] = {}

    def row_values(self, row: int) -> list[Value]:
        raise NotImplementedError

    def reset(self, count: int) -> None:
        self.beginResetModel()
        self._count = count
        self._cache.clear()
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return core_text(self.headers[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._cache.get(index.row())
        if row is None:
            if len(self._cache) > 4096:
                self._cache.clear()
            row = self._cache[index.row()] = self.row_values(index.row())
        value = row[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return local_text(value)
        if (
            role == Qt.ItemDataRole.TextAlignmentRole
            and isinstance(value, int | float)
            and not isinstance(value, bool)
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.row_colour(row)
        return None

    def row_colour(self, row: list[Value]) -> QColor | None:
        return None


class TimesheetModel(_ArrayTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(DAY_HEADERS, parent)
        self.report: Report | None = None

    def set_report(self, report: Report) -> None:
        self.report = report
        self.reset(len(report.days))

    def row_values(self, row: int) -> list[Value]:
        assert self.report is not None
        return day_row_values(next(self.report.day_rows(row, row + 1)), core_text)

    def row_colour(self, row: list[Value]) -> QColor | None:
        if row[11]:
            return QColor("#B00020")  # absent
        if row[9] or row[12]:
            return QColor("#A15C00")  # late or missing check-out
        return None


class SummaryModel(_ArrayTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(SUMMARY_HEADERS, parent)
        self.report: Report | None = None

    def set_report(self, report: Report) -> None:
        self.report = report
        self.reset(len(report.summaries))

    def row_values(self, row: int) -> list[Value]:
        assert self.report is not None
        return summary_row_values(self.report.summaries[row])
