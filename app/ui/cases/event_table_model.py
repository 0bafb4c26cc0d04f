"""The case timeline: every audited event, oldest first (who, when, what, old → new, why)."""

from __future__ import annotations

from app.ui.common.columns import CENTER, Column, one_line, text, ymd
from app.ui.common.list_table_model import ListTableModel


class EventTableModel(ListTableModel):
    COLUMNS = (
        Column("at", "时间", ymd, CENTER, width=130),
        Column("actor", "经办人", text, width=80),
        Column("kind", "事项", text, width=130),
        Column("field", "项目", text, width=120),
        Column("old", "原值", one_line, width=110),
        Column("new", "新值", one_line, width=220),
        Column("reason", "理由/意见", one_line, width=220),
    )
