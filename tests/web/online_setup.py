"""A PostgreSQL database set up as the README says (owner, dd_app, dd_web roles), for the load test and
anything else that starts the service as its own process: its URLs, the env, and direct SQL probes."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import psycopg

from app.services.online import codes
from app.services.online.dto import Client
from app.services.online.online_service import OnlineService
from app.services.uow import Database
from tests.conftest import configure_test_office
from tests.services.online.support import SECRET, citizen


@dataclass(frozen=True)
class ServerSite:
    owner_url: str
    web_url: str
    env: dict
    agency: str


def plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


@contextmanager
def server_database(pg_url: str):
    """A fresh database with the roles on the server at ``pg_url`` (…/postgres or the bare server URL)."""
    from tests.web.conftest import pg_pair

    base = pg_url.rsplit("/", 1)[0] if pg_url.count("/") > 2 else pg_url
    owner_url, web_url = pg_pair(base)
    configure_test_office(Database.open(owner_url)).dispose()
    web = Database.open(web_url, migrate=False)
    try:
        agency = OnlineService(web, SECRET).agencies()[0].code
    finally:
        web.dispose()
    yield ServerSite(owner_url, web_url, {"DD_ONLINE_SECRET": SECRET.hex()}, agency)


_probe: dict[str, tuple[str, tuple]] = {}


def bare_status_sql(site: ServerSite) -> tuple[str, str, tuple]:
    """(URL to connect as dd_web, the one SQL statement a status query runs at its core, its parameters)
    for a real submission made here through the service."""
    if site.web_url not in _probe:
        web = Database.open(site.web_url, migrate=False)
        try:
            receipt = OnlineService(web, SECRET).submit(site.agency, citizen(description="用于计时的申请"), [],
                                                        Client("192.0.2.250"))
        finally:
            web.dispose()
        code_h = codes.code_hash(SECRET, codes.normalise_code(receipt.query_code))
        _probe[site.web_url] = ("SELECT dd_web_status(%s, %s)",
                                (code_h, codes.last4_hash(SECRET, code_h, "5678")))
    sql, params = _probe[site.web_url]
    return plain(site.web_url), sql, params


def count_submissions(site: ServerSite) -> int:
    with psycopg.connect(plain(site.owner_url)) as conn:
        return conn.execute("SELECT count(*) FROM online_submissions").fetchone()[0]
