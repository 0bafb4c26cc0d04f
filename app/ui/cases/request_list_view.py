"""申请列表: filters over a paged table of all requests; double-click opens a case."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from app.errors import DomainError
from app.services.cases.query_service import RequestQuery
from app.ui.common import prompts
from app.ui.cases.request_filter_bar import RequestFilterBar
from app.ui.cases.request_table_model import ID_ROLE, RequestTableModel


class RequestListView(QWidget):
    request_activated = Signal(int)

    def __init__(self, services, hub, settings: QSettings | None = None, parent=None):
        super().__init__(parent)
        self.services, self.hub, self._settings = services, hub, settings
        self._loaded = False
        self._dirty = False
        self.model = RequestTableModel(services.queries, parent=self)
        self.filters = RequestFilterBar(services, services.queries.today(), self)
        self.filters.changed.connect(self._run)
        self.model.totalChanged.connect(self._show_total)
        title = QLabel("申请列表", self)
        title.setObjectName("pageTitle")
        self.total_label = QLabel(self)
        self.total_label.setObjectName("hint")
        self.table = QTableView(self)
        self._setup_table()
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.total_label)
        outer = QVBoxLayout(self)
        outer.addLayout(head)
        outer.addWidget(self.filters)
        outer.addWidget(self.table, 1)
        hub.requests_changed.connect(self._on_changed)

    def _setup_table(self) -> None:
        t = self.table
        t.setModel(self.model)
        t.setObjectName("requestTable")
        t.setSelectionBehavior(QAbstractItemView.SelectRows)
        t.setSelectionMode(QAbstractItemView.SingleSelection)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.verticalHeader().hide()
        t.verticalHeader().setDefaultSectionSize(28)
        header = t.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        for i, col in enumerate(self.model.columns):
            t.setColumnWidth(i, col.width)
        header.setSortIndicator(self.model.column_of("reply_due"), Qt.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort_changed)
        t.doubleClicked.connect(lambda index: self._activate(index.row()))
        t.activated.connect(lambda index: self._activate(index.row()))
        if self._settings is not None:
            state = self._settings.value("requestList/header")
            header.blockSignals(True)          # restoring must not run a query yet
            restored = state is not None and header.restoreState(state)
            header.blockSignals(False)
            if restored:
                col = self.model.columns[header.sortIndicatorSection()] \
                    if 0 <= header.sortIndicatorSection() < len(self.model.columns) else None
                if col is not None and col.sort_key:
                    self.filters.set_sort(col.sort_key, header.sortIndicatorOrder() == Qt.DescendingOrder)
                else:
                    self._sync_indicator(self.filters.query())

    # -- loading ----------------------------------------------------------------------------
    def load(self) -> None:
        """Run the current filters (first page only; later pages load as the user scrolls)."""
        self._loaded, self._dirty = True, False
        self._run(self.filters.query())

    def _run(self, q: RequestQuery) -> None:
        try:
            self.model.set_query(q)
        except DomainError as e:
            prompts.error(self, "查询失败", e.message)

    def show_query(self, q: RequestQuery) -> None:
        """Apply a preset (from a workbench card) and load it."""
        self._loaded, self._dirty = True, False
        self._sync_indicator(q)
        self.filters.set_query(q)

    def focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded or self._dirty:
            self.load()

    def _on_changed(self, _request_id: int) -> None:
        if self.isVisible():
            self.model.reload()
        else:
            self._dirty = True

    # -- interaction ------------------------------------------------------------------------
    def _sort_changed(self, section: int, order) -> None:
        col = self.model.columns[section]
        if col.sort_key is None:       # not sortable in SQL: put the indicator back
            self._sync_indicator(self.model.query)
            return
        self.filters.set_sort(col.sort_key, order == Qt.DescendingOrder)
        self.model.sort(section, order)

    def _sync_indicator(self, q: RequestQuery) -> None:
        header = self.table.horizontalHeader()
        section = next((i for i, c in enumerate(self.model.columns) if c.sort_key == q.sort), -1)
        header.blockSignals(True)
        header.setSortIndicator(section, Qt.DescendingOrder if q.descending else Qt.AscendingOrder)
        header.blockSignals(False)

    def _show_total(self, total: int) -> None:
        self.total_label.setText(f"共 {total:,} 件")

    def _activate(self, row: int) -> None:
        index = self.model.index(row, 0)
        if index.isValid():
            self.request_activated.emit(index.data(ID_ROLE))
            self.hub.open_request.emit(index.data(ID_ROLE))

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def save_state(self) -> None:
        if self._settings is not None:
            self._settings.setValue("requestList/header", self.table.horizontalHeader().saveState())
