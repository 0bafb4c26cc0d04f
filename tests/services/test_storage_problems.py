"""A full disk, a read-only folder, a file held open, a missing folder: a Chinese message that says what
to do, the old file intact, no temporary file left, no traceback (issue 21 items 9 and 12).

The full disk is a real 1 MiB tmpfs filled to the last byte; the read-only folder a real immutable one
(``chattr +i``, which binds root too). Both need root, as CI and the developers' machines have.
"""

import errno
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from app.errors import FileProblem
from app.exports import atomic
from app.services.trust.backup_service import BackupService
from app.services.ledger.ledger_service import LedgerService
from app.services.reports.report_service import ReportService
from tests.conftest import fixed_today

ROOT = Path(__file__).resolve().parents[2]
needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="mount/chattr need root (CI runs as root)")


def _fill(folder: Path) -> None:
    """Write until the file system says ENOSPC: not one byte is left."""
    with open(folder / "filler", "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 4096)
        except OSError as e:
            assert e.errno == errno.ENOSPC


@pytest.fixture
def full_disk(tmp_path):
    mnt = tmp_path / "disk"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)]).returncode:
        pytest.skip("mounting a tmpfs needs root")
    try:
        (mnt / "台账.xlsx").write_bytes(b"old ledger")
        (mnt / "年报.xlsx").write_bytes(b"old report")
        _fill(mnt)
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], check=True)


@pytest.fixture
def read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "台账.xlsx").write_bytes(b"old ledger")
    if os.geteuid() != 0 or subprocess.run(["chattr", "+i", str(folder)]).returncode:
        pytest.skip("chattr +i needs root")
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".partial")))


@needs_root
def test_ledger_export_on_a_full_disk_says_so_and_keeps_the_old_file(sqlite_db, full_disk):
    with pytest.raises(FileProblem, match="磁盘空间不足.*原文件未改动"):
        LedgerService(sqlite_db).export_file(full_disk / "台账.xlsx")
    assert (full_disk / "台账.xlsx").read_bytes() == b"old ledger"
    assert _leftovers(full_disk) == []


@needs_root
def test_annual_report_on_a_full_disk_says_so(sqlite_db, full_disk):
    target = full_disk / "年报.xlsx"
    with pytest.raises(FileProblem, match="磁盘空间不足"):
        ReportService(sqlite_db, fixed_today(date(2026, 1, 10))).export(2025, target)
    assert target.read_bytes() == b"old report"
    assert _leftovers(full_disk) == []


@needs_root
@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_analysis_on_a_full_disk_says_so(sqlite_db, clerk, full_disk, suffix):
    from app.services.reports.analysis_service import AnalysisService
    with pytest.raises(FileProblem, match="磁盘空间不足"):
        AnalysisService(sqlite_db).export(clerk, date(2025, 1, 1), date(2025, 12, 31), full_disk / f"分析{suffix}")
    assert _leftovers(full_disk) == []


@needs_root
def test_backup_on_a_full_disk_says_so_and_leaves_no_partial_file(sqlite_db, admin, full_disk):
    with pytest.raises(FileProblem, match="磁盘空间不足，备份.*未完成"):
        BackupService(sqlite_db).backup(admin, full_disk / "备份.sqlite3")
    assert _leftovers(full_disk) == [] and not (full_disk / "备份.sqlite3").exists()


@needs_root
def test_export_into_a_read_only_folder_says_so(sqlite_db, read_only_folder):
    with pytest.raises(FileProblem, match="没有写入.*权限|只读"):
        LedgerService(sqlite_db).export_file(read_only_folder / "台账.xlsx")
    assert (read_only_folder / "台账.xlsx").read_bytes() == b"old ledger"


def test_a_file_held_open_by_another_program_keeps_the_old_file(tmp_path, monkeypatch):
    """Windows refuses to replace a file Excel or WPS holds open (PermissionError)."""
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"old")

    def held_open(_src, _dst):
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    monkeypatch.setattr(atomic.os, "replace", held_open)
    with pytest.raises(FileProblem, match="正被其他程序打开.*请关闭.*后重试"):
        atomic.write_bytes(target, b"new")
    assert target.read_bytes() == b"old" and _leftovers(tmp_path) == []


def test_one_rule_for_a_missing_folder_refused_never_created(tmp_path):
    missing = tmp_path / "missing" / "x.pdf"
    with pytest.raises(FileProblem, match="不存在，请先创建该文件夹"):
        atomic.write_bytes(missing, b"%PDF")
    assert not missing.parent.exists()


def test_the_command_line_refuses_a_missing_out_folder_the_same_way_for_every_export(tmp_path):
    db = tmp_path / "d.sqlite3"
    run = lambda *a: subprocess.run([sys.executable, "-m", "app", "--db", str(db), *a],  # noqa: E731
                                    capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    report = run("annual-report", "--year", "2025", "--out", str(tmp_path / "missing" / "x.xlsx"))
    ledger = run("export-ledger", str(tmp_path / "missing" / "x.xlsx"))
    assert report.returncode != 0 and ledger.returncode != 0
    assert "不存在" in report.stderr and "不存在" in ledger.stderr
    assert "Traceback" not in report.stderr + ledger.stderr
    assert not (tmp_path / "missing").exists()


def test_exports_get_the_users_umask_not_0600(tmp_path):
    old = os.umask(0o022)
    try:
        atomic.write_bytes(tmp_path / "a.pdf", b"%PDF")
    finally:
        os.umask(old)
    assert (tmp_path / "a.pdf").stat().st_mode & 0o777 == 0o644     # 0666 less umask 022


def test_a_killed_exports_stale_temporary_file_is_removed_by_the_next_export(tmp_path):
    stale = tmp_path / ".~台账.abc123.xlsx.tmp"
    fresh = tmp_path / ".~年报.def456.pdf.tmp"          # another export still writing right now
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    eleven_minutes_ago = time.time() - 11 * 60
    os.utime(stale, (eleven_minutes_ago, eleven_minutes_ago))
    atomic.write_bytes(tmp_path / "a.pdf", b"%PDF")
    assert not stale.exists() and fresh.exists()


@needs_root
def test_verify_audit_works_on_a_read_only_database_and_writers_are_refused_in_chinese(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "d.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DISCLOSURE_DESK_PASSWORD": "demo1234"}
    run = lambda *a: subprocess.run([sys.executable, "-m", "app", "--db", str(db), *a],  # noqa: E731
                                    capture_output=True, text=True, cwd=ROOT, env=env)
    assert run("demo").returncode == 0
    if subprocess.run(["chattr", "+i", str(folder)]).returncode:
        pytest.skip("chattr +i needs root")
    try:
        verify = run("verify-audit")
        export = run("--user", "wangdj", "export-ledger", str(tmp_path / "x.xlsx"))
        report = run("--user", "wangdj", "annual-report", "--year", "2026", "--out", str(tmp_path / "y.xlsx"))
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    assert verify.returncode == 0 and "审计核验通过" in verify.stdout, verify.stderr
    for r in (export, report):
        assert r.returncode == 2 and "是只读的" in r.stderr and "Traceback" not in r.stderr
