"""On a shared PostgreSQL server an older schema is migrated only after a pg_dump, whose place is told."""

import shutil
import subprocess

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from app.services.database import alembic_config, head_revision
from app.services.trust.upgrade_backup import UpgradeBackupFailed
from app.services.uow import Database
from tests.conftest import _fresh_pg


@pytest.fixture
def old_pg(pg_server, tmp_path, monkeypatch):
    """A database left at the first release's schema (0001) with one department in it."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))      # the user's data folder
    url = _fresh_pg(pg_server)
    engine = create_engine(url)
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO departments (name, active) VALUES ('规划科', true)"))
    engine.dispose()
    return url


@pytest.mark.pg
def test_pg_dump_before_the_migration(old_pg, tmp_path):
    if not shutil.which("pg_dump"):
        pytest.skip("pg_dump not installed")
    db = Database.open(old_pg)
    try:
        note = db.upgrade_note
        assert (note.from_revision, note.to_revision) == ("0001", head_revision())
        dump = tmp_path / "data" / "DisclosureDesk" / "升级前备份"
        [backup] = list(dump.iterdir())
        assert str(backup) == note.backup and backup.suffix == ".dump"
        listing = subprocess.run(["pg_restore", "--list", str(backup)], capture_output=True, text=True,
                                 check=True).stdout
        assert "TABLE DATA public departments" in listing and "alembic_version" in listing
        assert "升级前已自动备份原数据库" in note.message()
    finally:
        db.dispose()


@pytest.mark.pg
def test_no_pg_dump_no_migration(old_pg, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("DISCLOSURE_DESK_PG_DUMP", raising=False)
    with pytest.raises(UpgradeBackupFailed) as e:
        Database.open(old_pg)
    assert "本机未找到 pg_dump" in e.value.message and "未进行升级" in e.value.message
    engine = create_engine(old_pg)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
    engine.dispose()
