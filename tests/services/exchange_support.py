"""A bureau with a locked 2025 report and a city desk that takes in its exchange files (tests only)."""

from __future__ import annotations

import json
from datetime import date, datetime

from app.models import Setting
from app.services.reports.report_service import ReportService
from app.services.uow import Database
from app.workflow.vocabulary import Role
from tests.conftest import _fresh_pg, configure_test_office, fixed_today, login_as
from tests.services.reports.test_report_service import add_cases
from tests.workflow.test_annual_counts import LEDGER

TODAY = date(2026, 1, 20)
NOW = datetime(2026, 1, 20, 9, 30, 0)
BUREAU_CODE = "11440300MB2C12345X"
CITY_CODE = "11440300007542110Y"


def name_agency(db: Database, code: str, name: str = "") -> None:
    """The office's 机关代码 (and name, when given) as its administrator entered them."""
    with db.uow() as uow:
        uow.session.merge(Setting(key="agency_code", value=json.dumps(code)))
        if name:
            uow.session.merge(Setting(key="agency_name", value=json.dumps(name, ensure_ascii=False)))
        uow.commit()


def locked_bureau(db: Database) -> ReportService:
    """The test ledger (tests/workflow/test_annual_counts.py) with 2025 locked by the 科长."""
    add_cases(db, LEDGER)
    name_agency(db, BUREAU_CODE)
    reports = ReportService(db, fixed_today(TODAY))
    chief = login_as(db, "chief1", "赵科长", Role.CHIEF)
    reports.save_table2(chief, 2025, {"rules_issued": 3, "norms_current": 41, "charges_10k_yuan": 12.35})
    reports.save_sections(chief, 2025, {"五": "答复文书格式不统一。", "六": "无。"})
    reports.lock(chief, 2025)
    return reports


def same_kind_database(request, db: Database, tmp_path, name: str) -> Database:
    """Another empty office database on the same kind of server as ``db``."""
    if db.engine.dialect.name == "postgresql":
        other = Database.open(_fresh_pg(request.getfixturevalue("pg_server")))
    else:
        other = Database.open(str(tmp_path / f"{name}.sqlite3"))
    return configure_test_office(other)
