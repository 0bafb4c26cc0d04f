"""The city office's tables: the board, one agency's depersonalised cases, the notices sent."""

from __future__ import annotations

from app.ui.common.columns import CENTER, RIGHT, Column, one_line, text, ymd
from app.ui.common.list_table_model import ListTableModel


def _n(value: int) -> str:
    return str(value)


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _days(value: int) -> str:
    return f"{value}天" if value else ""


def _or_dash(value: str) -> str:
    return value or "—"


class CityBoardTableModel(ListTableModel):
    COLUMNS = (
        Column("name", "机关", text, width=220),
        Column("open_cases", "在办", _n, RIGHT, width=60),
        Column("due_soon", "临近到期", _n, RIGHT, width=72),
        Column("overdue", "已逾期", _n, RIGHT, width=64),
        Column("replied", "本年已答复", _n, RIGHT, width=84),
        Column("on_time_rate", "按期答复率", _rate, RIGHT, width=84),
        Column("oldest_number", "最久逾期申请编号", _or_dash, width=160),
        Column("oldest_days", "逾期天数", _days, CENTER, width=72),
    )


class CityCaseTableModel(ListTableModel):
    COLUMNS = (
        Column("number", "申请编号", text, width=160),
        Column("receipt_date", "收到日期", ymd, CENTER, width=96),
        Column("reply_due", "答复期限", ymd, CENTER, width=96),
        Column("stage", "环节", text, CENTER, width=60),
        Column("status", "状态", text, CENTER, width=90),
        Column("days_overdue", "逾期天数", _days, CENTER, width=72),
        Column("department", "承办处室", text, width=140),
    )


class CityNoticeTableModel(ListTableModel):
    COLUMNS = (
        Column("number", "文号", text, width=150),
        Column("agency_name", "机关", text, width=200),
        Column("sent_on", "发出日期", ymd, CENTER, width=96),
        Column("reply_by", "回复期限", ymd, CENTER, width=96),
        Column("status", "状态", text, CENTER, width=64),
        Column("answer", "机关回复", one_line, width=260),
    )
