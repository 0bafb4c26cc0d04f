"""登记答复 through the real dialog: it names the signed 答复书 it serves, and without one it says what to do."""
# Fixtures come from tests/ui/desk_support.py by import, so test arguments reuse their names.
# ruff: noqa: F811

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from app.ui.common.change_hub import ChangeHub
from app.ui.common.form_dialog import FormDialog
from app.ui.cases.request_detail_view import RequestDetailView
from app.workflow.outcomes import Outcome
from app.workflow.transitions import Action
from tests.modal import through_modal
from tests.ui.desk_support import answers, application, office  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _approved(office, with_letter: bool):
    s = office.services
    d = s.requests.register(office.clerk, application(delivery="自行领取"))
    d = s.cases.assign(office.clerk, d.id, d.version, office.dept)
    d = s.cases.submit(office.handler, d.id, d.version, "予以公开", Outcome.DISCLOSED, "经检索，该信息由本机关保存")
    draft = s.letters.issue(office.handler, d.id) if with_letter else None
    d = s.cases.sign_off(office.chief, d.id, d.version)
    if draft is not None:
        s.letters.sign(office.chief, draft.id)        # 签批 signs nothing; the chief's 签发 does
    return s.requests.detail(d.id)


def _press_reply(qtbot, office, rid, handle):
    view = RequestDetailView(office.services, office.clerk, ChangeHub())
    qtbot.addWidget(view)
    view.open(rid)
    _, seen = through_modal(FormDialog, handle, view.action_buttons[Action.RECORD_REPLY].click)
    return view, seen


def test_without_a_signed_reply_the_dialog_says_what_to_do(qtbot, office):
    d = _approved(office, with_letter=False)

    def try_to_reply(dialog):
        intro = dialog.findChild(QLabel, "dialogIntro").text()
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok).click()
        error = dialog.error_text()
        dialog.reject()
        return intro, error
    view, (intro, error) = _press_reply(qtbot, office, d.id, try_to_reply)
    assert intro.startswith("尚未签发答复书：请先在“生成文书”中由科室负责人签发，再登记答复。")
    assert error == "登记答复前须先出具并签发答复书：请在“生成文书”中由科室负责人签发政府信息公开申请答复书。"
    assert office.services.requests.detail(d.id).status == "待答复"


def test_the_dialog_names_the_letter_and_serves_as_the_applicant_asked(qtbot, office):
    d = _approved(office, with_letter=True)

    def reply(dialog):
        intro = dialog.findChild(QLabel, "dialogIntro").text()
        method = dialog.widget("service_method").currentText()
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok).click()
        return intro, method
    view, (intro, method) = _press_reply(qtbot, office, d.id, reply)
    assert intro.startswith("送达文书：政府信息公开申请答复书（予以公开） 某自然资规依复〔2025〕1号 第1版（已签发）。")
    assert method == "直接送达"                         # the applicant comes to collect it (自行领取)
    after = office.services.requests.detail(d.id)
    assert (after.status, after.reply_doc_number, after.service_method) == ("已答复", "某自然资规依复〔2025〕1号",
                                                                           "直接送达")
    assert view.status_badge.text() == "已答复"
