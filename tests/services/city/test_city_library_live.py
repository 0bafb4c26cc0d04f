"""全市案例库, live (issue 22): agency 甲 publishes a reviewed, anonymised case; 乙's clerk finds it at once
with 甲's name; 甲 withdraws it (audited) and 乙 no longer finds it; 乙 cannot withdraw 甲's case, neither
through the service nor with raw SQL on the workstation role. On SQLite the city library is the office's own."""

import json
from datetime import date, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.errors import PermissionDenied, ValidationError
from app.services.library.case_library_service import CaseLibraryService
from app.services.library.city_library_service import CityLibraryService
from app.services.trust.audit_service import AuditService
from tests.conftest import fixed_today
from tests.services.city.city_library_support import build_city, city_login
from tests.services.library.test_case_library import SEEDED, TODAY, closed_case

NOW = datetime(2025, 7, 1, 9, 30)


def _library_case(db, clerk, handler, chief, number="T-典型-1") -> int:
    """A closed case marked 典型案例 through the review (the anonymiser's draft, titled by the clerk)."""
    closed_case(db, clerk, handler, chief, number)
    lib = CaseLibraryService(db, fixed_today(TODAY))
    draft = lib.draft(clerk, number)
    entry = lib.save(clerk, type(draft)(**{**draft.__dict__, "title": "征收补偿协议部分公开",
                                           "tags": "征收补偿、第三方意见", "articles": "第三十二条"}))
    return entry.id


@pytest.fixture(scope="module")
def city(pg_server):
    c = build_city(pg_server)
    yield c
    c.dispose()


def _raw(db, sql: str, values: dict | None = None) -> str:
    """What a statement on the workstation role did: refused (42501), or how many rows it touched."""
    try:
        with db.engine.connect() as c, c.begin() as tx:
            n = c.execute(text(sql), values or {}).rowcount
            tx.rollback()
    except DBAPIError as e:
        assert getattr(e.orig, "sqlstate", "") == "42501", str(e.orig)
        return "refused"
    return f"{n} rows"


@pytest.mark.pg
def test_published_by_jia_found_by_yi_at_once_withdrawn_and_gone(city):
    jia, yi = city.bureaus["jia"], city.bureaus["yi"]
    entry = _library_case(jia.db, jia.clerk, jia.handler, jia.chief)
    jia_city = CityLibraryService(jia.db, lambda: NOW)
    with pytest.raises(PermissionDenied, match="科室负责人或管理员"):
        jia_city.publish(jia.clerk, entry)                              # a clerk marks; a chief publishes
    published = jia_city.publish(jia.chief, entry)
    with pytest.raises(ValidationError, match="已发布"):
        jia_city.publish(jia.chief, entry)

    yi_city = CityLibraryService(yi.db, lambda: NOW)
    CaseLibraryService(yi.db).search()                                  # 乙's session is the one presented
    yi.db.present(yi.clerk.token)
    found = yi_city.search("征收")
    assert [(c.id, c.source, c.mine, c.title) for c in found] == [
        (published.id, "甲区住房和城乡建设局", False, "征收补偿协议部分公开")]
    assert found[0].origin == "甲区住房和城乡建设局" and found[0].published_on == date(2025, 7, 1)
    assert yi_city.search("没有这样的案情") == []
    city_db, _shi = city_login(city)
    try:
        assert [c.id for c in CityLibraryService(city_db).search()] == [published.id]   # the city reads it too
    finally:
        city_db.dispose()

    # 乙 cannot withdraw 甲's case: not through the service, not with raw SQL on dd_app
    with pytest.raises(PermissionDenied, match="只有发布机关可以撤回"):
        yi_city.withdraw(yi.chief, published.id, "乙认为不妥")
    yi.db.present(yi.chief.token)
    assert _raw(yi.db, "UPDATE city_library_cases SET withdrawn_at = now(), withdrawn_by = 'yi_chief', "
                       "withdraw_reason = '乙认为不妥' WHERE id = :i", {"i": published.id}) == "0 rows"
    assert _raw(yi.db, "DELETE FROM city_library_cases WHERE id = :i", {"i": published.id}) == "refused"
    assert _raw(yi.db, "INSERT INTO city_library_cases (agency_id, source_uid, source_name, title, summary, "
                       "legal_points, tags, articles, outcome, year, text_json, published_at, published_by, "
                       "withdrawn_by, withdraw_reason) VALUES (1, 'x', '甲区住房和城乡建设局', '冒充', '', '', '', '', "
                       "'', 2025, '{}', now(), 'yi_chief', '', '')") == "refused"
    # 甲 itself can only withdraw, never rewrite, the published text
    jia.db.present(jia.chief.token)
    assert _raw(jia.db, "UPDATE city_library_cases SET title = '改过' WHERE id = :i", {"i": published.id}) == "refused"

    with pytest.raises(ValidationError, match="须说明理由"):
        jia_city.withdraw(jia.chief, published.id, "  ")
    gone = jia_city.withdraw(jia.chief, published.id, "案情涉及的协议已被法院撤销")
    assert gone.id == published.id
    yi.db.present(yi.clerk.token)
    assert yi_city.search() == [] and yi_city.search("征收") == []
    with city.owner.engine.connect() as c:
        row = c.execute(text("SELECT withdrawn_at, withdrawn_by, withdraw_reason FROM city_library_cases "
                             "WHERE id = :i"), {"i": published.id}).one()
        events = c.execute(text("SELECT actor, kind, old, new, reason FROM events WHERE agency_id = 1 AND kind IN "
                                "('发布到全市案例库', '撤回全市案例库案例') ORDER BY seq")).all()
    assert tuple(row) == (NOW, "jia_chief", "案情涉及的协议已被法院撤销")
    assert [tuple(e) for e in events] == [
        ("jia_chief", "发布到全市案例库", "", "征收补偿协议部分公开", ""),
        ("jia_chief", "撤回全市案例库案例", "已发布", "已撤回", "案情涉及的协议已被法院撤销")]
    assert AuditService(jia.db).verify().ok
    jia.db.present(jia.chief.token)
    assert _raw(jia.db, "UPDATE city_library_cases SET withdrawn_at = NULL, withdrawn_by = '', withdraw_reason = '' "
                        "WHERE id = :i", {"i": published.id}) == "refused"          # withdrawn stays withdrawn
    again = jia_city.publish(jia.chief, entry)                       # published again: a new row, found again
    yi.db.present(yi.clerk.token)
    assert [c.id for c in yi_city.search()] == [again.id] != [published.id]


@pytest.mark.pg
def test_the_stored_row_holds_nothing_personal_of_the_source_case(city):
    bing = city.bureaus["bing"]
    entry = _library_case(bing.db, bing.clerk, bing.handler, bing.chief, "T-典型-丙")
    published = CityLibraryService(bing.db, lambda: NOW).publish(bing.admin, entry)
    with city.owner.engine.connect() as c:
        stored = c.execute(text("SELECT to_jsonb(t)::text FROM city_library_cases t WHERE id = :i"),
                           {"i": published.id}).scalar()
    stored = json.dumps(json.loads(stored), ensure_ascii=False)       # \\u escapes as characters
    assert "征收补偿协议" in stored and "[地址]" in stored          # the case is there, anonymised
    assert [p for p in SEEDED if p in stored] == []                  # name, ID, phones, address, e-mail, parties


@pytest.mark.pg
def test_personal_data_put_back_after_review_is_not_published(city):
    yi = city.bureaus["yi"]
    entry = _library_case(yi.db, yi.clerk, yi.handler, yi.chief, "T-典型-乙")
    yi.db.present(yi.chief.token)
    with yi.db.engine.connect() as c, c.begin():     # a summary edited around the review, straight in the table
        c.execute(text("UPDATE library_cases SET summary = '申请人电话13812345678' WHERE id = :i"), {"i": entry})
    with pytest.raises(ValidationError, match="仍有个人信息.*电话"):
        CityLibraryService(yi.db, lambda: NOW).publish(yi.chief, entry)


def test_on_sqlite_the_city_library_is_the_office_own(sqlite_db, clerk, handler, chief):
    entry = _library_case(sqlite_db, clerk, handler, chief)
    service = CityLibraryService(sqlite_db, lambda: NOW)
    published = service.publish(chief, entry)
    assert [(c.id, c.source, c.mine) for c in service.search("征收")] == [(published.id, "某某市自然资源和规划局", True)]
    assert service.published_uids() == {CaseLibraryService(sqlite_db).search()[0].uid}
    service.withdraw(chief, published.id, "重复")
    assert service.search() == [] and service.published_uids() == set()
    with pytest.raises(ValidationError, match="已于2025-07-01 09:30撤回"):
        service.withdraw(chief, published.id, "再撤一次")
