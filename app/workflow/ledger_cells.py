"""One 台账 cell → clean text, or the Chinese reason it cannot be taken (logical values, error values,
control and invisible characters, lengths, formulas without a saved result)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from app.workflow.ledger_columns import LIMITS, MULTILINE


@dataclass(frozen=True)
class FormulaCell:
    """A formula cell whose file holds no computed value (never opened and saved in Excel)."""

    formula: str

    def __str__(self) -> str:
        return self.formula


@dataclass(frozen=True)
class ErrorCell:
    """An Excel error value (#N/A, #REF! …): the formula behind it failed; there is no value to take."""

    code: str

    def __str__(self) -> str:
        return self.code


ERROR_CODES = ("#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#GETTING_DATA", "#SPILL!",
               "#CALC!")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Characters that print as nothing: zero-width, direction overrides and marks, soft hyphen, BOM …
_INVISIBLE_NAMES = {"\u200b": "零宽空格", "\u200c": "零宽不连字", "\u200d": "零宽连字", "\u2060": "零宽不换行",
                    "\ufeff": "零宽不换行空格（BOM）", "\u00ad": "软连字符", "\u202e": "从右向左覆盖",
                    "\u202d": "从左向右覆盖", "\u200e": "从左向右标记", "\u200f": "从右向左标记"}


class CellError(ValueError):
    """The cell's value cannot be used; the message says why and what to do."""


def formula_message(cell: FormulaCell) -> str:
    return (f"是公式“{cell.formula[:40]}”，文件中没有保存计算结果：请在Excel中打开台账、保存后再导入，"
            "或把该单元格改为公式的值")


def decode_escapes(text: str) -> str:
    """Excel writes characters XML cannot hold as ``_x0007_`` (and ``_`` before such text as ``_x005F_``);
    openpyxl leaves them as written. Decoded, a control character is then refused like any other."""
    return _ESCAPE.sub(lambda m: chr(int(m[1], 16)), text) if "_x" in text else text


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(column: str, value, multiline: bool = False) -> str:
    """The text of one cell as stored; raises CellError with the reason it cannot be used."""
    if value is None:
        return ""
    if isinstance(value, FormulaCell):
        raise CellError(formula_message(value))
    if isinstance(value, bool):
        raise CellError(f"是逻辑值{str(value).upper()}，不是{column}：请填写文字")
    if isinstance(value, ErrorCell) or (isinstance(value, str) and value.strip().upper() in ERROR_CODES):
        raise CellError(f"是Excel错误值“{str(value).strip()}”（公式出错，没有值）：请在台账中改为正确的{column}后再导入")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = decode_escapes(value).strip() if isinstance(value, str) else str(value).strip()
    if column == "申请编号" or not isinstance(value, str):
        text = unicodedata.normalize("NFKC", text).strip()   # Ａ１ and A1 are one case
    _check_characters(column, text, multiline)
    limit = LIMITS.get(column)
    if limit and len(text) > limit:
        raise CellError(f"有{len(text)}个字，超过了{limit}个字的上限：请删减")
    return text


def _check_characters(column: str, text: str, multiline: bool = False) -> None:
    allowed = "\n\r\t" if multiline or column in MULTILINE else ""
    for ch in text:
        if unicodedata.category(ch) == "Cf" or ch in _INVISIBLE_NAMES:
            name = _INVISIBLE_NAMES.get(ch, "不可见字符")
            raise CellError(f"含有不可见字符U+{ord(ch):04X}（{name}）：请在台账中删除后再导入")
        if unicodedata.category(ch) == "Cc" and ch not in allowed:
            name = {"\t": "制表符", "\n": "换行", "\r": "回车"}.get(ch, f"控制字符U+{ord(ch):04X}")
            if allowed:
                raise CellError(f"含有{name}（不可见，Excel中可能写作_x{ord(ch):04X}_）：请删除后再导入")
            raise CellError(f"含有{name}：{column}只能是一行可见文字，请删除后再导入")
    if column == "申请编号" and any(ch.isspace() and ch != " " for ch in text):
        raise CellError("含有不可见的空白字符：请删除后再导入")
