"""Issue 19 in the real window: the 协办 handler can only answer their task; only the chief signs (the
法制审核员's 审查通过 signs nothing); 部分公开's withheld ground is asked at 提交签批. SQLite and PostgreSQL.
Screenshots of the changed dialogs at 1366×768 go to /work/shots/authority/ when that folder exists."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel

from app.exports.letters.kinds import LetterKind
from app.ui.common.form_dialog import FormDialog
from app.workflow.outcomes import Outcome
from app.workflow.transitions import Action, TaskAction
from app.workflow.vocabulary import Role
from tests.journeys.cases import REASONS, assigned, submitted
from tests.journeys.conftest import PASSWORD
from tests.journeys.drive import act, fill, log_in, ok, open_case, open_window, pick, sign, with_letter
from tests.modal import through_modal

SHOTS = Path("/work/shots/authority")


def _shot(widget, name: str) -> None:
    if SHOTS.is_dir():
        QApplication.processEvents()
        widget.grab().save(str(SHOTS / name))


def _add_user(office, username, name, role, dept_name: str | None = None) -> int | None:
    o = office.services.office
    admin = o.login("admin", PASSWORD)
    dept = o.save_department(admin, dept_name).id if dept_name else None
    o.create_user(admin, username, name, role, PASSWORD, dept)
    return dept


def test_the_assisting_handler_can_only_answer_their_task(qtbot, office, journey):
    estate = _add_user(office, "assist1", "刘协办", Role.HANDLER, "不动产登记处")
    case = assigned(office)                                  # 规划科 / 李承办 leads
    clerk = office.services.office.login("clerk1", PASSWORD)
    office.services.tasks.add_task(clerk, case.id, estate, "请核实该地块的不动产登记情况")

    assist = log_in(office, "assist1", PASSWORD)
    window = open_window(qtbot, office, assist)
    open_case(qtbot, window, case.number)
    detail = window.detail
    offered = set(detail.action_buttons) | set(detail.fact_buttons)
    for act_name in (Action.SUBMIT, Action.START_CONSULTATION, "决定公开（第三方不同意）", "答复要素"):
        assert act_name not in offered, f"{act_name} is offered to the 协办 handler: {offered}"
    assert detail.action_buttons == {}                        # no workflow step of the case is theirs

    panel = detail.task_panel
    detail.tabs.setCurrentWidget(panel)
    assert panel.select("不动产登记处")
    button = panel.action_buttons[TaskAction.ANSWER]
    assert button.isVisible() and button.isEnabled()
    assert not panel.add_button.isVisible()                   # assigning tasks is the office's

    def answer(dialog):
        fill(dialog, findings="该地块已于2019年办理不动产首次登记", info_exists="存在", proposed_decision="予以公开")
        ok(dialog)
    through_modal(FormDialog, answer, button.click)
    [task] = [t for t in office.services.tasks.tasks(assist, case.id) if t.department == "不动产登记处"]
    assert (task.status, task.answered_by) == ("已答复", "assist1")
    assert office.services.requests.detail(case.id).status == "办理中"      # the case itself did not move


def test_only_the_chief_signs_the_reply(qtbot, office, journey):
    s = office.services
    _add_user(office, "legal1", "吴法审", Role.LEGAL)
    admin = s.office.login("admin", PASSWORD)
    s.settings.save(admin, replace(s.settings.load(), legal_review=True, legal_review_days=1))
    case = submitted(office)
    draft = s.letters.issue(s.office.login("handler1", PASSWORD), case.id)     # saved before 签批

    chief = log_in(office, "chief1", PASSWORD)
    window = open_window(qtbot, office, chief)
    open_case(qtbot, window, case.number)

    def sign_off(dialog):
        _shot(dialog, "sign-off-dialog.png")
        intro = dialog.findChild(QLabel, "dialogIntro").text()
        assert f"答复理由（印入答复书）：{REASONS}" in intro           # what the applicant will read
        fill(dialog, opinion="同意不予公开")
        ok(dialog)
    act(window, Action.SIGN_OFF, sign_off)
    assert window.detail.status_badge.text() == "待合法性审查"
    assert Action.LEGAL_PASS not in window.detail.action_buttons   # a 法制审核员 is active: not the chief's
    assert s.letters.get(draft.id).state == "草稿"

    legal = log_in(office, "legal1", PASSWORD)
    window2 = open_window(qtbot, office, legal)
    open_case(qtbot, window2, case.number)
    act(window2, Action.LEGAL_PASS, lambda dialog: ok(dialog))
    assert window2.detail.status_badge.text() == "待答复"
    assert s.letters.get(draft.id).state == "草稿"                  # 审查通过 signed nothing

    def cannot_sign(dialog):
        assert not dialog.sign_button.isEnabled()
    with_letter(qtbot, window2, LetterKind.REPLY, cannot_sign)

    open_case(qtbot, window, case.number)
    with_letter(qtbot, window, LetterKind.REPLY, lambda dialog: sign(qtbot, dialog))
    letter = s.letters.get(draft.id)
    assert (letter.state, letter.signed_by) == ("已签发", "chief1")
    signers = {e.actor for e in s.requests.detail(case.id).events if e.kind == "签发文书"}
    assert signers == {"chief1"}


def test_partial_disclosure_asks_its_withheld_ground_at_submit(qtbot, office, journey):
    case = assigned(office)
    handler = log_in(office, "handler1", PASSWORD)
    window = open_window(qtbot, office, handler)
    open_case(qtbot, window, case.number)
    why = "附图中第三方的商业设计方案属于商业秘密，不予公开"

    def decide(dialog):
        ground = dialog.widget("withheld_ground")
        assert not ground.isEnabled()                          # asked only for 部分公开
        pick(dialog.widget("decision"), "部分公开")
        assert ground.isEnabled() and ground.currentText() == "（请选择）"
        fill(dialog, reasons=why)
        _shot(dialog, "submit-dialog.png")
        ok(dialog)                                             # without the ground: refused, named
        error = dialog.error_text("withheld_ground")
        assert error.startswith("部分公开的，须记录不予公开部分的理由类别")
        _shot(dialog, "submit-dialog-refused.png")
        fill(dialog, withheld_ground="（三）4.保护第三方合法权益")
        ok(dialog)
        return error
    act(window, Action.SUBMIT, decide)
    d = office.services.requests.detail(case.id)
    assert (d.status, d.decision, d.outcome, d.withheld_ground) == ("待签批", "部分公开", Outcome.PARTIAL.code, "三.4")


def test_a_later_refusal_names_the_field_and_opens_its_dialog(qtbot, office, journey):
    from app.services.cases.request_service import load_request
    from app.ui.letter.letter_preview_dialog import LetterPreviewDialog

    case = assigned(office)
    with office.db.uow() as uow:      # an imported case: the ledger carried 部分公开 and reasons, no ground
        req = load_request(uow.session, case.id)
        req.decision, req.outcome = "部分公开", Outcome.PARTIAL.code
        req.decision_reasons = "附图中第三方的商业设计方案属于商业秘密"
        uow.commit()
    clerk = log_in(office, "clerk1", PASSWORD)
    window = open_window(qtbot, office, clerk)
    open_case(qtbot, window, case.number)

    def letters(dialog: LetterPreviewDialog):
        qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
        assert dialog.preview is None
        assert dialog.status.text().endswith("请在案件页“答复要素”对话框中填写“不予公开部分的理由类别”。")
        assert dialog.fix_button.isVisible() and dialog.fix_button.text() == "填写不予公开部分的理由类别…"
        _shot(dialog, "letter-refused-with-fix-button.png")

        def facts(form):
            intro = form.findChild(QLabel, "dialogIntro").text()
            assert intro.startswith("生成文书需要“部分公开：不予公开部分的理由类别”，请在此填写。")
            fill(form, withheld_ground="（三）4.保护第三方合法权益")
            ok(form)
        through_modal(FormDialog, facts, dialog.fix_button.click)
        qtbot.waitUntil(lambda: not dialog.busy and dialog.preview is not None, timeout=30000)
        texts = "".join(t.text for page in dialog.preview.pages for t in page.texts)
        assert not dialog.fix_button.isVisible()
        dialog.close_button.click()
        return texts
    _, texts = through_modal(LetterPreviewDialog, letters, window.detail.letter_button.click)
    assert "第三十七条、第十五条" in texts
    assert office.services.requests.detail(case.id).withheld_ground == "三.4"
