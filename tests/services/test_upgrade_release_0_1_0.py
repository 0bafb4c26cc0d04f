"""A database made by the first release (tests/fixtures/release-0.1.0*, made by e97451a's own code) opens
with today's code: backed up first, migrated, and every record reads back as that release exported it."""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from app.errors import ValidationError
from app.exports.letters.blocks import unknown_placeholder_message
from app.services.cases.case_service import CaseService
from app.services.cases.request_service import RequestService
from app.exports.letters.kinds import LetterKind
from app.services.database import NewerSchema, head_revision
from app.services.ledger.ledger_service import LedgerService
from app.services.letters.letter_service import LetterService
from app.services.trust.office_service import OfficeService
from app.services.reports.report_service import ReportService
from app.services.settings_service import SettingsService
from app.services.trust.upgrade_backup import UpgradeBackupFailed
from app.services.uow import Database
from app.workflow.status import Status
from tests.conftest import configure_test_office

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
RELEASE = FIXTURES / "release-0.1.0.sqlite3"
TODAY = date(2026, 3, 16)          # the "today" the release's export was made with
# domain.md §6: the ledger's columns (v1), plus the two the export adds (应答复日期, 状态).
V1_COLUMNS = ("申请编号", "收到日期", "申请方式", "申请人", "申请人类型", "申请内容", "承办处室", "补正告知日期",
              "补正收到日期", "征求意见开始日期", "征求意见结束日期", "延期", "办理结果", "答复日期", "备注",
              "应答复日期", "状态")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("select version_num from alembic_version").fetchone()[0]


@pytest.fixture
def copy(tmp_path) -> Path:
    target = tmp_path / "office" / "disclosure-desk.sqlite3"
    target.parent.mkdir()
    shutil.copyfile(RELEASE, target)
    return target


@pytest.fixture
def upgraded(copy):
    db = Database.open(str(copy))
    yield db
    db.dispose()


def _ledger(path: Path) -> dict[str, dict]:
    ws = load_workbook(path, read_only=True).active
    rows = ws.iter_rows(values_only=True)
    header = next(rows)
    return {r[header.index("申请编号")]: dict(zip(header, r)) for r in rows if any(v is not None for v in r)}


def test_fixture_is_the_first_release_schema():
    assert _revision(RELEASE) == "0001"
    assert RELEASE.stat().st_size < 1024 * 1024


def test_migration_runs_after_a_backup_whose_place_is_told(copy):
    before = _sha(copy)
    db = Database.open(str(copy))
    try:
        note = db.upgrade_note
        assert (note.from_revision, note.to_revision) == ("0001", head_revision())
        backup = Path(note.backup)
        assert backup.parent == copy.parent / "升级前备份"
        assert backup.name.startswith("disclosure-desk-版本0001-") and backup.suffix == ".sqlite3"
        assert _revision(backup) == "0001" and _revision(copy) == head_revision()
        assert f"升级前已自动备份原数据库：{backup}" in note.message()
        with sqlite3.connect(backup) as b, sqlite3.connect(RELEASE) as r:
            for table in ("requests", "letters", "attachments", "users", "events", "annual_reports"):
                q = f"select count(*) from {table}"
                assert b.execute(q).fetchone() == r.execute(q).fetchone(), table
        assert before == _sha(RELEASE)   # the copy we migrated started as the release's file
    finally:
        db.dispose()
    again = Database.open(str(copy))     # up to date now: no second backup, nothing to tell
    assert again.upgrade_note is None
    again.dispose()
    assert len(list((copy.parent / "升级前备份").iterdir())) == 1


def test_ledger_export_matches_what_the_release_exported(upgraded, tmp_path):
    out = LedgerService(upgraded, lambda: TODAY).export_file(tmp_path / "today.xlsx")
    then, now = _ledger(FIXTURES / "release-0.1.0-ledger.xlsx"), _ledger(tmp_path / "today.xlsx")
    assert out == len(then) == 39
    assert set(now) == set(then)
    for number, row in then.items():
        for column in V1_COLUMNS:
            assert now[number][column] == row[column], (number, column)
    # every status the first release knew is in the fixture (later releases add some, e.g. 待合法性审查)
    assert {r["状态"] for r in then.values()} == {
        "待确认", "待审核", "待补正", "办理中", "征求意见中", "待缴费", "待签批", "已退回", "待答复", "已答复", "已归档"}
    assert {r["状态"] for r in then.values()} <= {s.value for s in Status}


def test_letters_keep_their_bytes_and_checksums(upgraded):
    service = LetterService(upgraded, lambda: TODAY)
    expected = json.loads((FIXTURES / "release-0.1.0-letters.json").read_text(encoding="utf-8"))
    assert {x["state"] for x in expected} == {"草稿", "已签发"}
    for x in expected:
        files = service.files(x["id"])
        assert hashlib.sha256(files.pdf).hexdigest() == x["pdf_sha256"], x["doc_number"]
        assert hashlib.sha256(files.docx).hexdigest() == x["docx_sha256"], x["doc_number"]
        assert files.letter.sha256 == x["sha256"]
        assert (files.letter.doc_number, files.letter.state, files.letter.revision) == \
            (x["doc_number"], x["state"], x["revision"])
        if x["state"] == "已签发":
            assert service.verify(x["id"]), x["doc_number"]


def test_attachments_users_and_the_locked_report_survive(upgraded):
    from app.services.cases.attachment_service import AttachmentService

    files = AttachmentService(upgraded)
    for a in json.loads((FIXTURES / "release-0.1.0-attachments.json").read_text(encoding="utf-8")):
        assert hashlib.sha256(files.content(a["id"])).hexdigest() == a["content_sha256"] == a["sha256"]
    office = OfficeService(upgraded)
    assert office.login("admin", "admin-0.1.0").username == "admin"
    assert office.login("zhaokz", "demo1234").display_name == "赵科长"
    report = ReportService(upgraded, lambda: TODAY).report(2025)
    assert report.locked and report.locked_by == "zhaokz"
    assert not report.stale          # the migration changed no figure behind the locked report


def _office_folder(tmp_path: Path, rename: tuple[str, str] | None = None) -> Path:
    """The release's templates as an office copied them; optionally one placeholder renamed in Word."""
    folder = tmp_path / "模板"
    shutil.copytree(FIXTURES / "release-0.1.0-templates", folder)
    if rename:
        path = folder / "补正申请告知书.docx"
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        parts["word/document.xml"] = parts["word/document.xml"].replace(
            f"{{{{ {rename[0]} }}}}".encode(), f"{{{{ {rename[1]} }}}}".encode())
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                z.writestr(name, data)
    return folder


def _correction_letter(db, folder: Path):
    office = OfficeService(db)
    admin = office.login("admin", "admin-0.1.0")
    settings = SettingsService(db)
    settings.save(admin, replace(settings.load(), template_dir=str(folder)))
    configure_test_office(db)      # today's code issues no letter before the office's names are entered
    # 陈十四 was only registered (待审核) by the release; today's code asks for a correction and issues it.
    number = next(x for x in _ledger(FIXTURES / "release-0.1.0-ledger.xlsx").values()
                  if x["申请人"] == "陈十四")["申请编号"]
    letters = LetterService(db, lambda: TODAY)
    rid = letters.find_request(number)
    case = CaseService(db, lambda: TODAY)
    version = RequestService(db, lambda: TODAY).detail(rid).version
    case.request_correction(admin, rid, version, TODAY, "请提供申请人身份证明。")
    return letters, letters.issue(admin, rid, LetterKind.CORRECTION)


def test_release_templates_still_fill_letters(upgraded, tmp_path):
    """An office that copied the release's templates into its own folder keeps issuing letters."""
    letters, issued = _correction_letter(upgraded, _office_folder(tmp_path))
    assert issued.doc_number == "某自然资规依补〔2026〕2号"
    text = "".join(p.text for p in Document(io.BytesIO(letters.files(issued.id).docx)).paragraphs)
    assert "陈十四：" in text and "请提供申请人身份证明。" in text


def test_a_renamed_placeholder_is_reported_by_name(upgraded, tmp_path):
    folder = _office_folder(tmp_path, rename=("addressee", "recipient"))
    with pytest.raises(ValidationError) as e:
        _correction_letter(upgraded, folder)
    assert e.value.message.startswith("模板“补正申请告知书.docx”中的占位符“{{ recipient }}”不存在")


def test_a_placeholder_renamed_by_a_release_names_the_new_name():
    message = unknown_placeholder_message("答复书-予以公开.docx", "'applicant' is undefined",
                                          renamed={"applicant": "applicant_name"})
    assert message == ("模板“答复书-予以公开.docx”中的占位符“{{ applicant }}”在新版本中已改名为“{{ applicant_name }}”，"
                       "请在Word中打开该模板改用新名称后保存。")


def test_newer_schema_is_refused_untouched(copy):
    with sqlite3.connect(copy) as conn:
        conn.execute("update alembic_version set version_num = 'z99_from_the_future'")
    before = _sha(copy)
    with pytest.raises(NewerSchema) as e:
        Database.open(str(copy))
    assert "此数据库由更新版本的依申请公开办理系统使用过（数据库版本“z99_from_the_future”）" in e.value.message
    assert "数据库未做任何改动" in e.value.message
    assert _sha(copy) == before and not (copy.parent / "升级前备份").exists()


def test_no_backup_no_migration(copy):
    (copy.parent / "升级前备份").write_text("a file where the backup folder should be")
    with pytest.raises(UpgradeBackupFailed) as e:
        Database.open(str(copy))
    assert "升级前无法自动备份" in e.value.message and "未进行升级" in e.value.message
    assert _revision(copy) == "0001"


def _cli(*args, cwd):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)


def test_command_line_tells_where_the_backup_is_and_refuses_a_newer_database(copy, tmp_path):
    proc = _cli("--db", str(copy), "export-ledger", str(tmp_path / "x.xlsx"), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    [line] = [x for x in proc.stderr.splitlines() if "升级前已自动备份原数据库" in x]
    assert Path(line.split("：", 1)[1]).is_file()
    with sqlite3.connect(copy) as conn:
        conn.execute("update alembic_version set version_num = 'z99_from_the_future'")
    proc = _cli("--db", str(copy), "export-ledger", str(tmp_path / "y.xlsx"), cwd=ROOT)
    assert proc.returncode == 2
    assert proc.stderr.startswith("错误：此数据库由更新版本的依申请公开办理系统使用过")
    assert not (tmp_path / "y.xlsx").exists()
