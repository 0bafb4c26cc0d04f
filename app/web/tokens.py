"""Signed tokens without server state: the CSRF double-submit pair, the form clock and the case cookie.

CSRF: the browser holds a random ``dd_csrf`` cookie (HttpOnly, SameSite=Strict); every form carries
``issued.mac`` where mac = HMAC(secret, cookie nonce + issued). Another site can neither read nor set
our cookie, so it cannot make a matching field; a very old form asks for a reload. (The anti-robot
form clock and honeypot are the service's: OnlineService.issue_challenge / check_cheap_challenge.)
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from itsdangerous import BadSignature, URLSafeTimedSerializer

CSRF_COOKIE = "dd_csrf"
CASE_COOKIE = "dd_case"


class TokenRefused(Exception):
    """The form's token is missing, forged, too old or too quick; ``message`` is for the applicant."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.message = message
        self.reason = reason


RELOAD = "页面已过期或来源无法验证，请刷新页面后重新填写提交。"


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def _mac(secret: bytes, nonce: str, issued: int) -> str:
    return hmac.new(secret, f"csrf|{nonce}|{issued}".encode(), hashlib.sha256).hexdigest()


def form_token(secret: bytes, nonce: str, now: float | None = None) -> str:
    issued = int(now if now is not None else time.time())
    return f"{issued}.{_mac(secret, nonce, issued)}"


def check_form_token(secret: bytes, nonce: str | None, token: str | None, *, max_age: int,
                     now: float | None = None) -> None:
    """Raise TokenRefused unless ``token`` was made for this browser's ``nonce`` within the limits."""
    now = now if now is not None else time.time()
    if not nonce or not token or "." not in token:
        raise TokenRefused(RELOAD, "missing")
    issued_text, mac = token.split(".", 1)
    if not issued_text.isdigit() or not hmac.compare_digest(mac, _mac(secret, nonce, int(issued_text))):
        raise TokenRefused(RELOAD, "forged")
    age = now - int(issued_text)
    if age > max_age or age < -60:
        raise TokenRefused(RELOAD, "expired")


def _serializer(secret: bytes, purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=f"disclosure-desk.{purpose}")


def case_cookie(secret: bytes, query_code: str, last4: str) -> str:
    """The status look-up kept open in the browser: signed (not secret from its own holder), short-lived."""
    return _serializer(secret, "case").dumps([query_code, last4])


def read_case_cookie(secret: bytes, value: str | None, max_age: int) -> tuple[str, str] | None:
    if not value:
        return None
    try:
        code, last4 = _serializer(secret, "case").loads(value, max_age=max_age)
    except (BadSignature, ValueError, TypeError):
        return None
    return str(code), str(last4)


def sign_receipt(secret: bytes, data: dict) -> str:
    """The 提交凭证's content, signed, so its PDF can be made later without server state or forgery."""
    return _serializer(secret, "receipt").dumps(data)


def read_receipt(secret: bytes, token: str | None, max_age: int) -> dict | None:
    if not token:
        return None
    try:
        return _serializer(secret, "receipt").loads(token, max_age=max_age)
    except (BadSignature, ValueError, TypeError):
        return None
