"""Every 会商 record as a table row: date, number, form, topic, how many cases, departments."""

from __future__ import annotations

from app.ui.common.columns import CENTER, Column, one_line, text, ymd
from app.ui.common.list_table_model import ListTableModel


def _count(n: int) -> str:
    return f"{n}件"


class DeliberationTableModel(ListTableModel):
    COLUMNS = (
        Column("held_on", "会商日期", ymd, CENTER, width=96),
        Column("number", "编号", text, width=190),
        Column("form", "形式", text, CENTER, width=56),
        Column("topic", "会商事项", one_line, width=280),
        Column("case_count", "申请数", _count, CENTER, width=60),
        Column("departments", "参加处室", one_line, width=200),
    )
