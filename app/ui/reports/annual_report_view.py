"""The annual report screen (政府信息公开工作年度报告): tables 二/三/四, texts, checks, lock and export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QFrame, QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem,
    QProgressBar, QPushButton, QScrollArea, QSpinBox, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from app.errors import DomainError
from app.workflow.vocabulary import Role
from app.services.reports.report_gates import table_two_is_zero
from app.ui.common import prompts
from app.ui.reports.annual_report_drill_dialog import AnnualReportDrillDialog
from app.ui.reports.annual_report_forms import AnnualReportSectionsEditor, AnnualReportTable2Form
from app.ui.reports.annual_report_models import Table3TableModel
from app.ui.reports.review_register_panel import ReviewRegisterPanel
from app.ui.common.tasks import run_task
from app.workflow.annual_counts import COLUMNS, row_title
from app.workflow.annual_report_data import AnnualReportData

EXPORTS = (("xlsx", "导出Excel…", "Excel 工作簿 (*.xlsx)"), ("docx", "导出Word…", "Word 文档 (*.docx)"),
           ("pdf", "导出PDF…", "PDF 文件 (*.pdf)"))
_ERROR_FG, _WARN_FG, _OK_FG = QColor("#c62828"), QColor("#b86e00"), QColor("#2e7d32")


class AnnualReportView(QWidget):
    """Give it the report service and the acting user; ``open_case`` asks the window to show a case."""

    open_case = Signal(int)
    report_shown = Signal(object)          # the AnnualReportData now on screen

    def __init__(self, service, actor, parent=None):
        super().__init__(parent)
        self._service, self._actor = service, actor
        self.data: AnnualReportData | None = None
        self.busy = False
        self.drill_dialogs: list[AnnualReportDrillDialog] = []
        self._build()

    def showEvent(self, event) -> None:
        """Count on first show, not at start-up: the window opens without waiting for the report."""
        super().showEvent(event)
        if self.data is None and not self.busy:
            self.refresh()

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel("政府信息公开工作年度报告", self)
        title.setObjectName("pageTitle")
        self.year_box = QSpinBox(self)
        self.year_box.setRange(2008, 2100)
        self.year_box.setValue(self._service.default_year())
        self.year_box.setSuffix(" 年度")
        self.year_box.valueChanged.connect(lambda *_: self.refresh())
        self.refresh_button = self._button("重新统计", self.refresh)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("statusBadge")
        self.lock_button = self._button("锁定为定稿…", self.toggle_lock)
        self.lock_button.setVisible(self._actor.role in (Role.CHIEF, Role.ADMIN))   # the service agrees
        self.export_buttons = {fmt: self._button(text, lambda f=fmt: self.export(f)) for fmt, text, _ in EXPORTS}
        self.carry_button = self._button("录入上年公布的结转数…", self.type_published_carry_over)
        self.carry_button.setToolTip("首次使用本系统时：录入上一年度已公布报告表三“四、结转下年度继续办理”各列，"
                                     "用于核对本年度“二、上年结转”。")
        self.progress = QProgressBar(self)
        self.progress.setFixedWidth(140)
        self.progress.setTextVisible(False)
        self.progress.hide()
        bar = QHBoxLayout()
        for w in (QLabel("年度：", self), self.year_box, self.refresh_button, self.state_label, self.carry_button):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.progress, self.lock_button, *self.export_buttons.values()):
            bar.addWidget(w)

        self.table3_model = Table3TableModel(self)
        self.table3 = QTableView(self)
        self.table3.setModel(self.table3_model)
        self.table3.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table3.verticalHeader().hide()
        self.table3.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table3.verticalHeader().setDefaultSectionSize(26)
        for col in range(1, len(COLUMNS) + 1):
            self.table3.setColumnWidth(col, 100)
        self.table3.clicked.connect(self.drill_down)
        self.table2 = AnnualReportTable2Form(self)
        self.table2.save_requested.connect(self.save_table2)
        self.register = ReviewRegisterPanel(self._service.review_register, self._actor, self)
        self.register.changed.connect(self.refresh)
        self.sections = AnnualReportSectionsEditor(self)
        self.sections.save_requested.connect(self.save_sections)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._with_hint(self.table3, "单击数字，列出它统计的申请。"), "表三 收到和处理申请")
        self.tabs.addTab(self._scrolled(self.table2), "表二 主动公开")
        self.tabs.addTab(self.register, "表四 复议诉讼")
        self.tabs.addTab(self._scrolled(self.sections), "正文")

        self.findings = QListWidget(self)
        self.findings.setFixedHeight(110)
        self.findings.setWordWrap(True)
        checks = QLabel("导出前校验", self)
        checks.setObjectName("sectionTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(checks)
        layout.addWidget(self.findings)

    def _button(self, text: str, slot) -> QPushButton:
        b = QPushButton(text, self)
        b.clicked.connect(lambda *_: slot())
        return b

    def _scrolled(self, widget: QWidget) -> QScrollArea:
        """Table 二 and the texts are taller than a 1366×768 screen leaves them: they scroll."""
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(widget)
        return scroll

    def _with_hint(self, widget: QWidget, hint: str) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        label = QLabel(hint, box)
        label.setObjectName("hint")
        layout.addWidget(label)
        layout.addWidget(widget, 1)
        return box

    @property
    def year(self) -> int:
        return self.year_box.value()

    # -- loading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Count the chosen year again, off the UI thread."""
        self._start("正在统计…")
        run_task(self._service.report, self.year, on_done=self._show, on_error=self._failed("统计"))

    def _show(self, data: AnnualReportData) -> None:
        self._stop()
        if data.year != self.year:         # the year changed while counting; its own run follows
            return
        self.data = data
        self.table3_model.set_table(data.table3)
        self.table2.set_values(dict(data.table2))
        self.register.show_year(data.year, data.table4)
        self.sections.set_report(dict(data.sections), data.overview_paragraph, data.fee_paragraph)
        for w in (self.table2, self.sections):
            w.set_locked(data.locked)
        self._show_findings(data)
        self._show_state(data)
        self.report_shown.emit(data)

    def _show_findings(self, data: AnnualReportData) -> None:
        self.findings.clear()
        for f in data.findings:
            item = QListWidgetItem(str(f))
            item.setForeground(QBrush(_ERROR_FG if f.blocking else _WARN_FG))
            self.findings.addItem(item)
        if not data.blocking:
            item = QListWidgetItem("表三、表四的勾稽关系校验全部通过，可以导出。")
            item.setForeground(QBrush(_OK_FG))
            self.findings.addItem(item)

    def _show_state(self, data: AnnualReportData) -> None:
        if data.locked:
            when = data.locked_at.strftime("%Y-%m-%d %H:%M") if data.locked_at else ""
            self.state_label.setText(f"已锁定（{when} {data.locked_by}）" + ("·数据已变动" if data.stale else ""))
        else:
            self.state_label.setText("未锁定")
        self.lock_button.setText("解锁…" if data.locked else "锁定为定稿…")
        blocked = "校验未通过，请先处理下方标红的问题。" if data.blocking else ""
        for b in (*self.export_buttons.values(), self.lock_button):
            b.setEnabled(not data.blocking or (b is self.lock_button and data.locked))
            b.setToolTip(blocked)

    # -- drill-down -------------------------------------------------------------------------
    def drill_down(self, index) -> None:
        cell = self.table3_model.cell(index)
        if cell is None or self.data is None:
            return
        row, col = cell
        title = f"{self.year}年 {row_title(row)} · {COLUMNS[col]}"
        self._start("正在查找…")
        run_task(self._service.drill_down, self.year, row, col,
                 on_done=lambda cases: self._open_drill(title, cases), on_error=self._failed("查看明细"))

    def _open_drill(self, title: str, cases: list) -> None:
        self._stop()
        dialog = AnnualReportDrillDialog.show_cases(self, title, cases)
        dialog.open_case.connect(self.open_case)
        dialog.destroyed.connect(lambda *_: self.drill_dialogs.remove(dialog)
                                 if dialog in self.drill_dialogs else None)
        self.drill_dialogs.append(dialog)

    # -- office-typed parts -----------------------------------------------------------------
    def save_table2(self, values: dict) -> None:
        self._save("保存表二", lambda: self._service.save_table2(self._actor, self.year, values))

    def save_sections(self, texts: dict) -> None:
        self._save("保存正文", lambda: self._service.save_sections(self._actor, self.year, texts))

    def _save(self, title: str, action) -> None:
        try:
            action()
        except DomainError as e:
            prompts.error(self, f"无法{title}", e.message)
            return
        self.refresh()

    # -- lock -------------------------------------------------------------------------------
    def toggle_lock(self) -> None:
        if self.data is None:
            return
        if self.data.locked:
            reason = prompts.ask_text(self, "解锁年度报告", f"解锁{self.year}年度报告的理由（将记入日志）：")
            if reason is None:
                return
            self._start("正在解锁…")
            run_task(self._service.unlock, self._actor, self.year, reason, on_done=self._show,
                     on_error=self._failed("解锁"))
        elif prompts.confirm(self, "锁定年度报告",
                             f"锁定后，{self.year}年度报告的数字即为定稿，不再随申请变动；表二和正文不能修改。\n确定锁定吗？"):
            self._start("正在锁定…")
            run_task(self._service.lock, self._actor, self.year, on_done=self._show, on_error=self._failed("锁定"))

    # -- export -----------------------------------------------------------------------------
    def export(self, fmt: str) -> None:
        if self.data is None:
            return
        if fmt in ("docx", "pdf") and not (self._section_five_settled() and self._full_text_ready()):
            return
        _, label, filters = next(e for e in EXPORTS if e[0] == fmt)
        path = prompts.save_file(self, label.rstrip("…"), f"{self.data.title}.{fmt}", filters)
        if not path:
            return
        if Path(path).suffix.lower() != f".{fmt}":
            path += f".{fmt}"
        self._start("正在导出…", determinate=True)
        run_task(self._service.export, self.year, path, on_progress=self._progress,
                 on_done=lambda data: self._exported(path, data), on_error=self._failed("导出"))

    def type_published_carry_over(self) -> None:
        """Last year's 四 as published (the office is new to the app): checked against this year's 二."""
        from app.ui.common.form_dialog import FormDialog, FormField
        from app.workflow.annual_counts import COLUMNS

        previous = self.year - 1
        fields = [FormField(f"c{i}", name, "int", 0, maximum=1_000_000) for i, name in enumerate(COLUMNS)]

        def submit(values: dict) -> bool:
            self._service.save_published_carry_over(self._actor, previous, [int(values[f"c{i}"])
                                                                           for i in range(len(COLUMNS))])
            return True
        try:
            done = FormDialog.ask(self, f"录入{previous}年已公布的结转数", fields, submit,
                                  f"按{previous}年已公布年度报告表三“四、结转下年度继续办理”各列填写。")
        except DomainError as e:
            prompts.error(self, "无法保存", e.message)
            return
        if done:
            self.refresh()

    def _section_five_settled(self) -> bool:
        """The full text is not exported with an empty section 五 unless the office confirms “无”
        (last year's 五 is shown for reference); confirming stores “无”."""
        if (self.data.sections.get("五") or "").strip():
            return True
        last = self._service.previous_section(self.year, "五")
        reference = f"\n\n上年度报告第五部分为：\n{last}" if last else "\n\n（上年度报告未填写第五部分。）"
        if not prompts.confirm(self, "第五部分尚未填写",
                               "“五、存在的主要问题及改进情况”尚未填写，全文不能空着这一部分导出。\n"
                               f"如本年度确无需要报告的问题，点击“是”将其填写为“无”后导出；否则请先填写。{reference}"):
            return False
        try:
            self._service.save_sections(self._actor, self.year, {"五": "无"})
        except DomainError as e:
            prompts.error(self, "无法导出", e.message)
            return False
        self._show(self._service.report(self.year))
        return True

    def _full_text_ready(self) -> bool:
        """表二 of zeros is confirmed here (or filled in first); “（请填写）” left in the text is refused
        with the service's words, before any file is chosen."""
        if table_two_is_zero(self.data) and not self._service.table_two_zero_confirmed(self.year):
            if not prompts.confirm(self, "表二各项均为0",
                                   "表二“主动公开政府信息情况”各项均为0，看来尚未填写。\n如本年度确实没有制发、废止"
                                   "规章和规范性文件，也没有作出行政许可、处罚、强制决定和收费，点击“是”确认均为0后"
                                   "导出；否则请点击“否”，先填写表二。"):
                return False
            try:
                self._service.confirm_table_two_zero(self._actor, self.year)
            except DomainError as e:
                prompts.error(self, "无法导出", e.message)
                return False
        try:
            self._service.refuse_full_text(self._service.report(self.year))
        except DomainError as e:
            prompts.error(self, "无法导出", e.message)
            return False
        return True

    def _exported(self, path: str, data: AnnualReportData) -> None:
        self._stop()
        note = "\n\n注意：报告锁定后有关数据已有变动，导出的是锁定时的数字。" if data.stale else ""
        prompts.info(self, "导出完成", f"已导出：{path}{note}")

    # -- busy state -------------------------------------------------------------------------
    def _start(self, text: str, determinate: bool = False) -> None:
        self.busy = True
        self.progress.setRange(0, 2 if determinate else 0)
        self.progress.setValue(0)
        self.progress.setToolTip(text)
        self.progress.show()
        for b in (self.lock_button, self.refresh_button, *self.export_buttons.values()):
            b.setEnabled(False)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _stop(self) -> None:
        self.busy = False
        self.progress.hide()
        self.refresh_button.setEnabled(True)
        if self.data is not None:
            self._show_state(self.data)

    def _failed(self, what: str):
        def report(error: Exception, _trace: str) -> None:
            self._stop()
            message = error.message if isinstance(error, DomainError) else f"出现意外错误：{error}"
            prompts.error(self, f"无法{what}", message)
        return report
