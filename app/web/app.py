"""The ASGI application: ``create_app(service, config)``; ``app_from_env()`` for uvicorn's workers."""

from __future__ import annotations

import logging
import os

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from app.resources import resource_path
from app.web import apply_pages, routes, status_pages, tokens
from app.web.config import DB_ENV, WebConfig
from app.web.guard import Guard
from app.web.pages import make_environment


def create_app(service, config: WebConfig):
    """The site around one OnlineService; the Guard (addresses, limits, headers, log) wraps all of it."""
    table = [
        Route("/", apply_pages.home, methods=["GET"]),
        Route("/apply/{code}", apply_pages.apply_form, methods=["GET"], name="apply"),
        Route("/apply/{code}", apply_pages.apply_submit, methods=["POST"]),
        Route("/receipt", apply_pages.receipt_pdf, methods=["POST"]),
        Route("/status", status_pages.status_view, methods=["GET"]),
        Route("/status", status_pages.status_lookup, methods=["POST"]),
        Route("/status/correction", status_pages.correction_answer, methods=["POST"]),
        Route("/status/documents/{document_id:int}", status_pages.document, methods=["GET"]),
        Route("/status/leave", status_pages.leave, methods=["POST"]),
        Route("/healthz", routes.health, methods=["GET"]),
        Mount("/static", StaticFiles(directory=str(resource_path("web", "static"))), name="static"),
    ]
    site = Starlette(routes=table, exception_handlers={
        404: routes.not_found, 405: routes.method_not_allowed, 500: routes.server_error,
        HTTPException: routes.method_not_allowed, tokens.TokenRefused: routes.refused_token,
        MultiPartException: routes.bad_form})
    site.state.service = service
    site.state.config = config
    site.state.env = make_environment()
    return Guard(site, config)


def app_from_env():
    """Factory for ``uvicorn --factory app.web.app:app_from_env`` (each worker builds its own pool)."""
    from app.services.online.codes import load_secret
    from app.services.online.online_service import OnlineService

    if not logging.getLogger("app.web").handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(name)s %(message)s"))
        logging.getLogger("app.web").addHandler(handler)
        logging.getLogger("app.web").setLevel(logging.INFO)
    url = os.environ[DB_ENV]
    secret = load_secret()
    return create_app(OnlineService.open(url, secret), WebConfig.from_env(secret=secret))
