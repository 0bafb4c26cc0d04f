"""Law titles in handler text: which 《…》 name a law or regulation, with the article that follows it."""

from __future__ import annotations

import re

_NUM = "[一二三四五六七八九十百零〇两]+"
_REF = re.compile(rf"《([^》]+)》((?:第{_NUM}条)(?:第{_NUM}款)?(?:第（{_NUM}）项)?)?")
_EDITION = re.compile(r"[（(][^）)]*[）)]$")
# What a 法律, 行政法规 (or, for 三.2, a rule made under one) is called; 须知, 通知, 指南 are not laws.
_LAW_ENDINGS = ("法", "条例", "规定", "办法", "决定", "细则")
# 法律 (…法) and 行政法规 (…条例): the level at which Art 36(7) 另有规定 applies.
_STATUTE_ENDINGS = ("法", "条例")


def _bare(title: str) -> str:
    return _EDITION.sub("", title.strip()).strip()


def references(text: str) -> list[tuple[str, str]]:
    """Each 《title》 in ``text`` with the article that follows it ("" when none)."""
    return [(m[1], m[2] or "") for m in _REF.finditer(text or "")]


def is_law_title(title: str) -> bool:
    return _bare(title).endswith(_LAW_ENDINGS)


def is_statute_title(title: str) -> bool:
    """A 法律 or 行政法规 by its name (…法, …条例); 规章 such as …暂行办法 are not."""
    bare = _bare(title)
    return bare.endswith(_STATUTE_ENDINGS) and not bare.endswith("办法")


def prohibiting_law(reasons: str) -> str:
    """三.2: the laws named in the reasons, as cited in the 根据 clause (e.g. 《中华人民共和国档案法》第二十八条).

    Raises ValueError naming a title that is not a law (《保密须知》) or the absence of any."""
    refs = references(reasons)
    laws = [f"《{t}》{a}" for t, a in refs if is_law_title(t)]
    if laws:
        return "、".join(laws)
    if refs:
        names = "、".join(f"《{t}》" for t, _ in refs)
        raise ValueError(f"{names}不是法律或行政法规的名称。属于其他法律、行政法规禁止公开的，答复理由须写明禁止公开的"
                         "法律或行政法规（名称以“法”“条例”“规定”“办法”等结尾）及条款，如《中华人民共和国档案法》第×条。")
    raise ValueError("属于其他法律、行政法规禁止公开的，答复理由须写明禁止公开的法律或行政法规名称及条款"
                     "（如《中华人民共和国××法》第×条）。")
