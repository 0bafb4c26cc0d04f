"""Art 35: the 要求说明理由通知书 (signed, served) and the applicant's answer, before 五.4 or a later deadline."""

from __future__ import annotations

from datetime import date

from app.errors import ValidationError
from app.exports.letters.kinds import LetterKind
from app.services.letters.gates.notices import CaseFacts, IssuedNotice, ReasonsAnswerView
from app.workflow.calendar import StatutoryCalendar
from app.workflow.dates import cn_date

REASONABLE, UNREASONABLE, NO_ANSWER = "理由合理", "理由不合理", "逾期未说明"
ANSWERS = (REASONABLE, UNREASONABLE, NO_ANSWER)
DEFAULT_PERIOD = 15


def served_request(facts: CaseFacts, purpose: str) -> IssuedNotice:
    """The signed and served 要求说明理由通知书, or a message naming what is missing."""
    n = facts.issued(LetterKind.REASONS_REQUEST)
    if n is None:
        raise ValidationError(f"{purpose}须先要求申请人说明理由（条例第三十五条）：请在“生成文书”中出具"
                              "“要求说明理由通知书”，由科室负责人签发并登记送达。", "reasons_request")
    if n.served_on is None:
        raise ValidationError(f"要求说明理由通知书（{n.doc_number}）尚未登记送达，说明理由的期限未起算。"
                              "请先办理“登记通知书送达”。", "served_on")
    return n


def answer_due(cal: StatutoryCalendar, n: IssuedNotice) -> date:
    """The applicant's period runs from the day after service (the notice: 自收到本通知书之日起N个工作日内)."""
    period = int(n.data.reasons_period) if n.data.reasons_period.isdigit() else DEFAULT_PERIOD
    return cal.add_workdays(n.served_on, period)


def _answer(facts: CaseFacts, purpose: str) -> tuple[IssuedNotice, ReasonsAnswerView]:
    n = served_request(facts, purpose)
    if facts.reasons_answer is None:
        raise ValidationError(f"{purpose}须先登记申请人的答复（说明了理由并经审查是否合理，或逾期未说明）："
                              "请办理“登记说明理由答复”。", "reasons_answer")
    return n, facts.reasons_answer


def require_not_processed(facts: CaseFacts) -> tuple[IssuedNotice, ReasonsAnswerView]:
    """五.4 only when the reasons were judged unreasonable or none came by the deadline."""
    n, a = _answer(facts, "以第三十五条不予处理（五.4）")
    if a.answer == REASONABLE:
        raise ValidationError("申请人说明的理由已登记为“理由合理”，不能以第三十五条不予处理；"
                              "可依第三十五条确定延迟答复的合理期限（另定期限），或按规定期限答复。", "reasons_answer")
    return n, a


def require_later_deadline(facts: CaseFacts) -> tuple[IssuedNotice, ReasonsAnswerView]:
    """The 延迟答复告知书 says the reasons were 合理: only when that was recorded."""
    n, a = _answer(facts, "出具延迟答复告知书")
    if a.answer != REASONABLE:
        raise ValidationError(f"申请人的答复登记为“{a.answer}”，延迟答复告知书须以申请人说明的理由合理为前提；"
                              "理由不合理或逾期未说明的，可以不予处理（五.4）。", "reasons_answer")
    return n, a


def not_processed_ground(facts: CaseFacts) -> str:
    """The 五.4 reply's ground, as the record says: reasons judged unreasonable, or none in time."""
    n, a = require_not_processed(facts)
    asked = (f"您申请公开政府信息的数量、频次明显超过合理范围，本机关于{n.issue_date}以{n.cited}"
             "要求您说明理由")
    if a.answer == NO_ANSWER:
        return f"{asked}，您未在规定期限内说明理由"
    return f"{asked}，您于{cn_date(a.answered_on)}说明了理由，经审查，您说明的理由不合理"


def later_deadline_recital(facts: CaseFacts) -> str:
    n, a = require_later_deadline(facts)
    return (f"本机关于{n.issue_date}以{n.cited}要求您说明申请理由，您于{cn_date(a.answered_on)}说明了理由。")
