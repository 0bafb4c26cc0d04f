"""The applicant's pages: choose the agency, apply, the 查询码 and 提交凭证, status, 补正, documents.

Every decision is the service's; a route reads the form, checks the CSRF token, calls one service
method in the thread pool and renders what came back (or the service's Chinese error).
"""

from __future__ import annotations

import logging
from datetime import datetime
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.errors import DomainError
from app.services.online.dto import (Client, OnlineForbidden, OnlineInvalid, OnlineNotFound, OnlineThrottled,
                                     SubmissionReceipt)
from app.web import tokens
from app.web.forms import FIELDS, HONEYPOT, application_from, uploads_from
from app.web.guard import BodyTooLarge
from app.web.pages import render, set_cookie

log = logging.getLogger("app.web")
BUSY = "服务器繁忙，请稍后重试。"
BAD_FORM = "提交的内容无法识别（附件或字段过多），请检查后重新提交。"


def _client(request: Request) -> Client:
    return Client(address=request.state.client_address)


def _service(request: Request):
    return request.app.state.service


async def _posted(request: Request):
    """The form, size-bounded, with its CSRF token checked; TokenRefused / MultiPartException otherwise."""
    config = request.app.state.config
    form = await request.form(max_files=config.max_files, max_fields=config.max_fields,
                              max_part_size=config.max_part)
    tokens.check_form_token(config.secret, request.cookies.get(tokens.CSRF_COOKIE), form.get("csrf"),
                            max_age=config.token_seconds)
    return form


def _refused(request: Request, message: str, status: int, **headers):
    return render(request, "message.html", status=status, headers=headers or None, title="无法完成", message=message)


async def _agency_or_none(request: Request, code: str):
    agencies = await run_in_threadpool(_service(request).agencies)
    return next((a for a in agencies if a.code == code), None), agencies


async def home(request: Request):
    agencies = await run_in_threadpool(_service(request).agencies)
    if len(agencies) == 1:
        return RedirectResponse(request.url_for("apply", code=agencies[0].code).path, status_code=303)
    return render(request, "agencies.html", agencies=agencies)


async def apply_form(request: Request):
    agency, agencies = await _agency_or_none(request, request.path_params["code"])
    if agency is None:
        return _refused(request, "没有这个受理单位，请从首页选择。", 404)
    challenge = await run_in_threadpool(_service(request).issue_challenge)
    return render(request, "apply.html", agency=agency, several=len(agencies) > 1, values={}, errors={},
                  challenge=challenge)


async def apply_submit(request: Request):
    agency, agencies = await _agency_or_none(request, request.path_params["code"])
    if agency is None:
        return _refused(request, "没有这个受理单位，请从首页选择。", 404)
    try:
        form = await _posted(request)
    except tokens.TokenRefused as e:
        return _refused(request, e.message, 403)
    except MultiPartException:
        return _refused(request, BAD_FORM, 400)
    service = _service(request)
    application = application_from(form)
    values = {name: getattr(application, name) for name in FIELDS}

    async def again(status: int, errors: dict[str, str], top: str = ""):
        challenge = await run_in_threadpool(service.issue_challenge)
        return render(request, "apply.html", status=status, agency=agency, several=len(agencies) > 1,
                      values=values, errors=errors, top=top, challenge=challenge)

    try:
        await run_in_threadpool(service.check_cheap_challenge, str(form.get("challenge") or ""),
                                str(form.get(HONEYPOT) or ""))
        uploads = await uploads_from(form)
        receipt = await run_in_threadpool(service.submit, agency.code, application, uploads, _client(request))
    except OnlineInvalid as e:
        return await again(422, e.errors)
    except OnlineForbidden as e:
        return await again(403, {}, e.message)
    except OnlineThrottled as e:
        return _refused(request, e.message, 429, **{"retry-after": str(e.retry_after)})
    except DomainError as e:
        log.warning("submit refused: %s", type(e).__name__)
        return _refused(request, BUSY, 503)
    config = request.app.state.config
    last4 = "".join(ch for ch in application.phone if ch.isdigit())[-4:]
    response = render(request, "submitted.html", receipt=receipt,
                      receipt_token=tokens.sign_receipt(config.secret, _receipt_data(receipt)))
    set_cookie(response, request, tokens.CASE_COOKIE, tokens.case_cookie(config.secret, receipt.query_code, last4),
               config.case_cookie_seconds, path="/status")
    return response


def _receipt_data(r: SubmissionReceipt) -> dict:
    return {"code": r.query_code, "agency": r.agency_name, "at": r.submitted_at.isoformat(),
            "lines": [list(line) for line in r.lines], "files": list(r.attachments)}


async def receipt_pdf(request: Request):
    try:
        form = await _posted(request)
    except tokens.TokenRefused as e:
        return _refused(request, e.message, 403)
    except MultiPartException:
        return _refused(request, BAD_FORM, 400)
    data = tokens.read_receipt(request.app.state.config.secret, str(form.get("receipt") or ""),
                               max_age=request.app.state.config.token_seconds)
    if data is None:
        return _refused(request, tokens.RELOAD, 403)
    receipt = SubmissionReceipt(query_code=data["code"], agency_name=data["agency"],
                                submitted_at=datetime.fromisoformat(data["at"]),
                                lines=[tuple(x) for x in data["lines"]], attachments=list(data["files"]))
    from app.exports.submission_receipt import submission_receipt_pdf

    pdf = await run_in_threadpool(submission_receipt_pdf, receipt)
    return _pdf(pdf, "提交凭证.pdf")


def _pdf(data: bytes, filename: str) -> Response:
    return Response(data, media_type="application/pdf", headers={
        "content-disposition": f"attachment; filename=\"document.pdf\"; filename*=UTF-8''{quote(filename)}",
        "cache-control": "no-store"})


def _case(request: Request) -> tuple[str, str] | None:
    config = request.app.state.config
    return tokens.read_case_cookie(config.secret, request.cookies.get(tokens.CASE_COOKIE),
                                   config.case_cookie_seconds)


async def _status_page(request: Request, code: str, last4: str, status: int = 200, **extra):
    try:
        public = await run_in_threadpool(_service(request).status, code, last4, _client(request))
    except OnlineNotFound as e:
        response = render(request, "lookup.html", status=404, error=e.message)
        response.delete_cookie(tokens.CASE_COOKIE, path="/status")
        return response
    except OnlineThrottled as e:
        return render(request, "lookup.html", status=429, error=e.message,
                      headers={"retry-after": str(e.retry_after)})
    return render(request, "status.html", status=status, public=public, **extra)


async def status_view(request: Request):
    case = _case(request)
    if case is None:
        return render(request, "lookup.html", error="")
    return await _status_page(request, *case, done=request.query_params.get("done") == "1")


async def status_lookup(request: Request):
    try:
        form = await _posted(request)
    except tokens.TokenRefused as e:
        return render(request, "lookup.html", status=403, error=e.message)
    except MultiPartException:
        return _refused(request, BAD_FORM, 400)
    code = str(form.get("query_code") or "").strip().upper()
    last4 = str(form.get("last4") or "").strip()
    if not code or not last4:
        return render(request, "lookup.html", status=422, error="请填写查询码和联系电话或证件号码的后四位。")
    try:
        await run_in_threadpool(_service(request).status, code, last4, _client(request))
    except OnlineNotFound as e:
        return render(request, "lookup.html", status=404, error=e.message)
    except OnlineThrottled as e:
        return render(request, "lookup.html", status=429, error=e.message, headers={"retry-after": str(e.retry_after)})
    config = request.app.state.config
    response = RedirectResponse("/status", status_code=303)
    set_cookie(response, request, tokens.CASE_COOKIE, tokens.case_cookie(config.secret, code, last4),
               config.case_cookie_seconds, path="/status")
    return response


async def correction_answer(request: Request):
    case = _case(request)
    if case is None:
        return render(request, "lookup.html", status=403, error="查询已超时，请重新输入查询码。")
    try:
        form = await _posted(request)
    except tokens.TokenRefused as e:
        return _refused(request, e.message, 403)
    except MultiPartException:
        return _refused(request, BAD_FORM, 400)
    text = str(form.get("answer") or "").strip()
    try:
        uploads = await uploads_from(form)
        await run_in_threadpool(_service(request).answer_correction, case[0], case[1], text, uploads,
                                _client(request))
    except OnlineInvalid as e:
        return await _status_page(request, *case, status=422, answer_errors=e.errors, answer_text=text)
    except (OnlineForbidden, OnlineNotFound) as e:
        return await _status_page(request, *case, status=403, answer_top=e.message)
    except OnlineThrottled as e:
        return _refused(request, e.message, 429, **{"retry-after": str(e.retry_after)})
    return RedirectResponse("/status?done=1", status_code=303)


async def document(request: Request):
    case = _case(request)
    if case is None:
        return render(request, "lookup.html", status=403, error="查询已超时，请重新输入查询码。")
    try:
        name, data = await run_in_threadpool(_service(request).download, case[0], case[1],
                                             request.path_params["document_id"], _client(request))
    except (OnlineForbidden, OnlineNotFound):
        return _refused(request, "没有这份文书，或它不通过网上送达。", 404)
    except OnlineThrottled as e:
        return _refused(request, e.message, 429, **{"retry-after": str(e.retry_after)})
    return _pdf(data, name)


async def leave(request: Request):
    try:
        await _posted(request)
    except (tokens.TokenRefused, MultiPartException):
        pass                                  # leaving is harmless: clear the cookie anyway
    response = RedirectResponse("/status", status_code=303)
    response.delete_cookie(tokens.CASE_COOKIE, path="/status")
    return response


async def health(request: Request):
    return Response("ok", media_type="text/plain")


async def not_found(request: Request, exc):
    return _refused(request, "页面不存在。", 404)


async def method_not_allowed(request: Request, exc):
    status = getattr(exc, "status_code", 405)
    return _refused(request, "页面不存在或请求方式不对。", status)


async def server_error(request: Request, exc):
    if isinstance(exc, BodyTooLarge):         # the Guard has already answered 413
        return Response(status_code=413)
    log.error("unhandled %s on %s", type(exc).__name__, request.scope.get("route") and request.scope["route"].path)
    return _refused(request, BUSY, 500)

