"""The desk's side of online submissions: 待确认 list, confirmation, online 补正 answers, 未查收, floods."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Callable

from sqlalchemy import func, select

from app.errors import NotFound, ValidationError
from app.models import Attachment, Letter, OnlineAnswer, OnlineFetch, OnlineSubmission, Request
from app.services.cases.authority import require
from app.services.cases.case_service import CaseService
from app.services.cases.request_service import RequestService, commit, load_request
from app.services.dto import Actor, RequestDetail
from app.services.online.dto import Flood, PendingAnswer, PendingSubmission, UnfetchedDocument
from app.services.online.numbering import number_on_confirmation
from app.services.online.rules import (FLOOD_SAME_SOURCE, FLOOD_SAME_TEXT, FLOOD_WINDOW_HOURS, ONLINE_DELIVERY,
                                       ONLINE_KINDS)
from app.services.trust.audit import record
from app.services.trust.sessions import ActingService
from app.services.uow import Database
from app.workflow.status import Status
from app.workflow.transitions import Action

SIGNED = "已签发"


class _OnlineCases(CaseService):
    """The two desk steps on an online case, through the workflow's one path (transition table, who may
    act on this case, audit, due-date refresh) that every action takes."""

    def confirm_online(self, actor: Actor, rid: int, version: int, on: date) -> RequestDetail:
        def mutate(s, req: Request):
            sub = s.scalar(select(OnlineSubmission).where(OnlineSubmission.request_id == req.id))
            if sub is None or sub.refused_at is not None:
                raise ValidationError("该申请不是待确认的网上申请。")
            record(s, actor, "修改", req.id, "确认日期", req.confirmation_date, on, "条例第三十一条第（三）项：双方确认之日")
            req.confirmation_date = req.receipt_date = on
            number_on_confirmation(s, actor, req, on)
        return self._act(actor, rid, version, Action.CONFIRM_RECEIPT, mutate=mutate)

    def receive_online(self, actor: Actor, rid: int, version: int, answer_id: int, on: date,
                       now: datetime) -> RequestDetail:
        def mutate(s, req: Request):
            answer = s.get(OnlineAnswer, answer_id)
            c = req.corrections[-1] if req.corrections else None
            if answer is None or answer.request_id != req.id or c is None or answer.correction_id != c.id:
                raise NotFound("未找到该网上补正。")
            if answer.accepted_at is not None:
                raise ValidationError("该网上补正已接收。")
            self._check_date(on, "补正收到日期", "received_on", c.requested_on, "补正告知日期")
            c.received_on = on
            record(s, actor, "收到补正", req.id, "补正收到日期", "", on, "网上补正，答复期限重新起算")
            record(s, actor, "收到补正", req.id, "补正内容", c.corrected_content, answer.text)
            c.corrected_content = answer.text
            answer.accepted_at, answer.accepted_by = now, actor.username
        return self._act(actor, rid, version, Action.RECEIVE_CORRECTION, mutate=mutate)


class OnlineDeskService(ActingService):
    """Used by the workbench (and by the web branch's browser test, playing the clerk).

    Who may act: as for 确认收到 / 收到补正 in the transition table (the clerks' office and 管理员), decided
    per case by the workflow's one path; every change is audited.
    """

    def __init__(self, db: Database, today: Callable[[], date] = date.today,
                 now: Callable[[], datetime] | None = None):
        self._db = db
        self._today = today
        # The desk's day with the clock's time (a desk built on a fixed day, as tests and demos do, then
        # measures the flood window and the acceptance times on that day).
        self._now = now or (lambda: datetime.combine(today(), datetime.now().time()))
        self._cases = _OnlineCases(db, today)
        self._requests = RequestService(db, today)

    def pending(self) -> list[PendingSubmission]:
        """Online submissions still 待确认, oldest first, each marked when it belongs to a flood."""
        flagged = {n: f.kind for f in self.floods() for n in f.numbers}
        with self._db.read() as uow:
            s = uow.session
            files = (select(Attachment.request_id, func.count().label("n")).where(Attachment.kind == "网上申请材料")
                     .group_by(Attachment.request_id).subquery())
            rows = s.execute(
                select(Request.id, Request.version, Request.number, Request.applicant_name, Request.applicant_type,
                       Request.description, OnlineSubmission.submitted_at, files.c.n)
                .join(OnlineSubmission, OnlineSubmission.request_id == Request.id)
                .outerjoin(files, files.c.request_id == Request.id)
                .where(Request.status == Status.UNCONFIRMED.value, OnlineSubmission.refused_at.is_(None))
                .order_by(OnlineSubmission.submitted_at, Request.id)).all()
        return [PendingSubmission(r.id, r.version, r.number, r.submitted_at, r.applicant_name, r.applicant_type,
                                  r.description, r.n or 0, flagged.get(r.number, "")) for r in rows]

    def similar(self, request_id: int) -> list[tuple[str, str, float, str]]:
        """The desk's repeat detection, unchanged: earlier requests of the same applicant asking for similar
        information (number, description, similarity, status)."""
        with self._db.read() as uow:
            req = uow.session.get(Request, request_id)
            if req is None:
                raise NotFound(f"未找到编号为{request_id}的申请。")
            name, number, text = req.applicant_name, req.id_number, req.description
        return self._requests.similar_requests(name, number, text, exclude_id=request_id)

    def confirm(self, actor: Actor, request_id: int, version: int) -> RequestDetail:
        """确认受理: under Art 31(三) the request is received on the day both sides confirm, so the
        confirmation and receipt dates become today, the clock starts (待审核) and the case gets its
        申请编号 (a flood of submissions burns no numbers); audited."""
        return self._cases.confirm_online(actor, request_id, version, self._today())

    def refuse(self, actor: Actor, request_id: int, version: int, reason: str) -> None:
        """Not an application (spam, test, abuse): the submission is closed with the reason, audited,
        kept as evidence (never deleted); it has no receipt date, so it counts nowhere."""
        if not (reason or "").strip():
            raise ValidationError("请填写不予登记的理由（例如：内容与政府信息公开无关）。", "reason")
        with self._db.uow() as uow:
            s = uow.session
            req = load_request(s, request_id, version)
            sub = s.scalar(select(OnlineSubmission).where(OnlineSubmission.request_id == req.id))
            if sub is None or sub.refused_at is not None or req.status != Status.UNCONFIRMED:
                raise ValidationError("只能对待确认的网上申请作不予登记处理。")
            require(s, actor, req, Action.CONFIRM_RECEIPT)
            sub.refused_at, sub.refused_reason = self._now(), reason.strip()
            req.status, req.updated_at = Status.ARCHIVED.value, self._now()
            record(s, actor, "不予登记", req.id, "状态", Status.UNCONFIRMED.value, Status.ARCHIVED.value,
                   f"经核实不属于政府信息公开申请：{reason.strip()}")
            commit(uow)

    def pending_answers(self) -> list[PendingAnswer]:
        """Online 补正 answers waiting to be accepted, oldest first."""
        with self._db.read() as uow:
            s = uow.session
            rows = s.execute(select(OnlineAnswer, Request.number).join(Request, Request.id == OnlineAnswer.request_id)
                             .where(OnlineAnswer.accepted_at.is_(None)).order_by(OnlineAnswer.answered_at)).all()
            out = []
            for a, number in rows:
                names = s.scalars(select(Attachment.filename).where(
                    Attachment.request_id == a.request_id, Attachment.added_by == f"answer:{a.id}")
                    .order_by(Attachment.id)).all()
                out.append(PendingAnswer(a.id, a.request_id, number, a.answered_at, a.text, list(names)))
        return out

    def accept_correction(self, actor: Actor, answer_id: int) -> RequestDetail:
        """Accept an online 补正 answer: 补正收到日期 = the day it arrived online (the clock restarts from
        it, 条例第三十条), its text becomes the corrected content, through the workflow's 收到补正; audited."""
        with self._db.read() as uow:
            answer = uow.session.get(OnlineAnswer, answer_id)
            if answer is None:
                raise NotFound("未找到该网上补正。")
            # The day it arrived online; never after the desk's today (the web's host clock may run ahead).
            rid, on = answer.request_id, min(answer.answered_at.date(), self._today())
            version = uow.session.scalar(select(Request.version).where(Request.id == rid))
        return self._cases.receive_online(actor, rid, version, answer_id, on, self._now())

    def unfetched_documents(self) -> list[UnfetchedDocument]:
        """Documents offered online that the applicant has not downloaded yet (未查收), oldest first."""
        with self._db.read() as uow:
            rows = uow.session.execute(
                select(Letter.id, Letter.kind, Letter.doc_number, Letter.signed_at, Request.id.label("rid"),
                       Request.number)
                .join(Request, Request.id == Letter.request_id)
                .join(OnlineSubmission, OnlineSubmission.request_id == Request.id)
                .outerjoin(OnlineFetch, OnlineFetch.letter_id == Letter.id)
                .where(Letter.state == SIGNED, Letter.superseded_by.is_(None), Letter.pdf.is_not(None),
                       Letter.kind.in_([k.value for k in ONLINE_KINDS]), Request.delivery.in_(ONLINE_DELIVERY),
                       OnlineFetch.letter_id.is_(None))
                .order_by(Letter.signed_at, Letter.id)).all()
        return [UnfetchedDocument(r.rid, r.number, r.id, f"{r.kind}（{r.doc_number}）", r.signed_at.date())
                for r in rows]

    def fetched(self, request_id: int) -> dict[int, datetime]:
        """letter id → when the applicant first downloaded it (已查收)."""
        with self._db.read() as uow:
            return dict(uow.session.execute(select(OnlineFetch.letter_id, OnlineFetch.fetched_at)
                                            .where(OnlineFetch.request_id == request_id)).all())

    def send_notices(self) -> int:
        """E-mail the applicants whose documents became available online (once each); 0 without a relay.
        Raises OSError (the caller shows it) when the relay cannot be reached."""
        from app.services.online.mail_notice import send_due

        return send_due(self._db, self._now())

    def floods(self, window_hours: int = FLOOD_WINDOW_HOURS) -> list[Flood]:
        """Groups of ≥ 5 submissions from one address hash, or ≥ 3 with the same description, within the
        window before now: flagged for the clerk, never dropped."""
        since = self._now() - timedelta(hours=window_hours)
        with self._db.read() as uow:
            rows = uow.session.execute(
                select(OnlineSubmission.client_hash, OnlineSubmission.text_hash, OnlineSubmission.submitted_at,
                       Request.number).join(Request, Request.id == OnlineSubmission.request_id)
                .where(OnlineSubmission.submitted_at >= since).order_by(OnlineSubmission.submitted_at)).all()
        out = []
        for kind, key, least in (("同一来源", 0, FLOOD_SAME_SOURCE), ("同一内容", 1, FLOOD_SAME_TEXT)):
            groups: dict[str, list] = {}
            for r in rows:
                groups.setdefault(r[key], []).append(r)
            out += [Flood(kind, len(g), g[0].submitted_at, g[-1].submitted_at, [r.number for r in g])
                    for g in groups.values() if len(g) >= least]
        return out
