"""The online service's limits and the stage/document rules both stores (Python and PostgreSQL) apply.

The PostgreSQL functions receive the numbers below as arguments, so the limits live here only.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.exports.letters.kinds import LetterKind
from app.workflow.vocabulary import Delivery


@dataclass(frozen=True)
class Limit:
    """``hits`` per ``window`` seconds; past it, blocked for ``base`` seconds, doubled per repeat, ≤ ``most``."""

    scope: str
    hits: int
    window: int
    base: int
    most: int


# Wrong 查询码/last-4 answers: per code (protects one case's last-4 digits) and per address (guessing codes).
WRONG_PER_CODE = Limit("code", 5, 900, 900, 86400)
WRONG_PER_ADDRESS = Limit("addr", 20, 900, 300, 86400)
# Submissions per address: generous (a family, an office behind one NAT) but it stops a script.
SUBMIT_PER_ADDRESS = Limit("submit", 20, 3600, 600, 86400)
# A flood the desk sees flagged (never dropped): this many from one address, or with one text, in the window.
FLOOD_SAME_SOURCE = 5
FLOOD_SAME_TEXT = 3
FLOOD_WINDOW_HOURS = 24

# Documents the applicant may fetch online, when they chose 在线获取 or 电子邮件.
ONLINE_KINDS = (LetterKind.CORRECTION, LetterKind.EXTENSION, LetterKind.REPLY)
ONLINE_DELIVERY = (Delivery.ONLINE.value, Delivery.EMAIL.value)
WEB_USER = "online"                  # the audit's actor for what the applicant does online
WEB_ORIGIN = "网上申请平台"
