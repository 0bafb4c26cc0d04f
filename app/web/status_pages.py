"""Following the case: the look-up, the status page, the 补正 answer and the document downloads."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import RedirectResponse

from app.services.online.dto import OnlineForbidden, OnlineInvalid, OnlineNotFound, OnlineThrottled
from app.web import tokens
from app.web.forms import uploads_from
from app.web.pages import render, set_cookie
from app.web.routes import applicant_client, online_service, pdf_answer, posted_form, refusal


def _case(request: Request) -> tuple[str, str] | None:
    config = request.app.state.config
    return tokens.read_case_cookie(config.secret, request.cookies.get(tokens.CASE_COOKIE),
                                   config.case_cookie_seconds)


async def _status_page(request: Request, code: str, last4: str, status: int = 200, **extra):
    try:
        public = await run_in_threadpool(online_service(request).status, code, last4, applicant_client(request))
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
        form = await posted_form(request)
    except tokens.TokenRefused as e:      # here the look-up form again, with the message
        return render(request, "lookup.html", status=403, error=e.message)
    code = str(form.get("query_code") or "").strip().upper()
    last4 = str(form.get("last4") or "").strip()
    if not code or not last4:
        return render(request, "lookup.html", status=422, error="请填写查询码和联系电话或证件号码的后四位。")
    try:
        await run_in_threadpool(online_service(request).status, code, last4, applicant_client(request))
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
    form = await posted_form(request)     # a refused token or a malformed form: app.py's handlers
    text = str(form.get("answer") or "").strip()
    try:
        uploads = await uploads_from(form)
        await run_in_threadpool(online_service(request).answer_correction, case[0], case[1], text, uploads,
                                applicant_client(request))
    except OnlineInvalid as e:
        return await _status_page(request, *case, status=422, answer_errors=e.errors, answer_text=text)
    except (OnlineForbidden, OnlineNotFound) as e:
        return await _status_page(request, *case, status=403, answer_top=e.message)
    except OnlineThrottled as e:
        return refusal(request, e.message, 429, **{"retry-after": str(e.retry_after)})
    return RedirectResponse("/status?done=1", status_code=303)


async def document(request: Request):
    case = _case(request)
    if case is None:
        return render(request, "lookup.html", status=403, error="查询已超时，请重新输入查询码。")
    try:
        name, data = await run_in_threadpool(online_service(request).download, case[0], case[1],
                                             request.path_params["document_id"], applicant_client(request))
    except (OnlineForbidden, OnlineNotFound):
        return refusal(request, "没有这份文书，或它不通过网上送达。", 404)
    except OnlineThrottled as e:
        return refusal(request, e.message, 429, **{"retry-after": str(e.retry_after)})
    return pdf_answer(data, name)


async def leave(request: Request):
    try:
        await posted_form(request)
    except (tokens.TokenRefused, MultiPartException):
        pass                                  # leaving is harmless: clear the cookie anyway
    response = RedirectResponse("/status", status_code=303)
    response.delete_cookie(tokens.CASE_COOKIE, path="/status")
    return response
