"""Registering, reading, editing and listing requests."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from app.errors import ConflictError, NotFound, ValidationError
from app.models import Department, Event, Request, User
from app.services import views
from app.services.trust.audit import record
from app.services.cases.authority import require
from app.services.clock import load_calendar, refresh_case_due, refresh_due
from app.workflow.receipt import receipt_date_for
from app.services.counters import next_number, reserve_counter
from app.services.dto import Actor, ContactView, RequestDetail, RequestInput
from app.services.cases.request_validation import validate_input
from app.services.settings_service import load_settings
from app.services.trust.sessions import ActingService
from app.services.uow import Database
from app.workflow.authority import CaseStep
from app.workflow.masking import mask_id, mask_phone
from app.workflow.similarity import SIMILAR_THRESHOLD, similarity
from app.workflow.status import Status

_FIELD_LABELS = {
    "applicant_name": "申请人", "applicant_type": "申请人类型", "channel": "申请方式",
    "description": "申请内容", "arrival_date": "到达日期", "confirmation_date": "确认日期",
    "id_type": "证件类型", "id_number": "证件号码", "phone": "联系电话", "address": "通信地址",
    "postcode": "邮政编码", "email": "电子邮箱", "requested_form": "获取形式",
    "delivery": "获取方式", "notes": "备注", "number": "申请编号",
}


def load_request(session: Session, request_id: int, version: int | None = None) -> Request:
    """The case with its clock facts. Given the ``version`` the user saw (an action about to change the
    case), its row is locked first (PostgreSQL ``FOR UPDATE``; SQLite's writers already queue): READ
    COMMITTED gives each SELECT its own snapshot, so without the lock a colleague's action committed
    between loading the case and loading its consultations left a case 征求意见中 with no open
    consultation in hand. With it, a second action on the case waits, then finds the new version."""
    req = session.get(Request, request_id, with_for_update=version is not None, options=[
        selectinload(Request.corrections), selectinload(Request.consultations),
        selectinload(Request.extensions), selectinload(Request.fee_notices)])
    if req is None:
        raise NotFound(f"未找到编号为{request_id}的申请。")
    if version is not None and req.version != version:
        raise ConflictError(f"申请“{req.number}”已被其他用户修改，请刷新后重新操作。")
    return req


class RequestService(ActingService):
    def __init__(self, db: Database, today=date.today):
        self._db = db
        self._today = today

    # -- registration -----------------------------------------------------------------------
    def register(self, actor: Actor, data: RequestInput) -> RequestDetail:
        """登记: validate, derive the receipt date, number it, start the clock; one transaction."""
        validate_input(data, self._today())
        year = (data.confirmation_date or data.arrival_date or self._today()).year
        with self._db.uow() as uow:
            s = uow.session
            if not data.number.strip():
                reserve_counter(s, "申请编号", year)   # first statement: serialises concurrent clerks
            settings = load_settings(s)
            number = data.number.strip() or next_number(
                s, settings.request_number_pattern, settings.agency_short, "申请编号", year)
            if s.scalar(select(Request.id).where(Request.number == number)) is not None:
                raise ValidationError(f"申请编号“{number}”已存在，请更换编号。", "number")
            receipt = receipt_date_for(data.channel, data.arrival_date, data.confirmation_date)
            status = Status.UNCONFIRMED if receipt is None else Status.REGISTERED
            now = datetime.now()
            values = {f.name: getattr(data, f.name) for f in fields(RequestInput)}
            values.update(number=number, status=status.value, receipt_date=receipt,
                          created_at=now, updated_at=now, created_by=actor.username)
            req = Request(**values)
            for key in ("corrections", "consultations", "extensions", "fee_notices"):
                setattr(req, key, [])
            s.add(req)
            refresh_due(req, load_calendar(s), settings.policy, self._today())
            s.flush()
            record(s, actor, "登记", req.id, "状态", "", status.value)
            uow.commit()
            request_id = req.id
        return self.detail(request_id)

    def similar_requests(self, applicant_name: str, id_number: str, description: str,
                         exclude_id: int | None = None, limit: int = 5) -> list[tuple[str, str, float, str]]:
        """Earlier requests of the same applicant asking for similar information (重复申请?):
        (number, description, similarity, status); only an answered one can make this a 36(6) repeat."""
        conds = [Request.applicant_name == applicant_name.strip()]
        if id_number.strip():
            conds.append(Request.id_number == id_number.strip().upper())
        with self._db.read() as uow:
            rows = uow.session.execute(
                select(Request.id, Request.number, Request.description, Request.receipt_date, Request.status)
                .where(or_(*conds))).all()
        hits = [(r.number, r.description, similarity(description, r.description), r.status)
                for r in rows if r.id != exclude_id]
        hits = [h for h in hits if h[2] >= SIMILAR_THRESHOLD]
        return sorted(hits, key=lambda h: -h[2])[:limit]

    # -- reading ----------------------------------------------------------------------------
    def detail(self, request_id: int) -> RequestDetail:
        """The case as the window shows it: 证件号码 and 联系电话 masked (see :meth:`contact`)."""
        with self._db.read() as uow:
            s = uow.session
            req = load_request(s, request_id)
            settings = load_settings(s)
            d = views.request_detail(s, req, load_calendar(s), settings.policy, self._today())
        return replace(d, id_number=mask_id(d.id_number), phone=mask_phone(d.phone))

    def contact(self, actor: Actor, request_id: int) -> ContactView:
        """查看完整信息: the applicant's full 证件号码 and 联系电话; every look is audited."""
        with self._db.uow() as uow:
            s = uow.session
            req = load_request(s, request_id)
            require(s, actor, req, CaseStep.VIEW_CONTACT)
            view = ContactView(req.id_number, req.phone)
            record(s, actor, "查看完整信息", req.id, "证件号码、联系电话", reason="查看申请人完整个人信息")
            uow.commit()
        return view

    def find_id(self, number: str) -> int:
        with self._db.read() as uow:
            rid = uow.session.scalar(select(Request.id).where(Request.number == number.strip()))
        if rid is None:
            raise NotFound(f"未找到申请编号为“{number}”的申请。")
        return rid

    # -- editing ----------------------------------------------------------------------------
    def update(self, actor: Actor, request_id: int, version: int, data: RequestInput,
               reason: str = "") -> RequestDetail:
        """Edit registration fields; each change is audited old → new. Archived cases are locked."""
        with self._db.uow() as uow:
            s = uow.session
            req = load_request(s, request_id, version)
            data = _keep_masked(data, req)
            validate_input(data, self._today())
            if req.status == Status.ARCHIVED:
                raise ValidationError("该申请已归档锁定，如需修改请先“解锁”并说明理由。")
            changed = False
            for f in fields(RequestInput):
                new = getattr(data, f.name)
                if f.name == "number" and not str(new).strip():
                    continue
                old = getattr(req, f.name)
                if old != new:
                    if f.name == "number" and s.scalar(select(Request.id).where(Request.number == new)):
                        raise ValidationError(f"申请编号“{new}”已存在，请更换编号。", "number")
                    setattr(req, f.name, new)
                    record(s, actor, "修改", req.id, _FIELD_LABELS[f.name], old, new, reason)
                    changed = True
            receipt = receipt_date_for(req.channel, req.arrival_date, req.confirmation_date)
            if receipt != req.receipt_date:
                record(s, actor, "修改", req.id, "收到申请之日", req.receipt_date, receipt, reason)
                req.receipt_date = receipt
            if req.receipt_date is None and req.status == Status.REGISTERED:
                req.status = Status.UNCONFIRMED.value
            if changed:
                req.updated_at = datetime.now()
                refresh_case_due(s, actor, req, self._today(), reason)
                commit(uow)
        return self.detail(request_id)

    def events(self, request_id: int) -> list:
        with self._db.read() as uow:
            rows = uow.session.scalars(
                select(Event).where(Event.request_id == request_id).order_by(Event.id)).all()
            return [views.event_view(e) for e in rows]

    def departments(self) -> list[tuple[int, str]]:
        with self._db.read() as uow:
            return [(d.id, d.name) for d in uow.session.scalars(
                select(Department).where(Department.active).order_by(Department.id))]

    def handlers(self, department_id: int | None = None) -> list[tuple[int, str]]:
        with self._db.read() as uow:
            q = select(User).where(User.active).order_by(User.id)
            if department_id is not None:
                q = q.where(User.department_id == department_id)
            return [(u.id, u.display_name) for u in uow.session.scalars(q)]


def _keep_masked(data: RequestInput, req: Request) -> RequestInput:
    """The edit form shows 证件号码/联系电话 masked: a value still equal to its mask keeps what is stored."""
    keep = {}
    if req.id_number and data.id_number.strip() == mask_id(req.id_number):
        keep["id_number"] = req.id_number
    if req.phone and data.phone.strip() == mask_phone(req.phone):
        keep["phone"] = req.phone
    return replace(data, **keep) if keep else data


def commit(uow) -> None:
    """Commit, turning a concurrent-edit clash into a clear ConflictError."""
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm.exc import StaleDataError

    try:
        uow.commit()
    except StaleDataError as e:
        raise ConflictError("该申请已被其他用户修改，请刷新后重新操作。") from e
    except OperationalError as e:
        if "locked" not in str(e).lower():
            raise
        raise ConflictError("其他用户正在保存数据，本次操作未保存，请刷新后重新操作。") from e

