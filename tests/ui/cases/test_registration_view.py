"""The registration screen: messages at the field as the clerk types, receipt date, duplicates, 回执."""
# Fixtures come from tests/ui/desk_support.py by import, so test arguments reuse their names.
# ruff: noqa: F811

from datetime import date

import pytest
from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.exports.letters.kinds import LetterKind
from app.ui.common import prompts

from app.services.cases.query_service import RequestQuery
from app.ui.common.change_hub import ChangeHub
from app.ui.letter.letter_preview_dialog import LetterPreviewDialog
from app.ui.common.form_dialog import to_qdate
from app.ui.cases.registration_view import RegistrationView
from tests.modal import answer_modal
from tests.ui.desk_support import answers, application, office, type_text  # noqa: F401

# The offscreen platform warns when a top-level window is shown; that is not the app's fault.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

VALID_ID = "11010519491231002X"       # the GB 11643 standard's own example number
WRONG_CHECK_DIGIT = "110105194912310021"


def _view(qtbot, office):
    view = RegistrationView(office.services, office.clerk, ChangeHub())
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    return view


def test_wrong_id_check_digit_shows_the_message_at_the_field(qtbot, office, answers):
    view = _view(qtbot, office)
    form = view.form
    assert form.value("id_type") == "居民身份证"        # a natural person defaults to the resident ID
    qtbot.keyClicks(form.widgets["id_number"], WRONG_CHECK_DIGIT)
    assert form.error_text("id_number") == "身份证号码校验位不正确，请核对后重新输入"
    assert form.widgets["id_number"].property("invalid") is True
    form.widgets["id_number"].clear()
    qtbot.keyClicks(form.widgets["id_number"], VALID_ID)
    assert form.error_text("id_number") == ""
    qtbot.keyClicks(form.widgets["postcode"], "10003")
    assert form.error_text("postcode") == "邮政编码应为6位数字。"
    qtbot.keyClicks(form.widgets["postcode"], "8")
    assert form.error_text("postcode") == ""


def test_required_fields_and_dates_block_saving(qtbot, office, answers):
    view = _view(qtbot, office)
    form = view.form
    form.widgets["arrival_date"].setDate(to_qdate(date(2025, 7, 1)))      # after today (2025-06-30)
    assert view.save() is None
    assert form.error_text("applicant_name") == "请填写申请人姓名或名称。"
    assert form.error_text("description") == "请写明所需政府信息的名称、文号或其他特征。"
    assert form.error_text("arrival_date") == "到达日期不能晚于今天，请核对。"
    assert office.services.queries.count(RequestQuery()) == 0


def test_receipt_date_follows_channel_and_dates(qtbot, office, answers):
    view = _view(qtbot, office)
    form = view.form
    form.widgets["arrival_date"].setDate(to_qdate(date(2025, 6, 23)))
    assert form.receipt_label.text().startswith("收到申请之日：2025年6月23日")      # 当面: the day handed in
    form.set_value("channel", "网络")
    form._edited("channel")
    assert "待确认" in form.receipt_label.text()                                     # online: not until confirmed
    form.widgets["confirmation_date"].set_value(date(2025, 6, 25))
    assert form.receipt_label.text().startswith("收到申请之日：2025年6月25日")
    form.widgets["confirmation_date"].set_value(date(2025, 6, 20))
    assert form.error_text("confirmation_date") == "确认日期不能早于到达日期，请核对。"


def _fill(qtbot, form, name="李四", description="申请公开某小区规划许可证及附图"):
    type_text(form.widgets["applicant_name"], name)
    qtbot.keyClicks(form.widgets["id_number"], VALID_ID)
    form.widgets["description"].setPlainText(description)
    form.widgets["arrival_date"].setDate(to_qdate(date(2025, 6, 23)))


def test_save_shows_the_receipt_number_and_prints_the_receipt(qtbot, office, answers, tmp_path):
    view = _view(qtbot, office)
    _fill(qtbot, view.form)
    with qtbot.waitSignal(view.registered):
        qtbot.keyClick(view.save_button, Qt.Key_Space)
    # default pattern {机关简称}依申〔{年}〕{序号}号 with 机关简称 某自然资规, first number of 2025
    assert view.receipt_number.text() == "某自然资规依申〔2025〕1号"
    assert not view.success_box.isHidden() and not view.form.isEnabled()
    # received Mon 06-23: Jun 24–27 (4), Jun 30–Jul 4 (9), 7–11 (14), 14–18 (19), 21 (20)
    assert view.receipt_due.text() == "应答复日期：2025-07-21"
    # the real preview dialog opens on the numbered 受理回执; the clerk saves it as Word and closes
    docx_path = tmp_path / "受理回执.docx"
    prompts.set_answer("save_file", lambda title, suggested: str(docx_path))     # the OS file chooser

    def save_and_close(dialog):
        qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=20000)
        assert dialog.kind == LetterKind.RECEIPT
        dialog.save_docx_button.click()
        qtbot.waitUntil(lambda: dialog.status.text().startswith("已保存") and not dialog.busy, timeout=20000)
        dialog.findChild(QPushButton, "close_button").click()
        return dialog.last_letter

    driver = answer_modal(LetterPreviewDialog, save_and_close)
    letter = view.print_receipt()                    # the numbered 受理回执 letter, printable there
    assert driver.check() is letter and letter is not None
    text = "".join(p.text for p in Document(docx_path).paragraphs)
    assert "李四" in text and "某自然资规依申〔2025〕1号" in text
    assert view.save() is None                       # saving twice does not register twice
    view.new()
    assert view.form.isEnabled() and view.form.value("applicant_name") == ""


def test_similar_request_warns_and_asks_before_registering(qtbot, office, answers):
    first = office.services.requests.register(office.clerk, application(id_type="居民身份证", id_number=VALID_ID))
    view = _view(qtbot, office)
    _fill(qtbot, view.form, description="申请公开某小区的规划许可证及附图")
    hits = view.refresh_similar()
    assert [h[0] for h in hits] == [first.number]
    assert not view.similar_box.isHidden() and first.number in view.similar_label.text()
    answers.confirm_answer = False
    assert view.save() is None
    # the earlier request is still 待审核: not a 36(6) repeat, which needs an answered request
    assert answers.messages("confirm")[0].startswith("该申请人此前提出的相似申请尚在办理、尚未答复")
    assert "不适用第三十六条第（六）项" in answers.messages("confirm")[0]
    assert f"{first.number}（待审核）" in view.similar_label.text()
    answers.confirm_answer = True
    saved = view.save()
    assert saved is not None and saved.number == "某自然资规依申〔2025〕2号"


def test_service_error_lands_on_its_field(qtbot, office, answers):
    office.services.requests.register(office.clerk, application(number="自编〔2025〕7号"))
    view = _view(qtbot, office)
    _fill(qtbot, view.form, name="周八", description="申请公开某道路改造工程立项批复")
    type_text(view.form.widgets["number"], "自编〔2025〕7号")
    assert view.save() is None
    assert view.form.error_text("number") == "申请编号“自编〔2025〕7号”已存在，请更换编号。"


def test_an_answered_earlier_request_is_cited_as_a_possible_36_6_repeat(qtbot, office, answers):
    s = office.services
    first = s.requests.register(office.clerk, application(id_type="居民身份证", id_number=VALID_ID))
    s.cases.withdraw(office.clerk, first.id, first.version, first.arrival_date, "申请人撤回")   # closed: 已答复
    view = _view(qtbot, office)
    _fill(qtbot, view.form, description="申请公开某小区的规划许可证及附图")
    view.refresh_similar()
    status = s.requests.detail(first.id).status
    assert status in ("已答复", "已归档")
    assert view.similar_label.text().startswith("该申请人此前已就相似内容提出申请并已答复，本件可能属于重复申请"
                                                "（条例第三十六条第（六）项）")
    assert f"{first.number}（{status}）" in view.similar_label.text()
