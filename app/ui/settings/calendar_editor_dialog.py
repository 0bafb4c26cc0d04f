"""Add a run of days from the notice at once, e.g. 春节 2月5日至11日放假, or one 调休上班 Saturday."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout,
)

from app.ui.settings.calendar_editor_model import HOLIDAY, KINDS, WORKDAY, DayRow
from app.ui.settings.settings_field_errors import ERROR_STYLE
from app.ui.common.date_field import DateEdit

FESTIVALS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def expand(first: date, last: date, is_workday: bool, name: str) -> list[DayRow]:
    """Every day from ``first`` through ``last``, as the notice lists them."""
    return [DayRow(first + timedelta(days=i), is_workday, name) for i in range((last - first).days + 1)]


class CalendarRangeDialog(QDialog):
    def __init__(self, year: int, kind: str = HOLIDAY, parent=None):
        super().__init__(parent)
        self._year = year
        self.setWindowTitle(f"录入{year}年节假日安排")
        self.name = QComboBox()
        self.name.setEditable(True)
        self.name.addItems(FESTIVALS)
        self.kind = QComboBox()
        self.kind.addItems(KINDS)
        self.kind.setCurrentText(kind)
        self.first, self.last = DateEdit(), DateEdit()
        for w in (self.first, self.last):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
            w.setDateRange(_qdate(date(year, 1, 1)), _qdate(date(year, 12, 31)))
            w.setDate(_qdate(date(year, 1, 1)))
        self.first.dateChanged.connect(self._follow)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        form = QFormLayout()
        form.addRow("名称", self.name)
        form.addRow("类型", self.kind)
        form.addRow("从", self.first)
        form.addRow("至", self.last)
        hint = QLabel("放假按通知写明的起止日期录入（含其中的周末）；调休上班日通常是某个周六或周日，起止为同一天。")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("加入列表")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(hint)
        lay.addWidget(self.error)
        lay.addWidget(buttons)

    def _follow(self, q: QDate) -> None:
        if self.last.date() < q:
            self.last.setDate(q)

    def days(self) -> list[DayRow]:
        return expand(_pydate(self.first.date()), _pydate(self.last.date()),
                      self.kind.currentText() == WORKDAY, self.name.currentText().strip())

    def accept(self) -> None:
        if self.last.date() < self.first.date():
            self.error.setText("结束日期不能早于开始日期。")
            return
        super().accept()

    @classmethod
    def ask(cls, parent, year: int, kind: str = HOLIDAY) -> list[DayRow] | None:
        """The days to add, or None when cancelled."""
        dlg = cls(year, kind, parent)
        return dlg.days() if dlg.exec() == QDialog.Accepted else None
