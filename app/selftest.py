"""``selftest``: check, in a temporary folder, that this installation can do the whole job."""

from __future__ import annotations

import shutil
import tempfile
import traceback
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Callable

# Fixed dates inside the published calendar, so the test gives the same result in any year.
TODAY = date(2025, 12, 15)
REPORT_YEAR = 2025
DEMO_CASES = 30        # played through the services with their letters: about 25 s


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str


class SelfTestContext:
    """What the checks share: the temporary folder, the database once opened, a logged-in administrator."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.db = None
        self.admin = None
        self.request_id: int | None = None

    def close(self) -> None:
        if self.db is not None:
            self.db.dispose()


def check_database(ctx: SelfTestContext) -> str:
    from sqlalchemy import text

    from app.services.database import head_revision
    from app.services.uow import Database

    try:
        ctx.db = Database.open(str(ctx.folder / "selftest.sqlite3"))
        with ctx.db.engine.connect() as conn:
            current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception as e:
        raise RuntimeError(f"无法打开或迁移数据库：{str(e).splitlines()[0]}") from e
    head = head_revision()
    if current != head:
        raise RuntimeError(f"迁移后数据库版本为{current}，应为{head}")
    return f"新建数据库并迁移到最新版本（{head}）"


def check_calendar(ctx: SelfTestContext) -> str:
    from app.workflow.calendar import StatutoryCalendar, published_years

    years = published_years()
    if not years:
        raise RuntimeError("未读到国务院节假日安排数据（chinesecalendar）")
    cal = StatutoryCalendar()
    # 2025-10-01 is 国庆节 and 2025-09-28 (a Sunday) a 调休 working day (国办发明电〔2024〕12号).
    if cal.is_workday(date(2025, 10, 1)) or not cal.is_workday(date(2025, 9, 28)):
        raise RuntimeError("2025年国庆节及调休安排读取有误")
    note = "" if date.today().year in years else f"；本年度（{date.today().year}）安排尚未收录，请在“管理”中录入"
    return f"已载入{min(years)}—{max(years)}年节假日与调休安排{note}"


def check_segmenter(ctx: SelfTestContext) -> str:
    from app.workflow.subjects import keywords

    words = keywords("申请公开某小区规划许可证及附图")
    if "规划" not in words and "规划许可证" not in words:
        raise RuntimeError(f"jieba分词结果异常：{sorted(words)}")
    return f"jieba词典已载入（示例：{'、'.join(sorted(words))}）"


def check_fonts(ctx: SelfTestContext) -> str:
    from app.exports.fonts import embed_check, pdf_font

    found = []
    for role, label in (("fangsong", "仿宋"), ("song", "宋体/标题"), ("hei", "黑体")):
        font = pdf_font(role)
        embed_check(font, ctx.folder / f"font-{role}.pdf")
        found.append(f"{label}：{font.path.name}")
    return "可嵌入PDF的字体 " + "；".join(found)


def _admin(ctx: SelfTestContext):
    from app.services.trust.office_service import OfficeService
    from app.workflow.vocabulary import Role

    if ctx.admin is None:
        office = OfficeService(ctx.db)
        office.create_user(None, "selftest", "自检管理员", Role.ADMIN, "selftest-password")
        ctx.admin = office.login("selftest", "selftest-password")
    return ctx.admin


def check_letter(ctx: SelfTestContext) -> str:
    from app.exports.letters.kinds import LetterKind
    from app.services.cases.case_service import CaseService
    from app.services.dto import RequestInput
    from app.services.letters.letter_service import LetterService
    from app.services.trust.office_service import OfficeService
    from app.services.cases.request_service import RequestService
    from app.services.settings_service import SettingsService
    from app.workflow.outcomes import Outcome

    if ctx.db is None:
        raise RuntimeError("数据库未能打开，无法出具文书")
    admin = _admin(ctx)
    today = lambda: TODAY  # noqa: E731
    settings = SettingsService(ctx.db, today)        # letters wait for the office's own names
    settings.save(admin, replace(settings.load(), agency_name="自检市自然资源和规划局", agency_short="自检资规",
                                 review_body="自检市人民政府", court="自检市人民法院"))
    dept = OfficeService(ctx.db).save_department(admin, "自检处室")
    requests, cases, letters = RequestService(ctx.db, today), CaseService(ctx.db, today), LetterService(ctx.db, today)
    d = requests.register(admin, RequestInput(
        applicant_name="张𠀾三", applicant_type="自然人", channel="当面", arrival_date=date(2025, 12, 1),
        description="申请公开某小区规划许可证及附图"))
    d = cases.assign(admin, d.id, d.version, dept.id)
    d = cases.submit(admin, d.id, d.version, decision="予以公开", outcome=Outcome.DISCLOSED)
    ctx.request_id = d.id
    letter = letters.issue(admin, d.id, LetterKind.REPLY)
    docx = letters.save_file(letter.id, ctx.folder / "答复书.docx")
    pdf = letters.save_file(letter.id, ctx.folder / "答复书.pdf")
    _expect_docx(docx, "张𠀾三")
    _expect_pdf(pdf)
    return f"答复书 {letter.doc_number}：Word {docx.stat().st_size // 1024} KB，PDF {pdf.stat().st_size // 1024} KB"


def check_annual_report(ctx: SelfTestContext) -> str:
    from app.services.demos.demo import fill_demo
    from app.services.reports.report_service import ReportService
    from app.services.uow import Database

    db = Database.open(str(ctx.folder / "selftest-report.sqlite3"))   # demo cases go into an empty one
    try:
        fill_demo(db, cases=DEMO_CASES, today=TODAY)
        service, sizes = ReportService(db, lambda: TODAY), []
        for suffix in ("xlsx", "docx", "pdf"):
            out = ctx.folder / f"{REPORT_YEAR}年度报告.{suffix}"
            service.export(REPORT_YEAR, out)
            {"xlsx": _expect_xlsx, "docx": _expect_docx, "pdf": _expect_pdf}[suffix](out)
            sizes.append(f"{suffix} {out.stat().st_size // 1024} KB")
    finally:
        db.dispose()
    return f"{REPORT_YEAR}年度报告（{DEMO_CASES}件演示申请）：" + "，".join(sizes)


def check_manual(ctx: SelfTestContext) -> str:
    """帮助 → 用户手册 (F1) reads the manual and its pictures from the installation."""
    import re

    from app.resources import manual_path

    path = manual_path()
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", path.read_text(encoding="utf-8"))
    missing = [p for p in pictures if not (path.parent / p).is_file()]
    if missing:
        raise RuntimeError(f"用户手册缺少插图：{'、'.join(missing)}")
    return f"{path.name}，插图{len(pictures)}幅"


def check_exchange(ctx: SelfTestContext) -> str:
    """``exchange import`` reads the published JSON Schema and validates with jsonschema's meta-schemas."""
    from datetime import datetime

    from app.exchange.documents import AgencyId, monthly_document
    from app.exchange.format import Period
    from app.exchange.monthly import monthly_figures
    from app.exchange.schema import schema_path, schema_problems

    doc = monthly_document(AgencyId("SELFTEST01", "自检机关"), Period(2025, 1), monthly_figures([], 2025, 1),
                           datetime(2026, 1, 1))
    if schema_problems(doc) or not schema_problems({**doc, "version": "1"}):
        raise RuntimeError("数据交换格式校验结果不对")
    return schema_path().name


def check_qt(ctx: SelfTestContext) -> str:
    from app.ui.selftest_qt import qt_offscreen_check

    return qt_offscreen_check(ctx.folder)


def _expect_docx(path: Path, text: str = "") -> None:
    from docx import Document

    doc = Document(str(path))
    body = "".join(p.text for p in doc.paragraphs) + "".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells)
    if not body.strip() or (text and text not in body):
        raise RuntimeError(f"{path.name} 内容不完整")


def _expect_pdf(path: Path) -> None:
    data = path.read_bytes()
    if not data.startswith(b"%PDF") or b"/FontFile2" not in data:
        raise RuntimeError(f"{path.name} 不是嵌入了字体的PDF")


def _expect_xlsx(path: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    if not wb.sheetnames:
        raise RuntimeError(f"{path.name} 没有工作表")
    wb.close()


CHECKS: tuple[tuple[str, Callable[[SelfTestContext], str]], ...] = (
    ("数据库打开与迁移", check_database),
    ("节假日日历", check_calendar),
    ("中文分词词典", check_segmenter),
    ("中文字体", check_fonts),
    ("文书（Word、PDF）", check_letter),
    ("年度报告（xlsx、docx、pdf）", check_annual_report),
    ("用户手册", check_manual),
    ("数据交换格式", check_exchange),
    ("界面（Qt离屏启动）", check_qt),
)


def run_selftest(folder: Path | None = None, keep: bool = False,
                 out: Callable[[str], None] = print) -> list[CheckResult]:
    """Run every check in a temporary folder (removed afterwards unless ``keep``); one line per check."""
    made = folder is None
    folder = Path(folder or tempfile.mkdtemp(prefix="disclosure-desk-selftest-"))
    folder.mkdir(parents=True, exist_ok=True)
    out(f"自检目录：{folder}")
    ctx, results = SelfTestContext(folder), []
    try:
        for name, check in CHECKS:
            try:
                result = CheckResult(name, True, check(ctx))
            except Exception as e:  # noqa: BLE001 - every failure is reported by the check's name
                detail = str(e) or type(e).__name__
                result = CheckResult(name, False, f"{detail}（{type(e).__name__}）")
                out("".join(traceback.format_exception_only(type(e), e)).rstrip())
            out(f"[{'通过' if result.ok else '失败'}] {result.name}：{result.detail}")
            results.append(result)
    finally:
        ctx.close()
        if made and not keep:
            shutil.rmtree(folder, ignore_errors=True)
    return results


def summary(results: list[CheckResult]) -> tuple[int, str]:
    failed = [r.name for r in results if not r.ok]
    if failed:
        return 1, f"自检未通过：{'、'.join(failed)}。"
    return 0, f"自检通过：{len(results)}项检查全部正常。"
