"""The main window: navigation between 首页, 申请列表, 登记 and pages other modules add."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QScrollArea, QStackedWidget,
    QVBoxLayout, QWidget,
)

from app.services.dto import Actor
from app.services.cases.query_service import RequestQuery
from app.ui.common import prompts
from app.ui.common.change_hub import ChangeHub
from app.ui.cases.registration_view import RegistrationView
from app.ui.common.screen_fit import first_placement
from app.ui.cases.request_detail_view import RequestDetailView
from app.ui.cases.request_list_view import RequestListView
from app.ui.common.style import icon
from app.ui.common.unsaved import settle, settle_all
from app.ui.cases.workbench_view import WorkbenchView
from app.workflow.vocabulary import Role

REGISTRARS = (Role.CLERK, Role.ADMIN)


class MainWindow(QMainWindow):
    switch_user = Signal()      # 注销/切换用户: the session closes this window and asks who logs in

    def __init__(self, services, actor: Actor, settings: QSettings | None = None):
        super().__init__()
        self.services, self.actor = services, actor
        self.settings = settings if settings is not None else QSettings()
        self.hub = ChangeHub(self)
        self.refresh_title()
        self.setWindowIcon(icon("app"))
        self.nav = QListWidget(self)
        self.nav.setObjectName("navList")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(168)
        self.nav.setFocusPolicy(Qt.StrongFocus)
        self.stack = QStackedWidget(self)
        self._nav_pages: list[QWidget] = []
        self._scrolls: dict[QWidget, QScrollArea] = {}
        self._build_central()
        self.workbench = WorkbenchView(services, actor, self.hub, self)
        self.request_list = RequestListView(services, self.hub, self.settings, self)
        self.registration = RegistrationView(services, actor, self.hub, self) if self.can_register else None
        self.detail = RequestDetailView(services, actor, self.hub, self)
        self.add_page("首页", self.workbench, "home")
        self.add_page("申请列表", self.request_list, "list")
        if self.registration is not None:
            self.add_page("登记", self.registration, "register")
        self._add_to_stack(self.detail)
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.workbench.show_query.connect(self.show_list)
        self.hub.open_request.connect(self.open_request)
        self.hub.requests_changed.connect(self._many_changed)
        self.detail.back_requested.connect(lambda: self.show_page(self.request_list))
        QShortcut(QKeySequence(Qt.Key_Escape), self.detail, self.detail.back_requested.emit,
                  context=Qt.WidgetWithChildrenShortcut)      # Esc leaves a case
        self._build_actions()
        self.statusBar().showMessage(f"当前用户：{actor.display_name}（{actor.role}）")
        self._restore_layout()
        self.nav.setCurrentRow(0)

    def refresh_title(self) -> None:
        """The agency (and 【演示数据库】); Windows and Linux add " - 依申请公开办理系统", the
        application's display name, themselves."""
        demo = "【演示数据库】" if self.services.settings.is_demo_database() else ""
        self.setWindowTitle(f"{self.services.settings.load().agency_name}{demo}")

    @property
    def can_register(self) -> bool:
        return self.actor.role in REGISTRARS

    def _build_central(self) -> None:
        side = QWidget(self)
        col = QVBoxLayout(side)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        brand = QLabel("依申请公开办理", side)
        brand.setObjectName("navTitle")
        user = QLabel(f"{self.actor.display_name} · {self.actor.role}", side)
        user.setObjectName("navUser")
        col.addWidget(brand)
        col.addWidget(self.nav, 1)
        col.addWidget(user)
        side.setFixedWidth(168)
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(side)
        page_area = QWidget(central)
        inner = QVBoxLayout(page_area)
        inner.setContentsMargins(14, 10, 14, 10)
        inner.addWidget(self.stack)
        row.addWidget(page_area, 1)
        self.setCentralWidget(central)

    # -- pages ------------------------------------------------------------------------------
    def add_page(self, title: str, widget: QWidget, icon_name: str = "page") -> None:
        """Add a page to the navigation (other modules contribute 管理, 数据, 年度报告 this way)."""
        item = QListWidgetItem(icon(icon_name), title)
        item.setSizeHint(QSize(160, 42))
        self.nav.addItem(item)
        self._nav_pages.append(widget)
        self._add_to_stack(widget)

    def _add_to_stack(self, widget: QWidget) -> None:
        """Each page sits in a scroll area, so no page's minimum size can push the window past a
        1366×768 screen: below the page's minimum the page scrolls instead."""
        scroll = QScrollArea(self.stack)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(widget)
        self._scrolls[widget] = scroll
        self.stack.addWidget(scroll)

    def page_titles(self) -> list[str]:
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    def _nav_changed(self, row: int) -> None:
        if not 0 <= row < len(self._nav_pages) or self._nav_pages[row] is self.current_page():
            return
        if not settle(self, self.current_page(), "离开本页"):
            self._select_nav(self.current_page())          # stay: the navigation follows
            return
        self.stack.setCurrentWidget(self._scrolls[self._nav_pages[row]])

    def _select_nav(self, page: QWidget) -> None:
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(self._nav_pages.index(page) if page in self._nav_pages
                               else self._nav_pages.index(self.request_list))
        self.nav.blockSignals(False)

    def show_page(self, widget: QWidget) -> None:
        if widget is not self.current_page() and not settle(self, self.current_page(), "离开本页"):
            return
        self.stack.setCurrentWidget(self._scrolls[widget])
        self._select_nav(widget)

    def current_page(self) -> QWidget:
        return self.stack.currentWidget().widget()

    def show_list(self, query: RequestQuery | None = None) -> None:
        self.show_page(self.request_list)
        if query is not None:
            self.request_list.show_query(query)

    def open_request(self, request_id: int) -> None:
        """Show one case; the navigation keeps 申请列表 highlighted."""
        if self.current_page() is not self.detail and not settle(self, self.current_page(), "打开申请"):
            return
        self.detail.open(request_id)
        self._select_nav(self.request_list)
        self.stack.setCurrentWidget(self._scrolls[self.detail])

    def _many_changed(self, request_id: int) -> None:
        """An import, restore or calendar change (id 0): re-read the case on screen too."""
        if request_id == 0 and self.current_page() is self.detail and self.detail.detail is not None:
            self.detail.reload()

    def new_registration(self) -> None:
        if self.registration is None:
            prompts.info(self, "新建登记", "只有登记员或管理员可以登记申请。")
            return
        if not settle(self, self.current_page(), "新建登记"):
            return
        self.show_page(self.registration)
        self.registration.new()

    # -- menus and shortcuts ----------------------------------------------------------------
    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        a.triggered.connect(lambda *_: slot())
        menu.addAction(a)
        self.addAction(a)     # shortcuts work whatever has the focus
        return a

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        self.new_action = self._action(file_menu, "新建登记", self.new_registration, QKeySequence.New)
        self.new_action.setEnabled(self.can_register)
        self.save_action = self._action(file_menu, "保存", self.save_current, QKeySequence.Save)
        file_menu.addSeparator()
        self.logout_action = self._action(file_menu, "注销/切换用户…", self.log_out, "Ctrl+L")
        self._action(file_menu, "退出", self.close, "Ctrl+Q")
        view_menu = bar.addMenu("查看(&V)")
        self._action(view_menu, "首页", lambda: self.show_page(self.workbench), "Ctrl+1")
        self._action(view_menu, "申请列表", lambda: self.show_list(), "Ctrl+2")
        self.find_action = self._action(view_menu, "搜索申请", self.find, QKeySequence.Find)
        self._action(view_menu, "刷新", self.refresh_current, QKeySequence.Refresh)
        help_menu = bar.addMenu("帮助(&H)")
        self.manual_action = self._action(help_menu, "用户手册", self.show_manual, QKeySequence.HelpContents)
        self._action(help_menu, "关于", self.about)

    def save_current(self) -> None:
        page = self.current_page()
        if hasattr(page, "save"):
            page.save()

    def find(self) -> None:
        self.show_list()
        self.request_list.focus_search()

    def refresh_current(self) -> None:
        page = self.current_page()
        for name in ("reload", "refresh", "load"):
            if hasattr(page, name):
                getattr(page, name)()
                return

    def show_manual(self) -> None:
        """帮助 → 用户手册 (F1), beside the window; a second F1 brings the same one forward."""
        from app.ui.manual_dialog import ManualDialog

        if getattr(self, "manual", None) is None:
            self.manual = ManualDialog(self)
        self.manual.show()
        self.manual.raise_()
        self.manual.activateWindow()

    def about(self) -> None:
        prompts.info(self, "关于", "依申请公开办理系统\n依据《中华人民共和国政府信息公开条例》（国务院令第711号）"
                                  "办理政府信息公开申请：登记、审核、办理、签批、答复、归档。")

    # -- layout memory ----------------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry = self.settings.value("mainWindow/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            first_placement(self)
        state = self.settings.value("mainWindow/state")
        if state is not None:
            self.restoreState(state)

    def save_layout(self) -> None:
        self.settings.setValue("mainWindow/geometry", self.saveGeometry())
        self.settings.setValue("mainWindow/state", self.saveState())
        self.request_list.save_state()
        self.settings.sync()

    def all_pages(self) -> list[QWidget]:
        return [self.current_page(), *(p for p in self._nav_pages if p is not self.current_page())]

    def log_out(self) -> None:
        """注销/切换用户 (Ctrl+L): unsaved work is settled first, then the session logs in again."""
        if settle_all(self, self.all_pages(), "注销"):
            self._settled = True
            self.switch_user.emit()

    def closeEvent(self, event) -> None:
        if not getattr(self, "_settled", False) and not settle_all(self, self.all_pages(), "退出"):
            event.ignore()           # 取消: the window stays with the work in it
            return
        self.save_layout()
        super().closeEvent(event)
