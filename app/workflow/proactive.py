"""依申请转主动公开 (Art 44): candidates, the three decisions, what each needs, and when one is overdue."""

from __future__ import annotations

from dataclasses import dataclass
from collections import Counter
from datetime import date, timedelta
from enum import StrEnum
from typing import Iterable

from app.workflow.outcomes import Outcome

REMIND_AFTER_DAYS = 30          # an undecided candidate shows on the workbench after this many days
# Decisions (and table 三 groups) saying the information, or part of it, may not be disclosed.
RESTRICTED_DECISIONS = ("不予公开", "部分公开")
RESTRICTED_GROUPS = ("二", "三")
UNFINISHED = "未办结"


class ProactiveDecision(StrEnum):
    CONVERT = "转为主动公开"
    DECLINE = "不转"
    DEFER = "暂缓"


class CandidateSource(StrEnum):
    FREQUENT = "集中申请"
    FLAGGED = "登记员标记"


@dataclass(frozen=True)
class Candidate:
    """One candidate and its decision, as the services hand it out."""

    id: int
    label: str
    keywords: tuple[str, ...]
    representative: str
    source: str
    request_number: str
    request_count: int
    applicant_count: int
    period_start: date | None
    period_end: date | None
    created_on: date
    created_by: str
    decision: str
    decided_on: date | None
    decided_by: str
    published_on: date | None
    column_name: str
    url: str
    doc_number: str
    reason: str
    outcomes: tuple[tuple[str, int], ...] = ()     # (outcome, number of its requests), most first
    restricted: int = 0                            # its requests answered 不予公开 or 部分公开

    @property
    def outcome_text(self) -> str:
        """予以公开3件、不予公开（属于国家秘密）1件 — or 无申请记录 (a candidate older than the record)."""
        return "、".join(f"{label}{n}件" for label, n in self.outcomes) or "无申请记录"

    @property
    def open(self) -> bool:
        """No final decision yet (undecided or 暂缓)."""
        return self.decision in ("", ProactiveDecision.DEFER)

    @property
    def converted(self) -> bool:
        return self.decision == ProactiveDecision.CONVERT

    @property
    def state(self) -> str:
        return self.decision or "待决定"

    @property
    def where(self) -> str:
        """Where the information is published: 栏目 and/or URL."""
        return "，".join(x for x in (self.column_name, self.url) if x)

    def waiting_since(self) -> date:
        return self.decided_on if self.decision == ProactiveDecision.DEFER and self.decided_on else self.created_on


def is_restricted(outcome_code: str | None, decision: str) -> bool:
    """Whether a request's answer withheld the information, wholly or in part (不予公开, 部分公开)."""
    group = outcome_code.split(".")[0] if outcome_code else ""
    return decision in RESTRICTED_DECISIONS or group in RESTRICTED_GROUPS


def outcome_name(outcome_code: str | None, decision: str) -> str:
    """How a request was answered, as the candidate lists it: 予以公开, 不予公开（属于国家秘密）, 未办结 …"""
    try:
        outcome = Outcome.from_code(outcome_code or "")
    except ValueError:
        return decision or UNFINISHED
    if outcome.group == "三":
        return f"不予公开（{outcome.label}）"
    return outcome.label


def outcome_summary(answers: Iterable[tuple[str | None, str]]) -> tuple[tuple[str, int], ...]:
    """(outcome, count) of a candidate's requests from their (outcome code, decision), most first."""
    counts = Counter(outcome_name(code, decision) for code, decision in answers)
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def restricted_warning(c: Candidate) -> str:
    """The warning shown before converting a subject some of whose requests were withheld; '' if none."""
    if not c.restricted:
        return ""
    return (f"注意：该事项的申请中有{c.restricted}件答复为不予公开或部分公开（{c.outcome_text}）。"
            "条例第四十四条只将“属于可以公开的”政府信息转为主动公开：转为主动公开前请核实拟公开的信息可以公开，"
            "并在“理由或说明”中写明理由（记入日志）。")


def decision_problem(decision: str, published_on: date | None, column_name: str, url: str,
                     reason: str, today: date, restricted: int = 0) -> tuple[str, str] | None:
    """(field, Chinese message) when a decision lacks what it needs, else None. ``restricted``: how many of
    the subject's requests were answered 不予公开 or 部分公开."""
    try:
        d = ProactiveDecision(decision)
    except ValueError:
        return "decision", "请选择决定：转为主动公开、不转或暂缓。"
    if d is ProactiveDecision.CONVERT:
        if published_on is None:
            return "published_on", "转为主动公开须填写公开日期。"
        if published_on > today:
            return "published_on", "公开日期不能晚于今天；尚未公开的，请先选择“暂缓”。"
        if not (column_name.strip() or url.strip()):
            return "column_name", "转为主动公开须写明公开的栏目或网址，以便答复后续申请时告知获取途径。"
        if restricted and not reason.strip():
            return "reason", (f"该事项的申请中有{restricted}件答复为不予公开或部分公开。转为主动公开须在“理由或说明”"
                              "中写明拟公开的信息属于可以公开的理由（条例第四十四条）。")
    if d is ProactiveDecision.DECLINE and not reason.strip():
        return "reason", "不转为主动公开须说明理由。"
    return None


def overdue(candidates: list[Candidate], today: date) -> list[Candidate]:
    """Open candidates waiting for a decision for 30 days or more, the longest waiting first."""
    limit = today - timedelta(days=REMIND_AFTER_DAYS)
    return sorted((c for c in candidates if c.open and c.waiting_since() <= limit), key=Candidate.waiting_since)


def conversion_note(c: Candidate) -> str:
    """What the registration form tells the clerk about a later request on a converted subject."""
    where = c.where or "（未登记栏目）"
    number = f"，文号{c.doc_number}" if c.doc_number else ""
    return (f"该事项“{c.label}”已于{c.published_on:%Y-%m-%d}转为主动公开（{where}{number}）。"
            "可告知申请人获取途径，按第三十六条第（一）项答复（已主动公开）。")


def conversions_paragraph(year: int, converted: list[Candidate] | tuple[Candidate, ...]) -> str:
    """The annual report's sentence on Art 44 conversions (section 六), empty when there were none."""
    if not converted:
        return ""
    items = "；".join(
        f"{c.label}（{c.published_on.month}月{c.published_on.day}日公开于{c.where or '本机关网站'}"
        + (f"，{c.doc_number}" if c.doc_number else "") + "）" for c in converted)
    return (f"{year}年，本机关对申请量大、重复性高的政府信息，依照《中华人民共和国政府信息公开条例》第四十四条"
            f"转为主动公开{len(converted)}项：{items}。")
