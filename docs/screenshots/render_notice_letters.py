"""Render the letters issues 18/19 changed (notices before recitals, Art 32/35, 送达回证 per document, wording)
as PNG pages: each case walked through the services as a clerk, handler and chief would, each letter saved
as PDF and drawn by ``pdftoppm -png -r 60``.
Run from the repository root: python docs/screenshots/render_notice_letters.py OUT_DIR"""
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.exports.letters.kinds import LetterKind  # noqa: E402
from app.services.container import Services  # noqa: E402
from app.services.dto import RequestInput  # noqa: E402
from app.services.uow import Database  # noqa: E402
from app.workflow.deadline import PauseKind  # noqa: E402
from app.workflow.outcomes import Outcome  # noqa: E402
from app.workflow.vocabulary import Role  # noqa: E402

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
TODAY = date(2025, 6, 30)
tmp = Path(tempfile.mkdtemp(prefix="dd_letters."))
s = Services.build(Database.open(str(tmp / "desk.sqlite3")), lambda: TODAY)
s.office.create_user(None, "admin", "管理员", Role.ADMIN, "secret1")
admin = s.office.login("admin", "secret1")
s.settings.save(admin, replace(s.settings.load(), agency_name="江南市自然资源和规划局", agency_short="江南自然资规",
                               review_body="江南市人民政府", court="江南市江北区人民法院",
                               fee_payment="缴入江南市财政局非税收入汇缴结算户（账号：1234）"))
dept = s.office.save_department(admin, "规划科").id
for u, n, r in (("clerk1", "王登记", Role.CLERK), ("handler1", "李承办", Role.HANDLER), ("chief1", "赵科长", Role.CHIEF)):
    s.office.create_user(admin, u, n, r, "secret1", dept)
clerk, handler, chief = (s.office.login(u, "secret1") for u in ("clerk1", "handler1", "chief1"))


def case(name, description="申请公开江南花园小区建设工程规划许可证及附图", **kw):
    d = s.requests.register(clerk, RequestInput(applicant_name=name, applicant_type="自然人", channel="当面",
                                                arrival_date=date(2025, 6, 3), description=description,
                                                requested_form="纸质", delivery="邮寄", address="江南市人民路8号"))
    return s.cases.assign(clerk, d.id, d.version, dept)


def save(rid, kind, name, served=None):
    letter = s.letters.issue(clerk if kind is not LetterKind.REPLY else handler, rid, kind, served)
    pdf = OUT / f"{name}.pdf"
    s.letters.save_file(letter.id, pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(OUT / name)], check=True)
    pdf.unlink()
    return letter


# 部分公开 naming the chosen ground, the disclosable part sent; extension notice recited with 文号 and date
d = case("欧阳明月")
d = s.cases.approve_extension(chief, d.id, d.version, date(2025, 6, 27), 10, "需调取2019年的规划档案并逐卷核对")
ext = s.letters.sign(chief, s.letters.letters(d.id)[-1].id)
d = s.notices.record_served(clerk, d.id, d.version, ext.id, TODAY)
d = s.cases.submit(handler, d.id, d.version, "部分公开", reasons="附图中载有相邻住户的姓名和住址，属于个人隐私",
                   withheld_ground="三.4")
save(d.id, LetterKind.REPLY, "答复书-部分公开-延期已告知")
# 三.2 with the prohibiting law in the 根据 clause; 三.8 with 36(7)
d = case("张建国")
d = s.cases.submit(handler, d.id, d.version, "不予公开", Outcome.LAW_FORBIDS,
                   "该档案属于《中华人民共和国档案法》第二十八条规定的未开放档案")
save(d.id, LetterKind.REPLY, "答复书-不予公开-三2")
d = case("上官婉儿", "申请公开江南花园小区3幢的不动产登记簿")
d = s.cases.submit(handler, d.id, d.version, "不予公开", Outcome.INQUIRY, "不动产登记资料依法查询",
                   query_law="《不动产登记暂行条例》第二十七条", access_route="到江南市不动产登记中心（人民路2号）查询")
save(d.id, LetterKind.REPLY, "答复书-不予公开-三8")
# Art 35: request signed and served, no answer by the deadline → 五.4; reasons judged reasonable → 延迟答复
on_0604 = Services.build(s.db, lambda: date(2025, 6, 4))
for name, answer, on, note in (("黄海涛", "逾期未说明", date(2025, 6, 27), ""),
                               ("李四", "理由合理", date(2025, 6, 20), "诉讼举证所需，已列明卷宗范围")):
    d = case(name, "申请公开2010年以来全部建设工程规划许可档案")
    asked = on_0604.letters.sign(chief, on_0604.letters.issue(clerk, d.id, LetterKind.REASONS_REQUEST).id)
    d = s.notices.record_served(clerk, d.id, d.version, asked.id, date(2025, 6, 5))
    d = s.notices.record_reasons_answer(clerk, d.id, d.version, answer, on, note)
    if answer == "逾期未说明":
        d = s.cases.submit(handler, d.id, d.version, "不予处理", Outcome.EXCESSIVE)
        save(d.id, LetterKind.REPLY, "答复书-不予处理-五4-逾期未说明")
    else:
        d = s.cases.set_reasonable_deadline(chief, d.id, d.version, date(2025, 8, 29), "档案共1200卷，需逐卷调阅")
        save(d.id, LetterKind.REASONABLE_DEADLINE, "延迟答复告知书")
# 送达回证 for the 决定公开政府信息告知书, served on the third party
d = case("王五")
d = s.cases.start_consultation(handler, d.id, d.version, PauseKind.THIRD_PARTY, "江南置业有限公司", date(2025, 6, 5))
s.letters.sign(chief, s.letters.issue(handler, d.id, LetterKind.CONSULTATION).id)
d = s.cases.end_consultation(handler, d.id, d.version, date(2025, 6, 20), "涉及本公司商业秘密", "不同意")
d = s.letter_facts.decide_disclosure_over_objection(handler, d.id, d.version, d.consultations[-1].id,
                                                    "该项目涉及周边居民采光和通行，不公开可能对公共利益造成重大影响")
s.letters.sign(chief, s.letters.issue(clerk, d.id, LetterKind.DISCLOSURE_DECISION).id)
save(d.id, LetterKind.SERVICE, "送达回证-决定公开告知书", LetterKind.DISCLOSURE_DECISION)
print(sorted(p.name for p in OUT.glob("*.png")))
# 催办通知 (a brief typed with its own 。) and 会商纪要 (a topic typed as “…会商”)
d = case("赵六", "申请公开江南花园小区规划许可证及附图")
task = s.tasks.add_task(clerk, d.id, dept, "核查是否涉及第三方商业秘密。", date(2025, 6, 27))
notice = s.supervision.urge(clerk, task.id, task.version)
for name, path in (("催办通知", s.supervision.save_notice(clerk, notice.id, OUT / "催办通知.pdf")),
                   ("会商纪要", s.deliberations.save_minutes(clerk, s.deliberations.create(
                       chief, date(2025, 6, 27), "会议", "疑难申请会商", "赵科长、李承办", "规划科", d.id,
                       "予以公开").id, OUT / "会商纪要.pdf"))):
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(OUT / name)], check=True)
    path.unlink()
print(sorted(p.name for p in OUT.glob("*.png")))
