"""Due dates worked out by hand from the published 2024–2026 calendars (domain §3).

Each expected value below was counted day by day on paper; the comment shows the count.
"""

from datetime import date as d

import pytest

from app.workflow.calendar import CalendarDay, StatutoryCalendar
from app.workflow.deadline import (
    CaseClock, ClockState, Correction, Extension, Pause, PauseKind, Policy, Urgency,
    compute_deadline, correction_due, fee_payment_due, third_party_answer_due, urgency,
)

CAL = StatutoryCalendar()
FAR = d(2026, 11, 23)


def due(clock: CaseClock, as_of=FAR, cal=CAL):
    return compute_deadline(clock, cal, as_of).reply_due


@pytest.mark.parametrize("received, expected", [
    # domain §3 worked examples
    (d(2024, 9, 27), d(2024, 10, 30)),
    (d(2024, 11, 4), d(2024, 12, 2)),
    (d(2025, 1, 20), d(2025, 2, 21)),
    (d(2025, 9, 26), d(2025, 10, 30)),
    (d(2025, 12, 31), d(2026, 1, 29)),
    (d(2026, 2, 14), d(2026, 3, 20)),   # received on a make-up Saturday
    # National Day 2025 (Oct 1–8 off, Sat Oct 11 works): Oct 9,10,11 (3), 13–17 (8), 20–24 (13),
    # 27–31 (18), Nov 3 (19), Nov 4 (20)
    (d(2025, 9, 30), d(2025, 11, 4)),
    # received on a rest day inside the holiday: day 1 is still Oct 9 → same count
    (d(2025, 10, 4), d(2025, 11, 4)),
    # received on the make-up Sunday 2025-01-26: Jan 27 (1); Jan 28–Feb 4 off; Feb 5,6,7 (4);
    # Sat Feb 8 works (5); Feb 10–14 (10), 17–21 (15), 24–28 (20)
    (d(2025, 1, 26), d(2025, 2, 28)),
])
def test_reply_due_without_events(received, expected):
    assert due(CaseClock(received)) == expected


def test_extension_of_twenty_days_domain_example():
    assert due(CaseClock(d(2025, 1, 24), extensions=(Extension(d(2025, 2, 10), 20),))) == d(2025, 3, 27)


def test_partial_extension_adds_working_days():
    # 2024-11-04 is due 2024-12-02; 5 more working days: Dec 3,4,5,6 (4), Dec 9 (5)
    assert due(CaseClock(d(2024, 11, 4), extensions=(Extension(d(2024, 11, 20), 5),))) == d(2024, 12, 9)


def test_extensions_are_capped_at_twenty_days():
    capped = CaseClock(d(2025, 1, 24), extensions=(Extension(d(2025, 2, 10), 15), Extension(d(2025, 2, 11), 15)))
    assert due(capped) == d(2025, 3, 27)


def test_correction_restarts_the_clock():
    # received 2025-03-03; corrected application received Wed 2025-03-12 → day 0.
    # Mar 13,14 (2), 17–21 (7), 24–28 (12), Mar 31–Apr 3 (16), Fri Apr 4 清明 off, Apr 7–10 (20)
    clock = CaseClock(d(2025, 3, 3), corrections=(Correction(d(2025, 3, 5), d(2025, 3, 12)),))
    result = compute_deadline(clock, CAL, FAR)
    assert result.start == d(2025, 3, 12)
    assert result.reply_due == d(2025, 4, 10)
    # 补正 notice due = 7 working days after receipt: Mar 4–7 (4), 10,11,12 (7)
    assert result.correction_notice_due == d(2025, 3, 12)


def test_pending_correction_stops_the_clock():
    clock = CaseClock(d(2025, 3, 3), corrections=(Correction(d(2025, 3, 5)),))
    result = compute_deadline(clock, CAL, FAR, Policy(correction_period_days=15))
    assert result.state is ClockState.AWAITING_CORRECTION
    assert result.reply_due is None
    # not yet served: no due date, only a provisional hint from the sending date:
    # 15 working days from Mar 5: Mar 6,7 (2), 10–14 (7), 17–21 (12), 24,25,26 (15)
    assert result.correction_reply_due is None
    assert result.correction_reply_hint == d(2025, 3, 26)
    assert result.warnings == ("补正告知书未送达",)
    assert any("未送达" in line and "暂按发出日期估算为2025年3月26日" in line for line in result.explanation)


def test_third_party_consultation_is_not_counted():
    # ledger sample row 4: received 2025-04-03, consultation 04-08 → 04-25.
    # paused = working days in (Apr 8, Apr 25]: Apr 9,10,11 (3), 14–18 (8), 21–25 (13) = 13.
    # 33 working days after Apr 3: Apr 7–11 (5), 14–18 (10), 21–25 (15), Sun Apr 27 works (16),
    # Apr 28–30 (19), May 1–5 off, May 6–9 (23), 12–16 (28), 19–23 (33)
    clock = CaseClock(d(2025, 4, 3), pauses=(Pause(PauseKind.THIRD_PARTY, d(2025, 4, 8), d(2025, 4, 25)),))
    result = compute_deadline(clock, CAL, FAR)
    assert result.paused_days == 13
    assert result.reply_due == d(2025, 5, 23)
    assert any("不计13个工作日" in line for line in result.explanation)


def test_fee_window_is_not_counted():
    # received Mon 2025-05-26; notice 06-03, paid 06-10. Dragon Boat May 31–Jun 2 off.
    # paused = (Jun 3, Jun 10]: Jun 4,5,6,9,10 = 5 → 25 working days after May 26:
    # May 27–30 (4), Jun 3 (5), 4–6 (8), 9–13 (13), 16–20 (18), 23–27 (23), Jun 30 (24), Jul 1 (25)
    clock = CaseClock(d(2025, 5, 26), pauses=(Pause(PauseKind.FEE, d(2025, 6, 3), d(2025, 6, 10)),))
    assert due(clock) == d(2025, 7, 1)


def test_open_consultation_counts_pause_up_to_today():
    # received 2025-03-03, base due Mar 31 (Mar 4–7 (4), 10–14 (9), 17–21 (14), 24–28 (19), 31 (20)).
    # consultation sent Mar 10, unanswered on Mar 14: paused Mar 11–14 = 4 → Apr 1,2,3 (23), Apr 7 (24)
    clock = CaseClock(d(2025, 3, 3), pauses=(Pause(PauseKind.OTHER_AGENCY, d(2025, 3, 10)),))
    assert due(clock, as_of=d(2025, 3, 14)) == d(2025, 4, 7)


def test_unanswered_third_party_pause_ends_with_its_window():
    # letter received by the third party Tue 2025-03-11; 15 working days: Mar 12–14 (3), 17–21 (8),
    # 24–28 (13), Mar 31 (14), Apr 1 (15)
    assert third_party_answer_due(CAL, d(2025, 3, 11)) == d(2025, 4, 1)
    window = third_party_answer_due(CAL, d(2025, 3, 11))
    clock = CaseClock(d(2025, 3, 3), pauses=(Pause(PauseKind.THIRD_PARTY, d(2025, 3, 10), None, window),))
    # paused (Mar 10, Apr 1] = Mar 11–14 (4), 17–21 (9), 24–28 (14), Mar 31, Apr 1 (16) → 36 days:
    # base Mar 31 (20), Apr 1–3 (23), Apr 7–11 (28), 14–18 (33), 21,22,23 (36)
    assert due(clock, as_of=d(2025, 6, 1)) == d(2025, 4, 23)


def test_fee_payment_due_counts_from_the_day_after_receipt():
    # notice received Fri 2025-09-26; Sun Sep 28 works; Oct 1–8 off; Sat Oct 11 works.
    # Sep 28 (1), 29 (2), 30 (3), Oct 9,10,11 (6), 13–17 (11), 20–24 (16), 27–30 (20)
    assert fee_payment_due(CAL, d(2025, 9, 26)) == d(2025, 10, 30)


def test_unpublished_year_counts_the_law_s_holidays_and_is_marked_provisional():
    # received Mon 2026-12-21: Dec 22–25 (4), 28–31 (8), Fri 2027-01-01 元旦 by law (not counted),
    # Jan 4–8 (13), 11–15 (18), Jan 18 (19), Jan 19 (20)
    result = compute_deadline(CaseClock(d(2026, 12, 21)), CAL, FAR)
    assert result.reply_due == d(2027, 1, 19)
    assert result.provisional_years == (2027,)
    assert result.mark(result.reply_due) == "（暂定）" and result.mark(d(2026, 12, 31)) == ""
    assert any(line.startswith("2027年节假日安排未录入：该年按《全国年节及纪念日放假办法》") for line in result.explanation)
    assert "应答复日期：2027年1月19日（暂定）。" in result.explanation
    assert any("2027年1月1日（星期五）元旦放假（按放假办法推算，暂定）" in line for line in result.explanation)


def test_entered_notice_replaces_the_provisional_count():
    # The notice as entered makes Sat 2027-01-02 a working day (a notice unlike the law's estimate):
    # Dec 22–31 (8), Jan 2 (9), Jan 4–8 (14), 11–15 (19), Jan 18 (20)
    cal = StatutoryCalendar([CalendarDay(d(2027, 1, 1), False, "元旦", "国办发明电〔2026〕X号"),
                             CalendarDay(d(2027, 1, 2), True, "元旦", "国办发明电〔2026〕X号")])
    result = compute_deadline(CaseClock(d(2026, 12, 21)), cal, FAR)
    assert result.reply_due == d(2027, 1, 18)
    assert result.provisional_years == ()
    assert not any("暂定" in line for line in result.explanation)


def test_an_art35_date_set_by_the_office_is_not_provisional_but_its_draft_due_is():
    # received Mon 2026-12-21, 另定期限 2027-03-31 (chosen, not counted); draft due counted back 3
    # working days: Mar 30 (1), 29 (2), 26 Fri (3) → 2027-03-26, counted through 2027: 暂定
    clock = CaseClock(d(2026, 12, 21), override_due=d(2027, 3, 31), override_reason="申请数量明显超出合理范围")
    result = compute_deadline(clock, CAL, FAR)
    assert result.reply_due == d(2027, 3, 31) and result.mark(result.reply_due) == ""
    assert "应答复日期：2027年3月31日。" in result.explanation
    assert result.draft_due == d(2027, 3, 26) and result.mark(result.draft_due) == "（暂定）"


def test_a_correction_awaited_into_an_unpublished_year_is_provisional():
    # received Thu 2026-12-17; 补正 notice sent and served Fri 2026-12-18, 15 working days:
    # Dec 21–25 (5), 28–31 (9), Jan 1 元旦, Jan 4–8 (14), Jan 11 (15) → 补正 due 2027-01-11, 暂定
    clock = CaseClock(d(2026, 12, 17), corrections=(Correction(d(2026, 12, 18), None, 15, d(2026, 12, 18)),))
    result = compute_deadline(clock, CAL, FAR)
    assert result.correction_reply_due == d(2027, 1, 11)
    assert result.provisional_years == (2027,) and result.mark(result.correction_reply_due) == "（暂定）"


def test_art35_override_wins_and_is_explained():
    clock = CaseClock(d(2025, 1, 20), override_due=d(2025, 4, 30), override_reason="申请数量明显超出合理范围")
    result = compute_deadline(clock, CAL, FAR)
    assert result.reply_due == d(2025, 4, 30)
    assert any("第三十五条" in line and "2025年2月21日" in line for line in result.explanation)


def test_unconfirmed_request_has_no_clock():
    result = compute_deadline(CaseClock(None), CAL, FAR)
    assert result.state is ClockState.UNCONFIRMED and result.reply_due is None


def test_draft_due_is_three_working_days_before_reply_due():
    # due Fri 2025-02-21 → Thu 20 (1), Wed 19 (2), Tue 18 (3)
    assert compute_deadline(CaseClock(d(2025, 1, 20)), CAL, FAR).draft_due == d(2025, 2, 18)


def test_explanation_names_holidays_and_make_up_days_crossed():
    lines = compute_deadline(CaseClock(d(2025, 1, 20)), CAL, FAR).explanation
    text = "".join(lines)
    assert "2025年1月26日（星期日）春节调休上班" in text
    assert "2025年1月28日（星期二）春节放假" in text
    assert "2025年2月8日（星期六）春节调休上班" in text
    assert lines[-2] == "应答复日期：2025年2月21日。"


@pytest.mark.parametrize("today, expected", [
    (d(2025, 2, 10), Urgency.NONE),     # 9 working days left
    (d(2025, 2, 14), Urgency.AMBER),    # Feb 17–21: 5 left
    (d(2025, 2, 19), Urgency.RED),      # Feb 20, 21: 2 left
    (d(2025, 2, 21), Urgency.RED),      # due today
    (d(2025, 2, 24), Urgency.OVERDUE),
])
def test_urgency_levels(today, expected):
    assert urgency(CAL, d(2025, 2, 21), today) is expected


def test_correction_due_runs_from_service_with_the_notices_own_period():
    # notice sent Wed 2025-03-05 with a 10-working-day period (office default 15), served Mon Mar 10:
    # Mar 11–14 (4), 17–21 (9), Mar 24 (10) → 2025-03-24
    c = Correction(d(2025, 3, 5), period_days=10, notice_served_on=d(2025, 3, 10))
    result = compute_deadline(CaseClock(d(2025, 3, 3), corrections=(c,)), CAL, FAR, Policy(correction_period_days=15))
    assert result.correction_reply_due == d(2025, 3, 24)
    assert result.correction_reply_hint is None and result.warnings == ()
    assert correction_due(c, CAL) == d(2025, 3, 24)
    # before service: the hint counts the notice's 10 days from sending: Mar 6,7 (2), 10–14 (7), 17,18,19 (10)
    unserved = compute_deadline(CaseClock(d(2025, 3, 3), corrections=(Correction(d(2025, 3, 5), None, 10),)),
                                CAL, FAR)
    assert unserved.correction_reply_hint == d(2025, 3, 19)


def test_a_late_answer_does_not_extend_the_pause():
    # third party received the letter Tue 2025-03-11 → window Apr 1 (see above); it answered Apr 15.
    # paused (Mar 10, Apr 1] = 16, not (Mar 10, Apr 15] = 25 → due Apr 23 as for an unanswered letter
    window = third_party_answer_due(CAL, d(2025, 3, 11))
    clock = CaseClock(d(2025, 3, 3), pauses=(Pause(PauseKind.THIRD_PARTY, d(2025, 3, 10), d(2025, 4, 15), window),))
    result = compute_deadline(clock, CAL, FAR)
    assert result.paused_days == 16
    assert result.reply_due == d(2025, 4, 23)
    assert any("答复晚于答复期限届满之日2025年4月1日" in line and "条例第三十三条第三款" in line
               for line in result.explanation)


def test_unrecorded_receipt_counts_the_window_from_sending_and_says_so():
    # sent Mon 2025-03-10, the third party's receipt not recorded, no answer:
    # window from Mar 10: Mar 11–14 (4), 17–21 (9), 24–28 (14), Mar 31 (15) → paused 15 working days.
    # due = 35 working days after Mar 3: Mar 31 (20), Apr 1–3 (23), Apr 4 清明 off, Apr 7–11 (28),
    # Apr 14–18 (33), Apr 21, 22 (35) → 2025-04-22
    clock = CaseClock(d(2025, 3, 3), pauses=(Pause(PauseKind.THIRD_PARTY, d(2025, 3, 10)),))
    result = compute_deadline(clock, CAL, FAR)
    assert result.paused_days == 15
    assert result.reply_due == d(2025, 4, 22)
    assert result.warnings == ("第三方收到日期未登记",)
    assert any("对方收到日期未登记" in line for line in result.explanation)


def test_overlapping_pauses_are_counted_once():
    # received Mon 2025-03-03. Third party: sent Mar 10, answered Thu Mar 20 → Mar 11–14, 17–20 = 8.
    # Other agency: sent Mon Mar 17, answered Wed Mar 26 → Mar 18–21, 24–26 = 7.
    # Union Mar 11–26: Mar 11–14 (4), 17–21 (9), 24–26 (12) = 12 (Mar 18, 19, 20 counted once).
    # due = 32 working days after Mar 3: Mar 31 (20), Apr 1–3 (23), Apr 7–11 (28), Apr 14–17 (32)
    tp_window = third_party_answer_due(CAL, d(2025, 3, 10))
    ag_window = third_party_answer_due(CAL, d(2025, 3, 17))
    clock = CaseClock(d(2025, 3, 3), pauses=(
        Pause(PauseKind.THIRD_PARTY, d(2025, 3, 10), d(2025, 3, 20), tp_window),
        Pause(PauseKind.OTHER_AGENCY, d(2025, 3, 17), d(2025, 3, 26), ag_window)))
    result = compute_deadline(clock, CAL, FAR)
    assert result.paused_days == 12
    assert result.reply_due == d(2025, 4, 17)
    assert any("重叠的3个工作日只计一次" in line for line in result.explanation)
