"""Services act only for a logged-in session: a hand-made Actor is refused whatever role it claims."""

import inspect
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import DomainError, PermissionDenied
from app.exports.letters.kinds import LetterKind
from app.models import Event, User
from app.services.container import Services
from app.services.dto import Actor
from app.services.reports.review_register import ReviewInput
from app.services.trust.sessions import ActingService
from app.workflow.vocabulary import Role
from tests.conftest import fixed_today
from tests.services.helpers import request_input

TODAY = date(2025, 6, 30)


@pytest.fixture
def services(any_db):
    return Services.build(any_db, fixed_today(TODAY))


def counts(db) -> tuple[int, int]:
    with db.uow() as uow:
        return (uow.session.scalar(select(func.count(User.id))), uow.session.scalar(select(func.count(Event.id))))


def test_a_hand_made_administrator_is_refused(services, any_db, admin):
    forged = Actor("admin", "管理员", Role.ADMIN, 1)           # the right name, id and role, no log-in
    before = counts(any_db)
    new = replace(services.settings.load(), agency_name="冒名机关")
    with pytest.raises(PermissionDenied, match="未登录或登录已失效"):
        services.settings.save(forged, new)
    with pytest.raises(PermissionDenied, match="未登录"):
        services.office.create_user(forged, "mallory", "冒名", Role.ADMIN, "secret-9")
    assert services.settings.load().agency_name != "冒名机关"
    assert counts(any_db) == before                           # nothing written, not even an event


def test_a_real_session_cannot_promote_itself(services, any_db, clerk):
    promoted = replace(clerk, role=Role.ADMIN, username="admin")   # keeps the clerk's token
    with pytest.raises(DomainError, match="只有管理员"):
        services.office.save_department(promoted, "冒名处室")
    d = services.requests.register(replace(clerk, username="somebody", display_name="别人"), request_input())
    assert d.events[-1].actor == "clerk1"                      # the name comes from the users table


def test_logout_and_deactivation_end_a_session(services, admin, clerk):
    services.requests.register(clerk, request_input())
    services.office.update_user(admin, clerk.user_id, "王登记", Role.CLERK, None, False)
    with pytest.raises(PermissionDenied, match="停用"):
        services.requests.register(clerk, request_input())
    services.office.logout(admin)
    with pytest.raises(PermissionDenied, match="未登录"):
        services.office.save_department(admin, "规划科")


def test_a_session_of_another_database_is_refused(services, any_db, tmp_path, clerk):
    from app.services.uow import Database

    other = Database.open(str(tmp_path / "other.sqlite3"))
    try:
        with pytest.raises(PermissionDenied):
            Services.build(other).requests.register(clerk, request_input())
    finally:
        other.dispose()


def test_the_installer_session_ends_with_the_first_user(services):
    installer = services.office.installer_session()
    assert services.office.save_department(installer, "规划科").name == "规划科"
    services.office.create_user(installer, "admin", "管理员", Role.ADMIN, "secret-1")
    with pytest.raises(PermissionDenied, match="已有用户"):
        services.office.save_department(installer, "法规科")
    with pytest.raises(PermissionDenied, match="已有用户"):
        services.office.installer_session()


def test_every_acting_method_checks_its_session(services):
    """A guard for methods added later: every public method taking ``actor`` is wrapped."""
    seen = 0
    fields = lambda bundle: [(n, getattr(bundle, n)) for n in vars(type(bundle)).get("__dataclass_fields__", {})]  # noqa: E731
    members = fields(services)
    # A bundle of services (the city office's) is opened: each of its services is checked like the others.
    bundles = [(f"city.{n}", s) for n, s in fields(services.city)]
    assert [n for n, _ in bundles] == ["city.board", "city.notices", "city.weekly", "city.subjects"]
    for name, service in members + bundles:
        if name == "city":
            continue
        if not isinstance(service, ActingService):
            assert name == "db", f"{name} is not an ActingService"
            continue
        for attr, fn in inspect.getmembers(type(service), inspect.isfunction):
            if not attr.startswith("_") and "actor" in inspect.signature(fn).parameters:
                assert getattr(fn, "acting", False), f"{type(service).__name__}.{attr} skips the check"
                seen += 1
    assert isinstance(services.reports.review_register, ActingService)
    assert seen > 30


# -- role gaps ------------------------------------------------------------------------------
def test_annual_report_table2_and_texts_are_the_offices(services, handler, clerk):
    with pytest.raises(PermissionDenied, match="填写年度报告只能由登记员、科室负责人、管理员"):
        services.reports.save_table2(handler, 2025, {"rules_issued": 3})
    with pytest.raises(PermissionDenied, match="填写年度报告"):
        services.reports.save_sections(handler, 2025, {"一": "总体情况"})
    services.reports.save_table2(clerk, 2025, {"rules_issued": 3})


def test_review_register_entries_need_the_right_role(services, handler, clerk, chief):
    reg = services.reports.review_register
    with pytest.raises(PermissionDenied, match="登记复议诉讼登记只能由"):
        reg.add(handler, ReviewInput("行政复议", date(2025, 3, 1)))
    entry = reg.add(clerk, ReviewInput("行政复议", date(2025, 3, 1)))
    with pytest.raises(PermissionDenied, match="删除复议诉讼登记只能由科室负责人、管理员"):
        reg.delete(clerk, entry.id, "误登")
    reg.delete(chief, entry.id, "误登")
    assert reg.entries() == []


def test_issuing_an_office_notice_needs_the_office(services, handler, clerk):
    d = services.requests.register(clerk, request_input())
    d = services.cases.request_correction(clerk, d.id, d.version, date(2025, 1, 22), "请写明小区名称")
    with pytest.raises(PermissionDenied, match="出具补正申请告知书只能由登记员、科室负责人、管理员"):
        services.letters.issue(handler, d.id, LetterKind.CORRECTION)
    assert services.letters.letters(d.id) == []              # no 文号 consumed
    assert services.letters.issue(clerk, d.id, LetterKind.CORRECTION).doc_number
