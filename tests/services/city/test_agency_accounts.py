"""The accounts nobody inside an agency can make, through the real commands: a new agency's first 管理员
(``agency add --admin``), who then adds the agency's staff in 管理, and the city office's account
(``agency city-user``), who then sees the board. Refusals write nothing."""

import os
import re
import subprocess
import sys

import pytest
from sqlalchemy import select

from app.models import User
from app.services.city.board_service import CityBoardService
from app.services.trust.office_service import OfficeService
from app.services.uow import Database
from app.workflow.vocabulary import Role
from tests.services.city.support import ROOT, count, new_city

pytestmark = pytest.mark.pg
PASSWORD = "jiaqu-Admin-2026"


def _run(*args, password: str | None = None):
    env = {k: v for k, v in os.environ.items() if k != "DISCLOSURE_DESK_PASSWORD"}
    env["PYTHONPATH"] = str(ROOT)
    if password:
        env["DISCLOSURE_DESK_PASSWORD"] = password
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True, env=env,
                          timeout=300)


def test_a_new_agency_gets_its_administrator_and_the_city_its_account(pg_server):
    app_url, owner_url = new_city(pg_server)
    added = _run("--db", owner_url, "agency", "add", "--code", "jq", "--name", "甲区住房和城乡建设局",
                 "--admin", "jq_admin", "--admin-name", "李明", password=PASSWORD)
    assert added.returncode == 0, added.stderr
    assert "已新建机关“甲区住房和城乡建设局”（代码 jq，编号 2）" in added.stdout
    assert "已建立管理员账户“jq_admin”，初始密码为 DISCLOSURE_DESK_PASSWORD 所设" in added.stdout
    city = _run("--db", owner_url, "agency", "city-user", "--username", "shi_gkb", "--name", "王芳")
    assert city.returncode == 0, city.stderr
    city_password = re.search(r"初始密码：(\S+?)（只显示这一次", city.stdout).group(1)
    assert len(city_password) >= 12

    # the administrator's own PC connects with the admin role (docs/postgresql-roles.sql) and adds a clerk
    admin_db = Database.open(app_url.replace("dd_app_", "dd_admin_").replace("change-me-app", "change-me-admin"))
    try:
        office = OfficeService(admin_db)
        admin = office.login("jq_admin", PASSWORD)
        assert admin.role is Role.ADMIN
        office.create_user(admin, "jq_clerk", "张敏", Role.CLERK, "clerk-pass-1")
    finally:
        admin_db.dispose()
    db = Database.open(app_url)
    try:
        office = OfficeService(db)
        assert office.login("jq_clerk", "clerk-pass-1").role is Role.CLERK
        officer = office.login("shi_gkb", city_password)
        assert officer.role is Role.CITY
        board = CityBoardService(db).board(officer)
        assert [r.code for r in board.rows] == ["local", "jq"]
    finally:
        db.dispose()
    owner = Database.open(owner_url, migrate=False)
    try:
        with owner.read() as uow:
            placed = dict(uow.session.execute(select(User.username, User.agency_id)).all())
    finally:
        owner.dispose()
    # by hand: the admin and the clerk it added are agency 2's; the city office's account has no agency
    assert (placed["jq_admin"], placed["jq_clerk"], placed["shi_gkb"]) == (2, 2, None)
    # agency 2's chain: 新建机关, then the administrator's creation and its fingerprint
    assert count(owner_url, "SELECT string_agg(kind, ',' ORDER BY seq) FROM events WHERE agency_id = 2 AND seq <= 3") \
        == "新建机关,新建用户,账户核验值"
    verified = _run("--db", owner_url, "verify-audit")
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_refusals_write_nothing(pg_server):
    _app_url, owner_url = new_city(pg_server)
    ok = _run("--db", owner_url, "agency", "city-user", "--username", "shi_gkb", "--name", "王芳", password=PASSWORD)
    assert ok.returncode == 0, ok.stderr
    agencies, users = (count(owner_url, "SELECT count(*) FROM agencies"), count(owner_url, "SELECT count(*) FROM users"))
    taken = _run("--db", owner_url, "agency", "add", "--code", "yq", "--name", "乙区交通运输局",
                 "--admin", "SHI_GKB", "--admin-name", "赵强", password=PASSWORD)
    assert taken.returncode == 2 and "服务器上已有用户名“SHI_GKB”" in taken.stderr
    unnamed = _run("--db", owner_url, "agency", "add", "--code", "yq", "--name", "乙区交通运输局", "--admin", "yq_admin",
                   password=PASSWORD)
    assert unnamed.returncode == 2 and "--admin-name" in unnamed.stderr
    short = _run("--db", owner_url, "agency", "city-user", "--username", "shi2", "--name", "钱", password="short")
    assert short.returncode == 2 and "初始密码至少8位" in short.stderr
    # the agency of the refused `agency add` was not kept: the agency and its administrator, or neither
    assert (count(owner_url, "SELECT count(*) FROM agencies"), count(owner_url, "SELECT count(*) FROM users")) \
        == (agencies, users)
