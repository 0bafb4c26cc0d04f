"""The automatic backup taken before a migration touches existing data (SQLite copy, PostgreSQL pg_dump)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Engine

from app.errors import DomainError

FOLDER = "升级前备份"


class UpgradeBackupFailed(DomainError):
    """No backup could be made, so the migration did not run."""


def backup_before_upgrade(engine: Engine, revision: str, now=datetime.now) -> str:
    """Back up the database at ``revision``; returns where the backup is. Raises if it cannot."""
    url = engine.url
    stamp = f"{now():%Y%m%d-%H%M%S}"
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            return "（内存数据库，无需备份）"
        live = Path(url.database).resolve()
        target = live.parent / FOLDER / f"{live.stem}-版本{revision}-{stamp}{live.suffix}"
        return str(_sqlite_copy(live, target))
    return str(_pg_dump(engine, revision, stamp))


def _sqlite_copy(live: Path, target: Path) -> Path:
    """A consistent single-file copy (sqlite3's online backup), checked before the migration runs."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(live, timeout=30)) as src, closing(sqlite3.connect(target)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            if dst.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise OSError("备份文件校验未通过")
    except (OSError, sqlite3.Error) as e:
        raise UpgradeBackupFailed(
            f"数据库需要升级，但升级前无法自动备份到“{target.parent}”：{e}。为保护数据，未进行升级。"
            "请确认该文件夹可写且磁盘空间充足后重试。") from e
    return target


def _pg_dump(engine: Engine, revision: str, stamp: str) -> Path:
    """``pg_dump --format=custom`` of the shared database into this user's data folder."""
    url = engine.url
    exe = os.environ.get("DISCLOSURE_DESK_PG_DUMP") or shutil.which("pg_dump")
    folder = Path(user_data_dir("DisclosureDesk", appauthor=False)) / FOLDER
    target = folder / f"{url.database}-版本{revision}-{stamp}.dump"
    if not exe:
        raise UpgradeBackupFailed(
            "共享数据库（PostgreSQL）需要升级，但本机未找到 pg_dump，无法在升级前自动备份，未进行升级。"
            "请安装 PostgreSQL 客户端工具（或用环境变量 DISCLOSURE_DESK_PG_DUMP 指明 pg_dump 的位置）后重试。")
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    args = [exe, "--format=custom", f"--file={target}", f"--host={url.host or 'localhost'}",
            f"--port={url.port or 5432}", f"--username={url.username or 'postgres'}", url.database or ""]
    proc = subprocess.run(args, capture_output=True, text=True, env=env)
    if proc.returncode != 0 or not target.is_file():
        raise UpgradeBackupFailed(
            f"共享数据库（PostgreSQL）升级前自动备份失败，未进行升级：{proc.stderr.strip()[:300]}")
    return target
