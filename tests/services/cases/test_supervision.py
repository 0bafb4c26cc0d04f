"""督办 through the service: the board by department, numbered 催办通知 that escalate, the weekly summary."""
# ruff: noqa: F811

import subprocess
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from app.errors import InvalidTransition
from app.services.cases.task_service import TaskService
from tests.conftest import fixed_today
from tests.services.coordination_support import make_staff
from tests.services.helpers import request_input


@pytest.fixture
def office(any_db):
    return make_staff(any_db, date(2025, 2, 17))     # Monday of the week the tasks fall due


def _case_with_tasks(staff):
    s = staff.services
    d = s.requests.register(staff.clerk, request_input())           # received 2025-01-20, due 2025-02-21
    d = s.cases.assign(staff.clerk, d.id, d.version, staff.depts["规划科"], staff.handler.user_id)
    given = TaskService(s.db, fixed_today(date(2025, 2, 10)))      # given Mon 02-10: never due before that
    law = given.add_task(staff.clerk, d.id, staff.depts["法规科"], "核查是否涉及第三方商业秘密",
                         date(2025, 2, 14))                           # already past on Mon 02-17
    arch = given.add_task(staff.clerk, d.id, staff.depts["档案室"], "调取历史档案")   # default: 02-18
    return d, law, arch


def test_board_groups_by_department_with_levels(office):
    d, law, arch = _case_with_tasks(office)
    board = office.services.supervision.board(office.clerk)
    assert [g.department for g in board] == ["规划科", "法规科", "档案室"]
    by = {g.department: g for g in board}
    # today Mon 02-17; red = within 2 working days (through Wed 02-19), amber within 5 (through Mon 02-24)
    assert [(i.kind, i.due_on, i.level, i.days) for i in by["法规科"].items] == [
        ("协办任务", date(2025, 2, 14), "逾期", -1)]
    assert [(i.kind, i.due_on, i.level, i.days) for i in by["档案室"].items] == [
        ("协办任务", date(2025, 2, 18), "紧急", 1)]
    assert [(i.kind, i.due_on, i.level, i.days) for i in by["规划科"].items] == [
        ("申请", date(2025, 2, 21), "临近", 4)]
    assert [g.department for g in office.services.supervision.board(office.handler2)] == ["法规科"]


def test_second_urge_escalates_to_the_chief_and_the_notice_reads_right(office, tmp_path):
    sup, tasks = office.services.supervision, office.services.tasks
    d, law, arch = _case_with_tasks(office)
    with pytest.raises(InvalidTransition, match="“催办”只能由登记员、科室负责人、管理员办理"):
        sup.urge(office.handler, law.id, law.version)
    first = sup.urge(office.clerk, law.id, law.version)
    assert (first.seq, first.doc_number, first.escalated) == (1, "某自然资规催办〔2025〕1号", False)
    assert tasks.my_tasks(office.chief) == []
    law = tasks.tasks(office.clerk, d.id)[0]
    second = sup.urge(office.clerk, law.id, law.version)
    assert (second.seq, second.doc_number, second.escalated) == (2, "某自然资规催办〔2025〕2号", True)
    assert [(t.department, t.urge_count) for t in tasks.my_tasks(office.chief)] == [("法规科", 2)]

    pdf = sup.save_notice(office.clerk, second.id, tmp_path / "n.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = "".join(text.split())
    assert "催办通知" in flat and "某自然资规催办〔2025〕2号" in flat and "法规科：" in flat
    # due Fri 02-14, today Mon 02-17: one working day late; answer by the next working day, Tue 02-18
    assert "已超过协办期限1个工作日" in flat and "请你处室于2025年2月18日前" in flat
    assert "这是对该事项的第2次催办，本通知同时报赵科长督办" in flat
    assert "该申请的法定答复期限为2025年2月21日" in flat
    # given Mon 02-10, due Fri 02-14 (a task is never due before it is given, issue 18 item 5)
    assert "2025年2月10日已请你处室协办，协查事项：核查是否涉及第三方商业秘密，协办期限为2025年2月14日" in flat
    docx = sup.save_notice(office.clerk, second.id, tmp_path / "n.docx")
    assert "某自然资规催办〔2025〕2号" in "".join(p.text for p in Document(docx).paragraphs)

    events = office.services.requests.detail(d.id).events
    assert [(e.kind, e.new, e.reason) for e in events if e.kind in ("催办", "升级督办")] == [
        ("催办", "某自然资规催办〔2025〕1号", "第1次催办"), ("催办", "某自然资规催办〔2025〕2号", "第2次催办"),
        ("升级督办", "科室负责人督办", "第二次催办仍未答复，报科室负责人督办")]
    # the department answers after the 催办: late, and the task leaves the chief's workbench
    law = tasks.tasks(office.clerk, d.id)[0]
    law = tasks.answer(office.handler2, law.id, law.version, "不涉及", "存在", "予以公开")
    assert law.answered_late and tasks.my_tasks(office.chief) == []
    with pytest.raises(InvalidTransition, match="协办任务当前为“已答复”，不能执行“催办”"):
        sup.urge(office.clerk, law.id, law.version)


def test_weekly_summary_per_department(office, tmp_path):
    sup, tasks = office.services.supervision, office.services.tasks
    d, law, arch = _case_with_tasks(office)
    lead = tasks.add_task(office.clerk, d.id, office.depts["规划科"], "核查许可证", date(2025, 2, 28))
    law = tasks.answer(office.handler2, law.id, law.version, "不涉及", "存在")    # answered Mon 02-17, due 02-14
    path = sup.weekly_summary(office.chief, tmp_path / "周报.xlsx")
    ws = load_workbook(path)["督办周报"]
    rows = [tuple(c.value for c in r) for r in ws.iter_rows(min_row=3)]
    # week Mon 2025-02-17 … Sun 02-23. 规划科: its task open, due 02-28 (not this week). 法规科: answered
    # late this week (due 02-14). 档案室: open, due Tue 02-18 (this week, not yet overdue).
    assert rows == [("处室", "未办结协办任务", "本周到期", "已逾期", "逾期答复"),
                    ("规划科", 1, 0, 0, 0), ("法规科", 0, 0, 0, 1), ("档案室", 1, 1, 0, 0), ("合计", 2, 1, 0, 1)]
    assert "统计周：2025年2月17日—2025年2月23日" in ws["A2"].value
    details = [r[0:3] for r in load_workbook(path)["任务明细"].iter_rows(min_row=2, values_only=True)]
    assert len(details) == 3 and lead.department == "规划科"
    with pytest.raises(InvalidTransition):
        sup.weekly_summary(office.handler, tmp_path / "x.xlsx")


def test_open_case_without_a_department_is_on_the_board_in_its_own_group(any_db):
    # Today Mon 2025-02-24. A case received Mon 2025-01-20 is due 20 working days later, Fri 2025-02-21
    # (domain §3; no holiday in between): one working day overdue. Nobody has assigned it a department.
    staff = make_staff(any_db, date(2025, 2, 24))
    s = staff.services
    orphan = s.requests.register(staff.clerk, request_input(applicant_name="王五"))
    assert orphan.department_id is None
    d = s.requests.register(staff.clerk, request_input())
    s.cases.assign(staff.clerk, d.id, d.version, staff.depts["规划科"], staff.handler.user_id)
    board = s.supervision.board(staff.clerk)
    assert [g.department for g in board] == ["未分派处室", "规划科"]
    assert [(i.kind, i.request_number, i.due_on, i.level, i.days) for i in board[0].items] == [
        ("申请", orphan.number, date(2025, 2, 21), "逾期", -1)]
    assert board[0].count("逾期") == 1
    # a handler's board is their department's only: the unassigned case is the office's to chase
    assert [g.department for g in s.supervision.board(staff.handler)] == ["规划科"]
