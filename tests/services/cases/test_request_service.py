"""Registration, validation, editing and audit against a real database (SQLite and PostgreSQL)."""

from datetime import date

import pytest

from app.errors import ConflictError, ValidationError
from app.services.cases.request_service import RequestService
from tests.conftest import fixed_today
from tests.services.helpers import request_input

TODAY = date(2025, 6, 30)


def test_register_derives_receipt_date_and_due_date(any_db, clerk):
    svc = RequestService(any_db, fixed_today(TODAY))
    d = svc.register(clerk, request_input())
    assert d.status == "待审核"
    assert d.receipt_date == date(2025, 1, 20)
    assert d.deadline.reply_due == date(2025, 2, 21)      # domain §3 example
    assert d.number == "某自然资规依申〔2025〕1号"
    assert [(e.kind, e.actor, e.new) for e in d.events] == [("登记", "clerk1", "待审核")]


def test_numbers_count_up_per_year(any_db, clerk):
    svc = RequestService(any_db, fixed_today(TODAY))
    a = svc.register(clerk, request_input())
    b = svc.register(clerk, request_input(applicant_name="王五"))
    assert (a.number, b.number) == ("某自然资规依申〔2025〕1号", "某自然资规依申〔2025〕2号")


def test_online_request_waits_for_confirmation(any_db, clerk):
    svc = RequestService(any_db, fixed_today(TODAY))
    d = svc.register(clerk, request_input(channel="网络"))
    assert d.status == "待确认" and d.receipt_date is None and d.deadline.reply_due is None


@pytest.mark.parametrize("overrides, field, message", [
    ({"applicant_name": " "}, "applicant_name", "申请人姓名或名称不能为空"),
    ({"description": ""}, "description", "申请内容不能为空"),
    ({"arrival_date": date(2025, 7, 1)}, "arrival_date", "到达日期不能晚于今天"),
    ({"id_type": "居民身份证", "id_number": "110105194912310021"}, "id_number", "校验位不正确"),
    ({"id_type": "统一社会信用代码", "id_number": "91350100M000100Y44"}, "id_number", "校验位不正确"),
    ({"email": "abc"}, "email", "电子邮箱格式不正确"),
    ({"postcode": "1000"}, "postcode", "邮政编码应为6位数字"),
    ({"channel": "飞鸽"}, "channel", "申请方式“飞鸽”无效"),
    ({"confirmation_date": date(2025, 1, 10)}, "confirmation_date", "确认日期不能早于到达日期"),
])
def test_bad_input_names_the_field_and_saves_nothing(any_db, clerk, overrides, field, message):
    svc = RequestService(any_db, fixed_today(TODAY))
    with pytest.raises(ValidationError, match=message) as info:
        svc.register(clerk, request_input(**overrides))
    assert info.value.field == field
    from app.services.cases.query_service import QueryService, RequestQuery

    assert QueryService(any_db).count(RequestQuery()) == 0


def test_duplicate_number_is_refused(any_db, clerk):
    svc = RequestService(any_db, fixed_today(TODAY))
    svc.register(clerk, request_input(number="A-1"))
    with pytest.raises(ValidationError, match="申请编号“A-1”已存在"):
        svc.register(clerk, request_input(number="A-1"))


def test_edit_is_audited_old_to_new_and_recomputes(any_db, clerk):
    svc = RequestService(any_db, fixed_today(TODAY))
    d = svc.register(clerk, request_input())
    d2 = svc.update(clerk, d.id, d.version, request_input(arrival_date=date(2025, 1, 24)), reason="登记有误")
    # 2025-01-24 + 20: Jan 26 (Sun, works) (1), 27 (2), Jan 28–Feb 4 off, Feb 5–7 (5), Sat Feb 8 (6),
    # Feb 10–14 (11), 17–21 (16), 24, 25, 26, 27 (20)
    assert d2.deadline.reply_due == date(2025, 2, 27)
    changes = [(e.field, e.old, e.new) for e in d2.events if e.kind in ("修改", "期限重算")]
    assert ("到达日期", "2025-01-20", "2025-01-24") in changes
    assert ("收到申请之日", "2025-01-20", "2025-01-24") in changes
    assert ("应答复日期", "2025-02-21", "2025-02-27") in changes


def test_stale_version_is_a_conflict(any_db, clerk):
    svc = RequestService(any_db, fixed_today(TODAY))
    d = svc.register(clerk, request_input())
    svc.update(clerk, d.id, d.version, request_input(phone="12345678"))
    with pytest.raises(ConflictError, match="已被其他用户修改"):
        svc.update(clerk, d.id, d.version, request_input(phone="87654321"))
    assert svc.contact(clerk, d.id).phone == "12345678"


def test_similar_requests_flag_possible_repeats(any_db, clerk):
    svc = RequestService(any_db, fixed_today(TODAY))
    svc.register(clerk, request_input(description="申请公开某小区规划许可证及附图"))
    svc.register(clerk, request_input(description="申请公开2024年财政预算"))
    hits = svc.similar_requests("李四", "", "某小区的规划许可证及附图")
    assert [(h[1], h[3]) for h in hits] == [("申请公开某小区规划许可证及附图", "待审核")]
    assert svc.similar_requests("王五", "", "某小区规划许可证及附图") == []


def test_only_administrators_change_office_settings_and_policy_recomputes(any_db, clerk, admin):
    from dataclasses import replace

    from app.services.settings_service import SettingsService

    requests = RequestService(any_db, fixed_today(TODAY))
    d = requests.register(clerk, request_input())            # due Fri 2025-02-21, draft Tue 02-18
    settings = SettingsService(any_db, fixed_today(TODAY))
    with pytest.raises(ValidationError, match="只有管理员"):
        settings.save(clerk, replace(settings.load(), agency_name="别的局"))
    settings.save(admin, replace(settings.load(), draft_lead_days=5, template_dir="D:/模板"))
    # 5 working days before Feb 21: Feb 20, 19, 18, 17, 14 → Fri 2025-02-14
    after = requests.detail(d.id)
    assert after.deadline.draft_due == date(2025, 2, 14)
    assert ("草稿报送期限", "2025-02-18", "2025-02-14") in [(e.field, e.old, e.new) for e in after.events]
    from sqlalchemy import select

    from app.models import Event

    with any_db.uow() as uow:
        fields = set(uow.session.scalars(select(Event.field).where(Event.kind == "修改设置")))
    assert fields == {"承办处室提前报送天数", "文书模板文件夹"}


def test_two_clerks_registering_at_once_get_distinct_numbers(any_db, clerk):
    """Ten registrations from two threads: every 申请编号 is taken once, none skipped."""
    from concurrent.futures import ThreadPoolExecutor

    svc = RequestService(any_db, fixed_today(TODAY))
    with ThreadPoolExecutor(max_workers=2) as pool:
        details = list(pool.map(lambda i: svc.register(clerk, request_input(applicant_name=f"申请人{i}")),
                                range(10)))
    assert sorted(d.number for d in details) == sorted(f"某自然资规依申〔2025〕{n}号" for n in range(1, 11))
