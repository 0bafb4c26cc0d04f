"""The city's annual summary (汇总) from the agencies' imported reports; later also from the shared server."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from app.errors import ValidationError
from app.exchange.documents import AgencyId, annual_document, figures_digest, report_from
from app.exchange.format import AGENCY, ANNUAL, Period
from app.exchange.summary import CitySummary, summarize
from app.exchange.writing import write_export
from app.models import ExchangeDocument, ExchangeImport
from app.services.exchange.agency_identity import own_agency
from app.services.trust.sessions import ActingService
from app.services.settings_service import load_settings, unset_identity
from app.services.uow import Database


class CitySummaryService(ActingService):
    def __init__(self, db: Database, today=date.today, now=datetime.now):
        self._db = db
        self._today = today
        self._now = now

    def summary(self, year: int) -> CitySummary:
        """Sum the locked reports of ``year`` imported from the agencies; every agency ever heard from is
        expected to send one."""
        if not 2008 <= year <= 2100:
            raise ValidationError(f"年份“{year}”无效，请选择2008年至2100年之间的年份。", "year")
        with self._db.read() as uow:
            s = uow.session
            if "机关名称" in unset_identity(s):
                raise ValidationError("本机关的机关名称尚未填写（仍是示例文字），汇总表须写明汇总机关。"
                                      "请管理员在“管理 → 机关与期限”中填写。", "agency_name")
            settings = load_settings(s)
            rows = s.execute(select(ExchangeDocument.kind, ExchangeDocument.period, ExchangeDocument.agency_code,
                                    ExchangeDocument.agency_name, ExchangeDocument.document)
                             .where(ExchangeDocument.scope == AGENCY)).all()
            history = s.execute(select(ExchangeImport.agency_code, ExchangeImport.figures_digest).where(
                ExchangeImport.kind == ANNUAL, ExchangeImport.period == str(year),
                ExchangeImport.locked.is_(True))).all()
        docs = {(kind, period, code): json.loads(document) for kind, period, code, _name, document in rows}
        reports = [report_from(d) for (k, p, _), d in docs.items() if k == ANNUAL and p == str(year)]
        previous = [report_from(d) for (k, p, _), d in docs.items() if k == ANNUAL and p == str(year - 1)]
        now = {code: figures_digest(d) for (k, p, code), d in docs.items() if k == ANNUAL and p == str(year)}
        moved = {code for code, digest in history if code in now and digest != now[code]}
        expected = {code: AgencyId(code, name) for _kind, _period, code, name, _doc in rows}.values()
        city = AgencyId(settings.agency_code.strip(), settings.agency_name.strip())
        return summarize(city, year, reports, previous, expected, moved)

    def export(self, year: int, path: str | Path, exchange_folder: str | Path | None = None) -> CitySummary:
        """Write the summary workbook; with ``exchange_folder``, also the summed tables as an aggregate
        exchange file (for the province) with its manifest. Refused while no agency's report is locked."""
        path = Path(path)
        if path.suffix.lower() != ".xlsx":
            raise ValidationError("汇总表文件名须以 .xlsx 结尾。", "out")
        summary = self.summary(year)
        if not summary.included:
            raise ValidationError(f"尚未导入任何机关已锁定的{year}年度报告，无法汇总。请先用“exchange import”"
                                  "导入各机关报送的数据交换文件。", "year")
        from app.exports.city_summary_xlsx import write_city_summary_xlsx

        write_city_summary_xlsx(summary, path)
        if exchange_folder is not None:
            with self._db.read() as uow:
                city = own_agency(uow.session)
            now = self._now()
            doc = annual_document(city, summary.report_data(), now, [r.agency for r in summary.included],
                                  summary.title, summary.sections())
            write_export(exchange_folder, city, Period(year), [doc], now)
        return summary
