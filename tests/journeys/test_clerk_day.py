"""The clerk's morning: register → 受理回执 as PDF and Word → 补正 notice → correction received →
assign → 征求意见 letter → fee notice. Real start-up, real dialogs; SQLite and PostgreSQL."""

from app.exports.letters.kinds import LetterKind
from app.ui.letter.letter_preview_dialog import LetterPreviewDialog
from app.workflow.transitions import Action
from tests.journeys.conftest import PASSWORD, TODAY
from tests.journeys.drive import (
    act, docx_text, fill, log_in, ok, open_window, pdf_text, ready, save_as, timeline, with_letter,
)
from tests.modal import through_modal
from tests.ui.desk_support import type_text

NAME = "欧阳明月"
ID_NUMBER = "11010519491231002X"            # GB 11643 check character X


def test_clerk_registers_and_sends_every_notice(qtbot, office, journey):
    clerk = log_in(office, "clerk1", PASSWORD)
    window = open_window(qtbot, office, clerk)

    # -- 登记 (Ctrl+N), then the 受理回执 saved as PDF and as Word ------------------------------
    window.new_action.trigger()
    reg = window.registration
    type_text(reg.form.widgets["applicant_name"], NAME)
    type_text(reg.form.widgets["id_number"], ID_NUMBER)
    reg.form.widgets["description"].setPlainText("申请公开江南花园小区建设工程规划许可证及附图")
    reg.form.widgets["delivery"].setCurrentIndex(reg.form.widgets["delivery"].findText("电子邮件"))
    type_text(reg.form.widgets["email"], "oyang@example.cn")
    reg.save_button.click()
    qtbot.waitUntil(lambda: reg.saved is not None)
    number = reg.saved.number
    assert number == "江南自然资规依申〔2025〕1号" and reg.receipt_number.text() == number

    def receipt(dialog: LetterPreviewDialog):
        ready(qtbot, dialog)
        assert dialog.kind is LetterKind.RECEIPT
        pdf = save_as(qtbot, dialog, office.files / "受理回执.pdf")
        docx = save_as(qtbot, dialog, office.files / "受理回执.docx")
        dialog.close_button.click()
        return dialog.last_letter, pdf, docx
    _, (letter, pdf, docx) = through_modal(LetterPreviewDialog, receipt, reg.print_button.click)
    assert letter.doc_number == "江南自然资规依受〔2025〕1号"
    for text in (pdf_text(pdf), docx_text(docx)):
        assert NAME in text and number in text and letter.doc_number in text

    reg.open_button.click()                                              # 查看详情
    assert window.current_page() is window.detail
    detail = window.detail
    assert detail.status_badge.text() == "待审核"

    # -- 补正: the notice names what is missing; the corrected application restarts the clock -----
    def correction(dialog):
        fill(dialog, content="请写明所需规划许可证的项目名称或文号")
        ok(dialog)
    act(window, Action.REQUEST_CORRECTION, correction)
    assert detail.status_badge.text() == "待补正"

    def notice(dialog):
        path = save_as(qtbot, dialog, office.files / "补正申请告知书.docx")
        return dialog.last_letter, path
    letter, path = with_letter(qtbot, window, LetterKind.CORRECTION, notice)
    text = docx_text(path)
    assert letter.doc_number == "江南自然资规依补〔2025〕1号"
    assert NAME in text and letter.doc_number in text and "请写明所需规划许可证的项目名称或文号" in text

    act(window, Action.RECEIVE_CORRECTION, ok)                          # received today
    assert detail.status_badge.text() == "待审核"
    # restarted Mon 2025-06-30: Jul 1–4 (4), 7–11 (9), 14–18 (14), 21–25 (19), 28 (20)
    assert detail.due_badge.text() == "应答复：2025-07-28"

    # -- 审核交办 --------------------------------------------------------------------------------
    def assign(dialog):
        fill(dialog, department_id="规划科", handler_id="李承办")
        ok(dialog)
    act(window, Action.ASSIGN, assign)
    assert detail.status_badge.text() == "办理中"

    # -- 征求意见: the letter to the third party; the clock pauses -----------------------------
    def consult(dialog):
        fill(dialog, party="江南置业有限公司", party_received_on=TODAY)
        ok(dialog)
    act(window, Action.START_CONSULTATION, consult)
    assert detail.status_badge.text() == "征求意见中"
    assert detail.due_badge.text().startswith("暂停计时（征求意见中）")

    def consultation_letter(dialog):
        return dialog_letter(qtbot, dialog, office.files / "征求第三方意见函.docx")
    letter, path = with_letter(qtbot, window, LetterKind.CONSULTATION, consultation_letter)
    text = docx_text(path)
    assert letter.doc_number == "江南自然资规依征〔2025〕1号"
    assert "江南置业有限公司" in text and letter.doc_number in text and number in text

    def answered(dialog):
        fill(dialog, answer="同意公开", opinion="同意公开规划许可证及附图")
        ok(dialog)
    act(window, Action.END_CONSULTATION, answered)
    assert detail.status_badge.text() == "办理中"
    assert "江南置业有限公司" in detail.info.toPlainText() and "同意公开" in detail.info.toPlainText()

    # -- 缴费通知: 250 pages = 70 × 10 + 100 × 20 + 50 × 40 = 4700 元 (domain §5) ----------------
    def fee(dialog):
        assert dialog.widget("quantity").text() == ""               # never pre-filled (issue 19)
        fill(dialog, method="按量计收", quantity="250")
        assert dialog.preview_text() == "应收信息处理费：4700元"
        ok(dialog)
    act(window, Action.ISSUE_FEE_NOTICE, fee)
    assert detail.status_badge.text() == "待缴费"
    assert detail.due_badge.text().startswith("暂停计时（待缴费）")
    letter, path = with_letter(qtbot, window, LetterKind.FEE,
                               lambda d: dialog_letter(qtbot, d, office.files / "缴费通知书.docx"))
    text = docx_text(path)
    assert letter.doc_number == "江南自然资规依费〔2025〕1号"
    assert NAME in text and letter.doc_number in text and "4700" in text

    # -- the audit names the clerk for every step of the morning --------------------------------
    rows = timeline(window)
    steps = {what for who, what, _f, _n in rows if who == "王登记"}
    assert {"登记", "告知补正", "收到补正", "审核交办", "发起征求意见", "征求意见结束", "发出缴费通知",
            "生成文书"} <= steps, rows
    assert {who for who, *_ in rows} == {"王登记"}
    assert ("王登记", "征求意见结束", "江南置业有限公司意见", "同意") in rows


def dialog_letter(qtbot, dialog, path):
    saved = save_as(qtbot, dialog, path)
    return dialog.last_letter, saved
