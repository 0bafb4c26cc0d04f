"""数据 → 导入台账 as a mapping step: columns and values mapped, a preview, then the import.

Reading the ledger and the preview (a dry run) run off the UI thread; nothing is written until the
clerk presses 导入 on a preview without problems. A mapping can be saved under a name and is
offered at the next import.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QProgressBar,
    QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from app.errors import DomainError
from app.services.dto import Actor
from app.services.ledger.ledger_analysis import LedgerAnalysis
from app.services.ledger.ledger_plan import LedgerOptions
from app.services.ledger.ledger_report import note_lines, report_lines
from app.services.ledger.ledger_service import ImportResult, LedgerService
from app.ui.common import prompts
from app.ui.common.data_table_model import configure_table
from app.ui.data.ledger_mapping_layout import available_area, fit_to
from app.ui.data.ledger_mapping_models import (
    UNCHOSEN, ChoiceDelegate, ColumnMapTableModel, RowChoiceTableModel, ValueMapTableModel,
)
from app.ui.common.tasks import run_task
from app.workflow.ledger_columns import IGNORE
from app.workflow.ledger_values import default_choices

NO_MAPPING = "（不使用已保存的映射）"
NOT_SET = "（不指定）"
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
        self.setSizeGripEnabled(True)
        self.columns, self.values = ColumnMapTableModel(self), ValueMapTableModel(self)
        self.row_choices = RowChoiceTableModel(self)
        self.defaults: dict[str, QComboBox] = {}       # a missing column → what every row takes
        self._build()
        self.fit_to(available_area(self))
        for model in (self.columns, self.values, self.row_choices):
            model.dataChanged.connect(self._stale)

    @classmethod
    def ask(cls, parent, service: LedgerService, actor: Actor, path: str | Path) -> "LedgerMappingDialog":
        dlg = cls(service, actor, path, parent)
        dlg.open()
        dlg.start()
        return dlg

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        main = QVBoxLayout(self)
        main.addLayout(self._top())
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #555;")
        self.notes.hide()
        main.addWidget(self.notes)
        self.column_view, self.value_view, self.row_view = QTableView(), QTableView(), QTableView()
        for view, model in ((self.column_view, self.columns), (self.value_view, self.values),
                            (self.row_view, self.row_choices)):
            configure_table(view, model)
            view.setItemDelegateForColumn(len(model.COLUMNS) - 1, ChoiceDelegate(view))
            view.setWordWrap(False)                       # one line per row: 30 columns fit when maximised
            view.verticalHeader().setDefaultSectionSize(26)
        column_box = self._box("① 列对应（已按常见列名自动识别，可逐列修改；不需要的列选“忽略”）", self.column_view)
        self.value_box = self._box("② 需要对应的值（按申请人名称给出建议，请逐项确认；一个值对应多种结果时选“逐行选择”）",
                                   self.value_view)
        self.default_box = QGroupBox("缺少的列：为所有行指定（或按名称判断、逐行选择）")
        self.default_form = QFormLayout(self.default_box)
        self.default_box.hide()
        self.row_box = self._box("④ 逐行选择：按关键词读出的办理结果请逐行核对，设为“逐行选择”的值请逐行选择", self.row_view)
        self.row_box.hide()
        right = QWidget()
        lay = QVBoxLayout(right)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.value_box, 2)
        lay.addWidget(self.default_box)
        lay.addWidget(self.row_box, 3)
        across = QSplitter(Qt.Horizontal)
        across.addWidget(column_box)
        across.addWidget(right)
        across.setSizes([560, 700])
        self.splitter = QSplitter(Qt.Vertical)
        self.splitter.addWidget(across)
        self.splitter.addWidget(self._preview())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        main.addWidget(self.splitter, 1)
        main.addLayout(self._bottom())
        self.import_button.setEnabled(False)

    @staticmethod
    def _box(title: str, view: QTableView) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(view)
        return box

    def _top(self) -> QHBoxLayout:
        self.where = QLabel()
        self.sheet = QComboBox()
        self.saved = QComboBox()
        for box in (self.sheet, self.saved):
            box.setSizeAdjustPolicy(QComboBox.AdjustToContents)
            box.setMinimumWidth(160)
        self.saved.addItem(NO_MAPPING)
        self.saved.addItems(self._service.mapping_names())
        self.saved.activated.connect(self._apply_saved)
        self.sheet.activated.connect(lambda _i: self.start())
        top = QHBoxLayout()
        top.addWidget(self.where, 1)
        top.addWidget(QLabel("工作表："))
        top.addWidget(self.sheet)
        top.addWidget(QLabel("已保存的映射："))
        top.addWidget(self.saved)
        return top

    def _preview(self) -> QGroupBox:
        self.summary = QLabel("正在读取台账……")
        self.summary.setWordWrap(True)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        preview = QGroupBox("③ 预览（写入前）：将新增（含每行的申请人类型和办理结果）、修改（逐项）和拒绝的内容")
        lay = QVBoxLayout(preview)
        lay.addWidget(self.summary)
        lay.addWidget(self.report)
        return preview

    def _bottom(self) -> QHBoxLayout:
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
        return bottom

    def fit_to(self, area: QRect) -> None:
        """Open within the screen's available area (a 1366×768 laptop included), centred there."""
        fit_to(self, area)

    # -- the mapping the clerk made ------------------------------------------------------------
    def options(self, dry_run: bool = False) -> LedgerOptions:
        columns = dict(self._base.columns)
        for c, target in self.columns.chosen():
            if (c.target or IGNORE) != target:
                columns[c.key or c.header] = target
        values = dict(self._base.values)
        for v, target in self.values.chosen():
            if target != UNCHOSEN:
                values[(v.column, v.raw)] = target
        sheet = self.sheet.currentText() or self._base.sheet
        name = self.saved.currentText() if self.saved.currentIndex() > 0 else self.name.text().strip()
        return LedgerOptions(sheet, columns, values, dry_run, name, self._chosen_defaults(), self._chosen_rows())

    def _chosen_defaults(self) -> dict[str, str]:
        if self.analysis is None:
            return dict(self._base.defaults)
        return {col: box.currentText() for col, box in self.defaults.items() if box.currentText() != NOT_SET}

    def _chosen_rows(self) -> dict[tuple[int, str], str]:
        if self.analysis is None:
            return dict(self._base.row_values)
        return {(r.row, r.column): t for r, t in self.row_choices.chosen() if t != UNCHOSEN}

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
        opts = self.options()
        self._base = LedgerOptions(a.sheet or None, opts.columns, opts.values, defaults=opts.defaults,
                                   row_values=opts.row_values)
        self.analysis = a
        self.where.setText(a.where or "没有找到表头")
        self.notes.setText("；".join(note_lines(a.notes)[:1] + list(a.notes[1:])))
        self.notes.setVisible(bool(a.notes))
        if not self.sheet.count():
            self.sheet.addItems(a.sheets)
        self.sheet.setCurrentText(a.sheet)
        self.columns.set_rows(a.columns)
        self.values.set_rows(a.values)
        self.row_choices.set_rows(a.per_row)
        self.row_box.setVisible(bool(a.per_row))
        self.row_box.setTitle(f"④ 逐行选择（{len(a.per_row)}行）：按关键词读出的办理结果请逐行核对，"
                              "设为“逐行选择”的值请逐行选择")
        self._set_defaults(a.missing, opts.defaults)
        for view, model in ((self.column_view, self.columns), (self.value_view, self.values),
                            (self.row_view, self.row_choices)):
            for r in range(model.rowCount()):
                view.openPersistentEditor(model.index(r, len(model.COLUMNS) - 1))
        if a.errors:
            self._show(None, [str(e) for e in a.errors])
            self.problems.emit(a.errors)
            return
        self._busy(True, "正在预览……")
        run_task(self._service.import_file, self._actor, self._path, options=self.options(dry_run=True),
                 on_progress=self._progress, on_done=self._previewed, on_error=self._failed)

    def _set_defaults(self, missing: tuple[str, ...], chosen: dict[str, str]) -> None:
        """One choice per column the ledger lacks: a value for every row, 按名称判断 or 逐行选择."""
        if tuple(self.defaults) != missing:
            while self.default_form.rowCount():
                self.default_form.removeRow(0)
            self.defaults = {}
            for col in missing:
                box = QComboBox()
                box.addItems([NOT_SET, *default_choices(col)])
                box.activated.connect(self._stale)
                self.default_form.addRow(f"台账没有“{col}”列，各行取：", box)
                self.defaults[col] = box
        for col, box in self.defaults.items():
            box.setCurrentText(chosen.get(col, NOT_SET))
        self.default_box.setVisible(bool(missing))

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
            lines = lines[:SHOWN_LINES] + [f"……其余{rest}行从略（导入后，数据页的结果清单列出全部）"]
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
