"""Issue 19.1: every case action checks who may act on *this* case — per action × role × relation
(own case, same department, 协办 department, other department), through the services, SQLite and
PostgreSQL. Expected answers written out by hand; a refused act changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import PermissionDenied
from app.exports.letters.kinds import LetterKind
from app.workflow.deadline import PauseKind
from tests.services.authority_support import ASSISTING, REASONS, office  # noqa: F401

# The 协办 handler's refusal, and another department's.
ASSISTING_NO = "您所在处室是本申请的协办处室，只能在“协办”页答复本处室的协办任务"
OTHER_NO = "只能由本申请承办处室的承办人办理；本申请不由您所在处室承办"
CHIEF_NO = "由承办处室的科室负责人办理；本申请不由您负责的处室承办"

HANDLERS = [("own", None), ("same", None), ("assist", ASSISTING_NO), ("other", OTHER_NO)]
CHIEFS = [("chief_lead", None), ("chief_assist", CHIEF_NO), ("chief_other", CHIEF_NO)]


def _refused(office, rid, who, message, call):
    before = office.services.requests.detail(rid)
    with pytest.raises(PermissionDenied, match=message):
        call()
    after = office.services.requests.detail(rid)
    assert (after.status, after.version, len(after.events)) == (before.status, before.version, len(before.events))


@pytest.mark.parametrize("who,refusal", HANDLERS)
def test_submit(office, who, refusal):
    d = office.answered()
    call = lambda: office.services.cases.submit(office[who], d.id, d.version, "已主动公开", reasons=REASONS)  # noqa: E731
    if refusal:
        _refused(office, d.id, who, refusal, call)
    else:
        assert call().status == "待签批"


@pytest.mark.parametrize("who,refusal", HANDLERS)
def test_start_and_end_consultation(office, who, refusal):
    d = office.handling()
    cases = office.services.cases
    call = lambda: cases.start_consultation(office[who], d.id, d.version, PauseKind.THIRD_PARTY,  # noqa: E731
                                            "某某置业有限公司", date(2025, 1, 27))
    if refusal:
        _refused(office, d.id, who, refusal, call)
        return
    d = call()
    assert d.status == "征求意见中"
    assert cases.end_consultation(office[who], d.id, d.version, date(2025, 2, 7), "", "同意").status == "办理中"


@pytest.mark.parametrize("who,refusal", CHIEFS)
def test_sign_off_and_return(office, who, refusal):
    d = office.in_sign_off()
    cases = office.services.cases
    if refusal:
        _refused(office, d.id, who, refusal, lambda: cases.sign_off(office[who], d.id, d.version, "同意"))
        _refused(office, d.id, who, refusal, lambda: cases.return_for_revision(office[who], d.id, d.version, "再查"))
        return
    assert cases.return_for_revision(office[who], d.id, d.version, "请补充获取途径").status == "已退回"


@pytest.mark.parametrize("who,refusal", CHIEFS)
def test_approve_extension_and_reasonable_deadline(office, who, refusal):
    d = office.handling()
    cases = office.services.cases
    if refusal:
        _refused(office, d.id, who, refusal,
                 lambda: cases.approve_extension(office[who], d.id, d.version, date(2025, 2, 10), 5, "需调档"))
        _refused(office, d.id, who, refusal,
                 lambda: cases.set_reasonable_deadline(office[who], d.id, d.version, date(2025, 5, 30), "量大"))
        return
    # received Mon 2025-01-20 → due Fri 2025-02-21; 5 more working days → Fri 2025-02-28
    assert cases.approve_extension(office[who], d.id, d.version, date(2025, 2, 10), 5, "需调档").deadline.reply_due \
        == date(2025, 2, 28)


@pytest.mark.parametrize("who,refusal", HANDLERS)
def test_reply_draft_reply_facts_and_art32_decision(office, who, refusal):
    d = office.in_sign_off()
    s = office.services
    if refusal:
        _refused(office, d.id, who, refusal, lambda: s.letters.issue(office[who], d.id, LetterKind.REPLY))
        _refused(office, d.id, who, refusal, lambda: s.letter_facts.set_reply_facts(
            office[who], d.id, d.version, reasons="改写理由"))
        assert s.letters.letters(d.id) == []                       # no draft, no 文号 taken
        return
    assert s.letters.issue(office[who], d.id, LetterKind.REPLY).state == "草稿"
    d = s.requests.detail(d.id)
    assert s.letter_facts.set_reply_facts(office[who], d.id, d.version, reasons=REASONS + "。").decision_reasons \
        == REASONS + "。"


def test_decide_disclosure_over_an_objection_only_by_the_lead_department(office):
    s = office.services
    d = office.handling()
    d = s.cases.start_consultation(office["own"], d.id, d.version, PauseKind.THIRD_PARTY, "某某置业有限公司",
                                   date(2025, 1, 27))
    d = s.cases.end_consultation(office["own"], d.id, d.version, date(2025, 2, 7), "涉及商业秘密", "不同意")
    c = d.consultations[-1].id
    for who, refusal in (("assist", ASSISTING_NO), ("other", OTHER_NO), ("chief_assist", CHIEF_NO)):
        _refused(office, d.id, who, refusal, lambda: s.letter_facts.decide_disclosure_over_objection(
            office[who], d.id, d.version, c, "公共利益"))
    d = s.letter_facts.decide_disclosure_over_objection(office["same"], d.id, d.version, c, "涉及公共安全，不公开将造成重大影响")
    assert d.consultations[-1].disclosure_reasons == "涉及公共安全，不公开将造成重大影响"


@pytest.mark.parametrize("who,refusal", CHIEFS)
def test_signing_a_letter(office, who, refusal):
    s = office.services
    d = office.in_sign_off()
    draft = s.letters.issue(office["own"], d.id)
    if refusal:
        _refused(office, d.id, who, refusal, lambda: s.letters.sign(office[who], draft.id))
        assert not s.letters.get(draft.id).signed
    else:
        assert s.letters.sign(office[who], draft.id).signed_by == "chief_lead"


def test_the_assisting_handler_answers_only_their_own_task(office):
    s = office.services
    d = office.handling()
    t = office.task(d.id)
    for who in ("other", "same"):                         # not the 协办 department: refused, task unchanged
        with pytest.raises(PermissionDenied, match="该协办任务由其他处室答复，您不在该处室"):
            s.tasks.answer(office[who], t.id, t.version, "查无", "不存在")
    assert office.task(d.id).status == "待答复"
    t = s.tasks.answer(office["assist"], t.id, t.version, "该地块已办理不动产首次登记", "存在", "予以公开")
    assert (t.status, t.answered_by) == ("已答复", "assist")


def test_a_chief_of_another_department_does_not_manage_its_tasks(office):
    s = office.services
    d = office.handling()
    with pytest.raises(PermissionDenied, match=CHIEF_NO):
        s.tasks.add_task(office["chief_other"], d.id, office.depts["法规处"], "请提供法律意见")
    t = office.task(d.id)
    with pytest.raises(PermissionDenied, match=CHIEF_NO):
        s.tasks.waive(office["chief_assist"], t.id, t.version, "不需要")
    assert s.tasks.waive(office["chief_lead"], t.id, t.version, "已由主办处室查明").status == "已免除"


def test_the_window_is_told_the_same_standing(office):
    """CaseService.standing: what the detail view builds its buttons from."""
    from app.workflow.authority import Relation
    from app.workflow.transitions import Action

    d = office.answered()
    cases = office.services.cases
    expected = {"own": Relation.OWN, "same": Relation.DEPARTMENT, "assist": Relation.ASSISTING,
                "other": Relation.OTHER, "chief_lead": Relation.DEPARTMENT, "clerk1": Relation.UNATTACHED}
    for who, relation in expected.items():
        assert cases.standing(office[who], d.id).relation is relation, who
    assert cases.standing(office["own"], d.id).may(Action.SUBMIT)
    assert not cases.standing(office["assist"], d.id).may(Action.SUBMIT)
    assert not cases.standing(office["assist"], d.id).may(Action.START_CONSULTATION)
    assert not cases.standing(office["chief_lead"], d.id).may(Action.LEGAL_PASS)     # 吴法审 is active
    assert cases.standing(office["legal1"], d.id).may(Action.LEGAL_PASS)


def test_the_older_role_lists_agree_with_the_authority_table():
    """Letters and tasks still check the role first (their messages); the authority table must agree."""
    from app.services.letters.letter_service import HANDLER_DRAFTS, ISSUERS, SIGNERS
    from app.workflow.authority import WHO, CaseStep
    from app.workflow.transitions import TASK_ASSIGNERS

    for kind, roles in ISSUERS.items():
        step = CaseStep.ISSUE_DRAFT if kind in HANDLER_DRAFTS else CaseStep.ISSUE_NOTICE
        assert set(roles) == set(WHO[step]), kind
    assert set(SIGNERS) == set(WHO[CaseStep.SIGN_LETTER])
    assert set(TASK_ASSIGNERS) == set(WHO[CaseStep.MANAGE_TASK])


@pytest.mark.parametrize("who,refusal", HANDLERS + CHIEFS)
def test_adding_an_attachment(office, who, refusal):
    s = office.services
    d = office.handling()
    call = lambda: s.attachments.add(office[who], d.id, "现场照片.pdf", b"%PDF-1.4\n%%EOF\n")  # noqa: E731
    if refusal:
        _refused(office, d.id, who, refusal, call)
        assert s.attachments.list(d.id) == []
    else:
        added = call()
        assert [a.filename for a in s.attachments.list(d.id)] == [added.filename] == ["现场照片.pdf"]


@pytest.mark.parametrize("who,refusal", HANDLERS + CHIEFS)
def test_viewing_the_applicants_full_contact(office, who, refusal):
    s = office.services
    d = office.handling(phone="13812345678")
    call = lambda: s.requests.contact(office[who], d.id)  # noqa: E731
    if refusal:
        _refused(office, d.id, who, refusal, call)          # refused: not even the audit line is written
    else:
        full = s.requests.detail(d.id)
        assert full.phone == "138****5678" and call().phone == "13812345678"      # masked, then shown
        assert [e.kind for e in s.requests.detail(d.id).events][len(full.events):] == ["查看完整信息"]
