"""修改登记信息: the registration form in a dialog, saved with a reason (every change is audited)."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QScrollArea, QVBoxLayout,
)

from app.errors import DomainError, ValidationError
from app.services.dto import Actor, RequestDetail, RequestInput
from app.ui.common import prompts
from app.ui.cases.request_form import RequestForm
from app.ui.common.error_line import error_label


class EditRequestDialog(QDialog):
    def __init__(self, parent, services, actor: Actor, detail: RequestDetail):
        super().__init__(parent)
        self.setWindowTitle(f"修改登记信息 - {detail.number}")
        self.resize(860, 680)
        self._services, self._actor, self._detail = services, actor, detail
        self.result_detail: RequestDetail | None = None
        self.failure: DomainError | None = None
        self.form = RequestForm(services.queries.today(), self)
        self.form.load(detail)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("如：更正申请人联系电话")
        self.error = error_label(self)         # keeps its line: showing it moves no button
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Save).setText("保存 (Ctrl+S)")
        buttons.button(QDialogButtonBox.Save).setShortcut("Ctrl+S")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        reason_row = QFormLayout()
        reason_row.addRow("修改理由：", self.reason)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addLayout(reason_row)
        outer.addWidget(self.error)
        outer.addWidget(buttons)

    def _save(self) -> None:
        if self.form.check_all():
            return
        try:
            self.result_detail = self._services.requests.update(
                self._actor, self._detail.id, self._detail.version, self.form.to_input(),
                self.reason.text().strip())
        except ValidationError as e:
            if e.field in self.form.errors:
                self.form.show_error(e.field, e.message)
            else:
                self.error.setText(e.message)
                self.error.show()
            return
        except DomainError as e:
            self.failure = e
            self.reject()
            return
        self.accept()

    @classmethod
    def ask(cls, parent, services, actor: Actor, detail: RequestDetail) -> RequestDetail | None:
        """Edit and save; None when cancelled. Tests answer kind 'edit_request' with
        ``fn(title, values) -> dict of changed fields (plus 'reason') | None``."""
        canned = prompts.canned("edit_request")
        if canned is not None:
            values = {f.name: getattr(detail, f.name) for f in fields(RequestInput)}
            answer = canned(f"修改登记信息 - {detail.number}", values)
            if answer is None:
                return None
            answer = dict(answer)
            reason = answer.pop("reason", "")
            return services.requests.update(actor, detail.id, detail.version,
                                            RequestInput(**{**values, **answer}), reason)
        dialog = cls(parent, services, actor, detail)
        accepted = dialog.exec() == QDialog.Accepted
        if dialog.failure is not None:
            raise dialog.failure
        return dialog.result_detail if accepted else None
