"""Every free-text entry point refuses invisible control characters with one message (issue 21 item 8):
a BEL in a 协办 brief or a 会商 topic once crashed the 督办周报 export (IllegalCharacterError)."""
# ruff: noqa: F811

from datetime import date

import pytest

from app.errors import ValidationError
from app.workflow.text_input import check_text, invisible_problem
from tests.services.coordination_support import staff  # noqa: F401
from tests.services.helpers import request_input


@pytest.mark.parametrize("ch", ["\x07", "\x00", "\x1b", "\u202e", "\u200b", "\ufeff"])
def test_an_invisible_character_is_refused_naming_the_field_and_its_position(ch):
    assert invisible_problem(f"核查{ch}许可证", "协办内容") == (
        f"协办内容中第3个字符是看不见的控制字符（U+{ord(ch):04X}），通常是从其他系统复制时带入的，请删除后重新输入。")


def test_line_breaks_are_text_in_multi_line_fields_only():
    assert invisible_problem("第一行\n第二行\t完", "会商结论") == ""
    assert "第4个字符" in invisible_problem("申请人\n甲", "申请人", multiline=False)
    assert check_text("  结论  ", "会商结论", "conclusion") == "结论"


def _handling(staff):
    s = staff.services
    d = s.requests.register(staff.clerk, request_input())
    return s.cases.assign(staff.clerk, d.id, d.version, staff.depts["规划科"], staff.handler.user_id)


def test_a_dept_task_brief_and_answer_refuse_control_characters(staff):
    d = _handling(staff)
    tasks = staff.services.tasks
    with pytest.raises(ValidationError, match="协办内容中第5个字符") as e:
        tasks.add_task(staff.clerk, d.id, staff.depts["法规科"], "核查是否\x07涉及商业秘密")
    assert e.value.field == "brief"
    assert tasks.tasks(staff.clerk, d.id) == []                       # nothing stored
    t = tasks.add_task(staff.clerk, d.id, staff.depts["法规科"], "核查是否涉及商业秘密")
    with pytest.raises(ValidationError, match="查明的情况中第1个字符"):
        tasks.answer(staff.handler2 if hasattr(staff, "handler2") else staff.handler, t.id, t.version,
                     "\x1b已查明", "存在")


def test_a_deliberation_topic_and_conclusion_refuse_control_characters(staff):
    d = _handling(staff)
    dl = staff.services.deliberations
    with pytest.raises(ValidationError, match="会商议题中第3个字符") as e:
        dl.create(staff.chief, date(2025, 2, 7), "会议", "规划\x07疑难申请", "赵科长", "", d.id, "予以公开")
    assert e.value.field == "topic"
    with pytest.raises(ValidationError, match="会商结论中第3个字符"):
        dl.create(staff.chief, date(2025, 2, 7), "会议", "规划疑难申请", "赵科长", "", d.id, "予以\u202e公开")
