"""Re-run issue 21's attacks on a SQLite office and count how many are detected or refused.

    python benches/probe_trust.py

Each attack works on its own copy of an office database (40 cases with signed letters, users created
through the program, one attachment). Prints one line per attack family: detected/refused out of tried,
and any traceback (there must be none). Not a test: a probe to rerun after changes to the audit, the
restore or the package import. (The PostgreSQL attacks: `benches/probe_trust_pg.py`.)
"""

import hashlib
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import traceback
import zipfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DISCLOSURE_DESK_SCRYPT_N", str(2**10))

from app.errors import DomainError  # noqa: E402
from app.services.trust import audit_anchor  # noqa: E402
from app.services.cases.attachment_service import AttachmentService  # noqa: E402
from app.services.trust.audit_chain import GENESIS, link  # noqa: E402
from app.services.trust.audit_service import AuditService  # noqa: E402
from app.services.trust.backup_service import BackupService  # noqa: E402
from app.services.library.case_library_service import CaseLibraryService  # noqa: E402
from app.services.trust.passwords import hash_password  # noqa: E402
from app.services.uow import Database  # noqa: E402
from tests.conftest import configure_test_office, login_as  # noqa: E402
from app.workflow.vocabulary import Role  # noqa: E402
sys.path.insert(0, str(ROOT / "benches"))
from bench_kill_exports import prepare  # noqa: E402

COLS = ("id", "request_id", "at", "actor", "host", "kind", "field", "old", "new", "reason")


def _unguard(c):
    trig = c.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger' AND tbl_name='events'").fetchall()
    for name, _ in trig:
        c.execute(f"DROP TRIGGER {name}")
    return trig


def _rehash(c):
    prev = GENESIS
    for r in c.execute(f"SELECT {', '.join(COLS)} FROM events ORDER BY id").fetchall():
        d = dict(zip(COLS, r))
        d["at"] = datetime.fromisoformat(d["at"])
        prev = link(prev, d)
        c.execute("UPDATE events SET hash=? WHERE id=?", (prev, d["id"]))
    c.execute("UPDATE audit_head SET last_hash=?", (prev,))


def _sql(path, *stmts, rehash=False):
    with sqlite3.connect(path) as c:
        trig = _unguard(c)
        for s in stmts:
            c.execute(s[0], s[1]) if isinstance(s, tuple) else c.execute(s)
        if rehash:
            _rehash(c)
        for _, text in trig:
            c.execute(text)


def verify(path, anchors=()):
    db = Database.open(str(path), read_only=True)
    try:
        return AuditService(db).verify(anchors=anchors)
    finally:
        db.dispose()


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="ddprobe."))
    base = folder / "office.sqlite3"
    configure_test_office(Database.open(str(base))).dispose()     # the office's names, as first-run enters them
    db, _ = prepare(str(base))
    admin = login_as(db, "admin", "管理员", Role.ADMIN)
    clerk = login_as(db, "wangdj", "王登记")
    AttachmentService(db).add(clerk, 1, "申请书.pdf", b"%PDF-1.4 scan")
    backup = BackupService(db).backup(admin, folder / "backup.sqlite3").path
    anchor_file = folder / "anchor.json"
    AuditService(db).anchor(anchor_file)
    db.dispose()
    anchor = audit_anchor.load(anchor_file)
    results: dict[str, list[int]] = {}
    crashes: list[str] = []

    def count(family, caught):
        results.setdefault(family, [0, 0])
        results[family][0] += bool(caught)
        results[family][1] += 1

    def copy(name):
        p = folder / name
        shutil.copyfile(base, p)
        return p

    # 1. plain edits with the chain recomputed (3), a letter swapped with its event, an account edit, an orphan
    for i, col in enumerate(("actor", "reason", "at")):
        p = copy(f"edit{i}.sqlite3")
        value = "2025-03-01 00:00:00.000000" if col == "at" else "zhaokz"
        _sql(p, (f"UPDATE events SET {col}=? WHERE id=?", (value, 5 + i)), rehash=True)
        count("recomputed edit (chain alone: not expected)", not verify(p).ok)
        count("recomputed edit (with anchor)", not verify(p, [anchor]).ok)
    p = copy("letter.sqlite3")
    fake = b"%PDF-1.4 forged"
    digest = hashlib.sha256(fake).hexdigest()
    _sql(p, ("UPDATE letters SET pdf=?, sha256=? WHERE state='已签发' AND id=(SELECT min(id) FROM letters "
             "WHERE state='已签发')", (fake, digest)),
         ("UPDATE events SET reason='SHA-256 '||? WHERE id=(SELECT min(id) FROM events WHERE kind='签发文书')", (digest,)),
         rehash=True)
    count("letter swapped with its event (with anchor)", not verify(p, [anchor]).ok)
    p = copy("orphan.sqlite3")
    _sql(p, "DELETE FROM requests WHERE id=2")
    count("case deleted from a SQL shell", not verify(p).ok)
    p = copy("promote.sqlite3")
    _sql(p, "UPDATE users SET role='管理员' WHERE username='wangdj'")
    count("clerk made admin by SQL", not verify(p).ok)
    p = copy("attach.sqlite3")
    _sql(p, ("UPDATE attachments SET content=?, sha256=?", (b"%PDF-1.4 x", hashlib.sha256(b"%PDF-1.4 x").hexdigest())))
    count("attachment swapped with its checksum", not verify(p).ok)

    # 2. crafted backups
    crafted = {
        "trigger": ["CREATE TRIGGER promote AFTER INSERT ON events BEGIN UPDATE users SET role='管理员' "
                    "WHERE username='wangdj'; END"],
        "guards removed": ["DROP TRIGGER events_no_update", "DROP TRIGGER events_no_delete"],
        "broken chain": [],
        "planted password": [f"UPDATE users SET password_hash='{hash_password('pwned-1')}' WHERE username='admin'"],
    }
    for name, stmts in crafted.items():
        bad = folder / f"bk-{name}.sqlite3"
        shutil.copyfile(backup, bad)
        with sqlite3.connect(bad) as c:
            if name == "broken chain":
                trig = _unguard(c)
                c.execute("UPDATE events SET actor='zhaokz' WHERE id=3")
                for _, text in trig:
                    c.execute(text)
            for s in stmts:
                c.execute(s)
        live = copy(f"live-{name}.sqlite3")
        ldb = Database.open(str(live))
        try:
            BackupService(ldb).restore(login_as(ldb, "admin", "管理员", Role.ADMIN), bad)
            count("crafted backup refused", False)
        except DomainError:
            count("crafted backup refused", True)
        except Exception:  # noqa: BLE001
            crashes.append(traceback.format_exc())
        finally:
            ldb.dispose()

    # 3. crafted 案例库 packages
    other = Database.open(str(folder / "other.sqlite3"))
    configure_test_office(other)
    oadmin = login_as(other, "admin", "管理员", Role.ADMIN)
    for i, (manifest, pdf) in enumerate(_packages()):
        path = folder / f"pkg{i}.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("cases.json", manifest if isinstance(manifest, str) else json.dumps(manifest, ensure_ascii=False))
            if pdf is not None:
                z.writestr("pdf/a.pdf", pdf)
        try:
            CaseLibraryService(other).import_package(oadmin, path)
            count("crafted package refused", False)
        except DomainError:
            count("crafted package refused", True)
        except Exception:  # noqa: BLE001
            crashes.append(traceback.format_exc())
    other.dispose()

    for family, (caught, tried) in results.items():
        print(f"{family:45s} {caught}/{tried}")
    print(f"tracebacks: {len(crashes)}")
    for c in crashes:
        print(c)
    shutil.rmtree(folder, ignore_errors=True)


def _packages():
    ok_pdf = (b"%PDF-1.4\n1 0 obj<</Type/Page>>endobj\nxref\ntrailer<<>>\nstartxref\n9\n%%EOF\n")
    base = {"format": "disclosure-desk-case-library", "version": 1, "source": "某某市住房和城乡建设局"}
    case = {"uid": "u1", "title": "标题", "summary": "摘要", "year": 2025, "texts": {}, "pdf_file": "pdf/a.pdf"}
    out = []
    for v in (0, -1, "1.9", 1.9, 2, None, True, "1"):
        out.append(({**base, "version": v, "cases": [case]}, ok_pdf))
    for over in ({"summary": "身份证110101199003074514"}, {"summary": "电话13812345678"},
                 {"summary": "a@b.example.com"}, {"source": "某某市公安局"}, {"title": "x\x00"},
                 {"title": "长" * 300}, {"uid": "u" * 80}, {"year": "2025"}, {"year": 1800},
                 {"texts": [1]}, {"texts": {"a": 1}}, {"title": "\u202e"}, {"uid": ""}):
        out.append(({**base, "cases": [{**case, **over}]}, ok_pdf))
    for pdf in (b"<html><script>alert(1)</script></html>", b"MZ\x90\x00" + b"\0" * 100, b"\x7fELF" + b"\0" * 50,
                b"%PDF-1.4 truncated", b"%PDF-1.4\n<html>", b"", b"%PDF-1.4" + b"\0" * (21 * 2**20)):
        out.append(({**base, "cases": [case]}, pdf))
    out += [("not json", None), (json.dumps([]), None), (json.dumps({**base, "cases": "x"}), None),
            (json.dumps({**base, "source": ""}), None), (json.dumps({**base, "source": ["x"]}), None),
            (json.dumps({**base, "format": "other"}), None), (json.dumps({**base, "cases": [1]}), None),
            ({**base, "source": "某某市自然资源和规划局", "cases": [case]}, ok_pdf),
            ({**base, "cases": [{**case, "summary": " " * (9 * 2**20)}]}, ok_pdf)]
    return out


if __name__ == "__main__":
    main()
