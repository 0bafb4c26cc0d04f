"""Dates counted through 2027 (no holiday notice in chinesecalendar 1.11): the law's holidays, and 暂定
on the case, in its explanation and in every letter that states such a date (SQLite and PostgreSQL)."""

import io
from datetime import date

import pytest
from docx import Document

from app.exports.letters.kinds import LetterKind
from app.services.calendar_service import CalendarService
from app.services.cases.case_service import CaseService
from app.services.letters.letter_service import LetterService
from app.services.cases.query_service import QueryService, RequestQuery
from app.services.cases.request_service import RequestService
from app.workflow.calendar import CalendarDay
from tests.conftest import fixed_today
from tests.services.helpers import add_department, request_input

PROVISIONAL = ("该日期为暂定：2027年节假日安排尚未公布，按《全国年节及纪念日放假办法》规定的节假日推算，"
               "如国务院办公厅公布的安排有调整，以调整后计算的日期为准")


def text(letters, letter_id) -> str:
    return "".join(p.text for p in Document(io.BytesIO(letters.files(letter_id).docx)).paragraphs)


def test_receipt_across_new_year_2027_says_its_date_is_provisional(any_db, clerk):
    requests = RequestService(any_db, fixed_today(date(2026, 12, 28)))
    letters = LetterService(any_db, fixed_today(date(2026, 12, 28)))
    d = requests.register(clerk, request_input(arrival_date=date(2026, 12, 25)))
    # received Fri 2026-12-25: Dec 28–31 (4), Fri 2027-01-01 元旦 (law) skipped, Jan 4–8 (9), 11–15 (14),
    # 18–22 (19), Mon Jan 25 (20)
    assert (d.deadline.reply_due, d.deadline.provisional) == (date(2027, 1, 25), True)
    assert "应答复日期：2027年1月25日（暂定）。" in d.deadline.explanation
    assert any("2027年1月1日（星期五）元旦放假（按放假办法推算，暂定）" in x for x in d.deadline.explanation)
    row = QueryService(any_db, fixed_today(date(2026, 12, 28))).page(RequestQuery(), 0, 10)[0]
    assert row.due_provisional
    receipt = letters.issue(clerk, d.id, LetterKind.RECEIPT)
    assert f"20个工作日内作出答复（即于2027年1月25日前；{PROVISIONAL}）；需要延长" in text(letters, receipt.id)


def test_receipt_within_2026_has_no_provisional_clause(any_db, clerk):
    requests = RequestService(any_db, fixed_today(date(2026, 11, 2)))
    letters = LetterService(any_db, fixed_today(date(2026, 11, 2)))
    d = requests.register(clerk, request_input(arrival_date=date(2026, 11, 2)))
    # received Mon 2026-11-02: Nov 3–6 (4), 9–13 (9), 16–20 (14), 23–27 (19), Mon Nov 30 (20)
    assert (d.deadline.reply_due, d.deadline.provisional) == (date(2026, 11, 30), False)
    receipt = letters.issue(clerk, d.id, LetterKind.RECEIPT)
    body = text(letters, receipt.id)
    assert "（即于2026年11月30日前）；" in body and "暂定" not in body


def test_extension_notice_across_spring_festival_2027_is_provisional(any_db, clerk, chief):
    today = fixed_today(date(2027, 1, 20))
    d = RequestService(any_db, today).register(clerk, request_input(arrival_date=date(2026, 12, 25)))
    cases = CaseService(any_db, today)
    d = cases.assign(clerk, d.id, d.version, add_department(any_db))
    d = cases.approve_extension(chief, d.id, d.version, date(2027, 1, 20), 20, "需调取历史档案")
    # 20 more after Mon 2027-01-25: Jan 26–29 (4), Feb 1–4 (8), Feb 5 除夕 and Feb 8 初三 (law) and
    # Feb 9–10 补假 (办法第六条, estimated) skipped, Feb 11–12 (10), 15–19 (15), 22–26 (20)
    assert (d.deadline.reply_due, d.deadline.provisional) == (date(2027, 2, 26), True)
    letters = LetterService(any_db, today)
    ext = letters.issue(clerk, d.id, LetterKind.EXTENSION)
    assert f"本机关将于2027年2月26日（{PROVISIONAL}）前作出答复。" in text(letters, ext.id)


def test_entering_the_2027_notice_removes_the_mark(any_db, clerk, admin):
    today = fixed_today(date(2026, 12, 28))
    d = RequestService(any_db, today).register(clerk, request_input(arrival_date=date(2026, 12, 25)))
    CalendarService(any_db, today).save_year(admin, 2027, [CalendarDay(date(2027, 1, 1), False, "元旦")],
                                             "国办发明电〔2026〕1号")
    after = RequestService(any_db, today).detail(d.id)
    # the entered notice has 1 January off like the law: same date, no longer 暂定
    assert (after.deadline.reply_due, after.deadline.provisional) == (date(2027, 1, 25), False)
    assert not any("暂定" in x for x in after.deadline.explanation)
    receipt = LetterService(any_db, today).issue(clerk, d.id, LetterKind.RECEIPT)
    assert "暂定" not in text(LetterService(any_db, today), receipt.id)
