"""市政务公开办督办通知: the city sends an agency a numbered notice of its overdue cases; the agency reads it
and marks it 已阅 or answers it (已回复). Both sides are audited."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Callable

from sqlalchemy import func, select, text

from app.errors import NotFound, PermissionDenied, ValidationError
from app.models import Agency, CityNotice
from app.services.city.board_service import CityBoardService
from app.services.city.dto import CityNoticeView
from app.services.city.server import require_city, server_refusals
from app.services.dto import Actor
from app.services.trust.audit import record
from app.services.trust.sessions import ActingService
from app.services.uow import Database
from app.workflow.vocabulary import Role

READ, ANSWERED, UNREAD = "已阅", "已回复", "未阅"
READERS = (Role.CHIEF, Role.CLERK)           # the agency's 科室负责人 and 登记员 answer the city
NOT_READER = "只有收文机关的科室负责人或登记员可以签阅、回复督办通知。"


def notice_number(year: int, seq: int) -> str:
    return f"〔{year}〕督办第{seq}号"


class CityNoticeService(ActingService):
    def __init__(self, db: Database, today: Callable[[], date] = date.today,
                 now: Callable[[], datetime] = datetime.now):
        self._db = db
        self._today = today
        self._now = now
        self._board = CityBoardService(db, today)

    # -- the city's side -------------------------------------------------------------------------
    def send(self, actor: Actor, agency_id: int, reply_by: date, body: str = "") -> CityNoticeView:
        """Number and send a notice listing the agency's overdue cases today; they must be answered by
        ``reply_by`` (after today)."""
        require_city(actor)
        today = self._today()
        if reply_by is None or reply_by <= today:
            raise ValidationError(f"回复期限须晚于今天（{today:%Y年%m月%d日}），请重新选择回复期限。", "回复期限")
        overdue = [(c.number, c.days_overdue) for c in self._board.cases(actor, agency_id, today) if c.days_overdue > 0]
        if not overdue:
            raise ValidationError("该机关今天没有逾期案件，无需发送督办通知。", "机关")
        cases = json.dumps(overdue, ensure_ascii=False)
        body = (body or "").strip()
        with self._db.uow() as uow, server_refusals():
            s = uow.session
            if self._on_server():
                notice_id, _number = s.execute(text("SELECT * FROM dd_city_send_notice(:a, :d, :r, :c, :b)"), {
                    "a": agency_id, "d": today, "r": reply_by, "c": cases, "b": body}).one()
            else:
                notice_id = self._send_local(s, actor, agency_id, today, reply_by, cases, body)
            uow.commit()
        return self._one(actor, notice_id)

    def _send_local(self, s, actor: Actor, agency_id: int, today: date, reply_by: date, cases: str,
                    body: str) -> int:
        seq = (s.scalar(select(func.max(CityNotice.seq)).where(CityNotice.year == today.year)) or 0) + 1
        n = CityNotice(agency_id=agency_id, year=today.year, seq=seq, number=notice_number(today.year, seq),
                       sent_on=today, reply_by=reply_by, cases=cases, body=body, sent_by=actor.username,
                       sent_at=self._now(), status=UNREAD, answered_by="", answer="")
        s.add(n)
        s.flush()
        record(s, actor, "督办通知", None, "督办通知", "", n.number, f"市政务公开办督办，请于{reply_by}前回复")
        return n.id

    def sent(self, actor: Actor) -> list[CityNoticeView]:
        """Every notice the city has sent, newest first."""
        require_city(actor)
        return self._list(None)

    # -- the agency's side -----------------------------------------------------------------------
    def inbox(self, actor: Actor) -> list[CityNoticeView]:
        """The notices sent to the actor's agency (row-level security keeps others' out), newest first."""
        if actor.role not in READERS:
            return []
        return self._list(None)

    def answer(self, actor: Actor, notice_id: int, status: str, answer: str = "") -> CityNoticeView:
        """已阅, or 已回复 with the agency's answer; audited in the agency's chain."""
        if actor.role not in READERS:
            raise PermissionDenied(NOT_READER)
        answer = (answer or "").strip()
        if status not in (READ, ANSWERED):
            raise ValidationError("督办通知只能标记为“已阅”或“已回复”。", "状态")
        if status == ANSWERED and not answer:
            raise ValidationError("回复督办通知须填写回复内容。", "回复内容")
        with self._db.uow() as uow, server_refusals():
            s = uow.session
            if self._on_server():
                s.execute(text("SELECT dd_city_answer_notice(:i, :s, :a)"), {"i": notice_id, "s": status, "a": answer})
            else:
                n = s.get(CityNotice, notice_id)
                if n is None:
                    raise NotFound("督办通知不存在。")
                old = n.status
                n.status, n.answered_by, n.answered_at, n.answer = status, actor.username, self._now(), answer
                record(s, actor, "督办通知", None, f"{n.number}.状态", old, status, answer)
            uow.commit()
        return self._one(actor, notice_id)

    # -- reading ---------------------------------------------------------------------------------
    def _one(self, actor: Actor, notice_id: int) -> CityNoticeView:
        found = self._list(notice_id)
        if not found:
            raise NotFound("督办通知不存在。")
        return found[0]

    def _list(self, notice_id: int | None) -> list[CityNoticeView]:
        with self._db.read() as uow:
            s = uow.session
            q = select(CityNotice).order_by(CityNotice.year.desc(), CityNotice.seq.desc())
            if notice_id is not None:
                q = q.where(CityNotice.id == notice_id)
            notices = s.scalars(q).all()
            names = self._agency_names(s)
            return [_view(n, names.get(n.agency_id, "")) for n in notices]

    def _agency_names(self, s) -> dict[int, str]:
        if self._on_server() and s.scalar(text("SELECT dd_is_city()")):
            return dict(s.execute(text("SELECT id, name FROM dd_city_agencies()")).all())
        return dict(s.execute(select(Agency.id, Agency.name)).all())

    def _on_server(self) -> bool:
        return self._db.engine.dialect.name == "postgresql"


def _view(n: CityNotice, agency: str) -> CityNoticeView:
    return CityNoticeView(n.id, n.agency_id, agency, n.number, n.sent_on, n.reply_by,
                          tuple((c[0], c[1]) for c in json.loads(n.cases or "[]")), n.body, n.sent_by, n.sent_at,
                          n.status, n.answered_by, n.answered_at, n.answer)


