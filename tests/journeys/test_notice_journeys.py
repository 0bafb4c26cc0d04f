"""Notices before recitals, through the real window (issues 18 item 4, 19 item 3); SQLite and PostgreSQL.

Art 32: the third party objects → 提交签批 of 予以公开 is refused → 决定公开 → the chief signs the
决定公开政府信息告知书 and the reply → 登记答复 is refused until the clerk records the notice's 送达 → replied.
Extension: approving it drafts its notice → the chief signs it → the clerk records its 送达 → the reply
recites it with its 文号 and date. Today is Mon 2025-06-30 in every dialog.
"""

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from app.exports.letters.kinds import LetterKind
from app.workflow.deadline import PauseKind
from app.workflow.transitions import Action
from tests.journeys.cases import NAME, _login, assigned
from tests.journeys.conftest import PASSWORD, TODAY
from tests.journeys.notice_drive import fact
from tests.journeys.drive import (
    act, docx_text, fill, log_in, ok, open_case, open_window, pick, ready, save_as, sign, timeline, with_letter,
)
from tests.modal import through_modal

SHOTS = Path("/work/shots/legal-letters")
PARTY = "江南置业有限公司"
PUBLIC_INTEREST = "该项目涉及周边三千余户居民的采光和通行，不公开可能对公共利益造成重大影响"


def objected(office):
    """Assigned 2025-06-16; the third party consulted 06-17 (its letter signed) and objecting 06-24."""
    s, handler, chief = office.services, _login(office, "handler1"), _login(office, "chief1")
    d = assigned(office)
    d = s.cases.start_consultation(handler, d.id, d.version, PauseKind.THIRD_PARTY, PARTY, date(2025, 6, 17),
                                   date(2025, 6, 18))
    s.letters.sign(chief, s.letters.issue(handler, d.id, LetterKind.CONSULTATION).id)
    return s.cases.end_consultation(handler, d.id, d.version, date(2025, 6, 24), "涉及本公司商业秘密", "不同意")


def cancel(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Cancel).click()


def refused_then_cancel(key: str = "", *words):
    def handle(dialog):
        ok(dialog)
        message = dialog.error_text(key or None)
        for w in words:
            assert w in message, message
        if SHOTS.is_dir():
            dialog.grab().save(str(SHOTS / f"refused-{words[0][:6]}.png"))
        cancel(dialog)
        return message
    return handle


def test_art32_objection_decision_notice_served_then_reply(qtbot, office, journey):
    case = objected(office)
    handler = log_in(office, "handler1", PASSWORD)
    window = open_window(qtbot, office, handler)
    open_case(qtbot, window, case.number)
    assert "第三方异议不合理" in window.detail.fact_buttons

    def submit_disclosure(dialog):
        fill(dialog, decision="予以公开")
        return refused_then_cancel("", "不同意公开", PARTY, "决定公开（第三方不同意）")(dialog)
    act(window, Action.SUBMIT, submit_disclosure)
    assert window.detail.status_badge.text() == "办理中"

    def decide(dialog):
        fill(dialog, reasons=PUBLIC_INTEREST)
        ok(dialog)
    fact(window, "决定公开（第三方不同意）", decide)
    act(window, Action.SUBMIT, lambda dialog: (fill(dialog, decision="予以公开"), ok(dialog)))
    assert window.detail.status_badge.text() == "待签批"
    window.close()

    chief = log_in(office, "chief1", PASSWORD)
    window = open_window(qtbot, office, chief)
    open_case(qtbot, window, case.number)
    act(window, Action.SIGN_OFF, lambda dialog: (fill(dialog, opinion="同意公开"), ok(dialog)))

    def sign_notice(dialog):
        sign(qtbot, dialog)
        if SHOTS.is_dir():
            dialog.grab().save(str(SHOTS / "preview-决定公开告知书.png"))
        return dialog.last_letter, save_as(qtbot, dialog, office.files / "决定公开.docx")
    notice, path = with_letter(qtbot, window, LetterKind.DISCLOSURE_DECISION, sign_notice)
    text = docx_text(path)
    assert notice.doc_number == "江南自然资规依决〔2025〕1号" and f"{PARTY}：" in text
    assert "决定公开的理由：" + PUBLIC_INTEREST + "。" in text and "本机关将在本告知书送达后依法公开" in text
    with_letter(qtbot, window, LetterKind.REPLY, lambda dialog: sign(qtbot, dialog))
    window.close()

    clerk = log_in(office, "clerk1", PASSWORD)
    window = open_window(qtbot, office, clerk)
    open_case(qtbot, window, case.number)

    def service_receipt(dialog):          # the 送达回证 for the notice, picked from the served documents
        assert dialog.served_combo.isVisible()
        pick(dialog.served_combo, LetterKind.DISCLOSURE_DECISION.value)
        ready(qtbot, dialog, lambda: dialog.preview.letter is None or
              dialog.preview.letter.variant == LetterKind.DISCLOSURE_DECISION.value)
        if SHOTS.is_dir():
            dialog.grab().save(str(SHOTS / "preview-送达回证-选择送达文书.png"))
        return save_as(qtbot, dialog, office.files / "送达回证.docx")
    text = docx_text(with_letter(qtbot, window, LetterKind.SERVICE, service_receipt))
    assert f"决定公开政府信息告知书（{notice.doc_number}）" in text and PARTY in text and NAME not in text
    act(window, Action.RECORD_REPLY, refused_then_cancel("", notice.doc_number, "尚未登记送达"))
    assert window.detail.status_badge.text() == "待答复"

    def served(dialog):
        assert dialog.widget("letter_id").currentText() == f"决定公开政府信息告知书（{notice.doc_number}）"
        fill(dialog, served_on=TODAY)
        ok(dialog)
    fact(window, "登记通知书送达", served)
    act(window, Action.RECORD_REPLY, lambda dialog: (fill(dialog, service_date=TODAY), ok(dialog)))
    assert window.detail.status_badge.text() == "已答复"
    rows = timeline(window)
    assert ("王登记", "通知书送达", f"决定公开政府信息告知书（{notice.doc_number}）", "2025-06-30") in rows
    assert ("李承办", "决定公开（第三方不同意）", PARTY, PUBLIC_INTEREST) in rows


def test_extension_notice_is_produced_signed_and_served_before_the_reply_recites_it(qtbot, office, journey):
    s = office.services
    d = assigned(office)
    d = s.cases.submit(_login(office, "handler1"), d.id, d.version, "信息不存在")
    chief = log_in(office, "chief1", PASSWORD)
    window = open_window(qtbot, office, chief)
    open_case(qtbot, window, d.number)

    def extend(dialog):
        fill(dialog, days=10, reason="需要调取2019年的规划档案并逐卷核对")
        ok(dialog)
    act(window, Action.APPROVE_EXTENSION, extend)
    # received Mon 2025-06-16 → due 07-14; 10 more: Jul 15–18 (4), 21–25 (9), Jul 28 (10)
    assert window.detail.due_badge.text() == "应答复：2025-07-28"
    [drafted] = s.letters.letters(d.id)                   # produced at approval, waiting for its signature
    assert (drafted.kind, drafted.state) == ("延长答复期限告知书", "草稿")
    window.show_page(window.workbench)
    qtbot.waitUntil(lambda: window.workbench.notices_box.isVisible(), timeout=10000)
    assert "延长答复期限告知书（2025年6月30日批准延期10个工作日），已拟稿，待签发" in \
        window.workbench.notices_box.label.text()
    if SHOTS.is_dir():
        qtbot.wait(200)                   # let the layout place the box before the picture
        window.grab().save(str(SHOTS / "workbench-待签发通知书.png"))
    open_case(qtbot, window, d.number)

    def reply_refused(dialog):
        assert dialog.preview is None and "延长答复期限告知书" in dialog.status.text()
        assert "尚未签发" in dialog.status.text()
    with_letter_refused(qtbot, window, LetterKind.REPLY, reply_refused)
    notice = with_letter(qtbot, window, LetterKind.EXTENSION, lambda dialog: (sign(qtbot, dialog),
                                                                              dialog.last_letter)[1])
    assert notice.doc_number == "江南自然资规依延〔2025〕1号"

    def served(dialog):
        fill(dialog, served_on=TODAY)
        ok(dialog)
    fact(window, "登记通知书送达", served)
    act(window, Action.SIGN_OFF, lambda dialog: (fill(dialog, opinion="同意"), ok(dialog)))

    def sign_reply(dialog):
        sign(qtbot, dialog)
        return save_as(qtbot, dialog, office.files / "答复书.docx")
    text = docx_text(with_letter(qtbot, window, LetterKind.REPLY, sign_reply))
    assert ("本机关于2025年6月30日以《延长答复期限告知书》（江南自然资规依延〔2025〕1号）告知您延长答复期限"
            "10个工作日。") in text
    assert not s.notices.pending()


def with_letter_refused(qtbot, window, kind, check):
    """生成文书 for a letter the case cannot yield yet: the reason stands above the empty page."""
    from app.ui.letter.letter_preview_dialog import LetterPreviewDialog
    from tests.journeys.drive import WAIT, pick

    def handle(dialog):
        if dialog.kind is not kind:
            qtbot.waitUntil(lambda: dialog.kind_combo.isEnabled(), timeout=WAIT)
            pick(dialog.kind_combo, kind.value)
        qtbot.waitUntil(lambda: not dialog.busy and dialog.preview is None
                        and dialog.status.text() != "正在生成预览…", timeout=WAIT)
        check(dialog)
        dialog.close_button.click()
    through_modal(LetterPreviewDialog, handle, window.detail.letter_button.click)


def test_art35_request_served_and_answer_recorded_before_five_four(qtbot, office, journey):
    """The chief signs the 要求说明理由通知书 (dated 2025-06-30), the clerk records its 送达 and the applicant's
    answer; 五.4 is refused at 提交签批 until then, and the reply says what was recorded."""
    d = assigned(office)
    chief = log_in(office, "chief1", PASSWORD)
    window = open_window(qtbot, office, chief)
    open_case(qtbot, window, d.number)
    asked = with_letter(qtbot, window, LetterKind.REASONS_REQUEST, lambda dialog: (sign(qtbot, dialog),
                                                                                   dialog.last_letter)[1])
    assert "登记说明理由答复" not in window.detail.fact_buttons          # not served yet: not offered
    fact(window, "登记通知书送达", lambda dialog: (fill(dialog, served_on=TODAY), ok(dialog)))
    window.close()

    handler = log_in(office, "handler1", PASSWORD)
    window = open_window(qtbot, office, handler)
    open_case(qtbot, window, d.number)

    def five_four(dialog):
        fill(dialog, decision="不予处理", outcome="（五）4.无正当理由大量反复申请")
        return refused_then_cancel("", "登记说明理由答复")(dialog)
    act(window, Action.SUBMIT, five_four)

    def answer(dialog):
        fill(dialog, answer="说明了理由，经审查理由不合理", answered_on=TODAY, note="称用于个人研究，未说明为何需要全部档案")
        ok(dialog)
    fact(window, "登记说明理由答复", answer)
    act(window, Action.SUBMIT, lambda dialog: (fill(dialog, decision="不予处理",
                                                     outcome="（五）4.无正当理由大量反复申请"), ok(dialog)))
    assert window.detail.status_badge.text() == "待签批"
    text = docx_text(with_letter(qtbot, window, LetterKind.REPLY,
                                 lambda dialog: save_as(qtbot, dialog, office.files / "五4.docx")))
    assert (f"本机关于2025年6月30日以《要求说明理由通知书》（{asked.doc_number}）要求您说明理由，"
            "您于2025年6月30日说明了理由，经审查，您说明的理由不合理。") in text
