"""The bridge from stored events to the deadline rules (app/services/clock.py), at the boundaries of §3."""

from datetime import date as d
from types import SimpleNamespace as Row

from app.models import CalendarDayRow, Request
from app.services.clock import (
    case_clock, clock_from, deadline_of, load_calendar, refresh_case_due, refresh_due, refresh_due_audited,
)
from app.services.cases.request_service import RequestService
from app.workflow.calendar import StatutoryCalendar
from app.workflow.deadline import ClockState, Pause, PauseKind, Policy
from tests.conftest import fixed_today
from tests.services.helpers import request_input

CAL = StatutoryCalendar()
TODAY = d(2025, 3, 20)


def _req(**kw):
    values = dict(receipt_date=d(2025, 3, 3), override_due=None, override_reason="", corrections=[],
                  consultations=[], extensions=[], fee_notices=[], reply_due=None, draft_due=None,
                  due_provisional=False)
    values.update(kw)
    return Row(**values)


def test_a_third_party_window_runs_from_the_partys_receipt_and_an_agencys_likewise():
    # third party received the letter Tue 2025-03-11: 15 working days → Apr 1 (Mar 12–14 (3), 17–21 (8),
    # 24–28 (13), Mar 31 (14), Apr 1 (15)); an agency that received its letter Mon 3/17 → Apr 8
    # (Mar 18–21 (4), 24–28 (9), Mar 31–Apr 3 (13), Apr 4 清明 off, Apr 7, 8 (15))
    req = _req(consultations=[
        Row(kind="征求第三方意见", sent_on=d(2025, 3, 10), answered_on=None, party_received_on=d(2025, 3, 11)),
        Row(kind="征求其他机关意见", sent_on=d(2025, 3, 14), answered_on=d(2025, 3, 20),
            party_received_on=d(2025, 3, 17))])
    clock = case_clock(req, CAL)
    assert clock.pauses == (
        Pause(PauseKind.THIRD_PARTY, d(2025, 3, 10), None, d(2025, 4, 1)),
        Pause(PauseKind.OTHER_AGENCY, d(2025, 3, 14), d(2025, 3, 20), d(2025, 4, 8)))


def test_an_unrecorded_receipt_leaves_the_window_open_to_the_rule():
    # no party_received_on / fee received_on: no window is invented from the sending or issue date
    req = _req(consultations=[Row(kind="征求第三方意见", sent_on=d(2025, 3, 10), answered_on=None,
                                  party_received_on=None)],
               fee_notices=[Row(issued_on=d(2025, 3, 12), paid_on=None, received_on=None)])
    pauses = case_clock(req, CAL).pauses
    assert [p.window_end for p in pauses] == [None, None]
    assert pauses[1] == Pause(PauseKind.FEE, d(2025, 3, 12), None, None)
    assert deadline_of(req, CAL, Policy(), TODAY).state is ClockState.PAUSED_CONSULTATION


def test_a_fee_notices_window_is_twenty_working_days_from_its_receipt():
    # notice issued Fri 2025-09-26 and received the same day; Sun 9/28 works, Oct 1–8 off, Sat 10/11 works:
    # Sep 28 (1), 29 (2), 30 (3), Oct 9, 10, 11 (6), 13–17 (11), 20–24 (16), 27–30 (20) → 2025-10-30
    req = _req(receipt_date=d(2025, 9, 22),
               fee_notices=[Row(issued_on=d(2025, 9, 26), paid_on=d(2025, 10, 9), received_on=d(2025, 9, 26))])
    assert case_clock(req, CAL).pauses == (Pause(PauseKind.FEE, d(2025, 9, 26), d(2025, 10, 9), d(2025, 10, 30)),)


def test_corrections_extensions_and_the_art35_override_reach_the_rule():
    req = _req(corrections=[Row(requested_on=d(2025, 3, 5), received_on=d(2025, 3, 12), period_days=10,
                                notice_served_on=d(2025, 3, 6))],
               extensions=[Row(approved_on=d(2025, 4, 1), days=5)],
               override_due=d(2025, 6, 30), override_reason="申请数量明显超出合理范围")
    clock = clock_from(req, req.corrections, req.consultations, req.extensions, req.fee_notices, CAL)
    c = clock.corrections[0]
    assert (c.requested_on, c.received_on, c.period_days, c.notice_served_on) == (
        d(2025, 3, 5), d(2025, 3, 12), 10, d(2025, 3, 6))
    assert [(e.approved_on, e.days) for e in clock.extensions] == [(d(2025, 4, 1), 5)]
    assert (clock.override_due, clock.override_reason) == (d(2025, 6, 30), "申请数量明显超出合理范围")
    assert deadline_of(req, CAL, Policy(), TODAY).reply_due == d(2025, 6, 30)


def test_a_case_shows_the_holidays_its_count_crossed():
    # the detail view's explanation: received 2025-01-20 → 2025-02-21 crosses 春节 and two 调休 days
    lines = deadline_of(_req(receipt_date=d(2025, 1, 20)), CAL, Policy(), TODAY).explanation
    assert any(line.startswith("期间节假日与调休：") and "2025年2月8日（星期六）春节调休上班" in line for line in lines)


def test_refresh_caches_the_due_dates_and_says_whether_they_moved():
    # received 2025-03-03 → due Mon 2025-03-31, draft Wed 3/26 (Mar 28 (1), 27 (2), 26 (3))
    req = _req()
    assert refresh_due(req, CAL, Policy(), TODAY) is True
    assert (req.reply_due, req.draft_due, req.due_provisional) == (d(2025, 3, 31), d(2025, 3, 26), False)
    assert refresh_due(req, CAL, Policy(), TODAY) is False
    # only the provisional flag differs: still a change (received 2026-12-21 counts through 2027)
    late = _req(receipt_date=d(2026, 12, 21))
    refresh_due(late, CAL, Policy(), TODAY)
    assert late.due_provisional is True
    late.due_provisional = False
    assert refresh_due(late, CAL, Policy(), TODAY) is True and late.due_provisional is True


def test_an_entered_day_is_read_back_into_the_calendar(any_db):
    with any_db.uow() as uow:
        uow.session.add(CalendarDayRow(day=d(2025, 3, 10), is_workday=False, name="临时", notice="某府通知"))
        uow.session.flush()
        cal = load_calendar(uow.session)
    # Mon 2025-03-10 entered as a rest day: from Fri 3/7 day 1 is Tue 3/11
    assert not cal.is_workday(d(2025, 3, 10)) and cal.add_workdays(d(2025, 3, 7), 1) == d(2025, 3, 11)
    assert cal.special_day(d(2025, 3, 10)).describe() == "2025年3月10日（星期一）临时放假"


def test_a_moved_due_date_is_audited_field_by_field(any_db, clerk):
    # received 2025-01-20 → due 2025-02-21, draft 2025-02-18 (see test_deadline); an Art 35 override to
    # Wed 2025-04-30 moves both: draft Apr 29 (1), 28 (2), Sun Apr 27 调休 (3) → 2025-04-27
    requests = RequestService(any_db, fixed_today(d(2025, 1, 21)))
    case = requests.register(clerk, request_input(arrival_date=d(2025, 1, 20)))
    with any_db.uow() as uow:
        req = uow.session.get(Request, case.id)
        assert refresh_case_due(uow.session, clerk, req, d(2025, 1, 21)) is False     # nothing moved
        req.override_due, req.override_reason = d(2025, 4, 30), "数量明显超出合理范围"
        assert refresh_due_audited(uow.session, clerk, req, load_calendar(uow.session), Policy(),
                                   d(2025, 1, 21), "条例第三十五条") is True
        uow.commit()
    events = [(e.field, e.old, e.new, e.reason) for e in requests.detail(case.id).events]
    assert ("应答复日期", "2025-02-21", "2025-04-30", "条例第三十五条") in events
    assert ("草稿报送期限", "2025-02-18", "2025-04-27", "条例第三十五条") in events


def test_only_the_date_that_moved_is_audited(any_db, clerk):
    # the office lengthens the draft lead to 5 working days: the reply due stays, only the draft moves
    requests = RequestService(any_db, fixed_today(d(2025, 1, 21)))
    case = requests.register(clerk, request_input(arrival_date=d(2025, 1, 20)))
    with any_db.uow() as uow:
        req = uow.session.get(Request, case.id)
        # due Fri 2025-02-21 unchanged; draft with a 5-day lead: Feb 20, 19, 18, 17, 14 → 2025-02-14
        assert refresh_due_audited(uow.session, clerk, req, load_calendar(uow.session), Policy(draft_lead_days=5),
                                   d(2025, 1, 21), "设置变更") is True
        uow.commit()
    moved = [(e.field, e.old, e.new) for e in requests.detail(case.id).events if e.kind == "期限重算"]
    assert moved == [("草稿报送期限", "2025-02-18", "2025-02-14")]
