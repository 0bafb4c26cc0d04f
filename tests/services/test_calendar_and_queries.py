"""Holiday-calendar edits recompute open cases; list filters, sorting and paging run in SQL."""

from datetime import date

import pytest

from app.errors import ValidationError
from app.services.calendar_service import CalendarService
from app.services.cases.case_service import CaseService
from app.services.cases.query_service import DueWindow, QueryService, RequestQuery
from app.services.cases.request_service import RequestService
from app.workflow.calendar import CalendarDay
from app.workflow.outcomes import Outcome
from tests.conftest import fixed_today
from tests.services.helpers import request_input

TODAY = date(2026, 12, 31)


def test_entering_a_notice_recomputes_open_cases(any_db, clerk, admin):
    requests = RequestService(any_db, fixed_today(TODAY))
    open_case = requests.register(clerk, request_input(arrival_date=date(2026, 12, 21)))
    closed = requests.register(clerk, request_input(arrival_date=date(2026, 12, 22), applicant_name="王五"))
    CaseService(any_db, fixed_today(TODAY)).withdraw(clerk, closed.id, closed.version, date(2026, 12, 23), "撤回")
    # Dec 22–31 (8), Fri 2027-01-01 元旦 by law, Jan 4–8 (13), 11–15 (18), Jan 19 (20): 暂定
    assert (open_case.deadline.reply_due, open_case.deadline.provisional) == (date(2027, 1, 19), True)
    cal = CalendarService(any_db, fixed_today(TODAY))
    with pytest.raises(ValidationError, match="只有管理员"):
        cal.save_year(clerk, 2027, [], "通知")
    with pytest.raises(ValidationError, match="是工作日"):
        cal.save_year(admin, 2027, [CalendarDay(date(2027, 1, 4), True, "元旦")], "通知")
    # a notice unlike the law's estimate: Sat 2027-01-02 a 调休 working day → Jan 2 is day 9, Jan 18 day 20
    result = cal.save_year(admin, 2027, [CalendarDay(date(2027, 1, 1), False, "元旦"),
                                         CalendarDay(date(2027, 1, 2), True, "元旦")], "国办发明电〔2026〕1号")
    assert (result.open_cases, result.changed) == (1, 1)
    after = requests.detail(open_case.id)
    assert after.deadline.reply_due == date(2027, 1, 18) and not after.deadline.provisional
    assert ("应答复日期", "2027-01-19", "2027-01-18") in [(e.field, e.old, e.new) for e in after.events]
    assert cal.is_published(2027)


@pytest.fixture
def populated(any_db, clerk):
    requests = RequestService(any_db, fixed_today(date(2025, 6, 30)))
    cases = CaseService(any_db, fixed_today(date(2025, 6, 30)))
    made = []
    for name, kind, text, arrived in [
        ("张伟", "自然人", "申请公开某小区规划许可证", date(2025, 6, 2)),
        ("某某科技有限公司", "商业企业", "申请公开招商优惠政策", date(2025, 6, 20)),
        ("王芳", "自然人", "申请公开某道路改造立项批复", date(2025, 5, 6)),
        ("某律师事务所", "法律服务机构", "申请公开行政处罚案卷", date(2024, 12, 2)),
    ]:
        made.append(requests.register(clerk, request_input(applicant_name=name, applicant_type=kind,
                                                           description=text, arrival_date=arrived)))
    d = made[3]
    cases.withdraw(clerk, d.id, d.version, date(2024, 12, 20), "撤回")
    return made


def test_filters_and_search(any_db, populated):
    q = QueryService(any_db, fixed_today(date(2025, 6, 30)))
    assert q.count(RequestQuery()) == 4
    assert q.count(RequestQuery(text="规划")) == 1
    assert q.count(RequestQuery(text="某某科技")) == 1
    assert q.count(RequestQuery(text="100%")) == 0
    assert q.count(RequestQuery(applicant_type="自然人")) == 2
    assert q.count(RequestQuery(year=2024)) == 1
    assert q.count(RequestQuery(statuses=("已答复",))) == 1
    assert q.count(RequestQuery(outcome=Outcome.OTHER.code)) == 1
    # due dates: Jun 2 → Jun 30 (Dragon Boat May 31–Jun 2 off: Jun 3–6 (4), 9–13 (9), 16–20 (14),
    # 23–27 (19), Jun 30 (20)); May 6 → Jun 4 (May 7–9 (3), 12–16 (8), 19–23 (13), 26–30 (18),
    # Jun 3, 4 (20)); Jun 20 → Jul 18.
    assert q.count(RequestQuery(due_window=DueWindow.OVERDUE)) == 1          # the May 6 case
    assert q.count(RequestQuery(due_window=DueWindow.RED)) == 1              # due today Jun 30
    assert q.count(RequestQuery(due_window=DueWindow.AMBER)) == 1            # within 5 days: also Jun 30
    assert q.count(RequestQuery(due_window=DueWindow.OPEN)) == 3


def test_sort_and_page(any_db, populated):
    q = QueryService(any_db, fixed_today(date(2025, 6, 30)))
    rows = q.page(RequestQuery(sort="reply_due"), 0, 10)
    dues = [r.reply_due for r in rows]
    assert dues == sorted(dues)
    assert [r.applicant_name for r in q.page(RequestQuery(sort="receipt_date", descending=True), 0, 2)] == \
        ["某某科技有限公司", "张伟"]
    assert [r.applicant_name for r in q.page(RequestQuery(sort="receipt_date", descending=True), 2, 2)] == \
        ["王芳", "某律师事务所"]


def test_dashboard_counts(any_db, populated, clerk):
    q = QueryService(any_db, fixed_today(date(2025, 6, 30)))
    board = q.dashboard(clerk)
    # four cases, one withdrawn (已答复): the three open ones are 待审核, each counted in one card only
    assert {k: board.counts[k] for k in ("待确认", "待审核", "办理中", "待签批", "待合法性审查", "待答复")} == \
        {"待确认": 0, "待审核": 3, "办理中": 0, "待签批": 0, "待合法性审查": 0, "待答复": 0}
    assert board.counts["已逾期"] == 1
    assert len(board.my_tasks) == 3
    monthly = q.monthly(2025)
    assert monthly.received[4:6] == (1, 2)    # May 1, June 2


def test_start_up_refresh_moves_open_pauses_on(any_db, clerk, handler):
    from tests.services.helpers import add_department
    from app.workflow.deadline import PauseKind

    dept = add_department(any_db)
    monday = RequestService(any_db, fixed_today(date(2025, 3, 10)))
    d = monday.register(clerk, request_input(arrival_date=date(2025, 3, 3)))
    cases = CaseService(any_db, fixed_today(date(2025, 3, 10)))
    d = cases.assign(clerk, d.id, d.version, dept)
    d = cases.start_consultation(handler, d.id, d.version, PauseKind.OTHER_AGENCY, "某区政府", date(2025, 3, 10))
    assert d.deadline.reply_due == date(2025, 3, 31)       # nothing paused yet (see test_deadline)
    friday = CalendarService(any_db, fixed_today(date(2025, 3, 14)))
    assert friday.refresh_open_cases(clerk).changed == 1
    # Mar 11–14 paused (4 days) → Apr 7, as counted in test_open_consultation_counts_pause_up_to_today
    assert QueryService(any_db).page(RequestQuery(), 0, 1)[0].reply_due == date(2025, 4, 7)


def test_special_days_are_the_days_deadlines_count_differently(any_db, admin):
    cal = CalendarService(any_db, fixed_today(TODAY))
    days = {d.day: (d.is_workday, d.name) for d in cal.special_days(2025)}
    # 国务院办公厅 2025 arrangement: 国庆节、中秋节 Wed 10-01 … Wed 10-08 off, Sun 09-28 and Sat 10-11 worked
    assert days[date(2025, 10, 1)] == (False, "国庆节")
    assert days[date(2025, 10, 8)][0] is False
    assert days[date(2025, 9, 28)][0] is True and days[date(2025, 10, 11)][0] is True
    assert date(2025, 10, 4) not in days          # a Saturday off anyway: nothing to mark
    assert date(2025, 10, 9) not in days          # a plain Thursday
    # an entered notice is what counts for its year
    cal.save_year(admin, 2027, [CalendarDay(date(2027, 1, 1), False, "元旦")], "国办发明电〔2026〕1号")
    assert [(d.day, d.is_workday, d.name) for d in cal.special_days(2027)] == [(date(2027, 1, 1), False, "元旦")]
