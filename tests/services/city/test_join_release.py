"""join-city on the first release's own database (tests/fixtures/release-0.1.0.sqlite3): the bureau
becomes agency 2 of a city server whose agency 1 already works, and nothing of it changes on the way."""

import json
import shutil
from datetime import date

import pytest
from sqlalchemy import text

from app.errors import NotFound
from app.services.city_join.service import join_city
from app.services.container import Services
from app.services.ledger.ledger_service import LedgerService
from app.services.trust.office_service import OfficeService
from app.services.uow import Database
from tests.services.city.support import RELEASE, count, new_city, sha, xlsx_parts

pytestmark = pytest.mark.pg
TODAY = date(2026, 3, 16)
FIXTURES = RELEASE.parent


@pytest.fixture(scope="module")
def joined(pg_server, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("release-join")
    source = tmp / "office.sqlite3"
    shutil.copyfile(RELEASE, source)
    before = sha(source)
    app_url, owner_url = new_city(pg_server)
    server = Database.open(owner_url, migrate=False)
    try:
        result = join_city(server, source, "某某区政务服务数据管理局", "xq-sjj", today=TODAY, actor="tester@pc")
    finally:
        server.dispose()
    return result, source, before, app_url, owner_url, tmp


def test_the_join_proves_the_ledger_the_hashes_and_the_chain(joined):
    result, source, before, *_ = joined
    assert result.agency_id == 2 and result.code == "xq-sjj"
    # The fixture's README: 39 cases, 6 letters, 3 attachments, 4 users.
    assert (result.counts["requests"], result.counts["letters"], result.counts["attachments"],
            result.counts["users"]) == (39, 6, 3, 4)
    assert result.proof.ok and result.proof.ledger_rows == 39
    assert (result.proof.letters, result.proof.files) == (6, 3)
    assert result.source_sha256 == before and sha(source) == before     # the bureau's file is untouched


def test_letters_and_attachments_keep_the_hashes_the_release_recorded(joined):
    _result, _source, _before, _app, owner_url, _tmp = joined
    letters = json.loads((FIXTURES / "release-0.1.0-letters.json").read_text(encoding="utf-8"))
    attachments = json.loads((FIXTURES / "release-0.1.0-attachments.json").read_text(encoding="utf-8"))
    db = Database.open(owner_url, migrate=False)
    with db.engine.connect() as c:
        on_server = c.execute(text("SELECT sha256, encode(sha256(pdf), 'hex') FROM letters WHERE agency_id = 2")).all()
        files = c.execute(text("SELECT filename, sha256, encode(sha256(content), 'hex') FROM attachments "
                               "WHERE agency_id = 2")).all()
    db.dispose()
    want_letters = sorted(x for x in (_letter_pair(x) for x in _items(letters)) if x)
    assert len(want_letters) == 6          # the README: 6 letters, each with its PDF
    assert sorted((a, b) for a, b in on_server if b != _EMPTY) == want_letters
    assert sorted((f, s) for f, s, _ in files) == sorted(_attachment_pairs(attachments))
    assert all(s == c for _f, s, c in files)


_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def _items(data):
    return data if isinstance(data, list) else list(data.values())


def _letter_pair(x: dict):
    stored = x.get("sha256") or x.get("stored_sha256")
    pdf = x.get("pdf_sha256")
    return (stored, pdf) if pdf and pdf != _EMPTY else None


def _attachment_pairs(data):
    return [(x.get("filename") or x.get("name"), x["sha256"]) for x in _items(data)]


def test_a_clerk_of_the_joined_agency_sees_its_cases_and_not_agency_1s(joined):
    """Through the workstation role and row-level security, as a clerk would: the export equals the
    bureau's own (today's code on an upgraded copy of the file), agency 1's case is not found."""
    _result, _source, _before, app_url, owner_url, tmp = joined
    local_copy = tmp / "local" / "office.sqlite3"
    local_copy.parent.mkdir()
    shutil.copyfile(RELEASE, local_copy)
    local = Database.open(str(local_copy))
    LedgerService(local, today=lambda: TODAY).export_file(tmp / "local-export.xlsx")
    local.dispose()
    db = Database.open(app_url)
    try:
        OfficeService(db).login("wangdj", "demo1234")        # the release's password, kept on the server
        services = Services.build(db)
        export = tmp / "clerk-export.xlsx"
        assert LedgerService(db, today=lambda: TODAY).export_file(export) == 39
        assert xlsx_parts(export) == xlsx_parts(tmp / "local-export.xlsx")
        check = services.audit.verify()
        assert check.ok, check.message
        assert check.count == count(owner_url, "SELECT count(*) FROM events WHERE agency_id = 2")
        with pytest.raises(NotFound):
            services.requests.find_id(_agency1_number(owner_url))
    finally:
        db.dispose()


def _agency1_number(owner_url: str) -> str:
    db = Database.open(owner_url, migrate=False)
    with db.engine.connect() as c:
        n = c.execute(text("SELECT number FROM requests WHERE agency_id = 1")).scalar()
    db.dispose()
    return n


def test_owner_verify_audit_on_the_server_passes_for_every_chain(joined):
    *_, owner_url, _tmp = joined
    assert count(owner_url, "SELECT count(*) FROM events WHERE agency_id = 2 AND kind = '并入市级系统'") == 1
    import subprocess
    import sys
    from tests.services.city.support import ROOT

    out = subprocess.run([sys.executable, "-m", "app", "--db", owner_url, "verify-audit"], cwd=ROOT,
                         capture_output=True, text=True, env=_env())
    assert out.returncode == 0, out.stderr
    assert "审计核验通过" in out.stdout


def _env():
    import os

    from tests.services.city.support import ROOT
    return {**os.environ, "PYTHONPATH": str(ROOT)}
