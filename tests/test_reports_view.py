"""The reports view filled from a generated month: computed off the UI thread, tables, charts, export,
screenshot."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtCharts")
pytest.importorskip("pytestqt")

from PySide6.QtCharts import QChartView, QLineSeries

from app.ui.reports.view import ReportsView, ReportsViewModel
from tests.test_reports import END, START, generate_log, report_settings


def _points(chart_view: QChartView) -> int:
    series = chart_view.chart().series()[0]
    assert isinstance(series, QLineSeries)
    return series.count()


def test_reports_view_fills_from_generated_data(qtbot, tmp_path: Path) -> None:
    month = generate_log(n_people=60)
    vm = ReportsViewModel(month.source, report_settings())
    view = ReportsView(vm)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    view.set_period(START, END)
    assert view.group_box.count() == 1 + 5  # "All groups", 4 departments, the "Night" group
    assert view.person_box.count() == 1 + 60

    with qtbot.waitSignal(vm.report_ready, timeout=30_000):
        view.run_report()
    report = vm.report
    assert report is not None
    assert vm.worker_thread is not None and vm.worker_thread != threading.get_ident()  # not on the UI thread
    assert view.summary.rowCount() == 60
    assert view.timesheet.rowCount() == len(report.days) > 1000
    first = report.summaries[0]
    assert view.summary.index(0, 1).data() == first.person.name
    row0 = next(report.day_rows(0, 1))
    assert view.timesheet.index(0, 0).data() == row0.date.isoformat()
    assert view.timesheet.index(0, 2).data() == row0.person.name
    assert _points(view.lateness_view) == 30  # one point per day
    expected_days = sum(1 for e in report.daily.expected if e)
    assert _points(view.presence_view) == expected_days  # days nobody was expected: no point
    assert all(b.isEnabled() for b in view.export_buttons.values())

    # Filter by group: the run happens again in the pool and the tables follow.
    view.group_box.setCurrentIndex(view.group_box.findData("Warehouse"))
    with qtbot.waitSignal(vm.report_ready, timeout=30_000):
        view.run_report()
    assert view.summary.rowCount() == 15

    out = tmp_path / "view.xlsx"
    with qtbot.waitSignal(vm.exported, timeout=30_000) as blocker:
        view.export("xlsx", out)
    assert blocker.args == [str(out)] and out.stat().st_size > 0
    assert "Saved" in view.status.text()

    view.tabs.setCurrentIndex(1)  # the timesheet
    qtbot.wait(50)
    shot = tmp_path / "reports_view.png"
    assert view.grab().save(str(shot))
    assert shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")
