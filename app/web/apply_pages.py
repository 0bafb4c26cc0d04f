"""The way in: the agency choice, the Art 29 form with its errors, the 查询码 page and the 提交凭证 PDF."""

from __future__ import annotations

from datetime import datetime

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse

from app.errors import DomainError
from app.services.online import codes
from app.services.online.dto import OnlineForbidden, OnlineInvalid, OnlineThrottled, SubmissionReceipt
from app.web import tokens
from app.web.forms import FIELDS, HONEYPOT, application_from, uploads_from
from app.web.pages import render, set_cookie
from app.web.routes import BUSY, applicant_client, log, online_service, pdf_answer, posted_form, refusal


async def _agency_or_none(request: Request, code: str):
    agencies = await run_in_threadpool(online_service(request).agencies)
    return next((a for a in agencies if a.code == code), None), agencies


async def home(request: Request):
    agencies = await run_in_threadpool(online_service(request).agencies)
    if len(agencies) == 1:
        return RedirectResponse(request.url_for("apply", code=agencies[0].code).path, status_code=303)
    return render(request, "agencies.html", agencies=agencies)


async def apply_form(request: Request):
    agency, agencies = await _agency_or_none(request, request.path_params["code"])
    if agency is None:
        return refusal(request, "没有这个受理单位，请从首页选择。", 404)
    challenge = await run_in_threadpool(online_service(request).issue_challenge)
    return render(request, "apply.html", agency=agency, several=len(agencies) > 1, values={}, errors={},
                  challenge=challenge)


async def apply_submit(request: Request):
    agency, agencies = await _agency_or_none(request, request.path_params["code"])
    if agency is None:
        return refusal(request, "没有这个受理单位，请从首页选择。", 404)
    form = await posted_form(request)     # a refused token or a malformed form: app.py's handlers
    service = online_service(request)
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
        receipt = await run_in_threadpool(service.submit, agency.code, application, uploads, applicant_client(request))
    except OnlineInvalid as e:
        return await again(422, e.errors)
    except OnlineForbidden as e:
        return await again(403, {}, e.message)
    except OnlineThrottled as e:
        return refusal(request, e.message, 429, **{"retry-after": str(e.retry_after)})
    except DomainError as e:
        log.warning("submit refused: %s", type(e).__name__)
        return refusal(request, BUSY, 503)
    config = request.app.state.config
    last4 = codes.last4(application.phone)    # the service's own reading of "the last four"
    response = render(request, "submitted.html", receipt=receipt,
                      receipt_token=tokens.sign_receipt(config.secret, _receipt_data(receipt)))
    set_cookie(response, request, tokens.CASE_COOKIE, tokens.case_cookie(config.secret, receipt.query_code, last4),
               config.case_cookie_seconds, path="/status")
    return response


def _receipt_data(r: SubmissionReceipt) -> dict:
    return {"code": r.query_code, "agency": r.agency_name, "at": r.submitted_at.isoformat(),
            "lines": [list(line) for line in r.lines], "files": list(r.attachments)}


async def receipt_pdf(request: Request):
    form = await posted_form(request)     # a refused token or a malformed form: app.py's handlers
    data = tokens.read_receipt(request.app.state.config.secret, str(form.get("receipt") or ""),
                               max_age=request.app.state.config.token_seconds)
    if data is None:
        return refusal(request, tokens.RELOAD, 403)
    receipt = SubmissionReceipt(query_code=data["code"], agency_name=data["agency"],
                                submitted_at=datetime.fromisoformat(data["at"]),
                                lines=[tuple(x) for x in data["lines"]], attachments=list(data["files"]))
    from app.exports.submission_receipt import submission_receipt_pdf

    pdf = await run_in_threadpool(submission_receipt_pdf, receipt)
    return pdf_answer(pdf, "提交凭证.pdf")
