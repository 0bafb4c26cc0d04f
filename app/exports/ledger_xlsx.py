"""Reading and writing the 台账 workbook (domain §6); pure file functions, no database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

from app.workflow.ledger_row import COLUMNS, EXPORT_COLUMNS, REQUIRED, RowError, normalise_header


@dataclass(frozen=True)
class LedgerSheet:
    """Header problems (if any) and the data rows as {column: value}, with their sheet row numbers."""

    header_errors: tuple[RowError, ...]
    total_rows: int
    rows: Iterator[tuple[int, dict[str, object]]]


def read_ledger(path: str | Path) -> LedgerSheet:
    """Open the first sheet; map known columns by header (any order), ignore unknown ones."""
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a non-xlsx file
        name = Path(path).name
        raise ValueError(f"无法读取台账文件“{name}”：请确认是Excel（.xlsx）文件。（{e.__class__.__name__}）") from e
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None) or ()
    known = set(EXPORT_COLUMNS)
    index = {}
    for i, h in enumerate(header):
        name = normalise_header(h)
        if name in known and name not in index:
            index[name] = i
    errors = tuple(RowError(1, col, "表头缺少此列（必填列：" + "、".join(REQUIRED) + "）")
                   for col in REQUIRED if col not in index)
    total = max((ws.max_row or 1) - 1, 0)

    def gen() -> Iterator[tuple[int, dict[str, object]]]:
        for n, values in enumerate(rows, start=2):
            if not any(v not in (None, "") for v in values):
                continue
            yield n, {col: values[i] if i < len(values) else None for col, i in index.items()}
        wb.close()

    return LedgerSheet(errors, total, gen())


def write_ledger(rows: Iterable[dict[str, object]], path: str | Path) -> Path:
    """Write the export columns; dates as real Excel dates so the file re-imports unchanged."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    widths = {"申请编号": 22, "申请人": 18, "申请内容": 40, "办理结果": 24, "备注": 20, "承办处室": 12}
    for i, col in enumerate(EXPORT_COLUMNS):
        ws.column_dimensions[_letter(i)].width = widths.get(col, 12)
    from openpyxl.cell import WriteOnlyCell

    bold = Font(bold=True)
    header = []
    for col in EXPORT_COLUMNS:
        c = WriteOnlyCell(ws, value=col)
        c.font, c.alignment = bold, Alignment(horizontal="center")
        header.append(c)
    ws.append(header)
    for r in rows:
        out = []
        for col in EXPORT_COLUMNS:
            v = r.get(col)
            if isinstance(v, date):
                c = WriteOnlyCell(ws, value=v)
                c.number_format = "yyyy-mm-dd"
                out.append(c)
            else:
                out.append(v if v not in ("",) else None)
        ws.append(out)
    path = Path(path)
    wb.save(path)
    return path


def _letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)


__all__ = ["COLUMNS", "EXPORT_COLUMNS", "LedgerSheet", "read_ledger", "write_ledger"]
