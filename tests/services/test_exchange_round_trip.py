"""The exchange between a bureau and the city desk on SQLite and PostgreSQL: round trip, idempotence, replacement."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from app.errors import PermissionDenied, ValidationError
from app.exchange.documents import report_from
from app.models import Event, ExchangeDocument, ExchangeImport, Request
from app.services.exchange.city_summary_service import CitySummaryService
from app.services.exchange.exchange_export_service import ExchangeExportService
from app.services.exchange.exchange_import_service import ExchangeImportService
from app.workflow.annual_counts import ROWS
from app.workflow.vocabulary import Role
from tests.conftest import fixed_today, login_as
from tests.services.exchange_support import (
    BUREAU_CODE, CITY_CODE, NOW, TODAY, locked_bureau, name_agency, same_kind_database,
)
from tests.workflow.test_annual_counts import EXPECTED_2025


@pytest.fixture
def city(request, any_db, tmp_path):
    db = same_kind_database(request, any_db, tmp_path, "city")
    name_agency(db, CITY_CODE, "某某市人民政府办公室")
    yield db
    db.dispose()


def export(db, folder, month=None):
    folder.mkdir(exist_ok=True)
    return ExchangeExportService(db, fixed_today(TODAY), lambda: NOW).export(2025, folder, month)


def importer(db):
    return ExchangeImportService(db, fixed_today(TODAY), lambda: NOW), login_as(db, "chief1", "赵科长", Role.CHIEF)


def count(db, model) -> int:
    with db.read() as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def test_a_bureaus_export_imported_at_the_city_gives_the_same_tables(any_db, city, tmp_path):
    reports = locked_bureau(any_db)
    result = export(any_db, tmp_path / "out")
    names = sorted(p.name for p in result.files)
    assert names == sorted([f"{BUREAU_CODE}_annual-report_2025.json", f"{BUREAU_CODE}_typical-cases_2025.json",
                            f"{BUREAU_CODE}_manifest_2025.json",
                            *(f"{BUREAU_CODE}_monthly-statistics_2025-{m:02d}.json" for m in range(1, 13))])
    svc, chief = importer(city)
    lines = svc.import_files(chief, [tmp_path / "out"])
    assert [x.status for x in lines] == ["新增"] * 14
    summary = CitySummaryService(city, fixed_today(TODAY)).summary(2025)
    bureau = reports.report(2025)
    assert [r.agency.code for r in summary.included] == [BUREAU_CODE]
    assert summary.included[0].agency.name == "某某市自然资源和规划局"
    for row in ROWS:                               # the hand count of the test ledger, through the files
        assert summary.table3.cells[row] == EXPECTED_2025[row], row
    assert summary.table4 == bureau.table4
    assert summary.table2["rules_issued"] == 3 and summary.table2["norms_current"] == 41
    assert summary.table2["charges_10k_yuan"] == 12.35
    assert summary.included[0].sections["五"] == "答复文书格式不统一。"
    assert summary.included[0].locked and not summary.changed_after_lock and not summary.unlocked


def test_monthly_statistics_count_by_hand(any_db, city, tmp_path):
    locked_bureau(any_db)
    from datetime import date
    with any_db.uow() as uow:                       # N2 replied 2025-04-02: one day late; N3 on 04-03, due 04-30
        for number, due in (("N2", date(2025, 4, 1)), ("N3", date(2025, 4, 30))):
            uow.session.execute(Request.__table__.update().where(Request.number == number).values(reply_due=due))
        uow.commit()
    export(any_db, tmp_path / "m", month=4)
    doc = json.loads((tmp_path / "m" / f"{BUREAU_CODE}_monthly-statistics_2025-04.json").read_text("utf-8"))
    # April 2025 of the test ledger: nothing received (N2–N20 came in March); N2–N20 replied, one per leaf
    # from （二） to （六）2 (the leaves in table order, 2nd to 20th).
    assert doc["data"]["received"] == 0 and doc["data"]["closed"] == 19
    assert doc["data"]["timed"] == 2 and doc["data"]["on_time"] == 1
    assert doc["data"]["outcomes"]["一.0"] == 0 and doc["data"]["outcomes"]["二.0"] == 1
    assert doc["data"]["outcomes"]["六.2"] == 1 and doc["data"]["outcomes"]["六.3"] == 0
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == [
        f"{BUREAU_CODE}_manifest_2025-04.json", f"{BUREAU_CODE}_monthly-statistics_2025-04.json"]
    export(any_db, tmp_path / "y")
    jan = json.loads((tmp_path / "y" / f"{BUREAU_CODE}_monthly-statistics_2025-01.json").read_text("utf-8"))
    # January: N1 received 01-01; N1 (01-02) and C1 (01-10) replied, both 予以公开
    assert (jan["data"]["received"], jan["data"]["closed"], jan["data"]["outcomes"]["一.0"]) == (1, 2, 2)


def test_importing_the_same_files_twice_changes_nothing(any_db, city, tmp_path):
    locked_bureau(any_db)
    export(any_db, tmp_path / "out")
    svc, chief = importer(city)
    svc.import_files(chief, [tmp_path / "out"])
    with city.read() as uow:
        before = uow.session.execute(select(ExchangeDocument.id, ExchangeDocument.digest,
                                            ExchangeDocument.imported_at).order_by(ExchangeDocument.id)).all()
    events, imports = count(city, Event), count(city, ExchangeImport)
    export(any_db, tmp_path / "again")               # a later export of the same data: only its time differs
    for folder in ("out", "again"):
        lines = svc.import_files(chief, [tmp_path / folder])
        assert {x.status for x in lines} == {"未变"}
    with city.read() as uow:
        after = uow.session.execute(select(ExchangeDocument.id, ExchangeDocument.digest,
                                           ExchangeDocument.imported_at).order_by(ExchangeDocument.id)).all()
    assert after == before and count(city, Event) == events and count(city, ExchangeImport) == imports


def test_a_changed_re_export_replaces_and_a_moved_locked_report_is_listed(any_db, city, tmp_path):
    reports = locked_bureau(any_db)
    export(any_db, tmp_path / "first")
    svc, chief = importer(city)
    svc.import_files(chief, [tmp_path / "first"])
    bureau_chief = login_as(any_db, "chief1", "赵科长", Role.CHIEF)
    reports.unlock(bureau_chief, 2025, "表二规章件数录错")
    reports.save_table2(bureau_chief, 2025, {"rules_issued": 4, "norms_current": 41, "charges_10k_yuan": 12.35})
    reports.lock(bureau_chief, 2025)
    export(any_db, tmp_path / "second")
    lines = {x.kind: x for x in svc.import_files(chief, [tmp_path / "second"])}
    assert lines["annual-report"].status == "替换"
    assert "锁定后数字有变动" in lines["annual-report"].note
    assert lines["monthly-statistics"].status == "未变"
    summary = CitySummaryService(city, fixed_today(TODAY)).summary(2025)
    assert summary.table2["rules_issued"] == 4
    assert [a.code for a in summary.changed_after_lock] == [BUREAU_CODE]
    assert count(city, ExchangeDocument) == 14        # replaced in place, keyed by code + kind + period


def test_nothing_is_imported_when_one_file_is_refused(any_db, city, tmp_path):
    locked_bureau(any_db)
    export(any_db, tmp_path / "out")
    victim = tmp_path / "out" / f"{BUREAU_CODE}_monthly-statistics_2025-03.json"
    victim.write_bytes(victim.read_bytes()[:100])
    svc, chief = importer(city)
    with pytest.raises(ValidationError) as info:
        svc.import_files(chief, [tmp_path / "out"])
    assert str(info.value).startswith("未导入任何文件：")
    assert f"文件“{victim.name}”长度为100字节" in str(info.value) and "被截断" in str(info.value)
    assert count(city, ExchangeDocument) == 0 and count(city, ExchangeImport) == 0


def test_own_files_and_clerks_are_refused(any_db, city, tmp_path):
    locked_bureau(any_db)
    export(any_db, tmp_path / "out")
    with pytest.raises(ValidationError, match="是本机关的"):
        svc, chief = importer(any_db)
        svc.import_files(chief, [tmp_path / "out"])
    clerk = login_as(city, "clerk1", "王登记", Role.CLERK)
    with pytest.raises(PermissionDenied, match="科室负责人或管理员"):
        ExchangeImportService(city).import_files(clerk, [tmp_path / "out"])


def test_export_needs_the_agency_code_and_a_clean_report(any_db, tmp_path):
    (tmp_path / "out").mkdir()
    with pytest.raises(ValidationError, match="机关代码尚未填写"):
        ExchangeExportService(any_db, fixed_today(TODAY)).export(2025, tmp_path / "out")
    name_agency(any_db, BUREAU_CODE)
    from tests.services.reports.test_report_service import add_cases
    from datetime import date
    add_cases(any_db, [("X1", date(2025, 5, 6), date(2025, 5, 20), "科研机构", None)])
    with pytest.raises(ValidationError, match="校验未通过"):
        ExchangeExportService(any_db, fixed_today(TODAY)).export(2025, tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []
    with pytest.raises(ValidationError, match="尚未开始"):
        ExchangeExportService(any_db, fixed_today(TODAY)).export(2026, tmp_path / "out", 3)


def test_the_stored_report_reads_back_as_the_bureaus(any_db, city, tmp_path):
    reports = locked_bureau(any_db)
    export(any_db, tmp_path / "out")
    svc, chief = importer(city)
    svc.import_files(chief, [tmp_path / "out" / f"{BUREAU_CODE}_annual-report_2025.json"])
    with city.read() as uow:
        rows = uow.session.execute(select(ExchangeDocument.agency_code, ExchangeDocument.kind,
                                          ExchangeDocument.period, ExchangeDocument.document)).all()
    assert [tuple(r[:3]) for r in rows] == [(BUREAU_CODE, "annual-report", "2025")]
    stored = report_from(json.loads(rows[0].document))
    bureau = reports.report(2025)
    assert (stored.table3, stored.table4, stored.fees) == (bureau.table3, bureau.table4, bureau.fees)
    assert stored.sections["六"] == bureau.section_text("六")
    assert replace(stored, sections={}).locked


def test_the_agency_code_is_a_setting_checked_like_the_schema(any_db):
    from app.services.settings_service import SettingsService

    settings = SettingsService(any_db)
    admin = login_as(any_db, "admin", "管理员", Role.ADMIN)
    with pytest.raises(ValidationError, match="机关代码只能由字母、数字") as info:
        settings.save(admin, replace(settings.load(), agency_code="市教育局"))
    assert info.value.field == "agency_code"
    settings.save(admin, replace(settings.load(), agency_code=BUREAU_CODE))
    assert settings.load().agency_code == BUREAU_CODE


def test_typical_cases_travel_anonymised_and_personal_data_is_refused(any_db, city, tmp_path):
    from datetime import date

    from app.models import LibraryCase

    locked_bureau(any_db)
    texts = {"申请内容": "申请公开某地块征收补偿方案", "办理经过": "依法答复", "答复决定": "予以公开", "答复理由": ""}
    with any_db.uow() as uow:
        uow.session.add_all([
            LibraryCase(uid="a" * 32, source="某某市自然资源和规划局", read_only=False, title="征收补偿方案的公开",
                        summary="申请人甲申请公开征收补偿方案。", year=2025, outcome="予以公开",
                        text_json=json.dumps(texts, ensure_ascii=False), created_on=date(2025, 6, 1)),
            LibraryCase(uid="b" * 32, source="某某市住房和城乡建设局", read_only=True, title="别处的案例",
                        year=2025, text_json="{}", created_on=date(2025, 6, 1))])
        uow.commit()
    export(any_db, tmp_path / "out")
    doc = json.loads((tmp_path / "out" / f"{BUREAU_CODE}_typical-cases_2025.json").read_text("utf-8"))
    assert [c["title"] for c in doc["data"]["cases"]] == ["征收补偿方案的公开"]     # only the office's own
    assert set(doc["data"]["cases"][0]) == {"uid", "title", "summary", "legal_points", "tags", "articles",
                                            "outcome", "year", "texts"}
    svc, chief = importer(city)
    assert {x.status for x in svc.import_files(chief, [tmp_path / "out"])} == {"新增"}
    with any_db.uow() as uow:                     # a case edited after review, a phone number back in it
        case = uow.session.scalar(select(LibraryCase).where(LibraryCase.uid == "a" * 32))
        case.summary = "申请人甲（电话13812345678）申请公开征收补偿方案。"
        uow.commit()
    export(any_db, tmp_path / "again")
    with pytest.raises(ValidationError) as info:
        svc.import_files(chief, [tmp_path / "again"])
    assert (f"文件“{BUREAU_CODE}_typical-cases_2025.json”第1件典型案例（征收补偿方案的公开）仍含个人信息（电话）"
            in str(info.value))
