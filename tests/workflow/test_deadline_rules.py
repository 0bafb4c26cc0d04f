"""Legal boundaries of the deadline rules (domain §3), each at the input a practitioner would name.

Companion to test_deadline.py; every expected date was counted on the published calendar by hand.
"""

from datetime import date as d

import pytest

from app.workflow.calendar import StatutoryCalendar
from app.workflow.deadline import (
    CaseClock, ClockState, Correction, Extension, Pause, PauseKind, Policy, Urgency, compute_deadline,
    third_party_answer_due, urgency,
)

CAL = StatutoryCalendar()
FAR = d(2026, 11, 23)
TP, AG, FEE = PauseKind.THIRD_PARTY, PauseKind.OTHER_AGENCY, PauseKind.FEE


def test_twentieth_working_day_on_new_years_eve_stays_in_the_year():
    # received Wed 2025-12-03: Dec 4,5 (2), 8–12 (7), 15–19 (12), 22–26 (17), 29,30,31 (20).
    # The 20th working day is the year's last working day: 2025-12-31, not a date in 2026.
    result = compute_deadline(CaseClock(d(2025, 12, 3)), CAL, FAR)
    assert result.reply_due == d(2025, 12, 31)
    # draft 3 working days before: Tue 30 (1), Mon 29 (2), Fri 26 (3)
    assert result.draft_due == d(2025, 12, 26)


def test_an_inner_pause_does_not_cut_the_outer_one_short():
    # received Mon 2025-03-03; third party sent 3/10, answered 3/26; a fee notice 3/12, paid 3/14 inside it.
    # Union (3/10, 3/26]: Mar 11–14 (4), 17–21 (9), 24–26 (12) = 12 paused days.
    # 32 working days after Mar 3: Mar 31 (20), Apr 1–3 (23), Fri Apr 4 清明 off, Apr 7–11 (28),
    # Apr 14–17 (32) → 2025-04-17 (cutting at the fee's 3/14 would give 4 days → 2025-04-07)
    clock = CaseClock(d(2025, 3, 3), pauses=(
        Pause(TP, d(2025, 3, 10), d(2025, 3, 26), third_party_answer_due(CAL, d(2025, 3, 10))),
        Pause(FEE, d(2025, 3, 12), d(2025, 3, 14), d(2025, 4, 10))))
    result = compute_deadline(clock, CAL, FAR)
    assert result.paused_days == 12
    assert result.reply_due == d(2025, 4, 17)
    # separately 12 + 2 = 14; the 2 days of the fee pause are counted once
    assert any("重叠的2个工作日只计一次，共不计12个工作日" in line for line in result.explanation)


def test_three_pauses_merge_against_the_last_span():
    # received Mon 2025-03-03. Other agency 3/4–3/6: Mar 5, 6 = 2. Third party 3/10–3/26 = 12 (above).
    # Fee 3/12–3/14 inside the third party's span: counted once. Total 2 + 12 = 14.
    # 34 working days after Mar 3: Apr 17 (32, above), Fri Apr 18 (33), Mon Apr 21 (34) → 2025-04-21.
    # (Merging the fee against the first span, 3/4–3/6, would count it again: 16 → 2025-04-23.)
    clock = CaseClock(d(2025, 3, 3), pauses=(
        Pause(TP, d(2025, 3, 10), d(2025, 3, 26), third_party_answer_due(CAL, d(2025, 3, 10))),
        Pause(FEE, d(2025, 3, 12), d(2025, 3, 14), d(2025, 4, 10)),
        Pause(AG, d(2025, 3, 4), d(2025, 3, 6), third_party_answer_due(CAL, d(2025, 3, 4)))))
    result = compute_deadline(clock, CAL, FAR)
    assert result.paused_days == 14
    assert result.reply_due == d(2025, 4, 21)


def test_pauses_that_only_touch_are_not_double_counted_nor_lost():
    # received Mon 2025-03-03. Agency 3/4–3/10: Mar 5,6,7,10 = 4. Third party sent the day the agency
    # answered, 3/10, answered 3/12: Mar 11, 12 = 2. Touching spans merge into (3/4, 3/12] = 6 days.
    # 26 working days after Mar 3: Mar 31 (20), Apr 1–3 (23), Apr 7, 8, 9 (26) → 2025-04-09
    clock = CaseClock(d(2025, 3, 3), pauses=(
        Pause(AG, d(2025, 3, 4), d(2025, 3, 10), d(2025, 3, 25)),
        Pause(TP, d(2025, 3, 10), d(2025, 3, 12), d(2025, 3, 31))))
    result = compute_deadline(clock, CAL, FAR)
    assert result.paused_days == 6
    assert result.reply_due == d(2025, 4, 9)
    assert not any("重叠" in line for line in result.explanation)


def test_a_pause_begun_before_the_corrected_application_counts_from_the_restart():
    # received 2025-03-03; 补正 requested 3/4, corrected application received Wed 3/12 (the new day 0).
    # A consultation sent Mon 3/10 and answered Fri 3/14 pauses only (3/12, 3/14]: Mar 13, 14 = 2.
    # 22 working days after Mar 12: Apr 10 (20, as in test_deadline), Apr 11 (21), Apr 14 (22)
    clock = CaseClock(d(2025, 3, 3), corrections=(Correction(d(2025, 3, 4), d(2025, 3, 12)),),
                      pauses=(Pause(AG, d(2025, 3, 10), d(2025, 3, 14), d(2025, 3, 31)),))
    result = compute_deadline(clock, CAL, FAR)
    assert result.paused_days == 2
    assert result.reply_due == d(2025, 4, 14)


def test_a_pause_that_ends_on_its_start_day_pauses_nothing():
    # fee notice issued and paid the same day, Mon 2025-03-10: (3/10, 3/10] has no day → due as without it,
    # received 2025-03-03 → Mar 31 (Mar 4–7 (4), 10–14 (9), 17–21 (14), 24–28 (19), 31 (20))
    clock = CaseClock(d(2025, 3, 3), pauses=(Pause(FEE, d(2025, 3, 10), d(2025, 3, 10), d(2025, 4, 8)),))
    result = compute_deadline(clock, CAL, FAR)
    assert (result.paused_days, result.reply_due) == (0, d(2025, 3, 31))
    assert any("不计0个工作日" in line for line in result.explanation)


@pytest.mark.parametrize("as_of, state", [
    (d(2025, 4, 1), ClockState.PAUSED_CONSULTATION),   # the window's last day: still paused
    (d(2025, 4, 2), ClockState.RUNNING),               # the day after: the clock runs again
])
def test_the_third_partys_window_last_day_is_still_paused(as_of, state):
    # the third party received the letter Tue 2025-03-11: 15 working days → window ends 2025-04-01
    window = third_party_answer_due(CAL, d(2025, 3, 11))
    assert window == d(2025, 4, 1)
    clock = CaseClock(d(2025, 3, 3), pauses=(Pause(TP, d(2025, 3, 10), None, window),))
    assert compute_deadline(clock, CAL, as_of).state is state


@pytest.mark.parametrize("as_of, state", [
    (d(2025, 3, 31), ClockState.PAUSED_CONSULTATION),  # window counted from sending: last day Mar 31
    (d(2025, 4, 1), ClockState.RUNNING),
])
def test_an_unrecorded_receipt_counts_the_window_from_sending_for_the_state_too(as_of, state):
    # sent Mon 2025-03-10, receipt not recorded: Mar 11–14 (4), 17–21 (9), 24–28 (14), Mar 31 (15)
    clock = CaseClock(d(2025, 3, 3), pauses=(Pause(AG, d(2025, 3, 10)),))
    result = compute_deadline(clock, CAL, as_of)
    assert result.state is state
    assert result.warnings == ("被征求意见机关收到日期未登记",)


def test_a_fee_notice_with_its_receipt_unrecorded_pauses_the_clock():
    # notice issued 2025-03-10, 送达 not recorded, nothing paid: no window is known, so on any later day
    # the case waits for payment (暂停计时（待缴费）), never 计时中; time counts up to today.
    clock = CaseClock(d(2025, 3, 3), pauses=(Pause(FEE, d(2025, 3, 10)),))
    result = compute_deadline(clock, CAL, d(2025, 3, 14))
    assert result.state is ClockState.PAUSED_FEE
    # paused (3/10, 3/14] = 4 → 24 working days after Mar 3: Mar 31 (20), Apr 1–3 (23), Apr 7 (24)
    assert result.reply_due == d(2025, 4, 7)
    assert result.warnings == ("缴费通知书未送达",)     # the clerk is told to record its 送达 (issue 18.1)


def test_a_paid_fee_notice_with_no_recorded_receipt_pauses_until_payment():
    # issued Mon 3/10, paid Fri 3/14, receipt never recorded (no window): (3/10, 3/14] = 4 paused days,
    # due 2025-04-07 as above; the case runs again.
    clock = CaseClock(d(2025, 3, 3), pauses=(Pause(FEE, d(2025, 3, 10), d(2025, 3, 14)),))
    result = compute_deadline(clock, CAL, FAR)
    assert (result.state, result.reply_due) == (ClockState.RUNNING, d(2025, 4, 7))


def test_an_open_pause_past_its_window_lets_the_clock_run():
    # fee notice issued Fri 3/7, received Mon 3/10 → window: Mar 11–14 (4), 17–21 (9), 24–28 (14),
    # Mar 31–Apr 3 (18), Apr 7, 8 (20) → Apr 8. Unpaid on Apr 9, after the window: 计时中
    # (the office decides the lapse); on Apr 8 it still waits. An answered consultation listed before it
    # does not hide the open fee notice.
    fee = Pause(FEE, d(2025, 3, 7), None, d(2025, 4, 8))
    assert compute_deadline(CaseClock(d(2025, 3, 3), pauses=(fee,)), CAL, d(2025, 4, 9)).state \
        is ClockState.RUNNING
    assert compute_deadline(CaseClock(d(2025, 3, 3), pauses=(fee,)), CAL, d(2025, 4, 8)).state \
        is ClockState.PAUSED_FEE
    answered = Pause(TP, d(2025, 3, 4), d(2025, 3, 6), d(2025, 3, 25))
    clock = CaseClock(d(2025, 3, 3), pauses=(answered, fee))
    assert compute_deadline(clock, CAL, d(2025, 3, 20)).state is ClockState.PAUSED_FEE


def test_two_unrecorded_consultations_warn_once_each_kind():
    # open consultations whose receipt is unrecorded warn, once per kind; answered ones no longer matter
    open_ones = CaseClock(d(2025, 3, 3), pauses=(
        Pause(TP, d(2025, 3, 4)), Pause(TP, d(2025, 3, 10)), Pause(AG, d(2025, 3, 17))))
    assert compute_deadline(open_ones, CAL, d(2025, 3, 18)).warnings == (
        "第三方收到日期未登记", "被征求意见机关收到日期未登记")
    answered = CaseClock(d(2025, 3, 3), pauses=(
        Pause(TP, d(2025, 3, 4), d(2025, 3, 6)), Pause(TP, d(2025, 3, 10), d(2025, 3, 12)),
        Pause(AG, d(2025, 3, 17), d(2025, 3, 18))))
    assert compute_deadline(answered, CAL, FAR).warnings == ()


def test_extensions_add_up_before_the_cap():
    # received 2024-11-04, due 2024-12-02 without events. 5 + 3 = 8 more working days:
    # Dec 3–6 (4), 9–12 (8) → 2024-12-12; a single 20 plus a 1 stays capped at 20.
    two = CaseClock(d(2024, 11, 4), extensions=(Extension(d(2024, 11, 20), 5), Extension(d(2024, 11, 25), 3)))
    result = compute_deadline(two, CAL, FAR)
    assert (result.extension_days, result.reply_due) == (8, d(2024, 12, 12))
    over = CaseClock(d(2024, 11, 4), extensions=(Extension(d(2024, 11, 20), 20), Extension(d(2024, 11, 25), 1)))
    assert compute_deadline(over, CAL, FAR).extension_days == 20


def test_the_explanation_says_when_no_holiday_is_crossed_and_skips_the_scan_for_bulk_work():
    # received 2025-03-03 → 2025-03-31: no holiday and no 调休 in (Mar 3, Mar 31]
    lines = compute_deadline(CaseClock(d(2025, 3, 3)), CAL, FAR).explanation
    assert "期间无法定节假日或调休。" in lines
    bulk = compute_deadline(CaseClock(d(2025, 1, 20)), CAL, FAR, explain=False).explanation
    assert not any(line.startswith("期间") for line in bulk)
    full = compute_deadline(CaseClock(d(2025, 1, 20)), CAL, FAR).explanation
    assert any(line.startswith("期间节假日与调休：") for line in full)


def test_the_explanation_lists_each_correction_extension_and_the_restart():
    clock = CaseClock(d(2025, 3, 3), corrections=(Correction(d(2025, 3, 5), d(2025, 3, 12)),),
                      extensions=(Extension(d(2025, 4, 1), 5),))
    text = "".join(compute_deadline(clock, CAL, FAR).explanation)
    assert "2025年3月5日告知补正，2025年3月12日收到补正后的申请" in text
    assert "起算日：2025年3月12日" in text
    assert "延长答复期限：5个工作日，2025年4月1日经批准" in text


def test_the_draft_due_takes_the_offices_lead_days():
    # due Fri 2025-02-21 (received 2025-01-20); a 5-day lead: Feb 20, 19, 18, 17 (4), Fri Feb 14 (5)
    result = compute_deadline(CaseClock(d(2025, 1, 20)), CAL, FAR, Policy(draft_lead_days=5))
    assert result.draft_due == d(2025, 2, 14)
    assert any("应答复日期前5个工作日" in line for line in result.explanation)


def test_the_draft_due_across_new_year():
    # received Mon 2025-12-08: Dec 9–12 (4), 15–19 (9), 22–26 (14), 29–31 (17), Jan 1–3 off,
    # Sun Jan 4 works (18), Jan 5 (19), Jan 6 (20) → reply due Tue 2026-01-06.
    # Draft 3 working days before: Jan 5 (1), Sun Jan 4 (2), Wed 2025-12-31 (3) — back across the year
    result = compute_deadline(CaseClock(d(2025, 12, 8)), CAL, FAR)
    assert result.reply_due == d(2026, 1, 6)
    assert result.draft_due == d(2025, 12, 31)


@pytest.mark.parametrize("today, level", [
    (d(2025, 2, 13), Urgency.NONE),     # Feb 14, 17–21: 6 working days left
    (d(2025, 2, 18), Urgency.AMBER),    # Feb 19, 20, 21: 3 left (one more than red)
])
def test_urgency_just_outside_each_band(today, level):
    assert urgency(CAL, d(2025, 2, 21), today) is level


def test_no_due_date_no_urgency():
    assert urgency(CAL, None, d(2025, 2, 21)) is Urgency.NONE


def test_awaiting_correction_served_notice_explains_its_period_and_due():
    # notice sent Wed 2025-03-05, served Mon 3/10, office default 15 days: Mar 11–14 (4), 17–21 (9),
    # 24–28 (14), Mar 31 (15) → 2025-03-31
    clock = CaseClock(d(2025, 3, 3), corrections=(Correction(d(2025, 3, 5), notice_served_on=d(2025, 3, 10)),))
    result = compute_deadline(clock, CAL, FAR)          # the office default, 15 working days
    assert result.state is ClockState.AWAITING_CORRECTION
    assert result.correction_reply_due == d(2025, 3, 31)
    assert (result.paused_days, result.extension_days, result.provisional) == (0, 0, False)
    assert any("补正期限为15个工作日，应于2025年3月31日前补正" in line for line in result.explanation)


def test_an_answer_on_the_windows_last_day_is_not_late():
    # third party received the letter Tue 3/11 → window Apr 1; it answered on Apr 1 itself: on time,
    # paused (3/10, 4/1] = 16 days, and the explanation does not call the answer late
    window = third_party_answer_due(CAL, d(2025, 3, 11))
    clock = CaseClock(d(2025, 3, 3), pauses=(Pause(TP, d(2025, 3, 10), d(2025, 4, 1), window),))
    result = compute_deadline(clock, CAL, FAR)
    assert result.paused_days == 16
    assert not any("答复晚于" in line or "届满" in line for line in result.explanation)
    # still open on the window's last day: counted to today, not yet described as lapsed
    still_open = compute_deadline(CaseClock(d(2025, 3, 3), pauses=(Pause(TP, d(2025, 3, 10), None, window),)),
                                  CAL, d(2025, 4, 1))
    assert any("（尚未结束）" in line for line in still_open.explanation)
    assert not any("届满" in line for line in still_open.explanation)


def test_the_explanation_states_the_statutory_twenty_days_and_the_start():
    lines = compute_deadline(CaseClock(d(2025, 3, 3)), CAL, FAR).explanation
    assert lines[:3] == ("收到申请之日：2025年3月3日。", "起算日：2025年3月3日（当日不计入，次日起算）。",
                         "法定期限：20个工作日（条例第三十三条第二款）。")


def test_an_unconfirmed_request_has_nothing_paused_extended_or_provisional():
    result = compute_deadline(CaseClock(None), CAL, FAR)
    assert (result.paused_days, result.extension_days, result.provisional) == (0, 0, False)


def test_a_date_counted_through_an_unpublished_year_is_provisional():
    # received 2026-12-21: the count runs into 2027, whose notice is not entered
    assert compute_deadline(CaseClock(d(2026, 12, 21)), CAL, FAR).provisional is True
    assert compute_deadline(CaseClock(d(2025, 3, 3)), CAL, FAR).provisional is False


# -- Art 30: the 补正 notice is due within 7 working days of receipt ---------------------------------
# Received Mon 2025-03-03: Mar 4–7 (4), Mar 10, 11, 12 (7) → the notice is due by Wed 2025-03-12.


def _late_line(result) -> str:
    """The explanation's line on a late notice: it names the day sent, the 7 working days of Art 30 and
    the day it was due (worked by hand above), and points to the recorded reason."""
    [line] = [x for x in result.explanation if "逾期告知" in x]
    assert "2025年3月13日发出" in line and "7个工作日" in line and "应于2025年3月12日前告知" in line
    assert "条例第三十条" in line and "理由见补正记录" in line
    return line


def test_a_correction_notice_on_its_seventh_working_day_is_on_time():
    clock = CaseClock(d(2025, 3, 3), corrections=(Correction(d(2025, 3, 12), notice_served_on=d(2025, 3, 13)),))
    result = compute_deadline(clock, CAL, d(2025, 3, 14))
    assert (result.state, result.warnings, result.correction_notice_due) == (
        ClockState.AWAITING_CORRECTION, (), d(2025, 3, 12))
    assert not any("逾期告知" in line for line in result.explanation)


def test_a_correction_notice_on_the_eighth_working_day_is_marked_late_while_awaited_and_after():
    waiting = CaseClock(d(2025, 3, 3), corrections=(Correction(d(2025, 3, 13), notice_served_on=d(2025, 3, 14)),))
    result = compute_deadline(waiting, CAL, d(2025, 3, 17))
    assert result.state is ClockState.AWAITING_CORRECTION
    assert result.warnings == ("补正告知逾期",) and _late_line(result)
    # received Thu 3/20: the clock restarts, and the late notice stays on the record
    answered = CaseClock(d(2025, 3, 3), corrections=(
        Correction(d(2025, 3, 13), d(2025, 3, 20), notice_served_on=d(2025, 3, 14)),))
    result = compute_deadline(answered, CAL, d(2025, 3, 21))
    assert result.state is ClockState.RUNNING and "补正告知逾期" in result.warnings
    assert result.explanation[1] == _late_line(result)          # right after the receipt line


def test_only_the_first_correction_notice_is_held_to_the_seven_days():
    # first notice Wed 3/5 (on time), answered 3/10; a second notice on 3/20 is not an Art 30 first notice
    clock = CaseClock(d(2025, 3, 3), corrections=(
        Correction(d(2025, 3, 5), d(2025, 3, 10), notice_served_on=d(2025, 3, 6)),
        Correction(d(2025, 3, 20), notice_served_on=d(2025, 3, 21))))
    result = compute_deadline(clock, CAL, d(2025, 3, 24))
    assert result.state is ClockState.AWAITING_CORRECTION and result.warnings == ()


def test_a_correction_period_running_into_an_unpublished_year_says_so():
    # served Wed 2026-12-23, 15 working days: Dec 24, 25 (2), Dec 28–31 (6), 2027-01-01 元旦 (law's
    # holiday), Jan 4–8 (11), Jan 11–14 (15) → 2027-01-14, counted through 2027 (no notice yet): 暂定
    clock = CaseClock(d(2026, 12, 21), corrections=(Correction(d(2026, 12, 22), notice_served_on=d(2026, 12, 23)),))
    result = compute_deadline(clock, CAL, d(2026, 12, 24))
    assert (result.correction_reply_due, result.provisional_years) == (d(2027, 1, 14), (2027,))
    assert result.explanation[-1].startswith("2027年节假日安排未录入") and "日期为暂定" in result.explanation[-1]


def test_a_served_fee_notice_still_unpaid_gives_no_unserved_warning():
    # issued Fri 3/7, served Mon 3/10 → window ends Tue 4/8 (see above); on 3/20 it waits for payment
    fee = Pause(FEE, d(2025, 3, 7), None, d(2025, 4, 8))
    result = compute_deadline(CaseClock(d(2025, 3, 3), pauses=(fee,)), CAL, d(2025, 3, 20))
    assert (result.state, result.warnings) == (ClockState.PAUSED_FEE, ())
