"""The web app around the real OnlineService on the ``any_db`` database (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
import time

import pytest
from starlette.testclient import TestClient

from app.services.container import Services
from app.services.online import codes
from app.services.online.desk_service import OnlineDeskService
from app.services.online.online_service import OnlineService
from app.services.uow import Database
from app.web.app import create_app
from app.web.config import WebConfig, parse_networks
from tests.conftest import configure_test_office
from tests.services.online.support import SECRET, Clock

HIDDEN = re.compile(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">')
GROUP = re.compile(r'<span class="group">([0-9A-Z]{4})</span>')


def aged_challenge(seconds: int = 10) -> str:
    """The service's form token as a person who spent ``seconds`` filling in the form would send it."""
    stamp = str(int(time.time()) - seconds)
    return f"{stamp}.{codes.sign(SECRET, stamp)}"


class Site:
    """One browser (its own cookie jar) on the app, plus the services the clerk uses."""

    def __init__(self, db: Database, web_db: Database, config: WebConfig, peer: str = "203.0.113.7"):
        self.db = db                           # the desk's side (the clerk's services)
        self.clock = Clock()
        today = lambda: self.clock.now.date()  # noqa: E731
        self.online = OnlineService(web_db, SECRET, today=today, now=self.clock)   # the applicant's side
        self.desk = OnlineDeskService(db, today=today, now=self.clock)
        self.services = Services.build(db, today=today)
        self.config = config
        self.app = create_app(self.online, config)
        self.client = self.browser(peer)
        self.agency = self.online.agencies()[0].code

    def browser(self, peer: str = "203.0.113.7") -> TestClient:
        return TestClient(self.app, base_url="http://testserver", client=(peer, 40000), follow_redirects=False)

    @staticmethod
    def hidden(html: str) -> dict[str, str]:
        return dict(HIDDEN.findall(html))

    def form(self, path: str | None = None, client: TestClient | None = None) -> dict[str, str]:
        """Open the application form; its hidden fields with the form clock set as a person's would be."""
        r = (client or self.client).get(path or f"/apply/{self.agency}")
        assert r.status_code == 200, r.text
        fields = self.hidden(r.text)
        fields["challenge"] = aged_challenge()
        return fields

    def submit(self, values: dict, files=None, client: TestClient | None = None, headers=None):
        client = client or self.client
        data = {**self.form(client=client), **values}
        return client.post(f"/apply/{self.agency}", data=data, files=files, headers=headers)


CITIZEN = dict(applicant_type="公民", name="张三", description="申请公开某路拓宽工程的规划许可证及附图",
               phone="13812345678", id_type="居民身份证", id_number="11010519491231002X",
               address="某某市某某路2号", postcode="100000", email="zs@example.com", form="电子",
               delivery="在线获取")


def code_of(html: str) -> str:
    return "-".join(GROUP.findall(html))


def pg_pair(pg_server) -> tuple[str, str]:
    """A fresh database with the README's roles: (owner URL for the desk, dd_web URL for the web)."""
    from tests.services.trust.test_postgresql_roles import _roles

    app_url, _admin = _roles(pg_server)
    return (app_url.replace("dd_app_", "dd_owner_").replace("change-me-app", "change-me-owner"),
            app_url.replace("dd_app_", "dd_web_").replace("change-me-app", "change-me-web"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def web_dbs(request, tmp_path):
    """(desk database, web database): one SQLite file twice, or PostgreSQL as its owner and as dd_web."""
    if request.param == "sqlite":
        db = configure_test_office(Database.open(str(tmp_path / "web.sqlite3")))
        yield db, db
        db.dispose()
        return
    owner_url, web_url = pg_pair(request.getfixturevalue("pg_server"))
    db = configure_test_office(Database.open(owner_url))
    web = Database.open(web_url, migrate=False)
    yield db, web
    web.dispose()
    db.dispose()


@pytest.fixture
def site(web_dbs) -> Site:
    return Site(*web_dbs, WebConfig(secret=SECRET, trusted_proxies=parse_networks("127.0.0.1"),
                                    max_body=2 * 1024 * 1024))
