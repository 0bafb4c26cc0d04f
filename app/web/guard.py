"""Pure ASGI middleware in front of every route: addresses, size and time limits, headers, a clean log.

Order (outermost first): ``Guard`` sets the client address, refuses an oversized body before reading
it, bounds the time, adds the security headers to every answer and logs one line without personal data.
"""

from __future__ import annotations

import asyncio
import logging
import time
import traceback

from app.web.addresses import client_of, truncated
from app.web.config import WebConfig

log = logging.getLogger("app.web.access")

CSP = ("default-src 'self'; script-src 'none'; object-src 'none'; style-src 'self'; img-src 'self'; "
       "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
TOO_LARGE = "提交的内容过大（含附件），请减少或压缩附件后重新提交。".encode()
TOO_SLOW = "服务器繁忙，本次请求未完成，请稍后重试。".encode()


class BodyTooLarge(Exception):
    pass


class Guard:
    def __init__(self, app, config: WebConfig):
        self.app = app
        self.config = config

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        peer = scope.get("client")[0] if scope.get("client") else None
        address, https = client_of(peer, headers, self.config.trusted_proxies)
        scope.setdefault("state", {})
        scope["state"]["client_address"] = address
        scope["state"]["https"] = https
        started = time.perf_counter()
        status = {"code": 0, "sent": False, "closed": False}

        async def send_secured(message):
            if status["closed"]:             # the Guard has answered (413): what the app still sends is dropped
                return
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                status["sent"] = True
                message = dict(message)
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
                if scope["state"]["https"]:
                    message["headers"].append((b"strict-transport-security", b"max-age=31536000"))
            await send(message)

        limit = self.config.max_body
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await self._plain(send_secured, 413, TOO_LARGE)     # refused before one byte of the body is read
            self._log(scope, address, 413, started)
            return
        seen = 0

        async def receive_bounded():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:                 # chunked, or a Content-Length that lied
                    if not status["sent"]:
                        await self._plain(send_secured, 413, TOO_LARGE)
                    status["closed"] = True
                    raise BodyTooLarge
            return message

        try:
            async with asyncio.timeout(self.config.request_seconds):
                await self.app(scope, receive_bounded, send_secured)
        except BodyTooLarge:
            if not status["sent"]:
                await self._plain(send_secured, 413, TOO_LARGE)
        except TimeoutError:
            if not status["sent"]:
                await self._plain(send_secured, 503, TOO_SLOW)
        except Exception as e:               # noqa: BLE001 — re-raised by Starlette after its 500 page
            # Where it failed, never the message: a database error's text can quote the form's values.
            log.error("unhandled %s at %s", type(e).__name__, " < ".join(
                f"{f.filename.rsplit('/', 2)[-1]}:{f.lineno} {f.name}" for f in traceback.extract_tb(e.__traceback__)))
            if not status["sent"]:
                await self._plain(send_secured, 500, TOO_SLOW)
        self._log(scope, address, status["code"], started)

    @staticmethod
    async def _plain(send, code: int, body: bytes):
        await send({"type": "http.response.start", "status": code,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    def _log(scope, address: str, code: int, started: float) -> None:
        # The route's pattern, never the query string or the body: no 查询码, no form values.
        route = scope.get("route")
        path = getattr(route, "path", None) or ("/static" if scope["path"].startswith("/static/") else "-")
        log.info("%s %s %s %d %.0fms", truncated(address), scope["method"], path, code,
                 (time.perf_counter() - started) * 1000)
