"""个人信息: 证件号码 and 联系电话 masked in what the window gets and in the audit; a full look is audited."""

from datetime import date

import pytest
from sqlalchemy import select

from app.errors import ValidationError
from app.models import Event
from app.services.cases.request_service import RequestService
from tests.conftest import fixed_today
from tests.services.helpers import request_input

TODAY = date(2025, 6, 30)
ID, ID2, PHONE = "11010519491231002X", "110105194912310038", "13800000000"


@pytest.fixture
def svc(any_db):
    return RequestService(any_db, fixed_today(TODAY))


def test_the_window_gets_masked_values_and_a_full_look_is_audited(svc, any_db, clerk):
    d = svc.register(clerk, request_input(id_type="居民身份证", id_number=ID, phone=PHONE))
    assert (d.id_number, d.phone) == ("1101**********002X", "138****0000")
    full = svc.contact(clerk, d.id)
    assert (full.id_number, full.phone) == (ID, PHONE)
    with any_db.read() as uow:
        looks = uow.session.execute(select(Event.actor, Event.request_id).where(Event.kind == "查看完整信息")).all()
    assert looks == [("clerk1", d.id)]


def test_saving_the_masked_form_keeps_the_stored_numbers(svc, clerk):
    d = svc.register(clerk, request_input(id_type="居民身份证", id_number=ID, phone=PHONE))
    # the edit form is filled from the masked detail; only the address changes
    edited = request_input(id_type="居民身份证", id_number=d.id_number, phone=d.phone, address="某市某路1号")
    after = svc.update(clerk, d.id, d.version, edited)
    assert [e.field for e in after.events if e.kind == "修改"] == ["通信地址"]
    assert (svc.contact(clerk, d.id).id_number, svc.contact(clerk, d.id).phone) == (ID, PHONE)


def test_the_audit_keeps_old_and_new_numbers_masked(svc, any_db, clerk):
    d = svc.register(clerk, request_input(id_type="居民身份证", id_number=ID, phone=PHONE))
    svc.update(clerk, d.id, d.version, request_input(id_type="居民身份证", id_number=ID2, phone="13912345678"))
    with any_db.read() as uow:
        rows = uow.session.execute(select(Event.field, Event.old, Event.new).where(Event.kind == "修改")).all()
        everything = " ".join(f"{e.old} {e.new} {e.reason}" for e in uow.session.scalars(select(Event)))
    assert ("证件号码", "1101**********002X", "1101**********0038") in rows
    assert ("联系电话", "138****0000", "139****5678") in rows
    assert ID not in everything and ID2 not in everything and "13912345678" not in everything


def test_control_characters_are_refused_with_a_message(svc, clerk):
    with pytest.raises(ValidationError, match="申请人中第2个字符是看不见的控制字符（U\\+0007）") as e:
        svc.register(clerk, request_input(applicant_name="李\x07四"))
    assert e.value.field == "applicant_name"
    with pytest.raises(ValidationError, match="U\\+202E"):
        svc.register(clerk, request_input(description="申请公开\u202e文件"))
    assert svc.register(clerk, request_input(description="第一行\n第二行")).description == "第一行\n第二行"
