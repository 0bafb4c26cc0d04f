"""管理 → 审计核验: recompute the audit trail's hash chain off the UI thread and say what was found."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from app.ui.common.tasks import run_task

if TYPE_CHECKING:
    from app.services.trust.audit_service import AuditService

INTRO = ("每条审计记录都保存了“前一条记录的校验值 + 本条内容”的 SHA-256 校验值，签发文书时还记下了文书的校验值。"
         "核验会从第一条记录起重新计算整条校验链，并核对每份已签发文书：任何一条记录被修改或删除、"
         "任何已签发文书被替换，都会在这里指出。核验只读取数据，不作任何修改。")


class AuditCheckPanel(QWidget):
    checked = Signal(object)        # the ChainCheck, when a check has finished

    def __init__(self, service: "AuditService", parent=None):
        super().__init__(parent)
        self._service = service
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        self.start_button = QPushButton("开始核验", self)
        self.start_button.setProperty("primary", True)
        self.start_button.clicked.connect(self.start)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.result = QLabel("", self)
        self.result.setObjectName("audit_result")
        self.result.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addWidget(self.progress, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(row)
        lay.addWidget(self.result)
        lay.addStretch(1)

    @property
    def busy(self) -> bool:
        return not self.start_button.isEnabled()

    def start(self) -> None:
        self.start_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.result.setText("正在核验…")
        run_task(self._service.verify, on_done=self._done, on_error=self._failed, on_progress=self._progress)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _done(self, check) -> None:
        self._finish()
        if check.ok:
            self.result.setProperty("level", "")
            self.result.setText(f"核验通过：{check.count}条审计记录的校验链完整，已签发文书与签发时的校验值一致。")
        else:
            self.result.setProperty("level", "逾期")
            self.result.setText(f"核验未通过：{check.message}\n（此前{check.count}条记录核验无误。请立即报告管理员，"
                                "并保留当前数据库文件作为证据。）")
        self.checked.emit(check)

    def _failed(self, error: Exception, _trace: str) -> None:
        self._finish()
        self.result.setText(f"核验未能完成：{error}")

    def _finish(self) -> None:
        self.progress.hide()
        self.start_button.setEnabled(True)
