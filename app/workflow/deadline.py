"""Due dates derived from a case's clock events (domain §3), each with a readable explanation."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from app.workflow.calendar import StatutoryCalendar
from app.workflow.dates import cn_date

REPLY_DAYS = 20
MAX_EXTENSION = 20
CORRECTION_NOTICE_DAYS = 7
THIRD_PARTY_DAYS = 15
FEE_PAYMENT_DAYS = 20


class PauseKind(StrEnum):
    THIRD_PARTY = "征求第三方意见"
    OTHER_AGENCY = "征求其他机关意见"
    FEE = "缴纳信息处理费"

    @property
    def basis(self) -> str:
        """Why the time is not counted: Art 33(3) excludes consultation time (Art 32/34 only set the
        15-day window); the fee rules exclude the time to pay."""
        return {
            PauseKind.THIRD_PARTY: "条例第三十三条第三款；第三方答复期限见条例第三十二条",
            PauseKind.OTHER_AGENCY: "条例第三十三条第三款；被征求意见机关答复期限见条例第三十四条",
            PauseKind.FEE: "《政府信息公开信息处理费管理办法》",
        }[self]

    @property
    def is_consultation(self) -> bool:
        return self is not PauseKind.FEE


@dataclass(frozen=True)
class Correction:
    """A 补正 request; the clock restarts from ``received_on`` (Art 30).

    ``period_days`` is the period written in the notice (None: the office default); it runs from
    ``notice_served_on``, the day the applicant received the notice (送达).
    """

    requested_on: date
    received_on: date | None = None
    period_days: int | None = None
    notice_served_on: date | None = None


@dataclass(frozen=True)
class Pause:
    """Time not counted: sent < d <= ended, never past the window's end (or today while still open).

    A consultation without ``window_end`` (the party's receipt not recorded) counts its 15 working
    days from the sending date and says so.
    """

    kind: PauseKind
    started_on: date
    ended_on: date | None = None
    window_end: date | None = None


@dataclass(frozen=True)
class Extension:
    approved_on: date
    days: int


@dataclass(frozen=True)
class CaseClock:
    """Everything the deadline depends on; ``receipt`` is None until the receipt is confirmed."""

    receipt: date | None
    corrections: tuple[Correction, ...] = ()
    pauses: tuple[Pause, ...] = ()
    extensions: tuple[Extension, ...] = ()
    override_due: date | None = None
    override_reason: str = ""


@dataclass(frozen=True)
class Policy:
    """Office-configurable numbers (domain §3 defaults)."""

    draft_lead_days: int = 3
    correction_period_days: int = 15
    amber_days: int = 5
    red_days: int = 2


class ClockState(StrEnum):
    UNCONFIRMED = "待确认"
    AWAITING_CORRECTION = "待补正"
    RUNNING = "计时中"
    PAUSED_CONSULTATION = "暂停计时（征求意见中）"
    PAUSED_FEE = "暂停计时（待缴费）"


@dataclass(frozen=True)
class Deadline:
    state: ClockState
    start: date | None = None
    reply_due: date | None = None
    draft_due: date | None = None
    correction_notice_due: date | None = None
    correction_reply_due: date | None = None        # the applicant's 补正 due, once the notice is served
    correction_reply_hint: date | None = None       # provisional, from the sending date, while 未送达
    paused_days: int = 0
    extension_days: int = 0
    provisional_years: tuple[int, ...] = ()
    fixed_dates: tuple[date, ...] = ()              # set by the office (Art 35), not counted: never 暂定
    explanation: tuple[str, ...] = field(default=())
    warnings: tuple[str, ...] = ()                  # e.g. 第三方收到日期未登记

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)

    def mark(self, d: date | None) -> str:
        """"（暂定）" when ``d`` was counted through a year without its holiday notice."""
        return "" if d in self.fixed_dates else provisional_mark(d, self.provisional_years)


def provisional_mark(d: date | None, years: tuple[int, ...]) -> str:
    """"（暂定）" for a date of this case counted through one of ``years`` (unpublished years the
    case's counting crossed; a date counted to or past such a year went through it)."""
    return "（暂定）" if d is not None and any(y <= d.year for y in years) else ""


def compute_deadline(
    clock: CaseClock, cal: StatutoryCalendar, as_of: date, policy: Policy = Policy(),
    explain: bool = True,
) -> Deadline:
    """Compute every due date of a case from its events. ``as_of`` bounds still-open pauses.

    ``explain=False`` skips the wording (and the day-by-day holiday scan) for bulk work.
    """
    if clock.receipt is None:
        return Deadline(ClockState.UNCONFIRMED, explanation=("申请尚未确认收到，答复期限未起算。",))
    receipt = clock.receipt
    notice_due = cal.add_workdays(receipt, CORRECTION_NOTICE_DAYS)
    lines = [f"收到申请之日：{cn_date(receipt)}。"]
    late = _late_notice(clock.corrections, notice_due)
    lines += late
    start = receipt
    for c in clock.corrections:
        if c.received_on is None:
            d = _awaiting_correction(c, cal, policy, notice_due, lines)
            return replace(d, warnings=d.warnings + LATE_NOTICE) if late else d
        start = c.received_on
        lines.append(
            f"{cn_date(c.requested_on)}告知补正，{cn_date(c.received_on)}收到补正后的申请，"
            "答复期限自该日重新起算（条例第三十条）。"
        )
    lines.append(f"起算日：{cn_date(start)}（当日不计入，次日起算）。")
    lines.append(f"法定期限：{REPLY_DAYS}个工作日（条例第三十三条第二款）。")

    paused, pause_lines, warnings = _paused(clock.pauses, start, as_of, cal)
    lines += pause_lines
    ext = min(MAX_EXTENSION, sum(e.days for e in clock.extensions))
    for e in clock.extensions:
        lines.append(f"延长答复期限：{e.days}个工作日，{cn_date(e.approved_on)}经批准（条例第三十三条第二款）。")

    computed = cal.add_workdays(start, REPLY_DAYS + paused + ext)
    due = computed
    if clock.override_due is not None:
        due = clock.override_due
        lines.append(
            f"按规则计算为{cn_date(computed)}；依条例第三十五条另行确定合理期限至{cn_date(due)}"
            f"（理由：{clock.override_reason or '未填写'}）。"
        )
    if explain:
        specials = cal.special_days_between(start, due)
        if specials:
            lines.append("期间节假日与调休：" + "；".join(s.describe() for s in specials) + "。")
        else:
            lines.append("期间无法定节假日或调休。")
    provisional = tuple(cal.provisional_years(receipt, max(due, notice_due)))
    lines += [cal.provisional_note(y) for y in provisional]
    fixed = (due,) if clock.override_due is not None else ()
    lines.append(f"应答复日期：{cn_date(due)}{'' if fixed else provisional_mark(due, provisional)}。")
    draft = cal.workdays_before(due, policy.draft_lead_days)
    lines.append(f"承办处室报送答复草稿期限：{cn_date(draft)}{provisional_mark(draft, provisional)}"
                 f"（应答复日期前{policy.draft_lead_days}个工作日）。")
    return Deadline(
        _running_state(clock.pauses, as_of, cal), start=start, reply_due=due, draft_due=draft,
        correction_notice_due=notice_due, paused_days=paused, extension_days=ext,
        provisional_years=provisional, fixed_dates=fixed, explanation=tuple(lines),
        warnings=warnings + (LATE_NOTICE if late else ()),
    )


LATE_NOTICE = ("补正告知逾期",)


def _late_notice(corrections: tuple[Correction, ...], notice_due: date) -> list[str]:
    """Art 30: the (first) 补正 notice is due within 7 working days of receipt; a later one is marked."""
    if not corrections or corrections[0].requested_on <= notice_due:
        return []
    return [f"补正告知于{cn_date(corrections[0].requested_on)}发出，晚于收到申请之日起{CORRECTION_NOTICE_DAYS}个工作日"
            f"（应于{cn_date(notice_due)}前告知，条例第三十条），为逾期告知（理由见补正记录）。"]


def _running_state(pauses: tuple[Pause, ...], as_of: date, cal: StatutoryCalendar) -> ClockState:
    """计时中, unless a consultation or fee pause still runs on ``as_of`` (open, within its window;
    a consultation whose receipt is unrecorded has its window counted from sending, as in ``_paused``)."""
    for p in pauses:
        window = p.window_end
        if window is None and p.kind.is_consultation:
            window = cal.add_workdays(p.started_on, THIRD_PARTY_DAYS)
        if p.ended_on is None and (window is None or as_of <= window):
            return ClockState.PAUSED_FEE if p.kind is PauseKind.FEE else ClockState.PAUSED_CONSULTATION
    return ClockState.RUNNING


def correction_due(c: Correction, cal: StatutoryCalendar, policy: Policy = Policy()) -> date | None:
    """The applicant's 补正 due: the notice's own period from the day the notice was served (§3)."""
    if c.notice_served_on is None:
        return None
    return cal.add_workdays(c.notice_served_on, c.period_days or policy.correction_period_days)


def _awaiting_correction(c: Correction, cal: StatutoryCalendar, policy: Policy, notice_due: date,
                         lines: list[str]) -> Deadline:
    period = c.period_days or policy.correction_period_days
    due = correction_due(c, cal, policy)
    hint = None
    if due is not None:
        lines.append(f"{cn_date(c.requested_on)}发出补正申请告知书，申请人{cn_date(c.notice_served_on)}收到，"
                     f"告知书载明的补正期限为{period}个工作日，应于{cn_date(due)}前补正；"
                     "补正期间答复期限不计算，收到补正后重新起算（条例第三十条）。")
    else:
        hint = cal.add_workdays(c.requested_on, period)
        lines.append(f"{cn_date(c.requested_on)}发出补正申请告知书，未送达（申请人收到日期未登记）；"
                     f"补正期限{period}个工作日自申请人收到之日起算，暂按发出日期估算为{cn_date(hint)}，"
                     "登记送达日期后确定。")
    last = max(x for x in (notice_due, due, hint) if x is not None)
    provisional = tuple(cal.provisional_years(c.requested_on, last))
    lines += [cal.provisional_note(y) for y in provisional]
    return Deadline(ClockState.AWAITING_CORRECTION, start=None, correction_notice_due=notice_due,
                    correction_reply_due=due, correction_reply_hint=hint, provisional_years=provisional,
                    explanation=tuple(lines), warnings=() if due else ("补正告知书未送达",))


def _paused(pauses: tuple[Pause, ...], start: date, as_of: date, cal: StatutoryCalendar
            ) -> tuple[int, list[str], tuple[str, ...]]:
    """Working days not counted: each pause capped at its window, overlaps counted once (§3)."""
    lines, warnings, spans = [], [], []
    for p in sorted(pauses, key=lambda p: p.started_on):
        window, note = p.window_end, ""
        if window is None and p.kind.is_consultation:
            window = cal.add_workdays(p.started_on, THIRD_PARTY_DAYS)
            if p.ended_on is None:      # once answered, the party's receipt no longer matters
                note = f"；对方收到日期未登记，答复期限暂自发出日期起算至{cn_date(window)}"
                warnings.append("第三方收到日期未登记" if p.kind is PauseKind.THIRD_PARTY else "被征求意见机关收到日期未登记")
        elif window is None and p.ended_on is None:      # a fee notice not yet served (未送达)
            note = (f"；缴费通知书未送达（申请人收到日期未登记），缴费期限暂按发出日期估算至"
                    f"{cn_date(cal.add_workdays(p.started_on, FEE_PAYMENT_DAYS))}，登记送达日期后确定")
            warnings.append("缴费通知书未送达")
        end = p.ended_on or as_of
        state = "" if p.ended_on else "（尚未结束）"
        if window is not None and end > window:
            state = f"（{'答复晚于' if p.ended_on else '尚未答复，'}答复期限届满之日{cn_date(window)}，计至该日）"
            end = window
        lo = max(p.started_on, start)
        spans.append((lo, end))
        n = cal.workdays_between(lo, end) if end > lo else 0
        lines.append(f"不计算期间：{p.kind}，{cn_date(p.started_on)}至{cn_date(end)}{state}，"
                     f"不计{n}个工作日（{p.kind.basis}{note}）。")
    merged: list[tuple[date, date]] = []
    for lo, hi in sorted(s for s in spans if s[1] > s[0]):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    total = sum(cal.workdays_between(lo, hi) for lo, hi in merged)
    separate = sum(cal.workdays_between(lo, hi) for lo, hi in spans if hi > lo)
    if separate != total:
        lines.append(f"以上不计算期间相互重叠，重叠的{separate - total}个工作日只计一次，共不计{total}个工作日。")
    return total, lines, tuple(dict.fromkeys(warnings))


def third_party_answer_due(cal: StatutoryCalendar, letter_received_on: date) -> date:
    """The third party has 15 working days from receiving the consultation letter (Art 32)."""
    return cal.add_workdays(letter_received_on, THIRD_PARTY_DAYS)


def fee_payment_due(cal: StatutoryCalendar, notice_received_on: date) -> date:
    """20 working days to pay, counted from the day after the notice is received."""
    return cal.add_workdays(notice_received_on, FEE_PAYMENT_DAYS)


class Urgency(StrEnum):
    NONE = ""
    AMBER = "临近"
    RED = "紧急"
    OVERDUE = "逾期"


def urgency(cal: StatutoryCalendar, due: date | None, today: date, policy: Policy = Policy()) -> Urgency:
    """Warning level for an open case: amber within 5 working days, red within 2, overdue after."""
    if due is None:
        return Urgency.NONE
    if today > due:
        return Urgency.OVERDUE
    left = cal.workdays_between(today, due)
    if left <= policy.red_days:
        return Urgency.RED
    if left <= policy.amber_days:
        return Urgency.AMBER
    return Urgency.NONE
