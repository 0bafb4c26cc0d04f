"""The chief's day: approve an extension (its notice issued) → 签批 → 签发 the reply. Real start-up,
real dialogs; SQLite and PostgreSQL."""

from app.exports.letters.kinds import LetterKind
from app.workflow.transitions import Action
from tests.journeys.cases import NAME, REASONS, submitted
from tests.journeys.conftest import PASSWORD, TODAY
from tests.journeys.notice_drive import fact
from tests.journeys.drive import (
    act, docx_text, fill, log_in, ok, open_case, open_window, pdf_text, save_as, sign, timeline, with_letter,
)


def test_chief_extends_signs_off_and_signs_the_reply(qtbot, office, journey):
    case = submitted(office)
    chief = log_in(office, "chief1", PASSWORD)
    window = open_window(qtbot, office, chief)
    open_case(qtbot, window, case.number)
    detail = window.detail
    # received Mon 2025-06-16: Jun 17–20 (4), 23–27 (9), Jun 30–Jul 4 (14), 7–11 (19), Jul 14 (20)
    assert detail.due_badge.text() == "应答复：2025-07-14"

    def extend(dialog):
        fill(dialog, days=25)                       # too many: said plainly, not silently cut to 2
        assert dialog.widget("days").value() == 25
        assert dialog.error_text("days").startswith("延长工作日数应为1至20")
        assert dialog.preview_text() == ""
        fill(dialog, days=10)
        # 10 more after Mon 07-14: Jul 15–18 (4), 21–25 (9), Jul 28 (10)
        assert dialog.preview_text() == "延长10个工作日后，应答复日期：2025年7月28日（原为2025年7月14日）"
        assert dialog.error_text("days") == ""
        fill(dialog, reason="需要调取2019年的规划档案并会同保密部门核实")
        ok(dialog)
    act(window, Action.APPROVE_EXTENSION, extend)
    assert detail.due_badge.text() == "应答复：2025-07-28"

    def notice(dialog):
        sign(qtbot, dialog)                      # the chief signs the notice: sign-off does not sign it
        path = save_as(qtbot, dialog, office.files / "延期告知书.docx")
        return dialog.last_letter, path
    letter, path = with_letter(qtbot, window, LetterKind.EXTENSION, notice)
    text = docx_text(path)
    assert letter.doc_number == "江南自然资规依延〔2025〕1号"
    assert NAME in text and letter.doc_number in text and "2025年7月28日" in text and "10个工作日" in text

    act(window, Action.SIGN_OFF, lambda dialog: (fill(dialog, opinion="同意不予公开"), ok(dialog)))
    assert detail.status_badge.text() == "待答复"
    # the reply recites the extension notice only once it reached the applicant (送达 recorded)
    fact(window, "登记通知书送达", lambda dialog: (fill(dialog, served_on=TODAY), ok(dialog)))

    def sign_reply(dialog):
        question = sign(qtbot, dialog)
        assert question.startswith("签发后政府信息公开申请答复书将冻结")
        assert "已签发（赵科长，" in dialog.status.text()          # the signer by name, not username
        path = save_as(qtbot, dialog, office.files / "答复书.pdf")
        return dialog.last_letter, path
    letter, path = with_letter(qtbot, window, LetterKind.REPLY, sign_reply)
    text = pdf_text(path)
    assert letter.doc_number == "江南自然资规依复〔2025〕1号"
    assert NAME in text and letter.doc_number in text and REASONS in text
    [reply] = [x for x in office.services.letters.letters(case.id) if x.kind == LetterKind.REPLY.value]
    assert (reply.state, reply.signed_by) == ("已签发", "chief1")

    rows = timeline(window)
    assert ("赵科长", "批准延期", "延长工作日", "10") in rows
    assert ("赵科长", "签批同意", "状态", "待答复") in rows
    assert any(who == "赵科长" and what == "签发文书" and field == "答复（不予公开）" for who, what, field, _ in rows), rows
