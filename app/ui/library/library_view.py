"""案例库 page: search typical cases by text, tag, outcome, article and year, in this office's library or in the
city's (全市案例库); mark, publish to the city, withdraw, export and import."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QTableView,
    QTextBrowser, QSplitter, QVBoxLayout, QWidget,
)
from PySide6.QtCore import Qt

from app.errors import DomainError
from app.services.library.case_library_service import CaseLibraryService
from app.services.library.city_library_service import CityLibraryService
from app.ui.common import prompts
from app.ui.common.data_table_model import configure_table
from app.ui.common.columns import CENTER, LEFT, Column, text
from app.ui.common.data_task_bar import DataTaskBar, error_text
from app.ui.common.form_dialog import FormDialog, FormField
from app.ui.library.library_draft_dialog import LibraryDraftDialog
from app.ui.common.list_table_model import ListTableModel
from app.workflow.outcomes import Outcome


class LibraryTableModel(ListTableModel):
    COLUMNS = (
        Column("title", "案例标题", text, LEFT, width=240),
        Column("year", "年度", text, CENTER, width=60),
        Column("outcome", "办理结果", text, LEFT, width=150),
        Column("tags", "标签", text, LEFT, width=160),
        Column("articles", "涉及条款", text, LEFT, width=170),
        Column("origin", "来源", text, LEFT, width=200),
    )


OWN, CITY = "本机关案例库", "全市案例库"


class LibraryView(QWidget):
    def __init__(self, service: CaseLibraryService, actor, parent=None, city: CityLibraryService | None = None):
        super().__init__(parent)
        self._service, self._actor, self._city = service, actor, city
        self.scope = QComboBox(self)
        self.scope.addItem(OWN)
        if city is not None:
            self.scope.addItem(CITY)
        self.scope.setVisible(city is not None)
        self.scope.currentIndexChanged.connect(lambda _i: self.search())
        self.text = QLineEdit(self)
        self.text.setPlaceholderText("标题、摘要、要点或案情中的文字")
        self.tag = QLineEdit(self)
        self.tag.setPlaceholderText("标签")
        self.article = QLineEdit(self)
        self.article.setPlaceholderText("条款，如 第四十四条")
        self.outcome = QComboBox(self)
        self.outcome.addItem("全部结果", "")
        for o in Outcome:
            self.outcome.addItem(o.label[:16], o.label)
        self.year = QSpinBox(self)
        self.year.setRange(0, 2100)
        self.year.setSpecialValueText("全部年度")
        self.search_button = QPushButton("查询", self)
        self.search_button.clicked.connect(self.search)
        self.text.returnPressed.connect(self.search)
        self.model = LibraryTableModel(self)
        self.table = QTableView(self)
        configure_table(self.table, self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show(cur.row()))
        self.detail = QTextBrowser(self)
        self.buttons = {name: QPushButton(name, self) for name in
                        ("标记典型案例…", "修改…", "导出答复书PDF…", "发布到全市案例库…", "从全市案例库撤回…",
                         "导出案例包…", "导入案例包…")}
        self.buttons["发布到全市案例库…"].clicked.connect(self.publish)
        self.buttons["从全市案例库撤回…"].clicked.connect(self.withdraw)
        for name in ("发布到全市案例库…", "从全市案例库撤回…"):
            self.buttons[name].setVisible(city is not None)
            self.buttons[name].setEnabled(False)
        self.buttons["标记典型案例…"].clicked.connect(self.mark)
        self.buttons["修改…"].clicked.connect(self.edit)
        self.buttons["修改…"].setEnabled(False)
        self.buttons["导出答复书PDF…"].clicked.connect(self.save_pdf)
        self.buttons["导出案例包…"].clicked.connect(self.export_package)
        self.buttons["导入案例包…"].clicked.connect(self.import_package)
        self.tasks = DataTaskBar(self)      # package export/import run off the UI thread
        self.tasks.busy_changed.connect(lambda busy: [self.buttons[n].setEnabled(not busy)
                                                      for n in ("导出案例包…", "导入案例包…")])
        self._layout()

    def _layout(self) -> None:
        title = QLabel("案例库", self)
        title.setObjectName("pageTitle")
        bar = QHBoxLayout()
        for w in (self.scope, self.text, self.tag, self.article, self.outcome, self.year, self.search_button):
            bar.addWidget(w)
        actions = QHBoxLayout()
        for b in self.buttons.values():
            actions.addWidget(b)
        actions.addStretch(1)
        split = QSplitter(Qt.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([360, 260])
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(title)
        col.addLayout(bar)
        col.addLayout(actions)
        col.addWidget(self.tasks)
        col.addWidget(split, 1)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.search()

    def in_city(self) -> bool:
        return self._city is not None and self.scope.currentText() == CITY

    def search(self) -> None:
        source = self._city if self.in_city() else self._service
        self.model.set_rows(source.search(self.text.text(), self.tag.text(), self.outcome.currentData(),
                                          self.article.text(), self.year.value() or None))
        self._published = self._city.published_uids() if self._city is not None and not self.in_city() else set()
        self.detail.clear()
        self._show(-1)

    def current(self):
        return self.model.row_at(self.table.currentIndex().row())

    def _show(self, row: int) -> None:
        e = self.model.row_at(row) if row >= 0 else None
        city, own = self.in_city(), e is not None and not self.in_city() and not e.read_only
        self.buttons["修改…"].setEnabled(own)
        self.buttons["修改…"].setToolTip("导入的案例只读" if e is not None and not city and e.read_only else "")
        self.buttons["导出答复书PDF…"].setEnabled(not city)
        self.buttons["发布到全市案例库…"].setEnabled(own and e.uid not in self._published)
        self.buttons["从全市案例库撤回…"].setEnabled(city and e is not None and e.mine)
        if e is None:
            self.detail.clear()
            return
        shared = "　已发布到全市案例库" if not city and e.uid in self._published else ""
        parts = [f"<h3>{_esc(e.title)}</h3><p>来源：{_esc(e.origin)}　年度：{e.year}　结果：{_esc(e.outcome)}"
                 f"{shared}</p>"]
        for label, value in (("案情摘要", e.summary), ("法律要点", e.legal_points), *e.texts.items()):
            if value:
                parts.append(f"<p><b>{_esc(label)}</b>：{_esc(value)}</p>")
        self.detail.setHtml("".join(parts))

    def publish(self) -> None:
        """This office's own case, as reviewed, to every agency of the city."""
        e = self.current()
        if e is None or self._city is None or not prompts.confirm(
                self, "发布到全市案例库", f"将“{e.title}”发布到全市案例库？发布后全市各机关均可立即检索到，"
                f"并显示本机关为来源机关。", "发布"):
            return
        try:
            self._city.publish(self._actor, e.id)
        except DomainError as err:
            prompts.error(self, "无法发布", err.message)
            return
        self.search()
        prompts.info(self, "已发布", f"“{e.title}”已发布到全市案例库。")

    def withdraw(self) -> None:
        """A case this office published leaves the city library; the reason is required and audited."""
        e = self.current()
        if e is None or self._city is None:
            return
        reason = prompts.ask_text(self, "从全市案例库撤回", f"撤回“{e.title}”的理由（必填，记入审计）：")
        if reason is None:
            return
        try:
            self._city.withdraw(self._actor, e.id, reason)
        except DomainError as err:
            prompts.error(self, "无法撤回", err.message)
            return
        self.search()
        prompts.info(self, "已撤回", f"“{e.title}”已从全市案例库撤回，各机关不再能检索到。")

    # -- actions ----------------------------------------------------------------------------
    def mark(self) -> None:
        try:
            choices = self._service.markable(self._actor)
        except DomainError as e:
            prompts.error(self, "无法标记典型案例", e.message)
            return
        if not choices:
            prompts.info(self, "标记典型案例", "没有可标记的申请：已办结（已答复）且尚未收入案例库的申请才能标记。")
            return
        field = FormField("number", "已办结申请", "choice", choices[0][0],
                          tuple((label, number) for number, label in choices), required=True)
        number = FormDialog.ask(self, "标记典型案例", [field], lambda v: v["number"],
                                "选择要标记为典型案例的申请（已办结、尚未收入案例库，最近答复的在前）。")
        if not number:
            return
        try:
            entry = LibraryDraftDialog.ask(self, self._service, self._actor, number)
        except DomainError as e:
            prompts.error(self, "无法标记典型案例", e.message)
            return
        if entry is not None:
            self.search()

    def save_pdf(self) -> None:
        e = self.current()
        if e is None or not e.has_pdf:
            prompts.info(self, "导出答复书PDF", "请先选择一个有答复书的案例。")
            return
        path = prompts.save_file(self, "导出答复书PDF", f"{e.title}.pdf", "PDF 文件 (*.pdf)")
        if path:
            from app.exports.atomic import write_bytes
            write_bytes(path, self._service.pdf(e.id))
            prompts.info(self, "导出完成", f"已导出：{path}")

    def edit(self) -> None:
        """Title, summary, legal points, tags and articles of this office's own case (imported: read-only)."""
        e = self.current()
        if e is None:
            return
        fields = (FormField("title", "案例标题", "text", e.title, required=True),
                  FormField("tags", "标签", "text", e.tags, placeholder="用“、”分隔"),
                  FormField("articles", "涉及条款", "text", e.articles),
                  FormField("summary", "案情摘要", "multiline", e.summary),
                  FormField("legal_points", "法律要点", "multiline", e.legal_points))
        try:
            saved = FormDialog.ask(self, f"修改典型案例：{e.title}", fields, lambda v: self._service.update(
                self._actor, e.id, v["title"], v["summary"], v["legal_points"], v["tags"], v["articles"]),
                "修改后同样不得含有申请人等个人信息。")
        except DomainError as err:
            prompts.error(self, "无法修改典型案例", err.message)
            return
        if saved is not None:
            self.search()
            self._select(saved.id)

    def _select(self, entry_id: int) -> None:
        for r in range(self.model.rowCount()):
            if self.model.row_at(r).id == entry_id:
                self.table.selectRow(r)
                return

    def export_package(self) -> None:
        path = prompts.save_file(self, "导出案例包", "案例库.zip", "案例包 (*.zip)")
        if path:
            self.tasks.start("导出案例包", self._service.export_package, path,
                             on_done=lambda n: f"已导出{n}件案例：{path}", on_error=error_text)

    def import_package(self) -> None:
        path = prompts.open_file(self, "导入案例包", "案例包 (*.zip)")
        if path:
            self.tasks.start("导入案例包", self._service.import_package, self._actor, path,
                             on_done=self._imported, on_error=error_text)

    def _imported(self, result) -> str:
        source, added, skipped = result
        self.search()
        return f"来源：{source}；新增{added}件，已有而跳过{skipped}件。导入的案例只读。"


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
