"""The applicant's side of the online service: submit, follow the case, answer a 补正, fetch documents.

Stateless: every fact (submissions, hashed 查询码, throttle counters) is in the database, so several
workers share it. On PostgreSQL the web connects as ``dd_web`` and each database step is one call of a
SECURITY DEFINER function (app/migrations/sql/online_core.sql, via store_pg.py); on SQLite the same steps
run in Python (store_python.py). Validation, sniffing, hashing, throttling decisions and the public view
run here in Python on both, so both paths share them.
"""

from __future__ import annotations

import time
from dataclasses import fields
from datetime import date, datetime
from typing import Callable

from app.services.dto import RequestInput
from app.services.online import codes, store_pg, store_python
from app.services.online.application_check import check_application
from app.services.online.dto import (Client, OnlineAgency, OnlineApplication, OnlineForbidden, OnlineInvalid,
                                     OnlineNotFound, OnlineThrottled, PublicStatus, SubmissionReceipt, Upload)
from app.services.online.public_status import build_status
from app.services.online.rules import SUBMIT_PER_ADDRESS, WRONG_PER_ADDRESS, WRONG_PER_CODE
from app.services.online.submission_lines import receipt_lines
from app.services.online.uploads import check_uploads
from app.services.uow import Database

CHALLENGE_MIN_SECONDS = 3
CHALLENGE_MAX_SECONDS = 7200
_KEEP = {f.name for f in fields(RequestInput)} - {"number", "channel", "confirmation_date"}


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
        if len(secret) < 32:
            raise ValueError("the online secret must hold at least 32 bytes")
        self._db = db
        self._secret = secret
        self._today = today
        self._now = now
        self._store = store_pg if db.dialect == "postgresql" else store_python

    @classmethod
    def open(cls, url: str, secret: bytes) -> "OnlineService":
        """The service on a database URL (PostgreSQL: the dd_web role's URL; no migration is run)."""
        return cls(Database.open(url, migrate="://" not in url), secret)

    def agencies(self) -> list[OnlineAgency]:
        """Agencies taking online applications, in code order; one agency → the web skips the choice."""
        with self._db.read() as uow:
            return [OnlineAgency(*row) for row in self._store.agencies(uow.session)]

    # -- the cheap anti-robot check -------------------------------------------------------------
    def issue_challenge(self) -> str:
        """A signed, timestamped form token to put in a hidden field (the cheap anti-robot check)."""
        stamp = str(int(time.time()))
        return f"{stamp}.{codes.sign(self._secret, stamp)}"

    def check_cheap_challenge(self, token: str, honeypot: str = "") -> None:
        """Refuse (OnlineForbidden) a form posted without a valid token, sooner than 3 s or later than 2 h
        after it was issued, or with the hidden honeypot field filled in. Stops naive scripts that post
        blindly or fill every field; does not stop a real browser driven by a patient person."""
        stamp, _, mac = (token or "").partition(".")
        ok = stamp.isdigit() and codes.sign(self._secret, stamp) == mac and not honeypot.strip()
        age = time.time() - int(stamp) if stamp.isdigit() else -1
        if not ok or not CHALLENGE_MIN_SECONDS <= age <= CHALLENGE_MAX_SECONDS:
            raise OnlineForbidden("表单已过期或提交过快，请重新打开页面，填写后再提交。")

    # -- use cases ----------------------------------------------------------------------------
    def submit(self, agency_code: str | None, app: OnlineApplication, uploads: list[Upload],
               client: Client) -> SubmissionReceipt:
        """Validate (OnlineInvalid, per field), sniff uploads, create the 待确认 网络 request in the agency
        and return the receipt with the new 查询码 (100 random bits, shown this once, stored hashed).
        Throttled per address (OnlineThrottled); a flood is flagged for the desk, never dropped."""
        today, now = self._today(), self._now()
        data, errors = check_application(app, today)
        files, file_errors = check_uploads(uploads)
        errors.update(file_errors)
        if errors:
            raise OnlineInvalid(errors)
        code = codes.new_code()
        code_h = codes.code_hash(self._secret, codes.normalise_code(code))
        id4 = codes.last4(data.id_number)
        hashes = {"code_hash": code_h, "phone4_hash": codes.last4_hash(self._secret, code_h, codes.last4(data.phone)),
                  "id4_hash": codes.last4_hash(self._secret, code_h, id4) if id4 else "",
                  "client_hash": codes.client_hash(self._secret, client.address),
                  "text_hash": codes.text_hash(data.description)}
        values = {k: getattr(data, k) for k in _KEEP}
        with self._db.uow() as uow:
            wait = self._store.throttle(uow.session, SUBMIT_PER_ADDRESS, hashes["client_hash"], now, True)
            if wait:
                uow.commit()                       # the hit is counted even though refused
                raise OnlineThrottled(wait)
            made = self._store.submit(uow.session, agency_code, values, hashes, files, now)
            if made is None:
                raise OnlineInvalid({"agency": "请选择受理单位。"})
            uow.commit()
        return SubmissionReceipt(code, made[1], now, receipt_lines(app, data), [f.filename for f in files])

    def _keys(self, query_code: str, last4: str, client: Client) -> tuple[str, str, str]:
        normal = codes.normalise_code(query_code)
        code_h = codes.code_hash(self._secret, normal or "invalid:" + (query_code or "")[:40])
        digits = codes.last4(last4) if len((last4 or "").strip()) == 4 else ""
        return code_h, codes.last4_hash(self._secret, code_h, digits) if digits else "", \
            codes.client_hash(self._secret, client.address)

    def _guarded(self, query_code: str, last4: str, client: Client, step):
        """Run ``step(session, code_hash, last4_hash)`` behind the per-code and per-address limits; a
        wrong code or last-4 counts against both, with back-off."""
        code_h, last4_h, addr_h = self._keys(query_code, last4, client)
        now = self._now()
        with self._db.uow() as uow:
            s = uow.session
            pairs = [(WRONG_PER_ADDRESS, addr_h), (WRONG_PER_CODE, code_h)]
            wait = self._store.throttle_all(s, pairs, now, False)
            if wait:
                raise OnlineThrottled(wait)
            result = step(s, code_h, last4_h)
            if result is None or result == "notfound":
                wait = self._store.throttle_all(s, pairs, now, True)
                uow.commit()
                raise OnlineThrottled(wait) if wait else OnlineNotFound()
            uow.commit()
        return result

    def status(self, query_code: str, last4: str, client: Client) -> PublicStatus:
        """The case's public status. Wrong code or last-4 → OnlineNotFound (one message); too many wrong
        attempts for the code or from the address → OnlineThrottled with back-off."""
        facts = self._guarded(query_code, last4, client, self._store.public_facts)
        return build_status(facts)

    def answer_correction(self, query_code: str, last4: str, text: str, uploads: list[Upload],
                          client: Client) -> None:
        """The applicant's answer to an open 补正告知书 (text and files), queued for the clerk to accept.
        OnlineForbidden when no 补正 is asked or it is already answered; OnlineInvalid for empty text or
        bad files."""
        body = (text or "").strip()
        files, errors = check_uploads(uploads)
        if not body:
            errors["text"] = "请填写补正内容（按补正告知书的要求说明或更正所需信息）。"
        elif len(body) > 4000:
            errors["text"] = "补正内容不超过4000字，请精简。"
        if errors:
            raise OnlineInvalid(errors)
        now = self._now()
        outcome = self._guarded(query_code, last4, client,
                                lambda s, c, l4: self._store.answer_correction(s, c, l4, body, files, now))
        if outcome == "none":
            raise OnlineForbidden("本申请当前没有需要补正的事项。")
        if outcome == "answered":
            raise OnlineForbidden("本次补正已在线提交，正在等待工作人员接收，请勿重复提交。")

    def download(self, query_code: str, last4: str, document_id: int, client: Client) -> tuple[str, bytes]:
        """(filename, signed PDF) of a document offered online; the first download is recorded as its
        电子送达 (served on that day). OnlineForbidden for a document not offered to this case."""
        now = self._now()
        got = self._guarded(query_code, last4, client,
                            lambda s, c, l4: self._store.fetch_document(s, c, l4, int(document_id), now))
        if got == "forbidden":
            raise OnlineForbidden("该文书不存在或不提供在线获取。")
        kind, number, pdf = got
        return f"{kind}{('-' + number) if number else ''}.pdf", pdf
