"""Wording fixes of issues 18 and 19, read back from the letters made through the services (SQLite and
PostgreSQL): 部分公开 sends 可以公开的部分 and names the chosen ground; 三.2 cites the prohibiting law in the
根据 clause and refuses a title that is not a law; 三.8 cites 第三十六条第（七）项 where a 法律 or 行政法规 sets
the query channel; the table 三 leaf of 36(7) answers is a setting; 催办通知 and 会商纪要 say nothing twice.
"""

import subprocess
from dataclasses import replace
from datetime import date

import pytest

from app.exports.letters.law_titles import is_statute_title, prohibiting_law
from app.workflow.outcomes import Outcome, outcomes_for_decision
from tests.services.coordination_support import make_staff
from tests.services.helpers import request_input
from tests.services.letters.test_letter_service import docx_text
from tests.services.letters.test_notice_gates_art32 import refused


@pytest.fixture
def staff(any_db):
    return make_staff(any_db, date(2025, 2, 17))


def submitted(staff, **kw):
    s = staff.services
    d = s.requests.register(staff.clerk, request_input(requested_form="纸质", delivery="邮寄"))
    d = s.cases.assign(staff.clerk, d.id, d.version, staff.depts["规划科"], staff.handler.user_id)
    return s.cases.submit(staff.handler, d.id, d.version, **kw)


def reply(staff, d):
    s = staff.services
    return docx_text(s.letters.files(s.letters.issue(staff.handler, d.id).id).docx)


def test_partial_sends_the_disclosable_part_and_names_the_chosen_ground(staff):
    d = submitted(staff, decision="部分公开", reasons="附图中载有相邻住户的姓名和住址，属于个人隐私",
                  withheld_ground="三.4")
    text = reply(staff, d)
    assert "现将可以公开的部分以纸质形式邮寄给您，请注意查收。" in text and "现将该政府信息" not in text
    assert "部分内容涉及个人隐私，公开会对第三方合法权益造成损害" in text and "商业秘密" not in text
    d = submitted(staff, decision="部分公开", reasons="附图为尚在审查中的方案稿", withheld_ground="三.6")
    text = reply(staff, d)
    assert "部分内容属于行政机关在履行行政管理职能过程中形成的过程性信息" in text and "个人隐私" not in text


def test_law_forbids_cites_the_law_and_refuses_a_title_that_is_not_one(staff):
    s = staff.services
    d = s.requests.register(staff.clerk, request_input(requested_form="纸质", delivery="邮寄"))
    d = s.cases.assign(staff.clerk, d.id, d.version, staff.depts["规划科"], staff.handler.user_id)
    # asked where the decision is made (提交签批), not first when the letter is drafted
    refused(lambda: s.cases.submit(staff.handler, d.id, d.version, decision="不予公开", outcome=Outcome.LAW_FORBIDS,
                                   reasons="依据《保密须知》第三条，该信息不得对外提供"),
            "reasons", "《保密须知》不是法律或行政法规")
    assert s.requests.detail(d.id).status == "办理中"                   # nothing half-saved
    d = s.cases.submit(staff.handler, d.id, d.version, decision="不予公开", outcome=Outcome.LAW_FORBIDS,
                       reasons="该档案属于《中华人民共和国档案法》第二十八条规定的未开放档案")
    assert ("根据《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项和《中华人民共和国档案法》第二十八条"
            "的规定，本机关决定不予公开。") in reply(staff, d)


def test_query_matter_cites_36_7_only_for_a_law_or_administrative_regulation(staff):
    statute = submitted(staff, decision="不予公开", outcome=Outcome.INQUIRY, reasons="不动产登记资料依法查询",
                        query_law="《不动产登记暂行条例》第二十七条", access_route="到市不动产登记中心查询")
    assert ("根据《中华人民共和国政府信息公开条例》第三十六条第（七）项和《不动产登记暂行条例》第二十七条的规定"
            in reply(staff, statute))
    rule = submitted(staff, decision="不予公开", outcome=Outcome.INQUIRY, reasons="不动产登记资料依法查询",
                     query_law="《不动产登记资料查询暂行办法》第二条", access_route="到市不动产登记中心查询")
    text = reply(staff, rule)
    assert "根据《不动产登记资料查询暂行办法》第二条的规定" in text and "第三十六条第（七）项" not in text


def test_the_leaf_of_36_7_answers_is_a_setting(staff):
    s = staff.services
    d = submitted(staff, decision="特别规定", reasons="请依照《不动产登记暂行条例》第二十七条向登记机构查询")
    assert d.outcome == "六.3"                                                   # default （六）3 其他
    refused(lambda: s.settings.save(staff.admin, replace(s.settings.load(), special_rules_outcome="四.1")),
            "special_rules_outcome", "（六）3", "（三）8")
    s.settings.save(staff.admin, replace(s.settings.load(), special_rules_outcome="三.8"))
    d = submitted(staff, decision="特别规定", reasons="请依照《不动产登记暂行条例》第二十七条向登记机构查询")
    assert d.outcome == "三.8"
    assert "第三十六条第（七）项" in reply(staff, d)                     # the letter follows the decision


def test_pure_rules_for_law_titles():
    assert prohibiting_law("《中华人民共和国保守国家秘密法》第九条、《保密须知》") == "《中华人民共和国保守国家秘密法》第九条"
    with pytest.raises(ValueError, match="须写明禁止公开的法律"):
        prohibiting_law("依照有关规定不予公开")
    assert is_statute_title("中华人民共和国城乡规划法（2019修正）") and not is_statute_title("不动产登记资料查询暂行办法")
    assert outcomes_for_decision("特别规定", "四.1", "三.8") == (Outcome.INQUIRY,)


def _pdf_text(path) -> str:
    return "".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())


def test_urge_notice_and_minutes_say_nothing_twice(staff, tmp_path):
    s = staff.services
    d = s.requests.register(staff.clerk, request_input(description="申请公开某小区规划许可证及附图"))
    d = s.cases.assign(staff.clerk, d.id, d.version, staff.depts["规划科"], staff.handler.user_id)
    task = s.tasks.add_task(staff.clerk, d.id, staff.depts["法规科"], "核查是否涉及第三方商业秘密。",
                            date(2025, 2, 17))                       # due today, assigned today (not before)
    notice = s.supervision.urge(staff.clerk, task.id, task.version)
    flat = _pdf_text(s.supervision.save_notice(staff.clerk, notice.id, tmp_path / "n.pdf"))
    assert "申请获取“某小区规划许可证及附图”" in flat and "申请公开某小区" not in flat
    assert "协查事项：核查是否涉及第三方商业秘密，协办期限" in flat and "。，" not in flat
    r = s.deliberations.create(staff.chief, date(2025, 2, 14), "会议", "疑难申请会商", "赵科长、李承办", "规划科",
                               d.id, "予以公开")
    flat = _pdf_text(s.deliberations.save_minutes(staff.clerk, r.id, tmp_path / "m.pdf"))
    assert "本机关以会议形式对疑难申请进行会商" in flat and "会商进行会商" not in flat
    assert "申请获取“某小区规划许可证及附图”" in flat
