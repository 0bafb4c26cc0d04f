"""join-city on a demo year (app/services/demos/demo.fill_demo on a SQLite file), then every refusal
against the same server: each leaves the server and the bureau's file exactly as they were."""

import shutil
import sqlite3
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.errors import ConflictError, PermissionDenied, ValidationError
from app.services.city_join.service import join_city
from app.services.container import Services
from app.services.demos.demo import DEMO_PASSWORD, fill_demo
from app.services.trust.office_service import OfficeService
from app.services.uow import Database
from tests.conftest import TEST_PASSWORD
from tests.services.city.support import RELEASE, count, new_city, sha

pytestmark = pytest.mark.pg
TODAY = date(2026, 6, 30)


@pytest.fixture(scope="module")
def city(pg_server, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("demo-join")
    demo_file = tmp / "demo.sqlite3"
    demo = Database.open(str(demo_file))
    fill_demo(demo, cases=25, today=TODAY, admin_password=TEST_PASSWORD)
    _attach(demo)
    demo.dispose()
    app_url, owner_url = new_city(pg_server)
    before = sha(demo_file)
    server = Database.open(owner_url, migrate=False)
    try:
        result = join_city(server, demo_file, "演示区数据管理局", "demo-q", today=TODAY)
    finally:
        server.dispose()
    return result, demo_file, before, app_url, owner_url, tmp


def _attach(db: Database) -> None:
    """Two attachments added as a clerk does, each chained with its full line (附件N, SHA-256)."""
    clerk = OfficeService(db).login("wangdj", DEMO_PASSWORD)
    services = Services.build(db)
    with db.read() as uow:
        cases = uow.session.execute(text("SELECT id FROM requests ORDER BY id LIMIT 2")).scalars().all()
    for i, case in enumerate(cases):
        services.attachments.add(clerk, case, f"申请书{i}.pdf", f"%PDF-1.4 demo {i}".encode())


def _state(owner_url: str) -> tuple[int, int, int]:
    return (count(owner_url, "SELECT count(*) FROM agencies"), count(owner_url, "SELECT count(*) FROM events"),
            count(owner_url, "SELECT count(*) FROM requests"))


def _join(owner_url, path, name, code):
    server = Database.open(owner_url, migrate=False)
    try:
        return join_city(server, path, name, code, today=TODAY)
    finally:
        server.dispose()


def test_the_demo_year_joins_with_identical_export_hashes_and_chain(city):
    result, demo_file, before, app_url, owner_url, _tmp = city
    p = result.proof
    assert p.ok and p.ledger_rows == 25 == result.counts["requests"]
    assert p.letters == result.counts["letters"] > 0
    assert result.counts["attachments"] == 2
    assert p.files == result.counts.get("attachments", 0) + result.counts.get("coordination_materials", 0)
    assert sha(demo_file) == before
    db = Database.open(app_url)
    try:
        OfficeService(db).login("wangdj", DEMO_PASSWORD)
        services = Services.build(db)
        assert services.audit.verify().ok
        assert count(owner_url, f"SELECT count(*) FROM requests WHERE agency_id = {result.agency_id}") == 25
    finally:
        db.dispose()


def test_the_same_file_again_is_refused(city):
    _result, demo_file, before, _app, owner_url, _tmp = city
    state = _state(owner_url)
    with pytest.raises(ConflictError, match="已并入过"):
        _join(owner_url, demo_file, "另一个名称", "other-code")
    assert _state(owner_url) == state and sha(demo_file) == before


def test_a_taken_code_or_name_is_refused(city):
    _result, _demo, _before, _app, owner_url, tmp = city
    state = _state(owner_url)
    with pytest.raises(ConflictError, match="代码“demo-q”"):
        _join(owner_url, RELEASE, "某自然资源局", "DEMO-Q")
    with pytest.raises(ConflictError, match="名称“演示区数据管理局”"):
        _join(owner_url, RELEASE, "演示区数据管理局", "new-code")
    assert _state(owner_url) == state


def test_usernames_already_on_the_server_are_named_with_the_fix(city):
    _result, _demo, _before, _app, owner_url, tmp = city
    state = _state(owner_url)
    release = tmp / "release.sqlite3"
    shutil.copyfile(RELEASE, release)
    with pytest.raises(ConflictError) as e:
        _join(owner_url, release, "某自然资源局", "zrzy")
    # The release's accounts admin, wangdj, licb, zhaokz: the demo year has the same four names.
    assert "admin、licb、wangdj、zhaokz" in str(e.value) and "改名" in str(e.value)
    assert _state(owner_url) == state


def test_a_tampered_chain_is_refused_naming_the_event(city):
    """The demo year's file (the first release's predates the chain: its hashes are made on upgrade)."""
    _result, demo_file, _before, _app, owner_url, tmp = city
    state = _state(owner_url)
    tampered = tmp / "tampered.sqlite3"
    shutil.copyfile(demo_file, tampered)
    with sqlite3.connect(tampered) as conn:
        conn.execute("DROP TRIGGER IF EXISTS events_no_update")
        conn.execute("UPDATE events SET new = new || '（改）' WHERE id = 5")
    conn.close()
    before = sha(tampered)
    with pytest.raises(ValidationError, match="审计记录未通过核验.*编号5"):
        _join(owner_url, tampered, "被改动的机关", "tampered")
    assert _state(owner_url) == state and sha(tampered) == before


def test_only_the_owner_may_join(city):
    _result, _demo, _before, app_url, owner_url, tmp = city
    release = tmp / "release-app.sqlite3"
    shutil.copyfile(RELEASE, release)
    state = _state(owner_url)
    with pytest.raises(PermissionDenied, match="所有者"):
        _join(app_url, release, "某自然资源局", "zrzy2")
    assert _state(owner_url) == state


def test_an_anchor_taken_on_the_bureaus_pc_still_holds_on_the_server(city):
    """seq and hashes are kept, so the bureau's anchor file checks against the joined chain."""
    from app.services.trust import audit_anchor
    from app.services.trust.audit_service import AuditService

    _result, demo_file, _before, app_url, _owner, tmp = city
    local = Database.open(str(demo_file), read_only=True)
    with local.read() as uow:
        anchor = audit_anchor.take(uow.session)
    local.dispose()
    assert anchor.last_id > 0
    db = Database.open(app_url)
    try:
        OfficeService(db).login("wangdj", DEMO_PASSWORD)
        assert AuditService(db).verify(anchors=[anchor]).ok
        forged = audit_anchor.Anchor(anchor.last_id, "0" * 64, anchor.count, anchor.taken_at)
        assert not AuditService(db).verify(anchors=[forged]).ok
    finally:
        db.dispose()


def test_a_workstation_cannot_write_a_join_record(city):
    """Only the owner writes the record whose id map the verifier trusts (migration city_join)."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    _result, _demo, _before, app_url, _owner, _tmp = city
    db = Database.open(app_url)
    try:
        OfficeService(db).login("wangdj", DEMO_PASSWORD)
        token = db._token
        with db.engine.connect() as c, pytest.raises(DBAPIError, match="只能由数据库所有者"):
            c.execute(text("SELECT dd_append(:t, NULL, '并入市级系统', '', '', '{}', '')"), {"t": token})
    finally:
        db.dispose()


def test_swapping_two_joined_attachments_on_the_server_is_found(city):
    """The id map is what ties a file line chained on the bureau's PC to a row on the server: two joined
    attachments swapped (bytes, checksum and name) break verify-audit, naming the attachment."""
    from app.services.trust.audit_chain import verify

    result, _demo, _before, _app, owner_url, _tmp = city
    owner = Database.open(owner_url, migrate=False)
    try:
        with Session(owner.engine) as s:
            a, b = s.execute(text("SELECT id FROM attachments WHERE agency_id = :a ORDER BY id"),
                             {"a": result.agency_id}).scalars().all()
            assert (a, b) == (2, 3)     # the bureau's 附件1 and 附件2, renumbered after agency 1's 附件1
            assert verify(s).ok
            s.execute(text("UPDATE attachments t SET filename = o.filename, sha256 = o.sha256, content = o.content "
                           "FROM attachments o WHERE (t.id, o.id) IN ((:a, :b), (:b, :a))"), {"a": a, "b": b})
            check = verify(s)
            s.rollback()
        assert not check.ok and "附件" in check.message and "与添加时审计记录中的不一致" in check.message
    finally:
        owner.dispose()


def test_a_server_at_another_schema_version_is_refused(city):
    _result, _demo, _before, _app, owner_url, tmp = city
    release = tmp / "release-old-server.sqlite3"
    shutil.copyfile(RELEASE, release)
    owner = Database.open(owner_url, migrate=False)
    try:
        with owner.engine.begin() as c:
            head = c.execute(text("SELECT version_num FROM alembic_version")).scalar()
            c.execute(text("UPDATE alembic_version SET version_num = 'i22_agencies'"))
        state = _state(owner_url)
        with pytest.raises(ValidationError, match="服务器的数据库版本（i22_agencies）与本程序"):
            _join(owner_url, release, "某自然资源局", "zrzy3")
        assert _state(owner_url) == state
    finally:
        with owner.engine.begin() as c:
            c.execute(text("UPDATE alembic_version SET version_num = :h"), {"h": head})
        owner.dispose()
