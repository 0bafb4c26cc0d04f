"""Crafted 案例库 packages are refused in Chinese on both databases, nothing stored (issue 21 item 4)."""

import json
import zipfile

import pytest
from sqlalchemy import func, select

from app.errors import ValidationError
from app.models import LibraryCase
from app.services.library.case_library_service import CaseLibraryService

OTHER = "某某市住房和城乡建设局"


def _pdf(body: bytes = b"") -> bytes:
    """A minimal well-formed one-page PDF."""
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
            b"endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n" + body +
            b"xref\n0 4\ntrailer<</Root 1 0 R/Size 4>>\nstartxref\n9\n%%EOF\n")


def _case(**over) -> dict:
    case = {"uid": "a" * 32, "source": OTHER, "title": "小区规划许可证附图部分公开", "summary": "申请人甲申请公开某小区规划许可证附图。",
            "legal_points": "第三十七条", "tags": "规划许可", "articles": "第三十七条", "outcome": "部分公开",
            "year": 2025, "texts": {"正文": "经查，…"}, "pdf_file": "pdf/a.pdf"}
    case.update(over)
    return case


def _package(path, cases=None, pdf=None, **manifest_over):
    manifest = {"format": "disclosure-desk-case-library", "version": 1, "source": OTHER,
                "exported_on": "2026-12-01", "cases": cases if cases is not None else [_case()]}
    manifest.update(manifest_over)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("cases.json", json.dumps(manifest, ensure_ascii=False))
        z.writestr("pdf/a.pdf", _pdf() if pdf is None else pdf)
    return path


def _held(db) -> int:
    with db.read() as uow:
        return uow.session.scalar(select(func.count(LibraryCase.id)))


def _refused(db, admin, path, match):
    with pytest.raises(ValidationError, match=match):
        CaseLibraryService(db).import_package(admin, path)
    assert _held(db) == 0


def test_a_genuine_package_imports(any_db, admin, tmp_path):
    assert CaseLibraryService(any_db).import_package(admin, _package(tmp_path / "p.zip")) == (OTHER, 1, 0)


@pytest.mark.parametrize("text, kind", [
    ("申请人身份证号110101199003074514", "证件号码"),
    ("联系电话13812345678", "电话"),
    ("邮箱 zhang.san@example.com", "电子邮箱"),
])
def test_personal_data_inside_a_package_is_caught(any_db, admin, tmp_path, text, kind):
    _refused(any_db, admin, _package(tmp_path / "p.zip", [_case(summary=text)]), f"仍含个人信息（{kind}）")


@pytest.mark.parametrize("version", [0, -1, "1.9", 1.9, 2, None, True])
def test_only_known_versions_are_accepted(any_db, admin, tmp_path, version):
    path = _package(tmp_path / "p.zip", version=version)
    if version is None:
        _package(path, version=None)
    _refused(any_db, admin, path, "本程序只能读取版本1")


def test_a_missing_version_is_refused(any_db, admin, tmp_path):
    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("cases.json", json.dumps({"format": "disclosure-desk-case-library", "source": OTHER, "cases": []}))
    _refused(any_db, admin, path, "版本为“未注明”")


@pytest.mark.parametrize("content, why", [
    (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "不是PDF文件"),
    (b"MZ\x90\x00" + b"\x00" * 200, "不是PDF文件"),                    # a Windows executable
    (b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "不是PDF文件"),
    (b"%PDF-1.4\n<html><script>x</script>", "不是完整的PDF文件"),       # a PDF header on an HTML body
])
def test_a_file_that_is_not_a_pdf_does_not_pass_as_one(any_db, admin, tmp_path, content, why):
    _refused(any_db, admin, _package(tmp_path / "p.zip", pdf=content), why)


def test_an_oversized_member_is_refused_before_it_is_read(any_db, admin, tmp_path):
    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("cases.json", json.dumps({"format": "disclosure-desk-case-library", "version": 1,
                                             "source": OTHER, "cases": [_case()]}))
        z.writestr("pdf/a.pdf", b"%PDF-1.4" + b"\0" * (21 * 1024 * 1024))   # 21 MB of zeros: also a bomb
    _refused(any_db, admin, path, "超过20MB|压缩比异常")


def test_a_compression_bomb_is_refused(any_db, admin, tmp_path):
    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        manifest = {"format": "disclosure-desk-case-library", "version": 1, "source": OTHER,
                    "cases": [_case(summary=" " * (8 * 1024 * 1024))]}        # 8 MB that compresses to ~8 KB
        z.writestr("cases.json", json.dumps(manifest, ensure_ascii=False))
    _refused(any_db, admin, path, "压缩比异常")


def test_a_case_cannot_claim_another_source(any_db, admin, tmp_path):
    _refused(any_db, admin, _package(tmp_path / "p.zip", [_case(source="某某市公安局")]),
             "声称来自“某某市公安局”，与包的来源机关")


def test_a_package_claiming_to_come_from_this_office_is_refused(any_db, admin, tmp_path):
    # The test office's own name (configure_test_office) is 某某市自然资源和规划局.
    own = "某某市自然资源和规划局"
    _refused(any_db, admin, _package(tmp_path / "p.zip", [_case(source=own)], source=own),
             "声称来自本机关")


def test_uids_are_per_source_so_a_forged_package_cannot_squat_anothers_case(any_db, admin, tmp_path):
    """A forged package from another office, carrying the genuine case's uid, imported first: the genuine
    case is still imported (it was skipped before, as "already held")."""
    lib = CaseLibraryService(any_db)
    forged = _package(tmp_path / "forged.zip", [_case(title="伪造", source="某某市公安局")], source="某某市公安局")
    assert lib.import_package(admin, forged) == ("某某市公安局", 1, 0)
    genuine = _package(tmp_path / "genuine.zip")
    assert lib.import_package(admin, genuine) == (OTHER, 1, 0)        # not skipped: another source's case
    assert sorted(e.title for e in lib.search()) == ["伪造", "小区规划许可证附图部分公开"]


@pytest.mark.parametrize("over, match", [
    ({"title": "标题\x00含空字符"}, "不是有效文本"),          # PostgreSQL refuses NUL in text: no DataError
    ({"title": "长" * 201}, "超过200字"),
    ({"uid": "u" * 65}, "超过64字"),
    ({"year": "2025"}, "年份无效"),
    ({"texts": ["not", "a", "dict"]}, "文书内容格式不对"),
    ({"title": "\u202e反向标题"}, "不是有效文本"),
])
def test_bad_fields_are_refused_in_chinese_on_both_databases(any_db, admin, tmp_path, over, match):
    _refused(any_db, admin, _package(tmp_path / "p.zip", [_case(**over)]), match)


def test_malformed_json_shapes_never_raise_a_traceback(any_db, admin, tmp_path):
    for i, manifest in enumerate(([], "x", {"format": "disclosure-desk-case-library", "version": 1, "source": OTHER,
                                             "cases": [1, 2]},
                                  {"format": "disclosure-desk-case-library", "version": 1, "source": ["x"], "cases": []},
                                  {"format": "disclosure-desk-case-library", "version": 1, "source": OTHER,
                                   "cases": "many"})):
        path = tmp_path / f"m{i}.zip"
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("cases.json", json.dumps(manifest))
        with pytest.raises(ValidationError):
            CaseLibraryService(any_db).import_package(admin, path)
    assert _held(any_db) == 0
