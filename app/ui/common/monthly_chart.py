"""Monthly volume and outcomes: received (line) over replies stacked by outcome group (bars)."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis, QBarSet, QChart, QChartView, QLineSeries, QStackedBarSeries, QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.ui.common.flow_layout import FlowLayout

from app.services.cases.query_service import MonthlyFigures

GROUP_NAMES = (("一", "予以公开", "#2e7d32"), ("二", "部分公开", "#7cb342"), ("三", "不予公开", "#c62828"),
               ("四", "无法提供", "#8d6e63"), ("五", "不予处理", "#f9a825"), ("六", "其他处理", "#90a4ae"))
MONTHS = tuple(str(m) for m in range(1, 13))      # short labels never elide; the axis says 月
RECEIVED = ("收到申请", "#1f5fae")
# What each legend entry counts (table 三 of the annual report), shown as its tooltip
MEANINGS = {
    "收到申请": "当月收到的申请件数（以法定收到日期计）",
    "予以公开": "（一）予以公开：已主动公开或可以公开的（条例第三十六条第（一）（二）项）",
    "部分公开": "（二）部分公开：区分处理的，只计这一情形（条例第三十七条）",
    "不予公开": "（三）不予公开：国家秘密、法律法规禁止、“三安全一稳定”、第三方合法权益、内部事务、"
                "过程性信息、行政执法案卷、行政查询事项",
    "无法提供": "（四）无法提供：本机关不掌握、没有现成信息需另行制作、补正后仍不明确",
    "不予处理": "（五）不予处理：信访举报投诉、重复申请、公开出版物、无正当理由大量反复申请、要求确认或重新出具",
    "其他处理": "（六）其他处理：逾期不补正、逾期未缴费、其他（含申请人撤回）",
}


class ChartLegendView(QWidget):
    """The chart's legend with every label in full (Qt's own legend elided 不予公开 and 不予处理 alike
    to "不予…"); each entry explains what it counts in its tooltip. Wraps when narrow."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: dict[str, QWidget] = {}
        flow = FlowLayout(self, spacing=12)
        for name, colour in (RECEIVED, *((n, c) for _code, n, c in GROUP_NAMES)):
            entry = QWidget(self)
            row = QHBoxLayout(entry)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            swatch = QLabel(entry)
            swatch.setFixedSize(12, 3 if name == RECEIVED[0] else 12)
            swatch.setStyleSheet(f"background: {colour};")
            row.addWidget(swatch)
            row.addWidget(QLabel(name, entry))
            entry.setToolTip(MEANINGS[name])
            flow.addWidget(entry)
            self.entries[name] = entry


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
        chart.legend().hide()                    # ChartLegendView shows the labels in full
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
