"""Identity-number checks: resident ID (GB 11643) and unified social credit code (GB 32100)."""

import re
from datetime import date

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_FORM = re.compile(r"^\d{17}[\dX]$")

_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_FORM = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")


def resident_id_problem(number: str) -> str | None:
    """Why an 18-digit resident ID number is wrong, in Chinese; None when it is valid."""
    n = number.strip().upper()
    if not _ID_FORM.match(n):
        return "身份证号码应为18位：前17位数字，最后一位为数字或X"
    try:
        born = date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    except ValueError:
        return "身份证号码中的出生日期不存在"
    if born > date.today() or born.year < 1900:
        return "身份证号码中的出生日期不合理"
    total = sum(int(c) * w for c, w in zip(n[:17], _ID_WEIGHTS))
    if _ID_CHECK[total % 11] != n[17]:
        return "身份证号码校验位不正确，请核对后重新输入"
    return None


def credit_code_problem(code: str) -> str | None:
    """Why a unified social credit code is wrong, in Chinese; None when it is valid."""
    c = code.strip().upper()
    if not _USCC_FORM.match(c):
        return "统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）"
    total = sum(_USCC_CHARS.index(ch) * w for ch, w in zip(c[:17], _USCC_WEIGHTS))
    expected = _USCC_CHARS[(31 - total % 31) % 31]
    if expected != c[17]:
        return "统一社会信用代码校验位不正确，请核对后重新输入"
    return None


def resident_id_check_char(first17: str) -> str:
    """The check character for 17 digits (used by demo data and tests' own fixtures)."""
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS)) % 11]


def credit_code_check_char(first17: str) -> str:
    total = sum(_USCC_CHARS.index(ch) * w for ch, w in zip(first17, _USCC_WEIGHTS))
    return _USCC_CHARS[(31 - total % 31) % 31]
