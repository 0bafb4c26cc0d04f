"""Monthly volume and outcomes: received (line) over replies stacked by outcome group (bars)."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis, QBarSet, QChart, QChartView, QLineSeries, QStackedBarSeries, QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from app.services.query_service import MonthlyFigures

GROUP_NAMES = (("一", "予以公开", "#2e7d32"), ("二", "部分公开", "#7cb342"), ("三", "不予公开", "#c62828"),
               ("四", "无法提供", "#8d6e63"), ("五", "不予处理", "#f9a825"), ("六", "其他处理", "#90a4ae"))
MONTHS = tuple(str(m) for m in range(1, 13))      # short labels never elide; the axis says 月


class MonthlyChartView(QChartView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRenderHint(QPainter.Antialiasing)
        self.setMinimumHeight(260)
        self.figures: MonthlyFigures | None = None

    def show_figures(self, f: MonthlyFigures, through_month: int = 12) -> None:
        """Draw ``f``; the received line stops at ``through_month`` (the current month this year)."""
        self.figures = f
        chart = QChart()
        chart.setAnimationOptions(QChart.NoAnimation)
        chart.setTitle(f"{f.year}年各月收到申请（折线）与办结结果（柱）")
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        chart.legend().setAlignment(Qt.AlignBottom)
        legend_font = chart.legend().font()
        legend_font.setPointSizeF(max(7.5, legend_font.pointSizeF() - 1))
        chart.legend().setFont(legend_font)
        bars = QStackedBarSeries()
        bars.setBarWidth(0.6)
        for code, name, colour in GROUP_NAMES:
            values = f.replied_by_group.get(code, (0,) * 12)
            bar = QBarSet(name)
            bar.append([float(v) for v in values])
            bar.setColor(QColor(colour))
            bar.setBorderColor(QColor(colour))
            bars.append(bar)
        line = QLineSeries()
        line.setName("收到申请")
        line.setPen(QPen(QColor("#1f5fae"), 2.5))
        line.setPointsVisible(True)
        for i, n in enumerate(f.received[:through_month]):
            line.append(QPointF(i, n))
        chart.addSeries(bars)
        chart.addSeries(line)
        months = QBarCategoryAxis()
        months.append(list(MONTHS))
        months.setTitleText("月份")
        top = max([*f.received, *(sum(v[m] for v in f.replied_by_group.values()) for m in range(12)), 1])
        counts = QValueAxis()
        counts.setRange(0, _nice_ceiling(top))
        counts.setLabelFormat("%d")
        counts.setTickCount(6)
        counts.setTitleText("件数")
        chart.addAxis(months, Qt.AlignBottom)
        chart.addAxis(counts, Qt.AlignLeft)
        for series in (bars, line):
            series.attachAxis(months)
            series.attachAxis(counts)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()


def _nice_ceiling(n: int) -> int:
    """A round axis maximum divisible into five steps (5, 10, 25, 50, 100 …)."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if n <= step * 5:
            return step * 5
    return ((n // 5000) + 1) * 5000
