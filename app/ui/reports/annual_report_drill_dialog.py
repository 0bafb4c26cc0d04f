"""The cases behind one figure of table 三, listed in a window; double-click opens a case."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QLabel, QTableView, QVBoxLayout

from app.ui.reports.annual_report_models import CaseRefTableModel


class AnnualReportDrillDialog(QDialog):
    """Non-modal, so the office can keep several lists open beside the table."""

    open_case = Signal(int)

    def __init__(self, parent, title: str, cases: list):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.resize(860, 420)
        self.model = CaseRefTableModel(self)
        self.model.set_rows(cases)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        for i, col in enumerate(self.model.COLUMNS):
            self.table.setColumnWidth(i, col.width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open)
        summary = QLabel(f"共{len(cases)}件。双击一行打开该申请。" if cases else "该项没有申请。", self)
        summary.setObjectName("hint")
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.button(QDialogButtonBox.Close).setText("关闭")
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _open(self, index) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.open_case.emit(row.id)

    @classmethod
    def show_cases(cls, parent, title: str, cases: list) -> "AnnualReportDrillDialog":
        dialog = cls(parent, title, cases)
        dialog.show()
        return dialog
