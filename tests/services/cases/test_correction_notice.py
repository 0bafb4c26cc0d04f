"""A late 补正 notice needs a reason (issue 18 item 9, Art 30); 收到补正 keeps the corrected content and an
ended consultation stops saying its receipt is unrecorded (issue 19). SQLite and PostgreSQL.

Received Mon 2025-03-03; the notice is due within 7 working days: Mar 4–7 (4), Mar 10, 11, 12 (7) → Wed Mar 12.
"""

from datetime import date

import pytest

from app.errors import ValidationError
from app.services.cases.case_service import CaseService
from app.services.cases.request_service import RequestService
from app.workflow.deadline import PauseKind
from tests.conftest import fixed_today
from tests.services.helpers import add_department, request_input

TODAY = date(2025, 6, 30)


@pytest.fixture
def s(any_db):
    class S:
        requests = RequestService(any_db, fixed_today(TODAY))
        cases = CaseService(any_db, fixed_today(TODAY))
        dept = add_department(any_db)
    return S


def registered(s, clerk):
    return s.requests.register(clerk, request_input(arrival_date=date(2025, 3, 3)))


def test_a_notice_on_the_seventh_working_day_needs_no_reason(s, clerk):
    d = registered(s, clerk)
    d = s.cases.request_correction(clerk, d.id, d.version, date(2025, 3, 12), "请写明许可证年份")
    assert d.corrections[-1].late_reason == ""
    assert "补正告知逾期" not in d.deadline.warnings
    assert not any("逾期告知" in ln for ln in d.deadline.explanation)


def test_a_late_notice_is_refused_without_a_reason_then_audited_and_marked(s, clerk):
    d = registered(s, clerk)
    with pytest.raises(ValidationError, match=r"补正告知日期（2025年3月13日）已超过收到申请之日起7个工作日"
                                              r"（应于2025年3月12日前告知，条例第三十条），请填写逾期告知理由") as e:
        s.cases.request_correction(clerk, d.id, d.version, date(2025, 3, 13), "请写明许可证年份", late_reason=" ")
    assert e.value.field == "late_reason"
    assert s.requests.detail(d.id).status == "待审核" and not s.requests.detail(d.id).corrections
    d = s.cases.request_correction(clerk, d.id, d.version, date(2025, 3, 13), "请写明许可证年份",
                                   late_reason="申请材料随信访件转来，3月13日方送达本机关")
    assert d.corrections[-1].late_reason == "申请材料随信访件转来，3月13日方送达本机关"
    assert [(e.kind, e.field, e.new) for e in d.events if e.field == "逾期告知理由"] == [
        ("逾期告知补正", "逾期告知理由", "申请材料随信访件转来，3月13日方送达本机关")]
    assert "补正告知逾期" in d.deadline.warnings
    assert any("补正告知于2025年3月13日发出，晚于收到申请之日起7个工作日（应于2025年3月12日前告知" in ln
               for ln in d.deadline.explanation)
    d = s.cases.receive_correction(clerk, d.id, d.version, date(2025, 3, 20))
    assert "补正告知逾期" in d.deadline.warnings          # the mark stays after the restart


def test_received_correction_keeps_its_content_audited(s, clerk):
    d = registered(s, clerk)
    d = s.cases.request_correction(clerk, d.id, d.version, date(2025, 3, 5), "请写明许可证年份")
    d = s.cases.receive_correction(clerk, d.id, d.version, date(2025, 3, 10),
                                   "申请公开2019年江南路小区建设工程规划许可证及附图")
    assert d.corrections[-1].corrected_content == "申请公开2019年江南路小区建设工程规划许可证及附图"
    assert [(e.kind, e.old, e.new) for e in d.events if e.field == "补正内容"] == [
        ("收到补正", "", "申请公开2019年江南路小区建设工程规划许可证及附图")]


def test_an_ended_consultation_no_longer_says_the_receipt_is_unrecorded(s, clerk, handler):
    d = registered(s, clerk)
    d = s.cases.assign(clerk, d.id, d.version, s.dept)
    d = s.cases.start_consultation(handler, d.id, d.version, PauseKind.THIRD_PARTY, "某公司", date(2025, 3, 10))
    assert "第三方收到日期未登记" in d.deadline.warnings
    assert any("对方收到日期未登记" in ln for ln in d.deadline.explanation)
    d = s.cases.end_consultation(handler, d.id, d.version, date(2025, 3, 20), "同意公开", "同意")
    assert "第三方收到日期未登记" not in d.deadline.warnings
    assert not any("收到日期未登记" in ln for ln in d.deadline.explanation)
    # sent Mon Mar 10, answered Thu Mar 20: Mar 11–14, 17–20 = 8 days not counted;
    # Mar 3 + 20 = Mar 31, + 8: Apr 1, 2, 3, (清明 Apr 4 off) 7, 8, 9, 10, 11 → Fri Apr 11
    assert d.deadline.reply_due == date(2025, 4, 11)
