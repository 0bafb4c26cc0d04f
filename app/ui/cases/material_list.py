"""The materials of one 协办 task or one 会商 record: listed with size and who added them, add, open or save
a verified copy (the task panel, the case's 会商 tab and the 会商记录 page share it)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from app.errors import DomainError
from app.services.dto import Actor, MaterialView
from app.ui.common import prompts
from app.ui.common.columns import file_size

TASK, DELIBERATION = "协办", "会商"


def material_line(m: MaterialView) -> str:
    return f"{m.filename}（{file_size(m.size)}，{m.added_by}，{m.added_at:%Y-%m-%d}）"


class MaterialListWidget(QWidget):
    """Owner ``(TASK, task_id)`` or ``(DELIBERATION, deliberation_id)``; ``changed`` after an addition."""

    changed = Signal()

    def __init__(self, materials, actor: Actor, kind: str, parent=None):
        super().__init__(parent)
        self._service, self._actor, self._kind = materials, actor, kind
        self._owner: int | None = None
        self.rows: list[MaterialView] = []
        self.title = QLabel(f"{kind}材料", self)
        self.list = QListWidget(self)
        self.list.setObjectName("materialList")
        self.list.itemDoubleClicked.connect(lambda *_: self.open_selected())
        self.add_button = QPushButton("添加材料…", self)
        self.add_button.clicked.connect(self.add_file)
        self.open_button = QPushButton("打开", self)
        self.open_button.clicked.connect(self.open_selected)
        self.save_button = QPushButton("另存为…", self)
        self.save_button.clicked.connect(self.save_selected)
        self.list.currentRowChanged.connect(lambda *_: self._update())
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.add_button)
        head.addWidget(self.open_button)
        head.addWidget(self.save_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(head)
        outer.addWidget(self.list, 1)
        self.set_owner(None, ())

    def set_owner(self, owner_id: int | None, materials, can_add: bool = False) -> None:
        self._owner, self.rows = owner_id, list(materials)
        self.list.clear()
        for m in self.rows:
            item = QListWidgetItem(material_line(m), self.list)
            item.setToolTip(f"SHA-256：{m.sha256}")
        if owner_id is not None and not self.rows:
            QListWidgetItem(f"（尚无{self._kind}材料）", self.list).setFlags(Qt.NoItemFlags)
        self.add_button.setEnabled(owner_id is not None and can_add)
        self._update()

    def selected(self) -> MaterialView | None:
        row = self.list.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _update(self) -> None:
        self.open_button.setEnabled(self.selected() is not None)
        self.save_button.setEnabled(self.selected() is not None)

    def add_file(self) -> MaterialView | None:
        path = prompts.open_file(self, f"添加{self._kind}材料")
        if not path or self._owner is None:
            return None
        add = self._service.add_to_task if self._kind == TASK else self._service.add_to_deliberation
        try:
            view = add(self._actor, self._owner, path)
        except DomainError as e:
            prompts.error(self, f"无法添加{self._kind}材料", e.message)
            return None
        self.changed.emit()
        return view

    def open_selected(self) -> Path | None:
        """A verified copy in a fresh temporary folder, shown by the system's viewer for its type."""
        m = self.selected()
        if m is None:
            return None
        try:
            path = self._service.open_copy(self._actor, m.id, tempfile.mkdtemp(prefix="dd-材料-"))
        except DomainError as e:
            prompts.error(self, f"无法打开{self._kind}材料", e.message)
            return None
        if not prompts.open_document(self, str(path)):
            prompts.info(self, f"打开{self._kind}材料", f"本机没有能打开该文件的程序，副本已保存在：\n{path}")
        return path

    def save_selected(self) -> Path | None:
        m = self.selected()
        if m is None:
            return None
        target = prompts.save_file(self, f"{self._kind}材料另存为", m.filename)
        if not target:
            return None
        try:
            return self._service.save_to(self._actor, m.id, target)
        except DomainError as e:
            prompts.error(self, f"无法保存{self._kind}材料", e.message)
            return None
