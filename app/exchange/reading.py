"""Reading a delivery of exchange files: each checked against its manifest, the format, the schema and itself."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from app.exchange.documents import report_from
from app.exchange.format import (
    ANNUAL, FORMAT, MANIFEST, MAX_FILE_BYTES, MONTHLY, VERSION, ExchangeProblem, Period, content_digest,
)
from app.exchange.manifest import check_listed, is_manifest_name
from app.exchange.monthly import MonthlyFigures, check_monthly
from app.exchange.schema import schema_problems
from app.workflow.annual_counts import check_table3, check_table4


@dataclass(frozen=True)
class Incoming:
    """One data file that passed every check."""

    file: str
    document: dict
    digest: str                 # content_digest: what the file says, without its export time

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.document["agency"]["code"], self.document["kind"], Period.from_json(self.document["period"]).key)


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ExchangeProblem(path.name, f"超过{MAX_FILE_BYTES // 2**20}MB，不是正常的数据交换文件。")
        return path.read_bytes()
    except OSError as e:
        raise ExchangeProblem(str(path), f"无法读取：{e.strerror or e}。") from e


def parse(file: str, data: bytes) -> dict:
    """The document in ``data``: format, version and schema checked, in that order."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise ExchangeProblem(file, "不是UTF-8编码的文本，不是数据交换文件。") from e
    except json.JSONDecodeError as e:
        raise ExchangeProblem(file, f"不是完整的JSON（第{e.lineno}行第{e.colno}列出错）：文件可能被截断或损坏。") from e
    except RecursionError as e:
        raise ExchangeProblem(file, "嵌套层次过深，不是数据交换文件。") from e
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ExchangeProblem(file, f"不是依申请公开数据交换文件（format 应为“{FORMAT}”）。")
    if type(doc.get("version")) is not int or doc["version"] != VERSION:
        shown = "未注明" if doc.get("version") is None else str(doc.get("version"))
        raise ExchangeProblem(file, f"的格式版本为“{shown}”，本程序只能读取版本{VERSION}。")
    problems = schema_problems(doc)
    if problems:
        raise ExchangeProblem(file, "不符合交换格式（docs/exchange-v1.schema.json）：" + "；".join(problems) + "。")
    return doc


def _consistent(file: str, doc: dict) -> None:
    """Figures that contradict each other: a file edited by hand after export."""
    if doc["kind"] == ANNUAL:
        report = report_from(doc)
        broken = [f for f in check_table3(report.table3) + check_table4(report.table4) if f.blocking]
        if broken:
            raise ExchangeProblem(file, "中的数字不能自洽：" + "；".join(str(f) for f in broken[:3]) + "。")
    elif doc["kind"] == MONTHLY:
        broken = check_monthly(MonthlyFigures.from_json(doc["data"]))
        if broken:
            raise ExchangeProblem(file, "中的月度统计不能自洽：" + "；".join(broken) + "。")


def _expand(paths: Iterable[Path]) -> tuple[list[Path], list[Path], list[Path], list[str]]:
    """(data files, manifests given, every manifest, problems). A folder gives its .json files; a manifest
    given stands for the files it lists; the manifests beside a data file are found to check it."""
    data, given, problems = [], [], []
    for p in paths:
        if p.is_dir():
            found = sorted(f for f in p.glob("*.json") if not f.name.startswith("."))
            if not found:
                problems.append(f"文件夹“{p}”中没有数据交换文件（.json）。")
        elif p.is_file():
            found = [p]
        else:
            problems.append(f"文件或文件夹“{p}”不存在。")
            continue
        for f in found:
            (given if is_manifest_name(f.name) else data).append(f)
    beside = [m for f in data for m in sorted(f.parent.glob(f"*_{MANIFEST}_*.json"))]
    return list(dict.fromkeys(data)), list(dict.fromkeys(given)), list(dict.fromkeys(given + beside)), problems


def _listings(manifests: list[Path], problems: list[str]) -> dict[Path, dict]:
    """Each valid manifest's entries, by the path of the file they describe."""
    listed: dict[Path, dict] = {}
    for m in manifests:
        try:
            doc = parse(m.name, _read(m))
            if doc["kind"] != MANIFEST:
                raise ExchangeProblem(m.name, "的名称是清单，内容却不是清单。")
        except ExchangeProblem as e:
            problems.append(str(e))
            continue
        for entry in doc["files"]:
            listed[(m.parent / entry["name"]).resolve()] = {**entry, "manifest": m.name, "manifest_path": m,
                                                            "agency": doc["agency"]}
    return listed


def read_delivery(paths: Iterable[Path]) -> tuple[list[Incoming], list[str]]:
    """The files that pass, and a sentence for each that does not (a caller imports nothing then)."""
    data, given, manifests, problems = _expand(Path(p) for p in paths)
    listed = _listings(manifests, problems)
    named = {p.resolve() for p in data}
    for where, entry in listed.items():           # a manifest given brings the files it lists
        if entry["manifest_path"] in given and where not in named:
            if where.is_file():
                data.append(where)
                named.add(where)
            else:
                problems.append(f"清单“{entry['manifest']}”列出的文件“{where.name}”不存在：交付不完整。")
    out: list[Incoming] = []
    for path in data:
        try:
            out.append(_incoming(path, listed.get(path.resolve())))
        except ExchangeProblem as e:
            problems.append(str(e))
    return out, problems + _clashes(out)


def _incoming(path: Path, entry: dict | None) -> Incoming:
    if entry is None:
        raise ExchangeProblem(path.name, "没有列在同一文件夹的清单（*_manifest_*.json）中，无法核对完整性：请连同清单一起导入。")
    raw = _read(path)
    check_listed(path.name, raw, entry)
    doc = parse(path.name, raw)
    if doc["kind"] == MANIFEST:
        raise ExchangeProblem(path.name, "是清单，不是数据文件。")
    if doc["agency"]["code"] != entry["agency"]["code"]:
        raise ExchangeProblem(path.name, f"注明的机关代码“{doc['agency']['code']}”与清单的“{entry['agency']['code']}”不一致。")
    _consistent(path.name, doc)
    return Incoming(path.name, doc, content_digest(doc))


def _clashes(items: list[Incoming]) -> list[str]:
    seen: dict[tuple, Incoming] = {}
    out = []
    for item in items:
        other = seen.setdefault(item.key, item)
        if other is not item and other.digest != item.digest:
            out.append(f"文件“{other.file}”和“{item.file}”是同一机关同一期间的同类数据，内容却不同：请只导入其中一个。")
    return out
