"""备份与恢复: back up the SQLite database to a file, restore from one (administrators only)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from app.errors import ValidationError
from app.services.trust.backup_service import BackupResult, BackupService, RestoreResult
from app.services.dto import Actor
from app.ui.data import data_files
from app.ui.common import prompts
from app.ui.common.data_task_bar import DataTaskBar, error_text
from app.workflow.vocabulary import Role

RESTORE_WARNING = ("恢复会用所选备份替换当前数据库中的全部数据，备份之后录入的内容将不再存在。\n"
                   "恢复前程序会先检查备份文件，并把当前数据库另存一份。\n\n是否继续？")


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


class BackupPanel(QGroupBox):
    restored = Signal(object)   # RestoreResult: every screen must re-read the database

    def __init__(self, backup: BackupService, actor: Actor, tasks: DataTaskBar, parent=None):
        super().__init__("备份与恢复", parent)
        self._backup, self._actor, self._tasks = backup, actor, tasks
        allowed = actor.role is Role.ADMIN
        reason = backup.unsupported_reason()
        self.note = QLabel(reason or (f"当前数据库：{backup.database_path()}\n备份为单个数据库文件，可在程序运行时"
                                      "进行。恢复前会检查备份文件是否完好，并自动另存当前数据库。"))
        if not allowed:
            self.note.setText("只有管理员可以备份和恢复数据库。")
        self.note.setWordWrap(True)
        self.backup_button = QPushButton("备份数据库…")
        self.restore_button = QPushButton("从备份恢复…")
        self.backup_button.clicked.connect(self.start_backup)
        self.restore_button.clicked.connect(self.start_restore)
        buttons = QHBoxLayout()
        for b in (self.backup_button, self.restore_button):
            b.setVisible(allowed)
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.note)
        lay.addLayout(buttons)
        lay.addStretch(1)

    def set_enabled(self, enabled: bool) -> None:
        self.backup_button.setEnabled(enabled)
        self.restore_button.setEnabled(enabled)

    def _supported(self) -> bool:
        reason = self._backup.unsupported_reason()
        if reason:
            prompts.warn(self, "无法在程序中备份或恢复", reason)
        return not reason

    def start_backup(self) -> None:
        if not self._supported():
            return
        path = prompts.save_file(self, "备份数据库到", self._backup.suggested_name(),
                                    data_files.SQLITE_FILTER)
        if path:
            self._tasks.start("备份数据库", self._backup.backup, self._actor, path,
                              on_done=self._backed_up, on_error=lambda e: f"备份失败：{error_text(e)}")

    def _backed_up(self, r: BackupResult) -> str:
        return f"备份完成：{r.path}（{_size(r.size)}，{r.requests}件申请）。"

    def start_restore(self) -> None:
        if not self._supported():
            return
        path = prompts.open_file(self, "选择要恢复的数据库备份", data_files.SQLITE_FILTER)
        if path and prompts.confirm(self, "从备份恢复", RESTORE_WARNING, action="恢复"):
            self._tasks.start("从备份恢复", self._backup.restore, self._actor, path,
                              on_done=self._restored, on_error=self._restore_failed)

    def _restored(self, r: RestoreResult) -> str:
        text = (f"已从备份恢复数据库（备份中有{r.requests}件申请）。恢复前的数据库已另存为：{r.safety_copy}。"
                "各页面将重新读取数据；如当前登录的用户在备份中不存在，请重新登录。")
        self.restored.emit(r)
        prompts.info(self, "恢复完成", text)
        return text

    def _restore_failed(self, e: Exception) -> str:
        if isinstance(e, ValidationError):   # raised while checking the file: nothing was replaced
            text = f"未恢复：{e.message}当前数据库没有任何改动。"
        else:
            text = f"恢复失败：{error_text(e)}"
        prompts.error(self, "未能恢复", text)
        return text
