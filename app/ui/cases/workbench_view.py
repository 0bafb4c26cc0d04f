"""首页: the day's counts (click one to list its cases), my tasks, and the monthly chart."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QSplitter, QTableView,
    QVBoxLayout, QWidget,
)

from app.services.dto import Actor
from app.services.cases.query_service import STAGE_CARDS, DueWindow, RequestQuery
from app.ui.common.monthly_chart import ChartLegendView, MonthlyChartView
from app.ui.cases.dept_task_model import ID_ROLE as DEPT_TASK_ID
from app.ui.cases.dept_task_model import DeptTaskTableModel
from app.ui.cases.request_table_model import ID_ROLE
from app.ui.cases.task_table_model import TaskTableModel
from app.ui.cases.pending_notices_box import PendingNoticesBox
from app.ui.cases.online_desk_box import OnlineDeskBox
from app.workflow.dates import cn_date
from app.workflow.vocabulary import Role


STAGE_HINTS = {
    "待确认": "平信、网上等申请尚未确认收到",
    "待审核": "已登记待审核，含等待补正的申请",
    "办理中": "含征求意见、待缴费、已退回",
    "待签批": "等待科室负责人签批",
    "待合法性审查": "签批同意后等待法制审核员审查",
    "待答复": "签批通过，等待登记员出具、送达答复书",
}

# (dashboard key, hint, level, the list query the card opens)
CARDS = tuple((key, STAGE_HINTS[key], "", RequestQuery(statuses=tuple(s.value for s in statuses)))
              for key, statuses in STAGE_CARDS) + (
    ("临近到期", "预警期限内应答复", "amber", RequestQuery(due_window=DueWindow.AMBER)),
    ("已逾期", "超过答复期限仍未办结", "red", RequestQuery(due_window=DueWindow.OVERDUE)),
)


# What an empty 我的待办 says to do first, by role
FIRST_STEPS = {
    Role.CLERK: "暂无待办。登记第一件申请：左侧“登记”或按 Ctrl+N；已有纸质或 Excel 台账的，请管理员在“数据”中导入。",
    Role.HANDLER: "暂无交给您的申请。登记员审核交办后，申请会出现在这里；按 F1 可查看“承办人的一天”。",
    Role.CHIEF: "暂无等待您签批或批准的申请。承办人提交签批后会出现在这里；按 F1 可查看“科室负责人的一天”。",
    Role.ADMIN: "暂无待办。第一次使用请先在“管理”中核对机关信息、添加承办处室和用户，"
                "再登记申请（Ctrl+N）或在“数据”中导入台账。按 F1 查看用户手册。",
}


class CountCard(QFrame):
    clicked = Signal()

    def __init__(self, title: str, hint: str, level: str, parent=None):
        super().__init__(parent)
        self.setObjectName("card")
        self.setCursor(Qt.PointingHandCursor)
        self.setToolTip(f"{hint}。单击查看这些申请。")
        self.value = QLabel("0", self)
        self.value.setObjectName("cardValue")
        if level:
            self.value.setProperty("level", level)
        label = QLabel(title, self)
        label.setObjectName("cardLabel")
        box = QVBoxLayout(self)
        box.addWidget(self.value)
        box.addWidget(label)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class WorkbenchView(QWidget):
    show_query = Signal(object)      # RequestQuery: the main window opens the list with it
    show_candidates = Signal()       # the 依申请转主动公开 list on the 数据分析 page

    def __init__(self, services, actor: Actor, hub, parent=None):
        super().__init__(parent)
        self.services, self.actor, self.hub = services, actor, hub
        self._dirty = True
        self.cards: dict[str, CountCard] = {}
        self.tasks = TaskTableModel(self)
        self.chart = MonthlyChartView(self)
        self._build()
        hub.requests_changed.connect(self._on_changed)

    def _build(self) -> None:
        title = QLabel("首页", self)
        title.setObjectName("pageTitle")
        self.greeting = QLabel(self)
        self.greeting.setObjectName("hint")
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.greeting)
        grid = QGridLayout()
        grid.setSpacing(10)
        for i, (key, hint, level, query) in enumerate(CARDS):
            card = CountCard(key, hint, level, self)
            card.clicked.connect(lambda q=query: self.show_query.emit(q))
            self.cards[key] = card
            grid.addWidget(card, 0, i)
        split = QSplitter(Qt.Horizontal, self)
        split.addWidget(self._tasks_panel())
        split.addWidget(self._chart_panel())
        split.setSizes([620, 620])
        outer = QVBoxLayout(self)
        outer.addLayout(head)
        outer.addWidget(self._proactive_reminder())
        self.notices_box = PendingNoticesBox(self)
        self.notices_box.open_request.connect(self.hub.open_request.emit)
        outer.addWidget(self.notices_box)
        self.online_box = OnlineDeskBox(self.services.online, self.actor, self)
        self.online_box.open_request.connect(self.hub.open_request.emit)
        self.online_box.changed.connect(self.hub.changed)
        outer.addWidget(self.online_box)
        outer.addLayout(grid)
        outer.addWidget(split, 1)

    def _proactive_reminder(self) -> QWidget:
        """Art 44 candidates undecided for 30 days (hidden when there are none)."""
        self.proactive_box = QFrame(self)
        self.proactive_box.setObjectName("warningBox")
        self.proactive_label = QLabel(self.proactive_box)
        self.proactive_label.setTextFormat(Qt.RichText)
        self.proactive_label.linkActivated.connect(lambda _link: self.show_candidates.emit())
        QVBoxLayout(self.proactive_box).addWidget(self.proactive_label)
        self.proactive_box.hide()
        return self.proactive_box

    def _tasks_panel(self) -> QWidget:
        panel = QFrame(self)
        panel.setObjectName("panel")
        box = QVBoxLayout(panel)
        self.tasks_title = QLabel("我的待办", panel)
        self.tasks_title.setObjectName("sectionTitle")
        box.addWidget(self.tasks_title)
        t = QTableView(panel)
        t.setModel(self.tasks)
        t.setSelectionBehavior(QAbstractItemView.SelectRows)
        t.setAlternatingRowColors(True)
        t.verticalHeader().hide()
        t.horizontalHeader().setStretchLastSection(True)
        t.horizontalHeader().setSectionsClickable(True)
        t.horizontalHeader().setSortIndicatorShown(True)
        t.horizontalHeader().sortIndicatorChanged.connect(self.tasks.sort)
        widths = {"number": 186, "status": 76, "applicant_name": 130, "description": 230, "reply_due": 96}
        for i, col in enumerate(self.tasks.columns):
            t.setColumnWidth(i, widths.get(col.key, 100))
        t.horizontalHeader().setSortIndicator(self.tasks.column_of("reply_due"), Qt.AscendingOrder)
        t.doubleClicked.connect(lambda index: self.hub.open_request.emit(index.data(ID_ROLE)))
        t.activated.connect(lambda index: self.hub.open_request.emit(index.data(ID_ROLE)))
        self.tasks_table = t
        self.first_step = QLabel(FIRST_STEPS.get(self.actor.role, "暂无待办。"), panel)
        self.first_step.setObjectName("hint")
        self.first_step.setWordWrap(True)
        self.first_step.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.first_step.hide()
        box.addWidget(self.first_step)
        box.addWidget(t, 2)
        self.dept_tasks_title = QLabel("处室协办任务", panel)
        self.dept_tasks_title.setObjectName("sectionTitle")
        box.addWidget(self.dept_tasks_title)
        self.dept_tasks = DeptTaskTableModel(panel, ("request_number", "department", "kind", "brief", "due_on",
                                                     "status", "urge_count"))
        dt = QTableView(panel)
        dt.setModel(self.dept_tasks)
        dt.setSelectionBehavior(QAbstractItemView.SelectRows)
        dt.verticalHeader().hide()
        dt.horizontalHeader().setStretchLastSection(True)
        for i, col in enumerate(self.dept_tasks.COLUMNS):
            dt.setColumnWidth(i, col.width)
        dt.doubleClicked.connect(lambda index: self.hub.open_request.emit(index.data(DEPT_TASK_ID)))
        dt.activated.connect(lambda index: self.hub.open_request.emit(index.data(DEPT_TASK_ID)))
        self.dept_tasks_table = dt
        box.addWidget(dt, 1)
        return panel

    def _chart_panel(self) -> QWidget:
        panel = QFrame(self)
        panel.setObjectName("panel")
        box = QVBoxLayout(panel)
        row = QHBoxLayout()
        label = QLabel("月度收案与办结", panel)
        label.setObjectName("sectionTitle")
        self.year = QComboBox(panel)
        this_year = self.services.queries.today().year
        for y in range(this_year, this_year - 6, -1):
            self.year.addItem(f"{y}年", y)
        self.year.currentIndexChanged.connect(lambda *_: self._load_chart())
        row.addWidget(label)
        row.addStretch(1)
        row.addWidget(self.year)
        box.addLayout(row)
        box.addWidget(self.chart, 1)
        self.legend = ChartLegendView(panel)
        box.addWidget(self.legend)
        return panel

    # -- data -------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._dirty = False
        board = self.services.queries.dashboard(self.actor)
        for key, card in self.cards.items():
            card.value.setText(f"{board.counts.get(key, 0):,}")
        self.tasks.set_rows(board.my_tasks, self.services.queries.due_thresholds())
        self.tasks_title.setText(f"我的待办（{len(board.my_tasks)}件）")
        self.first_step.setVisible(not board.my_tasks)
        self.tasks_table.setVisible(bool(board.my_tasks))
        dept_tasks = self.services.tasks.my_tasks(self.actor)
        self.dept_tasks.set_tasks(dept_tasks, self.services.queries.due_thresholds())
        label = "催办两次以上、需要负责人督促的协办任务" if self.actor.role.value == "科室负责人" else "处室协办任务"
        self.dept_tasks_title.setText(f"{label}（{len(dept_tasks)}件）")
        today = self.services.queries.today()
        self.greeting.setText(f"{self.actor.display_name}（{self.actor.role}），今天是{cn_date(today)}")
        waiting = self.services.proactive.awaiting()
        self.proactive_label.setText(
            f"依申请转主动公开候选已超过30天未决定：{len(waiting)}项（"
            + "、".join(c.label for c in waiting[:3]) + ("等" if len(waiting) > 3 else "")
            + "）。<a href='candidates'>去决定</a>")
        self.proactive_box.setVisible(bool(waiting))
        self.notices_box.show_pending(self.services.notices.pending())
        self.online_box.refresh()
        self._load_chart()

    def _load_chart(self) -> None:
        year, today = self.year.currentData(), self.services.queries.today()
        through = today.month if year == today.year else 12
        self.chart.show_figures(self.services.queries.monthly(year), through)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def _on_changed(self, _request_id: int) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True
