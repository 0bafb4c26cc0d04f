"""The import window's mapping step: the ledger's columns with suggested targets, the distinct values
that need mapping (with suggestions), and mappings saved under a name for the next import."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from app.errors import ValidationError
from app.exports.ledger_sheet import SourceColumn, open_ledger
from app.models import LedgerMappingRow
from app.services.dto import Actor
from app.services.ledger_plan import LedgerOptions
from app.services.settings_service import load_settings
from app.services.uow import Database
from app.workflow.ledger_cells import CellError, cell_text
from app.workflow.ledger_row import RowError
from app.workflow.ledger_values import BY_NAME, MAPPABLE, choices, place, suggest_applicant_type
from app.workflow.vocabulary import Role

_SAMPLES = 3


@dataclass(frozen=True)
class ValueToMap:
    column: str
    raw: str
    rows: int
    example: str                 # the first row's applicant, to judge by
    suggestion: str              # "" when there is none
    choices: tuple[str, ...]


@dataclass(frozen=True)
class LedgerAnalysis:
    sheets: tuple[str, ...]
    sheet: str
    where: str
    columns: tuple[SourceColumn, ...]
    values: tuple[ValueToMap, ...]
    errors: tuple[RowError, ...]
    rows: int


def analyse(db: Database, path: str | Path, opts: LedgerOptions, progress=None) -> LedgerAnalysis:
    """Read the ledger once with ``opts``: columns (with samples) and the values still unplaced."""
    try:
        sheet = open_ledger(path, opts.sheet, opts.columns)
        sheets = sheet.sheets
    except Exception as e:  # noqa: BLE001 - the message is the reader's own (or the file's type)
        return LedgerAnalysis((), "", "", (), (), (RowError(0, "", str(e) if isinstance(e, ValueError) else
                                                           f"无法读取台账文件：{e.__class__.__name__}"),), 0)
    with db.read() as uow:
        nr = load_settings(uow.session).not_responsible_outcome
    samples: dict[int, list[str]] = {c.index: [] for c in sheet.columns}
    by_target = {c.target: c.index for c in sheet.columns if c.target}
    counts: Counter = Counter()
    names: dict[tuple[str, str], list[str]] = {}
    n = 0
    for row_no, values in sheet.rows():
        n += 1
        for target, index in by_target.items():
            v = values.get(target)
            if v not in (None, "") and len(samples[index]) < _SAMPLES:
                samples[index].append(str(v))
        name = str(values.get("申请人") or "")
        for col in MAPPABLE:
            try:
                raw = cell_text(col, values.get(col))
            except CellError:
                continue
            # unplaced values, and those placed only by the clerk's mapping (shown again to review)
            if raw and (place(col, raw, None, nr).value is None or (col, raw) in opts.values):
                counts[(col, raw)] += 1
                names.setdefault((col, raw), []).append(name)
        if progress and n % 2000 == 0:
            progress(row_no, sheet.total_rows)
    cols = tuple(SourceColumn(c.index, c.header, c.target, tuple(samples.get(c.index, ())))
                 for c in sheet.columns)
    todo = tuple(ValueToMap(col, raw, k, names[(col, raw)][0],
                            opts.values.get((col, raw)) or _suggest(col, names[(col, raw)]), choices(col))
                 for (col, raw), k in sorted(counts.items(), key=lambda p: (MAPPABLE.index(p[0][0]), -p[1])))
    return LedgerAnalysis(sheets, sheet.sheet, sheet.where, cols, todo,
                          tuple(sheet.header_errors) + tuple(sheet.read_errors), n)


def _suggest(column: str, names: list[str]) -> str:
    """For 申请人类型: what most of the applicants' names suggest (…有限公司 → 商业企业)."""
    if column != "申请人类型":
        return ""
    guesses = {suggest_applicant_type(n) for n in names}
    if len(guesses) == 1 and "" not in guesses:
        return guesses.pop()
    return BY_NAME if guesses - {""} else ""


# -- saved mappings ----------------------------------------------------------------------------
def mapping_names(db: Database) -> list[str]:
    with db.read() as uow:
        return list(uow.session.scalars(select(LedgerMappingRow.name).order_by(LedgerMappingRow.saved_at.desc())))


def load_mapping(db: Database, name: str) -> LedgerOptions:
    with db.read() as uow:
        row = uow.session.get(LedgerMappingRow, name)
        if row is None:
            raise ValidationError(f"没有名为“{name}”的台账映射。", "name")
        body = json.loads(row.body)
    return LedgerOptions(body.get("sheet"), dict(body.get("columns", {})),
                         {(c, raw): v for c, raw, v in body.get("values", [])}, False, name)


def save_mapping(db: Database, actor: Actor, name: str, opts: LedgerOptions) -> None:
    """Save (or replace) the mapping under ``name``; only clerks and administrators import."""
    name = name.strip()
    if actor.role not in (Role.CLERK, Role.ADMIN):
        raise ValidationError("只有登记员和管理员可以保存台账映射。")
    if not name or len(name) > 60:
        raise ValidationError("请为映射起一个名称（不超过60个字），例如“某系统导出台账”。", "name")
    body = json.dumps({"sheet": opts.sheet, "columns": opts.columns,
                       "values": [[c, raw, v] for (c, raw), v in opts.values.items()]}, ensure_ascii=False)
    with db.uow() as uow:
        row = uow.session.get(LedgerMappingRow, name)
        if row is None:
            uow.session.add(LedgerMappingRow(name=name, body=body, saved_at=datetime.now(), saved_by=actor.username))
        else:
            row.body, row.saved_at, row.saved_by = body, datetime.now(), actor.username
        uow.commit()

