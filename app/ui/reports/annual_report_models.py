"""Table models of the annual-report screen: table 三 (with drill-down keys), table 四, the cases of a cell."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.ui.common.columns import CENTER, LEFT, Column, text, ymd
from app.ui.common.list_table_model import ListTableModel
from app.workflow.annual_counts import (
    APPLICANT_COLUMNS, COLUMNS, LEGAL_PERSONS, REVIEW_KINDS, RESULTS_LABEL, ROW_CARRIED, ROW_NEW, ROW_NEXT,
    ROW_TOTAL, TABLE4_COLUMNS, Table3, Table4, row_label, row_title,
)
from app.workflow.outcomes import GROUPS, Outcome

CELL_ROLE = Qt.UserRole + 10          # (row key, column) of a figure of table 三, for drill-down
_GROUP_BG = QBrush(QColor("#f3f6f9"))
_BOLD = QFont()
_BOLD.setBold(True)


def _table3_lines() -> list[tuple[str | None, str]]:
    """(row key or None for a heading line, label) in the order of the printed table."""
    lines: list[tuple[str | None, str]] = [(ROW_NEW, row_label(ROW_NEW)), (ROW_CARRIED, row_label(ROW_CARRIED)),
                                           (None, RESULTS_LABEL)]
    for group in GROUPS:
        leaves = [o for o in Outcome if o.group == group.code]
        if len(leaves) == 1:
            lines.append((leaves[0].code, "　　" + group.label))
        else:
            lines.append((None, "　　" + group.label))
            lines += [(o.code, "　　　　" + o.row_label) for o in leaves]
    lines += [(ROW_TOTAL, "　　" + row_label(ROW_TOTAL)), (ROW_NEXT, row_label(ROW_NEXT))]
    return lines


class Table3TableModel(QAbstractTableModel):
    """Column 0 is the row label; columns 1–7 the six applicant columns and 总计. Heading lines
    （三、本年度办理结果 and groups （三）–（六）) carry no figures, as in the printed table."""

    LINES = _table3_lines()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._table: Table3 | None = None

    def set_table(self, table: Table3 | None) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.LINES)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 1 + len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.DisplayRole):
        if orientation != Qt.Horizontal or not 0 <= section <= len(COLUMNS):
            return None
        if role == Qt.DisplayRole:
            return "项目" if section == 0 else COLUMNS[section - 1]
        if role == Qt.ToolTipRole and 1 < section < len(COLUMNS):
            return f"{LEGAL_PERSONS}—{APPLICANT_COLUMNS[section - 1]}"
        return None

    def cell(self, index: QModelIndex) -> tuple[str, int] | None:
        """The (row key, column) a figure stands for, or None for labels and heading lines."""
        if not index.isValid() or index.column() == 0:
            return None
        key = self.LINES[index.row()][0]
        return (key, index.column() - 1) if key is not None and self._table is not None else None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or index.row() >= len(self.LINES):
            return None
        key, label = self.LINES[index.row()]
        cell = self.cell(index)
        if role == Qt.DisplayRole:
            if index.column() == 0:
                return label
            return str(self._table.value(*cell)) if cell else ""
        if role == Qt.ToolTipRole:
            if cell:
                return f"{row_title(key)} · {COLUMNS[cell[1]]}：单击查看这些申请"
            return row_title(key) if key else None
        if role == Qt.TextAlignmentRole:
            return int(LEFT if index.column() == 0 else CENTER)
        if role == Qt.BackgroundRole and key is None:
            return _GROUP_BG
        if role == Qt.FontRole and (key in (ROW_TOTAL, ROW_NEW, ROW_CARRIED, ROW_NEXT) or key is None):
            return _BOLD
        if role == CELL_ROLE:
            return cell
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable if self.cell(index) else Qt.ItemIsEnabled


class Table4TableModel(QAbstractTableModel):
    """One line per kind (行政复议, 行政诉讼 twice), five columns: 结果维持 … 总计."""

    LABELS = ("行政复议", "行政诉讼·未经复议直接起诉", "行政诉讼·复议后起诉")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._table: Table4 | None = None

    def set_table(self, table: Table4 | None) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(REVIEW_KINDS)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 1 + len(TABLE4_COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section <= len(TABLE4_COLUMNS):
            return "类别" if section == 0 else TABLE4_COLUMNS[section - 1]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or index.row() >= len(REVIEW_KINDS):
            return None
        if role == Qt.DisplayRole:
            if index.column() == 0:
                return self.LABELS[index.row()]
            return "" if self._table is None else str(self._table.cells[REVIEW_KINDS[index.row()]][index.column() - 1])
        if role == Qt.TextAlignmentRole:
            return int(LEFT if index.column() == 0 else CENTER)
        return None

    def flags(self, index):
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable if index.isValid() else Qt.NoItemFlags


class CaseRefTableModel(ListTableModel):
    """The cases behind one figure of table 三."""

    COLUMNS = (
        Column("number", "申请编号", text, width=190),
        Column("applicant_name", "申请人", text, width=150),
        Column("applicant_type", "申请人类型", text, width=90),
        Column("receipt_date", "收到日期", ymd, CENTER, width=90),
        Column("reply_date", "答复日期", ymd, CENTER, width=90),
        Column("outcome_label", "办理结果", text, width=200),
    )


class ReviewRegisterTableModel(ListTableModel):
    """The review/lawsuit register (table 四's source)."""

    COLUMNS = (
        Column("kind", "类别", text, width=120),
        Column("request_number", "申请编号", text, width=180),
        Column("filed_on", "提起日期", ymd, CENTER, width=90),
        Column("result_label", "结果", text, CENTER, width=80),
        Column("decided_on", "审结日期", ymd, CENTER, width=90),
        Column("notes", "备注", text, width=200),
        Column("warning", "提示", text, width=260),
    )
