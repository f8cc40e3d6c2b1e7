"""Reports view: period/group/person filters, timesheet and summary tables, presence and lateness charts,
exports. The report is computed and written off the UI thread (QThreadPool); the view talks only to
`ReportsViewModel`, which talks to an `EventSource` (the store, or an in-memory source), never to SQL."""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDateTime,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    QTime,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.records import Person
from app.core.reports import (
    EventSource,
    Report,
    ReportQuery,
    ReportSettings,
    build_report,
    write_csv,
    write_pdf,
    write_xlsx,
)
from app.core.reports.tables import DAY_HEADERS, SUMMARY_HEADERS, Value, as_text

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex


class _TaskSignals(QObject):
    done = Signal(int, object)
    error = Signal(int, str)


class _Task(QRunnable):
    """Runs `fn` on a pool thread and reports back through queued signals."""

    def __init__(self, request: int, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.request = request
        self.fn = fn
        self.signals = _TaskSignals()

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # shown to the user; the traceback goes to the log
            log.exception("report task failed")
            self.signals.error.emit(self.request, str(exc))
        else:
            self.signals.done.emit(self.request, result)


class ReportsViewModel(QObject):
    """What the view needs: filter choices, the current report, and asynchronous run/export."""

    report_ready = Signal(object)  # Report
    exported = Signal(str)  # path
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(
        self,
        source: EventSource,
        settings: ReportSettings,
        pool: QThreadPool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.settings = settings
        self.pool = pool or QThreadPool.globalInstance()
        self.report: Report | None = None
        self.worker_thread: int | None = None  # the thread that computed the last report (for tests)
        self._request = 0
        self._latest_run = 0  # results of older runs are dropped
        self._tasks: dict[int, _Task] = {}

    def persons(self) -> list[Person]:
        return sorted(self.source.persons(active_only=False), key=lambda p: p.name.casefold())

    def groups(self) -> list[str]:
        names = {p.department for p in self.source.persons()} | {
            g for p in self.source.persons() for g in p.groups
        }
        return sorted(n for n in names if n)

    def run(self, query: ReportQuery) -> None:
        def compute() -> tuple[Report, int]:
            return build_report(self.source, self.settings, query), threading.get_ident()

        self._latest_run = self._submit(compute, self._report_done)

    def export(self, fmt: str, path: Path) -> None:
        report = self.report
        if report is None:
            self.failed.emit("Run a report before exporting it.")
            return

        def write() -> str:
            if fmt == "csv":
                return str(write_csv(report, path, bom=self.settings.csv_bom))
            if fmt == "xlsx":
                return str(write_xlsx(report, path))
            return str(write_pdf(report, path, include_days=True))

        self._submit(write, lambda result: self.exported.emit(result))

    def _submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> int:
        self._request += 1
        task = _Task(self._request, fn)
        task.setAutoDelete(False)
        self._tasks[task.request] = task

        def finished(request: int, result: Any) -> None:
            self._tasks.pop(request, None)
            self.busy_changed.emit(bool(self._tasks))
            if on_done != self._report_done or request == self._latest_run:
                on_done(result)

        def error(request: int, message: str) -> None:
            self._tasks.pop(request, None)
            self.busy_changed.emit(bool(self._tasks))
            self.failed.emit(message)

        task.signals.done.connect(finished)
        task.signals.error.connect(error)
        self.busy_changed.emit(True)
        self.pool.start(task)
        return task.request

    def _report_done(self, result: tuple[Report, int]) -> None:
        self.report, self.worker_thread = result
        self.report_ready.emit(self.report)


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
            return self.headers[section]
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
            return as_text(value)
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
        r = next(self.report.day_rows(row, row + 1))
        return [
            r.date,
            r.person.external_id,
            r.person.name,
            r.person.department,
            r.shift,
            r.first_in,
            r.last_out,
            r.worked_hours,
            r.pairs,
            r.late,
            r.late_minutes,
            r.absent,
            r.missing_checkout,
            r.missing_checkin,
            r.manual,
            r.flags,
        ]

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
        s = self.report.summaries[row]
        return [
            s.person.external_id,
            s.person.name,
            s.person.department,
            s.shift,
            s.working_days,
            s.days_present,
            s.absences,
            s.late_days,
            s.late_minutes,
            s.worked_hours,
            s.missing_checkouts,
            s.missing_checkins,
            s.manual_events,
        ]


def _trend_chart(
    title: str, days: list[date], values: list[float | None], colour: str, y_max: float | None = None
) -> QChart:
    """A line over local days (None: no point that day, e.g. nobody was expected)."""
    chart = QChart()
    chart.setTitle(title)
    chart.legend().hide()
    series = QLineSeries()
    series.setName(title)
    series.setColor(QColor(colour))
    series.setPointsVisible(True)
    for day, value in zip(days, values, strict=True):
        if value is not None:
            moment = QDateTime(QDate(day.year, day.month, day.day), QTime(12, 0))
            series.append(float(moment.toMSecsSinceEpoch()), value)
    chart.addSeries(series)
    x = QDateTimeAxis()
    x.setFormat("MM-dd")
    x.setTickCount(min(max(len(days), 2), 9))
    if days:
        first, last = days[0], days[-1]
        x.setRange(
            QDateTime(QDate(first.year, first.month, first.day), QTime(0, 0)),
            QDateTime(QDate(last.year, last.month, last.day), QTime(23, 59)),
        )
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(x)
    y = QValueAxis()
    top = y_max if y_max is not None else max([v for v in values if v is not None] + [1.0]) * 1.15
    y.setRange(0, top)
    y.setLabelFormat("%d")
    if y_max is None:
        peak = max([v for v in values if v is not None] + [1.0])
        if peak <= 5:  # small counts: whole-number ticks (nice numbers would label 0.4 and 0.8 as "0", "1")
            y.setRange(0, math.ceil(peak))
            y.setTickCount(math.ceil(peak) + 1)
        else:
            y.applyNiceNumbers()
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(y)
    return chart


class ReportsView(QWidget):
    corrections_requested = Signal()

    def __init__(self, model: ReportsViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vm = model
        # Called before an export is written (the main window checks the role there); False cancels it.
        self.export_guard: Callable[[str, Path], bool] | None = None
        self.setWindowTitle("Reports")
        today = QDate.currentDate()
        self.from_edit = QDateEdit(today.addDays(-29))
        self.to_edit = QDateEdit(today)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.group_box = QComboBox()
        self.person_box = QComboBox()
        self.run_button = QPushButton("Run report")
        self.status = QLabel("Choose a period and run the report.")
        self.status.setWordWrap(True)  # a long summary must not widen the window past the screen
        self.status.setMinimumWidth(120)
        self.export_buttons = {fmt: QPushButton(f"Export {fmt.upper()}…") for fmt in ("csv", "xlsx", "pdf")}

        filters = QHBoxLayout()
        for label, widget in (
            ("From", self.from_edit),
            ("To", self.to_edit),
            ("Group", self.group_box),
            ("Person", self.person_box),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.run_button)
        filters.addStretch(1)

        self.timesheet = TimesheetModel(self)
        self.summary = SummaryModel(self)
        self.tabs = QTabWidget()
        self.tables: list[QTableView] = []
        for title, table_model in (("Summary", self.summary), ("Timesheet", self.timesheet)):
            table = QTableView()
            table.setModel(table_model)
            table.setAlternatingRowColors(True)
            table.verticalHeader().setVisible(False)
            table.verticalHeader().setDefaultSectionSize(20)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            table.horizontalHeader().setDefaultSectionSize(92)
            table.horizontalHeader().setResizeContentsPrecision(200)
            self.tables.append(table)
            self.tabs.addTab(table, title)

        self.presence_view = QChartView()
        self.lateness_view = QChartView()
        charts = QWidget()
        charts_layout = QHBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        for view in (self.presence_view, self.lateness_view):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(220)
            charts_layout.addWidget(view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tabs)
        splitter.addWidget(charts)
        splitter.setSizes([500, 280])

        self.corrections_button = QPushButton("Corrections…")
        self.corrections_button.setToolTip("Add, edit or void attendance events (HR), with a reason")
        self.corrections_button.clicked.connect(self.corrections_requested.emit)
        self.corrections_button.hide()
        exports = QHBoxLayout()
        exports.addWidget(self.corrections_button)
        exports.addWidget(self.status, 1)
        for fmt, button in self.export_buttons.items():
            button.setEnabled(False)
            button.clicked.connect(lambda _=False, f=fmt: self._ask_export(f))
            exports.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(exports)

        self.run_button.clicked.connect(self.run_report)
        self.vm.report_ready.connect(self._show_report)
        self.vm.failed.connect(lambda message: self.status.setText(f"Error: {message}"))
        self.vm.exported.connect(lambda path: self.status.setText(f"Saved {path}"))
        self.vm.busy_changed.connect(self._busy)
        self.reload_filters()

    def set_permissions(self, can_export: bool, can_correct: bool) -> None:
        """Hide the export buttons / the corrections button from roles that may not use them."""
        for button in self.export_buttons.values():
            button.setVisible(can_export)
        self.corrections_button.setVisible(can_correct)

    def refresh(self) -> None:
        """After a correction or an erasure: new filter choices and, if a report is shown, run it again."""
        group, person = self.group_box.currentData(), self.person_box.currentData()
        self.reload_filters()
        for box, value in ((self.group_box, group), (self.person_box, person)):
            index = box.findData(value)
            box.setCurrentIndex(max(index, 0))
        if self.vm.report is not None:
            self.run_report()

    # --- filters ---------------------------------------------------------------------------------
    def reload_filters(self) -> None:
        self.group_box.clear()
        self.group_box.addItem("All groups", None)
        for g in self.vm.groups():
            self.group_box.addItem(g, g)
        self.person_box.clear()
        self.person_box.addItem("All people", None)
        for p in self.vm.persons():
            self.person_box.addItem(f"{p.name} ({p.external_id})", p.uuid)

    def set_period(self, start: date, end: date) -> None:
        self.from_edit.setDate(QDate(start.year, start.month, start.day))
        self.to_edit.setDate(QDate(end.year, end.month, end.day))

    def query(self) -> ReportQuery:
        start, end = self.from_edit.date().toPython(), self.to_edit.date().toPython()
        assert isinstance(start, date) and isinstance(end, date)
        return ReportQuery(
            start, end, group=self.group_box.currentData(), person_uuid=self.person_box.currentData()
        )

    @Slot()
    def run_report(self) -> None:
        try:
            query = self.query()
        except ValueError as exc:
            self.status.setText(str(exc))
            return
        self.status.setText("Computing…")
        self.vm.run(query)

    # --- results ---------------------------------------------------------------------------------
    def _busy(self, busy: bool) -> None:
        self.run_button.setEnabled(not busy)

    def _show_report(self, report: Report) -> None:
        self.timesheet.set_report(report)
        self.summary.set_report(report)
        for button in self.export_buttons.values():
            button.setEnabled(True)
        t = report.totals
        self.status.setText(
            f"{report.organisation}, {report.period_label} ({report.timezone}): {t.persons} people, "
            f"{t.worked_hours:,.1f} h worked, {t.late_days} late arrivals, {t.absences} absences, "
            f"{t.missing_checkouts} missing check-outs"
        )
        d = report.daily
        rate: list[float | None] = [
            round(float(r) * 100, 1) if e else None for r, e in zip(d.presence_rate, d.expected, strict=True)
        ]
        self.presence_view.setChart(
            _trend_chart("Daily presence (% of expected)", d.dates, rate, "#305496", 100)
        )
        late: list[float | None] = [float(v) for v in d.late]
        self.lateness_view.setChart(_trend_chart("Late arrivals per day", d.dates, late, "#C0504D"))
        for table in self.tables:
            table.resizeColumnsToContents()

    def _ask_export(self, fmt: str) -> None:
        suggested = f"attendance-{datetime.now():%Y%m%d}.{fmt}"
        path, _ = QFileDialog.getSaveFileName(
            self, f"Export {fmt.upper()}", suggested, f"{fmt.upper()} (*.{fmt})"
        )
        if path:
            self.export(fmt, Path(path))

    def export(self, fmt: str, path: Path) -> None:
        if self.export_guard is not None and not self.export_guard(fmt, path):
            return
        self.status.setText(f"Writing {path}…")
        self.vm.export(fmt, path)
