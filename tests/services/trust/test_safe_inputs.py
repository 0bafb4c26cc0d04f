"""Inputs that must not get in: crafted attachment names, oversized files, a backup with other tables."""

import sqlite3
import time
from datetime import date

import pytest

from app.errors import ValidationError
from app.services.cases.attachment_service import AttachmentService
from app.services.trust.backup_service import BackupService
from app.services.cases.request_service import RequestService
from tests.conftest import fixed_today
from tests.services.helpers import request_input


@pytest.fixture
def case(any_db, clerk):
    return RequestService(any_db, fixed_today(date(2025, 6, 30))).register(clerk, request_input()).id


@pytest.mark.parametrize("given, stored", [
    ("C:\\Users\\wang\\Desktop\\申请书.pdf", "申请书.pdf"),            # a Windows path from a browser
    ("..\\..\\boot.ini", "boot.ini"),
    ("发票\u202efdp.exe", "发票fdp.exe"),                              # right-to-left override: shows as exe.pdf
    ("扫描\x07件\x00.pdf", "扫描件.pdf"),
])
def test_attachment_names_lose_paths_control_and_bidi_characters(any_db, clerk, case, given, stored):
    view = AttachmentService(any_db).add(clerk, case, given, b"%PDF-1.4 scan", "申请书扫描件")
    assert view.filename == stored


def test_an_oversized_file_is_refused_before_it_is_read(any_db, clerk, case, tmp_path):
    big = tmp_path / "扫描.pdf"
    with open(big, "wb") as f:
        f.truncate(400 * 1024 * 1024)              # 400 MB, sparse: reading it whole would take seconds
    started = time.perf_counter()
    with pytest.raises(ValidationError, match="超过50MB"):
        AttachmentService(any_db).add_file(clerk, case, big, "申请书扫描件")
    assert time.perf_counter() - started < 1.0
    assert AttachmentService(any_db).list(case) == []


def test_a_file_is_hashed_while_streamed(any_db, clerk, case, tmp_path):
    import hashlib

    data = bytes(range(256)) * 9000                  # ~2.3 MB: three read chunks
    (tmp_path / "a.pdf").write_bytes(data)
    view = AttachmentService(any_db).add_file(clerk, case, tmp_path / "a.pdf", "申请书扫描件")
    assert view.sha256 == hashlib.sha256(data).hexdigest() and view.size == len(data)


def test_a_backup_with_the_right_revision_but_other_tables_is_refused(sqlite_db, admin, tmp_path):
    requests = RequestService(sqlite_db, fixed_today(date(2025, 6, 30)))
    requests.register(admin, request_input(applicant_name="甲"))
    backup = BackupService(sqlite_db)
    crafted = backup.backup(admin, tmp_path / "crafted.sqlite3").path
    with sqlite3.connect(crafted) as conn:           # same alembic revision, a table of other columns
        conn.execute("DROP TABLE legal_reviews")
        conn.execute("CREATE TABLE legal_reviews (id INTEGER PRIMARY KEY, something TEXT)")
    # the rebuilt table lacks its index: named by the object check before the column comparison
    with pytest.raises(ValidationError, match="表结构与本程序不符|备份缺少本程序的索引“ix_legal_reviews_request_id”"):
        backup.restore(admin, crafted)
    assert requests.detail(1).applicant_name == "甲"            # the live database still works
    assert not list(tmp_path.glob("*恢复前*"))                     # refused before the safety copy
    good = backup.backup(admin, tmp_path / "good.sqlite3").path
    assert backup.restore(admin, good).requests == 1
