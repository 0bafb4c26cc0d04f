"""Re-import never destroys (domain §6): an unchanged export changes nothing, byte for byte; changes
are field by field, audited, version-checked; closed cases are reported; nothing moves back."""

from datetime import date

import openpyxl
import pytest
from sqlalchemy import select

from app.models import Consultation, Correction, Event, Extension, Request
from app.services.cases.case_service import CaseService
from app.services.dto import RequestInput
from app.services.ledger.ledger_plan import LedgerOptions
from app.services.ledger.ledger_service import LedgerService
from app.exports.letters.kinds import LetterKind
from app.services.letters.letter_service import LetterService
from app.services.letters.notice_service import NoticeService
from app.services.cases.request_service import RequestService
from app.workflow.deadline import PauseKind
from app.workflow.outcomes import Outcome
from app.workflow.vocabulary import ServiceMethod
from tests.conftest import fixed_today
from tests.services.helpers import add_department

TODAY = date(2026, 11, 23)


def sign_on(db, day, issuer, chief, rid, kind):
    """A notice issued and signed on ``day`` (its 成文日期)."""
    letters = LetterService(db, fixed_today(day))
    return letters.sign(chief, letters.issue(issuer, rid, kind).id)


def full_case(db, clerk, handler, chief, archive=True, **extra):
    """Everything the window records: contacts, two consultations with parties and opinions, a 10-day
    extension with its reason, 部分公开 with reasons, 送达, archived."""
    requests, cases = RequestService(db, fixed_today(TODAY)), CaseService(db, fixed_today(TODAY))
    data = RequestInput(applicant_name="张三", applicant_type="自然人", channel="当面", number="全-1",
                        description="申请公开某地块规划条件及附图", arrival_date=date(2025, 3, 3),
                        id_type="居民身份证", id_number="11010519491231002X", phone="13800000000",
                        address="某市某区某路1号", postcode="100000", email="zs@example.cn",
                        requested_form="纸质", delivery="邮寄", notes=extra.get("notes", "=来电补充"))
    d = requests.register(clerk, data)
    d = cases.assign(clerk, d.id, d.version, add_department(db))
    d = cases.start_consultation(handler, d.id, d.version, PauseKind.THIRD_PARTY, "某某置业有限公司",
                                 date(2025, 3, 5), date(2025, 3, 6))
    sign_on(db, date(2025, 3, 5), handler, chief, d.id, LetterKind.CONSULTATION)     # the reply recites them
    d = cases.end_consultation(handler, d.id, d.version, date(2025, 3, 14), "不同意公开商业秘密部分")
    d = cases.start_consultation(handler, d.id, d.version, PauseKind.OTHER_AGENCY, "某区住建局",
                                 date(2025, 3, 17), date(2025, 3, 18))
    sign_on(db, date(2025, 3, 17), handler, chief, d.id, LetterKind.AGENCY_CONSULTATION)
    d = cases.end_consultation(handler, d.id, d.version, date(2025, 3, 25), "同意公开")
    d = cases.approve_extension(chief, d.id, d.version, date(2025, 3, 28), 10, "需调取档案馆存档图纸")
    ext = sign_on(db, date(2025, 3, 28), chief, chief, d.id, LetterKind.EXTENSION)     # drafted at approval
    d = NoticeService(db, fixed_today(TODAY)).record_served(clerk, d.id, d.version, ext.id, date(2025, 3, 31))
    d = cases.submit(handler, d.id, d.version, "部分公开", Outcome.PARTIAL, "附图涉及第三方商业秘密，不予公开",
                       withheld_ground="三.4")
    # the 答复书 the 签发 signs, written Thu 2025-04-17: replied and served after it (never backwards)
    draft = LetterService(db, fixed_today(date(2025, 4, 17))).issue(handler, d.id)
    d = cases.sign_off(chief, d.id, d.version)
    LetterService(db, fixed_today(date(2025, 4, 17))).sign(chief, draft.id)
    d = cases.record_reply(clerk, d.id, d.version, Outcome.PARTIAL, date(2025, 4, 18), ServiceMethod.POST,
                           date(2025, 4, 19))
    if archive:
        d = cases.archive(clerk, d.id, d.version)
    return d


def dump(db):
    """Every row of every table an import could touch, as text."""
    with db.uow() as uow:
        s = uow.session
        out = []
        for model in (Request, Correction, Consultation, Extension, Event):
            for obj in s.scalars(select(model).order_by(model.id)):
                out.append(repr({c.key: getattr(obj, c.key) for c in model.__table__.columns}))
        return out


def drop_columns(path, names):
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for col in sorted((i for i, c in enumerate(ws[1], start=1) if c.value in names), reverse=True):
        ws.delete_cols(col)
    wb.save(path)
    return path


@pytest.mark.parametrize("archive", [True, False], ids=["archived", "replied"])
@pytest.mark.parametrize("contacts", [True, False], ids=["with-contacts", "without-contacts"])
@pytest.mark.parametrize("status_columns", [True, False], ids=["with-状态", "without-状态"])
def test_unchanged_export_reimports_byte_for_byte(any_db, clerk, handler, chief, tmp_path, archive, contacts,
                                                  status_columns):
    full_case(any_db, clerk, handler, chief, archive)
    svc = LedgerService(any_db, fixed_today(TODAY))
    path = tmp_path / "out.xlsx"
    svc.export_file(path, with_contacts=contacts)
    header = [c.value for c in openpyxl.load_workbook(path).active[1]]
    assert ("证件号码" in header) == contacts and "征求意见对象" in header and "延期天数" in header
    if not status_columns:
        drop_columns(path, {"状态", "应答复日期"})
    before = dump(any_db)
    result = svc.import_file(clerk, path)
    # nothing differs, so nothing is refused either (an archived case would be reported if it did)
    assert (result.ok, result.created, result.updated, result.unchanged, result.refusals) == (True, 0, 0, 1, ())
    assert dump(any_db) == before


def test_the_export_carries_the_v2_columns_and_formula_like_text_stays_text(any_db, clerk, handler, chief,
                                                                             tmp_path):
    full_case(any_db, clerk, handler, chief)
    LedgerService(any_db, fixed_today(TODAY)).export_file(tmp_path / "out.xlsx", with_contacts=True)
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    row = {h.value: c for h, c in zip(ws[1], ws[2])}
    # the second consultation is the one a ledger row can hold; the extension's days and reason
    assert (row["征求意见开始日期"].value.date(), row["征求意见对象"].value, row["征求意见类型"].value) == (
        date(2025, 3, 17), "某区住建局", "其他机关")
    assert (row["延期"].value, row["延期天数"].value, row["延期理由"].value) == ("是", 10, "需调取档案馆存档图纸")
    assert (row["办理结果"].value, row["答复类型"].value, row["答复理由"].value, row["送达方式"].value) == (
        "部分公开", "部分公开", "附图涉及第三方商业秘密，不予公开", "邮寄送达")
    assert (row["证件号码"].value, row["电子邮箱"].value) == ("11010519491231002X", "zs@example.cn")
    assert (row["备注"].value, row["备注"].data_type) == ("=来电补充", "s")    # a text cell, not a formula


def test_ledger_without_status_never_reopens_or_moves_back(any_db, clerk, handler, chief, tmp_path):
    full_case(any_db, clerk, handler, chief)                     # archived
    requests, cases = RequestService(any_db, fixed_today(TODAY)), CaseService(any_db, fixed_today(TODAY))
    d = requests.register(clerk, RequestInput("李四", "自然人", "当面", "申请公开某批复", date(2025, 6, 2),
                                              number="签-1"))
    d = cases.assign(clerk, d.id, d.version, add_department(any_db, "用地科"))
    d = cases.submit(handler, d.id, d.version, "予以公开")            # awaiting sign-off
    svc = LedgerService(any_db, fixed_today(TODAY))
    svc.export_file(tmp_path / "out.xlsx")
    # an office's sheet: no 状态, no 办理结果/答复日期 (as if kept open), and a changed 备注 on both
    path = drop_columns(tmp_path / "out.xlsx", {"状态", "应答复日期", "办理结果", "答复日期", "答复类型"})
    wb = openpyxl.load_workbook(path)
    notes = [c.value for c in wb.active[1]].index("备注") + 1
    for r in (2, 3):
        wb.active.cell(r, notes, "电话催办")
    wb.save(path)
    before = dump(any_db)
    result = svc.import_file(clerk, path)
    assert (result.updated, result.unchanged) == (1, 0)
    assert [str(r) for r in result.refusals] == [
        "第2行（全-1）：本案已归档，导入不修改（台账中备注与系统不同）；如确需修改，请先在系统中解锁"]
    after = {d.number: d for d in (requests.detail(requests.find_id(n)) for n in ("全-1", "签-1"))}
    assert (after["全-1"].status, after["全-1"].notes) == ("已归档", "=来电补充")
    assert (after["签-1"].status, after["签-1"].notes) == ("待签批", "电话催办")
    assert dump(any_db)[:1] == before[:1]                           # the archived case's row is untouched


def test_changed_fields_are_audited_with_the_imports_name(any_db, clerk, handler, chief, tmp_path):
    full_case(any_db, clerk, handler, chief, archive=False)
    svc = LedgerService(any_db, fixed_today(TODAY))
    svc.export_file(tmp_path / "out.xlsx", with_contacts=True)
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    ws = wb.active
    col = {c.value: i for i, c in enumerate(ws[1], start=1)}
    ws.cell(2, col["联系电话"], "13900000000")
    ws.cell(2, col["延期天数"], 15)
    ws.cell(2, col["状态"], "已归档")
    wb.save(tmp_path / "changed.xlsx")
    requests = RequestService(any_db, fixed_today(TODAY))
    before = requests.detail(requests.find_id("全-1"))
    version = before.version
    result = svc.import_file(clerk, tmp_path / "changed.xlsx")
    assert (result.updated, result.refusals) == (1, ())
    d = requests.detail(requests.find_id("全-1"))
    assert (d.phone, d.status, d.version) == ("139****0000", "已归档", version + 1)    # shown masked
    assert [(e.days, e.reason) for e in d.extensions] == [(15, "需调取档案馆存档图纸")]
    # 5 more extension days: the due date moves 5 working days later (no holiday in late April 2025
    # after the 04-04 Qingming day; 05-01..05 is past it)
    from app.workflow.calendar import StatutoryCalendar
    assert d.deadline.reply_due == StatutoryCalendar().add_workdays(before.deadline.reply_due, 5)
    audit = [(e.field, e.old, e.new, e.reason) for e in d.events if e.kind == "台账导入（更新）"]
    # 联系电话 is kept masked in the audit (个人信息)
    assert audit == [("联系电话", "138****0000", "139****0000", "台账导入“changed.xlsx”第2行"),
                     ("延期天数", "10", "15", "台账导入“changed.xlsx”第2行"),
                     ("状态", "已答复", "已归档", "台账导入“changed.xlsx”第2行")]
    assert d.corrections == () and len(d.consultations) == 2 and d.consultations[0].opinion == "不同意公开商业秘密部分"


def test_a_case_edited_after_the_plan_was_read_is_reported_not_overwritten(any_db, clerk, handler, chief,
                                                                            tmp_path):
    full_case(any_db, clerk, handler, chief, archive=False)
    svc = LedgerService(any_db, fixed_today(TODAY))
    svc.export_file(tmp_path / "out.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    col = {c.value: i for i, c in enumerate(wb.active[1], start=1)}
    wb.active.cell(2, col["备注"], "台账中的备注")
    wb.save(tmp_path / "changed.xlsx")
    plan = svc.read(tmp_path / "changed.xlsx", LedgerOptions())      # the preview the clerk looks at
    requests = RequestService(any_db, fixed_today(TODAY))
    d = requests.detail(requests.find_id("全-1"))
    CaseService(any_db, fixed_today(TODAY)).archive(clerk, d.id, d.version)   # someone else acts meanwhile
    from app.services.ledger.ledger_apply import update_rows
    with any_db.uow() as uow:
        done, refused, _ = update_rows(uow.session, clerk, plan.updates, {}, None, None, TODAY, "台账导入")
        uow.commit()
    assert done == 0
    assert [str(r) for r in refused] == [
        "第2行（全-1）：读取台账后，本案已被其他用户修改（或删除），为免覆盖未写入本行；请重新导入"]
    assert requests.detail(d.id).notes == "=来电补充"


def test_extension_no_in_a_ledger_does_not_delete_one(any_db, clerk, handler, chief, tmp_path):
    full_case(any_db, clerk, handler, chief, archive=False)
    svc = LedgerService(any_db, fixed_today(TODAY))
    svc.export_file(tmp_path / "out.xlsx")
    path = drop_columns(tmp_path / "out.xlsx", {"延期天数", "延期理由"})
    wb = openpyxl.load_workbook(path)
    col = {c.value: i for i, c in enumerate(wb.active[1], start=1)}
    wb.active.cell(2, col["延期"], "否")
    wb.save(path)
    result = svc.import_file(clerk, path)
    assert [str(r) for r in result.refusals] == [
        "第2行（全-1）“延期”列：本案已批准延期10个工作日，台账写“否”：导入不删除延期记录"]
    requests = RequestService(any_db, fixed_today(TODAY))
    assert [e.days for e in requests.detail(requests.find_id("全-1")).extensions] == [10]


def test_a_locked_report_year_is_not_changed_by_an_import(any_db, clerk, chief, tmp_path):
    """Cases replied in a locked year are reported; new cases received in it are refused (the locked
    figures would change silently otherwise); other years import as usual."""
    from app.services.reports.report_service import ReportService
    from tests.services.ledger.test_ledger import GOOD, write

    svc = LedgerService(any_db, fixed_today(TODAY))
    assert svc.import_file(clerk, write(tmp_path / "a.xlsx", GOOD[:1])).created == 1   # T-1, replied 2025-02-10
    ReportService(any_db, fixed_today(TODAY)).lock(chief, 2025)
    rows = [list(GOOD[0]), list(GOOD[1])]
    rows[0][14] = "补记备注"
    rows.append(["N-1", "2026-03-02", "当面", "孙七", "自然人", "某文件", None, None, None, None, None, None, None,
                 None, None])
    result = svc.import_file(clerk, write(tmp_path / "b.xlsx", rows))
    assert (result.created, result.updated) == (1, 0)
    assert [str(r) for r in result.refusals] == [
        "第2行（T-1）：本案所在年度的年度报告已锁定，导入不修改（台账中备注与系统不同）；如确需修改，请先在系统中解锁",
        "第3行（T-2）：收到日期在2025年，该年度报告已锁定，导入新申请会改变已锁定的数字；如确需导入，请先解锁该年度报告"]


@pytest.mark.parametrize("status_columns", [True, False], ids=["with-状态", "without-状态"])
def test_a_case_awaiting_sign_off_round_trips(any_db, clerk, handler, tmp_path, status_columns):
    """Its proposed outcome is exported as version 1 did (办理结果 without 答复日期), and the unchanged
    export re-imports as nothing changed, still 待签批 — with or without the 状态 column."""
    requests, cases = RequestService(any_db, fixed_today(TODAY)), CaseService(any_db, fixed_today(TODAY))
    d = requests.register(clerk, RequestInput("李四", "自然人", "当面", "申请公开某批复", date(2025, 6, 2),
                                              number="签-1"))
    d = cases.assign(clerk, d.id, d.version, add_department(any_db, "用地科"))
    cases.submit(handler, d.id, d.version, "予以公开", reasons="可以公开")
    svc = LedgerService(any_db, fixed_today(TODAY))
    svc.export_file(tmp_path / "out.xlsx")
    row = {h.value: c.value for h, c in zip(*openpyxl.load_workbook(tmp_path / "out.xlsx").active.iter_rows(max_row=2))}
    assert (row["办理结果"], row["答复日期"], row["答复类型"], row["状态"]) == ("予以公开", None, "予以公开", "待签批")
    if not status_columns:
        drop_columns(tmp_path / "out.xlsx", {"状态", "应答复日期"})
    before = dump(any_db)
    result = svc.import_file(clerk, tmp_path / "out.xlsx")
    assert (result.ok, result.unchanged, result.refusals) == (True, 1, ()), result.errors
    assert dump(any_db) == before
