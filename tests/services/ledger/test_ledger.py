"""台账 import/export (domain §6) against SQLite and PostgreSQL."""

from datetime import date, datetime

import openpyxl
import pytest

from app.services.ledger.ledger_service import LedgerService
from app.services.cases.query_service import QueryService, RequestQuery
from app.services.cases.request_service import RequestService
from app.services.uow import Database
from app.workflow.ledger_row import COLUMNS, EXPORT_COLUMNS
from tests.conftest import fixed_today, login_as

TODAY = date(2026, 11, 23)

GOOD = [
    # number, received, channel, applicant, type, content, dept,
    # 补正告知, 补正收到, 征求始, 征求终, 延期, 结果, 答复, 备注
    ("T-1", date(2025, 1, 20), "当面", "赵一", "自然人", "申请公开规划许可证", "规划科", None, None, None, None,
     "否", "予以公开", date(2025, 2, 10), None),
    ("T-2", "2025/1/24", "网络", "某某科技有限公司", "商业企业", "申请公开招商政策", "办公室", None, None, None,
     None, "是", "部分公开", "2025年3月20日", "延期"),
    ("T-3", "2025.3.3", "邮寄", "钱二", "自然人", "申请公开立项批复", "规划科", "2025-03-05", "2025-03-12",
     None, None, None, None, None, None),
    ("T-4", datetime(2025, 4, 3), "电子邮件", "某律师事务所", "法律服务机构", "申请公开处罚案卷", "法规科", None,
     None, date(2025, 4, 8), date(2025, 4, 25), "否", '危及"三安全一稳定"', date(2025, 5, 20), None),
]
# expected 应答复日期, each counted in tests/workflow/test_deadline.py:
# T-1 2025-02-21; T-2 2025-01-24 + 40 = 2025-03-27; T-3 restart 03-12 → 2025-04-10; T-4 → 2025-05-23
EXPECTED_DUE = {"T-1": date(2025, 2, 21), "T-2": date(2025, 3, 27), "T-3": date(2025, 4, 10),
                "T-4": date(2025, 5, 23)}


def write(path, rows, header=COLUMNS):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(header))
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def read(path):
    return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))


def count(db):
    return QueryService(db).count(RequestQuery())


def test_import_computes_due_dates_and_statuses(any_db, clerk, tmp_path):
    svc = LedgerService(any_db, fixed_today(TODAY))
    result = svc.import_file(clerk, write(tmp_path / "in.xlsx", GOOD))
    assert (result.ok, result.created, result.updated) == (True, 4, 0)
    svc.export_file(tmp_path / "out.xlsx")
    rows = {r[0]: dict(zip(EXPORT_COLUMNS, r)) for r in read(tmp_path / "out.xlsx")[1:]}
    assert {k: v["应答复日期"].date() for k, v in rows.items()} == EXPECTED_DUE
    assert {k: v["状态"] for k, v in rows.items()} == {"T-1": "已答复", "T-2": "已答复", "T-3": "办理中",
                                                       "T-4": "已答复"}
    assert rows["T-4"]["办理结果"] == "危及“三安全一稳定”"


def test_export_import_export_is_stable(any_db, clerk, tmp_path):
    first = LedgerService(any_db, fixed_today(TODAY))
    first.import_file(clerk, write(tmp_path / "in.xlsx", GOOD))
    first.export_file(tmp_path / "a.xlsx")
    other = Database.open(str(tmp_path / "second.sqlite3"))
    second = LedgerService(other, fixed_today(TODAY))
    assert second.import_file(login_as(other, "clerk1"), tmp_path / "a.xlsx").created == 4
    second.export_file(tmp_path / "b.xlsx")
    other.dispose()
    assert read(tmp_path / "a.xlsx") == read(tmp_path / "b.xlsx")


def test_reimport_updates_by_number(any_db, clerk, tmp_path):
    svc = LedgerService(any_db, fixed_today(TODAY))
    svc.import_file(clerk, write(tmp_path / "in.xlsx", GOOD))
    changed = [list(r) for r in GOOD]
    changed[2][12], changed[2][13] = "重复申请", "2025-04-01"
    result = svc.import_file(clerk, write(tmp_path / "in2.xlsx", changed))
    # only T-3 differs; the other three rows change nothing (domain §6: re-import never destroys)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 3)
    assert count(any_db) == 4
    req = RequestService(any_db, fixed_today(TODAY))
    d = req.detail(req.find_id("T-3"))
    assert (d.status, d.outcome_label, d.reply_date) == ("已答复", "重复申请", date(2025, 4, 1))
    assert ("办理中", "已答复") in [(e.old, e.new) for e in d.events if e.kind == "台账导入（更新）"]


@pytest.mark.parametrize("mutate, expected", [
    (lambda rows: rows[0].__setitem__(1, "2025/13/40"), "第2行“收到日期”列：无法识别的日期“2025/13/40”"),
    (lambda rows: rows[1].__setitem__(12, "公开了"), "第3行“办理结果”列：“公开了”不是年度报告表三的办理结果"),
    (lambda rows: rows[3].__setitem__(0, "T-1"), "第5行“申请编号”列：“T-1”与第2行重复"),
    (lambda rows: rows[0].__setitem__(13, date(2025, 1, 10)), "第2行“答复日期”列：答复日期不能早于收到日期"),
    (lambda rows: rows[0].__setitem__(4, "企业"), "第2行“申请人类型”列：“企业”无效，应为：自然人、商业企业"),
    (lambda rows: rows[0].__setitem__(11, "也许"), "第2行“延期”列：“也许”无效"),
    (lambda rows: rows[2].__setitem__(7, None), "第4行“补正告知日期”列：已填写补正收到日期，请同时填写补正告知日期"),
    (lambda rows: rows[0].__setitem__(3, ""), "第2行“申请人”列：不能为空"),
])
def test_bad_rows_are_reported_and_nothing_is_written(any_db, clerk, tmp_path, mutate, expected):
    svc = LedgerService(any_db, fixed_today(TODAY))
    svc.import_file(clerk, write(tmp_path / "base.xlsx", GOOD[:1]))
    svc.export_file(tmp_path / "before.xlsx")
    before = read(tmp_path / "before.xlsx")
    rows = [list(r) for r in GOOD]
    mutate(rows)
    result = svc.import_file(clerk, write(tmp_path / "bad.xlsx", rows))
    assert not result.ok
    assert any(str(e).startswith(expected) for e in result.errors), [str(e) for e in result.errors]
    svc.export_file(tmp_path / "after.xlsx")
    assert read(tmp_path / "after.xlsx") == before


def test_wrong_header_is_refused(any_db, clerk, tmp_path):
    header = ("编号",) + COLUMNS[1:]
    result = LedgerService(any_db, fixed_today(TODAY)).import_file(clerk, write(tmp_path / "h.xlsx", GOOD, header))
    assert [e.cli_text() for e in result.errors] == [
        "第1行“申请编号”列：表头缺少此列（必填列：申请编号、收到日期、申请人、申请人类型、申请内容）；"
        "如台账用别的列名，请用 --column 原列名=申请编号 指明"]
    assert count(any_db) == 0


def test_columns_in_any_order_and_unknown_columns_ignored(any_db, clerk, tmp_path):
    header = ("备用",) + tuple(reversed(COLUMNS))
    rows = [("x",) + tuple(reversed(r)) for r in GOOD]
    result = LedgerService(any_db, fixed_today(TODAY)).import_file(clerk, write(tmp_path / "o.xlsx", rows, header))
    assert result.created == 4


def test_not_an_excel_file(any_db, clerk, tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_text("not excel")
    result = LedgerService(any_db, fixed_today(TODAY)).import_file(clerk, bad)
    assert "无法读取台账文件" in str(result.errors[0])


def test_shared_sample_reproduces_its_due_dates(any_db, clerk, tmp_path, shared_samples):
    sample = shared_samples / "ledger-sample.xlsx"
    svc = LedgerService(any_db, fixed_today(TODAY))
    assert svc.import_file(clerk, sample).created == 6
    given = {r[0]: r[15] for r in read(sample)[1:]}
    svc.export_file(tmp_path / "out.xlsx")
    ours = {r[0]: r[15] for r in read(tmp_path / "out.xlsx")[1:]}
    assert ours == given


def test_only_clerks_and_administrators_import(any_db, handler, tmp_path):
    result = LedgerService(any_db, fixed_today(TODAY)).import_file(handler, write(tmp_path / "in.xlsx", GOOD))
    assert [str(e) for e in result.errors] == ["导入台账只能由登记员或管理员办理，当前用户角色为“承办人”。"]
    assert count(any_db) == 0


def test_export_and_case_detail_agree_on_an_unanswered_third_party(any_db, clerk, handler, tmp_path):
    """Received 2025-03-03; letter sent 03-10, received by the third party 03-11, never answered.
    The pause ends with the party's 15-working-day window on 2025-04-01, so the reply is due
    2025-04-23 (counted in tests/workflow/test_deadline.py) — in the detail and in the export alike."""
    from app.services.cases.case_service import CaseService
    from app.workflow.deadline import PauseKind
    from tests.services.helpers import add_department, request_input

    requests, cases = RequestService(any_db, fixed_today(TODAY)), CaseService(any_db, fixed_today(TODAY))
    d = requests.register(clerk, request_input(arrival_date=date(2025, 3, 3)))
    d = cases.assign(clerk, d.id, d.version, add_department(any_db))
    d = cases.start_consultation(handler, d.id, d.version, PauseKind.THIRD_PARTY, "某公司",
                                 date(2025, 3, 10), date(2025, 3, 11))
    assert d.deadline.reply_due == date(2025, 4, 23)
    LedgerService(any_db, fixed_today(TODAY)).export_file(tmp_path / "out.xlsx")
    row = dict(zip(EXPORT_COLUMNS, read(tmp_path / "out.xlsx")[1]))
    assert row["应答复日期"].date() == date(2025, 4, 23)
