"""A city server for join-city tests: agency 1 with a clerk and one case of its own."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.models import User
from app.services.agency_admin import append_owner_event
from app.services.trust.audit_evidence import ACCOUNT_KIND, account_fingerprint
from app.services.container import Services
from app.services.trust import server_sessions
from app.services.trust.office_service import OfficeService
from app.services.uow import Database
from app.workflow.vocabulary import Role
from tests.conftest import TEST_PASSWORD
from tests.services.helpers import request_input
from tests.services.trust.test_postgresql_roles import _roles

ROOT = Path(__file__).resolve().parents[3]
RELEASE = ROOT / "tests" / "fixtures" / "release-0.1.0.sqlite3"


def owner_url(app_url: str) -> str:
    return app_url.replace("dd_app_", "dd_owner_").replace("change-me-app", "change-me-owner")


def new_city(pg_server) -> tuple[str, str]:
    """(app URL, owner URL) of a fresh server whose agency 1 has the clerk ``city1_clerk`` and one case."""
    app_url, _admin = _roles(pg_server)
    owner = Database.open(owner_url(app_url))
    with Session(owner.engine) as s:
        u = User(username="city1_clerk", display_name="一号机关登记员", role=Role.CLERK.value, password_hash="",
                 agency_id=1)
        s.add(u)
        s.flush()
        server_sessions.set_password(s, u.id, TEST_PASSWORD, unattended=True)
        s.refresh(u)            # the account chained as the app does, so verify-audit holds for agency 1
        append_owner_event(s, 1, "installer", ACCOUNT_KIND, u.username, "", account_fingerprint(u), "")
        s.commit()
    owner.dispose()
    db = Database.open(app_url)
    clerk = OfficeService(db).login("city1_clerk", TEST_PASSWORD)
    services = Services.build(db)
    case = services.requests.register(clerk, request_input(applicant_name="一号机关的申请人"))
    # Agency 1 holds attachment 1, so the joined attachments get other numbers than on the bureau's PC.
    services.attachments.add(clerk, getattr(case, "id", case), "一号机关的申请书.pdf", b"%PDF-1.4 agency one")
    db.dispose()
    return app_url, owner_url(app_url)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def xlsx_parts(path: Path) -> dict[str, bytes]:
    """An .xlsx's zip members, without docProps/core.xml (only the time the file was written)."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def count(url: str, sql: str) -> int:
    db = Database.open(url, migrate=False)
    try:
        with db.engine.connect() as c:
            return c.execute(text(sql)).scalar()
    finally:
        db.dispose()
