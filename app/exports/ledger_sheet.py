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

from app.workflow.ledger_cells import FormulaCell
from app.workflow.ledger_columns import REQUIRED, clean_header, match_header
from app.workflow.ledger_row import RowError

HEADER_ROWS = 10


class _Parser(WorkSheetParser):
    """openpyxl's own sheet parser, except that a formula without a saved value is marked as one."""

    def parse_cell(self, element):
        cell = super().parse_cell(element)
        if cell["value"] is None and element.find(FORMULA_TAG) is not None:
            formula = element.find(FORMULA_TAG).text or ""
            cell["value"] = FormulaCell("=" + formula)
        return cell


@dataclass(frozen=True)
class SourceColumn:
    """One header cell: its position, its text, the column it maps to (None = ignored), and samples."""

    index: int
    header: str
    target: str | None
    samples: tuple[str, ...] = ()


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
        return frozenset(c.target for c in self.columns if c.target)

    def rows(self) -> Iterator[tuple[int, dict[str, object]]]:
        """Data rows below the header; a file that breaks off is recorded in ``read_errors``."""
        index = {c.index: c.target for c in self.columns if c.target}
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
                values = {index[c]: v for c, v in cells.items() if c in index}
                if any(v is not None and v != "" for v in values.values()):
                    yield n, values
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


def open_ledger(path: str | Path, sheet: str | None = None,
                columns: dict[str, str] | None = None) -> LedgerSheet:
    """Find the header row (every sheet, first 10 rows; or ``sheet``) with the clerk's column mapping.

    Raises ValueError with a Chinese message when the file or the sheet cannot be used at all.
    """
    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # noqa: BLE001 - openpyxl raises many kinds for a non-xlsx file
        raise ValueError(_unreadable(path, e)) from e
    try:
        names = wb.sheetnames
        if sheet is not None and sheet not in names:
            raise ValueError(f"台账中没有名为“{sheet}”的工作表；工作表有：{'、'.join(names)}")
        best = None
        for name in ([sheet] if sheet else names):
            found = _best_header(wb[name], columns)
            if found and (best is None or _score(found[2]) > _score(best[3])):
                best = (name, *found)
            if best and all(r in {t for _, t in best[3]} for r in REQUIRED):
                break
        if best is None:
            where = f"工作表“{sheet}”" if sheet else "各工作表"
            raise ValueError(f"没有找到表头：{where}前{HEADER_ROWS}行中没有“{'”“'.join(REQUIRED)}”等列。"
                             "请确认台账的表头，或用 --column 原列名=列名 指明")
        name, row_no, header, matched = best
        total = max((wb[name].max_row or row_no) - row_no, 0)
    except BaseException:
        wb.close()
        raise
    cols, errors, notes = _columns(row_no, header, matched)
    missing = [c for c in REQUIRED if c not in {t for _, t in matched}]
    errors += [RowError(row_no, c, "表头缺少此列（必填列：" + "、".join(REQUIRED) + "）；如台账用别的列名，"
                        f"请用 --column 原列名={c} 指明") for c in missing]
    return LedgerSheet(path, name, row_no, cols, tuple(errors), tuple(notes), total, sheets=tuple(names), _wb=wb)


def _score(matched) -> tuple[int, int]:
    targets = {t for _, t in matched}
    return sum(r in targets for r in REQUIRED), len(targets)


def _best_header(ws, columns):
    """(row number, {index: header text}, [(index, target)]) of the best header in the first rows."""
    best = None
    try:
        for n, cells in _cells(ws):
            if n > HEADER_ROWS:
                break
            header = {i: str(v) for i, v in cells.items() if v is not None and str(v).strip()}
            matched = [(i, t) for i, h in header.items() for t in [match_header(h, columns)[0]] if t]
            if len({t for _, t in matched}) >= 2 and (best is None or _score(matched) > _score(best[2])):
                best = (n, header, matched)
    except Exception:  # noqa: BLE001 - an unreadable sheet simply has no header; rows report it
        pass
    return best


def _columns(row_no, header, matched):
    """Resolve two header cells naming one column: the exact name wins over a synonym, else refuse."""
    by_target: dict[str, list[int]] = {}
    for i, t in matched:
        by_target.setdefault(t, []).append(i)
    targets = dict(matched)
    errors, notes = [], []
    for t, idxs in by_target.items():
        if len(idxs) == 1:
            continue
        exact = [i for i in idxs if clean_header(header[i]) == clean_header(t)]
        letters = "、".join(f"“{header[i]}”（第{i}列）" for i in idxs)
        if len(exact) == 1:
            for i in idxs:
                if i != exact[0]:
                    targets[i] = None
                    notes.append(f"“{header[i]}”列未使用：表头已有“{t}”列")
        else:
            errors.append(RowError(row_no, t, f"表头有重复的列：{letters}都对应“{t}”。请删除多余的一列，"
                                   f"或用 --column 原列名=忽略 指明不用哪一列"))
    cols = tuple(SourceColumn(i, header[i], targets.get(i)) for i in sorted(header))
    return cols, errors, notes
