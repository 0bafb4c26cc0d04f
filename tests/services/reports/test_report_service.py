"""The annual report service on SQLite and PostgreSQL: figures, forms, review register, fees, lock, export."""

from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.errors import ValidationError
from app.models import Event, FeeNotice, Request
from app.services.reports.report_service import ReportService
from app.services.reports.review_register import ReviewInput
from app.workflow.annual_counts import ROW_CARRIED, ROW_NEXT, ROW_TOTAL, ROWS, WARNING
from tests.conftest import fixed_today
from tests.workflow.test_annual_counts import EXPECTED_2025, LEDGER

TODAY = date(2026, 1, 20)


def add_cases(db, ledger) -> dict[str, int]:
    """Insert (number, receipt, reply, type, outcome) rows as requests; return number → id."""
    now = datetime(2026, 1, 20, 9, 0)
    with db.uow() as uow:
        rows = [Request(number=n, status="已答复" if reply else ("待确认" if receipt is None else "办理中"),
                        channel="当面" if receipt else "网络", applicant_type=kind, applicant_name=f"申请人{n}",
                        description=f"申请公开事项{n}", arrival_date=receipt or date(2025, 12, 30),
                        receipt_date=receipt, reply_date=reply, outcome=outcome, created_at=now, updated_at=now)
                for n, receipt, reply, kind, outcome in ledger]
        uow.session.add_all(rows)
        uow.commit()
        return {r.number: r.id for r in rows}


WRITTEN_ONE = "\n".join(("（一）主动公开", "本机关主动公开规章和规范性文件。", "（二）依申请公开", "办理情况见第三部分。",
                         "（三）政府信息管理", "落实保密审查制度。", "（四）平台建设", "门户网站专栏按时更新。",
                         "（五）监督保障", "组织业务培训2次。"))


def ready_for_full_text(reports, actor, year: int) -> None:
    """What an office writes before the Word/PDF full text: 五, section 一 without “（请填写）”, 表二."""
    reports.save_sections(actor, year, {"五": "无", "一": WRITTEN_ONE})
    reports.save_table2(actor, year, {"licences": 7})


def events(db, kind: str) -> list:
    with db.uow() as uow:
        return uow.session.execute(select(Event.kind, Event.field, Event.old, Event.new, Event.actor, Event.reason)
                                   .where(Event.kind == kind).order_by(Event.id)).all()


@pytest.fixture
def svc(any_db):
    add_cases(any_db, LEDGER)
    return ReportService(any_db, fixed_today(TODAY))


def test_table3_from_the_database_matches_the_hand_count(svc):
    data = svc.report(2025)
    for row in ROWS:
        assert data.table3.cells[row] == EXPECTED_2025[row], row
    assert not data.blocking
    assert data.title == "某某市自然资源和规划局2025年政府信息公开工作年度报告"


def test_drill_down_names_the_cases(svc):
    refs = svc.drill_down(2025, ROW_NEXT, 6)
    assert [r.number for r in refs] == ["C3", "C4", "O2", "O1", "O3"]       # by receipt date
    assert refs[0].applicant_name == "申请人C3" and refs[0].reply_date is None
    assert [(r.number, r.outcome_label) for r in svc.drill_down(2025, "三.1", 6)] == \
        [("C2", "属于国家秘密"), ("N3", "属于国家秘密")]
    assert [r.number for r in svc.drill_down(2025, ROW_CARRIED, 0)] == ["C1", "C4"]
    with pytest.raises(ValidationError):
        svc.drill_down(2025, "八.1", 0)


def test_reply_without_outcome_blocks_lock_and_export(any_db, clerk, chief, tmp_path):
    add_cases(any_db, [("X1", date(2025, 5, 6), date(2025, 5, 20), "科研机构", None)])
    svc = ReportService(any_db, fixed_today(TODAY))
    data = svc.report(2025)
    assert [f.row for f in data.blocking] == ["X1", "一、二、（七）、四", "一、二、（七）、四"]
    assert data.blocking[1].column == "法人或其他组织—科研机构"
    with pytest.raises(ValidationError, match="校验未通过，不能导出") as info:
        svc.export(2025, tmp_path / "r.xlsx")
    assert "X1" in str(info.value) and not (tmp_path / "r.xlsx").exists()
    with pytest.raises(ValidationError, match="不能锁定"):
        svc.lock(chief, 2025)


def test_table2_is_kept_per_year_and_audited(svc, any_db, clerk):
    assert any(f.table == "表二" for f in svc.report(2025).findings)
    svc.save_table2(clerk, 2025, {"rules_issued": 3, "norms_current": 41, "charges_10k_yuan": 12.35})
    svc.save_table2(clerk, 2024, {"licences": 7})
    data = svc.report(2025)
    assert data.table2["rules_issued"] == 3 and data.table2["norms_current"] == 41
    assert data.table2["charges_10k_yuan"] == 12.35 and data.table2["licences"] == 0
    assert svc.report(2024).table2["licences"] == 7
    assert not any(f.table == "表二" for f in data.findings)
    fields = [(e.field, e.old, e.new, e.actor) for e in events(any_db, "修改年度报告")]
    assert ("2025年表二·规章·本年制发件数", "0", "3", "clerk1") in fields
    assert len(fields) == 4
    with pytest.raises(ValidationError, match="应为不小于0的数字") as info:
        svc.save_table2(clerk, 2025, {"penalties": -1})
    assert info.value.field == "penalties"


def test_sections_and_generated_paragraph(svc, any_db, clerk):
    svc.save_sections(clerk, 2025, {"五": "  答复文书格式不统一。  ", "六": "无。"})
    data = svc.report(2025)
    assert data.sections["五"] == "答复文书格式不统一。"
    # Left empty, 一 is the 30号 format's five parts; （二）依申请公开 opens with the year's figures.
    assert "\n（二）依申请公开\n2025年，本机关共收到政府信息公开申请24件，上年结转4件。" in data.section_text("一")
    assert data.section_text("六") == "2025年，本机关未发出信息处理费收费通知，未收取信息处理费。\n无。"
    assert [e.field for e in events(any_db, "修改年度报告")] == ["2025年五、存在的主要问题及改进情况",
                                                              "2025年六、其他需要报告的事项"]
    with pytest.raises(ValidationError, match="只有第一、五、六部分"):
        svc.save_sections(clerk, 2025, {"二": "x"})


def test_fee_figures_from_the_fee_records(any_db):
    ids = add_cases(any_db, [("F", date(2024, 12, 2), date(2025, 3, 1), "自然人", "一.0")])
    with any_db.uow() as uow:
        for issued, amount, paid_on, paid in ((date(2024, 12, 20), 200, date(2025, 1, 10), 200),
                                              (date(2025, 3, 1), 100, date(2025, 3, 10), 100),
                                              (date(2025, 6, 1), 4700, None, None),
                                              (date(2025, 12, 28), 300, date(2026, 1, 5), 300)):
            uow.session.add(FeeNotice(request_id=ids["F"], method="按量", quantity=1, amount=amount,
                                      issued_on=issued, paid_on=paid_on, paid_amount=paid))
        uow.commit()
    fees = ReportService(any_db, fixed_today(TODAY)).report(2025).fees
    # By hand: issued in 2025 = 100 + 4700 + 300 (3 notices); paid in 2025 = 200 + 100.
    assert (fees.notices, fees.notified, fees.collected) == (3, 5100.0, 300.0)


def test_review_register_feeds_table4(svc, any_db, clerk, chief):
    reg = svc.review_register
    a = reg.add(clerk, ReviewInput("行政复议", date(2025, 3, 1), "维持", date(2025, 5, 1), "C2"))
    reg.add(clerk, ReviewInput("复议后起诉", date(2025, 6, 1)))
    b = reg.add(clerk, ReviewInput("未经复议直接起诉", date(2024, 10, 1), "其他", date(2025, 3, 1)))
    reg.add(clerk, ReviewInput("行政复议", date(2024, 5, 1), "纠正", date(2024, 9, 1)))     # 2024 only
    assert svc.report(2025).table4.cells == {
        "行政复议": (1, 0, 0, 0, 1), "未经复议直接起诉": (0, 0, 1, 0, 1), "复议后起诉": (0, 0, 0, 1, 1)}
    reg.update(clerk, b.id, ReviewInput("未经复议直接起诉", date(2024, 10, 1), "纠正", date(2025, 3, 1)))
    reg.delete(chief, a.id, "重复登记")
    assert svc.report(2025).table4.cells == {
        "行政复议": (0, 0, 0, 0, 0), "未经复议直接起诉": (0, 1, 0, 0, 1), "复议后起诉": (0, 0, 0, 1, 1)}
    assert [v.kind for v in reg.entries(2025)] == ["未经复议直接起诉", "复议后起诉"]
    assert reg.entries()[0].result_label == "纠正" and len(reg.entries()) == 3
    assert [e.kind for e in events(any_db, "登记复议诉讼")] == ["登记复议诉讼"] * 4
    [change] = events(any_db, "修改复议诉讼")
    assert (change.field, change.old, change.new) == ("复议诉讼·结果", "其他", "纠正")
    assert events(any_db, "删除复议诉讼")[0].reason == "重复登记"


@pytest.mark.parametrize("data, field", [
    (ReviewInput("信访", date(2025, 1, 1)), "kind"),
    (ReviewInput("行政复议", None), "filed_on"),
    (ReviewInput("行政复议", date(2025, 1, 1), "维持"), "decided_on"),
    (ReviewInput("行政复议", date(2025, 1, 1), "", date(2025, 2, 1)), "result"),
    (ReviewInput("行政复议", date(2025, 3, 1), "维持", date(2025, 2, 1)), "decided_on"),
    (ReviewInput("行政复议", date(2025, 3, 1), request_number="不存在"), "request_number"),
])
def test_review_register_validation(svc, clerk, data, field):
    with pytest.raises(ValidationError) as info:
        svc.review_register.add(clerk, data)
    assert info.value.field == field
    assert svc.review_register.entries() == []


def test_lock_freezes_figures_and_warns_when_cases_change(svc, any_db, clerk, chief):
    with pytest.raises(ValidationError, match="只能由科室负责人或管理员办理"):
        svc.lock(clerk, 2025)
    locked = svc.lock(chief, 2025)
    assert locked.locked and locked.locked_by == "chief1" and not locked.stale
    add_cases(any_db, [("LATE", date(2025, 6, 1), date(2025, 6, 30), "自然人", "一.0")])
    data = svc.report(2025)
    assert data.table3.cells[ROW_TOTAL] == EXPECTED_2025[ROW_TOTAL]      # frozen, not 24
    assert data.stale and any("锁定后" in f.message and "数字已不同" in f.message for f in data.findings)
    assert not data.blocking
    with pytest.raises(ValidationError, match="已锁定"):
        svc.save_table2(clerk, 2025, {"licences": 1})
    with pytest.raises(ValidationError, match="必须说明理由"):
        svc.unlock(chief, 2025, " ")
    reopened = svc.unlock(chief, 2025, "补录遗漏的申请")
    assert not reopened.locked and reopened.table3.cells[ROW_TOTAL][6] == 24
    assert [(e.kind, e.reason) for e in events(any_db, "解锁年度报告")] == [("解锁年度报告", "补录遗漏的申请")]
    assert len(events(any_db, "锁定年度报告")) == 1


def test_carried_row_is_compared_with_last_years_locked_report(svc, any_db, clerk, chief):
    svc.lock(chief, 2024)
    assert not any(f.level == WARNING and "已锁定报告" in f.message for f in svc.report(2025).findings)
    with any_db.uow() as uow:            # C3 turns out to have been replied in 2024
        uow.session.execute(Request.__table__.update().where(Request.number == "C3")
                            .values(reply_date=date(2024, 12, 31), outcome="一.0"))
        uow.commit()
    found = [f for f in svc.report(2025).findings if "已锁定报告" in f.message]
    assert [(f.column, f.level) for f in found] == [("法人或其他组织—法律服务机构", WARNING), ("总计", WARNING)]
    assert svc.report(2024).stale


def test_export_writes_each_format(svc, tmp_path, clerk):
    ready_for_full_text(svc, clerk, 2025)
    steps = []
    for suffix in ("xlsx", "docx", "pdf"):
        data = svc.export(2025, tmp_path / f"report.{suffix}", progress=lambda d, t: steps.append((d, t)))
        assert (tmp_path / f"report.{suffix}").stat().st_size > 1000 and data.year == 2025
    assert steps[:3] == [(0, 2), (1, 2), (2, 2)]
    with pytest.raises(ValidationError, match=r"\.xlsx、\.docx 或 \.pdf"):
        svc.export(2025, tmp_path / "report.txt")


def test_command_line_exports_or_names_the_broken_cell(tmp_path, capsys):
    from app.cli import main
    from app.services.uow import Database

    path = tmp_path / "cli.sqlite3"
    db = Database.open(str(path))
    add_cases(db, LEDGER)
    db.dispose()
    out = tmp_path / "年报.xlsx"
    assert main(["--db", str(path), "annual-report", "--year", "2025", "--out", str(out)]) == 0
    assert out.exists() and "2025年政府信息公开工作年度报告（未锁定）已导出" in capsys.readouterr().out
    db = Database.open(str(path))
    add_cases(db, [("X9", date(2025, 7, 1), date(2025, 7, 20), "其他", None)])
    db.dispose()
    assert main(["--db", str(path), "annual-report", "--year", "2025", "--out", str(tmp_path / "b.pdf")]) == 1
    err = capsys.readouterr().err
    assert "未导出" in err and "X9" in err and "“法人或其他组织—其他”列" in err
    assert not (tmp_path / "b.pdf").exists()


def test_full_text_is_not_exported_with_section_five_empty(svc, tmp_path, clerk):
    # the tables (xlsx) go out; the Word/PDF full text is refused, naming the section and the fix
    svc.export(2025, tmp_path / "tables.xlsx")
    for suffix in ("docx", "pdf"):
        with pytest.raises(ValidationError, match="“五、存在的主要问题及改进情况”尚未填写") as e:
            svc.export(2025, tmp_path / f"report.{suffix}")
        assert "--section-five-none" in e.value.message and e.value.field == "五"
        assert not (tmp_path / f"report.{suffix}").exists()
    svc.save_sections(clerk, 2024, {"五": "档案数字化进度偏慢"})       # last year's, shown for reference
    with pytest.raises(ValidationError, match="上年度第五部分为：档案数字化进度偏慢"):
        svc.export(2025, tmp_path / "report.docx")
    svc.save_sections(clerk, 2025, {"五": "无"})
    ready_for_full_text(svc, clerk, 2025)
    svc.export(2025, tmp_path / "report.docx")
    assert (tmp_path / "report.docx").stat().st_size > 1000


def test_command_line_confirms_section_five_none_only_as_a_user(tmp_path, capsys, monkeypatch):
    from app.cli import main
    from app.services.uow import Database
    from tests.conftest import TEST_PASSWORD, login_as

    path = tmp_path / "cli.sqlite3"
    db = Database.open(str(path))
    add_cases(db, LEDGER)
    login_as(db, "clerk")                      # the database has users now: changes need a login
    db.dispose()
    out = tmp_path / "年报.docx"
    assert main(["--db", str(path), "annual-report", "--year", "2025", "--out", str(out)]) == 1
    assert "“五、存在的主要问题及改进情况”尚未填写" in capsys.readouterr().err and not out.exists()
    # confirming 无 changes the report: refused without --user, nothing stored
    assert main(["--db", str(path), "annual-report", "--year", "2025", "--out", str(out),
                 "--section-five-none"]) == 2
    assert "--user" in capsys.readouterr().err and not out.exists()
    monkeypatch.setenv("DISCLOSURE_DESK_PASSWORD", TEST_PASSWORD)
    assert main(["--db", str(path), "--user", "clerk", "annual-report", "--year", "2025", "--out", str(out),
                 "--section-five-none"]) == 1
    err = capsys.readouterr().err
    assert "第五部分已确认为“无”" in err and "“一、总体情况”中还有“（请填写）”未写" in err and not out.exists()
    db = Database.open(str(path))
    ReportService(db).save_sections(login_as(db, "clerk"), 2025, {"一": WRITTEN_ONE})
    db.dispose()
    assert main(["--db", str(path), "--user", "clerk", "annual-report", "--year", "2025", "--out", str(out)]) == 1
    assert "表二“主动公开政府信息情况”各项均为0" in capsys.readouterr().err and not out.exists()
    assert main(["--db", str(path), "--user", "clerk", "annual-report", "--year", "2025", "--out", str(out),
                 "--table-two-zero"]) == 0
    assert "表二已确认各项均为0" in capsys.readouterr().err and out.stat().st_size > 1000
    db = Database.open(str(path))
    try:
        assert ReportService(db).report(2025).sections["五"] == "无"
        assert [(e.actor, e.field, e.new) for e in events(db, "修改年度报告")] == [
            ("clerk", "2025年五、存在的主要问题及改进情况", "无"), ("clerk", "2025年一、总体情况", WRITTEN_ONE),
            ("clerk", "2025年表二", "确认各项均为0")]
    finally:
        db.dispose()
