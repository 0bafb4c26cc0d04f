"""A crafted backup is refused by name, the live database untouched (issue 21 item 2); and the chain's
evidence: orphaned events, swapped files, accounts edited around the program, anchors (item 3)."""

import hashlib
import shutil
import sqlite3
from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.errors import ValidationError
from app.models import User
from app.services.cases.attachment_service import AttachmentService
from app.services.trust.audit_chain import GENESIS, link
from app.services.trust.audit_service import AuditService
from app.services.trust.backup_service import BackupService
from app.services.trust.passwords import hash_password
from app.services.cases.request_service import RequestService
from app.services.trust.restore_checks import anchor_beside
from app.services.trust import audit_anchor
from tests.conftest import fixed_today, login_as
from tests.services.helpers import request_input

NOW = datetime(2026, 11, 23, 9, 30, 5)
EVIL_TRIGGER = ("CREATE TRIGGER promote_wangdj AFTER INSERT ON events BEGIN "
                "UPDATE users SET role='管理员' WHERE username='wangdj'; END")


@pytest.fixture
def office(sqlite_db, admin, tmp_path):
    wangdj = login_as(sqlite_db, "wangdj", "王登记")
    RequestService(sqlite_db, fixed_today(date(2026, 11, 23))).register(wangdj, request_input(applicant_name="甲"))
    backups = BackupService(sqlite_db, now=lambda: NOW)
    saved = backups.backup(admin, tmp_path / "good.sqlite3").path
    return sqlite_db, backups, saved


def _crafted(saved, tmp_path, *statements, keep_anchor=True):
    bad = tmp_path / "crafted.sqlite3"
    shutil.copyfile(saved, bad)
    if keep_anchor:
        shutil.copyfile(anchor_beside(saved), anchor_beside(bad))
    with sqlite3.connect(bad) as conn:
        for sql in statements:
            conn.execute(sql)
    return bad


def _role(db, username):
    with db.read() as uow:
        return uow.session.scalar(select(User.role).where(User.username == username))


def _refused(db, backups, admin, bad, match):
    with pytest.raises(ValidationError, match=match):
        backups.restore(admin, bad)
    assert _role(db, "wangdj") == "登记员"
    assert AuditService(db).verify().ok


def test_a_backup_carrying_a_trigger_is_refused_naming_it(office, admin, tmp_path):
    db, backups, saved = office
    bad = _crafted(saved, tmp_path, EVIL_TRIGGER)
    _refused(db, backups, admin, bad, "本程序不会创建的触发器“promote_wangdj”")


def test_a_backup_without_the_append_only_triggers_is_refused(office, admin, tmp_path):
    db, backups, saved = office
    bad = _crafted(saved, tmp_path, "DROP TRIGGER events_no_update", "DROP TRIGGER events_no_delete")
    _refused(db, backups, admin, bad, "缺少本程序的触发器“events_no_delete”")


def test_a_backup_with_an_extra_view_is_refused(office, admin, tmp_path):
    db, backups, saved = office
    bad = _crafted(saved, tmp_path, "CREATE VIEW leak AS SELECT * FROM users")
    _refused(db, backups, admin, bad, "视图“leak”")


def _edit_event(conn, sql):
    """Edit events past the append-only triggers, then put the triggers back exactly as they were."""
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger' AND tbl_name='events'").fetchall()
    for name, _ in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute(sql)
    for _, text in triggers:
        conn.execute(text)


def test_a_backup_with_a_broken_chain_is_refused(office, admin, tmp_path):
    db, backups, saved = office
    bad = tmp_path / "crafted.sqlite3"
    shutil.copyfile(saved, bad)
    with sqlite3.connect(bad) as conn:
        _edit_event(conn, "UPDATE events SET actor='zhaokz' WHERE id=(SELECT max(id) FROM events WHERE kind='登记')")
    _refused(db, backups, admin, bad, "审计核验未通过.*与校验链不符")


def test_a_backup_with_a_planted_admin_password_is_refused(office, admin, tmp_path):
    db, backups, saved = office
    planted = hash_password("pwned-123")
    bad = _crafted(saved, tmp_path, f"UPDATE users SET password_hash='{planted}' WHERE username='admin'")
    _refused(db, backups, admin, bad, "用户“admin”的角色、状态、处室或密码与审计记录不符")


def test_a_recomputed_chain_is_caught_by_the_anchor_saved_beside_the_backup(office, admin, tmp_path):
    """Whoever holds the file can edit an event and recompute every hash after it: the chain then verifies,
    but the backup's anchor (written beside it when it was made) no longer matches."""
    db, backups, saved = office
    bad = tmp_path / "crafted.sqlite3"
    shutil.copyfile(saved, bad)
    shutil.copyfile(anchor_beside(saved), anchor_beside(bad))
    with sqlite3.connect(bad) as conn:
        _edit_event(conn, "UPDATE events SET reason='改写' WHERE id=1")
        _rehash(conn)
    _refused(db, backups, admin, bad, "锚点之前的审计记录被改写")


def _rehash(conn):
    cols = ("id", "request_id", "at", "actor", "host", "kind", "field", "old", "new", "reason")
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger' AND tbl_name='events'").fetchall()
    for name, _ in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    previous = GENESIS
    for row in conn.execute(f"SELECT {', '.join(cols)} FROM events ORDER BY id").fetchall():
        d = dict(zip(cols, row))
        d["at"] = datetime.fromisoformat(d["at"])
        previous = link(previous, d)
        conn.execute("UPDATE events SET hash=? WHERE id=?", (previous, d["id"]))
    conn.execute("UPDATE audit_head SET last_hash=?", (previous,))
    for _, text in triggers:
        conn.execute(text)


def test_a_genuine_backup_still_restores(office, admin, tmp_path):
    db, backups, saved = office
    result = backups.restore(admin, saved)
    assert result.requests == 1 and AuditService(db).verify().ok


# -- verify-audit's evidence beyond the chain -------------------------------------------------------

def _live_file(db):
    return BackupService(db).database_path()


def test_events_of_a_case_deleted_from_a_sql_shell_are_reported(office):
    db, _backups, _saved = office
    with sqlite3.connect(_live_file(db)) as conn:          # foreign keys are off in a plain shell
        conn.execute("DELETE FROM requests")
    check = AuditService(db).verify()
    assert not check.ok and "所属的申请" in check.message and "已不存在" in check.message


def test_an_attachment_swapped_with_its_checksum_is_reported(office, clerk):
    db, _backups, _saved = office
    att = AttachmentService(db).add(clerk, 1, "申请书.pdf", b"%PDF-1.4 original")
    assert AuditService(db).verify().ok
    forged = b"%PDF-1.4 forged"
    with sqlite3.connect(_live_file(db)) as conn:
        conn.execute("UPDATE attachments SET content=?, sha256=? WHERE id=?",
                     (forged, hashlib.sha256(forged).hexdigest(), att.id))
    check = AuditService(db).verify()
    assert not check.ok and "申请书.pdf" in check.message and "与添加时审计记录中的不一致" in check.message


def test_a_clerk_made_admin_by_sql_is_reported(office):
    db, _backups, _saved = office
    with sqlite3.connect(_live_file(db)) as conn:
        conn.execute("UPDATE users SET role='管理员' WHERE username='wangdj'")
    check = AuditService(db).verify()
    assert not check.ok and "用户“wangdj”" in check.message


def test_anchors_prove_the_chain_still_passes_through_them(office, tmp_path):
    db, _backups, _saved = office
    anchor = AuditService(db).anchor(tmp_path / "锚点.json", note="测试")
    assert AuditService(db).verify(anchors=[audit_anchor.load(tmp_path / "锚点.json")]).ok
    with sqlite3.connect(_live_file(db)) as conn:
        _edit_event(conn, "UPDATE events SET reason='改写' WHERE id=2")
        _rehash(conn)
    assert AuditService(db).verify().ok                  # the recomputed chain alone looks intact …
    check = AuditService(db).verify(anchors=[audit_anchor.load(tmp_path / "锚点.json")])
    assert not check.ok and f"审计记录编号{anchor.last_id}的校验值与锚点" in check.message   # … the anchor does not
