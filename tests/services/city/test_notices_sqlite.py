"""The same 督办通知 on the one-agency SQLite desk: numbered, answered, audited in the one chain."""

from datetime import date, datetime

from sqlalchemy import select

from app.models import Event, Request
from app.services.city.notice_service import CityNoticeService
from app.workflow.vocabulary import Role
from tests.conftest import fixed_today, login_as
from tests.services.city.cases import JIA_CASES, TODAY


def test_send_and_answer_on_sqlite(sqlite_db):
    with sqlite_db.uow() as uow:
        for number, status, receipt, due, replied, _dept in JIA_CASES:
            uow.session.add(Request(number=number, status=status, channel="当面", applicant_type="自然人",
                                    applicant_name="某某", description="申请公开规划许可证", receipt_date=receipt,
                                    reply_due=due, reply_date=replied, created_at=datetime(2026, 1, 1),
                                    updated_at=datetime(2026, 1, 1)))
        uow.commit()
    city = login_as(sqlite_db, "shi_gkb", "市政务公开办", Role.CITY)
    chief = login_as(sqlite_db, "chief1", "赵科长", Role.CHIEF)
    handler = login_as(sqlite_db, "handler1", "李承办", Role.HANDLER)
    service = CityNoticeService(sqlite_db, fixed_today(TODAY))
    sent = service.send(city, 1, date(2026, 7, 10))
    assert (sent.number, sent.cases) == ("〔2026〕督办第1号", (("甲-2026-001", 10), ("甲-2026-002", 5)))
    assert service.inbox(handler) == []                        # 承办人 is not who answers the city
    assert [n.number for n in service.inbox(chief)] == ["〔2026〕督办第1号"]
    assert service.answer(chief, sent.id, "已阅").status == "已阅"
    with sqlite_db.read() as uow:
        events = uow.session.execute(select(Event.actor, Event.field, Event.old, Event.new)
                                     .where(Event.kind == "督办通知").order_by(Event.id)).all()
    assert [tuple(e) for e in events] == [("shi_gkb", "督办通知", "", "〔2026〕督办第1号"),
                                          ("chief1", "〔2026〕督办第1号.状态", "未阅", "已阅")]
