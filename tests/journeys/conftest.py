"""Journeys: the real start-up, the real dialogs, SQLite and PostgreSQL; only OS pickers may be canned."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app.services.container import Services
from app.services.settings_service import OfficeSettings
from app.services.uow import Database
from app.ui.common import prompts
from app.ui.common.tasks import wait_all
from app.workflow.vocabulary import Role
from tests.conftest import _fresh_pg, fixed_today
from tests.modal import UnexpectedModals

TODAY = date(2025, 6, 30)          # a Monday; every dialog's "today"
PASSWORD = "secret1"
AGENCY = OfficeSettings(agency_name="江南市自然资源和规划局", agency_short="江南自然资规",
                        review_body="江南市人民政府", court="江南市江北区人民法院",
                        collection_place="江南市自然资源和规划局政府信息公开受理窗口（江南市人民路1号）",
                        fee_payment="持本通知书到江南市政务服务中心非税收入缴款窗口缴纳，缴款后凭缴款凭证领取财政票据")

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@dataclass
class Office:
    services: Services
    db: Database
    dept: int
    files: Path
    settings: QSettings


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def journey_db(request, tmp_path) -> Database:
    if request.param == "sqlite":
        db = Database.open(str(tmp_path / "desk.sqlite3"))
    else:
        db = Database.open(_fresh_pg(request.getfixturevalue("pg_server")))
    yield db
    wait_all()
    db.dispose()


@pytest.fixture
def office(journey_db, tmp_path) -> Office:
    """The office as the administrator set it up: its name, a department, one user per role."""
    services = Services.build(journey_db, fixed_today(TODAY))
    o = services.office
    o.create_user(None, "admin", "管理员", Role.ADMIN, PASSWORD)
    admin = o.login("admin", PASSWORD)
    services.settings.save(admin, AGENCY)
    dept = o.save_department(admin, "规划科").id
    for username, name, role in (("clerk1", "王登记", Role.CLERK), ("handler1", "李承办", Role.HANDLER),
                                 ("chief1", "赵科长", Role.CHIEF)):
        o.create_user(admin, username, name, role, PASSWORD, dept)
    files = tmp_path / "文书"
    files.mkdir()
    return Office(services, journey_db, dept, files, QSettings(str(tmp_path / "ui.ini"), QSettings.IniFormat))


@pytest.fixture
def journey(qtbot):
    """Journey mode for the whole test: a canned answer for one of the app's own dialogs fails it, and
    so does any modal nobody expected (its text is reported)."""
    gc.disable()                      # task threads must not free Qt objects (see tests/ui/conftest.py)
    prompts.set_journey_mode(True)
    watchdog = UnexpectedModals()
    try:
        yield watchdog
    finally:
        watchdog.stop()
        wait_all()
        prompts.set_journey_mode(False)
        prompts.reset_answers()
        gc.collect()
        gc.enable()
    assert watchdog.seen == [], f"unexpected dialogs: {watchdog.seen}"
