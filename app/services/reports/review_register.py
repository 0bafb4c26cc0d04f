"""The register of administrative reviews and lawsuits (复议诉讼登记) that table 四 is counted from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.errors import NotFound, PermissionDenied, ValidationError
from app.models import Request, ReviewCase
from app.services.trust.audit import record
from app.services.dto import Actor
from app.services.trust.sessions import ActingService
from app.services.uow import Database
from app.exports.letters.legal import RulingUnknown, WithdrawnCase, ruling_for
from app.workflow.annual_counts import REVIEW_KINDS, REVIEW_RESULTS

DIRECT_SUIT = REVIEW_KINDS[1]     # 未经复议直接起诉
from app.workflow.vocabulary import Role


@dataclass(frozen=True)
class ReviewInput:
    """An administrative review or lawsuit as the register form supplies it."""

    kind: str
    filed_on: date | None
    result: str = ""                 # 维持 / 纠正 / 其他; empty while pending
    decided_on: date | None = None
    request_number: str = ""
    notes: str = ""


@dataclass(frozen=True)
class ReviewView:
    id: int
    kind: str
    filed_on: date
    result: str
    decided_on: date | None
    request_id: int | None
    request_number: str
    notes: str
    warning: str = ""                # e.g. a 复议前置 decision sued directly

    @property
    def result_label(self) -> str:
        return self.result or "尚未审结"


# Table 四 is counted from this register: the office records entries, only approvers remove one.
EDITORS = (Role.CLERK, Role.CHIEF, Role.ADMIN)
DELETERS = (Role.CHIEF, Role.ADMIN)


class ReviewRegister(ActingService):
    """List, add, change and delete register entries; every change is audited."""

    def __init__(self, db: Database, today=date.today):
        self._db = db
        self._today = today

    def entries(self, year: int | None = None) -> list[ReviewView]:
        """The register; with ``year``, only entries table 四 of that year may count."""
        q = select(ReviewCase, Request.number).outerjoin(Request, Request.id == ReviewCase.request_id)
        if year is not None:
            q = q.where(ReviewCase.filed_on <= date(year, 12, 31),
                        or_(ReviewCase.decided_on.is_(None), ReviewCase.decided_on >= date(year, 1, 1)))
        with self._db.read() as uow:
            s = uow.session
            return [_review_view(rc, number, s) for rc, number in
                    s.execute(q.order_by(ReviewCase.filed_on, ReviewCase.id))]

    def add(self, actor: Actor, data: ReviewInput) -> ReviewView:
        _check_role(actor, EDITORS, "登记")
        with self._db.uow() as uow:
            s = uow.session
            request_id = self._validate(s, data)
            rc = ReviewCase(request_id=request_id, kind=data.kind, filed_on=data.filed_on,
                            result=data.result, decided_on=data.decided_on, notes=data.notes.strip())
            s.add(rc)
            s.flush()
            view = _review_view(rc, data.request_number.strip() or None, s)
            record(s, actor, "登记复议诉讼", request_id, "复议诉讼", "", _review_summary(rc), view.warning)
            uow.commit()
            return view

    def update(self, actor: Actor, review_id: int, data: ReviewInput) -> ReviewView:
        """Change an entry; each changed field is audited old → new."""
        _check_role(actor, EDITORS, "修改")
        with self._db.uow() as uow:
            s = uow.session
            rc = _review(s, review_id)
            old_number = s.scalar(select(Request.number).where(Request.id == rc.request_id)) or ""
            request_id = self._validate(s, data)
            changes = {"类别": (rc.kind, data.kind), "提起日期": (rc.filed_on, data.filed_on),
                       "结果": (rc.result or "尚未审结", data.result or "尚未审结"),
                       "审结日期": (rc.decided_on, data.decided_on),
                       "申请编号": (old_number, data.request_number.strip()),
                       "备注": (rc.notes, data.notes.strip())}
            rc.request_id, rc.kind, rc.filed_on, rc.result = request_id, data.kind, data.filed_on, data.result
            rc.decided_on, rc.notes = data.decided_on, data.notes.strip()
            for name, (old, new) in changes.items():
                if old != new:
                    record(s, actor, "修改复议诉讼", request_id, f"复议诉讼·{name}", old, new)
            view = _review_view(rc, data.request_number.strip() or None, s)
            uow.commit()
            return view

    def delete(self, actor: Actor, review_id: int, reason: str = "") -> None:
        _check_role(actor, DELETERS, "删除")
        with self._db.uow() as uow:
            s = uow.session
            rc = _review(s, review_id)
            record(s, actor, "删除复议诉讼", rc.request_id, "复议诉讼", _review_summary(rc), "", reason)
            s.delete(rc)
            uow.commit()

    def _validate(self, s: Session, d: ReviewInput) -> int | None:
        if d.kind not in REVIEW_KINDS:
            raise ValidationError(f"类别“{d.kind}”无效，请选择{'、'.join(REVIEW_KINDS)}之一。", "kind")
        if d.filed_on is None:
            raise ValidationError("请填写提起日期（申请复议或起诉之日）。", "filed_on")
        if d.filed_on > self._today():
            raise ValidationError("提起日期不能晚于今天。", "filed_on")
        if d.result not in ("", *REVIEW_RESULTS):
            raise ValidationError(f"结果“{d.result}”无效，请选择维持、纠正、其他，或留空表示尚未审结。", "result")
        if d.result and d.decided_on is None:
            raise ValidationError("已选择结果，请填写审结日期。", "decided_on")
        if d.decided_on is not None and not d.result:
            raise ValidationError("已填写审结日期，请选择结果（维持、纠正或其他）。", "result")
        if d.decided_on is not None and (d.decided_on < d.filed_on or d.decided_on > self._today()):
            raise ValidationError("审结日期应在提起日期之后，且不能晚于今天。", "decided_on")
        number = d.request_number.strip()
        if not number:
            return None
        rid = s.scalar(select(Request.id).where(Request.number == number))
        if rid is None:
            raise ValidationError(f"未找到申请编号为“{number}”的申请，请核对后重新输入。", "request_number")
        return rid


def _check_role(actor: Actor, roles: tuple[Role, ...], verb: str) -> None:
    if actor.role not in roles:
        allowed = "、".join(r.value for r in roles)
        raise PermissionDenied(f"{verb}复议诉讼登记只能由{allowed}办理，当前用户角色为“{actor.role}”。")


def _review(s: Session, review_id: int) -> ReviewCase:
    rc = s.get(ReviewCase, review_id)
    if rc is None:
        raise NotFound(f"未找到该复议诉讼记录（{review_id}），可能已被删除，请刷新。")
    return rc


def _review_summary(rc: ReviewCase) -> str:
    decided = f"，{rc.result}，{rc.decided_on.isoformat()}审结" if rc.result else "，尚未审结"
    return f"{rc.kind}，{rc.filed_on.isoformat()}提起{decided}"


def _review_view(rc: ReviewCase, number: str | None, s: Session) -> ReviewView:
    return ReviewView(rc.id, rc.kind, rc.filed_on, rc.result, rc.decided_on, rc.request_id,
                      number or "", rc.notes, review_first_warning(s, rc.kind, rc.request_id))


def review_first_warning(s: Session, kind: str, request_id: int | None) -> str:
    """A lawsuit filed directly against a reply that required review first (行政复议法 2023 第二十三条第一款
    第（四）项: refusals under Arts 14–16, the withheld part of 部分公开): the register warns, it does not
    refuse (the court decides; the office records what was filed)."""
    if kind != DIRECT_SUIT or request_id is None:
        return ""
    req = s.get(Request, request_id)
    if req is None or not _review_first(req):
        return ""
    return (f"申请{req.number}的答复（{req.decision}）属于行政复议前置情形（行政复议法第二十三条），"
            "申请人应当先申请行政复议；未经复议直接起诉的，人民法院一般不予受理。"
            "请核对类别：是否应为“行政复议”或“复议后起诉”。")


def _review_first(req: Request) -> bool:
    try:
        return ruling_for(req.outcome, req.decision, req.withheld_ground).review_first
    except (RulingUnknown, WithdrawnCase):
        return False


