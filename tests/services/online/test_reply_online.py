"""The 答复书 fetched online: offered once signed, its first download is the reply's 电子送达 at the desk."""

from datetime import date, datetime

from sqlalchemy import select

from app.models import Event
from app.workflow.vocabulary import Role, ServiceMethod
from tests.conftest import login_as
from tests.services.helpers import add_department
from tests.services.online.support import HOME, Clock, citizen, services


def test_reply_downloaded_is_served(any_db, clerk, chief):
    clock = Clock(datetime(2025, 3, 3, 9, 0))
    online, desk, svc, clock = services(any_db, clock)
    code = online.submit(None, citizen(delivery="电子邮件"), [], HOME).query_code
    [p] = desk.pending()
    d = desk.confirm(clerk, p.request_id, p.version)
    dept = add_department(any_db, "规划科")
    handler = login_as(any_db, "handler9", "孙承办员", Role.HANDLER, dept)
    d = svc.cases.assign(clerk, d.id, d.version, dept, handler.user_id)
    clock.now = datetime(2025, 3, 12, 9, 0)
    d = svc.cases.submit(handler, d.id, d.version, decision="已主动公开",
                         reasons="该信息已于2025年1月10日在本局门户网站“政府信息公开”栏目主动公开")
    d = svc.cases.sign_off(chief, d.id, d.version)
    letter = svc.letters.sign(chief, svc.letters.issue(clerk, d.id).id)
    d = svc.cases.record_reply(clerk, d.id, d.version, None, date(2025, 3, 12), ServiceMethod.ELECTRONIC)
    assert (d.status, d.service_method) == ("已答复", "电子送达")
    s = online.status(code, "5678", HOME)
    assert s.stage == "已答复" and s.due_on is None
    assert [(t.label, t.on) for t in s.timeline][-1] == ("已答复", date(2025, 3, 12))
    [doc] = s.documents
    assert doc.title == f"政府信息公开申请答复书（{letter.doc_number}）" and not doc.fetched
    assert [u.letter_id for u in desk.unfetched_documents()] == [letter.id]
    clock.now = datetime(2025, 3, 13, 20, 15)
    name, pdf = online.download(code, "002X", doc.id, HOME)
    assert name == f"政府信息公开申请答复书-{letter.doc_number}.pdf" and pdf.startswith(b"%PDF")
    day = date(2025, 3, 13) if any_db.dialect == "sqlite" else date.today()     # the server's own day
    detail = svc.requests.detail(d.id)
    assert (detail.service_method, detail.service_date) == ("电子送达", day)
    assert desk.unfetched_documents() == [] and desk.fetched(d.id).keys() == {letter.id}
    with any_db.read() as uow:
        [(actor, new)] = uow.session.execute(select(Event.actor, Event.new).where(Event.kind == "送达",
                                                                                 Event.actor == "online")).all()
    assert new == f"电子送达（在线获取，{day.isoformat()}）"
