"""The reply's recital of what happened since receipt, from issued notices only (facts before recitals).

A notice is recited with its 文号 and 成文日期 once it was signed; an event whose notice was not issued
(or, for the extension notice, not served) stops the reply with a message naming the notice.
"""

from __future__ import annotations

from app.errors import ValidationError
from app.exports.letters.kinds import LetterKind
from app.exports.letters.wording import money
from app.services.dto import RequestDetail
from app.services.letters.gates.notices import CaseFacts, IssuedNotice, event_ref
from app.workflow.dates import cn_date
from app.workflow.deadline import PauseKind


def _notice(facts: CaseFacts, kind: LetterKind, ref: str, about: str, served: bool = False) -> IssuedNotice:
    n = facts.issued(kind, ref)
    if n is None:
        raise ValidationError(
            f"答复书只引述已发出的通知书，而{kind.value}（{about}）尚未签发。请在“生成文书”中选择“{kind.value}”，"
            "出具后由科室负责人签发" + ("并登记送达" if served else "") + "，再出具答复书。", "notices")
    if served and n.served_on is None:
        raise ValidationError(
            f"{kind.value}（{n.doc_number}）尚未登记送达，答复书不能称已告知申请人。"
            "请先办理“登记通知书送达”，再出具答复书。", "served_on")
    return n


def recital(d: RequestDetail, facts: CaseFacts, art35_in_ground: bool = False) -> str:
    """What happened since receipt, in the order a reply recites it (empty when nothing did)."""
    parts = []
    for c in d.corrections:
        if c.received_on is not None:
            n = _notice(facts, LetterKind.CORRECTION, event_ref("correction", c.id),
                        f"{cn_date(c.requested_on)}告知补正")
            parts.append(f"因申请内容不明确，本机关于{n.issue_date}以{n.cited}告知您作出补正，"
                         f"并于{cn_date(c.received_on)}收到您补正后的申请。")
    for c in d.consultations:
        third = c.kind == PauseKind.THIRD_PARTY.value
        kind = LetterKind.CONSULTATION if third else LetterKind.AGENCY_CONSULTATION
        n = _notice(facts, kind, event_ref("consultation", c.id), f"{c.party}，{cn_date(c.sent_on)}发出")
        if third:
            parts.append(f"因申请公开的信息可能涉及第三方合法权益，本机关于{n.issue_date}以{n.cited}书面征求了"
                         "第三方意见，征求意见所需时间不计算在答复期限内。")
        else:
            parts.append(f"本机关于{n.issue_date}以{n.cited}征求了{c.party}的意见，所需时间不计算在答复期限内。")
    for e in d.extensions:
        n = _notice(facts, LetterKind.EXTENSION, event_ref("extension", e.id),
                    f"{cn_date(e.approved_on)}批准延期{e.days}个工作日", served=True)
        parts.append(f"经本机关政府信息公开工作机构负责人同意，本机关于{n.issue_date}以{n.cited}告知您"
                     f"延长答复期限{e.days}个工作日。")
    for f in d.fees:
        if f.paid_on:
            n = _notice(facts, LetterKind.FEE, event_ref("fee", f.id), f"{cn_date(f.issued_on)}通知缴费")
            paid = f.paid_amount if f.paid_amount is not None else f.amount
            parts.append(f"本机关于{n.issue_date}以{n.cited}通知您缴纳信息处理费，您已于{cn_date(f.paid_on)}"
                         f"缴纳{money(paid)}元。")
    if not art35_in_ground:
        parts.append(_reasons_sentence(facts))
    return "".join(parts)


def _reasons_sentence(facts: CaseFacts) -> str:
    asked = facts.issued(LetterKind.REASONS_REQUEST)
    if asked is None:
        return ""
    text = f"本机关于{asked.issue_date}以{asked.cited}要求您说明申请理由"
    later = facts.issued(LetterKind.REASONABLE_DEADLINE)
    if later is not None:
        text += f"，并于{later.issue_date}以{later.cited}告知您延迟答复的合理期限"
    return text + "。"
