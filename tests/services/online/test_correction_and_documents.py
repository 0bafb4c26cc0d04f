"""补正 answered online and accepted at the desk; documents fetched online as their 电子送达; on both databases."""

from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.exports.letters.kinds import LetterKind
from app.models import Correction, Event, Letter, Request
from app.services.online.dto import OnlineForbidden, OnlineInvalid, Upload
from tests.services.online.support import HOME, PDF, Clock, citizen, png, services


def _confirmed(any_db, clerk, **form):
    clock = Clock(datetime(2025, 3, 3, 9, 30))
    online, desk, svc, clock = services(any_db, clock)
    code = online.submit(None, citizen(**form), [], HOME).query_code
    [p] = desk.pending()
    d = desk.confirm(clerk, p.request_id, p.version)
    return online, desk, svc, clock, code, d


def _correction_notice(svc, clerk, chief, d, clock, on=date(2025, 3, 5)):
    clock.now = datetime(on.year, on.month, on.day, 10, 0)
    d = svc.cases.request_correction(clerk, d.id, d.version, on, "请写明所需规划许可证的文号或项目名称")
    letter = svc.letters.issue(clerk, d.id, LetterKind.CORRECTION)
    return svc.letters.sign(chief, letter.id)


def test_correction_answered_online_and_accepted(any_db, clerk, chief):
    online, desk, svc, clock, code, d = _confirmed(any_db, clerk)
    signed = _correction_notice(svc, clerk, chief, d, clock)
    status = online.status(code, "5678", HOME)
    assert status.stage == "补正"
    assert status.correction.text == "请写明所需规划许可证的文号或项目名称"
    assert status.correction.deadline is None and not status.correction.answered     # not yet served
    [doc] = status.documents
    assert (doc.id, doc.fetched) == (signed.id, False)
    assert [u.title for u in desk.unfetched_documents()] == [doc.title]
    clock.now = datetime(2025, 3, 6, 8, 0)
    name, pdf = online.download(code, "5678", doc.id, HOME)
    assert pdf.startswith(b"%PDF") and name.startswith("补正申请告知书")
    # Served 6 March (Thu) by the download; 15 working days from the next day: 7, 10-14, 17-21, 24-27 March.
    status = online.status(code, "5678", HOME)
    assert status.documents[0].fetched
    if any_db.dialect == "sqlite":
        assert status.correction.deadline == date(2025, 3, 27)
    else:       # the server's function serves it on the server's own day: 15 working days are 3-5 weeks on
        assert 21 <= (status.correction.deadline - date.today()).days <= 35
    assert desk.unfetched_documents() == []
    with any_db.read() as uow:
        c = uow.session.scalar(select(Correction))
        letter = uow.session.get(Letter, doc.id)
        served = [e.new for e in uow.session.scalars(select(Event).where(Event.kind == "送达"))]
        facts = (c.notice_served_on, letter.served_on, letter.served_method)
    day = date(2025, 3, 6) if any_db.dialect == "sqlite" else date.today()   # the server takes its own day
    assert facts == (day, day, "电子送达")
    assert len(served) == 1 and "电子送达" in served[0]
    online.download(code, "5678", doc.id, HOME)                      # again: no second 送达
    with any_db.read() as uow:
        assert len(uow.session.scalars(select(Event).where(Event.kind == "送达")).all()) == 1

    with pytest.raises(OnlineInvalid) as e:
        online.answer_correction(code, "5678", "  ", [Upload("a.exe", b"MZ\x90\x00")], HOME)
    assert set(e.value.errors) == {"text", "attachments"}
    clock.now = datetime(2025, 3, 10, 15, 0)
    online.answer_correction(code, "5678", "所需为某路拓宽工程2024年核发的建设工程规划许可证", [png("说明.png")], HOME)
    with pytest.raises(OnlineForbidden):
        online.answer_correction(code, "5678", "再补充一次", [], HOME)
    assert online.status(code, "5678", HOME).correction.answered
    [a] = desk.pending_answers()
    assert (a.number, a.attachments) == ("某自然资规依申〔2025〕1号", ["说明.png"])
    detail = desk.accept_correction(clerk, a.answer_id)
    assert detail.status == "待审核" and detail.corrections[-1].received_on == date(2025, 3, 10)
    assert detail.corrections[-1].corrected_content == "所需为某路拓宽工程2024年核发的建设工程规划许可证"
    assert desk.pending_answers() == []
    after = online.status(code, "5678", HOME)
    assert after.stage == "已收到补正，办理中"
    # The timeline, by hand: the 补正 asked, then the corrected application received on 10 March (the
    # current step); 已答复 still to come.
    labels = [(s.label, s.current) for s in after.timeline]
    assert labels[-3:] == [("补正", False), ("收到补正", True), ("已答复", False)]
    assert after.timeline[-2].on == date(2025, 3, 10)
    with pytest.raises(OnlineForbidden):
        online.answer_correction(code, "5678", "又一次", [], HOME)


def test_no_documents_online_for_a_postal_applicant(any_db, clerk, chief):
    online, desk, svc, clock, code, d = _confirmed(any_db, clerk, delivery="邮寄")
    signed = _correction_notice(svc, clerk, chief, d, clock)
    assert online.status(code, "5678", HOME).documents == []
    assert desk.unfetched_documents() == []
    with pytest.raises(OnlineForbidden):
        online.download(code, "5678", signed.id, HOME)


def test_a_document_of_another_case_is_refused(any_db, clerk, chief):
    online, desk, svc, clock, code, d = _confirmed(any_db, clerk)
    other = online.submit(None, citizen(name="李四", phone="13900000001"), [], HOME).query_code
    signed = _correction_notice(svc, clerk, chief, d, clock)
    with pytest.raises(OnlineForbidden):
        online.download(other, "0001", signed.id, HOME)
    with pytest.raises(OnlineForbidden):
        online.answer_correction(other, "0001", "text", [], HOME)     # nothing asked of that one


def test_refused_as_not_an_application(any_db, clerk):
    online, desk, svc, *_ = services(any_db)
    code = online.submit(None, citizen(description="广告：出售二手挖掘机"), [], HOME).query_code
    [p] = desk.pending()
    with pytest.raises(Exception) as e:
        desk.refuse(clerk, p.request_id, p.version, " ")
    assert "理由" in str(e.value)
    desk.refuse(clerk, p.request_id, p.version, "内容为商业广告，与政府信息公开无关")
    assert desk.pending() == []
    s = online.status(code, "5678", HOME)
    assert s.stage.startswith("未予登记") and s.received_on is None and s.due_on is None
    with any_db.read() as uow:
        req = uow.session.get(Request, p.request_id)
        assert (req.status, req.receipt_date) == ("已归档", None)
        assert uow.session.scalar(select(Event.reason).where(Event.kind == "不予登记")).endswith("无关")
