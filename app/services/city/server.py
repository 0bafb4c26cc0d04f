"""Calling the city's server functions: a refusal by the server becomes the domain error it stands for."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError

from app.errors import PermissionDenied, ValidationError
from app.workflow.vocabulary import Role

CITY_ONLY = "只有市政务公开办的账户可以查看或督办各机关的办理情况。"


def require_city(actor) -> None:
    """The service's own check (the server checks again from the session on PostgreSQL)."""
    if actor.role is not Role.CITY:
        raise PermissionDenied(CITY_ONLY)


@contextmanager
def server_refusals():
    """Turn the functions' refusals (42501: not allowed, 22023: bad input) into their Chinese message."""
    try:
        yield
    except DBAPIError as e:
        code = getattr(e.orig, "sqlstate", None)
        diag = getattr(e.orig, "diag", None)
        message = getattr(diag, "message_primary", None) or str(e.orig)
        if code == "42501" and getattr(diag, "source_function", "") == "exec_stmt_raise":
            raise PermissionDenied(message) from e
        if code == "22023":
            raise ValidationError(message) from e
        raise
