"""A realistic year of demo cases, written through the ledger importer's bulk path."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import func, select

from app.models import Request, ReviewCase, User
from app.services.dto import SYSTEM
from app.services.clock import load_calendar
from app.services.ledger_apply import departments, insert_rows
from app.services.settings_service import load_settings
from app.services.passwords import hash_password
from app.services.uow import Database
from app.workflow.calendar import StatutoryCalendar
from app.workflow.ledger_row import LedgerRow
from app.workflow.outcomes import Outcome
from app.workflow.status import Status
from app.workflow.vocabulary import ApplicantType, Role

DEPARTMENTS = ("办公室", "规划科", "用地科", "执法监察支队", "不动产登记中心", "法规科")
SUBJECTS = ("某小区规划许可证及附图", "某道路改造工程立项批复", "某地块征收补偿安置方案", "某企业环评审批文件",
            "某街道拆迁补偿标准", "某建设项目用地预审意见", "某行政处罚决定书", "某农村宅基地审批材料",
            "某学校扩建工程规划设计条件", "某产业园区招商优惠政策", "某河道整治工程验收报告",
            "某商品房项目竣工验收备案表", "某村集体土地征收批复", "本局2025年度部门预算")
NAMES = ("张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴霞", "徐明", "孙丽")
ORGS = {
    ApplicantType.BUSINESS: ("某某科技有限公司", "某某置业有限公司", "某某建设集团有限公司"),
    ApplicantType.RESEARCH: ("某某大学城市规划研究院", "某某社会科学研究所"),
    ApplicantType.PUBLIC_INTEREST: ("某某环保公益协会", "某某消费者权益保护志愿者协会"),
    ApplicantType.LEGAL_SERVICE: ("某某律师事务所", "某某法律援助中心"),
    ApplicantType.OTHER: ("某某村民委员会", "某某业主委员会"),
}
CHANNELS = ("当面", "邮寄", "网络", "网络", "网络", "电子邮件", "平信")
OUTCOMES = ([Outcome.DISCLOSED] * 10 + [Outcome.PARTIAL] * 3 + [Outcome.NOT_HELD] * 4 +
            [Outcome.THIRD_PARTY, Outcome.PROCESS_INFO, Outcome.STATE_SECRET, Outcome.NEEDS_CREATION,
             Outcome.PETITION, Outcome.REPEATED, Outcome.PUBLICATION, Outcome.OTHER, Outcome.NO_CORRECTION])
DEMO_USERS = (("wangdj", "王登记", Role.CLERK), ("licb", "李承办", Role.HANDLER),
              ("zhaokz", "赵科长", Role.CHIEF))
DEMO_PASSWORD = "demo1234"


def _applicant(rng: random.Random) -> tuple[str, str]:
    kind = rng.choices(list(ApplicantType), weights=(70, 14, 3, 4, 5, 4))[0]
    if kind is ApplicantType.PERSON:
        return rng.choice(NAMES), kind.value
    return rng.choice(ORGS[kind]), kind.value


def _open_status(rng: random.Random, age: int) -> Status:
    if age < 3:
        return rng.choice((Status.REGISTERED, Status.REGISTERED, Status.HANDLING))
    return rng.choice((Status.HANDLING, Status.HANDLING, Status.CONSULTING, Status.SIGN_OFF,
                       Status.APPROVED, Status.RETURNED))


def demo_rows(today: date, cases: int, seed: int = 2026) -> list[LedgerRow]:
    rng = random.Random(seed)
    cal = StatutoryCalendar()
    start = date(today.year - 1, 10, 1)
    span = (today - start).days
    rows = []
    for i in range(cases):
        receipt = start + timedelta(days=int(span * (i / cases) ** 0.9))
        while not cal.is_workday(receipt):
            receipt -= timedelta(days=1)
        name, a_type = _applicant(rng)
        age = cal.workdays_between(receipt, today)
        subject = rng.choice(SUBJECTS)
        corr = rng.random() < 0.08
        corr_req = cal.add_workdays(receipt, 3) if corr and age > 4 else None
        corr_rec = cal.add_workdays(corr_req, 6) if corr_req and age > 12 else None
        consult = rng.random() < 0.1 and age > 8
        c_start = cal.add_workdays(corr_rec or receipt, 5) if consult else None
        c_end = cal.add_workdays(c_start, 12) if consult and age > 20 else None
        extended = rng.random() < 0.07 and age > 15
        closed = age > rng.randint(12, 24) and not (corr_req and not corr_rec) and not (c_start and not c_end)
        outcome = rng.choice(OUTCOMES) if closed else None
        reply = None
        if closed:
            took = rng.randint(8, 19 + (20 if extended else 0))
            reply = min(cal.add_workdays(c_end or corr_rec or receipt, took), today)
        if outcome is Outcome.NO_CORRECTION:
            outcome = Outcome.NOT_HELD
        if corr_req and not corr_rec:
            status = Status.AWAITING_CORRECTION
        elif c_start and not c_end:
            status = Status.CONSULTING
        elif closed:
            status = Status.ARCHIVED if (today - reply).days > 30 else Status.REPLIED
        else:
            status = _open_status(rng, age)
        dept = "" if status in (Status.REGISTERED, Status.AWAITING_CORRECTION) else rng.choice(DEPARTMENTS)
        rows.append(LedgerRow(
            i + 2, f"演示〔{receipt.year}〕{i + 1}号", receipt, rng.choice(CHANNELS), name, a_type,
            f"申请公开{subject}", dept, corr_req, corr_rec, c_start, c_end, extended, outcome, reply,
            "", status))
    return rows


def fill_demo(db: Database, cases: int = 240, today: date | None = None) -> str:
    """Fill an empty database with demo cases, demo users and a few review cases."""
    today = today or date.today()
    with db.uow() as uow:
        if uow.session.scalar(select(func.count(Request.id))):
            return "数据库中已有申请，未生成演示数据。"
    rows = demo_rows(today, cases)
    with db.uow() as uow:
        s = uow.session
        depts = departments(s, SYSTEM, {r.department for r in rows if r.department})
        insert_rows(s, SYSTEM, rows, depts, load_calendar(s), load_settings(s).policy, today, "演示数据")
        uow.commit()
    with db.uow() as uow:
        s = uow.session
        for username, name, role in DEMO_USERS:
            if not s.scalar(select(User.id).where(User.username == username)):
                s.add(User(username=username, display_name=name, role=role.value,
                           password_hash=hash_password(DEMO_PASSWORD)))
        ids = s.scalars(select(Request.id).where(Request.reply_date.is_not(None)).limit(3)).all()
        for rid, (kind, result_) in zip(ids, (("行政复议", "维持"), ("行政复议", ""), ("未经复议直接起诉", ""))):
            s.add(ReviewCase(request_id=rid, kind=kind, filed_on=today - timedelta(days=40),
                             result=result_, decided_on=today - timedelta(days=5) if result_ else None))
        uow.commit()
    return f"新增{len(rows)}件申请；演示用户 wangdj/licb/zhaokz，密码 {DEMO_PASSWORD}"
