"""合法性审查 through the service: the setting, the 法制审核员, the chief's stand-in, the opinions."""
# ruff: noqa: F811

from dataclasses import replace

import pytest

from app.errors import InvalidTransition, PermissionDenied, ValidationError
from app.exports.letters import LetterKind
from tests.services.coordination_support import staff  # noqa: F401


def test_off_by_default_sign_off_goes_straight_to_reply(staff):
    d = staff.case_in_sign_off()
    d = staff.services.cases.sign_off(staff.chief, d.id, d.version)
    assert d.status == "待答复" and d.legal_reviews == () and d.stage_plan == ""


def test_returned_once_then_passed_with_the_opinions_kept(staff):
    cases = staff.services.cases
    staff.turn_legal_review(True)
    d = staff.case_in_sign_off(reasons="该信息已在本局门户网站“政府信息公开”栏目公开，可登录查阅。")
    # received Mon 2025-01-20 → due Fri 2025-02-21; draft due Tue 02-18, sign-off by Wed 02-19,
    # review by Thu 02-20, reply by Fri 02-21
    assert d.stage_plan == ("承办处室报送草稿后至应答复日期共3个工作日，其中合法性审查占1个（1/3）：签批应于"
                            "2025年2月19日前、合法性审查应于2025年2月20日前完成，2025年2月21日前答复。")
    letters = staff.services.letters
    letters.issue(staff.handler, d.id, LetterKind.REPLY)             # the draft reply
    d = cases.sign_off(staff.chief, d.id, d.version, "同意")
    assert d.status == "待合法性审查"
    assert [x.signed for x in letters.letters(d.id)] == [False]      # not final before the review
    with pytest.raises(InvalidTransition, match="只能由科室负责人、法制审核员、管理员办理"):
        cases.legal_pass(staff.handler, d.id, d.version, "合法")
    with pytest.raises(InvalidTransition, match="必须填写理由"):
        cases.legal_return(staff.legal, d.id, d.version, "  ")
    d = cases.legal_return(staff.legal, d.id, d.version, "未写明不予公开的法律依据")
    assert d.status == "已退回"
    d = cases.submit(staff.handler, d.id, d.version, "已主动公开")
    d = cases.sign_off(staff.chief, d.id, d.version)
    with pytest.raises(ValidationError, match="请填写合法性审查意见"):
        cases.legal_pass(staff.legal, d.id, d.version, "")
    d = cases.legal_pass(staff.legal, d.id, d.version, "经审查，答复内容和程序合法。")
    assert d.status == "待答复"
    assert [x.signed for x in letters.letters(d.id)] == [False]      # the review signs nothing (issue 19)
    letters.sign(staff.chief, letters.letters(d.id)[0].id)
    assert [x.signed for x in letters.letters(d.id)] == [True]       # the chief's 签发 does
    assert [(r.reviewer, r.passed, r.opinion) for r in d.legal_reviews] == [
        ("legal1", False, "未写明不予公开的法律依据"), ("legal1", True, "经审查，答复内容和程序合法。")]
    moves = [(e.kind, e.old, e.new) for e in d.events if e.field == "状态"][-5:]
    assert moves == [("签批同意", "待签批", "待合法性审查"), ("审查退回", "待合法性审查", "已退回"),
                     ("提交签批", "已退回", "待签批"), ("签批同意", "待签批", "待合法性审查"),
                     ("审查通过", "待合法性审查", "待答复")]
    assert [e.reason for e in d.events if e.kind == "合法性审查意见"] == [
        "未写明不予公开的法律依据", "经审查，答复内容和程序合法。"]


def test_chief_stands_in_only_where_no_legal_reviewer_is_active(staff):
    cases, office = staff.services.cases, staff.services.office
    staff.turn_legal_review(True)
    d = cases.sign_off(staff.chief, *_key(staff.case_in_sign_off()))
    with pytest.raises(PermissionDenied, match="已设法制审核员"):
        cases.legal_pass(staff.chief, d.id, d.version, "同意")
    legal = next(u for u in office.users() if u.username == "legal1")
    office.update_user(staff.admin, legal.id, legal.display_name, legal.role, None, active=False)
    d = cases.legal_pass(staff.chief, d.id, d.version, "经审查，合法。")
    assert d.status == "待答复" and d.legal_reviews[-1].reviewer == "chief1"


def test_setting_leaves_room_for_sign_off_and_service(staff):
    s = staff.services.settings
    with pytest.raises(ValidationError, match="合法性审查工作日应为1至2之间"):
        s.save(staff.admin, replace(s.load(), legal_review=True, legal_review_days=3))
    with pytest.raises(ValidationError, match="只有管理员"):
        s.save(staff.chief, replace(s.load(), legal_review=True))
    staff.turn_legal_review(True, 2)
    assert (s.load().legal_review, s.load().legal_review_days) == (True, 2)


def _key(d):
    return d.id, d.version
