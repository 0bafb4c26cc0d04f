"""The holiday calendar editor: one year's State Council notice, its holidays and make-up days."""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QListWidget, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar,
    QPushButton, QSpinBox, QStyledItemDelegate, QTableView, QVBoxLayout, QWidget,
)

from app.errors import DomainError, ValidationError
from app.services.calendar_service import CalendarService, RecomputeResult
from app.services.dto import Actor
from app.ui.common import prompts
from app.ui.settings.calendar_editor_dialog import CalendarRangeDialog
from app.ui.settings.calendar_editor_model import COLUMNS, HOLIDAY, KIND, KINDS, WORKDAY, CalendarDayTableModel
from app.ui.settings.settings_field_errors import FieldErrors
from app.ui.common.tasks import run_task

GUIDE = ("如何录入：\n"
         "1. 每年11月前后国务院办公厅发布下一年部分节假日安排的通知，把通知标题或文号填在“依据的通知”。\n"
         "2. 通知中每个节日“×月×日至×月×日放假调休”，用“添加放假日期…”按起止日期录入（含其中的周末）。\n"
         "3. 通知中的“×月×日（星期六/日）上班”，用“添加调休上班日…”逐日录入。\n"
         "4. 保存后，所有未办结申请的期限按新的安排重新计算，并记入操作记录。\n\n"
         "日期、类型、名称可在表格中双击修改。程序内置日历已覆盖的年份无需录入；录入的内容优先。")
OK_STYLE = "color: #2e7d32;"
WARN_STYLE = "color: #b86e00;"


class KindDelegate(QStyledItemDelegate):
    """A 放假 / 调休上班 drop-down for the 类型 column."""

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        box.addItems(KINDS)
        return box

    def setEditorData(self, editor, index):
        editor.setCurrentText(index.data())

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentText())


class CalendarEditor(QWidget):
    saved = Signal(object)   # RecomputeResult

    def __init__(self, calendar: CalendarService, actor: Actor, editable: bool,
                 today: Callable[[], date] = date.today, parent=None):
        super().__init__(parent)
        self._calendar, self._actor, self._editable = calendar, actor, editable
        self._dirty = False
        self.errors = FieldErrors()
        self.model = CalendarDayTableModel(self)
        self.model.editable = editable
        self.model.edited.connect(self._mark_dirty)
        self.model.invalid.connect(self._show_invalid)
        self._build()
        t = today()
        first_missing = next((y for y in (t.year, t.year + 1) if not calendar.is_published(y)), t.year + 1)
        self.year.setValue(first_missing)
        self.load_year(first_missing)
        self.year.valueChanged.connect(self._year_changed)

    def _build(self) -> None:
        self.year = QSpinBox()
        self.year.setRange(2004, 2100)
        self.year.setSuffix(" 年")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.notice = QLineEdit()
        self.notice.setReadOnly(not self._editable)
        self.notice.setPlaceholderText("例如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕×号）")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(KIND, KindDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        for i, col in enumerate(COLUMNS):
            self.table.setColumnWidth(i, col.width)
        self.add_holiday_button = QPushButton("添加放假日期…")
        self.add_workday_button = QPushButton("添加调休上班日…")
        self.remove_button = QPushButton("删除所选行")
        self.save_button = QPushButton("保存本年安排并重算期限")
        self.add_holiday_button.clicked.connect(lambda: self.add(HOLIDAY))
        self.add_workday_button.clicked.connect(lambda: self.add(WORKDAY))
        self.remove_button.clicked.connect(self.remove_selected)
        self.save_button.clicked.connect(self.save)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setStyleSheet(OK_STYLE)
        self.builtin = QListWidget()              # the program's own calendar for the year: read-only
        self.builtin.setObjectName("builtinCalendar")
        self.builtin.setSelectionMode(QAbstractItemView.NoSelection)
        self.builtin.setToolTip("程序内置日历（chinesecalendar）中的安排，只读；如国务院另有调整，请在左侧录入，录入内容优先。")
        self.builtin_title = QLabel()
        self.builtin_title.setObjectName("sectionTitle")
        self._layout()

    def _layout(self) -> None:
        self.year.setMaximumWidth(120)
        form = QFormLayout()
        form.addRow("年份", self.year)
        form.addRow("发布情况", self.status)
        form.addRow("依据的通知", self.errors.wrap("notice", self.notice))
        buttons = QHBoxLayout()
        for b in (self.add_holiday_button, self.add_workday_button, self.remove_button):
            b.setVisible(self._editable)
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.save_button.setVisible(self._editable)
        buttons.addWidget(self.save_button)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addLayout(buttons)
        body = QHBoxLayout()
        body.addWidget(self.errors.wrap("day", self.table), 3)
        guide = QLabel(GUIDE)
        guide.setWordWrap(True)
        guide.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        side = QVBoxLayout()
        side.addWidget(guide)
        side.addWidget(self.builtin_title)
        side.addWidget(self.builtin, 1)
        body.addLayout(side, 2)
        lay.addLayout(body, 1)
        lay.addWidget(self.progress)
        lay.addWidget(self.result)

    # -- loading -----------------------------------------------------------------------------
    def load_year(self, year: int) -> None:
        days = self._calendar.days(year)
        self._loaded_year = year
        self.model.set_days(days)
        self.notice.setText(days[0].notice if days else "")
        self.errors.clear()
        self._dirty = False
        self._show_status(year, days)
        self._show_builtin(year)

    def _show_builtin(self, year: int) -> None:
        builtin = self._calendar.builtin_days(year)
        self.builtin.clear()
        self.builtin.addItems([d.describe() for d in builtin])
        inferred = any(d.inferred for d in builtin)
        what = "法定节假日（按放假办法推算，暂定，只读" if inferred else "程序内置安排（只读"
        self.builtin_title.setText(f"{year}年{what}，共{len(builtin)}天）")
        for w in (self.builtin, self.builtin_title):
            w.setVisible(bool(builtin))

    def _show_status(self, year: int, days) -> None:
        if days:
            holidays = sum(not d.is_workday for d in days)
            text = (f"{year}年：已录入国务院通知，放假{holidays}天、调休上班{len(days) - holidays}天；"
                    "录入内容优先于程序内置日历。")
            style = OK_STYLE
        elif self._calendar.is_published(year):
            text = f"{year}年：已发布（程序内置日历）。如国务院另有调整，可在下方录入，录入内容优先。"
            style = OK_STYLE
        else:
            text = (f"{year}年：尚未录入节假日安排。该年的期限按《全国年节及纪念日放假办法》规定的法定节假日"
                    "计算（调休未知），标注为暂定；国务院通知发布后请在此录入。")
            style = WARN_STYLE
        self.status.setText(text)
        self.status.setStyleSheet(style)

    def _year_changed(self, year: int) -> None:
        if self._dirty and not prompts.confirm(self, "放弃修改？", "本年安排尚未保存，切换年份将放弃修改。是否继续？",
                                                   action="放弃修改"):
            self.year.blockSignals(True)
            self.year.setValue(self._loaded_year)
            self.year.blockSignals(False)
            return
        self.result.clear()
        self.load_year(year)

    # -- editing -----------------------------------------------------------------------------
    def add(self, kind: str) -> None:
        days = CalendarRangeDialog.ask(self, self.year.value(), kind)
        if days:
            self.model.add_days(days)

    def remove_selected(self) -> None:
        rows = [i.row() for i in self.table.selectionModel().selectedRows()]
        if rows:
            self.model.remove_rows(rows)

    def has_changes(self) -> bool:
        return self._dirty

    def _mark_dirty(self) -> None:
        self._dirty = True
        self.result.clear()

    def _show_invalid(self, message: str) -> None:
        self.errors.show(ValidationError(message, "day"))

    def save(self) -> None:
        year, notice = self.year.value(), self.notice.text().strip()
        self.errors.clear()
        self._set_busy(True)
        run_task(self._calendar.save_year, self._actor, year, self.model.calendar_days(notice), notice,
                 on_done=lambda r: self._saved(year, r), on_error=self._failed)

    def _saved(self, year: int, r: RecomputeResult) -> None:
        self._set_busy(False)
        self.load_year(year)
        self.result.setText(f"已保存{year}年节假日安排（{len(self.model.rows())}天）。重新计算了{r.open_cases}件"
                            f"未办结申请的期限，其中{r.changed}件的应答复日期或暂定标记有变化。")
        self.saved.emit(r)

    def _failed(self, e: Exception, _trace: str) -> None:
        self._set_busy(False)
        if isinstance(e, ValidationError) and self.errors.show(e):
            return
        message = e.message if isinstance(e, DomainError) else f"保存失败：{e}"
        prompts.error(self, "节假日安排未保存", message)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for w in (self.save_button, self.add_holiday_button, self.add_workday_button, self.remove_button,
                  self.year):
            w.setEnabled(not busy)
