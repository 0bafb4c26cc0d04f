"""提交签批 asks every fact the reply letter will need: the reply's own refusal, raised at the decision."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.exports.letters.kinds import LetterKind
from app.models import Request
from app.services import views
from app.services.clock import load_calendar
from app.services.letters.letter_builder import build_letter_data
from app.services.settings_service import load_settings
from app.workflow.outcomes import Decision, Outcome, outcomes_for_decision

# The reply's facts, each by the letter builder's field name → (the 提交签批 dialog's field, its label).
# The same labels name the field in the “答复要素” dialog, where a fact is corrected after 签批.
REPLY_FACT_FIELDS: dict[str, tuple[str, str]] = {
    "decision": ("decision", "答复决定"),
    "outcome": ("outcome", "统计结果（表三）"),
    "decision_reasons": ("reasons", "答复理由"),
    "withheld_ground": ("withheld_ground", "部分公开：不予公开部分的理由类别"),
    "query_law": ("query_law", "行政查询事项：查询渠道的法律依据"),
    "access_route": ("access_route", "查询或获取途径"),
    "collection_place": ("collection_place", "自行领取地点"),
    "collection_hours": ("collection_hours", "自行领取时间"),
}


def require_reply_facts(s: Session, req: Request, today: date) -> None:
    """Refuse 提交签批 when the reply letter would later be refused for a fact asked at this step.

    The check is the letter builder's own, so the two never disagree; refusals about other facts
    (a notice not yet served, the office's settings) are left to the letter itself.
    """
    s.flush()
    settings = load_settings(s)
    detail = views.request_detail(s, req, load_calendar(s), settings.policy, today)
    try:
        build_letter_data(detail, settings, LetterKind.REPLY)
    except ValidationError as e:
        if e.field in REPLY_FACT_FIELDS:
            raise ValidationError(e.message, REPLY_FACT_FIELDS[e.field][0]) from None


def chosen_outcome(s: Session, decision: str, outcome: Outcome | None) -> Outcome | None:
    """The table 三 leaf of a decision at 提交签批: the only one it allows, or the one chosen among its
    allowed leaves (非本机关负责 and 特别规定 as the office configures them); refused naming the field."""
    if not decision:
        return outcome
    if Decision.from_label(decision) is None:
        raise ValidationError(f"答复决定“{decision}”不存在，请从列表中选择。", "decision")
    settings = load_settings(s)
    allowed = outcomes_for_decision(decision, settings.not_responsible_outcome, settings.special_rules_outcome)
    if outcome is None and len(allowed) == 1:
        return allowed[0]
    if outcome is None:
        raise ValidationError(f"“{decision}”须选择具体情形（年度报告表三第（{allowed[-1].group}）项中的一项"
                              f"{'或（四）3' if Outcome.STILL_UNCLEAR in allowed else ''}）。",
                              "outcome")
    if outcome not in allowed:
        names = "、".join(o.label for o in allowed)
        raise ValidationError(f"答复决定“{decision}”对应的办理结果为：{names}；"
                              f"“{outcome.label}”与之不符。", "outcome")
    return outcome
