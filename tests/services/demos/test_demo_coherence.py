"""A fresh demo tells one consistent story: every case's facts checked against each other (SQLite and
PostgreSQL). The demo is the first thing an office sees, and its letters carry 已签发."""

import io
import re
from datetime import date

import pytest
from docx import Document
from sqlalchemy import select

from app.exports.letters.data import LetterData
from app.models import Letter, Request
from app.services.demos.demo import fill_demo
from app.services.demos.demo_story import VAGUE
from app.services.cases.request_service import RequestService
from app.services.reports.review_register import ReviewRegister
from app.services.uow import Database
from app.workflow.outcomes import WITHDRAWN, Outcome, outcomes_for_decision
from tests.conftest import _fresh_pg, configure_test_office, fixed_today

TODAY = date(2026, 11, 23)          # a Monday
CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
# Dates a letter states as still to come: the reply due of a 受理回执 / 延期告知书, the collection window.
FUTURE_CLAUSES = re.compile(r"即于\d{4}年\d{1,2}月\d{1,2}日前|将于\d{4}年\d{1,2}月\d{1,2}日前")


def _day(text: str) -> date:
    y, m, d = map(int, CN_DATE.fullmatch(text).groups())
    return date(y, m, d)


def _text(docx: bytes) -> str:
    doc = Document(io.BytesIO(docx))
    return "".join(p.text for p in doc.paragraphs) + "".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def demo(request, tmp_path_factory):
    """One fresh ``demo`` per database (as the 演示数据 offer and the ``demo`` command write it)."""
    if request.param == "sqlite":
        db = Database.open(str(tmp_path_factory.mktemp("demo") / "demo.sqlite3"))
    else:
        db = Database.open(_fresh_pg(request.getfixturevalue("pg_server")))
    configure_test_office(db)                     # the shipped example names: the demo names its office
    summary = fill_demo(db, cases=40, today=TODAY)
    assert summary.startswith("新增40件申请")
    requests = RequestService(db, fixed_today(TODAY))
    with db.read() as uow:
        ids = uow.session.scalars(select(Request.id).order_by(Request.id)).all()
        letters = [(x.request_id, x.kind, x.state, LetterData.from_json(x.data_json).issue_date, _text(x.docx))
                   for x in uow.session.scalars(select(Letter).where(Letter.superseded_by.is_(None)))]
    yield db, [requests.detail(i) for i in ids], letters
    db.dispose()


def _side_dates(d) -> list[date]:
    dates = [x for c in d.corrections for x in (c.requested_on, c.notice_served_on, c.received_on)]
    dates += [x for c in d.consultations for x in (c.sent_on, c.party_received_on, c.answered_on)]
    dates += [e.approved_on for e in d.extensions]
    dates += [x for f in d.fees for x in (f.issued_on, f.received_on, f.paid_on)]
    return [x for x in dates if x is not None]


def test_no_event_after_the_reply_and_every_date_in_order(demo):
    _db, cases, letters = demo
    issued = {}
    for rid, _kind, _state, on, _text_ in letters:
        issued.setdefault(rid, []).append(_day(on))
    for d in cases:
        for c in d.corrections:
            assert d.receipt_date <= c.requested_on <= (c.notice_served_on or c.requested_on), d.number
            assert c.received_on is None or c.notice_served_on <= c.received_on, d.number
        for c in d.consultations:
            assert d.receipt_date <= c.sent_on <= (c.party_received_on or c.sent_on), d.number
            assert c.answered_on is None or c.party_received_on <= c.answered_on <= c.answer_due, d.number
        for e in d.extensions:                    # approved before the due it extends, after receipt
            assert d.receipt_date <= e.approved_on, d.number
        if d.reply_date is not None:
            assert all(x <= d.reply_date for x in _side_dates(d)), d.number
            assert all(x <= d.reply_date for x in issued.get(d.id, [])), d.number
            assert d.service_date is None or d.service_date >= d.reply_date, d.number
            if d.decision != WITHDRAWN:           # replied on time: the due counted from the events
                assert d.reply_date <= d.deadline.reply_due, d.number


def test_every_signed_letter_s_facts_were_true_on_its_date(demo):
    _db, cases, letters = demo
    by_id = {d.id: d for d in cases}
    signed = [(rid, kind, _day(on), text) for rid, kind, state, on, text in letters if state == "已签发"]
    assert any(kind == "政府信息公开申请答复书" for _r, kind, _o, _t in signed)
    notices = {(rid, kind): on for rid, kind, on, _t in signed}
    for rid, kind, on, text in signed:
        d = by_id[rid]
        stated = [_day(m.group(0)) for m in CN_DATE.finditer(FUTURE_CLAUSES.sub("", text))]
        assert all(x <= on for x in stated), (d.number, kind, on, stated)   # nothing recited from the future
        assert "某某" not in text, (d.number, kind)                        # the demo office is 江南市's
        if kind != "政府信息公开申请答复书":
            continue
        for e in d.extensions:                    # each extension recited, its notice signed before
            day = f"{e.approved_on.year}年{e.approved_on.month}月{e.approved_on.day}日"
            assert re.search(f"于{day}以《延长答复期限告知书》（[^）]+）告知您延长答复期限", text), (d.number, text)
            assert notices[(rid, "延长答复期限告知书")] <= on
        if any(c.received_on for c in d.corrections):
            assert "告知您作出补正" in text and notices[(rid, "补正申请告知书")] <= on
        for c in d.consultations:
            letter = "征求第三方意见函" if c.kind == "征求第三方意见" else "政府信息公开征求意见函"
            assert notices[(rid, letter)] <= on, d.number
        if not d.extensions:
            assert "延长答复期限" not in text, d.number


def test_every_decision_matches_its_outcome_and_withdrawals_say_so(demo):
    _db, cases, letters = demo
    replies = {rid for rid, kind, *_ in letters if kind == "政府信息公开申请答复书"}
    decided = [d for d in cases if d.outcome]
    withdrawn = [d for d in decided if d.outcome == Outcome.OTHER.code]
    assert withdrawn and len(decided) > 20
    for d in decided:
        if d.outcome == Outcome.OTHER.code:
            assert d.decision == WITHDRAWN and d.id not in replies, d.number      # 撤回: no 答复书
            continue
        assert Outcome.from_code(d.outcome) in outcomes_for_decision(d.decision), (d.number, d.decision)
        assert d.decision_reasons, d.number


def test_objections_are_followed_by_a_lawful_outcome(demo):
    _db, cases, _letters = demo
    objected = [d for d in cases if any(c.answer == "不同意" for c in d.consultations)]
    assert objected
    for d in objected:
        if d.outcome is None:
            continue
        withheld = d.outcome == Outcome.THIRD_PARTY.code or (
            d.outcome == Outcome.PARTIAL.code and d.withheld_ground == Outcome.THIRD_PARTY.code)
        art32 = any(c.disclosure_reasons for c in d.consultations)
        assert withheld or art32, (d.number, d.outcome)
    for d in cases:                               # a reason that speaks of an objection had one
        if "经征求意见" in d.decision_reasons:
            assert any(c.answer == "不同意" for c in d.consultations), d.number
        assert all(d.applicant_name != c.party for c in d.consultations), d.number


def test_correction_items_ask_for_what_the_request_lacked(demo):
    _db, cases, letters = demo
    corrected = [d for d in cases if d.corrections]
    assert corrected
    pairs = {f"申请公开{vague}": (items, f"申请公开{after}") for vague, items, after in VAGUE}
    notices = {rid: text for rid, kind, _s, _o, text in letters if kind == "补正申请告知书"}
    for d in corrected:
        [c] = d.corrections
        asked = next(v for v in pairs if v.removeprefix("申请公开") in notices[d.id])
        items, after = pairs[asked]
        assert c.content == items, d.number
        if c.received_on:                         # the reply answers the corrected request
            assert d.description == after, d.number


def test_review_register_follows_the_review_first_rule(demo):
    db, cases, _letters = demo
    by_number = {d.number: d for d in cases}
    entries = ReviewRegister(db, fixed_today(TODAY)).entries()
    assert entries
    for e in entries:
        assert e.warning == "", e.request_number
        assert e.filed_on >= by_number[e.request_number].reply_date
