"""The handler's day: draft the decision with its reasons (答复理由 for the letter, 拟办意见 inside) →
提交签批. Real start-up, real dialogs; SQLite and PostgreSQL."""

from app.exports.letters.kinds import LetterKind
from app.workflow.transitions import Action
from tests.journeys.cases import NAME, OPINION, REASONS, assigned
from tests.journeys.conftest import PASSWORD
from tests.journeys.drive import (
    act, docx_text, fill, log_in, ok, open_case, open_window, pick, save_as, timeline, with_letter,
)


def test_handler_drafts_the_decision_and_submits(qtbot, office, journey):
    case = assigned(office)
    handler = log_in(office, "handler1", PASSWORD)
    window = open_window(qtbot, office, handler)
    open_case(qtbot, window, case.number)
    detail = window.detail
    assert detail.status_badge.text() == "办理中"

    def decide(dialog):
        decision, outcome = dialog.widget("decision"), dialog.widget("outcome")
        pick(decision, "予以公开")                 # the mapping fixes the leaf: shown, not asked
        assert (outcome.currentText(), outcome.isEnabled()) == ("（一）予以公开", False)
        pick(decision, "不予公开")                 # eight grounds of （三）: the handler chooses
        assert outcome.isEnabled() and outcome.count() == 8
        fill(dialog, outcome="（三）1.属于国家秘密", reasons=REASONS, opinion=OPINION)
        ok(dialog)
    act(window, Action.SUBMIT, decide)
    assert detail.status_badge.text() == "待签批"
    info = detail.info.toPlainText()
    assert REASONS in info and OPINION in info

    def draft(dialog):
        texts = "".join(t.text for page in dialog.preview.pages for t in page.texts)
        assert REASONS[:12] in texts and "请科长审定" not in texts       # the letter says the reasons only
        path = save_as(qtbot, dialog, office.files / "答复书草稿.docx")
        return dialog.last_letter, path
    letter, path = with_letter(qtbot, window, LetterKind.REPLY, draft)
    text = docx_text(path)
    assert letter.doc_number == "江南自然资规依复〔2025〕1号" and letter.state == "草稿"
    assert NAME in text and letter.doc_number in text and REASONS in text
    assert "第十四条" in text and "请科长审定" not in text and "拟不予公开" not in text

    rows = timeline(window)
    assert ("李承办", "提交签批", "状态", "待签批") in rows
    assert ("李承办", "拟办意见", "答复理由", REASONS) in rows
    assert ("李承办", "拟办意见", "拟办意见", OPINION) in rows
    assert ("李承办", "拟办意见", "办理结果", "属于国家秘密") in rows
