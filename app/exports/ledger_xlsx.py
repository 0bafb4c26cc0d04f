"""Writing the 台账 workbook (domain §6); pure file functions, no database.

Reading lives in ``ledger_sheet``. Text that a spreadsheet would take for a formula (=, +, -, @) is
written as a text cell, so it opens as the words typed and re-imports unchanged.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from app.exports import cells
from app.exports.atomic import atomic_path
from app.exports.ledger_sheet import LedgerSheet, open_ledger
from app.workflow.ledger_columns import COLUMNS, EXPORT_COLUMNS

_WIDTHS = {"申请编号": 22, "申请人": 18, "申请内容": 40, "办理结果": 24, "备注": 20, "承办处室": 12,
           "通信地址": 30, "答复理由": 40, "补正事项": 30, "延期理由": 24, "征求意见对象": 18, "证件号码": 20}


def check_ledger_path(path: str | Path) -> Path:
    """The output file, or ValueError saying why it cannot be written (type, missing folder)."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValueError(f"台账只能导出为Excel工作簿（.xlsx），“{path.name}”的扩展名不对：请改为 {path.stem}.xlsx")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ValueError(f"输出文件夹“{folder}”不存在：请先建立该文件夹，或另选一个位置")
    return path


def write_ledger(rows: Iterable[dict[str, object]], path: str | Path,
                 columns: Sequence[str] = EXPORT_COLUMNS) -> Path:
    """Write ``columns``; dates as real Excel dates, text as text, so the file re-imports unchanged."""
    path = check_ledger_path(path)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    for i, col in enumerate(columns):
        ws.column_dimensions[get_column_letter(i + 1)].width = _WIDTHS.get(col, 12)
    bold = Font(bold=True)
    header = []
    for col in columns:
        c = WriteOnlyCell(ws, value=col)
        c.font, c.alignment = bold, Alignment(horizontal="center")
        header.append(c)
    ws.append(header)
    for r in rows:
        ws.append([_cell(ws, r.get(col)) for col in columns])
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def _cell(ws, v):
    if isinstance(v, date):
        c = WriteOnlyCell(ws, value=v)
        c.number_format = "yyyy-mm-dd"
        return c
    if v == "" or v is None:
        return None
    return cells.write_only(ws, v)


def read_ledger(path: str | Path) -> LedgerSheet:
    """Version 1 entry point: the header found anywhere (see ``open_ledger``)."""
    return open_ledger(path)


__all__ = ["COLUMNS", "EXPORT_COLUMNS", "LedgerSheet", "check_ledger_path", "read_ledger", "write_ledger"]
