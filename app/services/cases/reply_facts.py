"""The facts a reply letter cites besides the decision: withheld ground, query law, routes, collection."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import Request
from app.services.trust.audit import record
from app.workflow.outcomes import Outcome

# 部分公开: the withheld part falls under Arts 14–16 (三.1–三.7); a query matter (三.8) is not 区分处理.
WITHHELD_GROUNDS = tuple(o.code for o in Outcome if o.group == "三" and o.item <= 7)

FACT_LABELS = {
    "withheld_ground": "不予公开部分的理由类别", "query_law": "查询渠道的法律依据",
    "access_route": "查询或获取途径", "collection_place": "领取地点", "collection_hours": "领取时间",
}
_LIMITS = {"withheld_ground": 10, "collection_place": 200, "collection_hours": 200}


def apply_reply_facts(s: Session, actor, req: Request, **facts: str | None) -> None:
    """Set each given fact (None or "" leaves it as it is), audited old → new."""
    for name, value in facts.items():
        if name not in FACT_LABELS:
            raise ValueError(name)
        if value is None or not value.strip():
            continue
        value = value.strip()
        if name == "withheld_ground" and value not in WITHHELD_GROUNDS:
            labels = "、".join(f"{c} {Outcome.from_code(c).label}" for c in WITHHELD_GROUNDS)
            raise ValidationError(f"不予公开部分的理由类别应为：{labels}。", name)
        if len(value) > _LIMITS.get(name, 4000):
            raise ValidationError(f"{FACT_LABELS[name]}过长，请精简。", name)
        old = getattr(req, name)
        if old != value:
            record(s, actor, "答复要素", req.id, FACT_LABELS[name], old, value)
            setattr(req, name, value)
