"""Issue 19.2: only 签发 signs. A case holding drafts (a 受理回执, the reply) is walked through every
action — 合法性审查 switched on, a 法制审核员 active — and no step but the chief's 签发 signs or freezes a
letter; SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.errors import PermissionDenied
from app.exports.letters.kinds import LetterKind
from app.workflow.deadline import PauseKind
from app.workflow.fees import FeeMethod
from app.workflow.vocabulary import ServiceMethod
from tests.services.authority_support import REASONS, office  # noqa: F401
from tests.services.helpers import request_input


def _signed(s, rid) -> list[str]:
    return [f"{x.kind} {x.doc_number}" for x in s.letters.letters(rid) if x.signed]


def _sign_events(d) -> list[tuple[str, str]]:
    return [(e.actor, e.new) for e in d.events if e.kind == "签发文书"]


def test_every_action_on_a_case_with_drafts_leaves_them_unsigned_and_only_signing_signs(office):
    s, o = office.services, office
    s.settings.save(o.admin, replace(s.settings.load(), legal_review=True, legal_review_days=1))
    d = s.requests.register(o["clerk1"], request_input())                  # received Mon 2025-01-20
    receipt = s.letters.issue(o["clerk1"], d.id, LetterKind.RECEIPT)       # a draft notice from day one
    steps, signed_before = [], ([], [])

    def step(name, fn):
        nonlocal d
        result = fn()
        d = s.requests.detail(d.id)
        assert (_signed(s, d.id), _sign_events(d)) == signed_before, f"{name} signed a letter"
        steps.append(name)
        return result

    def notice(kind, issuer, served_on=None):
        """A notice the reply recites, signed by the chief's own 签发 (outside the walked steps)."""
        nonlocal d, signed_before
        n = s.letters.sign(o["chief_lead"], s.letters.issue(o[issuer], d.id, kind).id)
        if served_on:
            s.notices.record_served(o["clerk1"], d.id, s.requests.detail(d.id).version, n.id, served_on)
        d = s.requests.detail(d.id)
        signed_before = (_signed(s, d.id), _sign_events(d))

    step("告知补正", lambda: s.cases.request_correction(o["clerk1"], d.id, d.version, date(2025, 1, 21),
                                                     "请写明小区名称", served_on=date(2025, 1, 22)))
    step("收到补正", lambda: s.cases.receive_correction(o["clerk1"], d.id, d.version, date(2025, 1, 23)))
    step("审核交办", lambda: s.cases.assign(o["clerk1"], d.id, d.version, o.depts["国土空间规划处"],
                                         o["own"].user_id))
    notice(LetterKind.CORRECTION, "clerk1")          # signed by the handling department's chief
    step("发起征求意见", lambda: s.cases.start_consultation(o["own"], d.id, d.version, PauseKind.THIRD_PARTY,
                                                       "某某置业有限公司", date(2025, 1, 24)))
    step("登记对方收到日期", lambda: s.letter_facts.record_consultation_receipt(
        o["own"], d.id, d.version, d.consultations[-1].id, date(2025, 1, 27)))
    notice(LetterKind.CONSULTATION, "own")
    step("征求意见结束", lambda: s.cases.end_consultation(o["own"], d.id, d.version, date(2025, 2, 5), "涉及商业秘密",
                                                       "不同意"))
    step("决定公开（第三方不同意）", lambda: s.letter_facts.decide_disclosure_over_objection(
        o["own"], d.id, d.version, d.consultations[-1].id, "涉及公共安全，不公开将造成重大影响"))
    step("另定期限", lambda: s.cases.set_reasonable_deadline(o["chief_lead"], d.id, d.version, date(2025, 3, 31),
                                                          "申请数量明显超过合理范围"))
    step("发出缴费通知", lambda: s.cases.issue_fee_notice(o["clerk1"], d.id, d.version, FeeMethod.BY_VOLUME, 40,
                                                       date(2025, 2, 5)))
    step("登记缴费", lambda: s.cases.record_payment(o["clerk1"], d.id, d.version, date(2025, 2, 6)))
    notice(LetterKind.FEE, "clerk1")
    step("批准延期", lambda: s.cases.approve_extension(o["chief_lead"], d.id, d.version, date(2025, 2, 7), 5,
                                                     "需调取档案"))
    notice(LetterKind.EXTENSION, "clerk1", served_on=date(2025, 2, 10))
    step("提交签批", lambda: s.cases.submit(o["own"], d.id, d.version, "已主动公开", reasons=REASONS))
    reply = step("起草答复书", lambda: s.letters.issue(o["own"], d.id))
    step("退回修改", lambda: s.cases.return_for_revision(o["chief_lead"], d.id, d.version, "请写明网址"))
    step("答复要素", lambda: s.letter_facts.set_reply_facts(o["own"], d.id, d.version,
                                                        reasons=REASONS + "（网址：www.example.gov.cn）"))
    step("再次提交签批", lambda: s.cases.submit(o["own"], d.id, d.version, "已主动公开"))
    step("签批同意", lambda: s.cases.sign_off(o["chief_lead"], d.id, d.version, "同意"))
    assert d.status == "待合法性审查"
    step("审查退回", lambda: s.cases.legal_return(o["legal1"], d.id, d.version, "请核对获取途径"))
    step("第三次提交签批", lambda: s.cases.submit(o["own"], d.id, d.version, "已主动公开"))
    step("签批同意（二）", lambda: s.cases.sign_off(o["chief_lead"], d.id, d.version, "同意"))
    step("审查通过", lambda: s.cases.legal_pass(o["legal1"], d.id, d.version, "经审查，合法。"))   # the bug of issue 19
    assert d.status == "待答复"
    step("更新答复书草稿", lambda: s.letters.issue(o["clerk1"], d.id))
    # the drafts are still drafts, in the chief's hands: 法制审核员 and 登记员 cannot sign them
    for who in ("legal1", "clerk1", "own"):
        with pytest.raises(PermissionDenied):
            s.letters.sign(o[who], reply.id)
    assert (_signed(s, d.id), _sign_events(d)) == signed_before          # only the notices signed by 签发
    notices = len(signed_before[1])

    signed = s.letters.sign(o["chief_lead"], reply.id)                    # 签发: the one step that signs
    d = s.requests.detail(d.id)
    assert (signed.state, signed.signed_by) == ("已签发", "chief_lead")
    assert _sign_events(d)[notices:] == [("chief_lead", f"{signed.doc_number} 第1版")]
    assert [x.state for x in s.letters.letters(d.id) if x.id == receipt.id] == ["草稿"]   # not swept along

    signed_before = (_signed(s, d.id), _sign_events(d))
    notice(LetterKind.DISCLOSURE_DECISION, "clerk1", served_on=date(2025, 2, 10))
    step("登记答复", lambda: s.cases.record_reply(o["clerk1"], d.id, d.version, None, date(2025, 2, 10),
                                                ServiceMethod.POST))
    step("归档", lambda: s.cases.archive(o["clerk1"], d.id, d.version))
    step("解锁", lambda: s.cases.unlock(o["chief_lead"], d.id, d.version, "更正送达日期"))
    assert d.status == "已答复" and len(steps) == 25
    assert [x.state for x in s.letters.letters(d.id) if x.id == receipt.id] == ["草稿"]


def test_withdrawing_a_case_with_a_draft_signs_nothing(office):
    s, o = office.services, office
    d = o.in_sign_off()
    draft = s.letters.issue(o["own"], d.id)
    d = s.cases.withdraw(o["clerk1"], d.id, d.version, date(2025, 2, 10), "申请人书面撤回")
    assert d.status == "已答复" and s.letters.get(draft.id).state == "草稿"
    assert [e for e in d.events if e.kind == "签发文书"] == []
