"""案例库 packages: a .zip with ``cases.json`` (format name, version, source office) and one PDF per case."""

from __future__ import annotations

import json
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

from app.exports.atomic import atomic_path

FORMAT = "disclosure-desk-case-library"
VERSION = 1
MANIFEST = "cases.json"


@dataclass(frozen=True)
class PackagedCase:
    """One case as it travels between offices (anonymised only)."""

    uid: str
    source: str
    title: str
    summary: str
    legal_points: str
    tags: str
    articles: str
    outcome: str
    year: int
    texts: dict
    pdf: bytes | None = None


class PackageProblem(ValueError):
    """The file is not a case package this version can read; the message says why, in Chinese."""


def write_package(source: str, exported_on: str, cases: list[PackagedCase], path: str | Path) -> Path:
    """Write the package atomically (temp file in the target folder, then replace)."""
    path = Path(path)
    entries = []
    for c in cases:
        d = asdict(c)
        d.pop("pdf")
        d["pdf_file"] = f"pdf/{c.uid}.pdf" if c.pdf else ""
        entries.append(d)
    manifest = {"format": FORMAT, "version": VERSION, "source": source, "exported_on": exported_on,
                "cases": entries}
    with atomic_path(path) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        for c in cases:
            if c.pdf:
                z.writestr(f"pdf/{c.uid}.pdf", c.pdf)
    return path


# Limits a genuine package stays far below (a case's letter is a few hundred KB; a library a few MB).
MAX_ARCHIVE = 200 * 1024 * 1024
MAX_MANIFEST = 20 * 1024 * 1024
MAX_PDF = 20 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_RATIO = 100                     # uncompressed / compressed: a higher one is a zip bomb
_TEXT_LIMITS = {"uid": 64, "title": 200, "tags": 500, "articles": 500, "outcome": 100}


def read_package(path: str | Path) -> tuple[str, list[PackagedCase]]:
    """(source office, cases) of a package; PackageProblem when it is not one this version reads.

    Sizes are checked before anything is decompressed; the version must be exactly one this program
    knows; the source is the package's (a case cannot claim another); every PDF must be a PDF.
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_ARCHIVE:
            raise PackageProblem(f"案例包超过{MAX_ARCHIVE // 2**20}MB，不是正常的案例包，未导入。")
        with zipfile.ZipFile(path) as z:
            _check_members(z)
            manifest = json.loads(z.read(MANIFEST).decode("utf-8"))
            source = _check_manifest(manifest)
            cases = [_case(z, e, source, i) for i, e in enumerate(manifest["cases"], start=1)]
            return source, cases
    except PackageProblem:
        raise
    except OSError as e:
        raise PackageProblem(f"无法读取案例包：{e.strerror or e}") from e
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError, UnicodeDecodeError, TypeError, ValueError,
            AttributeError, RecursionError) as e:
        raise PackageProblem(f"案例包内容不完整或格式不对，未导入（{e.__class__.__name__}）。") from e


def _check_members(z: zipfile.ZipFile) -> None:
    infos = z.infolist()
    if len(infos) > MAX_MEMBERS:
        raise PackageProblem(f"案例包内文件过多（{len(infos)}个），未导入。")
    names = {i.filename for i in infos}
    if MANIFEST not in names:
        raise PackageProblem("该文件不是案例库导出包（缺少 cases.json）。")
    for i in infos:
        limit = MAX_MANIFEST if i.filename == MANIFEST else MAX_PDF
        if i.file_size > limit:
            raise PackageProblem(f"案例包中的“{i.filename}”超过{limit // 2**20}MB，未导入。")
        if i.file_size > MAX_RATIO * max(i.compress_size, 1) and i.file_size > 1024 * 1024:
            raise PackageProblem(f"案例包中的“{i.filename}”压缩比异常（疑似压缩炸弹），未导入。")


def _check_manifest(manifest) -> str:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackageProblem("该文件不是案例库导出包。")
    version = manifest.get("version")
    if type(version) is not int or version != VERSION:
        shown = "未注明" if version is None else str(version)
        raise PackageProblem(f"案例包格式版本为“{shown}”，本程序只能读取版本{VERSION}，未导入。")
    source = manifest.get("source")
    if not isinstance(source, str) or not source.strip() or len(source.strip()) > 200 or _bad_text(source):
        raise PackageProblem("案例包未注明来源机关，或来源机关名称无效。")
    if not isinstance(manifest.get("cases"), list):
        raise PackageProblem("案例包中没有案例列表。")
    return source.strip()


def _bad_text(value: str) -> bool:
    return any((ord(ch) < 32 and ch not in "\n\t") or 0x200B <= ord(ch) <= 0x200F or 0x202A <= ord(ch) <= 0x202E
               for ch in value)


def _text(e: dict, key: str, n: int) -> str:
    value = e.get(key, "")
    if not isinstance(value, str) or _bad_text(value):
        raise PackageProblem(f"案例包第{n}件的“{key}”不是有效文本，未导入。")
    limit = _TEXT_LIMITS.get(key)
    if limit and len(value) > limit:
        raise PackageProblem(f"案例包第{n}件的“{key}”超过{limit}字，未导入。")
    return value


def _case(z: zipfile.ZipFile, e, source: str, n: int) -> PackagedCase:
    if not isinstance(e, dict):
        raise PackageProblem(f"案例包第{n}件格式不对，未导入。")
    claimed = e.get("source")
    if claimed not in (None, "", source):
        raise PackageProblem(f"案例包第{n}件声称来自“{claimed}”，与包的来源机关“{source}”不一致，未导入。")
    uid, title = _text(e, "uid", n).strip(), _text(e, "title", n)
    if not uid or not title.strip():
        raise PackageProblem(f"案例包第{n}件缺少编号或标题，未导入。")
    year = e.get("year")
    if type(year) is not int or not 2008 <= year <= 2100:
        raise PackageProblem(f"案例包第{n}件的年份无效，未导入。")
    texts = e.get("texts") or {}
    if not isinstance(texts, dict) or any(not isinstance(k, str) or not isinstance(v, str) or _bad_text(v)
                                          for k, v in texts.items()):
        raise PackageProblem(f"案例包第{n}件的文书内容格式不对，未导入。")
    pdf = None
    if e.get("pdf_file"):
        pdf = z.read(str(e["pdf_file"]))
        problem = pdf_problem(pdf)
        if problem:
            raise PackageProblem(f"案例包第{n}件（{title}）的答复书{problem}，未导入。")
    return PackagedCase(uid, source, title, _text(e, "summary", n), _text(e, "legal_points", n),
                        _text(e, "tags", n), _text(e, "articles", n), _text(e, "outcome", n), year, texts, pdf)


def pdf_problem(data: bytes) -> str:
    """Why ``data`` is not a PDF (an HTML page or an executable renamed .pdf), or ""."""
    if not data.startswith(b"%PDF-1.") and not data.startswith(b"%PDF-2."):
        return "不是PDF文件（文件头不对）"
    tail = data[-2048:]
    if b"%%EOF" not in tail or b"startxref" not in tail:
        return "不是完整的PDF文件（缺少文件尾）"
    if b"/Page" not in data:
        return "不是有效的PDF文件（没有页面）"
    lowered = data[:4096].lower()
    if b"<html" in lowered or b"<script" in lowered:
        return "含有网页内容，不是PDF文件"
    return ""
