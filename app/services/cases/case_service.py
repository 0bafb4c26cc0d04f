"""Workflow use cases: every action of the transition table, one audited transaction each."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Callable

from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import (
    Consultation, Correction, Department, Extension, FeeNotice, LegalReview, Request, User,
)
from app.services.trust.audit import record
from app.services.cases.lapse_gates import (
    record_lapse_decision, require_correction_for, require_correction_lapsed, require_fee_lapsed,
    require_late_reason,
)
from app.workflow.receipt import receipt_date_for
from app.services.dto import Actor, RequestDetail
from app.services.cases.authority import require
from app.services.cases.authority import standing as case_standing
from app.services.cases.reply_record import serve_reply
from app.services.online.numbering import number_on_confirmation
from app.services.clock import case_clock, load_calendar, refresh_case_due
from app.services.cases.request_service import RequestService, commit, load_request
from app.services.settings_service import load_settings
from app.services.trust.sessions import ActingService
from app.services.cases.submit_facts import chosen_outcome, require_reply_facts
from app.services.cases.task_service import unsettled_tasks
from app.services.uow import Database
from app.services.cases.reply_facts import apply_reply_facts
from app.services.letters.gates.decision import require_at_submit
from app.services.letters.notice_drafts import draft_notice
from app.exports.letters.kinds import LetterKind
from app.workflow.deadline import MAX_EXTENSION, PauseKind, compute_deadline
from app.workflow.deadline import Extension as ClockExtension
from app.workflow.fees import FeeMethod, fee_by_count, fee_by_volume
from app.workflow.outcomes import WITHDRAWN, Outcome
from app.workflow.status import Status
from app.workflow.authority import CaseStep, Standing
from app.workflow.transitions import Action, transition
from app.workflow.vocabulary import ServiceMethod

Mutation = Callable[[Session, Request], None]
CONSULTATION_ANSWERS = ("同意", "不同意", "")      # "" = no answer within the window


class CaseService(ActingService):
    """One method per workflow action; each takes the version the user saw (concurrent edits)."""

    def __init__(self, db: Database, today=date.today):
        self._db = db
        self._today = today
        self._requests = RequestService(db, today)

    def standing(self, actor: Actor, request_id: int) -> Standing:
        """The actor's standing on this case: the window offers exactly the acts it ``may`` take."""
        with self._db.read() as uow:
            return case_standing(uow.session, actor, load_request(uow.session, request_id))

    # -- the one path every action takes ----------------------------------------------------
    def _act(self, actor: Actor, request_id: int, version: int, action: Action,
             reason: str = "", mutate: Mutation | None = None) -> RequestDetail:
        with self._db.uow() as uow:
            s = uow.session
            req = load_request(s, request_id, version)
            old = Status(req.status)
            new = transition(old, action, actor.role, reason, load_settings(s).legal_review)
            require(s, actor, req, action)          # who may act on *this* case (app/workflow/authority)
            if mutate:
                mutate(s, req)
            req.status = new.value
            req.updated_at = datetime.now()
            record(s, actor, action.value, req.id, "状态", old.value, new.value, reason)
            refresh_case_due(s, actor, req, self._today(), reason)
            # No step signs a letter on the side: only 签发 (LetterService.sign) does (issue 19).
            commit(uow)
        return self._requests.detail(request_id)

    def _check_date(self, d: date | None, label: str, field: str, not_before: date | None = None,
                    not_before_label: str = "") -> date:
        if d is None:
            raise ValidationError(f"请填写{label}。", field)
        if d > self._today():
            raise ValidationError(f"{label}不能晚于今天，请核对。", field)
        if not_before and d < not_before:
            raise ValidationError(f"{label}不能早于{not_before_label}，请核对。", field)
        return d

    # -- 登记 / 审核 -------------------------------------------------------------------------
    def confirm_receipt(self, actor: Actor, rid: int, version: int, confirmed_on: date) -> RequestDetail:
        def mutate(s, req):
            self._check_date(confirmed_on, "确认日期", "confirmation_date", req.arrival_date, "到达日期")
            record(s, actor, "修改", req.id, "确认日期", req.confirmation_date, confirmed_on)
            req.confirmation_date = confirmed_on
            req.receipt_date = receipt_date_for(req.channel, req.arrival_date, confirmed_on) or confirmed_on
            number_on_confirmation(s, actor, req, confirmed_on)       # an online submission's 申请编号
        return self._act(actor, rid, version, Action.CONFIRM_RECEIPT, mutate=mutate)

    def assign(self, actor: Actor, rid: int, version: int, department_id: int,
               handler_id: int | None = None) -> RequestDetail:
        def mutate(s, req):
            dept = s.get(Department, department_id)
            if dept is None:
                raise ValidationError("请选择承办处室。", "department")
            user = s.get(User, handler_id) if handler_id else None
            if handler_id and user is None:
                raise ValidationError("所选承办人不存在，请重新选择。", "handler")
            record(s, actor, "交办", req.id, "承办处室", _dept_name(s, req.department_id), dept.name)
            if user:
                record(s, actor, "交办", req.id, "承办人", "", user.display_name)
            req.department_id, req.handler_id = dept.id, handler_id
        return self._act(actor, rid, version, Action.ASSIGN, mutate=mutate)

    def request_correction(self, actor: Actor, rid: int, version: int, requested_on: date,
                           content: str, period_days: int | None = None,
                           served_on: date | None = None, late_reason: str = "") -> RequestDetail:
        """补正: the notice's items and its own period (default from settings); ``served_on`` is the
        day the applicant received it, when already known (else 未送达 until recorded). A notice later
        than 7 working days after receipt needs ``late_reason`` (Art 30), audited and shown on the case."""
        def mutate(s, req):
            self._check_date(requested_on, "补正告知日期", "requested_on", req.receipt_date, "收到申请之日")
            if not content.strip():
                raise ValidationError("请写明需要补正的事项（补正事项）。", "content")
            late = require_late_reason(s, actor, req, requested_on, late_reason)
            if served_on is not None:
                self._check_date(served_on, "补正告知书送达日期", "served_on", requested_on, "补正告知日期")
            period = period_days or load_settings(s).correction_period_days
            if not 1 <= period <= 60:
                raise ValidationError("补正期限应为1至60个工作日。", "period_days")
            req.corrections.append(Correction(requested_on=requested_on, content=content, period_days=period,
                                              notice_served_on=served_on, late_reason=late))
            record(s, actor, "告知补正", req.id, "补正告知日期", "", requested_on,
                   f"{content}（补正期限{period}个工作日）")
        return self._act(actor, rid, version, Action.REQUEST_CORRECTION, mutate=mutate)

    def receive_correction(self, actor: Actor, rid: int, version: int, received_on: date,
                           content: str = "") -> RequestDetail:
        """收到补正: the day (the clock restarts) and what the corrected application now asks."""
        def mutate(s, req):
            c = req.corrections[-1]
            self._check_date(received_on, "补正收到日期", "received_on", c.requested_on, "补正告知日期")
            c.received_on = received_on
            record(s, actor, "收到补正", req.id, "补正收到日期", "", received_on, "答复期限重新起算")
            if content.strip():
                record(s, actor, "收到补正", req.id, "补正内容", c.corrected_content, content.strip())
                c.corrected_content = content.strip()
        return self._act(actor, rid, version, Action.RECEIVE_CORRECTION, mutate=mutate)

    def correction_lapsed(self, actor: Actor, rid: int, version: int, closed_on: date) -> RequestDetail:
        """逾期未补正 （六）1: only once the applicant's due (the notice's period from service) has passed."""
        return self._close(actor, rid, version, Action.CORRECTION_LAPSED, Outcome.NO_CORRECTION,
                           closed_on, "申请人逾期未补正", before=lambda s, req: require_correction_lapsed(s, req, closed_on),
                           extra=lambda s, req: record_lapse_decision(
                               s, actor, req, Action.CORRECTION_LAPSED.value, "逾期未补正，视为放弃申请（条例第三十条）"))

    # -- 办理 --------------------------------------------------------------------------------
    def start_consultation(self, actor: Actor, rid: int, version: int, kind: PauseKind, party: str,
                           sent_on: date, party_received_on: date | None = None, matter: str = "") -> RequestDetail:
        """``matter``: the 征求意见事项 the letter names ('' = the request's description)."""
        def mutate(s, req):
            if kind not in (PauseKind.THIRD_PARTY, PauseKind.OTHER_AGENCY):
                raise ValidationError("征求意见类型应为第三方或其他机关。", "kind")
            if not party.strip():
                raise ValidationError("请填写被征求意见的单位或个人。", "party")
            self._check_date(sent_on, "征求意见发出日期", "sent_on", req.receipt_date, "收到申请之日")
            if party_received_on and party_received_on < sent_on:
                raise ValidationError("对方收到日期不能早于发出日期。", "party_received_on")
            req.consultations.append(Consultation(kind=kind.value, party=party, sent_on=sent_on,
                                                  party_received_on=party_received_on,
                                                  matter=matter.strip() or req.description))
            record(s, actor, "发起征求意见", req.id, kind.value, "", f"{party}（{sent_on}发出）",
                   f"征求意见事项：{matter.strip() or req.description}")
        return self._act(actor, rid, version, Action.START_CONSULTATION, mutate=mutate)

    def end_consultation(self, actor: Actor, rid: int, version: int, answered_on: date,
                         opinion: str = "", answer: str = "") -> RequestDetail:
        """The consulted party answered (``answer`` 同意/不同意) or the window closed without one ("")."""
        def mutate(s, req):
            c = next((c for c in reversed(req.consultations) if c.answered_on is None), None)
            if c is None:
                raise ValidationError("该申请没有尚未结束的征求意见，请刷新后核对。", "answered_on")
            self._check_date(answered_on, "意见答复日期", "answered_on", c.sent_on, "征求意见发出日期")
            if answer not in CONSULTATION_ANSWERS:
                raise ValidationError("对方意见应为“同意”“不同意”或“未答复”。", "answer")
            c.answered_on, c.opinion, c.answer = answered_on, opinion, answer
            record(s, actor, "征求意见结束", req.id, c.kind, "", answered_on, opinion)
            record(s, actor, "征求意见结束", req.id, f"{c.party}意见", "", answer or "未答复", opinion)
        return self._act(actor, rid, version, Action.END_CONSULTATION, mutate=mutate)

    def issue_fee_notice(self, actor: Actor, rid: int, version: int, method: FeeMethod, quantity: int,
                         issued_on: date, received_on: date | None = None) -> RequestDetail:
        def mutate(s, req):
            self._check_date(issued_on, "缴费通知日期", "issued_on", req.receipt_date, "收到申请之日")
            if received_on is not None:      # 送达 is recorded when known, never assumed (domain §3)
                self._check_date(received_on, "缴费通知书送达日期", "received_on", issued_on, "缴费通知日期")
            if quantity < 1:
                raise ValidationError("计费数量应为正整数（按件：本月第几件；按量：页数）。", "quantity")
            amount = fee_by_count(quantity) if method is FeeMethod.BY_COUNT else fee_by_volume(quantity)
            if amount == 0:
                raise ValidationError("按规定该申请不收费，无需发出缴费通知。", "quantity")
            req.fee_notices.append(FeeNotice(method=method.value, quantity=quantity, amount=amount,
                                             issued_on=issued_on, received_on=received_on))
            record(s, actor, "发出缴费通知", req.id, "收费金额", "", f"{amount}元（{method.value}，{quantity}）")
        detail = self._act(actor, rid, version, Action.ISSUE_FEE_NOTICE, mutate=mutate)
        return draft_notice(self._db, self._today, actor, detail, LetterKind.FEE)

    def record_payment(self, actor: Actor, rid: int, version: int, paid_on: date,
                       amount: float | None = None) -> RequestDetail:
        def mutate(s, req):
            f = req.fee_notices[-1]
            self._check_date(paid_on, "缴费日期", "paid_on", f.issued_on, "缴费通知日期")
            f.paid_on, f.paid_amount = paid_on, f.amount if amount is None else amount
            record(s, actor, "登记缴费", req.id, "缴费金额", "", f"{f.paid_amount}元（{paid_on}）")
        return self._act(actor, rid, version, Action.RECORD_PAYMENT, mutate=mutate)

    def fee_lapsed(self, actor: Actor, rid: int, version: int, closed_on: date) -> RequestDetail:
        """逾期未缴费 （六）2: only once the 20 working days from the notice's 送达 have passed."""
        def extra(s, req):
            req.fee_notices[-1].lapsed = True
            record_lapse_decision(s, actor, req, Action.FEE_LAPSED.value, "逾期未缴费，视为放弃申请（条例第四十二条）")
        return self._close(actor, rid, version, Action.FEE_LAPSED, Outcome.FEE_UNPAID, closed_on,
                           "申请人逾期未缴费", extra, before=lambda s, req: require_fee_lapsed(s, req, closed_on))

    def approve_extension(self, actor: Actor, rid: int, version: int, approved_on: date, days: int,
                          reason: str) -> RequestDetail:
        def mutate(s, req):
            self._check_date(approved_on, "批准日期", "approved_on", req.receipt_date, "收到申请之日")
            used = sum(e.days for e in req.extensions)
            if not 1 <= days <= MAX_EXTENSION - used:
                raise ValidationError(
                    f"延长期限最长不得超过{MAX_EXTENSION}个工作日（已延长{used}个），请填写1至{MAX_EXTENSION - used}。",
                    "days")
            due = req.reply_due
            if due and approved_on > due:
                raise ValidationError(f"延期须在原答复期限（{due}）届满前批准。", "approved_on")
            req.extensions.append(Extension(approved_on=approved_on, days=days,
                                            approved_by=actor.username, reason=reason))
            record(s, actor, "批准延期", req.id, "延长工作日", used, used + days, reason)
        detail = self._act(actor, rid, version, Action.APPROVE_EXTENSION, reason, mutate)
        return draft_notice(self._db, self._today, actor, detail, LetterKind.EXTENSION)

    def set_reasonable_deadline(self, actor: Actor, rid: int, version: int, due: date | None,
                                reason: str) -> RequestDetail:
        """Art 35: a longer reasonable deadline set by written notice (None removes it)."""
        with self._db.uow() as uow:
            s = uow.session
            req = load_request(s, rid, version)
            require(s, actor, req, CaseStep.SET_DEADLINE)
            if not Status(req.status).is_open:
                raise ValidationError("已答复的申请不能再调整答复期限。")
            if due is not None and not reason.strip():
                raise ValidationError("依第三十五条另行确定期限，必须填写理由。", "reason")
            record(s, actor, "另定期限", req.id, "合理期限", req.override_due, due, reason)
            req.override_due, req.override_reason = due, reason
            req.updated_at = datetime.now()
            refresh_case_due(s, actor, req, self._today(), reason)
            commit(uow)
        return self._requests.detail(rid)

    # -- 签批 / 答复 / 归档 --------------------------------------------------------------------
    def submit(self, actor: Actor, rid: int, version: int, decision: str = "",
               outcome: Outcome | None = None, reasons: str = "", opinion: str = "",
               withheld_ground: str = "", query_law: str = "", access_route: str = "",
               collection_place: str = "", collection_hours: str = "") -> RequestDetail:
        """提交签批: the Art 36 decision, its table 三 leaf (asked only where the decision leaves a
        choice), the 答复理由 printed in the letter (``reasons``) and the internal 拟办意见 (``opinion``).
        ``withheld_ground`` (部分公开: a 三 leaf code such as 三.4), ``query_law`` and ``access_route``
        (三.8, 五.3) are the facts the reply letter cites, ``collection_*`` (自行领取) where it is
        collected; a fact the reply would lack is refused here, naming its field (issue 19)."""
        def mutate(s, req):
            apply_reply_facts(s, actor, req, withheld_ground=withheld_ground, query_law=query_law,
                              access_route=access_route, collection_place=collection_place,
                              collection_hours=collection_hours)
            pending = unsettled_tasks(s, req.id)
            if pending:
                raise ValidationError(f"以下处室的协办任务尚未答复或免除：{'、'.join(pending)}。"
                                      "全部协办任务答复或免除后方可提交签批。")
            chosen = require_correction_for(req, chosen_outcome(s, decision, outcome))
            if chosen is not None and chosen.code != req.outcome:
                record(s, actor, "拟办意见", req.id, "办理结果", _outcome_label(req.outcome), chosen.label)
                req.outcome = chosen.code
            if decision and decision != req.decision:
                record(s, actor, "拟办意见", req.id, "答复决定", req.decision, decision)
                req.decision = decision
                req.decision_source = ""      # a decision of the handler's own, not an adopted one
            if reasons and reasons != req.decision_reasons:
                record(s, actor, "拟办意见", req.id, "答复理由", req.decision_reasons, reasons)
                req.decision_reasons = reasons
            if opinion and opinion != req.handling_opinion:
                record(s, actor, "拟办意见", req.id, "拟办意见", req.handling_opinion, opinion)
                req.handling_opinion = opinion
            require_reply_facts(s, req, self._today())
            require_at_submit(s, req)
        return self._act(actor, rid, version, Action.SUBMIT, mutate=mutate)

    def extension_due(self, rid: int, days: int, approved_on: date | None = None) -> date | None:
        """The reply due date if ``days`` more working days were approved now (nothing is written)."""
        with self._db.uow() as uow:
            s = uow.session
            req = load_request(s, rid)
            cal = load_calendar(s)
            clock = case_clock(req, cal)
            more = (*clock.extensions, ClockExtension(approved_on or self._today(), days))
            return compute_deadline(replace(clock, extensions=more), cal, self._today(),
                                    load_settings(s).policy, explain=False).reply_due

    def sign_off(self, actor: Actor, rid: int, version: int, opinion: str = "") -> RequestDetail:
        def mutate(s, req):
            record(s, actor, "签批意见", req.id, "", "", opinion or "同意")
        return self._act(actor, rid, version, Action.SIGN_OFF, mutate=mutate)

    def return_for_revision(self, actor: Actor, rid: int, version: int, reason: str) -> RequestDetail:
        return self._act(actor, rid, version, Action.RETURN, reason)

    # -- 合法性审查 ----------------------------------------------------------------------------
    def legal_pass(self, actor: Actor, rid: int, version: int, opinion: str) -> RequestDetail:
        """审查通过 → 待答复; the opinion is kept and shown at 签发."""
        if not opinion.strip():
            raise ValidationError("请填写合法性审查意见。", "opinion")
        return self._act(actor, rid, version, Action.LEGAL_PASS,
                         mutate=lambda s, req: self._review(s, actor, req, True, opinion))

    def legal_return(self, actor: Actor, rid: int, version: int, reason: str) -> RequestDetail:
        """审查退回 → 已退回, back to the handler with the reviewer's reasons."""
        return self._act(actor, rid, version, Action.LEGAL_RETURN, reason,
                         lambda s, req: self._review(s, actor, req, False, reason))

    def _review(self, s: Session, actor: Actor, req: Request, passed: bool, opinion: str) -> None:
        s.add(LegalReview(request_id=req.id, reviewed_at=datetime.now(), reviewer=actor.username,
                          passed=passed, opinion=opinion.strip()))
        record(s, actor, "合法性审查意见", req.id, "审查结论", "", "通过" if passed else "退回", opinion)

    def record_reply(self, actor: Actor, rid: int, version: int, outcome: Outcome | None, reply_date: date,
                     service_method: ServiceMethod, service_date: date | None = None,
                     decision: str = "", reasons: str = "") -> RequestDetail:
        """登记答复: the signed 答复书 was served; its 文号 is recorded. ``outcome`` None keeps the case's."""
        def extra(s, req):
            serve_reply(s, actor, req, reply_date, service_method, service_date, decision, reasons)
        if outcome is None:
            outcome = self._requests.detail(rid).outcome
            if outcome is None:
                raise ValidationError("该申请尚未确定办理结果，请先由承办人提交签批。", "outcome")
            outcome = Outcome.from_code(outcome)
        return self._close(actor, rid, version, Action.RECORD_REPLY, outcome, reply_date, "", extra)

    def withdraw(self, actor: Actor, rid: int, version: int, withdrawn_on: date, reason: str) -> RequestDetail:
        """Counted as （六）3; the recorded decision says 申请人撤回, so no 答复书 is worded for it."""
        def extra(s, req):
            record(s, actor, "申请人撤回", req.id, "答复决定", req.decision, WITHDRAWN)
            req.decision = WITHDRAWN
        return self._close(actor, rid, version, Action.WITHDRAW, Outcome.OTHER, withdrawn_on, reason, extra)

    def archive(self, actor: Actor, rid: int, version: int) -> RequestDetail:
        return self._act(actor, rid, version, Action.ARCHIVE)

    def unlock(self, actor: Actor, rid: int, version: int, reason: str) -> RequestDetail:
        return self._act(actor, rid, version, Action.UNLOCK, reason)

    def _close(self, actor, rid, version, action, outcome: Outcome, on: date, reason: str,
               extra: Mutation | None = None, before: Mutation | None = None) -> RequestDetail:
        def mutate(s, req):
            self._check_date(on, "答复日期", "reply_date", req.receipt_date or req.arrival_date,
                             "收到申请之日")
            if before:
                before(s, req)
            record(s, actor, action.value, req.id, "办理结果", _outcome_label(req.outcome), outcome.label)
            record(s, actor, action.value, req.id, "答复日期", req.reply_date, on)
            req.outcome, req.reply_date = outcome.code, on
            if extra:
                extra(s, req)
        return self._act(actor, rid, version, action, reason, mutate)


def _dept_name(s: Session, dept_id: int | None) -> str:
    d = s.get(Department, dept_id) if dept_id else None
    return d.name if d else ""


def _outcome_label(code: str | None) -> str:
    return Outcome.from_code(code).label if code else ""

