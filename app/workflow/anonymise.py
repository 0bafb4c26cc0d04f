"""案例库: anonymise a case's texts (applicant, third parties, ID numbers, phones, addresses, names)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

ORDINALS = "乙丙丁戊己庚辛壬癸"
_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_CREDIT = re.compile(r"(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ADDRESS = re.compile(r"[\u4e00-\u9fa5]{2,8}(?:省|市|区|县|镇|乡)[\u4e00-\u9fa5\d]{0,20}?"
                      r"(?:路|街|巷|弄|大道|村|组|小区|花园|大厦)[\u4e00-\u9fa5\d\-]{0,12}?(?:号|室|栋|幢|单元)")
# Words jieba tends to tag as names that are not people (kept as they are).
_NOT_NAMES = frozenset({"申请人", "第三方", "某某", "某公司", "某单位"})


@dataclass(frozen=True)
class Replacement:
    kind: str            # 申请人 / 第三方 / 证件号码 / 电话 / 电子邮箱 / 地址 / 姓名
    original: str
    replacement: str


@dataclass(frozen=True)
class PersonalData:
    """What the office holds about the people in a case; every piece is replaced wherever it appears."""

    applicant: str
    applicant_is_person: bool = True
    applicant_is_company: bool = False
    third_parties: tuple[str, ...] = ()
    id_numbers: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()

    def literals(self) -> list[str]:
        """Every stored personal string (for checking that none is left)."""
        return [x.strip() for x in (self.applicant, *self.third_parties, *self.id_numbers, *self.phones,
                                    *self.addresses, *self.emails) if x and len(x.strip()) >= 2]


def _party_alias(name: str, i: int) -> str:
    kind = "某公司" if "公司" in name else ("某单位" if any(k in name for k in ("局", "委", "院", "会", "所", "中心"))
                                          else "某某")
    return f"第三方{ORDINALS[i % len(ORDINALS)]}（{kind}）"


@dataclass
class Anonymiser:
    """Replace what ``PersonalData`` names, then patterns (IDs, phones, e-mails, addresses), then the
    person names jieba finds (张建国 → 张某). ``replacements`` records each distinct change, for review."""

    data: PersonalData
    replacements: list[Replacement] = field(default_factory=list)

    def __post_init__(self) -> None:
        d = self.data
        alias = "申请人甲" if d.applicant_is_person else ("某公司" if d.applicant_is_company else "某单位")
        pairs = [("申请人", d.applicant, alias)]
        pairs += [("第三方", p, _party_alias(p, i)) for i, p in enumerate(d.third_parties)]
        pairs += [("证件号码", x, "[证件号码]") for x in d.id_numbers]
        pairs += [("电话", x, "[电话]") for x in d.phones]
        pairs += [("地址", x, "[地址]") for x in d.addresses]
        pairs += [("电子邮箱", x, "[电子邮箱]") for x in d.emails]
        pairs += [("邮政编码", x, "[邮编]") for x in d.postcodes]
        self._literals = sorted(((k, o.strip(), r) for k, o, r in pairs if o and len(o.strip()) >= 2),
                                key=lambda p: -len(p[1]))

    def _note(self, kind: str, original: str, replacement: str) -> None:
        r = Replacement(kind, original, replacement)
        if r not in self.replacements:
            self.replacements.append(r)

    def __call__(self, text: str) -> str:
        if not text:
            return text
        for kind, original, replacement in self._literals:
            if original in text:
                text = text.replace(original, replacement)
                self._note(kind, original, replacement)
        for kind, pattern, replacement in (("证件号码", _ID, "[证件号码]"), ("证件号码", _CREDIT, "[证件号码]"),
                                           ("电话", _MOBILE, "[电话]"), ("电话", _LANDLINE, "[电话]"),
                                           ("电子邮箱", _EMAIL, "[电子邮箱]"), ("地址", _ADDRESS, "[地址]")):
            for m in set(pattern.findall(text)):
                text = text.replace(m, replacement)
                self._note(kind, m, replacement)
        return self._names(text)

    def _names(self, text: str) -> str:
        from app.workflow.subjects import names_in

        for name in sorted(set(names_in(text)), key=len, reverse=True):
            if name in _NOT_NAMES or "某" in name or not 2 <= len(name) <= 4:
                continue
            alias = name[0] + "某"
            text = text.replace(name, alias)
            self._note("姓名", name, alias)
        return text


def leftovers(text: str, data: PersonalData, extra: Iterable[str] = ()) -> list[str]:
    """Stored personal strings (and ``extra`` ones) still present in ``text``; empty when clean."""
    return sorted({x for x in (*data.literals(), *extra) if x and x in text})
