"""What every page route shares: the service and the client address, the posted form with its CSRF
check, the refusal page, PDF answers, and the error pages. The routes themselves are in
``apply_pages.py`` (agency, form, 查询码, 提交凭证) and ``status_pages.py`` (look-up, status, 补正, documents).

Every decision is the service's; a route reads the form, checks the CSRF token, calls one service
method in the thread pool and renders what came back (or the service's Chinese error).
"""

from __future__ import annotations

import logging
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from app.services.online.dto import Client
from app.web import tokens
from app.web.guard import BodyTooLarge
from app.web.pages import render

log = logging.getLogger("app.web")
BUSY = "服务器繁忙，请稍后重试。"
BAD_FORM = "提交的内容无法识别（附件或字段过多），请检查后重新提交。"


def applicant_client(request: Request) -> Client:
    return Client(address=request.state.client_address)


def online_service(request: Request):
    return request.app.state.service


async def posted_form(request: Request):
    """The form, size-bounded, with its CSRF token checked; TokenRefused / MultiPartException otherwise."""
    config = request.app.state.config
    form = await request.form(max_files=config.max_files, max_fields=config.max_fields,
                              max_part_size=config.max_part)
    tokens.check_form_token(config.secret, request.cookies.get(tokens.CSRF_COOKIE), form.get("csrf"),
                            max_age=config.token_seconds)
    return form


async def refused_token(request: Request, error: "tokens.TokenRefused"):
    """A form whose CSRF token is missing, forged or stale (raised by ``posted_form``): 403."""
    return refusal(request, error.message, 403)


async def bad_form(request: Request, _error: Exception):
    """A body that is not a well-formed, bounded form (raised by ``posted_form``): 400."""
    return refusal(request, BAD_FORM, 400)


def refusal(request: Request, message: str, status: int, **headers):
    return render(request, "message.html", status=status, headers=headers or None, title="无法完成", message=message)


def pdf_answer(data: bytes, filename: str) -> Response:
    return Response(data, media_type="application/pdf", headers={
        "content-disposition": f"attachment; filename=\"document.pdf\"; filename*=UTF-8''{quote(filename)}",
        "cache-control": "no-store"})


async def health(request: Request):
    return Response("ok", media_type="text/plain")


async def not_found(request: Request, exc):
    return refusal(request, "页面不存在。", 404)


async def method_not_allowed(request: Request, exc):
    status = getattr(exc, "status_code", 405)
    return refusal(request, "页面不存在或请求方式不对。", status)


async def server_error(request: Request, exc):
    if isinstance(exc, BodyTooLarge):         # the Guard has already answered 413
        return Response(status_code=413)
    log.error("unhandled %s on %s", type(exc).__name__, request.scope.get("route") and request.scope["route"].path)
    return refusal(request, BUSY, 500)
