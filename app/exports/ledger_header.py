"""A 台账 header row resolved: each column's target, columns that combine, duplicates refused, notes."""

from __future__ import annotations

from dataclasses import dataclass

from app.workflow.ledger_columns import (
    COMBINABLE, ORG_NAME_HEADERS, PERSON_NAME_HEADERS, REQUIRED, clean_header, column_key, match_header,
    overridden,
)
from app.workflow.ledger_row import RowError


@dataclass(frozen=True)
class SourceColumn:
    """One header cell: its position, its text, the column it maps to (None = ignored), and samples.

    ``key`` is how the clerk names it (``联系电话#2`` for the second column of that name)."""

    index: int
    header: str
    target: str | None
    samples: tuple[str, ...] = ()
    key: str = ""


def occurrences(header: dict[int, str]) -> dict[int, int]:
    """Which occurrence of its (cleaned) name each column is: 1, or 2 for the second 联系电话 …"""
    seen: dict[str, int] = {}
    out = {}
    for i in sorted(header):
        k = clean_header(header[i])
        seen[k] = seen.get(k, 0) + 1
        out[i] = seen[k]
    return out


def match_row(header: dict[int, str], columns) -> tuple[list[tuple[int, str]], set[int]]:
    """[(index, target)] for the header cells that map, and the indexes the clerk named explicitly."""
    occ = occurrences(header)
    matched, explicit = [], set()
    for i, h in header.items():
        target, exact = match_header(h, columns, occ[i])
        if target:
            matched.append((i, target))
            if exact and _named(h, occ[i], columns):
                explicit.add(i)
    return matched, explicit


def _named(h: str, occurrence: int, columns) -> bool:
    return overridden(h, occurrence, columns) is not None


def _kind(header: str) -> str:
    key = clean_header(header)
    if key in {clean_header(h) for h in PERSON_NAME_HEADERS}:
        return "person"
    if key in {clean_header(h) for h in ORG_NAME_HEADERS}:
        return "organisation"
    return ""


def name_kind(header: str) -> str:
    """"person" for 姓名-like headers, "organisation" for 名称-like ones, else ""."""
    return _kind(header)


def _combines(target: str, idxs: list[int], header: dict[int, str], explicit: set[int]) -> bool:
    if target not in COMBINABLE:
        return False
    if all(i in explicit for i in idxs):
        return True
    if target == "申请人":        # a person column and an organisation column: SiteServer's shape
        kinds = sorted(_kind(header[i]) for i in idxs)
        return kinds == ["organisation", "person"]
    return len({clean_header(header[i]) for i in idxs}) == 1    # 联系电话 ×2: a person's and an organisation's


def resolve(row_no: int, header: dict[int, str], matched, explicit: set[int], defaults=()):
    """(columns, errors, notes): two cells naming one column combine, or the exact name wins, else refuse."""
    by_target: dict[str, list[int]] = {}
    for i, t in matched:
        by_target.setdefault(t, []).append(i)
    targets = dict(matched)
    errors, notes = [], []
    for t, idxs in by_target.items():
        if len(idxs) == 1:
            continue
        letters = "、".join(f"“{header[i]}”（第{i}列）" for i in idxs)
        exact = [i for i in idxs if clean_header(header[i]) == clean_header(t)]
        if _combines(t, idxs, header, explicit):
            notes.append(f"{letters}都对应“{t}”：每行取其中第一个非空的值")
        elif len(exact) == 1:
            for i in idxs:
                if i != exact[0]:
                    targets[i] = None
                    notes.append(f"“{header[i]}”列未使用：表头已有“{t}”列")
        else:
            errors.append(RowError(row_no, t, f"表头有重复的列：{letters}都对应“{t}”。请删除多余的一列，",
                                   cli="或用 --column 原列名=忽略 指明不用哪一列",
                                   window="或在“① 列对应”中把不用的一列改为“忽略”"))
    occ = occurrences(header)
    repeated = {clean_header(header[i]) for i in header if occ[i] > 1}
    cols = tuple(SourceColumn(i, header[i], targets.get(i),
                              key=column_key(header[i], occ[i], clean_header(header[i]) in repeated))
                 for i in sorted(header))
    carried = {c.target for c in cols if c.target}
    missing = [c for c in REQUIRED if c not in carried and c not in defaults]
    errors += [RowError(row_no, c, "表头缺少此列（必填列：" + "、".join(REQUIRED) + "）；如台账用别的列名，",
                        cli=f"请用 --column 原列名={c} 指明" + _content_hint(c),
                        window=f"请在“① 列对应”中把那一列对应为“{c}”" + _default_hint(c))
               for c in missing]
    return cols, errors, notes


def _content_hint(column: str) -> str:
    return ("；台账没有申请内容的列时不能导入：申请内容是办理、答复和年度报告的依据，请先在台账中补上这一列"
            if column == "申请内容" else "")


def _default_hint(column: str) -> str:
    if column == "申请人类型":
        return "，或在“缺少的列”中为所有行指定申请人类型（或按名称判断）"
    return _content_hint(column)
