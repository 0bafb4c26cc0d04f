"""Reading a ledger and planning its import: which rows add a case, which change one (field by
field), which are refused, which change nothing. Nothing here writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.exports.ledger_sheet import LedgerSheet, open_ledger
from app.models import AnnualReport, Request
from app.services.ledger.ledger_export import stored_rows
from app.workflow.ledger_cells import CellError, cell_text
from app.workflow.ledger_diff import FieldChange, Refusal, diff
from app.workflow.ledger_row import LedgerRow, RowError, RowRules, parse_row

Progress = Callable[[int, int], None]
_CHUNK = 2000


@dataclass(frozen=True)
class LedgerOptions:
    """What the clerk told the importer: sheet, 原列名 → 列名, (列名, 原值) → 值, dry run, a name;
    列名 → a value for rows where that column is missing or blank; (行号, 列名) → one row's value."""

    sheet: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    values: dict[tuple[str, str], str] = field(default_factory=dict)
    dry_run: bool = False
    mapping_name: str = ""
    defaults: dict[str, str] = field(default_factory=dict)
    row_values: dict[tuple[int, str], str] = field(default_factory=dict)

    def rules(self, sheet: LedgerSheet) -> RowRules:
        return RowRules(dict(self.defaults), dict(self.row_values), sheet.keyword_outcome)


@dataclass(frozen=True)
class RowUpdate:
    row: LedgerRow
    request_id: int
    version: int
    changes: tuple[FieldChange, ...]


@dataclass
class ImportPlan:
    sheet: LedgerSheet | None = None
    errors: list[RowError] = field(default_factory=list)
    adds: list[LedgerRow] = field(default_factory=list)
    updates: list[RowUpdate] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    unchanged: int = 0


def read_rows(path: str | Path, opts: LedgerOptions, today: date, not_responsible: str,
              progress: Progress | None = None) -> ImportPlan:
    """Find the header and parse every row; row-level errors, duplicates keyed on the stored text."""
    plan = ImportPlan()
    try:
        sheet = open_ledger(path, opts.sheet, opts.columns, opts.defaults)
    except ValueError as e:
        plan.errors.append(getattr(e, "error", None) or RowError(0, "", str(e)))
        return plan
    plan.sheet = sheet
    if sheet.header_errors:
        sheet.close()
        plan.errors.extend(sheet.header_errors)
        return plan
    first_seen: dict[str, int] = {}
    rows: list[LedgerRow] = []
    rules = opts.rules(sheet)
    for n, values in sheet.rows():
        row, errs = parse_row(n, values, today, opts.values, not_responsible, rules)
        try:
            number = cell_text("申请编号", values.get("申请编号"))
        except CellError:
            number = ""
        if number in first_seen:
            errs.append(RowError(n, "申请编号", f"“{number}”与第{first_seen[number]}行重复"))
        elif number:
            first_seen[number] = n
        plan.errors.extend(errs)
        if row is not None and not errs:
            rows.append(row)
        if progress and n % 2000 == 0:
            progress(n, sheet.total_rows * 2)
    plan.errors.extend(sheet.read_errors)
    plan.adds = rows
    return plan


def plan_changes(s: Session, plan: ImportPlan, today: date) -> ImportPlan:
    """Split the parsed rows into adds, updates, refusals and unchanged rows against the database."""
    rows, plan.adds = plan.adds, []
    locked = set(s.scalars(select(AnnualReport.year).where(AnnualReport.locked)))
    stored: dict[str, dict] = {}
    numbers = [r.number for r in rows]
    for start in range(0, len(numbers), _CHUNK):
        chunk = numbers[start:start + _CHUNK]
        present = s.scalars(select(Request.number).where(Request.number.in_(chunk))).all()
        if present:
            for st in stored_rows(s, [Request.number.in_(present)], today, with_due=False):
                stored[st["申请编号"]] = st
    for r in rows:
        st = stored.get(r.number)
        if st is None:
            if r.receipt.year in locked:
                plan.refusals.append(Refusal(r.row, r.number, "", f"收到日期在{r.receipt.year}年，该年度报告已锁定，"
                                                                  "导入新申请会改变已锁定的数字；如确需导入，请先解锁该年度报告"))
            else:
                plan.adds.append(r)
            continue
        reply = st.get("答复日期")
        changes, refusals = diff(r, st, locked=bool(reply and reply.year in locked))
        plan.refusals.extend(refusals)
        if changes:
            plan.updates.append(RowUpdate(r, st["_id"], st["_version"], tuple(changes)))
        elif not any(x.column == "" for x in refusals):
            plan.unchanged += 1
    return plan
