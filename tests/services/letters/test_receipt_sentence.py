"""The 受理回执's sentence is true (issue 18 item 6, domain §7): after 补正 it names the corrected
application's date; after a pause, an extension or an Art 35 deadline it prints the date and what moved it.
Read back from the issued Word file, on SQLite and PostgreSQL. Dates from the published 2025 calendar."""

from datetime import date

import pytest

from app.exports.letters.kinds import LetterKind
from app.services.cases.case_service import CaseService
from app.services.letters.letter_service import LetterService
from app.services.cases.request_service import RequestService
from app.workflow.deadline import PauseKind
from tests.conftest import fixed_today
from tests.services.helpers import add_department, request_input
from tests.services.letters.test_letter_service import docx_text

TODAY = date(2025, 6, 30)
LAW = "根据《中华人民共和国政府信息公开条例》第三十三条的规定，本机关将"


@pytest.fixture
def s(any_db):
    class S:
        requests = RequestService(any_db, fixed_today(TODAY))
        cases = CaseService(any_db, fixed_today(TODAY))
        letters = LetterService(any_db, fixed_today(TODAY))
        dept = add_department(any_db)
    return S


def receipt(s, clerk, rid) -> str:
    return docx_text(s.letters.files(s.letters.issue(clerk, rid, LetterKind.RECEIPT).id).docx)


def test_no_event_counts_from_receipt(s, clerk):
    d = s.requests.register(clerk, request_input())                     # received Mon 2025-01-20 → 02-21 (§3)
    assert LAW + "自收到申请之日起20个工作日内作出答复（即于2025年2月21日前）；" in receipt(s, clerk, d.id)


def test_after_correction_it_names_the_corrected_applications_date(s, clerk):
    d = s.requests.register(clerk, request_input())
    d = s.cases.request_correction(clerk, d.id, d.version, date(2025, 1, 22), "请写明小区名称")
    assert LAW + "自收到您补正后的申请之日起20个工作日内作出答复；" in receipt(s, clerk, d.id)   # still pending
    d = s.cases.receive_correction(clerk, d.id, d.version, date(2025, 2, 10))
    # restart from Mon 2025-02-10: Feb 11–14 (4), 17–21 (9), 24–28 (14), Mar 3–7 (19), Mar 10 (20)
    text = receipt(s, clerk, d.id)
    assert LAW + "自收到您补正后的申请之日（2025年2月10日）起20个工作日内作出答复（即于2025年3月10日前）；" in text
    assert "自收到申请之日起20个工作日" not in text


def test_an_extension_is_named_with_the_new_date(s, clerk, chief):
    d = s.requests.register(clerk, request_input(arrival_date=date(2025, 1, 24)))
    d = s.cases.assign(clerk, d.id, d.version, s.dept)
    d = s.cases.approve_extension(chief, d.id, d.version, date(2025, 2, 10), 20, "需调取历史档案")
    # domain §3 worked example: 2025-01-24 with a 20-day extension → 2025-03-27
    assert ("自收到申请之日起20个工作日内作出答复（即于2025年3月27日前；其中经批准延长答复期限20个工作日）；"
            in receipt(s, clerk, d.id))


def test_a_consultation_pause_is_named_with_its_days(s, clerk, handler):
    d = s.requests.register(clerk, request_input(arrival_date=date(2025, 4, 3)))
    d = s.cases.assign(clerk, d.id, d.version, s.dept)
    d = s.cases.start_consultation(handler, d.id, d.version, PauseKind.THIRD_PARTY, "某公司", date(2025, 4, 8))
    d = s.cases.end_consultation(handler, d.id, d.version, date(2025, 4, 25), "不同意公开")
    # received Thu Apr 3: Apr 7–11 (5, 清明 Apr 4 off), 14–18 (10), 21–25 (15), Sun Apr 27 调休, 28–30 (19),
    # May 1–5 off, May 6 (20); not counted (Apr 8, Apr 25]: Apr 9–11, 14–18, 21–25 = 13 → May 7–9, 12–16, 19–23
    assert ("（即于2025年5月23日前；其中征求第三方意见所需时间（13个工作日）不计算在答复期限内）；"
            in receipt(s, clerk, d.id))


def test_an_article_35_deadline_is_printed_as_set(s, clerk, chief):
    d = s.requests.register(clerk, request_input())
    d = s.cases.assign(clerk, d.id, d.version, s.dept)
    d = s.cases.set_reasonable_deadline(chief, d.id, d.version, date(2025, 4, 30), "申请数量明显超过合理范围")
    assert ("自收到申请之日起20个工作日内作出答复（本机关已依条例第三十五条另行确定合理的答复期限，"
            "将于2025年4月30日前作出答复）；" in receipt(s, clerk, d.id))
