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

import pytest  # noqa: E402

from app.services.dto import Actor  # noqa: E402
from app.services.uow import Database  # noqa: E402
from app.workflow.vocabulary import Role  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"
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


@pytest.fixture
def sqlite_db(tmp_path) -> Database:
    db = Database.open(str(tmp_path / "test.sqlite3"))
    yield db
    db.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def any_db(request, tmp_path) -> Database:
    """The same test against SQLite and a throwaway PostgreSQL database."""
    if request.param == "sqlite":
        db = Database.open(str(tmp_path / "test.sqlite3"))
    else:
        db = Database.open(_fresh_pg(request.getfixturevalue("pg_server")))
    yield db
    db.dispose()


@pytest.fixture
def clerk() -> Actor:
    return Actor("clerk1", "王登记", Role.CLERK)


@pytest.fixture
def handler() -> Actor:
    return Actor("handler1", "李承办", Role.HANDLER)


@pytest.fixture
def chief() -> Actor:
    return Actor("chief1", "赵科长", Role.CHIEF)


@pytest.fixture
def admin() -> Actor:
    return Actor("admin", "管理员", Role.ADMIN)


def fixed_today(d: date):
    """A ``today`` callable for services under test."""
    return lambda: d


@pytest.fixture
def shared_samples() -> Path:
    path = SHARED / "samples"
    if not path.is_dir():
        pytest.skip("../shared/samples is not present")
    return path
