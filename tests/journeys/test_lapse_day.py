"""Lapses through the window (issue 18 items 1 and 8): the clerk's 逾期未缴费 is refused while the fee notice
is unserved and before its due, allowed once served and past due; the 逾期未补正 lapse records 不予处理 and its
letter recites the 补正 notice's dates. Real start-up, real dialogs; SQLite and PostgreSQL.

Dates from the published 2025 calendar: 端午 Sat May 31 – Mon Jun 2 off; today is Mon 2025-06-30.
"""

from datetime import date

from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.exports.letters.kinds import LetterKind
from app.services.dto import RequestInput
from app.ui.common.form_dialog import FormDialog
from app.workflow.fees import FeeMethod
from app.workflow.transitions import Action
from tests.journeys.cases import NAME, assigned
from tests.journeys.conftest import PASSWORD
from tests.journeys.drive import (
    act, cn, docx_text, fill, log_in, ok, open_case, open_window, save_as, timeline, with_letter,
)
from tests.modal import through_modal

ISSUED, SERVED = date(2025, 5, 26), date(2025, 5, 28)
# due = 20 working days after the served Wed May 28: May 29, 30 (2), Jun 3–6 (6), 9–13 (11), 16–20 (16),
# Jun 23–26 (20) → Thu 2025-06-26. The hint from the issue day Mon May 26: May 27–30 (4), Jun 3–6 (8),
# 9–13 (13), 16–20 (18), Jun 23, 24 (20) → Tue 2025-06-24.
DUE = date(2025, 6, 26)


def _refused(dialog: FormDialog, key: str | None = None) -> str:
    """Press 确定, read the message the service sent back, then 取消 (nothing was saved)."""
    ok(dialog)
    message = dialog.error_text(key)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Cancel).click()
    return message


def _fact(window, label: str, handle):
    QApplication.processEvents()
    assert label in window.detail.fact_buttons, f"{label} is not offered: {list(window.detail.fact_buttons)}"
    return through_modal(FormDialog, handle, window.detail.fact_buttons[label].click)[1]


def test_fee_lapse_refused_until_served_and_due_then_recorded_with_its_letter(qtbot, office, journey):
    d = assigned(office, date(2025, 5, 19))
    clerk = office.services.office.login("clerk1", PASSWORD)
    d = office.services.cases.issue_fee_notice(clerk, d.id, d.version, FeeMethod.BY_VOLUME, 250, ISSUED)
    window = open_window(qtbot, office, log_in(office, "clerk1", PASSWORD))
    open_case(qtbot, window, d.number)
    detail = window.detail
    assert detail.status_badge.text() == "待缴费"
    assert f"{cn(ISSUED)}通知，未送达（暂按发出日期估算2025年6月24日）" in detail.info.toPlainText()

    message = act(window, Action.FEE_LAPSED, lambda dlg: _refused(dlg))
    assert "缴费通知书尚未登记送达日期（未送达）" in message and "登记缴费通知书送达" in message
    assert detail.status_badge.text() == "待缴费"

    def served(dialog):
        fill(dialog, served_on=SERVED)
        ok(dialog)
    _fact(window, "登记缴费通知书送达", served)
    assert f"{cn(SERVED)}送达，应于{cn(DUE)}前缴费" in detail.info.toPlainText()
    assert "登记缴费通知书送达" not in detail.fact_buttons

    def on_the_due_day(dialog):
        fill(dialog, closed_on=DUE)
        return _refused(dialog, "closed_on")
    assert "缴费期限至2025年6月26日届满（2025年5月28日送达" in act(window, Action.FEE_LAPSED, on_the_due_day)

    def the_day_after(dialog):
        fill(dialog, closed_on=date(2025, 6, 27))
        ok(dialog)
    act(window, Action.FEE_LAPSED, the_day_after)
    assert detail.status_badge.text() == "已答复"
    assert ("王登记", "逾期未缴费", "答复决定", "不予处理") in timeline(window)

    def reply(dialog):
        return save_as(qtbot, dialog, office.files / "逾期未缴费答复书.docx")
    text = docx_text(with_letter(qtbot, window, LetterKind.REPLY, reply))
    assert NAME in text and "视为放弃申请" in text and "第四十二条" in text
    assert (f"本机关于{cn(ISSUED)}向您发出信息处理费缴费通知书（应缴信息处理费4700元），该通知书于{cn(SERVED)}送达，"
            f"告知您自收到之次日起20个工作日内（即于{cn(DUE)}前）缴纳。") in text


def test_correction_lapse_recorded_with_its_letter_reciting_the_notice(qtbot, office, journey):
    s = office.services
    clerk = s.office.login("clerk1", PASSWORD)
    d = s.requests.register(clerk, RequestInput(
        applicant_name=NAME, applicant_type="自然人", channel="当面", arrival_date=date(2025, 6, 3),
        description="申请公开江南花园小区规划资料", requested_form="纸质", delivery="邮寄"))
    # the notice on Wed Jun 4 (within 7 working days), 10 working days from its service on Thu Jun 5:
    # Jun 6 (1), 9–13 (6), 16–19 (10) → due Thu 2025-06-19
    d = s.cases.request_correction(clerk, d.id, d.version, date(2025, 6, 4), "请写明所需规划资料的名称或文号", 10)
    window = open_window(qtbot, office, log_in(office, "clerk1", PASSWORD))
    open_case(qtbot, window, d.number)
    detail = window.detail

    def served(dialog):
        fill(dialog, served_on=date(2025, 6, 5))
        ok(dialog)
    _fact(window, "登记补正送达", served)
    assert "2025年6月5日送达，应于2025年6月19日前补正" in detail.info.toPlainText()

    act(window, Action.CORRECTION_LAPSED, ok)                      # today, Mon Jun 30: past the due
    assert detail.status_badge.text() == "已答复"
    rows = timeline(window)
    assert ("王登记", "逾期未补正", "答复决定", "不予处理") in rows

    def reply(dialog):
        assert dialog.kind is LetterKind.REPLY                      # the letter the replied case calls for
        path = save_as(qtbot, dialog, office.files / "逾期未补正答复书.docx")     # issued with its 文号
        return dialog.last_letter, path
    letter, path = with_letter(qtbot, window, LetterKind.REPLY, reply)
    text = docx_text(path)
    assert letter.variant == "不予处理" and letter.doc_number in text
    assert ("因申请内容不明确，本机关于2025年6月4日向您发出补正申请告知书，该告知书于2025年6月5日送达，"
            "告知您自收到之日起10个工作日内（即于2025年6月19日前）作出补正。补正期限届满，本机关未收到您补正后的申请。") in text
    assert "根据《中华人民共和国政府信息公开条例》第三十条的规定，本机关不再处理您的该项政府信息公开申请。" in text
