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


def read_package(path: str | Path) -> tuple[str, list[PackagedCase]]:
    """(source office, cases) of a package; PackageProblem when it is not one this version reads."""
    try:
        with zipfile.ZipFile(path) as z:
            manifest = json.loads(z.read(MANIFEST).decode("utf-8"))
            if manifest.get("format") != FORMAT:
                raise PackageProblem("该文件不是案例库导出包。")
            if int(manifest.get("version", 0)) > VERSION:
                raise PackageProblem(f"案例包格式版本为{manifest.get('version')}，"
                                     f"本程序只能读取版本{VERSION}，请升级后再导入。")
            source = str(manifest.get("source") or "").strip()
            if not source:
                raise PackageProblem("案例包未注明来源机关。")
            cases = []
            for e in manifest.get("cases", []):
                pdf = z.read(e["pdf_file"]) if e.get("pdf_file") else None
                cases.append(PackagedCase(
                    str(e["uid"]), str(e.get("source") or source), str(e["title"]), str(e.get("summary", "")),
                    str(e.get("legal_points", "")), str(e.get("tags", "")), str(e.get("articles", "")),
                    str(e.get("outcome", "")), int(e["year"]), dict(e.get("texts") or {}), pdf))
            return source, cases
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError, TypeError, ValueError) as e:
        if isinstance(e, PackageProblem):
            raise
        raise PackageProblem(f"无法读取案例包：{e}") from e
