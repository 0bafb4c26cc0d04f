"""Backup and restore of the SQLite database: round trip, refusals that leave the database untouched."""

import sqlite3
from datetime import date, datetime

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, select

from app.errors import PermissionDenied, ValidationError
from app.models import Event
from app.services.trust.backup_service import BackupService
from app.services.database import alembic_config
from app.services.cases.query_service import QueryService, RequestQuery
from app.services.cases.request_service import RequestService
from app.services.uow import Database
from tests.conftest import fixed_today
from tests.services.helpers import request_input

NOW = datetime(2026, 11, 23, 9, 30, 5)


@pytest.fixture
def services(sqlite_db):
    return (RequestService(sqlite_db, fixed_today(date(2026, 11, 23))),
            BackupService(sqlite_db, now=lambda: NOW), QueryService(sqlite_db))


def names(db) -> list[str]:
    return [r.applicant_name for r in QueryService(db).page(RequestQuery(sort="id"), 0, 100)]


def events(db, kind):
    with db.uow() as uow:
        return [(e.actor, e.field, e.old, e.new) for e in
                uow.session.scalars(select(Event).where(Event.kind == kind))]


def test_backup_writes_a_timestamped_checked_copy_and_audits(sqlite_db, services, admin, tmp_path):
    requests, backup, _ = services
    requests.register(admin, request_input(applicant_name="甲"))
    folder = tmp_path / "backups"
    folder.mkdir()
    result = backup.backup(admin, folder)
    assert result.path == folder / "依申请公开数据库备份-20261123-093005.sqlite3"
    assert result.requests == 1 and result.size == result.path.stat().st_size
    with sqlite3.connect(result.path) as conn:   # one self-contained file, not a WAL pair
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT applicant_name FROM requests").fetchall() == [("甲",)]
    assert not list(folder.glob("*.partial"))
    assert events(sqlite_db, "备份数据库") == [("admin", "数据库", "", str(result.path))]


def test_restore_round_trip_drops_later_cases_and_keeps_a_safety_copy(sqlite_db, services, admin,
                                                                       tmp_path):
    requests, backup, _ = services
    requests.register(admin, request_input(applicant_name="甲"))
    saved = backup.backup(admin, tmp_path / "before.sqlite3")
    requests.register(admin, request_input(applicant_name="乙"))   # added after the backup
    assert names(sqlite_db) == ["甲", "乙"]

    result = backup.restore(admin, saved.path)

    assert names(sqlite_db) == ["甲"]           # same Database object: the engine reconnected
    # the backup was taken at the newest migration (whichever helper's revision that is now)
    head = ScriptDirectory.from_config(alembic_config(sqlite_db.engine)).get_current_head()
    assert result.requests == 1 and result.revision == head
    with sqlite3.connect(result.safety_copy) as conn:
        assert [r[0] for r in conn.execute("SELECT applicant_name FROM requests ORDER BY id")] == ["甲", "乙"]
    assert events(sqlite_db, "恢复数据库") == [("admin", "数据库", str(result.safety_copy), str(saved.path))]
    live = sqlite_db.engine.url.database
    assert not list(tmp_path.glob("*.restore-staging*"))
    with sqlite3.connect(live) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    requests.register(admin, request_input(applicant_name="丙"))   # still writable afterwards
    assert names(sqlite_db) == ["甲", "丙"]


def _refused(sqlite_db, backup, admin, tmp_path, path, message):
    before = names(sqlite_db)
    with pytest.raises(ValidationError, match=message):
        backup.restore(admin, path)
    assert names(sqlite_db) == before
    assert not list(tmp_path.glob("*恢复前*")) and not list(tmp_path.glob("*.restore-staging*"))
    assert events(sqlite_db, "恢复数据库") == []


def test_restore_refuses_a_text_file(sqlite_db, services, admin, tmp_path):
    services[0].register(admin, request_input(applicant_name="甲"))
    junk = tmp_path / "notes.sqlite3"
    junk.write_text("这不是数据库" * 200, encoding="utf-8")
    _refused(sqlite_db, services[1], admin, tmp_path, junk, "不是完好的SQLite数据库")


def test_restore_refuses_a_corrupt_backup(sqlite_db, services, admin, tmp_path):
    requests, backup, _ = services
    for i in range(30):
        requests.register(admin, request_input(applicant_name=f"申请人{i}", description="很长的内容" * 40))
    saved = backup.backup(admin, tmp_path / "good.sqlite3").path
    data = bytearray(saved.read_bytes())
    page = 4096
    for p in range(2, len(data) // page):     # scribble over every page but the header page
        data[p * page + 8: p * page + 200] = b"\xff" * 192
    saved.write_bytes(bytes(data))
    _refused(sqlite_db, backup, admin, tmp_path, saved, "损坏|不是完好的SQLite数据库")


def test_restore_refuses_other_sqlite_files(sqlite_db, services, admin, tmp_path):
    backup = services[1]
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE requests (id INTEGER)")
    _refused(sqlite_db, backup, admin, tmp_path, other, "缺少版本信息表")
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
        conn.execute("INSERT INTO alembic_version VALUES ('9999')")
    _refused(sqlite_db, backup, admin, tmp_path, other, "9999.*不是本程序认识的版本")
    with sqlite3.connect(other) as conn:
        conn.execute("UPDATE alembic_version SET version_num='0001'")
        conn.execute("DROP TABLE requests")
    _refused(sqlite_db, backup, admin, tmp_path, other, "没有申请表")
    _refused(sqlite_db, backup, admin, tmp_path, tmp_path / "missing.sqlite3", "找不到备份文件")


def test_restore_from_a_backup_with_another_page_size(sqlite_db, services, admin, tmp_path):
    requests, backup, _ = services
    requests.register(admin, request_input(applicant_name="甲"))
    saved = backup.backup(admin, tmp_path / "b.sqlite3").path
    with sqlite3.connect(saved) as conn:
        conn.execute("PRAGMA page_size=8192")
        conn.execute("VACUUM")
        assert conn.execute("PRAGMA page_size").fetchone()[0] == 8192
    requests.register(admin, request_input(applicant_name="乙"))
    backup.restore(admin, saved)
    assert names(sqlite_db) == ["甲"]


def test_only_admins_back_up_or_restore(sqlite_db, services, clerk, admin, tmp_path):
    backup = services[1]
    with pytest.raises(PermissionDenied, match="只有管理员可以备份"):
        backup.backup(clerk, tmp_path)
    saved = backup.backup(admin, tmp_path).path
    with pytest.raises(PermissionDenied, match="只有管理员可以恢复"):
        backup.restore(clerk, saved)
    assert len(events(sqlite_db, "备份数据库")) == 1


def test_postgresql_says_to_use_pg_dump(tmp_path):
    db = Database(create_engine("postgresql+psycopg://u@127.0.0.1:9/none"))  # never connects
    backup = BackupService(db)
    assert "pg_dump" in backup.unsupported_reason()
    # backup() and restore() ask this first (after checking the session, which needs the server)
    with pytest.raises(ValidationError, match="pg_dump 备份、pg_restore 恢复"):
        backup.database_path()
    assert list(tmp_path.iterdir()) == []
