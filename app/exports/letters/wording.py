"""Sentences a letter builds from case facts: history recital, how information is provided, money."""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable

from app.workflow.dates import cn_date

_ENDINGS = "。！？"
_TRAILING = "。；;，,、 \t"


def clean_clause(text: str) -> str:
    """One line without trailing punctuation: user text becomes part of a sentence."""
    joined = "".join(line.strip() for line in (text or "").splitlines())
    return joined.strip().rstrip(_TRAILING)


def sentence(text: str) -> str:
    """A full sentence ending in 。 (or nothing for empty text)."""
    joined = "".join(line.strip() for line in (text or "").splitlines()).strip()
    if not joined:
        return ""
    if joined[-1] in _ENDINGS:
        return joined
    return joined.rstrip(_TRAILING) + "。"


def quoted(text: str) -> str:
    """Text to stand inside “ ”: nested double quotes become single quotes."""
    return clean_clause(text).replace("“", "‘").replace("”", "’").replace('"', "’")


_ASKING = re.compile(r"^(?:本人|我)?(?:申请|要求|请求)(?:公开|获取|提供)[:：，,\s]*")


def request_subject(text: str) -> str:
    """What was asked, to stand in “…”的政府信息: without a leading 申请公开 the recital already says."""
    subject = quoted(text)
    return _ASKING.sub("", subject) or subject


def history_sentences(corrections: Iterable[tuple[date, date | None]] = (),
                      consultations: Iterable[tuple[str, str, date]] = (),
                      extensions: Iterable[tuple[date, int]] = (),
                      payments: Iterable[tuple[float, date]] = ()) -> str:
    """What happened since receipt, in the order a reply recites it (empty when nothing did)."""
    parts = []
    for requested, received in corrections:
        if received is not None:
            parts.append(f"因申请内容不明确，本机关于{cn_date(requested)}告知您作出补正，"
                         f"并于{cn_date(received)}收到您补正后的申请。")
    for kind, party, sent in consultations:
        if kind == "征求第三方意见":
            parts.append(f"因申请公开的信息可能涉及第三方合法权益，本机关于{cn_date(sent)}书面征求了第三方意见，"
                         "征求意见所需时间不计算在答复期限内。")
        else:
            parts.append(f"本机关于{cn_date(sent)}征求了{party}的意见，所需时间不计算在答复期限内。")
    for approved, days in extensions:
        parts.append(f"经本机关政府信息公开工作机构负责人同意，本机关于{cn_date(approved)}告知您"
                     f"延长答复期限{days}个工作日。")
    for amount, paid in payments:
        parts.append(f"您已于{cn_date(paid)}缴纳信息处理费{money(amount)}元。")
    return "".join(parts)


WHOLE, DISCLOSABLE_PART = "该政府信息", "可以公开的部分"


def provision_sentence(form: str, delivery: str, email: str = "", place: str = "", hours: str = "",
                       what: str = WHOLE) -> str:
    """How the information reaches the applicant, from the requested form and delivery (Art 40);
    ``what`` is 可以公开的部分 on a 部分公开 reply (Art 37: only that part is sent)."""
    medium = "电子文档" if form == "电子" else "纸质"
    if delivery == "自行领取":
        where = clean_clause(place) or "本机关"
        when = f"于{clean_clause(hours)}" if clean_clause(hours) else ""
        return f"请您在收到本答复书后，{when}携带本答复书及有效身份证明到{where}领取{what}。"
    if delivery == "电子邮件" or (form == "电子" and email and delivery != "邮寄"):
        where = f"（{email}）" if email else ""
        return f"现将{what}以电子文档形式发送至您的电子邮箱{where}，请注意查收。"
    if delivery == "邮寄":
        return f"现将{what}以{medium}形式邮寄给您，请注意查收。"
    return f"现将{what}以{medium}形式随本答复书一并提供给您。"


def money(amount: float | Decimal) -> str:
    """Yuan without trailing zeros: 4700, 12.5."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_BIG_UNITS = ("", "万", "亿")


def _four_digits(n: int) -> str:
    """0 < n < 10000 → e.g. 4700 → 肆仟柒佰, 1010 → 壹仟零壹拾."""
    out, zero = [], False
    for pos in range(3, -1, -1):
        d = n // 10 ** pos % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DIGITS[d] + _SMALL_UNITS[pos])
    return "".join(out)


def rmb_upper(amount: float | Decimal) -> str:
    """Amount in capital numerals as on a payment notice: 4700 → 肆仟柒佰元整."""
    cents = int(Decimal(str(amount)).quantize(Decimal("0.01"), ROUND_HALF_UP) * 100)
    if cents < 0:
        raise ValueError("amount must not be negative")
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    text = _yuan_upper(yuan) + "元" if yuan else ""
    if jiao == 0 and fen == 0:
        return (text or "零元") + "整"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif text:
        text += "零"
    if fen:
        text += _DIGITS[fen] + "分"
    return text


def _yuan_upper(n: int) -> str:
    groups = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    out, need_zero = "", False
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            need_zero = bool(out)
            continue
        if out and (need_zero or g < 1000):
            out += "零"
        out += _four_digits(g) + _BIG_UNITS[i]
        need_zero = False
    return out


def fee_standard_text(method: str) -> str:
    """The 收费标准 applied, as 《政府信息公开信息处理费管理办法》第四条 (按件) / 第五条 (按量) set it."""
    if method == "按件计收":
        return ("按件计收（《政府信息公开信息处理费管理办法》第四条）：同一申请人一个自然月内累计申请10件以下"
                "（含10件）的，不收费；11—30件（含30件）的部分，100元/件；31件以上的部分，以10件为一档，"
                "每增加一档，收费标准提高100元/件")
    return ("按量计收（《政府信息公开信息处理费管理办法》第五条）：同一申请30页以下（含30页）的，不收费；"
            "31—100页（含100页）的部分，10元/页；101—200页（含200页）的部分，20元/页；"
            "201页以上的部分，40元/页")


def fee_quantity_text(method: str, quantity: int) -> str:
    """按件: the n-th application this month; 按量: pages."""
    if method == "按件计收":
        return f"您本月提出的第{quantity}件政府信息公开申请"
    return f"{quantity}页"
