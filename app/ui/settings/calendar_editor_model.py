"""The editable list of one year's holidays (放假) and make-up working days (调休上班)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Callable, Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from app.workflow.calendar import CalendarDay
from app.workflow.dates import parse_date

HOLIDAY, WORKDAY = "放假", "调休上班"
KINDS = (HOLIDAY, WORKDAY)
WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class DayRow:
    day: date
    is_workday: bool
    name: str = ""


@dataclass(frozen=True)
class DayColumn:
    header: str
    show: Callable[[DayRow], str]
    editable: bool
    width: int


COLUMNS = (
    DayColumn("日期", lambda r: r.day.isoformat(), True, 110),
    DayColumn("星期", lambda r: "星期" + WEEKDAYS[r.day.weekday()], False, 70),
    DayColumn("类型", lambda r: WORKDAY if r.is_workday else HOLIDAY, True, 90),
    DayColumn("名称", lambda r: r.name, True, 140),
)
DATE, WEEKDAY, KIND, NAME = range(4)


class CalendarDayTableModel(QAbstractTableModel):
    """Rows are edited in place; ``invalid`` reports input that was refused, in Chinese."""

    invalid = Signal(str)
    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[DayRow] = []
        self.editable = False

    # -- whole-list operations ---------------------------------------------------------------
    def set_days(self, days: Iterable[CalendarDay]) -> None:
        self.beginResetModel()
        self._rows = sorted((DayRow(d.day, d.is_workday, d.name) for d in days), key=lambda r: r.day)
        self.endResetModel()

    def add_days(self, days: Iterable[DayRow]) -> int:
        """Add rows (a day already listed is replaced); returns how many rows were added or changed."""
        by_day = {r.day: r for r in self._rows}
        new = [d for d in days if by_day.get(d.day) != d]
        by_day.update({d.day: d for d in new})
        self.beginResetModel()
        self._rows = sorted(by_day.values(), key=lambda r: r.day)
        self.endResetModel()
        if new:
            self.edited.emit()
        return len(new)

    def remove_rows(self, rows: Iterable[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
        self.edited.emit()

    def calendar_days(self, notice: str) -> list[CalendarDay]:
        return [CalendarDay(r.day, r.is_workday, r.name, notice) for r in self._rows]

    def rows(self) -> list[DayRow]:
        return list(self._rows)

    # -- Qt overrides ------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], COLUMNS[index.column()]
        if role in (Qt.DisplayRole, Qt.EditRole):
            return col.show(row)
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignCenter if index.column() != NAME else Qt.AlignLeft | Qt.AlignVCenter)
        if role == Qt.ForegroundRole and index.column() == KIND and row.is_workday:
            return QBrush(QColor("#b86e00"))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section].header
        if orientation == Qt.Vertical:
            return section + 1
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if self.editable and COLUMNS[index.column()].editable:
            base |= Qt.ItemIsEditable
        return base

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.EditRole) -> bool:
        if role != Qt.EditRole or not index.isValid() or not self.editable:
            return False
        row = self._rows[index.row()]
        new = self._changed(row, index.column(), str(value or "").strip())
        if new is None:
            return False
        self._rows[index.row()] = new
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(COLUMNS) - 1))
        self.edited.emit()
        return True

    def _changed(self, row: DayRow, column: int, text: str) -> DayRow | None:
        if column == DATE:
            try:
                day = parse_date(text)
            except ValueError:
                day = None
            if day is None:
                self.invalid.emit(f"“{text}”不是有效日期，请按2027-01-01的格式填写。")
                return None
            if any(r.day == day and r is not row for r in self._rows):
                self.invalid.emit(f"{day}已在列表中，不能重复录入。")
                return None
            return replace(row, day=day)
        if column == KIND:
            if text not in KINDS:
                self.invalid.emit("类型只能是“放假”或“调休上班”。")
                return None
            return replace(row, is_workday=text == WORKDAY)
        if column == NAME:
            return replace(row, name=text)
        return None
