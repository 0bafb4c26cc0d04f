"""The demo year as a clerk's diary: each case's steps, dated in order and lawful, cut off at today."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from app.services.demos.demo_story import (
    ADDRESS, AGENCIES, AGENCY_CONSENT, ASKED_FOR, CONSENT, EMAIL, GENERAL, NAMES, OBJECTION, ORGS, POSTCODE,
    VAGUE,
)
from app.services.dto import RequestInput
from app.workflow.calendar import StatutoryCalendar
from app.workflow.deadline import (
    CaseClock, Correction, Extension, Pause, PauseKind, compute_deadline, third_party_answer_due,
)
from app.workflow.outcomes import Outcome
from app.workflow.status import Status

OUTCOMES = ([Outcome.DISCLOSED] * 10 + [Outcome.PARTIAL] * 3 + [Outcome.NOT_HELD] * 4 +
            [Outcome.THIRD_PARTY, Outcome.PROCESS_INFO, Outcome.STATE_SECRET, Outcome.NEEDS_CREATION,
             Outcome.PETITION, Outcome.REPEATED, Outcome.PUBLICATION, Outcome.OTHER])
CHANNELS = ("当面", "邮寄", "网络", "网络", "网络", "电子邮件", "平信")
EXTENSION_REASON = "所申请信息涉及多个年度的档案，需要调取档案馆存档材料并会同相关科室核实"
# The newest cases show every stage a person meets in a day (whatever the random year produced).
SHOWCASE = (Status.REPLIED, Status.REGISTERED, Status.AWAITING_CORRECTION, Status.HANDLING, Status.CONSULTING,
            Status.SIGN_OFF, Status.APPROVED, Status.RETURNED, Status.APPROVED)


@dataclass(frozen=True)
class Consult:
    kind: PauseKind
    party: str
    sent: date
    received: date | None = None
    answered: date | None = None
    answer: str = ""
    opinion: str = ""


@dataclass
class Story:
    """One case from receipt to archive; a date left None is a step that does not happen."""

    data: RequestInput
    outcome: Outcome
    company: str = ""
    correction: tuple[date, date | None, date | None, str, str] | None = None  # asked, served, got, items, new
    assign: date | None = None
    withdraw: date | None = None
    consult: Consult | None = None
    extension: date | None = None
    extension_served: date | None = None
    submit: date | None = None
    returned: date | None = None
    resubmit: date | None = None
    sign: date | None = None
    reply: date | None = None
    archive: date | None = None

    def steps(self, today: date) -> list[tuple[date, str]]:
        """The dated steps up to ``today``, in the order a clerk meets them."""
        c, k = self.correction, self.consult
        dated = [(self.data.arrival_date, "register"),
                 (c and c[0], "correct"), (c and c[1], "correction_served"), (c and c[2], "correction_received"),
                 (self.assign, "assign"), (self.withdraw, "withdraw"),
                 (k and k.sent, "consult"), (k and k.received, "consult_received"),
                 (k and k.answered, "consult_answered"), (self.extension, "extension"),
                 (self.extension_served, "extension_served"),
                 (self.submit, "submit"), (self.returned, "return"), (self.resubmit, "resubmit"),
                 (self.sign, "sign"), (self.reply, "reply"), (self.archive, "archive")]
        return [(d, name) for d, name in dated if d is not None and d <= today]


class Planner:
    """Working-day arithmetic on the statutory calendar, and the stories of one demo year."""

    def __init__(self, cal: StatutoryCalendar, today: date, rng: random.Random):
        self.cal, self.today, self.rng = cal, today, rng
        self.deck: list[Outcome] = []

    def ahead(self, d: date, n: int) -> date:
        return self.cal.add_workdays(d, n)

    def back(self, d: date, n: int) -> date:
        return self.cal.workdays_before(d, n) if n else d

    def due(self, s: Story, with_extension: bool = True) -> date:
        c = s.correction
        corrections = (Correction(c[0], c[2], 15, c[1]),) if c else ()
        pauses = ()
        if s.consult and s.consult.answered:
            window = third_party_answer_due(self.cal, s.consult.received) if s.consult.received else None
            pauses = (Pause(s.consult.kind, s.consult.sent, s.consult.answered, window),)
        ext = (Extension(s.extension, 20),) if with_extension and s.extension else ()
        clock = CaseClock(s.data.arrival_date, corrections, pauses, ext)
        return compute_deadline(clock, self.cal, self.today, explain=False).reply_due


def plan_year(today: date, cases: int, cal: StatutoryCalendar, seed: int = 2026) -> list[Story]:
    """``cases`` stories received from 1 October of last year to ``today``, the newest as showcases."""
    rng = random.Random(seed)
    p = Planner(cal, today, rng)
    start = date(today.year - 1, 10, 1)
    span = (today - start).days
    stories: list[Story] = []
    showcase_from = cases - len(SHOWCASE) if cases >= 2 * len(SHOWCASE) else cases
    for i in range(cases):
        receipt = start + timedelta(days=int(span * (i / cases) ** 0.9))
        while not cal.is_workday(receipt):
            receipt -= timedelta(days=1)
        if i >= showcase_from:
            stories.append(_showcase(p, i, SHOWCASE[i - showcase_from]))
        else:
            stories.append(_natural(p, i, receipt, stories))
    return stories


def _request(p: Planner, i: int, receipt: date, subject: str) -> RequestInput:
    rng = p.rng
    kind = rng.choices(("自然人", *ORGS), weights=(70, 14, 3, 4, 5, 4))[0]
    name = rng.choice(NAMES) if kind == "自然人" else rng.choice(ORGS[kind])
    delivery = rng.choice(("邮寄", "电子邮件", "自行领取"))
    channel = rng.choice(CHANNELS)
    confirmed = receipt if channel in ("网络", "电子邮件", "平信", "传真") else None
    return RequestInput(name, kind, channel, f"申请公开{subject}", receipt, confirmed,
                        number=f"演示〔{receipt.year}〕{i + 1}号", address=ADDRESS, postcode=POSTCODE,
                        email=EMAIL, requested_form="电子" if delivery == "电子邮件" else "纸质", delivery=delivery)


def _natural(p: Planner, i: int, receipt: date, earlier: list[Story]) -> Story:
    """Outcomes dealt from a shuffled deck, so even a small demo meets each; 补正, extensions and a
    returned draft every few cases."""
    rng = p.rng
    if not p.deck:
        p.deck = rng.sample(OUTCOMES, len(OUTCOMES))
    outcome = p.deck.pop()
    subject, company = rng.choice(ASKED_FOR.get(outcome, GENERAL))
    s = Story(_request(p, i, receipt, subject), outcome, company)
    if s.data.applicant_name in subject or s.data.applicant_name == company:   # never about itself
        s.data = replace(s.data, applicant_name=rng.choice(NAMES), applicant_type="自然人")
    if outcome is Outcome.REPEATED:
        _repeat_of(s, receipt, earlier)
    start = receipt
    if outcome not in ASKED_FOR and s.outcome is not Outcome.REPEATED and i % 6 == 2:
        vague, items, corrected = rng.choice(VAGUE)
        asked = p.ahead(receipt, rng.randint(1, 4))              # within 7 working days (Art 30)
        served = p.ahead(asked, 2)
        got = p.ahead(served, rng.randint(3, 10))                # within the notice's 15 working days
        s.data = replace(s.data, description=f"申请公开{vague}")
        s.correction = (asked, served, got, items, f"申请公开{corrected}")
        start = got
    s.assign = p.ahead(start, rng.randint(0, 2))
    if outcome is Outcome.OTHER:
        s.withdraw = p.ahead(s.assign, rng.randint(2, 8))
        return s
    _consultation(p, s)
    _decide(p, s, extended=i % 7 == 3, returned=i % 9 == 5)
    return s


def _repeat_of(s: Story, receipt: date, earlier: list[Story]) -> None:
    """A 重复申请 asks again what the same applicant was already answered; without one, it is disclosed."""
    answered = [e for e in earlier if e.reply and e.reply < receipt and e.outcome is Outcome.DISCLOSED]
    if not answered:
        s.outcome = Outcome.DISCLOSED
        return
    first = answered[-1]
    asked = first.correction[4] if first.correction else first.data.description     # what was answered
    s.data = replace(s.data, applicant_name=first.data.applicant_name, applicant_type=first.data.applicant_type,
                     description=asked)


def _consultation(p: Planner, s: Story) -> None:
    """A third party that says 不同意 is followed by 不予公开 (三.4): the demo never discloses over an
    objection (Art 32's own path is for the office to take, with its notice). The others consent."""
    rng = p.rng
    if s.outcome is Outcome.THIRD_PARTY:
        party, answer, opinion, kind = s.company, "不同意", OBJECTION, PauseKind.THIRD_PARTY
    elif s.outcome is Outcome.DISCLOSED and s.data.description.removeprefix("申请公开") in dict(AGENCIES):
        agency = dict(AGENCIES)[s.data.description.removeprefix("申请公开")]     # a co-producing agency
        party, answer, opinion, kind = agency, "同意", AGENCY_CONSENT, PauseKind.OTHER_AGENCY
    elif s.outcome is Outcome.DISCLOSED and s.company and rng.random() < 0.5:
        party, answer, opinion, kind = s.company, "同意", CONSENT, PauseKind.THIRD_PARTY
    else:
        return
    sent = p.ahead(s.assign, rng.randint(2, 5))
    received = p.ahead(sent, rng.randint(1, 3))
    answered = p.ahead(received, rng.randint(4, 13))             # within its 15 working days (Art 32)
    s.consult = Consult(kind, party, sent, received, answered, answer, opinion)


def _decide(p: Planner, s: Story, extended: bool, returned: bool) -> None:
    rng = p.rng
    last = s.consult.answered if s.consult else s.assign
    due = p.due(s)
    if extended and p.back(due, 3) >= last:
        s.extension = p.back(due, rng.randint(1, 3))              # approved before the original due
        s.extension_served = min(p.ahead(s.extension, 1), due)   # and the applicant told before it
        reply = min(p.ahead(due, rng.randint(2, 12)), p.due(s))
        last = s.extension
    else:
        room = p.cal.workdays_between(last, due)
        reply = p.ahead(last, max(3, min(room, rng.randint(4, 15))))
    s.submit = max(last, p.back(reply, 3 if returned else 2))
    if s.submit.year < reply.year:                # dated and numbered in the year it is served
        s.submit = max(last, p.ahead(date(reply.year - 1, 12, 31), 1))
    if returned:
        s.returned = p.ahead(s.submit, 1)
        s.resubmit = p.ahead(s.returned, 1)
    s.sign = p.ahead(s.resubmit or s.submit, 1)
    s.reply = max(reply, s.sign)
    s.archive = p.ahead(s.reply + timedelta(days=30), 1)


def _showcase(p: Planner, i: int, status: Status) -> Story:
    """A newest case whose story stops today at ``status``."""
    t = p.today
    outcome = p.rng.choice((Outcome.DISCLOSED, Outcome.NOT_HELD, Outcome.PROCESS_INFO))
    subject, _ = p.rng.choice(ASKED_FOR.get(outcome, GENERAL))
    back = {Status.REGISTERED: 0, Status.AWAITING_CORRECTION: 3, Status.HANDLING: 5, Status.CONSULTING: 9,
            Status.SIGN_OFF: 12, Status.RETURNED: 14, Status.APPROVED: 15, Status.REPLIED: 16}[status]
    s = Story(_request(p, i, p.back(t, back), subject), outcome)
    if status is Status.AWAITING_CORRECTION:
        vague, items, corrected = VAGUE[0]
        s.data = replace(s.data, description=f"申请公开{vague}")
        s.correction = (p.back(t, 1), t, None, items, f"申请公开{corrected}")
        return s
    if status is Status.REGISTERED:
        return s
    s.assign = p.ahead(s.data.arrival_date, 1)
    if status is Status.CONSULTING:
        s.outcome, s.company = Outcome.THIRD_PARTY, "江南恒泰置业有限公司"
        s.data = replace(s.data, description="申请公开锦绣花园小区建设工程规划许可证及附图")
        s.consult = Consult(PauseKind.THIRD_PARTY, s.company, p.back(t, 3), p.back(t, 1))
        return s
    if status is Status.HANDLING:
        return s
    s.submit = {Status.SIGN_OFF: t, Status.RETURNED: p.back(t, 2), Status.APPROVED: p.back(t, 3),
                Status.REPLIED: p.back(t, 4)}[status]
    if status is Status.RETURNED:
        s.returned = p.back(t, 1)
    if status in (Status.APPROVED, Status.REPLIED):
        s.sign = p.back(t, 1 if status is Status.APPROVED else 2)
    if status is Status.REPLIED:
        s.reply = t
    return s

