"""The clerk again: save and print the signed reply → 登记答复 with 送达 → 归档. Real start-up, real
dialogs; SQLite and PostgreSQL."""

from PySide6.QtWidgets import QLabel, QMessageBox

from app.exports.letters.kinds import LetterKind
from app.workflow.transitions import Action
from tests.journeys.cases import NAME, REASONS, approved
from tests.journeys.conftest import PASSWORD, TODAY
from tests.journeys.drive import (
    act, fill, log_in, ok, open_case, open_window, pdf_text, print_to, save_as, timeline, with_letter,
)
from tests.modal import through_modal


def test_clerk_serves_the_signed_reply_and_archives(qtbot, office, journey):
    case = approved(office)
    clerk = log_in(office, "clerk1", PASSWORD)
    window = open_window(qtbot, office, clerk)
    open_case(qtbot, window, case.number)
    detail = window.detail
    assert detail.status_badge.text() == "待答复"

    def save_and_print(dialog):
        assert dialog.status.text().startswith("政府信息公开申请答复书（不予公开） 江南自然资规依复〔2025〕1号 第1版 · 已签发")
        saved = save_as(qtbot, dialog, office.files / "答复书.pdf")
        printed = print_to(qtbot, dialog, office.files / "打印件.pdf")
        return dialog.last_letter, saved, printed
    letter, saved, printed = with_letter(qtbot, window, LetterKind.REPLY, save_and_print)
    assert letter.signed and letter.doc_number == "江南自然资规依复〔2025〕1号"
    for text in (pdf_text(saved), pdf_text(printed)):
        assert NAME in text and letter.doc_number in text and REASONS in text

    def reply(dialog):
        intro = dialog.findChild(QLabel, "dialogIntro").text()
        assert intro.startswith("送达文书：政府信息公开申请答复书（不予公开） 江南自然资规依复〔2025〕1号 第1版（已签发）")
        assert dialog.widget("service_method").currentText() == "电子送达"    # the applicant asked by e-mail
        assert "outcome" not in dialog._widgets                           # fixed at 提交签批, not asked again
        fill(dialog, service_date=TODAY)
        ok(dialog)
        return intro
    act(window, Action.RECORD_REPLY, reply)
    assert detail.status_badge.text() == "已答复"
    assert "江南自然资规依复〔2025〕1号" in detail.info.toPlainText()

    button = detail.action_buttons[Action.ARCHIVE]
    _, question = through_modal(QMessageBox, lambda box: (box.button(QMessageBox.Yes).click(), box.text())[1],
                                button.click)
    assert question.startswith(f"确定将申请“{case.number}”归档吗")
    assert detail.status_badge.text() == "已归档"
    d = office.services.requests.detail(case.id)
    assert (d.status, d.reply_doc_number, d.service_method, d.service_date) == (
        "已归档", "江南自然资规依复〔2025〕1号", "电子送达", TODAY)

    rows = timeline(window)
    assert ("王登记", "送达", "送达文书", "江南自然资规依复〔2025〕1号") in rows
    assert ("王登记", "登记答复", "状态", "已答复") in rows
    assert ("王登记", "归档", "状态", "已归档") in rows
