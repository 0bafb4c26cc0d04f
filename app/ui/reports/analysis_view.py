"""数据分析 page: a period's figures and charts, 集中申请事项 with drill-down, export to .xlsx/.docx."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QProgressBar, QPushButton, QSplitter, QTableView,
    QTabWidget, QVBoxLayout, QWidget,
)
from PySide6.QtCore import Qt

from app.errors import DomainError
from app.exports.analysis_tables import applicant_table, summary_table, volume_tables
from app.ui.common import prompts
from app.ui.common.date_field import DateEdit
from app.ui.reports.analysis_charts import BLUE, GREEN, PeriodChartView
from app.ui.reports.analysis_models import FiguresTableModel, SubjectTableModel
from app.ui.reports.annual_report_drill_dialog import AnnualReportDrillDialog
from app.ui.reports.proactive_panel import ProactivePanel
from app.ui.common.tasks import run_task
from app.workflow.analysis import AnalysisResult

EXPORTS = (("xlsx", "导出Excel…", "Excel 工作簿 (*.xlsx)"), ("docx", "导出Word…", "Word 文档 (*.docx)"))


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class AnalysisView(QWidget):
    """Give it the analysis and proactive-disclosure services and the acting user; ``open_case`` asks the
    window to show a case."""

    open_case = Signal(int)
    analysed = Signal(object)              # the AnalysisResult now on screen

    def __init__(self, service, proactive, actor, parent=None):
        super().__init__(parent)
        self._service, self._actor = service, actor
        self.proactive = ProactivePanel(proactive, actor, self.period, self)
        self.result: AnalysisResult | None = None
        self.busy = False
        self.drill_dialogs: list[AnnualReportDrillDialog] = []
        now = service.today()
        self.start_edit, self.end_edit = DateEdit(_qdate(date(now.year, 1, 1)), self), DateEdit(_qdate(now), self)
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.run_button = QPushButton("分析", self)
        self.run_button.setObjectName("primary")
        self.run_button.clicked.connect(self.run)
        self.export_buttons = {fmt: QPushButton(label, self) for fmt, label, _ in EXPORTS}
        for fmt, button in self.export_buttons.items():
            button.clicked.connect(lambda _=False, f=fmt: self.export(f))
            button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.summary = QLabel("选择期间后点击“分析”。", self)
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        self.summary.setMinimumHeight(self.summary.fontMetrics().lineSpacing() * 3 + 8)
        self.month_chart = PeriodChartView(self)
        self.subject_chart = PeriodChartView(self, horizontal=True)
        self.subject_chart.bar_clicked.connect(self._subject_bar)
        self._build_tables()
        self._layout()

    def _build_tables(self) -> None:
        self.subject_model = SubjectTableModel(self)
        self.subjects = self._view(self.subject_model)
        for i, col in enumerate(self.subject_model.COLUMNS):
            self.subjects.setColumnWidth(i, col.width)
        self.subjects.doubleClicked.connect(lambda index: self.drill_subject(index.row()))
        self.figure_models = {name: FiguresTableModel(self) for name in ("主要指标", "分布", "重复申请人")}
        self.figure_views = {name: self._view(m) for name, m in self.figure_models.items()}
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.subjects, "集中申请事项")
        for name, view in self.figure_views.items():
            self.tabs.addTab(view, name)
        self.tabs.addTab(self.proactive, "依申请转主动公开")
        self.tabs.currentChanged.connect(
            lambda _i: self.proactive.reload() if self.tabs.currentWidget() is self.proactive else None)

    def _view(self, model) -> QTableView:
        view = QTableView(self)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectRows)
        view.setAlternatingRowColors(True)
        view.verticalHeader().hide()
        view.horizontalHeader().setStretchLastSection(True)
        return view

    def _layout(self) -> None:
        bar = QHBoxLayout()
        for w in (QLabel("期间", self), self.start_edit, QLabel("至", self), self.end_edit, self.run_button):
            bar.addWidget(w)
        bar.addWidget(self.progress)
        bar.addStretch(1)
        for b in self.export_buttons.values():
            bar.addWidget(b)
        charts = QSplitter(Qt.Horizontal, self)
        charts.addWidget(self.month_chart)
        charts.addWidget(self.subject_chart)
        lower = QSplitter(Qt.Vertical, self)
        lower.addWidget(charts)
        lower.addWidget(self.tabs)
        lower.setSizes([300, 320])
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        title = QLabel("数据分析", self)
        title.setObjectName("pageTitle")
        col.addWidget(title)
        col.addLayout(bar)
        col.addWidget(self.summary)
        col.addWidget(lower, 1)

    # -- running ----------------------------------------------------------------------------
    def period(self) -> tuple[date, date]:
        return self.start_edit.date().toPython(), self.end_edit.date().toPython()

    def run(self) -> None:
        if self.busy:
            return
        start, end = self.period()
        self._start("正在分析…")
        run_task(self._service.analyse, self._actor, start, end, on_done=self._show,
                 on_error=self._failed("分析"), on_progress=self._progress)

    def _show(self, result: AnalysisResult) -> None:
        self._stop()
        self.result = result
        f = result.figures
        self.summary.setText(
            f"收到申请{f.received}件，办结答复{f.replied}件；按期答复率{f.on_time.percent()}；"
            f"答复用时中位数{'—' if f.median_days is None else f'{f.median_days:g}'}个工作日，"
            f"第90百分位{'—' if f.p90_days is None else f.p90_days}个工作日。\n补正率{f.corrections.percent()}，"
            f"征求意见率{f.consultations.percent()}，延期率{f.extensions.percent()}，收费率{f.fees.percent()}；"
            f"每百件答复行政复议{_n(f.reviews_per_100)}件、行政诉讼{_n(f.lawsuits_per_100)}件，纠错率{f.corrected.percent()}。\n"
            f"集中申请事项{len(result.subjects)}项（双击事项或点击柱形查看申请）。")
        self.subject_model.set_rows(result.subjects)
        self.figure_models["主要指标"].set_table(summary_table(result))
        self.figure_models["分布"].set_table(_stacked(volume_tables(result)))
        self.figure_models["重复申请人"].set_table(applicant_table(result))
        months = list(f.by_month)
        span = f"月份（{months[0][0].replace('-', '.')}—{months[-1][0].replace('-', '.')}）" if months else ""
        self.month_chart.show_bars("各月收到与办结申请（件）", _month_labels(months),
                                   [("收到申请", [m[1] for m in months], BLUE),
                                    ("办结答复", [m[2] for m in months], GREEN)], span)
        top = list(result.subjects[:8])[::-1]     # largest at the top of a horizontal chart
        self.subject_chart.show_bars("集中申请事项（申请件数）", [g.label[:12] for g in top],
                                     [("申请件数", [g.count for g in top], BLUE)])
        self.analysed.emit(result)

    # -- drill-down -------------------------------------------------------------------------
    def _subject_bar(self, index: int) -> None:
        if self.result is not None:
            shown = min(8, len(self.result.subjects))
            self.drill_subject(shown - 1 - index)

    def drill_subject(self, row: int) -> AnnualReportDrillDialog | None:
        if self.result is None or not 0 <= row < len(self.result.subjects):
            return None
        group = self.result.subjects[row]
        try:
            cases = self._service.cases(group.case_ids)
        except DomainError as e:
            prompts.error(self, "无法查看明细", e.message)
            return None
        dialog = AnnualReportDrillDialog.show_cases(self, f"集中申请事项 · {group.label}", cases)
        dialog.open_case.connect(self.open_case)
        dialog.destroyed.connect(lambda *_: self.drill_dialogs.remove(dialog)
                                 if dialog in self.drill_dialogs else None)
        self.drill_dialogs.append(dialog)
        return dialog

    # -- export -----------------------------------------------------------------------------
    def export(self, fmt: str) -> None:
        if self.busy:
            return
        start, end = self.period()
        _, label, filters = next(e for e in EXPORTS if e[0] == fmt)
        path = prompts.save_file(self, label.rstrip("…"), f"数据分析{start:%Y%m%d}-{end:%Y%m%d}.{fmt}", filters)
        if not path:
            return
        self._start("正在导出…")
        run_task(self._service.export, self._actor, start, end, path, on_progress=self._progress,
                 on_done=lambda result: self._exported(path, result), on_error=self._failed("导出"))

    def _exported(self, path: str, result: AnalysisResult) -> None:
        self._show(result)
        prompts.info(self, "导出完成", f"已导出：{path}")

    # -- busy state -------------------------------------------------------------------------
    def _start(self, text: str) -> None:
        self.busy = True
        self.progress.setRange(0, 0)
        self.progress.setToolTip(text)
        self.progress.show()
        for b in (self.run_button, *self.export_buttons.values()):
            b.setEnabled(False)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _stop(self) -> None:
        self.busy = False
        self.progress.hide()
        for b in (self.run_button, *self.export_buttons.values()):
            b.setEnabled(True)

    def _failed(self, what: str):
        def report(error: Exception, _trace: str) -> None:
            self._stop()
            message = error.message if isinstance(error, DomainError) else f"出现意外错误：{error}"
            prompts.error(self, f"无法{what}", message)
        return report


def _month_labels(months) -> list[str]:
    """Month numbers; QBarCategoryAxis merges equal names, so a second year's 10 gets an invisible mark."""
    first = int(months[0][0][:4]) if months else 0
    return [str(int(m[0][5:])) + "\u200b" * (int(m[0][:4]) - first) for m in months]


def _n(v) -> str:
    return "—" if v is None else f"{v:g}"


def _stacked(tables):
    """The distributions one under another: a heading row per table."""
    from app.exports.analysis_tables import Table

    rows = []
    for t in tables:
        rows.append((f"【{t.title}】", "", ""))
        rows += [tuple(r) + ("",) * (3 - len(r)) for r in t.rows]
    return Table("分布", ("项目", "收到申请", "办结答复"), tuple(rows))
