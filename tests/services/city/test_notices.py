"""市政务公开办督办通知 on a server of two agencies: numbered, read by the city and the agency only, audited."""

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.errors import PermissionDenied, ValidationError
from app.services.city.notice_service import CityNoticeService
from app.services.trust.office_service import OfficeService
from tests.conftest import TEST_PASSWORD, fixed_today
from tests.services.city.cases import TODAY
from tests.services.city.conftest import JIA, YI

pytestmark = pytest.mark.pg


def _as(server, name):
    db = server.workstation()
    return db, OfficeService(db).login(name, TEST_PASSWORD), CityNoticeService(db, fixed_today(TODAY))


def test_the_city_sends_and_the_agency_answers(filled):
    city_db, city, service = _as(filled, "shi_gkb")
    jia_db, clerk, jia = _as(filled, "jia_clerk")
    yi_db, yi_clerk, yi = _as(filled, "yi_clerk")
    try:
        with pytest.raises(ValidationError) as e:
            service.send(city, JIA, TODAY)
        assert e.value.field == "回复期限"
        with pytest.raises(ValidationError):               # 乙 has nothing overdue on 2026-06-30
            service.send(city, YI, date(2026, 7, 10))
        first = service.send(city, JIA, date(2026, 7, 10), "请说明逾期原因并尽快答复。")
        # worked by hand: 甲's overdue cases on 2026-06-30 are 甲-2026-001 (due 6-20) and -002 (due 6-25)
        assert first.number == "〔2026〕督办第1号" and first.agency_name == "甲区住房和城乡建设局"
        assert first.cases == (("甲-2026-001", 10), ("甲-2026-002", 5)) and first.status == "未阅"
        assert service.send(city, JIA, date(2026, 7, 15)).number == "〔2026〕督办第2号"
        assert [n.number for n in service.sent(city)] == ["〔2026〕督办第2号", "〔2026〕督办第1号"]

        assert [n.number for n in jia.inbox(clerk)] == ["〔2026〕督办第2号", "〔2026〕督办第1号"]
        assert yi.inbox(yi_clerk) == []
        with pytest.raises(PermissionDenied):
            yi.answer(yi_clerk, first.id, "已阅")
        with pytest.raises(ValidationError):
            jia.answer(clerk, first.id, "已回复", "  ")
        answered = jia.answer(clerk, first.id, "已回复", "两件已于7月2日答复。")
        assert (answered.status, answered.answered_by, answered.answer) == ("已回复", "jia_clerk", "两件已于7月2日答复。")
        with pytest.raises(PermissionDenied):
            service.answer(city, first.id, "已阅")             # the city does not answer its own notice

        with filled.owner.engine.connect() as c:
            events = c.execute(text("SELECT agency_id, actor, field, old, new FROM events WHERE kind = '督办通知' "
                                    "ORDER BY id")).all()
        assert [tuple(e) for e in events] == [
            (JIA, "shi_gkb", "督办通知", "", "〔2026〕督办第1号"), (JIA, "shi_gkb", "督办通知", "", "〔2026〕督办第2号"),
            (JIA, "jia_clerk", "〔2026〕督办第1号.状态", "未阅", "已回复")]
    finally:
        for db in (city_db, jia_db, yi_db):
            db.dispose()


def test_nobody_writes_a_notice_around_the_functions(filled):
    with filled.owner.engine.begin() as c:          # one notice to 甲 that both sessions can see
        c.execute(text(f"INSERT INTO city_notices (agency_id, year, seq, number, sent_on, reply_by, cases, body, "
                       f"sent_by, sent_at, status, answered_by, answer) VALUES ({JIA}, 2025, 1, '〔2025〕督办第1号', "
                       f"DATE '2025-06-30', DATE '2025-07-10', '[]', '', 'shi_gkb', now(), '未阅', '', '')"))
    for name, agency in (("jia_clerk", JIA), ("shi_gkb", None)):
        db, _actor, _service = _as(filled, name)
        try:
            for sql in ("UPDATE city_notices SET status = '已回复', answer = '伪造'",
                        "DELETE FROM city_notices",
                        f"INSERT INTO city_notices (agency_id, year, seq, number, sent_on, reply_by, cases, body, sent_by, "
                        f"sent_at, status, answered_by, answer) VALUES ({agency or YI}, 2026, 99, 'x', DATE '2026-06-30', "
                        f"DATE '2026-07-10', '[]', '', 'x', now(), '未阅', '', '')"):
                with db.engine.connect() as c, pytest.raises(DBAPIError) as e:
                    c.execute(text(sql))
                assert e.value.orig.sqlstate == "42501", (name, sql)
        finally:
            db.dispose()
