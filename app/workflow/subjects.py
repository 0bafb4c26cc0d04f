"""集中申请事项: group request texts by subject across wordings (the field's subject phrases first, then
jieba keywords and set similarity), each group named as a clerk names the subject."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Callable, Iterable, Sequence

from app.workflow.field_terms import SUBJECT_FAMILIES

# Words every request uses: they say nothing about the subject (domain: 申请公开, 文件, 情况 …).
STOP_WORDS = frozenset("""
申请 公开 申请公开 获取 查阅 要求 我要 所在 社区 街道 片区 乡镇 村委会 居委会 依申请 政府信息 信息 政府
文件 情况 相关 有关 关于 提供 请求 查询 复印件 复印 资料 材料 内容
本人 我 我们 你 贵 贵单位 单位 机关 部门 本局 贵局 本 该 此 其 某 某某 相关联 全部 所有 具体 详细 依法 予以 给予
出具 告知
书面 电子版 纸质 一份 一套 一下 事项 问题 事宜 工作 办理 处理 答复 回复 结果 目录 清单 说明 记录 等 以及 及 和 与 或
涉及 包括 其中 期间 年度 年 月 日 号 第 件 个 份 项 次 条 份数 依据 根据 规定 文书 原件 情形 信息公开 公开申请 请 需要
""".split())
# jieba part-of-speech flags dropped: place and person names, organisations, numbers, times, function words.
DROP_FLAGS = ("ns", "nr", "nt", "m", "q", "t", "r", "p", "c", "u", "d", "f", "x", "w", "e", "y", "o", "h", "k")
THRESHOLD = 0.35        # binary cosine of a wording's keywords and a group's core words
MIN_SHARED = 2          # and at least two keywords in common: one shared word never links two requests
PHRASE_GAP = 3          # characters allowed between the parts of a subject phrase (违法建设的查处决定)


@dataclass(frozen=True)
class SubjectInput:
    """One request as the grouping sees it."""

    id: int
    text: str
    applicant: str
    department: str
    received: date | None


@dataclass(frozen=True)
class SubjectGroup:
    """One concentrated subject: what it is, how often and by how many it was asked."""

    label: str
    representative: str
    count: int
    applicants: int
    departments: tuple[str, ...]
    first: date | None
    last: date | None
    keywords: tuple[str, ...]
    case_ids: tuple[int, ...]


@lru_cache(maxsize=1)
def _tagger():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba.posseg.dt, jieba.dt.FREQ


def _dropped(flag: str) -> bool:
    return flag.startswith(DROP_FLAGS) and not flag.startswith(("vn", "nz"))


@lru_cache(maxsize=200_000)
def keywords(text: str) -> frozenset[str]:
    """The subject words of ``text``: jieba words minus names, places, numbers and stop words;
    a long compound also contributes the dictionary words it starts or ends with (补偿款 → 补偿)."""
    tagger, freq = _tagger()
    out: set[str] = set()
    for pair in tagger.cut(text):
        word, flag = pair.word.strip(), pair.flag
        if len(word) < 2 or _dropped(flag) or word in STOP_WORDS:
            continue
        out.add(word)
        if len(word) > 2:       # its head and tail words only: 验收报告 → 验收, 报告 (never 收报)
            out.update(w for w in {word[:2], word[-2:]} if freq.get(w) and w not in STOP_WORDS)
    return frozenset(out)


def tagged_words(text: str) -> list[tuple[str, str]]:
    """``text`` cut into (word, part-of-speech flag) by jieba, in order."""
    tagger, _ = _tagger()
    return [(p.word, p.flag) for p in tagger.cut(text)]


def names_in(text: str) -> list[str]:
    """Person names jieba finds in ``text`` (flag nr…)."""
    return [w for w, flag in tagged_words(text) if flag.startswith("nr") and len(w) >= 2]


@lru_cache(maxsize=1)
def _phrase_patterns() -> tuple[tuple[str, str, re.Pattern], ...]:
    """(family, phrase as printed, pattern) in the order of SUBJECT_FAMILIES, most specific first."""
    gap = f"[^，。；、,;\\s]{{0,{PHRASE_GAP}}}?"
    return tuple((family, phrase.replace("…", ""), re.compile(gap.join(map(re.escape, phrase.split("…")))))
                 for family, phrases in SUBJECT_FAMILIES.items() for phrase in phrases)


def subject_phrases(text: str) -> dict[str, tuple[int, str]]:
    """Family → (where its first phrase starts, the phrase as printed): the most specific phrase of each
    family that ``text`` uses (房屋征收与补偿协议 → 征收补偿: (2, 征收补偿协议))."""
    found: dict[str, tuple[int, str]] = {}
    for family, phrase, pattern in _phrase_patterns():
        if family not in found and (m := pattern.search(text)):
            found[family] = (m.start(), phrase)
    return found


def primary_family(text: str) -> str | None:
    """The subject family a request is about: the one whose phrase comes first in the text."""
    found = subject_phrases(text)
    return min(found, key=lambda f: (found[f][0], -len(found[f][1]))) if found else None


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Cosine of two keyword sets (0–1); 0 unless they share at least ``MIN_SHARED`` words."""
    shared = len(a & b)
    if shared < MIN_SHARED:
        return 0.0
    return shared / math.sqrt(len(a) * len(b))


class _Cluster:
    """Wordings gathered so far; its core = the words more than half its requests use."""

    __slots__ = ("weight", "counts", "core")

    def __init__(self, sig: frozenset[str], weight: int):
        self.weight = weight
        self.counts: Counter[str] = Counter({w: weight for w in sig})
        self.core = sig

    def add(self, sig: frozenset[str], weight: int) -> None:
        self.weight += weight
        for w in sig:
            self.counts[w] += weight
        self.core = frozenset(w for w, n in self.counts.items() if n * 2 > self.weight)


def _clusters(signatures: list[frozenset[str]], weights: list[int]) -> list[list[int]]:
    """Centroid clustering: the most-asked wordings first; each joins the cluster whose core it is
    most like (cosine ≥ THRESHOLD, ≥ MIN_SHARED core words in common), or starts one. Comparing with
    the core, not with any one member, stops chains (A like B like C) from merging unrelated subjects."""
    order = sorted(range(len(signatures)), key=lambda i: (-weights[i], i))
    clusters: list[_Cluster] = []
    members: list[list[int]] = []
    by_word: dict[str, set[int]] = defaultdict(set)
    for i in order:
        sig = signatures[i]
        candidates: Counter[int] = Counter()
        for w in sig:
            for c in by_word.get(w, ()):
                if w in clusters[c].core:
                    candidates[c] += 1
        best, best_sim = -1, THRESHOLD
        for c, shared in candidates.items():
            if shared >= MIN_SHARED:
                sim = shared / math.sqrt(len(sig) * len(clusters[c].core))
                if sim >= best_sim:
                    best, best_sim = c, sim
        if best < 0:
            best = len(clusters)
            clusters.append(_Cluster(sig, weights[i]))
            members.append([i])
        else:
            clusters[best].add(sig, weights[i])
            members[best].append(i)
        for w in clusters[best].core:
            by_word[w].add(best)
    return members


def _by_signature(items: Iterable[SubjectInput]) -> tuple[list[frozenset[str]], list[list[SubjectInput]]]:
    """Identical keyword sets gathered: (signatures, the requests of each)."""
    index: dict[frozenset[str], int] = {}
    members: list[list[SubjectInput]] = []
    for item in items:
        sig = keywords(item.text)
        if sig not in index:
            index[sig] = len(members)
            members.append([])
        members[index[sig]].append(item)
    return list(index), members


def _core(sigs: Sequence[frozenset[str]], weights: Sequence[int]) -> frozenset[str]:
    """The words more than half of the requests use."""
    counts: Counter[str] = Counter()
    for sig, weight in zip(sigs, weights):
        for w in sig:
            counts[w] += weight
    return frozenset(w for w, n in counts.items() if n * 2 > sum(weights))


def _closest(core: frozenset[str], family_cores: list[frozenset[str]]) -> int:
    """The family group whose core words a cluster's core is most like (≥ THRESHOLD), or -1."""
    best, best_sim = -1, THRESHOLD
    for k, other in enumerate(family_cores):
        sim = similarity(core, other)
        if sim >= best_sim and sim > 0:
            best, best_sim = k, sim
    return best


def group_subjects(items: Sequence[SubjectInput], min_applicants: int = 2,
                   progress: Callable[[int, int], None] | None = None) -> list[SubjectGroup]:
    """Groups of requests on one subject, largest first. Requests naming a subject of the field
    (SUBJECT_FAMILIES) group by it whatever their wording; the others cluster by keywords, and a cluster
    like a subject group joins it. A group is reported only when at least ``min_applicants`` different
    applicants asked (so a subject asked once never is)."""
    families: dict[str, list[SubjectInput]] = defaultdict(list)
    rest: list[SubjectInput] = []
    for n, item in enumerate(items):
        if progress and n % 2000 == 0:
            progress(n, len(items))
        family = primary_family(item.text)
        if family:
            families[family].append(item)
        elif keywords(item.text):          # only stop words: nothing to group by
            rest.append(item)
    signatures, members = _by_signature(rest)
    clusters = _clusters(signatures, [len(m) for m in members])
    grouped = [list(ms) for ms in families.values()]
    cores = [_core(*zip(*((keywords(it.text), 1) for it in ms))) for ms in grouped]
    for sigs in clusters:
        k = _closest(_core([signatures[i] for i in sigs], [len(members[i]) for i in sigs]), cores)
        found = [it for i in sigs for it in members[i]]
        if k < 0:
            grouped.append(found)
        else:
            grouped[k].extend(found)
    groups = [_describe(*_by_signature(ms)) for ms in grouped]
    groups = [g for g in groups if g.applicants >= min_applicants]
    groups.sort(key=lambda g: (-g.count, -g.applicants, g.label))
    return groups


def subject_label(texts: Iterable[str]) -> str:
    """The phrase of the field the texts use most often (ties: the longer, then the earlier family);
    empty when none names a subject of the field."""
    order = {phrase: k for k, (_, phrase, _) in enumerate(_phrase_patterns())}
    counts = Counter(phrase for text in texts for _, phrase in subject_phrases(text).values())
    if not counts:
        return ""
    return min(counts, key=lambda p: (-counts[p], -len(p), order[p]))


def _describe(sigs: list[frozenset[str]], members: list[list[SubjectInput]]) -> SubjectGroup:
    items = [it for ms in members for it in ms]
    word_count: Counter[str] = Counter()
    for sig, ms in zip(sigs, members):
        for w in sig:
            word_count[w] += len(ms)
    best = _medoid(sigs, members)
    rep = min(members[best], key=lambda m: (len(m.text), m.id)).text
    place = lambda w: (rep.find(w) if w in rep else len(rep), w)  # noqa: E731
    # most used first; ties in the representative's order (never the set's hash order, which varies by run)
    ranked = sorted(word_count, key=lambda w: (-word_count[w], *place(w)))
    common = [w for w in ranked if word_count[w] * 2 >= len(items)] or ranked[:2]
    common = _drop_contained(common)[:4]
    common.sort(key=place)
    dates = sorted(d for d in (it.received for it in items) if d)
    return SubjectGroup(
        label=subject_label(it.text for it in items) or _label(common, rep), representative=rep, count=len(items),
        applicants=len({it.applicant.strip() for it in items}),
        departments=tuple(sorted({it.department for it in items if it.department})),
        first=dates[0] if dates else None, last=dates[-1] if dates else None,
        keywords=tuple(common), case_ids=tuple(sorted(it.id for it in items)))


def _medoid(sigs: list[frozenset[str]], members: list[list[SubjectInput]]) -> int:
    """The wording most alike the rest of its group (weighted by how often each was asked), one
    naming no person if there is one; among the 200 most-asked wordings, so a huge group stays cheap."""
    top = sorted(range(len(sigs)), key=lambda i: -len(members[i]))[:200]
    def score(i: int) -> tuple:
        alike = sum(len(members[j]) * (1.0 if i == j else similarity(sigs[i], sigs[j])) for j in top)
        return not any(names_in(m.text) for m in members[i][:3]), alike, -min(len(m.text) for m in members[i])
    return max(top, key=score)


def _label(words: list[str], rep: str) -> str:
    """Words in the representative's order; neighbours written together there stay together."""
    out = words[0] if words else ""
    for prev, w in zip(words, words[1:]):
        out += w if prev + w in rep else "、" + w
    return out


def _drop_contained(words: list[str]) -> list[str]:
    """补偿 inside 补偿款 adds nothing to a label."""
    return [w for w in words if not any(w != o and w in o for o in words)]


def matches(text: str, subject_keywords: Iterable[str]) -> bool:
    """Whether a new request ``text`` is about the subject described by ``subject_keywords``."""
    return similarity(keywords(text), frozenset(subject_keywords)) >= THRESHOLD
