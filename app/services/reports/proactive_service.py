"""依申请转主动公开 (Art 44): propose candidates from frequent subjects or a flagged case, decide, match."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFound, ValidationError
from app.models import Department, ProactiveCandidate, Request
from app.services.trust.audit import record
from app.services.dto import Actor
from app.services.trust.sessions import ActingService
from app.services.settings_service import load_settings
from app.services.uow import Database
from app.workflow.proactive import (
    Candidate, CandidateSource, ProactiveDecision, conversion_note, decision_problem, is_restricted,
    outcome_summary, overdue,
)
from app.workflow.subjects import SubjectInput, group_subjects, keywords, matches, similarity
from app.workflow.vocabulary import Role

DECIDERS = (Role.CLERK, Role.CHIEF, Role.ADMIN)


def _view(c: ProactiveCandidate, number: str | None,
          answers: dict[int, tuple[str | None, str]] | None = None) -> Candidate:
    mine = [answers[i] for i in _request_ids(c) if i in answers] if answers else []
    return Candidate(c.id, c.label, tuple(c.keywords.split()), c.representative, c.source, number or "",
                     c.request_count, c.applicant_count, c.period_start, c.period_end, c.created_on,
                     c.created_by, c.decision, c.decided_on, c.decided_by, c.published_on, c.column_name,
                     c.url, c.doc_number, c.reason, outcome_summary(mine),
                     sum(is_restricted(code, decision) for code, decision in mine))


def _request_ids(c: ProactiveCandidate) -> list[int]:
    """The requests the candidate was made from (a flagged one: its request)."""
    ids = [int(x) for x in (c.request_ids or "").split()]
    return ids or ([c.request_id] if c.request_id else [])


def _answers(s: Session, candidates: list[ProactiveCandidate]) -> dict[int, tuple[str | None, str]]:
    """Request id → (outcome code, decision) for every request of the candidates."""
    ids = sorted({i for c in candidates for i in _request_ids(c)})
    out: dict[int, tuple[str | None, str]] = {}
    for chunk in (ids[k:k + 500] for k in range(0, len(ids), 500)):
        q = select(Request.id, Request.outcome, Request.decision).where(Request.id.in_(chunk))
        out.update({rid: (outcome, decision or "") for rid, outcome, decision in s.execute(q)})
    return out


def converted_between(s: Session, start: date, end: date) -> list[Candidate]:
    """Subjects converted to proactive disclosure with a publication date in the period."""
    q = (select(ProactiveCandidate).where(ProactiveCandidate.decision == ProactiveDecision.CONVERT.value,
                                          ProactiveCandidate.published_on.between(start, end))
         .order_by(ProactiveCandidate.published_on, ProactiveCandidate.id))
    return [_view(c, None) for c in s.scalars(q)]


def _check_role(actor: Actor, verb: str) -> None:
    if actor.role not in DECIDERS:
        raise ValidationError(f"{verb}转主动公开候选须由登记员、科室负责人或管理员办理，当前用户角色为“{actor.role}”。")


def _same_subject(words: frozenset[str], c: ProactiveCandidate) -> bool:
    return similarity(words, frozenset(c.keywords.split())) >= 0.5 or words == frozenset(c.keywords.split())


class ProactiveService(ActingService):
    def __init__(self, db: Database, today=date.today):
        self._db = db
        self._today = today

    def today(self) -> date:
        return self._today()

    def _all(self, s: Session) -> list[Candidate]:
        q = (select(ProactiveCandidate, Request.number)
             .outerjoin(Request, Request.id == ProactiveCandidate.request_id)
             .order_by(ProactiveCandidate.created_on.desc(), ProactiveCandidate.id.desc()))
        rows = s.execute(q).all()
        answers = _answers(s, [c for c, _ in rows])
        return [_view(c, n, answers) for c, n in rows]

    def candidates(self) -> list[Candidate]:
        with self._db.uow() as uow:
            return self._all(uow.session)

    def propose(self, actor: Actor, start: date, end: date) -> list[Candidate]:
        """Add a candidate for each subject asked by at least N applicants in the period (setting,
        default 3) that is not already a candidate; an open candidate's counts are brought up to date.
        Returns the candidates added or updated."""
        _check_role(actor, "生成")
        with self._db.uow() as uow:
            s = uow.session
            n = load_settings(s).proactive_min_applicants
            rows = s.execute(
                select(Request.id, Request.description, Request.applicant_name, Department.name,
                       Request.receipt_date)
                .outerjoin(Department, Department.id == Request.department_id)
                .where(Request.receipt_date.between(start, end))).all()
            groups = group_subjects([SubjectInput(r[0], r[1] or "", r[2], r[3] or "", r[4]) for r in rows], n)
            existing = list(s.scalars(select(ProactiveCandidate)))
            touched: list[ProactiveCandidate] = []
            for g in groups:
                words = frozenset(g.keywords)
                same = next((c for c in existing if _same_subject(words, c)), None)
                if same is not None:
                    if same.decision in ("", ProactiveDecision.DEFER) and same.source == CandidateSource.FREQUENT:
                        same.request_count, same.applicant_count = g.count, g.applicants
                        same.request_ids = " ".join(map(str, g.case_ids))
                        same.period_start, same.period_end = start, end
                        touched.append(same)
                    continue
                c = ProactiveCandidate(
                    label=g.label, keywords=" ".join(g.keywords), representative=g.representative,
                    source=CandidateSource.FREQUENT.value, request_ids=" ".join(map(str, g.case_ids)),
                    request_count=g.count, applicant_count=g.applicants,
                    period_start=start, period_end=end, created_on=self._today(), created_by=actor.username,
                    decision="", decided_by="", column_name="", url="", doc_number="", reason="")
                s.add(c)
                s.flush()
                record(s, actor, "转主动公开候选", None, "事项", "", g.label,
                       f"{start}至{end}有{g.applicants}名申请人提出{g.count}件申请")
                existing.append(c)
                touched.append(c)
            uow.commit()
            ids = {c.id for c in touched}
            return [c for c in self._all(s) if c.id in ids]

    def flag(self, actor: Actor, number: str, note: str = "") -> Candidate:
        """A clerk flags a case's subject (by 申请编号) as a candidate, whatever the number of applicants."""
        _check_role(actor, "标记")
        with self._db.uow() as uow:
            s = uow.session
            req = s.scalar(select(Request).where(Request.number == number.strip()))
            if req is None:
                raise NotFound(f"未找到申请编号为“{number.strip()}”的申请。")
            words = keywords(req.description or "")
            if not words:
                raise ValidationError("该申请的内容没有可识别的事项关键词，无法标记为转主动公开候选。")
            label = "".join(sorted(words, key=lambda w: req.description.find(w))[:4])
            c = ProactiveCandidate(
                label=label, keywords=" ".join(sorted(words)), representative=req.description,
                source=CandidateSource.FLAGGED.value, request_id=req.id, request_ids=str(req.id), request_count=1,
                applicant_count=1,
                created_on=self._today(), created_by=actor.username, decision="", decided_by="",
                column_name="", url="", doc_number="", reason=note.strip())
            s.add(c)
            s.flush()
            record(s, actor, "转主动公开候选", req.id, "事项", "", label, note.strip() or "登记员标记")
            uow.commit()
            return next(v for v in self._all(s) if v.id == c.id)

    def decide(self, actor: Actor, candidate_id: int, decision: str, published_on: date | None = None,
               column_name: str = "", url: str = "", doc_number: str = "", reason: str = "") -> Candidate:
        """转为主动公开 (date and 栏目/URL; 文号 if any) / 不转 (reason) / 暂缓; audited."""
        _check_role(actor, "决定")
        with self._db.uow() as uow:
            s = uow.session
            c = s.get(ProactiveCandidate, candidate_id)
            if c is None:
                raise NotFound(f"未找到编号为{candidate_id}的转主动公开候选。")
            if c.decision in (ProactiveDecision.CONVERT, ProactiveDecision.DECLINE):
                raise ValidationError(f"“{c.label}”已决定“{c.decision}”，不能再次决定。")
            view = _view(c, None, _answers(s, [c]))
            problem = decision_problem(decision, published_on, column_name, url, reason, self._today(),
                                       view.restricted)
            if problem:
                raise ValidationError(problem[1], problem[0])
            convert = decision == ProactiveDecision.CONVERT
            note = reason.strip()
            if convert and view.restricted:      # Art 44: why information once withheld may be published
                note = f"申请中不予公开或部分公开{view.restricted}件（{view.outcome_text}）；可以公开的理由：{note}"
            record(s, actor, "转主动公开决定", c.request_id, f"事项“{c.label}”", c.decision or "待决定", decision,
                   note)
            c.decision, c.decided_on, c.decided_by = decision, self._today(), actor.username
            c.published_on = published_on if convert else None
            c.column_name, c.url = (column_name.strip(), url.strip()) if convert else ("", "")
            c.doc_number = doc_number.strip() if convert else ""
            c.reason = reason.strip()
            uow.commit()
            return next(v for v in self._all(s) if v.id == c.id)

    def awaiting(self) -> list[Candidate]:
        """Candidates undecided (or 暂缓) for 30 days or more: the workbench lists them."""
        return overdue(self.candidates(), self._today())

    def conversions(self, start: date | None = None, end: date | None = None) -> list[Candidate]:
        """Subjects converted to proactive disclosure, published within the period when given."""
        return sorted((c for c in self.candidates() if c.converted
                       and (start is None or c.published_on >= start) and (end is None or c.published_on <= end)),
                      key=lambda c: (c.published_on, c.id))

    def converted_matching(self, description: str) -> list[tuple[Candidate, str]]:
        """Converted subjects a new request's text is about, each with the note for the clerk."""
        if not description.strip():
            return []
        return [(c, conversion_note(c)) for c in self.conversions() if matches(description, c.keywords)]
