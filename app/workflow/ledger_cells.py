"""One 台账 cell → clean text, or the Chinese reason it cannot be taken (logical values, control
characters, lengths, formulas without a saved result)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from app.workflow.ledger_columns import LIMITS, MULTILINE


@dataclass(frozen=True)
class FormulaCell:
    """A formula cell whose file holds no computed value (never opened and saved in Excel)."""

    formula: str

    def __str__(self) -> str:
        return self.formula


class CellError(ValueError):
    """The cell's value cannot be used; the message says why and what to do."""


def formula_message(cell: FormulaCell) -> str:
    return (f"是公式“{cell.formula[:40]}”，文件中没有保存计算结果：请在Excel中打开台账、保存后再导入，"
            "或把该单元格改为公式的值")


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(column: str, value) -> str:
    """The text of one cell as stored; raises CellError with the reason it cannot be used."""
    if value is None:
        return ""
    if isinstance(value, FormulaCell):
        raise CellError(formula_message(value))
    if isinstance(value, bool):
        raise CellError(f"是逻辑值{str(value).upper()}，不是{column}：请填写文字")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = value.strip() if isinstance(value, str) else unicodedata.normalize("NFKC", str(value)).strip()
    _check_characters(column, text)
    limit = LIMITS.get(column)
    if limit and len(text) > limit:
        raise CellError(f"有{len(text)}个字，超过了{limit}个字的上限：请删减")
    return text


def _check_characters(column: str, text: str) -> None:
    allowed = "\n\r\t" if column in MULTILINE else ""
    for ch in text:
        if unicodedata.category(ch) == "Cc" and ch not in allowed:
            name = {"\t": "制表符", "\n": "换行", "\r": "回车"}.get(ch, f"控制字符U+{ord(ch):04X}")
            raise CellError(f"含有{name}：{column}只能是一行可见文字，请删除后再导入")
    if column == "申请编号" and any(ch.isspace() and ch != " " for ch in text):
        raise CellError("含有不可见的空白字符：请删除后再导入")
