"""Reports view: period/group/person filters, timesheet and summary tables, presence and lateness charts,
exports. The report is computed and written off the UI thread (QThreadPool); the view talks only to
`ReportsViewModel`, which talks to an `EventSource` (the store, or an in-memory source), never to SQL."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCharts import QChartView
from PySide6.QtCore import QDate, QLocale, Qt, Signal, Slot
from PySide6.QtGui import QPainter
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

from app.core.errors import FaceAttendError
from app.core.reports import Report, ReportQuery
from app.ui.common.core_texts import date_pattern, period_text
from app.ui.common.i18n import translate
from app.ui.reports.charts import trend_chart
from app.ui.reports.tables import SummaryModel, TimesheetModel
from app.ui.reports.view_model import ReportsViewModel

__all__ = ["ReportsView", "ReportsViewModel", "SummaryModel", "TimesheetModel"]

log = logging.getLogger(__name__)


class ReportsView(QWidget):
    corrections_requested = Signal()

    def __init__(self, model: ReportsViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vm = model
        # Called before an export is written (the main window checks the role there); False cancels it.
        self.export_guard: Callable[[str, Path], bool] | None = None
        self.setWindowTitle(translate("ReportsView", "Reports"))
        today = QDate.currentDate()
        self.from_edit = QDateEdit(today.addDays(-29))
        self.to_edit = QDateEdit(today)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_pattern())
        self.group_box = QComboBox()
        self.person_box = QComboBox()
        for box in (self.group_box, self.person_box):  # long names or translations must not widen the window
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(10)
        self.run_button = QPushButton(translate("ReportsView", "Run report"))
        self.status = QLabel(translate("ReportsView", "Choose a period and run the report."))
        self.status.setWordWrap(True)  # a long summary must not widen the window past the screen
        self.status.setMinimumWidth(120)
        self.export_buttons = {
            fmt: QPushButton(translate("ReportsView", "Export {0}…").format(fmt.upper()))
            for fmt in ("csv", "xlsx", "pdf")
        }

        filters = QHBoxLayout()
        for label, widget in (
            (translate("ReportsView", "From"), self.from_edit),
            (translate("ReportsView", "To"), self.to_edit),
            (translate("ReportsView", "Group"), self.group_box),
            (translate("ReportsView", "Person"), self.person_box),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.run_button)
        filters.addStretch(1)

        self.timesheet = TimesheetModel(self)
        self.summary = SummaryModel(self)
        self.tabs = QTabWidget()
        self.tables: list[QTableView] = []
        for title, table_model in (
            (translate("ReportsView", "Summary"), self.summary),
            (translate("ReportsView", "Timesheet"), self.timesheet),
        ):
            table = QTableView()
            table.setModel(table_model)
            table.setAlternatingRowColors(True)
            table.verticalHeader().setVisible(False)
            table.verticalHeader().setDefaultSectionSize(20)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            table.horizontalHeader().setDefaultSectionSize(92)
            table.horizontalHeader().setResizeContentsPrecision(200)
            table.resizeColumnsToContents()  # headers readable before the first report (92 px clipped them)
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

        self.corrections_button = QPushButton(translate("ReportsView", "Corrections…"))
        self.corrections_button.setToolTip(
            translate("ReportsView", "Add, edit or void attendance events (HR), with a reason")
        )
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
        self.vm.failed.connect(
            lambda message: self.status.setText(
                translate("ReportsView", "Error: {message}").format(message=message)
            )
        )
        self.vm.exported.connect(
            lambda path: self.status.setText(translate("ReportsView", "Saved {path}").format(path=path))
        )
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
        self.group_box.addItem(translate("ReportsView", "All groups"), None)
        for g in self.vm.groups():
            self.group_box.addItem(g, g)
        self.person_box.clear()
        self.person_box.addItem(translate("ReportsView", "All people"), None)
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
        except (ValueError, FaceAttendError) as exc:  # a bad period (ReportError) is shown, not raised
            self.status.setText(str(exc))
            return
        self.status.setText(translate("ReportsView", "Computing…"))
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
            translate(
                "ReportsView",
                "{organisation}, {period_label} ({timezone}): {persons} people, {worked_hours} h "
                "worked, {late_days} late arrivals, {absences} absences, {missing_checkouts} missing "
                "check-outs",
            ).format(
                organisation=report.organisation,
                period_label=period_text(report.query.start, report.query.end),
                timezone=report.timezone,
                persons=t.persons,
                worked_hours=QLocale().toString(float(t.worked_hours), "f", 1),
                late_days=t.late_days,
                absences=t.absences,
                missing_checkouts=t.missing_checkouts,
            )
        )
        d = report.daily
        rate: list[float | None] = [
            round(float(r) * 100, 1) if e else None for r, e in zip(d.presence_rate, d.expected, strict=True)
        ]
        self.presence_view.setChart(
            trend_chart(
                translate("ReportsView", "Daily presence (% of expected)"), d.dates, rate, "#305496", 100
            )
        )
        late: list[float | None] = [float(v) for v in d.late]
        self.lateness_view.setChart(
            trend_chart(translate("ReportsView", "Late arrivals per day"), d.dates, late, "#C0504D")
        )
        for table in self.tables:
            table.resizeColumnsToContents()

    def _ask_export(self, fmt: str) -> None:
        suggested = f"attendance-{datetime.now():%Y%m%d}.{fmt}"
        path, _ = QFileDialog.getSaveFileName(
            self,
            translate("ReportsView", "Export {0}").format(fmt.upper()),
            suggested,
            f"{fmt.upper()} (*.{fmt})",
        )
        if path:
            self.export(fmt, Path(path))

    def export(self, fmt: str, path: Path) -> None:
        if self.export_guard is not None and not self.export_guard(fmt, path):
            return
        self.status.setText(translate("ReportsView", "Writing {path}…").format(path=path))
        self.vm.export(fmt, path)
