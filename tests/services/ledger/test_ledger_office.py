"""Reading an office's own 台账 (domain §6): header anywhere, synonyms, values, dry run, overdue on arrival."""

from datetime import date

from sqlalchemy import func, select

from app.models import Event, Request
from app.services.ledger.ledger_plan import LedgerOptions
from app.services.ledger.ledger_service import LedgerService
from app.services.cases.request_service import RequestService
from tests.conftest import fixed_today
from tests.services.ledger_shapes import HEADER, ROWS, office_ledger

TODAY = date(2026, 11, 23)
MAP_ENTERPRISE = LedgerOptions(values={("申请人类型", "企业"): "商业企业"})


def snapshot(db):
    """Every row the import could touch, to prove a refused or dry run wrote nothing."""
    with db.uow() as uow:
        s = uow.session
        return (s.scalar(select(func.count(Request.id))), s.scalar(select(func.count(Event.id))),
                sorted(s.execute(select(Request.number, Request.version, Request.status)).all()))


def test_unknown_enterprise_is_refused_with_the_choices_then_accepted_with_a_value(any_db, clerk, tmp_path):
    path = office_ledger(tmp_path / "office.xlsx")
    svc = LedgerService(any_db, fixed_today(TODAY))
    result = svc.import_file(clerk, path)
    # sheet 2 (after the instructions), the header under the title row and a blank row
    assert result.where == "读取工作表“依申请公开台账”，第3行为表头"
    assert [e.cli_text() for e in result.errors] == [
        "第6行“申请人类型”列：“企业”无效，应为：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他"
        "（可在台账中改写，或用 --value 申请人类型:企业=… 指定）"]
    assert snapshot(any_db)[0] == 0

    result = svc.import_file(clerk, path, options=MAP_ENTERPRISE)
    assert (result.ok, result.created) == (True, 5), result.errors
    requests = RequestService(any_db, fixed_today(TODAY))
    got = {n: requests.detail(requests.find_id(n)) for n, *_ in ROWS}
    # By hand from domain §6: 公民/个人 → 自然人; the decision words → table 三 leaves.
    assert {n: d.applicant_type for n, d in got.items()} == {
        "YSQ-2025-001": "自然人", "YSQ-2025-002": "自然人", "YSQ-2025-003": "商业企业",
        "YSQ-2025-004": "法律服务机构", "YSQ-2025-005": "自然人"}
    assert {n: d.outcome_label for n, d in got.items()} == {
        "YSQ-2025-001": "予以公开", "YSQ-2025-002": "本机关不掌握相关政府信息", "YSQ-2025-003": "属于国家秘密",
        "YSQ-2025-004": "本机关不掌握相关政府信息",   # 非本机关负责 → （四）1 by the default setting
        "YSQ-2025-005": ""}
    # date-time text, an Excel serial, 年月日 text and a datetime cell all give the day
    assert {n: (d.receipt_date, d.reply_date) for n, d in got.items()} == {
        "YSQ-2025-001": (date(2025, 1, 6), date(2025, 1, 20)),
        "YSQ-2025-002": (date(2025, 1, 10), date(2025, 2, 7)),
        "YSQ-2025-003": (date(2025, 1, 13), date(2025, 2, 10)),
        "YSQ-2025-004": (date(2025, 1, 15), date(2025, 2, 12)),
        "YSQ-2025-005": (date(2025, 1, 16), None)}
    assert got["YSQ-2025-001"].phone == "138****0001"     # 联系电话 ← 联系电话; 电话 is its synonym (masked)
    # The decision words also record the Art 36 decision, so the next letter can follow it.
    assert (got["YSQ-2025-001"].decision, got["YSQ-2025-002"].decision) == ("已主动公开", "信息不存在")
    # Overdue on arrival: YSQ-2025-005, received Thu 2025-01-16, still open. Counting: 01-17 (1),
    # 01-20..24 (2-6), make-up Sun 01-26 (7), 01-27 (8), holiday 01-28..02-04, 02-05..07 (9-11),
    # make-up Sat 02-08 (12), 02-10..14 (13-17), 02-17..19 (18-20) → due 2025-02-19.
    assert result.overdue == (("YSQ-2025-005", "王五", date(2025, 2, 19)),)


def test_dry_run_lists_adds_changes_and_refusals_and_writes_nothing(any_db, clerk, tmp_path):
    svc = LedgerService(any_db, fixed_today(TODAY))
    assert svc.import_file(clerk, office_ledger(tmp_path / "a.xlsx"), options=MAP_ENTERPRISE).created == 5
    rows = [list(r) for r in ROWS] + [["YSQ-2025-006", "2025-02-03 10:00", "赵六", "公民", "", "某预算",
                                       "办公室", "", "", ""]]
    rows[4][7], rows[4][8] = "部分公开", "2025-02-20"      # YSQ-2025-005 is answered
    before = snapshot(any_db)
    dry = LedgerOptions(values=MAP_ENTERPRISE.values, dry_run=True)
    result = svc.import_file(clerk, office_ledger(tmp_path / "b.xlsx", rows), options=dry)
    assert result.ok and result.dry_run
    assert (result.created, result.updated, result.unchanged) == (1, 1, 4)
    assert [r.number for r in result.adds] == ["YSQ-2025-006"]
    [update] = result.changes
    assert [str(c) for c in update.changes] == ["办理结果：（空） → 部分公开", "答复日期：（空） → 2025-02-20",
                                                "状态：办理中 → 已答复"]
    assert snapshot(any_db) == before


def test_column_and_value_options_map_other_headers(any_db, clerk, tmp_path):
    header = tuple("登记日期" if h == "申请时间" else "办件编码" if h == "受理编号" else h for h in HEADER)
    path = office_ledger(tmp_path / "c.xlsx", header=header, instructions=False)
    svc = LedgerService(any_db, fixed_today(TODAY))
    result = svc.import_file(clerk, path, options=MAP_ENTERPRISE)
    assert [e.cli_text() for e in result.errors] == [
        "第3行“申请编号”列：表头缺少此列（必填列：申请编号、收到日期、申请人、申请人类型、申请内容）；"
        "如台账用别的列名，请用 --column 原列名=申请编号 指明"]      # 登记日期 is a synonym of 收到日期
    opts = LedgerOptions(columns={"办件编码": "申请编号"}, values=MAP_ENTERPRISE.values)
    assert svc.import_file(clerk, path, options=opts).created == 5


def test_group_prefixed_and_bracketed_outcomes(any_db, clerk, tmp_path):
    rows = [list(r) for r in ROWS[:1]] * 4
    words = ["（三）1.属于国家秘密", "不予公开（过程性信息）", "不予处理（信访）", "不予公开"]
    for i, w in enumerate(words):
        rows[i] = [f"P-{i}", *rows[i][1:7], w, *rows[i][8:]]
    result = LedgerService(any_db, fixed_today(TODAY)).import_file(clerk, office_ledger(tmp_path / "g.xlsx", rows))
    # the first three are placed; a bare 不予公开 names the eight leaves of （三）
    assert [e.cli_text() for e in result.errors] == [
        "第7行“办理结果”列：“不予公开”不是年度报告表三的办理结果，应为：属于国家秘密、其他法律行政法规禁止公开、"
        "危及“三安全一稳定”、保护第三方合法权益、属于三类内部事务信息、属于四类过程性信息、属于行政执法案卷、"
        "属于行政查询事项（可在台账中改写，或用 --value 办理结果:不予公开=… 指定）"]
    rows[3][7] = "不予公开（行政执法案卷）"
    result = LedgerService(any_db, fixed_today(TODAY)).import_file(clerk, office_ledger(tmp_path / "h.xlsx", rows))
    assert result.created == 4
    requests = RequestService(any_db, fixed_today(TODAY))
    assert [requests.detail(requests.find_id(f"P-{i}")).outcome_label for i in range(4)] == [
        "属于国家秘密", "属于四类过程性信息", "信访举报投诉类申请", "属于行政执法案卷"]


def test_applicant_type_by_name(any_db, clerk, tmp_path):
    """单位 covers firms, law offices and institutes alike: mapped 按申请人名称判断, each row's name decides."""
    rows = [["U-1", "2025-01-06", "某某科技有限公司", "单位", "", "某文件", "", "", "", ""],
            ["U-2", "2025-01-06", "某某律师事务所", "单位", "", "某文件", "", "", "", ""],
            ["U-3", "2025-01-06", "某某大学城市规划研究院", "单位", "", "某文件", "", "", "", ""]]
    svc = LedgerService(any_db, fixed_today(TODAY))
    by_name = LedgerOptions(values={("申请人类型", "单位"): "按申请人名称判断"})
    rows.append(["U-4", "2025-01-06", "某某村民小组", "单位", "", "某文件", "", "", "", ""])
    result = svc.import_file(clerk, office_ledger(tmp_path / "u.xlsx", rows), options=by_name)
    assert [str(e) for e in result.errors] == [
        "第7行“申请人类型”列：“单位”按申请人名称判断，但“某某村民小组”看不出类型，应为：自然人、商业企业、科研机构、"
        "社会公益组织、法律服务机构、其他（请在台账中改写此行）"]
    rows[3][3] = "其他"
    assert svc.import_file(clerk, office_ledger(tmp_path / "v.xlsx", rows), options=by_name).created == 4
    requests = RequestService(any_db, fixed_today(TODAY))
    assert [requests.detail(requests.find_id(f"U-{i}")).applicant_type for i in range(1, 5)] == [
        "商业企业", "法律服务机构", "科研机构", "其他"]
