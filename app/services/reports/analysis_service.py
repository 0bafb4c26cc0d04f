"""数据分析: gather a period's cases and review register, compute figures and 集中申请事项, export them."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Callable

from sqlalchemy import and_, exists, or_, select

from app.errors import ValidationError
from app.models import (
    Consultation, Correction, Department, Extension, FeeNotice, Request, ReviewCase,
)
from app.services.clock import load_calendar
from app.services.reports.proactive_service import converted_between
from app.services.dto import Actor
from app.services.reports.report_service import CaseRef
from app.services.trust.sessions import ActingService
from app.services.settings_service import load_settings
from app.services.uow import Database
from app.workflow.analysis import AnalysisResult, CaseRow, ReviewRow, mask_name, period_figures
from app.workflow.outcomes import Outcome
from app.workflow.subjects import SubjectInput, group_subjects
from app.workflow.vocabulary import Role

Progress = Callable[[int, int], None]
# Who may read applicants' names in the repeat-applicant list; others see 张* (domain §8: personal data).
NAME_READERS = (Role.CLERK, Role.CHIEF, Role.ADMIN)


def _flag(model) -> object:
    return exists().where(model.request_id == Request.id)


def _check_period(start: date, end: date) -> None:
    if start is None or end is None or end < start:
        raise ValidationError("分析期间无效：结束日期不能早于开始日期。", "period")
    if (end - start).days > 366 * 5:
        raise ValidationError("分析期间不能超过五年。", "period")


class AnalysisService(ActingService):
    def __init__(self, db: Database, today=date.today):
        self._db = db
        self._today = today

    def today(self) -> date:
        return self._today()

    def _rows(self, s, start: date, end: date) -> list[CaseRow]:
        q = (select(Request.id, Request.number, Request.receipt_date, Request.reply_date,
                    Request.service_date, Request.reply_due, Request.channel, Request.applicant_type,
                    Request.applicant_name, Department.name, Request.outcome, Request.description,
                    _flag(Correction), _flag(Consultation), _flag(Extension), _flag(FeeNotice))
             .outerjoin(Department, Department.id == Request.department_id)
             .where(or_(Request.receipt_date.between(start, end), Request.reply_date.between(start, end)))
             .order_by(Request.receipt_date, Request.id))
        return [CaseRow(r[0], r[1], r[2], r[3], r[4] or r[3], r[5], r[6], r[7], r[8], r[9] or "",
                        r[10], r[11] or "", bool(r[12]), bool(r[13]), bool(r[14]), bool(r[15]))
                for r in s.execute(q)]

    def analyse(self, actor: Actor, start: date, end: date,
                progress: Progress | None = None) -> AnalysisResult:
        """The period's figures and concentrated subjects; names masked unless ``actor`` may read them."""
        _check_period(start, end)
        t0 = time.perf_counter()
        with self._db.uow() as uow:
            s = uow.session
            rows = self._rows(s, start, end)
            reviews = [ReviewRow(*r) for r in s.execute(
                select(ReviewCase.kind, ReviewCase.filed_on, ReviewCase.result, ReviewCase.decided_on)
                .where(or_(ReviewCase.filed_on.between(start, end),
                           and_(ReviewCase.decided_on.is_not(None), ReviewCase.decided_on.between(start, end)))))]
            cal = load_calendar(s)
            agency = load_settings(s).agency_name
            conversions = tuple(converted_between(s, start, end))
            min_applicants = 2
        figures = period_figures(rows, reviews, start, end, cal.workdays_between)
        masked = actor.role not in NAME_READERS
        if masked:
            figures = replace(figures, repeat_applicants=tuple(
                replace(a, name=mask_name(a.name)) if a.applicant_type == "自然人" else a
                for a in figures.repeat_applicants))
        t1 = time.perf_counter()
        subjects = group_subjects(
            [SubjectInput(r.id, r.description, r.applicant_name, r.department, r.receipt_date)
             for r in rows if r.receipt_date and start <= r.receipt_date <= end],
            min_applicants, progress)
        t2 = time.perf_counter()
        return AnalysisResult(agency, figures, tuple(subjects), masked, t2 - t0, t2 - t1, conversions)

    def cases(self, ids: tuple[int, ...] | list[int]) -> list[CaseRef]:
        """The cases behind a figure or a subject (drill-down), by receipt date."""
        out: list[CaseRef] = []
        with self._db.uow() as uow:
            for chunk in (list(ids)[i:i + 500] for i in range(0, len(ids), 500)):
                q = select(Request.id, Request.number, Request.applicant_name, Request.applicant_type,
                           Request.receipt_date, Request.reply_date, Request.outcome).where(Request.id.in_(chunk))
                out += [CaseRef(r[0], r[1], r[2], r[3], r[4], r[5],
                                Outcome.from_code(r[6]).label if r[6] else "")
                        for r in uow.session.execute(q)]
        out.sort(key=lambda c: (c.receipt_date or date.min, c.number))
        return out

    def export(self, actor: Actor, start: date, end: date, path: str | Path,
               progress: Progress | None = None) -> AnalysisResult:
        """Analyse, then write .xlsx or .docx by the file's suffix."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".xlsx", ".docx"):
            raise ValidationError("分析报告文件名须以 .xlsx 或 .docx 结尾。", "path")
        result = self.analyse(actor, start, end, progress)
        if suffix == ".xlsx":
            from app.exports.analysis_xlsx import write_analysis_xlsx
            write_analysis_xlsx(result, path)
        else:
            from app.exports.analysis_docx import write_analysis_docx
            write_analysis_docx(result, path)
        return result
