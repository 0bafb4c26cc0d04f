"""Issue 19: real-shaped ledgers import with the mapping alone (SiteServer's two name columns and free-text
replies, an OA ledger without 申请人类型, an old JSP ledger's 不于公开 over several grounds; a list with no
content column refused), on SQLite and PostgreSQL."""

from datetime import date


from app.services.ledger.ledger_plan import LedgerOptions
from app.services.ledger.ledger_service import LedgerService
from app.services.cases.request_service import RequestService
from app.workflow.masking import mask_phone
from tests.conftest import fixed_today
from tests.services.ledger_window_shapes import jsp_ledger, no_content_list
from tests.services.ledger.test_ledger_office import snapshot

TODAY = date(2026, 12, 7)
# the words the clerk chooses (app.workflow.ledger_columns.KEYWORDS, ledger_values.BY_NAME and PER_ROW)
KEYWORDS, BY_NAME, PER_ROW = "办理结果（按关键词判断）", "按申请人名称判断", "逐行选择"


def details(db, numbers):
    requests = RequestService(db, fixed_today(TODAY))
    return {n: requests.detail(requests.find_id(n)) for n in numbers}


def test_siteserver_two_name_columns_and_free_text_replies(any_db, clerk, shared_samples):
    path = shared_samples / "ledger-siteserver.xlsx"
    svc = LedgerService(any_db, fixed_today(TODAY))
    analysis = svc.analyse(path)
    by_header = {c.key: c for c in analysis.columns}
    # 姓名 (persons) and 名称 (organisations) both fill 申请人; the reply column is read by key words
    assert (by_header["姓名"].target, by_header["名称"].target) == ("申请人", "申请人")
    assert by_header["回复内容"].target == KEYWORDS
    assert (by_header["联系电话#1"].target, by_header["联系电话#2"].target) == ("联系电话", "联系电话")
    # samples for every column with data, mapped or not (查询号 is SiteServer's number)
    assert by_header["名称"].samples[:2] == ("某某律师事务所", "某某置业有限公司")
    assert by_header["联系电话#2"].samples[0] == "137****0832"
    assert by_header["联系电话#1"].samples[0] == "139****5521"                # main showed none here
    assert (by_header["所需信息的用途"].target, by_header["所需信息的用途"].samples[0]) == (None, "自身生活需要")
    assert "“姓名”（第4列）、“名称”（第13列）都对应“申请人”：每行取其中第一个非空的值" in analysis.notes
    # each reply's reading, for review: row 4's 该政府信息不存在 → 四.1, row 15's 撤回 → 六.3 其他
    guesses = {c.row: c.guess for c in analysis.per_row}
    assert guesses[4] == "本机关不掌握相关政府信息" and guesses[15] == "其他" and guesses[5] == "属于国家秘密"
    assert 16 not in guesses and 18 not in guesses           # no reply yet: still open

    opts = LedgerOptions(columns={"办理日期": "答复日期"}, values={("申请人类型", "法人/其他组织"): BY_NAME})
    result = svc.import_file(clerk, path, options=opts)
    assert result.ok and result.created == 17, [str(e) for e in result.errors]
    got = details(any_db, ["WZRVUQ", "9WF6ND", "ZND4LE", "YJVY8Z", "2U9K9G", "YMHT86", "PFSGFU", "9WF6ND"])
    # 法人/其他组织 judged by each name; 村民委员会 shows no kind of organisation: held by 名称 → 其他
    assert [got[n].applicant_type for n in ("WZRVUQ", "9WF6ND", "ZND4LE", "YJVY8Z", "2U9K9G", "YMHT86")] == [
        "法律服务机构", "商业企业", "社会公益组织", "科研机构", "其他", "自然人"]
    assert got["WZRVUQ"].applicant_name == "某某律师事务所" and got["WZRVUQ"].phone == "137****0832"
    assert got["YMHT86"].phone == "139****5521"
    assert (got["PFSGFU"].outcome_label, got["9WF6ND"].outcome_label) == ("属于国家秘密", "保护第三方合法权益")


def test_a_reply_guess_is_overridden_for_one_row(any_db, clerk, shared_samples):
    path = shared_samples / "ledger-siteserver.xlsx"
    svc = LedgerService(any_db, fixed_today(TODAY))
    opts = LedgerOptions(columns={"办理日期": "答复日期"}, values={("申请人类型", "法人/其他组织"): BY_NAME},
                         row_values={(10, "办理结果"): "属于行政查询事项"})
    assert svc.import_file(clerk, path, options=opts).ok
    assert details(any_db, ["ZND4LE"])["ZND4LE"].outcome_label == "属于行政查询事项"


def test_oa_ledger_without_applicant_type_column(any_db, clerk, shared_samples):
    path = shared_samples / "ledger-oa.xlsx"
    svc = LedgerService(any_db, fixed_today(TODAY))
    refused = svc.import_file(clerk, path)
    assert [str(e) for e in refused.errors][0].startswith("第1行“申请人类型”列：表头缺少此列")
    assert "在“缺少的列”中为所有行指定申请人类型" in str(refused.errors[0]) and "--" not in str(refused.errors[0])

    # 已答复 says nothing about how: rows 12 (黄某某, 我家附近在建工程的全部审批文件) and 13 are decided one by one
    opts = LedgerOptions(defaults={"申请人类型": BY_NAME},
                         values={("办理结果", "已答复"): PER_ROW, ("办理结果", "申请人撤回"): "其他"}, dry_run=True)
    preview = svc.import_file(clerk, path, options=opts)
    assert [str(e) for e in preview.errors] == [
        "第12行“办理结果”列：“已答复”设为逐行选择，本行还没有选择：请在“④ 逐行选择”中为本行选择",
        "第13行“办理结果”列：“已答复”设为逐行选择，本行还没有选择：请在“④ 逐行选择”中为本行选择"]
    assert [(c.row, c.number) for c in svc.analyse(path, opts).per_row] == [(12, "2025-011"), (13, "2025-012")]
    opts = LedgerOptions(defaults=opts.defaults, values=opts.values, dry_run=True,
                         row_values={(12, "办理结果"): "予以公开", (13, "办理结果"): "没有现成信息需要另行制作"})
    preview = svc.import_file(clerk, path, options=opts)
    assert preview.ok and preview.created == 17
    # the preview shows each row's judged type: names of persons → 自然人; …律师事务所, …村民委员会 by name
    shown = {r.number: r.applicant_type for r in preview.adds}
    assert [shown[n] for n in ("2025-001", "2025-002", "2025-005", "2025-009", "2025-012", "2025-015")] == [
        "自然人", "法律服务机构", "商业企业", "社会公益组织", "科研机构", "其他"]
    assert snapshot(any_db)[0] == 0
    result = svc.import_file(clerk, path, options=LedgerOptions(defaults=opts.defaults, values=opts.values,
                                                                row_values=opts.row_values))
    assert result.created == 17
    got = details(any_db, ["2025-011", "2025-014"])
    assert (got["2025-011"].outcome_label, got["2025-014"].outcome_label) == ("予以公开", "其他")


def test_oa_ledger_with_one_type_for_all(any_db, clerk, shared_samples):
    svc = LedgerService(any_db, fixed_today(TODAY))
    opts = LedgerOptions(defaults={"申请人类型": "自然人", "办理结果": PER_ROW}, columns={"处理结果": "忽略"},
                         # rows 16 (2025-015) and 18 (2026-017) have no reply yet
                         row_values={(n, "办理结果"): "予以公开" for n in (*range(2, 16), 17)}
                         | {(16, "办理结果"): "（不填）", (18, "办理结果"): "（不填）"})
    result = svc.import_file(clerk, shared_samples / "ledger-oa.xlsx", options=opts)
    assert result.ok, [str(e) for e in result.errors]
    got = details(any_db, ["2025-002", "2025-016", "2026-017"])
    assert got["2025-002"].applicant_type == "自然人"
    assert got["2025-016"].outcome_label == "予以公开" and got["2026-017"].outcome_label == ""


def test_jsp_not_disclosed_over_three_grounds(any_db, clerk, tmp_path):
    path = jsp_ledger(tmp_path / "jsp.xlsx")
    svc = LedgerService(any_db, fixed_today(TODAY))
    a = svc.analyse(path)
    assert [(v.column, v.raw, v.rows) for v in a.values] == [("办理结果", "不于公开", 3)]
    assert PER_ROW in a.values[0].choices
    opts = LedgerOptions(values={("办理结果", "不于公开"): PER_ROW})
    assert [(c.row, c.raw) for c in svc.analyse(path, opts).per_row] == [(3, "不于公开"), (4, "不于公开"),
                                                                        (5, "不于公开")]
    chosen = {(3, "办理结果"): "属于国家秘密", (4, "办理结果"): "保护第三方合法权益", (5, "办理结果"): "属于四类过程性信息"}
    result = svc.import_file(clerk, path, options=LedgerOptions(values=opts.values, row_values=chosen))
    assert result.created == 4
    got = details(any_db, ["JSP-2019-02", "JSP-2019-03", "JSP-2019-04"])
    assert [d.outcome_label for d in got.values()] == ["属于国家秘密", "保护第三方合法权益", "属于四类过程性信息"]


def test_a_list_without_a_content_column_is_refused(any_db, clerk, tmp_path):
    svc = LedgerService(any_db, fixed_today(TODAY))
    result = svc.import_file(clerk, no_content_list(tmp_path / "list.xlsx"))
    assert [str(e) for e in result.errors] == [
        "第1行“申请内容”列：表头缺少此列（必填列：申请编号、收到日期、申请人、申请人类型、申请内容）；如台账用别的列名，"
        "请在“① 列对应”中把那一列对应为“申请内容”；台账没有申请内容的列时不能导入：申请内容是办理、答复和年度报告的依据，"
        "请先在台账中补上这一列"]
    assert snapshot(any_db)[0] == 0


def test_same_named_columns_map_separately(any_db, clerk, tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["申请编号", "收到日期", "申请人", "申请人类型", "申请内容", "联系电话", "联系电话"])
    wb.active.append(["P-1", "2025-02-03", "甲某", "自然人", "某文件", "13900000001", "13712345678"])
    wb.save(tmp_path / "p.xlsx")
    svc = LedgerService(any_db, fixed_today(TODAY))
    # 联系电话#2 = 忽略 ignores only the second column of that name
    result = svc.import_file(clerk, tmp_path / "p.xlsx", options=LedgerOptions(columns={"联系电话#2": "忽略"}))
    assert result.ok, [str(e) for e in result.errors]
    assert details(any_db, ["P-1"])["P-1"].phone == mask_phone("13900000001")
    # and 联系电话#1 = 忽略 only the first: the second one's number replaces it
    result = svc.import_file(clerk, tmp_path / "p.xlsx", options=LedgerOptions(columns={"联系电话#1": "忽略"}))
    assert result.ok and result.updated == 1
    assert details(any_db, ["P-1"])["P-1"].phone == mask_phone("13712345678")


def test_a_saved_mapping_keeps_its_defaults(any_db, clerk):
    svc = LedgerService(any_db, fixed_today(TODAY))
    opts = LedgerOptions(columns={"联系电话#2": "忽略"}, values={("办理结果", "已答复"): PER_ROW},
                         defaults={"申请人类型": BY_NAME}, row_values={(12, "办理结果"): "予以公开"})
    svc.save_mapping(clerk, "某OA系统台账", opts)
    loaded = svc.load_mapping("某OA系统台账")
    assert (loaded.columns, loaded.values, loaded.defaults) == (opts.columns, opts.values, opts.defaults)
    assert loaded.row_values == {}          # a row's choice belongs to one file, not to the mapping


def test_a_row_choice_that_is_no_outcome_is_refused(any_db, clerk, tmp_path):
    svc = LedgerService(any_db, fixed_today(TODAY))
    opts = LedgerOptions(values={("办理结果", "不于公开"): PER_ROW},
                         row_values={(3, "办理结果"): "国家秘密", (4, "办理结果"): "保护第三方合法权益",
                                     (5, "办理结果"): "（不填）"})
    result = svc.import_file(clerk, jsp_ledger(tmp_path / "jsp.xlsx"), options=opts)
    # row 3: a typo for 属于国家秘密; row 5: （不填） although the ledger gives a reply date
    assert [e.cli_text() for e in result.errors][0].startswith(
        "第3行“办理结果”列：为本行选择的“国家秘密”不是年度报告表三的办理结果，应为：予以公开、")
    assert [str(e) for e in result.errors][1:] == ["第5行“办理结果”列：已填写答复日期，请同时填写办理结果"]
    assert snapshot(any_db)[0] == 0
