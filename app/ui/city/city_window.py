"""The city office's main window: 督办看板, 已发督办通知, 全市集中申请事项, and the weekly summary."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from app.errors import DomainError
from app.services.dto import Actor
from app.ui.city.city_board_view import CityBoardView, _table
from app.ui.city.city_models import CityNoticeTableModel
from app.ui.common import prompts
from app.ui.common.change_hub import ChangeHub


class CityWindow(QMainWindow):
    """What a 市政务公开办 user gets instead of an agency's workbench (it belongs to no agency)."""

    switch_user = Signal()

    def __init__(self, services, actor: Actor, settings: QSettings | None = None):
        super().__init__()
        self.services, self.actor = services, actor
        self.settings = settings if settings is not None else QSettings()
        self.hub = ChangeHub(self)          # the start-up's due-date refresh reports through it
        self.setWindowTitle("市政务公开办 · 全市依申请公开督办")
        self.tabs = QTabWidget(self)
        self.board = CityBoardView(services.city, actor, self)
        self.tabs.addTab(self.board, "督办看板")
        self.sent_model = CityNoticeTableModel(self)
        self.sent_table = _table(self, self.sent_model)
        self.tabs.addTab(self.sent_table, "已发督办通知")
        self.subjects = QTableWidget(0, 3, self)
        self.subjects.setHorizontalHeaderLabels(["集中申请事项", "申请件数", "各机关件数"])
        self.subjects.setColumnWidth(2, 520)
        holder = QWidget(self)
        col = QVBoxLayout(holder)
        col.addWidget(QLabel("本年内在两个及以上机关被申请的事项（只含事项和件数，不含申请内容）：", holder))
        col.addWidget(self.subjects, 1)
        self.tabs.addTab(holder, "全市集中申请事项")
        self.setCentralWidget(self.tabs)
        self.board.notice_sent.connect(lambda _n: self.refresh_sent())
        self.tabs.currentChanged.connect(self._tab_changed)
        self._build_menu()
        self.statusBar().showMessage(f"当前用户：{actor.display_name}（{actor.role}）")

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu("文件")
        for label, slot, key in (("导出全市督办周报…", self.export_weekly, None),
                                 ("刷新", self.board.refresh, QKeySequence.Refresh),
                                 ("注销/切换用户", self.switch_user.emit, "Ctrl+L")):
            action = QAction(label, self)
            if key:
                action.setShortcut(key)
            action.triggered.connect(slot)
            menu.addAction(action)

    def _tab_changed(self, index: int) -> None:
        if index == 1:
            self.refresh_sent()
        elif index == 2:
            self.refresh_subjects()

    def refresh_sent(self) -> None:
        self.sent_model.set_rows(self.services.city.notices.sent(self.actor))

    def refresh_subjects(self) -> None:
        today = self.services.city.board.today()
        try:
            found = self.services.city.subjects.concentrated(self.actor, date(today.year, 1, 1), today)
        except DomainError as e:
            prompts.error(self, "全市集中申请事项", str(e))
            return
        self.subjects.setRowCount(len(found))
        for r, s in enumerate(found):
            for c, value in enumerate((s.family, str(s.total), "；".join(f"{a} {n}件" for a, n in s.by_agency))):
                self.subjects.setItem(r, c, QTableWidgetItem(value))

    def export_weekly(self) -> None:
        today = self.services.city.board.today()
        monday = today - timedelta(days=today.weekday())
        year, week, _ = monday.isocalendar()
        label = f"{year}-W{week:02d}"
        path = prompts.save_file(self, "导出全市督办周报", f"全市督办周报{label}.xlsx", "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        try:
            self.services.city.weekly.export(self.actor, label, path)
        except DomainError as e:
            prompts.error(self, "导出全市督办周报", str(e))
            return
        prompts.info(self, "导出全市督办周报", f"已导出：{path}")
