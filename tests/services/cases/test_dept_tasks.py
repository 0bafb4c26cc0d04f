"""协办 / 协查 through the service: tasks, answers, return and waiver, the 签批 gate, who sees what."""
# ruff: noqa: F811

from datetime import date

import pytest

from app.errors import InvalidTransition, PermissionDenied, ValidationError
from tests.services.coordination_support import staff  # noqa: F401
from tests.services.helpers import request_input


def _handling_case(staff):
    s = staff.services
    d = s.requests.register(staff.clerk, request_input())
    return s.cases.assign(staff.clerk, d.id, d.version, staff.depts["规划科"], staff.handler.user_id)


def test_two_departments_answer_one_returned_one_waived_then_the_case_goes_to_sign_off(staff):
    s, tasks = staff.services, staff.services.tasks
    d = _handling_case(staff)
    lead = tasks.add_task(staff.clerk, d.id, staff.depts["规划科"], "核查规划许可证是否存在")
    law = tasks.add_task(staff.clerk, d.id, staff.depts["法规科"], "核查是否涉及第三方商业秘密",
                         handler_id=staff.handler2.user_id)
    arch = tasks.add_task(staff.chief, d.id, staff.depts["档案室"], "调取2019年档案", date(2025, 2, 14))
    # received Mon 2025-01-20 → reply due Fri 2025-02-21; draft due 3 working days before: Tue 02-18
    assert (lead.kind, lead.due_on, law.kind, law.due_on, arch.due_on) == (
        "主办", date(2025, 2, 18), "协办", date(2025, 2, 18), date(2025, 2, 14))
    with pytest.raises(ValidationError, match="已有该申请的协办任务"):
        tasks.add_task(staff.clerk, d.id, staff.depts["法规科"], "再查一次")
    with pytest.raises(InvalidTransition, match="分派协办任务由登记员、科室负责人或管理员办理"):
        tasks.add_task(staff.handler, d.id, staff.depts["法规科"], "查")

    d = s.requests.detail(d.id)
    with pytest.raises(ValidationError, match="以下处室的协办任务尚未答复或免除：规划科（待答复）、法规科（待答复）、"
                                              "档案室（待答复）"):
        s.cases.submit(staff.handler, d.id, d.version, "已主动公开")

    with pytest.raises(PermissionDenied, match="该协办任务由其他处室答复，您不在该处室"):
        tasks.answer(staff.handler3, law.id, law.version, "查无", "不存在")
    with pytest.raises(ValidationError, match="请填写查明的情况"):
        tasks.answer(staff.handler2, law.id, law.version, " ", "存在")
    law = tasks.answer(staff.handler2, law.id, law.version, "不涉及商业秘密", "存在", "予以公开")
    lead = tasks.answer(staff.handler, lead.id, lead.version, "许可证存档在案", "存在", "予以公开")
    with pytest.raises(InvalidTransition, match="“退回补充”只能由登记员、科室负责人、管理员办理"):
        tasks.return_task(staff.handler, law.id, law.version, "请补充")
    law = tasks.return_task(staff.clerk, law.id, law.version, "请说明附图是否涉及第三方")
    assert law.status == "已退回"
    law = tasks.answer(staff.handler2, law.id, law.version, "附图不涉及第三方", "存在", "予以公开")
    with pytest.raises(InvalidTransition, match="必须填写理由"):
        tasks.waive(staff.clerk, arch.id, arch.version, "")
    arch = tasks.waive(staff.clerk, arch.id, arch.version, "规划科已找到原件，无需调档")
    assert (law.status, arch.status, arch.note) == ("已答复", "已免除", "规划科已找到原件，无需调档")

    d = s.cases.submit(staff.handler, d.id, d.version, "已主动公开",
                       reasons="该信息已在门户网站公开，可登录查阅。")
    assert d.status == "待签批"
    kinds = [(e.kind, e.field) for e in d.events if "协办" in e.kind or "协办" in e.field]
    assert kinds[:3] == [("分派协办", "规划科（主办）"), ("分派协办", "法规科（协办）"), ("分派协办", "档案室（协办）")]
    assert ("退回补充", "法规科协办") in kinds and ("免除协办", "档案室协办") in kinds


def test_handler_sees_only_their_departments_tasks(staff):
    tasks = staff.services.tasks
    d = _handling_case(staff)
    for name in ("规划科", "法规科", "档案室"):
        tasks.add_task(staff.clerk, d.id, staff.depts[name], f"{name}核查")
    assert [t.department for t in tasks.tasks(staff.handler2, d.id)] == ["法规科"]
    assert [t.department for t in tasks.tasks(staff.handler3, d.id)] == ["档案室"]
    # the lead department drafts the decision from every answer
    assert [t.department for t in tasks.tasks(staff.handler, d.id)] == ["规划科", "法规科", "档案室"]
    assert [t.department for t in tasks.tasks(staff.chief, d.id)] == ["规划科", "法规科", "档案室"]
    assert [t.department for t in tasks.my_tasks(staff.handler2)] == ["法规科"]
    assert tasks.my_tasks(staff.chief) == []          # only escalated (twice urged) tasks reach the chief
    assert len(tasks.my_tasks(staff.clerk)) == 3


def test_due_date_editable_and_audited(staff):
    tasks = staff.services.tasks
    d = _handling_case(staff)
    t = tasks.add_task(staff.clerk, d.id, staff.depts["法规科"], "核查")
    with pytest.raises(ValidationError, match="协办人应为该处室的人员"):
        tasks.edit_task(staff.clerk, t.id, t.version, "核查", date(2025, 2, 17), staff.handler3.user_id)
    t = tasks.edit_task(staff.clerk, t.id, t.version, "核查", date(2025, 2, 17), staff.handler2.user_id)
    assert (t.due_on, t.handler) == (date(2025, 2, 17), "孙法规")
    events = staff.services.requests.detail(d.id).events
    assert [(e.field, e.old, e.new) for e in events if e.kind == "修改协办"] == [
        ("法规科.协办期限", "2025-02-18", "2025-02-17"), ("法规科.协办人", "", "孙法规")]


def test_tasks_only_while_the_case_is_being_handled(staff):
    s = staff.services
    d = s.requests.register(staff.clerk, request_input())
    with pytest.raises(ValidationError, match="只有办理中的申请可以分派协办任务"):
        s.tasks.add_task(staff.clerk, d.id, staff.depts["法规科"], "核查")
