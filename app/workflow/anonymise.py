"""案例库: anonymise a case's texts (applicant, third parties, ID numbers, phones, addresses, names)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from app.workflow.field_terms import FIELD_WORDS
from app.workflow.surnames import COMPOUND_SURNAMES, SINGLE_SURNAMES

ORDINALS = "乙丙丁戊己庚辛壬癸"
NAME_ORDINALS = "甲乙丙丁戊己庚辛壬癸"
_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_CREDIT = re.compile(r"(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")   # ASCII: \w takes 邮箱 too
_ADDRESS = re.compile(r"(?:(?![住于在址地])[\u4e00-\u9fa5]){2,8}(?:省|市|区|县|镇|乡)[\u4e00-\u9fa5\d]{0,20}?"
                      r"(?:路|街|巷|弄|大道|村|组|小区|花园|大厦)[\u4e00-\u9fa5\d\-]{0,12}?(?:号|室|栋|幢|单元)"
                      r"(?:\d{1,4}(?:号楼|号|室|栋|幢|单元|层))*")
_POSTCODE = re.compile(r"(?:(?<=邮编)|(?<=邮政编码)|(?<=邮编[:：])|(?<=邮政编码[:：]))\d{6}(?!\d)")
PATTERNS = (("证件号码", _ID, "[证件号码]"), ("证件号码", _CREDIT, "[证件号码]"), ("电话", _MOBILE, "[电话]"),
            ("电话", _LANDLINE, "[电话]"), ("电子邮箱", _EMAIL, "[电子邮箱]"), ("地址", _ADDRESS, "[地址]"),
            ("邮政编码", _POSTCODE, "[邮编]"))
# Parts of speech a given name never is: a word after 欧阳 of these kinds is not its given name.
_NOT_GIVEN = ("v", "p", "c", "u", "d", "r", "m", "q", "x", "f", "y", "e", "w")
# jieba tags 欧阳建 (of 欧阳建国家) a place: a compound surname's word of these kinds is a name; 第五条 (m) is not.
_NAME_FLAGS = ("nr", "ns")
_CONTEXT = 8                      # characters either side shown to the reviewer


@dataclass(frozen=True)
class Replacement:
    """One distinct change; ``before``/``after`` show its first occurrence in context, for review."""

    kind: str            # 申请人 / 第三方 / 证件号码 / 电话 / 电子邮箱 / 地址 / 邮政编码 / 姓名
    original: str
    replacement: str
    before: str = field(default="", compare=False)
    after: str = field(default="", compare=False)


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
                                    *self.addresses, *self.emails, *self.postcodes) if x and len(x.strip()) >= 2]


def _party_alias(name: str, i: int) -> str:
    kind = "某公司" if "公司" in name else ("某单位" if any(k in name for k in ("局", "委", "院", "会", "所", "中心"))
                                          else "某某")
    return f"第三方{ORDINALS[i % len(ORDINALS)]}（{kind}）"


def _cjk(word: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fa5" for ch in word)


def _given_name(word: str, flag: str) -> bool:
    """Whether the word after a compound surname can be its given name (建国 yes, 申请 no)."""
    return 1 <= len(word) <= 2 and _cjk(word) and word not in FIELD_WORDS and not flag.startswith(_NOT_GIVEN)


def find_names(text: str) -> list[str]:
    """Whole person names in ``text``, surname included: jieba's names (extended by a single surname it
    split off: 黄 + 海涛), compound surnames with their given name (欧阳 + 建国), never a field word."""
    from app.workflow.subjects import tagged_words

    words = tagged_words(text)
    found: list[str] = []
    for i, (word, flag) in enumerate(words):
        prev = words[i - 1] if i else ("", "")
        nxt = words[i + 1] if i + 1 < len(words) else ("", "")
        if word in COMPOUND_SURNAMES and _given_name(*nxt):
            found.append(word + nxt[0])
        elif word[:2] in COMPOUND_SURNAMES and 3 <= len(word) <= 4 and _cjk(word) and flag.startswith(_NAME_FLAGS):
            found.append(word)
        elif flag.startswith("nr") and 2 <= len(word) <= 4 and _cjk(word):
            if len(word) == 2 and prev[0] in SINGLE_SURNAMES and not prev[1].startswith(_NOT_GIVEN):
                word = prev[0] + word
            found.append(word)
    return [n for n in dict.fromkeys(found) if n not in FIELD_WORDS and "某" not in n]


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans of field words in ``text`` (规划许可证, 高新区): a name found inside one is not a name."""
    spans = []
    for w in FIELD_WORDS:
        start = text.find(w)
        while start >= 0:
            spans.append((start, start + len(w)))
            start = text.find(w, start + 1)
    return spans


def _snippet(text: str, start: int, end: int) -> str:
    return text[max(0, start - _CONTEXT):end + _CONTEXT]


@dataclass
class Anonymiser:
    """Replace what ``PersonalData`` names, then patterns (IDs, phones, e-mails, addresses, postcodes),
    then whole person names (张建国 → 某甲, the same name the same alias in every text of the case).
    ``replacements`` records each distinct change, for review."""

    data: PersonalData
    replacements: list[Replacement] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)

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

    def _note(self, kind: str, original: str, replacement: str, text: str, at: int) -> None:
        end = at + len(original)
        r = Replacement(kind, original, replacement, _snippet(text, at, end),
                        text[max(0, at - _CONTEXT):at] + replacement + text[end:end + _CONTEXT])
        if r not in self.replacements:
            self.replacements.append(r)

    def __call__(self, text: str) -> str:
        if not text:
            return text
        for kind, original, replacement in self._literals:
            if original in text:
                self._note(kind, original, replacement, text, text.find(original))
                text = text.replace(original, replacement)
        for kind, pattern, replacement in PATTERNS:
            text = pattern.sub(self._swapper(kind, lambda _: replacement, text), text)
        return self._names(text)

    def _swapper(self, kind: str, alias, text: str, keep=lambda m: False):
        """The re.sub callback: note the match's replacement (in ``text``'s context) and return it."""
        def swap(m: re.Match) -> str:
            if keep(m):
                return m.group(0)
            new = alias(m.group(0))
            self._note(kind, m.group(0), new, text, m.start())
            return new
        return swap

    def alias(self, name: str) -> str:
        """某甲, 某乙 … in the order names are first met; after 某癸, 某甲2 …"""
        if name not in self.aliases:
            n = len(self.aliases)
            self.aliases[name] = "某" + NAME_ORDINALS[n % 10] + (str(n // 10 + 1) if n >= 10 else "")
        return self.aliases[name]

    def _names(self, text: str) -> str:
        names = sorted(find_names(text), key=len, reverse=True)     # 张建国 before 张建
        if not names:
            return text
        spans = _protected(text)
        inside_field_word = lambda m: any(a <= m.start() and m.end() <= b for a, b in spans)  # noqa: E731
        return re.sub("|".join(map(re.escape, names)), self._swapper("姓名", self.alias, text, inside_field_word),
                      text)


def leftovers(text: str, data: PersonalData, extra: Iterable[str] = ()) -> list[str]:
    """Stored personal strings (and ``extra`` ones) still present in ``text``; empty when clean."""
    return sorted({x for x in (*data.literals(), *extra) if x and x in text})
