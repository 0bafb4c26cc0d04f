"""Demo data a person can learn from: every case carries what its status requires (SQLite and PostgreSQL)."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from app.exports.letters.kinds import LetterKind
from app.models import Consultation, Correction, Letter, Request, User
from app.services.container import Services
from app.services.demos.demo import fill_demo
from tests.conftest import fixed_today
from tests.services.letters.test_letter_service import docx_text

TODAY = date(2026, 11, 23)          # a Monday
DECIDED = ("待签批", "已退回", "待合法性审查", "待答复", "已答复", "已归档")


@pytest.fixture(scope="module")
def demo_sqlite(tmp_path_factory):
    from app.services.uow import Database

    db = Database.open(str(tmp_path_factory.mktemp("demo") / "demo.sqlite3"))
    summary = fill_demo(db, cases=40, today=TODAY)
    yield db, summary
    db.dispose()


def _all(db, model):
    with db.uow() as uow:
        rows = uow.session.scalars(select(model)).all()
        uow.session.expunge_all()
        return rows


def test_every_case_carries_what_its_status_requires(demo_sqlite):
    db, summary = demo_sqlite
    reqs = _all(db, Request)
    assert summary.startswith("新增40件申请")
    letters = {x.request_id: x for x in _all(db, Letter) if x.kind == LetterKind.REPLY.value}
    statuses = {r.status for r in reqs}
    assert {"待审核", "待补正", "办理中", "征求意见中", "待签批", "已退回", "待答复", "已答复", "已归档"} <= statuses
    for r in reqs:
        withdrawn = r.outcome == "六.3"
        if r.status in DECIDED and not withdrawn:
            assert r.decision and r.decision_reasons and r.handling_opinion, r.number
            assert r.handling_opinion != r.decision_reasons
        if r.status in ("待答复", "已答复", "已归档") and not withdrawn:
            letter = letters[r.id]
            assert (letter.state, letter.signed_by) == ("已签发", "zhaokz"), r.number
            assert letter.doc_number.startswith(f"江南自然资规依复〔{(r.reply_date or TODAY).year}〕")
        if r.status in ("已答复", "已归档") and not withdrawn:
            assert r.reply_doc_number == letters[r.id].doc_number and r.service_method and r.service_date, r.number
        if withdrawn:
            assert r.id not in letters and r.reply_doc_number == ""
    assert all(c.content for c in _all(db, Correction))
    consultations = _all(db, Consultation)
    assert consultations and all(c.party for c in consultations)
    assert all(c.answer in ("同意", "不同意") and c.opinion for c in consultations if c.answered_on)


def test_a_waiting_reply_opens_a_full_signed_letter(demo_sqlite):
    db, _ = demo_sqlite
    services = Services.build(db, fixed_today(TODAY))
    [rid, *_] = [r.id for r in _all(db, Request) if r.status == "待答复"]
    detail = services.requests.detail(rid)
    preview = services.letters.preview(rid)
    assert not preview.pending and preview.letter.signed and len(preview.pages) >= 1
    text = docx_text(services.letters.files(preview.letter.id).docx)
    assert detail.applicant_name in text and preview.letter.doc_number in text
    assert detail.decision_reasons in text and detail.handling_opinion not in text
    assert "某某" not in "".join(t.text for p in preview.pages for t in p.texts[:2])     # agency named
    assert services.settings.is_demo_database()


def test_numbers_rise_with_the_dates(demo_sqlite):
    db, _ = demo_sqlite
    by_id = {r.id: r for r in _all(db, Request)}
    numbered = [(*map(int, re.search(r"〔(\d{4})〕(\d+)号", x.doc_number).groups()),
                 by_id[x.request_id].reply_date or TODAY)
                for x in _all(db, Letter) if x.kind == LetterKind.REPLY.value]
    assert len({year for year, _n, _d in numbered}) == 2          # 2025 and 2026 series
    for year in {year for year, _n, _d in numbered}:
        series = sorted((n, d) for y, n, d in numbered if y == year)
        assert [n for n, _d in series] == list(range(1, len(series) + 1))      # no gaps
        assert [d for _n, d in series] == sorted(d for _n, d in series)
        assert all(d.year == year for _n, d in series)


def test_demo_on_postgresql_too(any_db):
    summary = fill_demo(any_db, cases=16, today=TODAY)
    assert summary.startswith("新增16件申请")
    with any_db.uow() as uow:
        users = set(uow.session.scalars(select(User.username)))
    assert users == {"wangdj", "licb", "zhaokz"}            # the GUI's offer: the admin logged in already
    assert fill_demo(any_db, cases=16, today=TODAY) == "数据库中已有申请，未生成演示数据。"
