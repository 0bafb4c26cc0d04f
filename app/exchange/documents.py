"""Exchange documents built from the office's data, and read back into plain values."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Mapping, Sequence

from app.exchange.format import (
    AGENCY, AGGREGATE, ANNUAL, CASES, FORMAT, GENERATOR, MONTHLY, VERSION, Period, sha256,
)
from app.exchange.monthly import MonthlyFigures
from app.workflow.annual_counts import Table3, Table4
from app.workflow.annual_report_data import TABLE2_FIELDS, TEXT_SECTIONS, AnnualReportData, FeeFigures, table2_from

CASE_TEXT_KEYS = ("申请内容", "办理经过", "答复决定", "答复理由")


@dataclass(frozen=True)
class AgencyId:
    code: str
    name: str

    def to_json(self) -> dict:
        return {"code": self.code, "name": self.name}


@dataclass(frozen=True)
class AgencyReport:
    """One agency's annual report as the city sums it (the frozen figures when locked)."""

    agency: AgencyId
    year: int
    locked: bool
    changed_after_lock: bool
    table2: Mapping[str, float | int]
    table3: Table3
    table4: Table4
    fees: FeeFigures
    sections: Mapping[str, str]
    title: str = ""


@dataclass(frozen=True)
class ExchangeCase:
    """A typical case as the 案例库 publishes it: anonymised texts only, never the applicant."""

    uid: str
    title: str
    summary: str
    legal_points: str
    tags: str
    articles: str
    outcome: str
    year: int
    texts: Mapping[str, str]

    def to_json(self) -> dict:
        return {"uid": self.uid, "title": self.title, "summary": self.summary, "legal_points": self.legal_points,
                "tags": self.tags, "articles": self.articles, "outcome": self.outcome, "year": self.year,
                "texts": {k: self.texts.get(k, "") for k in CASE_TEXT_KEYS}}


def _envelope(kind: str, agency: AgencyId, period: Period, exported_at: datetime, data: dict,
              members: Sequence[AgencyId] = ()) -> dict:
    doc = {"format": FORMAT, "version": VERSION, "kind": kind, "scope": AGGREGATE if members else AGENCY,
           "agency": agency.to_json(), "period": period.to_json(),
           "exported_at": exported_at.replace(microsecond=0).isoformat(), "generator": GENERATOR, "data": data}
    if members:
        doc["members"] = [m.to_json() for m in members]
    return doc


def annual_document(agency: AgencyId, report: AnnualReportData, exported_at: datetime,
                    members: Sequence[AgencyId] = (), title: str = "",
                    sections: Mapping[str, str] | None = None) -> dict:
    """Tables 二, 三, 四, the fee figures and sections 一, 五, 六 as printed; a locked report's frozen figures.
    An aggregate names its ``members`` and gives its own ``title`` and ``sections``."""
    texts = sections if sections is not None else {key: report.section_text(key) for key in TEXT_SECTIONS}
    data = {"title": title or report.title, "locked": report.locked}
    if report.locked_at is not None:
        data["locked_at"] = report.locked_at.replace(microsecond=0).isoformat()
    data.update({
        "changed_after_lock": report.stale, "table2": table2_from(report.table2),
        "table3": report.table3.to_json(), "table4": report.table4.to_json(),
        "fees": {"notices": report.fees.notices, "notified": round(float(report.fees.notified), 2),
                 "collected": round(float(report.fees.collected), 2)},
        "sections": {key: texts.get(key, "") for key in TEXT_SECTIONS}})
    return _envelope(ANNUAL, agency, Period(report.year), exported_at, data, members)


def monthly_document(agency: AgencyId, period: Period, figures: MonthlyFigures, exported_at: datetime,
                     members: Sequence[AgencyId] = ()) -> dict:
    return _envelope(MONTHLY, agency, period, exported_at, figures.to_json(), members)


def cases_document(agency: AgencyId, year: int, cases: Sequence[ExchangeCase], exported_at: datetime) -> dict:
    return _envelope(CASES, agency, Period(year), exported_at, {"cases": [c.to_json() for c in cases]})


def agency_of(doc: Mapping) -> AgencyId:
    return AgencyId(doc["agency"]["code"], doc["agency"]["name"])


def report_from(doc: Mapping) -> AgencyReport:
    """An annual-report document (already validated) as the summary's input."""
    d = doc["data"]
    return AgencyReport(agency_of(doc), int(doc["period"]["year"]), d["locked"], d["changed_after_lock"],
                        table2_from({k: d["table2"][k] for k in TABLE2_FIELDS}), Table3.from_json(d["table3"]),
                        Table4.from_json(d["table4"]), FeeFigures(**d["fees"]), dict(d["sections"]), d["title"])


def cases_from(doc: Mapping) -> list[ExchangeCase]:
    return [ExchangeCase(c["uid"], c["title"], c["summary"], c["legal_points"], c["tags"], c["articles"],
                         c["outcome"], c["year"], dict(c["texts"])) for c in doc["data"]["cases"]]


def figures_digest(doc: Mapping) -> str:
    """The digest of an annual-report document's figures only (tables 二, 三, 四 and the fees): two files of
    one locked report with different digests mean its figures moved after locking."""
    d = doc["data"]
    body = {k: d[k] for k in ("table2", "table3", "table4", "fees")}
    return sha256(json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8"))
