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
from app.services.ledger.ledger_plan import LedgerOptions
from app.services.settings_service import load_settings
from app.services.uow import Database
from app.workflow.ledger_cells import CellError, cell_text
from app.workflow.ledger_row import RowError
from app.workflow.ledger_keywords import outcome_from_text
from app.workflow.ledger_values import (
    BY_NAME, MAPPABLE, NO_OUTCOME, PER_ROW, choices, place, suggest_applicant_type,
)
from app.workflow.vocabulary import Role

_SAMPLES = 3
OFFERED_DEFAULTS = ("申请人类型", "办理结果", "申请方式")   # missing columns the window offers to fill


@dataclass(frozen=True)
class ValueToMap:
    column: str
    raw: str
    rows: int
    example: str                 # the first row's applicant, to judge by
    suggestion: str              # "" when there is none
    choices: tuple[str, ...]


@dataclass(frozen=True)
class RowChoice:
    """One row whose value the clerk decides (逐行选择, or a reply read by key words to review)."""

    row: int
    number: str
    applicant: str
    column: str
    raw: str                     # the ledger's words (the reply, or the value set to 逐行选择)
    guess: str                   # what the key words read, or "" (the clerk must choose)
    chosen: str                  # the clerk's choice so far, else the guess
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
    notes: tuple[str, ...] = ()
    per_row: tuple[RowChoice, ...] = ()
    missing: tuple[str, ...] = ()           # columns the ledger lacks that a default may fill


def analyse(db: Database, path: str | Path, opts: LedgerOptions, progress=None) -> LedgerAnalysis:
    """Read the ledger once with ``opts``: columns (with samples), values still unplaced, rows to decide."""
    try:
        sheet = open_ledger(path, opts.sheet, opts.columns, opts.defaults)
    except Exception as e:  # noqa: BLE001 - the message is the reader's own (or the file's type)
        err = getattr(e, "error", None) or RowError(0, "", str(e) if isinstance(e, ValueError) else
                                                    f"无法读取台账文件：{e.__class__.__name__}")
        return LedgerAnalysis((), "", "", (), (), (err,), 0)
    with db.read() as uow:
        nr = load_settings(uow.session).not_responsible_outcome
    seen = _Seen(opts, nr, sheet.keyword_outcome)
    samples: dict[int, list[str]] = {c.index: [] for c in sheet.columns}
    n = 0
    for row_no, values, cells in sheet.rows(raw=True):
        n += 1
        for index, v in cells.items():
            if index in samples and v not in (None, "") and len(samples[index]) < _SAMPLES:
                samples[index].append(str(v))
        seen.row(row_no, values)
        if progress and n % 2000 == 0:
            progress(row_no, sheet.total_rows)
    cols = tuple(SourceColumn(c.index, c.header, c.target, tuple(samples.get(c.index, ())), c.key)
                 for c in sheet.columns)
    missing = tuple(c for c in OFFERED_DEFAULTS if c not in sheet.carried)
    return LedgerAnalysis(sheet.sheets, sheet.sheet, sheet.where, cols, seen.values(),
                          tuple(sheet.header_errors) + tuple(sheet.read_errors), n, sheet.notes,
                          tuple(seen.per_row), missing)


class _Seen:
    """Collects, row by row, the values that need mapping and the rows the clerk decides one by one."""

    def __init__(self, opts: LedgerOptions, nr: str, keywords: bool):
        self.opts, self.nr, self.keywords = opts, nr, keywords
        self.counts: Counter = Counter()
        self.names: dict[tuple[str, str], list[str]] = {}
        self.per_row: list[RowChoice] = []

    def row(self, row_no: int, values: dict) -> None:
        name = str(values.get("申请人") or "")
        number = _text("申请编号", values.get("申请编号"))
        for col in MAPPABLE:
            multiline = col == "办理结果" and self.keywords
            cell = _text(col, values.get(col), multiline)
            raw = cell or self.opts.defaults.get(col, "")
            if not raw:
                continue
            if multiline and cell:
                guess = outcome_from_text(cell, self.nr)
                self._choose(row_no, number, name, col, cell, guess.label if guess else "")
                continue
            mapped = self.opts.values.get((col, raw))
            if raw == PER_ROW or mapped == PER_ROW:
                self._choose(row_no, number, name, col, raw, "")
            # unplaced values, and those placed only by the clerk's mapping (shown again to review)
            if cell and (place(col, cell, None, self.nr).value is None or mapped is not None):
                self.counts[(col, cell)] += 1
                self.names.setdefault((col, cell), []).append(name)

    def _choose(self, row_no, number, name, col, raw, guess) -> None:
        chosen = self.opts.row_values.get((row_no, col)) or guess
        options = choices(col)[:-1] if col == "申请人类型" else choices(col)
        if col == "办理结果":
            options = (NO_OUTCOME, *options)
        self.per_row.append(RowChoice(row_no, number, name, col, raw, guess, chosen, options))

    def values(self) -> tuple[ValueToMap, ...]:
        return tuple(ValueToMap(col, raw, k, self.names[(col, raw)][0],
                                self.opts.values.get((col, raw)) or _suggest(col, self.names[(col, raw)]),
                                value_choices(col))
                     for (col, raw), k in sorted(self.counts.items(),
                                                 key=lambda p: (MAPPABLE.index(p[0][0]), -p[1])))


def _text(column: str, value, multiline: bool = False) -> str:
    try:
        return cell_text(column, value, multiline)
    except CellError:
        return ""


def value_choices(column: str) -> tuple[str, ...]:
    """What a ledger value may be mapped to in the window: the column's values, or 逐行选择."""
    return choices(column) + (PER_ROW,)


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
                         {(c, raw): v for c, raw, v in body.get("values", [])}, False, name,
                         dict(body.get("defaults", {})))


def save_mapping(db: Database, actor: Actor, name: str, opts: LedgerOptions) -> None:
    """Save (or replace) the mapping under ``name``; only clerks and administrators import."""
    name = name.strip()
    if actor.role not in (Role.CLERK, Role.ADMIN):
        raise ValidationError("只有登记员和管理员可以保存台账映射。")
    if not name or len(name) > 60:
        raise ValidationError("请为映射起一个名称（不超过60个字），例如“某系统导出台账”。", "name")
    body = json.dumps({"sheet": opts.sheet, "columns": opts.columns, "defaults": opts.defaults,
                       "values": [[c, raw, v] for (c, raw), v in opts.values.items()]}, ensure_ascii=False)
    with db.uow() as uow:
        row = uow.session.get(LedgerMappingRow, name)
        if row is None:
            uow.session.add(LedgerMappingRow(name=name, body=body, saved_at=datetime.now(), saved_by=actor.username))
        else:
            row.body, row.saved_at, row.saved_by = body, datetime.now(), actor.username
        uow.commit()

