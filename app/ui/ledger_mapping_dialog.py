"""数据 → 导入台账 as a mapping step: columns and values mapped, a preview, then the import.

Reading the ledger and the preview (a dry run) run off the UI thread; nothing is written until the
clerk presses 导入 on a preview without problems. A mapping can be saved under a name and is
offered at the next import.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QProgressBar,
    QPushButton, QTableView, QVBoxLayout,
)

from app.errors import DomainError
from app.services.dto import Actor
from app.services.ledger_analysis import LedgerAnalysis
from app.services.ledger_plan import LedgerOptions
from app.services.ledger_report import report_lines
from app.services.ledger_service import ImportResult, LedgerService
from app.ui import prompts
from app.ui.data_table_model import configure_table
from app.ui.ledger_mapping_models import UNCHOSEN, ChoiceDelegate, ColumnMapTableModel, ValueMapTableModel
from app.ui.tasks import run_task
from app.workflow.ledger_columns import IGNORE

NO_MAPPING = "（不使用已保存的映射）"
SHOWN_LINES = 2000      # a 50,000-row preview is summarised; the command line's --dry-run lists every row
STALE = "映射已修改，请点“重新检查并预览”。"


class LedgerMappingDialog(QDialog):
    """Non-blocking (``open``): the data page starts the import when ``accepted`` with ``options()``."""

    problems = Signal(object)      # tuple[RowError, ...]: what stops this ledger (the data page lists it)
    previewed = Signal(object)     # ImportResult of a clean dry run

    def __init__(self, service: LedgerService, actor: Actor, path: str | Path, parent=None):
        super().__init__(parent)
        self._service, self._actor, self._path = service, actor, Path(path)
        self._base = LedgerOptions()
        self.analysis: LedgerAnalysis | None = None
        self.preview: ImportResult | None = None
        self.setWindowTitle(f"导入台账：{self._path.name}")
        self.resize(980, 760)
        self.columns, self.values = ColumnMapTableModel(self), ValueMapTableModel(self)
        self._build()
        self.columns.dataChanged.connect(self._stale)
        self.values.dataChanged.connect(self._stale)

    @classmethod
    def ask(cls, parent, service: LedgerService, actor: Actor, path: str | Path) -> "LedgerMappingDialog":
        dlg = cls(service, actor, path, parent)
        dlg.open()
        dlg.start()
        return dlg

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.where = QLabel()
        self.sheet = QComboBox()
        self.saved = QComboBox()
        for box in (self.sheet, self.saved):
            box.setSizeAdjustPolicy(QComboBox.AdjustToContents)
            box.setMinimumWidth(160)
        self.saved.addItem(NO_MAPPING)
        self.saved.addItems(self._service.mapping_names())
        self.saved.activated.connect(self._apply_saved)
        top = QHBoxLayout()
        top.addWidget(self.where, 1)
        top.addWidget(QLabel("工作表："))
        top.addWidget(self.sheet)
        top.addWidget(QLabel("已保存的映射："))
        top.addWidget(self.saved)
        self.sheet.activated.connect(lambda _i: self.start())
        self.column_view, self.value_view = QTableView(), QTableView()
        boxes = []
        for title, view, model in (("① 列对应（已按常见列名自动识别，可逐列修改；不需要的列选“忽略”）", self.column_view,
                                    self.columns),
                                   ("② 需要对应的值（按申请人名称给出建议，请逐项确认）", self.value_view, self.values)):
            configure_table(view, model)
            view.setItemDelegateForColumn(len(model.COLUMNS) - 1, ChoiceDelegate(view))
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(view)
            boxes.append(box)
        self.summary = QLabel("正在读取台账……")
        self.summary.setWordWrap(True)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        preview = QGroupBox("③ 预览（写入前）：将新增、修改（逐项）和拒绝的内容")
        lay = QVBoxLayout(preview)
        lay.addWidget(self.summary)
        lay.addWidget(self.report)
        self.progress = QProgressBar()
        self.name = QLineEdit()
        self.name.setPlaceholderText("映射名称，例如“某系统导出台账”")
        self.save_button = QPushButton("保存映射")
        self.save_button.clicked.connect(self.save_mapping)
        self.check_button = QPushButton("重新检查并预览")
        self.check_button.clicked.connect(self.start)
        self.import_button = QPushButton("导入")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.accept)
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        for w in (self.name, self.save_button, self.progress, self.check_button, self.import_button, cancel):
            bottom.addWidget(w)
        main = QVBoxLayout(self)
        main.addLayout(top)
        main.addWidget(boxes[0], 3)
        main.addWidget(boxes[1], 2)
        main.addWidget(preview, 3)
        main.addLayout(bottom)
        self.import_button.setEnabled(False)

    # -- the mapping the clerk made ------------------------------------------------------------
    def options(self, dry_run: bool = False) -> LedgerOptions:
        columns = dict(self._base.columns)
        for c, target in self.columns.chosen():
            if (c.target or IGNORE) != target:
                columns[c.header] = target
        values = dict(self._base.values)
        for v, target in self.values.chosen():
            if target != UNCHOSEN:
                values[(v.column, v.raw)] = target
        sheet = self.sheet.currentText() or self._base.sheet
        return LedgerOptions(sheet, columns, values, dry_run, self.saved.currentText()
                             if self.saved.currentIndex() > 0 else self.name.text().strip())

    def _apply_saved(self, index: int) -> None:
        if index <= 0:
            self._base = LedgerOptions()
        else:
            try:
                self._base = self._service.load_mapping(self.saved.currentText())
            except DomainError as e:
                prompts.error(self, "台账映射", e.message)
                return
            self.name.setText(self.saved.currentText())
        self.sheet.clear()
        self.start()

    def save_mapping(self) -> None:
        try:
            self._service.save_mapping(self._actor, self.name.text(), self.options())
        except DomainError as e:
            prompts.error(self, "保存台账映射", e.message)
            return
        name = self.name.text().strip()
        if self.saved.findText(name) < 0:
            self.saved.addItem(name)
        self.summary.setText(f"映射“{name}”已保存，下次导入时可在“已保存的映射”中选用。")

    # -- reading and preview, off the UI thread -------------------------------------------------
    def start(self) -> None:
        """Read the ledger with the current mapping, then preview the import (a dry run)."""
        opts = self.options()
        self._busy(True, "正在读取台账……")
        run_task(self._service.analyse, self._path, opts, on_progress=self._progress,
                 on_done=self._analysed, on_error=self._failed)

    def _analysed(self, a: LedgerAnalysis) -> None:
        self._base = LedgerOptions(a.sheet or None, self.options().columns, self.options().values)
        self.analysis = a
        self.where.setText(a.where or "没有找到表头")
        if not self.sheet.count():
            self.sheet.addItems(a.sheets)
        self.sheet.setCurrentText(a.sheet)
        self.columns.set_rows(a.columns)
        self.values.set_rows(a.values)
        for view, model in ((self.column_view, self.columns), (self.value_view, self.values)):
            for r in range(model.rowCount()):
                view.openPersistentEditor(model.index(r, len(model.COLUMNS) - 1))
        if a.errors:
            self._show(None, [str(e) for e in a.errors])
            self.problems.emit(a.errors)
            return
        self._busy(True, "正在预览……")
        run_task(self._service.import_file, self._actor, self._path, options=self.options(dry_run=True),
                 on_progress=self._progress, on_done=self._previewed, on_error=self._failed)

    def _previewed(self, result: ImportResult) -> None:
        self.preview = result
        if result.ok:
            self._show(result, report_lines(result))
            self.previewed.emit(result)
        else:
            self._show(None, [f"发现{len(result.errors)}处问题，修改映射或台账后再预览："] + [str(e) for e in result.errors])
            self.problems.emit(result.errors)

    def _show(self, result: ImportResult | None, lines: list[str]) -> None:
        self._busy(False)
        if len(lines) > SHOWN_LINES:
            rest = len(lines) - SHOWN_LINES
            lines = lines[:SHOWN_LINES] + [f"……其余{rest}行从略（完整清单可用命令行 import-ledger --dry-run 查看）"]
        self.report.setPlainText("\n".join(lines))
        if result is None:
            self.summary.setText("不能导入：请按下列提示修改（未写入任何数据）。")
            self.summary.setStyleSheet("color: #c62828; font-weight: bold;")
        else:
            late = f"，导入后即逾期{len(result.overdue)}件" if result.overdue else ""
            self.summary.setText(f"可以导入：将新增{result.created}件，更新{result.updated}件，无变化{result.unchanged}件，"
                                 f"拒绝{len(result.refusals)}处{late}。点“导入”写入。")
            self.summary.setStyleSheet("")
        self.import_button.setEnabled(result is not None)

    def _failed(self, e: Exception, _tb: str = "") -> None:
        self._show(None, [e.message if isinstance(e, DomainError) else f"出现意外错误：{e.__class__.__name__}: {e}"])

    def _stale(self, *_args) -> None:
        self.import_button.setEnabled(False)
        self.summary.setText(STALE)

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _busy(self, busy: bool, text: str = "") -> None:
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
            self.summary.setText(text)
            self.import_button.setEnabled(False)
        self.check_button.setEnabled(not busy)
