"""Reading an office's 台账 workbook: find the header in any sheet, map its columns, stream the rows.

Pure file functions, no database. Every row is read inside the error handling: a cut-off sheet or
an invalid XML character becomes a row-level problem, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from openpyxl import load_workbook
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

from app.exports.ledger_header import SourceColumn, match_row, name_kind, resolve
from app.workflow.ledger_cells import ErrorCell, FormulaCell
from app.workflow.ledger_columns import KEYWORDS, REQUIRED
from app.workflow.ledger_row import HELD_BY, RowError

__all__ = ["HEADER_ROWS", "LedgerFileError", "LedgerSheet", "SourceColumn", "open_ledger"]
HEADER_ROWS = 10


class LedgerFileError(ValueError):
    """The file or sheet cannot be used at all; ``error`` says why, in both the CLI's and the window's words."""

    def __init__(self, error: RowError):
        super().__init__(error.message + error.cli)
        self.error = error


class _Parser(WorkSheetParser):
    """openpyxl's own sheet parser, except that a formula without a saved value and an error value are marked."""

    def parse_cell(self, element):
        cell = super().parse_cell(element)
        if cell.get("data_type") == "e" and cell["value"] is not None:
            cell["value"] = ErrorCell(str(cell["value"]))
        if cell["value"] is None and element.find(FORMULA_TAG) is not None:
            formula = element.find(FORMULA_TAG).text or ""
            cell["value"] = FormulaCell("=" + formula)
        return cell


def _filled(v) -> bool:
    return v is not None and not (isinstance(v, str) and not v.strip())


@dataclass
class LedgerSheet:
    """The header found (sheet, row, columns) and the data rows as {column: value} by sheet row."""

    path: Path
    sheet: str
    header_row: int
    columns: tuple[SourceColumn, ...]
    header_errors: tuple[RowError, ...]
    notes: tuple[str, ...]
    total_rows: int
    read_errors: list[RowError] = field(default_factory=list)
    sheets: tuple[str, ...] = ()
    _wb: object = field(default=None, repr=False)

    @property
    def where(self) -> str:
        return f"读取工作表“{self.sheet}”，第{self.header_row}行为表头"

    @property
    def carried(self) -> frozenset[str]:
        return frozenset("办理结果" if c.target == KEYWORDS else c.target for c in self.columns if c.target)

    @property
    def keyword_outcome(self) -> bool:
        """办理结果 is read from a free-text reply by key words."""
        return any(c.target == KEYWORDS for c in self.columns)

    def _groups(self) -> dict[str, list[SourceColumn]]:
        groups: dict[str, list[SourceColumn]] = {}
        for c in self.columns:
            if c.target:
                groups.setdefault("办理结果" if c.target == KEYWORDS else c.target, []).append(c)
        return groups

    def rows(self, raw: bool = False) -> Iterator[tuple]:
        """Data rows below the header: (row, values) or, with ``raw``, (row, values, {index: value}).

        A column filled by several ledger columns takes the first non-blank; 申请人 says which held it."""
        groups = self._groups()
        wanted = {c.index for cols in groups.values() for c in cols}
        last = self.header_row
        wb, self._wb = self._wb, None        # the workbook the header was found in, read once
        try:
            if wb is None:
                wb = load_workbook(self.path, read_only=True, data_only=True)
        except Exception as e:  # noqa: BLE001 - any failure to open is the same message
            self.read_errors.append(RowError(0, "", _unreadable(self.path, e)))
            return
        try:
            for n, cells in _cells(wb[self.sheet]):
                if n <= self.header_row:
                    continue
                last = n
                if not any(_filled(v) for i, v in cells.items() if i in wanted):
                    continue
                values = _combine(groups, cells)
                yield (n, values, cells) if raw else (n, values)
        except Exception as e:  # noqa: BLE001 - a cut-off sheet or invalid XML inside it
            self.read_errors.append(RowError(
                last + 1, "", f"工作表“{self.sheet}”在第{last}行之后无法读取（文件不完整或含有非法字符："
                f"{e.__class__.__name__}）。请在Excel中打开台账，另存为.xlsx后重新导入；已读的行也未写入"))
        finally:
            wb.close()

    def close(self) -> None:
        if self._wb is not None:
            self._wb.close()
            self._wb = None


def _combine(groups: dict[str, list[SourceColumn]], cells: dict[int, object]) -> dict[str, object]:
    values: dict[str, object] = {}
    for target, cols in groups.items():
        held = next((c for c in cols if _filled(cells.get(c.index))), None)
        values[target] = cells.get(held.index) if held else cells.get(cols[0].index)
        if target == "申请人" and len(cols) > 1 and held is not None:
            values[HELD_BY] = name_kind(held.header)
    return values


def _cells(ws) -> Iterator[tuple[int, dict[int, object]]]:
    """(sheet row number, {column number: value}) straight from the sheet XML."""
    wb = ws.parent
    with ws._get_source() as src:
        parser = _Parser(src, ws._shared_strings, data_only=True, epoch=wb.epoch,
                         date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        for n, row in parser.parse():
            yield n, {c["column"]: c["value"] for c in row}


def _unreadable(path, e: Exception) -> str:
    return f"无法读取台账文件“{Path(path).name}”：请确认是Excel（.xlsx）文件。（{e.__class__.__name__}）"


def open_ledger(path: str | Path, sheet: str | None = None, columns: dict[str, str] | None = None,
                defaults=()) -> LedgerSheet:
    """Find the header row (every visible sheet, first 10 rows; or ``sheet``) with the clerk's column
    mapping; ``defaults`` = columns the clerk filled for every row, so not missing.

    Raises LedgerFileError (a ValueError) with a Chinese message when the file or sheet cannot be used."""
    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # noqa: BLE001 - openpyxl raises many kinds for a non-xlsx file
        raise LedgerFileError(RowError(0, "", _unreadable(path, e))) from e
    try:
        names = wb.sheetnames
        if sheet is not None and sheet not in names:
            raise LedgerFileError(RowError(0, "", f"台账中没有名为“{sheet}”的工作表；工作表有：{'、'.join(names)}"))
        found = {name: _best_header(wb[name], columns) for name in names}   # each sheet is named in the notes
        name, notes = _choose(wb, found, sheet)
        if name is None:
            where = f"工作表“{sheet}”" if sheet else "各工作表"
            raise LedgerFileError(RowError(
                0, "", f"没有找到表头：{where}前{HEADER_ROWS}行中没有“{'”“'.join(REQUIRED)}”等列。请确认台账的表头，",
                cli="或用 --column 原列名=列名 指明", window="或在“工作表”中另选一个工作表"))
        row_no, header, matched, explicit = found[name]
        total = max((wb[name].max_row or row_no) - row_no, 0)
    except BaseException:
        wb.close()
        raise
    cols, errors, more = resolve(row_no, header, matched, explicit, tuple(defaults))
    return LedgerSheet(path, name, row_no, cols, tuple(errors), tuple(notes + more), total, sheets=tuple(names),
                       _wb=wb)


def _hidden(wb, name: str) -> bool:
    return getattr(wb[name], "sheet_state", "visible") != "visible"


def _choose(wb, found: dict, chosen: str | None) -> tuple[str | None, list[str]]:
    """The sheet to read (the best visible header; a hidden sheet only when chosen or alone) and what
    is said about every other sheet: read, skipped, and why."""
    if chosen:
        pool = [chosen] if found.get(chosen) else []
    else:
        pool = [n for n, f in found.items() if f and not _hidden(wb, n)] or [n for n, f in found.items() if f]
    if not pool:
        return None, []
    best = max(pool, key=lambda n: _score(found[n][2]))
    notes = [f"读取的工作表“{best}”是隐藏的工作表"] if _hidden(wb, best) else []
    for n in wb.sheetnames:
        if n == best:
            continue
        hidden = "隐藏的" if _hidden(wb, n) else ""
        f = found[n]
        if f and sum(r in {t for _, t in f[2]} for r in REQUIRED) >= 3:
            notes.append(f"{hidden}工作表“{n}”也有台账表头，本次未读取：如需导入，请另选该工作表再导入一次")
        else:
            notes.append(f"{hidden}工作表“{n}”没有台账表头，未读取")
    return best, notes


def _score(matched) -> tuple[int, int]:
    targets = {t for _, t in matched}
    return sum(r in targets for r in REQUIRED), len(targets)


def _best_header(ws, columns):
    """(row number, {index: header text}, [(index, target)], explicit) of the best header in the first rows."""
    best = None
    try:
        for n, cells in _cells(ws):
            if n > HEADER_ROWS:
                break
            header = {i: str(v) for i, v in cells.items() if v is not None and str(v).strip()}
            matched, explicit = match_row(header, columns)
            if len({t for _, t in matched}) >= 2 and (best is None or _score(matched) > _score(best[2])):
                best = (n, header, matched, explicit)
    except Exception:  # noqa: BLE001 - an unreadable sheet simply has no header; rows report it
        pass
    return best
