"""案例库: a closed case marked 典型案例 keeps only an anonymised copy; search; a package exported from
one database and imported into another carries no personal data (SQLite and PostgreSQL)."""

import json
import subprocess
import zipfile
from datetime import date

import pytest

from app.errors import PermissionDenied, ValidationError
from app.services.library.case_library_service import CaseLibraryService
from app.exports.letters.kinds import LetterKind
from app.services.cases.case_service import CaseService
from app.services.letters.letter_facts_service import LetterFactsService
from app.services.letters.letter_service import LetterService
from app.services.cases.request_service import RequestService
from app.services.uow import Database
from app.workflow.deadline import PauseKind
from app.workflow.outcomes import Outcome
from app.workflow.vocabulary import Role, ServiceMethod
from tests.conftest import fixed_today, login_as
from tests.services.helpers import add_department, request_input

TODAY = date(2025, 6, 30)
# Everything personal the seeded case holds; none of it may leave in a package.
NAME, ID_NUMBER, PHONE = "张建国", "110105198001011238", "13812345678"
ADDRESS, EMAIL = "某某市某某区文一路100号", "zjg@example.com"
THIRD_PARTY, NEIGHBOUR, OTHER_PHONE = "宏达房地产开发有限公司", "李秀英", "0571-87654321"
SEEDED = (NAME, ID_NUMBER, PHONE, ADDRESS, EMAIL, THIRD_PARTY, NEIGHBOUR, OTHER_PHONE)


def closed_case(db, clerk, handler, chief, number="T-典型-1", dept: int | None = None) -> str:
    requests, cases = RequestService(db, fixed_today(TODAY)), CaseService(db, fixed_today(TODAY))
    dept = dept or add_department(db, "征收科")
    d = requests.register(clerk, request_input(
        number=number, applicant_name=NAME, id_type="居民身份证", id_number=ID_NUMBER, phone=PHONE,
        address=ADDRESS, email=EMAIL, arrival_date=date(2025, 1, 20),
        description=f"申请公开本人位于{ADDRESS}房屋与邻居{NEIGHBOUR}的征收补偿协议，联系电话{PHONE}"))
    d = cases.assign(clerk, d.id, d.version, dept)
    d = cases.start_consultation(handler, d.id, d.version, PauseKind.THIRD_PARTY, THIRD_PARTY,
                                 date(2025, 1, 22), date(2025, 1, 23))
    facts = LetterFactsService(db, fixed_today(TODAY))       # the letter names the information, not the applicant
    d = facts.set_consultation_matter(handler, d.id, d.version, d.consultations[-1].id,
                                      f"与邻居{NEIGHBOUR}签订的征收补偿协议")
    letters = LetterService(db, fixed_today(TODAY))          # the consultation letter the reply recites
    letters.sign(chief, letters.issue(handler, d.id, LetterKind.CONSULTATION).id)
    d = cases.end_consultation(handler, d.id, d.version, date(2025, 2, 5), "不同意公开")
    d = cases.submit(handler, d.id, d.version, decision="部分公开", outcome=Outcome.PARTIAL,
                     withheld_ground="三.4",  # the neighbour's and the company's interests (Art 15)
                     reasons=f"协议中{NEIGHBOUR}的补偿金额及{THIRD_PARTY}的商业信息（联系人电话{OTHER_PHONE}）不予公开")
    draft = LetterService(db, fixed_today(date(2025, 2, 13))).issue(handler, d.id)   # written the day before the reply
    d = cases.sign_off(chief, d.id, d.version)
    LetterService(db, fixed_today(date(2025, 2, 13))).sign(chief, draft.id)
    cases.record_reply(clerk, d.id, d.version, Outcome.PARTIAL, date(2025, 2, 14), ServiceMethod.POST)
    return number


def pdf_text(pdf: bytes, tmp_path) -> str:
    (tmp_path / "x.pdf").write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(tmp_path / "x.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_marking_anonymises_for_review_then_saves_only_the_anonymised_copy(any_db, clerk, handler, chief, tmp_path):
    number = closed_case(any_db, clerk, handler, chief)
    lib = CaseLibraryService(any_db, fixed_today(TODAY))
    draft = lib.draft(clerk, number)
    assert draft.texts["申请内容"].startswith("申请公开本人位于[地址]房屋与邻居某甲的征收补偿协议，联系电话[电话]")
    # decision 部分公开 and its table 三 leaf (also 部分公开) are said once, not “部分公开，部分公开”
    assert draft.texts["答复决定"] == "部分公开"
    assert "第三方乙（某公司）" in draft.texts["答复理由"] and "[电话]" in draft.texts["答复理由"]
    assert {r.kind for r in draft.replacements} >= {"地址", "电话", "姓名", "第三方"}
    with pytest.raises(ValidationError, match="请填写案例标题"):
        lib.save(clerk, draft)
    sneaked = type(draft)(**{**draft.__dict__, "title": "征收补偿协议部分公开", "summary": f"{NAME}申请……"})
    with pytest.raises(ValidationError, match=f"仍有个人信息.*{NAME}"):
        lib.save(clerk, sneaked)
    entry = lib.save(clerk, type(draft)(**{**draft.__dict__, "title": "征收补偿协议部分公开",
                                           "tags": "征收补偿、第三方意见", "articles": "第三十七条、第三十二条"}))
    assert entry.has_pdf and not entry.read_only and entry.year == 2025 and entry.outcome == "部分公开"
    text = pdf_text(lib.pdf(entry.id), tmp_path)
    assert "政府信息公开申请答复书" in text and "申请人甲" in text
    assert [s for s in SEEDED if s in text.replace(" ", "").replace("\n", "")] == []
    with pytest.raises(ValidationError, match="尚未办结"):
        lib.draft(clerk, RequestService(any_db, fixed_today(TODAY)).register(clerk, request_input()).number)
    with pytest.raises(ValidationError, match="登记员、科室负责人或管理员"):
        lib.draft(handler, number)


def test_the_cases_offered_for_marking_are_the_closed_ones_not_yet_in_the_library(any_db, clerk, handler, chief):
    first = closed_case(any_db, clerk, handler, chief)
    second = closed_case(any_db, clerk, handler, chief, number="T-典型-2", dept=add_department(any_db, "规划科"))
    still_open = RequestService(any_db, fixed_today(TODAY)).register(clerk, request_input()).number
    lib = CaseLibraryService(any_db, fixed_today(TODAY))
    offered = [number for number, _ in lib.markable(clerk)]
    assert sorted(offered) == [first, second] and still_open not in offered
    draft = lib.draft(clerk, first)
    lib.save(clerk, type(draft)(**{**draft.__dict__, "title": "征收补偿协议部分公开"}))
    assert [number for number, _ in lib.markable(clerk)] == [second]          # a marked case is not offered again
    with pytest.raises(ValidationError, match="登记员、科室负责人或管理员"):
        lib.markable(handler)


def test_search_by_text_tag_outcome_article_and_year(any_db, clerk, handler, chief):
    number = closed_case(any_db, clerk, handler, chief)
    lib = CaseLibraryService(any_db, fixed_today(TODAY))
    draft = lib.draft(clerk, number)
    lib.save(clerk, type(draft)(**{**draft.__dict__, "title": "征收补偿协议部分公开", "tags": "征收补偿",
                                   "articles": "第三十七条"}))
    hit = ["征收补偿协议部分公开"]
    assert [e.title for e in lib.search(text="邻居某甲")] == hit
    assert [e.title for e in lib.search(tag="征收补偿")] == hit
    assert [e.title for e in lib.search(outcome="部分公开")] == hit and lib.search(outcome="予以公开") == []
    assert [e.title for e in lib.search(article="第三十七条")] == hit and lib.search(article="第四十四条") == []
    assert [e.title for e in lib.search(year=2025)] == hit and lib.search(year=2024) == []


def test_a_package_from_one_database_imported_into_another_has_no_personal_data(any_db, clerk, handler, chief,
                                                                                 tmp_path, admin):
    number = closed_case(any_db, clerk, handler, chief)
    lib = CaseLibraryService(any_db, fixed_today(TODAY))
    draft = lib.draft(clerk, number)
    lib.save(clerk, type(draft)(**{**draft.__dict__, "title": "征收补偿协议部分公开"}))
    package = tmp_path / "cases.zip"
    assert lib.export_package(package) == 1
    with zipfile.ZipFile(package) as z:
        manifest = json.loads(z.read("cases.json"))
        pdfs = [z.read(n) for n in z.namelist() if n.endswith(".pdf")]
    assert (manifest["format"], manifest["version"], manifest["source"]) == (
        "disclosure-desk-case-library", 1, "某某市自然资源和规划局")
    everything = json.dumps(manifest, ensure_ascii=False) + "".join(pdf_text(p, tmp_path) for p in pdfs)
    flat = everything.replace(" ", "").replace("\n", "")
    assert len(pdfs) == 1 and [s for s in SEEDED if s in flat] == []     # the grep for seeded data

    other = Database.open(str(tmp_path / "other.sqlite3"))
    try:
        theirs = CaseLibraryService(other, fixed_today(TODAY))
        their_admin = login_as(other, "admin", "管理员", Role.ADMIN)
        assert theirs.import_package(their_admin, package) == ("某某市自然资源和规划局", 1, 0)
        assert theirs.import_package(their_admin, package) == ("某某市自然资源和规划局", 0, 1)     # deduplicated
        [e] = theirs.search()
        assert e.read_only and e.origin == "某某市自然资源和规划局（导入，只读）" and e.has_pdf
        with pytest.raises(ValidationError, match="导入的案例只读"):
            theirs.update(their_admin, e.id, "改个标题", "", "", "", "")
        with pytest.raises(PermissionDenied):
            theirs.import_package(admin, package)          # a session of another database is not honoured
    finally:
        other.dispose()


def test_a_file_that_is_not_a_package_is_refused(any_db, admin, tmp_path):
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("cases.json", json.dumps({"format": "other", "version": 1}))
    with pytest.raises(ValidationError, match="不是案例库导出包"):
        CaseLibraryService(any_db).import_package(admin, bad)
