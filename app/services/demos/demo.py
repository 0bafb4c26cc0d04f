"""A realistic year of demo cases, played through the same services and rules as a clerk's."""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy import func, select

from app.models import AnnualReport, Department, Request, Setting, User
from app.services.trust.audit import record
from app.services.clock import load_calendar
from app.services.demos.demo_plan import plan_year
from app.services.demos.demo_runner import DemoClock, DemoRunner
from app.services.demos.demo_story import DEMO_OFFICE
from app.services.dto import SYSTEM
from app.services.trust.office_service import OfficeService
from app.services.trust.credentials import store_password
from app.services.reports.review_register import ReviewInput, ReviewRegister
from app.services.settings_service import OfficeSettings, load_settings
from app.services.uow import Database
from app.workflow.outcomes import Outcome
from app.workflow.vocabulary import Role

DEPARTMENTS = ("规划科", "用地科", "不动产登记中心", "法规科", "办公室")
DEMO_USERS = (("wangdj", "王登记", Role.CLERK), ("licb", "李承办", Role.HANDLER),
              ("zhaokz", "赵科长", Role.CHIEF))
DEMO_PASSWORD = "demo1234"
DEMO_MARK = "demo_database"        # settings key: the date demo data was written


def fill_demo(db: Database, cases: int = 120, today: date | None = None, admin_password: str = "") -> str:
    """Fill a database that has no cases with a demo year: the demo users (and, with ``admin_password``,
    the administrator of a new database) then every case played through the services as a clerk, handler
    and chief would, day by day: registered, 补正, consulted, extended, decided, signed, replied, archived,
    each notice issued and signed on its day. A few review cases follow, and section 五's draft."""
    today = today or date.today()
    with db.uow() as uow:
        s = uow.session
        if s.scalar(select(func.count(Request.id))):
            return "数据库中已有申请，未生成演示数据。"
        _demo_users(s, admin_password)
        _demo_office(s)
        depts = _demo_departments(s)
        s.merge(Setting(key=DEMO_MARK, value=json.dumps(today.isoformat())))
        uow.commit()
    office = OfficeService(db)
    clerk, handler, chief = (office.login(u, DEMO_PASSWORD, "演示数据") for u, _n, _r in DEMO_USERS)
    try:
        clock = DemoClock(today)
        runner = DemoRunner(db, clock, clerk, handler, chief)
        stories = plan_year(today, cases, load_calendar_of(db))
        played = runner.run(stories, [depts[n] for n in DEPARTMENTS], today)
        clock.day = today
        _demo_reviews(ReviewRegister(db, clock), clerk, played, today)
    finally:
        for actor in (clerk, handler, chief):
            office.logout(actor)
    with db.uow() as uow:
        _draft_report_texts(uow.session, (today.year - 1, today.year))
        uow.commit()
    return (f"新增{len(stories)}件申请（{runner.replies}份已签发的答复书）；"
            f"演示用户 wangdj/licb/zhaokz，密码 {DEMO_PASSWORD}")


def load_calendar_of(db: Database):
    with db.read() as uow:
        return load_calendar(uow.session)


def _demo_users(s, admin_password: str) -> None:
    if admin_password:
        admin = User(username="admin", display_name="系统管理员", role=Role.ADMIN.value)
        s.add(admin)
        store_password(s, admin, admin_password, unattended=True)
        record(s, SYSTEM, "新建用户", None, "用户", "", f"系统管理员（{Role.ADMIN}）", "演示数据")
    for username, name, role in DEMO_USERS:
        if not s.scalar(select(User.id).where(User.username == username)):
            user = User(username=username, display_name=name, role=role.value)
            s.add(user)
            store_password(s, user, DEMO_PASSWORD, unattended=True)
            record(s, SYSTEM, "新建用户", None, "用户", "", f"{name}（{role}）", "演示数据")


def _demo_departments(s) -> dict[str, int]:
    known = {d.name: d.id for d in s.scalars(select(Department))}
    for name in DEPARTMENTS:
        if name not in known:
            d = Department(name=name)
            s.add(d)
            s.flush()
            known[name] = d.id
            record(s, SYSTEM, "新建处室", field="处室", old="", new=name, reason="演示数据")
    return known


def _demo_reviews(register: ReviewRegister, clerk, played, today: date) -> None:
    """Review cases as the office would register them: review first against refusals (复议前置), a
    lawsuit only against a reply that leaves the choice (信息不存在)."""
    refused = [c for c in played if c.story.reply and c.story.outcome in REVIEW_FIRST]
    not_held = [c for c in played if c.story.reply and c.story.outcome is Outcome.NOT_HELD]
    picks = [(refused[:1], "行政复议", "维持"), (refused[1:2], "行政复议", ""), (not_held[:1], "未经复议直接起诉", "")]
    for found, kind, result in picks:
        for c in found:
            filed = c.story.reply + timedelta(days=20)
            decided = filed + timedelta(days=60) if result else None
            if filed > today:
                continue
            if decided and decided > today:
                result, decided = "", None
            register.add(clerk, ReviewInput(kind, filed, result, decided, c.story.data.number))


REVIEW_FIRST = (Outcome.STATE_SECRET, Outcome.THIRD_PARTY, Outcome.PROCESS_INFO, Outcome.PARTIAL)


# The demo office's draft of section 五 (the full report is not exported with it empty).
DEMO_SECTION_FIVE = ("一是个别承办处室协查答复不够及时，存在临近答复期限才提交的情况；二是部分答复书说理不够充分。"
                     "下一步，将完善协办督办机制，加强答复文书合法性审查，提升依申请公开办理质量。")


# Section 一 and 表二 as the demo office drafted them: the full text is not exported while 一 still says
# “（请填写）” or 表二 is all zeros.
DEMO_SECTION_ONE = "\n".join((
    "（一）主动公开", "本机关依法主动公开规章、行政规范性文件和行政许可、行政处罚等信息，具体数量见第二部分。",
    "（二）依申请公开", "本机关依法登记、审核、办理政府信息公开申请，收到和处理情况见第三部分。",
    "（三）政府信息管理", "本机关落实公开属性源头认定和保密审查制度，定期清理、更新已公开的政府信息。",
    "（四）平台建设", "本机关门户网站“政府信息公开”专栏设主动公开目录、依申请公开指南等栏目，按时更新。",
    "（五）监督保障", "本机关将政府信息公开工作纳入年度考核，组织业务培训2次，未发生责任追究情形。"))
DEMO_TABLE_TWO = {"rules_issued": 0, "rules_repealed": 0, "rules_current": 2, "norms_issued": 3,
                  "norms_repealed": 1, "norms_current": 27, "licences": 412, "penalties": 36, "coercions": 2,
                  "charges_10k_yuan": 0}


def _draft_report_texts(s, years) -> None:
    """Sections 一 and 五 and 表二 drafted for the demo years' reports (audited as demo data)."""
    for year in years:
        row = s.get(AnnualReport, year)
        if row is None:
            row = AnnualReport(year=year, table2_json="{}", sections_json="{}", locked=False, frozen_json="",
                               frozen_fingerprint="", locked_by="", published_next="")
            s.add(row)
        sections = json.loads(row.sections_json or "{}")
        if row.locked or sections.get("五"):
            continue
        sections["五"] = DEMO_SECTION_FIVE
        record(s, SYSTEM, "修改年度报告", field=f"{year}年五、存在的主要问题及改进情况", old="",
               new=DEMO_SECTION_FIVE, reason="演示数据")
        if not sections.get("一"):
            sections["一"] = DEMO_SECTION_ONE
            record(s, SYSTEM, "修改年度报告", field=f"{year}年一、总体情况", old="", new=DEMO_SECTION_ONE,
                   reason="演示数据")
        row.sections_json = json.dumps(sections, ensure_ascii=False)
        if not any(json.loads(row.table2_json or "{}").values()):
            row.table2_json = json.dumps(DEMO_TABLE_TWO, ensure_ascii=False)
            record(s, SYSTEM, "修改年度报告", field=f"{year}年表二", old="", new="演示数字", reason="演示数据")


def _demo_office(s) -> None:
    """An office still on the shipped placeholder settings gets the demo office's name (audited)."""
    current, shipped = load_settings(s), OfficeSettings()
    for key, value in DEMO_OFFICE.items():
        if getattr(current, key) == getattr(shipped, key):
            s.merge(Setting(key=key, value=json.dumps(value, ensure_ascii=False)))
            record(s, SYSTEM, "修改设置", field=key, old=getattr(current, key), new=value, reason="演示数据")
    s.flush()
