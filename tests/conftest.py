"""Shared fixtures: offscreen Qt, a fresh database per test (SQLite, and PostgreSQL when available)."""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Test-only cheaper scrypt (the default is 2^17, see app/services/trust/passwords.py); subprocesses inherit it.
os.environ.setdefault("DISCLOSURE_DESK_SCRYPT_N", str(2**10))

import pytest  # noqa: E402

from app.services.dto import Actor  # noqa: E402
from app.services.uow import Database  # noqa: E402
from app.workflow.vocabulary import Role  # noqa: E402

SHARED = Path(os.environ.get("DD_SHARED") or Path(__file__).resolve().parents[2] / "shared")  # a worktree may name it
_counter = itertools.count()


def _pg_bin() -> Path | None:
    roots = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    return roots[-1] if roots and (roots[-1] / "initdb").exists() else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server for the session; skips only when the binaries are absent."""
    if os.environ.get("DISCLOSURE_DESK_PG_URL"):
        yield os.environ["DISCLOSURE_DESK_PG_URL"]
        return
    pg = _pg_bin()
    if pg is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install the PostgreSQL server (postgresql package)")
        pytest.skip("PostgreSQL server binaries not installed")
    tmp = Path(tempfile.mkdtemp(prefix="ddpg."))
    run_as: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    subprocess.run([*run_as, str(pg / "initdb"), "-D", str(tmp / "data"), "-U", "postgres", "-A",
                    "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
                   check=True, capture_output=True)
    subprocess.run([*run_as, str(pg / "pg_ctl"), "-D", str(tmp / "data"), "-l", str(tmp / "log"), "-w",
                    "-o", f"-k {tmp} -h 127.0.0.1 -p {port} -c fsync=off", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run([*run_as, str(pg / "pg_ctl"), "-D", str(tmp / "data"), "-m", "immediate", "-w",
                        "stop"], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


def _fresh_pg(base_url: str) -> str:
    import psycopg

    name = f"dd_test_{os.getpid()}_{next(_counter)}"
    plain = base_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base_url}/{name}"


def configure_test_office(db: Database) -> Database:
    """The test office has entered its names (as the first-run dialog has an office do); they are the
    shipped examples' words, so expected letter texts read 某某市…. Letters are refused without this."""
    import json

    from app.models import Setting
    from app.services.settings_service import IDENTITY_FIELDS, OfficeSettings, store_identity

    with db.uow() as uow:
        store_identity(uow.session, {k: getattr(OfficeSettings(), k) for k in IDENTITY_FIELDS})
        for key in ("fee_payment", "collection_place", "collection_hours"):   # printed in letters too
            uow.session.merge(Setting(key=key, value=json.dumps(getattr(OfficeSettings(), key), ensure_ascii=False)))
        uow.commit()
    return db


@pytest.fixture
def sqlite_db(tmp_path) -> Database:
    db = configure_test_office(Database.open(str(tmp_path / "test.sqlite3")))
    yield db
    db.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def any_db(request, tmp_path) -> Database:
    """The same test against SQLite and a throwaway PostgreSQL database."""
    if request.param == "sqlite":
        db = Database.open(str(tmp_path / "test.sqlite3"))
    else:
        db = Database.open(_fresh_pg(request.getfixturevalue("pg_server")))
    configure_test_office(db)
    yield db
    db.dispose()


TEST_PASSWORD = "secret1"


def login_as(db: Database, username: str, display_name: str = "", role: Role = Role.CLERK,
             department_id: int | None = None) -> Actor:
    """A real user on ``db`` (created by the administrator ``admin`` when missing), really logged in."""
    from app.services.trust.office_service import OfficeService

    office = OfficeService(db)
    if not office.has_users():
        office.create_user(None, "admin", "管理员", Role.ADMIN, TEST_PASSWORD)
    if db.dialect == "postgresql" and not db.presenting:
        # A fresh workstation sees no accounts before a log-in (row-level security by the session's agency).
        from app.errors import ValidationError

        try:
            return office.login(username, TEST_PASSWORD)
        except ValidationError:
            pass
    if username not in {u.username for u in office.users()}:
        office.create_user(office.login("admin", TEST_PASSWORD), username, display_name or username, role,
                           TEST_PASSWORD, department_id)
    return office.login(username, TEST_PASSWORD)


def _session(request, username: str, display_name: str, role: Role) -> Actor:
    """The logged-in session on the test's database; a plain value when the test has no database."""
    for name in ("any_db", "sqlite_db"):
        if name in request.fixturenames:
            return login_as(request.getfixturevalue(name), username, display_name, role)
    return Actor(username, display_name, role)


@pytest.fixture
def clerk(request) -> Actor:
    return _session(request, "clerk1", "王登记", Role.CLERK)


@pytest.fixture
def handler(request) -> Actor:
    return _session(request, "handler1", "李承办", Role.HANDLER)


@pytest.fixture
def chief(request) -> Actor:
    return _session(request, "chief1", "赵科长", Role.CHIEF)


@pytest.fixture
def admin(request) -> Actor:
    return _session(request, "admin", "管理员", Role.ADMIN)


def fixed_today(d: date):
    """A ``today`` callable for services under test."""
    return lambda: d


@pytest.fixture
def shared_samples() -> Path:
    path = SHARED / "samples"
    if not path.is_dir():
        pytest.skip("../shared/samples is not present")
    return path


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """Qt goes down in order once every result is printed and every fixture is torn down, as the
    app's own exit does (app/ui/startup.py: shut_down_qt), not in the interpreter's finalisation."""
    import sys

    if "PySide6.QtWidgets" in sys.modules:
        from app.ui.startup import shut_down_qt

        shut_down_qt()
