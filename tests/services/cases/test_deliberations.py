"""会商 through the service: records over several cases, adopting a conclusion, the 会商纪要, the filter."""
# ruff: noqa: F811

import subprocess
from datetime import date

import pytest

from app.errors import InvalidTransition, ValidationError
from app.services.cases.query_service import RequestQuery
from tests.services.coordination_support import staff  # noqa: F401
from tests.services.helpers import request_input


def _handling(staff, name="李四"):
    s = staff.services
    d = s.requests.register(staff.clerk, request_input(applicant_name=name))
    return s.cases.assign(staff.clerk, d.id, d.version, staff.depts["规划科"], staff.handler.user_id)


def test_one_record_two_cases_adopted_with_the_source_shown(staff, tmp_path):
    s, dl = staff.services, staff.services.deliberations
    a, b = _handling(staff), _handling(staff, "王五")
    with pytest.raises(InvalidTransition, match="会商记录由登记员、科室负责人或管理员填写"):
        dl.create(staff.handler, date(2025, 2, 7), "会议", "", "赵科长", "", a.id, "予以公开")
    with pytest.raises(ValidationError, match="会商形式应为：会议、书面、线上"):
        dl.create(staff.chief, date(2025, 2, 7), "电话", "", "赵科长", "", a.id, "予以公开")
    r = dl.create(staff.chief, date(2025, 2, 7), "会议", "两件规划类疑难申请", "赵科长、李承办、孙法规",
                  "规划科、法规科", a.id, "附图涉及第三方商业秘密，部分公开", "部分公开",
                  "附图中第三方的商业设计方案属于商业秘密，不予公开，其余部分予以公开。")
    assert r.number == "某自然资规会商〔2025〕1号"
    r = dl.add_case(staff.clerk, r.id, b.id, "该许可证不存在", "信息不存在", "经规划科、档案室检索，未找到。")
    assert [c.applicant_name for c in r.cases] == ["李四", "王五"]
    assert [x.number for x in dl.for_request(b.id)] == ["某自然资规会商〔2025〕1号"]

    with pytest.raises(InvalidTransition, match="只有承办处室的承办人可以采纳"):
        dl.adopt(staff.handler2, r.id, a.id, a.version)
    d = dl.adopt(staff.handler, r.id, a.id, a.version)
    assert (d.decision, d.decision_source) == ("部分公开", "2025年2月7日会议会商（某自然资规会商〔2025〕1号）结论")
    assert d.decision_reasons.startswith("附图中第三方的商业设计方案属于商业秘密")
    assert [(e.kind, e.field) for e in d.events if e.kind in ("会商", "采纳会商结论")] == [
        ("会商", "会议会商（某自然资规会商〔2025〕1号）"), ("采纳会商结论", "答复决定"), ("采纳会商结论", "理由说明")]
    assert dl.for_request(a.id)[0].case(a.id).adopted_by == "handler1"

    # submitting the adopted decision keeps its source; another decision of the handler's own drops it
    d = s.cases.submit(staff.handler, d.id, d.version, "部分公开", reasons=d.decision_reasons,
                       withheld_ground="三.4")     # 商业秘密: 保护第三方合法权益
    assert d.decision_source.endswith("结论")
    d = s.cases.return_for_revision(staff.chief, d.id, d.version, "请再斟酌")
    d = s.cases.submit(staff.handler, d.id, d.version, "予以公开", reasons="附图已取得第三方同意。")
    assert d.decision_source == ""

    q = s.queries
    assert q.count(RequestQuery(deliberated=True)) == 2
    c = _handling(staff, "赵六")
    assert c.id and q.count(RequestQuery()) == 3 and q.count(RequestQuery(deliberated=True)) == 2

    pdf = dl.save_minutes(staff.clerk, r.id, tmp_path / "纪要.pdf")
    flat = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert "政府信息公开申请会商纪要" in flat and "某自然资规会商〔2025〕1号" in flat
    assert "2025年2月7日，本机关以会议形式对两件规划类疑难申请进行会商" in flat
    # each conclusion printed as a sentence; the proposed decision added where the words do not say it
    assert "会商结论：附图涉及第三方商业秘密，部分公开。" in flat
    assert "会商结论：该许可证不存在（拟信息不存在）。" in flat


def test_adopting_only_while_handling(staff):
    dl = staff.services.deliberations
    d = staff.case_in_sign_off()
    r = dl.create(staff.chief, date(2025, 2, 7), "书面", "", "赵科长", "", d.id, "同意拟办意见")
    with pytest.raises(ValidationError, match="只有办理中的申请可以采纳会商结论"):
        dl.adopt(staff.chief, r.id, d.id, d.version)
