"""合法性审查's share of the department draft lead time (domain §3 draft due, issue 11)."""

from datetime import date as d

from app.workflow.calendar import StatutoryCalendar
from app.workflow.legal_review import remaining_workdays, stage_plan

CAL = StatutoryCalendar()


def test_default_three_lead_days_one_for_the_review():
    # reply due Mon 2025-03-10; 3 working days before: Wed 03-05 (draft). Sign-off Thu 03-06,
    # review Fri 03-07, reply Mon 03-10.
    plan = stage_plan(CAL, d(2025, 3, 10), 3, 1)
    assert (plan.draft_due, plan.sign_off_by, plan.review_by) == (d(2025, 3, 5), d(2025, 3, 6), d(2025, 3, 7))
    assert plan.describe() == ("承办处室报送草稿后至应答复日期共3个工作日，其中合法性审查占1个（1/3）：签批应于"
                               "2025年3月6日前、合法性审查应于2025年3月7日前完成，2025年3月10日前答复。")


def test_across_the_national_day_holiday():
    # reply due Thu 2025-10-09; Oct 1–8 are holidays, Sun 09-28 a make-up day. Working days before
    # Oct 9: 09-30 (1), 09-29 (2), 09-28 Sunday make-up (3) → draft due 09-28; with two review days the
    # sign-off is due the same day, the review by 09-30.
    plan = stage_plan(CAL, d(2025, 10, 9), 3, 2)
    assert (plan.draft_due, plan.sign_off_by, plan.review_by) == (d(2025, 9, 28), d(2025, 9, 28), d(2025, 9, 30))


def test_review_never_eats_the_whole_lead_time():
    plan = stage_plan(CAL, d(2025, 3, 10), 3, 5)
    assert plan.review_days == 2 and plan.sign_off_by == plan.draft_due


def test_remaining_workdays():
    assert remaining_workdays(CAL, d(2025, 3, 7), d(2025, 3, 10)) == 1     # Fri → Mon
    assert remaining_workdays(CAL, d(2025, 3, 10), d(2025, 3, 10)) == 0
    assert remaining_workdays(CAL, d(2025, 3, 11), d(2025, 3, 10)) == 0
