"""依申请转主动公开 (Art 44) on the 数据分析 page: candidates, proposing, flagging and deciding."""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from app.errors import DomainError
from app.ui.common import prompts
from app.ui.common.data_table_model import configure_table
from app.ui.common.columns import CENTER, LEFT, Column, text, ymd
from app.ui.common.form_dialog import FormDialog, FormField
from app.ui.common.list_table_model import ListTableModel
from app.workflow.proactive import Candidate, ProactiveDecision, restricted_warning


class CandidateTableModel(ListTableModel):
    COLUMNS = (
        Column("label", "事项", text, LEFT, width=180),
        Column("source", "来源", text, CENTER, width=80),
        Column("applicant_count", "申请人数", text, CENTER, width=70),
        Column("request_count", "申请件数", text, CENTER, width=70),
        Column("outcome_text", "各申请办理结果", text, LEFT, width=230),
        Column("created_on", "列为候选", ymd, CENTER, width=92),
        Column("state", "决定", text, CENTER, width=96),
        Column("published_on", "公开日期", ymd, CENTER, width=92),
        Column("where", "栏目/网址", text, LEFT, width=180),
        Column("doc_number", "文号", text, LEFT, width=120),
        Column("representative", "代表性申请内容", text, LEFT, width=260),
    )


def decision_fields(c: Candidate, today: date) -> list[FormField]:
    choices = [(d.value, d.value) for d in ProactiveDecision]
    return [
        FormField("decision", "决定", "choice", ProactiveDecision.CONVERT.value, choices, required=True),
        FormField("published_on", "公开日期", "optional_date", today),
        FormField("column_name", "公开栏目", "text", "",
                  placeholder="例如：政府信息公开 > 法定主动公开内容 > 征收补偿"),
        FormField("url", "网址", "text", ""),
        FormField("doc_number", "文号", "text", ""),
        FormField("reason", "理由或说明", "multiline", "",
                  placeholder=("转为主动公开的：写明拟公开的信息属于可以公开的理由（第四十四条）" if c.restricted
                               else "不转的须说明理由")),
    ]


def decision_intro(c: Candidate) -> str:
    """What the decider reads first: the subject, how its requests were answered, and the Art 44 warning."""
    warning = restricted_warning(c)
    return ((warning + "\n\n" if warning else "")
            + f"代表性申请：{c.representative}\n申请人{c.applicant_count}名，申请{c.request_count}件；"
            f"办理结果：{c.outcome_text}。\n转为主动公开须填写公开日期和栏目或网址；不转须说明理由。")


class ProactivePanel(QWidget):
    """Give it the proactive service, the actor, and where the page's period comes from."""

    changed = Signal()

    def __init__(self, service, actor, period: Callable[[], tuple[date, date]], parent=None):
        super().__init__(parent)
        self._service, self._actor, self._period = service, actor, period
        self.model = CandidateTableModel(self)
        self.table = QTableView(self)
        configure_table(self.table, self.model)
        self.table.setAlternatingRowColors(True)
        self.table.doubleClicked.connect(lambda index: self.decide(index.row()))
        self.propose_button = QPushButton("按本期集中事项生成候选", self)
        self.flag_button = QPushButton("标记申请为候选…", self)
        self.decide_button = QPushButton("作出决定…", self)
        self.propose_button.clicked.connect(self.propose)
        self.flag_button.clicked.connect(self.flag)
        self.decide_button.clicked.connect(lambda: self.decide(self.table.currentIndex().row()))
        self.hint = QLabel("同一事项在期间内有较多申请人申请的，可转为主动公开（条例第四十四条）。"
                           "候选超过30天未决定的，首页提示。", self)
        self.hint.setObjectName("hint")
        bar = QHBoxLayout()
        for b in (self.propose_button, self.flag_button, self.decide_button):
            bar.addWidget(b)
        bar.addStretch(1)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 4, 0, 0)
        col.addWidget(self.hint)
        col.addLayout(bar)
        col.addWidget(self.table, 1)

    def reload(self) -> None:
        self.model.set_rows(self._service.candidates())

    def propose(self) -> None:
        start, end = self._period()
        try:
            added = self._service.propose(self._actor, start, end)
        except DomainError as e:
            prompts.error(self, "无法生成候选", e.message)
            return
        self.reload()
        self.changed.emit()
        prompts.info(self, "转主动公开候选", f"{start}至{end}：新增或更新候选{len(added)}项。" if added
                     else f"{start}至{end}没有达到申请人数的集中申请事项。")

    def flag(self) -> None:
        number = prompts.ask_text(self, "标记为转主动公开候选", "申请编号：")
        if not number:
            return
        try:
            self._service.flag(self._actor, number)
        except DomainError as e:
            prompts.error(self, "无法标记", e.message)
            return
        self.reload()
        self.changed.emit()

    def decide(self, row: int) -> Candidate | None:
        c = self.model.row_at(row)
        if c is None:
            prompts.info(self, "作出决定", "请先在列表中选择一个候选事项。")
            return None
        if not c.open:
            prompts.info(self, "作出决定", f"“{c.label}”已决定“{c.decision}”。")
            return None

        def submit(v: dict) -> Candidate:
            return self._service.decide(self._actor, c.id, v["decision"], v.get("published_on"),
                                        v.get("column_name") or "", v.get("url") or "",
                                        v.get("doc_number") or "", v.get("reason") or "")
        try:
            result = FormDialog.ask(self, f"转主动公开决定：{c.label}", decision_fields(c, self._service.today()),
                                    submit,
                                    decision_intro(c),
                                    today=self._service.today())
        except DomainError as e:
            prompts.error(self, "无法决定", e.message)
            return None
        if result is not None:
            self.reload()
            self.changed.emit()
        return result
