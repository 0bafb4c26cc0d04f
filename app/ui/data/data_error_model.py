"""The import problems list: one row per RowError, the command line's problems with the fix in the window's words."""

from __future__ import annotations

from app.ui.common.data_table_model import CENTER, Column, RowTableModel
from app.workflow.ledger_row import RowError


class RowErrorTableModel(RowTableModel):
    COLUMNS = (
        Column("行号", lambda e: e.row or "", CENTER, width=60),
        Column("列", lambda e: e.column, width=120),
        Column("问题", str, width=560, tip=str, stretch=True),
    )


def report_text(errors: list[RowError]) -> str:
    """The report ``python -m app import-ledger`` prints (fixes in the window's words), for copying or saving."""
    lines = [f"导入失败：发现{len(errors)}处问题，未写入任何数据。"]
    lines += [f"  {e}" for e in errors]
    return "\n".join(lines) + "\n"
