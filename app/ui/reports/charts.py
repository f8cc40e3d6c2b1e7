"""QtCharts trend lines of a report (presence, lateness) over local days."""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCharts import QChart, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QColor

from app.ui.common.core_texts import day_month_pattern


def trend_chart(
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
    x.setFormat(day_month_pattern())
    x.setTickCount(min(max(len(days), 2), 9))
    if days:
        first, last = days[0], days[-1]
        if first == last:  # one day: its point in the middle
            start, end = QTime(0, 0), QTime(23, 59)
        else:  # from the first day's point to the last one's: up to 9 days, a tick (and label) on each point
            start = end = QTime(12, 0)
        x.setRange(
            QDateTime(QDate(first.year, first.month, first.day), start),
            QDateTime(QDate(last.year, last.month, last.day), end),
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
