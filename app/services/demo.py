"""A realistic year of demo cases, written through the ledger importer's bulk path."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import func, select

from app.exports.letters.kinds import LetterKind
from app.models import AnnualReport, Request, ReviewCase, Setting, User
from app.services.audit import record
from app.services.dto import SYSTEM, Actor
from app.services.letter_backfill import issue_signed
from app.services.clock import load_calendar
from app.services.ledger_apply import departments, insert_rows
from app.services.settings_service import OfficeSettings, load_settings
from app.services.passwords import hash_password
from app.services.uow import Database
from app.workflow.calendar import StatutoryCalendar
from app.workflow.ledger_row import LedgerRow
from app.workflow.outcomes import Outcome
from app.workflow.status import Status
from app.workflow.vocabulary import ApplicantType, Role, ServiceMethod
from app.services.demo_story import (
    AGENCIES, CORRECTION_ITEMS, DECIDED_OPEN, DECISIONS, DEMO_OFFICE, OPINIONS, SERVICE_FOR, THIRD_PARTIES,
    consultation_answer, decided_outcome,
)

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
DEMO_MARK = "demo_database"        # settings key: the date demo data was written


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
        if outcome is None and status in DECIDED_OPEN:
            outcome = decided_outcome(rng)
        decision, reasons = DECISIONS.get(outcome, ("", ""))
        third = rng.random() < 0.7
        delivery = rng.choice(("邮寄", "电子邮件", "自行领取"))
        texts = {"获取方式": delivery, "提供形式": "电子" if delivery == "电子邮件" else "纸质",
                 "通信地址": "江南市江北区人民路88号", "电子邮箱": "applicant@example.cn",
                 "补正事项": rng.choice(CORRECTION_ITEMS) if corr_req else "",
                 "征求意见对象": (rng.choice(THIRD_PARTIES) if third else rng.choice(AGENCIES)) if c_start else "",
                 "征求意见类型": ("第三方" if third else "其他机关") if c_start else "",
                 "延期理由": "需要调取档案馆存档材料并会同相关科室核实" if extended else "",
                 "答复理由": reasons}
        rows.append(LedgerRow(
            i + 2, f"演示〔{receipt.year}〕{i + 1}号", receipt, rng.choice(CHANNELS), name, a_type,
            f"申请公开{subject}", dept, corr_req, corr_rec, c_start, c_end, extended, outcome, reply,
            "", status, texts=texts, extension_days=20 if extended else None, decision=decision))
    if len(rows) >= 2 * len(SHOWCASE):
        for k, status in enumerate(SHOWCASE):
            at = len(rows) - len(SHOWCASE) + k
            rows[at] = _showcase(rows[at], status, rng, cal, today)
    return rows


# The newest cases show every stage a person meets in a day (whatever the random year produced).
SHOWCASE = (Status.REPLIED, Status.REGISTERED, Status.AWAITING_CORRECTION, Status.HANDLING, Status.CONSULTING,
            Status.SIGN_OFF, Status.APPROVED, Status.RETURNED, Status.APPROVED)


def _showcase(r: LedgerRow, status: Status, rng: random.Random, cal: StatutoryCalendar, today: date) -> LedgerRow:
    first = min(cal.add_workdays(r.receipt, 1), today)
    outcome = decided_outcome(rng) if status in (*DECIDED_OPEN, Status.REPLIED) else None
    decision, reasons = DECISIONS.get(outcome, ("", ""))
    consult, correct = status is Status.CONSULTING, status is Status.AWAITING_CORRECTION
    texts = {**r.texts, "答复理由": reasons, "延期理由": "",
             "补正事项": CORRECTION_ITEMS[0] if correct else "",
             "征求意见对象": rng.choice(THIRD_PARTIES) if consult else "", "征求意见类型": "第三方" if consult else ""}
    reply = today if status is Status.REPLIED else None
    return replace(r, status=status, outcome=outcome, reply_date=reply, decision=decision, texts=texts,
                   correction_requested=first if correct else None, correction_received=None,
                   consultation_start=first if consult else None, consultation_end=None,
                   extended=False, extension_days=None,
                   department="" if status in (Status.REGISTERED, Status.AWAITING_CORRECTION)
                   else (r.department or DEPARTMENTS[1]))


def fill_demo(db: Database, cases: int = 120, today: date | None = None, admin_password: str = "") -> str:
    """Fill a database that has no cases with demo cases, demo users and a few review cases, in one
    transaction; ``admin_password`` also creates the administrator (a new database from the command line).

    Every case carries what its status requires: a decision and 答复理由 from 待签批 on, a signed
    答复书 with 文号 and 送达 once replied, parties and answers on consultations, items on 补正 notices.
    """
    today = today or date.today()
    rng = random.Random(today.toordinal())
    rows = demo_rows(today, cases)
    with db.uow() as uow:
        s = uow.session
        if s.scalar(select(func.count(Request.id))):
            return "数据库中已有申请，未生成演示数据。"
        if admin_password:
            s.add(User(username="admin", display_name="系统管理员", role=Role.ADMIN.value,
                       password_hash=hash_password(admin_password)))
            record(s, SYSTEM, "新建用户", None, "用户", "", f"系统管理员（{Role.ADMIN}）", "演示数据")
        for username, name, role in DEMO_USERS:
            if not s.scalar(select(User.id).where(User.username == username)):
                s.add(User(username=username, display_name=name, role=role.value,
                           password_hash=hash_password(DEMO_PASSWORD)))
                record(s, SYSTEM, "新建用户", None, "用户", "", f"{name}（{role}）", "演示数据")
        _demo_office(s)
        depts = departments(s, SYSTEM, {r.department for r in rows if r.department})
        insert_rows(s, SYSTEM, rows, depts, load_calendar(s), load_settings(s).policy, today, "演示数据")
        s.flush()
        letters = _tell_the_story(s, rng, today)
        ids = s.scalars(select(Request.id).where(Request.reply_date.is_not(None)).limit(3)).all()
        for rid, (kind, result_) in zip(ids, (("行政复议", "维持"), ("行政复议", ""), ("未经复议直接起诉", ""))):
            s.add(ReviewCase(request_id=rid, kind=kind, filed_on=today - timedelta(days=40),
                             result=result_, decided_on=today - timedelta(days=5) if result_ else None))
        _draft_report_texts(s, (today.year - 1, today.year))
        s.merge(Setting(key=DEMO_MARK, value=json.dumps(today.isoformat())))
        uow.commit()
    return (f"新增{len(rows)}件申请（{letters}份已签发的答复书）；"
            f"演示用户 wangdj/licb/zhaokz，密码 {DEMO_PASSWORD}")


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


def _tell_the_story(s, rng: random.Random, today: date) -> int:
    """Opinions, the consulted parties' answers, and the signed 答复书 of every case that needs one."""
    settings, cal = load_settings(s), load_calendar(s)
    clerk, handler, chief = (Actor(u, n, r) for u, n, r in DEMO_USERS)
    # 文号 rise with the dates: replies in date order, then the signed letters awaiting service
    reqs = s.scalars(select(Request).order_by(Request.reply_date.is_(None), Request.reply_date, Request.id)).all()
    letters = 0
    for req in reqs:
        outcome = Outcome.from_code(req.outcome) if req.outcome else None
        req.handling_opinion = OPINIONS.get(req.decision, "")
        for c in req.consultations:
            if c.answered_on is not None:
                c.answer, c.opinion = consultation_answer(outcome, rng)
                record(s, handler, "征求意见结束", req.id, f"{c.party}意见", "", c.answer, c.opinion)
        if req.outcome == Outcome.PARTIAL.code and not req.withheld_ground:
            req.withheld_ground = "三.4"           # the consulted company's trade secrets are withheld
        if req.outcome == Outcome.PUBLICATION.code and not req.access_route:
            req.access_route = "该信息已刊登于《江南市人民政府公报》2025年第6期，可在江南市图书馆、档案馆查阅"
        status = Status(req.status)
        needs_letter = status is Status.APPROVED or (status in (Status.REPLIED, Status.ARCHIVED) and req.decision)
        if not needs_letter:
            continue
        s.flush()
        letter = issue_signed(s, clerk, chief, req.id, LetterKind.REPLY, req.reply_date or today, settings, cal)
        letters += 1
        if status is not Status.APPROVED:
            method = SERVICE_FOR.get(req.delivery, ServiceMethod.POST)
            req.reply_doc_number, req.service_method, req.service_date = (
                letter.doc_number, method.value, req.reply_date)
            record(s, clerk, "送达", req.id, "送达文书", "", letter.doc_number, f"{method.value}（{req.reply_date}）")
    return letters


