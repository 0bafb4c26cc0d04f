"""Case detail extras: attachments with checksums, editing registration data, printing the deadline."""
# Fixtures come from tests/ui/desk_support.py by import, so test arguments reuse their names.
# ruff: noqa: F811

import hashlib
from datetime import date

import pytest
from PySide6.QtWidgets import QPushButton
from sqlalchemy import text

from app.errors import ValidationError
from app.exports.letters.kinds import LetterKind
from app.services.cases.attachment_service import AttachmentService
from app.ui.common import prompts
from app.ui.common.change_hub import ChangeHub
from app.ui.letter.letter_preview_dialog import LetterPreviewDialog
from app.workflow.outcomes import Outcome
from app.ui.cases.request_detail_view import RequestDetailView
from tests.modal import answer_modal
from tests.ui.desk_support import answers, application, office  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _view(qtbot, office, actor, request_id):
    view = RequestDetailView(office.services, actor, ChangeHub())
    qtbot.addWidget(view)
    view.open(request_id)
    return view


def test_attachment_added_listed_and_saved_with_its_checksum(qtbot, office, answers, tmp_path):
    d = office.services.requests.register(office.clerk, application())
    scan = tmp_path / "申请书扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned application")
    view = _view(qtbot, office, office.clerk, d.id)
    prompts.set_answer("open_file", lambda title, filters: str(scan))
    view.attachments.kind.setCurrentText("申请书扫描件")
    added = view.attachments.add_file()
    assert added.sha256 == hashlib.sha256(b"%PDF-1.4 scanned application").hexdigest()
    assert view.attachments.model.rowCount() == 1
    assert view.attachments.model.index(0, 1).data() == "申请书扫描件"
    assert view.events.index(view.events.rowCount() - 1, 2).data() == "添加附件"   # audited
    view.attachments.table.selectRow(0)
    target = tmp_path / "copy.pdf"
    prompts.set_answer("save_file", lambda title, suggested: str(target))
    assert view.attachments.save_selected() == target
    assert target.read_bytes() == scan.read_bytes()


def test_attachment_service_refuses_empty_files_and_detects_damage(office):
    d = office.services.requests.register(office.clerk, application())
    service = AttachmentService(office.services.db)
    with pytest.raises(ValidationError, match="是空文件"):
        service.add(office.clerk, d.id, "空.pdf", b"")
    a = service.add(office.clerk, d.id, "身份证.jpg", b"\xff\xd8 id copy", "身份证明复印件")
    with office.services.db.uow() as uow:            # simulate a damaged blob behind the app's back
        uow.session.execute(text("UPDATE attachments SET content = :c WHERE id = :i"),
                            {"c": b"tampered", "i": a.id})
        uow.commit()
    with pytest.raises(ValidationError, match="校验值不符"):
        service.content(a.id)


def test_edit_registration_is_audited_and_checked(qtbot, office, answers):
    d = office.services.requests.register(office.clerk, application())
    view = _view(qtbot, office, office.clerk, d.id)
    prompts.set_answer("edit_request", lambda title, values: {"phone": "010-12345678", "reason": "补录电话"})
    view.edit()
    assert "010*****5678" in view.info.toPlainText()                 # shown masked (查看完整信息 shows it)
    last = view.detail.events[-1]
    assert (last.field, last.old, last.new, last.reason) == ("联系电话", "", "010*****5678", "补录电话")
    wrong_check_digit = {"id_type": "居民身份证", "id_number": "110105194912310021"}
    prompts.set_answer("edit_request", lambda title, values: wrong_check_digit)
    view.edit()
    assert answers.messages("error") == ["身份证号码校验位不正确，请核对后重新输入"]


def test_deadline_explanation_prints(qtbot, office, answers):
    d = office.services.requests.register(office.clerk, application(arrival_date=date(2025, 1, 20)))
    view = _view(qtbot, office, office.clerk, d.id)
    assert view.print_deadline()
    title, html = answers.printed[0]
    assert title == "期限计算说明 某自然资规依申〔2025〕1号"
    # domain §3 worked example: received 2025-01-20 → reply due 2025-02-21 (across the Spring Festival)
    assert "应答复日期：2025年2月21日。" in html and "春节" in html


def test_letter_button_opens_the_real_letter_preview(qtbot, office, answers):
    d = office.services.requests.register(office.clerk, application())
    d = office.services.cases.assign(office.clerk, d.id, d.version, office.dept)
    d = office.services.cases.submit(office.handler, d.id, d.version, decision="予以公开", outcome=Outcome.DISCLOSED)
    view = _view(qtbot, office, office.clerk, d.id)

    def look_and_close(dialog):
        qtbot.waitUntil(lambda: not dialog.busy, timeout=20000)
        seen = (dialog.kind, dialog.status.text(), dialog.view.page_count())
        dialog.findChild(QPushButton, "close_button").click()
        return seen

    driver = answer_modal(LetterPreviewDialog, look_and_close)
    assert view.letter_button.isEnabled()
    view.letter_button.click()
    kind, status, pages = driver.check()
    # 生成文书 opens the reply (not yet issued) — never “文书服务尚未配置”
    assert (kind, status, pages) == (LetterKind.REPLY, "尚未出具。保存或打印时出具本文书并取得文号。", 1), answers.shown
    assert answers.shown == []


def test_edit_dialog_widgets_save_with_a_reason(qtbot, office, answers):
    from app.ui.cases.edit_request_dialog import EditRequestDialog

    d = office.services.requests.register(office.clerk, application())
    dialog = EditRequestDialog(None, office.services, office.clerk, d)
    qtbot.addWidget(dialog)
    assert dialog.form.value("applicant_name") == "李四"            # loaded from the case
    dialog.form.set_value("postcode", "12345")
    dialog._save()
    assert dialog.result() == 0 and dialog.form.error_text("postcode") == "邮政编码应为6位数字。"
    dialog.form.set_value("postcode", "310012")
    dialog.reason.setText("补录邮编")
    dialog._save()
    assert dialog.result() == 1 and dialog.result_detail.postcode == "310012"
    assert dialog.result_detail.events[-1].reason == "补录邮编"
