"""Rendering: the Jinja2 environment (autoescaped), the CSRF cookie and token on every page."""

from __future__ import annotations

from datetime import date

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from app.resources import resource_path
from app.web import tokens
from app.web.forms import FIELDS, HONEYPOT, SECTIONS, grouped


def _chinese_date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def make_environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(resource_path("web", "templates"))), auto_reload=False,
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["cndate"] = _chinese_date
    env.filters["groups"] = grouped
    env.globals.update(SECTIONS=SECTIONS, FIELDS=FIELDS, HONEYPOT=HONEYPOT)
    return env


def csrf_nonce(request: Request) -> tuple[str, bool]:
    """This browser's CSRF nonce, and whether it is new (then the answer sets the cookie)."""
    nonce = request.cookies.get(tokens.CSRF_COOKIE, "")
    if 20 <= len(nonce) <= 64 and nonce.replace("-", "").replace("_", "").isalnum():
        return nonce, False
    return tokens.new_nonce(), True


def set_cookie(response, request: Request, name: str, value: str, max_age: int | None, path: str = "/") -> None:
    response.set_cookie(name, value, max_age=max_age, path=path, httponly=True, samesite="strict",
                        secure=bool(request.state.https))


def render(request: Request, template: str, status: int = 200, headers: dict | None = None, **context):
    config = request.app.state.config
    nonce, new = csrf_nonce(request)
    context.update(request=request, csrf=tokens.form_token(config.secret, nonce))
    html = request.app.state.env.get_template(template).render(**context)
    response = HTMLResponse(html, status_code=status, headers=headers)
    response.headers["cache-control"] = "no-store"          # pages may show personal data
    if new:
        set_cookie(response, request, tokens.CSRF_COOKIE, nonce, None)
    return response
