"""征求意见事项: what a letter to a third party or another agency may say about the request, and the
applicant's personal data it must not carry (个人信息保护法 第六条: no more than the purpose needs)."""

from __future__ import annotations

import re

MIN_LENGTH = 2                 # a one-character "name" would be found in any text
_JOINED_DIGITS = re.compile(r"(?<=\d)[\s\-－—]+(?=\d)")
_ADMIN_PREFIX = re.compile(r"^.*?(?:省|自治区|市|区|县|旗)")


def _street_part(address: str) -> str:
    """The address without its leading 省/市/区/县 (文一路100号 of 某某市某某区文一路100号); '' if too short."""
    rest = address
    while (m := _ADMIN_PREFIX.match(rest)) and len(rest) - m.end() >= 4:
        rest = rest[m.end():]
    return rest if rest != address else ""


def applicant_data_in(text: str, name: str, address: str, id_number: str, phone: str) -> tuple[str, ...]:
    """Which of the applicant's stored data ``text`` contains: 姓名（名称）, 住址, 证件号码, 联系电话."""
    found = []
    name, address = name.strip(), address.strip()
    if len(name) >= MIN_LENGTH and name in text:
        found.append("姓名（名称）")
    if len(address) >= MIN_LENGTH and (address in text or (_street_part(address) or "\0") in text):
        found.append("住址")
    if len(id_number.strip()) >= 6 and id_number.strip().upper() in text.upper():
        found.append("证件号码")
    digits = re.sub(r"\D", "", phone)
    if len(digits) >= 7 and digits in _JOINED_DIGITS.sub("", text):
        found.append("联系电话")
    return tuple(found)


def matter_problem(found: tuple[str, ...]) -> str:
    """The flag shown on a consultation, and the refusal of its letter; '' when the matter is clean."""
    if not found:
        return ""
    return (f"征求意见事项含有申请人的{'、'.join(found)}。征求意见函只写明所涉政府信息，不得提供申请人的个人信息"
            "（个人信息保护法第六条）。请在“征求意见事项”中删去后再出具。")
