"""Re-run issue 21's PostgreSQL attacks as the workstation role (dd_app) and count the refusals.

    python benches/probe_trust_pg.py            # starts a throwaway server from /usr/lib/postgresql/*/bin
    DISCLOSURE_DESK_PG_URL=postgresql+psycopg://postgres@HOST:PORT python benches/probe_trust_pg.py

Sets up the owner, app and admin roles with docs/postgresql-roles.sql, creates the accounts on the
administrator's role, works a case as a clerk on the app role, then tries each attack. Prints one line
per attack family (refused or detected / tried), the total, and any traceback (there must be none).
Not a test: a probe to rerun after changes to the roles, the server's functions or the audit.
"""

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DISCLOSURE_DESK_SCRYPT_N", str(2**10))

import psycopg  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.exc import DBAPIError  # noqa: E402

from app.errors import DomainError  # noqa: E402
from app.services.trust import audit_anchor  # noqa: E402
from app.services.trust.audit_chain import GENESIS, canonical, link  # noqa: E402
from app.services.container import Services  # noqa: E402
from app.services.dto import Actor  # noqa: E402
from app.services.uow import Database  # noqa: E402
from app.workflow.vocabulary import Role  # noqa: E402
from tests.conftest import _free_port, _pg_bin, login_as  # noqa: E402
from tests.services.helpers import request_input  # noqa: E402
from tests.services.trust.test_postgresql_roles import _owned_by_admin_pc, _roles  # noqa: E402


@contextlib.contextmanager
def throwaway_server():
    if os.environ.get("DISCLOSURE_DESK_PG_URL"):
        yield os.environ["DISCLOSURE_DESK_PG_URL"]
        return
    pg, tmp, port = _pg_bin(), Path(tempfile.mkdtemp(prefix="ddpgprobe.")), _free_port()
    run_as = []
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*run_as, str(pg / "initdb"), "-D", str(tmp / "data"), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], check=True, capture_output=True)
    subprocess.run([*run_as, str(pg / "pg_ctl"), "-D", str(tmp / "data"), "-l", str(tmp / "log"), "-w", "-o",
                    f"-k {tmp} -h 127.0.0.1 -p {port} -c fsync=off", "start"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run([*run_as, str(pg / "pg_ctl"), "-D", str(tmp / "data"), "-m", "immediate", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


def refused(db, sql, values=None) -> bool:
    """True when the server refuses the statement (a privilege, or a function's own check)."""
    try:
        with db.engine.begin() as conn:
            conn.execute(text(sql), values or {})
        return False
    except DBAPIError:
        return True


def backdated_event(db) -> tuple[str, dict]:
    """The probe's forgery: the next event, dated 2025-03-01, in zhaokz's name, correctly hashed."""
    with db.engine.connect() as conn:
        last_id, last_hash = conn.execute(text("SELECT last_id, last_hash FROM audit_head")).one()
    row = {"id": last_id + 1, "request_id": None, "at": datetime(2025, 3, 1, 9, 0), "actor": "zhaokz",
           "host": "zhaokz@PC-03", "kind": "签发文书", "field": "", "old": "", "new": "", "reason": "伪造"}
    row["hash"] = hashlib.sha256(last_hash.encode() + canonical(row)).hexdigest()
    return ("INSERT INTO events (id, request_id, at, actor, host, kind, field, old, new, reason, hash) VALUES "
            "(:id, :request_id, :at, :actor, :host, :kind, :field, :old, :new, :reason, :hash)"), row


def attacks(db, clerk, owner_dsn, anchor):
    """(family, caught) for each attack."""
    sql, row = backdated_event(db)
    yield "backdated event in another's name", refused(db, sql, row)
    yield "backdated event in another's name", refused(
        db, "SELECT dd_private.chain_append('zhaokz', '', NULL, '签发文书', '', '', '', '伪造')")
    yield "backdated event in another's name", refused(
        db, "SELECT dd_append(:t, NULL, '签发文书', '', '', '', '伪造')", {"t": "0" * 64})
    yield "backdated event in another's name", refused(db, "UPDATE audit_head SET last_hash = :h", {"h": row["hash"]})
    for sql in ("UPDATE users SET role = '管理员' WHERE username = 'wangdj'",
                "UPDATE users SET password_hash = 'x' WHERE username = 'admin'",
                "INSERT INTO users (username, display_name, role, password_hash, active, failed_logins) "
                "VALUES ('evil', 'evil', '管理员', 'x', true, 0)", "DELETE FROM login_failures"):
        yield "UPDATE/INSERT users, clear lockouts", refused(db, sql)
    for sql in ("SELECT verifier FROM dd_private.credentials", "SELECT params FROM dd_private.credentials",
                "SELECT token_hash FROM dd_private.sessions", "SELECT secret FROM dd_private.secret"):
        yield "read password hashes, verifiers, sessions", refused(db, sql)
    with db.engine.connect() as conn:
        shown = conn.execute(text("SELECT password_hash FROM users")).scalars().all()
    yield "read password hashes, verifiers, sessions", not any(h.startswith("scrypt$") for h in shown)
    yield "forge a session", refused(db, "INSERT INTO dd_private.sessions (token_hash, user_id, origin, started_at, "
                                         "expires_at) VALUES (repeat('0', 64), 1, 'x', now(), now() + interval '1 day')")
    with db.engine.connect() as conn:
        yield "forge a session", conn.execute(text("SELECT count(*) FROM dd_session_user(:t)"),
                                              {"t": "a" * 64}).scalar() == 0
    for actor in (Actor("admin", "管理员", Role.ADMIN, 1, None, "a" * 64, "x@PC"),
                  Actor(clerk.username, clerk.display_name, Role.ADMIN, clerk.user_id, None, clerk.token[:-1] + "0")):
        try:
            Services.build(db).requests.register(actor, request_input())
            yield "forge a session", False
        except DomainError:
            yield "forge a session", True
    yield "forge a session", refused(db, "SELECT dd_set_password('', 1, 'scrypt$1024$8$1$' || repeat('0', 32), "
                                         "repeat('0', 64))")
    yield "owner recomputes the chain (with anchor)", owner_rewrite_detected(db, owner_dsn, anchor)


def owner_rewrite_detected(db, owner_dsn, anchor) -> bool:
    """The owner edits an event and recomputes every hash: the chain alone verifies, the anchor does not."""
    cols = ("id", "request_id", "at", "actor", "host", "kind", "field", "old", "new", "reason")
    with psycopg.connect(owner_dsn, autocommit=True) as conn:
        conn.execute("ALTER TABLE events DISABLE TRIGGER USER")
        conn.execute("UPDATE events SET actor = 'zhaokz' WHERE id = 3")
        previous = GENESIS
        for values in conn.execute(f"SELECT {', '.join(cols)} FROM events ORDER BY id").fetchall():
            previous = link(previous, dict(zip(cols, values)))
            conn.execute("UPDATE events SET hash = %s WHERE id = %s", (previous, values[0]))
        conn.execute("UPDATE audit_head SET last_hash = %s", (previous,))
        conn.execute("ALTER TABLE events ENABLE TRIGGER USER")
    audit = Services.build(db).audit
    return audit.verify().ok and not audit.verify(anchors=[anchor]).ok


def main() -> None:
    results, crashes = {}, []
    with throwaway_server() as server:
        app_url, admin_url = _roles(server)
        _owned_by_admin_pc(admin_url, ("wangdj", "王登记"), ("zhaokz", "赵科长"))
        db = Database.open(app_url)
        try:
            clerk = login_as(db, "wangdj", "王登记")
            Services.build(db).requests.register(clerk, request_input())
            anchor_file = Path(tempfile.mkdtemp(prefix="ddanchor.")) / "anchor.json"   # kept off the server
            Services.build(db).audit.anchor(anchor_file)
            anchor = audit_anchor.load(anchor_file)
            shutil.rmtree(anchor_file.parent, ignore_errors=True)
            base = server.replace("postgresql+psycopg://", "postgresql://")
            owner_dsn = f"{base}/{app_url.rsplit('/', 1)[1]}"
            for family, caught in attacks(db, clerk, owner_dsn, anchor):
                tally = results.setdefault(family, [0, 0])
                tally[0] += bool(caught)
                tally[1] += 1
        except Exception:  # noqa: BLE001 - a probe reports, it does not stop
            crashes.append(traceback.format_exc())
        finally:
            db.dispose()
    for family, (caught, tried) in results.items():
        print(f"{family:45s} {caught}/{tried}")
    total = [sum(v[i] for v in results.values()) for i in (0, 1)]
    print(f"{'detected or refused':45s} {total[0]}/{total[1]}")
    print(f"tracebacks: {len(crashes)}")
    for c in crashes:
        print(c)


if __name__ == "__main__":
    main()
