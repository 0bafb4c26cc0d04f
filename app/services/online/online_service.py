"""The applicant's side of the online service: submit, follow the case, answer a 补正, fetch documents.

Stateless: every fact (submissions, hashed 查询码, throttle counters) is in the database, so several
workers share it. On PostgreSQL the web connects as ``dd_web`` and each use case is one call of a SECURITY
DEFINER function (app/migrations/sql/i23_online.sql); on SQLite the same rules run in Python
(app/services/online/store_sqlite.py). Validation, sniffing and the code's hashing run here in Python on
both, before the store is called, so both paths share them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Callable

from app.services.online.dto import (Client, OnlineAgency, OnlineApplication, PublicStatus,
                                     SubmissionReceipt, Upload)
from app.services.uow import Database


class OnlineService:
    """One use case per method; raises the errors of app/services/online/dto.py (Chinese messages).

    Args:
        db: the database (on PostgreSQL opened as ``dd_web``; see :meth:`open`).
        secret: the server secret keying the 查询码 hash, the last-4 hashes and the address hash
            (at least 32 bytes; :func:`app.services.online.codes.load_secret` reads it). Every worker
            must use the same one; changing it makes every issued 查询码 unusable.
    """

    def __init__(self, db: Database, secret: bytes, today: Callable[[], date] = date.today,
                 now: Callable[[], datetime] = datetime.now):
        self._db = db
        self._secret = secret
        self._today = today
        self._now = now

    @classmethod
    def open(cls, url: str, secret: bytes) -> "OnlineService":
        """The service on a database URL (PostgreSQL: the dd_web role's URL; no migration is run)."""
        raise NotImplementedError

    def agencies(self) -> list[OnlineAgency]:
        """Agencies taking online applications, in code order; one agency → the web skips the choice."""
        raise NotImplementedError

    def issue_challenge(self) -> str:
        """A signed, timestamped form token to put in a hidden field (the cheap anti-robot check)."""
        raise NotImplementedError

    def check_cheap_challenge(self, token: str, honeypot: str = "") -> None:
        """Refuse (OnlineForbidden) a form posted without a valid token, sooner than 3 s or later than 2 h
        after it was issued, or with the hidden honeypot field filled in. Stops naive scripts that post
        blindly or fill every field; does not stop a real browser driven by a patient person."""
        raise NotImplementedError

    def submit(self, agency_code: str | None, app: OnlineApplication, uploads: list[Upload],
               client: Client) -> SubmissionReceipt:
        """Validate (OnlineInvalid, per field), sniff uploads, create the 待确认 网络 request in the agency
        and return the receipt with the new 查询码 (≥ 80 random bits, shown this once, stored hashed).
        Throttled per address (OnlineThrottled); a flood is flagged for the desk, never dropped."""
        raise NotImplementedError

    def status(self, query_code: str, last4: str, client: Client) -> PublicStatus:
        """The case's public status. Wrong code or last-4 → OnlineNotFound (one message); too many wrong
        attempts for the code or from the address → OnlineThrottled with back-off."""
        raise NotImplementedError

    def answer_correction(self, query_code: str, last4: str, text: str, uploads: list[Upload],
                          client: Client) -> None:
        """The applicant's answer to an open 补正告知书 (text and files), queued for the clerk to accept.
        OnlineForbidden when no 补正 is asked or it is already answered; OnlineInvalid for empty text or
        bad files."""
        raise NotImplementedError

    def download(self, query_code: str, last4: str, document_id: int, client: Client) -> tuple[str, bytes]:
        """(filename, signed PDF) of a document offered online; the first download is recorded as its
        电子送达 (served on that day). OnlineForbidden for a document not offered to this case."""
        raise NotImplementedError
