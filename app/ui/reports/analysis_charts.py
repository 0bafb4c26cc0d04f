"""QtCharts views of the analysis: months (received vs replied) and a horizontal bar per label."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QHorizontalBarSeries, QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter

from app.ui.common.monthly_chart import _nice_ceiling

BLUE, GREEN = QColor("#1f5fae"), QColor("#7cb342")


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setAnimationOptions(QChart.NoAnimation)
    chart.setTitle(title)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    chart.legend().setAlignment(Qt.AlignBottom)
    return chart


class PeriodChartView(QChartView):
    """Bars of (label, value…) with one set per series; ``bar_clicked`` carries the category index."""

    bar_clicked = Signal(int)

    def __init__(self, parent=None, horizontal: bool = False):
        super().__init__(parent)
        self.setRenderHint(QPainter.Antialiasing)
        self.setMinimumHeight(220)
        self._horizontal = horizontal
        self.categories: list[str] = []

    def show_bars(self, title: str, categories: list[str], series: list[tuple[str, list[int], QColor]],
                  axis_title: str = "") -> None:
        self.categories = categories
        chart = _chart(title)

        bars = QHorizontalBarSeries() if self._horizontal else QBarSeries()
        for name, values, colour in series:
            s = QBarSet(name)
            s.append([float(v) for v in values])
            s.setColor(colour)
            s.setBorderColor(colour)
            bars.append(s)
        bars.setLabelsVisible(self._horizontal)
        bars.clicked.connect(lambda index, _set: self.bar_clicked.emit(index))
        chart.addSeries(bars)
        names = QBarCategoryAxis()
        names.append(categories or [""])
        # Qt's layout gives a left category axis almost no room and elides every name to “…”;
        # the names are short (a subject's label), so show them whole.
        names.setTruncateLabels(False)
        names.setTitleText(axis_title)
        counts = QValueAxis()
        top = max([v for _, values, _ in series for v in values] or [1]) or 1
        counts.setRange(0, _nice_ceiling(top))
        counts.setLabelFormat("%d")
        counts.setTickCount(6)
        chart.addAxis(names, Qt.AlignLeft if self._horizontal else Qt.AlignBottom)
        chart.addAxis(counts, Qt.AlignBottom if self._horizontal else Qt.AlignLeft)
        bars.attachAxis(names)
        bars.attachAxis(counts)
        chart.legend().setVisible(len(series) > 1)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
