"""数据: import and export the 台账 (domain §6), back up and restore the database."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
    QTableView, QVBoxLayout, QWidget,
)

from app.services.container import Services
from app.services.dto import Actor
from app.services.ledger.ledger_report import note_lines, report_lines
from app.services.ledger.ledger_service import ImportResult
from app.ui.data import data_files
from app.ui.common import prompts
from app.ui.data.backup_panel import BackupPanel
from app.ui.data.data_error_model import RowErrorTableModel, report_text
from app.ui.common.data_table_model import configure_table
from app.ui.common.data_task_bar import DataTaskBar, error_text
from app.ui.data.ledger_mapping_dialog import LedgerMappingDialog
from app.workflow.ledger_row import COLUMNS, REQUIRED
from app.workflow.vocabulary import Role

IMPORT_ROLES = (Role.ADMIN, Role.CLERK)
FIRST_YEAR = 2008   # the first Regulation came into force on 2008-05-01
IMPORT_HELP = ("表头可在任一工作表的前10行，列的顺序不限：" + "、".join(COLUMNS) + "等。其中" +
               "、".join(REQUIRED) + "必填。选择文件后先核对列和值的对应、预览将新增和修改的内容，再导入；"
               "按申请编号更新已有申请，只改台账中有的内容；任何一行有问题时不写入任何数据。")
NO_REPORT = "导入台账时，发现的问题会在这里逐行列出（与命令行导入的提示相同），可复制或另存。"
PROBLEM_STYLE = "color: #c62828; font-weight: bold;"


class DataView(QWidget):
    requests_changed = Signal()          # an import created or updated cases
    database_restored = Signal(object)   # RestoreResult: every page must re-read the database

    def __init__(self, services: Services, actor: Actor, parent=None):
        super().__init__(parent)
        self._services, self._actor = services, actor
        self.tasks = DataTaskBar()
        self.backup_panel = BackupPanel(services.backup, actor, self.tasks)
        self.backup_panel.restored.connect(self.database_restored.emit)
        self.errors = RowErrorTableModel(parent=self)
        self.mapping_dialog: LedgerMappingDialog | None = None
        self._build()
        self.tasks.busy_changed.connect(self._busy)

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        grid = QGridLayout()
        grid.addWidget(self._import_box(), 0, 0)
        grid.addWidget(self._export_box(), 0, 1)
        grid.addWidget(self.backup_panel, 0, 2)
        for col in range(3):
            grid.setColumnStretch(col, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addWidget(self.tasks)
        lay.addWidget(self._report_box(), 1)

    def _import_box(self) -> QGroupBox:
        box = QGroupBox("导入台账")
        help_ = QLabel(IMPORT_HELP)
        help_.setWordWrap(True)
        self.import_button = QPushButton("选择台账文件并导入…")
        self.import_button.clicked.connect(self.start_import)
        lay = QVBoxLayout(box)
        lay.addWidget(help_)
        if self._actor.role in IMPORT_ROLES:
            lay.addWidget(self.import_button)
        else:
            lay.addWidget(QLabel("只有登记员和管理员可以导入台账。"))
        lay.addStretch(1)
        return box

    def _export_box(self) -> QGroupBox:
        box = QGroupBox("导出台账")
        self.year = QComboBox()
        self.year.addItem("全部年份", None)
        for y in range(date.today().year, FIRST_YEAR - 1, -1):
            self.year.addItem(f"{y}年收到的申请", y)
        self.export_button = QPushButton("导出台账…")
        self.export_button.clicked.connect(self.start_export)
        self.with_contacts = QCheckBox("同时导出证件号码、联系电话、通信地址等个人信息")
        note = QLabel("导出的文件含应答复日期和状态，可直接再导入；不含个人信息的导出再导入时不会清除已存的个人信息。")
        note.setWordWrap(True)
        lay = QVBoxLayout(box)
        lay.addWidget(note)
        lay.addWidget(self.year)
        lay.addWidget(self.with_contacts)
        lay.addWidget(self.export_button)
        lay.addStretch(1)
        return box

    def _report_box(self) -> QGroupBox:
        self.report = QGroupBox("导入问题清单与结果")
        self.report_summary = QLabel()
        self.report_summary.setWordWrap(True)
        self.error_table = QTableView()
        configure_table(self.error_table, self.errors)
        self.error_table.setSelectionMode(QTableView.ExtendedSelection)
        copy, save = QPushButton("复制全部"), QPushButton("另存为文本…")
        copy.clicked.connect(self.copy_report)
        save.clicked.connect(self.save_report)
        buttons = QHBoxLayout()
        buttons.addWidget(self.report_summary, 1)
        buttons.addWidget(copy)
        buttons.addWidget(save)
        lay = QVBoxLayout(self.report)
        lay.addLayout(buttons)
        lay.addWidget(self.error_table, 2)
        self.result_text = QPlainTextEdit()
        self.result_text.setReadOnly(True)
        self.result_text.setPlaceholderText("导入完成后，这里列出新增、逐项修改、拒绝的内容和导入后即逾期的申请。")
        lay.addWidget(self.result_text, 1)
        self.report_summary.setText(NO_REPORT)
        self.report_summary.setStyleSheet("")
        return self.report

    def _busy(self, busy: bool) -> None:
        for b in (self.import_button, self.export_button):
            b.setEnabled(not busy)
        self.backup_panel.set_enabled(not busy)

    # -- import ------------------------------------------------------------------------------
    def start_import(self) -> None:
        """Choose the file, then the mapping step (columns, values, preview); it starts the import."""
        path = prompts.open_file(self, "选择要导入的台账", data_files.XLSX_FILTER)
        if not path:
            return
        self.errors.set_rows([])
        self.result_text.clear()
        self.report_summary.setText("")
        if self.mapping_dialog is not None:       # the last import's window, long finished
            self.mapping_dialog.deleteLater()
        dlg = LedgerMappingDialog.ask(self, self._services.ledger, self._actor, path)
        dlg.problems.connect(self._problems)
        dlg.accepted.connect(lambda: self._run_import(path, dlg.options()))
        self.mapping_dialog = dlg

    def _run_import(self, path: str, options) -> None:
        self.tasks.start("导入台账", partial(self._services.ledger.import_file, options=options), self._actor, path,
                         on_done=self._imported, on_error=lambda e: f"导入失败：{error_text(e)}")

    def _problems(self, errors) -> None:
        self.errors.set_rows(errors)
        self.report_summary.setText(f"共{len(errors)}处问题（与命令行导入的提示相同）。本次导入未写入任何"
                                    "数据，请在台账中逐条修改（或在导入窗口中调整对应关系）后重新导入。")
        self.report_summary.setStyleSheet(PROBLEM_STYLE)
        self.tasks.show_status(f"不能导入：发现{len(errors)}处问题，未写入任何数据。", False)

    def _imported(self, result: ImportResult) -> str | tuple[str, bool]:
        self.errors.set_rows(result.errors)
        if result.errors:
            summary = f"导入失败：发现{len(result.errors)}处问题，未写入任何数据。请修改台账后重新导入。"
            self.report_summary.setText(f"共{len(result.errors)}处问题（与命令行导入的提示相同）。本次导入未写入任何"
                                        "数据，请在台账中逐条修改后重新导入。")
            self.report_summary.setStyleSheet(PROBLEM_STYLE)
            return summary, False
        self.report_summary.setText("本次导入没有发现问题。")
        self.report_summary.setStyleSheet("")
        self.result_text.setPlainText("\n".join([result.where + "。"] + note_lines(result.notes) + report_lines(result)))
        self.requests_changed.emit()
        text = f"导入完成：新增{result.created}件，更新{result.updated}件，无变化{result.unchanged}件。"
        if result.refusals:
            text += f"未修改{len(result.refusals)}处（已归档、会后退或被他人修改）。"
        if result.overdue:
            text += f"导入后即逾期{len(result.overdue)}件。"
        return text

    def report_lines(self) -> str:
        return report_text(self.errors.rows())

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report_lines())

    def save_report(self) -> None:
        path = prompts.save_file(self, "保存导入问题清单", "台账导入问题清单.txt", data_files.TEXT_FILTER)
        if path:
            Path(path).write_text(self.report_lines(), encoding="utf-8")

    # -- export ------------------------------------------------------------------------------
    def start_export(self) -> None:
        year = self.year.currentData()
        suggested = f"台账-{year or '全部'}-{date.today():%Y%m%d}.xlsx"
        path = prompts.save_file(self, "导出台账到", suggested, data_files.XLSX_FILTER)
        if path:
            export = partial(self._services.ledger.export_file, with_contacts=self.with_contacts.isChecked())
            self.tasks.start("导出台账", export, path, year,
                             on_done=lambda n: f"导出完成：{n}件申请已写入{path}。",
                             on_error=lambda e: f"导出失败：{error_text(e)}")
