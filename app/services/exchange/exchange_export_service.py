"""``exchange export``: this office's annual report, monthly statistics and typical cases as exchange files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, or_, select

from app.errors import ValidationError
from app.exchange.documents import ExchangeCase, annual_document, cases_document, monthly_document
from app.exchange.format import Period
from app.exchange.monthly import MonthCase, monthly_figures
from app.exchange.writing import write_export
from app.models import LibraryCase, Request
from app.services.exchange.agency_identity import own_agency
from app.services.reports.report_service import ReportService
from app.services.trust.sessions import ActingService
from app.services.uow import Database


@dataclass(frozen=True)
class ExportResult:
    files: tuple[Path, ...]
    notes: tuple[str, ...]          # the report's warnings, for the caller to show


class ExchangeExportService(ActingService):
    def __init__(self, db: Database, today=date.today, now=datetime.now):
        self._db = db
        self._today = today
        self._now = now

    def export(self, year: int, folder: str | Path, month: int | None = None) -> ExportResult:
        """Write the period's files and their manifest into ``folder``.

        A month: its statistics only. A year: the annual report (refused while its checks fail, as the
        report's own export is), each month's statistics up to the current one, and the year's typical cases.
        """
        folder = Path(folder)
        if not folder.is_dir():
            raise ValidationError(f"文件夹“{folder}”不存在，请先创建该文件夹。", "out")
        period = _period(year, month, self._today())
        months = [month] if month else list(range(1, 13 if year < self._today().year else self._today().month + 1))
        with self._db.read() as uow:
            s = uow.session
            agency = own_agency(s)
            rows = _month_cases(s, year)
            cases = [] if month else _published_cases(s, year)
        now = self._now()
        docs, notes = [], []
        if not month:
            report = ReportService(self._db, self._today).report(year)
            if report.blocking:
                raise ValidationError(f"{year}年度报告校验未通过，不能导出数据交换文件：\n"
                                      + "\n".join(str(f) for f in report.blocking))
            docs.append(annual_document(agency, report, now))
            notes += [str(f) for f in report.findings]
        docs += [monthly_document(agency, Period(year, m), monthly_figures(rows, year, m), now) for m in months]
        if not month:
            docs.append(cases_document(agency, year, cases, now))
        return ExportResult(tuple(write_export(folder, agency, period, docs, now)), tuple(notes))


def _period(year: int, month: int | None, today: date) -> Period:
    if not 2008 <= year <= 2100:
        raise ValidationError(f"年份“{year}”无效，请选择2008年至2100年之间的年份。", "year")
    if month is not None and not 1 <= month <= 12:
        raise ValidationError(f"月份“{month}”无效，应为1至12。", "month")
    if (year, month or 1) > (today.year, today.month):
        raise ValidationError(f"{Period(year, month).label}尚未开始，没有可以报送的数据。", "year")
    return Period(year, month)


def _month_cases(s, year: int) -> list[MonthCase]:
    start, end = date(year, 1, 1), date(year, 12, 31)
    q = select(Request.receipt_date, Request.reply_date, func.coalesce(Request.service_date, Request.reply_date),
               Request.reply_due, Request.outcome).where(
        or_(Request.receipt_date.between(start, end), Request.reply_date.between(start, end)))
    return [MonthCase(*r) for r in s.execute(q)]


def _published_cases(s, year: int) -> list[ExchangeCase]:
    """The office's own library cases of the year, as the library publishes them (no letter PDF, no link
    to the request); cases imported from other offices are theirs to send."""
    q = (select(LibraryCase).where(LibraryCase.read_only.is_(False), LibraryCase.year == year)
         .order_by(LibraryCase.id))
    return [ExchangeCase(c.uid, c.title, c.summary, c.legal_points, c.tags, c.articles, c.outcome, c.year,
                         json.loads(c.text_json or "{}")) for c in s.scalars(q)]
