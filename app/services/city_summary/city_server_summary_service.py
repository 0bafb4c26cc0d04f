"""The city's annual summary (汇总) on the shared server, run by the city office (市政务公开办, issue 22).

Tables 二, 三 and 四 are the sums of the agencies' *locked* reports (their frozen figures), in the same
``CitySummary`` the exchange-file path builds (app/exchange/summary.py), so both feed the same .xlsx. Bureaus
not on the server are added from their exchange files, read and checked as ``exchange import`` reads them.

Which agencies' figures changed after locking: each locked report's frozen tables 三, 四 and fees are
compared with the same figures **recounted now** from the agency's data, with the agency's own counting
rules. This was chosen over "events after the lock time": the audit records every change to a case, most
of which move no figure of the year (an attachment, a note, and every case carried over into next year
that is answered after the lock, which changes its reply date but not the year's 四); a list built from
events would name nearly every agency and tell the city nothing. The recount names exactly the reports
whose printed figures no longer match the data, which is what the city must follow up. It is the same test
the agency's own report page applies to its locked year (report_service's ``stale``), made at the level of
the figures rather than of the facts' fingerprint.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Iterable

from app.errors import PermissionDenied, ValidationError
from app.exchange.documents import AgencyId, AgencyReport, annual_document, report_from
from app.exchange.format import AGENCY, ANNUAL, Period
from app.exchange.reading import read_delivery
from app.exchange.summary import CitySummary, summarize
from app.exchange.writing import write_export
from app.services.city_summary.server_reports import read_server_reports
from app.services.dto import Actor
from app.services.trust.sessions import ActingService
from app.services.uow import Database
from app.workflow.vocabulary import Role

DEFAULT_CITY = AgencyId("", "全市")


def _check(actor: Actor, db: Database) -> None:
    if db.dialect != "postgresql":
        raise ValidationError("从服务器汇总各机关的年度报告须连接全市共享服务器（PostgreSQL）。", "db")
    if actor.role != Role.CITY:
        raise PermissionDenied(f"全市年度报告汇总只能由市政务公开办的用户办理，当前用户角色为“{actor.role}”。")


def _from_files(paths: Iterable[str | Path], year: int) -> tuple[list[AgencyReport], list[AgencyReport]]:
    """The year's and the year before's agency reports in the given exchange files (or folders); refused
    whole, naming each bad file, as ``exchange import`` refuses."""
    paths = [Path(p) for p in paths]
    if not paths:
        return [], []
    items, problems = read_delivery(paths)
    if problems:
        raise ValidationError("未汇总：以下数据交换文件有问题：\n" + "\n".join(problems), "files")
    docs = [i.document for i in items if i.document["kind"] == ANNUAL and i.document["scope"] == AGENCY]
    return ([report_from(d) for d in docs if int(d["period"]["year"]) == year],
            [report_from(d) for d in docs if int(d["period"]["year"]) == year - 1])


class CityServerSummaryService(ActingService):
    def __init__(self, db: Database, now=datetime.now):
        self._db = db
        self._now = now

    def summary(self, actor: Actor, year: int, files: Iterable[str | Path] = (),
                city: AgencyId = DEFAULT_CITY) -> CitySummary:
        """Sum the server's agencies' locked reports of ``year`` and those in ``files`` (bureaus not on the
        server; a file of an agency that is on the server is not used: the server's report is the one)."""
        if not 2008 <= year <= 2100:
            raise ValidationError(f"年份“{year}”无效，请选择2008年至2100年之间的年份。", "year")
        _check(actor, self._db)
        with self._db.read() as uow:
            server = read_server_reports(uow.session, year)
        file_reports, file_previous = _from_files(files, year)
        on_server = {a.code for a in server.agencies}
        reports = list(server.reports) + [r for r in file_reports if r.agency.code not in on_server]
        previous = list(server.previous) + [r for r in file_previous if r.agency.code not in on_server]
        expected = list(server.agencies) + [r.agency for r in file_reports if r.agency.code not in on_server]
        return summarize(city, year, reports, previous, expected, server.moved)

    def export(self, actor: Actor, year: int, path: str | Path, files: Iterable[str | Path] = (),
               city: AgencyId = DEFAULT_CITY, exchange_folder: str | Path | None = None) -> CitySummary:
        """Write the summary workbook (the same as the file path's); with ``exchange_folder`` also the
        aggregate exchange file. Refused while no agency's report of the year is locked."""
        path = Path(path)
        if path.suffix.lower() != ".xlsx":
            raise ValidationError("汇总表文件名须以 .xlsx 结尾。", "out")
        summary = self.summary(actor, year, files, city)
        if not summary.included:
            raise ValidationError(f"服务器上尚无机关锁定{year}年度报告，也未提供已锁定报告的数据交换文件，无法汇总。",
                                  "year")
        from app.exports.city_summary_xlsx import write_city_summary_xlsx

        write_city_summary_xlsx(summary, path)
        if exchange_folder is not None:
            if not city.code:
                raise ValidationError("写出汇总数据交换文件须注明本市的机关代码（--city-code）。", "city_code")
            now = self._now()
            doc = annual_document(city, summary.report_data(), now, [r.agency for r in summary.included],
                                  summary.title, summary.sections())
            write_export(exchange_folder, city, Period(year), [doc], now)
        return summary
