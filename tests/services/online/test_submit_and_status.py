"""An online application from submission to confirmation: what the applicant and the desk see, on SQLite
and PostgreSQL (the desk's own role, dd_app semantics aside: these use the owner/app URL of ``any_db``)."""

from datetime import date

import pytest
from sqlalchemy import select, text

from app.models import Attachment, Request
from app.services.online.codes import normalise_code
from app.services.online.dto import OnlineInvalid, OnlineNotFound, Upload
from tests.services.online.support import HOME, PDF, citizen, png, services


def test_submission_is_a_pending_online_request_with_a_hashed_code(any_db, clerk):
    online, desk, _svc, _ = services(any_db)
    receipt = online.submit(None, citizen(), [png(), Upload("材料.pdf", PDF)], HOME)
    # 20 Crockford characters in five groups of four: 100 random bits.
    assert len(receipt.query_code) == 24 and receipt.query_code.count("-") == 4
    assert normalise_code(receipt.query_code.lower().replace("-", " ")) == receipt.query_code.replace("-", "")
    assert ("证件号码", "1101**********002X") in receipt.lines       # masked as the desk masks
    assert ("联系电话", "138****5678") in receipt.lines
    assert receipt.attachments == ["身份证.png", "材料.pdf"]
    [p] = desk.pending()
    assert (p.applicant_name, p.attachments, p.flood) == ("张三", 2, "")
    with any_db.read() as uow:
        req = uow.session.get(Request, p.request_id)
        assert (req.status, req.channel, req.receipt_date, req.reply_due, req.delivery) == \
            ("待确认", "网络", None, None, "在线获取")
        dump = " ".join(str(v) for v in uow.session.execute(text("SELECT * FROM online_submissions")).one())
        assert receipt.query_code.replace("-", "") not in dump and receipt.query_code not in dump
        assert "203.0.113.7" not in dump


def test_status_before_and_after_the_clerk_confirms(any_db, clerk):
    online, desk, _svc, _ = services(any_db)
    code = online.submit(None, citizen(), [], HOME).query_code
    before = online.status(code, "5678", HOME)
    assert before.stage.startswith("待确认")
    assert (before.received_on, before.due_on) == (None, None)
    assert [s.label for s in before.timeline] == ["待确认", "已受理", "已答复"]
    [p] = desk.pending()
    detail = desk.confirm(clerk, p.request_id, p.version)
    # Art 31(三): received the day both sides confirm = the clerk's day, 2025-03-03; 20 working days
    # counted from the next day: 4-7, 10-14, 17-21, 24-28 March (19), 31 March (20), no holiday between.
    assert (detail.status, detail.receipt_date, detail.deadline.reply_due) == ("待审核", date(2025, 3, 3), date(2025, 3, 31))
    assert detail.number == "某自然资规依申〔2025〕1号"
    after = online.status(code, "002X", HOME)                   # the ID's last four work as well
    assert (after.received_on, after.due_on, after.stage) == (date(2025, 3, 3), date(2025, 3, 31), "已受理，办理中")
    assert [(s.label, s.current) for s in after.timeline][:2] == [("待确认", False), ("已受理", True)]
    assert desk.pending() == []


def test_wrong_code_or_digits_say_the_same(any_db):
    online, *_ = services(any_db)
    code = online.submit(None, citizen(), [], HOME).query_code
    for args in ((code, "0000"), ("K7QF-3M9X-T2DP-HV8C-W4RA", "5678"), ("nonsense", "5678"), (code, "")):
        with pytest.raises(OnlineNotFound) as e:
            online.status(*args, HOME)
        assert str(e.value) == "查询码或号码后四位不正确，请核对后重试。"


def test_every_field_problem_at_once_and_nothing_saved(any_db):
    online, desk, *_ = services(any_db)
    bad = citizen(name="", id_number="110105194912310021", phone="12", email="a@", postcode="1000",
                  delivery="快递", description="")
    with pytest.raises(OnlineInvalid) as e:
        online.submit(None, bad, [Upload("照片.png", b"GIF89a....")], HOME)
    assert set(e.value.errors) == {"name", "id_number", "phone", "email", "postcode", "delivery", "description",
                                   "attachments"}
    assert "校验位" in e.value.errors["id_number"]
    assert "按文件内容识别" in e.value.errors["attachments"]
    assert desk.pending() == []
    with any_db.read() as uow:
        assert uow.session.scalar(select(Attachment.id)) is None


def test_an_organisation_needs_a_valid_credit_code_and_a_contact(any_db):
    online, desk, *_ = services(any_db)
    org = citizen(applicant_type="法人或者其他组织", name="某某科技有限公司", id_type="", id_number="",
                  credit_code="91350100M000100Y4", contact_person="")
    with pytest.raises(OnlineInvalid) as e:
        online.submit(None, org, [], HOME)
    assert set(e.value.errors) == {"credit_code", "contact_person"}
    good = citizen(applicant_type="法人或者其他组织", name="某某科技有限公司", id_type="", id_number="",
                   credit_code="91350100M000100Y43", contact_person="王五", org_kind="商业企业")
    online.submit(None, good, [], HOME)
    [p] = desk.pending()
    assert p.applicant_type == "商业企业"


def test_a_due_date_in_a_year_without_a_calendar_is_provisional(any_db, clerk):
    from datetime import datetime

    from tests.services.online.support import Clock

    online, desk, _svc, _ = services(any_db, Clock(datetime(2026, 12, 21, 9, 0)))
    code = online.submit(None, citizen(), [], HOME).query_code
    [p] = desk.pending()
    desk.confirm(clerk, p.request_id, p.version)
    s = online.status(code, "5678", HOME)
    # 20 working days after Monday 21 December 2026 end in January 2027, a year whose 节假日安排 is not
    # published (chinesecalendar stops at 2026, nothing entered): the date is 暂定.
    assert s.received_on == date(2026, 12, 21) and s.due_on.year == 2027 and s.due_provisional


def test_the_case_pages_own_confirmation_also_numbers_it(any_db, clerk):
    from datetime import datetime, time

    from tests.services.online.support import Clock

    # PostgreSQL's function dates the arrival by the server's own day, so the clerk confirms on it there.
    on = date(2025, 3, 3) if any_db.dialect == "sqlite" else date.today()
    online, desk, svc, _ = services(any_db, Clock(datetime.combine(on, time(9))))
    code = online.submit(None, citizen(), [], HOME).query_code
    [p] = desk.pending()
    assert p.number.startswith("网上待确认-")
    d = svc.cases.confirm_receipt(clerk, p.request_id, p.version, on)      # 确认收到 on the case page
    assert (d.number, d.receipt_date) == (f"某自然资规依申〔{on.year}〕1号", on)
    assert online.status(code, "5678", HOME).received_on == on
