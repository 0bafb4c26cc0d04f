"""The agencies' annual reports as the city office reads them on the shared server (issue 22).

The city's session sees no agency's rows; it reads through the SECURITY DEFINER functions of
app/migrations/sql/i22_city_library.sql, each gated by ``dd_is_city()``: the agencies, their reports of
the year and the year before (a locked one's frozen figures only), and the figures' inputs as they stand
now (grouped counts, the review register's dates and results, the fee sums; never a case or a person).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.exchange.documents import AgencyId, AgencyReport
from app.workflow.annual_counts import (
    REVIEW_KINDS, ROWS, CaseGroup, ReviewFact, Table3, Table4, count_groups, count_table4,
)
from app.workflow.annual_report_data import FeeFigures, table2_from

ZERO3 = Table3({row: (0,) * 7 for row in ROWS})
ZERO4 = Table4({k: (0,) * 5 for k in REVIEW_KINDS})


@dataclass(frozen=True)
class ServerReports:
    """What the summary needs from the server for one year."""

    agencies: tuple[AgencyId, ...]            # every agency on the server: each is expected to report
    reports: tuple[AgencyReport, ...]         # the year's reports (locked: frozen figures; else zeros)
    previous: tuple[AgencyReport, ...]        # the year before's locked reports (for the carry-over)
    moved: frozenset[str]                     # codes whose locked figures differ from a recount now


def read_server_reports(s: Session, year: int) -> ServerReports:
    agencies = {aid: AgencyId(code, name) for aid, code, name in
                s.execute(text("SELECT agency_id, code, name FROM dd_city_summary_agencies()"))}
    rows = s.execute(text("SELECT agency_id, year, locked, table2_json, frozen_json "
                          "FROM dd_city_annual_reports(:y)"), {"y": year}).all()
    reports, previous = [], []
    for aid, y, locked, table2_json, frozen_json in rows:
        report = _report(agencies[aid], y, bool(locked and frozen_json), table2_json, frozen_json)
        if y == year:
            reports.append(report)
        elif report.locked:
            previous.append(report)
    now = recount(s, year)
    moved = frozenset(r.agency.code for r in reports if r.locked and _figures(r) != now.get(r.agency.code, _EMPTY))
    return ServerReports(tuple(agencies.values()), tuple(reports), tuple(previous), moved)


def _report(agency: AgencyId, year: int, locked: bool, table2_json: str, frozen_json: str) -> AgencyReport:
    if not locked:
        return AgencyReport(agency, year, False, False, table2_from({}), ZERO3, ZERO4, FeeFigures(0, 0.0, 0.0), {})
    frozen = json.loads(frozen_json)
    return AgencyReport(agency, year, True, False, table2_from(json.loads(table2_json or "{}")),
                        Table3.from_json(frozen["table3"]), Table4.from_json(frozen["table4"]),
                        _fees(**frozen["fees"]), {}, f"{agency.name}{year}年政府信息公开工作年度报告")


def _fees(notices, notified, collected) -> FeeFigures:
    return FeeFigures(int(notices), round(float(notified), 2), round(float(collected), 2))


def _figures(r: AgencyReport) -> tuple:
    return (dict(r.table3.cells), dict(r.table4.cells), r.fees)


_EMPTY = (dict(ZERO3.cells), dict(ZERO4.cells), FeeFigures(0, 0.0, 0.0))


def recount(s: Session, year: int) -> dict[str, tuple]:
    """Tables 三, 四 and the fees of every agency whose ``year`` is locked, counted from the data now with the
    agency's own rules (``count_groups``, ``count_table4``), keyed by agency code."""
    codes = {aid: code for aid, code in s.execute(text("SELECT agency_id, code FROM dd_city_summary_agencies()"))}
    groups: dict[int, list[CaseGroup]] = defaultdict(list)
    for aid, received, replied, backwards, kind, outcome, n in s.execute(
            text("SELECT * FROM dd_city_case_groups(:y)"), {"y": year}):
        groups[aid].append(CaseGroup(received, replied, bool(backwards), kind, outcome, n))
    reviews: dict[int, list[ReviewFact]] = defaultdict(list)
    for aid, rid, kind, filed, result, decided in s.execute(
            text("SELECT * FROM dd_city_review_facts(:y)"), {"y": year}):
        reviews[aid].append(ReviewFact(rid, kind, filed, result, decided))
    out = {}
    for aid, notices, notified, collected in s.execute(text("SELECT * FROM dd_city_fee_figures(:y)"), {"y": year}):
        table3, _troubled = count_groups(groups[aid])
        out[codes[aid]] = (dict(table3.cells), dict(count_table4(reviews[aid], year).cells),
                           _fees(notices, notified, collected))
    return out
