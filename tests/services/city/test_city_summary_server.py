"""The city's annual summary from the shared server (issue 22): three agencies' locked 2025 reports, built
from real cases through the services, summed by the city office equal the tables summed by hand; the
carry-over mismatch, the missing and unlocked agencies and the figures changed after locking are listed;
a bureau not on the server joins from its exchange file.

Cases (all 自然人, so each figure stands in column 自然人 and 总计; worked by hand from domain §4):
  甲 jia: J0 received 2024-11-15, open at the end of 2024 (甲 locks 2024: 四 = 1), answered 2025-01-10 予以公开;
          J1 2025-03-03 → 2025-03-20 予以公开; J2 received 2025-12-15, open at the end of 2025.
          2025: 新收 2, 上年结转 1, 予以公开 2, 总计 2, 结转下年度 1. 表四: 行政复议 维持 1. 表二: 规章 2.
  乙 yi:  Y0 received 2024-12-02, open (乙 locks 2024: 四 = 1); after that lock Y1, received 2024-12-20, is
          registered late; Y0 answered 2025-01-15 信息不存在 (四.1), Y1 2025-01-16 予以公开;
          Y2 2025-06-02 → 2025-06-20 予以公开.
          2025: 新收 1, 上年结转 2 (≠ 2024 四 1: carry-over mismatch), 予以公开 2, 四.1 1, 总计 3, 结转 0.
          表二: 规章 1, 收费 0.5 万元.
  丙 bing: B1 2025-04-01 → 04-15 予以公开; B2 2025-09-01 → 09-12 信息不存在 (四.1). No 2024 report.
          2025: 新收 2, 予以公开 1, 四.1 1, 总计 2, 结转 0. 表四: 未经复议直接起诉 尚未审结 1.
          After 丙 locks 2025, B3 received 2025-12-29 is registered late: 丙's figures changed after locking.
  丁 ding: no 2025 report (missing). 戊 wu: a 2025 report saved, not locked (unlocked).
City 2025 (甲 + 乙 + 丙): 新收 2+1+2 = 5; 上年结转 1+2+0 = 3; 予以公开 2+2+1 = 5; 四.1 0+1+1 = 2;
  总计 2+3+2 = 7; 结转下年度 1+0+0 = 1 (5 + 3 = 7 + 1). 表四: 行政复议 (1, 0, 0, 0, 1),
  未经复议直接起诉 (0, 0, 0, 1, 1). 表二: 规章 2+1 = 3, 收费 0.5.
"""

from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.errors import PermissionDenied
from app.exchange.summary import DIFFERS, MATCHES, NO_PREVIOUS
from app.services.cases.case_service import CaseService
from app.services.cases.request_service import RequestService
from app.services.city_summary.city_server_summary_service import CityServerSummaryService
from app.services.exchange.exchange_export_service import ExchangeExportService
from app.services.letters.letter_service import LetterService
from app.services.reports.report_service import ReportService
from app.services.reports.review_register import ReviewInput, ReviewRegister
from app.exchange.documents import AgencyId
from app.workflow.annual_counts import ROW_CARRIED, ROW_NEW, ROW_NEXT, ROW_TOTAL, ROWS
from app.workflow.outcomes import Outcome
from app.workflow.vocabulary import ServiceMethod
from tests.conftest import fixed_today
from tests.services.city.city_library_support import build_city, city_login
from tests.services.exchange_support import BUREAU_CODE, locked_bureau
from tests.services.helpers import add_department, request_input
from tests.workflow.test_annual_counts import EXPECTED_2025

pytestmark = pytest.mark.pg
DISCLOSE = ("予以公开", Outcome.DISCLOSED)
NOT_HELD = ("信息不存在", Outcome.NOT_HELD)
DEPT = {}


def _register(b, number: str, arrival: date, today: date):
    d = RequestService(b.db, fixed_today(today)).register(b.clerk, request_input(number=number, arrival_date=arrival))
    return d


def _answer(b, d, reply: date, how) -> None:
    """Assigned, submitted, the reply letter signed and served on ``reply`` (everything dated that day)."""
    decision, outcome = how
    today = fixed_today(reply)
    cases, letters = CaseService(b.db, today), LetterService(b.db, today)
    if b.id not in DEPT:
        DEPT[b.id] = add_department(b.db, "办公室")
    d = cases.assign(b.clerk, d.id, d.version, DEPT[b.id])
    d = cases.submit(b.handler, d.id, d.version, decision=decision, outcome=outcome, reasons="经查，依法答复如下")
    draft = letters.issue(b.handler, d.id)
    d = cases.sign_off(b.chief, d.id, d.version)
    letters.sign(b.chief, draft.id)
    cases.record_reply(b.clerk, d.id, d.version, outcome, reply, ServiceMethod.POST)


def _case(b, number, arrival, reply=None, how=DISCLOSE):
    d = _register(b, number, arrival, reply or arrival)
    if reply:
        _answer(b, d, reply, how)
    return d


def _lock(b, year: int, today: date) -> None:
    ReportService(b.db, fixed_today(today)).lock(b.chief, year)


@pytest.fixture(scope="module")
def city(pg_server):
    c = build_city(pg_server)
    jia, yi, bing, wu = (c.bureaus[k] for k in ("jia", "yi", "bing", "wu"))
    j0 = _case(jia, "J0", date(2024, 11, 15))
    _lock(jia, 2024, date(2025, 1, 6))
    _answer(jia, j0, date(2025, 1, 10), DISCLOSE)
    _case(jia, "J1", date(2025, 3, 3), date(2025, 3, 20))
    _case(jia, "J2", date(2025, 12, 15))
    ReviewRegister(jia.db, fixed_today(date(2025, 7, 2))).add(
        jia.clerk, ReviewInput("行政复议", date(2025, 5, 6), "维持", date(2025, 7, 1)))
    ReportService(jia.db).save_table2(jia.chief, 2025, {"rules_issued": 2})
    _lock(jia, 2025, date(2026, 1, 20))

    y0 = _case(yi, "Y0", date(2024, 12, 2))
    _lock(yi, 2024, date(2025, 1, 6))
    y1 = _register(yi, "Y1", date(2024, 12, 20), date(2025, 1, 8))       # registered after 2024 was locked
    _answer(yi, y0, date(2025, 1, 15), NOT_HELD)
    _answer(yi, y1, date(2025, 1, 16), DISCLOSE)
    _case(yi, "Y2", date(2025, 6, 2), date(2025, 6, 20))
    ReportService(yi.db).save_table2(yi.chief, 2025, {"rules_issued": 1, "charges_10k_yuan": 0.5})
    _lock(yi, 2025, date(2026, 1, 20))

    _case(bing, "B1", date(2025, 4, 1), date(2025, 4, 15))
    _case(bing, "B2", date(2025, 9, 1), date(2025, 9, 12), NOT_HELD)
    ReviewRegister(bing.db, fixed_today(date(2025, 8, 2))).add(bing.clerk, ReviewInput("未经复议直接起诉", date(2025, 8, 1)))
    _lock(bing, 2025, date(2026, 1, 20))
    _register(bing, "B3", date(2025, 12, 29), date(2026, 1, 25))          # after the lock: figures move

    ReportService(wu.db).save_table2(wu.chief, 2025, {"rules_issued": 9})   # a report begun, never locked
    yield c
    c.dispose()


def _row(summary, row: str) -> tuple:
    return summary.table3.cells[row]


def _person(n: int) -> tuple:
    return (n, 0, 0, 0, 0, 0, n)


def test_the_city_sums_the_three_locked_reports_as_summed_by_hand(city, tmp_path):
    db, shi = city_login(city)
    try:
        summary = CityServerSummaryService(db).export(shi, 2025, tmp_path / "汇总.xlsx",
                                                       city=AgencyId("", "某某市"))
    finally:
        db.dispose()
    # by 机关代码 (…BING…, …JIA…, …YI…)
    assert [r.agency.name for r in summary.included] == ["丙区自然资源和规划局", "甲区住房和城乡建设局", "乙区交通运输局"]
    hand = {ROW_NEW: _person(5), ROW_CARRIED: _person(3), "一.0": _person(5), "四.1": _person(2),
            ROW_TOTAL: _person(7), ROW_NEXT: _person(1)}
    assert {row: _row(summary, row) for row in ROWS if any(_row(summary, row))} == hand
    assert summary.table4.cells["行政复议"] == (1, 0, 0, 0, 1)
    assert summary.table4.cells["未经复议直接起诉"] == (0, 0, 0, 1, 1)
    assert summary.table4.cells["复议后起诉"] == (0, 0, 0, 0, 0)
    assert summary.table2["rules_issued"] == 3 and summary.table2["charges_10k_yuan"] == 0.5
    assert summary.findings == ()                       # the summed tables' own checks hold
    # each agency's frozen figures as worked by hand (丙's stay the locked ones: B3 came after)
    by_name = {r.agency.name[:2]: r for r in summary.included}
    assert by_name["甲区"].table3.cells[ROW_NEXT] == _person(1)
    assert by_name["乙区"].table3.cells[ROW_CARRIED] == _person(2)
    assert by_name["丙区"].table3.cells[ROW_NEW] == _person(2)
    assert summary.title == "某某市2025年政府信息公开工作年度报告汇总表"
    sheet_text = "\n".join(str(c.value) for ws in load_workbook(tmp_path / "汇总.xlsx") for row in ws.iter_rows()
                           for c in row if c.value is not None)
    assert "某某市2025年政府信息公开工作年度报告汇总表" in sheet_text and "乙区交通运输局" in sheet_text


def test_the_checks_carry_over_missing_unlocked_and_changed_after_lock(city):
    db, shi = city_login(city)
    try:
        summary = CityServerSummaryService(db).summary(shi, 2025)
    finally:
        db.dispose()
    assert [a.name for a in summary.missing] == ["丁区卫生健康委员会"]
    assert [r.agency.name for r in summary.unlocked] == ["戊区教育局"]
    assert [a.name for a in summary.changed_after_lock] == ["丙区自然资源和规划局"]
    verdicts = {c.agency.name: c.verdict for c in summary.carry_over}
    assert verdicts == {"甲区住房和城乡建设局": MATCHES, "乙区交通运输局": DIFFERS, "丙区自然资源和规划局": NO_PREVIOUS,
                        "戊区教育局": NO_PREVIOUS}
    yi = next(c for c in summary.carry_over if c.agency.name == "乙区交通运输局")
    assert {f.column for f in yi.findings} == {"自然人", "总计"} and "2024" in str(yi.findings[0])


def test_a_bureau_not_on_the_server_joins_from_its_exchange_file(city, sqlite_db, tmp_path):
    locked_bureau(sqlite_db)                                 # the test ledger, 2025 locked (EXPECTED_2025)
    folder = tmp_path / "交换"
    folder.mkdir()
    ExchangeExportService(sqlite_db, fixed_today(date(2026, 1, 20)), lambda: datetime(2026, 1, 20, 9, 30)).export(
        2025, folder)
    db, shi = city_login(city)
    try:
        summary = CityServerSummaryService(db).summary(shi, 2025, [folder])
    finally:
        db.dispose()
    assert BUREAU_CODE in {r.agency.code for r in summary.included} and len(summary.included) == 4
    # by hand: the server's three (above) plus the bureau's ledger (tests/workflow/test_annual_counts.py)
    assert _row(summary, ROW_NEW)[6] == 5 + EXPECTED_2025[ROW_NEW][6] == 29
    assert _row(summary, ROW_TOTAL)[6] == 7 + EXPECTED_2025[ROW_TOTAL][6] == 30
    assert _row(summary, ROW_NEXT) == tuple(a + b for a, b in zip(_person(1), EXPECTED_2025[ROW_NEXT]))


def test_only_the_city_office_reads_the_agencies_reports(city):
    jia = city.bureaus["jia"]
    with pytest.raises(PermissionDenied, match="市政务公开办"):
        CityServerSummaryService(jia.db).summary(jia.admin, 2025)
    jia.db.present(jia.admin.token)
    for function in ("dd_city_annual_reports(2025)", "dd_city_case_groups(2025)", "dd_city_summary_agencies()"):
        with pytest.raises(DBAPIError) as e, jia.db.engine.connect() as c:
            c.execute(text(f"SELECT * FROM {function}")).all()
        assert e.value.orig.sqlstate == "42501" and "市政务公开办" in str(e.value.orig)


def test_city_summary_command_on_the_server_with_a_bureau_file(city, sqlite_db, tmp_path):
    """``python -m app --db <server> --user shi_gkb city-summary --year 2025 --out … --from <folder>``."""
    from tests.test_cli_exchange import run

    locked_bureau(sqlite_db)
    folder = tmp_path / "交换"
    folder.mkdir()
    ExchangeExportService(sqlite_db, fixed_today(date(2026, 1, 20))).export(2025, folder)
    xlsx = tmp_path / "全市汇总.xlsx"
    r = run("--db", city.app_url, "--user", "shi_gkb", "city-summary", "--year", "2025", "--out", str(xlsx),
            "--city-name", "某某市", "--from", str(folder), password="secret1")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"某某市2025年政府信息公开工作年度报告汇总表已导出：{xlsx}（计入4个机关）"
    assert "未报送：丁区卫生健康委员会（11330100DING000004）" in r.stderr
    assert "未锁定，未计入：戊区教育局（11330100WU00000005）" in r.stderr
    assert "锁定后数字有变动：丙区自然资源和规划局（11330100BING000003）" in r.stderr
    assert "上年结转不符：乙区交通运输局" in r.stderr
    r = run("--db", city.app_url, "--user", "jia_chief", "city-summary", "--year", "2025", "--out", str(xlsx),
            "--from", str(folder), password="secret1")
    assert r.returncode == 1 and "--from 只用于在全市共享服务器上以市政务公开办用户" in r.stderr
